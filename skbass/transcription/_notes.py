"""Note decoding: from a frame-wise bass salience (and onset network) to note events.

Three decoders, all returning rows of ``onset_s, offset_s, midi, salience``:

``"onsets"`` (the default of :meth:`BassLine.notes` when the line has onset salience)
    Notes start where a bass onset network (:func:`~skbass.transcription.train_onset_model`,
    at an 11.6 ms hop) peaks: at each frame where its highest output exceeds
    ``onset_threshold`` and is the largest within :data:`ONSET_PEAK_WIDTH` frames on
    either side (:func:`onset_peaks`), a note of that output's pitch starts. It lasts
    while the salience of its pitch stays above ``offset_threshold`` (at least one
    salience frame), and at most until the next onset.

``"runs"``
    The frame estimate (arg-max pitch where voiced) cut wherever it changes; runs shorter
    than ``min_frames`` are dropped. A one-frame glitch splits a note in two and repeated
    notes of one pitch merge into one.

``"hmm"`` (the default of :meth:`BassLine.notes`)
    1. *Smoothing.* A Viterbi path (:func:`viterbi`, equal to
       :func:`librosa.sequence.viterbi`) over 45 states, the network's pitches plus "no
       bass". The likelihood of a pitch state in a frame is the odds ``s / (1 - s)`` of
       that pitch's salience ``s`` (the likelihood ratio of independent sigmoid outputs);
       that of "no bass" is the odds of ``voicing_threshold``, so that without transitions
       the path is the arg-max pitch where its salience exceeds the threshold. The
       transition matrix (:func:`transition_matrix`) keeps a state with probability
       ``self_transition`` and moves to each other state with equal probability, so a
       short change of pitch must be supported by enough evidence. The default 0.05
       (1/45 would be no smoothing) was chosen on a validation set rendered with the
       training soundfonts; stronger smoothing swallowed short notes there. Moves are
       not weighted by interval here (as :func:`~skbass.transcription.transcribe`'s
       frame pitch is): on the validation sets that lowered the mean note onset F (0.842
       to 0.847 against 0.849).
    2. *Repeated notes.* A run of one pitch is split at frame ``t`` when that pitch's
       salience rises again after a dip: ``salience[t] - min(salience[t-2:t])`` is at
       least ``onset_rise`` and a local maximum, and both parts keep at least
       ``min_frames`` frames. (A rule on the constant-Q flux of the pitch was tried and
       split too often on the validation set.)
    3. *Minimum duration.* Notes shorter than ``min_frames`` frames are dropped.

A note covers its frames' full hops: from ``times[a] - hop/2`` (0 for the first frame)
to ``times[b - 1] + hop/2``.
"""

import numpy as np

#: Decoders :func:`decode_notes` knows.
METHODS = ("hmm", "runs")
#: An onset peak is the largest onset salience within this many frames on either side.
ONSET_PEAK_WIDTH = 3
#: Share of a pitch's probability of moving to another pitch that :func:`transition_matrix`
#: gives by interval (the rest goes to every other pitch equally, so leaps stay possible).
INTERVAL_SHARE = 0.9


def _check(salience, pitches, times):
    salience = np.asarray(salience, dtype=float)
    pitches = np.asarray(pitches)
    times = np.asarray(times, dtype=float)
    if salience.ndim != 2 or salience.shape[1] != len(pitches):
        raise ValueError(
            f"salience must have shape (n_frames, {len(pitches)}), got {salience.shape}"
        )
    if times.shape != (len(salience),):
        raise ValueError(
            f"times must have shape ({len(salience)},) like the salience, got {times.shape}"
        )
    return salience, pitches, times


def transition_matrix(n_pitches, self_transition, *, no_bass=False, interval_scale=None):
    """Transition matrix of a Viterbi path over the bass pitches (and "no bass").

    Each state is kept with probability ``self_transition``; the rest is spread over the
    other states. Without ``interval_scale`` it is spread equally
    (:func:`librosa.sequence.transition_loop`). With it, a move from one pitch to another
    keeps its total probability, but :data:`INTERVAL_SHARE` of it goes to the other
    pitches in proportion to ``exp(-|interval| / interval_scale)`` (interval in
    semitones) and the rest equally: a bass line moves by a step more often than by a
    leap, and a leap stays possible. Moves into and out of "no bass" are spread equally.

    Parameters
    ----------
    n_pitches : int
        Number of pitch states (one per semitone).
    self_transition : float
        Probability of staying in a state, in (0, 1).
    no_bass : bool, default=False
        Add a last state for "no bass".
    interval_scale : float or None, default=None
        Semitones over which the weight of a move between pitches falls by a factor e;
        None: every move equally likely.

    Returns
    -------
    transition : np.ndarray [shape=(n_states, n_states)]
        ``transition[i, j]``: probability of moving from state ``i`` to ``j``; rows sum
        to 1.

    Raises
    ------
    ValueError
        If ``self_transition`` is outside (0, 1) or ``interval_scale`` is not positive.
    """
    if not 0 < self_transition < 1:
        raise ValueError(f"self_transition must be in (0, 1), got {self_transition}")
    if interval_scale is not None and not interval_scale > 0:
        raise ValueError(f"interval_scale must be positive or None, got {interval_scale}")
    n_states = n_pitches + bool(no_bass)
    if n_states == 1:
        return np.ones((1, 1))
    transition = np.full((n_states, n_states), (1 - self_transition) / (n_states - 1))
    if interval_scale is not None and n_pitches > 1:
        interval = np.abs(np.subtract.outer(np.arange(n_pitches), np.arange(n_pitches)))
        near = np.exp(-interval / interval_scale)
        np.fill_diagonal(near, 0.0)
        near /= near.sum(axis=1, keepdims=True)
        moves = transition[0, 1] * (n_pitches - 1)  # each pitch's probability of another pitch
        transition[:n_pitches, :n_pitches] = moves * (
            INTERVAL_SHARE * near + (1 - INTERVAL_SHARE) / (n_pitches - 1)
        )
    np.fill_diagonal(transition, self_transition)
    return transition


def viterbi(prob, transition):
    """Most likely state sequence, in NumPy.

    The same path as :func:`librosa.sequence.viterbi` with a uniform initial
    distribution (a test holds them equal, ties included), without importing librosa,
    which the ``skbass transcribe`` command avoids for its start-up time.

    Parameters
    ----------
    prob : np.ndarray [shape=(n_states, n_frames)]
        Likelihood of each state per frame (non-negative).
    transition : np.ndarray [shape=(n_states, n_states)]
        ``transition[i, j]``: probability of moving from state ``i`` to ``j``
        (:func:`transition_matrix`).

    Returns
    -------
    states : np.ndarray [shape=(n_frames,), dtype=int]
        The state per frame.
    """
    n_states, n_frames = prob.shape
    if n_frames == 0 or n_states == 1:
        return np.zeros(n_frames, dtype=int)
    tiny = np.finfo(float).tiny
    log_prob = np.log(np.asarray(prob, dtype=float) + tiny)
    log_transition = np.log(np.asarray(transition, dtype=float) + tiny)
    columns = np.arange(n_states)
    pointers = np.empty((n_frames, n_states), dtype=int)
    value = log_prob[:, 0] + np.log(1.0 / n_states)
    for t in range(1, n_frames):
        scores = value[:, None] + log_transition
        best = np.argmax(scores, axis=0)  # the lowest index among equal maxima, as librosa
        pointers[t] = best
        value = scores[best, columns] + log_prob[:, t]
    states = np.empty(n_frames, dtype=int)
    states[-1] = int(np.argmax(value))
    for t in range(n_frames - 1, 0, -1):
        states[t - 1] = pointers[t, states[t]]
    return states


def viterbi_states(salience, voicing_threshold, *, self_transition=0.05, interval_scale=None):
    """Most likely state per frame: a salience column, or -1 for "no bass".

    Parameters
    ----------
    salience : np.ndarray [shape=(n_frames, n_pitches)]
        Salience of each pitch per frame, in [0, 1].
    voicing_threshold : float, np.ndarray [shape=(n_frames,)] or None
        Likelihood of the "no bass" state; None: the state is never taken.
    self_transition : float, default=0.05
        Probability of staying in a state from one frame to the next, in (0, 1).
    interval_scale : float or None, default=None
        Semitones of the transitions' preference for small intervals
        (:func:`transition_matrix`); None: every move equally likely.

    Returns
    -------
    states : np.ndarray [shape=(n_frames,), dtype=int]
        Column index of the pitch, -1 where there is no bass.
    """
    n_frames, n_pitches = salience.shape
    transition = transition_matrix(
        n_pitches,
        self_transition,
        no_bass=voicing_threshold is not None,
        interval_scale=interval_scale,
    )
    if n_frames == 0:
        return np.zeros(0, dtype=int)
    if voicing_threshold is None:
        prob = np.clip(salience.T, 1e-6, 1 - 1e-6)
    else:
        silent = np.broadcast_to(np.asarray(voicing_threshold, dtype=float), (n_frames,))
        prob = np.clip(np.vstack([salience.T, silent[None, :]]), 1e-6, 1 - 1e-6)
    prob = prob / (1 - prob)  # odds: the likelihood ratio of independent sigmoid outputs
    prob /= prob.sum(axis=0, keepdims=True)  # a common factor per frame leaves the path as is
    path = viterbi(prob, transition)
    return np.where(path == n_pitches, -1, path)


def _runs(states):
    """``(start, end, state)`` of each run of equal values."""
    change = np.flatnonzero(np.diff(states) != 0) + 1
    starts = np.concatenate([[0], change]).astype(int)
    ends = np.concatenate([change, [len(states)]]).astype(int)
    return [(a, b, int(states[a])) for a, b in zip(starts, ends) if b > a]


def salience_rise(salience, *, window=2):
    """How far each pitch's salience has risen above its minimum of the previous frames.

    Parameters
    ----------
    salience : np.ndarray [shape=(n_frames, n_pitches)]
        Salience of each pitch per frame.
    window : int, default=2
        Previous frames the minimum is taken over.

    Returns
    -------
    rise : np.ndarray [shape=(n_frames,  n_pitches)]
        ``salience[t] - min(salience[t - window:t])``, 0 for the first frame.
    """
    salience = np.asarray(salience, dtype=float)
    rise = np.zeros_like(salience)
    if len(salience) < 2:
        return rise
    # the minimum over frames t - window .. t - 1 (fewer at the start)
    padded = np.concatenate([np.repeat(salience[:1], window - 1, axis=0), salience[:-1]])
    low = np.lib.stride_tricks.sliding_window_view(padded, window, axis=0).min(axis=-1)
    rise[1:] = np.maximum(salience[1:] - low, 0.0)
    return rise


def split_at_onsets(a, b, rise, *, onset_rise=0.5, min_frames=2):
    """Frames where one run of one pitch starts a repeated note.

    Parameters
    ----------
    a, b : int
        The run covers frames ``a..b-1``.
    rise : np.ndarray [shape=(n_frames,)]
        Onset signal of the run's pitch (see :func:`salience_rise`).
    onset_rise : float, default=0.5
        Smallest rise that starts a new note; the frame must also be a local maximum
        (strictly above the previous frame, at least the next).
    min_frames : int, default=2
        Both parts of a split keep at least this many frames.

    Returns
    -------
    starts : list of int
        Frames inside the run where a new note starts, ascending.
    """
    starts, last = [], a
    for t in range(a + max(min_frames, 1), b - max(min_frames, 1) + 1):
        f = rise[t]
        if f < onset_rise or f <= rise[t - 1] or (t + 1 < len(rise) and f < rise[t + 1]):
            continue
        if t - last >= min_frames:
            starts.append(t)
            last = t
    return starts


def decode_notes(
    salience,
    pitches,
    times,
    *,
    hop_s,
    voiced=None,
    voicing_threshold=None,
    method="hmm",
    self_transition=0.05,
    onset_rise=0.5,
    min_frames=2,
):
    """Note events from a frame-wise bass salience (see the module notes for the decoders).

    Parameters
    ----------
    salience : np.ndarray [shape=(n_frames, n_pitches)]
        Salience of each pitch per frame.
    pitches : np.ndarray [shape=(n_pitches,)]
        MIDI pitch of each column.
    times : np.ndarray [shape=(n_frames,)]
        Frame centres in seconds.
    hop_s : float
        Seconds between frames.
    voiced : np.ndarray [shape=(n_frames,), dtype=bool] or None
        Voicing decision of the frame decoder (``"runs"``); None: every frame.
    voicing_threshold : float, np.ndarray [shape=(n_frames,)] or None
        Likelihood of "no bass" (``"hmm"``); None: every frame holds a note.
    method : {"hmm", "runs"}, default="hmm"
        The decoder.
    self_transition : float, default=0.05
        ``"hmm"``: probability of staying in a state from one frame to the next.
    onset_rise : float, default=0.5
        ``"hmm"``: smallest rise of the pitch's salience over its minimum of the two
        previous frames that splits a run in two notes (repeated notes); above 1: never.
    min_frames : int, default=2
        Shortest note in frames.

    Returns
    -------
    notes : np.ndarray [shape=(n_notes, 4)]
        Rows of ``onset_s, offset_s, midi, salience`` (the note's mean salience of its
        pitch).

    Raises
    ------
    ValueError
        For an unknown method or inconsistent shapes.
    """
    if method not in METHODS:
        raise ValueError(f"method must be one of {METHODS}, got {method!r}")
    salience, pitches, times = _check(salience, pitches, times)
    if int(min_frames) != min_frames or min_frames < 1:
        raise ValueError(f"min_frames must be a positive integer, got {min_frames}")
    if method == "runs":
        best = salience.argmax(axis=1) if len(salience) else np.zeros(0, dtype=int)
        mask = np.ones(len(best), bool) if voiced is None else np.asarray(voiced, bool)
        segments = [(a, b, k) for a, b, k in _runs(np.where(mask, best, -1))]
    else:
        states = viterbi_states(salience, voicing_threshold, self_transition=self_transition)
        rise = salience_rise(salience)
        segments = []
        for a, b, k in _runs(states):
            cuts = []
            if k >= 0:
                cuts = split_at_onsets(
                    a, b, rise[:, k], onset_rise=onset_rise, min_frames=min_frames
                )
            bounds = [a, *cuts, b]
            segments.extend((s, e, k) for s, e in zip(bounds[:-1], bounds[1:]))
    half = 0.5 * hop_s
    rows = [
        (
            times[a] - half if a else 0.0,
            times[b - 1] + half,
            float(pitches[k]),
            float(salience[a:b, k].mean()),
        )
        for a, b, k in segments
        if k >= 0 and b - a >= min_frames
    ]
    return np.array(rows, dtype=float).reshape(-1, 4)


def onset_peaks(strength, threshold, *, width=ONSET_PEAK_WIDTH):
    """Frames where ``strength`` peaks above ``threshold``.

    Parameters
    ----------
    strength : np.ndarray [shape=(n_frames,)]
        Onset strength per frame.
    threshold : float
        A peak must exceed it.
    width : int, default=3
        A peak is the largest value within ``width`` frames on either side; of a plateau
        only the first frame counts.

    Returns
    -------
    peaks : np.ndarray [shape=(n_peaks,), dtype=int]
        Frame indices, ascending.

    Examples
    --------
    >>> onset_peaks(np.array([0.0, 0.9, 0.2, 0.1, 0.1, 0.1, 0.6, 0.6, 0.0]), 0.5, width=1)
    array([1, 6])
    """
    strength = np.asarray(strength, dtype=float)
    if len(strength) == 0:
        return np.zeros(0, dtype=int)
    padded = np.pad(strength, width, constant_values=-np.inf)
    local_max = np.lib.stride_tricks.sliding_window_view(padded, 2 * width + 1).max(axis=1)
    candidates = np.flatnonzero((strength >= local_max) & (strength > threshold))
    if len(candidates) == 0:
        return candidates
    return candidates[np.concatenate([[True], np.diff(candidates) > width])]


def decode_onset_notes(
    onset_salience,
    onset_times,
    salience,
    pitches,
    times,
    *,
    hop_s,
    onset_threshold,
    offset_threshold,
):
    """Notes started at the onset network's peaks (the ``"onsets"`` decoder, module notes).

    Parameters
    ----------
    onset_salience : np.ndarray [shape=(n_onset_frames, n_pitches)]
        The onset network's output per pitch: the probability that a note of that pitch
        starts at the frame.
    onset_times : np.ndarray [shape=(n_onset_frames,)]
        Its frame centres in seconds.
    salience : np.ndarray [shape=(n_frames, n_pitches)]
        The salience network's output, same pitches.
    pitches : np.ndarray [shape=(n_pitches,)]
        MIDI pitch of each column.
    times : np.ndarray [shape=(n_frames,)]
        Salience frame centres in seconds.
    hop_s : float
        Seconds between salience frames.
    onset_threshold : float
        A note starts where the highest onset salience peaks above it.
    offset_threshold : float
        A note lasts while its pitch's salience stays above it.

    Returns
    -------
    notes : np.ndarray [shape=(n_notes, 4)]
        Rows of ``onset_s, offset_s, midi, onset salience``.

    Raises
    ------
    ValueError
        For inconsistent shapes.
    """
    salience, pitches, times = _check(salience, pitches, times)
    onset_salience, _, onset_times = _check(onset_salience, pitches, onset_times)
    strength = onset_salience.max(axis=1) if len(onset_salience) else np.zeros(0)
    peaks = onset_peaks(strength, onset_threshold)
    onsets = onset_times[peaks]
    columns = onset_salience[peaks].argmax(axis=1) if len(peaks) else np.zeros(0, dtype=int)
    half = 0.5 * hop_s
    ends = np.concatenate([onsets[1:], [times[-1] + half if len(times) else 0.0]])
    rows = []
    for onset, end, k, peak in zip(onsets, ends, columns, peaks):
        # the salience frame the onset falls in, then on while the pitch stays salient
        a = int(np.clip(np.searchsorted(times + half, onset, side="right"), 0, len(times) - 1))
        b = a + 1
        while b < len(times) and salience[b, k] > offset_threshold:
            b += 1
        offset = min(times[b - 1] + half, end)
        rows.append((onset, max(offset, onset + 1e-3), float(pitches[k]), strength[peak]))
    return np.array(rows, dtype=float).reshape(-1, 4)
