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
            f"row per frame (frame i at i*{HOP_LENGTH}/{SR} s); optionally <stem>.notes.csv, "
            "<stem>.mid and <stem>.png."
        ),
    )
    p.add_argument("audio", nargs="+", help="audio files (anything librosa reads)")
    p.add_argument("--out", required=True, help="output folder (created if needed)")
    p.add_argument("--model", default=None, help="model file (default: the shipped model)")
    p.add_argument(
        "--onset-model",
        default=None,
        help="onset model file (skbass train --onsets): notes start at its peaks",
    )
    p.add_argument(
        "--voicing-model",
        default=None,
        help="voicing model file (skbass train --voicing) deciding with the model which "
        "frames hold a bass note; 'none': the model alone (default: the shipped voicing "
        "model with the shipped model, none with another --model)",
    )
    p.add_argument(
        "--unsafe-pickle",
        action="store_true",
        help="UNSAFE: also read pickle-based model files of older skbass versions; unpickling "
        "runs any code the file holds, so only for model files you made yourself",
    )
    p.add_argument(
        "--notes",
        action="store_true",
        help="also write <stem>.notes.csv: onset,offset,midi,salience per decoded note "
        "(HMM/Viterbi pitch smoothing, repeated notes split at onsets)",
    )
    p.add_argument(
        "--midi", action="store_true", help="also write <stem>.mid (the notes of --notes)"
    )
    p.add_argument(
        "--beats",
        action="store_true",
        help="MIDI with one note per beat (librosa beat tracking) instead of decoded notes",
    )
    p.add_argument("--png", action="store_true", help="also write <stem>.png (CQT, salience, line)")
    p.add_argument(
        "--threshold",
        type=float,
        default=None,
        help="voicing threshold of the frames in [0, 1] (default: the voicing model's, or "
        "the model's without one; notes have their own)",
    )
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.set_defaults(func=run)


def _output_stems(paths, out):
    """Output stem per input; two inputs with one stem are refused before any work."""
    stems, seen = [], {}
    for path in paths:
        stem = os.path.splitext(os.path.basename(path))[0]
        if stem in seen:
            raise ValueError(
                f"{seen[stem]} and {path} would both write {os.path.join(out, stem)}.*; "
                "rename one or transcribe them into separate --out folders"
            )
        seen[stem] = path
        stems.append(os.path.join(out, stem))
    return stems


def _read_model(path, unsafe_pickle):
    """A model file's NumPy runtime, or for any other pipeline the pipeline itself.

    A plain bass model file runs in NumPy alone; anything else through scikit-learn.
    """
    from ..transcription._runtime import read_runtime

    model = read_runtime(path)
    if model is None:
        from ..utils._persistence import load_model

        model = load_model(path, allow_pickle=unsafe_pickle)
    return model


def run(args):
    """Transcribe each file; report failures by name and keep going.

    Parameters
    ----------
    args : argparse.Namespace
        Parsed arguments.

    Returns
    -------
    status : int
        0 if every file was transcribed and written, 1 otherwise.

    Raises
    ------
    ValueError
        For a bad argument or two inputs with one stem (before any work).
    OSError
        If ``--out`` cannot be written or the model file cannot be read.
    """
    from tqdm.auto import tqdm

    from ..transcription._files import transcribe_to_files
    from ..transcription._runtime import BassRuntime
    from ..utils._paths import check_output_folder

    if args.threshold is not None and not 0 <= args.threshold <= 1:
        raise ValueError(f"--threshold must be in [0, 1], got {args.threshold}")
    stems = _output_stems(args.audio, args.out)
    check_output_folder(args.out, what="--out")
    model = _read_model(args.model, args.unsafe_pickle)
    shipped = args.model in (None, "bass")
    voicing = args.voicing_model or ("bass-voicing" if shipped else "none")
    voicing_model = None if voicing == "none" else _read_model(voicing, args.unsafe_pickle)
    if args.threshold is not None:
        decides = model if voicing_model is None else voicing_model
        if isinstance(decides, BassRuntime):
            decides.voicing_threshold = args.threshold
        else:
            decides.set_params(mlp__voicing_threshold=args.threshold)
    onset_model = None
    if args.onset_model is not None:
        onset_model = _read_model(args.onset_model, args.unsafe_pickle)
    os.makedirs(args.out, exist_ok=True)
    failed = []
    for path, stem in zip(
        tqdm(args.audio, desc="transcribing", unit="file", disable=args.quiet), stems
    ):
        try:
            transcribe_to_files(
                path,
                model,
                stem,
                midi=args.midi,
                beats=args.beats,
                png=args.png,
                notes=args.notes,
                onset_model=onset_model,
                voicing_model=voicing_model,
            )
        except (OSError, ValueError, TypeError) as exc:
            failed.append(path)
            tqdm.write(f"skbass transcribe: {path}: {exc}", file=sys.stderr)
    done = len(args.audio) - len(failed)
    print(f"transcribed {done} of {len(args.audio)} files into {args.out}")
    return 1 if failed else 0
