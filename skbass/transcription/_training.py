"""The recipe of the shipped bass model, reproducible with ``skbass train``.

Training data come only from training soundfonts
(:data:`skbass.transcription.BASS_SOUNDFONTS`: FluidR3_GM, TimGM6mb, Csound's General
MIDI bank and an OPL3 FM-synthesis bank, rendered in turn):
ensembles through the hard recording chain, a share of clean mixes, and isolated bass
notes (the paper's best setting in Table 3 trains on isolated notes and ensembles
together). The ensembles' bass lines mix the generator's line styles (walking, two-feel,
pedal points, thumb-position solos; see :mod:`skbass.datasets.synth._generator`) and the
isolated notes range from staccato to full decays, so that the labels cover MIDI 26..69
rather than mostly the walking-bass register (the shipped model was trained before: on
walking lines and 0.8-2 s isolated notes only). A separate set of ensembles with other
seeds is the validation set on which the voicing threshold is chosen. The test-only
MuseScore soundfonts take no part.

The network learns the paper's labels (a note's first 75 %). A model trained on the
``"sounding"`` labels (a note from its onset to its offset) was measured too: it heard
the decays of isolated notes better, but in walking lines it named the previous note in
the first frame of the next one about half again as often as the earlier model
(validation walking ensembles, first frames of notes wrong: 25 % against 16 %; raw pitch
accuracy there 0.866 against 0.893), with fewer walking lines in its data too. The
voicing threshold is chosen against the sounding labels: the one of highest voicing
recall on the validation ensembles whose voicing false alarm there is at most
``max_false_alarm``. A walking-only set keeps as many walking lines as the earlier
recipe had.

A second, smaller network learns the sounding labels on the same recordings
(:func:`train_voicing_model`, the recipe's ``voicing`` settings) and decides the voicing
together with the salience network; the pitch stays the salience network's.
"""

import os
import time

import numpy as np
from sklearn.utils._param_validation import validate_params

from ..utils._constants import SR
from ..utils._paths import check_output_file
from ..utils._training_rules import training_parameters

#: Soundfonts of the recipe's training and validation sets: the two of the data sets'
#: default (FluidR3_GM, TimGM6mb) and two more Debian General MIDI banks of other
#: timbres, Csound's ``sf_GMbank`` (package csound-soundfont) and an OPL3 FM-synthesis
#: bank (``OPL-3_FM_128M``, package opl3-soundfont). Never a MuseScore soundfont.
BASS_SOUNDFONTS = ("FluidR3_GM", "TimGM6mb", "sf_GMbank", "OPL-3_FM_128M")

#: The paper's pitch-shift augmentation where it adds pitches: each piece of these sets is
#: rendered a whole tone down (and 10 % faster) and a whole tone up (and 10 % slower), so
#: pedal points reach MIDI 26-27 and solos MIDI 68-69 more often.  The isolated notes are
#: not shifted: they already play every pitch, and a shifted note renders the same sample.
EDGE_SHIFTS = ((0.9, -2), (1.1, 2))

#: The onset network: two hidden layers of 512 units with batch normalisation, dropout
#: 0.3, batches of 512 at a learning rate of 1e-3 for 12 epochs on all its frames. No
#: early stopping: the validation pitch accuracy it would watch does not count false
#: onsets (stopping on it kept the sixth epoch's weights: onset F 0.732 against 0.787 on
#: the validation hard ensembles; the docs' "Onset network").
_ONSET_MLP = {
    "n_hidden_layers": 2,
    "hidden_layer_size": 512,
    "dropout": 0.3,
    "learning_rate": 1e-3,
    "batch_size": 512,
    "epochs": 12,
    "validation_fraction": 0.0,
}

#: The voicing network: the salience network's frames (context 2) learning the
#: ``"sounding"`` labels, so that its peak stays up over each note's whole duration; two
#: hidden layers of 256 units with batch normalisation, dropout 0.3, batches of 512 at a
#: learning rate of 1e-3, at most 20 epochs, stopping after 3 without a better loss on a
#: tenth of the recordings held out.
_VOICING_MLP = {
    "n_hidden_layers": 2,
    "hidden_layer_size": 256,
    "dropout": 0.3,
    "learning_rate": 1e-3,
    "batch_size": 512,
    "epochs": 20,
    "patience": 3,
    "validation_fraction": 0.1,
}

#: Data and training settings per size.  ``ensembles`` and ``isolated``: keyword arguments
#: of :func:`~skbass.datasets.make_ensembles` and :func:`~skbass.datasets.make_isolated_notes`
#: per training set, ``seed`` being an offset added to the training seed; ``validation``:
#: the hard-chain ensembles the voicing threshold is chosen on; ``labels``: the label
#: convention trained on; ``max_false_alarm``: the voicing false alarm allowed on the
#: validation set when choosing the threshold; then network settings; ``onsets``: the
#: onset network's (:func:`train_onset_model`): its training frames are those within
#: ``near`` frames of an onset and every ``negative_stride``-th other frame; ``voicing``:
#: the voicing network's (:func:`train_voicing_model`).
RECIPES = {
    "small": {
        "ensembles": (
            {"condition": "hard", "n_recordings": 8, "duration": 12.0},
            {
                "condition": "hard",
                "n_recordings": 2,
                "duration": 12.0,
                "augment": EDGE_SHIFTS,
                "seed": 2,
            },
            {"condition": "clean", "n_recordings": 4, "duration": 12.0, "seed": 1},
        ),
        "isolated": ({"size": "small"},),
        "validation": {"n_recordings": 4, "duration": 12.0, "seed": 1000},
        "soundfonts": BASS_SOUNDFONTS,
        "labels": "paper",
        "max_false_alarm": 0.1,
        "context": 2,
        "mlp": {"learning_rate": 1e-3, "dropout": 0.5, "epochs": 10, "patience": 3},
        "onsets": {
            "near": 3,
            "negative_stride": 5,
            "mlp": {**_ONSET_MLP, "epochs": 3},
        },
        "voicing": {"mlp": {**_VOICING_MLP, "epochs": 2}},
    },
    "default": {
        "ensembles": (
            {"condition": "hard", "n_recordings": 320, "duration": 30.0},
            {
                "condition": "hard",
                "n_recordings": 80,
                "duration": 30.0,
                "augment": EDGE_SHIFTS,
                "seed": 2,
            },
            {"condition": "clean", "n_recordings": 40, "duration": 30.0, "seed": 1},
            {
                "condition": "hard",
                "n_recordings": 240,
                "duration": 30.0,
                "style": "walking",
                "seed": 3,
            },
        ),
        "isolated": ({"size": "default"}, {"size": "default", "condition": "hard", "seed": 1}),
        "validation": {"n_recordings": 16, "duration": 30.0, "seed": 1000},
        "soundfonts": BASS_SOUNDFONTS,
        "labels": "paper",
        "max_false_alarm": 0.1,
        "context": 2,
        "mlp": {"learning_rate": 3e-4, "dropout": 0.5, "epochs": 300, "patience": 15},
        "onsets": {"near": 3, "negative_stride": 5, "mlp": _ONSET_MLP},
        "voicing": {"mlp": _VOICING_MLP},
    },
}


def _make(make, settings, seed, common):
    """One set of a recipe: ``settings`` with its seed offset added to ``seed``."""
    settings = dict(settings)
    seed += settings.pop("seed", 0)
    return make(**settings, seed=seed, **common)


def _set_arguments(recipe, n_jobs, progress, label_convention):
    """Arguments every set of a recipe is rendered with: its soundfonts, the labels."""
    return {
        "n_jobs": n_jobs,
        "progress": progress,
        "label_convention": label_convention,
        "soundfonts": recipe["soundfonts"],
    }


def _training_sets(recipe, seed, common):
    """The recipe's training sets (ensembles, then isolated notes), rendered one by one."""
    from ..datasets import make_ensembles, make_isolated_notes

    for make, key in ((make_ensembles, "ensembles"), (make_isolated_notes, "isolated")):
        for settings in recipe[key]:
            yield _make(make, settings, seed, common)


def _training_data(recipe, seed, n_jobs, progress, label_convention):
    """The recipe's training recordings with ``label_convention`` labels, and its validation
    ensembles with sounding and paper labels."""
    from ..datasets import make_ensembles, notes_to_frame_labels

    common = _set_arguments(recipe, n_jobs, progress, label_convention)
    X, y = [], []
    for data in _training_sets(recipe, seed, common):
        X += data.X
        y += data.y
    validation = {"condition": "hard", **recipe["validation"]}
    sounding = _make(make_ensembles, validation, seed, {**common, "label_convention": "sounding"})
    paper = [
        notes_to_frame_labels(n, len(v), sr=m["sr"], hop_length=m["hop_length"])
        for n, v, m in zip(sounding.notes, sounding.y, sounding.metadata)
    ]
    return X, y, sounding.X, sounding.y, paper


def _network_settings(settings, epochs):
    """A recipe's network settings, with ``epochs`` (unless None) as the most epochs."""
    mlp_params = dict(settings["mlp"])
    if epochs is not None:
        mlp_params["epochs"] = epochs
    return mlp_params


def _fit_bass_network(recipe, settings, X, y, *, seed, n_jobs, epochs, progress):
    """A bass pipeline with the recipe's context and ``settings``' network, fitted on
    ``X, y`` with progress shown or not, then quieted for inference; and its fit time."""
    from ._pipeline import bass_pipeline

    pipeline = bass_pipeline(
        context=recipe["context"],
        n_jobs=n_jobs,
        random_state=seed,
        verbose=2 if progress else 0,
        **_network_settings(settings, epochs),
    )
    pipeline.named_steps["cqt"].set_params(verbose=progress)
    start = time.perf_counter()
    pipeline.fit(X, y)
    fit_seconds = time.perf_counter() - start
    pipeline.set_params(mlp__verbose=0, cqt__verbose=False, cqt__n_jobs=None)
    return pipeline, fit_seconds


#: Parameter rules of the bass training functions.
_TRAINING_PARAMETERS = training_parameters(RECIPES)


@validate_params(_TRAINING_PARAMETERS, prefer_skip_nested_validation=True)
def train_default_model(out, *, size="default", seed=0, n_jobs=-1, epochs=None, progress=True):
    """Train the default bass model and write it to ``out``.

    Parameters
    ----------
    out : str or os.PathLike
        Model file to write (conventionally ``.npz``); :func:`skbass.load_model` reads
        it. Checked to be writable before any work.
    size : {"small", "default"}
        ``"small"`` is a quick check of the recipe; ``"default"`` builds the shipped model.
    seed : int
        Seed of the data and of the network.
    n_jobs : int
        Parallel render and CQT processes.
    epochs : int or None
        Maximum epochs, overriding the recipe.
    progress : bool
        Show progress bars.

    Returns
    -------
    report : dict
        Training frames, epochs, chosen voicing threshold with its validation voicing
        recall and false alarm (sounding labels), validation raw pitch and raw chroma
        accuracy (paper's labels; the recipe's validation ensembles, hard chain) and
        the trivial baseline on the same frames, and timings.
    """
    from ..metrics import cqt_argmax_pitch, raw_chroma_accuracy, raw_pitch_accuracy
    from ..utils._persistence import save_model
    from ._voicing import select_voicing_threshold

    check_output_file(out, what="model file")
    recipe = RECIPES[size]
    start = time.perf_counter()
    X, y, Xv, yv_sounding, yv = _training_data(recipe, seed, n_jobs, progress, recipe["labels"])
    data_seconds = time.perf_counter() - start

    pipeline, fit_seconds = _fit_bass_network(
        recipe, recipe, X, y, seed=seed, n_jobs=n_jobs, epochs=epochs, progress=progress
    )

    threshold, scores = select_voicing_threshold(
        pipeline, Xv, yv_sounding, max_false_alarm=recipe["max_false_alarm"]
    )
    pipeline.set_params(mlp__voicing_threshold=threshold)
    pitch = [d.pitch for d in pipeline[-1].decode(pipeline[:-1].transform(Xv))]
    trivial = [cqt_argmax_pitch(x) for x in Xv]
    report = {
        "size": size,
        "seed": seed,
        "recipe": recipe,
        "training_frames": int(sum(len(v) for v in y)),
        "training_hours": round(sum(len(x) for x in X) / SR / 3600, 3),
        "epochs": len(pipeline[-1].history_["loss"]),
        "voicing_threshold": threshold,
        "validation_voicing_recall": round(scores[threshold]["voicing_recall"], 4),
        "validation_voicing_false_alarm": round(scores[threshold]["voicing_false_alarm"], 4),
        "validation_raw_pitch_accuracy": round(raw_pitch_accuracy(yv, pitch), 4),
        "validation_raw_chroma_accuracy": round(raw_chroma_accuracy(yv, pitch), 4),
        "validation_trivial_raw_pitch_accuracy": round(raw_pitch_accuracy(yv, trivial), 4),
        "data_seconds": round(data_seconds, 1),
        "fit_seconds": round(fit_seconds, 1),
    }
    save_model(pipeline, out, info=report)
    return report


def _onset_frames(front, data, near, negative_stride):
    """Stacked onset-network features and ``"onsets"`` labels of the frames trained on.

    Keeps every frame within ``near`` frames of a labelled onset and every
    ``negative_stride``-th other one, recording by recording, so that the stacked features
    of the whole training set (four times the salience network's frames, each 17 frames
    wide) never sit in memory at once.
    """
    from scipy.ndimage import binary_dilation

    from ..datasets import notes_to_frame_labels

    cqt = front.named_steps["cqt"]
    features, labels = [], []
    for start in range(0, len(data.X), 64):
        chunk = front.transform(data.X[start : start + 64])
        for frames, notes in zip(chunk, data.notes[start : start + 64]):
            y = notes_to_frame_labels(
                notes, len(frames), sr=cqt.sr, hop_length=cqt.hop_length, convention="onsets"
            )
            keep = binary_dilation(y > 0, iterations=near) if near else y > 0
            keep[::negative_stride] = True
            features.append(frames[keep])
            labels.append(y[keep])
    return features, labels


@validate_params(_TRAINING_PARAMETERS, prefer_skip_nested_validation=True)
def train_onset_model(out, *, size="default", seed=0, n_jobs=-1, epochs=None, progress=True):
    """Train the bass onset network on the recipe's training data and write it to ``out``.

    The network (:func:`~skbass.transcription._pipeline.onset_pipeline`) hears constant-Q
    frames at an 11.6 ms hop, 4 before and 12 after its frame, and learns the
    ``"onsets"`` labels: for each pitch, whether a bass note of that pitch starts within
    one frame. It is trained on the same recordings as the salience network
    (:func:`train_default_model`, the training soundfonts only), on the frames near
    onsets and a share of the others (the recipe's ``onsets`` settings).

    Parameters
    ----------
    out : str or os.PathLike
        Model file to write; :func:`skbass.transcribe` takes it as ``onset_model``.
        Checked to be writable before any work.
    size : {"small", "default"}
        ``"small"`` is a quick check of the recipe; ``"default"`` builds the shipped
        onset model.
    seed : int
        Seed of the data and of the network.
    n_jobs : int
        Parallel render and CQT processes.
    epochs : int or None
        Maximum epochs, overriding the recipe.
    progress : bool
        Show progress bars.

    Returns
    -------
    report : dict
        Training recordings and frames, onset frames among them, epochs, the last
        epoch's loss, the best validation pitch accuracy on onset frames (NaN without a
        validation part), and timings.
    """
    from ..utils._persistence import save_model
    from ._pipeline import onset_pipeline

    check_output_file(out, what="model file")
    recipe = RECIPES[size]
    settings = recipe["onsets"]
    mlp_params = _network_settings(settings, epochs)
    pipeline = onset_pipeline(
        n_jobs=n_jobs, random_state=seed, verbose=2 if progress else 0, **mlp_params
    )
    front = pipeline[:-1]
    front.named_steps["cqt"].set_params(verbose=progress)
    start = time.perf_counter()
    common = _set_arguments(recipe, n_jobs, progress, "sounding")
    X, y, n_recordings, hours = [], [], 0, 0.0
    for data in _training_sets(recipe, seed, common):
        n_recordings += len(data.X)
        hours += sum(len(x) for x in data.X) / SR / 3600
        if not X:
            front.fit(data.X[:1])  # stateless steps: records the feature counts
        features, labels = _onset_frames(front, data, settings["near"], settings["negative_stride"])
        X += features
        y += labels
        del data  # the audio is not needed again: free it before the next set renders
    data_seconds = time.perf_counter() - start
    n_frames, n_onset_frames = sum(len(v) for v in y), sum(np.count_nonzero(v) for v in y)
    if not mlp_params.get("validation_fraction", 0.2):
        # one frame matrix, the per-recording list freed: without a validation part the
        # recordings need not stay apart, and the features are the largest thing in memory
        X, y = np.concatenate(X), np.concatenate(y)
    start = time.perf_counter()
    network = pipeline.named_steps["mlp"].fit(X, y)
    fit_seconds = time.perf_counter() - start
    pipeline.set_params(mlp__verbose=0, cqt__verbose=False, cqt__n_jobs=None)
    history = network.history_
    report = {
        "size": size,
        "seed": seed,
        "recipe": settings,
        "training_recordings": n_recordings,
        "training_hours": round(hours, 3),
        "training_frames": int(n_frames),
        "onset_frames": int(n_onset_frames),
        "epochs": len(history["loss"]),
        "final_loss": round(history["loss"][-1], 5),
        "best_validation_onset_pitch_accuracy": round(
            max(history.get("val_pitch_accuracy", [float("nan")])), 4
        ),
        "data_seconds": round(data_seconds, 1),
        "fit_seconds": round(fit_seconds, 1),
    }
    save_model(pipeline, out, info=report)
    return report


@validate_params(
    {**_TRAINING_PARAMETERS, "model": [str, os.PathLike, None]},
    prefer_skip_nested_validation=True,
)
def train_voicing_model(
    out, *, model=None, size="default", seed=0, n_jobs=-1, epochs=None, progress=True
):
    """Train the bass voicing network on the recipe's training data and write it to ``out``.

    The voicing network (:func:`~skbass.transcription.bass_pipeline`, the recipe's
    ``voicing`` settings) hears the salience network's frames and learns the
    ``"sounding"`` labels (each note from its onset to its offset), so its peak stays up
    while a note rings out, where the salience network, trained on the paper's labels
    (a note's first 75 %), lets it fall. With it, :func:`~skbass.transcribe` calls a
    frame voiced when the mean of the two networks' peaks exceeds the voicing network's
    ``voicing_threshold``; the pitch stays the salience network's. The threshold is
    chosen on the recipe's validation ensembles against the sounding labels: the highest
    voicing recall whose false alarm is at most the recipe's ``max_false_alarm``, with
    ``model`` as the salience network.

    Parameters
    ----------
    out : str or os.PathLike
        Model file to write; :func:`skbass.transcribe` takes it as ``voicing_model``.
        Checked to be writable before any work.
    model : str, os.PathLike or None
        The salience model the voicing network is paired with (its threshold is chosen
        with it); None: the shipped model.
    size : {"small", "default"}
        ``"small"`` is a quick check of the recipe; ``"default"`` builds the shipped
        voicing model.
    seed : int
        Seed of the data and of the network.
    n_jobs : int
        Parallel render and CQT processes.
    epochs : int or None
        Maximum epochs, overriding the recipe.
    progress : bool
        Show progress bars.

    Returns
    -------
    report : dict
        Training recordings and frames, epochs, the chosen threshold with its validation
        voicing recall and false alarm (sounding labels), those of the salience network
        alone on the same frames, and timings.
    """
    from ..utils._persistence import load_model, save_model
    from ._voicing import select_voicing_threshold

    check_output_file(out, what="model file")
    partner = load_model(model)
    recipe = RECIPES[size]
    start = time.perf_counter()
    X, y, Xv, yv_sounding, _ = _training_data(recipe, seed, n_jobs, progress, "sounding")
    data_seconds = time.perf_counter() - start

    pipeline, fit_seconds = _fit_bass_network(
        recipe, recipe["voicing"], X, y, seed=seed, n_jobs=n_jobs, epochs=epochs, progress=progress
    )

    bound = recipe["max_false_alarm"]
    threshold, scores = select_voicing_threshold(
        partner, Xv, yv_sounding, max_false_alarm=bound, voicing_model=pipeline
    )
    alone, alone_scores = select_voicing_threshold(partner, Xv, yv_sounding, max_false_alarm=bound)
    pipeline.set_params(mlp__voicing_threshold=threshold)
    report = {
        "size": size,
        "seed": seed,
        "recipe": recipe["voicing"],
        "training_recordings": len(X),
        "training_hours": round(sum(len(x) for x in X) / SR / 3600, 3),
        "training_frames": int(sum(len(v) for v in y)),
        "epochs": len(pipeline[-1].history_["loss"]),
        "voicing_threshold": threshold,
        "validation_voicing_recall": round(scores[threshold]["voicing_recall"], 4),
        "validation_voicing_false_alarm": round(scores[threshold]["voicing_false_alarm"], 4),
        "salience_alone_voicing_threshold": alone,
        "salience_alone_voicing_recall": round(alone_scores[alone]["voicing_recall"], 4),
        "salience_alone_voicing_false_alarm": round(alone_scores[alone]["voicing_false_alarm"], 4),
        "data_seconds": round(data_seconds, 1),
        "fit_seconds": round(fit_seconds, 1),
    }
    save_model(pipeline, out, info=report)
    return report
