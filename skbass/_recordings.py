"""The two sample levels: recordings (lists of frame matrices) and frames (2-D arrays)."""

import numpy as np


def is_recording_level(X):
    """Whether ``X`` is a sequence of per-recording frame matrices.

    Parameters
    ----------
    X : object
        Candidate input.

    Returns
    -------
    bool
        True for a list, tuple or 1-D object array whose items are 2-D arrays.

    Examples
    --------
    >>> import numpy as np
    >>> is_recording_level([np.zeros((5, 67)), np.zeros((3, 67))])
    True
    >>> is_recording_level(np.zeros((5, 67)))
    False
    """
    if isinstance(X, np.ndarray) and X.dtype != object:
        return False
    if not isinstance(X, (list, tuple, np.ndarray)) or len(X) == 0:
        return False
    return all(getattr(item, "ndim", None) == 2 for item in X)


def concat_recordings(X, y=None):
    """Stack recording-level frames (and labels) into frame-level arrays.

    Parameters
    ----------
    X : list of np.ndarray [shape=(n_frames_i, n_features)]
        Frame matrices, one per recording.
    y : list of np.ndarray [shape=(n_frames_i,)] or None
        Per-frame labels, one array per recording.

    Returns
    -------
    frames : np.ndarray [shape=(sum n_frames_i, n_features)]
    labels : np.ndarray [shape=(sum n_frames_i,)] or None
    lengths : np.ndarray [shape=(n_recordings,)]
        Frames per recording, to split results back with :func:`split_frames`.

    Raises
    ------
    ValueError
        If X and y hold different numbers of recordings, or a recording's label
        count differs from its frame count.
    """
    lengths = np.array([len(x) for x in X], dtype=int)
    widths = {np.shape(x)[1] for x in X}
    if len(widths) > 1:
        raise ValueError(f"recordings have different numbers of features per frame: {sorted(widths)}")
    frames = np.concatenate([np.asarray(x) for x in X], axis=0)
    if y is None:
        return frames, None, lengths
    if isinstance(y, np.ndarray) and y.dtype != object and y.ndim == 1:
        raise ValueError(
            "X is a list of recordings but y is a single label array; pass one "
            "per-frame label array per recording"
        )
    if len(y) != len(X):
        raise ValueError(f"X has {len(X)} recordings but y has {len(y)} label arrays")
    for i, (x, labels) in enumerate(zip(X, y)):
        if np.ndim(labels) != 1:
            raise ValueError(f"labels of recording {i} must be 1-D, got shape {np.shape(labels)}")
        if len(labels) != len(x):
            raise ValueError(
                f"recording {i} has {len(x)} frames but {len(labels)} labels; labels must "
                "follow the CQT frame grid (frame i centred at i * hop_length / sr)"
            )
    return frames, np.concatenate([np.asarray(v) for v in y]), lengths


def split_frames(values, lengths):
    """Split frame-level results back into one array per recording.

    Parameters
    ----------
    values : np.ndarray [shape=(sum lengths, ...)]
        Frame-level values.
    lengths : np.ndarray [shape=(n_recordings,)]
        Frames per recording.

    Returns
    -------
    parts : list of np.ndarray
        ``values`` split along the first axis.
    """
    return np.split(values, np.cumsum(lengths)[:-1])
