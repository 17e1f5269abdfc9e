"""``skbass demo``: the quick start on a generated test excerpt."""


def add_parser(subparsers):
    """Add the ``demo`` subcommand.

    Parameters
    ----------
    subparsers : argparse._SubParsersAction
        From ``parser.add_subparsers()``.
    """
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
    p.set_defaults(func=run)


def run(args):
    """Run the demo and print its report.

    Parameters
    ----------
    args : argparse.Namespace
        Parsed arguments.

    Returns
    -------
    status : int
    """
    from ..transcription import run_demo

    r = run_demo(
        args.out, seed=args.seed, duration=args.duration, condition=args.condition, model=args.model
    )
    print(
        f"excerpt: {r['form']}, {r['tempo']:.0f} bpm, key of {r['key']}, "
        f"{r['duration']:.0f} s, {r['condition']} chain, soundfont {r['soundfont']}"
    )
    print(f"raw pitch accuracy:  {r['raw_pitch_accuracy']:.3f}")
    print(f"raw chroma accuracy: {r['raw_chroma_accuracy']:.3f}")
    print(
        f"voicing recall:      {r['voicing_recall']:.3f}   "
        f"false alarm: {r['voicing_false_alarm']:.3f}"
    )
    print(f"trivial CQT arg-max raw pitch accuracy: {r['baseline_raw_pitch_accuracy']:.3f}")
    print(f"transcribed in {r['seconds']:.2f} s ({r['duration'] / r['seconds']:.0f}x real time)")
    print(f"wrote {', '.join(r['files'])}")
    return 0
