"""Writing a generated set to a folder: WAV files, label CSVs and a metadata JSON."""

import json
import os

import numpy as np
import soundfile as sf

from ..utils._constants import HOP_LENGTH, SR
from ..utils._frames import frame_times


def write_set(data, outdir, *, name, sr=SR, hop_length=HOP_LENGTH):
    """Write a set to ``outdir`` as ``<name>_<i>.wav``, ``<name>_<i>.csv`` and ``metadata.json``.

    Each CSV has the header ``time,midi`` and one row per frame. An unlabelled set (one
    with ``y_withheld``) writes its true labels under ``withheld_labels/``, away from
    the audio.

    Parameters
    ----------
    data : sklearn.utils.Bunch
        A set from :func:`make_ensembles`, :func:`make_unlabelled`,
        :func:`make_isolated_notes` or :func:`load_test_set`.
    outdir : str or os.PathLike
        Output folder, created if needed.
    name : str
        File name prefix.
    sr : int
        Sample rate of the audio in Hz.
    hop_length : int
        Hop of the labels in samples.

    Returns
    -------
    paths : list of str
        The WAV files written.
    """
    outdir = os.fspath(outdir)
    os.makedirs(outdir, exist_ok=True)
    labels_of = data.get("y_withheld", data.y)
    label_dir = outdir
    if "y_withheld" in data:
        label_dir = os.path.join(outdir, "withheld_labels")
        os.makedirs(label_dir, exist_ok=True)
    paths = []
    for i, (audio, labels, meta) in enumerate(zip(data.X, labels_of, data.metadata)):
        stem = f"{name}_{i:04d}"
        path = os.path.join(outdir, stem + ".wav")
        sf.write(path, audio, sr, subtype="FLOAT")
        times = frame_times(len(labels), sr=sr, hop_length=hop_length)
        np.savetxt(
            os.path.join(label_dir, stem + ".csv"),
            np.column_stack([times, labels]),
            fmt=["%.6f", "%d"],
            delimiter=",",
            header="time,midi",
            comments="",
        )
        meta["file"] = stem + ".wav"
        paths.append(path)
    with open(os.path.join(outdir, "metadata.json"), "w") as fh:
        json.dump(data.metadata, fh, indent=1)
    return paths
