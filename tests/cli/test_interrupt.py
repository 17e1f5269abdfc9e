"""Stopping ``skbass data`` mid-render leaves no worker process behind.

The command renders with two joblib worker processes; the test stops it once both
workers are rendering (each has a FluidSynth child), by SIGTERM (a clean stop that says
so) and by SIGKILL of the command itself (the workers notice and exit).
"""

import signal
import subprocess
import time

import pytest

psutil = pytest.importorskip("psutil")


def _start_render(tmp_path):
    command = ["skbass", "data", "ensembles", str(tmp_path / "set"), "--size", "default"]
    command += ["--n-jobs", "2", "--no-cache", "--quiet"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    parent = psutil.Process(process.pid)
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        rendering = {p.ppid() for p in _descendants(parent) if p.name() == "fluidsynth"}
        if len(rendering) >= 2:  # both workers are inside a task
            return process, _descendants(parent)
        time.sleep(0.1)
    process.kill()
    pytest.fail("the two workers did not start rendering within 90 s")


def _descendants(parent):
    try:
        return parent.children(recursive=True)
    except psutil.NoSuchProcess:
        return []


def _left_running(processes, within):
    deadline = time.monotonic() + within
    while True:
        alive = [p for p in processes if p.is_running() and p.status() != psutil.STATUS_ZOMBIE]
        if not alive or time.monotonic() > deadline:
            return [" ".join(p.cmdline()[:4]) for p in alive]
        time.sleep(0.2)


def test_sigterm_stops_cleanly_and_stops_the_workers(tmp_path):
    process, children = _start_render(tmp_path)
    process.send_signal(signal.SIGTERM)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 143
    assert "skbass data: interrupted by SIGTERM; stopped" in err.decode()
    assert _left_running(children, within=10) == []


def test_workers_exit_when_the_command_is_killed(tmp_path):
    process, children = _start_render(tmp_path)
    process.kill()
    process.wait(timeout=10)
    assert _left_running(children, within=15) == []
