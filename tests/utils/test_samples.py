"""The sample-level module: pooling recordings into frames and back, groups, patches."""

import numpy as np
import pytest

from skbass.utils import pool, pool_labels, to_patches


def _recordings():
    rng = np.random.default_rng(0)
    X = [rng.random((n, 3)) for n in (4, 1, 6)]
    y = [rng.integers(26, 70, size=len(x)) for x in X]
    return X, y


def test_pool_and_unpool_round_trip():
    X, y = _recordings()
    pooled = pool(X, y)
    assert pooled.recording_level
    assert pooled.X.shape == (11, 3) and pooled.y.shape == (11,)
    assert pooled.groups.tolist() == [0] * 4 + [1] + [2] * 6
    for a, b in zip(pooled.unpool(pooled.X), X):
        np.testing.assert_array_equal(a, b)
    assert [len(p) for p in pooled.recordings()] == [4, 1, 6]
    assert [len(p) for p in pooled.map(lambda f: f[:, 0])] == [4, 1, 6]


def test_frame_level_passes_through():
    frames, labels = np.ones((5, 3)), np.arange(5)
    pooled = pool(frames, labels)
    assert not pooled.recording_level and pooled.groups is None
    assert pooled.X is frames and pooled.y is labels
    assert pooled.unpool(labels) is labels
    assert pooled.map(lambda f: f * 2).shape == (5, 3)


@pytest.mark.parametrize(
    "X, y, match",
    [
        ([np.ones((2, 3)), np.ones((2, 4))], None, "different numbers of features"),
        ([np.ones((2, 3))], np.zeros(2), "single label array"),
        ([np.ones((2, 3)), np.ones((2, 3))], [np.zeros(2)], "2 recordings but y has 1"),
        ([np.ones((2, 3))], [np.zeros(3)], "recording 0 has 2 frames but 3 labels"),
        ([np.ones((2, 3))], [np.zeros((2, 1))], "must be 1-D"),
    ],
)
def test_mismatched_levels_are_clear_errors(X, y, match):
    with pytest.raises(ValueError, match=match):
        pool(X, y)


def test_pool_labels_takes_either_level():
    assert pool_labels([np.array([1, 2]), np.array([3])]).tolist() == [1, 2, 3]
    assert pool_labels(np.array([1, 2])).tolist() == [1, 2]
    assert pool_labels([0, 40]).tolist() == [0, 40]


def test_patches_half_overlapping_with_groups_and_aggregation():
    X = [np.arange(10)[:, None] * np.ones((1, 2)), np.arange(7)[:, None] * np.ones((1, 2))]
    patches = to_patches(X, ["violin", "flute"], length=4, step=2)
    assert patches.X.shape == (4 + 2, 4, 2)
    assert patches.groups.tolist() == [0, 0, 0, 0, 1, 1]
    assert patches.starts.tolist() == [0, 2, 4, 6, 0, 2]
    np.testing.assert_array_equal(patches.X[1][:, 0], [2, 3, 4, 5])
    assert patches.y.tolist() == ["violin"] * 4 + ["flute"] * 2
    means = patches.aggregate(np.arange(6, dtype=float)[:, None])
    np.testing.assert_allclose(means[:, 0], [1.5, 4.5])


def test_short_recordings_need_padding():
    with pytest.raises(ValueError, match="recording 1 has 3 frames, fewer than one excerpt"):
        to_patches([np.ones((5, 2)), np.ones((3, 2))], length=4, step=2)
    padded = to_patches([np.ones((3, 2))], length=4, step=2, pad=True)
    assert padded.X.shape == (1, 4, 2) and padded.X[0, 3].tolist() == [0.0, 0.0]
    with pytest.raises(ValueError, match="one label per recording"):
        to_patches([np.ones((5, 2))], ["a", "b"], length=4, step=2)
    with pytest.raises(ValueError, match="step must be a positive integer"):
        to_patches([np.ones((5, 2))], length=4, step=0)
