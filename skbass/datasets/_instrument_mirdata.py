"""A mirdata bridge for instrument data sets: Medley-solos-DB and IRMAS on the 8 classes.

Medley-solos-DB is the paper's own data (Lostanlen & Cella 2016): 3-second solo clips of
exactly its 8 instruments, from MedleyDB (training, validation) and solosDB (test).
IRMAS (Bosch et al. 2012) labels 3-second excerpts of ensemble music by their
predominant instrument, 8 of whose 11 codes come near the paper's classes.  Nothing is
downloaded: mirdata's index and the audio must already be in ``data_home``.
"""

import os
import re
import warnings
from collections import Counter

from ._instruments import _bunch, _check_audio_file, instrument_name
from ._loaders import _mirdata_dataset

#: The mirdata data sets :func:`instruments_from_mirdata` reads, with their splits.
_SPLITS = {"medley_solos_db": ("training", "validation", "test"), "irmas": ("train", "test")}
_SPLIT_ALIASES = {"medley_solos_db": {"train": "training"}, "irmas": {"training": "train"}}
#: IRMAS codes that only approximate the class they are mapped onto (see the docstring).
_IRMAS_APPROXIMATE = ("gel", "sax", "voi")


def _index(dataset):
    """mirdata's index of ``dataset``, or a clear error where it is missing."""
    try:
        return dataset._index
    except FileNotFoundError:
        raise FileNotFoundError(
            f"mirdata's index of {dataset.name!r} is not on this machine (expected at "
            f"{dataset.index_path!r}); skbass downloads nothing: fetch the index and the "
            f"audio with mirdata (mirdata.initialize({dataset.name!r}).download()) first"
        ) from None


def _split(track, name):
    """The split of a Medley-solos-DB (its ``subset``) or IRMAS track."""
    if name == "medley_solos_db":
        try:
            return track.subset
        except FileNotFoundError:
            where = os.path.join(track._data_home, "annotation", "Medley-solos-DB_metadata.csv")
            raise FileNotFoundError(
                f"Medley-solos-DB's labels are read from {where!r}, which is missing; "
                "skbass downloads nothing"
            ) from None
    return track.split


def _label_and_group(track, name, split):
    """Source label (None for several) and group key of a track."""
    if name == "medley_solos_db":
        return track.instrument, ("song", track.song_id)
    stem = os.path.splitext(os.path.basename(track.audio_path))[0]
    if split == "train":  # "[cla][nod][cla]0189__2": recording 0189, excerpt 2
        recording = re.sub(r"__\d+$", "", re.sub(r"\[[^\]]*\]", "", stem))
        return track.predominant_instrument, ("train", track.predominant_instrument, recording)
    if not os.path.isfile(track.annotation_path):
        raise FileNotFoundError(
            f"IRMAS test excerpt {track.track_id!r}: its label file "
            f"{track.annotation_path!r} is missing"
        )
    labels = track.instrument  # read from the excerpt's .txt file
    song = re.sub(r"-\d+$", "", stem)  # "02 - And The Body Will Die-8": excerpt 8 of a song
    return (labels[0] if len(labels) == 1 else None), ("test", song)


def instruments_from_mirdata(dataset, *, data_home=None, split=None, track_ids=None):
    """Load Medley-solos-DB or IRMAS through mirdata as a set of the 8 instrument classes.

    Reads the tracks of mirdata's index whose audio is present under ``data_home`` and
    maps their labels onto :data:`INSTRUMENTS` with :func:`instrument_name`.

    - **Medley-solos-DB** (``"medley_solos_db"``): its 8 instruments are exactly the
      paper's classes ("female singer" is ``voice``, "distorted electric guitar"
      ``distorted_guitar``, "tenor saxophone" ``tenor_sax``).  Splits: its ``subset``,
      ``"training"`` (also ``"train"``), ``"validation"`` and ``"test"``.  Groups: the
      ``song_id`` of the track's source recording, so clips of one song stay on one side
      of a split.
    - **IRMAS** (``"irmas"``): training excerpts carry one predominant instrument; test
      excerpts list one or more, and only those with exactly one are kept.  ``cla``,
      ``flu``, ``pia``, ``tru``, ``vio`` are the paper's classes; ``gel``, ``sax`` and
      ``voi`` only approximate them (IRMAS's electric guitar is clean or distorted, its
      saxophone of any size, its voice male or female: ``approximate`` in the metadata);
      ``cel``, ``gac`` and ``org`` are skipped.  IRMAS excerpts are taken from ensemble
      music, not solos.  Splits: ``"train"`` and ``"test"``.  Groups: training file names
      end in ``<recording>__<excerpt>``, so excerpts of one recording (within one
      instrument folder) share a group; test excerpts named ``<song>-<n>`` share their
      song's group.

    Parameters
    ----------
    dataset : str or mirdata Dataset
        ``"medley_solos_db"`` or ``"irmas"``, or a ``mirdata.Dataset`` of one of them.
    data_home : str or os.PathLike or None, default=None
        mirdata's folder of the data set (its default folder, ``~/mir_datasets/<name>``,
        with ``None``), when ``dataset`` is a name.
    split : str or None, default=None
        Keep one split (see above); ``None`` keeps all.
    track_ids : sequence of str or None, default=None
        Keep these mirdata track ids only.

    Returns
    -------
    data : sklearn.utils.Bunch
        As :func:`load_instrument_folder` returns: ``X``, list of str, the audio file
        paths.  ``y``: np.ndarray [shape=(n_tracks,), dtype=object] of class names.
        ``groups``: np.ndarray [shape=(n_tracks,), dtype=int64], the groups above numbered
        in order of first appearance.  ``metadata``: list of dict with ``path``, ``label``,
        ``track_id``, ``split``, ``source_label`` (the data set's own label),
        ``approximate`` (True where that label only approximates the class), ``group``
        (the group key as text) and ``duration`` (seconds).  ``target_names``: the classes
        present.  ``skipped``: dict counting the tracks left out, by reason (a source label
        outside the classes, ``"several instruments"``, ``"missing audio"``).

    Raises
    ------
    ValueError
        If ``dataset`` is neither data set, ``split`` is not one of its splits, a track id
        is not in the index, or an audio file cannot be read.
    FileNotFoundError
        If mirdata's index or (Medley-solos-DB) its metadata table is missing, or no audio
        of the selected tracks is under ``data_home``; the message names the folder or
        file mirdata expected.  Nothing is downloaded.

    Warns
    -----
    UserWarning
        When tracks were skipped (see ``skipped``).

    Examples
    --------
    >>> data = instruments_from_mirdata("medley_solos_db", split="test")  # doctest: +SKIP
    >>> data.y[0], data.metadata[0]["source_label"]                        # doctest: +SKIP
    ('flute', 'flute')
    """
    name = dataset if isinstance(dataset, str) else getattr(dataset, "name", None)
    if name not in _SPLITS:
        raise ValueError(f"instruments_from_mirdata reads {' and '.join(_SPLITS)}, not {name!r}")
    if split is not None:
        split = _SPLIT_ALIASES[name].get(split, split)
        if split not in _SPLITS[name]:
            raise ValueError(
                f"{name} has the splits {', '.join(_SPLITS[name])}; got split={split!r}"
            )
    dataset = _mirdata_dataset(dataset, None if data_home is None else os.fspath(data_home))
    known = list(_index(dataset)["tracks"])
    if track_ids is not None:
        unknown = sorted(set(track_ids) - set(known))
        if unknown:
            raise ValueError(f"track ids not in mirdata's index of {name}: {unknown[:5]}")
        wanted = set(track_ids)
        known = [tid for tid in known if tid in wanted]
    paths, labels, keys, meta, skipped = [], [], [], [], Counter()
    expected = None
    for track_id in known:
        track = dataset.track(track_id)
        track_split = _split(track, name)
        if split is not None and track_split != split:
            continue
        if not os.path.isfile(track.audio_path):
            expected = expected or track.audio_path
            skipped["missing audio"] += 1
            continue
        source, key = _label_and_group(track, name, track_split)
        if source is None:
            skipped["several instruments"] += 1
            continue
        try:
            label = instrument_name(source)
        except ValueError:
            skipped[source] += 1
            continue
        try:
            duration = _check_audio_file(track.audio_path)
        except ValueError as err:
            raise ValueError(f"{name} track {track_id!r}: {err}") from None
        paths.append(track.audio_path)
        labels.append(label)
        keys.append(key)
        meta.append(
            {
                "path": track.audio_path,
                "label": label,
                "track_id": track_id,
                "split": track_split,
                "source_label": source,
                "approximate": name == "irmas" and source in _IRMAS_APPROXIMATE,
                "group": "/".join(str(part) for part in key),
                "duration": duration,
            }
        )
    if not paths:
        hint = f"; mirdata expects files such as {expected!r}" if expected else ""
        raise FileNotFoundError(
            f"no audio of {name} (split {split!r}) with a label among the 8 classes was "
            f"found under {dataset.data_home!r}{hint}; skbass downloads nothing"
        )
    if skipped:
        counts = ", ".join(f"{reason}: {count}" for reason, count in sorted(skipped.items()))
        warnings.warn(f"{name}: tracks skipped ({counts})", UserWarning, stacklevel=2)
    numbers = {}
    groups = [numbers.setdefault(key, len(numbers)) for key in keys]
    data = _bunch(paths, labels, groups, meta)
    data.skipped = dict(skipped)
    return data
