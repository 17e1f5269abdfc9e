"""Frame-wise feature computations as plain NumPy functions: magnitude compression
(:class:`LogScaler`) and stacking of neighbouring frames (:class:`FrameStacker`).

The transformers call them, and so does the NumPy runtime of ``skbass transcribe``
(:mod:`skbass.transcription._runtime`), which must not import scikit-learn.
"""

import numpy as np


def stack_frames(frames, context):
    """Concatenate each frame with its neighbours: ``context`` on each side, or (before, after).

    Frames beyond the ends repeat the first or last frame.

    Parameters
    ----------
    frames : np.ndarray [shape=(n_frames, n_features)]
        Consecutive frames of one recording.
    context : int or tuple of int
        Neighbours on each side, or ``(before, after)``: neighbours before and after.

    Returns
    -------
    stacked : np.ndarray [shape=(n_frames, (before + after + 1) * n_features)]
        Row ``i`` holds frames ``i - before .. i + after`` in time order.

    Examples
    --------
    >>> stack_frames(np.array([[1.0], [2.0], [3.0]]), 1)
    array([[1., 1., 2.],
           [1., 2., 3.],
           [2., 3., 3.]])
    >>> stack_frames(np.array([[1.0], [2.0], [3.0]]), (0, 2))
    array([[1., 2., 3.],
           [2., 3., 3.],
           [3., 3., 3.]])
    """
    before, after = context_sides(context)
    if before == after == 0:
        return frames
    n = len(frames)
    padded = np.pad(frames, ((before, after), (0, 0)), mode="edge")
    return np.concatenate([padded[i : i + n] for i in range(before + after + 1)], axis=1)


def context_sides(context):
    """``(before, after)`` of a stacking context: an int (both sides) or a pair.

    Parameters
    ----------
    context : int or tuple of int
        Neighbours on each side, or ``(before, after)``.

    Returns
    -------
    before, after : int

    Raises
    ------
    ValueError
        If ``context`` is not a non-negative int or a pair of them.

    Examples
    --------
    >>> context_sides(3), context_sides((4, 12))
    ((3, 3), (4, 12))
    """
    sides = (context, context) if np.ndim(context) == 0 else tuple(context)
    if len(sides) != 2 or not all(
        isinstance(k, (int, np.integer)) and not isinstance(k, bool) and k >= 0 for k in sides
    ):
        raise ValueError(
            "context must be a non-negative int (frames on each side) or a pair "
            f"(before, after) of them, got {context!r}"
        )
    return int(sides[0]), int(sides[1])


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
