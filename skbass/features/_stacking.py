"""Temporal context by frame stacking (the paper's reference [1])."""

from numbers import Integral

import numpy as np
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.utils._param_validation import Interval
from sklearn.utils.validation import check_is_fitted, validate_data

from ..utils._samples import pool
from ._framewise import context_sides, stack_frames


class FrameStacker(TransformerMixin, BaseEstimator):
    """Give each frame its temporal context by stacking neighbouring frames.

    The paper processes single frames so that frames can be compared in label
    propagation; its reference [1] stacked neighbouring frames, which helps a
    per-frame network tell a sustained bass note from a passing sound. At
    recording level each recording is stacked on its own; a 2-D array is taken
    as one continuous sequence of frames.

    Parameters
    ----------
    context : int or tuple of int, default=3
        Frames on each side, or ``(before, after)``: frames before and after
        (an onset detector looks further ahead than back); the output has
        ``before + after + 1`` times the input's features. 0 passes frames through
        unchanged.

    Attributes
    ----------
    n_features_in_ : int
        Features per input frame.

    Examples
    --------
    >>> import numpy as np
    >>> FrameStacker(context=1).fit_transform([np.ones((4, 67))])[0].shape
    (4, 201)
    >>> FrameStacker(context=(1, 3)).fit_transform([np.ones((4, 67))])[0].shape
    (4, 335)
    """

    _parameter_constraints = {"context": [Interval(Integral, 0, None, closed="left"), tuple]}

    def __init__(self, *, context=3):
        self.context = context

    def fit(self, X, y=None):
        """Record the number of features per frame.

        Parameters
        ----------
        X : np.ndarray [shape=(n_frames, n_features)] or list of such arrays
            Frames, or one frame matrix per recording.
        y : None
            Ignored.

        Returns
        -------
        self : FrameStacker
        """
        self._validate_params()
        context_sides(self.context)
        validate_data(self, pool(X).X, reset=True, dtype=[np.float64, np.float32])
        return self

    def transform(self, X):
        """Stack frames.

        Parameters
        ----------
        X : np.ndarray [shape=(n_frames, n_features)] or list of such arrays
            Frames, or one frame matrix per recording.

        Returns
        -------
        Xt : np.ndarray [shape=(n_frames, (before + after + 1) * n_features)] or list
        """
        check_is_fitted(self)
        return pool(X).map(self._stack)

    def _stack(self, frames):
        frames = validate_data(self, frames, reset=False, dtype=[np.float64, np.float32])
        return stack_frames(frames, self.context)

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.transformer_tags.preserves_dtype = ["float64", "float32"]
        return tags
