"""Instrument classification benchmark: accuracy and speed of the shipped model.

Run from the repository root:

    python benchmarks/instrument_classification.py [--size small|default] [--model FILE]

It renders the project's instrument test set (MuseScore_General_Lite, test-only; the
sung voice by other singers than the training set's) in the clean and the hard
recording-chain conditions, writes the recordings as WAV files, and classifies every
file as ``skbass classify`` does (``skbass.recognition.classify``: reading the WAV, the
constant-Q transform, the NumPy forward pass of the convnet over the half-overlapping
3-second windows). It prints one Markdown table: per class and averaged over classes,
the accuracy over 3-second excerpts (the paper's Table 2 measure) and over whole
recordings, for the shipped model and for the bag-of-features random forest (trained on
the same kind of data the shipped model was: ``make_instrument_solos`` with the
training soundfonts through the chain; and once more on the same pieces rendered clean,
the model the hard test condition is made to defeat), and the real-time factor (seconds of audio
classified per second, one file at a time, on this machine). The shipped model's
training time is read from its file.
"""

import argparse
import os
import sys
import tempfile
import time

import numpy as np
import soundfile as sf

from skbass import load_model
from skbass.datasets import (
    INSTRUMENTS,
    class_accuracies,
    cut_excerpts,
    load_instrument_test_set,
    make_instrument_solos,
)
from skbass.features import bag_of_features_baseline
from skbass.recognition import classify
from skbass.utils._constants import SR


def _write(data, folder):
    paths = []
    for i, (x, m) in enumerate(zip(data.X, data.metadata)):
        path = os.path.join(folder, f"{i:03d}_{data.y[i]}.wav")
        sf.write(path, x, m["sr"])
        paths.append(path)
    return paths


def _skbass_rows(model, paths, labels):
    excerpts_true, excerpts_pred, recordings_pred, seconds, audio = [], [], [], 0.0, 0.0
    for path, label in zip(paths, labels):
        start = time.perf_counter()
        prediction = classify(path, model)
        seconds += time.perf_counter() - start
        audio += sf.info(path).duration
        recordings_pred.append(prediction.label)
        excerpts_pred.extend(prediction.window_labels)
        excerpts_true.extend([label] * len(prediction.window_labels))
    return (
        class_accuracies(excerpts_true, excerpts_pred),
        class_accuracies(labels, recordings_pred),
        audio / seconds,
    )


def _forest_rows(forest, data):
    recordings = [(x, m["sr"]) for x, m in zip(data.X, data.metadata)]
    parts = cut_excerpts({"X": recordings, "y": data.y, "groups": np.arange(len(data.X))}, sr=SR)
    start = time.perf_counter()
    predicted = forest.predict(parts.X)
    seconds = time.perf_counter() - start
    per_recording = []
    for i in range(len(data.X)):
        votes = predicted[parts.groups == i]
        values, counts = np.unique(votes, return_counts=True)
        per_recording.append(values[counts.argmax()])
    audio = sum(len(x) / m["sr"] for x, m in zip(data.X, data.metadata))
    return (
        class_accuracies(parts.y, predicted),
        class_accuracies(data.y, per_recording),
        audio / seconds,
    )


def _row(condition, method, excerpts, recordings, speed):
    cells = [f"{100 * excerpts.per_class.get(c, float('nan')):.1f}" for c in INSTRUMENTS]
    return (
        f"| {condition} | {method} | "
        + " | ".join(cells)
        + f" | **{100 * excerpts.average:.1f}** | {100 * recordings.average:.1f} | {speed:.0f} |"
    )


def main(argv=None):
    """Render the test sets, classify them, print the table.

    Parameters
    ----------
    argv : list of str or None
        Command-line arguments.

    Returns
    -------
    status : int
    """
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size", default="default", choices=["small", "default"])
    parser.add_argument("--model", default="instruments", help="model file (default: shipped)")
    parser.add_argument("--n-jobs", type=int, default=2)
    parser.add_argument("--no-forest", action="store_true", help="skip the random forest")
    args = parser.parse_args(argv)

    model, info = load_model(args.model, return_info=True)
    forests = {}
    for condition in () if args.no_forest else ("hard", "clean"):
        train = make_instrument_solos(condition=condition, n_jobs=args.n_jobs, progress=False)
        recordings = [(x, m["sr"]) for x, m in zip(train.X, train.metadata)]
        parts = cut_excerpts({"X": recordings, "y": train.y, "groups": train.groups}, sr=SR)
        forest = bag_of_features_baseline(random_state=0, n_jobs=args.n_jobs)
        forests[f"bag-of-features forest (trained {condition})"] = forest.fit(parts.X, parts.y)
    head = (
        "| condition | method | "
        + " | ".join(INSTRUMENTS)
        + " | average (excerpts) | average (recordings) | x real time |"
    )
    lines = [head, "|---" * (len(INSTRUMENTS) + 5) + "|"]
    for condition in ("clean", "hard"):
        data = load_instrument_test_set(
            args.size, condition=condition, n_jobs=args.n_jobs, progress=False
        )
        with tempfile.TemporaryDirectory(prefix="skbass-instruments-") as folder:
            paths = _write(data, folder)
            lines.append(_row(condition, "skbass", *_skbass_rows(model, paths, list(data.y))))
        for name, forest in forests.items():
            lines.append(_row(condition, name, *_forest_rows(forest, data)))
    print("\n".join(lines))
    if info:
        fit = info.get("fit_seconds")
        print(
            f"\nshipped model: trained on {info.get('training_hours')} h of generated solos, "
            f"{info.get('epochs')} epochs, fit {fit} s (render {info.get('data_seconds')} s)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
