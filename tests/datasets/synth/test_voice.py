"""The sung voice: Praat's Klatt synthesiser driven by a note list."""

import librosa
import numpy as np
import pytest

from skbass.datasets import render_voice
from skbass.datasets.synth import VOICE_RANGE

SR = 22050
HOP = 256


def _f0_cents(y, midi):
    """Voiced pyin f0 in cents from ``midi``, octave errors left out, and frame times."""
    f0, voiced, _ = librosa.pyin(
        y, fmin=150.0, fmax=1100.0, sr=SR, frame_length=2048, hop_length=HOP
    )
    cents = 100 * (librosa.hz_to_midi(f0[voiced]) - midi)
    times = np.flatnonzero(voiced) * HOP / SR
    keep = np.abs(cents) < 300
    return cents[keep], times[keep]


def _modulation(cents, times):
    """Magnitude spectrum of the f0 track after the vibrato's onset delay."""
    late = times > 1.0
    wave = cents[late] - cents[late].mean()
    spectrum = np.abs(np.fft.rfft(wave * np.hanning(len(wave)), 8192))
    return np.fft.rfftfreq(8192, HOP / SR), spectrum


def test_deterministic_length_and_level():
    notes = np.array([[0.1, 0.6, 60, 80], [0.62, 1.2, 62, 100], [1.5, 1.9, 67, 60]])
    y = render_voice(notes, sr=SR, n_samples=SR * 2, seed=3)
    assert y.shape == (2 * SR,) and y.dtype == np.float32
    assert np.all(np.isfinite(y)) and 0.5 <= np.abs(y).max() <= 0.9
    np.testing.assert_array_equal(y, render_voice(notes, sr=SR, n_samples=SR * 2, seed=3))
    assert not np.array_equal(y, render_voice(notes, sr=SR, n_samples=SR * 2, seed=4))
    short = render_voice(notes, sr=16000, n_samples=8000, seed=3)  # cut at 0.5 s
    assert short.shape == (8000,) and np.abs(short).max() > 0
    assert not render_voice(np.zeros((0, 4)), sr=SR, n_samples=100, seed=0).any()


@pytest.mark.parametrize("midi", [57, 69, 78])
def test_pitch_and_vibrato(midi):
    notes = np.array([[0.1, 3.9, midi, 100]])
    y = render_voice(notes, sr=SR, n_samples=4 * SR, seed=midi, vibrato_hz=5.5)
    cents, times = _f0_cents(y, midi)
    assert len(cents) > 0.8 * 3.8 * SR / HOP
    assert abs(np.median(cents)) < 50  # within half a semitone
    # the vibrato: f0 modulated at the singer's rate (5.5 Hz +-8 %), tens of cents deep
    freqs, spectrum = _modulation(cents, times)
    assert 5.0 <= freqs[spectrum.argmax()] <= 6.0
    assert 15 < np.sqrt(2) * cents[times > 1.0].std() < 80
    flat = render_voice(notes, sr=SR, n_samples=4 * SR, seed=midi, vibrato_cents=0.0)
    band = (freqs > 4.5) & (freqs < 6.5)
    assert _modulation(*_f0_cents(flat, midi))[1][band].max() < 0.3 * spectrum[band].max()


def test_silence_between_notes_and_singers():
    notes = np.array([[0.1, 0.8, 64, 100], [1.8, 2.5, 65, 100]])
    y = render_voice(notes, sr=SR, n_samples=3 * SR, seed=1)
    gap = y[int(0.95 * SR) : int(1.25 * SR)]  # before the inhalation ahead of note 2
    assert np.abs(gap).max() < 1e-3 * np.abs(y).max()
    assert np.abs(y[int(2.65 * SR) :]).max() < 1e-3 * np.abs(y).max()
    # one singer, two phrases: same traits, different random choices
    a = render_voice(notes, sr=SR, n_samples=3 * SR, seed=1, singer=7)
    b = render_voice(notes, sr=SR, n_samples=3 * SR, seed=1, singer=8)
    assert not np.array_equal(a, b)


@pytest.mark.parametrize(
    ("notes", "match"),
    [
        (np.zeros((2, 3)), "shape"),
        (np.array([[0.0, 1.0, VOICE_RANGE[1] + 1, 90]]), "outside the sung range"),
        (np.array([[0.0, 1.0, 40, 90]]), "outside the sung range"),
        (np.array([[0.5, 0.4, 60, 90]]), "offset"),
        (np.array([[0.0, 1.0, 60, 0]]), "velocity"),
        (np.array([[0.0, 1.0, 60, 90], [0.5, 1.5, 62, 90]]), "overlap"),
        (np.array([[0.0, np.nan, 60, 90]]), "NaN"),
    ],
)
def test_bad_notes(notes, match):
    with pytest.raises(ValueError, match=match):
        render_voice(notes, sr=SR, n_samples=SR, seed=0)


def test_bad_arguments():
    notes = np.array([[0.0, 0.5, 60, 90]])
    with pytest.raises(ValueError, match="n_samples"):
        render_voice(notes, sr=SR, n_samples=0, seed=0)
    with pytest.raises(ValueError, match="vibrato_hz"):
        render_voice(notes, sr=SR, n_samples=SR, seed=0, vibrato_hz=0)
    with pytest.raises(ValueError, match="singer"):
        render_voice(notes, sr=SR, n_samples=SR, seed=0, singer=-1)
