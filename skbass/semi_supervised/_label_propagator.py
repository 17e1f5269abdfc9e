"""Label propagation by maximum cosine similarity (paper section 5.2)."""

import warnings
from numbers import Integral, Real

import numpy as np
from sklearn.base import BaseEstimator
from sklearn.utils._param_validation import Interval, StrOptions
from sklearn.utils.validation import validate_data

from ..utils._samples import pool
from ._similarity import BACKENDS, _max_dot, normalize_rows

#: The label that marks an unlabelled frame (scikit-learn's semi-supervised convention).
UNLABELLED = -1


class LabelPropagator(BaseEstimator):
    """Give unlabelled frames the label of their most similar labelled frame.

    The paper's label propagation (section 5.2): every unlabelled frame ``u_i`` gets
    ``s_i = max_k cos(u_i, l_k)`` over the labelled frames ``l_k`` and the label of the
    ``l_k`` that attains it. The frames whose ``s_i`` lies in a band
    ``tau_lo <= s_i <= tau_hi``, with the bounds given as percentiles of the ``s_i``, are
    added to the labelled frames: :meth:`fit_resample` returns that enriched training
    set, ready for :class:`BassSalienceMLP`. ``y == -1`` marks an unlabelled frame, as in
    :mod:`sklearn.semi_supervised`.

    The search is exact and blocked: a tiled matrix product with a running arg-max that
    never holds the ``n_unlabelled x n_labelled`` similarity matrix (see
    :func:`max_cosine_similarity`); the paper's size, 500,000 x 305,000 frames of 67
    features, takes about two minutes on two CPU cores.

    Works at two sample levels: frame level (``X`` a 2-D array, ``y`` one label per
    frame) and recording level (``X`` a list of per-recording frame matrices, ``y`` a list
    of per-frame label arrays; a recording may be entirely unlabelled). Frames of all
    recordings are pooled, so a frame can borrow a label from any recording.

    Parameters
    ----------
    band : tuple of (float, float), default=(0, 100)
        Percentiles ``(lo, hi)`` of the unlabelled frames' similarities bounding the
        frames :meth:`fit_resample` adds. As in the paper, percentile 0 stands for the
        lowest possible similarity and 100 for the highest (``tau_0 = -1``,
        ``tau_100 = 1``; the paper's non-negative features make its ``tau_0 = 0``), so
        ``(0, 100)`` adds every unlabelled frame and ``(0, 0)`` none (the labelled frames
        alone). The paper compares 0:0, 0:25, 0:50, 0:75, 25:100, 50:100, 75:100, 25:75
        and 0:100.
    percentiles : tuple of float, default=(25, 50, 75)
        Percentiles whose thresholds are reported in ``thresholds_`` (the paper's
        ``tau_25, tau_50, tau_75``), next to the two ends of ``band``.
    min_similarity : float or None, default=None
        Also leave out frames whose similarity is below this absolute value, whatever
        ``band`` says. None: no such floor.
    block_size : int, tuple of (int, int) or None, default=None
        Rows of unlabelled x labelled frames per tile of the search; None: the
        backend's measured default (2048 x 512 for ``"numpy"``).
    backend : {"numpy", "keras"}, default="numpy"
        Kernel of the search: threaded NumPy/BLAS (fastest measured on CPU), or
        ``keras.ops`` on the active Keras backend (``KERAS_BACKEND=jax`` on a GPU).
    n_jobs : int, default=-1
        Worker threads of the ``"numpy"`` kernel; -1 uses every available core.
    verbose : bool, default=False
        Show a progress bar over the blocks of unlabelled frames.

    Attributes
    ----------
    transduction_ : np.ndarray [shape=(n_frames,)]
        Label of every frame (pooled in input order at recording level): labelled frames
        keep theirs, unlabelled frames get their best match's, in the band or not.
    similarity_ : np.ndarray [shape=(n_unlabelled,)]
        ``s_i`` of each unlabelled frame, in input order.
    best_match_ : np.ndarray [shape=(n_unlabelled,)]
        Index of each unlabelled frame's best match among the labelled frames (counted
        in input order over the labelled frames only).
    thresholds_ : dict of float -> float
        Similarity threshold ``tau_p`` for every percentile in ``percentiles`` and
        ``band``.
    selected_ : np.ndarray [shape=(n_unlabelled,), dtype=bool]
        Unlabelled frames in the band (and above ``min_similarity``): the ones
        :meth:`fit_resample` adds.
    classes_ : np.ndarray [shape=(n_classes,)]
        Labels of the labelled frames.
    n_features_in_ : int
        Features per frame seen in ``fit``.

    See Also
    --------
    max_cosine_similarity : The blocked search on its own.

    Notes
    -----
    Label 0 ("no bass") propagates like any other label. The paper's labelled set held
    only voiced frames, so every unlabelled frame, unvoiced ones included, received a
    pitch; its authors name this a drawback. Similarity alone cannot tell whether an
    unlabelled frame has a bass, so this class does not guess voicing: it propagates 0
    from unvoiced labelled frames when the labelled set has them, and warns when it has
    none (every propagated frame then gets a pitch). A low ``s_i`` means "unlike every
    labelled frame", not "no bass": the lower end of ``band`` and ``min_similarity``
    keep such frames out of the training set rather than relabel them.

    Examples
    --------
    >>> import numpy as np
    >>> from skbass.semi_supervised import LabelPropagator
    >>> rng = np.random.default_rng(0)
    >>> y = rng.choice([0, 33, 40], size=200)
    >>> X = rng.random((200, 67)).astype("float32") * 0.1
    >>> X[np.arange(200), y + 7] += 1.0   # energy in one bin per label
    >>> y_partial = np.where(rng.random(200) < 0.5, -1, y)
    >>> prop = LabelPropagator(band=(25, 100)).fit(X, y_partial)
    >>> float((prop.transduction_ == y).mean())
    1.0
    >>> X_res, y_res = prop.fit_resample(X, y_partial)
    >>> int(len(y_res)) == int((y_partial != -1).sum() + prop.selected_.sum())
    True
    """

    _parameter_constraints = {
        "band": [tuple, list],
        "percentiles": [tuple, list],
        "min_similarity": [Interval(Real, -1, 1, closed="both"), None],
        "block_size": [Interval(Integral, 1, None, closed="left"), tuple, list, None],
        "backend": [StrOptions(set(BACKENDS))],
        "n_jobs": [Integral],
        "verbose": ["boolean"],
    }

    def __init__(
        self,
        *,
        band=(0, 100),
        percentiles=(25, 50, 75),
        min_similarity=None,
        block_size=None,
        backend="numpy",
        n_jobs=-1,
        verbose=False,
    ):
        self.band = band
        self.percentiles = percentiles
        self.min_similarity = min_similarity
        self.block_size = block_size
        self.backend = backend
        self.n_jobs = n_jobs
        self.verbose = verbose

    def fit(self, X, y):
        """Find every unlabelled frame's best match and the frames in the band.

        Parameters
        ----------
        X : np.ndarray [shape=(n_frames, n_features)] or list of such arrays
            Frames, or one frame matrix per recording.
        y : np.ndarray [shape=(n_frames,)] or list of such arrays
            Label per frame, ``-1`` for an unlabelled frame; one array per recording at
            recording level.

        Returns
        -------
        self : LabelPropagator

        Raises
        ------
        ValueError
            If there is no labelled or no unlabelled frame, a frame is a zero vector or
            holds NaN or infinity, the recordings' feature counts differ, or ``band`` is
            not two percentiles in 0..100 with ``lo <= hi``.
        """
        self._fit(X, y)
        return self

    def fit_resample(self, X, y):
        """Fit, then return the enriched training set: labelled plus selected frames.

        Frames keep their input order; the unlabelled frames outside the band are left
        out. Works like an imbalanced-learn sampler (``imblearn.pipeline.Pipeline``
        accepts it) and the result goes straight into :meth:`BassSalienceMLP.fit`.

        Parameters
        ----------
        X : np.ndarray [shape=(n_frames, n_features)] or list of such arrays
            Frames, or one frame matrix per recording.
        y : np.ndarray [shape=(n_frames,)] or list of such arrays
            Label per frame, ``-1`` for an unlabelled frame.

        Returns
        -------
        X_resampled : np.ndarray [shape=(n_kept, n_features)] or list of such arrays
            The kept frames; at recording level one matrix per recording that keeps at
            least one frame (recordings left empty are dropped), so recordings stay
            intact as groups for cross-validation.
        y_resampled : np.ndarray [shape=(n_kept,)] or list of such arrays
            Their labels (propagated ones for the added frames), never -1.

        Raises
        ------
        ValueError
            As :meth:`fit`, and if ``y`` has no unlabelled frame (``fit`` alone accepts
            that with a warning, as :mod:`sklearn.semi_supervised` does).
        """
        pooled, frames, unlabelled = self._fit(X, y)
        if not unlabelled.any():
            raise ValueError(
                "y has no unlabelled frame, so there is nothing to propagate and the "
                "enriched set would be the input: mark the frames to label with -1 "
                "(scikit-learn's semi-supervised convention)"
            )
        keep = ~unlabelled
        keep[np.flatnonzero(unlabelled)[self.selected_]] = True
        if not pooled.recording_level:
            return frames[keep], self.transduction_[keep]
        parts = zip(pooled.unpool(frames), pooled.unpool(self.transduction_), pooled.unpool(keep))
        kept = [(x[k], labels[k]) for x, labels, k in parts if k.any()]
        return [x for x, _ in kept], [labels for _, labels in kept]

    def _fit(self, X, y):
        """Fit; return the pooled input, its checked frames and the unlabelled mask."""
        self._validate_params()
        lo, hi = _check_band(self.band)
        percentiles = [_check_percentile(p, "percentiles") for p in self.percentiles]
        pooled = pool(X, y)
        if pooled.y is None:
            raise ValueError(
                f"{type(self).__name__} requires y to be passed, but the target y is None: "
                "pass the label of each frame, -1 where unlabelled"
            )
        frames, y = validate_data(
            self, pooled.X, np.asarray(pooled.y), reset=True, dtype=[np.float64, np.float32]
        )
        unlabelled = y == UNLABELLED
        n_unlabelled = int(unlabelled.sum())
        if n_unlabelled == len(y):
            raise ValueError(
                f"y has no labelled frame: all {len(y)} labels are -1 (unlabelled); label "
                "propagation needs at least one labelled frame to copy labels from"
            )
        if n_unlabelled == 0:
            warnings.warn(
                "y has no unlabelled frame, so there is nothing to propagate: mark the "
                "frames to label with -1 (scikit-learn's semi-supervised convention)",
                UserWarning,
                stacklevel=3,
            )
        labels = y[~unlabelled]
        self.classes_ = np.unique(labels)
        if self.classes_.dtype.kind in "iuf" and not np.any(self.classes_ == 0):
            warnings.warn(
                "no labelled frame has the label 0 (no bass): every unlabelled frame, "
                "unvoiced ones included, receives a pitch (the paper's caveat). Include "
                "unvoiced labelled frames so that 0 can propagate.",
                UserWarning,
                stacklevel=3,
            )
        labelled_frames = normalize_rows(frames[~unlabelled], "labelled frames")
        if n_unlabelled:
            similarity, best = _max_dot(
                normalize_rows(frames[unlabelled], "unlabelled frames"),
                labelled_frames,
                block_size=self.block_size,
                backend=self.backend,
                n_jobs=self.n_jobs,
                verbose=self.verbose,
            )
        else:
            similarity, best = np.empty(0, frames.dtype), np.empty(0, np.int64)
        self.similarity_ = similarity
        self.best_match_ = best
        self.thresholds_ = {p: _threshold(similarity, p) for p in sorted({*percentiles, lo, hi})}
        selected = (similarity >= self.thresholds_[lo]) & (similarity <= self.thresholds_[hi])
        if self.min_similarity is not None:
            selected &= similarity >= self.min_similarity
        self.selected_ = selected
        self.transduction_ = y.copy()
        self.transduction_[unlabelled] = labels[best]
        return pooled, frames, unlabelled

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.target_tags.required = True
        return tags


def _check_percentile(p, name):
    if isinstance(p, bool) or not isinstance(p, Real) or not 0 <= p <= 100:
        raise ValueError(f"{name} must hold percentiles between 0 and 100, got {p!r}")
    return float(p)


def _check_band(band):
    if len(band) != 2:
        raise ValueError(f"band must be a pair (lo, hi) of percentiles, got {band!r}")
    lo, hi = (_check_percentile(p, "band") for p in band)
    if lo > hi:
        raise ValueError(
            f"band must have lo <= hi: got {band!r}, whose lower threshold tau_{lo:g} would "
            f"lie above its upper one tau_{hi:g}"
        )
    return lo, hi


def _threshold(similarity, p):
    """``tau_p``: the paper's ``tau_0`` and ``tau_100`` are the ends of the cosine's range."""
    if p == 0:
        return -1.0
    if p == 100:
        return 1.0
    if similarity.size == 0:
        return float("nan")
    return float(np.percentile(similarity, p))
