"""The model shipped inside the package, and the demo that shows it."""

import os
import subprocess
import sys

import pytest

from skbass import load_model, transcribe
from skbass.datasets import load_test_set
from skbass.metrics import cqt_argmax_pitch, raw_pitch_accuracy
from skbass.transcription import default_model_path


@pytest.fixture(scope="module")
def shipped():
    return load_model(return_info=True)


def test_ships_inside_the_package_under_20_mb(shipped):
    assert os.path.getsize(default_model_path()) < 20 * 2**20
    pipe, info = shipped
    assert [name for name, _ in pipe.steps] == ["cqt", "log", "stack", "mlp"]
    assert 0 < pipe[-1].voicing_threshold < 1
    assert info["recipe"] and "validation_raw_pitch_accuracy" in info


def test_beats_the_trivial_baseline_on_a_hard_test_excerpt(shipped):
    pipe, _ = shipped
    data = load_test_set(n_recordings=1, duration=12.0, seed=3, progress=False, cache=False)
    X, y = data.X, data.y
    line = transcribe(X[0], pipe)
    model_rpa = raw_pitch_accuracy(y[0], line.midi)
    trivial_rpa = raw_pitch_accuracy(y[0], cqt_argmax_pitch(X[0]))
    assert model_rpa > trivial_rpa + 0.1


def test_transcribing_with_the_shipped_model_does_not_import_keras():
    code = (
        "import sys, numpy as np, skbass\n"
        "m = skbass.load_model()\n"
        "t = np.arange(2 * 22050) / 22050\n"
        "line = skbass.transcribe(0.3 * np.sin(2 * np.pi * 55 * t), m)\n"
        "assert line.midi.shape == (1 + len(t) // 1024,)\n"
        "print('tensorflow' in sys.modules or 'keras' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
