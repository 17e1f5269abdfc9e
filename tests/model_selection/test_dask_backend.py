"""Rendering and CQT frames spread over a Dask cluster through joblib give the same data."""

import numpy as np
import pytest
from joblib import parallel_config

from skbass.datasets import make_ensembles
from skbass.features import CQTFrames

distributed = pytest.importorskip("dask.distributed")

SET = {"n_recordings": 2, "duration": 4.0, "cache": False, "progress": False, "n_jobs": 2}


def test_dask_backend_gives_the_same_recordings_and_frames():
    reference = make_ensembles(**SET)
    frames = CQTFrames(n_jobs=2).fit_transform(reference.X)
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        with parallel_config(backend="dask"), distributed.get_task_stream(client) as tasks:
            data = make_ensembles(**SET)
            spread = CQTFrames(n_jobs=2).fit_transform(data.X)
        workers = client.run(lambda: True)
    assert len(workers) == 2
    # the renders (_cached) and the CQTs (one _in_worker per recording) ran as tasks on the cluster
    ran = " ".join(str(task["key"]) for task in tasks.data)
    assert ran.count("batch_of__cached_") == 2 and ran.count("batch_of__in_worker_") == 2
    assert all(np.array_equal(a, b) for a, b in zip(reference.X, data.X))
    assert [m["baseline_rpa"] for m in data.metadata] == [
        m["baseline_rpa"] for m in reference.metadata
    ]
    assert all(np.array_equal(a, b) for a, b in zip(frames, spread))
