"""The ``instruments`` experiment (Table 2) on tiny synthetic solos: report and figures."""

import json

import numpy as np
import pytest
from sklearn.utils import Bunch

import skbass.datasets
from skbass.experiments import EXPERIMENTS, run
from skbass.experiments import _instruments as module

from ..conftest import INSTRUMENT_SR, solo

ROWS = ("bag-of-features and random forest", "2-d, 32 kernels", "2-d & 1-d & spiral")


def _solos(n, seed):
    """``n`` 5-second recordings per class of two classes, as a set Bunch."""
    rng = np.random.default_rng(seed)
    X, y = [], []
    for i in range(2 * n):
        label = ("flute", "piano")[i % 2]
        f0s = 110 * 2 ** (rng.integers(0, 24, size=5) / 12)
        X.append(solo(f0s, timbre="pure" if label == "flute" else "rich", seed=seed + i))
        y.append(label)
    meta = [{"sr": INSTRUMENT_SR} for _ in X]
    return Bunch(X=X, y=np.array(y), groups=np.arange(len(X)), metadata=meta)


@pytest.fixture
def tiny(monkeypatch):
    monkeypatch.setitem(
        module.SIZES,
        "quick",
        {"train": {}, "test": "small", "seeds": 1, "epochs": 1, "excerpts_per_epoch": 64},
    )
    monkeypatch.setattr(module, "TABLE2", {name: module.TABLE2[name] for name in ROWS})
    monkeypatch.setattr(skbass.datasets, "make_instrument_solos", lambda **kw: _solos(3, 0))
    monkeypatch.setattr(skbass.datasets, "load_instrument_test_set", lambda *a, **kw: _solos(2, 9))


def test_instruments_is_registered():
    assert EXPERIMENTS["instruments"] is module.instruments


def test_quick_path_writes_report_csv_and_confusions(tiny, tmp_path):
    result = run("instruments", tmp_path, size="quick", seed=0)
    for key in ("hybrid_average", "2d_average", "forest_average"):
        assert 0 <= result[key] <= 1
    report = (tmp_path / "report.md").read_text()
    for text in (
        "## skbass",
        "## The paper (Table 2, real recordings)",
        "| 2-d & 1-d & spiral | 75.0 | 88.0 |",
        "| 2-d, 32 kernels | ",
        "| 146370 |",  # all three branches, two classes (146,760 with eight)
        "![2-d, 32 kernels](confusion_2_d__32_kernels.png)",
        "- keras: ",
    ):
        assert text in report, text
    rows = (tmp_path / "results.csv").read_text().splitlines()
    assert len(rows) == 1 + len(ROWS)
    assert rows[0].startswith("row,seed,clarinet,distorted_guitar,voice")
    summary = json.loads((tmp_path / "summary.json").read_text())
    assert summary["summary"]["2-d, 32 kernels"]["parameters"] == 92194  # two classes
    assert len(list(tmp_path.glob("confusion_*.png"))) == len(ROWS)


def test_seeds_must_be_positive(tiny, tmp_path):
    with pytest.raises(ValueError, match="seeds must be at least 1"):
        module.instruments(tmp_path, seeds=-1)
