"""The one place skbass wraps scikeras.

scikeras 0.13 predates scikit-learn's ``__sklearn_tags__`` protocol: its
``KerasClassifier`` lists ``ClassifierMixin`` after ``BaseEstimator``, so on
scikit-learn >= 1.7 ``is_classifier`` is False and cross-validation silently uses
``KFold`` instead of ``StratifiedKFold``. It also validates data with its own
routine and reads parameters from ``__dict__`` instead of ``__init__``. The base
class here builds on scikeras's ``BaseWrapper`` (model building, compilation,
seeding, training history, pickling) with ``ClassifierMixin`` in front of it, sets
the tags itself, and restores scikit-learn's parameter and validation rules, so
that skbass's Keras estimators behave like any scikit-learn classifier.
"""

import os

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")  # keep TensorFlow's start-up chatter off stderr

import numpy as np  # noqa: E402
from scikeras.wrappers import BaseWrapper  # noqa: E402
from sklearn.base import BaseEstimator, ClassifierMixin  # noqa: E402
from sklearn.utils import ClassifierTags
from sklearn.utils.multiclass import check_classification_targets, type_of_target
from sklearn.utils.validation import validate_data


class KerasClassifierBase(ClassifierMixin, BaseWrapper):
    """A scikeras-based classifier with correct tags, parameters and validation.

    Subclasses declare every hyperparameter explicitly in ``__init__`` (no free
    ``**kwargs``) and implement ``_keras_build_fn(meta)`` returning a compiled
    Keras model.
    """

    # scikeras reads these attributes; skbass estimators do not expose them as
    # parameters, so they keep scikeras's defaults here.
    model = None
    build_fn = None
    warm_start = False
    metrics = None
    optimizer = "adam"
    callbacks = None
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

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.estimator_type = "classifier"
        tags.classifier_tags = ClassifierTags()
        tags.target_tags.required = True
        tags.non_deterministic = False
        return tags
