"""The bass model's training recipe: which sets it renders, with which seeds."""

import inspect

import numpy as np
import pytest
from sklearn.utils import Bunch

import skbass.datasets
from skbass.datasets import make_ensembles, make_isolated_notes, notes_to_frame_labels
from skbass.datasets.synth._augment import check_augmentation
from skbass.datasets.synth._render import check_soundfont_file, find_soundfont, is_test_only
from skbass.transcription import RECIPES
from skbass.transcription._training import _onset_frames, _training_data


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
    assert len(recipe["soundfonts"]) > 2
    for soundfont in recipe["soundfonts"]:
        assert not is_test_only(soundfont)
        check_soundfont_file(find_soundfont(soundfont))  # installed (README) and a SoundFont


def test_training_data_seeds(monkeypatch):
    calls = []

    def fake(kind):
        def make(**kwargs):
            calls.append((kind, kwargs))
            meta = {"sr": 4, "hop_length": 1}
            notes = np.array([[0.0, 1.0, 40.0]])
            return Bunch(X=[np.zeros(4)], y=[np.zeros(5, int)], notes=[notes], metadata=[meta])

        return make

    monkeypatch.setattr(skbass.datasets, "make_ensembles", fake("ensembles"))
    monkeypatch.setattr(skbass.datasets, "make_isolated_notes", fake("isolated"))
    recipe = RECIPES["default"]
    X, y, Xv, yv_sounding, yv_paper = _training_data(recipe, 10, 1, False, recipe["labels"])
    n_sets = len(recipe["ensembles"]) + len(recipe["isolated"])
    assert len(X) == len(y) == n_sets and len(Xv) == len(yv_sounding) == len(yv_paper) == 1
    # the network learns the recipe's labels; the threshold is chosen on sounding labels and
    # the raw pitch accuracy keeps the paper's rule (the note's first 75 %)
    assert {kw["label_convention"] for _, kw in calls} == {recipe["labels"], "sounding"}
    notes, grid = np.array([[0.0, 1.0, 40.0]]), {"sr": 4, "hop_length": 1}
    np.testing.assert_array_equal(yv_paper[0], notes_to_frame_labels(notes, 5, **grid))
    assert (yv_paper[0] > 0).sum() < (
        notes_to_frame_labels(notes, 5, **grid, convention="sounding") > 0
    ).sum()
    seeds = {(kind, kw["seed"], kw.get("condition")) for kind, kw in calls}
    # the pieces of the earlier recipe keep their seeds: hard 0, clean +1, validation +1000
    assert seeds >= {
        ("ensembles", 10, "hard"),
        ("ensembles", 11, "clean"),
        ("ensembles", 1010, "hard"),
    }
    assert any(kind == "isolated" for kind, _ in calls)
    assert all(kw["n_jobs"] == 1 and kw["progress"] is False for _, kw in calls)
    assert all(kw["soundfonts"] == recipe["soundfonts"] for _, kw in calls)
    assert len(seeds) == len(calls)  # no two sets render the same pieces the same way
    # the voicing network's data: the same sets, every one with the sounding labels
    calls.clear()
    _training_data(recipe, 10, 1, False, "sounding")
    assert {kw["label_convention"] for _, kw in calls} == {"sounding"}
    assert {(kind, kw["seed"], kw.get("condition")) for kind, kw in calls} == seeds


@pytest.mark.parametrize("size", list(RECIPES))
def test_recipe_labels_and_false_alarm_cap(size):
    recipe = RECIPES[size]
    assert recipe["labels"] in ("paper", "sounding")
    assert 0 < recipe["max_false_alarm"] <= 0.1


@pytest.mark.parametrize("size", list(RECIPES))
def test_onset_recipe_settings_are_network_parameters(size):
    from skbass import BassSalienceMLP

    settings = RECIPES[size]["onsets"]
    BassSalienceMLP(**settings["mlp"])  # every key a parameter
    assert settings["near"] >= 1 and settings["negative_stride"] >= 1


def test_onset_frames_keep_the_frames_near_onsets_and_a_share_of_the_rest():
    from skbass.transcription._pipeline import onset_pipeline

    n = 22050 * 2
    rng = np.random.default_rng(0)
    x = (0.1 * rng.standard_normal(n)).astype(np.float32)
    notes = np.array([[0.5, 1.0, 40.0], [1.5, 1.9, 45.0]])
    front = onset_pipeline()[:-1].fit([x])
    data = Bunch(X=[x], notes=[notes])
    (features,), (labels,) = _onset_frames(front, data, near=3, negative_stride=5)
    n_frames = 1 + n // 256
    all_labels = notes_to_frame_labels(notes, n_frames, hop_length=256, convention="onsets")
    assert np.count_nonzero(labels) == np.count_nonzero(all_labels) == 6
    # 2 onsets x (3 labelled + 2 x 3 near) frames, plus every fifth frame elsewhere
    assert 18 + (n_frames - 18) // 5 <= len(labels) <= 18 + n_frames // 5 + 1
    assert features.shape == (len(labels), 17 * 67)
