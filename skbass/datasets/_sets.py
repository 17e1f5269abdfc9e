"""The generated sets: labelled ensembles, unlabelled ensembles, isolated notes, test sets."""

import os
from numbers import Integral, Real

import numpy as np
from sklearn.utils import Bunch
from sklearn.utils._param_validation import Interval, StrOptions, validate_params

from ..metrics import cqt_argmax_pitch
from ..utils._audio import resample
from ..utils._constants import BASS_MAX_MIDI, BASS_MIN_MIDI, HOP_LENGTH, SR
from ..utils._frames import n_frames_for
from ._cache import render_jobs
from ._labels import LABEL_CONVENTIONS, notes_to_frame_labels
from .synth._augment import AUGMENTATIONS, check_augmentation
from .synth._chain import (
    CONDITIONS,
    apply_chain,
    apply_recording_chain,
    sample_chain,
    sample_recording_chain,
)
from .synth._generator import (
    ISOLATED_BASS_PROGRAMS,
    LINE_STYLES,
    generate_isolated,
    generate_piece,
    transform_piece,
)
from .synth._render import (
    TEST_SOUNDFONT,
    TRAIN_SOUNDFONTS,
    bass_program_for,
    check_training_soundfont,
    find_soundfont,
    is_test_only,
    render_parts,
    soundfont_name,
)

#: Distinct seed streams per set, so no two sets share a piece.
_STREAM = {
    "ensembles": 1,
    "unlabelled": 2,
    "isolated": 3,
    "test": 4,
    "isolated_test": 5,
    "instruments": 6,
    "instrument_test": 7,
}

#: Recordings and seconds per recording of each set size (before augmentation).
SIZES = {
    "ensembles": {"small": (4, 8.0), "default": (30, 32.0)},
    "unlabelled": {"small": (4, 8.0), "default": (390, 60.0)},
    "test": {"small": (2, 8.0), "default": (12, 30.0)},
}
#: Isolated-note set sizes: (pitch step, programs, velocity layers).
ISOLATED_SIZES = {
    "small": (6, (32,), ((60, 110),)),
    "default": (1, ISOLATED_BASS_PROGRAMS, ((30, 65), (65, 100), (100, 127))),
}
#: Pitch range of the isolated notes: MIDI 26..69 with a margin (margin notes are labelled 0).
ISOLATED_PITCHES = (24, 72)
#: Isolated-note test set sizes: (pitch step over MIDI 26..69, General MIDI programs).
ISOLATED_TEST_SIZES = {"small": (6, (32, 43, 33)), "default": (1, (32, 43, 33, 34, 35))}
#: Isolated-note test set timing: long notes (seconds), released late, and the silence after
#: each release in which the instrument rings out.
ISOLATED_TEST_TIMING = {"note_range": [2.5, 4.0], "gap": 1.0}


# --------------------------------------------------------------------------- validation
#: Parameter constraints shared by the set functions, checked by scikit-learn's
#: ``validate_params`` before any work.
_COMMON = {
    "size": [StrOptions({"small", "default"})],
    "n_recordings": [Interval(Integral, 1, None, closed="left"), None],
    "duration": [Interval(Real, 0, None, closed="neither"), None],
    "condition": [StrOptions(set(CONDITIONS))],
    "augment": ["boolean", list, tuple],
    "soundfonts": [str, os.PathLike, list, tuple],
    "seed": [Interval(Integral, 0, None, closed="left")],
    "sr": [Interval(Integral, 8000, None, closed="left")],
    "hop_length": [Interval(Integral, 1, None, closed="left")],
    "n_jobs": [
        Interval(Integral, None, -1, closed="right"),
        Interval(Integral, 1, None, closed="left"),
        None,
    ],
    "cache": ["boolean", str, os.PathLike, None],
    "progress": ["boolean"],
    "label_convention": [StrOptions(set(LABEL_CONVENTIONS))],
}


def _constraints(*names, **extra):
    return {**{name: _COMMON[name] for name in names}, **extra}


def _augmentations(augment):
    if augment is True:
        return list(AUGMENTATIONS)
    if augment is False or augment is None:
        return [(1.0, 0)]
    try:
        pairs = [check_augmentation(*pair) for pair in augment]
    except TypeError:
        raise ValueError(
            f"augment must be a bool or a list of (stretch, shift) pairs, got {augment!r}"
        ) from None
    if not pairs:
        raise ValueError("augment must not be an empty list")
    return pairs


def _train_soundfonts(soundfonts):
    if isinstance(soundfonts, (str, os.PathLike)):
        soundfonts = [soundfonts]
    soundfonts = list(soundfonts)
    if not soundfonts:
        raise ValueError("soundfonts must name at least one soundfont")
    for sf in soundfonts:
        check_training_soundfont(sf)
    return [os.fspath(sf) for sf in soundfonts]


def _sub_seed(seed, stream, *index):
    ss = np.random.SeedSequence([int(seed), _STREAM[stream], *[int(i) for i in index]])
    return int(ss.generate_state(1, dtype=np.uint32)[0])


# --------------------------------------------------------------------------- one recording
def _soundfont_id(soundfont):
    path = find_soundfont(soundfont)
    return {"name": soundfont_name(path), "bytes": os.path.getsize(path)}


def _render_job(job):
    """Render one recording described by a JSON-able ``job`` dict."""
    sr, hop = job["sr"], job["hop_length"]
    stretch, shift = job["stretch"], job["shift"]
    if job["kind"] == "isolated":
        rng = np.random.default_rng(job["piece_seed"])
        lo, hi, step = job["pitches"]
        piece = generate_isolated(
            range(lo, hi + 1, step), job["program"], job["velocities"], rng, **job.get("timing", {})
        )
    else:
        piece = generate_piece(job["piece_seed"], job["duration"], style=job["style"])
    piece = transform_piece(piece, stretch, shift)
    bass = piece["parts"]["bass"]
    bass["program"] = bass_program_for(job["soundfont"], bass["program"])
    piece["programs"] = {k: v["program"] for k, v in piece["parts"].items()}
    n = int(round(piece["duration"] * sr))
    stems = {
        name: render_parts([part], job["soundfont"], sr=sr, n_samples=n)
        for name, part in piece["parts"].items()
    }
    chain_rng = np.random.default_rng(job["chain_seed"])
    if job["kind"] == "isolated":  # one signal: the recording chain alone
        chain = sample_recording_chain(chain_rng, job["condition"])
        audio = apply_recording_chain(stems["bass"], chain, sr)
    else:
        chain = sample_chain(chain_rng, job["condition"])
        audio = apply_chain(stems, chain, sr)
    notes = bass["notes"]
    labels = notes_to_frame_labels(notes, n_frames_for(n, hop_length=hop), sr=sr, hop_length=hop)
    # the trivial baseline is always measured with the paper's features
    audio22 = audio if sr == SR else resample(audio, sr, SR)
    lab22 = notes_to_frame_labels(
        notes, n_frames_for(len(audio22), hop_length=HOP_LENGTH), sr=SR, hop_length=HOP_LENGTH
    )
    est = cqt_argmax_pitch(audio22)
    voiced = lab22 > 0
    meta = {k: v for k, v in piece.items() if k != "parts"}
    meta.update(
        {
            "set": job["set"],
            "index": job["index"],
            "seed": job["piece_seed"],
            "soundfont": job["soundfont_id"]["name"],
            "condition": job["condition"],
            "chain": chain,
            "sr": sr,
            "hop_length": hop,
            "n_samples": n,
            "n_frames": len(labels),
            "voiced_frames": int((labels > 0).sum()),
            "baseline_correct": int(np.sum(est[voiced] == lab22[voiced])),
            "baseline_voiced": int(voiced.sum()),
        }
    )
    meta["baseline_rpa"] = (
        meta["baseline_correct"] / meta["baseline_voiced"] if meta["baseline_voiced"] else None
    )
    if job["kind"] == "isolated":
        meta["velocities"] = list(job["velocities"])
    return audio, labels, notes, meta


def _run(jobs, cache, n_jobs, progress, desc, label_convention):
    results = render_jobs(
        _render_job, jobs, cache=cache, n_jobs=n_jobs, progress=progress, desc=desc
    )
    X, y, notes, meta = [], [], [], []
    for audio, bass, m in results:
        X.append(np.asarray(audio, dtype=np.float32))
        notes.append(np.asarray(bass, dtype=float)[:, :3])
        # labels follow from the notes, so the cache holds one version for every convention
        y.append(
            notes_to_frame_labels(
                notes[-1],
                m["n_frames"],
                sr=m["sr"],
                hop_length=m["hop_length"],
                convention=label_convention,
            )
        )
        meta.append(m)
    # one group per piece: the augmented versions of a piece stay together in a split
    pieces = {}
    groups = np.array(
        [pieces.setdefault(job["piece_seed"], len(pieces)) for job in jobs], dtype=int
    )
    return Bunch(X=X, y=y, groups=groups, notes=notes, metadata=meta)


def _ensemble_jobs(
    set_name, n, duration, soundfonts, augment, condition, seed, sr, hop_length, style=None
):
    sf_ids = {sf: _soundfont_id(sf) for sf in soundfonts}
    jobs = []
    for i in range(n):
        sf = soundfonts[i % len(soundfonts)]
        piece_seed = _sub_seed(seed, set_name, i)
        for a, (stretch, shift) in enumerate(augment):
            jobs.append(
                {
                    "kind": "ensemble",
                    "set": set_name,
                    "index": len(jobs),
                    "piece_seed": piece_seed,
                    "duration": duration,
                    "style": style,
                    "soundfont": sf,
                    "soundfont_id": sf_ids[sf],
                    "stretch": stretch,
                    "shift": shift,
                    "condition": condition,
                    "chain_seed": _sub_seed(seed, set_name, i, a + 1),
                    "sr": sr,
                    "hop_length": hop_length,
                }
            )
    return jobs


def _isolated_jobs(
    set_name,
    soundfonts,
    programs,
    pitches,
    layers,
    augment,
    condition,
    seed,
    sr,
    hop_length,
    timing=None,
):
    """Jobs of isolated-note recordings: one per soundfont, program, velocity layer, version."""
    sf_ids = {sf: _soundfont_id(sf) for sf in soundfonts}
    jobs = []
    i = 0
    for sf in soundfonts:
        for program in programs:
            for velocities in layers:
                piece_seed = _sub_seed(seed, set_name, i)
                for a, (stretch, shift) in enumerate(augment):
                    job = {
                        "kind": "isolated",
                        "set": set_name,
                        "index": len(jobs),
                        "piece_seed": piece_seed,
                        "pitches": list(pitches),
                        "program": program,
                        "velocities": list(velocities),
                        "soundfont": sf,
                        "soundfont_id": sf_ids[sf],
                        "stretch": stretch,
                        "shift": shift,
                        "condition": condition,
                        "chain_seed": _sub_seed(seed, set_name, i, a + 1),
                        "sr": sr,
                        "hop_length": hop_length,
                    }
                    if timing is not None:  # absent for the training sets: their cache keys stay
                        job["timing"] = timing
                    jobs.append(job)
                i += 1
    return jobs


def _size(set_name, size, n_recordings, duration):
    n_default, d_default = SIZES[set_name][size]
    return n_recordings or n_default, float(duration or d_default)


# --------------------------------------------------------------------------- public sets
@validate_params(
    _constraints(
        "size",
        "n_recordings",
        "duration",
        "condition",
        "seed",
        "sr",
        "hop_length",
        "n_jobs",
        "cache",
        "progress",
        "label_convention",
        "augment",
        "soundfonts",
        style=[StrOptions(set(LINE_STYLES)), None],
    ),
    prefer_skip_nested_validation=True,
)
def make_ensembles(
    size="default",
    *,
    n_recordings=None,
    duration=None,
    condition="hard",
    augment=False,
    soundfonts=TRAIN_SOUNDFONTS,
    seed=0,
    sr=SR,
    hop_length=HOP_LENGTH,
    n_jobs=None,
    cache=True,
    progress=True,
    label_convention="paper",
    style=None,
):
    """Labelled walking-bass ensemble recordings (the paper's WJD+ analogue).

    Parameters
    ----------
    size : {"small", "default"}
        ``"small"``: 4 recordings of 8 s (renders in seconds).  ``"default"``: 30
        recordings of 32 s; with ``augment=True`` that is 4 h of audio, the paper's 3.9 h.
    n_recordings : int or None
        Number of distinct pieces, overriding ``size``.
    duration : float or None
        Seconds per piece before time-stretching, overriding ``size``.
    condition : {"hard", "clean"}
        Recording chain: ``"hard"`` (old-record chain, see :func:`sample_chain`) or
        ``"clean"`` (plain sum of the stems).
    augment : bool or list of (float, int)
        ``True`` renders each piece in the paper's 15 versions (time-stretch 0.9/1.0/1.1
        x pitch-shift -2..+2), done in the MIDI domain so labels stay exact; a list gives
        other ``(stretch, shift)`` pairs.
    soundfonts : sequence of str
        Training soundfonts, used in turn; MuseScore soundfonts are refused.
    seed : int
        Seed; the same arguments always give the same data.
    sr : int
        Sample rate in Hz.
    hop_length : int
        Hop of the frame labels in samples.
    n_jobs : int or None
        Parallel render processes (joblib; ``-1`` = all cores).
    cache : bool, str or None
        ``True``: cache renders in :func:`default_cache_dir`; a folder; ``False``: none.
    progress : bool
        Show a progress bar.
    label_convention : {"paper", "sounding"}, default="paper"
        Frame labels: the paper's (a note's first 75 %) or each note's whole sounding
        duration (see :func:`notes_to_frame_labels`).
    style : {"walking", "two_feel", "pedal", "solo"} or None, default=None
        The bass line style of every piece; None draws one per piece with the weights of
        :data:`~skbass.datasets.synth._generator.LINE_STYLES`.

    Returns
    -------
    data : sklearn.utils.Bunch
        ``X``: list of np.ndarray [shape=(n_samples,), dtype=float32], mono recordings at
        ``sr``. ``y``: list of np.ndarray [shape=(1 + n_samples // hop_length,),
        dtype=int64], bass MIDI pitch per frame, 0 = no bass. ``groups``: np.ndarray
        [shape=(n_recordings,)], the piece of each recording (augmented versions of a
        piece share it), for group-aware cross-validation. ``notes``: list of np.ndarray
        [shape=(n_notes, 3)], the exact bass notes (rows of ``onset_s, offset_s, midi``;
        labels of any convention follow from them). ``metadata``: list of dict,
        per recording: ``seed``, ``form``, ``form_family``, ``key``, ``tempo``, ``swing``,
        ``soundfont``, ``programs``, ``chain``, ``stretch``, ``shift``, the trivial CQT
        arg-max baseline (``baseline_rpa``, ``baseline_correct``, ``baseline_voiced``) ...

    Raises
    ------
    ValueError
        For a MuseScore soundfont or any invalid parameter.

    Examples
    --------
    >>> data = make_ensembles("small", cache=False, progress=False)  # doctest: +SKIP
    >>> len(data.X), baseline_from_metadata(data.metadata) < 0.7  # doctest: +SKIP
    (4, True)
    """
    n, duration = _size("ensembles", size, n_recordings, duration)
    sfs = _train_soundfonts(soundfonts)
    jobs = _ensemble_jobs(
        "ensembles",
        n,
        duration,
        sfs,
        _augmentations(augment),
        condition,
        seed,
        sr,
        hop_length,
        style,
    )
    return _run(jobs, cache, n_jobs, progress, "ensembles", label_convention)


@validate_params(
    _constraints(
        "size",
        "n_recordings",
        "duration",
        "condition",
        "seed",
        "sr",
        "hop_length",
        "n_jobs",
        "cache",
        "progress",
        "label_convention",
        "soundfonts",
    ),
    prefer_skip_nested_validation=True,
)
def make_unlabelled(
    size="default",
    *,
    n_recordings=None,
    duration=None,
    condition="hard",
    soundfonts=TRAIN_SOUNDFONTS,
    seed=0,
    sr=SR,
    hop_length=HOP_LENGTH,
    n_jobs=None,
    cache=True,
    progress=True,
    label_convention="paper",
):
    """Unlabelled ensemble recordings (the paper's WJD- analogue, for label propagation).

    Parameters
    ----------
    size : {"small", "default"}
        ``"small"``: 4 x 8 s; ``"default"``: 390 x 60 s = 6.5 h (the paper's 6.45 h).
    n_recordings, duration, condition, soundfonts, seed : see make_ensembles
        As for :func:`make_ensembles` (pieces differ from every other set's).
    sr, hop_length, n_jobs, cache, progress, label_convention : see make_ensembles
        As for :func:`make_ensembles`.

    Returns
    -------
    data : sklearn.utils.Bunch
        ``X``, ``groups`` and ``metadata`` as for :func:`make_ensembles`; ``y``: one array
        of ``-1`` per recording (the :mod:`sklearn.semi_supervised` mark of an unlabelled
        frame); ``y_withheld``: the true labels, only for evaluating propagated labels.
    """
    n, duration = _size("unlabelled", size, n_recordings, duration)
    sfs = _train_soundfonts(soundfonts)
    jobs = _ensemble_jobs(
        "unlabelled", n, duration, sfs, [(1.0, 0)], condition, seed, sr, hop_length, "walking"
    )
    data = _run(jobs, cache, n_jobs, progress, "unlabelled", label_convention)
    data.y_withheld = data.y
    data.y = [np.full(len(labels), -1, dtype=np.int64) for labels in data.y_withheld]
    return data


@validate_params(
    _constraints(
        "size",
        "condition",
        "augment",
        "soundfonts",
        "seed",
        "sr",
        "hop_length",
        "n_jobs",
        "cache",
        "progress",
        "label_convention",
        programs=["array-like", None],
        pitch_range=[tuple, list],
    ),
    prefer_skip_nested_validation=True,
)
def make_isolated_notes(
    size="default",
    *,
    programs=None,
    pitch_range=ISOLATED_PITCHES,
    condition="clean",
    augment=False,
    soundfonts=TRAIN_SOUNDFONTS,
    seed=0,
    sr=SR,
    hop_length=HOP_LENGTH,
    n_jobs=None,
    cache=True,
    progress=True,
    label_convention="paper",
):
    """Isolated chromatic bass notes (the paper's ISO+ analogue).

    Each recording is one program, soundfont and velocity layer playing every pitch of
    ``pitch_range`` in turn (0.8-2 s notes separated by silence).  Notes outside MIDI
    26..69 are played but labelled 0.

    Parameters
    ----------
    size : {"small", "default"}
        ``"small"``: every 6th pitch, acoustic bass, one velocity layer, one recording per
        soundfont.  ``"default"``: every pitch, 4 bass programs (32 acoustic, 33 finger,
        34 pick, 35 fretless) x 3 velocity layers x 2 soundfonts = 24 recordings, 26 min;
        with ``augment=True`` 6.5 h (the paper's ISO+ has 5.8 h of labelled frames).
    programs : sequence of int or None
        General MIDI bass programs, overriding ``size``.
    pitch_range : tuple of (int, int)
        Lowest and highest MIDI pitch played.
    condition : {"clean", "hard"}
        ``"hard"`` sends the notes through the recording chain (without a band).
    augment, soundfonts, seed : see make_ensembles
        As for :func:`make_ensembles`.
    sr, hop_length, n_jobs, cache, progress, label_convention : see make_ensembles
        As for :func:`make_ensembles`.

    Returns
    -------
    data : sklearn.utils.Bunch
        ``X``, ``y``, ``groups`` and ``metadata`` as for :func:`make_ensembles`.
    """
    step, default_programs, layers = ISOLATED_SIZES[size]
    programs = list(default_programs if programs is None else programs)
    if not programs or not all(
        isinstance(p, Integral) and not isinstance(p, bool) and 0 <= p <= 127 for p in programs
    ):
        raise ValueError(f"programs must be MIDI programs 0..127, got {programs!r}")
    try:
        lo, hi = (int(v) for v in pitch_range)
    except (TypeError, ValueError):
        raise ValueError(
            f"pitch_range must be (low, high) MIDI pitches, got {pitch_range!r}"
        ) from None
    if not 0 <= lo <= hi <= 127:
        raise ValueError(f"pitch_range must satisfy 0 <= low <= high <= 127, got {pitch_range!r}")
    jobs = _isolated_jobs(
        "isolated",
        _train_soundfonts(soundfonts),
        programs,
        [lo, hi, step],
        layers,
        _augmentations(augment),
        condition,
        seed,
        sr,
        hop_length,
    )
    return _run(jobs, cache, n_jobs, progress, "isolated notes", label_convention)


@validate_params(
    _constraints(
        "size",
        "n_recordings",
        "duration",
        "condition",
        "seed",
        "sr",
        "hop_length",
        "n_jobs",
        "cache",
        "progress",
        "label_convention",
        soundfont=[str, os.PathLike],
    ),
    prefer_skip_nested_validation=True,
)
def load_test_set(
    size="default",
    *,
    n_recordings=None,
    duration=None,
    condition="hard",
    soundfont=TEST_SOUNDFONT,
    seed=0,
    sr=SR,
    hop_length=HOP_LENGTH,
    n_jobs=None,
    cache=True,
    progress=True,
    label_convention="paper",
):
    """The test set: ensemble pieces rendered with the test-only MuseScore soundfont.

    No model, hyperparameter or chain setting may be trained, tuned or selected on it.

    Parameters
    ----------
    size : {"small", "default"}
        ``"small"``: 2 x 8 s; ``"default"``: 12 x 30 s (6 min, like the paper's WJD+-TEST).
    soundfont : str
        A MuseScore soundfont (name or path); others are refused.
    n_recordings, duration, condition, seed : see make_ensembles
        As for :func:`make_ensembles`.
    sr, hop_length, n_jobs, cache, progress, label_convention : see make_ensembles
        As for :func:`make_ensembles`.

    Returns
    -------
    data : sklearn.utils.Bunch
        ``X``, ``y``, ``groups`` and ``metadata`` as for :func:`make_ensembles`.
    """
    n, duration = _size("test", size, n_recordings, duration)
    if not is_test_only(soundfont):
        raise ValueError(f"the test set renders with a MuseScore soundfont, got {soundfont!r}")
    jobs = _ensemble_jobs(
        "test",
        n,
        duration,
        [os.fspath(soundfont)],
        [(1.0, 0)],
        condition,
        seed,
        sr,
        hop_length,
        "walking",
    )
    return _run(jobs, cache, n_jobs, progress, "test set", label_convention)


@validate_params(
    _constraints(
        "size",
        "condition",
        "seed",
        "sr",
        "hop_length",
        "n_jobs",
        "cache",
        "progress",
        "label_convention",
        soundfont=[str, os.PathLike],
    ),
    prefer_skip_nested_validation=True,
)
def load_isolated_test_set(
    size="default",
    *,
    condition="hard",
    soundfont=TEST_SOUNDFONT,
    seed=0,
    sr=SR,
    hop_length=HOP_LENGTH,
    n_jobs=None,
    cache=True,
    progress=True,
    label_convention="paper",
):
    """The isolated-note test set: long bass notes rendered with the test-only MuseScore soundfont.

    Each recording is one General MIDI program playing MIDI 26..69 in turn: notes of
    2.5-4 s (plucked notes decay through most of it, the note-off comes late), each
    followed by 1 s in which the release rings out, at velocities 50..120, through the
    recording chain as a single signal.  Programs: plucked double bass (acoustic bass,
    32), bowed double bass (contrabass, 43), electric bass fingered (33) and picked (34),
    fretless bass (35).  No model, hyperparameter or chain setting may be trained, tuned
    or selected on it.

    Parameters
    ----------
    size : {"small", "default"}
        ``"small"``: every 6th pitch (26, 32, ... 68) of programs 32, 43 and 33, 3
        recordings of about 35 s; ``"default"``: every pitch of the five programs, 5
        recordings of about 3.2 min (16 min).
    condition : {"hard", "clean"}
        ``"hard"`` sends each recording through the recording chain (without a band);
        ``"clean"``: as rendered.
    soundfont : str
        A MuseScore soundfont (name or path); others are refused.
    seed : int
        Seed of note lengths, velocities and chain settings.
    sr, hop_length, n_jobs, cache, progress, label_convention : see make_ensembles
        As for :func:`make_ensembles`.

    Returns
    -------
    data : sklearn.utils.Bunch
        ``X``, ``y``, ``groups``, ``notes`` and ``metadata`` as for :func:`make_ensembles`
        (one group per program).

    Raises
    ------
    ValueError
        For a soundfont that is not a MuseScore soundfont or any invalid parameter.

    Examples
    --------
    >>> data = load_isolated_test_set("small", label_convention="sounding")  # doctest: +SKIP
    >>> [m["programs"]["bass"] for m in data.metadata]  # doctest: +SKIP
    [32, 43, 33]
    """
    if not is_test_only(soundfont):
        raise ValueError(
            f"the isolated-note test set renders with a MuseScore soundfont, got {soundfont!r}"
        )
    step, programs = ISOLATED_TEST_SIZES[size]
    jobs = _isolated_jobs(
        "isolated_test",
        [os.fspath(soundfont)],
        programs,
        [BASS_MIN_MIDI, BASS_MAX_MIDI, step],
        [(50, 120)],
        [(1.0, 0)],
        condition,
        seed,
        sr,
        hop_length,
        timing=ISOLATED_TEST_TIMING,
    )
    return _run(jobs, cache, n_jobs, progress, "isolated test notes", label_convention)


def baseline_from_metadata(meta):
    """Trivial CQT arg-max raw pitch accuracy of a set, pooled from its metadata.

    Parameters
    ----------
    meta : list of dict
        Metadata returned by a set function.

    Returns
    -------
    accuracy : float
        Correct labelled frames / labelled frames (``nan`` if none is labelled).

    Examples
    --------
    >>> baseline_from_metadata([{"baseline_correct": 3, "baseline_voiced": 4},
    ...                         {"baseline_correct": 1, "baseline_voiced": 4}])
    0.5
    """
    correct = sum(m["baseline_correct"] for m in meta)
    voiced = sum(m["baseline_voiced"] for m in meta)
    return correct / voiced if voiced else float("nan")


#: Set name -> function, as used by the ``skbass data`` command (the instrument sets,
#: ``instruments-train`` and ``instruments-test``, add themselves from _instrument_sets).
SETS = {
    "ensembles": make_ensembles,
    "unlabelled": make_unlabelled,
    "isolated": make_isolated_notes,
    "test": load_test_set,
    "isolated-test": load_isolated_test_set,
}
