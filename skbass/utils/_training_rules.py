"""Argument rules shared by the functions that train a shipped model."""

import os
from numbers import Integral

from sklearn.utils._param_validation import Interval, StrOptions


def training_parameters(sizes, *, n_jobs_none=False):
    """``validate_params`` rules of a training function's common arguments.

    Parameters
    ----------
    sizes : iterable of str
        The recipe sizes ``size`` may name.
    n_jobs_none : bool, default=False
        Whether ``n_jobs`` may also be None.

    Returns
    -------
    rules : dict
        Rules of ``out``, ``size``, ``seed``, ``n_jobs``, ``epochs`` and ``progress``.
    """
    n_jobs = [
        Interval(Integral, None, -1, closed="right"),
        Interval(Integral, 1, None, closed="left"),
    ]
    return {
        "out": [str, os.PathLike],
        "size": [StrOptions(set(sizes))],
        "seed": [Interval(Integral, 0, None, closed="left")],
        "n_jobs": n_jobs + [None] if n_jobs_none else n_jobs,
        "epochs": [Interval(Integral, 1, None, closed="left"), None],
        "progress": ["boolean"],
    }
