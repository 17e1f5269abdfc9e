"""The ``skbass`` command: transcribe recordings, train the default model, render data, demo."""

import argparse
import os
import sys
import time


def _add_transcribe(subparsers):
    p = subparsers.add_parser(
        "transcribe",
        help="estimate the bass line of recordings",
        description=(
            "Write DIR/<stem>.csv per input with the header time,midi,salience,voiced and one "
            "row per frame (frame i at i*1024/22050 s); optionally <stem>.mid and <stem>.png."
        ),
    )
    p.add_argument("audio", nargs="+", help="audio files (anything librosa reads)")
    p.add_argument("--out", required=True, help="output folder (created if needed)")
    p.add_argument("--model", default=None, help="model file (default: the shipped model)")
    p.add_argument("--midi", action="store_true", help="also write <stem>.mid (note-level line)")
    p.add_argument("--beats", action="store_true",
                   help="MIDI with one note per beat (librosa beat tracking) instead of frame runs")
    p.add_argument("--png", action="store_true", help="also write <stem>.png (CQT, salience, line)")
    p.add_argument("--threshold", type=float, default=None,
                   help="voicing threshold in [0, 1] (default: the model's)")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.set_defaults(func=run_transcribe)


def run_transcribe(args):
    """Transcribe each file; report failures by name and keep going.

    Returns
    -------
    status : int
        0 if every file was transcribed, 1 otherwise.
    """
    from tqdm.auto import tqdm

    from ._model import load_model
    from ._transcribe import beat_notes, frame_notes, plot_bass_line, transcribe, write_csv, write_midi

    if args.threshold is not None and not 0 <= args.threshold <= 1:
        print(f"skbass transcribe: --threshold must be in [0, 1], got {args.threshold}", file=sys.stderr)
        return 2
    model = load_model(args.model)
    if args.threshold is not None:
        model.set_params(mlp__voicing_threshold=args.threshold)
    os.makedirs(args.out, exist_ok=True)
    failed = []
    for path in tqdm(args.audio, desc="transcribing", unit="file", disable=args.quiet):
        stem = os.path.join(args.out, os.path.splitext(os.path.basename(path))[0])
        try:
            line = transcribe(path, model)
        except (OSError, ValueError, TypeError) as exc:
            failed.append(path)
            tqdm.write(f"skbass transcribe: {path}: {exc}", file=sys.stderr)
            continue
        write_csv(line, stem + ".csv")
        if args.midi or args.beats:
            write_midi(beat_notes(line) if args.beats else frame_notes(line), stem + ".mid")
        if args.png:
            plot_bass_line(line, stem + ".png", title=os.path.basename(path))
    done = len(args.audio) - len(failed)
    print(f"transcribed {done} of {len(args.audio)} files into {args.out}")
    return 1 if failed else 0


def _add_train(subparsers):
    p = subparsers.add_parser(
        "train",
        help="train the default bass model on generated data (FluidR3/TimGM only)",
        description="Render the training data, train the default recipe and write a model file.",
    )
    p.add_argument("--out", required=True, help="model file to write (load with skbass.load_model)")
    p.add_argument("--size", default="default", choices=["small", "default"],
                   help="training data size ('small' for a quick check)")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--n-jobs", type=int, default=-1, help="parallel render/CQT processes")
    p.add_argument("--epochs", type=int, default=None, help="maximum epochs (default: the recipe's)")
    p.set_defaults(func=run_train)


def run_train(args):
    """Train and save the default model.

    Returns
    -------
    status : int
    """
    from ._training import train_default_model

    report = train_default_model(args.out, size=args.size, seed=args.seed, n_jobs=args.n_jobs,
                                 epochs=args.epochs)
    for key, value in report.items():
        print(f"{key}: {value}")
    return 0


_KEYS = ("C", "Db", "D", "Eb", "E", "F", "Gb", "G", "Ab", "A", "Bb", "B")


def _add_demo(subparsers):
    p = subparsers.add_parser(
        "demo",
        help="render a test excerpt, transcribe it and score it against its labels",
        description=(
            "Render a jazz excerpt with the test-only MuseScore soundfont through the hard "
            "recording chain, transcribe it with the shipped model, print raw pitch and raw "
            "chroma accuracy against its exact labels, and write WAV, CSV, MIDI and PNG."
        ),
    )
    p.add_argument("--out", default="skbass-demo", help="output folder (default: skbass-demo)")
    p.add_argument("--seed", type=int, default=0, help="which excerpt")
    p.add_argument("--duration", type=float, default=20.0, help="seconds")
    p.add_argument("--condition", default="hard", choices=["hard", "clean"])
    p.add_argument("--model", default=None, help="model file (default: the shipped model)")
    p.set_defaults(func=run_demo)


def run_demo(args):
    """Render, transcribe and score one test excerpt.

    Returns
    -------
    status : int
    """
    import soundfile as sf

    from ._model import load_model
    from ._transcribe import frame_notes, plot_bass_line, transcribe, write_csv, write_midi
    from .datasets import load_test_set
    from .metrics import raw_chroma_accuracy, raw_pitch_accuracy, voicing_measures

    X, y, meta = load_test_set(n_recordings=1, duration=args.duration, condition=args.condition,
                               seed=args.seed, progress=False)
    audio, labels, info = X[0], y[0], meta[0]
    model = load_model(args.model)
    os.makedirs(args.out, exist_ok=True)
    stem = os.path.join(args.out, "excerpt")
    sf.write(stem + ".wav", audio, model[0].sr)
    transcribe(audio[: model[0].sr], model)  # warm-up: Keras builds its predict function once
    start = time.perf_counter()
    line = transcribe(stem + ".wav", model)
    seconds = time.perf_counter() - start
    write_csv(line, stem + ".csv")
    write_midi(frame_notes(line), stem + ".mid")
    plot_bass_line(line, stem + ".png", reference=labels,
                   title=f"{info.get('form', 'excerpt')} at {info.get('tempo', 0):.0f} bpm "
                         f"({args.condition} chain, MuseScore_General_Lite)")
    signed = line.signed_estimate
    recall, false_alarm = voicing_measures(labels, signed)
    key = _KEYS[info["key"]] if "key" in info else "?"
    print(f"excerpt: {info.get('form')}, {info.get('tempo', 0):.0f} bpm, key of {key}, "
          f"{args.duration:.0f} s, {args.condition} chain, soundfont {info.get('soundfont')}")
    print(f"raw pitch accuracy:  {raw_pitch_accuracy(labels, signed):.3f}")
    print(f"raw chroma accuracy: {raw_chroma_accuracy(labels, signed):.3f}")
    print(f"voicing recall:      {recall:.3f}   false alarm: {false_alarm:.3f}")
    print(f"trivial CQT arg-max raw pitch accuracy: {info['baseline_rpa']:.3f}")
    print(f"transcribed in {seconds:.2f} s ({args.duration / seconds:.0f}x real time)")
    print(f"wrote {stem}.wav, .csv, .mid, .png")
    return 0


def build_parser():
    """The argument parser of the ``skbass`` command.

    Returns
    -------
    parser : argparse.ArgumentParser
    """
    from .datasets._cli import add_data_parser

    parser = argparse.ArgumentParser(prog="skbass", description=__doc__)
    subparsers = parser.add_subparsers(dest="command", required=True)
    _add_transcribe(subparsers)
    _add_demo(subparsers)
    _add_train(subparsers)
    add_data_parser(subparsers)
    return parser


def main(argv=None):
    """Entry point of the ``skbass`` command.

    Parameters
    ----------
    argv : list of str or None
        Arguments; default ``sys.argv[1:]``.

    Returns
    -------
    status : int
    """
    args = build_parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
