"""Importance (random forest and fANOVA), its table and the figures, on a small study."""

import math

import matplotlib.image
import pytest

from skbass.model_selection import (
    PAPER_IMPORTANCE,
    SearchSpace,
    importance_table,
    optimize,
    param_importances,
    plot_history,
    plot_hyperparameters,
    plot_importances,
    prepare_study,
    storage_url,
)


def _objective(space):
    def objective(trial):
        v = space.suggest(trial)
        # mostly the learning-rate exponent, a little dropout
        return 1.0 - abs(v["learning_rate_exponent"] + 4.3) / 3 - 0.2 * v["dropout"]

    return objective


@pytest.fixture(scope="module")
def study(tmp_path_factory):
    space = SearchSpace.paper()
    url = storage_url(tmp_path_factory.mktemp("imp") / "study.db")
    study = prepare_study(storage=url, study_name="imp", space=space, n_trials=24)
    return optimize(study, _objective(space), progress=False)


def test_both_importances_find_the_learning_rate(study):
    importances = param_importances(study, seed=0)
    assert importances == param_importances(study, seed=0)  # seeded
    for values in importances.values():
        assert list(values) == list(SearchSpace.paper())
        assert math.isclose(sum(values.values()), 1.0)
        assert max(values, key=values.get) == "learning_rate_exponent"
    table = importance_table(importances)
    assert table.splitlines()[0].startswith("| hyperparameter | symbol | random forest (MDI)")
    assert "| learning_rate_exponent | r |" in table and "| 0.485 |" in table
    assert sum(PAPER_IMPORTANCE.values()) == pytest.approx(1.0)


def test_figures_are_written(study, tmp_path):
    importances = param_importances(study)
    fig = plot_hyperparameters(study, tmp_path / "figure4.png")
    assert [ax.get_xlabel() for ax in fig.axes] == [
        "learning rate exponent r",
        "dropout ratio d",
        "magnitude scaling",
        "layer size exponent h",
    ]
    # every trial a dot, plus a trend line in each panel
    assert all(len(ax.lines[0].get_xdata()) == 24 and len(ax.lines) == 2 for ax in fig.axes)
    plot_importances(importances, tmp_path / "importance.png")
    plot_history(study, tmp_path / "history.png")
    for name in ("figure4", "importance", "history"):
        image = matplotlib.image.imread(tmp_path / f"{name}.png")
        assert image.shape[0] > 200 and image.shape[1] > 400


def test_importance_needs_two_trials_that_differ(tmp_path):
    space = SearchSpace(dropout=(0.0, 0.5), n_hidden_layers=(3, 6))
    study = prepare_study(
        storage=storage_url(tmp_path / "s.db"), study_name="c", space=space, n_trials=3
    )
    with pytest.raises(ValueError, match="at least two complete trials"):
        param_importances(study)
    optimize(study, lambda trial: (space.suggest(trial), 0.5)[1], progress=False)
    flat = param_importances(study)
    assert all(math.isnan(v) for v in flat["random_forest"].values())
    assert "| dropout | d | n/a | n/a | 0.385 |" in importance_table(flat)
