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
    the audio.  A set with one class name per recording (the instrument sets) writes one
    ``labels.csv`` instead, with the header ``path,label,group`` and a row per recording,
    which :func:`load_instrument_csv` reads back.

    Parameters
    ----------
    data : sklearn.utils.Bunch
        A set from :func:`make_ensembles`, :func:`make_unlabelled`,
        :func:`make_isolated_notes`, :func:`load_test_set`,
        :func:`make_instrument_solos` or :func:`load_instrument_test_set`.
    outdir : str or os.PathLike
        Output folder, created if needed.
    name : str
        File name prefix.
    sr : int
        Sample rate of the audio in Hz.
    hop_length : int
        Hop of the labels in samples (frame labels only).

    Returns
    -------
    paths : list of str
        The WAV files written.
    """
    outdir = os.fspath(outdir)
    os.makedirs(outdir, exist_ok=True)
    if _recording_level(data.y):
        return _write_recording_labels(data, outdir, name=name, sr=sr)
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


def _recording_level(y):
    """Whether ``y`` holds one class name per recording (not a label array per recording)."""
    return isinstance(y, np.ndarray) and y.ndim == 1 and y.dtype.kind in "OU"


def _write_recording_labels(data, outdir, *, name, sr):
    paths, rows = [], ["path,label,group"]
    for i, (audio, label, group, meta) in enumerate(
        zip(data.X, data.y, data.groups, data.metadata)
    ):
        file = f"{name}_{i:04d}.wav"
        sf.write(os.path.join(outdir, file), audio, sr, subtype="FLOAT")
        rows.append(f"{file},{label},{group}")
        meta["file"] = file
        paths.append(os.path.join(outdir, file))
    with open(os.path.join(outdir, "labels.csv"), "w") as fh:
        fh.write("\n".join(rows) + "\n")
    with open(os.path.join(outdir, "metadata.json"), "w") as fh:
        json.dump(data.metadata, fh, indent=1)
    return paths
