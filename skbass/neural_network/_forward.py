"""An inference-only twin of a fitted :class:`BassSalienceMLP`, on the network's NumPy forward
pass (:func:`~skbass.neural_network._mlp_forward.mlp_forward`). Predicting with it needs neither
TensorFlow nor Keras, so :func:`skbass.load_model` and :func:`skbass.transcribe` start fast.
"""

from numbers import Real

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.utils._param_validation import Interval
from sklearn.utils.validation import check_is_fitted, validate_data

from ..utils._samples import pool
from ._mlp_forward import KERAS_BATCH_NORM_EPSILON, mlp_forward
from ._outputs import SalienceOutputsMixin


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
