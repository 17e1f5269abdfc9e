"""``skbass train``: a quick recipe writes a model that ``load_model`` reads."""

from skbass import load_model
from skbass.cli import main


def test_train_command_writes_a_loadable_model(tmp_path, capsys):
    out = tmp_path / "model.npz"
    assert (
        main(["train", "--out", str(out), "--size", "small", "--epochs", "1", "--n-jobs", "1"]) == 0
    )
    pipe, info = load_model(out, return_info=True)
    assert info["size"] == "small" and 0 < info["voicing_threshold"] < 1
    assert "validation_raw_pitch_accuracy" in capsys.readouterr().out
    assert pipe[0].n_jobs is None


def test_train_onsets_writes_an_onset_model(tmp_path, capsys):
    from skbass.transcription._runtime import read_runtime

    out = tmp_path / "onsets.npz"
    args = ["train", "--onsets", "--out", str(out), "--size", "small", "--epochs", "1"]
    assert main([*args, "--n-jobs", "1"]) == 0
    pipe, info = load_model(out, return_info=True)
    assert info["size"] == "small" and 0 < info["onset_frames"] < info["training_frames"]
    assert pipe.named_steps["cqt"].hop_length == 256
    assert pipe.named_steps["stack"].context == (4, 12)
    assert "onset_frames" in capsys.readouterr().out
    assert read_runtime(out).context == (4, 12)  # runs in NumPy like the salience model


def test_train_voicing_writes_a_voicing_model(tmp_path, capsys, model_file):
    out = tmp_path / "voicing.npz"
    args = ["train", "--voicing", "--model", str(model_file), "--out", str(out)]
    assert main([*args, "--size", "small", "--epochs", "1", "--n-jobs", "1"]) == 0
    pipe, info = load_model(out, return_info=True)
    assert info["size"] == "small" and info["epochs"] == 1
    assert pipe.named_steps["mlp"].voicing_threshold == info["voicing_threshold"]
    assert 0 < info["voicing_threshold"] < 1
    assert "salience_alone_voicing_recall" in capsys.readouterr().out


def test_train_refuses_two_networks_at_once(tmp_path):
    args = ["train", "--out", str(tmp_path / "m.npz"), "--size", "small"]
    assert main([*args, "--voicing", "--onsets"]) == 2
    assert main([*args, "--model", "bass.npz"]) == 2
