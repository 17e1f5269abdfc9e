"""The seeded ensemble generator and its MIDI-domain transformations."""

import numpy as np

from skbass.datasets import generate_piece
from skbass.datasets.synth._generator import transform_piece


def test_generator_is_deterministic_and_in_range():
    a, b, c = generate_piece(5, 20.0), generate_piece(5, 20.0), generate_piece(6, 20.0)
    for name in a["parts"]:
        np.testing.assert_array_equal(a["parts"][name]["notes"], b["parts"][name]["notes"])
    assert not np.array_equal(a["parts"]["bass"]["notes"], c["parts"]["bass"]["notes"])
    for seed in range(20):
        piece = generate_piece(seed, 30.0)
        bass = piece["parts"]["bass"]["notes"]
        assert 28 <= bass[:, 2].min() and bass[:, 2].max() <= 57
        assert np.all(bass[1:, 0] >= bass[:-1, 1])  # monophonic
        assert piece["parts"]["drums"]["channel"] == 9
        assert piece["programs"]["bass"] in (32, 33, 35)


def test_transform_piece_is_exact():
    piece = generate_piece(3, 10.0)
    out = transform_piece(piece, stretch=1.1, shift=-2)
    b0, b1 = piece["parts"]["bass"]["notes"], out["parts"]["bass"]["notes"]
    np.testing.assert_allclose(b1[:, :2], b0[:, :2] * 1.1, atol=1e-3)
    np.testing.assert_array_equal(b1[:, 2], b0[:, 2] - 2)
    np.testing.assert_array_equal(
        out["parts"]["drums"]["notes"][:, 2], piece["parts"]["drums"]["notes"][:, 2]
    )
