"""Choosing the voicing threshold of a salience model on validation data."""

import numpy as np

from ..utils._salience import decode_salience
from ..utils._samples import pool, pool_labels


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
    >>> voiced = np.array([False, True, True])
    >>> overall_accuracy(np.array([0, 40, 40]), np.array([33, 40, 41]), voiced)
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
    model = pipeline[-1]
    salience = pool(model.salience(pipeline[:-1].transform(X))).X
    y = pool_labels(y)
    candidates = np.arange(0.02, 0.99, 0.02) if candidates is None else np.asarray(candidates)
    scores = {}
    for t in candidates:
        decoded = decode_salience(salience, model.pitches_, voicing_threshold=t)
        scores[float(t)] = overall_accuracy(y, decoded.pitch, decoded.voiced)
    best = max(scores, key=scores.get)
    return best, scores
