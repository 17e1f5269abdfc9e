"""``skbass train-instruments``: rebuild the shipped instrument model from generated data."""


def add_parser(subparsers):
    """Add the ``train-instruments`` subcommand.

    Parameters
    ----------
    subparsers : argparse._SubParsersAction
        From ``parser.add_subparsers()``.
    """
    p = subparsers.add_parser(
        "train-instruments",
        help="train the instrument model on generated solos (FluidR3/TimGM only)",
        description="Render the training solos, train the hybrid convnet (all three "
        "branches) and write a model file.",
    )
    p.add_argument("--out", required=True, help="model file to write (load with skbass.load_model)")
    p.add_argument(
        "--size",
        default="default",
        choices=["small", "default"],
        help="training data size ('small' for a quick check)",
    )
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--n-jobs", type=int, default=-1, help="parallel render/CQT processes")
    p.add_argument(
        "--epochs", type=int, default=None, help="maximum epochs (default: the recipe's)"
    )
    p.add_argument("--quiet", action="store_true", help="no progress bars")
    p.set_defaults(func=run)


def run(args):
    """Train and save the instrument model; print the training report.

    Parameters
    ----------
    args : argparse.Namespace
        Parsed arguments.

    Returns
    -------
    status : int
    """
    from ..recognition import train_instrument_model

    report = train_instrument_model(
        args.out,
        size=args.size,
        seed=args.seed,
        n_jobs=args.n_jobs,
        epochs=args.epochs,
        progress=not args.quiet,
    )
    for key, value in report.items():
        print(f"{key}: {value}")
    return 0
