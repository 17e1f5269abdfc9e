"""Loaders for real annotated audio: audio + note-list pairs, and a mirdata bridge."""

import csv
import os

import numpy as np
from sklearn.utils import Bunch

from ..utils._audio import load_recording
from ..utils._constants import BASS_MAX_MIDI, BASS_MIN_MIDI, HOP_LENGTH, SR
from ..utils._frames import n_frames_for
from ..utils._midi import read_midi
from ._labels import check_notes, notes_to_frame_labels

_ONSET = ("onset", "start", "onset_time", "start_time")
_OFFSET = ("offset", "end", "offset_time", "end_time")
_PITCH = ("pitch", "midi", "note", "midi_pitch")
_TEXT = (".csv", ".txt", ".tsv")


def _read_rows(path):
    """Non-empty rows of a delimited text file: tabs for ``.tsv``, else tabs or commas."""
    with open(path, newline="") as fh:
        text = fh.read()
    first = next((line for line in text.splitlines() if line.strip()), "")
    tabs = path.lower().endswith(".tsv") or ("\t" in first and "," not in first)
    rows = csv.reader(text.splitlines(), delimiter="\t" if tabs else ",")
    return [r for r in rows if r and any(c.strip() for c in r)]


def _read_frame_labels(path, rows, n_frames, sr, hop_length):
    """Frame labels from a ``time,midi`` table (what :func:`write_set` writes)."""
    header = [c.strip().lower() for c in rows[0]]
    try:
        table = np.array([[float(r[header.index(c)]) for c in ("time", "midi")] for r in rows[1:]])
    except (ValueError, IndexError) as err:
        raise ValueError(f"{path}: cannot read time,midi rows ({err})") from None
    table = table.reshape(-1, 2)
    check_notes(np.column_stack([table[:, 0], table[:, 0], table[:, 1]]), name=path)
    labels = np.zeros(n_frames, np.int64)
    frame = np.round(table[:, 0] * sr / hop_length).astype(np.int64)
    inside = frame < n_frames
    labels[frame[inside]] = np.round(table[inside, 1]).astype(np.int64)
    labels[(labels < BASS_MIN_MIDI) | (labels > BASS_MAX_MIDI)] = 0
    return labels


def _is_frame_table(rows):
    header = [c.strip().lower() for c in rows[0]] if rows else []
    return "time" in header and "midi" in header and not set(header) & set(_ONSET)


def _read_csv(path):
    rows = _read_rows(path)
    if not rows:
        return np.zeros((0, 3))
    if _is_frame_table(rows):
        raise ValueError(
            f"{path} holds frame labels (time,midi), not notes; load_annotated_audio reads "
            "it with its audio"
        )
    header = [c.strip().lower() for c in rows[0]]
    try:
        [float(c) for c in header[:3]]
        cols, body = (0, 1, 2), rows
    except ValueError:

        def col(names, what):
            for n in names:
                if n in header:
                    return header.index(n)
            raise ValueError(
                f"{path}: no {what} column (expected one of {names}), header {rows[0]}"
            )

        cols = (col(_ONSET, "onset"), col(_OFFSET, "offset"), col(_PITCH, "pitch"))
        body = rows[1:]
    try:
        notes = np.array([[float(r[c]) for c in cols] for r in body], dtype=float)
    except (ValueError, IndexError) as err:
        raise ValueError(f"{path}: cannot read onset,offset,pitch rows ({err})") from None
    return notes.reshape(-1, 3)


def _read_midi(path, track):
    parts = [p for p in read_midi(path) if len(p["notes"])]
    if track is None:
        chosen = [p for p in parts if "bass" in p["name"].lower() or 32 <= p["program"] <= 39]
        chosen = chosen or (parts if len(parts) == 1 else [])
        if not chosen:
            raise ValueError(
                f"{path}: cannot tell which of {len(parts)} tracks is the bass (no track "
                "named 'bass' or with a bass program 32-39); pass track=<index or name>"
            )
    elif isinstance(track, str):
        chosen = [p for p in parts if track.lower() in p["name"].lower()]
        if not chosen:
            raise ValueError(f"{path}: no track named like {track!r}")
    else:
        chosen = [p for p in parts if p["index"] == int(track)]
        if not chosen:
            raise ValueError(
                f"{path}: no track {track!r} (file has {len(parts)} tracks with notes)"
            )
    return chosen[0]["notes"][:, :3]


def load_notes(path, track=None):
    """Read a bass note list from a CSV or MIDI file.

    Parameters
    ----------
    path : str or os.PathLike
        A ``.csv`` with ``onset,offset,pitch`` columns (seconds, seconds, MIDI; a header
        row is optional, ``start``/``end``/``midi`` are accepted too; ``.tsv`` files are
        tab-separated, ``.txt`` files either), or a ``.mid``/``.midi`` file.
    track : int, str or None
        For MIDI files: the track index or a substring of its name.  ``None`` picks the
        track named ``bass`` or playing a bass program (32-39), or the only track.

    Returns
    -------
    notes : np.ndarray [shape=(n, 3)]
        Rows of ``onset_s, offset_s, midi``.
    """
    path = os.fspath(path)
    if not os.path.isfile(path):
        raise FileNotFoundError(f"no such annotation file: {path!r}")
    ext = os.path.splitext(path)[1].lower()
    if ext in (".mid", ".midi"):
        return _read_midi(path, track)
    if ext in _TEXT:
        return _read_csv(path)
    raise ValueError(f"{path}: annotation files must be .csv or .mid/.midi")


def load_annotated_audio(pairs, *, sr=SR, hop_length=HOP_LENGTH, track=None):
    """Turn (audio, note annotation) pairs into a recording-level data set.

    Parameters
    ----------
    pairs : iterable of (audio, notes)
        ``audio`` is a file path or an ``(array, sample_rate)`` pair; ``notes`` a CSV or MIDI
        path (see :func:`load_notes`), an array ``[shape=(n, 3)]`` of
        ``onset_s, offset_s, midi``, or a ``time,midi`` frame-label CSV as
        :func:`write_set` and ``skbass data`` write (labels taken frame by frame).
        Offsets before onsets, pitches above 127 (Hz) and onsets past the audio's end
        (milliseconds) are errors naming the column.
    sr : int
        Sample rate the audio is resampled to.
    hop_length : int
        Hop of the frame labels in samples.
    track : int, str or None
        MIDI track selection, see :func:`load_notes`.

    Returns
    -------
    data : sklearn.utils.Bunch
        ``X``: list of np.ndarray [shape=(n_samples,), dtype=float32]. ``y``: list of
        np.ndarray [shape=(1 + n_samples // hop_length,), dtype=int64], labels by the
        paper's rule: first 75 % of each note, 0 elsewhere and outside 26..69.
        ``groups``: one group per recording. ``metadata``: ``audio`` and ``notes`` per
        recording (the paths, or ``None`` for arrays).
    """
    X, y, meta = [], [], []
    for i, (audio, notes) in enumerate(pairs):
        meta.append(
            {
                key: os.fspath(value) if isinstance(value, (str, os.PathLike)) else None
                for key, value in (("audio", audio), ("notes", notes))
            }
        )
        signal = load_recording(audio, sr=sr, index=i)
        X.append(signal)
        n_frames = n_frames_for(len(signal), hop_length=hop_length)
        name = meta[-1]["notes"] or f"notes of recording {i}"
        if isinstance(notes, (str, os.PathLike)):
            rows = _read_rows(name) if name.lower().endswith(_TEXT) else []
            if _is_frame_table(rows):
                y.append(_read_frame_labels(name, rows, n_frames, sr, hop_length))
                continue
            notes = load_notes(notes, track=track)
        notes = np.asarray(notes, dtype=float).reshape(-1, 3)
        if len(notes):
            check_notes(notes, name=name, duration=len(signal) / sr)
        y.append(notes_to_frame_labels(notes, n_frames, sr=sr, hop_length=hop_length))
    return Bunch(X=X, y=y, groups=np.arange(len(X)), metadata=meta)


def _to_midi(values, unit):
    import librosa

    values = np.asarray(values, float)
    unit = (unit or "hz").lower()
    if unit == "hz":
        out = np.zeros_like(values)
        pos = values > 0
        out[pos] = librosa.hz_to_midi(values[pos])
        return out
    if unit == "midi":
        return values
    raise ValueError(f"unsupported pitch unit {unit!r} (expected 'hz' or 'midi')")


_ANNOTATION_NAMES = ("bass_notes", "bass_f0", "bass", "notes", "f0", "pitch", "melody")


def _track_labels(ann, n_frames, sr, hop_length):
    if hasattr(ann, "intervals") and hasattr(ann, "pitches"):  # mirdata NoteData
        midi = _to_midi(ann.pitches, getattr(ann, "pitch_unit", "hz"))
        notes = np.column_stack([np.asarray(ann.intervals, float).reshape(-1, 2), np.round(midi)])
        return notes_to_frame_labels(notes, n_frames, sr=sr, hop_length=hop_length)
    if hasattr(ann, "times") and hasattr(ann, "frequencies"):  # mirdata F0Data
        times = np.asarray(ann.times, float)
        midi = _to_midi(ann.frequencies, getattr(ann, "frequency_unit", "hz"))
        voicing = getattr(ann, "voicing", None)
        voiced = np.asarray(ann.frequencies, float) > 0
        if voicing is not None:
            voiced &= np.asarray(voicing, float) > 0
        labels = np.zeros(n_frames, np.int64)
        if len(times):
            t = np.arange(n_frames) * hop_length / sr
            idx = np.zeros(n_frames, int)
            if len(times) > 1:
                idx = np.clip(np.searchsorted(times, t), 1, len(times) - 1)
                left = idx - 1
                idx = np.where(np.abs(times[left] - t) <= np.abs(times[idx] - t), left, idx)
            close = np.abs(times[idx] - t) <= 0.5 * hop_length / sr
            m = np.round(midi[idx]).astype(np.int64)
            ok = close & voiced[idx] & (m >= BASS_MIN_MIDI) & (m <= BASS_MAX_MIDI)
            labels[ok] = m[ok]
        return labels
    raise ValueError(
        f"annotation of type {type(ann).__name__} has neither notes "
        "(intervals, pitches) nor f0 (times, frequencies)"
    )


def _mirdata_dataset(dataset, data_home):
    """The mirdata ``Dataset`` named ``dataset`` (anything else is returned as it is)."""
    if not isinstance(dataset, str):
        return dataset
    try:
        import mirdata
    except ImportError:
        raise ImportError(
            "loading a mirdata dataset by name needs mirdata: pip install mirdata"
        ) from None
    return mirdata.initialize(dataset, data_home=data_home)


def from_mirdata(
    dataset,
    *,
    sr=SR,
    hop_length=HOP_LENGTH,
    annotation=None,
    audio_attr="audio",
    track_ids=None,
    data_home=None,
):
    """Load bass-annotated tracks of a mirdata dataset into recording-level ``X, y``.

    Parameters
    ----------
    dataset : str, mirdata Dataset, dict or sequence of tracks
        A mirdata dataset name (needs ``mirdata`` installed and the data downloaded), a
        ``mirdata.Dataset``, a dict of tracks, or tracks.  A track needs an audio attribute
        giving ``(array, sample_rate)`` and a bass annotation: ``NoteData``-like
        (``intervals``, ``pitches``, ``pitch_unit``), labelled by the 75 % rule, or
        ``F0Data``-like (``times``, ``frequencies``, ``frequency_unit``, ``voicing``),
        labelled with the rounded MIDI pitch of the nearest f0 sample.
    sr : int
        Sample rate the audio is resampled to.
    hop_length : int
        Hop of the frame labels in samples.
    annotation : str or None
        Track attribute holding the bass annotation; ``None`` tries ``bass_notes``,
        ``bass_f0``, ``bass``, ``notes``, ``f0``, ``pitch``, ``melody`` in turn.
    audio_attr : str
        Track attribute holding the audio.
    track_ids : sequence of str or None
        Subset of a dataset's tracks.
    data_home : str or None
        mirdata data folder, when ``dataset`` is a name.

    Returns
    -------
    data : sklearn.utils.Bunch
        ``X``, ``y`` and ``groups`` as for :func:`load_annotated_audio`; ``metadata``:
        ``track_id`` and ``annotation`` per recording.
    """
    dataset = _mirdata_dataset(dataset, data_home)
    if hasattr(dataset, "load_tracks"):
        tracks = dataset.load_tracks()
    else:
        tracks = dataset
    if isinstance(tracks, dict):
        items = list(tracks.items())
    else:
        items = [(getattr(t, "track_id", str(i)), t) for i, t in enumerate(tracks)]
    if track_ids is not None:
        wanted = set(track_ids)
        items = [(k, t) for k, t in items if k in wanted]
    X, y, meta = [], [], []
    for track_id, track in items:
        audio = getattr(track, audio_attr, None)
        if audio is None:
            raise ValueError(f"track {track_id!r} has no audio in attribute {audio_attr!r}")
        names = [annotation] if annotation else _ANNOTATION_NAMES
        ann, used = None, None
        for name in names:
            ann = getattr(track, name, None)
            if ann is not None:
                used = name
                break
        if ann is None:
            raise ValueError(f"track {track_id!r} has no bass annotation (looked for {names})")
        signal = load_recording(audio, sr=sr, index=len(X))
        X.append(signal)
        y.append(
            _track_labels(ann, n_frames_for(len(signal), hop_length=hop_length), sr, hop_length)
        )
        meta.append({"track_id": track_id, "annotation": used})
    return Bunch(X=X, y=y, groups=np.arange(len(X)), metadata=meta)
