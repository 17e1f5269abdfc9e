"""The quick-start demo: render a test excerpt, transcribe it, score it against its labels."""

import os
import time
from numbers import Integral, Real

import soundfile as sf
from sklearn.utils._param_validation import Interval, StrOptions, validate_params

from ..utils._paths import check_output_folder
from ..utils._persistence import load_model
from ._bassline import transcribe

_KEYS = ("C", "Db", "D", "Eb", "E", "F", "Gb", "G", "Ab", "A", "Bb", "B")


@validate_params(
    {
        "out": [str, os.PathLike],
        "seed": [Interval(Integral, 0, None, closed="left")],
        "duration": [Interval(Real, 1, None, closed="left")],
        "condition": [StrOptions({"hard", "clean"})],
        "model": [str, os.PathLike, None],
    },
    prefer_skip_nested_validation=True,
)
def run_demo(out, *, seed=0, duration=20.0, condition="hard", model=None):
    """Render one test excerpt (MuseScore_General_Lite), transcribe and score it.

    Writes ``excerpt.wav``, ``excerpt.csv``, ``excerpt.mid`` and ``excerpt.png`` to ``out``.

    Parameters
    ----------
    out : str or os.PathLike
        Output folder, created if needed; checked to be writable before any work.
    seed : int, default=0
        Which excerpt.
    duration : float, default=20.0
        Seconds, at least 1.
    condition : {"hard", "clean"}, default="hard"
        Recording chain.
    model : str, os.PathLike or None
        Model file; None: the shipped model with its voicing model (as ``skbass
        transcribe`` runs it).

    Returns
    -------
    report : dict
        The excerpt's description, raw pitch and raw chroma accuracy, voicing recall and
        false alarm, the trivial baseline's raw pitch accuracy, the transcription time
        and the files written.
    """
    # the data sets (and their recording chain) load only for the demo, not for transcribing
    from ..datasets import load_test_set
    from ..metrics import raw_chroma_accuracy, raw_pitch_accuracy, voicing_measures

    check_output_folder(out)
    pipeline = load_model(model)
    voicing = load_model("bass-voicing") if model is None else None
    data = load_test_set(
        n_recordings=1, duration=duration, condition=condition, seed=seed, progress=False
    )
    audio, labels, info = data.X[0], data.y[0], data.metadata[0]
    os.makedirs(out, exist_ok=True)
    stem = os.path.join(os.fspath(out), "excerpt")
    sf.write(stem + ".wav", audio, pipeline[0].sr)
    # warm-up: first CQT and BLAS calls
    transcribe(audio[: pipeline[0].sr], pipeline, voicing_model=voicing)
    start = time.perf_counter()
    line = transcribe(stem + ".wav", pipeline, voicing_model=voicing)
    seconds = time.perf_counter() - start
    line.to_csv(stem + ".csv")
    line.to_midi(stem + ".mid")
    line.plot(
        stem + ".png",
        reference=labels,
        title=f"{info['form']} at {info['tempo']:.0f} bpm ({condition} chain, {info['soundfont']})",
    )
    signed = line.signed_estimate
    recall, false_alarm = voicing_measures(labels, signed)
    return {
        "form": info["form"],
        "tempo": info["tempo"],
        "key": _KEYS[info["key"]],
        "duration": duration,
        "condition": condition,
        "soundfont": info["soundfont"],
        "raw_pitch_accuracy": raw_pitch_accuracy(labels, signed),
        "raw_chroma_accuracy": raw_chroma_accuracy(labels, signed),
        "voicing_recall": recall,
        "voicing_false_alarm": false_alarm,
        "baseline_raw_pitch_accuracy": info["baseline_rpa"],
        "seconds": seconds,
        "files": [stem + ext for ext in (".wav", ".csv", ".mid", ".png")],
    }
