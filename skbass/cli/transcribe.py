"""``skbass transcribe``: estimate the bass line of audio files."""

import os
import sys

from ..utils._constants import HOP_LENGTH, SR


def add_parser(subparsers):
    """Add the ``transcribe`` subcommand.

    Parameters
    ----------
    subparsers : argparse._SubParsersAction
        From ``parser.add_subparsers()``.
    """
    p = subparsers.add_parser(
        "transcribe",
        help="estimate the bass line of recordings",
        description=(
            "Write DIR/<stem>.csv per input with the header time,midi,salience,voiced and one "
            f"row per frame (frame i at i*{HOP_LENGTH}/{SR} s); optionally <stem>.mid and "
            "<stem>.png."
        ),
    )
    p.add_argument("audio", nargs="+", help="audio files (anything librosa reads)")
    p.add_argument("--out", required=True, help="output folder (created if needed)")
    p.add_argument("--model", default=None, help="model file (default: the shipped model)")
    p.add_argument("--midi", action="store_true", help="also write <stem>.mid (note-level line)")
    p.add_argument(
        "--beats",
        action="store_true",
        help="MIDI with one note per beat (librosa beat tracking) instead of frame runs",
    )
    p.add_argument("--png", action="store_true", help="also write <stem>.png (CQT, salience, line)")
    p.add_argument(
        "--threshold",
        type=float,
        default=None,
        help="voicing threshold in [0, 1] (default: the model's)",
    )
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.set_defaults(func=run)


def run(args):
    """Transcribe each file; report failures by name and keep going.

    Parameters
    ----------
    args : argparse.Namespace
        Parsed arguments.

    Returns
    -------
    status : int
        0 if every file was transcribed, 1 otherwise, 2 for a bad argument.
    """
    from tqdm.auto import tqdm

    from ..transcription import load_model, transcribe_to_files

    if args.threshold is not None and not 0 <= args.threshold <= 1:
        print(
            f"skbass transcribe: --threshold must be in [0, 1], got {args.threshold}",
            file=sys.stderr,
        )
        return 2
    model = load_model(args.model)
    if args.threshold is not None:
        model.set_params(mlp__voicing_threshold=args.threshold)
    os.makedirs(args.out, exist_ok=True)
    failed = []
    for path in tqdm(args.audio, desc="transcribing", unit="file", disable=args.quiet):
        stem = os.path.join(args.out, os.path.splitext(os.path.basename(path))[0])
        try:
            transcribe_to_files(path, model, stem, midi=args.midi, beats=args.beats, png=args.png)
        except (OSError, ValueError, TypeError) as exc:
            failed.append(path)
            tqdm.write(f"skbass transcribe: {path}: {exc}", file=sys.stderr)
    done = len(args.audio) - len(failed)
    print(f"transcribed {done} of {len(args.audio)} files into {args.out}")
    return 1 if failed else 0
