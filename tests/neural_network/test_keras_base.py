"""The one Keras base: validation split by recording, early stopping, callbacks, seeding."""

import keras
import numpy as np
import pytest
from sklearn.base import clone

from skbass import BassSalienceMLP
from skbass.neural_network._keras_base import validation_split

FAST = dict(n_hidden_layers=1, hidden_layer_size=16, learning_rate=1e-2, random_state=0)


def _recordings(n=6, frames=40, seed=0):
    rng = np.random.default_rng(seed)
    X, y = [], []
    for _ in range(n):
        labels = rng.choice([33, 40, 45], size=frames)
        x = 0.1 * rng.random((frames, 67)).astype(np.float32)
        x[np.arange(frames), labels - 25] += 1.0
        X.append(x)
        y.append(labels)
    return X, y


def test_validation_split_holds_out_whole_recordings():
    groups = np.repeat(np.arange(5), [10, 20, 5, 30, 35])
    train, val = validation_split(len(groups), groups, 0.2, 0)
    assert set(groups[train]).isdisjoint(groups[val])
    assert len(train) + len(val) == len(groups) and len(val) > 0
    # frame level: single frames at random, the paper's split
    train, val = validation_split(100, None, 0.2, 0)
    assert len(val) == 20 and len(np.intersect1d(train, val)) == 0
    # no validation part when there is nothing to hold out
    assert len(validation_split(100, None, 0.0, 0)[1]) == 0


class _Recorder(keras.callbacks.Callback):
    def __init__(self):
        super().__init__()
        self.epochs = []
        self.val_sizes = []

    def on_epoch_end(self, epoch, logs=None):
        self.epochs.append(epoch)
        self.val_sizes.append("val_pitch_accuracy" in (logs or {}))


def test_user_callbacks_run_with_early_stopping():
    X, y = _recordings()
    recorder = _Recorder()
    mlp = BassSalienceMLP(**FAST, epochs=3, callbacks=[recorder]).fit(X, y)
    assert recorder.epochs == [0, 1, 2]
    assert all(recorder.val_sizes)  # the named validation metric reaches user callbacks
    assert set(mlp.history_) == {"loss", "pitch_accuracy", "val_loss", "val_pitch_accuracy"}
    # nothing but fitted state (trailing underscore) or parameters is left on the estimator
    params = set(mlp.get_params())
    public = {k for k in vars(mlp) if not k.startswith("_")}
    assert all(k in params or k.endswith("_") for k in public)


def test_recording_level_sample_weight_is_one_array_per_recording():
    X, y = _recordings(n=3)
    weights = [np.ones(len(v)) for v in y]
    a = BassSalienceMLP(**FAST, epochs=2, validation_fraction=0).fit(X, y, sample_weight=weights)
    b = BassSalienceMLP(**FAST, epochs=2, validation_fraction=0).fit(X, y)
    np.testing.assert_allclose(a.salience(X[0]), b.salience(X[0]), atol=1e-6)
    with pytest.raises(ValueError):
        BassSalienceMLP(**FAST, epochs=1).fit(X, y, sample_weight=[np.ones(3)] * 3)


def test_seeded_fits_repeat_and_seeds_differ():
    X, y = _recordings()
    a = BassSalienceMLP(**FAST, epochs=2).fit(X, y).salience(X[0])
    b = BassSalienceMLP(**FAST, epochs=2).fit(X, y).salience(X[0])
    c = BassSalienceMLP(**{**FAST, "random_state": 1}, epochs=2).fit(X, y).salience(X[0])
    np.testing.assert_array_equal(a, b)
    assert not np.array_equal(a, c)


def test_unseeded_fit_after_a_seeded_one():
    # a seeded fit must not leave TensorFlow's op determinism on behind it: with it on,
    # an unseeded fit fails with "Random ops require a seed"
    X, y = _recordings(n=3)
    BassSalienceMLP(**FAST, epochs=1).fit(X, y)
    model = BassSalienceMLP(**{**FAST, "random_state": None}, epochs=1).fit(X, y)
    assert model.salience(X[0]).shape == (len(X[0]), 44)


def test_predictions_keep_the_input_structure():
    X, y = _recordings(n=2)
    mlp = BassSalienceMLP(**FAST, epochs=1).fit(X, y)
    for method in (mlp.predict, mlp.predict_proba, mlp.salience):
        out = method(X)
        assert isinstance(out, list) and [len(o) for o in out] == [len(x) for x in X]
        np.testing.assert_array_equal(np.concatenate(out), method(np.concatenate(X)))
    decoded = mlp.decode(X)
    assert [len(d.pitch) for d in decoded] == [len(x) for x in X]
    assert 0.0 <= mlp.score(X, y) <= 1.0


def _first_kernel(mlp):
    return np.array(mlp.model_.layers[1].get_weights()[0])


def test_warm_start_continues_from_the_fitted_weights():
    X, y = _recordings(n=3)
    X2, y2 = _recordings(n=3, seed=1)
    pre = BassSalienceMLP(**FAST, epochs=1, validation_fraction=0).fit(X, y)
    pretrained = [keras.ops.convert_to_numpy(w) for w in pre.model_.trainable_weights]
    # fine-tuning with a learning rate of (almost) zero leaves the pre-trained weights
    # where they are, while a fresh fit starts somewhere else
    pre.set_params(warm_start=True, learning_rate=1e-12).fit(X2, y2)
    for before, after in zip(pretrained, pre.model_.trainable_weights):
        np.testing.assert_allclose(keras.ops.convert_to_numpy(after), before, atol=1e-7)
    fresh = BassSalienceMLP(**{**FAST, "random_state": 1}, epochs=1, validation_fraction=0)
    assert not np.allclose(_first_kernel(fresh.fit(X2, y2)), pretrained[0])


def test_warm_start_through_set_params_and_clone():
    X, y = _recordings(n=3)
    X2, y2 = _recordings(n=3, seed=1)
    mlp = BassSalienceMLP(**FAST, epochs=1, validation_fraction=0).fit(X, y)
    kernel = _first_kernel(mlp)
    mlp.set_params(warm_start=True, learning_rate=1e-3).fit(X2, y2)
    moved = _first_kernel(mlp)
    assert not np.array_equal(moved, kernel)  # it trained ...
    assert np.abs(moved - kernel).max() < 0.05  # ... from where it was
    assert len(mlp.history_["loss"]) == 1
    # a clone is unfitted: its first fit starts fresh, whatever warm_start says
    copy = clone(mlp)
    assert copy.get_params()["warm_start"] is True and not hasattr(copy, "model_")
    assert _first_kernel(copy.fit(X, y)).shape == kernel.shape


def test_warm_start_refuses_an_incompatible_network():
    X, y = _recordings(n=3)
    mlp = BassSalienceMLP(**FAST, epochs=1, warm_start=True).fit(X, y)
    kernel = _first_kernel(mlp)
    with pytest.raises(ValueError, match="takes 67 features per sample, but X has 30"):
        mlp.fit([x[:, :30] for x in X], y)
    with pytest.raises(ValueError, match=r"weight shapes .* differ .*layer sizes changed"):
        mlp.set_params(hidden_layer_size=8).fit(X, y)
    # the failed fits left the fitted network in place
    np.testing.assert_array_equal(_first_kernel(mlp), kernel)
    assert mlp.get_params()["hidden_layer_size"] == 8 and mlp.n_features_in_ == 67
    labels = BassSalienceMLP(**FAST, epochs=1, midi_range=None, warm_start=True).fit(X, y)
    with pytest.raises(ValueError, match=r"whose classes are \[33, 40, 45\], but y has"):
        labels.fit(X, [np.where(v == 45, 46, v) for v in y])
