"""The shipped model predicts exactly what it predicted when its golden files were made.

``data/shipped_model_predictions.npz`` holds the shipped model's (:func:`skbass.load_model`)
predicted pitches (and, on the small test set, its salience) on the project's test sets
rendered with the current generator and recording chain (pedalboard effects and the
pyroomacoustics room bank, cache version 3).  Whenever the test audio changes (generator,
soundfont rendering or chain), the files are made again from the same model, so these
tests show that nothing the model computes changed in between; a retrained shipped model
(last: the model of the v2 recipe) gets new files in the same commit.
"""

import os

import numpy as np
import pytest

from skbass import load_model
from skbass.datasets import load_test_set

REFERENCE = os.path.join(os.path.dirname(__file__), "data", "shipped_model_predictions.npz")


@pytest.fixture(scope="module")
def reference():
    return np.load(REFERENCE)


def _check(size, reference, with_salience):
    model = load_model()
    data = load_test_set(size, progress=False, n_jobs=2)
    predicted = model.predict(data.X)
    for i, pitch in enumerate(predicted):
        np.testing.assert_array_equal(pitch, reference[f"{size}_pitch_{i}"])
    if with_salience:
        salience = model[-1].salience(model[:-1].transform(data.X))
        for i, s in enumerate(salience):
            np.testing.assert_allclose(s, reference[f"{size}_salience_{i}"], rtol=0, atol=1e-6)


def test_small_test_set_predictions_unchanged(reference):
    _check("small", reference, with_salience=True)


@pytest.mark.slow
def test_default_test_set_predictions_unchanged(reference):
    _check("default", reference, with_salience=False)
