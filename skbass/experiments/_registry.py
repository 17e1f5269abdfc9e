"""The registry of experiments: name -> function."""

#: Registered experiments, name -> function ``(out, *, size, seed, n_jobs) -> report``.
EXPERIMENTS = {}

#: Sizes every experiment accepts: a quick run in minutes, and the paper-sized run.
SIZES = ("quick", "full")


def register(name):
    """Register an experiment function under ``name`` (a decorator).

    Parameters
    ----------
    name : str
        The experiment's name on the command line.

    Returns
    -------
    decorator : callable

    Examples
    --------
    >>> @register("doc-example")
    ... def example(out, *, size="quick", seed=0, n_jobs=None):
    ...     return {"out": out, "size": size}
    >>> run("doc-example", "results")["size"]
    'quick'
    >>> del EXPERIMENTS["doc-example"]
    """

    def decorator(func):
        if name in EXPERIMENTS:
            raise ValueError(f"an experiment named {name!r} is already registered")
        EXPERIMENTS[name] = func
        return func

    return decorator


def get_experiment(name):
    """The function registered under ``name``.

    Parameters
    ----------
    name : str
        Experiment name.

    Returns
    -------
    func : callable

    Raises
    ------
    KeyError
        For an unknown name; the message lists the known ones.
    """
    if name not in EXPERIMENTS:
        known = ", ".join(sorted(EXPERIMENTS)) or "none yet"
        raise KeyError(f"no experiment named {name!r} (known: {known})")
    return EXPERIMENTS[name]


def run(name, out, *, size="quick", seed=0, n_jobs=None):
    """Run the experiment ``name``, writing its report and figures under ``out``.

    Parameters
    ----------
    name : str
        Experiment name.
    out : str or os.PathLike
        Output folder.
    size : {"quick", "full"}
        ``"quick"`` finishes in minutes on 2 cores; ``"full"`` is the paper's size.
    seed : int
        Seed of data and models.
    n_jobs : int or None
        Parallel processes.

    Returns
    -------
    report : object
        Whatever the experiment returns (its summary).
    """
    if size not in SIZES:
        raise ValueError(f"size must be one of {SIZES}, got {size!r}")
    return get_experiment(name)(out, size=size, seed=seed, n_jobs=n_jobs)
