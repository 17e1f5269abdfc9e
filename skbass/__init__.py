"""skbass: scikit-learn-compatible bass salience and instrument recognition for music audio.

Importing skbass does not import TensorFlow or Keras; the Keras-based estimators
load them on first use (``from skbass import BassSalienceMLP``).
"""

import importlib

from ._version import __version__
from .features import CQTFrames, FrameStacker, LogScaler
from .transcription import (
    BassLine,
    bass_pipeline,
    load_model,
    save_model,
    select_voicing_threshold,
    transcribe,
)

# public name -> subpackage that loads Keras, imported on first access (PEP 562)
_LAZY = {
    "BassSalienceMLP": ".neural_network",
}

__all__ = [
    "BassLine",
    "BassSalienceMLP",
    "CQTFrames",
    "FrameStacker",
    "LogScaler",
    "__version__",
    "bass_pipeline",
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
