"""Check of the Basic Pitch benchmark baseline on synthetic audio.

Slow: the first run creates the Basic Pitch virtual environment (network
access to the package index needed once).
"""

import sys
from pathlib import Path

import numpy as np
import pytest

pytestmark = pytest.mark.slow

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks._basic_pitch import basic_pitch_bass, notes_to_frames  # noqa: E402

SR = 22050
HOP = 1024


def _tone(midi, seconds, amp):
    t = np.arange(int(round(seconds * SR))) / SR
    f0 = 440.0 * 2 ** ((midi - 69) / 12)
    y = sum(np.sin(2 * np.pi * k * f0 * t) / k for k in range(1, 7) if k * f0 < SR / 2)
    fade = np.minimum(1.0, np.minimum(t, t[::-1]) / 0.01)
    return amp * y * fade


def _write_wav(path, y):
    import wave

    pcm = np.clip(y, -1, 1)
    pcm = (pcm * 32767).astype("<i2")
    with wave.open(str(path), "wb") as fh:
        fh.setnchannels(1)
        fh.setsampwidth(2)
        fh.setframerate(SR)
        fh.writeframes(pcm.tobytes())


def test_notes_to_frames_lowest_in_range():
    notes = [(0.0, 1.0, 72, 0.5), (0.2, 0.6, 40, 0.5), (0.4, 1.0, 36, 0.5), (0.0, 1.0, 20, 0.5)]
    fr = notes_to_frames(notes, 30, sr=SR, hop_length=HOP)
    t = np.arange(30) * HOP / SR
    expected = np.where((t >= 0.4) & (t < 1.0), 36, np.where((t >= 0.2) & (t < 0.6), 40, 0))
    np.testing.assert_array_equal(fr, expected)


def test_basic_pitch_bass_synthetic(tmp_path):
    bass_notes = [36, 43, 48]
    bass = np.concatenate([_tone(m, 0.5, 0.4) for m in bass_notes])
    melody = _tone(76, 1.5, 0.15)  # above the bass range: must be ignored
    y = np.concatenate([np.zeros(SR // 4), bass + melody, np.zeros(SR // 4)])
    wav = tmp_path / "bass.wav"
    _write_wav(wav, y)
    duration = y.size / SR

    (frames,), seconds = basic_pitch_bass([wav], sr=SR, hop_length=HOP)
    assert frames.shape == (1 + y.size // HOP,)
    t = np.arange(frames.size) * HOP / SR
    truth = np.zeros(frames.size, dtype=int)
    for k, m in enumerate(bass_notes):
        truth[(t >= 0.25 + 0.5 * k) & (t < 0.25 + 0.5 * (k + 1))] = m
    accuracy = np.mean(frames == truth)
    print(
        f"frame accuracy {accuracy:.2f}; Basic Pitch {seconds:.2f} s for "
        f"{duration:.2f} s audio ({duration / seconds:.1f}x real time)"
    )
    assert accuracy >= 0.8
    assert seconds > 0

    # an explicit frame count is honoured
    (short,), _ = basic_pitch_bass([wav], sr=SR, hop_length=HOP, n_frames=[10])
    assert short.shape == (10,)
    np.testing.assert_array_equal(short, frames[:10])
