"""Classifying recordings with a fitted instrument pipeline, window by window."""

import numpy as np

from ..utils._audio import load_recording
from ..utils._samples import to_patches


class InstrumentPrediction:
    """The instrument of one recording, decided from its 3-second windows.

    Made by :func:`classify`.

    Parameters
    ----------
    label : str
        The decided class: the arg-max of :attr:`proba`.
    proba : np.ndarray [shape=(n_classes,)]
        Mean of the window probabilities.
    classes : np.ndarray [shape=(n_classes,)]
        Class names, in the order of :attr:`proba`.
    window_times : np.ndarray [shape=(n_windows, 2)]
        Start and end of each window in seconds.
    window_proba : np.ndarray [shape=(n_windows, n_classes)]
        Class probabilities of each window.
    """

    def __init__(self, label, proba, classes, window_times, window_proba):
        self.label = label
        self.proba = proba
        self.classes = classes
        self.window_times = window_times
        self.window_proba = window_proba

    @property
    def window_labels(self):
        """The arg-max class of each window, ``np.ndarray [shape=(n_windows,)]``."""
        return self.classes[np.argmax(self.window_proba, axis=1)]

    def __repr__(self):
        return (
            f"InstrumentPrediction(label={self.label!r}, p={float(self.proba.max()):.3f}, "
            f"n_windows={len(self.window_proba)})"
        )


def _check_model(model):
    steps = getattr(model, "steps", None)
    if not steps or not hasattr(model[-1], "classes_") or not hasattr(model[0], "hop_length"):
        raise TypeError(
            "model must be a fitted instrument pipeline (skbass.load_model('instruments')), "
            f"got {type(model).__name__}"
        )


def classify(recording, model):
    """Recognise the instrument of one solo recording.

    The recording's constant-Q frames are cut into the network's half-overlapping
    windows (128 frames, about 3 s, every 64 frames); the network gives class
    probabilities per window, and the recording's label is the arg-max of their mean
    (the rule of the classifier's own recording-level ``predict``).

    Parameters
    ----------
    recording : str, os.PathLike, np.ndarray or tuple
        Audio file path, signal at the model's sample rate, or ``(signal, sr)``.
    model : sklearn.pipeline.Pipeline
        Fitted instrument pipeline (``skbass.load_model("instruments")``): constant-Q
        frames first, the network last.

    Returns
    -------
    prediction : InstrumentPrediction

    Raises
    ------
    ValueError
        If the audio cannot be read, is silent or empty, or is shorter than one window
        (the message says how long it is and how long a window is).
    TypeError
        If ``model`` is not a fitted instrument pipeline.
    """
    _check_model(model)
    cqt, network = model[0], model[-1]
    audio = load_recording(recording, sr=cqt.sr)
    (frames,) = model[:-1].transform([audio])
    length = int(network.patch_frames)
    if len(frames) < length:
        seconds = length * cqt.hop_length / cqt.sr
        raise ValueError(
            f"the recording lasts {len(audio) / cqt.sr:.2f} s, shorter than one "
            f"{seconds:.2f}-second window ({length} frames)"
        )
    patches = to_patches([frames], length=length, step=length // 2)
    window_proba = np.asarray(network.predict_proba(patches.X), dtype=float)
    proba = patches.aggregate(window_proba)[0]
    classes = np.asarray(network.classes_)
    hop_s = cqt.hop_length / cqt.sr
    starts = patches.starts * hop_s
    times = np.column_stack([starts, starts + length * hop_s])
    return InstrumentPrediction(
        label=str(classes[int(np.argmax(proba))]),
        proba=proba,
        classes=classes,
        window_times=times,
        window_proba=window_proba,
    )
