"""The instrument paper's 8 classes, loaders of users' solo recordings, and 3-second excerpts.

Paper: "Deep convolutional networks on the pitch spiral for musical instrument
recognition" (section 4.1): solo recordings of 8 instruments, cut into half-overlapping
3-second excerpts. Loaders return what every skbass set returns, a
:class:`sklearn.utils.Bunch` with ``X`` (audio file paths), ``y`` (class names),
``groups`` and ``metadata``.
"""

import os
from types import MappingProxyType

import numpy as np
from sklearn.utils import Bunch

from ..utils._audio import load_recording
from ..utils._constants import SR
from ._loaders import _read_rows

#: The paper's 8 instrument classes, in its Table 2 order.
INSTRUMENTS = (
    "clarinet",
    "distorted_guitar",
    "voice",
    "flute",
    "piano",
    "tenor_sax",
    "trumpet",
    "violin",
)

_ALIASES = {
    "clarinet": ("clarinets", "b_flat_clarinet", "bb_clarinet", "cla"),
    "distorted_guitar": (
        "distorted_electric_guitar",
        "distortion_guitar",
        "overdriven_guitar",
        "electric_guitar",
        "guitar",
        "gel",
    ),
    "voice": (
        "singer",
        "female_singer",
        "male_singer",
        "singing",
        "singing_voice",
        "vocal",
        "vocals",
        "voi",
    ),
    "flute": ("flutes", "flu"),
    "piano": ("grand_piano", "acoustic_grand_piano", "pia"),
    "tenor_sax": ("tenor_saxophone", "sax", "saxophone"),
    "trumpet": ("trumpets", "tru"),
    "violin": ("violins", "vio"),
}

#: Other names of the classes (normalised: lower case, ``_`` for spaces and hyphens),
#: mapped onto :data:`INSTRUMENTS`: Medley-solos-DB's names ("distorted electric guitar",
#: "female singer", "tenor saxophone"), IRMAS's codes (``cla``, ``flu``, ``gel``, ``pia``,
#: ``sax``, ``tru``, ``vio``, ``voi``), General MIDI's program names and plain synonyms.
INSTRUMENT_ALIASES = MappingProxyType(
    {alias: name for name, aliases in _ALIASES.items() for alias in (name, *aliases)}
)

#: File name endings read as audio (soundfile's formats, and what librosa reads through
#: audioread). Other files in a class folder are errors; hidden files are skipped.
AUDIO_EXTENSIONS = (
    ".wav",
    ".flac",
    ".ogg",
    ".oga",
    ".opus",
    ".mp3",
    ".aif",
    ".aiff",
    ".aifc",
    ".au",
    ".caf",
    ".w64",
    ".rf64",
    ".m4a",
    ".aac",
    ".wma",
)
#: Endings soundfile reads, so a file's header is checked when the set is loaded.
_PROBED = (".wav", ".flac", ".ogg", ".oga", ".aif", ".aiff", ".aifc", ".au", ".caf", ".w64")

_PATH_COLUMNS = ("path", "file", "filename", "audio", "audio_path")
_LABEL_COLUMNS = ("label", "class", "instrument", "target")


def _normalise(label):
    text = str(label).strip().lower().replace("-", " ").replace("_", " ")
    return "_".join(text.split())


def instrument_name(label):
    """Map a class name or alias onto one of the 8 :data:`INSTRUMENTS`.

    Case, surrounding spaces, hyphens and underscores do not matter.

    Parameters
    ----------
    label : str
        A class name such as ``"Tenor Saxophone"``, ``"vocals"`` or ``"gel"``.

    Returns
    -------
    name : str
        One of :data:`INSTRUMENTS`.

    Raises
    ------
    ValueError
        If ``label`` is none of the classes or their aliases.

    Examples
    --------
    >>> instrument_name("Tenor Saxophone"), instrument_name("vocals"), instrument_name("Guitar")
    ('tenor_sax', 'voice', 'distorted_guitar')
    """
    key = _normalise(label)
    if key not in INSTRUMENT_ALIASES:
        raise ValueError(
            f"unknown instrument class {label!r}; expected one of {', '.join(INSTRUMENTS)} "
            "or an alias in skbass.datasets.INSTRUMENT_ALIASES"
        )
    return INSTRUMENT_ALIASES[key]


def _check_audio_file(path):
    """Duration in seconds of an audio file (None where only decoding can tell)."""
    ext = os.path.splitext(path)[1].lower()
    if ext not in AUDIO_EXTENSIONS:
        raise ValueError(
            f"{path!r} is not an audio file (ending {ext or 'none'!r}); audio files end "
            f"with one of {' '.join(AUDIO_EXTENSIONS)}"
        )
    if ext not in _PROBED:
        return None
    import soundfile

    try:
        info = soundfile.info(path)
    except Exception as exc:  # soundfile raises several types for bad files
        raise ValueError(f"{path!r} cannot be read as audio ({exc})") from exc
    if info.frames <= 0:
        raise ValueError(f"{path!r} holds no audio samples")
    return info.frames / info.samplerate


def _bunch(paths, labels, groups, meta):
    present = set(labels)
    return Bunch(
        X=list(paths),
        y=np.asarray(labels, dtype=object),
        groups=np.asarray(groups, dtype=np.int64),
        metadata=meta,
        target_names=[name for name in INSTRUMENTS if name in present],
    )


def load_instrument_folder(root):
    """Load solo recordings sorted into one folder per instrument class.

    Each folder directly under ``root`` is a class: its name is one of
    :data:`INSTRUMENTS` or an alias in :data:`INSTRUMENT_ALIASES` (case, spaces,
    hyphens and underscores do not matter, so ``Tenor Saxophone/``, ``sax/`` and
    ``tenor_sax/`` are one class and may all be present). Every file inside a class
    folder, in sub-folders too, must be audio; hidden files and folders (name starting
    with ``.``) are skipped, and so are files directly under ``root`` (a README, a
    label table). Files are listed in sorted order, so the result is deterministic.

    Parameters
    ----------
    root : str or os.PathLike
        The folder holding the class folders.

    Returns
    -------
    data : sklearn.utils.Bunch
        ``X``: list of str, the audio file paths. ``y``: np.ndarray
        [shape=(n_files,), dtype=object] of class names from :data:`INSTRUMENTS`.
        ``groups``: np.ndarray [shape=(n_files,), dtype=int64], one group per file;
        excerpts cut from one file share its group, so group-aware cross-validation
        keeps them on one side of a split (put one artist's files in one group
        yourself to avoid the artist bias the paper avoids). ``metadata``: list of
        dict with ``path``, ``label``, ``folder`` (the class folder's own name) and
        ``duration`` (seconds, or None for formats only decoding can measure).
        ``target_names``: the classes present, in :data:`INSTRUMENTS` order.

    Raises
    ------
    FileNotFoundError
        If ``root`` is not a folder.
    ValueError
        If ``root`` holds no class folder, a class folder's name is no known class, a
        class folder holds no audio file, or a file in a class folder is not audio (by
        its ending) or cannot be read; the message names the folder or file.

    Examples
    --------
    >>> data = load_instrument_folder("my_solos")           # doctest: +SKIP
    >>> data.X[0], data.y[0]                                 # doctest: +SKIP
    ('my_solos/Sax/take1.wav', 'tenor_sax')
    """
    root = os.fspath(root)
    if not os.path.isdir(root):
        raise FileNotFoundError(f"{root!r} is not a folder")
    folders = sorted(
        entry
        for entry in os.listdir(root)
        if not entry.startswith(".") and os.path.isdir(os.path.join(root, entry))
    )
    if not folders:
        raise ValueError(
            f"{root!r} holds no class folder; expected one folder per instrument, named "
            f"after one of {', '.join(INSTRUMENTS)}"
        )
    paths, labels, meta = [], [], []
    for folder in folders:
        where = os.path.join(root, folder)
        try:
            label = instrument_name(folder)
        except ValueError as err:
            raise ValueError(f"class folder {where!r}: {err}") from None
        found = 0
        for dirpath, dirnames, filenames in os.walk(where):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
            for filename in sorted(f for f in filenames if not f.startswith(".")):
                path = os.path.join(dirpath, filename)
                duration = _check_audio_file(path)
                paths.append(path)
                labels.append(label)
                meta.append({"path": path, "label": label, "folder": folder, "duration": duration})
                found += 1
        if not found:
            raise ValueError(f"class folder {where!r} ({label}) holds no audio file")
    return _bunch(paths, labels, np.arange(len(paths)), meta)


def load_instrument_csv(path):
    """Load solo recordings listed in a CSV table of ``path,label`` rows.

    A header row is optional; with one, the columns are found by name (``path``,
    ``file``, ``filename``, ``audio`` or ``audio_path``; ``label``, ``class``,
    ``instrument`` or ``target``; an optional ``group``), else they are taken in the
    order ``path, label[, group]``. Tab-separated files (``.tsv``, or tabs and no
    commas) are read too. Relative audio paths are resolved against the CSV file's
    folder. Labels are class names or aliases, as for :func:`instrument_name`.

    Parameters
    ----------
    path : str or os.PathLike
        The CSV file.

    Returns
    -------
    data : sklearn.utils.Bunch
        ``X``: list of str, the resolved audio file paths. ``y``: np.ndarray
        [shape=(n_files,), dtype=object] of class names from :data:`INSTRUMENTS`.
        ``groups``: np.ndarray [shape=(n_files,), dtype=int64]: the ``group`` column's
        values numbered in order of first appearance, or one group per row without it.
        ``metadata``: list of dict with ``path``, ``label`` (resolved), ``row`` (1-based,
        counting the header, blank lines skipped), ``group`` (the column's text or None)
        and ``duration`` (seconds, or None for formats only decoding can measure).
        ``target_names``: the classes present, in :data:`INSTRUMENTS` order.

    Raises
    ------
    FileNotFoundError
        If the CSV, or an audio file it lists, does not exist (the message names the
        CSV row and the file).
    ValueError
        If the CSV has no rows, a row has too few cells, a label is no known class, or a
        listed file is not audio; the message names the CSV and the row.

    Examples
    --------
    >>> data = load_instrument_csv("solos/labels.csv")      # doctest: +SKIP
    >>> sorted(set(data.y))                                  # doctest: +SKIP
    ['piano', 'violin']
    """
    path = os.fspath(path)
    if not os.path.isfile(path):
        raise FileNotFoundError(f"{path!r}: no such CSV file")
    rows = _read_rows(path)
    header = [_normalise(cell) for cell in rows[0]] if rows else []
    start, cols = 0, (0, 1, 2)
    if header and header[0] in _PATH_COLUMNS + _LABEL_COLUMNS + ("group",):
        start = 1

        def column(names, what):
            for name in names:
                if name in header:
                    return header.index(name)
            if what is None:
                return None
            raise ValueError(f"{path!r}: no {what} column (expected one of {names}) in the header")

        cols = (
            column(_PATH_COLUMNS, "audio path"),
            column(_LABEL_COLUMNS, "label"),
            column(("group",), None),
        )
    if len(rows) <= start:
        raise ValueError(f"{path!r} lists no recordings")
    folder = os.path.dirname(os.path.abspath(path))
    paths, labels, group_names, meta = [], [], [], []
    for number, row in enumerate(rows[start:], start=start + 1):
        where = f"{path!r}, row {number}"
        cells = [cell.strip() for cell in row]
        needed = max(c for c in cols[:2]) + 1
        if len(cells) < needed or not cells[cols[0]] or not cells[cols[1]]:
            raise ValueError(f"{where}: expected path,label cells, got {row}")
        audio = os.path.join(folder, os.path.expanduser(cells[cols[0]]))
        audio = os.path.normpath(audio)
        try:
            label = instrument_name(cells[cols[1]])
        except ValueError as err:
            raise ValueError(f"{where}: {err}") from None
        if not os.path.isfile(audio):
            raise FileNotFoundError(f"{where}: audio file {audio!r} does not exist")
        try:
            duration = _check_audio_file(audio)
        except ValueError as err:
            raise ValueError(f"{where}: {err}") from None
        group = None
        if cols[2] is not None and len(cells) > cols[2] and cells[cols[2]]:
            group = cells[cols[2]]
        paths.append(audio)
        labels.append(label)
        group_names.append(("group", group) if group is not None else ("row", number))
        meta.append(
            {"path": audio, "label": label, "row": number, "group": group, "duration": duration}
        )
    numbers = {}
    groups = [numbers.setdefault(g, len(numbers)) for g in group_names]
    return _bunch(paths, labels, groups, meta)


def excerpt_windows(n_samples, sr, *, seconds=3.0, overlap=0.5, pad=False, name="recording"):
    """The paper's half-overlapping excerpts of a recording, as sample ranges.

    Windows of ``round(seconds * sr)`` samples start every
    ``round(seconds * (1 - overlap) * sr)`` samples from the first sample; the last
    window ends at or before the recording's end, so a tail shorter than one hop
    (1.5 s by default) after the last window is left out, as the paper's framing does.

    A recording shorter than one window is an error by default. With ``pad=True`` it
    gives one window ``(0, round(seconds * sr))`` that runs past its end: the caller pads
    the recording with zeros (silence) at the end up to the window length, which is
    what :func:`numpy.pad` with ``(0, stop - n_samples)`` does.

    Parameters
    ----------
    n_samples : int
        Length of the recording in samples.
    sr : int
        Its sample rate in Hz.
    seconds : float, default=3.0
        Window length in seconds (the paper's 3 s).
    overlap : float, default=0.5
        Share of a window that the next window overlaps, in [0, 1) (the paper's half).
    pad : bool, default=False
        Give a recording shorter than one window one zero-padded window instead of
        raising.
    name : str, default="recording"
        How the error message names the recording (e.g. its file path).

    Returns
    -------
    windows : np.ndarray [shape=(n_windows, 2), dtype=int64]
        ``start, stop`` sample indices of each window, ``stop - start`` equal to the
        window length.

    Raises
    ------
    ValueError
        If the recording is shorter than one window (and ``pad`` is False) or empty,
        or ``seconds``, ``overlap`` or ``sr`` is out of range.

    Examples
    --------
    >>> excerpt_windows(6 * 22050, 22050)            # 6 s: windows at 0, 1.5 and 3 s
    array([[     0,  66150],
           [ 33075,  99225],
           [ 66150, 132300]])
    >>> excerpt_windows(22050, 22050, pad=True)      # 1 s, padded to one 3-second window
    array([[    0, 66150]])
    """
    if isinstance(sr, bool) or not isinstance(sr, (int, np.integer)) or sr <= 0:
        raise ValueError(f"sr must be a positive integer, got {sr!r}")
    if isinstance(n_samples, bool) or not isinstance(n_samples, (int, np.integer)):
        raise ValueError(f"n_samples must be an integer, got {n_samples!r}")
    if not np.isfinite(seconds) or seconds <= 0:
        raise ValueError(f"seconds must be positive, got {seconds!r}")
    if not 0 <= overlap < 1:
        raise ValueError(f"overlap must be in [0, 1), got {overlap!r}")
    length = int(round(seconds * sr))
    hop = int(round(seconds * (1 - overlap) * sr))
    if length < 1 or hop < 1:
        raise ValueError(f"seconds={seconds} at sr={sr} gives windows or hops of no sample")
    if n_samples <= 0:
        raise ValueError(f"{name} is empty ({n_samples} samples)")
    if n_samples < length:
        if pad:
            return np.array([[0, length]], dtype=np.int64)
        raise ValueError(
            f"{name} lasts {n_samples / sr:.3f} s ({n_samples} samples), shorter than one "
            f"{seconds:g}-second excerpt ({length} samples at {sr} Hz); pass pad=True to "
            "pad it with silence to one excerpt, or leave it out"
        )
    starts = np.arange(0, n_samples - length + 1, hop, dtype=np.int64)
    return np.column_stack([starts, starts + length])


def cut_excerpts(data, *, sr=SR, seconds=3.0, overlap=0.5, pad=False):
    """Cut every recording of a set into the paper's half-overlapping 3-second excerpts.

    Windows come from :func:`excerpt_windows`; each excerpt keeps its recording's label
    and group, so group-aware cross-validation never puts excerpts of one recording on
    both sides of a split.

    Parameters
    ----------
    data : sklearn.utils.Bunch or dict
        A set with ``X`` (recordings: paths, signals at ``sr`` or ``(signal, rate)``
        pairs), ``y`` (one label per recording) and optionally ``groups`` (one per
        recording; each recording is its own group without it), as
        :func:`load_instrument_folder` and :func:`load_instrument_csv` return.
    sr : int, default=22050
        Sample rate the recordings are loaded at, and the excerpts' rate.
    seconds : float, default=3.0
        Excerpt length in seconds.
    overlap : float, default=0.5
        Share of an excerpt that the next one overlaps.
    pad : bool, default=False
        Pad a recording shorter than one excerpt with silence to one excerpt instead of
        raising (see :func:`excerpt_windows`).

    Returns
    -------
    excerpts : sklearn.utils.Bunch
        ``X``: list of np.ndarray [shape=(round(seconds * sr),), dtype=float32], views
        into the loaded recordings where no padding was needed. ``y``: np.ndarray
        [shape=(n_excerpts,)], the recording's label per excerpt. ``groups``:
        np.ndarray [shape=(n_excerpts,)], the recording's group per excerpt.
        ``metadata``: list of dict with ``recording`` (index in ``data.X``), ``start``
        and ``stop`` (samples at ``sr``) and ``path`` (or None for arrays).

    Raises
    ------
    ValueError
        If ``X`` and ``y`` (or ``groups``) differ in length, or a recording is
        unreadable, silent or shorter than one excerpt without ``pad``; the message
        names the recording (its path for files).

    Examples
    --------
    >>> import numpy as np
    >>> sr = 22050
    >>> song = np.sin(2 * np.pi * 440.0 * np.arange(6 * sr) / sr).astype(np.float32)
    >>> parts = cut_excerpts({"X": [song], "y": ["flute"]}, sr=sr)
    >>> len(parts.X), parts.X[0].shape, parts.y.tolist(), parts.groups.tolist()
    (3, (66150,), ['flute', 'flute', 'flute'], [0, 0, 0])
    """
    X, y = list(data["X"]), np.asarray(data["y"])
    groups = data.get("groups")
    groups = np.arange(len(X)) if groups is None else np.asarray(groups)
    if not len(X) == len(y) == len(groups):
        raise ValueError(f"X, y and groups differ in length: {len(X)}, {len(y)} and {len(groups)}")
    signals, index, meta = [], [], []
    for i, recording in enumerate(X):
        path = os.fspath(recording) if isinstance(recording, (str, os.PathLike)) else None
        name = f"recording {i}" + (f" ({path!r})" if path else "")
        signal = load_recording(recording, sr=sr, index=i)
        windows = excerpt_windows(
            len(signal), sr, seconds=seconds, overlap=overlap, pad=pad, name=name
        )
        if windows[-1, 1] > len(signal):
            signal = np.pad(signal, (0, windows[-1, 1] - len(signal)))
        for start, stop in windows:
            signals.append(signal[start:stop])
            index.append(i)
            meta.append({"recording": i, "start": int(start), "stop": int(stop), "path": path})
    return Bunch(X=signals, y=y[index], groups=groups[index], metadata=meta)
