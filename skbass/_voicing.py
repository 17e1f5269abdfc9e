"""Choosing the voicing threshold of a salience model on validation data."""

import numpy as np

from ._recordings import concat_recordings, is_recording_level


def overall_accuracy(y_true, pitch, voiced):
    """MIREX overall accuracy from MIDI pitches and a voicing decision.

    A frame is right when both say no bass, or when both say bass and the
    pitches are within half a semitone.

    Parameters
    ----------
    y_true : np.ndarray [shape=(n,)]
        Reference MIDI pitch per frame, 0 = no bass.
    pitch : np.ndarray [shape=(n,)]
        Estimated MIDI pitch per frame.
    voiced : np.ndarray [shape=(n,), dtype=bool]
        Estimated voicing.

    Returns
    -------
    accuracy : float

    Examples
    --------
    >>> overall_accuracy(np.array([0, 40, 40]), np.array([33, 40, 41]), np.array([False, True, True]))
    0.6666666666666666
    """
    ref_voiced = y_true > 0
    right = np.where(ref_voiced, voiced & (np.abs(pitch - y_true) < 0.5), ~voiced)
    return float(np.mean(right))


def select_voicing_threshold(pipeline, X, y, candidates=None):
    """The voicing threshold that maximises overall accuracy on validation data.

    Parameters
    ----------
    pipeline : sklearn.pipeline.Pipeline
        Fitted pipeline whose last step has ``salience`` and ``pitches_``.
    X : list of recordings or np.ndarray
        Validation input of the pipeline. Never the test set.
    y : list of np.ndarray or np.ndarray
        Validation labels, 0 = no bass.
    candidates : np.ndarray or None
        Thresholds to try; default 0.02 to 0.98 in steps of 0.02.

    Returns
    -------
    threshold : float
    scores : dict
        ``{threshold: overall accuracy}`` for every candidate.
    """
    features = pipeline[:-1].transform(X)
    model = pipeline[-1]
    salience = model.salience(features)
    if is_recording_level(salience):
        salience, y, _ = concat_recordings(salience, y)
    y = np.asarray(y)
    pitch = model.pitches_[salience.argmax(axis=1)]
    peak = salience.max(axis=1)
    candidates = np.arange(0.02, 0.99, 0.02) if candidates is None else np.asarray(candidates)
    scores = {float(t): overall_accuracy(y, pitch, peak > t) for t in candidates}
    best = max(scores, key=scores.get)
    return best, scores
