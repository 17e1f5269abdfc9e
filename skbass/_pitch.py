"""Pitch constants and conversions shared across skbass."""

import numpy as np

#: Lowest MIDI pitch of the bass salience output (D1), paper section 4.2.
BASS_MIN_MIDI = 26
#: Highest MIDI pitch of the bass salience output (G4), paper section 4.2.
BASS_MAX_MIDI = 69
#: The 44 MIDI pitches of the salience output, ``BASS_MIN_MIDI..BASS_MAX_MIDI``.
BASS_PITCHES = np.arange(BASS_MIN_MIDI, BASS_MAX_MIDI + 1)


def midi_to_hz(midi):
    """Convert MIDI pitch numbers to frequencies in Hz (A4 = MIDI 69 = 440 Hz).

    Parameters
    ----------
    midi : float or np.ndarray
        MIDI pitch number(s).

    Returns
    -------
    hz : float or np.ndarray
        Frequency in Hz, same shape as ``midi``.

    Examples
    --------
    >>> round(float(midi_to_hz(25)), 2)
    34.65
    """
    return 440.0 * 2.0 ** ((np.asarray(midi, dtype=float) - 69.0) / 12.0)
