"""Argument rules of the functions that train a shipped model."""

import pytest
from sklearn.utils._param_validation import InvalidParameterError

from skbass.recognition import train_instrument_model
from skbass.transcription import train_default_model, train_onset_model, train_voicing_model


@pytest.mark.parametrize(
    "train", [train_default_model, train_onset_model, train_voicing_model, train_instrument_model]
)
@pytest.mark.parametrize(
    "bad", [{"size": "huge"}, {"seed": -1}, {"n_jobs": 0}, {"epochs": 0}, {"progress": "yes"}]
)
def test_bad_arguments_are_refused_by_name_before_any_work(train, bad, tmp_path):
    with pytest.raises(InvalidParameterError, match=next(iter(bad))):
        train(tmp_path / "model.npz", **bad)
    assert not (tmp_path / "model.npz").exists()


@pytest.mark.parametrize("train", [train_default_model, train_onset_model, train_voicing_model])
def test_bass_training_needs_a_number_of_jobs(train, tmp_path):
    with pytest.raises(InvalidParameterError, match="n_jobs"):
        train(tmp_path / "model.npz", n_jobs=None)
