"""The generated sets: shapes, groups, metadata, determinism, the chain's effect on the
trivial baseline, the soundfont split and parameter checks."""

import librosa
import numpy as np
import pytest

from skbass.datasets import (
    baseline_from_metadata,
    load_isolated_test_set,
    load_test_set,
    make_ensembles,
    make_isolated_notes,
    make_unlabelled,
    notes_to_frame_labels,
)
from skbass.metrics import cqt_argmax_pitch

SR = 22050
HOP = 1024
TINY = dict(n_recordings=3, duration=8.0, progress=False, cache=False)


@pytest.fixture(scope="module")
def clean_and_hard():
    clean = make_ensembles("small", condition="clean", **TINY)
    hard = make_ensembles("small", condition="hard", **TINY)
    return clean, hard


def test_ensembles_deterministic_by_seed():
    kw = dict(n_recordings=1, duration=4.0, progress=False, cache=False)
    a = make_ensembles("small", seed=1, **kw)
    b = make_ensembles("small", seed=1, **kw)
    c = make_ensembles("small", seed=2, **kw)
    np.testing.assert_array_equal(a.X[0], b.X[0])
    np.testing.assert_array_equal(a.y[0], b.y[0])
    assert a.metadata == b.metadata
    assert not np.array_equal(a.y[0], c.y[0])


def test_shapes_and_metadata(clean_and_hard):
    data = clean_and_hard[1]
    X, y, meta = data.X, data.y, data.metadata
    assert len(X) == len(y) == len(meta) == 3
    assert data.groups.tolist() == [0, 1, 2]
    for audio, labels, m in zip(X, y, meta):
        assert audio.dtype == np.float32 and audio.ndim == 1 and len(audio) == 8 * SR
        assert len(labels) == 1 + len(audio) // HOP
        assert set(np.unique(labels)) <= {0} | set(range(26, 70))
        assert m["soundfont"] in ("FluidR3_GM", "TimGM6mb")
        assert {"form", "tempo", "key", "programs", "chain", "seed", "baseline_rpa"} <= set(m)
    assert [m["soundfont"] for m in meta] == ["FluidR3_GM", "TimGM6mb", "FluidR3_GM"]


def test_chain_defeats_trivial_baseline(clean_and_hard):
    clean, hard = clean_and_hard
    for a, b in zip(clean.y, hard.y):  # same pieces, only the chain differs
        np.testing.assert_array_equal(a, b)
    clean, hard = baseline_from_metadata(clean.metadata), baseline_from_metadata(hard.metadata)
    assert clean > 0.8
    assert hard < 0.7
    assert clean - hard > 0.2


def test_labels_sit_on_the_bass(clean_and_hard):
    X, y = clean_and_hard[0].X, clean_and_hard[0].y

    ranks = []
    for audio, labels in zip(X, y):
        C = np.abs(
            librosa.cqt(
                audio,
                sr=SR,
                hop_length=HOP,
                fmin=librosa.midi_to_hz(25),
                n_bins=67,
                bins_per_octave=12,
            )
        )[1:45]
        for i in np.flatnonzero(labels > 0):
            col = C[:, i]
            ranks.append(int(np.sum(col > col[labels[i] - 26])))
    ranks = np.array(ranks)
    assert np.mean(ranks == 0) > 0.8  # the labelled pitch is the strongest bin
    assert np.mean(ranks < 3) > 0.9
    # a label sequence shifted by a semitone does not fit
    audio, labels = X[0], y[0]
    est = cqt_argmax_pitch(audio)
    v = labels > 0
    assert np.mean(est[v] == labels[v]) > np.mean(est[v] == labels[v] + 1) + 0.5


def test_isolated_notes():
    data = make_isolated_notes("small", progress=False, cache=False, soundfonts=["FluidR3_GM"])
    X, y, meta = data.X, data.y, data.metadata
    assert len(X) == 1
    played = np.arange(24, 73, 6)
    labelled = np.unique(y[0][y[0] > 0])
    np.testing.assert_array_equal(labelled, played[(played >= 26) & (played <= 69)])
    assert meta[0]["programs"]["bass"] == 32
    assert baseline_from_metadata(meta) > 0.8


def test_unlabelled_withholds_labels():
    data = make_unlabelled("small", n_recordings=1, duration=4.0, progress=False, cache=False)
    assert len(data.X) == 1 and "labels" not in data.metadata[0]
    assert len(data.y_withheld[0]) == len(data.y[0]) == 1 + len(data.X[0]) // HOP
    assert (data.y[0] == -1).all() and data.y_withheld[0].max() > 0  # sklearn's unlabelled mark
    # different pieces from the labelled set
    labelled = make_ensembles("small", n_recordings=1, duration=4.0, progress=False, cache=False)
    assert labelled.metadata[0]["seed"] != data.metadata[0]["seed"]


def test_midi_domain_augmentation():
    data = make_ensembles(
        "small",
        n_recordings=1,
        duration=4.0,
        progress=False,
        cache=False,
        augment=[(1.0, 0), (1.1, 2)],
        condition="clean",
    )
    X, meta = data.X, data.metadata
    assert data.groups.tolist() == [0, 0]  # versions of one piece stay in one group
    assert [(m["stretch"], m["shift"]) for m in meta] == [(1.0, 0), (1.1, 2)]
    assert len(X[1]) == int(round(4.4 * SR))
    assert baseline_from_metadata(meta[1:]) > 0.6  # labels still sit on the (shifted) bass


@pytest.mark.parametrize(
    "sf", ["MuseScore_General_Lite", "/some/where/MuseScore_General.sf3", "musescore_general_full"]
)
def test_training_refuses_musescore(sf):
    with pytest.raises(ValueError, match="test-only"):
        make_ensembles("small", soundfonts=[sf], **TINY)
    with pytest.raises(ValueError, match="test-only"):
        make_isolated_notes("small", soundfonts=sf, progress=False, cache=False)
    with pytest.raises(ValueError, match="test-only"):
        make_unlabelled("small", soundfonts=["FluidR3_GM", sf], progress=False, cache=False)


def test_test_set_needs_musescore():
    with pytest.raises(ValueError, match="MuseScore"):
        load_test_set("small", soundfont="FluidR3_GM", progress=False, cache=False)


@pytest.mark.parametrize(
    "kwargs, match",
    [
        ({"size": "huge"}, "size"),
        ({"condition": "muddy"}, "condition"),
        ({"seed": -1}, "seed"),
        ({"seed": 1.5}, "seed"),
        ({"sr": 0}, "sr"),
        ({"hop_length": 0}, "hop_length"),
        ({"n_jobs": 0}, "n_jobs"),
        ({"duration": -1.0}, "duration"),
        ({"n_recordings": 0}, "n_recordings"),
        ({"augment": [(5.0, 0)]}, "stretch"),
        ({"augment": [(1.0, 0.5)]}, "shift"),
        ({"augment": "yes"}, "augment"),
        ({"cache": 3}, "cache"),
        ({"soundfonts": []}, "soundfont"),
        ({"style": "bebop"}, "style"),
    ],
)
def test_bad_parameters(kwargs, match):
    params = dict(progress=False, cache=False)
    params.update(kwargs)
    size = params.pop("size", "small")
    with pytest.raises(ValueError, match=match):
        make_ensembles(size, **params)


def test_bad_isolated_parameters():
    with pytest.raises(ValueError, match="pitch_range"):
        make_isolated_notes("small", pitch_range=(60, 30), cache=False, progress=False)
    with pytest.raises(ValueError, match="program"):
        make_isolated_notes("small", programs=[200], cache=False, progress=False)


def test_label_conventions_share_one_cached_render(tmp_path):
    kw = dict(n_recordings=1, duration=4.0, progress=False, cache=str(tmp_path))
    paper = make_ensembles("small", **kw)
    files = sorted(p.name for p in tmp_path.rglob("*.npz"))
    sounding = make_ensembles("small", label_convention="sounding", **kw)
    assert sorted(p.name for p in tmp_path.rglob("*.npz")) == files  # read, not rendered again
    np.testing.assert_array_equal(paper.X[0], sounding.X[0])
    np.testing.assert_array_equal(paper.notes[0], sounding.notes[0])
    notes, (y_paper,), (y_sounding,) = paper.notes[0], paper.y, sounding.y
    assert notes.shape[1] == 3 and len(notes) > 4
    np.testing.assert_array_equal(y_paper, notes_to_frame_labels(notes, len(y_paper)))
    np.testing.assert_array_equal(
        y_sounding, notes_to_frame_labels(notes, len(y_paper), convention="sounding")
    )
    assert (y_sounding > 0).sum() > (y_paper > 0).sum()
    # the default labels are those of an uncached render
    fresh = make_ensembles("small", n_recordings=1, duration=4.0, progress=False, cache=False)
    np.testing.assert_array_equal(fresh.y[0], y_paper)


def test_one_line_style_for_every_piece():
    kw = dict(n_recordings=3, duration=4.0, progress=False, cache=False, seed=6)
    drawn = make_ensembles("small", **kw)
    walking = make_ensembles("small", style="walking", **kw)
    assert {m["style"] for m in walking.metadata} == {"walking"}
    assert [m["style"] for m in drawn.metadata] == ["two_feel", "walking", "pedal"]
    # a piece drawn as walking is the same piece either way; the others are walked instead
    np.testing.assert_array_equal(drawn.notes[1], walking.notes[1])
    assert not np.array_equal(drawn.notes[0][:, 2], walking.notes[0][:, 2])


@pytest.mark.parametrize(
    "make", [make_ensembles, make_unlabelled, make_isolated_notes, load_test_set]
)
def test_bad_label_convention(make):
    with pytest.raises(ValueError, match="label_convention"):
        make("small", label_convention="whole", progress=False, cache=False)


def test_isolated_test_set_needs_musescore():
    with pytest.raises(ValueError, match="MuseScore"):
        load_isolated_test_set("small", soundfont="FluidR3_GM", progress=False, cache=False)
    with pytest.raises(ValueError, match="size"):
        load_isolated_test_set("tiny", progress=False, cache=False)
    with pytest.raises(ValueError, match="label_convention"):
        load_isolated_test_set("small", label_convention=None, progress=False, cache=False)


@pytest.mark.slow
def test_isolated_test_set(tmp_path):
    kw = dict(progress=False, cache=str(tmp_path), n_jobs=2)
    data = load_isolated_test_set("small", **kw)
    sounding = load_isolated_test_set("small", label_convention="sounding", **kw)
    assert [m["programs"]["bass"] for m in data.metadata] == [32, 43, 33]
    assert {m["soundfont"] for m in data.metadata} == {"MuseScore_General_Lite"}
    assert data.groups.tolist() == [0, 1, 2]
    for notes, y, y_sounding, m in zip(data.notes, data.y, sounding.y, data.metadata):
        np.testing.assert_array_equal(notes[:, 2], np.arange(26, 70, 6))
        durations = notes[:, 1] - notes[:, 0]
        assert durations.min() >= 2.5 and durations.max() <= 4.0
        assert np.all(notes[1:, 0] - notes[:-1, 1] >= 1.0)  # the release rings out alone
        assert m["chain"]["condition"] == "hard"
        assert set(np.unique(y[y > 0])) == set(range(26, 70, 6))
        assert (y_sounding > 0).sum() > 1.25 * (y > 0).sum()


@pytest.mark.slow
def test_default_test_set_defeats_trivial_baseline(tmp_path):
    data = load_test_set(progress=False, cache=str(tmp_path), n_jobs=2)
    assert baseline_from_metadata(data.metadata) < 0.70
