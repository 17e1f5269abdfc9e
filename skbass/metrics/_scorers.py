"""Scorers for model selection: raw pitch and raw chroma accuracy of a fitted estimator.

They work with any fitted classifier or pipeline whose ``predict_proba`` columns follow
``classes_`` (0 for no bass, then MIDI pitches), at frame level and at recording level, so
they can be given to ``GridSearchCV(scoring=...)``, ``cross_val_score(scoring=...)`` or an
Optuna objective.
"""

import numpy as np

from ..utils._salience import decode_salience
from ..utils._samples import pool
from ._melody import raw_chroma_accuracy, raw_pitch_accuracy

__all__ = ["raw_chroma_scorer", "raw_pitch_scorer", "signed_pitch_from_proba"]


def signed_pitch_from_proba(proba, classes):
    """MIREX-style estimates from class probabilities.

    The pitch is the most probable pitched class; it is negated where the class 0
    (no bass) is at least as probable.

    Parameters
    ----------
    proba : np.ndarray [shape=(n_frames, n_classes)]
        Class probabilities.
    classes : np.ndarray [shape=(n_classes,)]
        Labels of the columns: 0 and MIDI pitches.

    Returns
    -------
    pitch : np.ndarray [shape=(n_frames,)]
        Signed MIDI pitch per frame.
    """
    classes = np.asarray(classes)
    pitched = classes != 0
    no_bass = proba[:, ~pitched].max(axis=1) if (~pitched).any() else None
    return decode_salience(proba[:, pitched], classes[pitched], voicing_threshold=no_bass).signed


class _PitchScorer:
    """Scorer callable ``(estimator, X, y) -> float`` for one of the measures above."""

    def __init__(self, measure):
        self.measure = measure

    def __call__(self, estimator, X, y, sample_weight=None):
        proba = pool(estimator.predict_proba(X)).X
        return self.measure(y, signed_pitch_from_proba(proba, estimator.classes_))

    def __repr__(self):
        return f"make_scorer({self.measure.__name__}, response_method='predict_proba')"


#: Scorer for ``GridSearchCV(scoring=...)``: raw pitch accuracy of the estimator's
#: most probable pitch on bass-labelled frames.
raw_pitch_scorer = _PitchScorer(raw_pitch_accuracy)
#: Scorer for ``GridSearchCV(scoring=...)``: raw chroma accuracy.
raw_chroma_scorer = _PitchScorer(raw_chroma_accuracy)
