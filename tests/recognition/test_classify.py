"""Classifying recordings with an instrument pipeline, and its model file."""

import numpy as np
import pytest

from skbass import load_model
from skbass.neural_network._conv_forward import FrozenHybridConvNet
from skbass.recognition import classify


def test_classify_mean_of_window_probabilities(instrument_model, solos):
    pipe, _ = instrument_model
    X, _ = solos
    prediction = classify(X[0], pipe)
    # 5 s at 44.1 kHz -> 216 frames -> windows at frames 0 and 64 (128 frames each)
    assert prediction.window_proba.shape == (2, 2)
    np.testing.assert_allclose(prediction.window_times[:, 0], [0, 64 * 1024 / 44100])
    np.testing.assert_allclose(prediction.proba, prediction.window_proba.mean(axis=0), rtol=1e-6)
    assert prediction.label == prediction.classes[prediction.proba.argmax()]
    # the recording-level predict of the pipeline follows the same rule
    np.testing.assert_allclose(pipe.predict_proba([X[0]])[0], prediction.proba, atol=1e-5)


def test_classify_refuses_short_and_silent_audio(instrument_model, solo_files):
    pipe, _ = instrument_model
    _, short, silent = solo_files
    with pytest.raises(ValueError, match="shorter than one 2.97-second window"):
        classify(short, pipe)
    with pytest.raises(ValueError, match="silent"):
        classify(silent, pipe)
    with pytest.raises(TypeError, match="fitted instrument pipeline"):
        classify(short, None)


def test_frozen_network_equals_keras(instrument_model, solos):
    pipe, path = instrument_model
    X, _ = solos
    frozen = load_model(path)
    assert isinstance(frozen[-1], FrozenHybridConvNet)
    keras_proba = pipe.predict_proba(X)
    frozen_proba = frozen.predict_proba(X)
    np.testing.assert_allclose(frozen_proba, keras_proba, atol=1e-5)
    assert (frozen.predict(X) == pipe.predict(X)).all()
    rebuilt = load_model(path, keras=True)
    np.testing.assert_allclose(rebuilt.predict_proba(X), keras_proba, atol=1e-6)


def test_frozen_model_loads_without_tensorflow(instrument_model, solo_files):
    import subprocess
    import sys

    _, path = instrument_model
    (wav, _), _, _ = solo_files
    code = (
        "import sys; from skbass import load_model; from skbass.recognition import classify; "
        f"p = classify({str(wav)!r}, load_model({str(path)!r})); "
        "print(p.label, 'tensorflow' in sys.modules, 'keras' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    label, tf_loaded, keras_loaded = out.stdout.split()
    assert label in ("flute", "piano")
    assert (tf_loaded, keras_loaded) == ("False", "False")


def test_model_file_keeps_class_names_given_as_objects(solos, tmp_path):
    from skbass import save_model
    from skbass.recognition import instrument_pipeline

    X, y = solos
    pipe = instrument_pipeline(branches=("1d",), epochs=1, excerpts_per_epoch=32)
    pipe.fit(X, y.astype(object))
    save_model(pipe, tmp_path / "m.npz")
    assert load_model(tmp_path / "m.npz").predict(X[:2]).tolist()[0] in ("flute", "piano")
