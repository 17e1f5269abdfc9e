"""Seeded solo phrases for the 8 instrument classes: notes and expressive MIDI controls.

A solo piece is a plain dictionary: ``notes`` ``[shape=(n, 4)]`` rows of ``onset_s,
offset_s, midi, velocity``, ``bends`` ``[shape=(m, 2)]`` pitch-bend events ``time_s,
value`` (value in -8192..8191 over the General MIDI default range of +-2 semitones) and
``controls`` ``[shape=(k, 3)]`` control changes ``time_s, number, value`` (CC11
expression swells, CC64 sustain pedal), plus what describes it (tempo, key, mode, the
phrases' kinds, articulations and dynamics, the vibrato).  It is one or more phrases
separated by rests, all in one key, mode and tempo.

Phrase kinds: melodies (a random walk on the scale with steps, leaps and a closing long
note), scales, arpeggios of the scale's triads and sevenths, repeated notes, long tones
and fast runs (scale-wise or chromatic); the distorted guitar also plays power-chord
riffs, and the piano adds chords and a left hand (block chords, bass and chord, Alberti
and broken-chord patterns over a chord progression, with the sustain pedal).  Each phrase
has an articulation (legato, detached, staccato), a dynamic level with a hairpin, and
accents.  Monophonic classes get vibrato as pitch bends every 20 ms while a note sounds
(rate 4.5-7 Hz, depth up to about 40 cents), scoops and slides into notes, falls off
phrase ends and, on the guitar, string bends; winds and the voice breathe inside long
phrases.  All times lie on the MIDI tick grid of the files skbass writes.
"""

from types import MappingProxyType

import numpy as np

from ._generator import TICKS_PER_SECOND

#: Playing range (lowest, highest sounding MIDI pitch) of each class.
INSTRUMENT_RANGES = MappingProxyType(
    {
        "clarinet": (50, 91),
        "distorted_guitar": (40, 84),
        "voice": (55, 79),
        "flute": (60, 96),
        "piano": (21, 108),
        "tenor_sax": (44, 75),
        "trumpet": (54, 82),
        "violin": (55, 100),
    }
)

#: Modes (semitones above the tonic) a piece is written in.
MODES = MappingProxyType(
    {
        "major": (0, 2, 4, 5, 7, 9, 11),
        "natural_minor": (0, 2, 3, 5, 7, 8, 10),
        "harmonic_minor": (0, 2, 3, 5, 7, 8, 11),
        "dorian": (0, 2, 3, 5, 7, 9, 10),
        "mixolydian": (0, 2, 4, 5, 7, 9, 10),
        "lydian": (0, 2, 4, 6, 7, 9, 11),
        "phrygian": (0, 1, 3, 5, 7, 8, 10),
        "major_pentatonic": (0, 2, 4, 7, 9),
        "minor_pentatonic": (0, 3, 5, 7, 10),
        "blues": (0, 3, 5, 6, 7, 10),
    }
)
#: Seven-note modes, the ones whose scale degrees stack into triads (the piano's chords).
_HEPTATONIC = tuple(name for name, steps in MODES.items() if len(steps) == 7)

#: Phrase kinds every class plays.
PHRASE_KINDS = ("melody", "scale", "arpeggio", "repeated", "long_tones", "run")
#: Articulations: sounding share of the time to the next note.
ARTICULATIONS = MappingProxyType(
    {"legato": (0.95, 1.0), "detached": (0.7, 0.85), "staccato": (0.3, 0.5)}
)
#: Dynamic levels as MIDI velocities.
DYNAMICS = MappingProxyType({"pp": 38, "p": 52, "mp": 66, "mf": 80, "f": 96, "ff": 112})

_KEYS = ("C", "C#", "D", "Eb", "E", "F", "F#", "G", "Ab", "A", "Bb", "B")
_BEND_STEP = 0.02  # seconds between pitch-bend events of a vibrato or glide
_CC_STEP = 0.04  # seconds between expression events of a swell
_BEND_FULL = 200.0  # cents of the full pitch-bend range (General MIDI default)


def _style(**kw):
    base = {
        "tempo": (66.0, 176.0),
        "vibrato": 0.0,  # share of sustained notes with vibrato
        "depth": (5.0, 20.0),  # vibrato depth in cents
        "rate": (4.5, 6.5),  # vibrato rate in Hz
        "scoop": 0.0,  # share of attacked notes that scoop up from below
        "slide": 0.0,  # share of legato steps (<= 2 semitones) joined by a slide
        "fall": 0.0,  # share of phrase-final notes that fall off
        "bend": 0.0,  # share of sustained notes bent up (guitar)
        "breath": False,  # breathes inside long phrases
        "swell": 0.0,  # share of long notes shaped by a CC11 swell
        "kinds": {"melody": 3, "scale": 1, "arpeggio": 1, "repeated": 1, "long_tones": 1, "run": 1},
    }
    base.update(kw)
    return MappingProxyType(base)


#: How each class plays: tempo range, expressive habits and phrase-kind weights.
STYLES = MappingProxyType(
    {
        "clarinet": _style(vibrato=0.15, depth=(5.0, 15.0), scoop=0.05, breath=True, swell=0.5),
        "distorted_guitar": _style(
            vibrato=0.6,
            depth=(15.0, 40.0),
            rate=(4.5, 6.5),
            slide=0.15,
            bend=0.2,
            swell=0.1,
            kinds={
                "melody": 3,
                "scale": 1,
                "arpeggio": 1,
                "repeated": 1,
                "long_tones": 1,
                "run": 1,
                "power_chords": 2,
            },
        ),
        "voice": _style(
            tempo=(60.0, 150.0),
            vibrato=0.8,
            depth=(15.0, 40.0),
            breath=True,
            kinds={
                "melody": 5,
                "scale": 1,
                "arpeggio": 1,
                "repeated": 1,
                "long_tones": 2,
                "run": 1,
            },
        ),
        "flute": _style(vibrato=0.8, depth=(8.0, 25.0), rate=(4.5, 6.0), breath=True, swell=0.5),
        "piano": _style(tempo=(60.0, 160.0)),
        "tenor_sax": _style(
            vibrato=0.7,
            depth=(10.0, 35.0),
            scoop=0.2,
            slide=0.05,
            fall=0.15,
            breath=True,
            swell=0.5,
        ),
        "trumpet": _style(
            vibrato=0.5, depth=(8.0, 25.0), scoop=0.1, fall=0.1, breath=True, swell=0.4
        ),
        "violin": _style(vibrato=0.9, depth=(15.0, 40.0), rate=(5.0, 7.0), slide=0.1, swell=0.6),
    }
)


def _grid(t):
    """Round seconds to the MIDI tick grid."""
    return np.round(np.asarray(t, dtype=float) * TICKS_PER_SECOND) / TICKS_PER_SECOND


# --------------------------------------------------------------------------- phrase kinds
# Each returns a list of events ``(beats, pitches)``: a duration in beats and the MIDI
# pitches sounding (an empty tuple is a rest).  ``scale`` is the sorted array of scale
# pitches inside the phrase's register.


def _melody(rng, scale, ctx):
    i = int(rng.integers(len(scale)))
    cells = [0.5, 0.5, 1.0, 1.0, 1.5, 2.0, 0.25, 0.75]
    steps = [-4, -3, -2, -1, -1, 1, 1, 2, 3, 4]
    p_steps = np.array([1, 2, 4, 8, 8, 8, 8, 4, 2, 1], float)
    events = []
    for _ in range(int(rng.integers(5, 14))):
        if events and rng.random() < 0.08:
            events.append((float(rng.choice([0.5, 1.0])), ()))
        if rng.random() < 0.12 and i + 4 < len(scale) and i - 4 >= 0:
            i += int(rng.choice([-5, -4, 4, 5]))  # an occasional wide leap
        i = int(np.clip(i + rng.choice(steps, p=p_steps / p_steps.sum()), 0, len(scale) - 1))
        events.append((float(rng.choice(cells)), (int(scale[i]),)))
    events.append((float(rng.choice([1.5, 2.0, 3.0])), (int(scale[i]),)))
    return events


def _scale_run(rng, scale, ctx):
    n = int(rng.integers(5, 17))
    i = int(rng.integers(len(scale)))
    direction = 1 if i < len(scale) / 2 else -1
    turn = n // 2 if rng.random() < 0.35 else n  # up-and-down or one way
    value = float(rng.choice([0.5, 0.25, 1 / 3]))
    events = []
    for k in range(n):
        events.append((value, (int(scale[i]),)))
        if k + 1 == turn:
            direction = -direction
        if not 0 <= i + direction < len(scale):
            direction = -direction
        i += direction
    events.append((1.0, (int(scale[i]),)))
    return events


def _triad_pitches(scale, ctx, degree, seventh):
    """Pitches of ``scale`` that belong to the chord on ``degree`` of the mode."""
    n_mode = len(ctx["mode_steps"])
    wanted = {(degree + k) % n_mode for k in ((0, 2, 4, 6) if seventh else (0, 2, 4))}
    return [int(p) for p in scale if ctx["degree_of"][int(p) % 12] in wanted]


def _arpeggio(rng, scale, ctx):
    degree = int(rng.integers(len(ctx["mode_steps"])))
    tones = _triad_pitches(scale, ctx, degree, rng.random() < 0.4)
    if len(tones) < 3:
        return _melody(rng, scale, ctx)
    n = int(rng.integers(6, 17))
    i = int(rng.integers(len(tones)))
    direction = int(rng.choice([-1, 1]))
    value = float(rng.choice([0.5, 0.25, 1 / 3, 1.0]))
    events = []
    for _ in range(n):
        events.append((value, (tones[i],)))
        if not 0 <= i + direction < len(tones):
            direction = -direction
        i += direction
    events.append((float(rng.choice([1.0, 2.0])), (tones[i],)))
    return events


def _repeated(rng, scale, ctx):
    i = int(rng.integers(len(scale)))
    value = float(rng.choice([0.25, 0.5, 1 / 3]))
    events = []
    for _ in range(int(rng.integers(2, 5))):
        events += [(value, (int(scale[i]),))] * int(rng.integers(3, 9))
        i = int(np.clip(i + rng.choice([-2, -1, 1, 2]), 0, len(scale) - 1))
    return events


def _long_tones(rng, scale, ctx):
    i = int(rng.integers(len(scale)))
    events = []
    for _ in range(int(rng.integers(1, 5))):
        events.append((float(rng.uniform(2.0, 6.0)), (int(scale[i]),)))
        i = int(np.clip(i + rng.choice([-3, -2, -1, 1, 2, 3]), 0, len(scale) - 1))
    return events


def _fast_run(rng, scale, ctx):
    n = int(rng.integers(8, 25))
    # at least about 60 ms a note: 16ths, sextuplets or 32nds as the tempo allows
    values = [v for v in (0.25, 1 / 6, 0.125) if v * ctx["beat"] >= 0.06] or [0.25]
    value = float(rng.choice(values))
    lo, hi = int(scale[0]), int(scale[-1])
    if rng.random() < 0.3:  # chromatic
        pitches = np.arange(lo, hi + 1)
    else:
        pitches = np.asarray(scale)
    i = int(rng.integers(len(pitches)))
    direction = 1 if i < len(pitches) / 2 else -1
    zigzag = rng.random() < 0.3  # three forward, one back
    events = []
    for k in range(n):
        events.append((value, (int(pitches[i]),)))
        step = -direction if zigzag and k % 4 == 3 else direction
        if not 0 <= i + step < len(pitches):
            direction, step = -direction, -step
        i += step
    events.append((float(rng.choice([0.5, 1.0, 2.0])), (int(pitches[i]),)))
    return events


def _power_chords(rng, scale, ctx):
    roots = [int(p) for p in scale if p + 12 <= ctx["range"][1] and p <= 64]
    if not roots:
        return _repeated(rng, scale, ctx)
    events = []
    value = float(rng.choice([0.5, 0.25]))
    for _ in range(int(rng.integers(2, 6))):
        root = int(rng.choice(roots))
        chord = (root, root + 7, root + 12) if rng.random() < 0.5 else (root, root + 7)
        events += [(value, chord)] * int(rng.integers(2, 9))
    events.append((float(rng.choice([1.0, 2.0])), events[-1][1]))
    return events


_KIND_FUNCS = {
    "melody": _melody,
    "scale": _scale_run,
    "arpeggio": _arpeggio,
    "repeated": _repeated,
    "long_tones": _long_tones,
    "run": _fast_run,
    "power_chords": _power_chords,
}


# --------------------------------------------------------------------------- the piano
_PROGRESSIONS = ((0, 3, 4, 0), (0, 5, 3, 4), (1, 4, 0, 0), (0, 4, 5, 3), (0, 3, 0, 4), (5, 3, 0, 4))
_LEFT_PATTERNS = ("block", "bass_chord", "alberti", "broken", "octaves")


def _chord(ctx, degree, lo, hi):
    """Root and chord tones of the triad on ``degree``, the root in ``lo..hi``."""
    scale = ctx["scale_all"]
    tones = _triad_pitches(scale[(scale >= lo) & (scale <= hi + 12)], ctx, degree, False)
    roots = [p for p in tones if ctx["degree_of"][p % 12] == degree % 7 and p <= hi]
    root = roots[0] if roots else tones[0]
    return root, [p for p in tones if root <= p <= root + 12]


def _left_hand(rng, ctx, n_beats, start_beat):
    """Accompaniment events ``(beat, beats, pitches)`` over ``n_beats``."""
    pattern = str(rng.choice(_LEFT_PATTERNS))
    progression = _PROGRESSIONS[int(rng.integers(len(_PROGRESSIONS)))]
    low = int(rng.integers(21, 44))
    out = []
    for bar in range(int(np.ceil(n_beats / 4))):
        root, tones = _chord(ctx, progression[bar % 4], low, low + 11)
        b = start_beat + 4 * bar
        upper = tuple(p for p in tones if p > root) or (root + 12,)
        if pattern == "block":
            out.append((b, 4.0, (root, *upper)))
        elif pattern == "bass_chord":
            out.append((b, 1.0, (root,)))
            out += [(b + k, 1.0, upper) for k in (1, 2, 3)]
        elif pattern == "alberti":
            cycle = (root, upper[-1], upper[0], upper[-1])
            out += [(b + 0.5 * k, 0.5, (cycle[k % 4],)) for k in range(8)]
        elif pattern == "broken":
            line = [root, *upper, root + 12, *reversed(upper)]
            out += [(b + 0.5 * k, 0.5, (line[k % len(line)],)) for k in range(8)]
        else:
            out += [(b + 2 * k, 2.0, (root, root + 12)) for k in range(2)]
    return pattern, [e for e in out if e[0] < start_beat + n_beats]


def _harmonise(rng, events, ctx):
    """Add chord tones below some right-hand notes of a beat or longer."""
    scale = ctx["scale_all"]
    out = []
    for beats, pitches in events:
        if len(pitches) == 1 and beats >= 1.0 and rng.random() < 0.5:
            top = pitches[0]
            below = scale[scale < top][::-1]
            thirds = below[[1, 3]] if len(below) > 3 else []  # a third and a fifth below
            extra = tuple(int(p) for p in thirds if p >= ctx["range"][0])
            pitches = (*extra, top)
        out.append((beats, pitches))
    return out


# --------------------------------------------------------------------------- expression
def _cents_to_bend(cents):
    return np.clip(np.round(np.asarray(cents) / _BEND_FULL * 8192), -8192, 8191)


def _expression(rng, notes, flags, style, vib, hi):
    """Pitch-bend events of a line: scoops, slides, bends, falls and vibrato.

    The bend acts on the whole channel, so the first note of a chord drives it.
    """
    bends = []
    last = 0.0
    for k, (on, off, pitch, _) in enumerate(notes):
        if k and on == notes[k - 1][0]:
            continue
        dur = off - on
        t = np.arange(on, off, _BEND_STEP)
        cents = np.zeros(len(t))
        prev = notes[k - 1] if k else None
        legato_step = prev is not None and on - prev[1] < 0.03 and abs(pitch - prev[2]) <= 2
        if legato_step and rng.random() < style["slide"]:  # from the previous pitch
            left = 1 - np.clip((t - on) / rng.uniform(0.06, 0.15), 0, 1)
            cents += left * 100 * (prev[2] - pitch)
        elif rng.random() < style["scoop"]:  # up from below
            left = 1 - np.clip((t - on) / rng.uniform(0.05, 0.12), 0, 1)
            cents -= left * rng.uniform(50, 150)
        if dur > 0.4 and pitch + 2 <= hi and rng.random() < style["bend"]:
            start, glide = rng.uniform(0.05, 0.2), rng.uniform(0.1, 0.25)
            cents += np.clip((t - on - start) / glide, 0, 1) * float(rng.choice([100, 200]))
        if flags[k]["phrase_end"] and dur > 0.3 and rng.random() < style["fall"]:
            length = min(dur / 2, rng.uniform(0.1, 0.25))
            cents -= np.clip((t - off + length) / length, 0, 1) * 200
        if dur > 0.3 and rng.random() < style["vibrato"]:
            depth = vib["depth_cents"] * rng.uniform(0.7, 1.1)
            rate = vib["rate_hz"] + rng.uniform(-0.3, 0.3)
            delay = rng.uniform(0.1, 0.25)
            ramp = np.clip((t - on - delay) / 0.2, 0, 1)
            cents += depth * ramp * np.sin(2 * np.pi * rate * (t - on - delay))
        values = _cents_to_bend(np.clip(cents, -_BEND_FULL, _BEND_FULL))
        for time, value in zip(t, values):
            if value != last:
                bends.append((time, value))
                last = value
        if last != 0 and (k + 1 == len(notes) or notes[k + 1][0] > off):
            bends.append((off, 0.0))  # back to the written pitch in the silence
            last = 0.0
    return bends


def _swells(rng, notes, phrase_of, phrases, style):
    """CC11 expression: each phrase's level, and swells on some long notes."""
    controls = []
    current = None
    for k, (on, off, _, _) in enumerate(notes):
        level = phrases[phrase_of[k]]["expression"]
        if off - on >= 0.8 and rng.random() < style["swell"]:
            shape = str(rng.choice(["messa_di_voce", "crescendo", "diminuendo"]))
            low = int(rng.integers(45, 85))
            t = np.arange(on, off, _CC_STEP)
            x = (t - on) / (off - on)
            curve = {
                "messa_di_voce": 1 - np.abs(2 * x - 1),
                "crescendo": x,
                "diminuendo": 1 - x,
            }[shape]
            values = np.round(low + (127 - low) * curve)
            for time, value in zip(t, values):
                if value != current:
                    controls.append((time, 11, value))
                    current = value
        elif level != current:
            controls.append((on, 11, level))
            current = level
    return controls


# --------------------------------------------------------------------------- a piece
def _context(rng, instrument, lo, hi):
    mode = str(rng.choice(_HEPTATONIC if instrument == "piano" else list(MODES)))
    tonic = int(rng.integers(12))
    steps = MODES[mode]
    degree_of = {(tonic + s) % 12: d for d, s in enumerate(steps)}
    scale_all = np.array([p for p in range(0, 128) if (p - tonic) % 12 in steps])
    return {
        "mode": mode,
        "tonic": tonic,
        "mode_steps": steps,
        "degree_of": degree_of,
        "scale_all": scale_all,
        "range": (lo, hi),
    }


def _register(rng, ctx, lo, hi):
    """Scale pitches of a phrase's register: a window of up to two octaves in ``lo..hi``."""
    width = int(rng.integers(12, 25))
    bottom = int(rng.integers(lo, max(lo, hi - width) + 1))
    scale = ctx["scale_all"]
    return scale[(scale >= bottom) & (scale <= min(hi, bottom + width))]


def generate_solo(instrument, seed, duration=20.0):
    """Generate one solo piece of an instrument class: phrases with expressive MIDI.

    Parameters
    ----------
    instrument : str
        One of the 8 classes (keys of :data:`INSTRUMENT_RANGES`).
    seed : int
        Seed; the same arguments always give the same piece.
    duration : float
        Length of the piece in seconds (notes end before it).

    Returns
    -------
    piece : dict
        ``notes``: np.ndarray [shape=(n, 4)] ``onset_s, offset_s, midi, velocity``;
        ``bends``: np.ndarray [shape=(m, 2)] ``time_s, value`` (+-8192 = +-2 semitones);
        ``controls``: np.ndarray [shape=(k, 3)] ``time_s, number, value`` (CC11
        expression, CC64 sustain pedal); ``instrument``, ``seed``, ``duration``,
        ``tempo`` (bpm), ``key``, ``mode``, ``vibrato`` (``depth_cents``, ``rate_hz``:
        the player's habit) and ``phrases`` (list of dict: ``kind``, ``articulation``,
        ``dynamic``, ``start_s``, ``end_s``, ``breaths`` (pauses inside the phrase), and
        for the piano ``left_hand`` and ``pedal``).

    Raises
    ------
    ValueError
        For an unknown instrument class or a duration under 1 s.

    Examples
    --------
    >>> piece = generate_solo("violin", seed=0, duration=10.0)
    >>> piece["notes"].shape[1], bool(piece["notes"][:, 1].max() <= 10.0)
    (4, True)
    >>> lo, hi = INSTRUMENT_RANGES["violin"]
    >>> bool(lo <= piece["notes"][:, 2].min() and piece["notes"][:, 2].max() <= hi)
    True
    """
    if instrument not in INSTRUMENT_RANGES:
        raise ValueError(
            f"unknown instrument class {instrument!r}; expected one of "
            f"{', '.join(INSTRUMENT_RANGES)}"
        )
    if not np.isfinite(duration) or duration < 1.0:
        raise ValueError(f"duration must be at least 1 s, got {duration!r}")
    rng = np.random.default_rng([int(seed), list(INSTRUMENT_RANGES).index(instrument)])
    style = STYLES[instrument]
    lo, hi = INSTRUMENT_RANGES[instrument]
    ctx = _context(rng, instrument, lo, hi)
    tempo = round(float(rng.uniform(*style["tempo"])), 1)
    beat = 60.0 / tempo
    ctx["beat"] = beat
    vib = {
        "depth_cents": round(float(rng.uniform(*style["depth"])), 1),
        "rate_hz": round(float(rng.uniform(*style["rate"])), 2),
    }
    kinds = list(style["kinds"])
    weights = np.array([style["kinds"][k] for k in kinds], float)
    two_hands = instrument == "piano" and rng.random() < 0.75

    rows, flags, phrase_of, phrases = [], [], [], []
    polyphonic = two_hands
    t = float(rng.uniform(0.0, 0.5))
    while t < duration - 0.5:
        kind = kinds[int(rng.choice(len(kinds), p=weights / weights.sum()))]
        articulation = str(rng.choice(list(ARTICULATIONS), p=[0.55, 0.3, 0.15]))
        if kind == "long_tones":
            articulation = "legato"
        dynamic = str(rng.choice(list(DYNAMICS)))
        hairpin = float(rng.uniform(-20, 20))
        if two_hands:
            register = _register(rng, ctx, max(lo, 55), hi)
        else:
            register = _register(rng, ctx, lo, hi)
        events = _KIND_FUNCS[kind](rng, register, ctx)
        info = {"kind": kind, "articulation": articulation, "dynamic": dynamic}
        if instrument == "piano":
            events = _harmonise(rng, events, ctx)
        timed = []  # (beat, beats, pitches, hand)
        b = 0.0
        for beats, pitches in events:
            if pitches:
                timed.append((b, beats, pitches, "right"))
            b += beats
        if two_hands:
            info["left_hand"], left = _left_hand(rng, ctx, b, 0.0)
            timed += [(s, d, p, "left") for s, d, p in left]
            info["pedal"] = bool(rng.random() < 0.6)
        timed.sort(key=lambda e: e[0])
        span = max(s + d for s, d, _, _ in timed)
        lo_share, hi_share = ARTICULATIONS[articulation]
        breath_every = float(rng.uniform(2.5, 5.0))
        last_breath, shift, breaths = 0.0, 0.0, 0
        start = t
        last_right = max((i for i, e in enumerate(timed) if e[3] == "right"), default=-1)
        for i, (s, d, pitches, hand) in enumerate(timed):
            on = t + s * beat + shift
            if style["breath"] and on - start - last_breath > breath_every and hand == "right":
                gap = float(rng.uniform(0.2, 0.4))  # a breath: the line resumes later
                shift += gap
                on += gap
                last_breath = on - start
                breaths += 1
            length = d * beat * (rng.uniform(lo_share, hi_share) if hand == "right" else 0.95)
            length = max(length, 0.05)
            accent = hand == "right" and (s % 4 == 0 or rng.random() < 0.1) and rng.random() < 0.5
            velocity = DYNAMICS[dynamic] + hairpin * (s / max(span, 1e-9)) - 8 * (hand == "left")
            velocity += rng.uniform(15, 25) * accent + rng.normal(0, 4)
            jitter = float(np.clip(rng.normal(0, 0.008), -0.02, 0.02))
            polyphonic |= len(pitches) > 1
            for p in pitches:
                rows.append([on + jitter, on + jitter + length, p, np.clip(velocity, 20, 127)])
                flags.append({"phrase_end": i == last_right, "hand": hand})
                phrase_of.append(len(phrases))
        end = t + span * beat + shift
        info.update(
            start_s=round(float(start), 3),
            end_s=round(float(min(end, duration)), 3),
            breaths=breaths,
            expression=int(rng.integers(90, 128)),
        )
        phrases.append(info)
        t = end + float(rng.uniform(0.2, 1.0))  # rest between phrases

    notes = np.array(rows, dtype=float).reshape(-1, 4)
    order = np.argsort(notes[:, 0], kind="stable")
    notes, flags = notes[order], [flags[i] for i in order]
    phrase_of = [phrase_of[i] for i in order]
    notes[:, :2] = _grid(np.maximum(notes[:, :2], 0.0))
    notes[:, 3] = np.round(notes[:, 3])
    if not polyphonic:  # a monophonic line: a note ends before the next begins
        notes[:-1, 1] = np.minimum(notes[:-1, 1], notes[1:, 0])
    end = _grid(duration - 0.05)
    keep = notes[:, 0] < end - 0.05
    notes, flags = notes[keep], [f for f, k in zip(flags, keep) if k]
    phrase_of = [p for p, k in zip(phrase_of, keep) if k]
    notes[:, 1] = np.minimum(notes[:, 1], end)
    notes[:, 1] = np.maximum(notes[:, 1], notes[:, 0] + 1.0 / TICKS_PER_SECOND)

    bends, controls = [], []
    if instrument == "piano":
        for info in phrases:
            if info.get("pedal"):
                bar = 4 * beat
                for b0 in np.arange(info["start_s"], info["end_s"] - 0.1, bar):
                    up = min(b0 + bar, info["end_s"]) - 0.02  # a pedal change on every bar
                    controls += [(b0 + 0.03, 64, 127), (up, 64, 0)]
    elif instrument != "voice":
        if instrument == "distorted_guitar" and polyphonic:
            style = MappingProxyType({**style, "slide": 0.0, "scoop": 0.0})
        bends = _expression(rng, notes, flags, style, vib, hi)
        controls = _swells(rng, notes, phrase_of, phrases, style)
    for info in phrases:
        info.pop("expression")
    return {
        "instrument": instrument,
        "seed": int(seed),
        "duration": float(duration),
        "tempo": tempo,
        "key": _KEYS[ctx["tonic"]],
        "mode": ctx["mode"],
        "vibrato": vib,
        "phrases": phrases,
        "notes": notes,
        "bends": _grid_events(bends, 2, end),
        "controls": _grid_events(controls, 3, end),
    }


def _grid_events(events, width, end):
    events = np.array(events, dtype=float).reshape(-1, width)
    events = events[events[:, 0] <= end]
    events[:, 0] = _grid(events[:, 0])
    return events[np.argsort(events[:, 0], kind="stable")]
