"""The NumPy runtime ``skbass transcribe`` reads from a model file gives the pipeline's line."""

import numpy as np
import pytest
from sklearn.pipeline import Pipeline

from skbass import load_model, save_model, transcribe
from skbass.transcription._runtime import BassRuntime, read_runtime

from ..conftest import bass_tone


def _assert_same_line(a, b):
    np.testing.assert_allclose(a.salience_matrix, b.salience_matrix, atol=1e-5)
    np.testing.assert_array_equal(a.midi, b.midi)
    np.testing.assert_array_equal(a.voiced, b.voiced)
    np.testing.assert_array_equal(a.times, b.times)
    np.testing.assert_allclose(a.cqt, b.cqt, rtol=1e-6)
    assert a.voicing_threshold == b.voicing_threshold
    assert a.tuning == b.tuning


def test_runtime_of_a_saved_pipeline_gives_its_line(model_file, wav):
    path, _, _ = wav
    runtime = read_runtime(model_file)
    assert isinstance(runtime, BassRuntime) and runtime.voicing_threshold == 0.3
    _assert_same_line(transcribe(str(path), runtime), transcribe(str(path), load_model(model_file)))


def test_runtime_of_the_shipped_model_gives_its_line():
    y, _ = bass_tone([28, 40, 52, 64], note_seconds=1.0)
    runtime = read_runtime()  # the shipped bass model
    assert isinstance(runtime, BassRuntime)
    _assert_same_line(transcribe(y, runtime), transcribe(y, load_model()))


def test_runtime_of_a_file_saved_from_a_loaded_pipeline(model_file, wav, tmp_path):
    path, _, _ = wav
    loaded = load_model(model_file)  # its network is the NumPy twin now
    save_model(loaded, tmp_path / "again.npz")
    runtime = read_runtime(tmp_path / "again.npz")
    _assert_same_line(transcribe(str(path), runtime), transcribe(str(path), loaded))


def test_a_file_from_before_the_tuning_and_level_parameters(model_file, wav, tmp_path):
    """Files written before CQTFrames had ``tuning`` and ``peak_range`` load with the fixed
    A440 grid and the signal as it is."""
    with np.load(model_file) as archive:
        arrays = dict(archive)
    text = arrays["model_json"].tobytes().decode("utf-8")
    assert text.count('"tuning": null') == 1  # the bass pipeline follows the recording's
    start = text.index('"peak_range": ')
    end = text.index('"sr": ', start)  # the parameters are written in alphabetical order
    text = text[:start] + text[end:]
    arrays["model_json"] = np.frombuffer(text.replace('"tuning": null, ', "").encode(), np.uint8)
    old = tmp_path / "old.npz"
    np.savez(old, **arrays)
    assert read_runtime(old).cqt["tuning"] == 0.0
    assert read_runtime(old).cqt["peak_range"] is None
    pipe = load_model(old)
    assert pipe[0].tuning == 0.0 and pipe[0].peak_range is None
    path, _, _ = wav
    _assert_same_line(transcribe(str(path), read_runtime(old)), transcribe(str(path), pipe))
    fixed = load_model(model_file).set_params(cqt__tuning=0.0, cqt__peak_range=None)
    _assert_same_line(transcribe(str(path), pipe), transcribe(str(path), fixed))


def test_other_pipelines_are_left_to_load_model(model_file, tmp_path):
    pipe = load_model(model_file)
    without_context = Pipeline([pipe.steps[0], pipe.steps[1], pipe.steps[3]])
    save_model(without_context, tmp_path / "other.npz")
    assert read_runtime(tmp_path / "other.npz") is None
    pickled = tmp_path / "old.joblib"
    pickled.write_bytes(b"\x80\x04not a zip archive")
    assert read_runtime(pickled) is None


def test_runtime_refuses_bad_audio_and_files(model_file, tmp_path):
    runtime = read_runtime(model_file)
    with pytest.raises(ValueError, match="silent"):
        transcribe(np.zeros(22050, np.float32), runtime)
    with pytest.raises(ValueError, match="shorter than one frame"):
        transcribe(np.ones(100, np.float32), runtime)
    with pytest.raises(FileNotFoundError, match="no skbass model"):
        read_runtime(tmp_path / "missing.npz")
    junk = tmp_path / "junk.npz"
    junk.write_bytes(b"PK\x03\x04junk")
    with pytest.raises(ValueError, match="not a readable skbass model"):
        read_runtime(junk)
