"""The one salience decoder, and that predict, transcribe and the scorers agree with it."""

import numpy as np
import pytest

from skbass.metrics import signed_pitch_from_proba
from skbass.utils import decode_salience


def test_decoder_threshold_is_strict():
    salience = np.array([[0.2, 0.5], [0.6, 0.1], [0.0, 0.0]])
    decoded = decode_salience(salience, np.array([30, 31]), voicing_threshold=0.5)
    assert decoded.pitch.tolist() == [31, 30, 30]
    assert decoded.voiced.tolist() == [False, True, False]
    assert decoded.estimate.tolist() == [0, 30, 0]
    assert decoded.signed.tolist() == [-31, 30, -30]
    assert decode_salience(salience, np.array([30, 31])).voiced.all()


def test_decoder_rejects_a_mismatched_pitch_axis():
    with pytest.raises(ValueError, match=r"shape \(n_frames, 3\)"):
        decode_salience(np.zeros((4, 2)), np.array([1, 2, 3]))


def test_scorer_decoding_matches_the_decoder():
    rng = np.random.default_rng(0)
    proba = rng.random((50, 4))
    proba /= proba.sum(axis=1, keepdims=True)
    classes = np.array([0, 40, 41, 42])
    signed = signed_pitch_from_proba(proba, classes)
    expected = (
        np.where(proba[:, 0] >= proba[:, 1:].max(axis=1), -1, 1)
        * classes[1 + proba[:, 1:].argmax(axis=1)]
    )
    np.testing.assert_array_equal(signed, expected)
