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
    "skbass.utils",
    "skbass.cli",
    "skbass.experiments",
    "skbass.model_selection",
    "skbass.semi_supervised",
]


@pytest.mark.parametrize("module", LIGHT)
def test_import_does_not_load_tensorflow(module):
    code = f"import sys, {module}; print('tensorflow' in sys.modules or 'keras' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_version_has_one_source():
    import importlib.metadata

    import skbass
    from skbass._version import __version__

    assert skbass.__version__ == __version__ == importlib.metadata.version("skbass")
