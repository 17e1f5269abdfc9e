"""A recording's tuning, in NumPy: librosa's estimate, made robust to a steady partial.

Records are not always tuned to A = 440 Hz: tape speed, an old piano, a band tuned to
itself. With 12 constant-Q bins per octave a note 40 cents sharp falls between two bins,
and a network trained on in-tune audio names the wrong pitch far more often (the docs'
"Tuning"). :func:`estimate_tuning` finds the deviation from A440 as
:func:`librosa.estimate_tuning` does, without importing librosa: the peaks of the magnitude
spectrum between 150 and 4000 Hz that ``librosa.piptrack`` finds (refined by parabolic
interpolation; a test holds them equal), at a hop of 2048 samples instead of 512 (on the
validation recordings the estimates of the two hops differ by at most 0.01), the louder
half of them, and the mode of their deviation from the nearest semitone. librosa takes
the mode of a histogram of 0.01-wide bins, and on 2 of the 856 in-tune training
recordings it found -0.47, a spike that one steady inharmonic partial makes; the mode of
a moving sum over 5 of those bins finds none of the 856 off by 0.15 or more, and the
detuned validation recordings as well. :func:`resolve_tuning` turns a
:class:`~skbass.CQTFrames` ``tuning`` parameter into the shift of its bins.
"""

import numpy as np

#: Estimated deviations smaller than this (in fractions of a bin) are taken as in tune:
#: on in-tune validation recordings the estimate scatters within +-0.11.
TUNING_TOLERANCE = 0.15

_N_FFT = 2048
_HOP = _N_FFT  # librosa's default is a quarter of it; the estimates agree within 0.01
_FMIN, _FMAX = 150.0, 4000.0
_RESOLUTION = 0.01
_SMOOTH = 2  # histogram bins on either side summed before the mode is taken
_BLOCK = 512  # frames per block of the spectrum, to bound memory on long recordings


def _peaks(y, sr):
    """Frequencies and magnitudes of the spectral peaks librosa's ``piptrack`` keeps."""
    padded = np.pad(np.asarray(y, dtype=np.float32), _N_FFT // 2)  # centred frames, zeros
    n_frames = 1 + (len(padded) - _N_FFT) // _HOP
    window = (0.5 - 0.5 * np.cos(2 * np.pi * np.arange(_N_FFT) / _N_FFT)).astype(np.float32)
    freqs = np.arange(_N_FFT // 2 + 1) * sr / _N_FFT
    in_range = np.flatnonzero((freqs >= _FMIN) & (freqs < min(_FMAX, sr / 2)))
    if len(in_range) == 0:
        return np.zeros(0), np.zeros(0)
    lo, hi = in_range[0], in_range[-1] + 1  # the bins searched; their neighbours come along
    rows = slice(lo - 1, hi + 1)
    frames = np.lib.stride_tricks.sliding_window_view(padded, _N_FFT)[::_HOP][:n_frames]
    pitch, mag = [], []
    for start in range(0, n_frames, _BLOCK):
        spectrum = np.abs(np.fft.rfft(frames[start : start + _BLOCK] * window, axis=1)).T
        gate = 0.1 * spectrum.max(axis=0)
        S = spectrum[rows]  # bins lo - 1 .. hi; the centre ones, 1:-1, are the bins searched
        centre, below, above = S[1:-1], S[:-2], S[2:]
        # parabolic interpolation against the neighbours (0 where the parabola's peak
        # would lie more than a bin away), and the peak value it gives
        a = above + below - 2 * centre
        b = (above - below) / 2
        with np.errstate(divide="ignore", invalid="ignore"):
            shift = np.where(np.abs(b) >= np.abs(a), 0.0, -b / a)
        gated = S * (S > gate)
        peak = (gated[1:-1] > gated[:-2]) & (gated[1:-1] >= gated[2:])
        bins, cols = np.nonzero(peak)
        pitch.append((lo + bins + shift[bins, cols]) * sr / _N_FFT)
        mag.append(centre[bins, cols] + 0.5 * b[bins, cols] * shift[bins, cols])
    return np.concatenate(pitch), np.concatenate(mag)


def estimate_tuning(y, sr, *, bins_per_octave=12):
    """Deviation of a recording's tuning from A440, in fractions of a bin.

    Parameters
    ----------
    y : np.ndarray [shape=(n,)]
        Mono signal.
    sr : float
        Its sample rate in Hz.
    bins_per_octave : int, default=12
        Bins per octave (12: the deviation is in fractions of a semitone).

    Returns
    -------
    tuning : float
        In [-0.5, 0.5), resolution 0.01 (0.0 when the signal has no spectral peak).

    Examples
    --------
    >>> import numpy as np
    >>> sr = 22050
    >>> t = np.arange(2 * sr) / sr
    >>> y = sum(np.sin(2 * np.pi * 110 * k * 2 ** (0.3 / 12) * t) / k for k in (1, 2, 3))
    >>> round(estimate_tuning(y, sr), 1)   # 30 cents sharp
    0.3
    """
    pitch, mag = _peaks(y, sr)
    voiced = pitch > 0
    if not voiced.any():
        return 0.0
    loud = pitch[voiced & (mag >= np.median(mag[voiced]))]
    return pitch_tuning(loud, bins_per_octave=bins_per_octave)


def pitch_tuning(frequencies, *, bins_per_octave=12):
    """The most common deviation of frequencies from the A440 grid, in fractions of a bin.

    :func:`librosa.pitch_tuning` with a moving sum over 5 of its 0.01-wide histogram bins
    (wrapping around at +-0.5) before the mode is taken.

    Parameters
    ----------
    frequencies : np.ndarray [shape=(n,)]
        Frequencies in Hz (positive).
    bins_per_octave : int, default=12
        Bins per octave.

    Returns
    -------
    tuning : float
        In [-0.5, 0.5), resolution 0.01.
    """
    residual = np.mod(bins_per_octave * np.log2(np.asarray(frequencies) / 27.5), 1.0)
    residual[residual >= 0.5] -= 1.0
    edges = np.linspace(-0.5, 0.5, int(np.ceil(1.0 / _RESOLUTION)) + 1)
    counts, _ = np.histogram(residual, edges)
    # the broad mode of the tuning rather than a spike of one steady inharmonic partial
    wrapped = np.concatenate([counts[-_SMOOTH:], counts, counts[:_SMOOTH]])
    smoothed = np.convolve(wrapped, np.ones(2 * _SMOOTH + 1), mode="valid")
    return float(edges[np.argmax(smoothed)])


def resolve_tuning(y, sr, tuning, *, bins_per_octave=12):
    """The shift of the constant-Q bins, in fractions of a bin, for a ``tuning`` setting.

    Parameters
    ----------
    y : np.ndarray [shape=(n,)]
        Mono signal.
    sr : float
        Its sample rate in Hz.
    tuning : float or None
        A fixed deviation from A440 (returned as is), or None: :func:`estimate_tuning`,
        with deviations within :data:`TUNING_TOLERANCE` taken as 0.
    bins_per_octave : int, default=12
        Bins per octave of the constant-Q transform.

    Returns
    -------
    tuning : float
    """
    if tuning is not None:
        return float(tuning)
    estimate = estimate_tuning(y, sr, bins_per_octave=bins_per_octave)
    return estimate if abs(estimate) >= TUNING_TOLERANCE else 0.0
