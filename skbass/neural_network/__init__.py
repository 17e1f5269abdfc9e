"""Keras estimators on one scikeras base: the bass salience network and the instrument
convnets, and the network's NumPy forward pass for inference.

Importing this subpackage is light; the first access to a Keras estimator
(``from skbass.neural_network import BassSalienceMLP``) loads Keras and its backend
(TensorFlow by default, JAX with ``KERAS_BACKEND=jax``). The inference-only
``FrozenSalienceMLP`` (in ``._forward``) and ``mlp_forward`` (in ``._mlp_forward``) never
load them."""

import importlib
import os

from ..utils._quiet import quiet_native_stderr

# TensorFlow's C++ log lines once absl is set up, errors included: a Keras newer than
# TensorFlow makes tf.data log "NodeDef mentions attribute ..." on every fit, and real
# failures reach the user as Python exceptions. Set the variable to see them.
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

# name -> private module that loads Keras, imported on first access (PEP 562)
_LAZY = {
    "BassSalienceMLP": "._mlp",
    "PitchTargetEncoder": "._mlp",
    "HybridConvNetClassifier": "._hybrid",
}

__all__ = ["BassSalienceMLP", "HybridConvNetClassifier"]


def _import_keras_module(module):
    with quiet_native_stderr():
        import keras

        loaded = importlib.import_module(module, __name__)
        if keras.backend.backend() == "tensorflow":  # device discovery logs "failed call to cuInit"
            import tensorflow as tf

            tf.config.list_physical_devices()
    return loaded


def __getattr__(name):
    if name in _LAZY:
        value = getattr(_import_keras_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__():
    return sorted(set(globals()) | set(__all__))
