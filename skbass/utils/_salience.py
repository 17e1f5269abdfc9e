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


def decode_salience(salience, pitches, *, voicing_threshold=None):
    """Decode a salience matrix into pitch, peak salience and voicing per frame.

    Parameters
    ----------
    salience : np.ndarray [shape=(n_frames, n_pitches)]
        Salience (or probability) of each pitch per frame.
    pitches : np.ndarray [shape=(n_pitches,)]
        The pitch of each column.
    voicing_threshold : float, np.ndarray [shape=(n_frames,)] or None
        A frame is voiced when its peak salience exceeds this value; None: every frame
        is voiced (the paper).

    Returns
    -------
    decoded : DecodedSalience
        ``pitch``, ``peak``, ``voiced``, and the derived ``estimate`` and ``signed``.

    Examples
    --------
    >>> import numpy as np
    >>> d = decode_salience(np.array([[0.1, 0.9], [0.3, 0.2]]), np.array([40, 41]),
    ...                     voicing_threshold=0.5)
    >>> d.pitch.tolist(), d.voiced.tolist(), d.estimate.tolist(), d.signed.tolist()
    ([41, 40], [True, False], [41, 0], [41, -40])
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
        voiced = peak > voicing_threshold
    return DecodedSalience(np.asarray(pitches)[best], peak, voiced)
