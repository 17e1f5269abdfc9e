"""Chords, scales and the chord progressions of common jazz forms.

A form is a list of bars; a bar is a list of ``(degree, quality, beats)`` chords, where
``degree`` is the root in semitones above the tonic of the tune.  Forms are written in
4/4 and transposed to a key when a piece is generated.
"""

#: Chord tones (semitones above the root) per chord quality.
CHORD_TONES = {
    "maj7": (0, 4, 7, 11),
    "6": (0, 4, 7, 9),
    "7": (0, 4, 7, 10),
    "m7": (0, 3, 7, 10),
    "m6": (0, 3, 7, 9),
    "m7b5": (0, 3, 6, 10),
    "dim7": (0, 3, 6, 9),
    "7alt": (0, 4, 8, 10),
    "7sus": (0, 5, 7, 10),
}

#: Scale (chord-scale) per chord quality, used for scale-wise passing and approach notes.
CHORD_SCALES = {
    "maj7": (0, 2, 4, 5, 7, 9, 11),
    "6": (0, 2, 4, 5, 7, 9, 11),
    "7": (0, 2, 4, 5, 7, 9, 10),
    "m7": (0, 2, 3, 5, 7, 9, 10),
    "m6": (0, 2, 3, 5, 7, 9, 11),
    "m7b5": (0, 1, 3, 5, 6, 8, 10),
    "dim7": (0, 2, 3, 5, 6, 8, 9, 11),
    "7alt": (0, 1, 3, 4, 6, 8, 10),
    "7sus": (0, 2, 4, 5, 7, 9, 10),
}

#: Colour tones (semitones above the root) a pianist adds to a voicing.
COLOUR_TONES = {
    "maj7": (2, 9),
    "6": (2,),
    "7": (2, 9),
    "m7": (2, 5),
    "m6": (2,),
    "m7b5": (5,),
    "dim7": (),
    "7alt": (1, 3),
    "7sus": (2, 9),
}


def _bars(spec):
    """Parse a compact form spec: bars split by ``|``, chords by spaces.

    A chord is ``degree:quality``; a bar with one chord lasts 4 beats, a bar with two
    lasts 2 + 2 beats.
    """
    bars = []
    for bar in spec.split("|"):
        chords = bar.split()
        if not chords:
            continue
        beats = 4 // len(chords)
        parsed = []
        for chord in chords:
            degree, quality = chord.split(":")
            parsed.append((int(degree) % 12, quality, beats))
        bars.append(parsed)
    return bars


_BLUES = "0:7|5:7|0:7|7:m7 0:7|5:7|6:dim7|0:7|9:7|2:m7|7:7|0:7 9:7|2:m7 7:7"
_MINOR_BLUES = "0:m7|0:m7|0:m7|0:m7|5:m7|5:m7|0:m7|0:m7|8:7|7:7alt|0:m7 8:7|2:m7b5 7:7alt"
_RHYTHM_A = "0:maj7 9:7|2:m7 7:7|0:maj7 9:7|2:m7 7:7|0:7|5:maj7 6:dim7|0:maj7 9:7|2:m7 7:7"
_RHYTHM_B = "4:7|4:7|9:7|9:7|2:7|2:7|7:7|7:7"
_CYCLE = (
    "2:m7|7:7|0:maj7|5:maj7|11:m7b5|4:7alt|9:m7|9:m7|"
    "2:m7|7:7|0:maj7|5:maj7|11:m7b5|4:7alt|9:m7|9:m7|"
    "11:m7b5|4:7alt|9:m7|9:m7|2:m7|7:7|0:maj7|0:maj7|"
    "11:m7b5|4:7alt|9:m7 8:7|7:m7 6:7|5:maj7|11:m7b5 4:7alt|9:m7|9:m7"
)
_DESCENDING_II_V = (
    "2:m7|7:7|0:maj7|0:maj7|0:m7|5:7|10:maj7|10:maj7|"
    "10:m7|3:7|8:maj7|8:maj7|2:m7|7:7|0:maj7|2:m7 7:7"
)
_STANDARD_AABA = (
    "0:maj7 9:m7|2:m7 7:7|4:m7 9:7|2:m7 7:7|0:maj7 0:7|5:maj7 5:m6|4:m7 9:7|2:m7 7:7|"
    "0:maj7 9:m7|2:m7 7:7|4:m7 9:7|2:m7 7:7|0:maj7 0:7|5:maj7 5:m6|2:m7 7:7|0:6|"
    "7:m7|0:7|5:maj7|5:maj7|9:m7|2:7|2:m7|7:7|"
    "0:maj7 9:m7|2:m7 7:7|4:m7 9:7|2:m7 7:7|0:maj7 0:7|5:maj7 5:m6|2:m7 7:7|0:6"
)
_MINOR_II_V = (
    "2:m7b5|7:7alt|0:m6|0:m6|2:m7b5|7:7alt|0:m6|0:7|"
    "5:m7|10:7|3:maj7|8:maj7|2:m7b5|7:7alt|0:m6|2:m7b5 7:7alt"
)
_MODAL_AABA = "|".join(["0:m7"] * 16 + ["1:m7"] * 8 + ["0:m7"] * 8)
_MODAL_SUS = "|".join(["0:7sus"] * 8 + ["10:7sus"] * 4 + ["0:7sus"] * 4)

#: Jazz forms: name -> (form family, list of bars).
FORMS = {
    "blues": ("blues", _bars(_BLUES)),
    "minor_blues": ("blues", _bars(_MINOR_BLUES)),
    "rhythm_changes": (
        "rhythm changes",
        _bars("|".join([_RHYTHM_A, _RHYTHM_A, _RHYTHM_B, _RHYTHM_A])),
    ),
    "cycle_of_fifths_standard": ("ii-V-I standard", _bars(_CYCLE)),
    "descending_ii_v": ("ii-V-I standard", _bars(_DESCENDING_II_V)),
    "aaba_standard": ("ii-V-I standard", _bars(_STANDARD_AABA)),
    "minor_ii_v": ("ii-V-I standard", _bars(_MINOR_II_V)),
    "modal_aaba": ("modal", _bars(_MODAL_AABA)),
    "modal_sus": ("modal", _bars(_MODAL_SUS)),
}


def chord_pitch_classes(root, quality):
    """Pitch classes of a chord's tones.

    Parameters
    ----------
    root : int
        Root pitch class, 0..11.
    quality : str
        A key of :data:`CHORD_TONES`.

    Returns
    -------
    pcs : list of int
        Pitch classes, root first.

    Examples
    --------
    >>> chord_pitch_classes(7, "7")
    [7, 11, 2, 5]
    """
    return [(root + i) % 12 for i in CHORD_TONES[quality]]


def scale_pitch_classes(root, quality):
    """Pitch classes of a chord's scale, ascending from the root.

    Parameters
    ----------
    root : int
        Root pitch class, 0..11.
    quality : str
        A key of :data:`CHORD_SCALES`.

    Returns
    -------
    pcs : list of int
    """
    return [(root + i) % 12 for i in CHORD_SCALES[quality]]
