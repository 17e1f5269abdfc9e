"""The instrument paper's experiment (section 6): Table 2 on skbass's generated solos.

``skbass experiment instruments --out DIR`` renders solo recordings of the 8 classes
with the training soundfonts through the varied recording chain (training set) and with
the test-only MuseScore soundfont through the same kind of chain (test set), computes
their constant-Q frames once (cached in ``DIR/cache``), then trains every architecture
row of Table 2 (1-d, spiral, 2-d, spiral & 1-d, 2-d & 1-d, 2-d & spiral, all three, 2-d
with 48 kernels) and the bag-of-features random forest with several seeds. Accuracies
are computed as the paper's: per class over the test recordings' half-overlapping
3-second excerpts, and the average over classes. ``DIR/report.md`` sets them as
mean ± std beside the paper's Table 2, with parameter counts, training times and
confusion matrices (``confusion_*.png``).
"""

import json
import time
from pathlib import Path

import numpy as np

from ..utils._constants import PATCH_FRAMES
from ._common import common_sections, hours
from ._registry import register

#: Table 2's rows: name -> (branches, kernels, the paper's per-class accuracies in
#: ``INSTRUMENTS`` order followed by the average, in %).
TABLE2 = {
    "bag-of-features and random forest": (
        None,
        None,
        (49.9, 92.7, 81.6, 22.5, 99.7, 4.4, 63.7, 76.2, 61.4),
    ),
    "1-d": (("1d",), 32, (28.8, 91.8, 82.9, 51.3, 73.3, 59.0, 63.3, 43.9, 61.8)),
    "spiral": (("spiral",), 32, (61.1, 72.3, 84.4, 30.0, 86.9, 52.7, 54.9, 37.0, 59.9)),
    "2-d, 32 kernels": (("2d",), 32, (81.3, 86.0, 80.6, 44.4, 96.8, 48.4, 68.0, 68.5, 69.1)),
    "spiral & 1-d": (
        ("spiral", "1d"),
        32,
        (79.6, 90.2, 84.5, 41.8, 96.5, 53.0, 59.8, 47.6, 69.1),
    ),
    "2-d & 1-d": (("2d", "1d"), 32, (73.3, 86.3, 81.0, 49.5, 96.5, 55.0, 67.7, 72.4, 73.8)),
    "2-d & spiral": (
        ("2d", "spiral"),
        32,
        (82.3, 86.5, 86.9, 45.8, 97.6, 51.2, 66.9, 73.3, 71.7),
    ),
    "2-d & 1-d & spiral": (
        ("2d", "1d", "spiral"),
        32,
        (75.0, 88.0, 85.9, 48.3, 97.8, 59.0, 67.3, 70.9, 74.0),
    ),
    "2-d, 48 kernels": (("2d",), 48, (77.4, 84.5, 84.2, 45.5, 96.5, 52.6, 68.8, 69.3, 71.7)),
}
#: The paper's parameter counts per row, in thousands.
PAPER_PARAMETERS = {
    "1-d": 20,
    "spiral": 36,
    "2-d, 32 kernels": 93,
    "spiral & 1-d": 55,
    "2-d & 1-d": 111,
    "2-d & spiral": 128,
    "2-d & 1-d & spiral": 147,
    "2-d, 48 kernels": 158,
}
_FOREST = "bag-of-features and random forest"

#: Sizes: training set (pieces per class, seconds) or a set size, test set size, seeds,
#: network training (most epochs, excerpts per epoch).
SIZES = {
    "quick": {
        "train": {"n_pieces": 6, "duration": 12.0},
        "test": "small",
        "seeds": 2,
        "epochs": 4,
        "excerpts_per_epoch": 1024,
    },
    "full": {
        "train": {"size": "default"},
        "test": "default",
        "seeds": 3,
        "epochs": 100,
        "excerpts_per_epoch": 8192,
    },
}


def _front_end(X, *, cache, n_jobs, progress):
    """Log-compressed constant-Q frames of recordings, the instrument pipeline's front end."""
    from ..recognition import instrument_pipeline

    front = instrument_pipeline(n_jobs=n_jobs, memory=cache)[:-1]
    front.set_params(cqt__verbose=progress)
    return front.fit_transform(X)


def _forest_scores(train, test, *, seed, n_jobs):
    """Accuracy of the bag-of-features forest on the test set's 3-second excerpts."""
    from ..datasets import class_accuracies, cut_excerpts
    from ..features import bag_of_features_baseline
    from ..utils._constants import SR

    def excerpts(data):
        recordings = [(x, m["sr"]) for x, m in zip(data.X, data.metadata)]
        return cut_excerpts({"X": recordings, "y": data.y, "groups": data.groups}, sr=SR)

    fit, held = excerpts(train), excerpts(test)
    start = time.perf_counter()
    forest = bag_of_features_baseline(random_state=seed, n_jobs=n_jobs).fit(fit.X, fit.y)
    seconds = time.perf_counter() - start
    predicted = forest.predict(held.X)
    return class_accuracies(held.y, predicted), predicted, held.y, seconds


def _network_scores(name, frames, y, test_patches, *, settings, seed):
    """Train one Table 2 network and score it on the test excerpts."""
    from ..datasets import class_accuracies
    from ..neural_network import HybridConvNetClassifier

    branches, kernels, _ = TABLE2[name]
    network = HybridConvNetClassifier(
        branches=branches,
        n_kernels=kernels,
        epochs=settings["epochs"],
        excerpts_per_epoch=settings["excerpts_per_epoch"],
        random_state=seed,
    )
    start = time.perf_counter()
    network.fit(frames, y)
    seconds = time.perf_counter() - start
    predicted = network.predict(test_patches.X)
    scores = class_accuracies(test_patches.y, predicted)
    extra = {
        "parameters": int(network.model_.count_params()),
        "epochs_run": len(network.history_.get("loss", [])),
    }
    return scores, predicted, seconds, extra


@register("instruments")
def instruments(out, *, size="quick", seed=0, n_jobs=None, seeds=None, progress=True):
    """Table 2 of the instrument paper: every convnet row and the random forest.

    Parameters
    ----------
    out : str or os.PathLike
        Output folder: ``report.md``, ``results.csv``, ``summary.json``,
        ``confusion_*.png`` and ``cache/`` (constant-Q frames).
    size : {"quick", "full"}
        ``"quick"``: a small training set, 2 seeds, a few short epochs (minutes on 2
        cores); ``"full"``: the default sets, 3 seeds, the paper's training (epochs of
        8192 excerpts until the training loss stops decreasing).
    seed : int
        Seed of the data and the first model; seed ``k`` of a row is ``seed + k``.
    n_jobs : int or None
        Parallel render, CQT and forest processes.
    seeds : int or None
        Seeds per row, overriding the size's.
    progress : bool
        Show progress bars.

    Returns
    -------
    summary : dict
        ``report`` (path), the averages of the full hybrid, the 2-d network and the
        forest, and ``seconds``.
    """
    from tqdm.auto import tqdm

    from ..datasets import INSTRUMENTS, load_instrument_test_set, make_instrument_solos
    from ..utils._samples import to_patches

    settings = dict(SIZES[size])
    n_seeds = int(seeds or settings["seeds"])
    if n_seeds < 1:
        raise ValueError(f"seeds must be at least 1, got {seeds}")
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    common = {"seed": seed, "n_jobs": n_jobs, "progress": progress}
    train = make_instrument_solos(**settings["train"], **common)
    test = load_instrument_test_set(settings["test"], **common)
    rendered = time.perf_counter()
    cache = str(out / "cache")
    train_frames = _front_end(train.X, cache=cache, n_jobs=n_jobs, progress=progress)
    test_frames = _front_end(test.X, cache=cache, n_jobs=n_jobs, progress=progress)
    test_patches = to_patches(
        test_frames, test.y, length=PATCH_FRAMES, step=PATCH_FRAMES // 2, pad=True
    )
    featured = time.perf_counter()

    rows, confusions = [], {}
    jobs = [(name, k) for name in TABLE2 for k in range(n_seeds)]
    for name, k in tqdm(jobs, desc="Table 2", unit="fit", disable=not progress):
        if name == _FOREST:
            scores, predicted, truth, seconds = _forest_scores(
                train, test, seed=seed + k, n_jobs=n_jobs
            )
            extra = {"parameters": None, "epochs_run": None}
        else:
            scores, predicted, seconds, extra = _network_scores(
                name, train_frames, train.y, test_patches, settings=settings, seed=seed + k
            )
            truth = test_patches.y
        confusions.setdefault(name, []).append((truth, predicted))
        rows.append(
            {
                "row": name,
                "seed": seed + k,
                **{c: scores.per_class.get(c) for c in INSTRUMENTS},
                "average": scores.average,
                "fit_seconds": seconds,
                **extra,
            }
        )
    summary = _summarise(rows)
    _write_csv(rows, out / "results.csv")
    figures = _plot_confusions(confusions, out)
    timing = {
        "rendering": hours(rendered - started),
        "constant-Q frames": hours(featured - rendered),
        "training and scoring": hours(time.perf_counter() - featured),
        "total": hours(time.perf_counter() - started),
    }
    sets = {
        "train": _describe(train),
        "test": _describe(test),
        "test excerpts (convnets)": len(test_patches.X),
    }
    report = _report(out, size, n_seeds, settings, sets, summary, figures, timing)
    result = {
        "report": str(report),
        "hybrid_average": summary["2-d & 1-d & spiral"]["average"][0],
        "2d_average": summary["2-d, 32 kernels"]["average"][0],
        "forest_average": summary[_FOREST]["average"][0],
        "seconds": round(time.perf_counter() - started, 1),
    }
    (out / "summary.json").write_text(json.dumps({"summary": summary, **result}, indent=2))
    return result


instruments.cli_options = (
    (("--seeds",), {"type": int, "default": None, "help": "seeds per row (default: by size)"}),
)


def _describe(data):
    seconds = sum(len(x) / m["sr"] for x, m in zip(data.X, data.metadata))
    return f"{len(data.X)} recordings, {len(np.unique(data.groups))} pieces, {hours(seconds)}"


def _summarise(rows):
    from ..datasets import INSTRUMENTS

    summary = {}
    for name in TABLE2:
        mine = [r for r in rows if r["row"] == name]
        entry = {}
        for key in (*INSTRUMENTS, "average", "fit_seconds"):
            values = np.array([r[key] for r in mine if r[key] is not None], dtype=float)
            entry[key] = (
                (float(values.mean()), float(values.std())) if len(values) else (None, None)
            )
        entry["parameters"] = mine[0]["parameters"] if mine else None
        summary[name] = entry
    return summary


def _write_csv(rows, path):
    import csv

    with open(path, "w", newline="") as file:
        writer = csv.DictWriter(file, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def _plot_confusions(confusions, out):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from sklearn.metrics import ConfusionMatrixDisplay

    from ..datasets import INSTRUMENTS

    files = {}
    for name, pairs in confusions.items():
        truth = np.concatenate([t for t, _ in pairs])
        predicted = np.concatenate([p for _, p in pairs])
        fig, ax = plt.subplots(figsize=(6.5, 5.5))
        ConfusionMatrixDisplay.from_predictions(
            truth,
            predicted,
            labels=list(INSTRUMENTS),
            normalize="true",
            values_format=".2f",
            xticks_rotation=45,
            colorbar=False,
            ax=ax,
        )
        ax.set_title(f"{name} (test excerpts, all seeds)")
        fig.tight_layout()
        slug = "".join(ch if ch.isalnum() else "_" for ch in name).strip("_").lower()
        path = out / f"confusion_{slug}.png"
        fig.savefig(path, dpi=100)
        plt.close(fig)
        files[name] = path.name
    return files


def _cell(pair):
    mean, std = pair
    return "-" if mean is None else f"{100 * mean:.1f} (± {100 * std:.1f})"


def _report(out, size, n_seeds, settings, sets, summary, figures, timing):
    from ..datasets import INSTRUMENTS

    head = "| row | " + " | ".join(INSTRUMENTS) + " | average | parameters |"
    rule = "|---" * (len(INSTRUMENTS) + 3) + "|"
    lines = [
        "# Table 2 of the instrument paper on skbass's generated solos",
        "",
        f"Size `{size}`, {n_seeds} seeds per row; accuracies in % as mean (± std) over "
        "seeds, per class over the test recordings' half-overlapping 3-second excerpts, "
        "the average over classes (the paper's measure). Networks: "
        f"at most {settings['epochs']} epochs of {settings['excerpts_per_epoch']} "
        "excerpts, stopped when the average training loss stops decreasing (the paper's "
        "rule).",
        "",
        "Data: " + "; ".join(f"{k}: {v}" for k, v in sets.items()) + ". The training set "
        "renders with FluidR3_GM and TimGM6mb (the sung voice with a source-filter "
        "synthesiser) through the varied recording chain; the test set with the test-only "
        "MuseScore_General_Lite through the same kind of chain.",
        "",
        "## skbass",
        "",
        head,
        rule,
    ]
    for name, entry in summary.items():
        cells = [_cell(entry[c]) for c in (*INSTRUMENTS, "average")]
        params = entry["parameters"]
        lines.append(f"| {name} | " + " | ".join(cells) + f" | {params if params else '-'} |")
    lines += ["", "## The paper (Table 2, real recordings)", "", head, rule]
    for name, (_, _, paper) in TABLE2.items():
        params = f"{PAPER_PARAMETERS[name]}k" if name in PAPER_PARAMETERS else "-"
        lines.append(f"| {name} | " + " | ".join(f"{v:.1f}" for v in paper) + f" | {params} |")
    lines += ["", "## Training time per fit", ""]
    lines += [f"- {name}: {hours(entry['fit_seconds'][0])}" for name, entry in summary.items()]
    lines += ["", "## Confusion matrices", ""]
    lines += [f"- {name}: ![{name}]({path})" for name, path in figures.items()]
    lines += [""] + common_sections(timing)
    path = out / "report.md"
    path.write_text("\n".join(lines))
    return path
