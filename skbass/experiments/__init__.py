"""The paper's experiments, by name: ``run(name, out, *, size, seed, n_jobs)``.

Each experiment is a function ``(out, *, size, seed, n_jobs) -> report`` registered
under a name with :func:`register`; ``skbass experiment NAME`` runs it.
"""

from . import _instruments, _propagation, _search, _transfer  # noqa: F401  (register them)
from ._registry import EXPERIMENTS, get_experiment, register, run

__all__ = ["EXPERIMENTS", "get_experiment", "register", "run"]
