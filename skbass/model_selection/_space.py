"""The hyperparameter search space of the paper (Table 2), as an object one can override."""

import difflib
import json
from collections.abc import Mapping
from numbers import Integral, Real

import numpy as np

#: Transforms from a searched value to the pipeline parameter it sets.
_TRANSFORMS = {
    "identity": lambda v: v,
    "pow2": lambda v: int(2 ** int(v)),
    "pow10": lambda v: float(10.0**v),
}


class _Parameter:
    """One searchable hyperparameter of the bass pipeline: how it is named and applied."""

    def __init__(self, symbol, target, transform, description, kind):
        self.symbol = symbol
        self.target = target
        self.transform = transform
        self.description = description
        self.kind = kind  # "int", "float", "categorical": what a custom range may be


#: The hyperparameters of Table 2, in the paper's order: name -> how it maps onto the
#: pipeline of :func:`search_pipeline` (steps ``cqt``, ``log``, ``mlp``).
PARAMETERS = {
    "magnitude_scaling": _Parameter(
        "", "log__scaling", "identity", "magnitude scaling", "categorical"
    ),
    "n_hidden_layers": _Parameter(
        "n", "mlp__n_hidden_layers", "identity", "number of hidden layers", "int"
    ),
    "hidden_layer_exponent": _Parameter(
        "h", "mlp__hidden_layer_size", "pow2", "hidden layer size H = 2**h", "int"
    ),
    "learning_rate_exponent": _Parameter(
        "r", "mlp__learning_rate", "pow10", "learning rate alpha = 10**r", "float"
    ),
    "batch_normalization": _Parameter(
        "", "mlp__batch_normalization", "identity", "batch normalisation", "categorical"
    ),
    "l2_regularization": _Parameter(
        "lambda", "mlp__l2_regularization", "identity", "L2 weight regularisation", "categorical"
    ),
    "dropout": _Parameter("d", "mlp__dropout", "identity", "dropout ratio", "float"),
}


def _paper_distributions():
    from optuna.distributions import (
        CategoricalDistribution,
        FloatDistribution,
        IntDistribution,
    )

    return {
        "magnitude_scaling": CategoricalDistribution(["linear", "log"]),
        "n_hidden_layers": IntDistribution(3, 6),
        "hidden_layer_exponent": IntDistribution(7, 10),
        "learning_rate_exponent": FloatDistribution(-6.0, -3.0),
        "batch_normalization": CategoricalDistribution([False, True]),
        "l2_regularization": CategoricalDistribution([0.0, 1e-4, 1e-3, 1e-2]),
        "dropout": FloatDistribution(0.0, 0.5),
    }


def _is_number(value, kind=Real):
    return isinstance(value, kind) and not isinstance(value, bool)


def _as_distribution(name, value):
    """An Optuna distribution from a distribution or a shorthand, with errors naming ``name``."""
    from optuna.distributions import (
        BaseDistribution,
        CategoricalDistribution,
        FloatDistribution,
        IntDistribution,
    )

    if isinstance(value, (FloatDistribution, IntDistribution)):
        low, high = value.low, value.high
        if low > high:
            raise ValueError(f"empty range for {name!r}: low={low} > high={high}")
        return value
    if isinstance(value, CategoricalDistribution):
        return value
    if isinstance(value, BaseDistribution):
        raise TypeError(f"{name!r}: unsupported distribution {type(value).__name__}")
    if isinstance(value, tuple):
        if len(value) != 2 or not all(_is_number(v) for v in value):
            raise ValueError(f"{name!r}: a range is a (low, high) pair of numbers, got {value!r}")
        low, high = value
        if low > high:
            raise ValueError(f"empty range for {name!r}: low={low} > high={high}")
        if all(_is_number(v, Integral) for v in value):
            return IntDistribution(int(low), int(high))
        return FloatDistribution(float(low), float(high))
    if isinstance(value, (list, np.ndarray)):
        choices = [v.item() if isinstance(v, np.generic) else v for v in value]
        if not choices:
            raise ValueError(f"empty choice list for {name!r}")
        if len(set(map(repr, choices))) != len(choices):
            raise ValueError(f"{name!r}: repeated choices in {choices!r}")
        return CategoricalDistribution(choices)
    raise TypeError(
        f"{name!r}: give an Optuna distribution, a (low, high) range or a list of choices, "
        f"got {value!r}"
    )


def _check_kind(name, dist):
    from optuna.distributions import CategoricalDistribution, IntDistribution

    kind = PARAMETERS[name].kind
    if kind == "int" and isinstance(dist, CategoricalDistribution):
        if not all(_is_number(c, Integral) for c in dist.choices):
            raise ValueError(f"{name!r} takes integers, got choices {list(dist.choices)!r}")
    elif kind == "int" and not isinstance(dist, IntDistribution):
        raise ValueError(f"{name!r} takes integers: give an (int, int) range, got {dist!r}")
    if name == "magnitude_scaling" and not isinstance(dist, CategoricalDistribution):
        raise ValueError(f"{name!r} is a choice among 'linear' and 'log', got {dist!r}")
    if name == "magnitude_scaling" and not set(dist.choices) <= {"linear", "log"}:
        raise ValueError(f"{name!r} choices must be 'linear' or 'log', got {list(dist.choices)!r}")


class SearchSpace(Mapping):
    """A hyperparameter search space for the bass pipeline: name -> Optuna distribution.

    The paper's space (Table 2) is :meth:`paper`; a custom space names any of the known
    hyperparameters below, or a parameter of the search pipeline written the scikit-learn
    way (``"mlp__batch_size"``), and gives each an Optuna distribution or a shorthand:
    a ``(low, high)`` pair (integers: :class:`optuna.distributions.IntDistribution`,
    otherwise :class:`~optuna.distributions.FloatDistribution`, uniform) or a list of
    choices (:class:`~optuna.distributions.CategoricalDistribution`).
    Hyperparameters left out keep the estimator's value.

    ======================= ====== ================================= ==================
    name                    symbol pipeline parameter                paper's range
    ======================= ====== ================================= ==================
    magnitude_scaling              ``log__scaling``                  linear, log
    n_hidden_layers         n      ``mlp__n_hidden_layers``          3..6
    hidden_layer_exponent   h      ``mlp__hidden_layer_size = 2**h`` 7..10
    learning_rate_exponent  r      ``mlp__learning_rate = 10**r``    uniform [-6, -3]
    batch_normalization            ``mlp__batch_normalization``      off, on
    l2_regularization       lambda ``mlp__l2_regularization``        0, 1e-4, 1e-3, 1e-2
    dropout                 d      ``mlp__dropout``                  uniform [0, 0.5]
    ======================= ====== ================================= ==================

    Parameters
    ----------
    **distributions : optuna.distributions.BaseDistribution, tuple or list
        One entry per searched hyperparameter.

    Raises
    ------
    ValueError
        For an unknown name (the message lists the known ones), an empty range or choice
        list, or a range of the wrong kind (a float range for an integer parameter).

    See Also
    --------
    run_search : Runs a study over a space.

    Examples
    --------
    >>> space = SearchSpace.paper()
    >>> list(space)[:3]
    ['magnitude_scaling', 'n_hidden_layers', 'hidden_layer_exponent']
    >>> space["learning_rate_exponent"]
    FloatDistribution(high=-3.0, log=False, low=-6.0, step=None)
    >>> space.to_params({"hidden_layer_exponent": 9, "learning_rate_exponent": -4.0})
    {'mlp__hidden_layer_size': 512, 'mlp__learning_rate': 0.0001}
    >>> custom = space.replace(dropout=(0.0, 0.8), batch_normalization=None)
    >>> custom["dropout"].high, "batch_normalization" in custom
    (0.8, False)
    >>> SearchSpace(dropuot=(0.0, 0.5))
    Traceback (most recent call last):
    ...
    ValueError: unknown search parameter 'dropuot' (did you mean 'dropout'?); ...
    """

    def __init__(self, **distributions):
        if not distributions:
            raise ValueError("a search space needs at least one hyperparameter")
        checked = {}
        for name, value in distributions.items():
            if name not in PARAMETERS and "__" not in name:
                close = difflib.get_close_matches(name, PARAMETERS, n=1)
                hint = f" (did you mean {close[0]!r}?)" if close else ""
                raise ValueError(
                    f"unknown search parameter {name!r}{hint}; known: {', '.join(PARAMETERS)}, "
                    "or a pipeline parameter written 'step__name' (e.g. 'mlp__batch_size')"
                )
            dist = _as_distribution(name, value)
            if name in PARAMETERS:
                _check_kind(name, dist)
            checked[name] = dist
        self._distributions = checked

    @classmethod
    def paper(cls, **overrides):
        """The paper's search space (Table 2), with optional changes.

        Parameters
        ----------
        **overrides : distribution, tuple, list or None
            Replacements as for :meth:`replace`.

        Returns
        -------
        space : SearchSpace

        Examples
        --------
        >>> len(SearchSpace.paper()), len(SearchSpace.paper(dropout=None))
        (7, 6)
        """
        return cls(**_paper_distributions()).replace(**overrides)

    def replace(self, **changes):
        """A copy with some hyperparameters changed, added or removed.

        Parameters
        ----------
        **changes : distribution, tuple, list or None
            New distribution per name; None removes the hyperparameter from the search
            (the estimator's value is used).

        Returns
        -------
        space : SearchSpace
        """
        merged = dict(self._distributions)
        for name, value in changes.items():
            if value is None:
                if name not in merged:
                    raise ValueError(f"cannot remove {name!r}: it is not in the space")
                del merged[name]
            else:
                merged[name] = value
        return type(self)(**merged)

    # -- Mapping ---------------------------------------------------------------------
    def __getitem__(self, name):
        return self._distributions[name]

    def __iter__(self):
        return iter(self._distributions)

    def __len__(self):
        return len(self._distributions)

    def __repr__(self):
        return f"SearchSpace({', '.join(f'{k}={v!r}' for k, v in self.items())})"

    # -- use ---------------------------------------------------------------------------
    def suggest(self, trial):
        """Draw a value of every hyperparameter from an Optuna trial.

        Parameters
        ----------
        trial : optuna.trial.Trial
            The trial whose sampler draws (or whose fixed parameters give) the values.

        Returns
        -------
        values : dict
            Name -> value, in the space's terms (exponents, not rates).
        """
        from optuna.distributions import CategoricalDistribution, IntDistribution

        values = {}
        for name, dist in self.items():
            if isinstance(dist, CategoricalDistribution):
                values[name] = trial.suggest_categorical(name, dist.choices)
            elif isinstance(dist, IntDistribution):
                values[name] = trial.suggest_int(
                    name, dist.low, dist.high, step=dist.step, log=dist.log
                )
            else:
                values[name] = trial.suggest_float(
                    name, dist.low, dist.high, step=dist.step, log=dist.log
                )
        return values

    def to_params(self, values):
        """Pipeline parameters (for ``Pipeline.set_params``) from values in the space's terms.

        Parameters
        ----------
        values : dict
            Name -> value, as :meth:`suggest` returns or ``study.best_params`` holds.

        Returns
        -------
        params : dict
            Pipeline parameter -> value (``2**h``, ``10**r`` applied).
        """
        params = {}
        for name, value in values.items():
            if name in PARAMETERS:
                p = PARAMETERS[name]
                params[p.target] = _TRANSFORMS[p.transform](value)
            elif name in self:
                params[name] = value
            else:
                raise ValueError(f"{name!r} is not a parameter of this search space")
        return params

    def param_distributions(self):
        """The same space in pipeline terms, for ``OptunaSearchCV(param_distributions=...)``.

        A uniform exponent ``r`` becomes a log-uniform learning rate, an integer exponent
        ``h`` the choice among the powers of two: the same distribution of networks.

        Returns
        -------
        distributions : dict
            Pipeline parameter -> Optuna distribution.

        Examples
        --------
        >>> d = SearchSpace.paper().param_distributions()
        >>> d["mlp__learning_rate"]
        FloatDistribution(high=0.001, log=True, low=1e-06, step=None)
        >>> d["mlp__hidden_layer_size"].choices
        (128, 256, 512, 1024)
        """
        from optuna.distributions import CategoricalDistribution, FloatDistribution

        out = {}
        for name, dist in self.items():
            p = PARAMETERS.get(name)
            if p is None or p.transform == "identity":
                out[p.target if p else name] = dist
                continue
            transform = _TRANSFORMS[p.transform]
            if isinstance(dist, FloatDistribution) and dist.step is None and not dist.log:
                low, high = transform(dist.low), transform(dist.high)
                out[p.target] = FloatDistribution(low, high, log=True)
            else:
                out[p.target] = CategoricalDistribution([transform(v) for v in _grid(dist, 3)])
        return out

    def param_grid(self, *, n_points=3):
        """A grid over the space in pipeline terms, for ``GridSearchCV(param_grid=...)``.

        Choices and integer ranges are listed in full; a continuous range becomes
        ``n_points`` evenly spaced values (in the exponent for ``r``).

        Parameters
        ----------
        n_points : int, default=3
            Values per continuous range.

        Returns
        -------
        grid : dict
            Pipeline parameter -> list of values.

        Examples
        --------
        >>> SearchSpace(learning_rate_exponent=(-4.0, -2.0), dropout=[0.0, 0.5]).param_grid()
        {'mlp__learning_rate': [0.0001, 0.001, 0.01], 'mlp__dropout': [0.0, 0.5]}
        """
        if not _is_number(n_points, Integral) or n_points < 1:
            raise ValueError(f"n_points must be a positive integer, got {n_points!r}")
        grid = {}
        for name, dist in self.items():
            p = PARAMETERS.get(name)
            transform = _TRANSFORMS[p.transform] if p else _TRANSFORMS["identity"]
            grid[p.target if p else name] = [transform(v) for v in _grid(dist, n_points)]
        return grid

    def targets(self):
        """The pipeline parameter each hyperparameter sets.

        Returns
        -------
        targets : dict
            Name -> pipeline parameter.
        """
        return {name: PARAMETERS[name].target if name in PARAMETERS else name for name in self}

    def to_json(self):
        """The space as JSON (what a study stores to recognise its space).

        Returns
        -------
        text : str
        """
        from optuna.distributions import distribution_to_json

        return json.dumps({k: json.loads(distribution_to_json(v)) for k, v in self.items()})

    @classmethod
    def from_json(cls, text):
        """The space :meth:`to_json` wrote.

        Parameters
        ----------
        text : str
            JSON text.

        Returns
        -------
        space : SearchSpace
        """
        from optuna.distributions import json_to_distribution

        return cls(**{k: json_to_distribution(json.dumps(v)) for k, v in json.loads(text).items()})

    def differences(self, other):
        """Names whose distribution differs between two spaces (or is in only one).

        Parameters
        ----------
        other : SearchSpace
            The other space.

        Returns
        -------
        names : list of str
        """
        names = list(self) + [k for k in other if k not in self]
        return [k for k in names if self.get(k) != other.get(k)]

    def describe(self, name):
        """A short text of a hyperparameter's range, like Table 2's.

        Parameters
        ----------
        name : str
            Hyperparameter name.

        Returns
        -------
        text : str
        """
        from optuna.distributions import CategoricalDistribution

        dist = self[name]
        if isinstance(dist, CategoricalDistribution):
            return "{" + ", ".join(map(str, dist.choices)) + "}"
        kind = "log-uniform" if dist.log else "uniform"
        if _is_number(dist.low, Integral) and not isinstance(dist.low, float):
            return f"{dist.low}..{dist.high}"
        return f"{kind} [{dist.low:g}, {dist.high:g}]"


def _grid(dist, n_points):
    """Values spanning a distribution: all choices / integers, or evenly spaced floats."""
    from optuna.distributions import CategoricalDistribution, IntDistribution

    if isinstance(dist, CategoricalDistribution):
        return list(dist.choices)
    if isinstance(dist, IntDistribution):
        return list(range(dist.low, dist.high + 1, dist.step))
    if dist.step is not None:
        return [float(v) for v in np.arange(dist.low, dist.high + dist.step / 2, dist.step)]
    if dist.log:
        return [float(v) for v in np.geomspace(dist.low, dist.high, n_points)]
    return [float(v) for v in np.linspace(dist.low, dist.high, n_points)]
