"""The ``skbass data`` command: render a named set to a folder."""

from ..utils._constants import HOP_LENGTH, INSTRUMENT_SR, SR


class _SetNames:
    """The set names, read from :mod:`skbass.datasets` only when argparse needs them.

    Building the ``skbass`` parser must not import the data sets (scikit-learn, the
    synthesiser): ``skbass transcribe`` starts without them.
    """

    def _names(self):
        from ..datasets._sets import SETS

        return sorted(SETS)

    def __iter__(self):
        return iter(self._names())

    def __contains__(self, name):
        return name in self._names()


#: The sets of solo recordings with one class per recording (the others are bass sets).
_INSTRUMENT_SETS = ("instruments-train", "instruments-test")


def add_parser(subparsers):
    """Add the ``data`` subcommand to an :mod:`argparse` subparsers object.

    Parameters
    ----------
    subparsers : argparse._SubParsersAction
        From ``parser.add_subparsers()``.

    """
    p = subparsers.add_parser(
        "data",
        help="render a generated data set to a folder",
        description="Render a generated set (WAV + per-recording label CSV time,midi + "
        "metadata JSON) and print the trivial CQT arg-max baseline accuracy. The instrument "
        "sets (instruments-train, instruments-test) write WAV + labels.csv (path,label,group) "
        "+ metadata JSON and print the random forest's group-aware cross-validated accuracy "
        "on the set.",
    )
    p.add_argument("name", choices=_SetNames(), metavar="NAME", help="which set: %(choices)s")
    p.add_argument("outdir", help="output folder (created if needed)")
    p.add_argument("--size", default="small", choices=["small", "default"])
    p.add_argument(
        "--condition",
        default=None,
        choices=["hard", "clean"],
        help="recording chain (default: hard; clean for isolated)",
    )
    p.add_argument("--seed", type=int, default=0)
    p.add_argument(
        "--sr",
        type=int,
        default=None,
        help=f"sample rate (default: {SR}; {INSTRUMENT_SR} for the instrument sets)",
    )
    p.add_argument(
        "--hop-length",
        type=int,
        default=None,
        help=f"hop of the frame labels (default: {HOP_LENGTH}; not for the instrument sets)",
    )
    p.add_argument("--n-jobs", type=int, default=1)
    p.add_argument("--augment", action="store_true", help="the paper's 15 versions per piece")
    p.add_argument("--cache-dir", default=None, help="cache folder (default: the user cache)")
    p.add_argument("--no-cache", action="store_true")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.set_defaults(func=run)


def run(args):
    """Render the set, write it to ``args.outdir`` and print its trivial baseline.

    Parameters
    ----------
    args : argparse.Namespace
        Parsed arguments.

    Returns
    -------
    status : int

    Raises
    ------
    ValueError
        For a bad argument, before any rendering.
    OSError
        If ``outdir`` cannot be written, before any rendering.
    """
    from ..datasets import baseline_from_metadata, write_set
    from ..datasets._sets import SETS
    from ..utils._paths import check_output_folder

    cache = False if args.no_cache else (args.cache_dir or True)
    instruments = args.name in _INSTRUMENT_SETS
    if instruments and args.hop_length is not None:
        raise ValueError(f"--hop-length applies to the bass sets, not {args.name}")
    sr = args.sr or (INSTRUMENT_SR if instruments else SR)
    hop_length = args.hop_length or HOP_LENGTH
    kwargs = dict(
        size=args.size,
        seed=args.seed,
        sr=sr,
        n_jobs=args.n_jobs,
        cache=cache,
        progress=not args.quiet,
    )
    if not instruments:
        kwargs["hop_length"] = hop_length
    if args.condition is not None:
        kwargs["condition"] = args.condition
    if args.augment:
        if args.name not in ("ensembles", "isolated"):
            raise ValueError(
                f"--augment applies to the ensembles and isolated sets, not {args.name}"
            )
        kwargs["augment"] = True
    check_output_folder(args.outdir, what="outdir")
    data = SETS[args.name](**kwargs)
    write_set(data, args.outdir, name=args.name, sr=sr, hop_length=hop_length)
    hours = sum(len(a) for a in data.X) / sr / 3600
    print(f"{args.name}: {len(data.X)} recordings, {hours:.3f} h, written to {args.outdir}")
    if instruments:
        _print_forest(data, args.n_jobs)
    else:
        rpa = baseline_from_metadata(data.metadata)
        print(f"trivial CQT arg-max raw pitch accuracy: {rpa:.3f}")
    return 0


def _print_forest(data, n_jobs):
    from ..datasets._instrument_sets import forest_accuracy

    scores = forest_accuracy(data, n_jobs=n_jobs)
    per_class = ", ".join(f"{name} {acc:.2f}" for name, acc in scores.per_class.items())
    print(
        f"random forest (bag of features), 3-fold group-aware cross-validated accuracy on "
        f"this set: average over classes {scores.average:.3f} ({per_class}; "
        f"{scores.n_excerpts} excerpts)"
    )
