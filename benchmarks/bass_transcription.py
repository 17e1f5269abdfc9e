"""Bass transcription benchmark: skbass vs Basic Pitch vs pyin vs the trivial CQT arg-max.

Run from the repository root:

    python benchmarks/bass_transcription.py [--size small|default] [--model FILE ...]

It renders three test sets, all with the test-only MuseScore_General_Lite soundfont,
writes them as WAV files, and transcribes the same files with every method:

- clean ensembles and hard ensembles: the project's test set (``load_test_set``; default
  12 excerpts of 30 s over several tunes and tempos) without and with the recording
  chain;
- isolated notes: ``load_isolated_test_set`` (MIDI 26..69 on plucked and bowed double
  bass, fingered, picked and fretless electric bass; long notes ringing out; hard
  recording chain).

Methods:

- skbass's shipped model (``skbass.load_model()``) with its voicing model
  (``load_model("bass-voicing")``), as ``skbass transcribe`` runs it; the same model with
  the voicing of its own salience alone; and one more row per ``--model FILE`` (its own
  voicing); timed per file from reading the WAV to the decoded notes, features included;
- Spotify's Basic Pitch 0.4.0 with its ONNX model, in a virtual environment this script
  creates on first use (frames: the lowest note event within MIDI 26..69; notes: the
  events reduced to a bass line, see ``_basic_pitch.bass_line_notes``);
- pyin (``librosa.pyin`` between MIDI 26 and 69 on the labels' frame grid), on the
  isolated notes only: it follows one pitch and is not meant for ensembles;
- the trivial baseline: arg-max of the CQT magnitude within MIDI 26..69, always voiced.

Columns, pooled over all frames (or notes) of a set: MIREX raw pitch and raw chroma
accuracy on the paper's labels (a note's first 75 %); voicing recall and false alarm
against the paper's labels and against the "sounding" labels (each note's whole
duration); note F-measure (``mir_eval.transcription``, onsets within 50 ms, and onsets
with offsets) against the exact MIDI notes, for pyin and the trivial baseline from runs
of equal frame pitch; real-time factor (audio seconds per second of processing).

Below the table, the command as a user runs it: ``skbass transcribe FILE --out DIR`` on a
3-minute WAV (the hard ensembles joined), timed as a whole process from start to exit
(imports, model, audio, features, network, notes, CSV), after one untimed run that warms
the disk; the median of ``--command-runs`` runs.
"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time

import numpy as np
import soundfile as sf

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from _basic_pitch import basic_pitch_bass, bass_line_notes  # noqa: E402

from skbass import load_model, transcribe  # noqa: E402
from skbass.datasets import (  # noqa: E402
    load_isolated_test_set,
    load_test_set,
    notes_to_frame_labels,
)
from skbass.metrics import (  # noqa: E402
    cqt_argmax_pitch,
    note_scores,
    raw_chroma_accuracy,
    raw_pitch_accuracy,
    voicing_measures,
)
from skbass.transcription._notes import decode_notes  # noqa: E402
from skbass.utils import BASS_MAX_MIDI, BASS_MIN_MIDI, BASS_PITCHES  # noqa: E402

#: Table columns, in order.
COLUMNS = (
    "RPA",
    "RCA",
    "V-rec paper",
    "V-FA paper",
    "V-rec sounding",
    "V-FA sounding",
    "note on F",
    "note on+off F",
    "x real time",
)
#: Seconds of silence between recordings when their notes are pooled for ``mir_eval``.
_POOL_GAP_S = 10.0


def frames_to_notes(pitch, *, sr, hop_length, min_frames=2):
    """Notes from a frame pitch track: runs of one voiced pitch (skbass's ``"runs"`` decoder).

    Parameters
    ----------
    pitch : np.ndarray [shape=(n_frames,)]
        MIDI pitch per frame; 0 or negative: no bass.
    sr, hop_length : int
        The frame grid (frame ``i`` at ``i * hop_length / sr`` s).
    min_frames : int
        Shortest note in frames.

    Returns
    -------
    notes : np.ndarray [shape=(n_notes, 3)]
        Rows of ``onset_s, offset_s, midi``.
    """
    pitch = np.asarray(pitch)
    voiced = (pitch >= BASS_MIN_MIDI) & (pitch <= BASS_MAX_MIDI)
    onehot = np.zeros((len(pitch), len(BASS_PITCHES)))
    onehot[np.flatnonzero(voiced), pitch[voiced].astype(int) - BASS_MIN_MIDI] = 1.0
    hop_s = hop_length / sr
    notes = decode_notes(
        onehot,
        BASS_PITCHES,
        np.arange(len(pitch)) * hop_s,
        hop_s=hop_s,
        voiced=voiced,
        method="runs",
        min_frames=min_frames,
    )
    return notes[:, :3]


def pooled_note_scores(ref_notes, est_notes, durations):
    """Note onset F and onset+offset F over several recordings, as if played one after another.

    Parameters
    ----------
    ref_notes, est_notes : list of np.ndarray [shape=(n_notes, >=3)]
        Per recording, rows of ``onset_s, offset_s, midi``.
    durations : list of float
        Seconds of each recording.

    Returns
    -------
    scores : dict
        ``onset_f`` and ``f`` (with offsets); 0.0 when nothing was estimated.
    """
    shift, refs, ests = 0.0, [], []
    for ref, est, seconds in zip(ref_notes, est_notes, durations):
        for rows, out in ((ref, refs), (est, ests)):
            rows = np.asarray(rows, dtype=float).reshape(-1, max(np.shape(rows)[-1], 3))[:, :3]
            out.append(rows + [shift, shift, 0.0])
        shift += seconds + _POOL_GAP_S
    ref, est = np.concatenate(refs), np.concatenate(ests)
    ref = ref[(ref[:, 2] >= BASS_MIN_MIDI) & (ref[:, 2] <= BASS_MAX_MIDI)]
    if len(est) == 0:
        return {"onset_f": 0.0, "f": 0.0}
    scores = note_scores(ref, est)
    return {"onset_f": scores["onset_f"], "f": scores["f"]}


def score_row(test, signed, est_notes, seconds):
    """One table row: frame measures under both label conventions, note F, speed.

    Parameters
    ----------
    test : dict
        ``y`` (paper labels), ``y_sounding``, ``notes`` and ``durations`` of a test set.
    signed : list of np.ndarray [shape=(n_frames,)]
        Per recording, estimated MIDI per frame, negative where unvoiced.
    est_notes : list of np.ndarray [shape=(n_notes, >=3)]
        Per recording, estimated notes.
    seconds : float
        Processing time.

    Returns
    -------
    row : dict
        A value per :data:`COLUMNS` name.
    """
    recall, false_alarm = voicing_measures(test["y"], signed)
    recall_s, false_alarm_s = voicing_measures(test["y_sounding"], signed)
    notes = pooled_note_scores(test["notes"], est_notes, test["durations"])
    audio_seconds = sum(test["durations"])
    return {
        "RPA": raw_pitch_accuracy(test["y"], signed),
        "RCA": raw_chroma_accuracy(test["y"], signed),
        "V-rec paper": recall,
        "V-FA paper": false_alarm,
        "V-rec sounding": recall_s,
        "V-FA sounding": false_alarm_s,
        "note on F": notes["onset_f"],
        "note on+off F": notes["f"],
        "x real time": audio_seconds / seconds if seconds > 0 else float("inf"),
    }


def format_table(rows):
    """The Markdown table of ``(set, method, row)`` triples.

    Parameters
    ----------
    rows : list of tuple
        ``(set name, method name, row dict)``.

    Returns
    -------
    table : str
    """
    lines = [
        "| set | method | " + " | ".join(COLUMNS) + " |",
        "|---|---|" + "---:|" * len(COLUMNS),
    ]
    for set_name, method, row in rows:
        cells = [f"{row[c]:.0f}" if c == "x real time" else f"{row[c]:.3f}" for c in COLUMNS]
        lines.append(f"| {set_name} | {method} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def pyin_pitch(audio, *, sr, hop_length):
    """Signed MIDI pitch per frame from ``librosa.pyin`` between MIDI 26 and 69.

    Parameters
    ----------
    audio : np.ndarray [shape=(n,)]
        Mono signal at ``sr``.
    sr, hop_length : int
        The labels' frame grid (centred frames).

    Returns
    -------
    signed : np.ndarray [shape=(1 + n // hop_length,), dtype=int64]
        Rounded MIDI pitch, negated where pyin says unvoiced.
    """
    import librosa

    f0, voiced, _ = librosa.pyin(
        audio,
        fmin=librosa.midi_to_hz(BASS_MIN_MIDI),
        fmax=librosa.midi_to_hz(BASS_MAX_MIDI),
        sr=sr,
        frame_length=4096,  # 186 ms: more than six periods of MIDI 26
        hop_length=hop_length,
        fill_na=None,
    )
    midi = np.clip(np.round(librosa.hz_to_midi(f0)), BASS_MIN_MIDI, BASS_MAX_MIDI).astype(np.int64)
    return np.where(voiced, midi, -midi)


def _timed(paths, estimate):
    signed, notes, seconds = [], [], 0.0
    for path in paths:
        start = time.perf_counter()
        s, n = estimate(path)
        seconds += time.perf_counter() - start
        signed.append(s)
        notes.append(n)
    return signed, notes, seconds


def _skbass(model, onset_model=None, voicing_model=None):
    def estimate(path):
        line = transcribe(path, model, onset_model=onset_model, voicing_model=voicing_model)
        return line.signed_estimate, line.notes()

    return estimate


def _trivial(sr, hop):
    def estimate(path):
        pitch = cqt_argmax_pitch(sf.read(path, dtype="float32")[0], sr=sr, hop_length=hop)
        return pitch, frames_to_notes(pitch, sr=sr, hop_length=hop)

    return estimate


def _pyin(sr, hop):
    def estimate(path):
        signed = pyin_pitch(sf.read(path, dtype="float32")[0], sr=sr, hop_length=hop)
        return signed, frames_to_notes(signed, sr=sr, hop_length=hop)

    return estimate


def time_command(path, workdir, *, runs=5):
    """Wall-clock seconds of ``skbass transcribe`` on one file, as a whole process.

    Parameters
    ----------
    path : str
        Audio file.
    workdir : str
        Folder for the output.
    runs : int, default=5
        Timed runs, after one untimed run.

    Returns
    -------
    seconds : list of float
        One per timed run.
    """
    command = shutil.which("skbass")
    if command:
        command = [command]
    else:
        entry = "import sys; from skbass.cli import main; sys.exit(main())"
        command = [sys.executable, "-c", entry]
    command += ["transcribe", path, "--out", os.path.join(workdir, "command"), "--quiet"]
    seconds = []
    for i in range(runs + 1):
        start = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
        if i:
            seconds.append(time.perf_counter() - start)
    return seconds


def load_sets(args, sr, hop):
    """The three test sets: name -> (Bunch with paper labels, sounding labels)."""
    kw = {"sr": sr, "hop_length": hop, "n_jobs": args.n_jobs, "progress": True}
    ensembles = {"n_recordings": args.n_recordings, "duration": args.duration}
    sets = {
        "clean ensembles": load_test_set(args.size, condition="clean", **ensembles, **kw),
        "hard ensembles": load_test_set(args.size, condition="hard", **ensembles, **kw),
        "isolated notes": load_isolated_test_set(args.size, condition="hard", **kw),
    }
    out = {}
    for name, data in sets.items():
        out[name] = {
            "X": data.X,
            "y": data.y,
            "y_sounding": [
                notes_to_frame_labels(n, len(y), sr=sr, hop_length=hop, convention="sounding")
                for n, y in zip(data.notes, data.y)
            ],
            "notes": data.notes,
            "durations": [len(x) / sr for x in data.X],
        }
    return out


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", default="default", choices=["small", "default"])
    parser.add_argument("--n-recordings", type=int, default=None, help="ensembles per condition")
    parser.add_argument("--duration", type=float, default=None, help="seconds per ensemble")
    parser.add_argument(
        "--model",
        action="append",
        default=[],
        metavar="FILE",
        help="another model file, scored in a row of its own beside the shipped model",
    )
    parser.add_argument(
        "--onset-model",
        action="append",
        default=[],
        metavar="FILE",
        help="an onset model file (skbass train --onsets), scored with the shipped model in "
        "a row of its own: the same frames, notes started at its peaks",
    )
    parser.add_argument("--n-jobs", type=int, default=None, help="render processes")
    parser.add_argument("--no-basic-pitch", action="store_true")
    parser.add_argument(
        "--command-runs", type=int, default=5, help="timed runs of the transcribe command"
    )
    args = parser.parse_args(argv)

    shipped, shipped_voicing = load_model(), load_model("bass-voicing")
    models = {
        "skbass (shipped)": (shipped, shipped_voicing),
        "skbass, salience voicing": (shipped, None),
    }
    for path in args.model:
        models[f"skbass ({os.path.basename(path)})"] = (load_model(path), None)
    onset_models = {
        f"skbass + onsets ({os.path.basename(path)})": load_model(path) for path in args.onset_model
    }
    sr, hop = shipped[0].sr, shipped[0].hop_length
    sets = load_sets(args, sr, hop)
    for name, test in sets.items():
        voiced = sum(int((y > 0).sum()) for y in test["y"])
        print(
            f"{name}: {len(test['X'])} recordings, {sum(test['durations']):.0f} s, "
            f"{voiced} labelled frames, {sum(len(n) for n in test['notes'])} notes"
        )

    table = []
    with tempfile.TemporaryDirectory(prefix="skbass-bench-") as workdir:
        warmup = os.path.join(workdir, "warmup.wav")
        sf.write(warmup, sets["hard ensembles"]["X"][0][: 2 * sr], sr, subtype="PCM_16")
        for set_name, test in sets.items():
            paths = []
            for i, audio in enumerate(test["X"]):
                paths.append(os.path.join(workdir, f"{set_name.replace(' ', '-')}-{i:02d}.wav"))
                sf.write(paths[-1], audio, sr, subtype="PCM_16")
            methods = {name: _skbass(model, voicing_model=v) for name, (model, v) in models.items()}
            for name, onset_model in onset_models.items():
                methods[name] = _skbass(shipped, onset_model, shipped_voicing)
            methods["CQT arg-max"] = _trivial(sr, hop)
            if set_name == "isolated notes":
                methods["pyin"] = _pyin(sr, hop)
            for method, estimate in methods.items():
                estimate(warmup)  # imports and one-off initialisation are not timed
                table.append((set_name, method, score_row(test, *_timed(paths, estimate))))
            if not args.no_basic_pitch:
                frames, seconds, info = basic_pitch_bass(
                    paths,
                    sr=sr,
                    hop_length=hop,
                    n_frames=[len(y) for y in test["y"]],
                    return_info=True,
                )
                notes = [bass_line_notes(entry["notes"]) for entry in info["files"]]
                table.append((set_name, "Basic Pitch", score_row(test, frames, notes, seconds)))
            print(f"{set_name}: done", flush=True)
        song = os.path.join(workdir, "three-minutes.wav")
        audio = np.concatenate(sets["hard ensembles"]["X"])[: 180 * sr]
        sf.write(song, audio, sr, subtype="PCM_16")
        command_seconds = time_command(song, workdir, runs=args.command_runs)

    print()
    print(format_table(table))
    print()
    print(
        f"skbass transcribe on a {len(audio) / sr:.0f}-s WAV, whole process: median "
        f"{np.median(command_seconds):.2f} s, range {min(command_seconds):.2f}-"
        f"{max(command_seconds):.2f} s over {len(command_seconds)} runs"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
