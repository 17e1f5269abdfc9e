"""Transformers from audio to features: constant-Q frames, magnitude scaling, frame context."""

from ._cqt import CQTFrames, cqt_frames
from ._scaling import LogScaler
from ._stacking import FrameStacker, stack_frames

__all__ = ["CQTFrames", "FrameStacker", "LogScaler", "cqt_frames", "stack_frames"]
