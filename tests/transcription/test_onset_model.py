"""An onset pipeline: trained on "onsets" labels, saved, run in NumPy, used by transcribe."""

import csv

import numpy as np
import pytest

from skbass import load_model, save_model, transcribe
from skbass.cli import main
from skbass.datasets import notes_to_frame_labels
from skbass.transcription import onset_pipeline
from skbass.transcription._runtime import read_runtime

from ..conftest import SR, bass_tone

NOTES = np.array([[0.5 * i, 0.5 * (i + 1), m] for i, m in enumerate([33, 40, 45, 38])])


@pytest.fixture(scope="module")
def onset_file(tmp_path_factory):
    y, _ = bass_tone(NOTES[:, 2].astype(int))
    pipe = onset_pipeline(n_hidden_layers=1, hidden_layer_size=16, epochs=1, random_state=0)
    n_frames = 1 + len(y) // 256
    labels = notes_to_frame_labels(NOTES, n_frames, hop_length=256, convention="onsets")
    pipe.fit([y, y], [labels, labels])
    path = tmp_path_factory.mktemp("onsets") / "onsets.npz"
    save_model(pipe, path)
    return path


def test_onset_runtime_is_the_pipeline(onset_file):
    y, _ = bass_tone([35, 47], note_seconds=1.0)
    runtime = read_runtime(onset_file)
    assert runtime.context == (4, 12) and runtime.hop_length == 256
    cqt, onsets = runtime.analyse(y)
    pipe = load_model(onset_file)
    (expected,) = pipe[-1].salience(pipe[:-1].transform([y]))
    np.testing.assert_allclose(onsets, expected, atol=1e-5)
    assert len(cqt) == len(onsets) == 1 + len(y) // 256


def test_transcribe_with_an_onset_model(model_file, onset_file):
    y, _ = bass_tone(NOTES[:, 2].astype(int))
    without = transcribe(y, read_runtime(model_file))
    line = transcribe(y, read_runtime(model_file), onset_model=read_runtime(onset_file))
    # the frames are the salience model's either way; the onsets come at a quarter hop
    np.testing.assert_array_equal(line.midi, without.midi)
    assert without.onset_salience is None
    assert line.onset_salience.shape == (1 + len(y) // 256, 44)
    np.testing.assert_allclose(line.onset_times[1], 256 / SR)
    notes = line.notes(onset_threshold=0.0)
    assert len(notes) >= 1 and np.all(np.diff(notes[:, 0]) > 0)
    assert set(notes[:, 2]) <= set(range(26, 70))
    # a fitted pipeline gives the same onsets as its runtime
    piped = transcribe(y, load_model(model_file), onset_model=load_model(onset_file))
    np.testing.assert_allclose(piped.onset_salience, line.onset_salience, atol=1e-5)


def test_onset_model_must_match_the_model(model_file, onset_file):
    runtime = read_runtime(onset_file)
    runtime.cqt = {**runtime.cqt, "sr": 16000}
    with pytest.raises(ValueError, match="does not match the model"):
        transcribe(np.ones(22050, np.float32), read_runtime(model_file), onset_model=runtime)
    with pytest.raises(TypeError, match="fitted bass pipeline"):
        transcribe(np.ones(22050, np.float32), read_runtime(model_file), onset_model="x.npz")


def test_cli_notes_from_an_onset_model(model_file, onset_file, wav, tmp_path):
    path, _, _ = wav
    args = ["transcribe", str(path), "--out", str(tmp_path), "--model", str(model_file)]
    assert main([*args, "--onset-model", str(onset_file), "--notes", "--quiet"]) == 0
    with open(tmp_path / "tune.notes.csv") as f:
        rows = list(csv.reader(f))
    assert rows[0] == ["onset", "offset", "midi", "salience"]
    runtime, onsets = read_runtime(model_file), read_runtime(onset_file)
    expected = transcribe(str(path), runtime, onset_model=onsets).notes(method="onsets")
    written = np.array(rows[1:], dtype=float).reshape(-1, 4)
    np.testing.assert_allclose(written[:, :3], expected[:, :3], atol=1e-5)
