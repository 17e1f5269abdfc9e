"""``skbass experiment NAME --out DIR``: run one of the paper's experiments by name.

Every experiment registered with :func:`skbass.experiments.register` gets a
subcommand with the common options (``--out``, ``--quick``, ``--seed``, ``--n-jobs``,
``--quiet``); an experiment function may add its own through a ``cli_options``
attribute, a sequence of ``(flags, argparse_kwargs)`` pairs whose destinations are
keywords of the function.
"""

import inspect

from ..utils._paths import check_output_folder


def _summary_line(text):
    return (inspect.getdoc(text) or "").split("\n")[0]


def add_parser(subparsers):
    """Add the ``experiment`` subcommand and one sub-subcommand per registered experiment.

    Parameters
    ----------
    subparsers : argparse._SubParsersAction
        From ``parser.add_subparsers()``.
    """
    from ..experiments import EXPERIMENTS

    p = subparsers.add_parser(
        "experiment",
        help="run one of the paper's experiments and write its report",
        description="Run an experiment of the paper by name; it writes a Markdown report "
        "and its figures to --out.",
    )
    names = p.add_subparsers(dest="experiment", required=True, metavar="NAME")
    for name, func in sorted(EXPERIMENTS.items()):
        sp = names.add_parser(name, help=_summary_line(func), description=_summary_line(func))
        sp.add_argument("--out", required=True, help="output folder (report, figures)")
        sp.add_argument(
            "--quick",
            action="store_const",
            const="quick",
            dest="size",
            default="full",
            help="the quick size (minutes on 2 cores) instead of the paper's",
        )
        sp.add_argument("--seed", type=int, default=0)
        sp.add_argument("--n-jobs", type=int, default=None, help="parallel render/CQT processes")
        sp.add_argument("--quiet", action="store_true", help="no progress bars")
        dests = []
        for flags, kwargs in getattr(func, "cli_options", ()):
            dests.append(sp.add_argument(*flags, **kwargs).dest)
        sp.set_defaults(func=run, experiment_options=tuple(dests))


def run(args):
    """Run the experiment and print where its report is and its headline numbers.

    Parameters
    ----------
    args : argparse.Namespace
        Parsed arguments.

    Returns
    -------
    status : int
    """
    from ..experiments import get_experiment

    func = get_experiment(args.experiment)
    check_output_folder(args.out, what="--out")  # before any rendering or training
    kwargs = {dest: getattr(args, dest) for dest in args.experiment_options}
    if "progress" in inspect.signature(func).parameters:
        kwargs["progress"] = not args.quiet
    result = func(args.out, size=args.size, seed=args.seed, n_jobs=args.n_jobs, **kwargs)
    if isinstance(result, dict):
        for key, value in result.items():
            if isinstance(value, (str, int, float)) or value is None:
                print(f"{key}: {value}")
    return 0
