"""``skbass train``: rebuild the shipped bass models from generated data."""


def add_parser(subparsers):
    """Add the ``train`` subcommand.

    Parameters
    ----------
    subparsers : argparse._SubParsersAction
        From ``parser.add_subparsers()``.
    """
    p = subparsers.add_parser(
        "train",
        help="train the default bass model on generated data (FluidR3/TimGM only)",
        description="Render the training data, train the default recipe and write a model file.",
    )
    p.add_argument("--out", required=True, help="model file to write (load with skbass.load_model)")
    p.add_argument(
        "--size",
        default="default",
        choices=["small", "default"],
        help="training data size ('small' for a quick check)",
    )
    p.add_argument(
        "--onsets",
        action="store_true",
        help="train the bass onset network (for skbass transcribe --onset-model) instead "
        "of the salience network, on the same recordings",
    )
    p.add_argument(
        "--voicing",
        action="store_true",
        help="train the bass voicing network (for skbass transcribe --voicing-model) instead "
        "of the salience network, on the same recordings with each note's whole duration "
        "as its labels",
    )
    p.add_argument(
        "--model",
        default=None,
        help="with --voicing: the salience model file its threshold is chosen with "
        "(default: the shipped model)",
    )
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--n-jobs", type=int, default=-1, help="parallel render/CQT processes")
    p.add_argument(
        "--epochs", type=int, default=None, help="maximum epochs (default: the recipe's)"
    )
    p.set_defaults(func=run)


def run(args):
    """Train and save the default salience, onset or voicing model; print the training report.

    Parameters
    ----------
    args : argparse.Namespace
        Parsed arguments.

    Returns
    -------
    status : int
    """
    from ..transcription import train_default_model, train_onset_model, train_voicing_model

    if args.onsets and args.voicing:
        raise ValueError("--onsets and --voicing train different networks: give one of them")
    if args.model is not None and not args.voicing:
        raise ValueError(
            "--model names the salience model a voicing network is paired with: "
            "give it with --voicing"
        )
    kwargs = {"size": args.size, "seed": args.seed, "n_jobs": args.n_jobs, "epochs": args.epochs}
    if args.voicing:
        report = train_voicing_model(args.out, model=args.model, **kwargs)
    else:
        train = train_onset_model if args.onsets else train_default_model
        report = train(args.out, **kwargs)
    for key, value in report.items():
        print(f"{key}: {value}")
    return 0
