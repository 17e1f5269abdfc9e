"""Keras estimators on one scikeras base: the bass salience network (and, later, the
instrument convnets). Importing this subpackage loads Keras and its backend (TensorFlow by
default, JAX with ``KERAS_BACKEND=jax``); ``import skbass`` alone does not."""

import os

from ..utils._quiet import quiet_native_stderr

# TensorFlow's C++ log lines once absl is set up, errors included: a Keras newer than
# TensorFlow makes tf.data log "NodeDef mentions attribute ..." on every fit, and real
# failures reach the user as Python exceptions. Set the variable to see them.
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

with quiet_native_stderr():
    import keras

    from ._mlp import BassSalienceMLP

    if keras.backend.backend() == "tensorflow":  # device discovery logs "failed call to cuInit"
        import tensorflow as tf

        tf.config.list_physical_devices()

__all__ = ["BassSalienceMLP"]
