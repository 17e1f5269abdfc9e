"""skbass: scikit-learn-compatible bass salience and instrument recognition for music audio.

Importing skbass does not import TensorFlow or Keras; the Keras-based estimators
load them on first use (``from skbass import BassSalienceMLP``).
"""

import importlib

from ._cqt import CQTFrames
from ._model import bass_pipeline, load_model, save_model
from ._scaling import LogScaler
from ._stacking import FrameStacker
from ._transcribe import BassLine, transcribe
from ._voicing import select_voicing_threshold

__version__ = "0.1.0"

# public name -> private module, imported on first access (PEP 562)
_LAZY = {
    "BassSalienceMLP": "._mlp",
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
