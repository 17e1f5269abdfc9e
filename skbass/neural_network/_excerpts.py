"""Inputs and outputs of the instrument convnets, shared by the Keras estimator and its
NumPy inference twin: recordings, excerpts or flattened excerpts in; class probabilities
per excerpt, or per recording averaged over its half-overlapping excerpts, out."""

import numpy as np
from sklearn.metrics import accuracy_score
from sklearn.utils.validation import check_array, check_is_fitted, validate_data

from ..utils._constants import INSTRUMENT_N_BINS
from ..utils._samples import is_recording_level, to_patches


class ExcerptOutputsMixin:
    """``predict_proba``, ``predict`` and ``score`` over constant-Q excerpts.

    A subclass has ``patch_frames`` and ``n_bins`` parameters, the fitted ``classes_``
    (and ``n_bins_``, ``n_features_in_``), and implements ``_excerpt_proba(excerpts)``:
    class probabilities of a ``(n, patch_frames, n_bins_)`` array.
    """

    def _items(self, X, reset):
        """The frame matrices of ``X`` (a list of 2-D arrays) and whether X held recordings.

        Validates values and sizes; with ``reset`` learns the number of bins.
        """
        name = type(self).__name__
        T = self.patch_frames
        if is_recording_level(X):
            items = [
                check_array(x, dtype=[np.float32, np.float64], input_name=f"X (recording {i})")
                for i, x in enumerate(X)
            ]
            for i, x in enumerate(items):
                self._check_bins(x.shape[1], reset and i == 0, f"in recording {i}")
            return items, True
        if isinstance(X, np.ndarray) and X.ndim == 3:
            X = check_array(X, dtype=[np.float32, np.float64], allow_nd=True)
            if X.shape[1] != T:
                raise ValueError(
                    f"{name} reads excerpts of patch_frames={T} frames, but the 3-D X has "
                    f"{X.shape[1]} frames per excerpt ({X.shape})"
                )
            self._check_bins(X.shape[2], reset, "per frame")
            return list(X), False
        X = self._validate_2d(X, reset)
        return list(X.reshape(len(X), T, -1)), False

    def _validate_2d(self, X, reset):
        T = self.patch_frames
        if not reset:
            return validate_data(self, X, reset=False, dtype=[np.float32, np.float64])
        X = validate_data(self, X, reset=True, dtype=[np.float32, np.float64])
        if X.shape[1] % T:
            raise ValueError(
                f"a 2-D X holds flattened excerpts of patch_frames={T} frames, so its "
                f"{X.shape[1]} feature(s) must be a multiple of {T}"
            )
        self._check_bins(X.shape[1] // T, reset, f"per frame (X has {X.shape[1]} features)")
        return X

    def _check_bins(self, n_bins, reset, where):
        expected = self.n_bins if reset else self.n_bins_
        if expected is not None and n_bins != expected:
            raise ValueError(
                f"{type(self).__name__} expects {expected} bins per frame (n_bins; the "
                f"instrument front end gives {INSTRUMENT_N_BINS} constant-Q bins from 55 Hz), "
                f"got {n_bins} {where}"
            )
        if reset:
            self.n_bins_ = n_bins

    def _forward(self, X):
        """Class probabilities per excerpt, or per recording averaged over its excerpts."""
        check_is_fitted(self)
        items, recordings = self._items(X, reset=False)
        T = self.patch_frames
        if recordings:
            patches = to_patches(items, length=T, step=max(1, T // 2), pad=True)
            excerpts = patches.X
        else:
            excerpts = np.stack(items) if items else np.zeros((0, T, self.n_bins_))
        proba = np.asarray(self._excerpt_proba(excerpts), dtype=np.float32)
        if recordings:
            proba = patches.aggregate(proba)
        return proba.astype(np.float32, copy=False)

    def predict_proba(self, X):
        """Class probabilities per excerpt, or per recording.

        Parameters
        ----------
        X : list of np.ndarray [shape=(n_frames_i, n_bins)] or np.ndarray
            Recordings' frame matrices, excerpts ``[shape=(n, patch_frames, n_bins)]`` or
            flattened excerpts ``[shape=(n, patch_frames * n_bins)]``.

        Returns
        -------
        proba : np.ndarray [shape=(n, n_classes)]
            Columns follow ``classes_``; for recordings, the mean over each recording's
            half-overlapping excerpts.
        """
        return self._forward(X)

    def predict(self, X):
        """The most probable class per excerpt, or per recording.

        Parameters
        ----------
        X : list of np.ndarray [shape=(n_frames_i, n_bins)] or np.ndarray
            Recordings' frame matrices, excerpts or flattened excerpts.

        Returns
        -------
        labels : np.ndarray [shape=(n,)]
        """
        proba = self.predict_proba(X)
        return self.classes_[proba.argmax(axis=1)]

    def score(self, X, y, sample_weight=None):
        """Share of recordings or excerpts whose predicted class is ``y``.

        Parameters
        ----------
        X : list of np.ndarray [shape=(n_frames_i, n_bins)] or np.ndarray
            Recordings' frame matrices, excerpts or flattened excerpts.
        y : np.ndarray [shape=(n,)]
            One label per recording or excerpt.
        sample_weight : np.ndarray [shape=(n,)] or None
            Weights of the accuracy.

        Returns
        -------
        accuracy : float
        """
        return accuracy_score(np.asarray(y), self.predict(X), sample_weight=sample_weight)
