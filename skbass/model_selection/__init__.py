"""Model selection: the paper's hyperparameter search (section 5.1) and its importance analysis.

- :class:`SearchSpace`: the search space of Table 2 as an object one can change.
- :func:`make_storage`, :func:`prepare_study`, :func:`optimize`: studies on Optuna's RDB
  storage (a SQLite file, or PostgreSQL for workers on many machines) whose planned
  trials each run exactly once, whatever the number of workers, and which resume after
  a crash.
- :class:`SalienceObjective`: validation raw pitch accuracy of the bass network, over
  features computed once.
- :func:`param_importances`, :func:`importance_table`, :func:`plot_hyperparameters`,
  :func:`plot_importances`: Table 2's importance column and Figure 4.
- :func:`search_pipeline`: the pipeline for ``OptunaSearchCV`` and ``GridSearchCV``.

Importing this subpackage loads neither TensorFlow nor Keras.
"""

from ._importance import (
    FIGURE4_PARAMS,
    PAPER_BEST_VALUE,
    PAPER_IMPORTANCE,
    importance_table,
    param_importances,
    plot_history,
    plot_hyperparameters,
    plot_importances,
)
from ._objective import SPLITS, SalienceObjective, pruning_callback, search_pipeline
from ._space import PARAMETERS, SearchSpace
from ._study import (
    make_storage,
    optimize,
    prepare_study,
    safe_url,
    sample_configurations,
    storage_url,
    trial_summary,
    work,
)

__all__ = [
    "FIGURE4_PARAMS",
    "PAPER_BEST_VALUE",
    "PAPER_IMPORTANCE",
    "PARAMETERS",
    "SPLITS",
    "SalienceObjective",
    "SearchSpace",
    "importance_table",
    "make_storage",
    "optimize",
    "param_importances",
    "plot_history",
    "plot_hyperparameters",
    "plot_importances",
    "prepare_study",
    "pruning_callback",
    "safe_url",
    "sample_configurations",
    "search_pipeline",
    "storage_url",
    "trial_summary",
    "work",
]
