"""``skbass experiment NAME``: common options, the search's own options, clear errors."""

import pytest

from skbass.cli import build_parser, main
from skbass.experiments import _search as search_module


def test_every_registered_experiment_is_a_subcommand(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["experiment", "--help"])
    assert exit_.value.code == 0
    assert "search" in capsys.readouterr().out
    args = build_parser().parse_args(
        ["experiment", "search", "--out", "o", "--trials", "5", "--workers", "2", "--prune"]
    )
    assert (args.size, args.trials, args.workers, args.prune, args.split) == (
        "full",
        5,
        2,
        True,
        "recording",
    )
    assert build_parser().parse_args(["experiment", "search", "--out", "o", "--quick"]).size == (
        "quick"
    )


def test_search_command_writes_its_report(monkeypatch, tmp_path, capsys):
    tiny = {"n_recordings": 3, "duration": 4.0, "trials": 2, "epochs": 1, "patience": 1}
    monkeypatch.setitem(search_module.SIZES, "quick", tiny)
    out = tmp_path / "search"
    argv = ["experiment", "search", "--out", str(out), "--quick", "--quiet", "--study-name", "s"]
    assert main(argv) == 0
    printed = capsys.readouterr().out
    assert "complete: 2" in printed and "best_value: " in printed
    assert "report.md" in printed and (out / "report.md").exists()
    assert (out / "study.db").exists()


def test_unreachable_storage_is_a_clear_error(tmp_path, capsys):
    url = "postgresql+psycopg2://bass:pw@127.0.0.1:9/optuna"
    argv = ["experiment", "search", "--out", str(tmp_path), "--quick", "--storage", url]
    assert main(argv) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("skbass experiment: error: cannot reach ") and "bass:***@" in err
    assert "pw" not in err and len(err.splitlines()) == 1


@pytest.mark.parametrize("name", ["propagation", "transfer", "search"])
def test_an_output_that_is_a_file_is_refused_before_any_work(name, tmp_path, capsys):
    blocker = tmp_path / "file"
    blocker.write_text("")
    assert main(["experiment", name, "--out", str(blocker / "out"), "--quick"]) == 2
    err = capsys.readouterr().err
    assert "--out" in err and "is an existing file" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file"]


@pytest.mark.parametrize("name", ["propagation", "transfer"])
def test_zero_seeds_is_refused(name, tmp_path, capsys):
    argv = ["experiment", name, "--out", str(tmp_path / "o"), "--quick", "--seeds", "0"]
    assert main(argv) == 2
    assert "seeds must be at least 1, got 0" in capsys.readouterr().err
    assert not (tmp_path / "o").exists()
