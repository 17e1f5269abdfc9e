"""Constant-Q frames of recordings (paper section 4.1)."""

import warnings
from functools import partial
from numbers import Integral, Real

import numpy as np
from joblib import Memory
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.utils._param_validation import Interval, StrOptions

from ..utils._audio import as_recording_list, load_recording
from ..utils._constants import CQT_BINS_PER_OCTAVE, CQT_FMIN, CQT_N_BINS, HOP_LENGTH, SR
from ..utils._frames import check_one_frame, frame_times
from ..utils._workers import map_recordings
from ._constant_q import bin_frequencies, cqt_frames, filter_lengths


def lowest_filter_length(sr, fmin, bins_per_octave):
    """Length in samples of the constant-Q filter of the lowest bin (librosa's wavelet)."""
    freqs = bin_frequencies(fmin, 2, bins_per_octave)
    lengths, _ = filter_lengths(freqs, sr)
    return int(np.ceil(lengths[0]))


def _is_peak_range(value):
    """Whether ``value`` is ``(low, high)`` with ``0 < low <= high``."""
    if len(value) != 2 or not all(isinstance(v, Real) for v in value):
        return False
    return 0 < value[0] <= value[1]


class CQTFrames(TransformerMixin, BaseEstimator):
    """Turn recordings into constant-Q magnitude frames.

    The paper's feature extraction (section 4.1): resample to 22,050 Hz, hop of
    1024 samples (46.4 ms), 12 bins per octave, 67 bins from MIDI 25 (34.65 Hz) to
    MIDI 91 (1568 Hz), magnitude. Multichannel audio is mixed down to mono.

    Frames follow librosa's centred convention: frame ``i`` is centred at
    ``i * hop_length / sr`` seconds, and a recording of ``n`` samples gives
    ``1 + n // hop_length`` frames. Per-frame labels must use the same grid.

    Parameters
    ----------
    sr : int, default=22050
        Sample rate the audio is analysed at. Files are resampled to it; signal
        arrays are taken to be at this rate already (pass ``(signal, rate)`` pairs
        to have them resampled).
    hop_length : int, default=1024
        Samples between frame centres.
    fmin : float, default=34.65
        Centre frequency of the lowest bin in Hz (MIDI 25).
    n_bins : int, default=67
        Number of frequency bins.
    bins_per_octave : int, default=12
        Frequency resolution.
    magnitude : {"magnitude", "power"}, default="magnitude"
        Return ``|CQT|`` (the paper) or ``|CQT|**2``.
    tuning : float or None, default=0.0
        Deviation of the bins from A440 in fractions of a bin, in [-0.5, 0.5), as
        ``librosa.cqt``'s: the lowest bin is at ``fmin * 2 ** (tuning / bins_per_octave)``.
        None: each recording's own tuning, estimated as :func:`librosa.estimate_tuning`
        does, and taken as 0 within 0.15 of a bin (a record a little sharp or flat is
        analysed on its own pitch grid; see the docs' "Tuning"). The bass pipelines use
        None; 0.0 is the paper.
    peak_range : tuple of float or None, default=None
        ``(low, high)``: a recording whose peak amplitude lies outside the range is scaled
        to the nearer bound before the transform, one inside is left as it is, so that a
        quiet recording (or float samples far beyond 1) is heard at a level the network
        was trained on.
        The bass pipelines use the range of their training recordings, ``(0.5, 0.95)``
        (see the docs' "Level"). None: the signal as it is (the paper).
    n_jobs : int, default=None
        Recordings transformed in parallel with joblib (``-1``: all cores).
    memory : str, joblib.Memory or None, default=None
        Cache of computed frames, keyed by the signal and the parameters.
    verbose : bool, default=False
        Show a progress bar over recordings.

    Attributes
    ----------
    n_bins_out_ : int
        Number of bins per output frame.

    See Also
    --------
    LogScaler : The paper's magnitude compression, applied after this transformer.

    Examples
    --------
    >>> import numpy as np
    >>> from skbass import CQTFrames
    >>> sr = 22050
    >>> t = np.arange(sr) / sr
    >>> bass = np.sin(2 * np.pi * 55.0 * t).astype(np.float32)   # A1 = MIDI 33
    >>> (frames,) = CQTFrames().fit_transform([bass])
    >>> frames.shape                                              # 1 + 22050 // 1024
    (22, 67)
    >>> int(25 + frames[5:15].mean(axis=0).argmax())
    33
    """

    _parameter_constraints = {
        "sr": [Interval(Integral, 1, None, closed="left")],
        "hop_length": [Interval(Integral, 1, None, closed="left")],
        "fmin": [Interval(Real, 0, None, closed="neither")],
        "n_bins": [Interval(Integral, 1, None, closed="left")],
        "bins_per_octave": [Interval(Integral, 1, None, closed="left")],
        "magnitude": [StrOptions({"magnitude", "power"})],
        "tuning": [Interval(Real, -0.5, 0.5, closed="left"), None],
        "peak_range": [tuple, list, None],
        "n_jobs": [Integral, None],
        "memory": [str, Memory, None],
        "verbose": ["boolean"],
    }

    def __init__(
        self,
        *,
        sr=SR,
        hop_length=HOP_LENGTH,
        fmin=CQT_FMIN,
        n_bins=CQT_N_BINS,
        bins_per_octave=CQT_BINS_PER_OCTAVE,
        magnitude="magnitude",
        tuning=0.0,
        peak_range=None,
        n_jobs=None,
        memory=None,
        verbose=False,
    ):
        self.sr = sr
        self.hop_length = hop_length
        self.fmin = fmin
        self.n_bins = n_bins
        self.bins_per_octave = bins_per_octave
        self.magnitude = magnitude
        self.tuning = tuning
        self.peak_range = peak_range
        self.n_jobs = n_jobs
        self.memory = memory
        self.verbose = verbose

    def fit(self, X=None, y=None):
        """Check the parameters; CQTFrames learns nothing from data.

        Parameters
        ----------
        X : sequence of recordings or None
            Ignored apart from being accepted.
        y : None
            Ignored.

        Returns
        -------
        self : CQTFrames
        """
        self._validate_params()
        if self.peak_range is not None and not _is_peak_range(self.peak_range):
            raise ValueError(
                f"peak_range must be (low, high) with 0 < low <= high, got {self.peak_range!r}"
            )
        fmax = self.fmin * 2.0 ** ((self.n_bins - 1) / self.bins_per_octave)
        if fmax >= self.sr / 2:
            raise ValueError(
                f"the highest CQT bin ({fmax:.0f} Hz) is not below the Nyquist frequency "
                f"of sr={self.sr} ({self.sr / 2:.0f} Hz); raise sr or lower fmin/n_bins"
            )
        self.n_bins_out_ = self.n_bins
        return self

    def transform(self, X):
        """Compute the constant-Q frames of each recording.

        Parameters
        ----------
        X : list of recordings or np.ndarray [shape=(n_recordings, n_samples)]
            Each recording is an audio file path, a signal at ``sr``
            (``[shape=(n,)]`` or multichannel ``[shape=(channels, n)]``), or a
            ``(signal, rate)`` pair. A 2-D float array is read as one mono signal
            per row.

        Returns
        -------
        frames : list of np.ndarray [shape=(n_frames, n_bins), dtype=float32]
            One frame matrix per recording, ``n_frames = 1 + n // hop_length``.

        Raises
        ------
        ValueError
            For an empty, silent, non-finite or unreadable recording, or one
            shorter than one hop.

        Warns
        -----
        UserWarning
            For a recording shorter than the lowest bin's constant-Q filter (0.5 s at
            the paper's settings): its lowest bins are then computed mostly over zero
            padding.
        """
        from sklearn.utils.validation import check_is_fitted

        check_is_fitted(self)
        recordings = as_recording_list(X)
        compute = cqt_frames
        if self.memory is not None:
            memory = Memory(self.memory, verbose=0) if isinstance(self.memory, str) else self.memory
            compute = memory.cache(cqt_frames)
        results = map_recordings(
            partial(self._one, compute),
            recordings,
            n_jobs=self.n_jobs,
            verbose=self.verbose,
            desc="CQT",
        )
        # warned here, not in the workers, whose warnings joblib does not pass back
        shortest = lowest_filter_length(self.sr, self.fmin, self.bins_per_octave)
        for index, (_, n_samples) in enumerate(results):
            if n_samples < shortest:
                warnings.warn(
                    f"recording {index} lasts {n_samples / self.sr:.3f} s, shorter than the "
                    f"lowest CQT filter ({shortest / self.sr:.3f} s at fmin={self.fmin:.2f} "
                    "Hz): its lowest bins are computed mostly over zero padding",
                    UserWarning,
                    stacklevel=2,
                )
        return [frames for frames, _ in results]

    def _one(self, compute, recording, index):
        y = load_recording(recording, sr=self.sr, index=index)
        check_one_frame(y, hop_length=self.hop_length, name=f"recording {index}")
        frames = compute(
            y,
            sr=self.sr,
            hop_length=self.hop_length,
            fmin=self.fmin,
            n_bins=self.n_bins,
            bins_per_octave=self.bins_per_octave,
            magnitude=self.magnitude,
            tuning=self.tuning,
            peak_range=self.peak_range,
        )
        return frames, y.shape[0]

    def frame_times(self, n_frames):
        """Centre times in seconds of the first ``n_frames`` frames.

        Parameters
        ----------
        n_frames : int
            Number of frames.

        Returns
        -------
        times : np.ndarray [shape=(n_frames,)]
            ``i * hop_length / sr`` for each frame ``i``.

        Examples
        --------
        >>> CQTFrames(hop_length=512).frame_times(3)
        array([0.        , 0.02321995, 0.04643991])
        """
        return frame_times(n_frames, sr=self.sr, hop_length=self.hop_length)

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.two_d_array = True
        tags.transformer_tags.preserves_dtype = ["float32"]
        return tags
