"""skbass: scikit-learn-compatible bass salience and instrument recognition for music audio.

Importing skbass does not import TensorFlow or Keras; the Keras-based estimators
load them on first use (``from skbass import BassSalienceMLP``).
"""

import importlib

from ._version import __version__
from .features import CQTFrames, FrameStacker, LogScaler, SpiralBands
from .transcription import (
    BassLine,
    bass_pipeline,
    load_model,
    save_model,
    select_voicing_threshold,
    transcribe,
)

# public name -> subpackage imported on first access (PEP 562): those that load Keras,
# and the instrument recognition pipeline
_LAZY = {
    "BassSalienceMLP": ".neural_network",
    "HybridConvNetClassifier": ".neural_network",
    "instrument_pipeline": ".recognition",
}

__all__ = [
    "BassLine",
    "BassSalienceMLP",
    "CQTFrames",
    "FrameStacker",
    "HybridConvNetClassifier",
    "LogScaler",
    "SpiralBands",
    "__version__",
    "bass_pipeline",
    "instrument_pipeline",
    "load_model",
    "save_model",
    "select_voicing_threshold",
    "transcribe",
]


def __getattr__(name):
    if name in _LAZY:
        value = getattr(importlib.import_module(_LAZY[name], __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__():
    return sorted(set(globals()) | set(__all__))
