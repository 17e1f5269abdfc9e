"""Measures of bass lines: MIREX raw pitch / raw chroma accuracy and voicing (through
mir_eval), scorers for model selection, and the trivial baseline every score is reported
beside.

Labels and estimates are MIDI pitches per frame, 0 meaning no bass. As in MIREX (and
``mir_eval``, which computes the measures here), an estimate may be negative: ``-p`` says
"no bass here, but if there were, it would be ``p``"; raw pitch and raw chroma accuracy use
``|estimate|`` on every frame whose reference carries a bass label, whatever the estimated
voicing. Every function takes frame-level arrays or lists of per-recording arrays.
"""

from ._baselines import argmax_pitch, cqt_argmax_pitch, trivial_baseline_accuracy
from ._melody import raw_chroma_accuracy, raw_pitch_accuracy, voicing_measures
from ._notes import note_scores
from ._scorers import raw_chroma_scorer, raw_pitch_scorer, signed_pitch_from_proba

__all__ = [
    "argmax_pitch",
    "cqt_argmax_pitch",
    "note_scores",
    "raw_chroma_accuracy",
    "raw_chroma_scorer",
    "raw_pitch_accuracy",
    "raw_pitch_scorer",
    "signed_pitch_from_proba",
    "trivial_baseline_accuracy",
    "voicing_measures",
]
