"""``skbass classify``: recognise the instrument of solo recordings."""

import csv
import os
import sys


def add_parser(subparsers):
    """Add the ``classify`` subcommand.

    Parameters
    ----------
    subparsers : argparse._SubParsersAction
        From ``parser.add_subparsers()``.
    """
    p = subparsers.add_parser(
        "classify",
        help="recognise the instrument of solo recordings",
        description=(
            "Print one line per file, <path><TAB><label>, the label one of clarinet, "
            "distorted_guitar, voice, flute, piano, tenor_sax, trumpet, violin: the arg-max "
            "of the mean class probabilities of the file's half-overlapping 3-second windows."
        ),
    )
    p.add_argument("audio", nargs="+", help="audio files (anything librosa reads)")
    p.add_argument(
        "--model", default=None, help="model file (default: the shipped instrument model)"
    )
    p.add_argument(
        "--proba",
        action="store_true",
        help="also print the class probabilities (a header line names the columns)",
    )
    p.add_argument(
        "--windows",
        metavar="CSV",
        default=None,
        help="write per-window predictions: path,start,end,label and one column per class",
    )
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.set_defaults(func=run)


def run(args):
    """Classify each file; report failures by name and keep going.

    Parameters
    ----------
    args : argparse.Namespace
        Parsed arguments.

    Returns
    -------
    status : int
        0 if every file was classified, 1 otherwise.

    Raises
    ------
    OSError
        If ``--windows`` cannot be written (checked before any work) or the model file
        cannot be read.
    ValueError
        If the model file is not an skbass model.
    """
    from tqdm.auto import tqdm

    from ..recognition import classify
    from ..utils._paths import check_output_file
    from ..utils._persistence import load_model

    if args.windows is not None:
        check_output_file(args.windows, what="--windows")
    model = load_model(args.model if args.model is not None else "instruments")
    classes = [str(c) for c in model[-1].classes_]
    rows, failed = [], []
    if args.proba:
        print("\t".join(["path", "label", *classes]), flush=True)
    for path in tqdm(args.audio, desc="classifying", unit="file", disable=args.quiet):
        try:
            prediction = classify(path, model)
        except (OSError, ValueError, TypeError) as exc:
            failed.append(path)
            tqdm.write(f"skbass classify: {path}: {exc}", file=sys.stderr)
            continue
        fields = [path, prediction.label]
        if args.proba:
            fields += [f"{p:.4f}" for p in prediction.proba]
        tqdm.write("\t".join(fields), file=sys.stdout)
        for (start, end), label, proba in zip(
            prediction.window_times, prediction.window_labels, prediction.window_proba
        ):
            rows.append([path, f"{start:.3f}", f"{end:.3f}", label, *(f"{p:.4f}" for p in proba)])
    if args.windows is not None:
        _write_windows(args.windows, classes, rows)
    if failed:
        print(f"skbass classify: {len(failed)} of {len(args.audio)} files failed", file=sys.stderr)
    return 1 if failed else 0


def _write_windows(path, classes, rows):
    folder = os.path.dirname(os.path.abspath(path))
    os.makedirs(folder, exist_ok=True)
    tmp = os.path.join(folder, f".{os.path.basename(path)}.tmp-{os.getpid()}")
    try:
        with open(tmp, "w", newline="") as file:
            writer = csv.writer(file)
            writer.writerow(["path", "start", "end", "label", *classes])
            writer.writerows(rows)
        os.replace(tmp, path)
    except OSError as exc:
        raise OSError(f"cannot write {path}: {exc.strerror or exc}") from exc
    finally:
        if os.path.exists(tmp):
            os.remove(tmp)
