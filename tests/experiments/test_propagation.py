"""The ``propagation`` experiment on tiny synthetic sets: report, figures, measures."""

import json

import numpy as np
import pytest

from skbass.experiments import EXPERIMENTS, _common, run
from skbass.experiments import _propagation as propagation_module

from .helpers import SMALL_NETWORK, TINY, tiny_sets


@pytest.fixture
def tiny(monkeypatch):
    monkeypatch.setitem(propagation_module.SIZES, "quick", TINY)
    monkeypatch.setattr(_common, "render_sets", tiny_sets)
    params = _common.network_params
    monkeypatch.setattr(_common, "network_params", lambda s: {**params(s), **SMALL_NETWORK})


def test_propagation_is_registered():
    assert EXPERIMENTS["propagation"] is propagation_module.propagation


def test_quick_path_writes_report_and_figures(tiny, monkeypatch, tmp_path):
    monkeypatch.setattr(propagation_module, "BANDS", ((0, 0), (0, 50), (50, 100), (0, 100)))
    result = run("propagation", tmp_path, size="quick", seed=0)
    assert 0 < result["tau_25"] <= result["tau_50"] <= result["tau_75"] <= 1
    assert result["best_band_by_a_val"] in {"0:0", "0:50", "50:100", "0:100"}
    assert 0 <= result["trivial_a_test"] <= 1
    report = (tmp_path / "report.md").read_text()
    for text in (
        "## Similarity thresholds (Figure 6)",
        "| τ50 | ",
        "| band | a_train | a_val | a_test | a_test,12 | unlabelled frames added |",
        "| 0:50 | ",
        "trivial CQT arg-max on the test set",
        "## Propagated labels against the withheld true labels",
        "| 50:100 | on | ",
        "full size, training (extrapolated upper bound",
        "- keras: ",
    ):
        assert text in report, text
    for name in ("figure6", "figure7"):
        assert (tmp_path / f"{name}.png").stat().st_size > 1000
        assert f"![{name}]({name}.png)" in report
    rows = (tmp_path / "results.csv").read_text().splitlines()
    assert len(rows) == 1 + 4 and rows[0].startswith("config,seed,frames,epochs,a_train")
    saved = json.loads((tmp_path / "summary.json").read_text())
    assert set(saved["summary"]) == {"0:0", "0:50", "50:100", "0:100"}


def test_bands_select_by_similarity_and_gate_drops_no_bass_matches(tiny):
    sets = tiny_sets(TINY, seed=0, n_jobs=None, progress=False, unlabelled=True)
    audio = sets["ensembles"].X + sets["unlabelled"].X
    frames = _common.log_cqt_frames(audio, cache=None, n_jobs=None, progress=False)
    labelled, unlabelled = frames[:4], frames[4:]
    y = sets["ensembles"].y
    for gate in (False, True):
        prop, labels = propagation_module._propagate(
            labelled, y, unlabelled, voicing_gate=gate, n_jobs=1, progress=False
        )
        assert len(labels) == sum(len(u) for u in unlabelled)
        assert (labels > 0).all() != gate  # without the gate, every frame gets a pitch
        low = propagation_module._selection(prop, labels, (0, 50), gate)
        high = propagation_module._selection(prop, labels, (50, 100), gate)
        everything = propagation_module._selection(prop, labels, (0, 100), gate)
        assert not propagation_module._selection(prop, labels, (0, 0), gate).any()
        assert (low | high == everything).all()
        assert prop.similarity_[low].max() <= prop.similarity_[high].min()
        if gate:
            assert (labels[everything] > 0).all()
        X, y_enriched = propagation_module._enriched((labelled, y), unlabelled, labels, low)
        assert sum(len(v) for v in y_enriched) == sum(len(v) for v in y) + low.sum()
        assert all(len(x) == len(v) and (v >= 0).all() for x, v in zip(X, y_enriched))


def test_agreement_counts_against_the_truth():
    truth = np.array([40, 40, 0, 33, 45])
    labels = np.array([40, 52, 38, 33, 40])
    row = propagation_module._agreement(labels, truth, np.array([1, 1, 1, 1, 0], bool))
    assert row["added"] == 4 and row["agree"] == 0.5
    assert row["agree_on_bass"] == pytest.approx(2 / 3)
    assert row["chroma_on_bass"] == 1.0 and row["no_bass_given_pitch"] == 0.25
    assert propagation_module._agreement(labels, truth, np.zeros(5, bool)) == {"added": 0}


@pytest.mark.slow
def test_the_whole_sweep_with_two_seeds(tiny, tmp_path):
    result = propagation_module.propagation(tmp_path, seeds=2, voicing_gate=True, progress=False)
    rows = (tmp_path / "results.csv").read_text().splitlines()
    assert len(rows) == 1 + 2 * len(propagation_module.BANDS)
    assert "voicing gate: on" in (tmp_path / "report.md").read_text()
    assert result["report"].endswith("report.md")
