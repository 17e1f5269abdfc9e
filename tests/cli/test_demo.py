"""``skbass demo``: the quick start renders, transcribes, scores and writes its files."""

import numpy as np

from skbass.cli import main


def test_demo_writes_files_and_scores(tmp_path, capsys):
    assert main(["demo", "--out", str(tmp_path), "--duration", "8"]) == 0
    out = capsys.readouterr().out
    assert "raw pitch accuracy" in out and "trivial CQT arg-max" in out
    for ext in ("wav", "csv", "mid", "png"):
        assert (tmp_path / f"excerpt.{ext}").stat().st_size > 0
    rows = np.loadtxt(tmp_path / "excerpt.csv", delimiter=",", skiprows=1)
    assert rows.shape[1] == 4
