"""The ``transfer`` experiment on tiny synthetic sets: report, figure, fine-tuning."""

import json

import pytest

from skbass.experiments import EXPERIMENTS, _common, run
from skbass.experiments import _transfer as transfer_module

from .helpers import SMALL_NETWORK, TINY, tiny_sets


@pytest.fixture
def tiny(monkeypatch):
    monkeypatch.setitem(transfer_module.SIZES, "quick", {**TINY, "isolated": "small"})
    monkeypatch.setattr(_common, "render_sets", tiny_sets)
    params = _common.network_params
    monkeypatch.setattr(_common, "network_params", lambda s: {**params(s), **SMALL_NETWORK})


def test_transfer_is_registered():
    assert EXPERIMENTS["transfer"] is transfer_module.transfer


def test_quick_path_writes_report_and_figure(tiny, tmp_path):
    result = run("transfer", tmp_path, size="quick", seed=0)
    for name in transfer_module.SCENARIOS:
        assert 0 <= result[f"a_test {name}"] <= 1
    report = (tmp_path / "report.md").read_text()
    for text in (
        "## Results (Table 3)",
        "| scenario | a_train | a_val | a_test | a_test,12 | paper a_test | paper a_test,12 |",
        "| ISO+ -> WJD+ | ",
        "| 0.542 | 0.614 |",
        "trivial CQT arg-max on the test set",
        "a_test against the ensembles-only baseline: ISO+ ",
        "full size, training (extrapolated upper bound",
        "- keras: ",
    ):
        assert text in report, text
    assert (tmp_path / "table3.png").stat().st_size > 1000 and "![table3](table3.png)" in report
    rows = (tmp_path / "results.csv").read_text().splitlines()
    assert len(rows) == 1 + len(transfer_module.SCENARIOS)
    saved = json.loads((tmp_path / "summary.json").read_text())
    assert list(saved["summary"]) == list(transfer_module.SCENARIOS)


def test_fine_tuning_starts_from_the_pre_trained_network(tiny, monkeypatch):
    sets = tiny_sets(TINY, seed=0, n_jobs=None, progress=False, isolated=True)
    frames = {
        name: _common.log_cqt_frames(d.X, cache=None, n_jobs=None, progress=False)
        for name, d in sets.items()
    }
    data = {name: (frames[name], sets[name].y) for name in ("ensembles", "isolated")}
    fits = []
    real_fit = _common.fit_network

    def recording_fit(X, y, *, network=None, **kwargs):
        fits.append((len(X), network))
        return real_fit(X, y, network=network, **kwargs)

    monkeypatch.setattr(_common, "fit_network", recording_fit)
    params = _common.network_params(TINY)
    network, (X, _) = transfer_module._train_scenario(
        "ISO+ -> WJD+", data, params=params, seed=0, clock=_common.FitClock()
    )
    # the second step continues the first step's fitted network (warm start, which
    # tests/neural_network/test_keras_base.py checks starts from its weights)
    (n_pre, fresh), (n_main, continued) = fits
    assert (n_pre, n_main, fresh) == (2, 4, None) and continued is network
    assert network.warm_start and X is data["ensembles"][0]
    fits.clear()
    _, (X, y) = transfer_module._train_scenario(
        "ISO+ & WJD+", data, params=params, seed=0, clock=_common.FitClock()
    )
    assert len(fits) == 1 and len(X) == 6 and len(y) == 6
