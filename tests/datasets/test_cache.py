"""The render cache: hits, misses, interrupted writes; parallel rendering equals sequential."""

import os

import numpy as np
import pytest

from skbass.datasets import _sets, make_ensembles
from skbass.datasets._cache import cache_path

SR = 22050
HOP = 1024


def test_cache(tmp_path, monkeypatch):
    kw = dict(n_recordings=1, duration=3.0, progress=False, cache=str(tmp_path))
    first = make_ensembles("small", **kw)
    files = list(tmp_path.rglob("*.npz"))
    assert len(files) == 1
    assert not list(tmp_path.rglob("*.part"))

    def boom(job):
        raise AssertionError("rendered although cached")

    monkeypatch.setattr(_sets, "_render_job", boom)
    again = make_ensembles("small", **kw)
    np.testing.assert_array_equal(first.X[0], again.X[0])
    np.testing.assert_array_equal(first.y[0], again.y[0])
    assert first.metadata == again.metadata
    # another hop is another cache entry
    with pytest.raises(AssertionError, match="rendered"):
        make_ensembles("small", hop_length=512, **kw)


def test_interrupted_cache_write_is_not_read(tmp_path, monkeypatch):
    kw = dict(n_recordings=1, duration=3.0, progress=False, cache=str(tmp_path))
    calls = []
    real = _sets._render_job

    def counting(job):
        calls.append(job["index"])
        return real(job)

    monkeypatch.setattr(_sets, "_render_job", counting)
    jobs = _sets._ensemble_jobs(
        "ensembles", 1, 3.0, ["FluidR3_GM", "TimGM6mb"], [(1.0, 0)], "hard", 0, SR, HOP
    )
    final = cache_path(str(tmp_path), jobs[0])
    os.makedirs(os.path.dirname(final))
    # a half-written temporary file left by an interrupted render ...
    with open(os.path.join(os.path.dirname(final), ".tmp-abc.npz.part"), "wb") as fh:
        fh.write(b"PK\x03\x04 half written")
    X = make_ensembles("small", **kw).X
    assert calls == [0]  # ... is ignored: the recording is rendered
    # a damaged final file is rendered again too
    with open(final, "wb") as fh:
        fh.write(b"garbage")
    X2 = make_ensembles("small", **kw).X
    assert calls == [0, 0]
    np.testing.assert_array_equal(X[0], X2[0])


def test_parallel_equals_sequential():
    kw = dict(n_recordings=2, duration=3.0, progress=False, cache=False)
    X1 = make_ensembles("small", n_jobs=1, **kw).X
    X2 = make_ensembles("small", n_jobs=2, **kw).X
    for a, b in zip(X1, X2):
        np.testing.assert_array_equal(a, b)
