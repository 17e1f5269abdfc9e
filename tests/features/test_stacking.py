"""Frame stacking: symmetric and asymmetric context, and its checks."""

import numpy as np
import pytest

from skbass.features import FrameStacker
from skbass.features._framewise import context_sides, stack_frames


def test_asymmetric_context_stacks_before_and_after():
    frames = np.arange(5, dtype=float)[:, None]
    stacked = stack_frames(frames, (1, 2))
    # row i: frames i-1 .. i+2, the ends repeated
    assert stacked.tolist() == [
        [0, 0, 1, 2],
        [0, 1, 2, 3],
        [1, 2, 3, 4],
        [2, 3, 4, 4],
        [3, 4, 4, 4],
    ]
    np.testing.assert_array_equal(stack_frames(frames, (2, 2)), stack_frames(frames, 2))
    assert stack_frames(frames, (0, 0)) is frames


def test_frame_stacker_takes_a_pair():
    X = [np.random.default_rng(0).random((6, 3)).astype(np.float32)]
    (out,) = FrameStacker(context=(4, 12)).fit_transform(X)
    assert out.shape == (6, 17 * 3) and out.dtype == np.float32
    np.testing.assert_array_equal(out[:, 4 * 3 : 5 * 3], X[0])  # the frame itself


@pytest.mark.parametrize("context", [(1, -1), (1, 2, 3), (1.5, 2), (True, 1)])
def test_bad_context_is_refused_by_name(context):
    with pytest.raises(ValueError, match="context must be"):
        FrameStacker(context=context).fit([np.ones((4, 3))])
    with pytest.raises(ValueError, match="context must be"):
        context_sides(context)
