"""Saving and loading fitted bass pipelines, and the model shipped inside the package."""

import os
from importlib import resources

import joblib

from .._version import __version__

#: File name of the model shipped inside the package.
DEFAULT_MODEL_NAME = "bass-default.joblib"
_FORMAT = "skbass-bass-model"
_FORMAT_VERSION = 1


def default_model_path():
    """Path of the model shipped with skbass.

    Returns
    -------
    path : str
    """
    return str(resources.files("skbass") / "models" / DEFAULT_MODEL_NAME)


def save_model(pipeline, path, *, info=None):
    """Write a fitted pipeline to ``path`` for :func:`load_model`.

    Parameters
    ----------
    pipeline : sklearn.pipeline.Pipeline
        Fitted bass pipeline.
    path : str or os.PathLike
        Output file; written to a temporary name first, then renamed.
    info : dict or None
        Anything to keep beside the model (training recipe, validation scores).
    """
    path = os.fspath(path)
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    payload = {
        "format": _FORMAT,
        "format_version": _FORMAT_VERSION,
        "skbass_version": __version__,
        "info": dict(info or {}),
        "pipeline": pipeline,
    }
    tmp = f"{path}.tmp-{os.getpid()}"
    joblib.dump(payload, tmp, compress=3)
    os.replace(tmp, path)


def load_model(path=None, *, return_info=False):
    """Load a fitted bass pipeline: the shipped default, or one written by :func:`save_model`.

    Works offline; the default model's weights ship inside the package.

    Parameters
    ----------
    path : str, os.PathLike or None
        Model file; None loads the default model.
    return_info : bool
        Also return the information saved with the model (training recipe,
        validation scores).

    Returns
    -------
    pipeline : sklearn.pipeline.Pipeline
        Steps ``cqt``, ``log``, ``stack``, ``mlp``; ``predict`` gives MIDI pitch per
        frame (0: no bass).
    info : dict
        Only with ``return_info=True``.

    Raises
    ------
    FileNotFoundError
        If the file does not exist.
    ValueError
        If the file is not an skbass model.
    """
    path = default_model_path() if path is None else os.fspath(path)
    if not os.path.isfile(path):
        raise FileNotFoundError(f"no skbass model at {path!r}")
    import keras  # noqa: F401  (registers scikeras's Keras unpickling before joblib reads)
    import scikeras  # noqa: F401

    try:
        payload = joblib.load(path)
    except Exception as exc:
        raise ValueError(f"{path!r} is not a readable skbass model ({exc})") from exc
    if not isinstance(payload, dict) or payload.get("format") != _FORMAT:
        raise ValueError(f"{path!r} is not an skbass model file")
    if payload["format_version"] > _FORMAT_VERSION:
        raise ValueError(
            f"{path!r} was written by a newer skbass ({payload['skbass_version']}); upgrade skbass"
        )
    return (payload["pipeline"], payload["info"]) if return_info else payload["pipeline"]
