"""Note-level measures (through ``mir_eval.transcription``)."""

import numpy as np


def _check_notes(notes, name):
    notes = np.asarray(notes, dtype=float)
    if notes.size == 0:
        raise ValueError(f"{name} holds no notes; note scores are undefined")
    if notes.ndim != 2 or notes.shape[1] < 3:
        raise ValueError(
            f"{name} must have shape (n_notes, 3 or more) with rows onset_s, offset_s, midi, "
            f"got shape {notes.shape}"
        )
    if not np.isfinite(notes[:, :3]).all():
        raise ValueError(f"{name} holds NaN or infinite values")
    bad = np.flatnonzero(notes[:, 1] <= notes[:, 0])
    if len(bad):
        i = int(bad[0])
        raise ValueError(
            f"{name}[{i}] ends before it starts (onset {notes[i, 0]:g} s, "
            f"offset {notes[i, 1]:g} s); every offset must be after its onset"
        )
    if (notes[:, 2] <= 0).any():
        raise ValueError(f"{name} holds a MIDI pitch <= 0")
    return notes


def note_scores(ref_notes, est_notes, *, onset_tolerance=0.05):
    """Note precision, recall and F-measure, onsets only and onsets with offsets.

    ``mir_eval.transcription.precision_recall_f1_overlap`` with pitches converted by
    :func:`librosa.midi_to_hz` (pitch tolerance 50 cents): an estimated note matches a
    reference note of the same pitch whose onset is within ``onset_tolerance``; with
    offsets, its offset must also be within 20 % of the reference note's duration
    (at least 50 ms), as in MIREX.

    Parameters
    ----------
    ref_notes : array-like [shape=(n_ref, >=3)]
        Reference rows of ``onset_s, offset_s, midi`` (further columns are ignored).
    est_notes : array-like [shape=(n_est, >=3)]
        Estimated rows, e.g. :meth:`skbass.BassLine.notes`.
    onset_tolerance : float, default=0.05
        Onset tolerance in seconds.

    Returns
    -------
    scores : dict
        ``onset_precision``, ``onset_recall``, ``onset_f``, ``precision``, ``recall``
        and ``f`` (the last three with offsets).

    Raises
    ------
    ValueError
        If either array is empty, not ``(n, 3+)``, or has a note whose offset is not after
        its onset.

    Examples
    --------
    >>> ref = [[0.0, 0.5, 40], [0.5, 1.0, 40]]
    >>> est = [[0.01, 0.5, 40], [0.5, 0.7, 40]]
    >>> s = note_scores(ref, est)
    >>> round(s["onset_f"], 2), round(s["f"], 2)
    (1.0, 0.5)
    """
    import librosa
    import mir_eval

    ref = _check_notes(ref_notes, "ref_notes")
    est = _check_notes(est_notes, "est_notes")
    args = (ref[:, :2], librosa.midi_to_hz(ref[:, 2]), est[:, :2], librosa.midi_to_hz(est[:, 2]))
    on = mir_eval.transcription.precision_recall_f1_overlap(
        *args, onset_tolerance=onset_tolerance, offset_ratio=None
    )
    both = mir_eval.transcription.precision_recall_f1_overlap(
        *args, onset_tolerance=onset_tolerance
    )
    return {
        "onset_precision": float(on[0]),
        "onset_recall": float(on[1]),
        "onset_f": float(on[2]),
        "precision": float(both[0]),
        "recall": float(both[1]),
        "f": float(both[2]),
    }
