"""User errors print one line before any long work; no output is lost; interrupts stop."""

import argparse
import os
import shutil
import signal
import time

import pytest

from skbass.cli import main
from skbass.cli._run import run_command


def _one_line_error(capsys, *needles):
    err = capsys.readouterr().err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1, err
    for needle in needles:
        assert needle in err, err
    return err


def test_transcribe_refuses_two_inputs_with_one_stem_before_any_work(tmp_path, capsys):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    a, b = tmp_path / "a" / "take.wav", tmp_path / "b" / "take.flac"
    out = tmp_path / "out"
    assert main(["transcribe", str(a), str(b), "--out", str(out), "--quiet"]) == 2
    _one_line_error(capsys, str(a), str(b), "take.*")
    assert not out.exists()


def test_transcribe_out_that_is_a_file(tmp_path, capsys, wav):
    out = tmp_path / "out.txt"
    out.write_text("keep me")
    assert main(["transcribe", str(wav[0]), "--out", str(out), "--quiet"]) == 2
    _one_line_error(capsys, "--out", "existing file")
    assert out.read_text() == "keep me"


def test_transcribe_write_error_is_reported_by_name_and_the_rest_goes_on(
    model_file, wav, tmp_path, capsys
):
    first = wav[0]
    second = tmp_path / "second.wav"
    shutil.copy(first, second)
    out = tmp_path / "out"
    (out / "tune.csv").mkdir(parents=True)  # the first file's CSV cannot be written
    argv = ["transcribe", str(first), str(second), "--out", str(out), "--model", str(model_file)]
    assert main([*argv, "--quiet"]) == 1
    err = capsys.readouterr().err
    assert f"{first}: cannot write {out / 'tune.csv'}" in err
    assert (out / "second.csv").is_file()


@pytest.mark.parametrize(
    ("argv", "needles"),
    [
        (["transcribe", "x.wav", "--out", "{tmp}", "--threshold", "2"], ["--threshold"]),
        (["transcribe", "x.wav", "--out", "{tmp}", "--model", "{tmp}/no.npz"], ["no skbass model"]),
        (["train", "--out", "{tmp}"], ["model file", "is a folder"]),
        (["train", "--out", "{file}/model.npz"], ["existing file, not a folder"]),
        (["train", "--out", "{tmp}/m.npz", "--epochs", "0"], ["epochs"]),
        (["train", "--out", "{tmp}/m.npz", "--n-jobs", "0"], ["n_jobs"]),
        (["data", "test", "{file}"], ["outdir", "existing file"]),
        (["data", "test", "{tmp}/d", "--sr", "100"], ["sr"]),
        (["data", "test", "{tmp}/d", "--augment"], ["--augment"]),
        (["demo", "--out", "{file}"], ["existing file"]),
        (["demo", "--out", "{tmp}/d", "--duration", "0"], ["duration"]),
        (["demo", "--out", "{tmp}/d", "--model", "{file}"], ["not a readable skbass model"]),
    ],
)
def test_user_errors_are_one_line_before_any_work(tmp_path, capsys, argv, needles):
    file = tmp_path / "file.txt"
    file.write_text("x")
    argv = [a.format(tmp=tmp_path, file=file) for a in argv]
    assert main(argv) == 2
    _one_line_error(capsys, *needles)
    assert sorted(os.listdir(tmp_path)) == ["file.txt"]  # nothing rendered, nothing left


def test_debug_shows_the_traceback(tmp_path):
    with pytest.raises(ValueError, match="--threshold"):
        main(["--debug", "transcribe", "x.wav", "--out", str(tmp_path), "--threshold", "2"])
    with pytest.raises(ValueError, match="--threshold"):
        main(["transcribe", "x.wav", "--out", str(tmp_path), "--threshold", "2", "--debug"])


@pytest.mark.parametrize(("signum", "status"), [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_signals_stop_cleanly_and_say_so(capsys, signum, status):
    if signum == signal.SIGINT and signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
        pytest.skip("SIGINT is ignored in this process (started in the background)")

    def work(args):
        os.kill(os.getpid(), signum)
        time.sleep(5)  # never reached: the signal interrupts first
        return 0

    before = signal.getsignal(signal.SIGTERM)
    args = argparse.Namespace(func=work, command="train", debug=False)
    assert run_command(args) == status
    assert f"interrupted by {signal.Signals(signum).name}; stopped" in capsys.readouterr().err
    assert signal.getsignal(signal.SIGTERM) is before
