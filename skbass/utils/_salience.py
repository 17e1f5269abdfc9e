"""The one salience decoder: the arg-max pitch, its salience and the voicing decision."""

from typing import NamedTuple

import numpy as np


class DecodedSalience(NamedTuple):
    """What a salience matrix says per frame (see :func:`decode_salience`).

    Parameters
    ----------
    pitch : np.ndarray [shape=(n_frames,)]
        The most salient pitch of each frame.
    peak : np.ndarray [shape=(n_frames,)]
        Its salience.
    voiced : np.ndarray [shape=(n_frames,), dtype=bool]
        Whether the frame is said to hold a bass note.
    """

    pitch: np.ndarray
    peak: np.ndarray
    voiced: np.ndarray

    @property
    def estimate(self):
        """Pitch per frame, 0 where unvoiced.

        Returns
        -------
        estimate : np.ndarray [shape=(n_frames,)]
        """
        if self.voiced.all():  # also keeps non-numeric labels as they are
            return self.pitch
        return np.where(self.voiced, self.pitch, 0)

    @property
    def signed(self):
        """Pitch per frame, negated where unvoiced (the MIREX convention).

        Returns
        -------
        signed : np.ndarray [shape=(n_frames,)]
        """
        return np.where(self.voiced, self.pitch, -self.pitch)


def decode_salience(salience, pitches, *, voicing_threshold=None, voicing_salience=None):
    """Decode a salience matrix into pitch, peak salience and voicing per frame.

    The voicing score of a frame is its peak salience or, with ``voicing_salience`` (the
    output of a voicing network trained on the ``"sounding"`` labels, see
    :func:`~skbass.transcription.train_voicing_model`), the mean of the two networks'
    peaks.

    Parameters
    ----------
    salience : np.ndarray [shape=(n_frames, n_pitches)]
        Salience (or probability) of each pitch per frame.
    pitches : np.ndarray [shape=(n_pitches,)]
        The pitch of each column.
    voicing_threshold : float, np.ndarray [shape=(n_frames,)] or None
        A frame is voiced when its peak salience exceeds this value; None: every frame
        is voiced (the paper).
    voicing_salience : np.ndarray [shape=(n_frames, n_any)] or None
        A voicing network's salience on the same frames; None: the voicing score is the
        peak salience alone.

    Returns
    -------
    decoded : DecodedSalience
        ``pitch``, ``peak``, ``voiced``, and the derived ``estimate`` and ``signed``.

    Raises
    ------
    ValueError
        If ``salience`` is not ``(n_frames, len(pitches))``, or ``voicing_salience``
        has another number of frames.

    Examples
    --------
    >>> import numpy as np
    >>> d = decode_salience(np.array([[0.1, 0.9], [0.3, 0.2]]), np.array([40, 41]),
    ...                     voicing_threshold=0.5)
    >>> d.pitch.tolist(), d.voiced.tolist(), d.estimate.tolist(), d.signed.tolist()
    ([41, 40], [True, False], [41, 0], [41, -40])
    >>> d = decode_salience(np.array([[0.1, 0.9], [0.3, 0.2]]), np.array([40, 41]),
    ...                     voicing_threshold=0.5, voicing_salience=np.array([[0.2], [0.8]]))
    >>> d.voiced.tolist()
    [True, True]
    """
    salience = np.asarray(salience)
    if salience.ndim != 2 or salience.shape[1] != len(pitches):
        raise ValueError(
            f"salience must have shape (n_frames, {len(pitches)}), got {salience.shape}"
        )
    best = salience.argmax(axis=1)
    peak = salience[np.arange(len(best)), best]
    if voicing_threshold is None:
        voiced = np.ones(len(peak), dtype=bool)
    else:
        voiced = voicing_score(peak, voicing_salience) > voicing_threshold
    return DecodedSalience(np.asarray(pitches)[best], peak, voiced)


def voicing_score(peak, voicing_salience=None):
    """A frame's voicing score: its peak salience, or the mean of it and a voicing network's.

    Parameters
    ----------
    peak : np.ndarray [shape=(n_frames,)]
        Peak salience of the pitch network per frame.
    voicing_salience : np.ndarray [shape=(n_frames, n_any)] or None
        A voicing network's salience on the same frames.

    Returns
    -------
    score : np.ndarray [shape=(n_frames,)]

    Raises
    ------
    ValueError
        If ``voicing_salience`` has another number of frames than ``peak``.

    Examples
    --------
    >>> voicing_score(np.array([0.2, 0.9]), np.array([[0.6, 0.1], [0.3, 0.5]])).tolist()
    [0.4, 0.7]
    """
    if voicing_salience is None:
        return peak
    voicing_salience = np.asarray(voicing_salience)
    if voicing_salience.ndim != 2 or len(voicing_salience) != len(peak):
        raise ValueError(
            f"voicing_salience must have shape ({len(peak)}, n), one row per frame, "
            f"got {voicing_salience.shape}"
        )
    return (peak + voicing_salience.max(axis=1)) / 2
