"""The bass benchmark's pure helpers: Basic Pitch's notes as a bass line, notes from frame
pitches, note scores pooled over recordings, the table, the timed command (Basic Pitch
itself is not run)."""

import sys
from pathlib import Path

import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks._basic_pitch import bass_line_notes  # noqa: E402
from benchmarks.bass_transcription import (  # noqa: E402
    COLUMNS,
    format_table,
    frames_to_notes,
    pooled_note_scores,
    score_row,
    time_command,
)

SR, HOP = 4, 1  # one frame per 0.25 s


def test_bass_line_keeps_the_lowest_note_at_each_onset():
    events = [
        (0.0, 1.0, 40, 0.5),
        (0.0, 1.0, 52, 0.5),  # above the bass at the same onset
        (0.5, 1.5, 38, 0.5),  # lower: cuts the 40
        (1.2, 2.0, 45, 0.5),  # the 38 still sounds below it
        (0.0, 3.0, 80, 0.5),  # above MIDI 69
        (2.0, 3.0, 20, 0.5),  # below MIDI 26
        (2.5, 3.0, 41, 0.5),
    ]
    np.testing.assert_array_equal(
        bass_line_notes(events), [[0.0, 0.5, 40], [0.5, 1.5, 38], [2.5, 3.0, 41]]
    )
    assert bass_line_notes([]).shape == (0, 3)


def test_frames_to_notes_cuts_runs_of_one_pitch():
    pitch = np.array([0, 0, 40, 40, 40, -40, 45, 45, 0, 33, 50, 50])
    notes = frames_to_notes(pitch, sr=SR, hop_length=HOP)
    # a run covers its frames' full hops; the one-frame 33 is too short
    np.testing.assert_allclose(notes, [[0.375, 1.125, 40], [1.375, 1.875, 45], [2.375, 2.875, 50]])


def test_pooled_note_scores_keep_recordings_apart():
    ref = [np.array([[0.0, 1.0, 40], [1.0, 2.0, 43]]), np.array([[0.5, 1.0, 30, 0.9]])]
    assert pooled_note_scores(ref, ref, [2.0, 1.0]) == {"onset_f": 1.0, "f": 1.0}
    # the second recording's note estimated in the first one does not match
    est = [np.array([[0.0, 1.0, 40], [1.0, 2.0, 43], [0.5, 1.0, 30]]), np.zeros((0, 3))]
    scores = pooled_note_scores(ref, est, [2.0, 1.0])
    assert scores["onset_f"] == pytest.approx(2 / 3)
    assert pooled_note_scores(ref, [np.zeros((0, 3))] * 2, [2.0, 1.0]) == {"onset_f": 0, "f": 0}


def test_score_row_and_table():
    notes = [np.array([[0.0, 1.0, 40]])]
    test = {
        "y": [np.array([40, 40, 40, 0, 0, 0])],
        "y_sounding": [np.array([40, 40, 40, 40, 0, 0])],
        "notes": notes,
        "durations": [1.5],
    }
    row = score_row(test, [np.array([40, 40, 40, 40, -40, -40])], notes, 0.5)
    assert row["RPA"] == 1.0 and row["x real time"] == 3.0
    assert row["V-FA paper"] == pytest.approx(1 / 3) and row["V-FA sounding"] == 0.0
    assert row["V-rec sounding"] == 1.0 and row["note on F"] == 1.0
    table = format_table([("isolated notes", "skbass", row)]).splitlines()
    assert len(table) == 3 and all(c in table[0] for c in COLUMNS)
    assert table[2].startswith("| isolated notes | skbass | 1.000 |")


def test_the_command_is_timed_as_a_whole_process(tmp_path):
    import soundfile as sf

    t = np.arange(2 * 22050) / 22050
    path = tmp_path / "two-seconds.wav"
    sf.write(path, 0.3 * np.sin(2 * np.pi * 55 * t), 22050)
    seconds = time_command(str(path), str(tmp_path), runs=1)
    assert len(seconds) == 1 and seconds[0] > 0
    assert (tmp_path / "command" / "two-seconds.csv").is_file()
