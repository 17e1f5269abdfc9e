"""TensorFlow's native start-up lines stay off the terminal; other stderr output stays."""

import os
import subprocess
import sys

from skbass.utils._quiet import quiet_native_stderr

_CHATTER_WORDS = ("absl::", "cuInit", "oneDNN", "cpu_feature_guard", "cuda drivers", "NodeDef")


def test_keras_start_and_a_fit_print_no_tensorflow_chatter():
    code = (
        "import numpy as np\n"
        "from skbass import BassSalienceMLP\n"
        "X = np.random.default_rng(0).random((60, 67)).astype('float32')\n"
        "y = np.repeat([33, 40], 30)\n"
        "BassSalienceMLP(epochs=1, n_hidden_layers=1, hidden_layer_size=8).fit(X, y)\n"
        "print('fitted')\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "TF_CPP_MIN_LOG_LEVEL"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "fitted"
    assert not [w for w in _CHATTER_WORDS if w in out.stderr], out.stderr


def test_other_lines_written_to_the_descriptor_are_kept():
    code = (
        "import os\n"
        "from skbass.utils._quiet import quiet_native_stderr\n"
        "with quiet_native_stderr():\n"
        "    os.write(2, b'I0000 00:00:17.1 1 port.cc:153] oneDNN custom operations are on\\n')\n"
        "    os.write(2, b'a real error\\n')\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.stderr == "a real error\n"


def test_without_a_real_descriptor_the_block_just_runs(capsys):
    # pytest's capsys replaces sys.stderr by an object without a file descriptor
    with quiet_native_stderr():
        print("still here", file=sys.stderr)
    assert capsys.readouterr().err == "still here\n"
