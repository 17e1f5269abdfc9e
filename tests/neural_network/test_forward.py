"""The NumPy forward pass computes what the Keras network computes."""

import numpy as np
import pytest

from skbass.neural_network import BassSalienceMLP
from skbass.neural_network._forward import FrozenSalienceMLP, mlp_forward


def _data(n=300, n_features=67, seed=0):
    rng = np.random.default_rng(seed)
    y = rng.choice([0, 33, 40, 45], size=n)
    X = rng.random((n, n_features)).astype("float32") * 0.1
    X[np.arange(n), np.maximum(y, 26) - 25] += 1.0
    return X, y


def _keras_outputs(mlp, X):
    return np.asarray(mlp.model_.predict_on_batch(X), dtype=np.float32)


@pytest.mark.parametrize("batch_normalization", [True, False])
@pytest.mark.parametrize("n_hidden_layers", [0, 2])
def test_forward_matches_keras(batch_normalization, n_hidden_layers):
    X, y = _data()
    mlp = BassSalienceMLP(
        n_hidden_layers=n_hidden_layers,
        hidden_layer_size=32,
        batch_normalization=batch_normalization,
        epochs=5,
        learning_rate=1e-2,
        voicing_threshold=0.4,
        random_state=0,
    ).fit(X, y)
    rng = np.random.default_rng(1)
    for frames in (X, rng.normal(size=(500, X.shape[1])).astype("float32")):
        expected = _keras_outputs(mlp, frames)
        got = mlp_forward(frames, mlp.model_.get_weights(), batch_normalization=batch_normalization)
        assert got.dtype == np.float32 and got.shape == expected.shape
        np.testing.assert_allclose(got, expected, rtol=0, atol=1e-5)
        np.testing.assert_array_equal(got.argmax(axis=1), expected.argmax(axis=1))
    frozen = FrozenSalienceMLP.from_estimator(mlp)
    np.testing.assert_array_equal(frozen.predict(X), mlp.predict(X))
    np.testing.assert_allclose(frozen.predict_proba(X), mlp.predict_proba(X), atol=1e-5)
    np.testing.assert_array_equal(frozen.classes_, mlp.classes_)
    # recording level: a list in, a list out
    parts = [X[:100], X[100:]]
    for a, b in zip(frozen.predict(parts), mlp.predict(parts)):
        np.testing.assert_array_equal(a, b)


def test_forward_matches_keras_with_trained_batch_norm_statistics():
    """Moving statistics far from 0/1 and a large epsilon-free range exercise the formula."""
    X, y = _data(seed=2)
    mlp = BassSalienceMLP(
        n_hidden_layers=1, hidden_layer_size=16, epochs=1, random_state=0, validation_fraction=0
    ).fit(X, y)
    weights = mlp.model_.get_weights()
    rng = np.random.default_rng(3)
    kernel, gamma, beta, mean, variance = weights[:5]
    weights[1:5] = [
        rng.normal(1, 0.5, gamma.shape).astype("float32"),
        rng.normal(0, 0.5, beta.shape).astype("float32"),
        rng.normal(0, 2, mean.shape).astype("float32"),
        rng.uniform(1e-4, 5, variance.shape).astype("float32"),
    ]
    mlp.model_.set_weights(weights)
    frames = rng.normal(size=(400, X.shape[1])).astype("float32")
    np.testing.assert_allclose(
        mlp_forward(frames, weights, batch_normalization=True),
        _keras_outputs(mlp, frames),
        rtol=0,
        atol=1e-5,
    )


def test_forward_checks_the_layout_and_frozen_refuses_fit():
    with pytest.raises(ValueError, match="do not describe"):
        mlp_forward(np.zeros((1, 3)), [np.zeros((3, 4))] * 3, batch_normalization=True)
    with pytest.raises(TypeError, match="keras=True"):
        FrozenSalienceMLP().fit(np.zeros((2, 3)), [0, 1])
