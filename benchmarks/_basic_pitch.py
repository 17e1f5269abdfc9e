"""Spotify's Basic Pitch as a bass-transcription baseline for the benchmark.

Basic Pitch 0.4.0 declares a dependency on an old TensorFlow, which cannot live
next to skbass. It is therefore installed in a separate virtual environment,
created on first use by :func:`ensure_env`:

- ``basic-pitch==0.4.0`` installed with ``--no-deps`` (TensorFlow is skipped);
- ``onnxruntime`` plus the pure inference dependencies listed in
  ``RUNTIME_REQUIREMENTS``.

Inference uses the ONNX model file bundled in the basic-pitch wheel
(``basic_pitch/saved_models/icassp_2022/nmp.onnx``) on the CPU; nothing is
downloaded at run time. All files are processed by one subprocess running
``_basic_pitch_worker.py`` with the virtual environment's interpreter, so
imports and model loading are paid once.

Post-processing uses the defaults of ``basic_pitch.inference.predict`` 0.4.0
(they match the documented command-line defaults): onset threshold 0.5, frame
threshold 0.3, minimum note length 127.70 ms (11 model frames), no frequency
limits, melodia trick on. The worker reports the values it actually used.

Bass extraction: Basic Pitch is polyphonic, so at each frame of skbass's grid
(frame ``i`` centred at ``i * hop_length / sr`` seconds) the bass is the lowest
note event sounding at that instant (``start <= t < end``) whose MIDI pitch is
in ``BASS_MIDI_RANGE`` (26..69 inclusive); frames with no such note get 0.

Bass notes: the note events reduced to a monophonic bass line by
:func:`bass_line_notes`: a note within ``BASS_MIDI_RANGE`` is kept when no lower
note of that range sounds at its onset, and ends at the next kept onset at the
latest.

The virtual environment lives in ``benchmarks/.venv-basic-pitch`` unless the
``SKBASS_BASIC_PITCH_VENV`` environment variable names another directory.
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

BASIC_PITCH_VERSION = "0.4.0"
RUNTIME_REQUIREMENTS = (
    "onnxruntime",
    "resampy<0.4.3",
    "pretty_midi",
    "librosa",
    "numpy",
    "scipy",
    "mir_eval",
    "soundfile",
    "scikit-learn",
    "typing-extensions",
)
BASS_MIDI_RANGE = (26, 69)

_HERE = Path(__file__).resolve().parent
WORKER = _HERE / "_basic_pitch_worker.py"
DEFAULT_VENV_DIR = _HERE / ".venv-basic-pitch"
_MARKER = "skbass-basic-pitch.json"


def default_venv_dir():
    """Venv location: ``$SKBASS_BASIC_PITCH_VENV`` or ``benchmarks/.venv-basic-pitch``."""
    env = os.environ.get("SKBASS_BASIC_PITCH_VENV")
    return Path(env).expanduser() if env else DEFAULT_VENV_DIR


def _venv_python(venv_dir):
    if os.name == "nt":
        return venv_dir / "Scripts" / "python.exe"
    return venv_dir / "bin" / "python"


def _spec():
    return {
        "basic_pitch": BASIC_PITCH_VERSION,
        "requirements": list(RUNTIME_REQUIREMENTS),
    }


def _run_step(cmd, what):
    print(f"[basic-pitch env] {what}", flush=True)
    proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if proc.returncode != 0:
        tail = "\n".join(proc.stdout.strip().splitlines()[-30:])
        raise RuntimeError(
            f"Setting up the Basic Pitch environment failed while trying to {what} "
            f"(exit code {proc.returncode}).\nCommand: {' '.join(map(str, cmd))}\n"
            f"Output (last lines):\n{tail}"
        )
    return proc.stdout


def ensure_env(venv_dir=None):
    """Create the Basic Pitch virtual environment if needed.

    Idempotent: a completed environment is recognised by a marker file that
    records what was installed, and is reused as is. A partial or outdated
    environment is rebuilt.

    Parameters
    ----------
    venv_dir : path-like, optional
        Directory of the virtual environment; defaults to
        :func:`default_venv_dir`.

    Returns
    -------
    python : Path
        The environment's Python executable.
    """
    venv_dir = Path(venv_dir) if venv_dir is not None else default_venv_dir()
    venv_dir = venv_dir.expanduser().absolute()
    python = _venv_python(venv_dir)
    marker = venv_dir / _MARKER
    if marker.is_file() and python.exists():
        try:
            recorded = json.loads(marker.read_text())
        except ValueError:
            recorded = None
        if recorded is not None and recorded.get("spec") == _spec():
            return python

    if venv_dir.exists() and any(venv_dir.iterdir()):
        if not (venv_dir / "pyvenv.cfg").is_file():
            raise RuntimeError(
                f"{venv_dir} exists and is not a virtual environment; refusing to "
                "overwrite it. Remove it or set SKBASS_BASIC_PITCH_VENV elsewhere."
            )
        print(f"[basic-pitch env] rebuilding incomplete environment {venv_dir}", flush=True)
        shutil.rmtree(venv_dir)

    start = time.perf_counter()
    print(f"[basic-pitch env] creating {venv_dir} (one-off, about a minute)", flush=True)
    _run_step([sys.executable, "-m", "venv", str(venv_dir)], "create the virtual environment")
    pip = [str(python), "-m", "pip", "install", "--disable-pip-version-check", "--no-input", "-q"]
    _run_step(
        pip + [f"basic-pitch=={BASIC_PITCH_VERSION}", "--no-deps"],
        f"install basic-pitch=={BASIC_PITCH_VERSION} (without TensorFlow)",
    )
    _run_step(
        pip + list(RUNTIME_REQUIREMENTS), "install onnxruntime and the inference dependencies"
    )
    # Import check; this also compiles and caches numba code once.
    _run_step(
        [
            str(python),
            "-c",
            "import logging; logging.disable(logging.WARNING); "
            "import onnxruntime, basic_pitch.inference as i; "
            "from basic_pitch import FilenameSuffix, build_icassp_2022_model_path as p; "
            "i.Model(p(FilenameSuffix.onnx))",
        ],
        "check that basic_pitch and its ONNX model load",
    )
    freeze = _run_step(
        [str(python), "-m", "pip", "freeze", "--disable-pip-version-check"],
        "record installed versions",
    )
    elapsed = time.perf_counter() - start
    marker.write_text(
        json.dumps({"spec": _spec(), "install_s": elapsed, "freeze": freeze.split()}, indent=1)
    )
    print(f"[basic-pitch env] ready in {elapsed:.0f} s", flush=True)
    return python


def notes_to_frames(notes, n_frames, sr=22050, hop_length=1024, midi_range=BASS_MIDI_RANGE):
    """Per-frame bass MIDI from note events ``(start_s, end_s, pitch, ...)``.

    Frame ``i`` (at ``i * hop_length / sr`` s) gets the lowest pitch within
    ``midi_range`` of the notes with ``start <= t < end``, or 0 if none.
    """
    lo, hi = midi_range
    bass = np.full(n_frames, np.inf)
    fps = sr / hop_length
    for note in notes:
        start, end, pitch = float(note[0]), float(note[1]), int(note[2])
        if not lo <= pitch <= hi:
            continue
        # first frame with t >= start, first frame with t >= end (exclusive)
        i0 = max(int(np.ceil(start * fps - 1e-9)), 0)
        i1 = min(int(np.ceil(end * fps - 1e-9)), n_frames)
        if i1 > i0:
            np.minimum(bass[i0:i1], pitch, out=bass[i0:i1])
    bass[np.isinf(bass)] = 0
    return bass.astype(np.int64)


def bass_line_notes(notes, midi_range=BASS_MIDI_RANGE):
    """Note events ``(start_s, end_s, pitch, ...)`` reduced to a monophonic bass line.

    A note with its pitch within ``midi_range`` is kept when no lower note of that
    range sounds at its onset (``start <= onset < end``, simultaneous onsets
    included); each kept note is cut at the next kept note's onset.

    Returns
    -------
    notes : ndarray, shape (n, 3)
        Rows of ``onset_s, offset_s, midi``, by onset.
    """
    lo, hi = midi_range
    notes = np.asarray(notes, dtype=float).reshape(-1, np.shape(notes)[-1] if len(notes) else 3)
    notes = notes[(notes[:, 2] >= lo) & (notes[:, 2] <= hi), :3]
    notes = notes[np.lexsort((notes[:, 2], notes[:, 0]))]
    keep = [
        not np.any((notes[:, 0] <= start) & (start < notes[:, 1]) & (notes[:, 2] < pitch))
        for start, _, pitch in notes
    ]
    line = notes[np.asarray(keep, dtype=bool)]
    line[:-1, 1] = np.minimum(line[:-1, 1], line[1:, 0])
    return line[line[:, 1] > line[:, 0]]


def basic_pitch_bass(
    audio_paths, *, sr=22050, hop_length=1024, n_frames=None, venv_dir=None, return_info=False
):
    """Run Basic Pitch on audio files and return per-frame bass MIDI.

    Parameters
    ----------
    audio_paths : sequence of path-like
        Audio files (any format Basic Pitch's ``librosa.load`` reads).
    sr, hop_length : int
        skbass's frame grid: frame ``i`` is centred at ``i * hop_length / sr`` s.
    n_frames : list of int, optional
        Frames per file. Default ``1 + int(d * sr) // hop_length`` for a file
        of ``d`` seconds.
    venv_dir : path-like, optional
        Basic Pitch virtual environment (see :func:`ensure_env`).
    return_info : bool, default=False
        Also return the worker's report (timings split into import, model
        load, warm-up and inference; raw note events; versions; thresholds).

    Returns
    -------
    bass : list of ndarray of int
        Per-frame MIDI pitch of the bass (0 = no bass note).
    inference_s : float
        Wall-clock seconds spent in Basic Pitch's ``predict`` over all files
        (audio loading, network, note decoding), excluding environment
        creation, interpreter start-up, imports, model loading and warm-up.
    info : dict
        Only if ``return_info``.
    """
    audio_paths = [str(Path(p).absolute()) for p in audio_paths]
    if n_frames is not None and len(n_frames) != len(audio_paths):
        raise ValueError(f"n_frames has {len(n_frames)} entries for {len(audio_paths)} files")
    python = ensure_env(venv_dir)
    if not audio_paths:
        return ([], 0.0, {}) if return_info else ([], 0.0)

    with tempfile.TemporaryDirectory(prefix="skbass-bp-") as tmp:
        spec_path = Path(tmp) / "spec.json"
        out_path = Path(tmp) / "out.json"
        spec_path.write_text(json.dumps({"audio_paths": audio_paths}))
        env = dict(os.environ)
        env.pop("PYTHONPATH", None)
        env.pop("PYTHONHOME", None)
        env.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
        env["CUDA_VISIBLE_DEVICES"] = ""
        t0 = time.perf_counter()
        proc = subprocess.run(
            [str(python), str(WORKER), str(spec_path), str(out_path)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        subprocess_s = time.perf_counter() - t0
        if proc.returncode != 0 or not out_path.is_file():
            tail = "\n".join(proc.stderr.strip().splitlines()[-30:])
            raise RuntimeError(f"Basic Pitch worker failed (exit code {proc.returncode}):\n{tail}")
        info = json.loads(out_path.read_text())
    info["subprocess_s"] = subprocess_s

    bass = []
    for k, entry in enumerate(info["files"]):
        if n_frames is not None:
            n = int(n_frames[k])
        else:
            # small tolerance so that e.g. 1.5 s * 22050 is not floored to 33074
            n = 1 + int(np.floor(entry["duration_s"] * sr + 1e-6)) // hop_length
        bass.append(notes_to_frames(entry["notes"], n, sr=sr, hop_length=hop_length))
    if return_info:
        return bass, float(info["inference_s"]), info
    return bass, float(info["inference_s"])
