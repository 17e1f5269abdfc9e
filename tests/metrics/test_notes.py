"""note_scores: onset-only and onset+offset F-measure with known answers."""

import numpy as np
import pytest

from skbass.metrics import note_scores

REF = np.array([[0.0, 0.5, 40], [0.5, 1.0, 40], [1.0, 1.5, 43], [1.5, 2.0, 45]])


def test_perfect_and_half():
    s = note_scores(REF, REF)
    assert s == {k: 1.0 for k in s} and len(s) == 6
    # onsets right for all four, offsets right for two, one pitch wrong
    est = REF.copy()
    est[:2, 1] -= 0.2
    est[3, 2] = 46
    s = note_scores(REF, est)
    assert s["onset_precision"] == s["onset_recall"] == s["onset_f"] == pytest.approx(0.75)
    assert s["f"] == pytest.approx(0.25)


def test_onset_tolerance_and_extra_columns():
    est = np.column_stack([REF[:, 0] + 0.04, REF[:, 1], REF[:, 2], np.ones(4)])
    assert note_scores(REF, est)["onset_f"] == 1.0
    est[:, 0] = REF[:, 0] + 0.06
    est[0, 0] = 0.06
    assert note_scores(REF, est)["onset_f"] == 0.0
    assert note_scores(REF, est, onset_tolerance=0.1)["onset_f"] == 1.0


def test_fewer_estimates():
    s = note_scores(REF, REF[:2])
    assert s["onset_precision"] == 1.0 and s["onset_recall"] == 0.5
    assert s["onset_f"] == pytest.approx(2 / 3)


def test_bad_input():
    with pytest.raises(ValueError, match="est_notes holds no notes"):
        note_scores(REF, np.zeros((0, 3)))
    with pytest.raises(ValueError, match="ref_notes holds no notes"):
        note_scores([], REF)
    bad = REF.copy()
    bad[2, 1] = 0.9
    with pytest.raises(ValueError, match=r"est_notes\[2\] ends before it starts"):
        note_scores(REF, bad)
    with pytest.raises(ValueError, match="shape"):
        note_scores(REF, REF[:, :2])
