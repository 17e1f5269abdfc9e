"""Hyperparameter importance (Table 2's last column) and the pictures of Figure 4."""

import warnings

import numpy as np

from ._space import PARAMETERS

#: The paper's random-forest importances (Table 2, last column), by skbass's names.
PAPER_IMPORTANCE = {
    "magnitude_scaling": 0.015,
    "n_hidden_layers": 0.020,
    "hidden_layer_exponent": 0.040,
    "learning_rate_exponent": 0.485,
    "batch_normalization": 0.017,
    "l2_regularization": 0.038,
    "dropout": 0.385,
}

#: The paper's best validation raw pitch accuracy (Table 2 caption, ``a_val,opt``).
PAPER_BEST_VALUE = 0.62

#: Hyperparameters Figure 4 plots, in its order, with their axis labels.
FIGURE4_PARAMS = {
    "learning_rate_exponent": "learning rate exponent r",
    "dropout": "dropout ratio d",
    "magnitude_scaling": "magnitude scaling",
    "hidden_layer_exponent": "layer size exponent h",
}


def _complete(study):
    from optuna.trial import TrialState

    return study.get_trials(deepcopy=False, states=(TrialState.COMPLETE,))


def param_importances(study, *, seed=0):
    """Hyperparameter importances by random forest (the paper's) and by fANOVA.

    Both come from :mod:`optuna.importance` over the study's complete trials: the
    mean decrease in impurity of a random forest regressing ``a_val`` on the
    hyperparameters (:class:`~optuna.importance.MeanDecreaseImpurityImportanceEvaluator`,
    the approach of the paper's reference [17]) and the functional ANOVA of such a
    forest (:class:`~optuna.importance.FanovaImportanceEvaluator`). Each set sums to one.

    Parameters
    ----------
    study : optuna.Study
        A study with at least two complete trials.
    seed : int, default=0
        Seed of both forests.

    Returns
    -------
    importances : dict
        ``{"random_forest": {name: value}, "fanova": {name: value}}``, names in the
        order of the study's search space; NaN everywhere when every trial scored the
        same (nothing to attribute).

    Raises
    ------
    ValueError
        With fewer than two complete trials.
    """
    from optuna.importance import (
        FanovaImportanceEvaluator,
        MeanDecreaseImpurityImportanceEvaluator,
        get_param_importances,
    )

    trials = _complete(study)
    if len(trials) < 2:
        raise ValueError(
            f"importance needs at least two complete trials, the study has {len(trials)}"
        )
    names = list(trials[0].params)
    evaluators = {
        "random_forest": MeanDecreaseImpurityImportanceEvaluator(seed=seed),
        "fanova": FanovaImportanceEvaluator(seed=seed),
    }
    result = {}
    constant = np.ptp([t.value for t in trials]) == 0
    for key, evaluator in evaluators.items():
        if constant:  # every trial scored the same: nothing to attribute
            result[key] = {name: float("nan") for name in names}
            continue
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # experimental-feature warnings
            values = get_param_importances(study, evaluator=evaluator)
        result[key] = {name: float(values.get(name, 0.0)) for name in names}
    return result


def importance_table(importances, *, paper=True):
    """A Markdown table of importances, like Table 2's last column.

    Parameters
    ----------
    importances : dict
        From :func:`param_importances`.
    paper : bool, default=True
        Add the paper's values as a column.

    Returns
    -------
    table : str
        Markdown, one row per hyperparameter.

    Examples
    --------
    >>> print(importance_table({"random_forest": {"dropout": 0.75, "n_hidden_layers": 0.25},
    ...                         "fanova": {"dropout": 0.5, "n_hidden_layers": 0.5}}))
    | hyperparameter | symbol | random forest (MDI) | fANOVA | paper (RF) |
    |---|---|---|---|---|
    | dropout | d | 0.750 | 0.500 | 0.385 |
    | n_hidden_layers | n | 0.250 | 0.500 | 0.020 |
    """
    rf, fanova = importances["random_forest"], importances["fanova"]
    header = ["hyperparameter", "symbol", "random forest (MDI)", "fANOVA"]
    if paper:
        header.append("paper (RF)")
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for name in rf:
        symbol = PARAMETERS[name].symbol if name in PARAMETERS else ""
        row = [name, symbol, _cell(rf[name]), _cell(fanova.get(name, np.nan))]
        if paper:
            value = PAPER_IMPORTANCE.get(name)
            row.append("" if value is None else f"{value:.3f}")
        lines.append("| " + " | ".join(row) + " |")
    return "\n".join(lines)


def _cell(value):
    return "n/a" if np.isnan(value) else f"{value:.3f}"


def _trend(x, y, degree=3):
    """A polynomial trend of degree up to ``degree`` (fewer where there are fewer x values)."""
    degree = min(degree, len(np.unique(x)) - 1)
    if degree < 1:
        return None
    coefficients = np.polyfit(x, y, degree)
    grid = np.linspace(np.min(x), np.max(x), 100)
    return grid, np.polyval(coefficients, grid)


def plot_hyperparameters(study, path=None, *, params=None):
    """Validation accuracy against hyperparameter values, one dot per trial (Figure 4).

    Every complete trial is a black dot, and a dashed cubic regression line shows the
    trend (a straight line where a parameter has only two values, such as magnitude
    scaling, whose choices are placed at 0 and 1 with a little horizontal jitter).

    Parameters
    ----------
    study : optuna.Study
        The study.
    path : str, os.PathLike or None, default=None
        PNG file to write; None: only return the figure.
    params : list of str or None, default=None
        Hyperparameters to plot; None: Figure 4's (``learning_rate_exponent``,
        ``dropout``, ``magnitude_scaling``, ``hidden_layer_exponent``) that the study
        searched.

    Returns
    -------
    figure : matplotlib.figure.Figure
    """
    from matplotlib.figure import Figure

    trials = _complete(study)
    searched = set(trials[0].params) if trials else set()
    if params is None:
        params = [p for p in FIGURE4_PARAMS if p in searched]
    n = max(1, len(params))
    cols = 2 if n > 1 else 1
    rows = int(np.ceil(n / cols))
    fig = Figure(figsize=(5 * cols, 3.6 * rows))
    axes = fig.subplots(rows, cols, squeeze=False)
    values = np.array([t.value for t in trials])
    rng = np.random.default_rng(0)
    for ax, name in zip(axes.flat, params):
        raw = [t.params.get(name) for t in trials]
        choices = None
        if any(isinstance(v, (str, bool)) for v in raw):
            choices = sorted(set(raw), key=str)
            x = np.array([choices.index(v) for v in raw], dtype=float)
            shown = x + rng.uniform(-0.06, 0.06, size=len(x))
        else:
            x = np.array(raw, dtype=float)
            shown = x
        ax.plot(shown, values, "k.", markersize=6)
        trend = _trend(x, values) if len(x) > 1 else None
        if trend is not None:
            ax.plot(*trend, "--", color="tab:blue")
        if choices is not None:
            ax.set_xticks(range(len(choices)), [str(c) for c in choices])
        ax.set_xlabel(FIGURE4_PARAMS.get(name, name))
        ax.set_ylabel("$a_{val}$")
        ax.grid(alpha=0.3)
    for ax in list(axes.flat)[len(params) :]:
        ax.set_visible(False)
    fig.suptitle(f"Validation accuracy over {len(trials)} random configurations")
    fig.tight_layout()
    if path is not None:
        fig.savefig(path, dpi=100)
    return fig


def plot_importances(importances, path=None, *, paper=True):
    """Bar chart of hyperparameter importances: random forest and fANOVA side by side.

    Parameters
    ----------
    importances : dict
        From :func:`param_importances`.
    path : str, os.PathLike or None, default=None
        PNG file to write; None: only return the figure.
    paper : bool, default=True
        Add the paper's random-forest values as a third bar.

    Returns
    -------
    figure : matplotlib.figure.Figure
    """
    from matplotlib.figure import Figure

    names = list(importances["random_forest"])
    series = {
        "random forest (MDI)": importances["random_forest"],
        "fANOVA": importances["fanova"],
    }
    if paper:
        series["paper (random forest)"] = PAPER_IMPORTANCE
    fig = Figure(figsize=(8, 1.2 + 0.55 * len(names)))
    ax = fig.subplots()
    height = 0.8 / len(series)
    y = np.arange(len(names))
    for i, (label, values) in enumerate(series.items()):
        ax.barh(
            y + (i - (len(series) - 1) / 2) * height,
            [values.get(n, 0.0) for n in names],
            height=height,
            label=label,
        )
    ax.set_yticks(y, names)
    ax.invert_yaxis()
    ax.set_xlabel("relative importance for $a_{val}$")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.15), ncol=len(series), frameon=False)
    ax.grid(axis="x", alpha=0.3)
    fig.tight_layout()
    if path is not None:
        fig.savefig(path, dpi=100)
    return fig


def plot_history(study, path=None):
    """Validation accuracy of every trial and the best so far (Optuna's history plot).

    Parameters
    ----------
    study : optuna.Study
        The study.
    path : str, os.PathLike or None, default=None
        PNG file to write; None: only return the figure.

    Returns
    -------
    figure : matplotlib.figure.Figure
    """
    import matplotlib
    import matplotlib.pyplot as plt
    from optuna.visualization.matplotlib import plot_optimization_history

    # Optuna switches pyplot's style to ggplot: keep that inside this figure
    with warnings.catch_warnings(), matplotlib.rc_context():
        warnings.simplefilter("ignore")  # experimental-feature warnings
        ax = plot_optimization_history(study, target_name="a_val")
    fig = ax.figure
    plt.close(fig)  # Optuna draws with pyplot; keep no pyplot state behind
    fig.set_size_inches(8, 4)
    fig.tight_layout()
    if path is not None:
        fig.savefig(path, dpi=100)
    return fig
