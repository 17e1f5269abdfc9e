"""Studies on an RDB storage that one or many workers share, without losing or repeating a trial.

A study made by :func:`prepare_study` holds its whole plan from the start: the
configurations drawn by Optuna's seeded random sampler wait in the study's queue
(``enqueue_trial``), one per planned trial, numbered by the user attribute ``config``.
A worker (:func:`optimize`) takes a waiting trial with one atomic storage update
(WAITING -> RUNNING, which exactly one worker wins), runs it while a heartbeat thread
marks it alive, and stops when the queue is empty and no trial of the study is running.
So the number of trials is exact, whatever the number of workers, and the
configurations do not depend on which worker ran which trial.

A worker that dies (SIGKILL, a lost machine) stops its heartbeat; once the storage's
grace period has passed, the next worker to look marks the trial FAIL and queues a
copy of it (:class:`optuna.storages.RetryHeartbeatStaleTrialCallback`), which is then
run: an interrupted trial is never counted as finished. A trial stopped by
``KeyboardInterrupt`` is marked FAIL and queued again the same way.
"""

import logging
import multiprocessing
import os
import threading
import time
import warnings
from contextlib import contextmanager

try:
    import fcntl
except ImportError:  # Windows: no SQLite claim lock (use PostgreSQL for many workers)
    fcntl = None

from ._space import SearchSpace

#: Study user attributes written by :func:`prepare_study`.
_SPACE_ATTR = "skbass_space"
_PROTOCOL_ATTR = "skbass_protocol"
_SEED_ATTR = "skbass_seed"
_PLANNED_ATTR = "skbass_planned_trials"

#: Seconds a loading worker waits for the creating worker to finish queueing the plan.
_PLAN_WAIT = 120.0


def _optuna():
    import optuna

    return optuna


def _retry_callback(max_retry):
    storages = _optuna().storages
    cls = getattr(storages, "RetryHeartbeatStaleTrialCallback", None)
    if cls is None:  # optuna < 4.9
        cls = storages.RetryFailedTrialCallback
    return cls(max_retry=max_retry)


def safe_url(url):
    """A storage URL with its password hidden, for messages and reports.

    Parameters
    ----------
    url : str
        SQLAlchemy URL.

    Returns
    -------
    url : str

    Examples
    --------
    >>> safe_url("postgresql+psycopg2://bass:secret@db.example:5432/optuna")
    'postgresql+psycopg2://bass:***@db.example:5432/optuna'
    """
    try:
        from sqlalchemy.engine import make_url

        return make_url(url).render_as_string(hide_password=True)
    except Exception:
        return str(url).split("@")[-1]


def storage_url(location):
    """The SQLAlchemy URL of a storage given as a URL or as a SQLite file path.

    Parameters
    ----------
    location : str or os.PathLike
        A URL (``sqlite:///study.db``, ``postgresql+psycopg2://user@host/db``) or a
        path, read as a SQLite file.

    Returns
    -------
    url : str

    Examples
    --------
    >>> storage_url("/tmp/search/study.db")
    'sqlite:////tmp/search/study.db'
    """
    location = os.fspath(location)
    if "://" in location:
        return location
    return "sqlite:///" + os.path.abspath(location)


def make_storage(url, *, heartbeat_interval=10, grace_period=None, max_retry=2):
    """An Optuna RDB storage with heartbeats, checked to be reachable.

    Parameters
    ----------
    url : str or os.PathLike
        SQLAlchemy URL or SQLite file path (see :func:`storage_url`). A SQLite file
        suits one machine; PostgreSQL (``postgresql+psycopg2://...``) or MySQL suit
        workers on many machines.
    heartbeat_interval : int, default=10
        Seconds between a running trial's heartbeats.
    grace_period : int or None, default=None
        Seconds without a heartbeat after which a running trial counts as dead;
        None: twice ``heartbeat_interval``.
    max_retry : int, default=2
        How many times a dead trial's configuration is run again.

    Returns
    -------
    storage : optuna.storages.RDBStorage

    Raises
    ------
    ConnectionError
        When the database cannot be reached or opened; the message names the URL
        (password hidden) and the reason.
    ValueError
        For a malformed URL or a missing database driver.

    Examples
    --------
    >>> import tempfile, os
    >>> storage = make_storage(os.path.join(tempfile.mkdtemp(), "study.db"))
    >>> storage.get_heartbeat_interval()
    10
    """
    import sqlalchemy.exc

    optuna = _optuna()
    url = storage_url(url)
    shown = safe_url(url)
    engine_kwargs = {"pool_pre_ping": True}
    if url.startswith("sqlite"):
        path = url.split(":///", 1)[-1]
        folder = os.path.dirname(path)
        if path and folder and not os.path.isdir(folder):
            raise ConnectionError(
                f"cannot open the study storage {shown}: folder {folder!r} does not exist"
            )
        # wait for another process's write lock instead of failing at once
        engine_kwargs["connect_args"] = {"timeout": 60}
    elif url.startswith("postgresql"):
        engine_kwargs["connect_args"] = {"connect_timeout": 10}
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", optuna.exceptions.ExperimentalWarning)
            return optuna.storages.RDBStorage(
                url,
                engine_kwargs=engine_kwargs,
                heartbeat_interval=int(heartbeat_interval),
                grace_period=None if grace_period is None else int(grace_period),
                **{_callback_kwarg(): _retry_callback(max_retry)},
            )
    except sqlalchemy.exc.ArgumentError as exc:
        raise ValueError(f"malformed storage URL {shown}: {exc}") from exc
    except (ImportError, sqlalchemy.exc.NoSuchModuleError) as exc:
        raise ValueError(
            f"no database driver for {shown} ({exc}); install the driver of this database "
            "(PostgreSQL: pip install psycopg2-binary, which skbass[distributed] includes)"
        ) from exc
    except sqlalchemy.exc.SQLAlchemyError as exc:
        reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
        raise ConnectionError(f"cannot reach the study storage {shown}: {reason}") from exc


def _callback_kwarg():
    import inspect

    params = inspect.signature(_optuna().storages.RDBStorage).parameters
    if "heartbeat_stale_trial_callback" in params:
        return "heartbeat_stale_trial_callback"
    return "failed_trial_callback"


@contextmanager
def _quiet_optuna():
    optuna = _optuna()
    level = optuna.logging.get_verbosity()
    optuna.logging.set_verbosity(logging.WARNING)
    try:
        yield
    finally:
        optuna.logging.set_verbosity(level)


def sample_configurations(space, n, *, seed=0):
    """The first ``n`` configurations Optuna's random sampler draws from a space.

    Parameters
    ----------
    space : SearchSpace
        The space.
    n : int
        Number of configurations.
    seed : int, default=0
        Seed of :class:`optuna.samplers.RandomSampler`.

    Returns
    -------
    configurations : list of dict
        Name -> value; the same list for the same space and seed, and the first ``k``
        of ``n`` are those of ``k``.

    Examples
    --------
    >>> a = sample_configurations(SearchSpace(dropout=(0.0, 0.5)), 3, seed=1)
    >>> a[:2] == sample_configurations(SearchSpace(dropout=(0.0, 0.5)), 2, seed=1)
    True
    """
    optuna = _optuna()
    with _quiet_optuna():
        scratch = optuna.create_study(sampler=optuna.samplers.RandomSampler(seed=seed))
    configurations = []
    for _ in range(n):
        trial = scratch.ask()
        configurations.append(space.suggest(trial))
        scratch.tell(trial, 0.0)
    return configurations


def prepare_study(
    *,
    storage,
    study_name,
    space,
    n_trials=None,
    seed=0,
    protocol=None,
    pruner=None,
):
    """Create a study with its planned trials queued, or load it and check it is the same.

    The first call for a name creates the study on ``storage``, records ``space``,
    ``protocol`` and ``seed`` in its user attributes and queues ``n_trials``
    configurations drawn by Optuna's random sampler seeded with ``seed``. A later call
    (another worker, another machine, a restart) loads it, checks that its space,
    protocol and seed are the ones given, and queues more configurations only if
    ``n_trials`` is larger than the plan (the plan never shrinks). Nothing of an existing
    study is changed or removed.

    Parameters
    ----------
    storage : str or optuna.storages.RDBStorage
        Storage, or its URL (see :func:`make_storage`).
    study_name : str
        Name of the study in the storage.
    space : SearchSpace
        The search space.
    n_trials : int or None, default=None
        Planned number of trials; None: the plan of an existing study, or the paper's
        160 for a new one.
    seed : int, default=0
        Seed of the random sampler.
    protocol : dict or None, default=None
        JSON-able description of everything else that decides a trial's value (data,
        split, epochs); a study with a different protocol is refused.
    pruner : optuna.pruners.BasePruner or None, default=None
        Pruner of trials reporting intermediate values; None: never prune.

    Returns
    -------
    study : optuna.Study
        Direction ``maximize``.

    Raises
    ------
    ValueError
        When a study of that name exists with a different space, protocol or seed, or
        was not made by skbass; the message names the differences.

    Examples
    --------
    >>> import tempfile, os
    >>> url = storage_url(os.path.join(tempfile.mkdtemp(), "study.db"))
    >>> space = SearchSpace(dropout=(0.0, 0.5))
    >>> study = prepare_study(storage=url, study_name="demo", space=space, n_trials=3)
    >>> [t.state.name for t in study.trials]
    ['WAITING', 'WAITING', 'WAITING']
    >>> prepare_study(storage=url, study_name="demo", space=space.replace(dropout=(0.0, 0.9)))
    Traceback (most recent call last):
    ...
    ValueError: study 'demo' ... exists with a different search space (differs in: dropout)...
    """
    optuna = _optuna()
    if not isinstance(space, SearchSpace):
        raise TypeError(f"space must be a SearchSpace, got {type(space).__name__}")
    if n_trials is not None and int(n_trials) < 1:
        raise ValueError(f"n_trials must be at least 1, got {n_trials}")
    if isinstance(storage, (str, os.PathLike)):
        storage = make_storage(storage)
    protocol = dict(protocol or {})
    pruner = pruner or optuna.pruners.NopPruner()
    sampler = optuna.samplers.RandomSampler(seed=seed)
    created = False
    with _quiet_optuna():
        try:
            study = optuna.create_study(
                storage=storage,
                study_name=study_name,
                sampler=sampler,
                pruner=pruner,
                direction="maximize",
            )
            created = True
        except optuna.exceptions.DuplicatedStudyError:
            study = optuna.load_study(
                study_name=study_name, storage=storage, sampler=sampler, pruner=pruner
            )
    where = f"study {study_name!r} in {safe_url(storage.url)}"
    if created:
        study.set_user_attr(_SPACE_ATTR, space.to_json())
        study.set_user_attr(_PROTOCOL_ATTR, protocol)
        study.set_user_attr(_SEED_ATTR, int(seed))
        n_trials = 160 if n_trials is None else int(n_trials)
        _queue(study, space, seed, n_trials)
        study.set_user_attr(_PLANNED_ATTR, n_trials)
        return study

    attrs = _wait_for_plan(study)
    if _SPACE_ATTR not in attrs:
        raise ValueError(
            f"{where} was not made by skbass (it has no recorded search space); "
            "choose another study name"
        )
    stored = SearchSpace.from_json(attrs[_SPACE_ATTR])
    if stored.to_json() != space.to_json():
        raise ValueError(
            f"{where} exists with a different search space (differs in: "
            f"{', '.join(stored.differences(space))}); use another study name or the same "
            "space. Nothing in the study was changed."
        )
    if study.direction != optuna.study.StudyDirection.MAXIMIZE:
        raise ValueError(f"{where} does not maximise; use another study name")
    stored_protocol = attrs.get(_PROTOCOL_ATTR, {})
    if stored_protocol != protocol:
        keys = sorted(
            k
            for k in set(stored_protocol) | set(protocol)
            if stored_protocol.get(k) != protocol.get(k)
        )
        detail = ", ".join(f"{k}: {stored_protocol.get(k)!r} -> {protocol.get(k)!r}" for k in keys)
        raise ValueError(
            f"{where} exists with a different protocol ({detail}); use another study name "
            "or the same settings. Nothing in the study was changed."
        )
    if attrs.get(_SEED_ATTR) != int(seed):
        raise ValueError(
            f"{where} was planned with seed {attrs.get(_SEED_ATTR)}, not {seed}; use the same "
            "seed or another study name. Nothing in the study was changed."
        )
    planned = attrs.get(_PLANNED_ATTR, 0)
    if n_trials is not None and int(n_trials) > planned:
        _queue(study, space, seed, int(n_trials))
        study.set_user_attr(_PLANNED_ATTR, int(n_trials))
    return study


def _wait_for_plan(study):
    """User attributes, once the creating worker has queued the plan (it writes the count last)."""
    start = time.monotonic()
    while True:
        attrs = study.user_attrs
        if _PLANNED_ATTR in attrs:
            return attrs
        if _SPACE_ATTR not in attrs and study.get_trials(deepcopy=False):
            return attrs  # a study with trials and no space: not made by skbass
        if time.monotonic() - start > (_PLAN_WAIT if _SPACE_ATTR in attrs else 10.0):
            return attrs
        time.sleep(0.5)


def _queue(study, space, seed, n_trials):
    queued = {t.user_attrs.get("config") for t in study.get_trials(deepcopy=False)}
    for index, params in enumerate(sample_configurations(space, n_trials, seed=seed)):
        if index not in queued:
            study.enqueue_trial(params, user_attrs={"config": index})


@contextmanager
def _claim_lock(storage):
    """Serialise claims on a SQLite study across the processes of this machine.

    Optuna reads a trial's state before it writes RUNNING; PostgreSQL and MySQL lock the
    row for that (``SELECT ... FOR UPDATE``), SQLite does not, so two workers could both
    see one trial WAITING and both run it. SQLite studies live on one machine, where a
    lock file next to the database makes the read-and-write one step.
    """
    backend = getattr(storage, "_backend", storage)  # load_study wraps it in a cache
    url = getattr(backend, "url", "")
    if not url.startswith("sqlite") or fcntl is None:
        yield
        return
    with open(url.split(":///", 1)[-1] + ".claim-lock", "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _claim(storage, study_id):
    """Take one waiting trial (WAITING -> RUNNING, atomic in the storage); its id or None."""
    with _claim_lock(storage):
        return _claim_unlocked(storage, study_id)


def _claim_unlocked(storage, study_id):
    optuna = _optuna()
    waiting = optuna.trial.TrialState.WAITING
    for trial in storage.get_all_trials(study_id, deepcopy=False, states=(waiting,)):
        trial_id = storage.get_trial_id_from_study_id_trial_number(study_id, trial.number)
        try:
            if storage.set_trial_state_values(trial_id, state=optuna.trial.TrialState.RUNNING):
                return trial_id
        except optuna.exceptions.UpdateFinishedTrialError:
            continue
    return None


def _heartbeat_interval(storage):
    getter = getattr(storage, "get_heartbeat_interval", None)
    return getter() if getter is not None else None


@contextmanager
def _heartbeat(storage, trial_id):
    interval = _heartbeat_interval(storage)
    if interval is None:
        yield
        return
    storage.record_heartbeat(trial_id)
    stop = threading.Event()

    def beat():
        while not stop.wait(interval):
            try:
                storage.record_heartbeat(trial_id)
            except Exception:  # a database blip: the next beat tries again
                logging.getLogger(__name__).warning("heartbeat of trial %d failed", trial_id)

    thread = threading.Thread(target=beat, name=f"heartbeat-{trial_id}", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join()


def _run_one(study, trial_id, objective, catch):
    optuna = _optuna()
    states = optuna.trial.TrialState
    trial = optuna.Trial(study, trial_id)
    with _heartbeat(study._storage, trial_id):
        try:
            value = objective(trial)
        except optuna.TrialPruned:
            study.tell(trial, state=states.PRUNED)
            return
        except BaseException as exc:
            trial.set_user_attr("error", f"{type(exc).__name__}: {exc}"[:1000])
            frozen = study.tell(trial, state=states.FAIL)
            if isinstance(exc, KeyboardInterrupt):
                # interrupted, not wrong: queue the configuration again for the next run
                storage = study._storage
                getter = getattr(storage, "get_heartbeat_stale_trial_callback", None) or getattr(
                    storage, "get_failed_trial_callback", lambda: None
                )
                callback = getter()
                if callback is not None:
                    callback(study, frozen)
            if isinstance(exc, catch) and not isinstance(exc, KeyboardInterrupt):
                logging.getLogger(__name__).warning(
                    "trial %d failed: %s", frozen.number, frozen.user_attrs["error"]
                )
                return
            raise
    try:
        study.tell(trial, value)
    except optuna.exceptions.UpdateFinishedTrialError:
        # taken for dead (no heartbeat within the grace period) and failed by another
        # worker, which queued a copy of it: the copy's result counts, not this one
        logging.getLogger(__name__).warning(
            "trial %d was failed by another worker as dead; its copy runs instead", trial.number
        )


def work(study, objective, *, catch=(), poll_interval=None):
    """Run queued trials of a study until none is waiting or running (one worker).

    Parameters
    ----------
    study : optuna.Study
        A study from :func:`prepare_study`.
    objective : callable
        ``objective(trial) -> float``, the value to maximise; raise
        :class:`optuna.TrialPruned` to prune.
    catch : tuple of type, default=()
        Exceptions that fail a trial without stopping the worker.
    poll_interval : float or None, default=None
        Seconds between looks while other workers' trials are running; None: 2 s, or the
        storage's heartbeat interval if shorter.

    Returns
    -------
    n_run : int
        Trials this worker ran.
    """
    optuna = _optuna()
    storage = study._storage
    study_id = storage.get_study_id_from_name(study.study_name)
    heartbeat = _heartbeat_interval(storage) is not None
    wait = poll_interval or min(2.0, _heartbeat_interval(storage) or 2.0)
    n_run = 0
    while True:
        if heartbeat:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", optuna.exceptions.ExperimentalWarning)
                optuna.storages.fail_stale_trials(study)
        trial_id = _claim(storage, study_id)
        if trial_id is not None:
            _run_one(study, trial_id, objective, tuple(catch))
            n_run += 1
            continue
        running = storage.get_all_trials(
            study_id, deepcopy=False, states=(optuna.trial.TrialState.RUNNING,)
        )
        if not running or not heartbeat:
            return n_run
        time.sleep(wait)  # another worker's trial is running, or a dead one's grace period


def _worker_main(storage, study_name, sampler, pruner, objective, catch, threads):
    if threads:
        for var in ("TF_NUM_INTRAOP_THREADS", "OMP_NUM_THREADS"):
            os.environ.setdefault(var, str(threads))
    optuna = _optuna()
    with _quiet_optuna():
        study = optuna.load_study(
            study_name=study_name, storage=storage, sampler=sampler, pruner=pruner
        )
    return work(study, objective, catch=catch)


def trial_summary(study):
    """Where a study stands: configurations finished, running, waiting; best value so far.

    A configuration counts once, by its latest trial: one that failed and was queued
    again counts as waiting, not finished.

    Parameters
    ----------
    study : optuna.Study
        A study from :func:`prepare_study`.

    Returns
    -------
    summary : dict
        ``planned``, ``finished``, ``complete``, ``pruned``, ``failed``, ``running``,
        ``waiting``, ``interrupted`` (trials failed as dead or interrupted and re-queued),
        ``best_value`` (None before the first complete trial).
    """
    states = _optuna().trial.TrialState
    trials = study.get_trials(deepcopy=False)
    latest = {}
    for t in trials:
        key = t.user_attrs.get("config", ("trial", t.number))
        if key not in latest or t.number > latest[key].number:
            latest[key] = t
    count = {s: sum(t.state == s for t in latest.values()) for s in states}
    complete = [t.value for t in trials if t.state == states.COMPLETE]
    superseded = {
        n for t in trials for n in t.system_attrs.get("retry_history", []) if t.number != n
    }
    return {
        "planned": len(latest),
        "finished": count[states.COMPLETE] + count[states.PRUNED] + count[states.FAIL],
        "complete": count[states.COMPLETE],
        "pruned": count[states.PRUNED],
        "failed": count[states.FAIL],
        "running": count[states.RUNNING],
        "waiting": count[states.WAITING],
        "interrupted": len(superseded),
        "best_value": max(complete) if complete else None,
    }


@contextmanager
def _progress_bar(study, enabled, interval=2.0):
    if not enabled:
        yield
        return
    from tqdm.auto import tqdm

    summary = trial_summary(study)
    bar = tqdm(total=summary["planned"], desc="trials", unit="trial", initial=summary["finished"])
    stop = threading.Event()
    shown = {}

    def refresh():
        s = trial_summary(study)
        state = (s["planned"], s["finished"], s["best_value"], s["running"])
        if state == shown.get("state"):
            return
        shown["state"] = state
        bar.total = s["planned"]
        bar.n = s["finished"]
        best = "-" if s["best_value"] is None else f"{s['best_value']:.4f}"
        bar.set_postfix_str(f"best value={best}, running={s['running']}", refresh=False)
        bar.refresh()

    def loop():
        while not stop.wait(interval):
            try:
                refresh()
            except Exception:  # a busy database: try again next time
                pass

    thread = threading.Thread(target=loop, name="search-progress", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join()
        refresh()
        bar.close()


def optimize(study, objective, *, n_workers=1, catch=(), progress=True):
    """Run a prepared study to the end with ``n_workers`` worker processes on this machine.

    Workers on other machines join by running :func:`prepare_study` and :func:`optimize`
    (or ``skbass experiment search --storage URL --study-name NAME``) on the same
    storage; each takes waiting trials until the plan is done.

    Parameters
    ----------
    study : optuna.Study
        A study from :func:`prepare_study`.
    objective : callable
        ``objective(trial) -> float`` to maximise; with ``n_workers > 1`` it must be
        picklable (a module-level function or an object such as
        :class:`SalienceObjective`).
    n_workers : int, default=1
        Worker processes; 1 runs the trials in this process.
    catch : tuple of type, default=()
        Exceptions that fail a trial without stopping its worker.
    progress : bool, default=True
        Show a progress bar: trials finished / planned and the best value so far.

    Returns
    -------
    study : optuna.Study
        The same study, every planned trial finished.
    """
    if int(n_workers) < 1:
        raise ValueError(f"n_workers must be at least 1, got {n_workers}")
    catch = tuple(catch)
    with _progress_bar(study, progress):
        if n_workers == 1:
            work(study, objective, catch=catch)
            return study
        threads = max(1, (os.cpu_count() or 1) // int(n_workers))
        context = multiprocessing.get_context("spawn")
        args = (
            study._storage,
            study.study_name,
            study.sampler,
            study.pruner,
            objective,
            catch,
            threads,
        )
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(max_workers=int(n_workers), mp_context=context) as pool:
            futures = [pool.submit(_worker_main, *args) for _ in range(int(n_workers))]
            for future in futures:
                future.result()
    return study
