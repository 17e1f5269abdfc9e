"""Model files on disk: the shipped models' paths and reading an ``.npz`` model file.

NumPy and the standard library only: the ``skbass transcribe`` command reads the shipped
model through here without importing scikit-learn (:mod:`skbass.transcription._runtime`).
"""

import json
import os
import zipfile
from importlib import resources

import numpy as np

#: Models shipped inside the package: name -> file name in ``skbass/models``.
SHIPPED_MODELS = {
    "bass": "bass-default.npz",
    "bass-voicing": "bass-voicing.npz",
    "instruments": "instruments-default.npz",
}
_FORMAT = "skbass-bass-model"
_FORMAT_VERSION = 2
_JSON_KEY = "model_json"
_ZIP_MAGIC = b"PK\x03\x04"  # an .npz archive is a zip file


def default_model_path(name="bass"):
    """Path of a model shipped with skbass.

    Parameters
    ----------
    name : {"bass", "bass-voicing", "instruments"}
        ``"bass"``: the bass salience pipeline; ``"bass-voicing"``: the bass voicing
        pipeline paired with it; ``"instruments"``: the instrument recognition pipeline.

    Returns
    -------
    path : str

    Raises
    ------
    ValueError
        For an unknown name.
    """
    if name not in SHIPPED_MODELS:
        raise ValueError(
            f"no shipped model named {name!r}; shipped models: {', '.join(SHIPPED_MODELS)}"
        )
    return str(resources.files("skbass") / "models" / SHIPPED_MODELS[name])


def resolve_model_path(path):
    """The file a model name or path stands for, and whether it is an ``.npz`` archive.

    Parameters
    ----------
    path : str, os.PathLike or None
        A model file, or a shipped model's name (``"bass"``, also None;
        ``"bass-voicing"``, ``"instruments"``).

    Returns
    -------
    path : str
        The model file.
    is_archive : bool
        Whether it starts as a zip archive (an ``.npz`` model file; otherwise possibly an
        older pickle-based one).

    Raises
    ------
    FileNotFoundError
        If the file does not exist.
    """
    if path is None or (isinstance(path, str) and path in SHIPPED_MODELS):
        path = default_model_path(path or "bass")
    path = os.fspath(path)
    if not os.path.isfile(path):
        raise FileNotFoundError(f"no skbass model at {path!r}")
    with open(path, "rb") as file:
        is_archive = file.read(4) == _ZIP_MAGIC
    return path, is_archive


def read_model_file(path):
    """The JSON payload and the arrays of an ``.npz`` model file, read without pickle.

    Parameters
    ----------
    path : str
        Model file.

    Returns
    -------
    payload : dict
        The JSON description (format, versions, ``info``, ``pipeline``).
    arrays : dict of str to np.ndarray
        The arrays the JSON names.

    Raises
    ------
    ValueError
        If the file is not an skbass model file, or a newer skbass wrote it.
    """
    try:
        with np.load(path, allow_pickle=False) as archive:
            arrays = {key: archive[key] for key in archive.files}
        payload = json.loads(arrays.pop(_JSON_KEY).tobytes().decode("utf-8"))
    except (OSError, ValueError, KeyError, zipfile.BadZipFile, UnicodeDecodeError) as exc:
        raise ValueError(f"{path!r} is not a readable skbass model ({exc})") from exc
    if not isinstance(payload, dict) or payload.get("format") != _FORMAT:
        raise ValueError(f"{path!r} is not an skbass model file")
    if payload.get("format_version", 0) > _FORMAT_VERSION:
        raise ValueError(
            f"{path!r} was written by a newer skbass ({payload.get('skbass_version')}); "
            "upgrade skbass"
        )
    return payload, arrays
