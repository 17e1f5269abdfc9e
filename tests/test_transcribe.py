import csv

import mido
import numpy as np
import pytest
import soundfile as sf

from skbass import bass_pipeline, load_model, save_model, transcribe
from skbass.cli import main

from .conftest import HOP, SR, bass_tone


@pytest.fixture(scope="module")
def model_file(tmp_path_factory, recordings):
    X, y = recordings
    pipe = bass_pipeline(context=1, n_hidden_layers=1, hidden_layer_size=16, epochs=1,
                         random_state=0, voicing_threshold=0.3)
    pipe.fit(X, y)
    path = tmp_path_factory.mktemp("model") / "bass.joblib"
    save_model(pipe, path, info={"note": "test"})
    return path


@pytest.fixture
def wav(tmp_path):
    y, labels = bass_tone([33, 40, 45, 38])
    path = tmp_path / "tune.wav"
    sf.write(path, y, SR, subtype="FLOAT")
    return path, y, labels


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
        load_model(tmp_path / "missing.joblib")
    junk = tmp_path / "junk.joblib"
    junk.write_text("not a model")
    with pytest.raises(ValueError, match="not a readable skbass model"):
        load_model(junk)


def test_cli_transcribe_writes_csv_midi_png(model_file, wav, tmp_path):
    path, y, _ = wav
    out = tmp_path / "out"
    status = main(["transcribe", str(path), "--out", str(out), "--model", str(model_file),
                   "--midi", "--png", "--quiet"])
    assert status == 0
    with open(out / "tune.csv") as f:
        rows = list(csv.reader(f))
    assert rows[0] == ["time", "midi", "salience", "voiced"]
    assert len(rows) - 1 == 1 + len(y) // HOP
    assert float(rows[2][0]) == pytest.approx(HOP / SR, abs=1e-6)
    assert all(26 <= int(r[1]) <= 69 and r[3] in ("0", "1") for r in rows[1:])
    midi = mido.MidiFile(out / "tune.mid")
    assert any(m.type == "note_on" for m in midi.tracks[0])
    assert (out / "tune.png").stat().st_size > 10_000


def test_cli_beat_wise_midi(model_file, wav, tmp_path):
    path, _, _ = wav
    assert main(["transcribe", str(path), "--out", str(tmp_path), "--model", str(model_file),
                 "--beats", "--quiet", "--threshold", "0"]) == 0
    assert (tmp_path / "tune.mid").exists()


def test_cli_reports_bad_files_and_goes_on(model_file, wav, tmp_path, capsys):
    path, _, _ = wav
    silent = tmp_path / "silent.wav"
    sf.write(silent, np.zeros(SR, dtype=np.float32), SR)
    empty = tmp_path / "empty.wav"
    sf.write(empty, np.zeros(0, dtype=np.float32), SR)
    text = tmp_path / "notes.wav"
    text.write_text("not audio")
    missing = tmp_path / "missing.wav"
    out = tmp_path / "out"
    files = [str(silent), str(empty), str(text), str(missing), str(path)]
    status = main(["transcribe", *files, "--out", str(out), "--model", str(model_file), "--quiet"])
    assert status == 1
    err = capsys.readouterr().err
    for bad, why in [(silent, "silent"), (empty, "empty"), (text, "cannot read"), (missing, "no such")]:
        assert f"{bad}: " in err and why in err
    assert (out / "tune.csv").exists() and not (out / "silent.csv").exists()


def test_train_command_writes_a_loadable_model(tmp_path, capsys):
    out = tmp_path / "model.joblib"
    assert main(["train", "--out", str(out), "--size", "small", "--epochs", "1", "--n-jobs", "1"]) == 0
    pipe, info = load_model(out, return_info=True)
    assert info["size"] == "small" and 0 < info["voicing_threshold"] < 1
    assert "validation_raw_pitch_accuracy" in capsys.readouterr().out
    assert pipe[0].n_jobs is None
