"""Seeded generator of walking-bass jazz ensemble pieces and isolated bass notes.

A piece is a plain dictionary: ``parts`` maps a stem name (``"bass"``, ``"piano"``,
``"horn"``, ``"low"``, ``"drums"``) to ``{"program", "channel", "notes"}`` where ``notes``
is an ``np.ndarray [shape=(n, 4)]`` of ``onset_s, offset_s, midi, velocity`` rows, and the
remaining keys describe the piece (form, key, tempo, swing, ...).  All times are rounded
to the MIDI tick grid used when writing files (:data:`TICKS_PER_SECOND`), so the labels
computed from ``parts["bass"]["notes"]`` are exactly the notes that are rendered.

Each piece's bass plays one line style (:data:`LINE_STYLES`), drawn from the piece seed
with the weights given there, so the labels of a set of pieces cover MIDI 26..69 rather
than the walking-bass register alone:

``"walking"``
    Quarter-note walking lines in about MIDI 28..57 (some pieces open with 8 or 16 bars
    of two-feel); the pieces of this style are exactly those of earlier versions.
``"two_feel"``
    The whole piece in half notes (chord tones, then an approach to the next chord),
    in MIDI 28..60.
``"pedal"``
    Four-bar sections of a held or repeated tonic or dominant under the changing
    harmony (whole notes rung out, half notes, repeated quarters or a dotted
    ostinato), down to MIDI 26 (a five-string bass or a low-D extension), alternating
    with walking.
``"solo"``
    A bass solo in thumb position: phrases of swung eighths, scale runs and arpeggios
    with a few long notes, from MIDI 45..52 up to 66..69; the horn lays out.

Isolated notes (:func:`generate_isolated`) draw each note's length from
:data:`ISOLATED_NOTE_LENGTHS`, from staccato notes to notes held through their full decay,
and half the time repeat an open string, re-plucked while it rings (:data:`OPEN_STRINGS`).
"""

import numpy as np

from ...utils._midi import TICKS_PER_BEAT
from ._harmony import (
    CHORD_TONES,
    COLOUR_TONES,
    FORMS,
    chord_pitch_classes,
    scale_pitch_classes,
)

#: MIDI ticks per second at the fixed file tempo of 120 bpm.
TICKS_PER_SECOND = 2 * TICKS_PER_BEAT

#: General MIDI bass programs: acoustic, electric (finger), fretless; with weights.
BASS_PROGRAMS = {32: 0.75, 33: 0.1, 35: 0.15}
#: Programs rendered for isolated notes: acoustic, finger, pick, fretless bass.
ISOLATED_BASS_PROGRAMS = (32, 33, 34, 35)
#: Bass line styles of the ensemble pieces with the probability each piece draws them.
LINE_STYLES = {"walking": 0.3, "two_feel": 0.1, "pedal": 0.15, "solo": 0.45}
#: Isolated-note lengths: kind -> (shortest, longest seconds, probability). ``"decay"``
#: notes are released late, after the plucked sound has died away.
ISOLATED_NOTE_LENGTHS = {
    "short": (0.3, 0.8, 0.2),
    "medium": (0.8, 2.0, 0.45),
    "decay": (2.5, 6.0, 0.35),
}
#: Open strings of the double bass (E1, A1, D2, G2), re-plucked and left ringing in half
#: the isolated-note recordings that play them.
OPEN_STRINGS = (28, 33, 38, 43)
#: Seed-stream key of the style draw, separate from the stream that writes the piece.
_STYLE_STREAM = 0x5717
#: Piano-like comping programs: grand, bright, electric grand, electric piano 1.
PIANO_PROGRAMS = {0: 0.55, 1: 0.2, 2: 0.1, 4: 0.15}
#: Lead instruments with their playing range (low, high) in MIDI and weights.
HORNS = {
    "trumpet": (56, 55, 82, 0.22),
    "muted trumpet": (59, 55, 80, 0.08),
    "alto sax": (65, 49, 80, 0.15),
    "tenor sax": (66, 44, 75, 0.22),
    "trombone": (57, 40, 70, 0.13),
    "baritone sax": (67, 36, 65, 0.07),
    "clarinet": (71, 50, 82, 0.05),
    "vibraphone": (11, 53, 84, 0.08),
}
#: Second low instrument inside the bass register: name -> (program, low, high, weight).
LOW_INSTRUMENTS = {
    "none": (None, 0, 0, 0.2),
    "jazz guitar": (26, 40, 64, 0.3),
    "trombone": (57, 38, 60, 0.25),
    "baritone sax": (67, 36, 58, 0.15),
    "cello": (42, 36, 60, 0.1),
}


def _pick(rng, weighted):
    keys = list(weighted)
    w = np.array([v[-1] if isinstance(v, tuple) else v for v in weighted.values()], float)
    return keys[int(rng.choice(len(keys), p=w / w.sum()))]


def _nearest(pc, ref, lo, hi):
    """Pitch of class ``pc`` nearest ``ref`` inside ``lo..hi``."""
    cands = [p for p in range(lo, hi + 1) if p % 12 == pc % 12]
    return min(cands, key=lambda p: (abs(p - ref), p))


def _quantise(t):
    return np.round(np.asarray(t, float) * TICKS_PER_SECOND) / TICKS_PER_SECOND


class _Clock:
    """Beat positions to seconds with swing and timing jitter."""

    def __init__(self, tempo, swing, start, rng, jitter):
        self.beat = 60.0 / tempo
        self.swing = swing
        self.start = start
        self.rng = rng
        self.jitter = jitter

    def __call__(self, beat, offset=0.0, jitter=True):
        whole = np.floor(beat + 1e-9)
        frac = beat - whole
        # swung eighths: the off-beat eighth moves from 0.5 to ``swing`` of the beat
        if frac <= 0.5:
            frac = frac / 0.5 * self.swing
        else:
            frac = self.swing + (frac - 0.5) / 0.5 * (1 - self.swing)
        t = self.start + (whole + frac) * self.beat + offset
        if jitter:
            t += self.rng.normal(0.0, self.jitter)
        return max(t, 0.0)


def _chord_sequence(form, key, n_bars):
    """Flatten a form into ``(root_pc, quality, start_beat, beats)`` chords."""
    bars = FORMS[form][1]
    seq = []
    beat = 0
    for b in range(n_bars):
        for degree, quality, beats in bars[b % len(bars)]:
            seq.append(((degree + key) % 12, quality, beat, beats))
            beat += beats
    return seq


def _chords_by_beat(seq):
    """Map each whole beat to its ``(root_pc, quality)``."""
    return {
        b: (root, quality)
        for root, quality, start, beats in seq
        for b in range(int(start), int(start + beats))
    }


def _draw_style(seed):
    """The line style of a piece, from its own stream of the piece seed."""
    ss = seed if isinstance(seed, np.random.SeedSequence) else np.random.SeedSequence(seed)
    ss = np.random.SeedSequence(ss.entropy, spawn_key=(*ss.spawn_key, _STYLE_STREAM))
    return _pick(np.random.default_rng(ss), LINE_STYLES)


def _walk(seq, rng, lo, hi, two_feel_beats):
    """Choose one bass pitch per beat (or per half note in two-feel).

    Returns a list of ``(start_beat, n_beats, midi, kind)``.
    """
    out = []
    prev = _nearest(seq[0][0], (lo + hi) // 2 - 4, lo, hi)
    direction = 1
    forced = None
    for ci, (root, quality, start, beats) in enumerate(seq):
        nxt = seq[ci + 1] if ci + 1 < len(seq) else seq[0]
        tones = chord_pitch_classes(root, quality)
        scale = scale_pitch_classes(root, quality)
        same_as_before = ci > 0 and seq[ci - 1][:2] == (root, quality)
        two_feel = start < two_feel_beats
        step = 2 if two_feel else 1
        k = 0
        while k < beats:
            last = k + step >= beats
            if k == 0:
                if forced is not None:
                    p = forced
                else:
                    probs = [0.45, 0.2, 0.25, 0.1] if same_as_before else [0.8, 0.07, 0.1, 0.03]
                    pc = tones[int(rng.choice(4, p=probs))]
                    p = _nearest(pc, prev, lo, hi)
                    if rng.random() < 0.08:  # octave skip
                        alt = p + 12 if p + 12 <= hi else p - 12
                        if lo <= alt <= hi:
                            p = alt
                kind = "chord"
            elif last:
                target = _nearest(nxt[0], prev + 2 * direction, lo, hi)
                forced = target
                u = rng.random()
                if u < 0.45:  # chromatic approach from below or above
                    p = target - 1 if rng.random() < 0.6 else target + 1
                elif u < 0.75:  # scale approach
                    nscale = scale_pitch_classes(nxt[0], nxt[1])
                    above = rng.random() < 0.5
                    cands = [
                        q
                        for q in range(target - 3, target + 4)
                        if q != target and q % 12 in nscale and (q > target) == above
                    ]
                    p = min(cands, key=lambda q: abs(q - target)) if cands else target - 1
                elif u < 0.9:  # dominant approach (fifth above / fourth below the target)
                    p = target + 7 if target + 7 <= hi and rng.random() < 0.4 else target - 5
                else:
                    p = _nearest(tones[int(rng.integers(4))], prev, lo, hi)
                kind = "approach"
            else:
                strong = (start + k) % 2 == 0
                if strong or rng.random() < 0.35:
                    cands = [q for q in range(prev - 7, prev + 8) if q % 12 in tones and q != prev]
                    kind = "chord"
                else:
                    cands = [q for q in range(prev - 2, prev + 3) if q % 12 in scale and q != prev]
                    kind = "scale"
                cands = [q for q in cands if (q - prev) * direction > 0] or cands
                p = cands[int(rng.integers(len(cands)))] if cands else prev
            if p < lo or p > hi:
                p = p - 12 if p > hi else p + 12
            p = int(np.clip(p, lo, hi))
            if p >= hi - 3:
                direction = -1
            elif p <= lo + 3:
                direction = 1
            elif rng.random() < 0.15:
                direction = -direction
            if k == 0 and forced is not None:
                forced = None
            out.append((start + k, step, p, kind))
            prev = p
            k += step
    return out


def _bass_notes(walk, clock, rng, vel, legato, beat_s):
    notes = []
    i = 0
    while i < len(walk):
        b, n, p, kind = walk[i]
        length = n
        ghost = False
        skip = False
        r = rng.random()
        can_hold = i + 1 < len(walk) and walk[i + 1][3] != "approach"
        if n == 1 and kind == "chord" and r < 0.04 and can_hold:
            length = 2  # held note over the next beat
            i += 1
        elif r < 0.07:
            ghost = True
        elif r < 0.14 and n == 1 and kind != "pedal":
            skip = True
        on = clock(b)
        v = vel + (5 if int(b) % 2 == 1 else 0) + rng.normal(0, 6)
        if ghost:
            notes.append([on, on + beat_s * rng.uniform(0.25, 0.45), p, rng.uniform(22, 40)])
        elif skip:  # swung eighth pickup: a played note, then a ghosted one on the "and"
            off_t = clock(b + 0.5)
            notes.append([on, on + 0.92 * (off_t - on), p, v])
            p2 = p if rng.random() < 0.5 else p + int(rng.choice([-2, -1, 1, 2]))
            notes.append([off_t, off_t + beat_s * 0.3, p2, rng.uniform(25, 45)])
        else:
            dur = beat_s * length * np.clip(legato + rng.normal(0, 0.04), 0.55, 1.0)
            notes.append([on, on + dur, p, v])
        i += 1
    return _monophonic(notes)


def _monophonic(notes):
    """Round velocities and end each note just before the next one starts."""
    notes = np.array(notes, float).reshape(-1, 4)
    notes[:, 3] = np.clip(np.round(notes[:, 3]), 1, 127)
    notes[:-1, 1] = np.minimum(notes[:-1, 1], notes[1:, 0] - 0.005)
    return notes


#: Pedal-point rhythms: name -> ``(beat in the bar, beats)`` notes of one bar.
_PEDAL_RHYTHMS = {
    "whole": ((0, 4),),
    "halves": ((0, 2), (2, 2)),
    "quarters": ((0, 1), (1, 1), (2, 1), (3, 1)),
    "ostinato": ((0, 1.5), (1.5, 2.5)),
}
#: Lowest pedal note: D1, a five-string bass or a double bass with a low extension.
_PEDAL_LOW = 26


def _pedal_point(walk, key, rng):
    """Replace four-bar sections of a walking line by a pedal point.

    The first section and half of the others hold or repeat the tonic or the dominant
    (per section one rhythm of :data:`_PEDAL_RHYTHMS` and one octave in MIDI 26..50, the
    lowest in half the sections) while the changes go on above it.  Takes and returns
    ``(start_beat, n_beats, midi, kind)`` items.
    """
    pc = key if rng.random() < 0.5 else (key + 7) % 12
    octaves = [p for p in range(_PEDAL_LOW, 51) if p % 12 == pc]
    n_beats = int(np.ceil(walk[-1][0] + walk[-1][1]))
    out = []
    for block in range(0, n_beats, 16):
        if block and rng.random() < 0.5:
            out += [item for item in walk if block <= item[0] < block + 16]
            continue
        p = octaves[0] if rng.random() < 0.5 else octaves[int(rng.integers(len(octaves)))]
        rhythm = _PEDAL_RHYTHMS[list(_PEDAL_RHYTHMS)[int(rng.integers(len(_PEDAL_RHYTHMS)))]]
        out += [
            (bar + pos, beats, p, "pedal")
            for bar in range(block, min(block + 16, n_beats), 4)
            for pos, beats in rhythm
        ]
    return out


def _step(prev, pcs, direction, lo, hi):
    """Next pitch of class ``pcs`` beyond ``prev`` in ``direction``, turning at lo..hi."""
    for d in (direction, -direction):
        for q in range(prev + d, prev + 13 * d, d):
            if q % 12 in pcs and lo <= q <= hi:
                return q, d
    return prev, direction


def _solo_notes(seq, clock, rng, lo, hi, vel):
    """A thumb-position bass solo: phrases of eighth-note scale runs and arpeggios.

    Each phrase (4-12 beats, then a 1-4 beat breath) chains figures: a run of 3-8 swung
    eighths up or down the chord scale (45 %), the same over the chord tones (35 %) or a
    long chord tone of 1-2 beats (20 %), turning at the ends of ``lo..hi``.
    """
    chord_at = _chords_by_beat(seq)
    n_beats = int(seq[-1][2] + seq[-1][3])
    notes = []
    prev = int(rng.integers(lo + 4, hi - 3))
    direction = 1
    beat = float(rng.integers(0, 2))
    while beat < n_beats:
        end = min(beat + rng.uniform(4, 12), n_beats)
        while beat < end:
            figure = int(rng.choice(3, p=[0.45, 0.35, 0.2]))
            if figure == 2:
                count, dur = 1, float(rng.choice([1.0, 1.5, 2.0]))
            else:
                count, dur = int(rng.integers(3, 9)), 0.5
            for _ in range(count):
                if beat >= end:
                    break
                root, quality = chord_at[int(beat)]
                if figure == 0:
                    pcs = scale_pitch_classes(root, quality)
                else:
                    pcs = chord_pitch_classes(root, quality)
                prev, direction = _step(prev, pcs, direction, lo, hi)
                on, off = clock(beat), clock(beat + dur * rng.uniform(0.8, 0.97))
                notes.append([on, off, prev, vel + rng.normal(0, 8)])
                beat += dur
            if rng.random() < 0.35:
                direction = -direction
        beat = float(np.ceil(beat + rng.uniform(1, 4)))
    return _monophonic(notes)


def _voicing(root, quality, low, rng, upper):
    tones = CHORD_TONES[quality]
    shell = [tones[1], tones[3]]
    extra = [tones[2]] + list(COLOUR_TONES[quality])
    pcs = shell + [extra[int(rng.integers(len(extra)))]]
    if rng.random() < 0.5:
        pcs = [pcs[1], pcs[0], pcs[2]]  # B voicing: 7th at the bottom
    pitches = []
    ref = low
    for i in pcs:
        p = _nearest((root + i) % 12, ref + 1, low, low + 24)
        while pitches and p <= pitches[-1]:
            p += 12
        pitches.append(p)
        ref = p + 2
    if upper:
        pitches += [q + 12 for q in pitches[-2:]]
    return pitches


_COMP_PATTERNS = [
    [(0, 1.5), (1.5, 0.5)],  # Charleston
    [(1.5, 0.4), (3.5, 0.5)],
    [(0, 2.0)],
    [(1, 0.5), (3, 0.5)],
    [(2.5, 1.0)],
    [(0.5, 0.5), (2, 1.5)],
    [(3.5, 0.4)],
    [],
]


def _piano_notes(seq, clock, rng, params):
    notes = []
    low = params["piano_low"]
    bar_chords = _chords_by_beat(seq)
    n_beats = int(seq[-1][2] + seq[-1][3])
    for bar in range(0, n_beats, 4):
        pattern = _COMP_PATTERNS[int(rng.integers(len(_COMP_PATTERNS)))]
        for pos, length in pattern:
            beat = bar + pos
            chord = bar_chords.get(int(np.ceil(beat)) if pos % 1 else int(beat))
            if chord is None:
                continue
            v = params["piano_vel"] + rng.normal(0, 8)
            on = clock(beat)
            off = clock(beat + length * rng.uniform(0.7, 1.3))
            anchor = int(low + rng.integers(-2, 4))
            for p in _voicing(chord[0], chord[1], anchor, rng, rng.random() < 0.5):
                notes.append([on + rng.normal(0, 0.004), off, p, v + rng.normal(0, 4)])
            if params["piano_left_roots"] and pos == 0 and rng.random() < 0.35:
                p = _nearest(chord[0], params["piano_low"] - 7, 31, 50)
                notes.append([on, off, p, v - 5])
    return np.array(notes, float).reshape(-1, 4)


def _line_notes(seq, clock, rng, lo, hi, vel, phrase=True, pad=False):
    """A horn-like line: phrases of swung eighths and quarters, or long pad notes."""
    notes = []
    prev = (lo + hi) // 2
    n_beats = int(seq[-1][2] + seq[-1][3])
    chord_at = _chords_by_beat(seq)
    if pad:
        for root, quality, start, beats in seq:
            if rng.random() < 0.3:
                continue
            pc = chord_pitch_classes(root, quality)[int(rng.choice([1, 2, 3]))]
            p = _nearest(pc, prev, lo, hi)
            on, off = clock(start + rng.choice([0, 0.5])), clock(start + beats - 0.1)
            notes.append([on, off, p, vel + rng.normal(0, 6)])
            prev = p
        return np.array(notes, float).reshape(-1, 4)
    beat = float(rng.integers(0, 4))
    while beat < n_beats:
        phrase_len = rng.uniform(4, 14) if phrase else n_beats
        end = min(beat + phrase_len, n_beats)
        while beat < end:
            root, quality = chord_at[int(beat)]
            tones = chord_pitch_classes(root, quality)
            scale = scale_pitch_classes(root, quality)
            dur = float(rng.choice([0.5, 0.5, 0.5, 1.0, 1.5, 2.0]))
            if beat % 1 == 0 and rng.random() < 0.6:
                cands = [q for q in range(prev - 5, prev + 6) if q % 12 in tones]
            else:
                cands = [q for q in range(prev - 3, prev + 4) if q % 12 in scale]
            cands = [q for q in cands if lo <= q <= hi] or [prev]
            p = int(cands[int(rng.integers(len(cands)))])
            on, off = clock(beat), clock(beat + dur * rng.uniform(0.8, 0.98))
            notes.append([on, off, p, vel + rng.normal(0, 8)])
            prev = p
            beat += dur
        beat = np.ceil(beat + rng.uniform(2, 8))
    return np.array(notes, float).reshape(-1, 4)


def _drum_notes(n_beats, clock, rng, params):
    notes = []
    hit = 0.08

    def add(beat, key, v):
        on = clock(beat)
        notes.append([on, on + hit, key, v])

    for b in range(n_beats):
        add(b, 51, params["ride_vel"] + rng.normal(0, 6))  # ride
        if b % 2 == 1:
            add(b + 0.5, 51, params["ride_vel"] - 12 + rng.normal(0, 6))  # skip note
            add(b, 44, 55 + rng.normal(0, 8))  # hi-hat pedal on 2 and 4
        if params["feather"]:
            add(b, 36, 28 + rng.normal(0, 5))  # feathered kick
        if rng.random() < 0.025:
            add(b + float(rng.choice([0, 0.5])), 36, 85 + rng.normal(0, 8))  # bomb
        for half in (0, 0.5):
            if rng.random() < params["snare_rate"]:
                add(b + half, 38, rng.uniform(25, 75))  # snare comping
        if b % (4 * params["crash_every"]) == 0 and b > 0 and rng.random() < 0.5:
            add(b, 49, 80 + rng.normal(0, 8))
    notes = np.array(notes, float)
    notes[:, 3] = np.clip(np.round(notes[:, 3]), 1, 127)
    return notes


def _finish(notes):
    notes = np.asarray(notes, float).reshape(-1, 4)
    notes = notes[np.argsort(notes[:, 0], kind="stable")]
    notes[:, 3] = np.clip(np.round(notes[:, 3]), 1, 127)
    notes[:, :2] = _quantise(notes[:, :2])
    ok = notes[:, 1] > notes[:, 0]
    return notes[ok]


def generate_piece(seed, duration=30.0, style=None):
    """Generate a jazz ensemble piece: bass, piano, horn, a second low instrument, drums.

    Parameters
    ----------
    seed : int or np.random.SeedSequence
        Seed; the same seed always gives the same piece.
    duration : float
        Length of the excerpt in seconds; notes starting later are dropped.
    style : {"walking", "two_feel", "pedal", "solo"} or None
        Line style of the bass (see the module notes); ``None`` draws it from the seed
        with the probabilities of :data:`LINE_STYLES`.  A ``"walking"`` piece is the same
        whether its style was drawn or given.

    Returns
    -------
    piece : dict
        ``parts`` (stem name -> ``{"program", "channel", "notes"}``, no ``"horn"`` in a
        solo) plus descriptive keys ``style``, ``form``, ``form_family``, ``key``,
        ``tempo``, ``swing``, ``bass_range``, ``programs``, ``duration``.

    Raises
    ------
    ValueError
        For an unknown style.

    Examples
    --------
    >>> piece = generate_piece(0, duration=8.0, style="walking")
    >>> sorted(piece["parts"])[:2]
    ['bass', 'drums']
    >>> bool((piece["parts"]["bass"]["notes"][:, 2] >= 26).all())
    True
    >>> solo = generate_piece(0, duration=8.0, style="solo")["parts"]["bass"]["notes"]
    >>> bool(solo[:, 2].max() > 57)
    True
    """
    if style is None:
        style = _draw_style(seed)
    elif style not in LINE_STYLES:
        raise ValueError(f"style must be one of {sorted(LINE_STYLES)} or None, got {style!r}")
    rng = np.random.default_rng(seed)
    form = list(FORMS)[int(rng.integers(len(FORMS)))]
    key = int(rng.integers(12))
    tempo = float(np.round(rng.uniform(100, 260), 1))
    swing = float(np.clip(0.68 - 0.08 * (tempo - 100) / 160 + rng.normal(0, 0.02), 0.52, 0.72))
    start = float(rng.uniform(0.05, 0.4))
    beat_s = 60.0 / tempo
    n_bars = int(np.ceil((duration - start) / (4 * beat_s))) + 1
    seq = _chord_sequence(form, key, n_bars)
    n_beats = 4 * n_bars
    jitter = float(rng.uniform(0.003, 0.012))

    bass_lo = int(rng.integers(28, 32))
    bass_hi = int(rng.integers(50, 58))
    two_feel_beats = 4 * int(rng.choice([0, 0, 8, 16])) if n_bars > 16 else 0
    if style == "solo":
        bass_lo, bass_hi = int(rng.integers(45, 53)), int(rng.integers(68, 70))
        bass_clock = _Clock(tempo, swing, start + rng.uniform(-0.01, 0.015), rng, jitter)
        bass = _solo_notes(seq, bass_clock, rng, bass_lo, bass_hi, rng.uniform(80, 110))
    else:
        if style == "two_feel":
            bass_hi, two_feel_beats = int(rng.integers(52, 61)), n_beats
        walk = _walk(seq, rng, bass_lo, bass_hi, two_feel_beats)
        if style == "pedal":
            walk = _pedal_point(walk, key, rng)
            bass_lo = min(bass_lo, min(item[2] for item in walk))
        bass_clock = _Clock(tempo, swing, start + rng.uniform(-0.01, 0.015), rng, jitter)
        vel, legato = rng.uniform(75, 105), rng.uniform(0.78, 0.97)
        bass = _bass_notes(walk, bass_clock, rng, vel, legato, beat_s)

    clock = _Clock(tempo, swing, start, rng, jitter)
    piano_params = {
        "piano_low": int(rng.integers(41, 53)),
        "piano_vel": float(rng.uniform(50, 85)),
        "piano_left_roots": bool(rng.random() < 0.35),
    }
    piano = _piano_notes(seq, clock, rng, piano_params)
    horn_name = _pick(rng, HORNS)
    horn_prog, hlo, hhi, _ = HORNS[horn_name]
    horn = _line_notes(seq, clock, rng, hlo, hhi, float(rng.uniform(70, 105)))
    low_name = _pick(rng, LOW_INSTRUMENTS)
    low_prog, llo, lhi, _ = LOW_INSTRUMENTS[low_name]
    if low_name == "jazz guitar":
        gparams = {
            "piano_low": int(rng.integers(40, 50)),
            "piano_vel": float(rng.uniform(45, 75)),
            "piano_left_roots": False,
        }
        low = _piano_notes(seq, clock, rng, gparams)
    elif low_prog is not None:
        low = _line_notes(seq, clock, rng, llo, lhi, float(rng.uniform(55, 85)), pad=True)
    else:
        low = np.zeros((0, 4))
    drum_params = {
        "ride_vel": float(rng.uniform(60, 95)),
        "feather": bool(rng.random() < 0.6),
        "snare_rate": float(rng.uniform(0.03, 0.15)),
        "crash_every": int(rng.choice([4, 8])),
    }
    drums = _drum_notes(n_beats, clock, rng, drum_params)

    parts = {
        "bass": {"program": _pick(rng, BASS_PROGRAMS), "channel": 0, "notes": bass},
        "piano": {"program": _pick(rng, PIANO_PROGRAMS), "channel": 1, "notes": piano},
        "horn": {"program": horn_prog, "channel": 2, "notes": horn},
        "drums": {"program": 0, "channel": 9, "notes": drums},
    }
    if style == "solo":  # the horn lays out during a bass solo
        del parts["horn"]
        horn_name = "none"
    if low_prog is not None:
        parts["low"] = {"program": low_prog, "channel": 3, "notes": low}
    for part in parts.values():
        notes = _finish(part["notes"])
        part["notes"] = notes[notes[:, 0] < duration]
    return {
        "parts": parts,
        "style": style,
        "form": form,
        "form_family": FORMS[form][0],
        "key": key,
        "tempo": tempo,
        "swing": round(swing, 3),
        "timing_jitter_s": round(jitter, 4),
        "bass_range": [bass_lo, bass_hi],
        "horn": horn_name,
        "low_instrument": low_name,
        "programs": {name: part["program"] for name, part in parts.items()},
        "duration": float(duration),
    }


def generate_isolated(pitches, program, velocities, rng, note_range=None, gap=0.35):
    """Isolated plucked notes, one after another with silence between them.

    Parameters
    ----------
    pitches : sequence of int
        MIDI pitches, played in this order.
    program : int
        General MIDI bass program.
    velocities : tuple of (float, float)
        Range the MIDI velocity of each note is drawn from.
    rng : np.random.Generator
        Random source.
    note_range : tuple of (float, float) or None
        Range of note durations in seconds.  ``None``: each note's length is drawn from
        :data:`ISOLATED_NOTE_LENGTHS` (staccato to full decays), and half the open
        strings among ``pitches`` (:data:`OPEN_STRINGS`) are plucked 2-3 times, each
        pluck ringing 1.5-3 s until the next.
    gap : float
        Silence after each note's release, in seconds.

    Returns
    -------
    piece : dict
        Same layout as :func:`generate_piece`, with a single ``bass`` part.

    Examples
    --------
    >>> rng = np.random.default_rng(5)
    >>> notes = generate_isolated(range(36, 48), 32, (60, 100), rng)["parts"]["bass"]["notes"]
    >>> notes[:, 2].astype(int).tolist()  # open strings D2 and G2 re-plucked
    [36, 37, 38, 38, 39, 40, 41, 42, 43, 43, 43, 44, 45, 46, 47]
    """
    t = 0.1
    notes = []
    for p in pitches:
        if note_range is None and p in OPEN_STRINGS and rng.random() < 0.5:
            for _ in range(int(rng.integers(2, 4))):  # re-plucked while it rings
                d = rng.uniform(1.5, 3.0)
                notes.append([t, t + d - 0.005, int(p), rng.uniform(*velocities)])
                t += d
            t += gap + rng.uniform(0, 0.2)
            continue
        if note_range is None:
            low, high, _ = ISOLATED_NOTE_LENGTHS[_pick(rng, ISOLATED_NOTE_LENGTHS)]
            d = rng.uniform(low, high)
        else:
            d = rng.uniform(*note_range)
        notes.append([t, t + d, int(p), rng.uniform(*velocities)])
        t += d + gap + rng.uniform(0, 0.2)
    notes = _finish(notes)
    return {
        "parts": {"bass": {"program": int(program), "channel": 0, "notes": notes}},
        "programs": {"bass": int(program)},
        "duration": float(np.ceil((t + 0.1) * 100) / 100),
    }


def transform_piece(piece, stretch=1.0, shift=0):
    """Time-stretch and transpose a piece in the MIDI domain (labels stay exact).

    Parameters
    ----------
    piece : dict
        A piece from :func:`generate_piece` or :func:`generate_isolated`.
    stretch : float
        Duration factor: 1.1 makes the piece 10 % longer (slower).
    shift : int
        Semitones to transpose every pitched part by; drums are left alone.

    Returns
    -------
    piece : dict
        A new piece; the input is not modified.
    """
    out = dict(piece)
    out["parts"] = {}
    for name, part in piece["parts"].items():
        notes = part["notes"].copy()
        notes[:, :2] = _quantise(notes[:, :2] * stretch)
        if part["channel"] != 9:
            notes[:, 2] += shift
            notes = notes[(notes[:, 2] >= 0) & (notes[:, 2] <= 127)]
        out["parts"][name] = dict(part, notes=notes)
    out["duration"] = float(piece["duration"] * stretch)
    if "tempo" in piece:
        out["tempo"] = round(piece["tempo"] / stretch, 2)
    if "key" in piece:
        out["key"] = (piece["key"] + shift) % 12
    out["stretch"] = float(stretch)
    out["shift"] = int(shift)
    return out
