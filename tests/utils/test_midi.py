"""MIDI files through pretty_midi: what is written is read back."""

import numpy as np
import pytest

from skbass.utils import read_midi, write_midi


def test_round_trip_with_drums_and_controls(tmp_path):
    bass = np.array([[0.0, 0.5, 40, 90], [0.5, 1.25, 43, 70]])
    drums = np.array([[0.0, 0.1, 42, 100]])
    path = tmp_path / "two.mid"
    write_midi(
        [
            {"program": 32, "name": "bass", "notes": bass},
            {"program": 0, "is_drum": True, "notes": drums},
        ],
        path,
        controls={7: 100},
    )
    parts = read_midi(path)
    assert [p["name"] for p in parts] == ["bass", ""]
    assert [p["is_drum"] for p in parts] == [False, True]
    np.testing.assert_allclose(parts[0]["notes"], bass, atol=1e-3)
    np.testing.assert_allclose(parts[1]["notes"], drums, atol=1e-3)


def test_three_column_notes_get_a_default_velocity(tmp_path):
    write_midi([{"program": 33, "notes": [[0.0, 1.0, 36]]}], tmp_path / "a.mid")
    assert read_midi(tmp_path / "a.mid")[0]["notes"][0, 3] == 100


def test_bad_files_and_notes(tmp_path):
    junk = tmp_path / "junk.mid"
    junk.write_bytes(b"not midi")
    with pytest.raises(ValueError, match="not a readable MIDI file"):
        read_midi(junk)
    with pytest.raises(ValueError, match="onset_s, offset_s, midi"):
        write_midi([{"program": 0, "notes": [[0.0, 1.0]]}], tmp_path / "b.mid")
