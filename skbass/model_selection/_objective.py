"""The paper's search objective: validation raw pitch accuracy of the bass network."""

import time

import numpy as np

from ..utils._samples import pool
from ._space import SearchSpace

#: The ways of holding out validation data.
SPLITS = ("recording", "frame")


def search_pipeline(*, memory=None, n_jobs=None, **mlp_params):
    """The pipeline the search space addresses: ``cqt`` -> ``log`` -> ``mlp``.

    The paper's per-frame model (no frame stacking). With ``memory`` the constant-Q
    frames of each recording are computed once and read from the cache afterwards, so
    a cross-validated search (``OptunaSearchCV``, ``GridSearchCV``) does not recompute
    them for every fold and candidate.

    Parameters
    ----------
    memory : str, joblib.Memory or None, default=None
        Cache of :class:`~skbass.features.CQTFrames`.
    n_jobs : int or None, default=None
        Parallel CQT extraction over recordings.
    **mlp_params
        Parameters of :class:`~skbass.neural_network.BassSalienceMLP`.

    Returns
    -------
    pipeline : sklearn.pipeline.Pipeline
        Steps ``cqt`` (:class:`~skbass.features.CQTFrames`), ``log``
        (:class:`~skbass.features.LogScaler`), ``mlp``.

    Examples
    --------
    >>> pipe = search_pipeline(epochs=1)
    >>> [name for name, _ in pipe.steps]
    ['cqt', 'log', 'mlp']
    >>> pipe.set_params(**SearchSpace.paper().to_params({"hidden_layer_exponent": 7}))[-1]
    BassSalienceMLP(epochs=1, hidden_layer_size=128)
    """
    from sklearn.pipeline import Pipeline

    from ..features import CQTFrames, LogScaler
    from ..neural_network import BassSalienceMLP

    return Pipeline(
        [
            ("cqt", CQTFrames(memory=memory, n_jobs=n_jobs)),
            ("log", LogScaler()),
            ("mlp", BassSalienceMLP(**mlp_params)),
        ]
    )


def pruning_callback(trial, *, monitor="val_pitch_accuracy", interval=1):
    """A Keras callback that reports a validation measure to Optuna after each epoch.

    Give it to :class:`~skbass.neural_network.BassSalienceMLP` through ``callbacks``;
    when the study's pruner finds the trial hopeless it raises
    :class:`optuna.TrialPruned`, which ends training and marks the trial PRUNED.

    Parameters
    ----------
    trial : optuna.trial.Trial
        The running trial.
    monitor : str, default="val_pitch_accuracy"
        Keras log entry to report (the validation raw pitch accuracy of the network).
    interval : int, default=1
        Report every ``interval`` epochs.

    Returns
    -------
    callback : optuna_integration.KerasPruningCallback
    """
    from optuna_integration import KerasPruningCallback

    return KerasPruningCallback(trial, monitor, interval=interval)


class SalienceObjective:
    """Validation raw pitch accuracy ``a_val`` of the bass network for a trial (section 5.1).

    Built once from constant-Q frames already computed (the search never recomputes
    features); each call draws a configuration from ``space``, trains ``LogScaler ->
    BassSalienceMLP`` with the paper's training settings and returns the raw pitch
    accuracy on the validation part, which is also the part the network's early stopping
    watches (as in the paper). The validation part is the same for every trial:

    - ``split="recording"`` (default): whole recordings are held out
      (:func:`~skbass.neural_network._keras_base.validation_split` by recording), so no
      recording has frames on both sides;
    - ``split="frame"``: the paper's split, 80:20 over single frames at random. Neighbouring
      frames of one note are nearly identical, so the validation frames have near copies
      in the training frames and ``a_val`` comes out higher than on unseen recordings.

    Parameters
    ----------
    frames : list of np.ndarray [shape=(n_frames_i, n_bins)]
        Constant-Q frames per recording (:class:`~skbass.features.CQTFrames`).
    y : list of np.ndarray [shape=(n_frames_i,)]
        MIDI pitch per frame, 0 = no bass.
    space : SearchSpace or None, default=None
        Search space; None: the paper's (:meth:`SearchSpace.paper`).
    split : {"recording", "frame"}, default="recording"
        How the validation part is held out.
    validation_fraction : float, default=0.2
        Share held out (the paper's 80:20).
    fixed_params : dict or None, default=None
        Pipeline parameters for every trial (``"mlp__epochs"``, ``"mlp__patience"``, ...);
        the paper's training settings otherwise.
    prune : bool, default=False
        Report the validation accuracy after every epoch to Optuna (through
        :func:`pruning_callback`) so that the study's pruner can stop hopeless trials.
        Off for the paper's reproduction.
    seed : int, default=0
        Seed of the split and of every network's initialisation.

    Attributes
    ----------
    val_recordings_ : np.ndarray [shape=(n_val_recordings,)]
        Indices of the validation recordings (``split="recording"``).
    n_val_frames_ : int
        Labelled frames in the validation part.

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> y = [rng.choice([0, 33, 40], size=40) for _ in range(6)]
    >>> frames = [rng.random((40, 67)).astype("float32") for _ in range(6)]
    >>> for f, labels in zip(frames, y):
    ...     f[np.arange(40), labels - 25] += 3.0 * (labels > 0)
    >>> objective = SalienceObjective(frames, y, fixed_params={"mlp__epochs": 1})
    >>> objective.val_recordings_.tolist(), round(objective.baseline(), 3)
    ([5], 1.0)
    """

    def __init__(
        self,
        frames,
        y,
        *,
        space=None,
        split="recording",
        validation_fraction=0.2,
        fixed_params=None,
        prune=False,
        seed=0,
    ):
        if split not in SPLITS:
            raise ValueError(f"split must be one of {SPLITS}, got {split!r}")
        if not 0 < validation_fraction < 1:
            raise ValueError(f"validation_fraction must be in (0, 1), got {validation_fraction}")
        self.space = SearchSpace.paper() if space is None else space
        if not isinstance(self.space, SearchSpace):
            raise TypeError(f"space must be a SearchSpace, got {type(self.space).__name__}")
        pooled = pool(frames, y)
        if not pooled.recording_level:
            raise ValueError("frames and y must be lists with one array per recording")
        if split == "recording" and len(pooled.lengths) < 3:
            raise ValueError(
                f"split='recording' needs at least 3 recordings, got {len(pooled.lengths)}"
            )
        self.frames = list(frames)
        self.y = list(y)
        self.split = split
        self.validation_fraction = validation_fraction
        self.fixed_params = dict(fixed_params or {})
        self.prune = prune
        self.seed = seed
        self._check_fixed_params()
        self._split()

    def _check_fixed_params(self):
        known = self._pipeline(fixed=False).get_params()
        unknown = sorted(set(self.fixed_params) - set(known))
        if unknown:
            raise ValueError(f"fixed_params has unknown pipeline parameters: {unknown}")
        searched = self.space.targets()
        clash = sorted(set(self.fixed_params) & set(searched.values()))
        if clash:
            raise ValueError(f"fixed_params sets parameters the space searches: {clash}")
        extra = sorted(t for t in searched.values() if t not in known)
        if extra:
            raise ValueError(f"the search space names unknown pipeline parameters: {extra}")

    def _pipeline(self, fixed=True):
        from sklearn.pipeline import Pipeline

        from ..features import LogScaler
        from ..neural_network import BassSalienceMLP

        mlp = BassSalienceMLP(validation_fraction=self.validation_fraction, random_state=self.seed)
        pipe = Pipeline([("log", LogScaler()), ("mlp", mlp)])
        return pipe.set_params(**self.fixed_params) if fixed else pipe

    def _split(self):
        from ..neural_network._keras_base import validation_split

        pooled = pool(self.frames, self.y)
        groups = pooled.groups if self.split == "recording" else None
        # the same draw as the network's own early-stopping split (same function and seed)
        _, val = validation_split(len(pooled.y), groups, self.validation_fraction, self.seed)
        if len(val) == 0:
            raise ValueError("too little data for a validation part")
        self._val_frames = val
        self.val_recordings_ = np.unique(pooled.groups[val]) if groups is not None else None
        self.n_val_frames_ = int(np.sum(pooled.y[val] > 0))

    def _validation_data(self):
        pooled = pool(self.frames, self.y)
        if self.split == "recording":
            return (
                [self.frames[i] for i in self.val_recordings_],
                [self.y[i] for i in self.val_recordings_],
            )
        return pooled.X[self._val_frames], pooled.y[self._val_frames]

    def _training_data(self):
        if self.split == "recording":
            return self.frames, self.y
        pooled = pool(self.frames, self.y)
        return pooled.X, pooled.y

    def baseline(self):
        """Raw pitch accuracy of the trivial CQT arg-max on the validation part.

        Returns
        -------
        accuracy : float
        """
        from ..metrics import argmax_pitch, raw_pitch_accuracy

        X, y = self._validation_data()
        return raw_pitch_accuracy(y, argmax_pitch(X))

    def __call__(self, trial):
        """Train the network with the trial's hyperparameters and score it.

        Parameters
        ----------
        trial : optuna.trial.Trial
            The trial; its sampler (or its queued values) gives the hyperparameters.

        Returns
        -------
        a_val : float
            Raw pitch accuracy on the validation part.
        """
        from ..metrics import raw_pitch_scorer

        values = self.space.suggest(trial)
        pipe = self._pipeline().set_params(**self.space.to_params(values))
        if self.prune:
            pipe.set_params(mlp__callbacks=[pruning_callback(trial)])
        X, y = self._training_data()
        start = time.perf_counter()
        pipe.fit(X, y)
        trial.set_user_attr("fit_seconds", round(time.perf_counter() - start, 2))
        history = pipe[-1].history_
        trial.set_user_attr("epochs", len(history["loss"]))
        if "val_pitch_accuracy" in history:
            trial.set_user_attr(
                "best_epoch_val_pitch_accuracy", float(np.max(history["val_pitch_accuracy"]))
            )
        Xv, yv = self._validation_data()
        return float(raw_pitch_scorer(pipe, Xv, yv))
