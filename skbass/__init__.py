"""skbass: scikit-learn-compatible bass salience and instrument recognition for music audio.

Public names load on first use (``lazy_loader``): ``import skbass`` imports neither
scikit-learn nor TensorFlow, so the ``skbass`` command starts fast; ``from skbass import
BassSalienceMLP`` loads Keras.
"""

import lazy_loader

from ._version import __version__  # noqa: F401  (public, listed in __all__)

_SUBPACKAGES = [
    "datasets",
    "experiments",
    "features",
    "metrics",
    "model_selection",
    "neural_network",
    "recognition",
    "semi_supervised",
    "transcription",
    "utils",
]
__getattr__, __dir__, _names = lazy_loader.attach(
    __name__,
    submodules=_SUBPACKAGES,
    submod_attrs={
        "features": ["CQTFrames", "FrameStacker", "LogScaler", "SpiralBands"],
        "neural_network": ["BassSalienceMLP", "HybridConvNetClassifier"],
        "recognition": ["instrument_pipeline"],
        "transcription": [
            "BassLine",
            "bass_pipeline",
            "load_model",
            "save_model",
            "select_voicing_threshold",
            "transcribe",
        ],
    },
)
__all__ = sorted({*_names, "__version__"} - set(_SUBPACKAGES))
