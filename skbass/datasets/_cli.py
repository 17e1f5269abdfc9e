"""The ``skbass data`` command: render a named set to a folder."""

import json
import os

import numpy as np

from ._labels import frame_times
from ._sets import SETS, baseline_from_metadata


def add_data_parser(subparsers):
    """Add the ``data`` subcommand to an :mod:`argparse` subparsers object.

    Parameters
    ----------
    subparsers : argparse._SubParsersAction
        From ``parser.add_subparsers()``.

    Returns
    -------
    parser : argparse.ArgumentParser
        The ``data`` parser; its ``func`` default is :func:`run_data`.
    """
    p = subparsers.add_parser(
        "data",
        help="render a generated data set to a folder",
        description="Render a generated set (WAV + per-recording label CSV time,midi + "
        "metadata JSON) and print the trivial CQT arg-max baseline accuracy.",
    )
    p.add_argument("name", choices=sorted(SETS), help="which set")
    p.add_argument("outdir", help="output folder (created if needed)")
    p.add_argument("--size", default="small", choices=["small", "default"])
    p.add_argument("--condition", default=None, choices=["hard", "clean"],
                   help="recording chain (default: hard; clean for isolated)")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--sr", type=int, default=22050)
    p.add_argument("--hop-length", type=int, default=1024)
    p.add_argument("--n-jobs", type=int, default=1)
    p.add_argument("--augment", action="store_true", help="the paper's 15 versions per piece")
    p.add_argument("--cache-dir", default=None, help="cache folder (default: the user cache)")
    p.add_argument("--no-cache", action="store_true")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.set_defaults(func=run_data)
    return p


def run_data(args):
    """Handle ``skbass data``; returns the process exit status (0).

    Writes ``<name>_<i>.wav``, ``<name>_<i>.csv`` (``time,midi`` per frame; for the
    unlabelled set under ``withheld_labels/``) and ``metadata.json`` to ``args.outdir``
    and prints the trivial baseline's raw pitch accuracy.
    """
    import soundfile as sf

    cache = False if args.no_cache else (args.cache_dir or True)
    kwargs = dict(size=args.size, seed=args.seed, sr=args.sr, hop_length=args.hop_length,
                  n_jobs=args.n_jobs, cache=cache, progress=not args.quiet)
    if args.condition is not None:
        kwargs["condition"] = args.condition
    if args.augment:
        if args.name not in ("ensembles", "isolated"):
            raise SystemExit(
                f"--augment applies to the ensembles and isolated sets, not {args.name}"
            )
        kwargs["augment"] = True
    if args.name == "unlabelled":
        X, meta, y = SETS[args.name](return_labels=True, **kwargs)
    else:
        X, y, meta = SETS[args.name](**kwargs)
    os.makedirs(args.outdir, exist_ok=True)
    label_dir = args.outdir
    if args.name == "unlabelled":
        label_dir = os.path.join(args.outdir, "withheld_labels")
        os.makedirs(label_dir, exist_ok=True)
    for i, (audio, labels, m) in enumerate(zip(X, y, meta)):
        stem = f"{args.name}_{i:04d}"
        sf.write(os.path.join(args.outdir, stem + ".wav"), audio, args.sr, subtype="FLOAT")
        times = frame_times(len(labels), args.sr, args.hop_length)
        np.savetxt(os.path.join(label_dir, stem + ".csv"), np.column_stack([times, labels]),
                   fmt=["%.6f", "%d"], delimiter=",", header="time,midi", comments="")
        m["file"] = stem + ".wav"
    with open(os.path.join(args.outdir, "metadata.json"), "w") as fh:
        json.dump(meta, fh, indent=1)
    acc = baseline_from_metadata(meta)
    hours = sum(len(a) for a in X) / args.sr / 3600
    print(f"{args.name}: {len(X)} recordings, {hours:.3f} h, written to {args.outdir}")
    print(f"trivial CQT arg-max raw pitch accuracy: {acc:.3f}")
    return 0
