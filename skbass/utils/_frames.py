"""The frame grid: frame ``i`` is centred at ``i * hop_length / sr`` seconds (as in librosa)."""

import numpy as np

from ._constants import HOP_LENGTH, SR


def n_frames_for(n_samples, *, hop_length=HOP_LENGTH):
    """Number of centred frames of a signal: ``1 + n_samples // hop_length``.

    Parameters
    ----------
    n_samples : int
        Signal length in samples.
    hop_length : int
        Samples between frame centres.

    Returns
    -------
    n_frames : int

    Examples
    --------
    >>> n_frames_for(22050, hop_length=1024)
    22
    """
    return 1 + int(n_samples) // int(hop_length)


def frame_times(n_frames, *, sr=SR, hop_length=HOP_LENGTH):
    """Centre times in seconds of the first ``n_frames`` frames: ``i * hop_length / sr``.

    Parameters
    ----------
    n_frames : int
        Number of frames.
    sr : int
        Sample rate in Hz.
    hop_length : int
        Samples between frame centres.

    Returns
    -------
    times : np.ndarray [shape=(n_frames,)]

    Examples
    --------
    >>> frame_times(3)
    array([0.        , 0.04643991, 0.09287982])
    """
    return np.arange(int(n_frames)) * hop_length / float(sr)


def check_one_frame(y, *, hop_length, name="recording"):
    """Refuse a signal shorter than one hop: it has no frame of its own.

    Parameters
    ----------
    y : np.ndarray [shape=(n,)]
        Mono signal.
    hop_length : int
        Samples between frame centres.
    name : str
        How the error message names the signal.

    Raises
    ------
    ValueError
        If ``len(y) < hop_length``.

    Examples
    --------
    >>> check_one_frame(np.ones(100), hop_length=1024)
    Traceback (most recent call last):
    ...
    ValueError: recording is shorter than one frame: 100 samples < hop_length=1024
    """
    if len(y) < hop_length:
        raise ValueError(
            f"{name} is shorter than one frame: {len(y)} samples < hop_length={hop_length}"
        )
