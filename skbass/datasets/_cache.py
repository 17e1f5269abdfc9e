"""On-disk cache of rendered recordings, keyed by a hash of every generation parameter.

Each recording is one ``.npz`` file (audio, labels, notes, metadata).  Files are written
to a temporary name in the same folder and moved into place with :func:`os.replace`, so
an interrupted render never leaves a file that reads as complete; temporary files are
never read.
"""

import hashlib
import json
import os
import tempfile

import numpy as np

#: Environment variable naming the cache folder.
DATA_ENV = "SKBASS_DATA"
#: Bumped whenever generation changes, so stale cache entries are not reused.
CACHE_VERSION = 3


def default_cache_dir():
    """The default cache folder of rendered recordings.

    Returns
    -------
    folder : str
        ``$SKBASS_DATA``, else ``$XDG_CACHE_HOME/skbass``, else ``~/.cache/skbass``.
    """
    if os.environ.get(DATA_ENV):
        return os.path.expanduser(os.environ[DATA_ENV])
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "skbass")


def resolve_cache(cache):
    """Turn a ``cache`` argument into a folder path or ``None``.

    Parameters
    ----------
    cache : bool, str, os.PathLike or None
        ``True`` for :func:`default_cache_dir`, ``False``/``None`` for no cache, or a folder.

    Returns
    -------
    folder : str or None
    """
    if cache is None or cache is False:
        return None
    if cache is True:
        return default_cache_dir()
    if isinstance(cache, (str, os.PathLike)):
        return os.fspath(cache)
    raise ValueError(f"cache must be True, False, None or a folder path, got {cache!r}")


def cache_key(params):
    """SHA-256 hex digest of a JSON-serialisable parameter dictionary.

    Examples
    --------
    >>> cache_key({"a": 1, "b": 2}) == cache_key({"b": 2, "a": 1})
    True
    """
    text = json.dumps({"version": CACHE_VERSION, **params}, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def cache_path(folder, params):
    """Path of the cache file of one recording."""
    kind = str(params.get("kind", "recording"))
    return os.path.join(folder, kind, cache_key(params)[:32] + ".npz")


def load_entry(path):
    """Read a cache file; ``None`` if absent or unreadable.

    Returns
    -------
    entry : dict or None
        ``audio``, ``labels``, ``notes`` arrays and ``meta`` dict.
    """
    if not os.path.isfile(path):
        return None
    try:
        with np.load(path, allow_pickle=False) as data:
            return {
                "audio": data["audio"],
                "labels": data["labels"],
                "notes": data["notes"],
                "meta": json.loads(str(data["meta"])),
            }
    except Exception:  # a damaged file is rendered again
        return None


def save_entry(path, audio, labels, notes, meta):
    """Write a cache file atomically (temporary file, then :func:`os.replace`)."""
    folder = os.path.dirname(path)
    os.makedirs(folder, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=".npz.part", dir=folder)
    try:
        with os.fdopen(fd, "wb") as fh:
            np.savez(
                fh,
                audio=np.asarray(audio, np.float32),
                labels=np.asarray(labels, np.int64),
                notes=np.asarray(notes, np.float64),
                meta=np.array(json.dumps(meta)),
            )
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.remove(tmp)
        raise


def _cached(render, job, folder):
    """One job's recording from the cache, or rendered by ``render`` and then cached."""
    from ..utils._workers import exit_with_parent

    exit_with_parent()
    path = cache_path(folder, job) if folder else None
    if path:
        entry = load_entry(path)
        if entry is not None:
            return entry["audio"], entry["notes"], entry["meta"]
    audio, labels, notes, meta = render(job)
    if path:
        save_entry(path, audio, labels, notes, meta)
    return audio, notes, meta


def render_jobs(render, jobs, *, cache, n_jobs, progress, desc):
    """Render recordings in parallel, each read from the cache when it holds it.

    Parameters
    ----------
    render : callable
        A module-level function ``job -> (audio, labels, notes, meta)``.
    jobs : list of dict
        JSON-serialisable descriptions of the recordings; a job's cache key is the hash
        of its dict.
    cache : bool, str, os.PathLike or None
        See :func:`resolve_cache`.
    n_jobs : int or None
        Parallel processes (joblib).
    progress : bool
        Show a progress bar.
    desc : str
        The progress bar's label.

    Returns
    -------
    results : list of tuple
        ``(audio, notes, meta)`` per job, in order.
    """
    from joblib import Parallel, delayed
    from tqdm.auto import tqdm

    from .synth._render import find_fluidsynth

    find_fluidsynth()  # fail early with a clear message
    folder = resolve_cache(cache)
    results = Parallel(n_jobs=n_jobs, return_as="generator")(
        delayed(_cached)(render, job, folder) for job in jobs
    )
    return list(tqdm(results, total=len(jobs), desc=desc, disable=not progress, unit="rec"))
