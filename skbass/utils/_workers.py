"""Worker processes that do not outlive the command that started them.

joblib's worker processes are reused between calls and wait up to five minutes for more
work. When the process that started them dies without a chance to stop them (SIGKILL,
an out-of-memory kill), they would finish their task and then idle on.
:func:`exit_with_parent`, called at the start of every task skbass sends to a worker,
starts (once per worker) a thread that ends the worker as soon as its parent is gone.
"""

import multiprocessing
import os
import threading
import time

_watching = None  # the process id whose parent is watched (set once per worker)


def exit_with_parent(poll=0.5):
    """In a worker process: exit as soon as the process that started it is gone.

    Does nothing in the main process (where the task runs when ``n_jobs`` is None or 1)
    and nothing the second time in the same worker.

    Parameters
    ----------
    poll : float, default=0.5
        Seconds between two looks at the parent.
    """
    global _watching
    if _watching == os.getpid() or multiprocessing.current_process().name == "MainProcess":
        return
    _watching = os.getpid()
    parent = os.getppid()

    def watch():
        while os.getppid() == parent:  # an orphan is re-parented (to init or a subreaper)
            time.sleep(poll)
        os._exit(1)

    threading.Thread(target=watch, name="skbass-exit-with-parent", daemon=True).start()


def map_recordings(func, recordings, *, n_jobs=None, verbose=False, desc="recordings"):
    """``[func(recording, index) for each recording]``, in joblib worker processes.

    The one loop behind the transformers that turn recordings into features: one
    recording runs in this process (no workers to start or feed); each worker exits with
    its parent (:func:`exit_with_parent`); ``verbose`` shows a progress bar.

    Parameters
    ----------
    func : callable
        ``func(recording, index)``; picklable when ``n_jobs`` asks for processes.
    recordings : list
        The recordings, as :func:`skbass.utils._audio.as_recording_list` gives them.
    n_jobs : int or None, default=None
        joblib's ``n_jobs`` (None: this process, or joblib's ``parallel_config``).
    verbose : bool, default=False
        Show a progress bar over recordings.
    desc : str, default="recordings"
        The progress bar's label.

    Returns
    -------
    results : list
        ``func``'s results in input order.
    """
    from joblib import Parallel, delayed
    from tqdm.auto import tqdm

    jobs = (delayed(_in_worker)(func, rec, i) for i, rec in enumerate(recordings))
    n_jobs = n_jobs if len(recordings) > 1 else None
    results = Parallel(n_jobs=n_jobs, return_as="generator")(jobs)
    return list(tqdm(results, total=len(recordings), desc=desc, unit="rec", disable=not verbose))


def _in_worker(func, recording, index):
    exit_with_parent()
    return func(recording, index)
