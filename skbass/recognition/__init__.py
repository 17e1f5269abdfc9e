"""Instrument recognition: the pipeline from audio to label, classifying recordings with a
fitted one, and the training recipe of the shipped instrument model."""

from ._classify import InstrumentPrediction, classify
from ._pipeline import instrument_pipeline
from ._training import RECIPES, train_instrument_model

__all__ = [
    "RECIPES",
    "InstrumentPrediction",
    "classify",
    "instrument_pipeline",
    "train_instrument_model",
]
