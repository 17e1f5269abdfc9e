"""MIDI files through pretty_midi: note lists in, note lists out.

A note list is an array ``[shape=(n, 4)]`` of ``onset_s, offset_s, midi, velocity``
rows (a fourth column may be missing on input; velocity then defaults to 100).
"""

import os

import numpy as np

#: Resolution of the files skbass writes (ticks per quarter note, at 120 bpm).
TICKS_PER_BEAT = 960


def _note_rows(notes):
    notes = np.asarray(notes, dtype=float)
    if notes.size == 0:
        return np.zeros((0, 4))
    if notes.ndim != 2 or notes.shape[1] < 3:
        raise ValueError(
            f"notes must be rows of onset_s, offset_s, midi[, velocity], got shape {notes.shape}"
        )
    if notes.shape[1] == 3:
        notes = np.column_stack([notes, np.full(len(notes), 100.0)])
    return notes[:, :4]


def write_midi(parts, path, *, controls=None):
    """Write note lists to a standard MIDI file at 120 bpm, one track per part.

    Parameters
    ----------
    parts : list of dict
        Each ``{"program": int, "notes": array [shape=(n, 3 or 4)]}``, optionally with
        ``"is_drum": bool`` (General MIDI percussion), ``"name": str``, ``"bends"``
        (array [shape=(m, 2)] of ``time_s, value`` pitch-bend events, value in
        -8192..8191, the default range being +-2 semitones) and ``"controls"`` (array
        [shape=(k, 3)] of ``time_s, number, value`` control changes, e.g. CC11
        expression).
    path : str or os.PathLike
        File to write.
    controls : dict of int to int or None
        Controller values set at time 0 on every track (e.g. ``{7: 100}`` for volume).

    Examples
    --------
    >>> import os, tempfile
    >>> path = os.path.join(tempfile.mkdtemp(), "line.mid")
    >>> write_midi([{"program": 32, "notes": [[0.0, 0.5, 40, 90]]}], path)
    >>> read_midi(path)[0]["notes"].tolist()
    [[0.0, 0.5, 40.0, 90.0]]
    """
    import pretty_midi

    midi = pretty_midi.PrettyMIDI(resolution=TICKS_PER_BEAT, initial_tempo=120.0)
    for part in parts:
        instrument = pretty_midi.Instrument(
            program=int(part["program"]),
            is_drum=bool(part.get("is_drum", False)),
            name=str(part.get("name", "")),
        )
        for number, value in (controls or {}).items():
            instrument.control_changes.append(
                pretty_midi.ControlChange(number=int(number), value=int(value), time=0.0)
            )
        for onset, offset, pitch, velocity in _note_rows(part["notes"]):
            end = max(offset, onset + 1.0 / (2 * TICKS_PER_BEAT))  # at least one tick long
            instrument.notes.append(
                pretty_midi.Note(velocity=int(velocity), pitch=int(pitch), start=onset, end=end)
            )
        for time, value in np.asarray(part.get("bends", ()), dtype=float).reshape(-1, 2):
            instrument.pitch_bends.append(pretty_midi.PitchBend(pitch=int(value), time=time))
        for time, number, value in np.asarray(part.get("controls", ()), dtype=float).reshape(-1, 3):
            instrument.control_changes.append(
                pretty_midi.ControlChange(number=int(number), value=int(value), time=time)
            )
        midi.instruments.append(instrument)
    midi.write(os.fspath(path))


def read_midi(path):
    """Read every instrument of a MIDI file as a note list.

    Parameters
    ----------
    path : str or os.PathLike
        A ``.mid`` / ``.midi`` file.

    Returns
    -------
    parts : list of dict
        One per instrument: ``index``, ``name``, ``program``, ``is_drum`` and ``notes``
        ``[shape=(n, 4)]`` (seconds, seconds, MIDI, velocity) sorted by onset.

    Raises
    ------
    ValueError
        If the file cannot be parsed as MIDI.
    """
    import pretty_midi

    path = os.fspath(path)
    try:
        midi = pretty_midi.PrettyMIDI(path)
    except Exception as exc:  # mido and pretty_midi raise many types on bad files
        raise ValueError(f"{path}: not a readable MIDI file ({exc})") from exc
    parts = []
    for index, instrument in enumerate(midi.instruments):
        notes = np.array(
            [[n.start, n.end, n.pitch, n.velocity] for n in instrument.notes], dtype=float
        ).reshape(-1, 4)
        notes = notes[np.argsort(notes[:, 0], kind="stable")]
        parts.append(
            {
                "index": index,
                "name": instrument.name,
                "program": instrument.program,
                "is_drum": instrument.is_drum,
                "notes": notes,
            }
        )
    return parts
