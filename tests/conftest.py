"""Tiny audio, and tiny fitted bass and instrument models, that the tests make themselves."""

import librosa
import numpy as np
import pytest
import soundfile as sf

from skbass import bass_pipeline, save_model
from skbass.recognition import instrument_pipeline

SR = 22050
HOP = 1024
INSTRUMENT_SR = 44100


def bass_tone(midi_pitches, note_seconds=0.5, sr=SR, seed=0):
    """A plucked-string-like signal playing ``midi_pitches`` in turn, with per-frame labels."""
    rng = np.random.default_rng(seed)
    n_note = int(note_seconds * sr)
    t = np.arange(n_note) / sr
    parts = []
    for m in midi_pitches:
        f0 = librosa.midi_to_hz(m)
        tone = sum(np.sin(2 * np.pi * k * f0 * t) / k for k in range(1, 6))
        parts.append(tone * np.exp(-3 * t))
    y = np.concatenate(parts).astype(np.float32)
    y += 1e-3 * rng.standard_normal(len(y)).astype(np.float32)
    n_frames = 1 + len(y) // HOP
    centres = np.arange(n_frames) * HOP
    labels = np.asarray(midi_pitches)[np.minimum(centres // n_note, len(midi_pitches) - 1)]
    return y, labels.astype(int)


@pytest.fixture(scope="session")
def recordings():
    """Six short recordings with exact per-frame labels (list of signals, list of labels)."""
    rng = np.random.default_rng(1)
    X, y = [], []
    for i in range(6):
        signal, labels = bass_tone(rng.integers(30, 60, size=6), seed=i)
        X.append(signal)
        y.append(labels)
    return X, y


@pytest.fixture(scope="session")
def model_file(tmp_path_factory, recordings):
    X, y = recordings
    pipe = bass_pipeline(
        context=1,
        n_hidden_layers=1,
        hidden_layer_size=16,
        epochs=1,
        random_state=0,
        voicing_threshold=0.3,
    )
    pipe.fit(X, y)
    path = tmp_path_factory.mktemp("model") / "bass.npz"
    save_model(pipe, path, info={"note": "test"})
    return path


@pytest.fixture
def wav(tmp_path):
    y, labels = bass_tone([33, 40, 45, 38])
    path = tmp_path / "tune.wav"
    sf.write(path, y, SR, subtype="FLOAT")
    return path, y, labels


def solo(f0s, *, timbre, seconds=1.0, sr=INSTRUMENT_SR, seed=0):
    """Notes at ``f0s`` in turn: ``"pure"`` (a sine with a weak octave) or ``"rich"`` (20
    harmonics with a slow decay)."""
    rng = np.random.default_rng(seed)
    t = np.arange(int(seconds * sr)) / sr
    parts = []
    for f0 in f0s:
        if timbre == "pure":
            tone = np.sin(2 * np.pi * f0 * t) + 0.1 * np.sin(4 * np.pi * f0 * t)
        else:
            tone = sum(np.sin(2 * np.pi * k * f0 * t) / k**0.5 for k in range(1, 21))
        parts.append(tone * np.minimum(1.0, 20 * t) * np.exp(-0.5 * t))
    y = np.concatenate(parts)
    y = y / np.abs(y).max() * 0.5 + 1e-3 * rng.standard_normal(len(y))
    return y.astype(np.float32)


@pytest.fixture(scope="session")
def solos():
    """Eight 5-second recordings, two classes ("flute": pure tones, "piano": rich)."""
    rng = np.random.default_rng(0)
    X, y = [], []
    for i in range(8):
        label = "flute" if i % 2 else "piano"
        f0s = 110 * 2 ** (rng.integers(0, 24, size=5) / 12)
        X.append(solo(f0s, timbre="pure" if label == "flute" else "rich", seed=i))
        y.append(label)
    return X, np.array(y)


@pytest.fixture(scope="session")
def instrument_model(tmp_path_factory, solos):
    """A tiny all-branch instrument pipeline fitted for one short epoch, saved to a file."""
    X, y = solos
    pipe = instrument_pipeline(epochs=1, excerpts_per_epoch=64, random_state=0)
    pipe.fit(X, y)
    path = tmp_path_factory.mktemp("model") / "instruments.npz"
    save_model(pipe, path, info={"note": "test"})
    return pipe, path


@pytest.fixture()
def solo_files(tmp_path, solos):
    """Two solo WAV files, a 1-second file and a silent file."""
    X, y = solos
    paths = []
    for i in (0, 1):
        path = tmp_path / f"solo{i}.wav"
        sf.write(path, X[i], INSTRUMENT_SR)
        paths.append(path)
    short = tmp_path / "short.wav"
    sf.write(short, X[0][:INSTRUMENT_SR], INSTRUMENT_SR)
    silent = tmp_path / "silent.wav"
    sf.write(silent, np.zeros(4 * INSTRUMENT_SR, dtype=np.float32), INSTRUMENT_SR)
    return paths, short, silent
