"""Instrument recognition: classifying solo recordings with a fitted instrument pipeline."""

from ._classify import InstrumentPrediction, classify

__all__ = ["InstrumentPrediction", "classify"]
