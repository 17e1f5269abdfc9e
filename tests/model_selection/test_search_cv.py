"""OptunaSearchCV and GridSearchCV over the bass pipeline at recording level."""

import os

import optuna
import pytest
from optuna_integration import OptunaSearchCV
from sklearn.model_selection import GridSearchCV, GroupKFold

from skbass.metrics import raw_pitch_scorer
from skbass.model_selection import SearchSpace, search_pipeline

SPACE = SearchSpace(hidden_layer_exponent=(3, 4), learning_rate_exponent=(-3.0, -2.0))
GROUPS = [0, 0, 1, 1, 2, 2]


def _cached_recordings(folder):
    return sum("output.pkl" in files for _, _, files in os.walk(folder))


def test_optuna_search_cv_over_recordings(recordings, tmp_path):
    X, y = recordings
    pipe = search_pipeline(
        memory=str(tmp_path / "cqt"), n_hidden_layers=1, epochs=1, random_state=0
    )
    study = optuna.create_study(
        direction="maximize",
        sampler=optuna.samplers.RandomSampler(seed=0),
        storage=f"sqlite:///{tmp_path / 'cv.db'}",
    )
    search = OptunaSearchCV(
        pipe,
        SPACE.param_distributions(),
        cv=GroupKFold(n_splits=2),
        scoring=raw_pitch_scorer,
        n_trials=2,
        study=study,
        refit=False,
        error_score="raise",
    )
    search.fit(X, y, groups=GROUPS)
    assert set(search.best_params_) == {"mlp__hidden_layer_size", "mlp__learning_rate"}
    assert search.best_params_["mlp__hidden_layer_size"] in (8, 16)
    assert 0.0 <= search.best_score_ <= 1.0 and len(study.trials) == 2
    # each recording's frames were computed once, then read from the cache
    assert _cached_recordings(tmp_path / "cqt") == len(X)


def test_grid_search_cv_over_recordings(recordings, tmp_path):
    X, y = recordings
    pipe = search_pipeline(
        memory=str(tmp_path / "cqt"), n_hidden_layers=1, epochs=1, random_state=0
    )
    grid = SearchSpace(hidden_layer_exponent=(3, 3), magnitude_scaling=["linear", "log"])
    search = GridSearchCV(
        pipe,
        grid.param_grid(),
        cv=GroupKFold(n_splits=2),
        scoring=raw_pitch_scorer,
        error_score="raise",
    )
    search.fit(X, y, groups=GROUPS)
    assert search.param_grid == {"mlp__hidden_layer_size": [8], "log__scaling": ["linear", "log"]}
    assert len(search.cv_results_["mean_test_score"]) == 2
    assert search.best_estimator_.predict(X[:1])[0].shape == y[0].shape
    assert _cached_recordings(tmp_path / "cqt") == len(X)
    with pytest.raises(ValueError, match="n_points must be a positive integer"):
        grid.param_grid(n_points=0)
