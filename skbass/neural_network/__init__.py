"""Keras estimators on one scikeras base: the bass salience network (and, later, the
instrument convnets). Importing this subpackage loads Keras and its backend (TensorFlow by
default, JAX with ``KERAS_BACKEND=jax``); ``import skbass`` alone does not."""

import os

from ..utils._quiet import quiet_native_stderr

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")  # TensorFlow's Python-side info lines

with quiet_native_stderr():
    import keras

    from ._mlp import BassSalienceMLP

    if keras.backend.backend() == "tensorflow":  # device discovery logs "failed call to cuInit"
        import tensorflow as tf

        tf.config.list_physical_devices()

__all__ = ["BassSalienceMLP"]
