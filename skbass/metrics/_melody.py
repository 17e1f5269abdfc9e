"""MIREX raw pitch and raw chroma accuracy and voicing measures of bass lines, through mir_eval."""

import numpy as np

from ..utils._samples import pool_labels

#: Highest MIDI pitch; larger labels are taken for Hz.
MAX_MIDI = 127


def _to_mir_eval(y_true, y_pred):
    import librosa
    import mir_eval

    y_true, y_pred = pool_labels(y_true), pool_labels(y_pred)
    if y_true.ndim != 1 or y_pred.shape != y_true.shape:
        raise ValueError(
            f"y_true and y_pred must be 1-D arrays (or lists of them) of equal length, "
            f"got shapes {y_true.shape} and {y_pred.shape}"
        )
    for name, y in (("y_true", y_true), ("y_pred", y_pred)):
        if y.dtype.kind not in "biuf":
            raise TypeError(f"{name} must hold MIDI pitch numbers, got dtype {y.dtype}")
        if not np.all(np.isfinite(y.astype(float))):
            raise ValueError(f"{name} contains NaN or infinite values")
        if y.size and np.abs(y).max() > MAX_MIDI:
            raise ValueError(
                f"{name} holds values up to {np.abs(y).max():g}, above MIDI's {MAX_MIDI}: "
                "labels in Hz? Convert them with librosa.hz_to_midi (0 for no bass)"
            )
    if np.any(y_true < 0):
        raise ValueError("y_true must be 0 (no bass) or a positive MIDI pitch")
    ref_hz = np.where(y_true > 0, librosa.midi_to_hz(y_true), 0.0)
    est_hz = np.sign(y_pred) * np.where(y_pred != 0, librosa.midi_to_hz(np.abs(y_pred)), 0.0)
    ref_hz, ref_voicing = mir_eval.melody.freq_to_voicing(ref_hz)
    est_hz, est_voicing = mir_eval.melody.freq_to_voicing(est_hz)
    return (
        ref_voicing,
        mir_eval.melody.hz2cents(ref_hz),
        est_voicing,
        mir_eval.melody.hz2cents(est_hz),
    )


def raw_pitch_accuracy(y_true, y_pred):
    """Share of bass-labelled frames whose estimate is within 50 cents (MIREX).

    Parameters
    ----------
    y_true : np.ndarray [shape=(n_frames,)] or list of such arrays
        Reference MIDI pitch per frame, 0 where there is no bass.
    y_pred : np.ndarray [shape=(n_frames,)] or list of such arrays
        Estimated MIDI pitch per frame (negative: unvoiced with a pitch guess).

    Returns
    -------
    accuracy : float
        In [0, 1]; NaN-free (0.0 when no frame carries a label).

    Examples
    --------
    >>> raw_pitch_accuracy([0, 40, 40, 45], [41, 40, -40, 57])
    0.6666666666666666
    """
    return _labelled_frames_measure("raw_pitch_accuracy", y_true, y_pred)


def _labelled_frames_measure(name, y_true, y_pred):
    import mir_eval

    ref_v, ref_c, est_v, est_c = _to_mir_eval(y_true, y_pred)
    if not ref_v.any():
        return 0.0
    return float(getattr(mir_eval.melody, name)(ref_v, ref_c, est_v, est_c))


def raw_chroma_accuracy(y_true, y_pred):
    """Like :func:`raw_pitch_accuracy`, with octave errors forgiven (MIREX).

    Parameters
    ----------
    y_true : np.ndarray [shape=(n_frames,)] or list of such arrays
        Reference MIDI pitch per frame, 0 where there is no bass.
    y_pred : np.ndarray [shape=(n_frames,)] or list of such arrays
        Estimated MIDI pitch per frame (negative: unvoiced with a pitch guess).

    Returns
    -------
    accuracy : float

    Examples
    --------
    >>> raw_chroma_accuracy([0, 40, 40, 45], [41, 40, -40, 57])
    1.0
    """
    return _labelled_frames_measure("raw_chroma_accuracy", y_true, y_pred)


def voicing_measures(y_true, y_pred):
    """Voicing recall and false-alarm rate (MIREX).

    Parameters
    ----------
    y_true : np.ndarray [shape=(n_frames,)] or list of such arrays
        Reference MIDI pitch per frame, 0 where there is no bass.
    y_pred : np.ndarray [shape=(n_frames,)] or list of such arrays
        Estimated MIDI pitch per frame; positive means "bass here".

    Returns
    -------
    recall : float
        Share of bass-labelled frames estimated as voiced.
    false_alarm : float
        Share of unlabelled frames estimated as voiced.

    Examples
    --------
    >>> voicing_measures([0, 0, 40, 40], [40, -40, 40, 0])
    (0.5, 0.5)
    """
    import mir_eval

    ref_v, _, est_v, _ = _to_mir_eval(y_true, y_pred)
    recall, false_alarm = mir_eval.melody.voicing_measures(ref_v, est_v)
    return float(recall), float(false_alarm)
