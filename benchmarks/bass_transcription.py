"""Bass transcription benchmark: skbass vs Basic Pitch vs the trivial CQT arg-max.

Run from the repository root:

    python benchmarks/bass_transcription.py

It renders the project's test set (MuseScore_General_Lite, test-only; default 12
excerpts of 30 s over several tunes and tempos) in the clean and the hard
recording-chain conditions, writes the excerpts as WAV files, and transcribes the
same files with

- skbass's shipped model (``skbass.load_model()``), timed per file from reading
  the WAV to the last frame's pitch, feature extraction included;
- Spotify's Basic Pitch 0.4.0 with its ONNX model, in a virtual environment this
  script creates on first use (bass = lowest note event within MIDI 26..69);
- the trivial baseline: arg-max of the CQT magnitude within MIDI 26..69, always voiced.

Scores are MIREX raw pitch accuracy, raw chroma accuracy, voicing recall and
voicing false alarm (``mir_eval``) pooled over all frames of a condition, and the
real-time factor (audio seconds per second of processing) on this machine.
"""

import argparse
import os
import sys
import tempfile
import time

import soundfile as sf

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from _basic_pitch import basic_pitch_bass  # noqa: E402

from skbass import load_model, transcribe  # noqa: E402
from skbass.datasets import load_test_set  # noqa: E402
from skbass.metrics import (  # noqa: E402
    cqt_argmax_pitch,
    raw_chroma_accuracy,
    raw_pitch_accuracy,
    voicing_measures,
)


def _scores(labels, signed, audio_seconds, seconds):
    recall, false_alarm = voicing_measures(labels, signed)
    return {
        "RPA": raw_pitch_accuracy(labels, signed),
        "RCA": raw_chroma_accuracy(labels, signed),
        "V-recall": recall,
        "V-false-alarm": false_alarm,
        "x real time": audio_seconds / seconds if seconds > 0 else float("inf"),
    }


def run_condition(condition, size, n_recordings, duration, model, workdir, with_basic_pitch):
    data = load_test_set(
        size, n_recordings=n_recordings, duration=duration, condition=condition, progress=True
    )
    X, y = data.X, data.y
    sr, hop = model[0].sr, model[0].hop_length
    paths = []
    for i, audio in enumerate(X):
        path = os.path.join(workdir, f"{condition}-{i:02d}.wav")
        sf.write(path, audio, sr, subtype="PCM_16")
        paths.append(path)
    audio_seconds = sum(len(a) for a in X) / sr
    rows = {}

    transcribe(paths[0], model)  # warm-up: Keras builds its predict function once
    signed, seconds = [], 0.0
    for path in paths:
        start = time.perf_counter()
        line = transcribe(path, model)
        seconds += time.perf_counter() - start
        signed.append(line.signed_estimate)
    rows["skbass"] = _scores(y, signed, audio_seconds, seconds)

    start = time.perf_counter()
    trivial = [
        cqt_argmax_pitch(sf.read(path, dtype="float32")[0], sr=sr, hop_length=hop) for path in paths
    ]
    rows["CQT arg-max"] = _scores(y, trivial, audio_seconds, time.perf_counter() - start)

    if with_basic_pitch:
        frames, seconds = basic_pitch_bass(
            paths, sr=sr, hop_length=hop, n_frames=[len(labels) for labels in y]
        )
        rows["Basic Pitch"] = _scores(y, frames, audio_seconds, seconds)
    return rows, len(X), audio_seconds, sum(int((v > 0).sum()) for v in y)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", default="default", choices=["small", "default"])
    parser.add_argument("--n-recordings", type=int, default=None)
    parser.add_argument("--duration", type=float, default=None)
    parser.add_argument("--model", default=None, help="model file (default: the shipped model)")
    parser.add_argument("--no-basic-pitch", action="store_true")
    args = parser.parse_args(argv)

    model = load_model(args.model)
    table = []
    with tempfile.TemporaryDirectory(prefix="skbass-bench-") as workdir:
        for condition in ("clean", "hard"):
            rows, n, seconds, voiced = run_condition(
                condition,
                args.size,
                args.n_recordings,
                args.duration,
                model,
                workdir,
                not args.no_basic_pitch,
            )
            print(f"{condition}: {n} excerpts, {seconds:.0f} s of audio, {voiced} labelled frames")
            table += [(condition, method, scores) for method, scores in rows.items()]

    columns = ["RPA", "RCA", "V-recall", "V-false-alarm", "x real time"]
    print()
    print("| condition | method | " + " | ".join(columns) + " |")
    print("|---|---|" + "---|" * len(columns))
    for condition, method, scores in table:
        cells = [f"{scores[c]:.0f}" if c == "x real time" else f"{scores[c]:.3f}" for c in columns]
        print(f"| {condition} | {method} | " + " | ".join(cells) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
