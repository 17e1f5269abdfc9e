import numpy as np
import pytest
from sklearn.model_selection import GridSearchCV
from sklearn.pipeline import Pipeline

from skbass import BassSalienceMLP, CQTFrames, LogScaler
from skbass.metrics import (
    raw_chroma_accuracy,
    raw_chroma_scorer,
    raw_pitch_accuracy,
    raw_pitch_scorer,
    signed_pitch_from_proba,
    voicing_measures,
)


def test_measures_follow_mirex():
    ref = [0, 40, 40, 40, 45]
    est = [40, 40, 52, -40, 44]
    assert raw_pitch_accuracy(ref, est) == pytest.approx(2 / 4)
    assert raw_chroma_accuracy(ref, est) == pytest.approx(3 / 4)
    assert voicing_measures(ref, est) == (pytest.approx(3 / 4), pytest.approx(1.0))


def test_lists_of_recordings_are_pooled():
    ref = [np.array([40, 40]), np.array([0, 45])]
    est = [np.array([40, 41]), np.array([0, 45])]
    assert raw_pitch_accuracy(ref, est) == pytest.approx(2 / 3)


def test_no_labelled_frames_scores_zero():
    assert raw_pitch_accuracy([0, 0], [40, 40]) == 0.0


@pytest.mark.parametrize(
    "ref, est, match",
    [
        ([40, 40], [40], "equal length"),
        ([40, np.nan], [40, 40], "NaN"),
        ([-3, 40], [40, 40], "y_true"),
    ],
)
def test_bad_input(ref, est, match):
    with pytest.raises(ValueError, match=match):
        raw_pitch_accuracy(ref, est)


def test_signed_pitch_from_proba():
    classes = np.array([0, 40, 41])
    proba = np.array([[0.6, 0.1, 0.3], [0.2, 0.5, 0.3]])
    np.testing.assert_array_equal(signed_pitch_from_proba(proba, classes), [-41, 40])


def test_scorers_in_grid_search_at_frame_level():
    rng = np.random.default_rng(0)
    y = rng.choice([33, 40, 45], size=150)
    X = 0.1 * rng.random((150, 67)).astype(np.float32)
    X[np.arange(150), y - 25] += 1.0
    grid = GridSearchCV(
        BassSalienceMLP(n_hidden_layers=1, hidden_layer_size=16, epochs=1, random_state=0),
        {"learning_rate": [1e-3, 1e-2]},
        scoring={"rpa": raw_pitch_scorer, "rca": raw_chroma_scorer},
        refit="rpa",
        cv=2,
    ).fit(X, y)
    assert 0.0 <= grid.best_score_ <= 1.0
    assert set(grid.cv_results_) >= {"mean_test_rpa", "mean_test_rca"}


def test_scorers_at_recording_level(recordings):
    X, y = recordings
    pipe = Pipeline(
        [
            ("cqt", CQTFrames()),
            ("log", LogScaler()),
            ("mlp", BassSalienceMLP(epochs=1, random_state=0)),
        ]
    ).fit(X, y)
    expected = raw_pitch_accuracy(y, [p for p in pipe.predict(X)])
    assert raw_pitch_scorer(pipe, X, y) == pytest.approx(expected)
