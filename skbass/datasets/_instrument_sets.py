"""Generated solo recordings of the 8 instrument classes: a training set and a test set.

The instrument paper trained on MedleyDB solo stems, which cannot be downloaded here, so
skbass renders its own: seeded solo phrases (:func:`~skbass.datasets.synth.generate_solo`)
played through FluidSynth with the General MIDI programs nearest each class, then sent
through a varied recording chain.  The singing voice is the exception: General MIDI's
"voice" programs are choir pads, so the voice class is sung by a formant synthesiser
(:func:`~skbass.datasets.synth.render_voice`), which no soundfont split applies to; its
training and test sets use disjoint singers instead.

Soundfont split, as for the bass sets: training and validation render with FluidR3_GM and
TimGM6mb only; the test set renders with the test-only MuseScore_General_Lite.  Every
piece is one recording of one class and one program, and its own group, so excerpts of
one piece never sit on both sides of a split.
"""

from numbers import Integral, Real
from types import MappingProxyType

import numpy as np
from sklearn.utils import Bunch
from sklearn.utils._param_validation import Interval, StrOptions, validate_params

from ..utils._constants import INSTRUMENT_SR, SR
from ._cache import render_jobs
from ._instruments import INSTRUMENTS, cut_excerpts
from ._sets import _COMMON, SETS, _soundfont_id, _sub_seed, _train_soundfonts
from .synth._chain import CONDITIONS, apply_recording_chain, sample_recording_chain
from .synth._phrases import generate_solo
from .synth._render import (
    TEST_SOUNDFONT,
    TRAIN_SOUNDFONTS,
    render_parts,
)
from .synth._voice import render_voice

#: General MIDI programs (0-based) rendered for each class: the nearest timbres only.
#: The distorted guitar also plays the overdriven guitar (29), the trumpet also muted
#: (59), the piano also the bright acoustic piano (1), and the violin the fiddle (110, a
#: violin in folk style).  The flute keeps to the concert flute (73): piccolo, recorder
#: and pan flute are other instruments in MedleyDB's taxonomy, and General MIDI has no
#: second clarinet or tenor saxophone.  The voice is sung, not rendered from a program.
INSTRUMENT_PROGRAMS = MappingProxyType(
    {
        "clarinet": (71,),
        "distorted_guitar": (30, 29),
        "voice": (),
        "flute": (73,),
        "piano": (0, 1),
        "tenor_sax": (66,),
        "trumpet": (56, 59),
        "violin": (40, 110),
    }
)

#: Pieces per class and (shortest, longest) piece in seconds, per set and size.  Default
#: training: 8 x 24 pieces of 15-30 s, about 72 min; default test: 8 x 9, about 27 min.
SOLO_SIZES = MappingProxyType(
    {
        "instruments": {"small": (2, (6.0, 6.0)), "default": (24, (15.0, 30.0))},
        "instrument_test": {"small": (2, (6.0, 6.0)), "default": (9, (15.0, 30.0))},
    }
)
#: Singer numbers passed to the voice synthesiser: training singers below the bound,
#: test singers above it, so no singer is heard in both sets.
_SINGER_BOUND = 2**30

_CONSTRAINTS = {
    **{
        name: _COMMON[name]
        for name in ("size", "seed", "n_jobs", "cache", "progress", "soundfonts")
    },
    "n_pieces": [Interval(Integral, 1, None, closed="left"), None],
    "duration": [Interval(Real, 3.0, None, closed="left"), None],
    "condition": [StrOptions(set(CONDITIONS))],
    "sr": [Interval(Integral, 22050, None, closed="left")],
}


# --------------------------------------------------------------------------- one recording
def _render_solo(job):
    """Render one solo recording described by a JSON-able ``job`` dict."""
    sr = job["sr"]
    piece = generate_solo(job["instrument"], job["piece_seed"], job["duration"])
    n = int(round(job["duration"] * sr))
    if job["synth"] == "voice":
        audio = render_voice(
            piece["notes"],
            sr=sr,
            n_samples=n,
            seed=job["piece_seed"],
            vibrato_cents=piece["vibrato"]["depth_cents"],
            vibrato_hz=piece["vibrato"]["rate_hz"],
            singer=job["singer"],
        )
    else:
        part = {"program": job["program"], "channel": 0}
        part.update({key: piece[key] for key in ("notes", "bends", "controls")})
        audio = render_parts([part], job["soundfont"], sr=sr, n_samples=n)
    chain = sample_recording_chain(
        np.random.default_rng(job["chain_seed"]), job["condition"], preset=job["chain_preset"]
    )
    audio = apply_recording_chain(audio, chain, sr)
    meta = {k: v for k, v in piece.items() if k not in ("notes", "bends", "controls")}
    meta.update(
        {
            "set": job["set"],
            "index": job["index"],
            "label": job["instrument"],
            "synth": job["synth"],
            "program": job["program"],
            "soundfont": job["soundfont_id"]["name"] if job["soundfont_id"] else None,
            "singer": job["singer"],
            "phrase_kinds": [p["kind"] for p in piece["phrases"]],
            "condition": job["condition"],
            "chain_preset": job["chain_preset"],
            "chain": chain,
            "sr": sr,
            "n_samples": n,
            "n_notes": len(piece["notes"]),
            "n_bends": len(piece["bends"]),
            "n_controls": len(piece["controls"]),
        }
    )
    label = np.array([INSTRUMENTS.index(job["instrument"])])
    return audio, label, piece["notes"], meta


def _run(jobs, cache, n_jobs, progress, desc):
    results = render_jobs(
        _render_solo, jobs, cache=cache, n_jobs=n_jobs, progress=progress, desc=desc
    )
    X, meta = [], []
    for audio, _, m in results:
        X.append(np.asarray(audio, dtype=np.float32))
        meta.append(m)
    y = np.array([job["instrument"] for job in jobs])
    groups = np.arange(len(jobs))  # one piece per recording
    return Bunch(X=X, y=y, groups=groups, metadata=meta, target_names=list(INSTRUMENTS))


def _solo_jobs(set_name, size, n_pieces, duration, soundfonts, condition, seed, sr):
    n_default, (shortest, longest) = SOLO_SIZES[set_name][size]
    n_pieces = n_pieces or n_default
    sf_ids = {sf: _soundfont_id(sf) for sf in soundfonts}
    jobs = []
    for c, instrument in enumerate(INSTRUMENTS):
        programs = INSTRUMENT_PROGRAMS[instrument]
        for i in range(n_pieces):
            piece_seed = _sub_seed(seed, set_name, c, i)
            rng = np.random.default_rng(piece_seed)
            seconds = duration or round(float(rng.uniform(shortest, longest)), 2)
            job = {
                "kind": "solo",
                "set": set_name,
                "index": len(jobs),
                "instrument": instrument,
                "piece_seed": piece_seed,
                "duration": float(seconds),
                "condition": condition,
                "chain_seed": _sub_seed(seed, set_name, c, i, 1),
                "chain_preset": "solo",
                "sr": int(sr),
            }
            if programs:  # every soundfont in turn, then every program in turn
                sf = soundfonts[i % len(soundfonts)]
                job.update(
                    synth="fluidsynth",
                    program=programs[(i // len(soundfonts)) % len(programs)],
                    soundfont=sf,
                    soundfont_id=sf_ids[sf],
                    singer=None,
                )
            else:
                singer = int(rng.integers(_SINGER_BOUND))
                if set_name == "instrument_test":
                    singer += _SINGER_BOUND
                job.update(
                    synth="voice", program=None, soundfont=None, soundfont_id=None, singer=singer
                )
            jobs.append(job)
    return jobs


# --------------------------------------------------------------------------- public sets
@validate_params(
    _CONSTRAINTS,
    prefer_skip_nested_validation=True,
)
def make_instrument_solos(
    size="default",
    *,
    n_pieces=None,
    duration=None,
    condition="hard",
    soundfonts=TRAIN_SOUNDFONTS,
    seed=0,
    sr=INSTRUMENT_SR,
    n_jobs=None,
    cache=True,
    progress=True,
):
    """Solo recordings of the 8 instrument classes for training and validation.

    Each piece is one or more phrases (melodies in a key and mode, scales, arpeggios,
    repeated notes, long tones, fast runs; piano also with chords and two hands) in each
    class's playing range, with varied tempo, dynamics and articulation and expressive
    MIDI (vibrato and slides as pitch bends, CC11 swells, breath pauses), see
    :func:`~skbass.datasets.synth.generate_solo`.  Pieces are rendered with FluidSynth
    through the programs of :data:`INSTRUMENT_PROGRAMS`, then sent through a recording
    chain.  The voice is sung by :func:`~skbass.datasets.synth.render_voice`, so the
    soundfont split does not apply to it: its training singers are disjoint from the
    test set's instead.

    Parameters
    ----------
    size : {"small", "default"}
        ``"small"``: 2 pieces of 6 s per class (renders in seconds).  ``"default"``: 24
        pieces of 15-30 s per class, about 72 min in all.
    n_pieces : int or None
        Pieces per class, overriding ``size``.
    duration : float or None
        Seconds per piece (at least 3, one excerpt), overriding ``size``.
    condition : {"hard", "clean"}
        ``"hard"``: a recording chain drawn per recording (the augmentation a model must
        be trained with to survive the test set's default condition); ``"clean"``: as
        rendered.
    soundfonts : str or sequence of str
        Training soundfonts, used in turn; MuseScore soundfonts are refused.
    seed : int
        Seed; the same arguments always give the same data.
    sr : int
        Sample rate in Hz (at least 22050).
    n_jobs : int or None
        Parallel render processes (joblib; ``-1`` = all cores).
    cache : bool, str or None
        ``True``: cache renders in :func:`default_cache_dir`; a folder; ``False``: none.
    progress : bool
        Show a progress bar.

    Returns
    -------
    data : sklearn.utils.Bunch
        ``X``: list of np.ndarray [shape=(n_samples,), dtype=float32], mono recordings at
        ``sr``. ``y``: np.ndarray [shape=(n_recordings,), dtype=str], the class of each
        recording (from :data:`INSTRUMENTS`). ``groups``: np.ndarray
        [shape=(n_recordings,)], one group per piece. ``metadata``: list of dict per
        recording: ``label``, ``synth`` (``"fluidsynth"`` or ``"voice"``), ``program``,
        ``soundfont``, ``singer``, ``seed``, ``duration``, ``tempo``, ``key``, ``mode``,
        ``vibrato``, ``phrases``, ``phrase_kinds``, ``condition``, ``chain`` ...
        ``target_names``: :data:`INSTRUMENTS`.

    Raises
    ------
    ValueError
        For a MuseScore soundfont or any invalid parameter.

    Examples
    --------
    >>> data = make_instrument_solos("small", cache=False, progress=False)  # doctest: +SKIP
    >>> len(data.X), sorted(set(data.y)) == sorted(INSTRUMENTS)  # doctest: +SKIP
    (16, True)
    """
    sfs = _train_soundfonts(soundfonts)
    jobs = _solo_jobs("instruments", size, n_pieces, duration, sfs, condition, seed, sr)
    return _run(jobs, cache, n_jobs, progress, "instrument solos")


@validate_params(
    {
        k: _CONSTRAINTS[k]
        for k in (
            "size",
            "n_pieces",
            "duration",
            "condition",
            "seed",
            "sr",
            "n_jobs",
            "cache",
            "progress",
        )
    },
    prefer_skip_nested_validation=True,
)
def load_instrument_test_set(
    size="default",
    *,
    n_pieces=None,
    duration=None,
    condition="hard",
    seed=0,
    sr=INSTRUMENT_SR,
    n_jobs=None,
    cache=True,
    progress=True,
):
    """The instrument test set: solo pieces rendered with the test-only MuseScore soundfont.

    Pieces are generated as for :func:`make_instrument_solos` (from another seed stream,
    so no piece is shared) and rendered with MuseScore_General_Lite; the voice pieces are
    sung by singers no training set uses.  No model, hyperparameter or chain setting may
    be trained, tuned or selected on it.

    Parameters
    ----------
    size : {"small", "default"}
        ``"small"``: 2 pieces of 6 s per class; ``"default"``: 9 pieces of 15-30 s per
        class, about 27 min.
    n_pieces, duration : see make_instrument_solos
        Pieces per class and seconds per piece, overriding ``size``.
    condition : {"hard", "clean"}
        ``"hard"`` (default): each recording through a recording chain, a condition a
        model trained on clean renders fails; ``"clean"``: as rendered.
    seed : int
        Seed; the same arguments always give the same data.
    sr, n_jobs, cache, progress : see make_instrument_solos
        As for :func:`make_instrument_solos`.

    Returns
    -------
    data : sklearn.utils.Bunch
        ``X``, ``y``, ``groups``, ``metadata`` and ``target_names`` as for
        :func:`make_instrument_solos`.

    Examples
    --------
    >>> data = load_instrument_test_set("small", progress=False)  # doctest: +SKIP
    >>> {m["soundfont"] for m in data.metadata if m["synth"] == "fluidsynth"}  # doctest: +SKIP
    {'MuseScore_General_Lite'}
    """
    jobs = _solo_jobs(
        "instrument_test", size, n_pieces, duration, [TEST_SOUNDFONT], condition, seed, sr
    )
    return _run(jobs, cache, n_jobs, progress, "instrument test set")


def forest_accuracy(data, *, n_splits=3, random_state=0, n_jobs=None):
    """Group-aware cross-validated accuracy of the paper's random forest on a set.

    The set's recordings are cut into the paper's half-overlapping 3-second excerpts
    (:func:`cut_excerpts`, at the baseline's 22,050 Hz), and
    :func:`~skbass.features.bag_of_features_baseline` is cross-validated over them with
    :class:`~sklearn.model_selection.GroupKFold`, so the excerpts of one piece are never
    on both sides of a split.  It is the trivial baseline a set reports about itself: a
    set the forest solves is too easy to teach or prove anything.

    Parameters
    ----------
    data : sklearn.utils.Bunch
        A set from :func:`make_instrument_solos` or :func:`load_instrument_test_set`
        (``X`` signals at ``metadata[i]["sr"]``, ``y`` and ``groups``).
    n_splits : int, default=3
        Folds of the group-aware cross-validation.
    random_state : int or None, default=0
        Seed of the forest.
    n_jobs : int or None, default=None
        Parallel jobs of the features and the forest.

    Returns
    -------
    scores : sklearn.utils.Bunch
        ``per_class``: dict class name -> share of its excerpts classified correctly;
        ``average``: the mean over classes (the paper's Table 2 "average");
        ``accuracy``: the share of all excerpts; ``n_excerpts``: int.

    Raises
    ------
    ValueError
        If the set has fewer pieces than ``n_splits``.
    """
    from sklearn.model_selection import GroupKFold, cross_val_predict

    from ..features import bag_of_features_baseline

    if len(np.unique(data.groups)) < n_splits:
        raise ValueError(
            f"the set has {len(np.unique(data.groups))} pieces, fewer than n_splits={n_splits}"
        )
    recordings = [(x, m["sr"]) for x, m in zip(data.X, data.metadata)]
    excerpts = cut_excerpts({"X": recordings, "y": data.y, "groups": data.groups}, sr=SR)
    model = bag_of_features_baseline(random_state=random_state, n_jobs=n_jobs)
    predicted = cross_val_predict(
        model, excerpts.X, excerpts.y, groups=excerpts.groups, cv=GroupKFold(n_splits)
    )
    return class_accuracies(excerpts.y, predicted)


def class_accuracies(y_true, y_pred):
    """Per-class and average accuracy of class predictions, as the paper's Table 2 reports.

    Parameters
    ----------
    y_true : array-like [shape=(n,)]
        True class names.
    y_pred : array-like [shape=(n,)]
        Predicted class names.

    Returns
    -------
    scores : sklearn.utils.Bunch
        ``per_class``: dict class name -> share of its samples predicted correctly, for
        the classes in ``y_true`` in :data:`INSTRUMENTS` order; ``average``: their mean;
        ``accuracy``: the share of all samples; ``n_excerpts``: ``n``.

    Examples
    --------
    >>> s = class_accuracies(["flute", "flute", "piano"], ["flute", "piano", "piano"])
    >>> s.per_class, s.average, round(s.accuracy, 3)
    ({'flute': 0.5, 'piano': 1.0}, 0.75, 0.667)
    """
    y_true, y_pred = np.asarray(y_true), np.asarray(y_pred)
    per_class = {
        name: float(np.mean(y_pred[y_true == name] == name))
        for name in INSTRUMENTS
        if np.any(y_true == name)
    }
    return Bunch(
        per_class=per_class,
        average=float(np.mean(list(per_class.values()))),
        accuracy=float(np.mean(y_true == y_pred)),
        n_excerpts=len(y_true),
    )


# the ``skbass data`` command's names of the two sets
SETS.update(
    {"instruments-train": make_instrument_solos, "instruments-test": load_instrument_test_set}
)
