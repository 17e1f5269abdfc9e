"""Model files hold JSON and plain arrays: loading one cannot run code."""

import argparse
import json
import os
import pickle
import subprocess
import sys
import zipfile

import joblib
import numpy as np
import pytest
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler

from skbass import load_model, save_model
from skbass.cli import build_parser
from skbass.utils._persistence import _FORMAT


class _WritesMarker:
    """Unpickling this writes a file: what a malicious model file would do."""

    def __init__(self, marker):
        self.marker = marker

    def __reduce__(self):
        return (open, (self.marker, "w"))


def _npz_with_json(path, payload, **arrays):
    text = np.frombuffer(json.dumps(payload).encode(), dtype=np.uint8)
    with open(path, "wb") as file:
        np.savez(file, model_json=text, **arrays)


def _payload(pipeline):
    return {"format": _FORMAT, "format_version": 2, "info": {}, "pipeline": pipeline}


def test_model_file_is_json_and_arrays_without_optimizer_state(model_file):
    with np.load(model_file, allow_pickle=False) as archive:
        payload = json.loads(archive["model_json"].tobytes())
        n_arrays = len(archive.files) - 1
    steps = payload["pipeline"]["params"]["steps"]
    assert [s["__tuple__"][1]["__estimator__"] for s in steps] == [
        "skbass.features.CQTFrames",
        "skbass.features.LogScaler",
        "skbass.features.FrameStacker",
        "skbass.neural_network.BassSalienceMLP",
    ]
    pipe = load_model(model_file, keras=True)
    n_weights = len(pipe[-1].model_.get_weights())
    assert n_weights == len(load_model(model_file)[-1].weights_)
    assert n_arrays == n_weights + 4  # classes_, pitches_ of the network and its encoder


def test_round_trip_predicts_identically(model_file, recordings, tmp_path):
    pipe, info = load_model(model_file, return_info=True)
    save_model(pipe, tmp_path / "again.npz", info={**info, "pair": (1, 2.5)})
    again, info_again = load_model(tmp_path / "again.npz", return_info=True)
    assert info_again["pair"] == (1, 2.5)
    X = recordings[0][:2]
    for a, b in zip(pipe.predict(X), again.predict(X)):
        np.testing.assert_array_equal(a, b)
    assert type(again[-1]).__name__ == "FrozenSalienceMLP"
    assert again.get_params()["mlp__voicing_threshold"] == 0.3
    keras_pipe = load_model(model_file, keras=True)
    assert keras_pipe.get_params()["mlp__midi_range"] == (26, 69)
    save_model(keras_pipe, tmp_path / "keras.npz")
    for a, b in zip(pipe.predict(X), load_model(tmp_path / "keras.npz").predict(X)):
        np.testing.assert_array_equal(a, b)


def test_frozen_and_keras_networks_agree(model_file, recordings, tmp_path):
    frozen, keras_pipe = load_model(model_file), load_model(model_file, keras=True)
    X = recordings[0][:3]
    for a, b in zip(frozen.predict(X), keras_pipe.predict(X)):
        np.testing.assert_array_equal(a, b)
    features = frozen[:-1].transform(X)
    for a, b in zip(frozen[-1].salience(features), keras_pipe[-1].salience(features)):
        np.testing.assert_allclose(a, b, rtol=0, atol=1e-5)
    for a, b in zip(frozen.predict_proba(X), keras_pipe.predict_proba(X)):
        np.testing.assert_allclose(a, b, rtol=0, atol=1e-5)
    frozen.set_params(mlp__voicing_threshold=0.9)
    save_model(frozen, tmp_path / "frozen.npz")
    again = load_model(tmp_path / "frozen.npz")
    assert again[-1].voicing_threshold == 0.9
    for a, b in zip(frozen.predict(X), again.predict(X)):
        np.testing.assert_array_equal(a, b)
    with pytest.raises(ValueError, match="inference-only network"):
        load_model(tmp_path / "frozen.npz", keras=True)


def test_loading_transcribing_and_saving_do_not_import_keras(model_file, tmp_path):
    code = (
        "import sys, numpy as np, skbass\n"
        f"m = skbass.load_model({str(model_file)!r})\n"
        "skbass.transcribe(0.3 * np.sin(2 * np.pi * 55 * np.arange(22050) / 22050), m)\n"
        "skbass.save_model(m, sys.argv[1])\n"
        "skbass.load_model(sys.argv[1])\n"
        "print('tensorflow' in sys.modules or 'keras' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path / "again.npz")],
        capture_output=True,
        text=True,
        check=True,
    )
    assert out.stdout.strip() == "False"


def test_pickle_file_is_refused_and_runs_nothing(tmp_path):
    marker = tmp_path / "pwned"
    evil = tmp_path / "evil.joblib"
    with open(evil, "wb") as file:
        pickle.dump({"format": _FORMAT, "pipeline": _WritesMarker(str(marker))}, file)
    with pytest.raises(ValueError, match="not a readable skbass model.*allow_pickle=True"):
        load_model(evil)
    assert not marker.exists()


def test_json_naming_another_class_is_refused_and_runs_nothing(tmp_path):
    marker = tmp_path / "pwned"
    evil = tmp_path / "evil.npz"
    call = {"__estimator__": "os.system", "params": {"command": f"touch {marker}"}}
    _npz_with_json(evil, _payload(call))
    with pytest.raises(ValueError, match="names the class 'os.system', which skbass does not"):
        load_model(evil)
    assert not marker.exists()


def test_object_arrays_are_not_unpickled(tmp_path):
    marker = tmp_path / "pwned"
    evil = tmp_path / "evil.npz"
    objects = np.array([_WritesMarker(str(marker))], dtype=object)
    _npz_with_json(evil, _payload({"__array__": "a0"}), a0=objects)
    with pytest.raises(ValueError, match="not a readable skbass model"):
        load_model(evil)
    assert not marker.exists()


@pytest.mark.parametrize("key", ["_private", "__class__", "steps"])
def test_json_setting_a_non_fitted_attribute_is_refused(tmp_path, key):
    evil = tmp_path / "evil.npz"
    step = {"__estimator__": "skbass.features.LogScaler", "params": {}, "state": {key: 1}}
    _npz_with_json(evil, _payload(step))
    with pytest.raises(ValueError, match="not a fitted attribute"):
        load_model(evil)


@pytest.mark.parametrize(
    ("payload", "match"),
    [
        ({"format": "something-else"}, "not an skbass model file"),
        ({"format": _FORMAT, "format_version": 99}, "newer skbass"),
        (_payload({"__array__": "missing"}), "lacks the array 'missing'"),
        (_payload([1, 2]), "does not hold a pipeline"),
    ],
)
def test_malformed_model_files(tmp_path, payload, match):
    path = tmp_path / "bad.npz"
    _npz_with_json(path, payload)
    with pytest.raises(ValueError, match=match):
        load_model(path)


def test_zip_without_model_json_is_refused(tmp_path):
    path = tmp_path / "other.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "hello")
    with pytest.raises(ValueError, match="not a readable skbass model"):
        load_model(path)


def test_save_refuses_what_a_model_file_cannot_hold(model_file, tmp_path):
    pipe = load_model(model_file, keras=True)
    with pytest.raises(TypeError, match="StandardScaler"):
        save_model(Pipeline([("scale", StandardScaler())]), tmp_path / "m.npz")
    pipe.set_params(mlp__callbacks=[object()])
    with pytest.raises(TypeError, match=r"callbacks\[0\]"):
        save_model(pipe, tmp_path / "m.npz")
    with pytest.raises(TypeError, match="info.when"):
        save_model(load_model(model_file), tmp_path / "m.npz", info={"when": object()})
    assert os.listdir(tmp_path) == []  # no partial or hidden temporary file


def test_legacy_pickle_loads_only_when_allowed(model_file, tmp_path):
    pipe = load_model(model_file)
    legacy = tmp_path / "legacy.joblib"
    joblib.dump({"format": _FORMAT, "info": {"old": True}, "pipeline": pipe}, legacy)
    with pytest.raises(ValueError, match="allow_pickle=True"):
        load_model(legacy)
    loaded, info = load_model(legacy, allow_pickle=True, return_info=True)
    assert info == {"old": True} and loaded[-1].n_features_in_ == pipe[-1].n_features_in_


def test_cli_help_warns_about_unsafe_pickle():
    (commands,) = [a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction)]
    assert "UNSAFE" in commands.choices["transcribe"].format_help()


@pytest.mark.parametrize(
    ("model", "match"),
    [
        (None, "got NoneType"),
        ("bass-default.npz", "got the path 'bass-default.npz': use load_model"),
        (StandardScaler(), "got StandardScaler"),
    ],
)
def test_transcribe_says_it_expects_a_fitted_pipeline(model, match):
    from skbass import transcribe

    with pytest.raises(TypeError, match=f"fitted bass pipeline such as skbass.load_model.*{match}"):
        transcribe(np.ones(22050, dtype=np.float32), model)


def test_transcribe_refuses_an_unfitted_pipeline():
    from skbass import bass_pipeline, transcribe

    with pytest.raises(TypeError, match="this one is not fitted"):
        transcribe(np.ones(22050, dtype=np.float32), bass_pipeline())
