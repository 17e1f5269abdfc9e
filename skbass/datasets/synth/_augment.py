"""Data augmentation of the paper (section 3.3): time-stretch x pitch-shift.

Generated sets are augmented in the MIDI domain before rendering, which keeps labels
exact (see ``transform_piece``).  :func:`augment_recording` does the same to audio a user
already has, with the label sequence resampled and transposed to match.
"""

from numbers import Integral, Real

import numpy as np

from ...utils._constants import BASS_MAX_MIDI, BASS_MIN_MIDI, HOP_LENGTH, SR
from ...utils._frames import n_frames_for

#: Duration factors of the paper's time-stretch settings.
STRETCHES = (0.9, 1.0, 1.1)
#: Semitone shifts of the paper's pitch-shift settings.
SHIFTS = (-2, -1, 0, 1, 2)
#: The 15 ``(stretch, shift)`` combinations, the unmodified ``(1.0, 0)`` among them.
AUGMENTATIONS = tuple((s, p) for s in STRETCHES for p in SHIFTS)


def check_augmentation(stretch, shift):
    """Validate one ``(stretch, shift)`` pair; returns ``(float, int)``."""
    if isinstance(stretch, bool) or not isinstance(stretch, Real) or not 0.25 <= stretch <= 4:
        raise ValueError(f"stretch must be a duration factor in [0.25, 4], got {stretch!r}")
    if isinstance(shift, bool) or not isinstance(shift, Integral) or abs(shift) > 24:
        raise ValueError(
            f"shift must be an integer number of semitones in [-24, 24], got {shift!r}"
        )
    return float(stretch), int(shift)


def augment_recording(y, labels, *, sr=SR, hop_length=HOP_LENGTH, stretch=1.0, shift=0):
    """Time-stretch and pitch-shift a recording and its frame labels together.

    The audio is processed with :func:`librosa.effects.time_stretch` (rate ``1/stretch``)
    and :func:`librosa.effects.pitch_shift`.  Label frame ``j`` of the result, centred at
    ``t = j * hop_length / sr``, takes the label of the original frame nearest
    ``t / stretch``, transposed by ``shift``; pitches leaving MIDI 26..69 become 0.

    Parameters
    ----------
    y : np.ndarray [shape=(n,)]
        Mono audio at ``sr``.
    labels : np.ndarray [shape=(1 + n // hop_length,)]
        MIDI pitch per frame, 0 = no bass.
    sr : int
        Sample rate in Hz.
    hop_length : int
        Hop of the labels in samples.
    stretch : float
        Duration factor (1.1 = 10 % longer), as in :data:`STRETCHES`.
    shift : int
        Semitones, as in :data:`SHIFTS`.

    Returns
    -------
    y_aug : np.ndarray [shape=(m,), dtype=float32]
    labels_aug : np.ndarray [shape=(1 + m // hop_length,), dtype=int64]

    Examples
    --------
    >>> import numpy as np
    >>> y = np.zeros(22050, dtype=np.float32); labels = np.full(22, 40)
    >>> y2, l2 = augment_recording(y, labels, stretch=1.0, shift=2)
    >>> int(l2[0]), len(l2) == 1 + len(y2) // 1024
    (42, True)
    """
    import librosa

    stretch, shift = check_augmentation(stretch, shift)
    y = np.asarray(y, dtype=np.float32)
    labels = np.asarray(labels, dtype=np.int64)
    if y.ndim != 1:
        raise ValueError(f"y must be 1-D mono audio, got shape {y.shape}")
    expected = n_frames_for(len(y), hop_length=hop_length)
    if labels.ndim != 1 or len(labels) != expected:
        raise ValueError(
            f"labels must have 1 + len(y) // hop_length = {expected} frames, got {labels.shape}"
        )
    out = y
    if stretch != 1.0:
        out = librosa.effects.time_stretch(out, rate=1.0 / stretch)
    if shift != 0:
        out = librosa.effects.pitch_shift(out, sr=sr, n_steps=shift)
    out = np.asarray(out, dtype=np.float32)
    m = n_frames_for(len(out), hop_length=hop_length)
    src = np.clip(np.round(np.arange(m) / stretch).astype(int), 0, len(labels) - 1)
    new = labels[src]
    new = np.where(new > 0, new + shift, 0)
    new[(new < BASS_MIN_MIDI) | (new > BASS_MAX_MIDI)] = 0
    return out, new.astype(np.int64)
