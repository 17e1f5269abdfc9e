"""A sung voice for the instrument classes: Praat's Klatt formant synthesiser (KlattGrid).

General MIDI serves the singing voice worst of the 8 classes: its "voice" programs
(choir aahs, voice oohs, synth voice) are sustained choir pads, with no solo singer's
vowels, consonants or vibrato.  A source-filter synthesiser models what makes a sung note
a voice: a glottal pulse train following the sung pitch (with vibrato, jitter and
shimmer), shaped by the formant resonances of a vowel, with aspiration and frication
noise for breath and consonants.  Praat's KlattGrid (through ``parselmouth``) is such a
synthesiser, driven here from a note list; it renders about 15..20 times faster than
real time on one core.
"""

import numpy as np

from ...utils._constants import SR

#: Lowest and highest MIDI pitch :func:`render_voice` sings (F3..C6: a soprano's or
#: mezzo-soprano's range with a margin; sung phrases keep to about 55..79).
VOICE_RANGE = (53, 84)

# Formant frequencies F1..F3 (Hz) of the five vowels: the female averages of Peterson &
# Barney (1952), "Control methods used in a study of the vowels", JASA 24(2), Table II
# (/ɑ/ hod, /ɛ/ head, /i/ heed, /ɔ/ hawed, /u/ who'd).  F4 and F5 are typical female values.
# Sopranos raise F1 to follow f0 when f0 rises above it (Sundberg 1987, "The Science of the
# Singing Voice", ch. 6), which _formants does.
_VOWELS = {
    "a": (850.0, 1220.0, 2810.0, 3900.0, 4800.0),
    "e": (610.0, 2330.0, 2990.0, 4000.0, 4900.0),
    "i": (310.0, 2790.0, 3310.0, 4200.0, 5000.0),
    "o": (590.0, 920.0, 2710.0, 3800.0, 4700.0),
    "u": (370.0, 950.0, 2670.0, 3800.0, 4700.0),
}
_BANDWIDTHS = (80.0, 90.0, 120.0, 160.0, 200.0)
# Fixed higher resonances: without them the all-pole cascade falls far too steeply above
# 5 kHz (measured: -110 dB at 6-8 kHz instead of the -60..-70 dB of a voice's breathy top).
_HIGH_FORMANTS = ((5800.0, 600.0), (7000.0, 900.0), (8200.0, 1200.0), (9400.0, 1500.0))
# Consonant onsets: (kind, frication formant frequencies in Hz, duration in s).  Plosives
# are a short burst then aspiration, fricatives a longer noise; "h" is aspiration alone.
_CONSONANTS = {
    "t": ("plosive", (4500.0, 6500.0), 0.035),
    "k": ("plosive", (2500.0, 4500.0), 0.045),
    "p": ("plosive", (1200.0, 3500.0), 0.030),
    "s": ("fricative", (5500.0, 8000.0), 0.110),
    "sh": ("fricative", (2800.0, 4500.0), 0.100),
    "h": ("aspirated", (), 0.080),
}
_KLATT_SR = 44100  # KlattGrid's "To Sound" rate; resampled to ``sr`` afterwards
_PITCH_STEP = 0.01  # seconds between pitch points
_SILENT_DB = 0.0  # voicing level in silence, ~90 dB below a sung note
_LEGATO_GAP = 0.04  # notes this close (s) and at most 5 semitones apart are slurred


def _check_notes(notes):
    notes = np.asarray(notes, dtype=float)
    if notes.ndim != 2 or notes.shape[1] != 4:
        raise ValueError(
            f"notes must be an array of shape (n, 4) (onset_s, offset_s, midi, velocity), "
            f"got shape {notes.shape}"
        )
    if not np.all(np.isfinite(notes)):
        raise ValueError("notes hold NaN or infinite values")
    on, off, midi, vel = notes.T
    bad = np.flatnonzero((on < 0) | (off <= on))
    if len(bad):
        raise ValueError(
            f"note {bad[0]}: onset {on[bad[0]]} s and offset {off[bad[0]]} s; onsets must "
            "be >= 0 and offsets after onsets"
        )
    bad = np.flatnonzero((midi < VOICE_RANGE[0]) | (midi > VOICE_RANGE[1]))
    if len(bad):
        raise ValueError(
            f"note {bad[0]}: MIDI pitch {midi[bad[0]]:g} is outside the sung range "
            f"{VOICE_RANGE[0]}..{VOICE_RANGE[1]}"
        )
    bad = np.flatnonzero((vel < 1) | (vel > 127))
    if len(bad):
        raise ValueError(f"note {bad[0]}: velocity {vel[bad[0]]:g} is outside 1..127")
    order = np.argsort(on, kind="stable")
    notes = notes[order]
    overlap = np.flatnonzero(notes[1:, 0] < notes[:-1, 1] - 1e-3)
    if len(overlap):
        i = overlap[0]
        raise ValueError(
            f"notes overlap (one starting at {notes[i, 0]} s ends at {notes[i, 1]} s, after "
            f"the next starts at {notes[i + 1, 0]} s); a sung line is monophonic"
        )
    return notes


def _singer(rng, vibrato_cents, vibrato_hz):
    """Draw one singer: vocal-tract length, voice quality and vibrato habits."""
    return {
        "formant_shift": rng.uniform(0.94, 1.08),  # shorter tract -> higher formants
        "ring": rng.uniform(0.0, 1.0),  # how far F4 joins F3 (a singer's-formant cluster)
        "breathiness_db": rng.uniform(25.0, 50.0),  # below the voicing level
        "open_phase": rng.uniform(0.5, 0.7),
        "tilt_db": rng.uniform(2.0, 12.0),  # spectral tilt at 3 kHz
        "vibrato_cents": vibrato_cents * rng.uniform(0.8, 1.2),
        "vibrato_hz": vibrato_hz * rng.uniform(0.92, 1.08),
        "vibrato_delay": rng.uniform(0.12, 0.35),
        "scoop_cents": rng.uniform(0.0, 40.0),  # starts notes slightly flat
        "consonant_rate": rng.uniform(0.2, 0.6),
    }


def _formants(vowel, f0, singer):
    freqs = np.array(_VOWELS[vowel]) * singer["formant_shift"]
    freqs[3] = freqs[3] - singer["ring"] * 0.5 * (freqs[3] - freqs[2] - 300.0)
    freqs[0] = max(freqs[0], 1.1 * f0)  # F1 tuning to the sung pitch
    freqs[1] = max(freqs[1], freqs[0] + 250.0)
    return freqs


def _pitch_track(notes, legato, singer, rng, duration):
    """Times (s) and f0 (Hz) of the pitch points over the voiced spans."""
    times, midis = [], []
    n = len(notes)
    start = 0
    while start < n:  # one slurred group of notes at a time
        stop = start
        while stop < n - 1 and legato[stop]:
            stop += 1
        t0, t1 = notes[start, 0], min(notes[stop, 1], duration)
        t = np.arange(t0, t1 + _PITCH_STEP, _PITCH_STEP)
        idx = np.clip(np.searchsorted(notes[start : stop + 1, 0], t, side="right") - 1, 0, None)
        idx += start
        base = notes[idx, 2].astype(float)
        for i in range(start, stop):  # glide into each slurred note over 40..90 ms
            glide = rng.uniform(0.04, 0.09)
            boundary = notes[i + 1, 0]
            near = np.abs(t - boundary) < glide / 2
            w = (t[near] - boundary + glide / 2) / glide
            base[near] = notes[i, 2] + (notes[i + 1, 2] - notes[i, 2]) * (3 * w**2 - 2 * w**3)
        # scoop: each separately attacked note starts flat and rises within ~70 ms
        since = t - t0
        base -= singer["scoop_cents"] / 100 * np.exp(-np.clip(since, 0, None) / 0.035)
        # vibrato: delayed, ramped in, rate wandering a little, phase continuous
        rate = singer["vibrato_hz"] * (1 + 0.04 * _smooth_noise(rng, len(t), 40))
        phase = 2 * np.pi * np.cumsum(rate) * _PITCH_STEP + rng.uniform(0, 2 * np.pi)
        ramp = np.clip((since - singer["vibrato_delay"]) / 0.25, 0, 1)
        depth = singer["vibrato_cents"] * ramp * (1 + 0.1 * _smooth_noise(rng, len(t), 60))
        cents = depth * np.sin(phase)
        cents += 6.0 * _smooth_noise(rng, len(t), 25)  # slow drift
        cents += rng.normal(0.0, 2.0, len(t))  # jitter
        times.append(t)
        midis.append(base + cents / 100)
        start = stop + 1
    t = np.concatenate(times)
    keep = t <= duration
    return t[keep], 440.0 * 2.0 ** ((np.concatenate(midis)[keep] - 69) / 12)


def _smooth_noise(rng, n, width):
    """Seeded noise of unit standard deviation, low-passed over ``width`` points."""
    raw = rng.normal(size=n + 2 * width)
    kernel = np.hanning(2 * width + 1)
    smooth = np.convolve(raw, kernel / kernel.sum(), mode="same")[width : width + n]
    return smooth / (smooth.std() + 1e-12) if n > 1 else smooth


def render_voice(notes, *, sr=SR, n_samples, seed, vibrato_cents=40.0, vibrato_hz=5.5, singer=None):
    """Sing a monophonic phrase with Praat's Klatt formant synthesiser.

    Each note sings one of the vowels a, e, i, o, u (female formant frequencies of
    Peterson & Barney, shifted for the singer's vocal-tract length, with the first
    formant raised to follow the pitch as sopranos do).  Some notes start with a
    consonant: a plosive burst (t, k, p) or fricative noise (s, sh, h) before the vowel,
    which then begins up to about 0.1 s after the onset.  The pitch scoops into each
    attacked note, carries a vibrato that starts 0.12..0.35 s into the note, and wanders
    with slow drift and jitter; the level follows the velocity, with shimmer.  Notes at
    most 40 ms apart and 5 semitones apart are slurred with a glide; other notes end in
    silence, and gaps longer than 0.8 s hold a soft inhalation just before the next
    note.  Breath noise rides on the voiced sound.

    Parameters
    ----------
    notes : np.ndarray [shape=(n, 4)]
        Rows of ``onset_s, offset_s, midi, velocity`` of a monophonic phrase; MIDI pitches
        within :data:`VOICE_RANGE` (53..84), velocities 1..127.  Notes past the end are cut.
    sr : int, default=22050
        Sample rate in Hz.
    n_samples : int
        Length of the result in samples.
    seed : int
        Seed of every random choice (vowels, consonants, singer, noise): the same
        arguments give the same signal.
    vibrato_cents : float, default=40.0
        Typical vibrato depth (half the peak-to-peak excursion) in cents; each singer's is
        drawn within +-20 % of it.  0 sings without vibrato.
    vibrato_hz : float, default=5.5
        Typical vibrato rate in Hz; each singer's is drawn within +-8 % of it.
    singer : int or None, default=None
        Seed of the singer's traits (vocal-tract length, breathiness, glottal source,
        vibrato, scoops, consonant rate).  ``None`` draws them from ``seed``; giving
        disjoint singer numbers to training and test phrases keeps every singer on one
        side of a split, as the paper keeps its vocalists.

    Returns
    -------
    y : np.ndarray [shape=(n_samples,), dtype=float32]
        The sung phrase, peak between 0.5 and 0.9 (all zeros without notes).

    Raises
    ------
    ValueError
        If ``notes`` is not of shape (n, 4), holds non-finite values, an offset not after
        its onset, a pitch outside :data:`VOICE_RANGE`, a velocity outside 1..127, or
        overlapping notes; if ``sr`` or ``n_samples`` is not a positive integer, or
        ``singer`` not a non-negative integer.

    Notes
    -----
    Praat's noise generator is global to a process: it is seeded for each render and
    unseeded after, so render from one thread at a time per process (joblib's process
    workers are fine).

    Examples
    --------
    >>> import numpy as np
    >>> notes = np.array([[0.1, 0.9, 67, 90], [1.0, 1.8, 72, 100]])
    >>> y = render_voice(notes, sr=22050, n_samples=44100, seed=0)
    >>> y.shape, y.dtype, 0.5 <= float(np.abs(y).max()) <= 0.9
    ((44100,), dtype('float32'), True)
    """
    for name, value in (("sr", sr), ("n_samples", n_samples)):
        if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value <= 0:
            raise ValueError(f"{name} must be a positive integer, got {value!r}")
    if not np.isfinite(vibrato_cents) or vibrato_cents < 0:
        raise ValueError(f"vibrato_cents must be >= 0, got {vibrato_cents!r}")
    if not np.isfinite(vibrato_hz) or vibrato_hz <= 0:
        raise ValueError(f"vibrato_hz must be positive, got {vibrato_hz!r}")
    if singer is not None and (
        isinstance(singer, bool) or not isinstance(singer, (int, np.integer)) or singer < 0
    ):
        raise ValueError(f"singer must be None or a non-negative integer, got {singer!r}")
    notes = _check_notes(notes)
    duration = n_samples / sr
    notes = notes[notes[:, 0] < duration - 0.01]
    if not len(notes):
        return np.zeros(n_samples, dtype=np.float32)
    notes[:, 1] = np.minimum(notes[:, 1], duration)
    rng = np.random.default_rng(seed)
    singer_rng = rng if singer is None else np.random.default_rng([int(singer), 1])
    traits = _singer(singer_rng, vibrato_cents, vibrato_hz)
    y = _klatt(notes, traits, rng, duration)
    import librosa

    y = librosa.resample(y, orig_sr=_KLATT_SR, target_sr=sr, res_type="soxr_hq")
    y = np.pad(y, (0, max(0, n_samples - len(y))))[:n_samples]
    peak = np.abs(y).max()
    if not np.isfinite(peak) or peak == 0:
        raise RuntimeError("the Klatt synthesiser produced no finite sound")
    return (y * (rng.uniform(0.5, 0.9) / peak)).astype(np.float32)


def _consonant(point, on, off, level, singer, rng, fric_time):
    """Add a consonant's noise at ``on``; the vowel's start and the frication tiers' time."""
    kind, formants, length = _CONSONANTS[str(rng.choice(list(_CONSONANTS)))]
    length = min(length, 0.3 * (off - on))
    noise = level - rng.uniform(8.0, 16.0)
    if kind == "aspirated":
        for t, a in ((on, 0.0), (on + 0.2 * length, noise), (on + length, 0.0)):
            point("aspiration amplitude", t, a)
        return on + length, fric_time
    burst = 0.012 if kind == "plosive" else 0.7 * length
    envelope = ((on, 0.0), (on + 0.003, noise), (on + burst, noise - 6), (on + burst + 0.01, 0.0))
    for t, a in envelope:
        point("frication amplitude", t, a)
    for k, freq in enumerate(formants, start=1):
        for t in (max(fric_time, on - 0.001), on + length):
            point("frication formant frequency", t, freq * singer["formant_shift"], k)
            point("frication formant bandwidth", t, 0.25 * freq, k)
    if kind == "plosive":  # voiceless aspiration until the vowel (voice onset time)
        for t, a in ((on + burst, 0.0), (on + 0.6 * length, noise), (on + length, 0.0)):
            point("aspiration amplitude", t, a)
    return on + length, on + length + 0.001


def _klatt(notes, singer, rng, duration):
    """Build and run the KlattGrid; the signal at ``_KLATT_SR``."""
    from parselmouth.praat import call, run

    n_oral = len(_BANDWIDTHS) + len(_HIGH_FORMANTS)
    kg = call("Create KlattGrid...", "voice", 0.0, duration, n_oral, 0, 0, 2, 0, 0, 0)
    n = len(notes)
    gaps = notes[1:, 0] - notes[:-1, 1]
    legato = np.zeros(n, dtype=bool)
    legato[:-1] = (gaps < _LEGATO_GAP) & (np.abs(np.diff(notes[:, 2])) <= 5)

    def point(tier, t, value, *number):
        call(kg, f"Add {tier} point...", *number, float(np.clip(t, 0.0, duration)), float(value))

    for t, f0 in zip(*_pitch_track(notes, legato, singer, rng, duration)):
        point("pitch", t, f0)
    point("open phase", 0.0, singer["open_phase"])
    point("spectral tilt", 0.0, singer["tilt_db"])
    for k, (freq, bw) in enumerate(_HIGH_FORMANTS, start=len(_BANDWIDTHS) + 1):
        point("oral formant frequency", 0.0, freq * singer["formant_shift"], k)
        point("oral formant bandwidth", 0.0, bw, k)

    fric_time = 0.0  # frication formants hold their values from one consonant to the next
    for i, (on, off, midi, velocity) in enumerate(notes):
        level = 66.0 + 24.0 * velocity / 127.0
        slurred_in = i > 0 and legato[i - 1]
        vowel = str(rng.choice(list(_VOWELS)))
        f0 = 440.0 * 2.0 ** ((midi - 69) / 12)
        start = on
        if not slurred_in and rng.random() < singer["consonant_rate"]:
            start, fric_time = _consonant(point, on, off, level, singer, rng, fric_time)
        # voicing: attack, gentle swell or fade, shimmer, release (or a dip when slurred)
        attack = rng.uniform(0.02, 0.06)
        release = min(rng.uniform(0.05, 0.1), 0.3 * (off - start))
        if slurred_in:
            point("voicing amplitude", on, level - 3.0)
        else:
            point("voicing amplitude", start, _SILENT_DB)
            point("voicing amplitude", start + attack, level)
        body = np.arange(start + attack, off - release, 0.03)
        swell = rng.uniform(-3.0, 3.0) * np.sin(np.pi * (body - on) / (off - on))
        for t, a in zip(body, level + swell + rng.normal(0.0, 0.4, len(body))):
            point("voicing amplitude", t, a)
        if legato[i]:
            point("voicing amplitude", off, level - 3.0)
        else:
            point("voicing amplitude", off - release, level - 2.0)
            point("voicing amplitude", off, _SILENT_DB)
        breath = level - singer["breathiness_db"]
        ramp_in = [] if slurred_in else [(start, 0.0)]
        ramp_out = [] if legato[i] else [(off, 0.0)]
        for t, a in [*ramp_in, (start + attack, breath), (off - release, breath), *ramp_out]:
            point("breathiness amplitude", t, a)
        # formants: the vowel's, moving from one note's to the next
        freqs = _formants(vowel, f0, singer)
        for k, (freq, bw) in enumerate(zip(freqs, _BANDWIDTHS), start=1):
            for t in (start + 0.03, max(start + 0.03, off - 0.03)):
                point("oral formant frequency", t, freq, k)
                point("oral formant bandwidth", t, bw * (1 + freq / 8000.0), k)
        gap = notes[i + 1, 0] - off if i < n - 1 else 0.0
        if gap > 0.8:  # an audible inhalation before the next phrase
            t_in = notes[i + 1, 0]
            for t, a in ((t_in - 0.45, 0.0), (t_in - 0.25, level - 30.0), (t_in - 0.1, 0.0)):
                point("aspiration amplitude", t, a)
    # Praat's noise sources draw from its global generator: seed it, then unseed it
    run(f"random_initializeWithSeedUnsafelyButPredictably ({int(rng.integers(2**31))})")
    try:
        sound = call(kg, "To Sound")
    finally:
        run("random_initializeSafelyAndUnpredictably ()")
    if int(sound.sampling_frequency) != _KLATT_SR:
        raise RuntimeError(f"KlattGrid rendered at {sound.sampling_frequency} Hz")
    return np.asarray(sound.values[0], dtype=np.float64)
