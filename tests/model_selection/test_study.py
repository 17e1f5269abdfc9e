"""Studies on RDB storage: exact trial counts with many workers, resume after SIGKILL, errors."""

import os
import signal
import subprocess
import sys
import textwrap
import time

import optuna
import pytest
from optuna.trial import TrialState

from skbass.model_selection import (
    SearchSpace,
    make_storage,
    optimize,
    prepare_study,
    storage_url,
    trial_summary,
)

from .helpers import RecordingObjective, read_log

SPACE = SearchSpace(dropout=(0.0, 0.5), n_hidden_layers=(3, 6))


def _configs(study, state=TrialState.COMPLETE):
    return sorted(t.user_attrs["config"] for t in study.get_trials(states=(state,)))


def test_planned_trials_run_once_and_a_rerun_adds_nothing(tmp_path):
    url = storage_url(tmp_path / "study.db")
    study = prepare_study(storage=url, study_name="s", space=SPACE, n_trials=3, seed=1)
    optimize(study, RecordingObjective(SPACE, tmp_path / "log"), progress=False)
    assert _configs(study) == [0, 1, 2]
    first = {t.number: t.params for t in study.trials}
    # started again (same settings): nothing to do, nothing changed
    again = prepare_study(storage=url, study_name="s", space=SPACE, n_trials=3, seed=1)
    optimize(again, RecordingObjective(SPACE, tmp_path / "log"), progress=False)
    assert [row[1] for row in read_log(tmp_path / "log")] == [0, 1, 2]
    assert {t.number: t.params for t in again.trials} == first
    # a larger plan queues the next configurations of the same seeded sequence
    more = prepare_study(storage=url, study_name="s", space=SPACE, n_trials=5, seed=1)
    optimize(more, RecordingObjective(SPACE, tmp_path / "log"), progress=False)
    assert _configs(more) == [0, 1, 2, 3, 4]
    assert trial_summary(more)["complete"] == 5
    assert study.best_value == max(t.params["dropout"] for t in more.trials)


def test_an_existing_study_with_other_settings_is_refused_and_kept(tmp_path):
    url = storage_url(tmp_path / "study.db")
    study = prepare_study(storage=url, study_name="s", space=SPACE, n_trials=2, protocol={"a": 1})
    optimize(study, RecordingObjective(SPACE, tmp_path / "log"), progress=False)
    before = [(t.number, t.state, t.value, t.params) for t in study.trials]
    with pytest.raises(ValueError, match=r"'s' .* different search space \(differs in: dropout\)"):
        prepare_study(storage=url, study_name="s", space=SPACE.replace(dropout=(0.0, 0.9)))
    with pytest.raises(ValueError, match=r"different protocol \(a: 1 -> 2\)"):
        prepare_study(storage=url, study_name="s", space=SPACE, n_trials=9, protocol={"a": 2})
    with pytest.raises(ValueError, match="planned with seed 0, not 5"):
        prepare_study(storage=url, study_name="s", space=SPACE, protocol={"a": 1}, seed=5)
    reloaded = optuna.load_study(study_name="s", storage=url)
    assert [(t.number, t.state, t.value, t.params) for t in reloaded.trials] == before
    # a study some other program made is not taken over
    other = optuna.create_study(study_name="plain", storage=url)
    other.optimize(lambda t: t.suggest_float("x", 0, 1), n_trials=1)
    with pytest.raises(ValueError, match="'plain' .* was not made by skbass"):
        prepare_study(storage=url, study_name="plain", space=SPACE)


def test_storage_errors_name_the_problem(tmp_path):
    with pytest.raises(ConnectionError, match=r"cannot reach .*postgresql\+psycopg2://u:\*\*\*@"):
        make_storage("postgresql+psycopg2://u:secret@127.0.0.1:9/db")
    with pytest.raises(ConnectionError, match="folder .* does not exist"):
        make_storage(tmp_path / "missing" / "study.db")
    with pytest.raises(ValueError, match="malformed storage URL"):
        make_storage("nodb://host/x")


def test_two_worker_processes_share_a_sqlite_study(tmp_path):
    # many instant trials, so that the two workers often claim at the same moment (SQLite
    # does not lock the row Optuna reads before it marks a trial RUNNING)
    url = storage_url(tmp_path / "study.db")
    study = prepare_study(storage=url, study_name="s", space=SPACE, n_trials=40)
    objective = RecordingObjective(SPACE, tmp_path / "log", seconds=0.02)
    optimize(study, objective, n_workers=2, progress=False)
    rows = read_log(tmp_path / "log")
    assert sorted(config for _, config, _ in rows) == list(range(40))
    assert _configs(study) == list(range(40)) and len(study.trials) == 40


class _Interrupting(RecordingObjective):
    def __call__(self, trial):
        if trial.user_attrs["config"] == 1 and not os.path.exists(self.log + ".seen"):
            open(self.log + ".seen", "w").close()
            raise KeyboardInterrupt
        return super().__call__(trial)


def test_an_interrupted_trial_is_failed_and_run_again(tmp_path):
    url = storage_url(tmp_path / "study.db")
    study = prepare_study(storage=url, study_name="s", space=SPACE, n_trials=3)
    objective = _Interrupting(SPACE, tmp_path / "log")
    with pytest.raises(KeyboardInterrupt):
        optimize(study, objective, progress=False)
    assert _configs(study, TrialState.FAIL) == [1]
    optimize(study, objective, progress=False)
    assert _configs(study) == [0, 1, 2]
    assert trial_summary(study)["interrupted"] == 1


_KILLED_WORKER = """
import sys, time
from skbass.model_selection import SearchSpace, make_storage, optimize, prepare_study
sys.path.insert(0, {tests!r})
from model_selection.helpers import RecordingObjective

class Slow(RecordingObjective):
    def __call__(self, trial):
        value = super().__call__(trial)
        if trial.user_attrs["config"] == 1:
            time.sleep(600)  # killed here
        return value

space = SearchSpace(dropout=(0.0, 0.5), n_hidden_layers=(3, 6))
storage = make_storage({url!r}, heartbeat_interval=1, grace_period=2)
study = prepare_study(storage=storage, study_name="s", space=space, n_trials=3)
optimize(study, Slow(space, {log!r}), progress=False)
"""


def test_a_killed_run_resumes_where_it_stopped(tmp_path):
    url, log = storage_url(tmp_path / "study.db"), str(tmp_path / "log")
    tests = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    script = textwrap.dedent(_KILLED_WORKER).format(tests=tests, url=url, log=log)
    worker = subprocess.Popen([sys.executable, "-c", script])
    try:
        deadline = time.monotonic() + 120
        while not (os.path.exists(log) and len(read_log(log)) == 2):
            assert worker.poll() is None, "the worker ended before it was killed"
            assert time.monotonic() < deadline, "the worker never reached the second trial"
            time.sleep(0.2)
        time.sleep(1.5)  # a heartbeat or two
    finally:
        os.kill(worker.pid, signal.SIGKILL)
        worker.wait()
    storage = make_storage(url, heartbeat_interval=1, grace_period=2)
    study = prepare_study(storage=storage, study_name="s", space=SPACE, n_trials=3)
    assert _configs(study) == [0] and _configs(study, TrialState.RUNNING) == [1]
    optimize(study, RecordingObjective(SPACE, log), progress=False)
    # config 0 was not run again; config 1's trial failed and a copy of it ran
    assert [config for _, config, _ in read_log(log)].count(0) == 1
    assert _configs(study) == [0, 1, 2]
    (failed,) = study.get_trials(states=(TrialState.FAIL,))
    assert failed.user_attrs["config"] == 1
    retried = [t for t in study.trials if t.system_attrs.get("failed_trial") == failed.number]
    assert [t.state for t in retried] == [TrialState.COMPLETE]
    assert retried[0].params == failed.params
    summary = trial_summary(study)
    assert (summary["planned"], summary["complete"], summary["interrupted"]) == (3, 3, 1)


def test_two_workers_on_one_postgresql_study(postgres_url, tmp_path):
    storage = make_storage(postgres_url)
    study = prepare_study(storage=storage, study_name="pg", space=SPACE, n_trials=8)
    objective = RecordingObjective(SPACE, tmp_path / "log", seconds=0.4)
    optimize(study, objective, n_workers=2, progress=False)
    rows = read_log(tmp_path / "log")
    assert sorted(config for _, config, _ in rows) == list(range(8)), "a trial lost or repeated"
    assert len({pid for pid, _, _ in rows}) == 2, "both workers took trials"
    assert _configs(study) == list(range(8)) and len(study.trials) == 8
    # a worker joining later (another machine) finds the plan done and changes nothing
    late = prepare_study(storage=make_storage(postgres_url), study_name="pg", space=SPACE)
    optimize(late, objective, progress=False)
    assert len(read_log(tmp_path / "log")) == 8 and len(late.trials) == 8
