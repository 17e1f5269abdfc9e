"""The instrument model shipped inside the package."""

import numpy as np
import pytest

from skbass import load_model
from skbass.datasets import INSTRUMENTS, class_accuracies
from skbass.neural_network._conv_forward import FrozenHybridConvNet


def test_shipped_model_loads_as_a_numpy_pipeline():
    model, info = load_model("instruments", return_info=True)
    network = model[-1]
    assert isinstance(network, FrozenHybridConvNet)
    assert sorted(network.classes_) == sorted(INSTRUMENTS)
    assert tuple(network.branches) == ("2d", "1d", "spiral")
    assert sum(w.size for w in network.weights_.values()) == 146_760
    assert model[0].sr == 44100 and model[0].n_bins == 96
    assert info["size"] == "default" and info["validation_average_accuracy"] > 0.5


@pytest.mark.slow
def test_shipped_model_beats_chance_on_the_small_test_set():
    from skbass.datasets import load_instrument_test_set
    from skbass.utils._samples import to_patches

    data = load_instrument_test_set("small", progress=False)
    model = load_model("instruments")
    frames = model[:-1].transform(data.X)
    patches = to_patches(frames, data.y, length=128, step=64, pad=True)
    scores = class_accuracies(patches.y, model[-1].predict(patches.X))
    assert scores.average > 2 / len(INSTRUMENTS)
    assert np.isfinite(model.predict_proba(data.X[:2])).all()
