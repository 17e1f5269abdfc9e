"""Basic Pitch inference worker for the skbass benchmark.

This script is executed with the Python interpreter of the dedicated Basic
Pitch virtual environment (see ``benchmarks/_basic_pitch.py``), never with the
interpreter running skbass. It must therefore only import the standard library,
numpy, soundfile/librosa and ``basic_pitch``.

Usage::

    python _basic_pitch_worker.py SPEC.json OUT.json

``SPEC.json`` holds ``{"audio_paths": [...]}``. ``OUT.json`` receives, per
file, the note events returned by ``basic_pitch.inference.predict`` (with its
default thresholds) and the file duration, plus timing information:

- ``import_s``: importing basic_pitch (and its audio stack);
- ``model_load_s``: loading the bundled ONNX model;
- ``warmup_s``: one prediction on a short synthetic signal, which pays one-off
  costs (onnxruntime session initialisation, first audio decode);
- ``inference_s``: total wall-clock seconds of the ``predict`` calls on the
  requested files (audio loading, network forward pass and note decoding).

The model is loaded once and reused for every file.
"""

import contextlib
import inspect
import json
import logging
import os
import sys
import tempfile
import time


def _duration_seconds(path):
    import soundfile

    try:
        info = soundfile.info(str(path))
        return info.frames / float(info.samplerate)
    except Exception:  # formats soundfile cannot read: fall back to librosa
        import librosa

        return float(librosa.get_duration(path=str(path)))


def main(argv):
    if len(argv) != 3:
        sys.stderr.write("usage: _basic_pitch_worker.py SPEC.json OUT.json\n")
        return 2
    with open(argv[1]) as fh:
        spec = json.load(fh)
    audio_paths = [str(p) for p in spec["audio_paths"]]

    # basic_pitch warns at import time about every optional backend that is
    # missing (TensorFlow, CoreML, TFLite); only the ONNX one is used here.
    logging.getLogger().setLevel(logging.ERROR)

    t0 = time.perf_counter()
    import basic_pitch
    import numpy as np
    import soundfile
    from basic_pitch import FilenameSuffix, build_icassp_2022_model_path
    from basic_pitch.inference import Model, predict

    import_s = time.perf_counter() - t0

    model_path = build_icassp_2022_model_path(FilenameSuffix.onnx)
    if not os.path.isfile(model_path):
        raise FileNotFoundError(f"bundled ONNX model not found at {model_path}")
    t0 = time.perf_counter()
    model = Model(model_path)
    model_load_s = time.perf_counter() - t0
    if model.model_type != Model.MODEL_TYPES.ONNX:
        raise RuntimeError(f"expected the ONNX backend, got {model.model_type}")

    params = inspect.signature(predict).parameters
    defaults = {
        name: params[name].default
        for name in (
            "onset_threshold",
            "frame_threshold",
            "minimum_note_length",
            "minimum_frequency",
            "maximum_frequency",
            "multiple_pitch_bends",
            "melodia_trick",
        )
    }

    def run(path):
        # predict() prints progress on stdout; keep stdout for the caller.
        with contextlib.redirect_stdout(sys.stderr):
            _, _, events = predict(path, model)
        return [
            [float(start), float(end), int(pitch), float(amplitude)]
            for start, end, pitch, amplitude, _ in events
        ]

    # Warm-up on 3 s of a synthetic tone so that one-off initialisation costs
    # are not charged to the first benchmark file.
    rng = np.random.default_rng(0)
    sr_w = 22050
    t = np.arange(3 * sr_w) / sr_w
    y = 0.3 * np.sin(2 * np.pi * 110.0 * t) + 0.01 * rng.standard_normal(t.size)
    with tempfile.TemporaryDirectory() as tmp:
        wav = os.path.join(tmp, "warmup.wav")
        soundfile.write(wav, y.astype(np.float32), sr_w)
        t0 = time.perf_counter()
        run(wav)
        warmup_s = time.perf_counter() - t0

    files = []
    inference_s = 0.0
    for path in audio_paths:
        duration = _duration_seconds(path)
        t0 = time.perf_counter()
        events = run(path)
        elapsed = time.perf_counter() - t0
        inference_s += elapsed
        files.append({"path": path, "duration_s": duration, "seconds": elapsed, "notes": events})
        sys.stderr.write(
            f"basic-pitch: {os.path.basename(path)}: {len(events)} notes, "
            f"{duration:.1f} s audio in {elapsed:.2f} s\n"
        )

    try:
        import onnxruntime

        ort_version = onnxruntime.__version__
    except Exception:
        ort_version = None
    try:
        from importlib.metadata import version

        bp_version = version("basic-pitch")
    except Exception:
        bp_version = getattr(basic_pitch, "__version__", None)

    out = {
        "files": files,
        "import_s": import_s,
        "model_load_s": model_load_s,
        "warmup_s": warmup_s,
        "inference_s": inference_s,
        "predict_defaults": defaults,
        "model_path": os.path.basename(str(model_path)),
        "basic_pitch_version": bp_version,
        "onnxruntime_version": ort_version,
    }
    tmp_out = argv[2] + ".part"
    with open(tmp_out, "w") as fh:
        json.dump(out, fh)
    os.replace(tmp_out, argv[2])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
