"""The NumPy constant-Q transform equals librosa's ``cqt`` it reimplements."""

import warnings

import librosa
import numpy as np
import pytest

from skbass.features._constant_q import constant_q, cqt_frames

PAPER = dict(sr=22050, hop_length=1024, fmin=34.64782887210901, n_bins=67, bins_per_octave=12)


@pytest.mark.parametrize(
    "params, n_samples",
    [
        (PAPER, 30_001),  # the paper's features: 5 octaves and a part one, early downsampling
        (PAPER, 1024),  # a single hop, shorter than the lowest filter
        ({**PAPER, "hop_length": 1000}, 20_000),  # a hop with few factors of two
        ({**PAPER, "hop_length": 441}, 20_000),  # an odd hop: no downsampling between octaves
        (dict(sr=44100, hop_length=2048, fmin=55.0, n_bins=84, bins_per_octave=24), 40_000),
        (dict(sr=16000, hop_length=256, fmin=32.7, n_bins=60, bins_per_octave=12), 20_000),
        (dict(sr=22050, hop_length=512, fmin=110.0, n_bins=1, bins_per_octave=12), 8_000),
    ],
)
def test_constant_q_equals_librosa_cqt(params, n_samples):
    rng = np.random.default_rng(n_samples)
    t = np.arange(n_samples) / params["sr"]
    y = 0.3 * np.sin(2 * np.pi * 73.4 * t) + 0.05 * rng.standard_normal(n_samples)
    y = y.astype(np.float32)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # librosa warns about n_fft on short signals
        expected = np.abs(librosa.cqt(y, **params))
    got = constant_q(y, **params)
    assert got.shape == expected.shape and got.dtype == np.float32
    np.testing.assert_allclose(got, expected, rtol=1e-4, atol=1e-6 * expected.max())


def test_cqt_frames_are_frames_by_bins_and_power_squares():
    y = np.sin(2 * np.pi * 55.0 * np.arange(22050) / 22050).astype(np.float32)
    frames = cqt_frames(y)
    assert frames.shape == (22, 67) and frames.flags.c_contiguous
    np.testing.assert_allclose(cqt_frames(y, magnitude="power"), frames**2, rtol=1e-6)
    assert int(frames[5:15].mean(axis=0).argmax()) + 25 == 33  # A1


def test_a_filter_past_nyquist_is_refused():
    with pytest.raises(ValueError, match="Nyquist"):
        constant_q(
            np.ones(4096, np.float32),
            sr=8000,
            hop_length=512,
            fmin=1000.0,
            n_bins=48,
            bins_per_octave=12,
        )
