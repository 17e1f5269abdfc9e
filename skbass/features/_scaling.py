"""Magnitude compression of spectral frames (the paper's "magnitude scaling")."""

from numbers import Real

import numpy as np
from sklearn.base import BaseEstimator, OneToOneFeatureMixin, TransformerMixin
from sklearn.utils._param_validation import Interval, StrOptions
from sklearn.utils.validation import check_is_fitted, check_non_negative, validate_data

from ..utils._samples import pool
from ._framewise import compress


class LogScaler(OneToOneFeatureMixin, TransformerMixin, BaseEstimator):
    """Linear or logarithmic compression of spectral magnitudes.

    The paper's magnitude-scaling hyperparameter (Table 2: linear vs logarithmic).
    ``"log"`` maps a magnitude ``x`` to ``log(1 + gain * x)``; ``"linear"`` leaves it
    unchanged. Works on a frame matrix or on a list of per-recording frame matrices
    (the output of :class:`CQTFrames`).

    Parameters
    ----------
    scaling : {"log", "linear"}, default="log"
        Compression to apply.
    gain : float, default=100.0
        Multiplier inside the logarithm; larger values compress harder.

    Attributes
    ----------
    n_features_in_ : int
        Number of features seen during ``fit``.

    Examples
    --------
    >>> import numpy as np
    >>> LogScaler(gain=1.0).fit_transform(np.array([[0.0, np.e - 1]]))
    array([[0., 1.]])
    """

    _parameter_constraints = {
        "scaling": [StrOptions({"log", "linear"})],
        "gain": [Interval(Real, 0, None, closed="neither")],
    }

    def __init__(self, *, scaling="log", gain=100.0):
        self.scaling = scaling
        self.gain = gain

    def fit(self, X, y=None):
        """Check parameters and record the number of features.

        Parameters
        ----------
        X : np.ndarray [shape=(n_frames, n_features)] or list of such arrays
            Non-negative magnitudes.
        y : None
            Ignored.

        Returns
        -------
        self : LogScaler
        """
        self._validate_params()
        self._check(pool(X).X, reset=True)
        return self

    def transform(self, X):
        """Compress magnitudes.

        Parameters
        ----------
        X : np.ndarray [shape=(n_frames, n_features)] or list of such arrays
            Non-negative magnitudes.

        Returns
        -------
        Xt : np.ndarray [shape=(n_frames, n_features)] or list of such arrays
            Compressed magnitudes, same structure and dtype as the input.
        """
        check_is_fitted(self)
        return pool(X).map(lambda frames: self._scale(self._check(frames, reset=False)))

    def _check(self, X, reset):
        X = validate_data(self, X, reset=reset, dtype=[np.float64, np.float32])
        check_non_negative(X, "LogScaler (it expects spectral magnitudes)")
        return X

    def _scale(self, X):
        return compress(X, scaling=self.scaling, gain=self.gain)

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.positive_only = True
        tags.requires_fit = True
        tags.transformer_tags.preserves_dtype = ["float64", "float32"]
        return tags
