"""
Search hyperparameters with OptunaSearchCV and GridSearchCV
===========================================================

The paper's random search (section 5.1) in scikit-learn's idiom: the bass pipeline of
:func:`skbass.model_selection.search_pipeline` (``CQTFrames -> LogScaler ->
BassSalienceMLP``) at recording level, cross-validated by piece (``GroupKFold`` over the
data set's ``groups``) and scored with the MIREX raw pitch accuracy
(:data:`skbass.metrics.raw_pitch_scorer`). :class:`optuna_integration.OptunaSearchCV`
draws random configurations from a :class:`~skbass.model_selection.SearchSpace` (here a
small part of the paper's Table 2, so that the example runs in a couple of minutes);
:class:`~sklearn.model_selection.GridSearchCV` tries a grid over the same kind of space.
The constant-Q frames are cached (``memory=``), so every fold and candidate reads them
instead of recomputing them. For the paper-sized search, with its importance analysis and
workers on many machines, see ``skbass experiment search`` in the user guide.
"""

import tempfile

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import optuna  # noqa: E402
from optuna_integration import OptunaSearchCV  # noqa: E402
from sklearn.model_selection import GridSearchCV, GroupKFold  # noqa: E402

from skbass.datasets import make_ensembles  # noqa: E402
from skbass.metrics import raw_pitch_scorer, trivial_baseline_accuracy  # noqa: E402
from skbass.model_selection import SearchSpace, search_pipeline  # noqa: E402

optuna.logging.set_verbosity(optuna.logging.WARNING)

# Training soundfonts only (FluidR3_GM, TimGM6mb); the MuseScore test set is never tuned on.
data = make_ensembles(n_recordings=12, duration=12.0, seed=3, progress=False)
X, y, groups = data.X, data.y, data.groups
cv = GroupKFold(n_splits=2)
pipe = search_pipeline(
    memory=tempfile.mkdtemp(),
    n_hidden_layers=2,
    dropout=0.3,
    epochs=40,
    patience=8,
    random_state=0,
)

# %%
# Random search with OptunaSearchCV
# ---------------------------------
# ``param_distributions()`` gives the space in pipeline terms: the exponent ``r`` becomes a
# log-uniform learning rate, the exponent ``h`` the choice among powers of two.
space = SearchSpace.paper(
    learning_rate_exponent=(-3.5, -2.0),
    hidden_layer_exponent=(7, 8),
    n_hidden_layers=None,
    batch_normalization=None,
    l2_regularization=None,
)
random_search = OptunaSearchCV(
    pipe,
    space.param_distributions(),
    cv=cv,
    scoring=raw_pitch_scorer,
    n_trials=4,
    study=optuna.create_study(direction="maximize", sampler=optuna.samplers.RandomSampler(0)),
    refit=False,
)
random_search.fit(X, y, groups=groups)
print(f"OptunaSearchCV best raw pitch accuracy: {random_search.best_score_:.3f}")
print(f"  with {random_search.best_params_}")

# %%
# Grid search with GridSearchCV
# -----------------------------
grid = SearchSpace(learning_rate_exponent=(-3.0, -2.0), magnitude_scaling=["linear", "log"])
grid_search = GridSearchCV(pipe, grid.param_grid(n_points=2), cv=cv, scoring=raw_pitch_scorer)
grid_search.fit(X, y, groups=groups)
print(f"GridSearchCV best raw pitch accuracy: {grid_search.best_score_:.3f}")
print(f"  with {grid_search.best_params_}")
baseline = trivial_baseline_accuracy(X, y)
print(f"trivial CQT arg-max on the same recordings: {baseline:.3f}")

# %%
# Every candidate of the grid beside the trivial baseline.
results = grid_search.cv_results_
labels = [f"{p['log__scaling']}\nlr={p['mlp__learning_rate']:g}" for p in results["params"]]
fig, ax = plt.subplots(figsize=(7, 3.5))
ax.bar(labels, results["mean_test_score"], yerr=results["std_test_score"], color="tab:blue")
ax.axhline(baseline, color="k", linestyle="--", label="trivial CQT arg-max")
ax.set(ylabel="raw pitch accuracy (2-fold by piece)", title="GridSearchCV candidates")
ax.legend(loc="lower right")
fig.tight_layout()
fig.savefig("search_cv.png", dpi=100)
