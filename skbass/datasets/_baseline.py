"""The trivial baseline every set reports: arg-max of the CQT within MIDI 26..69."""

import numpy as np

from .._pitch import BASS_MAX_MIDI, BASS_MIN_MIDI

#: Paper feature settings (section 4.1).
PAPER_SR = 22050
PAPER_HOP = 1024
_FMIN_MIDI = 25
_N_BINS = 67


def cqt_argmax_pitch(y, sr=PAPER_SR, hop_length=PAPER_HOP):
    """MIDI pitch per frame: arg-max of the CQT magnitude over MIDI 26..69.

    Parameters
    ----------
    y : np.ndarray [shape=(n,)]
        Mono audio at ``sr``.
    sr : int
        Sample rate in Hz.
    hop_length : int
        Hop in samples.

    Returns
    -------
    pitch : np.ndarray [shape=(1 + n // hop_length,), dtype=int64]
    """
    import librosa

    C = np.abs(librosa.cqt(np.asarray(y, dtype=np.float32), sr=sr, hop_length=hop_length,
                           fmin=librosa.midi_to_hz(_FMIN_MIDI), n_bins=_N_BINS,
                           bins_per_octave=12))
    lo = BASS_MIN_MIDI - _FMIN_MIDI
    hi = BASS_MAX_MIDI - _FMIN_MIDI + 1
    return (np.argmax(C[lo:hi], axis=0) + BASS_MIN_MIDI).astype(np.int64)


def raw_pitch_accuracy(labels, estimates):
    """Fraction of labelled frames (label > 0) whose estimate equals the label.

    Returns ``nan`` when no frame is labelled.
    """
    labels = np.asarray(labels)
    estimates = np.asarray(estimates)[: len(labels)]
    voiced = labels[: len(estimates)] > 0
    if not voiced.any():
        return float("nan")
    return float(np.mean(estimates[voiced] == labels[: len(estimates)][voiced]))


def trivial_baseline_accuracy(X, y, sr=PAPER_SR, hop_length=PAPER_HOP):
    """Raw pitch accuracy of the CQT arg-max baseline over a set of recordings.

    Parameters
    ----------
    X : list of np.ndarray [shape=(n,)]
        Recordings at ``sr``.
    y : list of np.ndarray [shape=(1 + n // hop_length,)]
        Per-frame MIDI labels (0 = no bass).
    sr : int
        Sample rate in Hz.
    hop_length : int
        Hop in samples of the labels.

    Returns
    -------
    accuracy : float
        Correct labelled frames divided by labelled frames, pooled over recordings.
    """
    correct = total = 0
    for audio, labels in zip(X, y):
        est = cqt_argmax_pitch(audio, sr=sr, hop_length=hop_length)
        labels = np.asarray(labels)[: len(est)]
        voiced = labels > 0
        correct += int(np.sum(est[: len(labels)][voiced] == labels[voiced]))
        total += int(voiced.sum())
    return correct / total if total else float("nan")
