"""The instrument convnets: Table 2's parameter counts, shapes, input levels, training."""

import os
import subprocess
import sys

import keras
import numpy as np
import pytest
from sklearn.base import clone, is_classifier

from skbass import HybridConvNetClassifier, SpiralBands, instrument_pipeline
from skbass.neural_network._hybrid import branch_shapes, build_hybrid_convnet
from skbass.utils._samples import to_patches

#: Table 2: branches, kernels, the paper's parameter count, skbass's exact count.
TABLE_2 = [
    (("1d",), 32, 20_000, 19_464),
    (("spiral",), 32, 36_000, 35_880),
    (("2d",), 32, 93_000, 92_584),
    (("spiral", "1d"), 32, 55_000, 54_760),
    (("2d", "1d"), 32, 111_000, 111_464),
    (("2d", "spiral"), 32, 128_000, 127_880),
    (("2d", "1d", "spiral"), 32, 147_000, 146_760),
    (("2d",), 48, 158_000, 157_784),
]

#: A small geometry in which every branch builds: 16 frames x 16 bins, three spiral
#: bands of 8 bins, a high band of 4.
TINY = dict(
    n_bins=16,
    patch_frames=16,
    kernel_size=(3, 3),
    pool_size=(2, 1),
    spiral_kernel_size=(3, 2),
    spiral_bands=((0, 8), (4, 12), (8, 16)),
    high_band=(12, 16),
    temporal_pool_size=2,
    n_kernels=4,
    dense_units=8,
    batch_size=16,
    excerpts_per_epoch=64,
    epochs=1,
    early_stopping=None,
    random_state=0,
)
#: The same with the 2-d branch alone, for tests of the training loop (faster to trace).
TINY_2D = {**TINY, "branches": ("2d",)}


def timbre_frames(kind, n_frames, rng, n_bins=96, lowest=12):
    """Log-magnitude constant-Q frames of notes of one of two timbres.

    Kind 0 has strong odd and weak even harmonics (a clarinet's envelope), kind 1 all
    harmonics falling as 1/h; each note has a random pitch and length.
    """
    X = 0.05 * rng.random((n_frames, n_bins))
    t = 0
    while t < n_frames:
        length = int(rng.integers(10, 40))
        pitch = int(rng.integers(lowest, lowest + 28))
        for h in range(1, 12):
            k = pitch + int(round(12 * np.log2(h)))
            if k >= n_bins:
                break
            amplitude = (1.0 if h % 2 else 0.1) if kind == 0 else 1.0 / h
            X[t : t + length, k] += np.log1p(10 * amplitude)
        t += length
    return X.astype(np.float32)


def tiny_recordings(n=6, n_frames=40, seed=0):
    rng = np.random.default_rng(seed)
    X = [timbre_frames(i % 2, n_frames, rng, n_bins=16, lowest=0) for i in range(n)]
    return X, np.array(["clarinet", "flute"] * (n // 2))


@pytest.fixture(scope="module")
def tiny_fitted():
    X, y = tiny_recordings()
    return HybridConvNetClassifier(**TINY).fit(X, y), X, y


@pytest.mark.parametrize("branches, n_kernels, paper, exact", TABLE_2)
def test_parameter_counts_match_table_2(branches, n_kernels, paper, exact):
    model = build_hybrid_convnet(
        n_frames=128, n_bins=96, n_classes=8, branches=branches, n_kernels=n_kernels
    )
    assert model.count_params() == exact
    assert abs(exact - paper) <= 0.1 * paper


def test_branch_shapes_of_the_paper():
    model = build_hybrid_convnet(n_frames=128, n_bins=96, n_classes=8)
    assert model.get_layer("spiral").output.shape == (None, 128, 24, 3)
    assert model.get_layer("1d_high").output.shape == (None, 128, 36)
    assert model.get_layer("2d_pool2").output.shape == (None, 4, 8, 32)
    assert model.get_layer("spiral_pool2").output.shape == (None, 4, 1, 32)
    assert model.get_layer("1d_pool2").output.shape == (None, 6, 32)
    assert branch_shapes(("2d", "1d", "spiral"), n_frames=128, n_bins=96) == {
        "2d": (4, 8),
        "1d": (6,),
        "spiral": (4, 1),
    }
    with pytest.raises(ValueError, match="the 2d branch's two convolutions"):
        branch_shapes(("2d",), n_frames=20, n_bins=96)


def test_network_spiral_is_spiral_bands():
    model = build_hybrid_convnet(n_frames=128, n_bins=96, n_classes=8)
    X = np.random.default_rng(0).random((2, 128, 96)).astype(np.float32)
    inside = keras.Model(model.inputs, [model.get_layer("spiral").output])
    high = keras.Model(model.inputs, [model.get_layer("1d_high").output])
    np.testing.assert_allclose(inside.predict_on_batch(X), SpiralBands().fit_transform(X))
    np.testing.assert_allclose(
        high.predict_on_batch(X), SpiralBands(part="high").fit_transform(X), rtol=1e-6
    )


def test_separates_two_timbres_from_recordings():
    rng = np.random.default_rng(0)
    X = [timbre_frames(i % 2, 300, rng) for i in range(8)]
    y = np.array(["clarinet", "flute"] * 4)
    net = HybridConvNetClassifier(
        excerpts_per_epoch=192, epochs=2, early_stopping=None, random_state=0
    ).fit(X, y)
    test = [timbre_frames(i % 2, 200, np.random.default_rng(9)) for i in range(6)]
    assert net.predict(test).tolist() == ["clarinet", "flute"] * 3
    assert net.predict_proba(test).shape == (6, 2)


def test_recordings_average_their_half_overlapping_windows(tiny_fitted):
    net, X, _ = tiny_fitted
    patches = to_patches(X, length=16, step=8)
    per_window = net.predict_proba(patches.X)
    np.testing.assert_allclose(net.predict_proba(X), patches.aggregate(per_window), rtol=1e-5)
    # a recording shorter than one excerpt is zero-padded at its end
    short = X[0][:10]
    padded = np.concatenate([short, np.zeros((6, 16), np.float32)])[None]
    np.testing.assert_allclose(net.predict_proba([short]), net.predict_proba(padded), rtol=1e-5)


def test_flattened_excerpts_are_excerpts(tiny_fitted):
    net, X, _ = tiny_fitted
    excerpts = to_patches(X, length=16, step=8).X
    np.testing.assert_allclose(
        net.predict_proba(excerpts.reshape(len(excerpts), -1)), net.predict_proba(excerpts)
    )
    assert net.n_features_in_ == 256 and net.n_bins_ == 16


def test_excerpt_level_fit_and_normalizations():
    X, y = tiny_recordings(n=4)
    excerpts = to_patches(X, y, length=16, step=8)
    for normalization in ("global", "excerpt"):
        net = HybridConvNetClassifier(**TINY_2D, normalization=normalization)
        net.fit(excerpts.X, excerpts.y)
        assert net.predict(excerpts.X).shape == (len(excerpts.y),)
    # each excerpt standardised by itself: a level offset changes nothing
    np.testing.assert_allclose(
        net.predict_proba(excerpts.X + 3.0), net.predict_proba(excerpts.X), atol=1e-5
    )


def test_parameters_are_validated_with_clear_errors():
    X, y = tiny_recordings(n=2)
    for branches in [(), ("none",), ("2d", "2d")]:
        with pytest.raises(ValueError, match="branches must be a non-empty subset"):
            HybridConvNetClassifier(**{**TINY, "branches": branches}).fit(X, y)
    with pytest.raises(ValueError, match="branches"):
        HybridConvNetClassifier(**{**TINY, "branches": "2d"}).fit(X, y)
    with pytest.raises(ValueError, match="same height"):
        HybridConvNetClassifier(**{**TINY, "spiral_bands": ((0, 8), (8, 12))}).fit(X, y)


def test_wrong_bins_nan_and_labels_are_refused():
    X, y = tiny_recordings(n=2)
    with pytest.raises(ValueError, match="expects 96 bins per frame.*got 16"):
        HybridConvNetClassifier().fit(X, y)
    net = HybridConvNetClassifier(**TINY)
    bad = [X[0], X[1].copy()]
    bad[1][3, 2] = np.nan
    with pytest.raises(ValueError, match="recording 1.*NaN"):
        net.fit(bad, y)
    with pytest.raises(ValueError, match="one label per recording, not per frame"):
        net.fit(X, [np.zeros(len(x)) for x in X])
    with pytest.raises(ValueError, match="patch_frames=16 frames"):
        net.fit(np.zeros((2, 12, 16)), y)
    with pytest.raises(ValueError, match="at least one non-zero"):
        net.fit(X, y, sample_weight=np.zeros(2))
    net.fit(X, y)
    with pytest.raises(ValueError, match="expects 16 bins per frame.*got 12"):
        net.predict([np.zeros((20, 12))])


def test_seeded_fits_repeat_and_seeds_differ():
    X, y = tiny_recordings()
    a = HybridConvNetClassifier(**TINY_2D).fit(X, y).predict_proba(X)
    b = HybridConvNetClassifier(**TINY_2D).fit(X, y).predict_proba(X)
    c = HybridConvNetClassifier(**{**TINY_2D, "random_state": 1}).fit(X, y).predict_proba(X)
    np.testing.assert_array_equal(a, b)
    assert not np.array_equal(a, c)


def test_clone_params_tags_and_history(tiny_fitted):
    net, _, _ = tiny_fitted
    assert is_classifier(net)
    assert clone(net).get_params() == net.get_params()
    assert not hasattr(clone(net), "model_")
    assert set(net.history_) == {"loss", "accuracy"}
    assert net.__sklearn_tags__().input_tags.three_d_array


def test_stopping_rules():
    X, y = tiny_recordings(n=10)
    net = HybridConvNetClassifier(**{**TINY_2D, "early_stopping": "training_loss", "epochs": 4})
    loss = net.fit(X, y).history_["loss"]
    if len(loss) < 4:  # stopped: the last epoch did not lower the average training loss
        assert loss[-1] >= min(loss[:-1])
    net = HybridConvNetClassifier(**{**TINY_2D, "early_stopping": "validation", "epochs": 2})
    assert "val_accuracy" in net.fit(X, y).history_


def test_warm_start_keeps_the_input_statistics():
    X, y = tiny_recordings()
    net = HybridConvNetClassifier(**TINY_2D).fit(X, y)
    mean = net.input_mean_
    net.set_params(warm_start=True).fit([x + 1.0 for x in X], y)
    assert net.input_mean_ == mean
    with pytest.raises(ValueError, match="classes"):
        net.fit(X, np.array(["piano", "violin"] * 3))
    assert net.input_mean_ == mean


def test_instrument_pipeline_from_audio_to_label():
    sr = 44100
    t = np.arange(int(3.2 * sr)) / sr
    tones = [
        sum(np.sin(2 * np.pi * h * f0 * t) * (1.0 if h % 2 else 0.05) / h for h in range(1, 9))
        for f0 in (220.0, 330.0)
    ] + [sum(np.sin(2 * np.pi * h * f0 * t) / h for h in range(1, 9)) for f0 in (220.0, 330.0)]
    audio = [(0.1 * s).astype(np.float32) for s in tones]
    y = ["clarinet", "clarinet", "flute", "flute"]
    pipe = instrument_pipeline(
        branches=("2d",), excerpts_per_epoch=32, epochs=1, early_stopping=None, random_state=0
    )
    pipe.fit(audio, y)
    assert pipe["cqt"].transform(audio[:1])[0].shape == (1 + len(t) // 1024, 96)
    assert set(pipe.predict(audio)) <= {"clarinet", "flute"} and len(pipe.predict(audio)) == 4


def test_runs_with_the_jax_backend():
    pytest.importorskip("jax")
    code = (
        "import numpy as np, keras; from skbass import HybridConvNetClassifier; "
        "from tests.neural_network.test_hybrid import TINY, tiny_recordings; "
        "X, y = tiny_recordings(); "
        "net = HybridConvNetClassifier(**TINY).fit(X, y); "
        "print(keras.backend.backend(), net.predict(X).shape)"
    )
    env = {**os.environ, "KERAS_BACKEND": "jax"}
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=root
    )
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip().splitlines()[-1] == "jax (6,)"
