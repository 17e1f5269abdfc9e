"""Saving and loading fitted pipelines, and the models shipped inside the package.

A model file is a NumPy ``.npz`` archive: a JSON description of the pipeline (the class
of each step from an explicit list, its parameters, its fitted attributes) and the fitted
arrays, the network's weights among them. Loading reads it with ``allow_pickle=False`` and
rebuilds the steps from that list, so a model file cannot run code. Older pickle-based
files load only on request (``allow_pickle=True``), which is unsafe for untrusted files.

By default a network step is loaded as an inference-only twin whose forward pass runs in
NumPy (:class:`~skbass.neural_network._forward.FrozenSalienceMLP` for the bass network),
so loading and predicting never import TensorFlow or Keras; ``keras=True`` rebuilds the
Keras estimator instead, for further training.
"""

import json
import os

import numpy as np
from sklearn.utils._param_validation import validate_params

from .._version import __version__
from ._model_file import (
    _FORMAT,
    _FORMAT_VERSION,
    _JSON_KEY,
    read_model_file,
    resolve_model_path,
)
from ._serialization import Encoder, decode


@validate_params(
    {"pipeline": [object], "path": [str, os.PathLike], "info": [dict, None]},
    prefer_skip_nested_validation=True,
)
def save_model(pipeline, path, *, info=None):
    """Write a fitted pipeline to ``path`` for :func:`load_model`.

    The file holds JSON and plain arrays only (no pickle, no optimizer state).

    Parameters
    ----------
    pipeline : sklearn.pipeline.Pipeline
        Fitted bass pipeline made of skbass steps (e.g. from :func:`bass_pipeline`) whose
        parameters are plain values (no callbacks, no ``joblib.Memory`` object).
    path : str or os.PathLike
        Output file (conventionally ``.npz``); written to a temporary name first, then
        renamed, so a failed write leaves no partial file.
    info : dict or None
        Plain values to keep beside the model (training recipe, validation scores).

    Raises
    ------
    TypeError
        If a step, parameter or ``info`` value cannot be stored as JSON or plain arrays.
    """
    encoder = Encoder()
    payload = {
        "format": _FORMAT,
        "format_version": _FORMAT_VERSION,
        "skbass_version": __version__,
        "info": encoder.encode(dict(info or {}), "info"),
        "pipeline": encoder.encode(pipeline, "pipeline"),
    }
    text = np.frombuffer(json.dumps(payload).encode("utf-8"), dtype=np.uint8)
    path = os.fspath(path)
    folder = os.path.dirname(os.path.abspath(path))
    os.makedirs(folder, exist_ok=True)
    tmp = os.path.join(folder, f".{os.path.basename(path)}.tmp-{os.getpid()}")
    try:
        with open(tmp, "wb") as file:
            np.savez_compressed(file, **{_JSON_KEY: text}, **encoder.arrays)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.remove(tmp)


def _holds_frozen(pipeline):
    from ..neural_network._conv_forward import FrozenHybridConvNet
    from ..neural_network._forward import FrozenSalienceMLP

    frozen = (FrozenSalienceMLP, FrozenHybridConvNet)
    return any(isinstance(step, frozen) for _, step in pipeline.steps)


def _read_pickle(path):
    """A model file of an older skbass (joblib pickle). Unpickling can run any code."""
    import joblib
    import keras  # noqa: F401  (registers scikeras's Keras unpickling before joblib reads)
    import scikeras  # noqa: F401

    try:
        payload = joblib.load(path)
    except Exception as exc:
        raise ValueError(f"{path!r} is not a readable skbass model ({exc})") from exc
    if not isinstance(payload, dict) or payload.get("format") != _FORMAT:
        raise ValueError(f"{path!r} is not an skbass model file")
    return payload["pipeline"], payload["info"]


@validate_params(
    {
        "path": [str, os.PathLike, None],
        "return_info": ["boolean"],
        "allow_pickle": ["boolean"],
        "keras": ["boolean"],
    },
    prefer_skip_nested_validation=True,
)
def load_model(path=None, *, return_info=False, allow_pickle=False, keras=False):
    """Load a fitted pipeline: a shipped model, or one written by :func:`save_model`.

    Works offline; the shipped models' weights are inside the package. Loading builds
    only skbass's own step classes from the file's JSON and arrays: a model file cannot
    run code.

    Parameters
    ----------
    path : str, os.PathLike or None
        Model file, or the name of a shipped model: ``"bass"`` (also ``None``), the bass
        salience pipeline; ``"bass-voicing"``, the bass voicing pipeline paired with it
        (:func:`~skbass.transcribe`'s ``voicing_model``); ``"instruments"``, the
        instrument recognition pipeline. A name is taken as a name only when it is
        exactly one of these words.
    return_info : bool
        Also return the information saved with the model (training recipe,
        validation scores).
    allow_pickle : bool, default=False
        UNSAFE: also read the pickle-based (joblib) model files of older skbass versions.
        Unpickling a file runs whatever code it holds; only for files you made yourself.
        Rewrite such a file with :func:`save_model` to drop the need.
    keras : bool, default=False
        False: a network step is an inference-only twin (NumPy forward pass, equal to the
        Keras network's outputs within float32 rounding); neither TensorFlow nor Keras
        is imported. True: the network step is the Keras estimator
        (:class:`~skbass.BassSalienceMLP`, :class:`~skbass.HybridConvNetClassifier`),
        e.g. to train it further with ``set_params(warm_start=True).fit(X, y)``
        (imports Keras; a file saved from a frozen pipeline has no Keras estimator to
        rebuild and is refused).

    Returns
    -------
    pipeline : sklearn.pipeline.Pipeline
        The bass pipeline (steps ``cqt``, ``log``, ``stack``, ``mlp``; ``predict`` gives
        MIDI pitch per frame, 0: no bass) or the instrument pipeline (``predict`` gives
        one class name per recording).
    info : dict
        Only with ``return_info=True``.

    Raises
    ------
    FileNotFoundError
        If the file does not exist.
    ValueError
        If the file is not an skbass model, or names a class skbass does not load.
    """
    path, is_archive = resolve_model_path(path)
    if not is_archive:
        if not allow_pickle:
            raise ValueError(
                f"{path!r} is not a readable skbass model (not an .npz model file). If it is "
                "a pickle-based model of an older skbass that you made yourself, "
                "load_model(path, allow_pickle=True) (--unsafe-pickle) reads it: unsafe, "
                "unpickling runs any code the file holds"
            )
        pipeline, info = _read_pickle(path)
    else:
        payload, arrays = read_model_file(path)
        pipeline = decode(payload["pipeline"], arrays, frozen=not keras)
        info = decode(payload.get("info", {}), arrays)
        if not hasattr(pipeline, "steps"):
            raise ValueError(f"{path!r} does not hold a pipeline")
        if keras and _holds_frozen(pipeline):
            raise ValueError(
                f"{path!r} holds an inference-only network (saved from a pipeline that "
                "load_model loaded with keras=False), which cannot be trained; save the "
                "pipeline from load_model(original, keras=True) to keep its Keras network"
            )
    return (pipeline, info) if return_info else pipeline
