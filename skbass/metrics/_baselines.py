"""The trivial bass baseline every score is reported beside.

The arg-max of the constant-Q magnitude within MIDI 26..69, with the paper's
feature settings: on a clean mix, where the bass is the loudest sound below
100 Hz, it is already right most of the time, so a model's score means little
without it.
"""

import numpy as np

from ..features._constant_q import cqt_frames
from ..utils._audio import check_signal
from ..utils._constants import BASS_MAX_MIDI, BASS_MIN_MIDI, CQT_MIN_MIDI, HOP_LENGTH, SR
from ..utils._samples import pool
from ._melody import raw_pitch_accuracy


def cqt_argmax_pitch(y, *, sr=SR, hop_length=HOP_LENGTH):
    """MIDI pitch per frame: arg-max of the CQT magnitude over MIDI 26..69.

    Parameters
    ----------
    y : np.ndarray [shape=(n,)]
        Mono audio at ``sr``.
    sr : int
        Sample rate in Hz.
    hop_length : int
        Hop in samples.

    Returns
    -------
    pitch : np.ndarray [shape=(1 + n // hop_length,), dtype=int64]

    Examples
    --------
    >>> t = np.arange(22050) / 22050
    >>> cqt_argmax_pitch(np.sin(2 * np.pi * 55.0 * t))[10]
    np.int64(33)
    """
    frames = cqt_frames(check_signal(y, name="y"), sr=sr, hop_length=hop_length)
    return argmax_pitch(frames)


def argmax_pitch(frames):
    """The trivial baseline's pitch per frame from constant-Q frames: arg-max over MIDI 26..69.

    The estimate of :func:`cqt_argmax_pitch`, read from frames already computed with the
    paper's bins (67 bins from MIDI 25).

    Parameters
    ----------
    frames : np.ndarray [shape=(n_frames, n_bins)] or list of such arrays
        Constant-Q magnitudes with the paper's bins (log scaling does not change it).

    Returns
    -------
    pitch : np.ndarray [shape=(n_frames,), dtype=int64] or list of such arrays

    Examples
    --------
    >>> frames = np.zeros((2, 67)); frames[:, 33 - 25] = 1.0
    >>> argmax_pitch(frames)
    array([33, 33])
    """
    low, high = BASS_MIN_MIDI - CQT_MIN_MIDI, BASS_MAX_MIDI - CQT_MIN_MIDI + 1
    return pool(frames).map(
        lambda f: (f[:, low:high].argmax(axis=1) + BASS_MIN_MIDI).astype(np.int64)
    )


def trivial_baseline_accuracy(X, y, *, sr=SR, hop_length=HOP_LENGTH):
    """Raw pitch accuracy of :func:`cqt_argmax_pitch` over a set of recordings.

    Parameters
    ----------
    X : list of np.ndarray [shape=(n,)]
        Recordings at ``sr``.
    y : list of np.ndarray [shape=(1 + n // hop_length,)]
        Per-frame MIDI labels (0 = no bass).
    sr : int
        Sample rate in Hz.
    hop_length : int
        Hop in samples of the labels.

    Returns
    -------
    accuracy : float
        Pooled over all labelled frames.
    """
    return raw_pitch_accuracy(y, [cqt_argmax_pitch(x, sr=sr, hop_length=hop_length) for x in X])
