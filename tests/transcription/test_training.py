"""The bass model's training recipe: which sets it renders, with which seeds."""

import inspect

import numpy as np
import pytest
from sklearn.utils import Bunch

import skbass.datasets
from skbass.datasets import make_ensembles, make_isolated_notes
from skbass.datasets.synth._augment import check_augmentation
from skbass.transcription import RECIPES
from skbass.transcription._training import _training_data


@pytest.mark.parametrize("size", list(RECIPES))
def test_recipe_settings_are_set_arguments(size):
    recipe = RECIPES[size]
    sets = [(make_ensembles, s) for s in (*recipe["ensembles"], recipe["validation"])]
    sets += [(make_isolated_notes, s) for s in recipe["isolated"]]
    for make, settings in sets:
        settings = {k: v for k, v in settings.items() if k != "seed"}
        inspect.signature(make).bind(**settings)
        assert "soundfonts" not in settings  # training soundfonts only
        for pair in settings.get("augment", ()):
            check_augmentation(*pair)
    assert recipe["validation"].get("condition", "hard") == "hard"
    assert {s["condition"] for s in recipe["ensembles"]} == {"hard", "clean"}


def test_training_data_seeds(monkeypatch):
    calls = []

    def fake(kind):
        def make(**kwargs):
            calls.append((kind, kwargs))
            return Bunch(X=[np.zeros(4)], y=[np.zeros(1, int)])

        return make

    monkeypatch.setattr(skbass.datasets, "make_ensembles", fake("ensembles"))
    monkeypatch.setattr(skbass.datasets, "make_isolated_notes", fake("isolated"))
    recipe = RECIPES["default"]
    X, y, Xv, yv = _training_data(recipe, 10, 1, False)
    n_sets = len(recipe["ensembles"]) + len(recipe["isolated"])
    assert len(X) == len(y) == n_sets and len(Xv) == len(yv) == 1
    seeds = {(kind, kw["seed"], kw.get("condition")) for kind, kw in calls}
    # the pieces of the earlier recipe keep their seeds: hard 0, clean +1, validation +1000
    assert seeds >= {
        ("ensembles", 10, "hard"),
        ("ensembles", 11, "clean"),
        ("ensembles", 1010, "hard"),
    }
    assert any(kind == "isolated" for kind, _ in calls)
    assert all(kw["n_jobs"] == 1 and kw["progress"] is False for _, kw in calls)
    assert len(seeds) == len(calls)  # no two sets render the same pieces the same way
