"""Choosing the voicing threshold against either label convention, on tiny made-up salience."""

import numpy as np
import pytest
from sklearn.base import BaseEstimator
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import FunctionTransformer

from skbass.datasets import notes_to_frame_labels
from skbass.transcription import select_voicing_threshold
from skbass.utils import BASS_MIN_MIDI, BASS_PITCHES

#: One frame per 0.25 s; notes of 1 s with 1 s of silence after each.
NOTES = [[2.0 * i, 2.0 * i + 1.0, 30 + 5 * i] for i in range(4)]
N_FRAMES = 32


class SalienceStub(BaseEstimator):
    """A fitted "network" whose salience is its input."""

    pitches_ = BASS_PITCHES

    def fit(self, X, y=None):
        return self

    def salience(self, X):
        return X


def _salience(core=0.85, tail=0.35, silence=0.15):
    """The note's pitch at ``core`` in its first 75 %, ``tail`` after, ``silence`` elsewhere."""
    paper = notes_to_frame_labels(NOTES, N_FRAMES, sr=4, hop_length=1)
    sounding = notes_to_frame_labels(NOTES, N_FRAMES, sr=4, hop_length=1, convention="sounding")
    salience = np.full((N_FRAMES, len(BASS_PITCHES)), 0.01)
    salience[:, 0] = silence
    for t in range(N_FRAMES):
        if sounding[t]:
            salience[t, sounding[t] - BASS_MIN_MIDI] = core if paper[t] else tail
    return salience, paper, sounding


PIPE = Pipeline([("identity", FunctionTransformer()), ("net", SalienceStub())])


def test_sounding_labels_choose_a_threshold_below_the_tails():
    salience, paper, sounding = _salience()
    t_paper, scores = select_voicing_threshold(PIPE, salience, paper)
    t_sounding, _ = select_voicing_threshold(PIPE, salience, sounding)
    assert t_paper == pytest.approx(0.36)  # the tails count as "no bass"
    assert t_sounding == pytest.approx(0.16)  # the tails are the note, still sounding
    assert set(scores[t_paper]) == {"overall_accuracy", "voicing_recall", "voicing_false_alarm"}
    assert scores[t_paper]["overall_accuracy"] == 1.0


def test_max_false_alarm_takes_the_best_recall_within_it():
    salience, paper, sounding = _salience()
    threshold, scores = select_voicing_threshold(PIPE, salience, sounding, max_false_alarm=0.0)
    assert threshold == pytest.approx(0.16)
    assert scores[threshold]["voicing_recall"] == 1.0
    # with the paper's labels every frame of the tails is a false alarm below 0.35
    threshold, scores = select_voicing_threshold(PIPE, salience, paper, max_false_alarm=0.0)
    assert threshold == pytest.approx(0.36)
    # a bound no candidate meets: the lowest false alarm (0.2 leaves the tails voiced)
    threshold, scores = select_voicing_threshold(
        PIPE, salience, paper, candidates=[0.1, 0.2], max_false_alarm=0.0
    )
    assert threshold == 0.2
    assert scores[0.1]["voicing_false_alarm"] == 1.0
    assert scores[0.2]["voicing_false_alarm"] == pytest.approx(4 / 20)


@pytest.mark.parametrize("bound", [-0.1, 1.5])
def test_bad_max_false_alarm(bound):
    salience, paper, _ = _salience()
    with pytest.raises(ValueError, match="max_false_alarm"):
        select_voicing_threshold(PIPE, salience, paper, max_false_alarm=bound)
