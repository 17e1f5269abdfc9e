"""The ``search`` experiment at a tiny size: report, figures, resume, clear errors."""

import json

import pytest

from skbass.experiments import EXPERIMENTS, run
from skbass.experiments import _search as search_module
from skbass.model_selection import SearchSpace

TINY = {"n_recordings": 3, "duration": 4.0, "trials": 3, "epochs": 1, "patience": 1}


@pytest.fixture
def tiny(monkeypatch):
    monkeypatch.setitem(search_module.SIZES, "quick", TINY)


@pytest.fixture(scope="module")
def finished(tmp_path_factory):
    """One tiny search, shared by the tests below (the last one extends it)."""
    out = tmp_path_factory.mktemp("search")
    with pytest.MonkeyPatch.context() as patch:
        patch.setitem(search_module.SIZES, "quick", TINY)
        yield out, run("search", out, size="quick", seed=0)


def test_search_is_registered():
    assert EXPERIMENTS["search"] is search_module.search


def test_report_and_figures(finished):
    out, summary = finished
    assert (summary["planned"], summary["complete"], summary["failed"]) == (3, 3, 0)
    assert 0.0 <= summary["best_value"] <= 1.0 and 0.0 <= summary["baseline"] <= 1.0
    assert set(summary["best_params"]) == set(SearchSpace.paper())
    report = (out / "report.md").read_text()
    for heading in ("## Setup", "## Result", "## Importance", "## Figures", "## Time"):
        assert heading in report
    assert "trivial CQT arg-max on the same validation frames" in report
    assert "| learning_rate_exponent | r |" in report and "- optuna: " in report
    assert "paper's a_val,opt" in report and "seconds per trial (mean)" in report
    for name in ("figure4", "history", "importance"):
        assert (out / f"{name}.png").stat().st_size > 1000
        assert f"![{name}]({name}.png)" in report
    assert len((out / "trials.csv").read_text().splitlines()) == 4
    assert json.loads((out / "summary.json").read_text())["complete"] == 3


def test_a_changed_space_on_an_existing_study_is_refused(finished):
    out, _ = finished
    with pytest.raises(ValueError, match="different search space .differs in: dropout"):
        search_module.search(out, size="quick", space=SearchSpace.paper(dropout=(0.0, 0.9)))


def test_an_unreachable_storage_fails_before_any_work(tiny, tmp_path):
    with pytest.raises(ConnectionError, match=r"cannot reach the study storage .*:\*\*\*@"):
        search_module.search(tmp_path, storage="postgresql+psycopg2://u:pw@127.0.0.1:9/optuna")
    assert not (tmp_path / "cache").exists()


def test_a_second_run_resumes_and_a_larger_plan_extends(finished):
    out, first = finished
    again = run("search", out, size="quick", seed=0)
    assert again["complete"] == 3 and again["best_value"] == first["best_value"]
    more = search_module.search(out, size="quick", trials=4, progress=False)
    assert (more["planned"], more["complete"]) == (4, 4)


@pytest.mark.slow
def test_two_worker_processes_run_the_real_objective(tiny, tmp_path):
    summary = search_module.search(tmp_path, size="quick", trials=4, workers=2, progress=False)
    assert (summary["planned"], summary["complete"], summary["failed"]) == (4, 4, 0)
    assert "workers on this machine: 2" in (tmp_path / "report.md").read_text()
