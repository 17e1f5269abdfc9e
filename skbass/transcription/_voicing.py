"""Choosing the voicing threshold of a salience model on validation data."""

import numpy as np

from ..metrics import voicing_measures
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


def select_voicing_threshold(
    pipeline, X, y, candidates=None, *, max_false_alarm=None, voicing_model=None
):
    """The voicing threshold chosen on validation data.

    Two criteria: the MIREX overall accuracy (default), or the highest voicing recall
    whose voicing false alarm stays within ``max_false_alarm``.  Which frames count as
    "bass sounding" is what ``y`` says: labels of the ``"sounding"`` convention
    (``label_convention="sounding"`` in :mod:`skbass.datasets`, or
    :func:`~skbass.datasets.notes_to_frame_labels`) judge the voicing against each
    note's whole duration; the paper's labels call the last quarter of every note
    "no bass", so there a detection of a still-sounding note counts as a false alarm.
    With ``voicing_model`` the threshold is that of the voicing score both networks give
    (:func:`~skbass.utils._salience.voicing_score`, what :func:`~skbass.transcribe` uses
    with that voicing model), to be set as the voicing model's ``voicing_threshold``.

    Parameters
    ----------
    pipeline : sklearn.pipeline.Pipeline
        Fitted pipeline whose last step has ``salience`` and ``pitches_``.
    X : list of recordings or np.ndarray
        Validation input of the pipeline. Never the test set.
    y : list of np.ndarray or np.ndarray
        Validation labels, 0 = no bass, of either label convention.
    candidates : np.ndarray or None
        Thresholds to try; default 0.02 to 0.98 in steps of 0.02.
    max_false_alarm : float or None
        None: maximise overall accuracy. A float in [0, 1]: the candidate of highest
        voicing recall (ties: the lower false alarm) among those whose false alarm is
        at most this; if none is, the candidate of lowest false alarm.
    voicing_model : sklearn.pipeline.Pipeline or None
        A fitted voicing pipeline (:func:`~skbass.transcription.train_voicing_model`)
        with the same frames as ``pipeline``; None: the pitch network's peak alone.

    Returns
    -------
    threshold : float
    scores : dict
        ``{threshold: {"overall_accuracy", "voicing_recall", "voicing_false_alarm"}}``
        for every candidate.

    Raises
    ------
    ValueError
        If ``max_false_alarm`` is outside [0, 1].
    """
    if max_false_alarm is not None and not 0 <= max_false_alarm <= 1:
        raise ValueError(f"max_false_alarm must be None or in [0, 1], got {max_false_alarm!r}")
    model = pipeline[-1]
    salience = pool(model.salience(pipeline[:-1].transform(X))).X
    voicing_salience = None
    if voicing_model is not None:
        voicing_salience = pool(voicing_model[-1].salience(voicing_model[:-1].transform(X))).X
    y = pool_labels(y)
    if candidates is None:
        candidates = np.round(np.arange(0.02, 0.99, 0.02), 2)
    scores = {}
    for t in np.asarray(candidates, dtype=float):
        decoded = decode_salience(
            salience, model.pitches_, voicing_threshold=t, voicing_salience=voicing_salience
        )
        recall, false_alarm = voicing_measures(y, decoded.signed)
        scores[float(t)] = {
            "overall_accuracy": overall_accuracy(y, decoded.pitch, decoded.voiced),
            "voicing_recall": recall,
            "voicing_false_alarm": false_alarm,
        }
    if max_false_alarm is None:
        best = max(scores, key=lambda t: scores[t]["overall_accuracy"])
    else:
        within = [t for t in scores if scores[t]["voicing_false_alarm"] <= max_false_alarm]
        best = (
            max(
                within,
                key=lambda t: (scores[t]["voicing_recall"], -scores[t]["voicing_false_alarm"]),
            )
            if within
            else min(scores, key=lambda t: scores[t]["voicing_false_alarm"])
        )
    return best, scores
