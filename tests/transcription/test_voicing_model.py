"""A voicing pipeline: trained on "sounding" labels, saved, run in NumPy, used by transcribe."""

import csv
import dataclasses

import numpy as np
import pytest

from skbass import load_model, save_model, transcribe
from skbass.cli import main
from skbass.datasets import notes_to_frame_labels
from skbass.transcription import bass_pipeline, select_voicing_threshold
from skbass.transcription._runtime import read_runtime
from skbass.utils._salience import voicing_score

from ..conftest import HOP, bass_tone

NOTES = np.array([[0.5 * i, 0.5 * i + 0.4, m] for i, m in enumerate([33, 40, 45, 38])])


@pytest.fixture(scope="module")
def voicing_file(tmp_path_factory):
    y, _ = bass_tone(NOTES[:, 2].astype(int))
    labels = notes_to_frame_labels(NOTES, 1 + len(y) // HOP, convention="sounding")
    pipe = bass_pipeline(
        context=1, n_hidden_layers=1, hidden_layer_size=16, epochs=1, random_state=1
    )
    pipe.fit([y, y], [labels, labels])
    pipe.set_params(mlp__voicing_threshold=0.4)
    path = tmp_path_factory.mktemp("voicing") / "voicing.npz"
    save_model(pipe, path)
    return path


def test_voicing_score_is_the_mean_of_the_two_peaks():
    peak = np.array([0.2, 0.9, 0.5])
    other = np.array([[0.6, 0.1], [0.1, 0.3], [0.5, 0.5]])
    np.testing.assert_allclose(voicing_score(peak, other), [0.4, 0.6, 0.5])
    np.testing.assert_array_equal(voicing_score(peak), peak)
    with pytest.raises(ValueError, match="one row per frame"):
        voicing_score(peak, other[:2])


def test_transcribe_with_a_voicing_model(model_file, voicing_file):
    y, _ = bass_tone(NOTES[:, 2].astype(int))
    runtime, voicing = read_runtime(model_file), read_runtime(voicing_file)
    without = transcribe(y, runtime)
    line = transcribe(y, runtime, voicing_model=voicing)
    # the pitch is the salience model's; the voicing is decided by both networks
    np.testing.assert_array_equal(line.midi, without.midi)
    _, voicing_salience = voicing.analyse(y)
    score = voicing_score(line.salience_matrix.max(axis=1), voicing_salience)
    np.testing.assert_array_equal(line.voiced, score > voicing.voicing_threshold)
    assert line.voicing_threshold == voicing.voicing_threshold == 0.4
    # a fitted pipeline decides the same as its runtime
    piped = transcribe(y, load_model(model_file), voicing_model=load_model(voicing_file))
    np.testing.assert_array_equal(piped.voiced, line.voiced)


def test_voicing_model_must_hear_the_same_frames(model_file, voicing_file):
    runtime = read_runtime(voicing_file)
    runtime.cqt = {**runtime.cqt, "hop_length": 512}
    with pytest.raises(ValueError, match="voicing model's frames"):
        transcribe(np.ones(22050, np.float32), read_runtime(model_file), voicing_model=runtime)
    with pytest.raises(TypeError, match="voicing_model: .*fitted bass pipeline"):
        transcribe(np.ones(22050, np.float32), read_runtime(model_file), voicing_model="x.npz")


def test_threshold_is_chosen_for_the_pair(recordings, model_file, voicing_file):
    X, y = recordings
    pipe, voicing = load_model(model_file), load_model(voicing_file)
    threshold, scores = select_voicing_threshold(pipe, X, y, voicing_model=voicing)
    salience = pipe[-1].salience(pipe[:-1].transform(X))
    other = voicing[-1].salience(voicing[:-1].transform(X))
    voiced = np.concatenate(
        [voicing_score(s.max(axis=1), o) > threshold for s, o in zip(salience, other)]
    )
    truth = np.concatenate(y) > 0
    assert scores[threshold]["voicing_recall"] == pytest.approx(voiced[truth].mean())


def test_cli_uses_a_voicing_model(model_file, voicing_file, wav, tmp_path):
    path, _, _ = wav
    args = ["transcribe", str(path), "--out", str(tmp_path), "--model", str(model_file)]
    assert main([*args, "--voicing-model", str(voicing_file), "--quiet"]) == 0
    with open(tmp_path / "tune.csv") as f:
        rows = list(csv.DictReader(f))
    expected = transcribe(
        str(path), read_runtime(model_file), voicing_model=read_runtime(voicing_file)
    )
    np.testing.assert_array_equal([r["voiced"] == "1" for r in rows], expected.voiced)


def test_notes_last_while_the_voicing_network_hears_them(model_file, voicing_file):
    from skbass.transcription._notes import decode_notes

    y, _ = bass_tone(NOTES[:, 2].astype(int))
    runtime, voicing = read_runtime(model_file), read_runtime(voicing_file)
    line = transcribe(y, runtime, voicing_model=voicing)
    _, voicing_salience = voicing.analyse(y)
    np.testing.assert_array_equal(line.voicing_peak, voicing_salience.max(axis=1))
    # a network sure of the second half only: the lower threshold there alone
    half, rest = len(line.times) // 2, len(line.times) - len(line.times) // 2
    line = dataclasses.replace(line, voicing_peak=np.r_[np.full(half, 0.2), np.full(rest, 0.9)])
    threshold = np.r_[np.full(half, 0.45), np.full(rest, 0.1)]
    expected = decode_notes(
        line.salience_matrix,
        line.pitches,
        line.times,
        hop_s=HOP / 22050,
        voicing_threshold=threshold,
    )
    np.testing.assert_array_equal(line.notes(sounding_threshold=0.1), expected)
    # without a voicing network, or with sounding_threshold=None, one threshold everywhere
    alone = transcribe(y, runtime)
    assert alone.voicing_peak is None
    np.testing.assert_array_equal(alone.notes(), alone.notes(sounding_threshold=0.1))
    plain = decode_notes(
        line.salience_matrix, line.pitches, line.times, hop_s=HOP / 22050, voicing_threshold=0.45
    )
    np.testing.assert_array_equal(line.notes(sounding_threshold=None), plain)
