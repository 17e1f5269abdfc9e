"""LabelPropagator and its blocked cosine-similarity search, on tiny data."""

import subprocess
import sys

import numpy as np
import pytest
from sklearn.base import clone
from sklearn.neural_network import MLPClassifier

from skbass.semi_supervised._label_propagator import LabelPropagator
from skbass.semi_supervised._similarity import max_cosine_similarity


def dense(U, L):
    """The reference: the full similarity matrix, then max and arg-max."""
    U = U / np.linalg.norm(U, axis=1, keepdims=True)
    L = L / np.linalg.norm(L, axis=1, keepdims=True)
    S = U @ L.T
    return S.max(axis=1), S.argmax(axis=1)


def frames(n=120, seed=0, unlabelled=0.5):
    """Frames with energy in one bin per label, and labels with a share set to -1."""
    rng = np.random.default_rng(seed)
    y = rng.choice([0, 33, 40, 45], size=n)
    X = rng.random((n, 20)).astype(np.float32) * 0.1
    X[np.arange(n), y // 3] += 1.0  # bins 0, 11, 13, 15
    y_partial = np.where(rng.random(n) < unlabelled, -1, y)
    y_partial[:4] = y[:4]  # at least a few labelled frames
    y_partial[-4:] = -1  # and a few unlabelled ones
    return X, y, y_partial


# --- the search -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "n_u, n_l, block_size, n_jobs",
    [(37, 23, (4, 7), 2), (50, 31, 1, 1), (101, 64, (16, 1000), -1), (9, 200, (1000, 13), 2)],
)
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_search_matches_dense(n_u, n_l, block_size, n_jobs, dtype):
    rng = np.random.default_rng(n_u)
    U = rng.standard_normal((n_u, 7)).astype(dtype)
    L = rng.standard_normal((n_l, 7)).astype(dtype)
    s, k = max_cosine_similarity(U, L, block_size=block_size, n_jobs=n_jobs)
    s_ref, k_ref = dense(U.astype(np.float64), L.astype(np.float64))
    np.testing.assert_array_equal(k, k_ref)
    np.testing.assert_allclose(s, s_ref, atol=1e-6 if dtype == np.float32 else 1e-12)
    assert s.dtype == dtype and k.dtype == np.int64


def test_search_ties_go_to_the_lowest_index_across_tiles():
    L = np.array([[1.0, 0.0], [0.0, 1.0], [2.0, 0.0], [1.0, 0.0]])  # rows 0, 2, 3 tie
    for block_size in (1, (1, 2), 4):
        _, k = max_cosine_similarity(np.array([[3.0, 0.0]]), L, block_size=block_size)
        assert k.tolist() == [0]


def test_search_keras_kernel_matches_dense():
    pytest.importorskip("keras")
    rng = np.random.default_rng(3)
    U, L = rng.random((29, 5)), rng.random((17, 5))
    s, k = max_cosine_similarity(U, L, block_size=(8, 6), backend="keras")
    s_ref, k_ref = dense(U, L)
    np.testing.assert_array_equal(k, k_ref)
    np.testing.assert_allclose(s, s_ref, atol=1e-6)


@pytest.mark.parametrize(
    "U, L, message",
    [
        (np.ones((3, 4)), np.ones((2, 5)), "same number of features: U has 4, L has 5"),
        (np.array([[1.0, 0], [0, 0], [0, 0]]), np.ones((2, 2)), "2 of 3 rows of U are zero"),
        (np.ones((3, 2)), np.array([[1.0, np.nan]]), "1 of 1 rows of L contain NaN or inf"),
        (np.ones(3), np.ones((2, 3)), "U must be a non-empty 2-D array"),
    ],
)
def test_search_rejects_bad_input(U, L, message):
    with pytest.raises(ValueError, match=message):
        max_cosine_similarity(U, L)


@pytest.mark.parametrize(
    "kwargs", [dict(block_size=0), dict(block_size=(2, 3, 4)), dict(backend="torch")]
)
def test_search_rejects_bad_settings(kwargs):
    with pytest.raises(ValueError, match="block_size|backend"):
        max_cosine_similarity(np.ones((2, 2)), np.ones((2, 2)), **kwargs)


def test_importing_the_module_does_not_load_keras():
    code = (
        "import sys, skbass.semi_supervised._label_propagator; "
        "print('tensorflow' in sys.modules or 'keras' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


# --- the estimator, frame level -----------------------------------------------------------


def test_fit_attributes_match_a_dense_computation():
    X, y, y_partial = frames()
    prop = LabelPropagator(block_size=(7, 5)).fit(X, y_partial)
    unlabelled = y_partial == -1
    s_ref, k_ref = dense(X[unlabelled].astype(float), X[~unlabelled].astype(float))
    np.testing.assert_array_equal(prop.best_match_, k_ref)
    np.testing.assert_allclose(prop.similarity_, s_ref, atol=1e-6)
    np.testing.assert_array_equal(prop.transduction_[~unlabelled], y_partial[~unlabelled])
    np.testing.assert_array_equal(prop.transduction_, y)  # the toy data is easy
    assert prop.classes_.tolist() == [0, 33, 40, 45]
    assert prop.n_features_in_ == 20
    assert prop.selected_.all()  # the default band (0, 100) takes every frame


@pytest.mark.parametrize("band", [(0, 0), (0, 25), (0, 100), (25, 75), (50, 100), (75, 100)])
def test_band_selects_between_percentile_thresholds(band):
    X, _, y_partial = frames(n=300, seed=1)
    prop = LabelPropagator(band=band, percentiles=(10, 90)).fit(X, y_partial)
    s = prop.similarity_
    tau = {0: -1.0, 100: 1.0}  # the paper's tau_0 and tau_100 are the cosine's range
    tau.update({p: np.percentile(s, p) for p in (10, 25, 50, 75, 90) if p not in tau})
    assert set(prop.thresholds_) == {10, 90, *band}
    for p, value in prop.thresholds_.items():
        assert value == pytest.approx(tau[p])
    lo, hi = tau[band[0]], tau[band[1]]
    np.testing.assert_array_equal(prop.selected_, (s >= lo) & (s <= hi))
    if band == (0, 0):
        assert not prop.selected_.any()  # the labelled frames alone, as the paper's 0:0
    X_res, y_res = prop.fit_resample(X, y_partial)
    assert len(X_res) == len(y_res) == (y_partial != -1).sum() + prop.selected_.sum()
    assert (y_res != -1).all()


def test_min_similarity_is_a_floor_on_top_of_the_band():
    X, _, y_partial = frames(n=300, seed=2)
    s = LabelPropagator().fit(X, y_partial).similarity_
    floor = float(np.median(s))
    prop = LabelPropagator(min_similarity=floor).fit(X, y_partial)
    np.testing.assert_array_equal(prop.selected_, s >= floor)


def test_fit_resample_keeps_frame_order_and_propagated_labels():
    X, y, y_partial = frames()
    prop = LabelPropagator(band=(50, 100))
    X_res, y_res = prop.fit_resample(X, y_partial)
    keep = y_partial != -1
    keep[np.flatnonzero(y_partial == -1)[prop.selected_]] = True
    np.testing.assert_array_equal(X_res, X[keep])
    np.testing.assert_array_equal(y_res, y[keep])
    assert X_res.dtype == np.float32


@pytest.mark.filterwarnings("ignore::sklearn.exceptions.ConvergenceWarning")
def test_enriched_set_feeds_a_classifier():
    X, y, y_partial = frames(n=200)
    X_res, y_res = LabelPropagator().fit_resample(X, y_partial)
    clf = MLPClassifier(hidden_layer_sizes=(16,), max_iter=300, random_state=0).fit(X_res, y_res)
    assert (clf.predict(X) == y).mean() > 0.9


def test_enriched_recordings_feed_bass_salience_mlp():
    pytest.importorskip("keras")
    from skbass.neural_network import BassSalienceMLP

    X, _, y_partial = frames(n=90)
    Xs, ys = [X[:40], X[40:]], [y_partial[:40], np.full(50, -1)]
    X_res, y_res = LabelPropagator().fit_resample(Xs, ys)
    mlp = BassSalienceMLP(
        n_hidden_layers=1, hidden_layer_size=8, epochs=1, validation_fraction=0, random_state=0
    )
    predictions = mlp.fit(X_res, y_res).predict(X_res)
    assert [len(p) for p in predictions] == [len(v) for v in y_res]


# --- the estimator, recording level -------------------------------------------------------


def test_recording_level_keeps_recordings_as_groups():
    X, y, y_partial = frames(n=100, seed=4)
    cuts = [0, 30, 55, 80, 100]
    Xs = [X[a:b] for a, b in zip(cuts[:-1], cuts[1:])]
    ys = [y_partial[a:b] for a, b in zip(cuts[:-1], cuts[1:])]
    ys[1] = np.full(25, -1)  # an entirely unlabelled recording
    ys[3] = np.full(20, -1)
    pooled_y = np.concatenate(ys)
    frame_level = LabelPropagator(band=(50, 100)).fit(X, pooled_y)
    prop = LabelPropagator(band=(50, 100))
    X_res, y_res = prop.fit_resample(Xs, ys)
    np.testing.assert_array_equal(prop.transduction_, frame_level.transduction_)
    np.testing.assert_array_equal(prop.selected_, frame_level.selected_)
    keep = pooled_y != -1
    keep[np.flatnonzero(pooled_y == -1)[prop.selected_]] = True
    kept = [k for k in np.split(keep, cuts[1:-1]) if k.any()]
    assert isinstance(X_res, list) and isinstance(y_res, list)
    assert [len(x) for x in X_res] == [len(v) for v in y_res] == [k.sum() for k in kept]
    np.testing.assert_array_equal(np.concatenate(X_res), X[keep])
    np.testing.assert_array_equal(np.concatenate(y_res), frame_level.transduction_[keep])


def test_recording_level_drops_recordings_left_empty():
    X, _, y_partial = frames(n=60, seed=5)
    Xs, ys = [X[:50], X[50:]], [y_partial[:50], np.full(10, -1)]
    X_res, y_res = LabelPropagator(band=(0, 0)).fit_resample(Xs, ys)
    assert len(X_res) == len(y_res) == 1
    np.testing.assert_array_equal(y_res[0], y_partial[:50][y_partial[:50] != -1])


def test_all_labelled_frames_fit_with_a_warning_but_cannot_be_resampled():
    # fit accepts a fully labelled y, as sklearn.semi_supervised does; the enriched set
    # would be the input unchanged, so fit_resample refuses it
    X, y, _ = frames()
    with pytest.warns(UserWarning, match="no unlabelled frame"):
        prop = LabelPropagator().fit(X, y)
    np.testing.assert_array_equal(prop.transduction_, y)
    assert prop.similarity_.shape == prop.selected_.shape == (0,)
    with pytest.warns(UserWarning), pytest.raises(ValueError, match="no unlabelled frame"):
        LabelPropagator().fit_resample(X, y)


# --- bad input -------------------------------------------------------------------------


def _zero_frame(labelled):
    X, _, y_partial = frames()
    row = np.flatnonzero((y_partial != -1) == labelled)[2]
    X[row] = 0
    return X, y_partial


@pytest.mark.parametrize(
    "make, message",
    [
        (lambda: (frames()[0], np.full(120, -1)), "no labelled frame: all 120 labels are -1"),
        (lambda: _zero_frame(True), "1 of .* labelled frames are zero vectors"),
        (lambda: _zero_frame(False), "1 of .* unlabelled frames are zero vectors"),
        (lambda: (np.where(np.eye(120, 20) > 0, np.nan, 1.0), frames()[2]), "NaN"),
        (lambda: (np.where(np.eye(120, 20) > 0, np.inf, 1.0), frames()[2]), "infinity"),
        (
            lambda: ([np.ones((3, 4)), np.ones((2, 5))], [np.zeros(3), -np.ones(2)]),
            "different numbers of features",
        ),
        (lambda: ([np.ones((3, 4))], [np.zeros(2)]), "recording 0 has 3 frames but 2 labels"),
    ],
)
def test_fit_rejects_bad_input(make, message):
    X, y = make()
    with pytest.raises(ValueError, match=message):
        LabelPropagator().fit(X, y)


@pytest.mark.parametrize(
    "params, message",
    [
        (dict(band=(-5, 50)), "band must hold percentiles between 0 and 100"),
        (dict(band=(50, 101)), "band must hold percentiles between 0 and 100"),
        (dict(band=(75, 25)), "band must have lo <= hi"),
        (dict(band=(25,)), "band must be a pair"),
        (dict(percentiles=(50, 150)), "percentiles must hold percentiles"),
        (dict(block_size=(4, 0)), "block_size"),
        (dict(backend="torch"), "backend"),
        (dict(min_similarity=2.0), "min_similarity"),
    ],
)
def test_fit_rejects_bad_parameters(params, message):
    X, _, y_partial = frames()
    with pytest.raises(ValueError, match=message):
        LabelPropagator(**params).fit(X, y_partial)


def test_fit_warns_when_no_labelled_frame_is_unvoiced():
    X, y, y_partial = frames()
    y_partial[y_partial == 0] = -1
    with pytest.warns(UserWarning, match="no labelled frame has the label 0"):
        prop = LabelPropagator().fit(X, y_partial)
    assert 0 not in prop.transduction_


def test_clone_and_get_params_round_trip():
    prop = LabelPropagator(band=(25, 75), percentiles=(10,), block_size=(64, 32), n_jobs=1)
    params = prop.get_params()
    assert params == clone(prop).get_params()
    assert LabelPropagator(**params).get_params() == params
    assert LabelPropagator().set_params(**params).get_params() == params
    X, _, y_partial = frames()
    fitted = prop.fit(X, y_partial)
    assert not hasattr(clone(fitted), "selected_")
