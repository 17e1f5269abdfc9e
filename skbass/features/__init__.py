"""Transformers from audio to features: constant-Q frames, scaling, context, bag of features."""

from ._bag_of_features import BagOfFeatures, bag_of_features, bag_of_features_baseline
from ._cqt import CQTFrames, cqt_frames
from ._scaling import LogScaler
from ._spiral import SpiralBands
from ._stacking import FrameStacker, stack_frames

__all__ = [
    "BagOfFeatures",
    "CQTFrames",
    "FrameStacker",
    "LogScaler",
    "SpiralBands",
    "bag_of_features",
    "bag_of_features_baseline",
    "cqt_frames",
    "stack_frames",
]
