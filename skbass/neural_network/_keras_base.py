"""The one place skbass wraps scikeras: the base of every Keras estimator.

scikeras 0.13 predates scikit-learn's ``__sklearn_tags__`` protocol: its
``KerasClassifier`` lists ``ClassifierMixin`` after ``BaseEstimator``, so on
scikit-learn >= 1.7 ``is_classifier`` is False and cross-validation silently uses
``KFold`` instead of ``StratifiedKFold``. It also validates data with its own
routine and reads parameters from ``__dict__`` instead of ``__init__``. The base
class here keeps scikeras's ``BaseWrapper`` for what it does well (building the
network from ``meta``, target encoders, pickling Keras models) with
``ClassifierMixin`` in front of it, sets the tags itself, restores scikit-learn's
parameter and validation rules, and owns the training loop: both sample levels,
the validation split by recording, early stopping on a named validation metric,
user callbacks and backend-independent seeding.
"""

from contextlib import contextmanager

import keras
import numpy as np
from scikeras.utils.random_state import tensorflow_random_state
from scikeras.wrappers import BaseWrapper
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.metrics import accuracy_score
from sklearn.utils import ClassifierTags, check_random_state
from sklearn.utils.multiclass import check_classification_targets, type_of_target
from sklearn.utils.validation import (
    _check_sample_weight,
    check_is_fitted,
    validate_data,
)

from ..utils._samples import pool, pool_labels

#: Frames per forward pass at inference.
_PREDICT_BATCH = 8192


@contextmanager
def seeded(seed):
    """Seed Python, NumPy and the Keras backend for the duration of a block.

    scikeras's ``tensorflow_random_state`` seeds Python, NumPy and TensorFlow, turns on
    TensorFlow's op determinism (seeded CPU runs repeat exactly) and restores all of it
    afterwards; ``keras.utils.set_random_seed`` seeds Keras's own generator, which the
    JAX backend draws from.

    Parameters
    ----------
    seed : int or None
        None: no seeding.

    Yields
    ------
    None
    """
    if seed is None:
        yield
        return
    was_deterministic = _op_determinism()
    try:
        with tensorflow_random_state(int(seed)):
            keras.utils.set_random_seed(int(seed))
            yield
    finally:
        # scikeras sets TF_DETERMINISTIC_OPS before it asks whether determinism was on,
        # so it reads "on" and never turns it off: a later unseeded fit would then fail
        # with "Random ops require a seed". Put back what was there before.
        if was_deterministic is False:
            _disable_op_determinism()


def _op_determinism():
    """Whether TensorFlow's op determinism is on; None without TensorFlow."""
    try:
        from tensorflow.python.framework import config
    except ImportError:
        return None
    return bool(config.is_op_determinism_enabled())


def _disable_op_determinism():
    from tensorflow.python.framework import config

    config.disable_op_determinism()


def validation_split(n, groups, fraction, random_state):
    """Indices of the training and validation parts of ``n`` samples.

    Whole groups (recordings) go to the validation part when ``groups`` has at least
    two; otherwise single samples are drawn at random (the paper's frame split, which
    leaks neighbouring frames into validation).

    Parameters
    ----------
    n : int
        Number of samples.
    groups : np.ndarray [shape=(n,)] or None
        Recording index of each sample, ascending from 0.
    fraction : float
        Share of the samples to hold out; 0 holds out none.
    random_state : int, np.random.RandomState or None
        Seed of the draw.

    Returns
    -------
    train : np.ndarray [shape=(n_train,)]
    val : np.ndarray [shape=(n_val,)]

    Examples
    --------
    >>> train, val = validation_split(6, np.array([0, 0, 1, 1, 2, 2]), 0.3, 0)
    >>> len(val), len(set(np.array([0, 0, 1, 1, 2, 2])[val]))
    (2, 1)
    """
    everything = np.arange(n)
    if fraction == 0 or n * fraction < 1 or n < 5:
        return everything, everything[:0]
    rng = check_random_state(random_state)
    if groups is not None and groups[-1] >= 1:
        order = rng.permutation(groups[-1] + 1)
        sizes = np.bincount(groups)[order]
        n_val = max(1, int(np.searchsorted(np.cumsum(sizes), fraction * n)))
        n_val = min(n_val, len(order) - 1)
        is_val = np.isin(groups, order[:n_val])
    else:
        is_val = np.zeros(n, dtype=bool)
        is_val[rng.permutation(n)[: int(round(fraction * n))]] = True
    return everything[~is_val], everything[is_val]


class KerasClassifierBase(ClassifierMixin, BaseWrapper):
    """A scikeras-based classifier with correct tags, both sample levels and early stopping.

    Subclasses declare every hyperparameter explicitly in ``__init__`` (no free
    ``**kwargs``), among them ``epochs``, ``batch_size``, ``patience``,
    ``validation_fraction``, ``callbacks``, ``random_state`` and ``verbose``, and
    implement:

    - ``_keras_build_fn(meta)``: the compiled Keras model for the data's metadata;
    - ``target_encoder``: the transformer from labels to network targets (its
      ``get_metadata()`` is copied onto the estimator, e.g. ``classes_``);
    - ``_early_stopping_metric``: the name of the compiled metric early stopping watches
      on the validation part (higher is better).

    ``fit`` takes either sample level: a 2-D array of samples with one label each, or
    a list of per-recording sample matrices with one label array each; at recording
    level the validation part holds out whole recordings.

    Warm start: a subclass that exposes ``warm_start`` as a parameter lets ``fit``
    continue from the network of the previous ``fit`` (scikit-learn's ``warm_start``
    idiom, as in :class:`~sklearn.neural_network.MLPClassifier`). The network is built
    anew for the current parameters (so a new ``learning_rate`` or ``dropout`` takes
    effect and the optimizer starts afresh), then takes the fitted network's weights;
    the features, the classes and every weight's shape must match, else ``fit`` raises
    a ``ValueError`` and the estimator keeps its fitted network. ``clone`` gives an
    unfitted copy, whose first ``fit`` starts from a fresh initialisation.
    """

    #: Compiled Keras metric that early stopping watches (``val_`` + this name).
    _early_stopping_metric = "accuracy"

    # scikeras reads these attributes; skbass estimators do not expose them as
    # parameters (``warm_start`` only where a subclass declares it), so they keep
    # scikeras's defaults here.
    model = None
    build_fn = None
    warm_start = False
    metrics = None
    optimizer = "adam"
    validation_split = 0.0
    validation_batch_size = None
    shuffle = True
    run_eagerly = False

    __repr__ = BaseEstimator.__repr__

    @property
    def partial_fit(self):
        # scikeras's partial_fit bypasses the subclasses' input handling; not offered
        raise AttributeError(f"{type(self).__name__} has no partial_fit; call fit")

    @property
    def initialize(self):
        raise AttributeError(f"{type(self).__name__} has no initialize; call fit")

    @classmethod
    def _get_param_names(cls):
        # scikeras lists every public attribute; scikit-learn's rule is __init__'s signature
        return BaseEstimator._get_param_names.__func__(cls)

    def _validate_data(self, X=None, y=None, reset=False, y_numeric=False):
        # scikit-learn's validation and error messages, 2-D float input
        dtype = [np.float32, np.float64]
        if y is None:
            return validate_data(self, X, reset=reset, dtype=dtype), None
        X, y = validate_data(self, X, y, reset=reset, dtype=dtype)
        check_classification_targets(y)
        if reset:
            self.target_type_ = type_of_target(y)
        return X, y

    def _check_params(self):
        """Checks of parameter combinations beyond ``_parameter_constraints`` (a hook)."""

    def _validation_stopping(self):
        """Early stopping on the validation metric, keeping the best epoch's weights."""
        return keras.callbacks.EarlyStopping(
            monitor="val_" + self._early_stopping_metric,
            mode="max",
            patience=self.patience,
            restore_best_weights=True,
        )

    def _start_fit(self, y):
        """The checks every ``fit`` starts with: parameters, a target, combinations."""
        self._validate_params()
        if y is None:
            raise ValueError(
                f"{type(self).__name__} requires y to be passed, but the target y is None"
            )
        self._check_params()

    # -- training --------------------------------------------------------------------

    def fit(self, X, y, sample_weight=None):
        """Train the network.

        Parameters
        ----------
        X : np.ndarray [shape=(n_samples, n_features)] or list of such arrays
            Samples, or one sample matrix per recording.
        y : np.ndarray [shape=(n_samples,)] or list of such arrays
            A label per sample; one label array per recording at recording level.
        sample_weight : np.ndarray [shape=(n_samples,)], list of such arrays or None
            Per-sample weights; one weight array per recording at recording level.

        Returns
        -------
        self : object
            The fitted estimator.
        """
        self._start_fit(y)
        pooled = pool(X, y)
        previous = self._warm_start_state(pooled.X, pooled.y)
        with seeded(self._seed()):
            X, y = self._initialize(pooled.X, pooled.y)
            if previous is not None:
                self._continue_from(previous)
            targets = self.target_encoder_.transform(y)
            self._check_model_compatibility(targets)
            if sample_weight is not None:
                if pooled.recording_level:
                    sample_weight = pool_labels(sample_weight)
                sample_weight = _check_sample_weight(sample_weight, X)
            train, val = validation_split(
                len(y), pooled.groups, self.validation_fraction, self.random_state
            )
            callbacks = list(self.callbacks or [])
            validation_data = None
            if len(val):
                validation_data = (X[val], targets[val])
                callbacks.append(self._validation_stopping())
            if len(val) == 0:  # train on everything without copying it
                train = slice(None)
            history = self.model_.fit(
                X[train],
                targets[train],
                sample_weight=None if sample_weight is None else sample_weight[train],
                batch_size=self.batch_size,
                epochs=self.epochs,
                verbose=self.verbose,
                shuffle=True,
                validation_data=validation_data,
                callbacks=callbacks,
            )
        self.history_ = {key: list(values) for key, values in history.history.items()}
        return self

    def _warm_start_state(self, X, y):
        """The fitted state ``fit`` continues from, or None for a fresh network.

        With ``warm_start`` on and a fitted network, checks that ``X`` has the fitted
        number of features and ``y`` the fitted classes before anything is replaced.
        """
        if not (self.warm_start and hasattr(self, "model_")):
            return None
        name = type(self).__name__
        if np.ndim(X) == 2 and np.shape(X)[1] != self.n_features_in_:
            raise ValueError(
                f"warm_start=True continues from the fitted {name}, whose network takes "
                f"{self.n_features_in_} features per sample, but X has {np.shape(X)[1]}; "
                "fit on features of the same kind, or set warm_start=False for a new network"
            )
        classes = self.target_encoder.fit(np.asarray(y)).classes_
        if not np.array_equal(classes, self.classes_):
            raise ValueError(
                f"warm_start=True continues from the fitted {name}, whose classes are "
                f"{self.classes_.tolist()}, but y has the classes {classes.tolist()}; the "
                "output layer would not match: set warm_start=False for a new network"
            )
        return dict(vars(self))

    def _continue_from(self, previous):
        """Give the newly built network the weights of ``previous``'s fitted one."""
        weights = previous["model_"].get_weights()
        fitted = [w.shape for w in weights]
        built = [tuple(w.shape) for w in self.model_.weights]
        if fitted != built:
            vars(self).clear()
            vars(self).update(previous)  # keep the fitted network, as if fit never ran
            raise ValueError(
                f"warm_start=True cannot continue from the fitted {type(self).__name__}: its "
                f"network's weight shapes {fitted} differ from {built}, those of the network "
                "the current parameters build (were layer sizes changed?); set "
                "warm_start=False for a new network"
            )
        self.model_.set_weights(weights)

    def _seed(self):
        if self.random_state is None:
            return None
        return int(check_random_state(self.random_state).randint(2**31 - 1))

    # -- inference -------------------------------------------------------------------

    def _forward(self, X):
        """The network's outputs for either sample level, in the input's structure."""
        check_is_fitted(self)
        pooled = pool(X)
        frames, _ = self._validate_data(pooled.X, reset=False)
        # predict_on_batch skips Keras's per-call data pipeline: fast on one recording
        chunks = [
            np.asarray(self.model_.predict_on_batch(frames[i : i + _PREDICT_BATCH]))
            for i in range(0, len(frames), _PREDICT_BATCH)
        ]
        outputs = np.concatenate(chunks) if chunks else np.zeros((0, self.model_.output_shape[-1]))
        return pooled.unpool(outputs.astype(np.float32, copy=False))

    def predict_proba(self, X):
        """Class probabilities per sample.

        Parameters
        ----------
        X : np.ndarray [shape=(n_samples, n_features)] or list of such arrays
            Samples, or one sample matrix per recording.

        Returns
        -------
        proba : np.ndarray [shape=(n_samples, n_classes)] or list of such arrays
            Columns follow ``classes_``.
        """
        return self._forward(X)

    def predict(self, X):
        """The most probable class per sample.

        Parameters
        ----------
        X : np.ndarray [shape=(n_samples, n_features)] or list of such arrays
            Samples, or one sample matrix per recording.

        Returns
        -------
        labels : np.ndarray [shape=(n_samples,)] or list of such arrays
        """
        pooled = pool(self.predict_proba(X))
        return pooled.unpool(self.classes_[pooled.X.argmax(axis=1)])

    def score(self, X, y, sample_weight=None):
        """Share of samples whose predicted label equals ``y``.

        Parameters
        ----------
        X : np.ndarray [shape=(n_samples, n_features)] or list of such arrays
        y : np.ndarray [shape=(n_samples,)] or list of such arrays
        sample_weight : np.ndarray [shape=(n_samples,)] or None

        Returns
        -------
        accuracy : float
        """
        return accuracy_score(
            pool_labels(y), pool_labels(self.predict(X)), sample_weight=sample_weight
        )

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.estimator_type = "classifier"
        tags.classifier_tags = ClassifierTags()
        tags.target_tags.required = True
        tags.non_deterministic = False
        return tags
