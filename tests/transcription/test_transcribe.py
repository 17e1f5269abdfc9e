import numpy as np
import pytest

from skbass import load_model, transcribe
from skbass.utils import read_midi

from ..conftest import HOP, SR


def test_load_model_round_trip(model_file, wav):
    pipe, info = load_model(model_file, return_info=True)
    assert info == {"note": "test"}
    path, y, _ = wav
    line = transcribe(str(path), pipe)
    n = 1 + len(y) // HOP
    assert line.midi.shape == line.salience.shape == line.voiced.shape == (n,)
    np.testing.assert_allclose(line.times, np.arange(n) * HOP / SR)
    assert set(np.unique(line.midi)) <= set(range(26, 70))
    np.testing.assert_array_equal(line.voiced, line.salience > 0.3)
    (expected,) = pipe.predict([y])
    np.testing.assert_array_equal(line.estimate, expected)


def test_load_model_errors(tmp_path):
    with pytest.raises(FileNotFoundError, match="no skbass model"):
        load_model(tmp_path / "missing.npz")
    junk = tmp_path / "junk.npz"
    junk.write_text("not a model")
    with pytest.raises(ValueError, match="not a readable skbass model"):
        load_model(junk)


def test_bassline_notes_and_writers(model_file, wav, tmp_path):
    line = transcribe(str(wav[0]), load_model(model_file))
    notes = line.notes()
    assert notes.ndim == 2 and notes.shape[1] == 4
    assert np.all(notes[:, 1] > notes[:, 0]) and np.all(np.diff(notes[:, 0]) > 0)
    assert set(notes[:, 2].astype(int)) <= set(line.estimate[line.voiced].tolist())
    line.to_csv(tmp_path / "a.csv")
    line.to_midi(tmp_path / "a.mid")
    line.plot(tmp_path / "a.png", reference=wav[2])
    assert (tmp_path / "a.png").stat().st_size > 10_000
    (written,) = read_midi(tmp_path / "a.mid")
    np.testing.assert_allclose(written["notes"][:, :3], notes[:, :3], atol=2e-3)
