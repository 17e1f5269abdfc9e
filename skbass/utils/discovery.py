"""Finding skbass's public estimators, as :func:`sklearn.utils.discovery.all_estimators` does."""

import importlib
import inspect
import pkgutil

from sklearn.base import BaseEstimator, ClassifierMixin, TransformerMixin

_TYPES = {"classifier": ClassifierMixin, "transformer": TransformerMixin}


def all_estimators(type_filter=None):
    """Every public estimator class of skbass.

    Looks through the ``__all__`` of each public subpackage, so a new estimator is found
    (and gets scikit-learn's checks in the test suite) by being exported.

    Parameters
    ----------
    type_filter : {"classifier", "transformer"} or None
        Only estimators of this kind; None: all.

    Returns
    -------
    estimators : list of tuple (str, type)
        ``(name, class)`` pairs sorted by name.

    Examples
    --------
    >>> names = [name for name, _ in all_estimators(type_filter="transformer")]
    >>> "CQTFrames" in names and "LogScaler" in names
    True
    """
    if type_filter is not None and type_filter not in _TYPES:
        raise ValueError(
            f"type_filter must be one of {sorted(_TYPES)} or None, got {type_filter!r}"
        )
    import skbass

    found = {}
    for info in pkgutil.iter_modules(skbass.__path__):
        if info.name.startswith("_") or not info.ispkg:
            continue
        module = importlib.import_module(f"skbass.{info.name}")
        for name in getattr(module, "__all__", []):
            obj = getattr(module, name)
            if (
                inspect.isclass(obj)
                and issubclass(obj, BaseEstimator)
                and not inspect.isabstract(obj)
                and (type_filter is None or issubclass(obj, _TYPES[type_filter]))
            ):
                found[name] = obj
    return sorted(found.items())
