"""The frame grid (frame ``i`` is centred at ``i * hop_length / sr`` seconds, as in librosa)
and the frame-wise feature operations of the bass pipeline: magnitude compression and
stacking of neighbouring frames. NumPy only, so the ``skbass`` command can use them
without importing scikit-learn."""

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


def stack_frames(frames, context):
    """Concatenate each frame with its ``context`` neighbours on either side.

    Frames beyond the ends repeat the first or last frame.

    Parameters
    ----------
    frames : np.ndarray [shape=(n_frames, n_features)]
        Consecutive frames of one recording.
    context : int
        Neighbours on each side.

    Returns
    -------
    stacked : np.ndarray [shape=(n_frames, (2 * context + 1) * n_features)]
        Row ``i`` holds frames ``i - context .. i + context`` in time order.

    Examples
    --------
    >>> stack_frames(np.array([[1.0], [2.0], [3.0]]), 1)
    array([[1., 1., 2.],
           [1., 2., 3.],
           [2., 3., 3.]])
    """
    if context == 0:
        return frames
    n = len(frames)
    padded = np.pad(frames, ((context, context), (0, 0)), mode="edge")
    return np.concatenate([padded[i : i + n] for i in range(2 * context + 1)], axis=1)


def compress(frames, *, scaling="log", gain=100.0):
    """Compress spectral magnitudes: ``log(1 + gain * x)`` or unchanged.

    Parameters
    ----------
    frames : np.ndarray [shape=(n_frames, n_features)]
        Non-negative magnitudes.
    scaling : {"log", "linear"}
        ``"log"`` compresses, ``"linear"`` returns ``frames`` as they are.
    gain : float
        Multiplier inside the logarithm.

    Returns
    -------
    compressed : np.ndarray [shape=(n_frames, n_features)]
        Same dtype as ``frames``.

    Examples
    --------
    >>> compress(np.array([[0.0, np.e - 1]]), gain=1.0)
    array([[0., 1.]])
    """
    if scaling == "linear":
        return frames
    return np.log1p(gain * frames).astype(frames.dtype, copy=False)
