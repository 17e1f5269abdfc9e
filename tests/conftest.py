"""Tiny audio, and a tiny fitted bass model, that the tests make themselves."""

import librosa
import numpy as np
import pytest
import soundfile as sf

from skbass import bass_pipeline, save_model

SR = 22050
HOP = 1024


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
