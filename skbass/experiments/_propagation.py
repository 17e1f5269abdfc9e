"""The paper's label propagation experiment (section 5.2): Figures 6 and 7.

``skbass experiment propagation --out DIR`` renders labelled ensembles (the paper's WJD+),
unlabelled ensembles (WJD-) and the MuseScore test set, computes their log-compressed
constant-Q frames once (cached in ``DIR/cache``), gives every unlabelled frame the label
of its most similar labelled frame (:class:`~skbass.semi_supervised.LabelPropagator`),
and trains the network at the shipped recipe's settings on the labelled frames plus the
unlabelled frames whose similarity lies in each band of the paper's sweep, with several
seeds. ``DIR/report.md`` holds the thresholds next to the paper's, the sweep's four
measures as mean ± std, how often the propagated labels agree with the withheld true
labels, the trivial baseline, the time spent (and the full size's, extrapolated) and the
library versions; ``figure6.png`` and ``figure7.png`` are the paper's two figures.
"""

import json
import time
import warnings
from pathlib import Path

import numpy as np

from . import _common
from ._common import hours
from ._registry import register

#: Sizes: sets as (recordings, seconds), seeds and the network's epochs.
SIZES = {
    "quick": {
        "ensembles": (10, 15.0),
        "unlabelled": (12, 15.0),
        "test": (3, 15.0),
        "augment": False,
        "seeds": 2,
        "epochs": 15,
        "patience": 5,
    },
    "full": {
        "ensembles": (30, 32.0),
        "unlabelled": (390, 60.0),
        "test": (12, 30.0),
        "augment": True,
        "seeds": 3,
        "epochs": 300,
        "patience": 15,
    },
}

#: The paper's sweep: bands ``(lo, hi)`` of similarity percentiles, written ``lo:hi``.
BANDS = ((0, 0), (0, 25), (0, 50), (0, 75), (25, 100), (50, 100), (75, 100), (25, 75), (0, 100))

#: The paper's thresholds (section 5.2) and its best test accuracy (Figure 7).
PAPER_THRESHOLDS = {25: 0.914, 50: 0.940, 75: 0.96}
PAPER_BEST = "a_test ≈ 0.57 at 0:50 and 0:100 (Figure 7; 0:0, WJD+ alone, is lower)"


def _name(band):
    return f"{band[0]}:{band[1]}"


def _propagate(labelled, labels, unlabelled, *, voicing_gate, n_jobs, progress):
    """Fit the propagator; return it and the label it gives every unlabelled frame.

    Without the gate the source is the voiced labelled frames only, as in the paper
    (WJD+ held only voiced frames): every unlabelled frame receives a pitch. With the
    gate every labelled frame is a source, so "no bass" (0) propagates too.
    """
    from ..semi_supervised import LabelPropagator

    if not voicing_gate:
        voiced = [v > 0 for v in labels]
        labelled = [x[m] for x, m in zip(labelled, voiced) if m.any()]
        labels = [v[m] for v, m in zip(labels, voiced) if m.any()]
    n_source = sum(len(v) for v in labels)
    propagator = LabelPropagator(band=(0, 100), percentiles=(25, 50, 75), verbose=progress)
    if n_jobs is not None:
        propagator.set_params(n_jobs=n_jobs)
    with warnings.catch_warnings():
        # without the gate, no source frame is unvoiced on purpose (the paper's setting)
        warnings.filterwarnings("ignore", message="no labelled frame has the label 0")
        propagator.fit(labelled + unlabelled, labels + [np.full(len(x), -1) for x in unlabelled])
    return propagator, propagator.transduction_[n_source:]


def _selection(propagator, propagated, band, voicing_gate):
    """Unlabelled frames the band adds (and, with the gate, only those given a pitch)."""
    tau = propagator.thresholds_
    similarity = propagator.similarity_
    selected = (similarity >= tau[band[0]]) & (similarity <= tau[band[1]])
    if voicing_gate:
        selected &= propagated != 0
    return selected


def _agreement(propagated, truth, selected):
    """How the propagated labels of the added frames compare with the withheld truth."""
    added = int(selected.sum())
    if not added:
        return {"added": 0}
    label, true = propagated[selected], truth[selected]
    bass = true > 0
    return {
        "added": added,
        "agree": float(np.mean(label == true)),
        "agree_on_bass": float(np.mean(label[bass] == true[bass])) if bass.any() else np.nan,
        "chroma_on_bass": float(np.mean((label[bass] - true[bass]) % 12 == 0))
        if bass.any()
        else np.nan,
        "no_bass_given_pitch": float(np.mean((true == 0) & (label > 0))),
    }


def _split(values, lengths):
    return np.split(values, np.cumsum(lengths)[:-1])


def _enriched(train, unlabelled, propagated, selected):
    """The labelled training recordings plus, per unlabelled recording, its added frames."""
    X, y = list(train[0]), list(train[1])
    lengths = [len(x) for x in unlabelled]
    for x, labels, keep in zip(unlabelled, _split(propagated, lengths), _split(selected, lengths)):
        if keep.any():
            X.append(x[keep])
            y.append(labels[keep])
    return X, y


def plot_similarities(similarity, thresholds, path=None):
    """The paper's Figure 6: histogram of best-match similarities, thresholds marked.

    Parameters
    ----------
    similarity : np.ndarray [shape=(n_unlabelled,)]
        Best-match cosine similarity of each unlabelled frame.
    thresholds : dict of float -> float
        ``tau_p`` per percentile; 25, 50 and 75 are drawn (with the paper's, dashed).
    path : str, os.PathLike or None, default=None
        PNG to write; None: only return the figure.

    Returns
    -------
    figure : matplotlib.figure.Figure
    """
    from matplotlib.figure import Figure

    figure = Figure(figsize=(7, 3.5))
    ax = figure.add_subplot()
    ax.hist(similarity, bins=60, color="0.6")
    for (p, paper), colour in zip(PAPER_THRESHOLDS.items(), ("C0", "C1", "C2")):
        tau = thresholds[float(p)]
        ax.axvline(tau, color=colour, label=f"τ{p} = {tau:.3f}")
        ax.axvline(paper, color=colour, linestyle=":", label=f"paper's τ{p} = {paper}")
    ax.set_xlabel("best-match cosine similarity s_i")
    ax.set_ylabel("unlabelled frames")
    ax.set_title("Best-match similarities of the unlabelled frames (Figure 6)")
    ax.legend(fontsize=7)
    figure.tight_layout()
    if path is not None:
        figure.savefig(path, dpi=100)
    return figure


def plot_sweep(summary, path=None, *, trivial=None):
    """The paper's Figure 7: the four measures per band, the bands below.

    Parameters
    ----------
    summary : dict
        ``summary[band][measure] = (mean, std)`` with bands written ``lo:hi``.
    path : str, os.PathLike or None, default=None
        PNG to write; None: only return the figure.
    trivial : float or None, default=None
        The trivial baseline's ``a_test``.

    Returns
    -------
    figure : matplotlib.figure.Figure
    """
    from matplotlib.figure import Figure

    figure = Figure(figsize=(8, 6))
    top, bottom = figure.subplots(2, 1, sharex=True, height_ratios=(3, 1))
    _common.plot_measures(
        summary,
        None,
        title="Label propagation (Figure 7)",
        xlabel="",
        trivial=trivial,
        ax=top,
    )
    bands = [tuple(int(p) for p in name.split(":")) for name in summary]
    x = np.arange(len(bands))
    bottom.vlines(x, [lo for lo, _ in bands], [hi for _, hi in bands], linewidth=6)
    bottom.scatter(x, [lo for lo, _ in bands], marker="_", s=200, color="C0")
    bottom.set_yticks([0, 25, 50, 75, 100], ["τ0", "τ25", "τ50", "τ75", "τ100"])
    bottom.set_xlabel("band τ− = τi, τ+ = τj written i:j")
    bottom.grid(alpha=0.3)
    figure.tight_layout()
    if path is not None:
        figure.savefig(path, dpi=100)
    return figure


def _agreement_table(agreement):
    lines = [
        "| band | voicing gate | frames added | label agrees | pitch agrees (frames with bass)"
        " | chroma agrees (frames with bass) | no-bass frames given a pitch |",
        "|---|---|---|---|---|---|---|",
    ]
    for (band, gate), row in agreement.items():
        if not row["added"]:
            lines.append(f"| {band} | {gate} | 0 | | | | |")
            continue
        lines.append(
            f"| {band} | {gate} | {row['added']} | {row['agree']:.3f} | "
            f"{row['agree_on_bass']:.3f} | {row['chroma_on_bass']:.3f} | "
            f"{row['no_bass_given_pitch']:.3f} |"
        )
    return lines


@register("propagation")
def propagation(
    out, *, size="quick", seed=0, n_jobs=None, seeds=None, voicing_gate=False, progress=True
):
    """The paper's label propagation experiment: Figures 6 and 7.

    Renders labelled ensembles, unlabelled ensembles (training soundfonts) and the test set
    (MuseScore, only measured), computes their log-compressed constant-Q frames once
    (cached in ``out/cache``), holds whole labelled pieces out as validation recordings,
    propagates labels from the other labelled recordings to the unlabelled frames, and
    for each band of the paper's sweep trains the network (the shipped recipe's settings,
    per-frame input as in the paper) on the labelled training recordings plus the
    unlabelled frames in the band, once per seed. Writes ``out/report.md``,
    ``out/results.csv``, ``out/summary.json``, ``out/figure6.png`` and
    ``out/figure7.png``.

    Parameters
    ----------
    out : str or os.PathLike
        Output folder.
    size : {"quick", "full"}, default="quick"
        ``"quick"``: 10 labelled and 12 unlabelled pieces of 15 s, 3 test pieces, 2 seeds
        of up to 15 epochs (minutes on 2 cores). ``"full"``: the paper's sizes (30
        labelled pieces x 15 versions = 4 h, 390 unlabelled pieces of 60 s = 6.5 h),
        12 test pieces, 3 seeds of up to 300 epochs (days on 2 cores; the report of a
        quick run extrapolates it).
    seed : int, default=0
        Seed of the data and the validation pieces; the networks use ``seed + k``.
    n_jobs : int or None, default=None
        Parallel render and CQT processes, and threads of the similarity search.
    seeds : int or None, default=None
        Networks per band, overriding the size's.
    voicing_gate : bool, default=False
        False (the paper): only voiced labelled frames are sources, so every unlabelled
        frame, unvoiced ones included, receives a pitch. True: every labelled frame is a
        source and the unlabelled frames whose best match has no bass (judged unvoiced)
        are not added. The report measures both.
    progress : bool, default=True
        Show progress bars.

    Returns
    -------
    summary : dict
        Thresholds, the band with the best mean ``a_val`` and its ``a_test``, the
        trivial baseline, timings and the report's path.
    """
    from tqdm.auto import tqdm

    if size not in SIZES:
        raise ValueError(f"size must be one of {sorted(SIZES)}, got {size!r}")
    settings = SIZES[size]
    n_seeds = settings["seeds"] if seeds is None else int(seeds)
    if n_seeds < 1:
        raise ValueError(f"seeds must be at least 1, got {n_seeds}")
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)

    start = time.perf_counter()
    sets = _common.render_sets(
        settings, seed=seed, n_jobs=n_jobs, progress=progress, unlabelled=True
    )
    frames = {
        name: _common.log_cqt_frames(data.X, cache=out / "cache", n_jobs=n_jobs, progress=progress)
        for name, data in sets.items()
    }
    data_seconds = time.perf_counter() - start
    ensembles = sets["ensembles"]
    train_idx, val_idx = _common.split_pieces(np.asarray(ensembles.groups), seed)
    train = ([frames["ensembles"][i] for i in train_idx], [ensembles.y[i] for i in train_idx])
    val = ([frames["ensembles"][i] for i in val_idx], [ensembles.y[i] for i in val_idx])
    test = (frames["test"], sets["test"].y)
    unlabelled = frames["unlabelled"]
    truth = np.concatenate(sets["unlabelled"].y_withheld)

    start = time.perf_counter()
    propagated, agreement = {}, {}
    for gate in (False, True):
        propagator, labels = _propagate(
            *train, unlabelled, voicing_gate=gate, n_jobs=n_jobs, progress=progress
        )
        propagated[gate] = (propagator, labels)
        for band in BANDS:
            selected = _selection(propagator, labels, band, gate)
            agreement[_name(band), "on" if gate else "off"] = _agreement(labels, truth, selected)
    propagation_seconds = time.perf_counter() - start
    propagator, labels = propagated[voicing_gate]
    thresholds = {p: propagator.thresholds_[float(p)] for p in PAPER_THRESHOLDS}
    plot_similarities(propagator.similarity_, propagator.thresholds_, out / "figure6.png")

    params = _common.network_params(settings)
    clock = _common.FitClock()
    rows = []
    bar = tqdm(total=len(BANDS) * n_seeds, desc="band sweep", unit="fit", disable=not progress)
    for band in BANDS:
        selected = _selection(propagator, labels, band, voicing_gate)
        X, y = _enriched(train, unlabelled, labels, selected)
        for k in range(n_seeds):
            network = _common.fit_network(X, y, params=params, seed=seed + k, clock=clock)
            rows.append(
                {
                    "config": _name(band),
                    "seed": seed + k,
                    "frames": int(sum(len(v) for v in y)),
                    "epochs": len(network.history_["loss"]),
                    **_common.scores(network, (X, y), val, test),
                }
            )
            bar.update()
    bar.close()
    names = [_name(b) for b in BANDS]
    summary = _common.summarise(rows, names)
    trivial = _common.trivial_scores(*test)
    plot_sweep(summary, out / "figure7.png", trivial=trivial["pitch"])

    costs = clock.summary()
    full = SIZES["full"]
    n_labelled = full["ensembles"][0] * full["ensembles"][1] * 15 * _common.FRAMES_PER_SECOND
    n_labelled *= 1 - _common.VALIDATION_FRACTION
    n_unlabelled = full["unlabelled"][0] * full["unlabelled"][1] * _common.FRAMES_PER_SECOND
    full_fits = [n_labelled + n_unlabelled * (hi - lo) / 100 for lo, hi in BANDS] * full["seeds"]
    full_seconds = _common.extrapolate(costs, full_fits, full["epochs"])
    timing = {
        "data preparation (render + CQT) in this run": hours(data_seconds),
        "label propagation, both voicing settings": hours(propagation_seconds),
        "training and scoring": f"{hours(costs['seconds'])} for {costs['fits']} fits, "
        f"{costs['epochs']} epochs",
        "measured cost per frame and epoch": f"{costs['per_frame_epoch'] * 1e6:.1f} µs "
        f"(+ {costs['overhead']:.1f} s per fit)",
        "full size, training (extrapolated upper bound: every fit runs all "
        f"{full['epochs']} epochs)": hours(full_seconds),
        "full size, propagation": f"{n_labelled:,.0f} x {n_unlabelled:,.0f} frames, about "
        "the paper's size, which LabelPropagator's blocked search covers in about 2 min on 2 "
        "cores (benchmarks/label_propagation.py); twice, once per voicing setting",
    }
    best = max(names, key=lambda n: summary[n]["a_val"][0])
    _common.write_rows(rows, out / "results.csv")
    _report(
        out,
        sets=sets,
        split=(train_idx, val_idx),
        settings=settings,
        n_seeds=n_seeds,
        params=params,
        voicing_gate=voicing_gate,
        thresholds=thresholds,
        summary=summary,
        agreement=agreement,
        selected={
            n: str(int(_selection(propagator, labels, b, voicing_gate).sum()))
            for n, b in zip(names, BANDS)
        },
        trivial=trivial,
        best=best,
        timing=timing,
    )
    result = {
        "tau_25": round(thresholds[25], 4),
        "tau_50": round(thresholds[50], 4),
        "tau_75": round(thresholds[75], 4),
        "best_band_by_a_val": best,
        "best_band_a_val": round(summary[best]["a_val"][0], 4),
        "best_band_a_test": round(summary[best]["a_test"][0], 4),
        "labelled_only_a_test": round(summary["0:0"]["a_test"][0], 4),
        "trivial_a_test": round(trivial["pitch"], 4),
        "data_seconds": round(data_seconds, 1),
        "train_seconds": round(costs["seconds"], 1),
        "full_size_estimate": hours(full_seconds),
        "report": str(out / "report.md"),
    }
    (out / "summary.json").write_text(
        json.dumps({**result, "summary": summary}, indent=2, default=str) + "\n"
    )
    return result


def _frames(labels):
    return f"{sum(len(v) for v in labels)} frames, {sum(int((v > 0).sum()) for v in labels)}"


def _report(
    out,
    *,
    sets,
    split,
    settings,
    n_seeds,
    params,
    voicing_gate,
    thresholds,
    summary,
    agreement,
    selected,
    trivial,
    best,
    timing,
):
    ens, unl, test = sets["ensembles"], sets["unlabelled"], sets["test"]
    lines = ["# Label propagation (paper section 5.2)", "", "## Setup", ""]
    lines += [
        f"- labelled ensembles (WJD+): {len(ens.X)} recordings of {settings['ensembles'][1]:g} s"
        f"{' in 15 versions each' if settings['augment'] else ''}, FluidR3_GM/TimGM6mb, hard "
        f"recording chain; {len(split[0])} for training, {len(split[1])} held out as "
        "validation recordings (whole pieces)",
        f"- unlabelled ensembles (WJD-): {len(unl.X)} recordings, "
        f"{_frames(unl.y_withheld)} with bass; their labels are withheld and only measure "
        "the propagated labels",
        f"- test set: {len(test.X)} recordings with the test-only MuseScore_General_Lite, "
        f"{_frames(test.y)} with bass; never trained, tuned or selected on",
        "- features: 67 constant-Q bins (MIDI 25..91, hop 1024 at 22050 Hz), log(1 + 100 x); "
        "the cosine similarity uses the same vectors",
        f"- network: BassSalienceMLP at the shipped recipe's settings {params}, per-frame "
        "input (no frame stacking, as in the paper); early stopping watches 20 % of the "
        "training recordings (propagated ones included, as in the paper)",
        f"- networks per band: {n_seeds} (seeds); mean ± standard deviation over seeds",
        "- voicing gate: "
        + (
            "on: every labelled frame is a source; unlabelled frames whose best match has "
            "no bass are not added"
            if voicing_gate
            else "off (the paper): only voiced labelled frames are sources, so every "
            "unlabelled frame receives a pitch"
        ),
        "- measures: a_train = raw pitch accuracy on the training input (propagated labels "
        "included), a_val = on the validation recordings (true labels), a_test = on the "
        "test set, a_test,12 = raw chroma accuracy on the test set (octave errors forgiven)",
        "",
        "## Similarity thresholds (Figure 6)",
        "",
        "| threshold | skbass | paper (WJD) |",
        "|---|---|---|",
    ]
    lines += [f"| τ{p} | {thresholds[p]:.3f} | {v} |" for p, v in PAPER_THRESHOLDS.items()]
    lines += ["", "![figure6](figure6.png)", "", "## Band sweep (Figure 7)", ""]
    lines += _common.results_table(
        summary, label="band", extra={"unlabelled frames added": selected}
    )
    lines += [
        "",
        f"- trivial CQT arg-max on the test set: a_test = {trivial['pitch']:.3f}, "
        f"a_test,12 = {trivial['chroma']:.3f}",
        f"- band with the best mean a_val (selection on validation, not test): {best}, "
        f"a_test = {summary[best]['a_test'][0]:.3f} against {summary['0:0']['a_test'][0]:.3f} "
        "for the labelled frames alone (0:0)",
        f"- paper: {PAPER_BEST}",
        "",
        "![figure7](figure7.png)",
        "",
        "## Propagated labels against the withheld true labels",
        "",
        "The paper could not measure this; the generated unlabelled set keeps its true labels "
        "aside. 'label agrees' counts every added frame (no bass = 0 included); 'no-bass "
        "frames given a pitch' is the paper's caveat.",
        "",
    ]
    lines += _agreement_table(agreement)
    lines += [
        "",
        "## Where the numbers differ from the paper's",
        "",
        "The data are generated walking-bass ensembles, not the Weimar Jazz Database; the "
        "labelled and unlabelled sets come from one generator and one recording-chain "
        "family, so the best matches are closer than the paper's; validation holds out "
        "whole pieces (the paper's random frame split leaks neighbouring frames); the test "
        "set's instruments come from a soundfont never used in training; a quick run "
        "trains on far fewer frames and epochs than the paper.",
        "",
    ]
    lines += _common.common_sections(timing)
    (out / "report.md").write_text("\n".join(lines))


#: Options of ``skbass experiment propagation`` beyond the common ones.
propagation.cli_options = (
    (("--seeds",), {"type": int, "default": None, "help": "networks per band (2 quick, 3 full)"}),
    (
        ("--voicing-gate",),
        {
            "action": "store_true",
            "help": "propagate from every labelled frame and leave out unlabelled frames "
            "whose best match has no bass (off: the paper, every frame gets a pitch)",
        },
    ),
)
