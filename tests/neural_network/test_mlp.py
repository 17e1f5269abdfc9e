import io

import joblib
import numpy as np
import pytest
from sklearn.base import clone, is_classifier
from sklearn.model_selection import StratifiedKFold, cross_val_score, cross_validate
from sklearn.pipeline import Pipeline

from skbass import BassSalienceMLP, CQTFrames, LogScaler

FAST = dict(n_hidden_layers=1, hidden_layer_size=32, learning_rate=1e-2, epochs=1, random_state=0)


def frames(n=300, seed=0, pitches=(33, 40, 45)):
    rng = np.random.default_rng(seed)
    y = rng.choice(pitches, size=n)
    X = 0.1 * rng.random((n, 67)).astype(np.float32)
    X[np.arange(n), y - 25] += 1.0
    return X, y


def test_is_classifier_and_cv_stratifies():
    mlp = BassSalienceMLP(**FAST)
    assert is_classifier(mlp)
    X, _ = frames(n=90)
    y = np.repeat([45, 33, 40], 30)  # sorted: unstratified KFold would give one class per fold
    result = cross_validate(mlp, X, y, cv=3, return_indices=True)
    assert len(result["test_score"]) == 3
    expected = [test for _, test in StratifiedKFold(3).split(X, y)]
    for got, want in zip(result["indices"]["test"], expected):
        np.testing.assert_array_equal(got, want)
        assert np.bincount(y[got], minlength=46)[[33, 40, 45]].tolist() == [10, 10, 10]


def test_outputs_and_shapes():
    X, y = frames()
    mlp = BassSalienceMLP(**{**FAST, "epochs": 20}).fit(X, y)
    assert mlp.salience(X).shape == (300, 44)
    assert mlp.pitches_.tolist() == list(range(26, 70))
    assert mlp.classes_.tolist() == [0] + list(range(26, 70))
    proba = mlp.predict_proba(X)
    np.testing.assert_allclose(proba.sum(axis=1), 1.0)
    np.testing.assert_array_equal(mlp.predict(X), mlp.classes_[proba.argmax(axis=1)])
    assert np.mean(mlp.predict(X) == y) > 0.9
    assert 0 not in mlp.predict(X)  # no voicing threshold: always a pitch


def test_voicing_threshold_predicts_no_bass():
    X, y = frames()
    mlp = BassSalienceMLP(**FAST).fit(X, y)
    salience = mlp.salience(X)
    mlp.set_params(voicing_threshold=float(np.median(salience.max(axis=1))))
    pred = mlp.predict(X)
    np.testing.assert_array_equal(pred == 0, salience.max(axis=1) < mlp.voicing_threshold)


def test_unvoiced_frames_train_toward_silence():
    X, y = frames(n=400)
    y[:200] = 0
    X[:200] = 0.1 * np.random.default_rng(3).random((200, 67))
    mlp = BassSalienceMLP(
        **{**FAST, "epochs": 40}, validation_fraction=0, voicing_threshold=0.5
    ).fit(X, y)
    assert np.mean(mlp.predict(X) == y) > 0.9


def test_labels_outside_range_are_rejected():
    X, y = frames()
    y[0] = 24
    with pytest.raises(ValueError, match=r"0 \(no bass\) or MIDI 26..69; got \[24\]"):
        BassSalienceMLP(**FAST).fit(X, y)


@pytest.mark.parametrize("midi_range", [(26, 69, 70), (69, 26), (0, 10)])
def test_bad_midi_range(midi_range):
    X, y = frames(n=30)
    with pytest.raises(ValueError, match="midi_range must be"):
        BassSalienceMLP(**FAST, midi_range=midi_range).fit(X, y)


def test_seeded_runs_are_identical():
    X, y = frames()
    a = BassSalienceMLP(**{**FAST, "epochs": 3}).fit(X, y).salience(X)
    b = BassSalienceMLP(**{**FAST, "epochs": 3}).fit(X, y).salience(X)
    np.testing.assert_array_equal(a, b)


def test_early_stopping_on_validation_accuracy():
    X, y = frames()
    mlp = BassSalienceMLP(**{**FAST, "epochs": 200, "patience": 2}).fit(X, y)
    assert "val_pitch_accuracy" in mlp.history_
    assert len(mlp.history_["loss"]) < 200


def test_recording_level_pipeline_as_written(recordings):
    X, y = recordings
    pipe = Pipeline([("cqt", CQTFrames()), ("log", LogScaler()), ("mlp", BassSalienceMLP(**FAST))])
    pipe.fit(X, y)
    pred = pipe.predict(X)
    assert isinstance(pred, list) and [len(p) for p in pred] == [len(v) for v in y]
    assert pipe.score(X, y) >= 0.0
    scores = cross_val_score(clone(pipe), X, y, cv=3)
    assert scores.shape == (3,)


def test_pipeline_persistence_is_bit_identical(recordings):
    X, y = recordings
    pipe = Pipeline([("cqt", CQTFrames()), ("log", LogScaler()), ("mlp", BassSalienceMLP(**FAST))])
    pipe.fit(X, y)
    buffer = io.BytesIO()
    joblib.dump(pipe, buffer)
    buffer.seek(0)
    loaded = joblib.load(buffer)
    for a, b in zip(pipe.predict_proba(X), loaded.predict_proba(X)):
        np.testing.assert_array_equal(a, b)


@pytest.mark.parametrize(
    "make, match",
    [
        (lambda X, y: (X, y[:-1]), "inconsistent numbers of samples"),
        (lambda X, y: (X[:, :, None], y), "dim 3"),
        (lambda X, y: (np.where(X > 1, np.nan, X), y), "NaN"),
        (lambda X, y: ([X[:10], X[10:20]], [y[:10]]), "2 recordings but y has 1"),
        (
            lambda X, y: ([X[:10], X[10:20]], [y[:10], y[10:19]]),
            "recording 1 has 10 frames but 9 labels",
        ),
        (lambda X, y: ([X[:10]], y[:10]), "single label array"),
        (lambda X, y: (X, np.zeros_like(y)), "y has no bass anywhere: all .* labels are 0"),
    ],
)
def test_bad_input_gets_a_clear_error(make, match):
    X, y = frames(n=30)
    with pytest.raises(ValueError, match=match):
        BassSalienceMLP(**FAST).fit(*make(X, y))


def test_predict_checks_feature_count():
    X, y = frames(n=30)
    mlp = BassSalienceMLP(**FAST).fit(X, y)
    with pytest.raises(ValueError, match="67 features"):
        mlp.predict(X[:, :40])
