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
