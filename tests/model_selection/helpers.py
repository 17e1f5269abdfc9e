"""Small objectives for the study tests: fast, picklable (worker processes import them)."""

import os
import time


class RecordingObjective:
    """Logs ``pid config number`` for every trial it runs, sleeps, returns the dropout."""

    def __init__(self, space, log, *, seconds=0.0):
        self.space = space
        self.log = str(log)
        self.seconds = seconds

    def __call__(self, trial):
        values = self.space.suggest(trial)
        with open(self.log, "a") as f:
            f.write(f"{os.getpid()} {trial.user_attrs['config']} {trial.number}\n")
        time.sleep(self.seconds)
        return values["dropout"]


def read_log(log):
    """``(pid, config, number)`` rows of a :class:`RecordingObjective` log."""
    with open(log) as f:
        return [tuple(int(v) for v in line.split()) for line in f if line.strip()]
