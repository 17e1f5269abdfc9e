import numpy as np
import pytest

from skbass import load_model, transcribe
from skbass.transcription._notes import viterbi_states
from skbass.transcription._runtime import read_runtime
from skbass.utils import read_midi

from ..conftest import HOP, SR, bass_tone


def test_load_model_round_trip(model_file, wav):
    pipe, info = load_model(model_file, return_info=True)
    assert info == {"note": "test"}
    path, y, _ = wav
    line = transcribe(str(path), pipe)
    n = 1 + len(y) // HOP
    assert line.midi.shape == line.salience.shape == line.voiced.shape == (n,)
    np.testing.assert_allclose(line.times, np.arange(n) * HOP / SR)
    assert set(np.unique(line.midi)) <= set(range(26, 70))
    np.testing.assert_array_equal(line.voiced, line.salience_matrix.max(axis=1) > 0.3)
    (expected,) = pipe.predict([y])
    frame_wise = transcribe(str(path), pipe, self_transition=None)
    np.testing.assert_array_equal(frame_wise.estimate, expected)
    np.testing.assert_array_equal(frame_wise.voiced, line.voiced)


def test_frame_pitch_is_the_viterbi_path(model_file, wav):
    pipe = load_model(model_file)
    line = transcribe(str(wav[0]), pipe)
    frame_wise = transcribe(str(wav[0]), pipe, self_transition=None)
    # the path changes pitch less often than the frames' arg-max
    changes = np.count_nonzero(np.diff(line.midi))
    assert changes < np.count_nonzero(np.diff(frame_wise.midi))
    column = np.searchsorted(line.pitches, line.midi)
    np.testing.assert_allclose(line.salience, line.salience_matrix[np.arange(len(column)), column])
    uniform_moves = transcribe(str(wav[0]), pipe, interval_scale=None)
    path = viterbi_states(line.salience_matrix, None, self_transition=0.3)
    np.testing.assert_array_equal(uniform_moves.midi, line.pitches[path])
    with pytest.raises(ValueError, match="self_transition"):
        transcribe(str(wav[0]), pipe, self_transition=1.0)
    with pytest.raises(ValueError, match="interval_scale"):
        transcribe(str(wav[0]), pipe, interval_scale=-1.0)


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
    assert set(notes[:, 2].astype(int)) <= set(line.pitches.tolist())
    assert len(line.notes(voicing_threshold=0.99)) < len(line.notes(voicing_threshold=0.05))
    line.to_csv(tmp_path / "a.csv")
    line.to_midi(tmp_path / "a.mid")
    line.plot(tmp_path / "a.png", reference=wav[2])
    assert (tmp_path / "a.png").stat().st_size > 10_000
    (written,) = read_midi(tmp_path / "a.mid")
    np.testing.assert_allclose(written["notes"][:, :3], notes[:, :3], atol=2e-3)


def test_a_detuned_recording_is_transcribed_on_its_own_tuning():
    """40 cents sharp: the shipped model names the notes it would name in tune."""
    sharp, _ = bass_tone([33.4, 40.4, 45.4, 38.4], note_seconds=1.0)
    in_tune, _ = bass_tone([33, 40, 45, 38], note_seconds=1.0)
    runtime = read_runtime()
    line, reference = transcribe(sharp, runtime), transcribe(in_tune, runtime)
    assert line.tuning == pytest.approx(0.4, abs=0.05)
    assert reference.tuning == 0.0
    assert np.mean(line.midi == reference.midi) > 0.9
    assert transcribe(sharp, load_model()).tuning == line.tuning
    fixed = load_model().set_params(cqt__tuning=0.0)
    assert transcribe(sharp, fixed).tuning == 0.0
