"""The experiment registry: names, sizes and clear errors."""

import pytest

from skbass.experiments import EXPERIMENTS, get_experiment, register, run


@pytest.fixture
def registered():
    @register("tiny-test")
    def tiny(out, *, size="quick", seed=0, n_jobs=None):
        return {"out": out, "size": size, "seed": seed, "n_jobs": n_jobs}

    yield tiny
    del EXPERIMENTS["tiny-test"]


def test_run_by_name(registered):
    assert get_experiment("tiny-test") is registered
    assert run("tiny-test", "out", size="full", seed=3) == {
        "out": "out",
        "size": "full",
        "seed": 3,
        "n_jobs": None,
    }


def test_errors_name_the_problem(registered):
    with pytest.raises(KeyError, match="no experiment named 'nope'.*tiny-test"):
        run("nope", "out")
    with pytest.raises(ValueError, match="size must be one of"):
        run("tiny-test", "out", size="huge")
    with pytest.raises(ValueError, match="already registered"):
        register("tiny-test")(lambda out, **kw: None)
