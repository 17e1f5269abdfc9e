"""Reading and checking recordings: arrays, ``(array, sr)`` pairs or audio file paths."""

import os
import warnings
from numbers import Integral

import numpy as np

from ._constants import SR
from ._wav import wav_shortfall

#: Peak absolute amplitude at or below which a recording counts as silent.
SILENCE_PEAK = 1e-6
#: Peak absolute amplitude above which a float signal gets a warning (audio is in [-1, 1]).
LOUD_PEAK = 4.0
#: Plausible sample rates of a ``(signal, sr)`` pair, in Hz.
MIN_SR, MAX_SR = 4000, 384000


def load_recording(recording, *, sr=SR, index=0):
    """Return one recording as a mono float32 signal at ``sr``.

    Parameters
    ----------
    recording : str, os.PathLike, np.ndarray or tuple
        An audio file path (any format soundfile or audioread reads), a signal
        already at ``sr`` (``[shape=(n,)]`` mono, or ``[shape=(channels, n)]`` /
        ``[shape=(n, channels)]`` multichannel, mixed down), or a pair
        ``(signal, signal_sr)`` which is resampled to ``sr`` (``signal_sr`` in
        4000..384000 Hz). Float samples are audio in [-1, 1] (a peak above 4 warns);
        integer PCM (int8/16/32, uint8/16/32) is scaled to [-1, 1] as audio files are.
    sr : int
        Target sample rate in Hz.
    index : int
        Position of the recording in its sequence, used in error messages.

    Returns
    -------
    y : np.ndarray [shape=(n,), dtype=float32]
        Mono signal at ``sr``.

    Raises
    ------
    FileNotFoundError
        If a path does not exist.
    ValueError
        If the file cannot be decoded, or the signal is empty, silent, not finite,
        of the wrong dimensionality, or its sample rate is not an integer in
        4000..384000.
    TypeError
        If ``recording`` is none of the accepted kinds, or its samples are not numbers
        (int64 samples are refused as ambiguous).

    Warns
    -----
    UserWarning
        If a WAV file holds fewer samples than its header promises (truncated), or a
        float signal's peak amplitude exceeds 4.
    """
    name = f"recording {index}"
    if isinstance(recording, (str, os.PathLike)):
        path = os.fspath(recording)
        name = f"recording {index} ({path!r})"
        if not os.path.isfile(path):
            raise FileNotFoundError(f"{name}: no such audio file")
        try:
            y = read_audio(path, sr=sr)
        except Exception as exc:  # soundfile/audioread raise many types
            raise ValueError(f"{name}: cannot read audio file ({exc})") from exc
        shortfall = wav_shortfall(path)
        if shortfall is not None:
            warnings.warn(
                f"{name}: the WAV header promises {shortfall[0]} bytes of audio but the file "
                f"holds {shortfall[1]}; the file looks truncated, reading what is there",
                stacklevel=2,
            )
        return check_signal(y, name=name)

    native_sr = sr
    if isinstance(recording, tuple):
        if len(recording) != 2:
            raise TypeError(f"{name}: a tuple recording must be (signal, sample_rate)")
        recording, native_sr = recording
        if (
            not isinstance(native_sr, (Integral, float))
            or isinstance(native_sr, bool)
            or not np.isfinite(native_sr)
            or native_sr <= 0
            or native_sr != int(native_sr)
        ):
            raise ValueError(f"{name}: sample rate must be a positive integer, got {native_sr!r}")
        native_sr = int(native_sr)
        if not MIN_SR <= native_sr <= MAX_SR:
            raise ValueError(
                f"{name}: sample rate {native_sr} Hz is implausible for audio; expected "
                f"{MIN_SR}..{MAX_SR} Hz (is the pair (signal, sample_rate) in that order?)"
            )
    if not isinstance(recording, (np.ndarray, list)):
        raise TypeError(
            f"{name}: expected an audio file path, a signal array or a (signal, sr) "
            f"pair, got {type(recording).__name__}"
        )
    y = _mix_down(_as_float(np.asarray(recording), name), name)
    y = check_signal(y, name=name)
    peak = float(np.max(np.abs(y)))
    if peak > LOUD_PEAK:
        warnings.warn(
            f"{name}: peak amplitude {peak:.3g} is far outside [-1, 1], the range of float "
            "audio; scale the signal (integer PCM cast to float?)",
            stacklevel=2,
        )
    if native_sr != sr:
        y = resample(y, native_sr, sr)
    return y


def resample(y, orig_sr, target_sr):
    """Resample a mono signal with soxr "HQ" to ``ceil(n * target_sr / orig_sr)`` samples.

    What ``librosa.resample`` does with its default ``res_type="soxr_hq"``, without
    importing librosa.

    Parameters
    ----------
    y : np.ndarray [shape=(n,)]
        Mono signal.
    orig_sr, target_sr : int
        Sample rates in Hz.

    Returns
    -------
    y : np.ndarray [shape=(ceil(n * target_sr / orig_sr),), dtype=float32]
    """
    import soxr

    y = np.asarray(y, dtype=np.float32)
    if orig_sr == target_sr:
        return y
    n_out = int(np.ceil(len(y) * float(target_sr) / orig_sr))
    out = soxr.resample(y, orig_sr, target_sr, quality="soxr_hq")
    if len(out) < n_out:
        out = np.pad(out, (0, n_out - len(out)))
    return np.ascontiguousarray(out[:n_out], dtype=np.float32)


def read_audio(path, *, sr=SR):
    """Read an audio file as a mono float32 signal at ``sr`` (channels averaged).

    soundfile reads the formats libsndfile knows (WAV, FLAC, OGG, MP3, ...) and soxr
    resamples, as ``librosa.load(path, sr=sr)`` does; other formats go to ``librosa.load``
    (audioread). librosa is imported only then.

    Parameters
    ----------
    path : str or os.PathLike
        Audio file.
    sr : int
        Target sample rate in Hz.

    Returns
    -------
    y : np.ndarray [shape=(n,), dtype=float32]

    Raises
    ------
    Exception
        Whatever soundfile or audioread raise for a file neither can decode.
    """
    import soundfile

    try:
        y, native_sr = soundfile.read(path, dtype="float32", always_2d=True)
    except soundfile.SoundFileRuntimeError:
        import librosa

        y, _ = librosa.load(path, sr=sr, mono=True)
        return y
    y = y.mean(axis=1) if y.shape[1] > 1 else y[:, 0]
    return resample(y, native_sr, sr)


def _as_float(y, name):
    """Float32 samples; integer PCM scaled to [-1, 1] as audio files are."""
    if y.dtype.kind == "f":
        return y.astype(np.float32, copy=False)
    if y.dtype.kind in "iu" and y.dtype.itemsize <= 4:
        half = 2.0 ** (8 * y.dtype.itemsize - 1)
        offset = half if y.dtype.kind == "u" else 0.0
        return ((y.astype(np.float64) - offset) / half).astype(np.float32)
    if y.dtype.kind in "iu":
        raise TypeError(
            f"{name}: {y.dtype} samples are ambiguous; pass float samples in [-1, 1] or "
            "integer PCM (int16, int32, uint8)"
        )
    raise TypeError(f"{name}: signal must be numeric, got dtype {y.dtype}")


def _mix_down(y, name):
    if y.ndim == 1:
        return y
    if y.ndim == 2:
        # channels are the short axis: (channels, n) as librosa, (n, channels) as soundfile
        axis = 0 if y.shape[0] <= y.shape[1] else 1
        return y.mean(axis=axis)
    raise ValueError(f"{name}: signal must be 1-D (mono) or 2-D (multichannel), got {y.ndim}-D")


def check_signal(y, *, name="recording"):
    """Check that a mono signal is non-empty, finite and not silent.

    Parameters
    ----------
    y : np.ndarray [shape=(n,)]
        Mono signal.
    name : str
        How error messages name the signal.

    Returns
    -------
    y : np.ndarray [shape=(n,), dtype=float32]
        The same signal as float32.

    Examples
    --------
    >>> check_signal(np.zeros(100))
    Traceback (most recent call last):
    ...
    ValueError: recording is silent (peak amplitude 0 <= 1e-06)
    """
    y = np.asarray(y, dtype=np.float32)
    if y.size == 0:
        raise ValueError(f"{name} is empty")
    if not np.all(np.isfinite(y)):
        raise ValueError(f"{name} contains NaN or infinite samples")
    peak = float(np.max(np.abs(y)))
    if peak <= SILENCE_PEAK:
        raise ValueError(f"{name} is silent (peak amplitude {peak:.3g} <= {SILENCE_PEAK:g})")
    return y


def fit_peak(y, peak_range):
    """A signal scaled so that its peak amplitude lies within ``peak_range``.

    Parameters
    ----------
    y : np.ndarray [shape=(n,)]
        Signal.
    peak_range : tuple of float or None
        ``(low, high)``: a signal whose peak lies outside is scaled to the nearer bound,
        one inside is returned as it is. None: returned as it is.

    Returns
    -------
    y : np.ndarray [shape=(n,)]

    Examples
    --------
    >>> float(np.abs(fit_peak(np.array([0.01, -0.02]), (0.5, 0.95))).max())
    0.5
    >>> fit_peak(np.array([0.6, -0.2]), (0.5, 0.95)).tolist()
    [0.6, -0.2]
    """
    if peak_range is None:
        return y
    low, high = peak_range
    peak = float(np.max(np.abs(y))) if len(y) else 0.0
    if peak == 0.0 or low <= peak <= high:
        return y
    return y * np.asarray(min(max(peak, low), high) / peak, dtype=y.dtype)


def as_recording_list(X):
    """Turn recording-level ``X`` into a list of recordings.

    Parameters
    ----------
    X : sequence or np.ndarray
        A list/tuple of recordings (paths, signals or ``(signal, sr)`` pairs), or a
        2-D array whose rows are equal-length mono signals.

    Returns
    -------
    recordings : list
        One entry per recording.
    """
    if isinstance(X, (str, os.PathLike)):
        raise TypeError(
            "X must be a sequence of recordings; wrap a single file path in a list: [path]"
        )
    if isinstance(X, np.ndarray):
        if X.dtype == object:
            return list(X.ravel()) if X.ndim == 1 else _raise_dims(X)
        if X.ndim == 2:
            return list(X)
        if X.ndim == 1:
            raise ValueError("X is a single 1-D signal; pass a list of recordings, e.g. [signal]")
        _raise_dims(X)
    if isinstance(X, (list, tuple)):
        if len(X) == 0:
            raise ValueError("X contains no recordings")
        return list(X)
    raise TypeError(f"X must be a list of recordings, got {type(X).__name__}")


def _raise_dims(X):
    raise ValueError(
        f"X must be a list of recordings or a 2-D array of signals (one per row), "
        f"got an array of shape {X.shape}"
    )
