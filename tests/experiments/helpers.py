"""Tiny sets the experiment tests make themselves, in place of the rendered ones."""

import numpy as np
from sklearn.utils import Bunch

from ..conftest import SR, bass_tone

#: Settings small enough for a test: one seed of one epoch.
TINY = {
    "ensembles": (4, 3.0),
    "unlabelled": (3, 3.0),
    "test": (2, 3.0),
    "augment": False,
    "seeds": 1,
    "epochs": 1,
    "patience": 1,
}

#: A small network, so that a fit takes a second or two.
SMALL_NETWORK = {"n_hidden_layers": 1, "hidden_layer_size": 16, "learning_rate": 1e-2}


def _recordings(n, seed):
    """``n`` recordings of six bass notes then half a second of (near) silence."""
    rng = np.random.default_rng(seed)
    X, y = [], []
    for i in range(n):
        signal, labels = bass_tone(rng.integers(30, 60, size=6), seed=seed * 100 + i)
        quiet = 1e-3 * rng.standard_normal(SR // 2).astype(np.float32)
        audio = np.concatenate([signal, quiet])
        n_frames = 1 + len(audio) // 1024
        X.append(audio)
        y.append(np.concatenate([labels, np.zeros(n_frames - len(labels), dtype=int)]))
    return Bunch(X=X, y=y, groups=np.arange(n), metadata=[{} for _ in range(n)])


def tiny_sets(settings, *, seed, n_jobs, progress, unlabelled=False, isolated=False):
    """Stand-in for ``skbass.experiments._common.render_sets``: synthetic bass tones."""
    sets = {"ensembles": _recordings(settings["ensembles"][0], seed + 1)}
    if unlabelled:
        data = _recordings(settings["unlabelled"][0], seed + 2)
        data.y_withheld, data.y = data.y, [np.full(len(v), -1) for v in data.y]
        sets["unlabelled"] = data
    if isolated:
        sets["isolated"] = _recordings(2, seed + 3)
    sets["test"] = _recordings(settings["test"][0], seed + 4)
    return sets
