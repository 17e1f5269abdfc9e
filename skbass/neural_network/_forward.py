"""The bass salience network's forward pass in NumPy, and an inference-only estimator on it.

Predicting with a fitted :class:`BassSalienceMLP` needs neither TensorFlow nor Keras: at
inference its network is a few array operations (dense layers, batch normalisation with
the moving statistics, ReLU, a sigmoid output layer; dropout is the identity). This module
imports neither, so :func:`skbass.load_model` and :func:`skbass.transcribe` start fast.
"""

from numbers import Real

import numpy as np
from scipy.special import expit
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.utils._param_validation import Interval
from sklearn.utils.validation import check_is_fitted, validate_data

from ..utils._samples import pool
from ._outputs import SalienceOutputsMixin

#: Keras's default ``BatchNormalization(epsilon=...)``, the one BassSalienceMLP builds.
KERAS_BATCH_NORM_EPSILON = 1e-3
#: Frames per forward pass (bounds the memory of the hidden activations).
_CHUNK = 8192


def _n_hidden_layers(n_weights, batch_normalization):
    per_layer = 5 if batch_normalization else 2
    n_hidden, rest = divmod(n_weights - 2, per_layer)
    if n_weights < 2 or rest:
        raise ValueError(
            f"{n_weights} weight arrays do not describe a BassSalienceMLP network "
            f"({'with' if batch_normalization else 'without'} batch normalisation)"
        )
    return n_hidden


def mlp_forward(X, weights, *, batch_normalization, epsilon=KERAS_BATCH_NORM_EPSILON):
    """Sigmoid outputs of a BassSalienceMLP network from its Keras weights, in float32.

    Per hidden layer: ``x @ kernel`` (plus the bias without batch normalisation), then
    batch normalisation at inference (``gamma * (x - moving_mean) / sqrt(moving_variance +
    epsilon) + beta``, computed as Keras's TensorFlow backend does), then ReLU; dropout is
    the identity at inference. Last: ``sigmoid(x @ kernel + bias)``.

    Parameters
    ----------
    X : np.ndarray [shape=(n_frames, n_features)]
        Input frames (converted to float32).
    weights : list of np.ndarray
        The network's weights in ``keras.Model.get_weights()`` order: per hidden layer
        ``kernel, gamma, beta, moving_mean, moving_variance`` with batch normalisation or
        ``kernel, bias`` without; then the output layer's ``kernel, bias``.
    batch_normalization : bool
        Whether the hidden layers have batch normalisation.
    epsilon : float, default=1e-3
        Batch normalisation's epsilon (Keras's default).

    Returns
    -------
    salience : np.ndarray [shape=(n_frames, n_outputs), dtype=float32]
        Values in [0, 1].

    Raises
    ------
    ValueError
        If the number of weight arrays does not fit the layer layout.

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> weights = [rng.normal(size=(3, 4)), np.zeros(4), rng.normal(size=(4, 2)), np.zeros(2)]
    >>> mlp_forward(rng.random((5, 3)), weights, batch_normalization=False).shape
    (5, 2)
    """
    n_hidden = _n_hidden_layers(len(weights), batch_normalization)
    weights = [np.asarray(w, dtype=np.float32) for w in weights]
    per_layer = 5 if batch_normalization else 2
    layers = []
    for i in range(n_hidden):
        w = weights[i * per_layer : (i + 1) * per_layer]
        if batch_normalization:
            kernel, gamma, beta, mean, variance = w
            # as tf.nn.batch_normalization: inv = rsqrt(var + eps) * gamma;
            # out = x * inv + (beta - mean * inv)
            inv = (np.float32(1) / np.sqrt(variance + np.float32(epsilon))) * gamma
            layers.append((kernel, None, inv, beta - mean * inv))
        else:
            kernel, bias = w
            layers.append((kernel, bias, None, None))
    out_kernel, out_bias = weights[-2:]
    X = np.asarray(X, dtype=np.float32)
    outputs = np.empty((len(X), out_kernel.shape[1]), dtype=np.float32)
    for start in range(0, len(X), _CHUNK):
        x = X[start : start + _CHUNK]
        for kernel, bias, scale, shift in layers:
            x = x @ kernel
            if bias is not None:
                x += bias
            if scale is not None:
                x = x * scale + shift
            np.maximum(x, 0, out=x)
        outputs[start : start + len(x)] = expit(x @ out_kernel + out_bias)
    return outputs


class InferenceOnlyMixin:
    """``fit`` of an inference-only twin of a Keras estimator: refused with a clear error."""

    def fit(self, X, y=None):
        """Not available: a frozen network is trained as the Keras estimator it came from.

        Parameters
        ----------
        X : object
            Ignored.
        y : object
            Ignored.

        Raises
        ------
        TypeError
            Always; load the model with ``keras=True`` to train it further.
        """
        raise TypeError(
            f"{type(self).__name__} is inference-only; load the model with "
            "skbass.load_model(path, keras=True) to train its Keras network further"
        )


class FrozenSalienceMLP(InferenceOnlyMixin, SalienceOutputsMixin, ClassifierMixin, BaseEstimator):
    """A fitted :class:`BassSalienceMLP` for inference only, computed in NumPy.

    What :func:`skbass.load_model` puts at the end of a loaded pipeline: the same
    ``salience``, ``decode``, ``predict`` and ``predict_proba`` as the Keras estimator
    (equal within float32 rounding, about 1e-6), without importing TensorFlow or Keras. It
    cannot be trained; ``load_model(path, keras=True)`` gives the Keras estimator for
    further training. Made with :meth:`from_estimator` or by :func:`skbass.load_model`.

    Parameters
    ----------
    voicing_threshold : float or None, default=None
        A frame whose highest salience does not exceed this value is predicted as 0
        (no bass). None always predicts a pitch.

    Attributes
    ----------
    classes_ : np.ndarray [shape=(n_classes,)]
        Labels ``predict`` can return: 0 then the pitches.
    pitches_ : np.ndarray [shape=(n_pitches,)]
        Label of each salience output (MIDI 26..69 by default).
    n_features_in_ : int
        Features per frame.
    weights_ : list of np.ndarray
        The network's weights in Keras's ``get_weights`` order (see :func:`mlp_forward`).
    batch_normalization_ : bool
        Whether the hidden layers have batch normalisation.
    epsilon_ : float
        Batch normalisation's epsilon.
    """

    _parameter_constraints = {"voicing_threshold": [Interval(Real, 0, 1, closed="both"), None]}

    def __init__(self, *, voicing_threshold=None):
        self.voicing_threshold = voicing_threshold

    @classmethod
    def from_estimator(cls, estimator):
        """The inference-only copy of a fitted :class:`BassSalienceMLP`.

        Parameters
        ----------
        estimator : BassSalienceMLP
            Fitted Keras estimator.

        Returns
        -------
        frozen : FrozenSalienceMLP
        """
        check_is_fitted(estimator)
        frozen = cls(voicing_threshold=estimator.voicing_threshold)
        frozen.classes_ = np.asarray(estimator.classes_)
        frozen.pitches_ = np.asarray(estimator.pitches_)
        frozen.n_features_in_ = int(estimator.n_features_in_)
        frozen.weights_ = [np.asarray(w) for w in estimator.model_.get_weights()]
        frozen.batch_normalization_ = bool(estimator.batch_normalization)
        frozen.epsilon_ = KERAS_BATCH_NORM_EPSILON
        return frozen

    def salience(self, X):
        """The network's raw sigmoid outputs: one independent salience per pitch.

        Parameters
        ----------
        X : np.ndarray [shape=(n_frames, n_features)] or list of such arrays
            Spectral frames, or one frame matrix per recording.

        Returns
        -------
        salience : np.ndarray [shape=(n_frames, n_pitches), dtype=float32] or list of such arrays
            Values in [0, 1]; column ``j`` belongs to MIDI pitch ``pitches_[j]``.
        """
        check_is_fitted(self)
        pooled = pool(X)
        frames = validate_data(self, pooled.X, reset=False, dtype=np.float32)
        outputs = mlp_forward(
            frames,
            self.weights_,
            batch_normalization=self.batch_normalization_,
            epsilon=self.epsilon_,
        )
        return pooled.unpool(outputs)

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.non_deterministic = False
        return tags
