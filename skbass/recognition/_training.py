"""The recipe of the shipped instrument model, reproducible with ``skbass train-instruments``.

Training data come only from what the package renders with the training soundfonts
(FluidR3_GM, TimGM6mb) and its sung-voice synthesiser, through the varied recording
chain; a separately seeded set of pieces is the validation set on which the model is
scored. The test-only MuseScore soundfonts take no part.
"""

import time

from sklearn.utils._param_validation import validate_params

from ..utils._paths import check_output_file
from ..utils._training_rules import training_parameters

#: Data and training settings per size: training set, validation set, network settings.
RECIPES = {
    "small": {
        "train": {"n_pieces": 4, "duration": 12.0},
        "validation": {"size": "small"},
        "convnet": {"epochs": 2, "excerpts_per_epoch": 512},
    },
    "default": {
        "train": {"size": "default"},
        "validation": {"n_pieces": 3, "duration": 20.0},
        "convnet": {"epochs": 40, "excerpts_per_epoch": 8192, "patience": 2},
    },
}
#: Seed offset of the validation pieces (distinct from the training pieces).
_VALIDATION_SEED = 1000


@validate_params(training_parameters(RECIPES, n_jobs_none=True), prefer_skip_nested_validation=True)
def train_instrument_model(out, *, size="default", seed=0, n_jobs=-1, epochs=None, progress=True):
    """Train the instrument model (all three branches) and write it to ``out``.

    Parameters
    ----------
    out : str or os.PathLike
        Model file to write (conventionally ``.npz``); ``skbass.load_model(out)`` reads
        it. Checked to be writable before any work.
    size : {"small", "default"}
        ``"small"`` is a quick check of the recipe; ``"default"`` builds the shipped model.
    seed : int
        Seed of the data and of the network.
    n_jobs : int or None
        Parallel render and CQT processes.
    epochs : int or None
        Maximum epochs, overriding the recipe.
    progress : bool
        Show progress bars.

    Returns
    -------
    report : dict
        Training recordings and hours, epochs run, the validation accuracy per class and
        averaged over classes (3-second excerpts of the validation pieces), and timings.
    """
    from ..datasets import class_accuracies, make_instrument_solos
    from ..utils._persistence import save_model
    from ..utils._samples import to_patches
    from ._pipeline import instrument_pipeline

    check_output_file(out, what="model file")
    recipe = RECIPES[size]
    params = dict(recipe["convnet"])
    if epochs is not None:
        params["epochs"] = epochs
    common = {"n_jobs": n_jobs, "progress": progress}
    start = time.perf_counter()
    train = make_instrument_solos(**recipe["train"], seed=seed, **common)
    validation = make_instrument_solos(
        **recipe["validation"], seed=seed + _VALIDATION_SEED, **common
    )
    data_seconds = time.perf_counter() - start

    pipeline = instrument_pipeline(
        n_jobs=n_jobs, random_state=seed, verbose=2 if progress else 0, **params
    )
    pipeline.set_params(cqt__verbose=progress)
    start = time.perf_counter()
    pipeline.fit(train.X, train.y)
    fit_seconds = time.perf_counter() - start
    pipeline.set_params(convnet__verbose=0, cqt__verbose=False, cqt__n_jobs=None)

    network = pipeline[-1]
    frames = pipeline[:-1].transform(validation.X)
    patches = to_patches(
        frames, validation.y, length=network.patch_frames, step=network.patch_frames // 2, pad=True
    )
    scores = class_accuracies(patches.y, network.predict(patches.X))
    hours = sum(len(x) / m["sr"] for x, m in zip(train.X, train.metadata)) / 3600
    report = {
        "size": size,
        "seed": seed,
        "recipe": recipe,
        "training_recordings": len(train.X),
        "training_hours": round(hours, 3),
        "epochs": len(network.history_["loss"]),
        "validation_excerpts": int(len(patches.X)),
        "validation_accuracy_per_class": {k: round(v, 4) for k, v in scores.per_class.items()},
        "validation_average_accuracy": round(scores.average, 4),
        "data_seconds": round(data_seconds, 1),
        "fit_seconds": round(fit_seconds, 1),
    }
    save_model(pipeline, out, info=report)
    return report
