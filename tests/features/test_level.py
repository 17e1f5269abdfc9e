"""A recording's level: the bass pipelines hear a quiet or hot recording in the training range."""

import numpy as np
import pytest
from sklearn.utils._param_validation import InvalidParameterError

from skbass import CQTFrames, transcribe
from skbass.datasets.synth._chain import HARD_RANGES, sample_recording_chain
from skbass.transcription import bass_pipeline
from skbass.transcription._pipeline import TRAINING_PEAK_RANGE
from skbass.transcription._runtime import read_runtime

from ..conftest import bass_tone

RANGE = (0.5, 0.95)


def _peak(y):
    return float(np.max(np.abs(y)))


def test_frames_of_a_recording_outside_the_range_are_those_of_its_nearer_bound():
    y, _ = bass_tone([33, 40])
    y = y / _peak(y)
    quiet, inside, hot = CQTFrames().fit_transform([0.5 * y, 0.7 * y, 0.95 * y])
    frames = CQTFrames(peak_range=RANGE).fit_transform([0.01 * y, 0.7 * y, 3.0 * y])
    np.testing.assert_allclose(frames[0], quiet, rtol=1e-5, atol=1e-7 * quiet.max())
    np.testing.assert_array_equal(frames[1], inside)
    np.testing.assert_allclose(frames[2], hot, rtol=1e-5, atol=1e-7 * hot.max())


@pytest.mark.parametrize("bad", [(0.9, 0.5), (0.0, 1.0), (0.5,), ("a", "b")])
def test_a_bad_peak_range_is_refused(bad):
    with pytest.raises(ValueError, match="peak_range"):
        CQTFrames(peak_range=bad).fit()


def test_a_peak_range_of_another_type_is_refused():
    with pytest.raises(InvalidParameterError, match="peak_range"):
        CQTFrames(peak_range="loud").fit()


def test_the_training_range_is_the_recording_chains():
    assert TRAINING_PEAK_RANGE == HARD_RANGES["peak"]
    clean = sample_recording_chain(np.random.default_rng(0), "clean")
    assert TRAINING_PEAK_RANGE[0] <= clean["peak"] <= TRAINING_PEAK_RANGE[1]
    assert bass_pipeline()[0].peak_range == TRAINING_PEAK_RANGE


def test_the_shipped_model_hears_a_quiet_recording_at_the_training_level():
    y, _ = bass_tone([28, 40, 52], note_seconds=1.0)
    y = y / _peak(y)
    runtime = read_runtime()
    assert runtime.cqt["peak_range"] == TRAINING_PEAK_RANGE
    quiet, at_range = transcribe(0.003 * y, runtime), transcribe(0.5 * y, runtime)
    np.testing.assert_allclose(quiet.salience_matrix, at_range.salience_matrix, atol=1e-5)
    np.testing.assert_array_equal(quiet.midi, at_range.midi)
