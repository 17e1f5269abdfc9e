"""The generated instrument sets: shapes, classes, groups, determinism, the soundfont
split, disjoint singers, the cache, the paper's 3-second excerpts, and the solo chain
defeating a forest trained on clean renders."""

import numpy as np
import pytest

from skbass.datasets import (
    INSTRUMENTS,
    _instrument_sets,
    class_accuracies,
    cut_excerpts,
    load_instrument_csv,
    load_instrument_test_set,
    make_instrument_solos,
    write_set,
)
from skbass.datasets._instrument_sets import _SINGER_BOUND, _solo_jobs
from skbass.utils._constants import INSTRUMENT_SR

TINY = dict(n_pieces=1, duration=3.0, progress=False)


@pytest.fixture(scope="module")
def cache_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("cache")


@pytest.fixture(scope="module")
def train(cache_dir):
    return make_instrument_solos("small", seed=1, cache=cache_dir, **TINY)


def test_shapes_classes_and_groups(train):
    X, y, groups, meta = train.X, train.y, train.groups, train.metadata
    assert len(X) == len(y) == len(groups) == len(meta) == len(INSTRUMENTS)
    assert list(y) == list(INSTRUMENTS) and train.target_names == list(INSTRUMENTS)
    assert len(np.unique(groups)) == len(X)  # one group per piece
    for audio, label, m in zip(X, y, meta):
        assert audio.dtype == np.float32 and audio.shape == (3 * INSTRUMENT_SR,)
        assert 0 < np.abs(audio).max() <= 1.0 and np.isfinite(audio).all()
        assert m["label"] == label and m["sr"] == INSTRUMENT_SR and m["duration"] == 3.0
        assert {"tempo", "key", "mode", "phrase_kinds", "chain", "seed", "program"} <= set(m)
        if label == "voice":
            assert m["synth"] == "voice" and m["soundfont"] is None
            assert m["program"] is None and 0 <= m["singer"] < _SINGER_BOUND
        else:
            assert m["synth"] == "fluidsynth" and m["soundfont"] in ("FluidR3_GM", "TimGM6mb")
    assert meta[INSTRUMENTS.index("piano")]["program"] == 0


def test_deterministic_by_seed(train):
    again = make_instrument_solos("small", seed=1, cache=False, **TINY)
    for a, b in zip(train.X, again.X):
        np.testing.assert_array_equal(a, b)
    assert train.metadata == again.metadata
    other = _solo_jobs("instruments", "small", 1, 3.0, ["FluidR3_GM"], "hard", 2, 44100)
    assert train.metadata[0]["seed"] != other[0]["piece_seed"]


def test_soundfonts_programs_and_durations():
    jobs = _solo_jobs("instruments", "small", 4, 3.0, ["FluidR3_GM", "TimGM6mb"], "hard", 0, 44100)
    trumpet = [j for j in jobs if j["instrument"] == "trumpet"]
    assert [(j["soundfont"], j["program"]) for j in trumpet] == [
        ("FluidR3_GM", 56),
        ("TimGM6mb", 56),
        ("FluidR3_GM", 59),
        ("TimGM6mb", 59),
    ]
    jobs = _solo_jobs("instruments", "default", None, None, ["FluidR3_GM"], "hard", 0, 44100)
    durations = {j["duration"] for j in jobs}
    assert min(durations) >= 15.0 and max(durations) <= 30.0 and len(durations) > 100


def test_musescore_refused_for_training():
    with pytest.raises(ValueError, match="test-only"):
        make_instrument_solos("small", soundfonts=["FluidR3_GM", "MuseScore_General_Lite"])
    with pytest.raises(ValueError, match="duration"):
        make_instrument_solos("small", duration=2.0)
    with pytest.raises(ValueError, match="condition"):
        load_instrument_test_set("small", condition="noisy")


def test_test_set_jobs(monkeypatch):
    """The test set's pieces: MuseScore, other seeds, other singers (jobs only)."""
    monkeypatch.setattr(_instrument_sets, "_run", lambda jobs, *args: jobs)
    jobs = load_instrument_test_set("small", condition="clean")
    train = make_instrument_solos("small", condition="clean")
    assert [j["instrument"] for j in jobs] == [j["instrument"] for j in train]
    for job in jobs:
        if job["instrument"] == "voice":
            assert job["synth"] == "voice" and job["singer"] >= _SINGER_BOUND
        else:
            assert job["soundfont"] == "MuseScore_General_Lite"
    assert {j["piece_seed"] for j in jobs}.isdisjoint(j["piece_seed"] for j in train)


@pytest.mark.slow
def test_test_set_uses_musescore_and_other_singers(train):
    test = load_instrument_test_set("small", condition="clean", seed=1, cache=False, **TINY)
    assert list(test.y) == list(INSTRUMENTS)
    for m in test.metadata:
        if m["synth"] == "voice":
            assert m["singer"] >= _SINGER_BOUND
        else:
            assert m["soundfont"] == "MuseScore_General_Lite"
        assert m["chain"]["condition"] == "clean"
    assert {m["seed"] for m in test.metadata}.isdisjoint(m["seed"] for m in train.metadata)


def test_cache_returns_the_same_recordings(train, cache_dir):
    assert len(list(cache_dir.rglob("*.npz"))) == len(INSTRUMENTS)
    again = make_instrument_solos("small", seed=1, cache=cache_dir, **TINY)
    for a, b in zip(train.X, again.X):
        np.testing.assert_array_equal(a, b)
    assert train.metadata == again.metadata


def test_excerpts_keep_label_and_group(train):
    excerpts = cut_excerpts(train, sr=INSTRUMENT_SR)
    assert len(excerpts.X) == len(train.X)  # one 3-second window per 3-second piece
    np.testing.assert_array_equal(excerpts.groups, train.groups)
    assert list(excerpts.y) == list(train.y)


def test_written_set_loads_back(train, tmp_path):
    paths = write_set(train, tmp_path, name="solo", sr=INSTRUMENT_SR)
    back = load_instrument_csv(tmp_path / "labels.csv")
    assert back.X == paths and list(back.y) == list(train.y)
    np.testing.assert_array_equal(back.groups, train.groups)
    excerpts = cut_excerpts(back, sr=INSTRUMENT_SR)
    np.testing.assert_allclose(excerpts.X[0], train.X[0], atol=1e-6)


def test_class_accuracies():
    s = class_accuracies(["piano", "violin", "violin"], ["piano", "piano", "violin"])
    assert s.per_class == {"piano": 1.0, "violin": 0.5} and s.average == 0.75


def test_solo_chain_defeats_a_forest_trained_on_clean_renders():
    from skbass.features import bag_of_features_baseline

    kw = dict(n_pieces=2, duration=9.0, sr=22050, progress=False, cache=False, n_jobs=2)
    train = make_instrument_solos(condition="clean", seed=3, **kw)
    tests = {c: make_instrument_solos(condition=c, seed=4, **kw) for c in ("clean", "hard")}
    assert tests["hard"].metadata[0]["chain_preset"] == "solo"

    def excerpts(data):
        return cut_excerpts({"X": data.X, "y": data.y, "groups": data.groups}, sr=22050)

    parts = excerpts(train)
    forest = bag_of_features_baseline(random_state=0).fit(parts.X, parts.y)
    scores = {}
    for condition, data in tests.items():
        parts = excerpts(data)
        scores[condition] = class_accuracies(parts.y, forest.predict(parts.X)).average
    # 8 classes x 2 pieces: 0.75 on clean renders of other pieces, 0.39 through the chain
    assert scores["hard"] < scores["clean"] - 0.2
