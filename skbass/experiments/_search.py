"""The paper's hyperparameter search (section 5.1): random search, importance, Figure 4.

``skbass experiment search --out DIR`` renders labelled ensembles (training soundfonts
only), computes their constant-Q frames once, runs a study of random configurations of
the Table 2 space on an Optuna RDB storage (a SQLite file in ``DIR`` unless
``--storage`` names another), and writes ``DIR/report.md`` with the best configuration,
its ``a_val`` next to the trivial baseline and the paper's, the importance table, the
figures, the time spent and the library versions.
"""

import json
import os
import platform
import time
from importlib import metadata
from pathlib import Path

from ._registry import register

#: Sizes of the search: data (pieces x seconds), trials and training settings.
SIZES = {
    "quick": {
        "n_recordings": 12,
        "duration": 15.0,
        "trials": 16,
        "epochs": 40,
        "patience": 8,
    },
    "full": {
        "n_recordings": 30,
        "duration": 32.0,
        "trials": 160,
        "epochs": 500,
        "patience": 25,
    },
}

#: Libraries whose versions the report lists.
_LIBRARIES = (
    "skbass",
    "optuna",
    "optuna-integration",
    "keras",
    "tensorflow",
    "jax",
    "scikit-learn",
    "numpy",
    "librosa",
    "SQLAlchemy",
    "psycopg2-binary",
)

#: The paper's best values that its text gives (Table 2): r = -4.27, d = 0.06.
_PAPER_BEST = {"learning_rate_exponent": -4.27, "dropout": 0.06}


def _versions():
    found = {"python": platform.python_version()}
    for name in _LIBRARIES:
        try:
            found[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            continue
    found["keras backend"] = os.environ.get("KERAS_BACKEND", "tensorflow")
    return found


def _trial_seconds(study):
    from optuna.trial import TrialState

    seconds = [
        (t.datetime_complete - t.datetime_start).total_seconds()
        for t in study.get_trials(deepcopy=False, states=(TrialState.COMPLETE, TrialState.PRUNED))
        if t.datetime_start and t.datetime_complete
    ]
    return seconds


def _write_trials_csv(study, path):
    import csv

    trials = study.get_trials(deepcopy=False)
    names = []
    for t in trials:
        names += [n for n in t.params if n not in names]
    attrs = ["epochs", "fit_seconds", "error"]
    with open(path, "w", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["number", "config", "state", "a_val", *names, *attrs])
        for t in trials:
            writer.writerow(
                [t.number, t.user_attrs.get("config"), t.state.name, t.value]
                + [t.params.get(n) for n in names]
                + [t.user_attrs.get(a) for a in attrs]
            )


def _fmt(value):
    if isinstance(value, float):
        return f"{value:.4g}"
    return str(value)


def _report(out, *, setup, study, summary, importances, figures, timing, baseline, space):
    from ..model_selection import PAPER_BEST_VALUE, PARAMETERS, importance_table

    lines = ["# Hyperparameter search (paper section 5.1)", ""]
    lines += ["## Setup", ""]
    lines += [f"- {key}: {value}" for key, value in setup.items()]
    lines += [
        f"- trials: {summary['planned']} planned, {summary['complete']} complete, "
        f"{summary['pruned']} pruned, {summary['failed']} failed, "
        f"{summary['interrupted']} interrupted and run again",
        "",
        "## Result",
        "",
    ]
    best = None
    if summary["complete"]:
        best = study.best_trial
        lines += [
            "| measure | value |",
            "|---|---|",
            f"| best a_val (trial {best.number}) | {best.value:.4f} |",
            f"| trivial CQT arg-max on the same validation frames | {baseline:.4f} |",
            f"| paper's a_val,opt (real jazz, random frame split) | {PAPER_BEST_VALUE:.2f} |",
            "",
            "Best configuration:",
            "",
            "| hyperparameter | symbol | value | pipeline parameter | paper's best |",
            "|---|---|---|---|---|",
        ]
        params = space.to_params(best.params)
        for name, value in best.params.items():
            info = PARAMETERS.get(name)
            target = info.target if info else name
            lines.append(
                f"| {name} | {info.symbol if info else ''} | {_fmt(value)} | "
                f"`{target}={_fmt(params[target])}` | {_fmt(_PAPER_BEST.get(name, ''))} |"
            )
        lines.append("")
    else:
        lines += ["No trial completed.", ""]
    lines += ["## Importance (random forest and fANOVA, Optuna)", ""]
    if importances is not None:
        lines += [importance_table(importances), ""]
    else:
        lines += ["Needs at least two complete trials.", ""]
    lines += [
        "The numbers differ from the paper's for known reasons: the data are generated "
        "walking-bass ensembles (FluidR3_GM/TimGM6mb through a varied recording chain), "
        "not the Weimar Jazz Database; validation holds out whole recordings "
        "unless --split frame; and far fewer frames and trials go into a quick run.",
        "",
        "## Figures",
        "",
    ]
    lines += [f"![{name}]({name}.png)" for name in figures]
    lines += ["", "## Time", ""]
    lines += [f"- {key}: {value}" for key, value in timing.items()]
    lines += ["", "## Versions", ""]
    lines += [f"- {key}: {value}" for key, value in _versions().items()]
    text = "\n".join(lines) + "\n"
    (out / "report.md").write_text(text)
    return text


@register("search")
def search(
    out,
    *,
    size="quick",
    seed=0,
    n_jobs=None,
    trials=None,
    storage=None,
    study_name=None,
    workers=1,
    split="recording",
    prune=False,
    space=None,
    progress=True,
):
    """The paper's random hyperparameter search and importance analysis.

    Renders labelled ensembles with the training soundfonts (FluidR3_GM, TimGM6mb; the
    MuseScore test soundfonts take no part), computes their constant-Q frames once
    (cached in ``out/cache``), runs the planned trials of the study on the storage
    (resuming it if it exists with the same settings), then writes ``out/report.md``,
    ``out/trials.csv``, ``out/summary.json`` and the figures ``figure4.png``,
    ``importance.png`` and ``history.png``.

    Parameters
    ----------
    out : str or os.PathLike
        Output folder.
    size : {"quick", "full"}, default="quick"
        ``"quick"``: 12 pieces of 15 s, 16 trials of up to 40 epochs (minutes on 2
        cores). ``"full"``: 30 pieces of 32 s, the paper's 160 trials of up to 500
        epochs with patience 25.
    seed : int, default=0
        Seed of the data, the sampler, the split and the networks.
    n_jobs : int or None, default=None
        Parallel render and CQT processes.
    trials : int or None, default=None
        Planned trials, overriding the size's.
    storage : str or None, default=None
        SQLAlchemy URL of the study storage; None: ``sqlite:///out/study.db``.
    study_name : str or None, default=None
        Study name; None: ``"search-<size>-seed<seed>"``.
    workers : int, default=1
        Worker processes on this machine.
    split : {"recording", "frame"}, default="recording"
        Validation split: whole recordings, or the paper's random 80:20 over frames.
    prune : bool, default=False
        Stop hopeless trials early (median pruner on the per-epoch validation accuracy).
    space : SearchSpace or None, default=None
        Search space; None: the paper's.
    progress : bool, default=True
        Show progress bars.

    Returns
    -------
    summary : dict
        Best value and parameters, baseline, trial counts, importances, timings, paths.
    """
    import optuna

    from ..datasets import make_ensembles
    from ..features import CQTFrames
    from ..model_selection import (
        SalienceObjective,
        SearchSpace,
        make_storage,
        optimize,
        param_importances,
        plot_history,
        plot_hyperparameters,
        plot_importances,
        prepare_study,
        safe_url,
        trial_summary,
    )

    if size not in SIZES:
        raise ValueError(f"size must be one of {sorted(SIZES)}, got {size!r}")
    settings = SIZES[size]
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    space = SearchSpace.paper() if space is None else space
    n_trials = int(trials or settings["trials"])
    url = storage or "sqlite:///" + str((out / "study.db").resolve())
    study_name = study_name or f"search-{size}-seed{seed}"
    optuna.logging.set_verbosity(optuna.logging.WARNING)
    # reach the storage before any long work: a wrong URL fails at once
    rdb = make_storage(url)

    start = time.perf_counter()
    data = make_ensembles(
        n_recordings=settings["n_recordings"],
        duration=settings["duration"],
        seed=seed,
        n_jobs=n_jobs,
        progress=progress,
    )
    cqt = CQTFrames(n_jobs=n_jobs, memory=str(out / "cache"), verbose=progress)
    frames = cqt.fit_transform(data.X)
    data_seconds = time.perf_counter() - start

    objective = SalienceObjective(
        frames,
        data.y,
        space=space,
        split=split,
        fixed_params={"mlp__epochs": settings["epochs"], "mlp__patience": settings["patience"]},
        prune=prune,
        seed=seed,
    )
    protocol = {
        "data": "make_ensembles",
        "n_recordings": settings["n_recordings"],
        "duration": settings["duration"],
        "condition": "hard",
        "split": split,
        "validation_fraction": objective.validation_fraction,
        "epochs": settings["epochs"],
        "patience": settings["patience"],
        "prune": bool(prune),
    }
    pruner = optuna.pruners.MedianPruner(n_startup_trials=5, n_warmup_steps=5) if prune else None
    study = prepare_study(
        storage=rdb,
        study_name=study_name,
        space=space,
        n_trials=n_trials,
        seed=seed,
        protocol=protocol,
        pruner=pruner,
    )
    start = time.perf_counter()
    optimize(study, objective, n_workers=workers, progress=progress)
    search_seconds = time.perf_counter() - start

    summary = trial_summary(study)
    importances = None
    if summary["complete"] >= 2:
        importances = param_importances(study, seed=seed)
    figures = []
    if summary["complete"]:
        plot_hyperparameters(study, out / "figure4.png")
        plot_history(study, out / "history.png")
        figures += ["figure4", "history"]
    if importances is not None:
        plot_importances(importances, out / "importance.png")
        figures.append("importance")
    _write_trials_csv(study, out / "trials.csv")

    seconds = _trial_seconds(study)
    baseline = objective.baseline()
    n_frames = sum(len(v) for v in data.y)
    setup = {
        "data": (
            f"{len(data.X)} generated ensembles x {settings['duration']:g} s "
            "(FluidR3_GM/TimGM6mb, hard recording chain), "
            f"{n_frames} frames, {sum(int((v > 0).sum()) for v in data.y)} with a bass label"
        ),
        "validation": (
            f"split by {split}, {objective.validation_fraction:.0%} held out, "
            f"{objective.n_val_frames_} labelled frames"
            + (
                f" in recordings {objective.val_recordings_.tolist()}"
                if objective.val_recordings_ is not None
                else ""
            )
        ),
        "training": (
            f"up to {settings['epochs']} epochs, patience {settings['patience']}, "
            "batch size 250, early stopping on the validation raw pitch accuracy"
        ),
        "study": f"{study_name!r} in {safe_url(rdb.url)}",
        "sampler": f"Optuna RandomSampler(seed={seed})",
        "pruning": "median pruner on val_pitch_accuracy per epoch" if prune else "off",
        "workers on this machine": workers,
    }
    timing = {
        "data preparation (render + CQT)": f"{data_seconds:.1f} s",
        "search, wall clock in this run": f"{search_seconds:.1f} s",
        "finished trials timed": len(seconds),
        "seconds per trial (mean)": f"{(sum(seconds) / len(seconds)) if seconds else 0:.1f}",
        "seconds per trial (max)": f"{max(seconds) if seconds else 0:.1f}",
        "CPU cores": os.cpu_count(),
    }
    _report(
        out,
        setup=setup,
        study=study,
        summary=summary,
        importances=importances,
        figures=figures,
        timing=timing,
        baseline=baseline,
        space=space,
    )
    result = {
        **summary,
        "best_params": study.best_params if summary["complete"] else None,
        "baseline": baseline,
        "importances": importances,
        "data_seconds": round(data_seconds, 1),
        "search_seconds": round(search_seconds, 1),
        "seconds_per_trial": round(sum(seconds) / len(seconds), 2) if seconds else None,
        "study_name": study_name,
        "storage": safe_url(rdb.url),
        "report": str(out / "report.md"),
    }
    (out / "summary.json").write_text(json.dumps(result, indent=2, default=str) + "\n")
    return result


#: Options of ``skbass experiment search`` beyond the common ones: argparse flags and
#: settings; ``dest`` is the keyword of :func:`search` each sets.
search.cli_options = (
    (("--trials",), {"type": int, "default": None, "help": "planned trials (160 full, 16 quick)"}),
    (
        ("--storage",),
        {
            "default": None,
            "help": "SQLAlchemy URL of the study storage (default: sqlite:///OUT/study.db); "
            "postgresql+psycopg2://user:password@host/db for workers on many machines",
        },
    ),
    (("--study-name",), {"default": None, "help": "study name (default: search-SIZE-seedSEED)"}),
    (("--workers",), {"type": int, "default": 1, "help": "worker processes on this machine"}),
    (
        ("--split",),
        {
            "choices": ["recording", "frame"],
            "default": "recording",
            "help": "validation split: whole recordings (default) or the paper's random "
            "80:20 over frames (leaks neighbouring frames)",
        },
    ),
    (("--prune",), {"action": "store_true", "help": "prune hopeless trials (off: the paper)"}),
)
