"""The instrument convnets' frequency bands: the pitch spiral and the high band.

Paper: "Deep convolutional networks on the pitch spiral for musical instrument
recognition", section 5. The spiral branch reads ``J = 3`` half-overlapping bands of two
octaves (24 bins at 12 bins per octave) from A2 (110 Hz) to A6 (1.76 kHz), stacked along
a last "octave band" axis so that one 2-d kernel over (time, semitone) with the bands as
its input channels sums across octaves: Eq. (8), ``x1[t, k1 - kappa1 - Q j1]`` summed over
``j1``. The 1-d branch reads the high band, A6 to A9 (36 bins), with the bins as the
channels of a convolution over time.

The band arithmetic is written once, here: :class:`SpiralBands` applies it to arrays and
:class:`~skbass.neural_network.HybridConvNetClassifier` checks its bands with
:func:`check_bands` and crops the same bin ranges inside its network.
"""

import numpy as np
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.utils._param_validation import StrOptions
from sklearn.utils.validation import check_is_fitted, validate_data

from ..utils._constants import HIGH_BAND, SPIRAL_BANDS
from ..utils._samples import is_recording_level, pool


def _is_range(band):
    return (
        isinstance(band, (tuple, list))
        and len(band) == 2
        and all(isinstance(v, (int, np.integer)) and not isinstance(v, bool) for v in band)
        and 0 <= band[0] < band[1]
    )


def check_bands(*, spiral_bands=None, high_band=None, n_bins=None):
    """Check bin ranges of the spiral and the high band; return them as tuples.

    Parameters
    ----------
    spiral_bands : sequence of (int, int) or None
        ``[start, stop)`` bin range of each spiral band: at least one, all of one height.
    high_band : (int, int) or None
        ``[start, stop)`` bin range of the high band.
    n_bins : int or None
        Bins per frame of the data; when given, every range must lie within it.

    Returns
    -------
    spiral_bands : tuple of tuple of int or None
    high_band : tuple of int or None

    Raises
    ------
    ValueError
        For a malformed range, spiral bands of unequal heights, or a range beyond
        ``n_bins`` (the message names the bins needed and the bins found).

    Examples
    --------
    >>> check_bands(spiral_bands=[(12, 36), (24, 48), (36, 60)], high_band=(60, 96), n_bins=96)
    (((12, 36), (24, 48), (36, 60)), (60, 96))
    """
    if spiral_bands is not None:
        if (
            not isinstance(spiral_bands, (tuple, list))
            or len(spiral_bands) == 0
            or not all(_is_range(band) for band in spiral_bands)
        ):
            raise ValueError(
                "spiral_bands must be a non-empty sequence of (start, stop) bin ranges with "
                f"0 <= start < stop, e.g. {SPIRAL_BANDS}; got {spiral_bands!r}"
            )
        spiral_bands = tuple((int(a), int(b)) for a, b in spiral_bands)
        heights = {b - a for a, b in spiral_bands}
        if len(heights) > 1:
            raise ValueError(
                "the spiral bands must all have the same height (the bins stacked across "
                f"octaves); got {spiral_bands} with heights {sorted(heights)}"
            )
    if high_band is not None:
        if not _is_range(high_band):
            raise ValueError(
                f"high_band must be a (start, stop) bin range with 0 <= start < stop, e.g. "
                f"{HIGH_BAND}; got {high_band!r}"
            )
        high_band = (int(high_band[0]), int(high_band[1]))
    if n_bins is not None:
        stops = [b for _, b in spiral_bands or ()] + ([high_band[1]] if high_band else [])
        if stops and max(stops) > n_bins:
            raise ValueError(
                f"the bands reach bin {max(stops)} but X has {n_bins} feature(s) (bins) per "
                f"frame; the instrument front end gives 96 constant-Q bins from 55 Hz "
                "(CQTFrames(sr=44100, hop_length=1024, fmin=55.0, n_bins=96))"
            )
    return spiral_bands, high_band


def spiral_stack(X, bands):
    """Stack bands of the last (frequency) axis along a new last axis.

    Parameters
    ----------
    X : np.ndarray [shape=(..., n_bins)]
        Frames or excerpts, frequency last.
    bands : sequence of (int, int)
        ``[start, stop)`` bin ranges of equal height ``h``.

    Returns
    -------
    stacked : np.ndarray [shape=(..., h, n_bands)]
        ``stacked[..., i, j] == X[..., bands[j][0] + i]``.

    Examples
    --------
    >>> spiral_stack(np.arange(6.0), [(0, 2), (2, 4), (4, 6)])
    array([[0., 2., 4.],
           [1., 3., 5.]])
    """
    return np.stack([X[..., a:b] for a, b in bands], axis=-1)


class SpiralBands(TransformerMixin, BaseEstimator):
    """Crop constant-Q frames to the pitch spiral or to the high band.

    ``part="spiral"`` gives the pitch-spiral input of Eq. (8): the ``J`` bands of
    ``spiral_bands`` (by default three half-overlapping two-octave bands, A2 to A6, of 24
    bins each) stacked along a new last axis, so that an octave apart in the spectrum is
    one step along that axis at the same position in the band. ``part="high"`` gives the
    high band (by default A6 to A9, 36 bins) that the 1-d branch reads. Bin ``k`` of the
    default 96-bin front end is MIDI ``33 + k`` (A1 = 55 Hz at ``k = 0``).

    Shapes, with ``h`` the spiral bands' height, ``J`` their number and ``H`` the high
    band's height (defaults: 24, 3, 36):

    ============================  =======================  =====================
    input                         ``part="spiral"``        ``part="high"``
    ============================  =======================  =====================
    frames ``(n, n_bins)``        ``(n, h, J)``            ``(n, H)``
    excerpts ``(n, T, n_bins)``   ``(n, T, h, J)``         ``(n, T, H)``
    list of ``(n_i, n_bins)``     list of ``(n_i, h, J)``  list of ``(n_i, H)``
    ============================  =======================  =====================

    Parameters
    ----------
    part : {"spiral", "high"}, default="spiral"
        Which input to produce.
    spiral_bands : tuple of (int, int), default=((12, 36), (24, 48), (36, 60))
        ``[start, stop)`` bin range of each spiral band, all of one height.
    high_band : (int, int), default=(60, 96)
        ``[start, stop)`` bin range of the high band.

    Attributes
    ----------
    n_features_in_ : int
        Bins per frame seen in ``fit``.

    See Also
    --------
    skbass.neural_network.HybridConvNetClassifier : The convnet that reads these bands.

    Examples
    --------
    >>> import numpy as np
    >>> X = np.tile(np.arange(96.0), (5, 1))          # 5 frames, bin k holds the value k
    >>> spiral = SpiralBands().fit_transform(X)
    >>> spiral.shape
    (5, 24, 3)
    >>> spiral[0, 12, 0], spiral[0, 0, 1]             # bin 24 in band 0 and in band 1
    (np.float64(24.0), np.float64(24.0))
    >>> SpiralBands(part="high").fit_transform(np.zeros((2, 128, 96))).shape
    (2, 128, 36)
    """

    _parameter_constraints = {
        "part": [StrOptions({"spiral", "high"})],
        "spiral_bands": [tuple, list],
        "high_band": [tuple, list],
    }

    def __init__(self, *, part="spiral", spiral_bands=SPIRAL_BANDS, high_band=HIGH_BAND):
        self.part = part
        self.spiral_bands = spiral_bands
        self.high_band = high_band

    def fit(self, X, y=None):
        """Check the bands against the number of bins per frame.

        Parameters
        ----------
        X : np.ndarray [shape=(n, n_bins)] or [shape=(n, T, n_bins)] or list of 2-D arrays
            Frames, excerpts or one frame matrix per recording.
        y : None
            Ignored.

        Returns
        -------
        self : SpiralBands
        """
        self._validate_params()
        self._frames(X, reset=True)
        self._bands(n_bins=self.n_features_in_)
        return self

    def _bands(self, n_bins=None):
        """The bin ranges of ``part``, checked (against ``n_bins`` when given)."""
        if self.part == "high":
            return check_bands(high_band=self.high_band, n_bins=n_bins)[1]
        return check_bands(spiral_bands=self.spiral_bands, n_bins=n_bins)[0]

    def transform(self, X):
        """Crop (and for the spiral, stack) the bands.

        Parameters
        ----------
        X : np.ndarray [shape=(n, n_bins)] or [shape=(n, T, n_bins)] or list of 2-D arrays
            Frames, excerpts or one frame matrix per recording.

        Returns
        -------
        Xt : np.ndarray or list of np.ndarray
            Shapes in the class description; same structure and dtype as the input.
        """
        check_is_fitted(self)
        if is_recording_level(X):
            return pool(X).map(self._crop)
        return self._crop(X)

    def _frames(self, X, reset):
        """Validated frames of X, reshaped to 2-D ``(n_frames, n_bins)``."""
        if is_recording_level(X):
            X = pool(X).X
        if isinstance(X, np.ndarray) and X.ndim == 3:
            X = X.reshape(-1, X.shape[-1])
        return validate_data(self, X, reset=reset, dtype=[np.float64, np.float32])

    def _crop(self, X):
        frames = self._frames(X, reset=False)
        lead = X.shape[:-1] if isinstance(X, np.ndarray) and X.ndim == 3 else frames.shape[:1]
        bands = self._bands()
        if self.part == "high":
            out = frames[:, bands[0] : bands[1]]
        else:
            out = spiral_stack(frames, bands)
        return out.reshape(*lead, *out.shape[1:])

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.transformer_tags.preserves_dtype = ["float64", "float32"]
        return tags
