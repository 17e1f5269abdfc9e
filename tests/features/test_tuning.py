"""A recording's tuning: the NumPy estimate equals librosa's, and the CQT frames follow it."""

import librosa
import numpy as np
import pytest
from sklearn.utils._param_validation import InvalidParameterError

from skbass import CQTFrames
from skbass.features._constant_q import cqt_frames
from skbass.features._tuning import (
    TUNING_TOLERANCE,
    _peaks,
    estimate_tuning,
    pitch_tuning,
    resolve_tuning,
)

SR = 22050


def _tones(midi, seconds=2.0, seed=0):
    """Plucked tones of five harmonics at (fractional) MIDI pitches in turn, a little noise."""
    t = np.arange(int(seconds * SR)) / SR
    parts = [
        sum(np.sin(2 * np.pi * k * librosa.midi_to_hz(m) * t) / k for k in range(1, 6))
        * np.exp(-2 * t)
        for m in midi
    ]
    y = np.concatenate(parts)
    return (y + 0.01 * np.random.default_rng(seed).standard_normal(len(y))).astype(np.float32)


@pytest.mark.parametrize("cents", [-45, 0, 30])
def test_spectral_peaks_are_librosas_piptrack(cents):
    y = _tones(np.array([40, 45, 52]) + cents / 100, seed=cents + 50)
    pitch, mag = librosa.piptrack(y=y, sr=SR, hop_length=2048)
    found = pitch > 0
    got_pitch, got_mag = _peaks(y, SR)  # the same peaks, listed in another order
    np.testing.assert_allclose(np.sort(got_pitch), np.sort(pitch[found]), rtol=1e-5)
    np.testing.assert_allclose(
        np.sort(got_mag), np.sort(mag[found]), rtol=1e-4, atol=1e-4 * mag.max()
    )


def _off(a, b):
    """Distance of two deviations on their circle (-0.5 and 0.5 are the same)."""
    return abs((a - b + 0.5) % 1.0 - 0.5)


@pytest.mark.parametrize("cents", [-45, -20, 0, 13, 30, 49])
@pytest.mark.parametrize("bins_per_octave", [12, 24])
def test_estimate_is_as_near_the_truth_as_librosas(cents, bins_per_octave):
    y = _tones(np.array([40, 45, 47, 52]) + cents / 100, seed=cents + 50)
    truth = (cents / 100 * bins_per_octave / 12 + 0.5) % 1.0 - 0.5
    theirs = librosa.estimate_tuning(y=y, sr=SR, hop_length=2048, bins_per_octave=bins_per_octave)
    ours = estimate_tuning(y, SR, bins_per_octave=bins_per_octave)
    assert _off(ours, truth) <= max(_off(theirs, truth), 0.06)


def test_a_steady_partial_does_not_set_the_tuning():
    """Peaks spread around the A440 grid, and a spike of one steady partial 47 cents flat:
    librosa's mode is the spike's 0.01-wide bin, the moving sum's the broad mode."""
    rng = np.random.default_rng(3)
    deviations = np.concatenate([rng.normal(0.0, 0.05, 2000), np.full(200, -0.473)])
    frequencies = librosa.midi_to_hz(rng.integers(45, 90, len(deviations)) + deviations)
    assert librosa.pitch_tuning(frequencies) == pytest.approx(-0.48)
    assert abs(pitch_tuning(frequencies)) <= 0.02
    # without the spike both find the same mode within a bin or two
    assert abs(pitch_tuning(frequencies[:2000]) - librosa.pitch_tuning(frequencies[:2000])) <= 0.02


def test_estimate_finds_the_deviation_and_is_zero_without_peaks():
    # within a few hundredths: the peaks of a 2048-point spectrum are ~11 Hz apart
    assert estimate_tuning(_tones([33.3, 38.3, 45.3]), SR) == pytest.approx(0.3, abs=0.04)
    assert estimate_tuning(_tones([33.0, 38.0, 45.0]), SR) == pytest.approx(0.0, abs=0.04)
    assert estimate_tuning(np.zeros(SR, np.float32), SR) == 0.0


def test_resolve_tuning_keeps_a_fixed_value_and_ignores_small_deviations():
    sharp, slight = _tones([40.35, 45.35]), _tones([40.08, 45.08])
    assert resolve_tuning(sharp, SR, 0.0) == 0.0
    assert resolve_tuning(sharp, SR, -0.2) == -0.2
    assert resolve_tuning(sharp, SR, None) == estimate_tuning(sharp, SR)
    assert resolve_tuning(sharp, SR, None) == pytest.approx(0.35, abs=0.04)
    assert abs(estimate_tuning(slight, SR)) < TUNING_TOLERANCE
    assert resolve_tuning(slight, SR, None) == 0.0


def test_cqt_frames_with_a_tuning_equal_librosas():
    y = _tones([33.4, 40.4])
    params = dict(sr=SR, hop_length=1024, fmin=34.64782887210901, n_bins=67, bins_per_octave=12)
    expected = np.abs(librosa.cqt(y, tuning=0.4, **params)).T
    got = cqt_frames(y, tuning=0.4, **params)
    np.testing.assert_allclose(got, expected, rtol=1e-4, atol=1e-6 * expected.max())
    # None: the signal's own tuning
    own = cqt_frames(y, tuning=estimate_tuning(y, SR), **params)
    np.testing.assert_array_equal(cqt_frames(y, tuning=None, **params), own)


def test_a_sharp_recording_is_analysed_on_its_own_grid():
    """A1 played 45 cents sharp: on the A440 grid its energy splits between two bins."""
    y = _tones([33.45], seconds=3.0)
    concentration = {}
    for tuning in (0.0, None):
        (frames,) = CQTFrames(tuning=tuning).fit_transform([y])
        mean = frames[5:40].mean(axis=0)
        assert int(mean.argmax()) + 25 in (33, 34)
        top, second = np.sort(mean)[::-1][:2]
        concentration[tuning] = top / second
    assert concentration[0.0] < 1.2 < 1.4 < concentration[None]


def test_tuning_outside_half_a_bin_is_refused():
    with pytest.raises(InvalidParameterError, match="tuning"):
        CQTFrames(tuning=0.5).fit()
