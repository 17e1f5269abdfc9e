"""The constant-Q transform in NumPy (librosa's algorithm, without importing librosa), and the
bass pipeline's constant-Q frames.

:func:`constant_q` computes what ``np.abs(librosa.cqt(y, sr=..., hop_length=...,
fmin=..., n_bins=..., bins_per_octave=...))`` computes with librosa's defaults (Hann
wavelets of filter scale 1, L1-normalised, FFT bases sparsified at quantile 0.01, octave
by octave with soxr "HQ" halving between octaves, zero padding at the edges, outputs scaled
by the square root of the filter lengths), equal within float32 rounding (a test checks it
against librosa). It exists because importing librosa's CQT also imports scipy.signal,
scipy.stats and numba, which costs more than a second before any audio is analysed; the
only libraries it imports are NumPy and soxr (the resampler librosa itself uses).
"""

from functools import lru_cache

import numpy as np

from ..utils._audio import fit_peak, resample
from ..utils._constants import CQT_BINS_PER_OCTAVE, CQT_FMIN, CQT_N_BINS, HOP_LENGTH, SR
from ._tuning import resolve_tuning

#: Equivalent noise bandwidth of the Hann window in bins (librosa's table value).
HANN_BANDWIDTH = 1.50018310546875
#: Share of each FFT basis row's total magnitude dropped as its smallest entries.
SPARSITY = 0.01
#: The parameters of :func:`cqt_frames` (and of :class:`~skbass.CQTFrames`) that decide
#: the frames: two models whose values of these agree hear the same frames.
CQT_PARAMS = (
    "sr",
    "hop_length",
    "fmin",
    "n_bins",
    "bins_per_octave",
    "magnitude",
    "tuning",
    "peak_range",
)


def _downsample(y, factor):
    """Resample by ``1 / factor`` to ``ceil(n / factor)`` samples, energy kept (as librosa)."""
    out = resample(y, factor, 1)
    out /= np.sqrt(1.0 / factor)
    return out


def _relative_bandwidth(freqs, bins_per_octave=None):
    if len(freqs) == 1:  # one bin: the equal-tempered bandwidth, as librosa
        r = 2 ** (1 / bins_per_octave)
        return np.atleast_1d((r**2 - 1) / (r**2 + 1))
    logf = np.log2(freqs)
    bpo = np.empty_like(freqs)
    bpo[0] = 1 / (logf[1] - logf[0])
    bpo[-1] = 1 / (logf[-1] - logf[-2])
    bpo[1:-1] = 2 / (logf[2:] - logf[:-2])
    return (2.0 ** (2 / bpo) - 1) / (2.0 ** (2 / bpo) + 1)


def bin_frequencies(fmin, n_bins, bins_per_octave):
    """Centre frequencies of the bins in Hz (equal temperament from ``fmin``).

    Parameters
    ----------
    fmin : float
        Centre frequency of the lowest bin in Hz.
    n_bins : int
        Number of bins.
    bins_per_octave : int
        Bins per octave.

    Returns
    -------
    freqs : np.ndarray [shape=(n_bins,)]
    """
    return fmin * 2.0 ** (np.arange(n_bins) / bins_per_octave)


def filter_lengths(freqs, sr, bins_per_octave=None):
    """Length in samples of each bin's wavelet at ``sr`` (filter scale 1, Hann window).

    Parameters
    ----------
    freqs : np.ndarray [shape=(n_bins,)]
        Centre frequencies in Hz, ascending.
    sr : float
        Sample rate in Hz.
    bins_per_octave : int or None
        Bins per octave; used only for a single bin.

    Returns
    -------
    lengths : np.ndarray [shape=(n_bins,)]
        Fractional lengths ``Q * sr / f``.
    cutoff : float
        Highest frequency the filters pass, in Hz.
    """
    freqs = np.asarray(freqs, dtype=float)
    q = 1.0 / _relative_bandwidth(freqs, bins_per_octave)
    cutoff = float(np.max(freqs * (1 + 0.5 * HANN_BANDWIDTH / q)))
    return q * sr / freqs, cutoff


@lru_cache(maxsize=64)
def _fft_basis(sr, freqs, q):
    """One octave's wavelets, Fourier-transformed and sparsified (dense complex64), and n_fft."""
    freqs, q = np.asarray(freqs), np.asarray(q)
    lengths = q * sr / freqs
    n_fft = int(2.0 ** np.ceil(np.log2(lengths.max())))
    basis = np.zeros((len(freqs), n_fft), dtype=np.complex64)
    for row, (length, freq) in enumerate(zip(lengths, freqs)):
        angles = np.arange(-length // 2, length // 2, dtype=float) * 2 * np.pi * freq / sr
        n = len(angles)
        window = 0.5 - 0.5 * np.cos(2 * np.pi * np.arange(n) / n)  # periodic Hann
        sig = (np.cos(angles) + 1j * np.sin(angles)) * window
        start = (n_fft - n) // 2
        basis[row, start : start + n] = sig / np.sum(np.abs(sig))
    basis *= lengths[:, np.newaxis] / float(n_fft)
    spectrum = np.fft.fft(basis, n=n_fft, axis=1)[:, : n_fft // 2 + 1]
    # drop each row's smallest entries holding SPARSITY of its total magnitude
    magnitude = np.abs(spectrum)
    ordered = np.sort(magnitude, axis=1)
    cumulative = np.cumsum(ordered / np.sum(magnitude, axis=1, keepdims=True), axis=1)
    kept_from = ordered[np.arange(len(freqs)), np.argmin(cumulative < SPARSITY, axis=1)]
    spectrum[magnitude < kept_from[:, np.newaxis]] = 0
    spectrum.flags.writeable = False
    return spectrum, n_fft


def _stft_ones(y, n_fft, hop_length):
    """Centred, zero-padded STFT with a rectangular window: [shape=(n_fft // 2 + 1, frames)]."""
    padded = np.pad(y, n_fft // 2)
    n_frames = 1 + (len(padded) - n_fft) // hop_length
    frames = np.lib.stride_tricks.as_strided(
        padded,
        shape=(n_frames, n_fft),
        strides=(padded.strides[0] * hop_length, padded.strides[0]),
        writeable=False,
    )
    return np.fft.rfft(frames, axis=1).T


def constant_q(y, *, sr, hop_length, fmin, n_bins, bins_per_octave):
    """Constant-Q magnitudes of a mono signal, as ``np.abs(librosa.cqt(...))`` gives them.

    Parameters
    ----------
    y : np.ndarray [shape=(n,)]
        Mono signal at ``sr`` (computed in float32).
    sr : int
        Sample rate in Hz.
    hop_length : int
        Samples between frame centres; frame ``i`` is centred at ``i * hop_length``.
    fmin : float
        Centre frequency of the lowest bin in Hz.
    n_bins : int
        Number of bins.
    bins_per_octave : int
        Bins per octave.

    Returns
    -------
    magnitudes : np.ndarray [shape=(n_bins, 1 + n // hop_length), dtype=float32]

    Raises
    ------
    ValueError
        If the highest filter reaches past the Nyquist frequency, or the signal is too
        short for the number of octaves.

    Examples
    --------
    >>> sr = 22050
    >>> y = np.sin(2 * np.pi * 110.0 * np.arange(sr) / sr).astype(np.float32)
    >>> C = constant_q(y, sr=sr, hop_length=1024, fmin=55.0, n_bins=24, bins_per_octave=12)
    >>> C.shape, int(C[:, 10].argmax())   # 110 Hz is one octave above fmin
    ((24, 22), 12)
    """
    y = np.asarray(y, dtype=np.float32)
    n_octaves = int(np.ceil(n_bins / bins_per_octave))
    n_filters = min(bins_per_octave, n_bins)
    freqs = bin_frequencies(fmin, n_bins, bins_per_octave)
    q = 1.0 / _relative_bandwidth(freqs, bins_per_octave)
    _, cutoff = filter_lengths(freqs, sr, bins_per_octave)
    if cutoff > sr / 2:
        raise ValueError(
            f"the highest constant-Q filter reaches {cutoff:.0f} Hz, above the Nyquist "
            f"frequency {sr / 2:.0f} Hz; lower fmin or n_bins"
        )
    # early downsampling, as librosa: while the top octave stays well below Nyquist and
    # the hop keeps a factor of two for each octave still to come
    twos = (hop_length & -hop_length).bit_length() - 1
    count = min(
        max(0, int(np.ceil(np.log2(sr / 2 / cutoff)) - 1) - 1),
        max(0, twos - n_octaves + 1),
    )
    if count > 0:
        if len(y) < 2**count:
            raise ValueError(f"a signal of {len(y)} samples is too short for {n_octaves} octaves")
        y = _downsample(y, 2**count)
        sr, hop_length = sr / 2**count, hop_length // 2**count
    my_sr, my_hop = float(sr), hop_length
    octaves = []
    for octave in range(n_octaves):
        stop = n_bins - n_filters * octave
        start = max(0, stop - n_filters)
        basis, n_fft = _fft_basis(my_sr, tuple(freqs[start:stop]), tuple(q[start:stop]))
        basis = basis * np.sqrt(sr / my_sr)
        octaves.append(basis @ _stft_ones(y, n_fft, my_hop))
        if my_hop % 2 == 0:
            my_hop //= 2
            my_sr /= 2.0
            y = _downsample(y, 2)
    n_frames = min(o.shape[1] for o in octaves)
    stacked = np.concatenate([o[:, :n_frames] for o in reversed(octaves)], axis=0)
    lengths = q * sr / freqs
    return (np.abs(stacked) / np.sqrt(lengths)[:, np.newaxis]).astype(np.float32)


def frames_tuning(y, params):
    """The shift of the bins, in fractions of a bin, that :func:`cqt_frames` uses for ``y``.

    Parameters
    ----------
    y : np.ndarray [shape=(n,)]
        Mono signal.
    params : dict
        :func:`cqt_frames`' parameters (the keys of :data:`CQT_PARAMS`).

    Returns
    -------
    tuning : float
        ``params["tuning"]`` when it is fixed, else the signal's own tuning
        (:func:`~skbass.features._tuning.resolve_tuning`, after the level of
        ``params["peak_range"]``).
    """
    return resolve_tuning(
        fit_peak(y, params["peak_range"]),
        params["sr"],
        params["tuning"],
        bins_per_octave=params["bins_per_octave"],
    )


def cqt_frames(
    y,
    *,
    sr=SR,
    hop_length=HOP_LENGTH,
    fmin=CQT_FMIN,
    n_bins=CQT_N_BINS,
    bins_per_octave=CQT_BINS_PER_OCTAVE,
    magnitude="magnitude",
    tuning=0.0,
    peak_range=None,
):
    """Constant-Q frames of one mono signal (what :class:`CQTFrames` computes per recording).

    Parameters
    ----------
    y : np.ndarray [shape=(n,)]
        Mono signal at ``sr``.
    sr : int
        Sample rate in Hz.
    hop_length : int
        Samples between frame centres.
    fmin : float
        Centre frequency of the lowest bin in Hz.
    n_bins : int
        Number of bins.
    bins_per_octave : int
        Bins per octave.
    magnitude : {"magnitude", "power"}
        ``|CQT|`` or ``|CQT|**2``.
    tuning : float or None
        Deviation of the bins from A440 in fractions of a bin, as ``librosa.cqt``'s: the
        lowest bin is at ``fmin * 2 ** (tuning / bins_per_octave)``. None: the signal's
        own (:func:`~skbass.features._tuning.resolve_tuning`).
    peak_range : tuple of float or None
        ``(low, high)``: a signal whose peak amplitude lies outside is first scaled to the
        nearer bound (:func:`~skbass.utils._audio.fit_peak`); None: as it is.

    Returns
    -------
    frames : np.ndarray [shape=(1 + n // hop_length, n_bins), dtype=float32]
    """
    y = fit_peak(y, peak_range)
    shift = resolve_tuning(y, sr, tuning, bins_per_octave=bins_per_octave)
    C = constant_q(
        y,
        sr=sr,
        hop_length=hop_length,
        fmin=fmin * 2.0 ** (shift / bins_per_octave),
        n_bins=n_bins,
        bins_per_octave=bins_per_octave,
    )
    if magnitude == "power":
        C = C**2
    return np.ascontiguousarray(C.T, dtype=np.float32)
