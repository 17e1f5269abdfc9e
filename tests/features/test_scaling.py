import numpy as np
import pytest

from skbass import LogScaler


def test_log_and_linear():
    X = np.array([[0.0, 1.0], [2.0, 3.0]])
    np.testing.assert_allclose(LogScaler(gain=10).fit_transform(X), np.log1p(10 * X))
    np.testing.assert_array_equal(LogScaler(scaling="linear").fit_transform(X), X)


def test_recording_level_lists_keep_their_structure():
    X = [np.ones((3, 4), dtype=np.float32), np.zeros((5, 4), dtype=np.float32)]
    out = LogScaler().fit_transform(X)
    assert [o.shape for o in out] == [(3, 4), (5, 4)]
    assert out[0].dtype == np.float32


def test_negative_and_nan_rejected():
    with pytest.raises(ValueError, match="Negative values"):
        LogScaler().fit(np.array([[-1.0, 0.0]]))
    with pytest.raises(ValueError, match="NaN"):
        LogScaler().fit(np.array([[np.nan, 0.0]]))
