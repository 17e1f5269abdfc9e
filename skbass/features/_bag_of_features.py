"""The instrument paper's bag-of-features baseline (section 4.3 and Table 2, first row).

Paper: "Deep convolutional networks on the pitch spiral for musical instrument
recognition". Its shallow baseline summarises each half-overlapping 3-second excerpt by
"the means and standard deviations of spectral shape descriptors, i.e. centroid,
bandwidth, skewness, and rolloff; the mean and standard deviation of the zero-crossing
rate in the time domain; the mean MFCC as well their first and second derivative", a
70-dimensional vector, and trains "a random forest of 100 decision trees ... with
uniform class probability" on it.
"""

from numbers import Integral, Real

import numpy as np
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.utils._param_validation import Interval

from ..utils._audio import as_recording_list, load_recording
from ..utils._constants import SR
from ..utils._workers import map_recordings

#: Spectral and temporal descriptors summarised by their mean and standard deviation.
_SHAPE = ("spectral_centroid", "spectral_bandwidth", "spectral_skewness", "spectral_rolloff")
_TEMPORAL = ("zero_crossing_rate",)
#: MFCC summaries: the mean of the coefficients and of their first and second derivatives.
_MFCC = ("mfcc", "mfcc_delta", "mfcc_delta2")
#: Widest window of ``librosa.feature.delta`` (its default), in frames.
_DELTA_WIDTH = 9


def bag_of_features(
    y,
    *,
    sr=SR,
    n_fft=2048,
    hop_length=512,
    n_mfcc=20,
    n_mels=128,
    roll_percent=0.85,
):
    """Bag-of-features vector of one mono signal (what :class:`BagOfFeatures` computes).

    Parameters
    ----------
    y : np.ndarray [shape=(n,)]
        Mono signal at ``sr``, at least ``max(n_fft, 2 * hop_length)`` samples long.
    sr : int
        Sample rate in Hz.
    n_fft : int
        Analysis window (and zero-crossing frame) length in samples.
    hop_length : int
        Samples between frames.
    n_mfcc : int
        Number of MFCCs, counting the 0th.
    n_mels : int
        Mel bands the MFCCs are computed from.
    roll_percent : float
        Share of spectral energy below the rolloff frequency.

    Returns
    -------
    features : np.ndarray [shape=(10 + 3 * n_mfcc,), dtype=float64]
        In the order of :meth:`BagOfFeatures.get_feature_names_out`.

    Raises
    ------
    ValueError
        If ``y`` is not 1-D or is shorter than ``max(n_fft, 2 * hop_length)`` samples.
    """
    import librosa

    y = np.asarray(y, dtype=np.float32)
    shortest = max(n_fft, 2 * hop_length)
    if y.ndim != 1 or y.shape[0] < shortest:
        raise ValueError(
            f"expected a mono signal of at least max(n_fft, 2 * hop_length) = {shortest} "
            f"samples, got shape {y.shape}"
        )
    S = np.abs(librosa.stft(y, n_fft=n_fft, hop_length=hop_length)).astype(np.float64)
    freqs = librosa.fft_frequencies(sr=sr, n_fft=n_fft)[:, None]
    centroid = librosa.feature.spectral_centroid(S=S, sr=sr, n_fft=n_fft)
    bandwidth = librosa.feature.spectral_bandwidth(S=S, sr=sr, n_fft=n_fft, centroid=centroid)
    rolloff = librosa.feature.spectral_rolloff(S=S, sr=sr, n_fft=n_fft, roll_percent=roll_percent)
    centroid, bandwidth, rolloff = centroid[0], bandwidth[0], rolloff[0]
    skewness = _spectral_skewness(S, freqs, centroid, bandwidth)
    zcr = librosa.feature.zero_crossing_rate(y, frame_length=n_fft, hop_length=hop_length)[0]
    mel = librosa.feature.melspectrogram(S=S**2, sr=sr, n_fft=n_fft, n_mels=n_mels)
    mfcc = librosa.feature.mfcc(S=librosa.power_to_db(mel), n_mfcc=n_mfcc)
    # the widest odd delta window the excerpt allows (the caller ensures >= 3 frames)
    width = min(_DELTA_WIDTH, mfcc.shape[1] - (1 - mfcc.shape[1] % 2))
    delta = librosa.feature.delta(mfcc, width=width, order=1)
    delta2 = librosa.feature.delta(mfcc, width=width, order=2)
    moments = [
        stat
        for series in (centroid, bandwidth, skewness, rolloff, zcr)
        for stat in (series.mean(), series.std())
    ]
    return np.concatenate(
        [moments, mfcc.mean(axis=1), delta.mean(axis=1), delta2.mean(axis=1)]
    ).astype(np.float64)


def _spectral_skewness(S, freqs, centroid, bandwidth):
    """Third standardised moment of each frame's magnitude spectrum (0 where undefined)."""
    total = S.sum(axis=0)
    p = S / np.where(total > 0, total, 1.0)
    third = np.sum(p * (freqs - centroid[None, :]) ** 3, axis=0)
    defined = bandwidth > 1e-9
    return np.where(defined, third / np.where(defined, bandwidth, 1.0) ** 3, 0.0)


class BagOfFeatures(TransformerMixin, BaseEstimator):
    """Summarise each recording (or excerpt) by the paper's 70-dimensional bag-of-features.

    The instrument paper's shallow baseline (section 4.3): per frame, the spectral
    centroid, bandwidth, skewness and rolloff of the magnitude spectrum and the
    zero-crossing rate of the waveform, each summarised over the recording by its mean
    and standard deviation (10 values); and the means of the MFCCs and of their first and
    second derivatives (``3 * n_mfcc`` values). The paper does not state the number of
    MFCCs; 70 dimensions leave 60 for them, hence ``n_mfcc=20`` (librosa's default,
    the 0th coefficient included). Everything is computed with librosa on one STFT.

    ========  ===============================================  =====
    columns   features                                         count
    ========  ===============================================  =====
    0-7       mean, std of centroid, bandwidth, skewness,      8
              rolloff (Hz, Hz, unitless, Hz)
    8-9       mean, std of the zero-crossing rate              2
    10-29     mean MFCC 0..19                                  20
    30-49     mean first derivative of MFCC 0..19              20
    50-69     mean second derivative of MFCC 0..19             20
    ========  ===============================================  =====

    Details the paper leaves open, chosen here: the bandwidth is the spectrum's standard
    deviation around the centroid (librosa's ``p=2``) and the skewness its third
    standardised moment (0 for a frame without energy); the rolloff keeps 85 % of the
    energy; the derivatives use librosa's 9-frame Savitzky-Golay window (narrower for
    excerpts under 9 frames). The means of the derivatives are small by construction
    (a mean derivative telescopes to the end-to-start difference): they are kept
    because they are the paper's features.

    Each recording gives one row: cut recordings into the paper's half-overlapping
    3-second excerpts first (``skbass.datasets.excerpt_windows``) to get one row per
    excerpt.

    Parameters
    ----------
    sr : int, default=22050
        Sample rate the audio is analysed at: the paper's analysis rate, whose 11 kHz
        Nyquist band holds the formants and the brightness cues that tell the 8
        instruments apart, at half the cost of 44,100 Hz. Files are resampled to it;
        signal arrays are taken to be at this rate already (pass ``(signal, rate)``
        pairs to have them resampled).
    n_fft : int, default=2048
        Analysis window in samples (93 ms at 22,050 Hz), also the zero-crossing frame.
    hop_length : int, default=512
        Samples between frames (23 ms at 22,050 Hz).
    n_mfcc : int, default=20
        Number of MFCCs; the output has ``10 + 3 * n_mfcc`` columns (70 by default).
    n_mels : int, default=128
        Mel bands the MFCCs are computed from (librosa's default).
    roll_percent : float, default=0.85
        Share of the spectral energy below the rolloff frequency.
    n_jobs : int, default=None
        Recordings transformed in parallel with joblib (``-1``: all cores).
    verbose : bool, default=False
        Show a progress bar over recordings.

    Attributes
    ----------
    n_features_out_ : int
        Number of output columns, ``10 + 3 * n_mfcc``.

    See Also
    --------
    bag_of_features_baseline : This transformer and the paper's 100-tree random forest.
    CQTFrames : The convnets' input features.

    Examples
    --------
    >>> import numpy as np
    >>> from skbass.features import BagOfFeatures
    >>> sr = 22050
    >>> t = np.arange(sr) / sr
    >>> tone = (np.sin(2 * np.pi * 440.0 * t) / 2).astype(np.float32)
    >>> noise = np.random.default_rng(0).uniform(-0.5, 0.5, sr).astype(np.float32)
    >>> features = BagOfFeatures().fit_transform([tone, noise])
    >>> features.shape
    (2, 70)
    >>> bool(features[0, 0] < features[1, 0])    # a sine is darker than white noise
    True
    >>> BagOfFeatures().fit().get_feature_names_out()[[0, 8, 10, 50]].tolist()
    ['spectral_centroid_mean', 'zero_crossing_rate_mean', 'mfcc_00_mean', 'mfcc_delta2_00_mean']
    """

    _parameter_constraints = {
        "sr": [Interval(Integral, 1, None, closed="left")],
        "n_fft": [Interval(Integral, 2, None, closed="left")],
        "hop_length": [Interval(Integral, 1, None, closed="left")],
        "n_mfcc": [Interval(Integral, 1, None, closed="left")],
        "n_mels": [Interval(Integral, 1, None, closed="left")],
        "roll_percent": [Interval(Real, 0, 1, closed="neither")],
        "n_jobs": [Integral, None],
        "verbose": ["boolean"],
    }

    def __init__(
        self,
        *,
        sr=SR,
        n_fft=2048,
        hop_length=512,
        n_mfcc=20,
        n_mels=128,
        roll_percent=0.85,
        n_jobs=None,
        verbose=False,
    ):
        self.sr = sr
        self.n_fft = n_fft
        self.hop_length = hop_length
        self.n_mfcc = n_mfcc
        self.n_mels = n_mels
        self.roll_percent = roll_percent
        self.n_jobs = n_jobs
        self.verbose = verbose

    def fit(self, X=None, y=None):
        """Check the parameters; BagOfFeatures learns nothing from data.

        Parameters
        ----------
        X : sequence of recordings or None
            Ignored apart from being accepted.
        y : None
            Ignored.

        Returns
        -------
        self : BagOfFeatures
            The checked transformer.
        """
        self._validate_params()
        if self.n_mfcc > self.n_mels:
            raise ValueError(
                f"n_mfcc={self.n_mfcc} exceeds n_mels={self.n_mels}: there are at most as "
                "many cepstral coefficients as mel bands"
            )
        self.n_features_out_ = len(_SHAPE + _TEMPORAL) * 2 + len(_MFCC) * self.n_mfcc
        return self

    def transform(self, X):
        """Compute the bag-of-features vector of each recording.

        Parameters
        ----------
        X : list of recordings or np.ndarray [shape=(n_recordings, n_samples)]
            Each recording is an audio file path, a signal at ``sr``
            (``[shape=(n,)]`` or multichannel ``[shape=(channels, n)]``), or a
            ``(signal, rate)`` pair. A 2-D float array is read as one mono signal
            per row.

        Returns
        -------
        features : np.ndarray [shape=(n_recordings, 10 + 3 * n_mfcc), dtype=float64]
            One row per recording, columns named by :meth:`get_feature_names_out`.

        Raises
        ------
        ValueError
            For an empty, silent, non-finite or unreadable recording, or one shorter
            than ``max(n_fft, 2 * hop_length)`` samples (one analysis window, and the
            three frames the MFCC derivatives need); the message names the recording.
        """
        from sklearn.utils.validation import check_is_fitted

        check_is_fitted(self)
        recordings = as_recording_list(X)
        results = map_recordings(
            self._one, recordings, n_jobs=self.n_jobs, verbose=self.verbose, desc="bag of features"
        )
        return np.vstack(results)

    def _one(self, recording, index):
        y = load_recording(recording, sr=self.sr, index=index)
        shortest = max(self.n_fft, 2 * self.hop_length)
        if y.shape[0] < shortest:
            raise ValueError(
                f"recording {index} is too short for the bag of features: {y.shape[0]} "
                f"samples < max(n_fft, 2 * hop_length) = {shortest} "
                f"({shortest / self.sr:.3f} s at sr={self.sr})"
            )
        return bag_of_features(
            y,
            sr=self.sr,
            n_fft=self.n_fft,
            hop_length=self.hop_length,
            n_mfcc=self.n_mfcc,
            n_mels=self.n_mels,
            roll_percent=self.roll_percent,
        )

    def get_feature_names_out(self, input_features=None):
        """Names of the output columns.

        Parameters
        ----------
        input_features : None
            Ignored: the columns summarise audio, not input columns.

        Returns
        -------
        names : np.ndarray [shape=(10 + 3 * n_mfcc,), dtype=object]
            ``spectral_centroid_mean``, ``spectral_centroid_std``, ...,
            ``zero_crossing_rate_std``, ``mfcc_00_mean``, ...,
            ``mfcc_delta_00_mean``, ..., ``mfcc_delta2_19_mean``.
        """
        from sklearn.utils.validation import check_is_fitted

        check_is_fitted(self)
        names = [f"{d}_{s}" for d in _SHAPE + _TEMPORAL for s in ("mean", "std")]
        names += [f"{m}_{k:02d}_mean" for m in _MFCC for k in range(self.n_mfcc)]
        return np.asarray(names, dtype=object)


def bag_of_features_baseline(*, sr=SR, n_estimators=100, random_state=None, n_jobs=None):
    """The paper's baseline: :class:`BagOfFeatures` then a class-balanced random forest.

    Table 2's first row ("bag-of-features and random forest", 61.4 % average accuracy):
    "a random forest of 100 decision trees on the resulting feature vector of dimension
    70, with uniform class probability", read here as ``class_weight="balanced"``. No
    scaler sits between the two: a forest's splits do not depend on the scale of a
    feature.

    Parameters
    ----------
    sr : int, default=22050
        Analysis sample rate of :class:`BagOfFeatures`.
    n_estimators : int, default=100
        Trees in the forest (the paper's 100).
    random_state : int, np.random.RandomState or None, default=None
        Seed of the forest.
    n_jobs : int or None, default=None
        Parallel jobs of the feature extraction and of the forest.

    Returns
    -------
    pipeline : sklearn.pipeline.Pipeline
        Steps ``"features"`` (:class:`BagOfFeatures`) and ``"forest"``
        (:class:`sklearn.ensemble.RandomForestClassifier`), fitted on a list of
        recordings (or excerpts) and their class names.

    Examples
    --------
    >>> from skbass.features import bag_of_features_baseline
    >>> pipe = bag_of_features_baseline(random_state=0)
    >>> [name for name, _ in pipe.steps]
    ['features', 'forest']
    >>> pipe["forest"].n_estimators, pipe["forest"].class_weight
    (100, 'balanced')
    """
    from sklearn.ensemble import RandomForestClassifier
    from sklearn.pipeline import Pipeline

    return Pipeline(
        [
            ("features", BagOfFeatures(sr=sr, n_jobs=n_jobs)),
            (
                "forest",
                RandomForestClassifier(
                    n_estimators=n_estimators,
                    class_weight="balanced",
                    random_state=random_state,
                    n_jobs=n_jobs,
                ),
            ),
        ]
    )
