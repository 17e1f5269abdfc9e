"""Frame-wise feature computations as plain NumPy functions: magnitude compression
(:class:`LogScaler`) and stacking of neighbouring frames (:class:`FrameStacker`).

The transformers call them, and so does the NumPy runtime of ``skbass transcribe``
(:mod:`skbass.transcription._runtime`), which must not import scikit-learn.
"""

import numpy as np


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
