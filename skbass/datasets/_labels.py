"""Frame labels from note lists: the paper's rule (section 3.3), the whole sounding note,
and note onsets.

Three label conventions (:data:`LABEL_CONVENTIONS`):

``"paper"``
    A frame carries a note's pitch only in the first 75 % of the note (the paper keeps
    those frames because the upper harmonics of upright-bass tones decay much faster
    than the fundamental).  What raw pitch accuracy is scored on and what the networks
    are trained on.
``"sounding"``
    A frame carries a note's pitch from its onset to its offset (the note's whole MIDI
    duration).  The paper's rule marks the last quarter of every note, where the bass
    still sounds, as "no bass", so a model that hears the note there is charged a voicing
    false alarm; against these labels voicing recall and false alarm measure what they
    say.  The release after the note-off (the instrument's ringing out, short for bass
    samples) is still "no bass".
``"onsets"``
    A frame carries a note's pitch when it is the frame nearest the note's onset or one
    of its :data:`ONSET_LABEL_FRAMES` neighbours on either side: the targets of the bass
    onset network (:func:`~skbass.transcription.train_onset_model`), trained at a finer
    hop, whose peaks start :meth:`~skbass.BassLine.notes`.

In all three, where notes overlap the later onset wins, and notes outside MIDI 26..69 label
their frames 0.
"""

import numpy as np

from ..utils._constants import BASS_MAX_MIDI, BASS_MIN_MIDI, HOP_LENGTH, LABEL_FRACTION, SR

#: Label convention -> share of each note's duration, from its onset, that is labelled
#: (None: the frames around the onset, see :data:`ONSET_LABEL_FRAMES`).
LABEL_CONVENTIONS = {"paper": LABEL_FRACTION, "sounding": 1.0, "onsets": None}
#: ``"onsets"`` labels the frame nearest a note's onset and this many frames on either side.
ONSET_LABEL_FRAMES = 1


def check_notes(notes, *, name="notes", duration=None):
    """Check a note list's units: times in seconds, offsets after onsets, MIDI pitches.

    Parameters
    ----------
    notes : np.ndarray [shape=(n, >=3)]
        Rows of ``onset_s, offset_s, midi``.
    name : str
        How error messages name the note list (e.g. its file).
    duration : float or None
        Length of the annotated audio in seconds; onsets past its end by more than a
        second are taken for milliseconds.

    Raises
    ------
    ValueError
        If a value is not finite or negative, an offset comes before its onset, the
        pitch column looks like Hz (above 127) or the onset column like milliseconds.

    Examples
    --------
    >>> check_notes(np.array([[0.5, 0.2, 40.0]]))
    Traceback (most recent call last):
    ...
    ValueError: notes: offset before onset in row 0 (onset 0.5 s, offset 0.2 s)
    """
    notes = np.asarray(notes, dtype=float)
    if not np.all(np.isfinite(notes[:, :3])) or np.any(notes[:, :3] < 0):
        raise ValueError(f"{name}: onset, offset and pitch must be finite and non-negative")
    (backwards,) = np.nonzero(notes[:, 1] < notes[:, 0])
    if len(backwards):
        i = backwards[0]
        raise ValueError(
            f"{name}: offset before onset in row {i} "
            f"(onset {notes[i, 0]:g} s, offset {notes[i, 1]:g} s)"
        )
    if notes[:, 2].max() > 127:
        raise ValueError(
            f"{name}: the pitch column holds values up to {notes[:, 2].max():g}, above MIDI's "
            "127: pitches in Hz? Convert them with librosa.hz_to_midi"
        )
    if duration is not None and notes[:, 0].max() > duration + 1.0:
        raise ValueError(
            f"{name}: the onset column reaches {notes[:, 0].max():g} s but the audio lasts "
            f"{duration:.3g} s: times in milliseconds? Onsets and offsets are in seconds"
        )


def notes_to_frame_labels(notes, n_frames, *, sr=SR, hop_length=HOP_LENGTH, convention="paper"):
    """Per-frame MIDI labels of a monophonic note list.

    Frame ``i`` is centred at ``i * hop_length / sr`` seconds.  With ``convention="paper"``
    it is labelled with a note's pitch when its centre lies in ``[onset, onset + 0.75 *
    (offset - onset))``; with ``convention="sounding"`` when it lies in ``[onset,
    offset)``; with ``convention="onsets"`` when it is within one frame of the frame
    nearest the onset (``round(onset * sr / hop_length)``).  Every other frame, and
    every frame of a note outside MIDI 26..69, is 0.
    Where notes overlap, the later onset wins.

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
    convention : {"paper", "sounding", "onsets"}, default="paper"
        ``"paper"``: the first 75 % of each note (section 3.3 of the paper);
        ``"sounding"``: each note's whole duration; ``"onsets"``: three frames around
        each onset (see the module notes).

    Returns
    -------
    labels : np.ndarray [shape=(n_frames,), dtype=int64]
        MIDI pitch per frame, 0 where no bass note is labelled.

    Raises
    ------
    ValueError
        If the notes fail :func:`check_notes` (offset before onset, pitches in Hz) or the
        convention is unknown.

    Examples
    --------
    >>> notes_to_frame_labels([[0.0, 1.0, 40]], 5, sr=4, hop_length=1)
    array([40, 40, 40,  0,  0])
    >>> notes_to_frame_labels([[0.0, 1.0, 40]], 5, sr=4, hop_length=1, convention="sounding")
    array([40, 40, 40, 40,  0])
    >>> notes_to_frame_labels([[1.0, 2.0, 40]], 8, sr=4, hop_length=1, convention="onsets")
    array([ 0,  0,  0, 40, 40, 40,  0,  0])
    """
    if not isinstance(convention, str) or convention not in LABEL_CONVENTIONS:
        raise ValueError(
            f"convention must be one of {sorted(LABEL_CONVENTIONS)}, got {convention!r}"
        )
    fraction = LABEL_CONVENTIONS[convention]
    notes = np.asarray(notes, dtype=float).reshape(-1, np.shape(notes)[-1] if np.size(notes) else 3)
    labels = np.zeros(int(n_frames), dtype=np.int64)
    if len(notes) == 0:
        return labels
    check_notes(notes)
    order = np.argsort(notes[:, 0], kind="stable")
    frame_rate = sr / hop_length
    for onset, offset, pitch in notes[order, :3]:
        pitch = int(round(pitch))
        if fraction is None:  # "onsets": the frame nearest the onset and its neighbours
            centre = int(np.floor(onset * frame_rate + 0.5))
            first, stop = centre - ONSET_LABEL_FRAMES, centre + ONSET_LABEL_FRAMES + 1
        else:
            end = onset + fraction * (offset - onset)
            if end <= onset:
                continue
            # small tolerance so frames exactly on a boundary are not lost to rounding
            first = int(np.ceil(onset * frame_rate - 1e-9))
            stop = int(np.ceil(end * frame_rate - 1e-9))
        first, stop = max(first, 0), min(stop, int(n_frames))
        if stop > first:
            labels[first:stop] = pitch if BASS_MIN_MIDI <= pitch <= BASS_MAX_MIDI else 0
    return labels
