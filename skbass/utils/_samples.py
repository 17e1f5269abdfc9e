"""The two sample levels, written once: recordings and frames.

skbass's transformers and estimators take either level:

- **recording level**: a sequence (list, tuple or 1-D object array) with one item per
  recording: a frame matrix ``[shape=(n_frames_i, n_features)]`` for features, a label
  array ``[shape=(n_frames_i,)]`` for labels;
- **frame level**: one 2-D array of frames (or one 1-D array of labels).

:func:`pool` turns either into frame-level arrays and remembers how to split results
back (:meth:`Pooled.unpool`) and which recording each frame came from
(:attr:`Pooled.groups`, what group-aware cross-validation needs). :func:`to_patches`
cuts recordings into fixed-length excerpts for networks that read a window of frames.
No other module of skbass tells the two levels apart itself.
"""

from numbers import Integral

import numpy as np


def is_recording_level(X, *, item_ndim=2):
    """Whether ``X`` is a sequence of per-recording arrays.

    Parameters
    ----------
    X : object
        Candidate input.
    item_ndim : int, default=2
        Dimensions of one recording's array: 2 for frame matrices, 1 for labels.

    Returns
    -------
    bool
        True for a non-empty list, tuple or 1-D object array whose items are arrays
        (objects with ``ndim``) of ``item_ndim`` dimensions.

    Examples
    --------
    >>> import numpy as np
    >>> is_recording_level([np.zeros((5, 67)), np.zeros((3, 67))])
    True
    >>> is_recording_level(np.zeros((5, 67)))
    False
    >>> is_recording_level([np.zeros(5), np.zeros(3)], item_ndim=1)
    True
    """
    if isinstance(X, np.ndarray) and X.dtype != object:
        return False
    if not isinstance(X, (list, tuple, np.ndarray)) or len(X) == 0:
        return False
    return all(getattr(item, "ndim", None) == item_ndim for item in X)


class Pooled:
    """Frames pooled from either sample level, with the way back.

    Made by :func:`pool`; not meant to be built directly.

    Parameters
    ----------
    X : np.ndarray [shape=(n_frames, ...)]
        Every frame, recordings one after another.
    y : np.ndarray [shape=(n_frames,)] or None
        Their labels.
    lengths : np.ndarray [shape=(n_recordings,)] or None
        Frames per recording; None when the input was frame level.
    """

    def __init__(self, X, y, lengths):
        self.X = X
        self.y = y
        self.lengths = lengths

    @property
    def recording_level(self):
        """Whether the input was a sequence of recordings.

        Returns
        -------
        bool
        """
        return self.lengths is not None

    @property
    def groups(self):
        """Recording index of every frame, or None at frame level.

        Returns
        -------
        groups : np.ndarray [shape=(n_frames,)] or None
        """
        if self.lengths is None:
            return None
        return np.repeat(np.arange(len(self.lengths)), self.lengths)

    def unpool(self, values):
        """Split frame-level results back into the input's structure.

        Parameters
        ----------
        values : np.ndarray [shape=(n_frames, ...)]
            One row per pooled frame.

        Returns
        -------
        values : np.ndarray or list of np.ndarray
            A list with one array per recording at recording level, else ``values``.
        """
        if self.lengths is None:
            return values
        return np.split(values, np.cumsum(self.lengths)[:-1])

    def recordings(self):
        """The frames of each recording (the whole input as one at frame level).

        Returns
        -------
        parts : list of np.ndarray
        """
        if self.lengths is None:
            return [self.X]
        return self.unpool(self.X)

    def map(self, func):
        """Apply ``func`` to each recording's frames; results come back in the input's structure.

        Parameters
        ----------
        func : callable
            ``frames -> array`` with one output row per input frame.

        Returns
        -------
        out : np.ndarray or list of np.ndarray
        """
        outputs = [func(part) for part in self.recordings()]
        return outputs if self.lengths is not None else outputs[0]


def pool(X, y=None, *, item_ndim=2):
    """Pool either sample level into frame-level arrays.

    Parameters
    ----------
    X : np.ndarray [shape=(n_frames, n_features)] or list of such arrays
        Frames, or one frame matrix per recording.
    y : np.ndarray [shape=(n_frames,)], list of such arrays or None
        Labels: one array per recording at recording level.
    item_ndim : int, default=2
        Dimensions of one recording's item of ``X`` (1 to pool label or estimate arrays).

    Returns
    -------
    pooled : Pooled
        ``pooled.X``, ``pooled.y``, ``pooled.groups`` and ``pooled.unpool``.

    Raises
    ------
    ValueError
        If recordings have different feature counts, if ``X`` is recording level and ``y``
        is not (or the counts of recordings or frames differ).

    Examples
    --------
    >>> import numpy as np
    >>> p = pool([np.ones((2, 3)), np.zeros((1, 3))], [np.array([40, 41]), np.array([0])])
    >>> p.X.shape, p.y.tolist(), p.groups.tolist()
    ((3, 3), [40, 41, 0], [0, 0, 1])
    >>> [part.tolist() for part in p.unpool(p.y)]
    [[40, 41], [0]]
    """
    if not is_recording_level(X, item_ndim=item_ndim):
        return Pooled(X, y, None)
    items = [np.asarray(x) for x in X]
    lengths = np.array([len(x) for x in items], dtype=int)
    widths = {x.shape[1:] for x in items}
    if len(widths) > 1:
        raise ValueError(
            f"recordings have different numbers of features per frame: {sorted(widths)}"
        )
    frames = np.concatenate(items, axis=0)
    if y is None:
        return Pooled(frames, None, lengths)
    if isinstance(y, np.ndarray) and y.dtype != object and y.ndim == 1:
        raise ValueError(
            "X is a list of recordings but y is a single label array; pass one "
            "per-frame label array per recording"
        )
    if len(y) != len(items):
        raise ValueError(f"X has {len(items)} recordings but y has {len(y)} label arrays")
    for i, (x, labels) in enumerate(zip(items, y)):
        if np.ndim(labels) != 1:
            raise ValueError(f"labels of recording {i} must be 1-D, got shape {np.shape(labels)}")
        if len(labels) != len(x):
            raise ValueError(
                f"recording {i} has {len(x)} frames but {len(labels)} labels; labels must "
                "follow the CQT frame grid (frame i centred at i * hop_length / sr)"
            )
    return Pooled(frames, np.concatenate([np.asarray(v) for v in y]), lengths)


def pool_labels(y):
    """Per-frame labels or estimates of either level as one 1-D array.

    Parameters
    ----------
    y : np.ndarray [shape=(n_frames,)] or list of such arrays
        Labels, or one label array per recording.

    Returns
    -------
    labels : np.ndarray [shape=(n_frames,)]

    Examples
    --------
    >>> pool_labels([np.array([40, 0]), np.array([33])]).tolist()
    [40, 0, 33]
    >>> pool_labels([40, 0, 33]).tolist()
    [40, 0, 33]
    """
    pooled = pool(y, item_ndim=1)
    return np.asarray(pooled.X)


class Patches:
    """Fixed-length excerpts of recordings, with their labels and origins.

    Made by :func:`to_patches`.

    Parameters
    ----------
    X : np.ndarray [shape=(n_patches, length, n_features)]
        The excerpts.
    y : np.ndarray [shape=(n_patches,)] or None
        The label of each excerpt's recording.
    groups : np.ndarray [shape=(n_patches,)]
        Recording index of each excerpt.
    starts : np.ndarray [shape=(n_patches,)]
        First frame of each excerpt in its recording.
    n_recordings : int
        Number of recordings cut.
    """

    def __init__(self, X, y, groups, starts, n_recordings):
        self.X = X
        self.y = y
        self.groups = groups
        self.starts = starts
        self.n_recordings = n_recordings

    def aggregate(self, values):
        """Mean of per-excerpt values over each recording's excerpts.

        Parameters
        ----------
        values : np.ndarray [shape=(n_patches, ...)]
            E.g. class probabilities per excerpt.

        Returns
        -------
        per_recording : np.ndarray [shape=(n_recordings, ...)]
        """
        values = np.asarray(values, dtype=float)
        out = np.zeros((self.n_recordings, *values.shape[1:]))
        np.add.at(out, self.groups, values)
        counts = np.bincount(self.groups, minlength=self.n_recordings)
        return out / counts.reshape(-1, *([1] * (values.ndim - 1)))


def to_patches(X, y=None, *, length, step, pad=False):
    """Cut recordings into excerpts of ``length`` frames, every ``step`` frames.

    Parameters
    ----------
    X : list of np.ndarray [shape=(n_frames_i, n_features)]
        One frame matrix per recording (a single 2-D array is one recording).
    y : sequence or None
        One label per recording (not per frame); each excerpt inherits its recording's.
    length : int
        Frames per excerpt (the instrument convnets read 128, about 3 s).
    step : int
        Frames between excerpt starts (``length // 2``: half-overlapping).
    pad : bool, default=False
        Zero-pad a recording shorter than ``length`` to one excerpt instead of refusing it.

    Returns
    -------
    patches : Patches

    Raises
    ------
    ValueError
        If a recording is shorter than one excerpt and ``pad`` is False, or ``y`` does
        not hold one label per recording.

    Examples
    --------
    >>> import numpy as np
    >>> p = to_patches([np.ones((10, 2)), np.ones((6, 2))], ["piano", "flute"], length=4, step=2)
    >>> p.X.shape, p.groups.tolist(), p.starts.tolist()
    ((6, 4, 2), [0, 0, 0, 0, 1, 1], [0, 2, 4, 6, 0, 2])
    >>> p.y.tolist()
    ['piano', 'piano', 'piano', 'piano', 'flute', 'flute']
    """
    for name, value in (("length", length), ("step", step)):
        if isinstance(value, bool) or not isinstance(value, Integral) or value < 1:
            raise ValueError(f"{name} must be a positive integer, got {value!r}")
    recordings = pool(X).recordings()
    if y is not None and len(y) != len(recordings):
        raise ValueError(
            f"y must hold one label per recording: {len(recordings)} recordings, {len(y)} labels"
        )
    windows, groups, starts = [], [], []
    for i, frames in enumerate(recordings):
        frames = np.asarray(frames)
        if len(frames) < length:
            if not pad:
                raise ValueError(
                    f"recording {i} has {len(frames)} frames, fewer than one excerpt of "
                    f"{length} frames; pass pad=True to zero-pad it"
                )
            frames = np.concatenate(
                [frames, np.zeros((length - len(frames), *frames.shape[1:]), dtype=frames.dtype)]
            )
        first = np.arange(0, len(frames) - length + 1, step)
        windows.append(np.lib.stride_tricks.sliding_window_view(frames, length, axis=0)[first])
        groups.append(np.full(len(first), i))
        starts.append(first)
    patches = np.moveaxis(np.concatenate(windows), -1, 1)
    groups = np.concatenate(groups)
    labels = None if y is None else np.asarray(y)[groups]
    return Patches(
        np.ascontiguousarray(patches), labels, groups, np.concatenate(starts), len(recordings)
    )
