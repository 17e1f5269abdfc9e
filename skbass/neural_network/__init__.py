"""Keras estimators on one scikeras base: the bass salience network (and, later, the
instrument convnets). Importing this subpackage loads Keras and its backend (TensorFlow by
default, JAX with ``KERAS_BACKEND=jax``); ``import skbass`` alone does not."""

from ._mlp import BassSalienceMLP

__all__ = ["BassSalienceMLP"]
