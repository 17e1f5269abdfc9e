"""Frame labels from note lists, following the paper's rules (section 3.3)."""

import numpy as np

from ..utils._constants import BASS_MAX_MIDI, BASS_MIN_MIDI, HOP_LENGTH, LABEL_FRACTION, SR


def notes_to_frame_labels(
    notes, n_frames, *, sr=SR, hop_length=HOP_LENGTH, fraction=LABEL_FRACTION
):
    """Per-frame MIDI labels of a monophonic note list.

    Frame ``i`` is centred at ``i * hop_length / sr`` seconds.  It is labelled with a
    note's pitch when its centre lies in ``[onset, onset + fraction * (offset - onset))``;
    every other frame, and every frame of a note outside MIDI 26..69, is 0.  Where notes
    overlap, the later onset wins.

    Parameters
    ----------
    notes : np.ndarray [shape=(n, >=3)]
        Rows of ``onset_s, offset_s, midi`` (further columns are ignored).
    n_frames : int
        Number of frames to label.
    sr : int
        Sample rate in Hz.
    hop_length : int
        Hop between frames in samples.
    fraction : float
        Fraction of each note's duration that is labelled (0.75 in the paper).

    Returns
    -------
    labels : np.ndarray [shape=(n_frames,), dtype=int64]
        MIDI pitch per frame, 0 where no bass note is labelled.

    Examples
    --------
    >>> notes_to_frame_labels([[0.0, 1.0, 40]], 4, sr=4, hop_length=1)
    array([40, 40, 40,  0])
    """
    notes = np.asarray(notes, dtype=float).reshape(-1, np.shape(notes)[-1] if np.size(notes) else 3)
    labels = np.zeros(int(n_frames), dtype=np.int64)
    if len(notes) == 0:
        return labels
    order = np.argsort(notes[:, 0], kind="stable")
    frame_rate = sr / hop_length
    for onset, offset, pitch in notes[order, :3]:
        pitch = int(round(pitch))
        end = onset + fraction * (offset - onset)
        if end <= onset:
            continue
        # small tolerance so frames exactly on a boundary are not lost to rounding
        first = max(int(np.ceil(onset * frame_rate - 1e-9)), 0)
        stop = min(int(np.ceil(end * frame_rate - 1e-9)), int(n_frames))
        if stop > first:
            labels[first:stop] = pitch if BASS_MIN_MIDI <= pitch <= BASS_MAX_MIDI else 0
    return labels
