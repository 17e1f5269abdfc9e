import numpy as np
import pytest
from sklearn.base import clone

from skbass import SpiralBands
from skbass.features._spiral import check_bands, spiral_stack


def _ramp(*shape):
    """Frames whose bin k holds the value k."""
    return np.broadcast_to(np.arange(96, dtype=np.float32), (*shape, 96)).copy()


def test_spiral_of_frames_matches_hand_computed_bins():
    out = SpiralBands().fit_transform(_ramp(4))
    assert out.shape == (4, 24, 3) and out.dtype == np.float32
    # bin 24 (A3) is position 12 of band 0 and position 0 of band 1
    assert out[0, 12, 0] == 24 and out[0, 0, 1] == 24
    # one step along the band axis is one octave (12 bins) up at the same position
    np.testing.assert_array_equal(out[0, :, 1] - out[0, :, 0], 12)
    np.testing.assert_array_equal(out[0, :, 0], np.arange(12, 36))
    np.testing.assert_array_equal(out[0, :, 2], np.arange(36, 60))


def test_excerpts_and_recordings_keep_their_structure():
    assert SpiralBands().fit_transform(_ramp(2, 128)).shape == (2, 128, 24, 3)
    high = SpiralBands(part="high").fit_transform(_ramp(2, 128))
    assert high.shape == (2, 128, 36)
    np.testing.assert_array_equal(high[0, 0], np.arange(60, 96))
    recordings = [_ramp(5), _ramp(7)]
    assert [x.shape for x in SpiralBands().fit_transform(recordings)] == [(5, 24, 3), (7, 24, 3)]
    assert [x.shape for x in SpiralBands(part="high").fit(recordings).transform(recordings)] == [
        (5, 36),
        (7, 36),
    ]


def test_spiral_stack_is_the_one_band_arithmetic():
    X = _ramp(3)
    np.testing.assert_array_equal(
        SpiralBands().fit_transform(X), spiral_stack(X, ((12, 36), (24, 48), (36, 60)))
    )


def test_bad_bands_and_too_few_bins_are_named():
    with pytest.raises(ValueError, match="same height"):
        check_bands(spiral_bands=((0, 24), (24, 36)))
    with pytest.raises(ValueError, match="spiral_bands must be"):
        check_bands(spiral_bands=())
    with pytest.raises(ValueError, match="high_band must be"):
        check_bands(high_band=(5, 5))
    with pytest.raises(ValueError, match="reach bin 60 but X has 48"):
        SpiralBands().fit(np.zeros((3, 48)))
    with pytest.raises(ValueError, match="reach bin 96 but X has 84 .*96 constant-Q bins"):
        SpiralBands(part="high").fit(np.zeros((3, 84)))


def test_transform_checks_bins_and_values():
    bands = SpiralBands().fit(_ramp(2))
    with pytest.raises(ValueError, match="X has 95 features"):
        bands.transform(np.zeros((2, 95)))
    X = _ramp(2)
    X[0, 3] = np.nan
    with pytest.raises(ValueError, match="NaN"):
        bands.transform(X)
    assert clone(bands).get_params() == bands.get_params()
