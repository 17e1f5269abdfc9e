"""``import skbass`` and its light subpackages never load TensorFlow or Keras."""

import subprocess
import sys

import pytest

LIGHT = [
    "skbass",
    "skbass.features",
    "skbass.metrics",
    "skbass.datasets",
    "skbass.transcription",
    "skbass.recognition",
    "skbass.utils",
    "skbass.cli",
    "skbass.experiments",
    "skbass.model_selection",
    "skbass.semi_supervised",
    "skbass.neural_network",
    "skbass.neural_network._forward",
    "skbass.neural_network._conv_forward",
]


@pytest.mark.parametrize("module", LIGHT)
def test_import_does_not_load_tensorflow(module):
    code = f"import sys, {module}; print('tensorflow' in sys.modules or 'keras' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_keras_estimators_still_import_by_name():
    code = (
        "import sys; from skbass.neural_network import BassSalienceMLP; "
        "from skbass import BassSalienceMLP as B; "
        "print(B is BassSalienceMLP, 'keras' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "True True"
    assert "cuInit" not in out.stderr and "absl" not in out.stderr


def test_version_has_one_source():
    import importlib.metadata

    import skbass
    from skbass._version import __version__

    assert skbass.__version__ == __version__ == importlib.metadata.version("skbass")


@pytest.mark.parametrize("module", ["skbass", "skbass.cli", "skbass.transcription"])
def test_import_does_not_load_scikit_learn(module):
    # the skbass command starts in a fraction of a second only if its imports stay light
    code = f"import sys, {module}; print('sklearn' in sys.modules or 'librosa' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
