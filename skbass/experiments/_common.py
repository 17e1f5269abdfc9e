"""What the propagation and transfer experiments share.

Rendering the sets and turning them into log-compressed constant-Q frames (once, cached),
the network at the shipped recipe's settings, the four measures of the paper (``a_train``,
``a_val``, ``a_test``, ``a_test,12``) over several seeds as mean ± standard deviation, the
Markdown table and figure of those, and the timing that extrapolates to the full size.
"""

import os
import time

import numpy as np

#: The paper's four measures: raw pitch accuracy on the training data, the validation
#: recordings and the test set, and raw chroma accuracy on the test set.
MEASURES = ("a_train", "a_val", "a_test", "a_test,12")

#: Frames per second of audio (the paper's grid).
FRAMES_PER_SECOND = 22050 / 1024

#: Audio of ``make_isolated_notes("default")`` in seconds (its docstring: 26 min).
ISOLATED_DEFAULT_SECONDS = 26 * 60

#: Share of the labelled ensemble pieces held out as the validation recordings.
VALIDATION_FRACTION = 0.2


def render_sets(settings, *, seed, n_jobs, progress, unlabelled=False, isolated=False):
    """Render the sets an experiment needs (training soundfonts; MuseScore for the test).

    Parameters
    ----------
    settings : dict
        ``ensembles``, ``test`` (and ``unlabelled``) as ``(n_recordings, seconds)``;
        ``augment`` for the ensembles; ``isolated`` as a ``make_isolated_notes`` size.
    seed : int
        Seed of every set.
    n_jobs : int or None
        Parallel render processes.
    progress : bool
        Show progress bars.
    unlabelled : bool, default=False
        Also render the unlabelled ensembles (the paper's WJD-).
    isolated : bool, default=False
        Also render the isolated bass notes (the paper's ISO+).

    Returns
    -------
    sets : dict of str -> sklearn.utils.Bunch
        ``"ensembles"``, ``"test"`` and, when asked for, ``"unlabelled"`` and
        ``"isolated"``; each with ``X`` (audio), ``y`` and ``groups``.
    """
    from ..datasets import load_test_set, make_ensembles, make_isolated_notes, make_unlabelled

    common = {"seed": seed, "n_jobs": n_jobs, "progress": progress}
    n, seconds = settings["ensembles"]
    sets = {
        "ensembles": make_ensembles(
            n_recordings=n, duration=seconds, augment=settings["augment"], **common
        )
    }
    if unlabelled:
        n, seconds = settings["unlabelled"]
        sets["unlabelled"] = make_unlabelled(n_recordings=n, duration=seconds, **common)
    if isolated:
        sets["isolated"] = make_isolated_notes(
            settings["isolated"], augment=settings["augment"], **common
        )
    n, seconds = settings["test"]
    sets["test"] = load_test_set(n_recordings=n, duration=seconds, **common)
    return sets


def log_cqt_frames(audio, *, cache, n_jobs, progress):
    """The network's input: log-compressed constant-Q frames of each recording.

    Parameters
    ----------
    audio : list of np.ndarray [shape=(n_samples,)]
        Recordings.
    cache : str, os.PathLike or None
        Folder of the frame cache (a ``joblib.Memory``): a rerun reads the frames back;
        None: no cache.
    n_jobs : int or None
        Parallel CQT processes.
    progress : bool
        Show a progress bar.

    Returns
    -------
    frames : list of np.ndarray [shape=(n_frames_i, 67)]
    """
    from ..features import CQTFrames, LogScaler

    cqt = CQTFrames(n_jobs=n_jobs, memory=cache and os.fspath(cache), verbose=progress)
    return LogScaler().fit_transform(cqt.fit_transform(audio))


def split_pieces(groups, seed):
    """Recording indices of the training and validation parts, whole pieces held out.

    Augmented versions of a piece share its group, so they stay on one side.

    Parameters
    ----------
    groups : np.ndarray [shape=(n_recordings,)]
        Piece of each recording.
    seed : int
        Seed of the draw.

    Returns
    -------
    train : np.ndarray [shape=(n_train,)]
    val : np.ndarray [shape=(n_val,)]

    Raises
    ------
    ValueError
        With fewer than two pieces.
    """
    pieces = np.unique(groups)
    if len(pieces) < 2:
        raise ValueError(
            f"the labelled ensembles hold {len(pieces)} piece(s); at least 2 are needed "
            "to hold whole pieces out for validation"
        )
    n_val = min(len(pieces) - 1, max(1, round(VALIDATION_FRACTION * len(pieces))))
    held_out = np.random.default_rng(seed).permutation(pieces)[:n_val]
    is_val = np.isin(groups, held_out)
    return np.flatnonzero(~is_val), np.flatnonzero(is_val)


def network_params(settings):
    """Parameters of the network every configuration trains: the shipped recipe's.

    Parameters
    ----------
    settings : dict
        ``epochs`` and ``patience`` of this size.

    Returns
    -------
    params : dict
        Keyword arguments of :class:`~skbass.neural_network.BassSalienceMLP`.
    """
    from ..transcription._training import RECIPES

    params = dict(RECIPES["default"]["mlp"])
    params.update(epochs=settings["epochs"], patience=settings["patience"])
    return params


class FitClock:
    """Seconds and frame-epochs of every fit, for the time report and the extrapolation.

    Give :meth:`callback` to each network; :meth:`summary` then tells the seconds per
    frame and epoch (median over epochs after the first, which carries Keras's graph
    tracing) and the overhead per fit.
    """

    def __init__(self):
        self.fits = []

    def callback(self, n_frames):
        """A Keras callback that times the epochs of one fit over ``n_frames`` frames.

        Parameters
        ----------
        n_frames : int
            Frames given to ``fit`` (training and early-stopping parts).

        Returns
        -------
        callback : keras.callbacks.Callback
        """
        import keras

        record = {"frames": int(n_frames), "epochs": [], "start": time.perf_counter()}
        self.fits.append(record)

        class _Clock(keras.callbacks.Callback):
            def on_epoch_begin(self, epoch, logs=None):
                record["epoch_start"] = time.perf_counter()

            def on_epoch_end(self, epoch, logs=None):
                record["epochs"].append(time.perf_counter() - record["epoch_start"])

            def on_train_end(self, logs=None):
                record["seconds"] = time.perf_counter() - record["start"]

        return _Clock()

    def summary(self):
        """Measured costs of the fits so far.

        Returns
        -------
        costs : dict
            ``fits``, ``seconds`` (sum), ``epochs`` (sum), ``per_frame_epoch`` (seconds)
            and ``overhead`` (seconds per fit beyond its epochs).
        """
        done = [f for f in self.fits if "seconds" in f]
        later = [s / f["frames"] for f in done for s in f["epochs"][1:]]
        firsts = [f["epochs"][0] / f["frames"] for f in done if f["epochs"]]
        per_frame_epoch = float(np.median(later or firsts)) if done else float("nan")
        overhead = [f["seconds"] - per_frame_epoch * f["frames"] * len(f["epochs"]) for f in done]
        return {
            "fits": len(done),
            "seconds": float(sum(f["seconds"] for f in done)),
            "epochs": int(sum(len(f["epochs"]) for f in done)),
            "per_frame_epoch": per_frame_epoch,
            "overhead": float(np.mean(overhead)) if overhead else float("nan"),
        }


def fit_network(X, y, *, params, seed, clock, network=None):
    """Train the network on recordings; continue from ``network`` when given.

    Parameters
    ----------
    X : list of np.ndarray [shape=(n_frames_i, 67)]
        Frames per recording.
    y : list of np.ndarray [shape=(n_frames_i,)]
        Labels per recording.
    params : dict
        :func:`network_params`.
    seed : int
        Seed of the initialisation, the shuffling and the early-stopping split.
    clock : FitClock
        Records the fit's time.
    network : BassSalienceMLP or None, default=None
        A fitted network to fine-tune (``warm_start``); None trains a new one.

    Returns
    -------
    network : BassSalienceMLP
    """
    from ..neural_network import BassSalienceMLP

    callbacks = [clock.callback(sum(len(v) for v in y))]
    if network is None:
        network = BassSalienceMLP(**params, random_state=seed, callbacks=callbacks)
    else:
        network.set_params(warm_start=True, callbacks=callbacks)
    return network.fit(X, y)


def scores(network, train, val, test):
    """The paper's four measures of a fitted network.

    Parameters
    ----------
    network : BassSalienceMLP
        Fitted network.
    train, val, test : tuple of (list of np.ndarray, list of np.ndarray)
        ``(frames, labels)`` per recording of the training data, the validation
        recordings and the test set.

    Returns
    -------
    scores : dict of str -> float
        :data:`MEASURES`.
    """
    from ..metrics import raw_chroma_accuracy, raw_pitch_accuracy

    test_pitch = network.predict(test[0])
    return {
        "a_train": raw_pitch_accuracy(train[1], network.predict(train[0])),
        "a_val": raw_pitch_accuracy(val[1], network.predict(val[0])),
        "a_test": raw_pitch_accuracy(test[1], test_pitch),
        "a_test,12": raw_chroma_accuracy(test[1], test_pitch),
    }


def trivial_scores(frames, y):
    """Raw pitch and chroma accuracy of the trivial CQT arg-max on frames.

    Parameters
    ----------
    frames : list of np.ndarray [shape=(n_frames_i, 67)]
        Constant-Q frames (log-compressed or not: the arg-max is the same).
    y : list of np.ndarray [shape=(n_frames_i,)]
        Labels.

    Returns
    -------
    scores : dict
        ``"pitch"`` and ``"chroma"``.
    """
    from ..metrics import argmax_pitch, raw_chroma_accuracy, raw_pitch_accuracy

    pitch = argmax_pitch(frames)
    return {"pitch": raw_pitch_accuracy(y, pitch), "chroma": raw_chroma_accuracy(y, pitch)}


def summarise(rows, configs):
    """Mean and standard deviation over seeds of every measure and configuration.

    Parameters
    ----------
    rows : list of dict
        One per fit: ``config`` and the :data:`MEASURES`.
    configs : sequence of str
        Configurations in the order to report.

    Returns
    -------
    summary : dict of str -> dict of str -> (float, float)
        ``summary[config][measure] = (mean, std)``; the standard deviation uses
        ``ddof=1`` (0 with one seed).
    """
    summary = {}
    for config in configs:
        values = {m: [r[m] for r in rows if r["config"] == config] for m in MEASURES}
        summary[config] = {
            m: (float(np.mean(v)), float(np.std(v, ddof=1)) if len(v) > 1 else 0.0)
            for m, v in values.items()
        }
    return summary


def write_rows(rows, path):
    """Write one CSV row per fit.

    Parameters
    ----------
    rows : list of dict
        Rows with the same keys; the first row's keys are the header.
    path : str or os.PathLike
        CSV file to write.
    """
    import csv

    with open(path, "w", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def results_table(summary, *, label, extra=None):
    """A Markdown table of ``mean ± std`` per configuration and measure.

    Parameters
    ----------
    summary : dict
        From :func:`summarise`.
    label : str
        Heading of the configuration column.
    extra : dict of str -> dict of str -> str, or None
        Further columns: ``extra[column][config]``.

    Returns
    -------
    lines : list of str
    """
    extra = extra or {}
    lines = [
        f"| {label} | " + " | ".join([*MEASURES, *extra]) + " |",
        "|---" * (1 + len(MEASURES) + len(extra)) + "|",
    ]
    for config, values in summary.items():
        cells = [f"{values[m][0]:.3f} ± {values[m][1]:.3f}" for m in MEASURES]
        cells += [column.get(config, "") for column in extra.values()]
        lines.append(f"| {config} | " + " | ".join(cells) + " |")
    return lines


def plot_measures(summary, path, *, title, xlabel, trivial=None, ax=None):
    """The measures per configuration as mean ± std lines (the paper's Figure 7 style).

    Parameters
    ----------
    summary : dict
        From :func:`summarise`.
    path : str, os.PathLike or None
        PNG to write (None: do not save).
    title, xlabel : str
        Labels.
    trivial : float or None
        The trivial baseline's ``a_test``, drawn as a dashed line.
    ax : matplotlib.axes.Axes or None
        Draw into these axes; None makes a figure.

    Returns
    -------
    figure : matplotlib.figure.Figure
    """
    from matplotlib.figure import Figure

    if ax is None:
        ax = Figure(figsize=(8, 4)).add_subplot()
    configs = list(summary)
    x = np.arange(len(configs))
    for i, measure in enumerate(MEASURES):
        mean = [summary[c][measure][0] for c in configs]
        std = [summary[c][measure][1] for c in configs]
        ax.errorbar(x + (i - 1.5) * 0.06, mean, yerr=std, marker="o", capsize=3, label=measure)
    if trivial is not None:
        ax.axhline(trivial, color="grey", linestyle="--", label="a_test, trivial CQT arg-max")
    ax.set_xticks(x, configs)
    ax.set_xlabel(xlabel)
    ax.set_ylabel("accuracy")
    ax.set_title(title)
    ax.grid(alpha=0.3)
    ax.legend(fontsize=8)
    figure = ax.figure
    figure.tight_layout()
    if path is not None:
        figure.savefig(path, dpi=100)
    return figure


def hours(seconds):
    """``seconds`` as a short text in seconds, minutes, hours or days.

    Parameters
    ----------
    seconds : float
        A duration.

    Returns
    -------
    text : str

    Examples
    --------
    >>> hours(90), hours(7200), hours(3 * 86400)
    ('1.5 min', '2.0 h', '3.0 days')
    """
    if seconds < 60:
        return f"{seconds:.0f} s"
    if seconds < 3600:
        return f"{seconds / 60:.1f} min"
    if seconds < 2 * 86400:
        return f"{seconds / 3600:.1f} h"
    return f"{seconds / 86400:.1f} days"


def extrapolate(costs, fit_frames, epochs):
    """Training time of fits of ``fit_frames`` frames at up to ``epochs`` epochs.

    An upper bound: every fit runs all its epochs (early stopping usually ends sooner).

    Parameters
    ----------
    costs : dict
        :meth:`FitClock.summary` of this run.
    fit_frames : sequence of float
        Frames of each fit at the size to extrapolate to.
    epochs : int
        Maximum epochs per fit.

    Returns
    -------
    seconds : float
    """
    return float(sum(costs["overhead"] + costs["per_frame_epoch"] * n * epochs for n in fit_frames))


def common_sections(timing):
    """The report's closing sections: time spent and library versions.

    Parameters
    ----------
    timing : dict of str -> object
        Time entries.

    Returns
    -------
    lines : list of str
    """
    from ._search import _versions

    lines = ["## Time", ""]
    lines += [f"- {key}: {value}" for key, value in timing.items()]
    lines += ["", "## Versions", ""]
    lines += [f"- {key}: {value}" for key, value in _versions().items()]
    return lines + [""]
