"""Fitted pipelines as plain JSON and arrays, rebuilt from an explicit list of classes.

A value becomes JSON when it is a plain JSON value; a tuple, a NumPy array, an estimator
or a Keras network becomes a tagged object (``{"__tuple__": [...]}``, ``{"__array__":
"a0"}`` naming an array stored beside the JSON, ``{"__estimator__": "module.Class",
"params": ..., "state": ...}``, ``{"__keras_weights__": [...]}``). Decoding constructs
only the classes in :data:`ALLOWED_CLASSES`, from their ``get_params`` and their fitted
attributes; nothing in a file can name code to run.

A Keras estimator (:class:`~skbass.neural_network.BassSalienceMLP`,
:class:`~skbass.neural_network.HybridConvNetClassifier`) is decoded either as itself
(``frozen=False``: Keras rebuilds the network, for further training) or as its
inference-only twin holding the same weights (``frozen=True``:
:class:`~skbass.neural_network._forward.FrozenSalienceMLP`,
:class:`~skbass.neural_network._conv_forward.FrozenHybridConvNet`; inference in NumPy,
TensorFlow and Keras are never imported).
"""

import importlib
from numbers import Integral, Real

import numpy as np

#: Classes a model file may name: qualified name -> (module, attribute) to import.
ALLOWED_CLASSES = {
    "sklearn.pipeline.Pipeline": ("sklearn.pipeline", "Pipeline"),
    "sklearn.preprocessing.FunctionTransformer": ("sklearn.preprocessing", "FunctionTransformer"),
    "skbass.features.CQTFrames": ("skbass.features", "CQTFrames"),
    "skbass.features.LogScaler": ("skbass.features", "LogScaler"),
    "skbass.features.FrameStacker": ("skbass.features", "FrameStacker"),
    "skbass.neural_network.BassSalienceMLP": ("skbass.neural_network", "BassSalienceMLP"),
    "skbass.neural_network.PitchTargetEncoder": ("skbass.neural_network", "PitchTargetEncoder"),
    "skbass.neural_network.FrozenSalienceMLP": (
        "skbass.neural_network._forward",
        "FrozenSalienceMLP",
    ),
    "skbass.neural_network.HybridConvNetClassifier": (
        "skbass.neural_network",
        "HybridConvNetClassifier",
    ),
    "skbass.neural_network.FrozenHybridConvNet": (
        "skbass.neural_network._conv_forward",
        "FrozenHybridConvNet",
    ),
}
_KERAS_MLP = "skbass.neural_network.BassSalienceMLP"
_KERAS_CONVNET = "skbass.neural_network.HybridConvNetClassifier"
_TAGS = ("__tuple__", "__array__", "__estimator__", "__keras_weights__")


def _qualified_name(cls):
    for name, (module, attribute) in ALLOWED_CLASSES.items():
        if cls.__name__ == attribute and cls is getattr(importlib.import_module(module), attribute):
            return name
    raise TypeError(
        f"cannot save a {cls.__module__}.{cls.__qualname__}: a model file holds only "
        f"{', '.join(sorted(ALLOWED_CLASSES))}"
    )


def _fitted_attributes(estimator):
    return {
        key: value
        for key, value in vars(estimator).items()
        if key.endswith("_")
        and not key.startswith("_")
        and key not in getattr(estimator, "_unsaved_attributes", ())
    }


class Encoder:
    """Turns estimators and values into JSON, collecting arrays in :attr:`arrays`."""

    def __init__(self):
        self.arrays = {}

    def _array(self, value):
        if value.dtype.kind == "O" and all(isinstance(v, str) for v in value.flat):
            value = value.astype(str)  # class names kept as an object array
        if value.dtype.kind not in "biufU":
            raise TypeError(
                f"cannot save an array of dtype {value.dtype}: numbers and strings only"
            )
        key = f"a{len(self.arrays)}"
        self.arrays[key] = value
        return {"__array__": key}

    def encode(self, value, where="model"):
        """JSON form of ``value``.

        Parameters
        ----------
        value : object
            A plain value, a tuple, a list, a dict with string keys, a NumPy array or
            scalar, an estimator of an allowed class or a Keras network.
        where : str
            Location of the value, for error messages.

        Returns
        -------
        encoded : object
            Plain JSON value.
        """
        if value is None or isinstance(value, (bool, str)):
            return value
        if isinstance(value, Integral):
            return int(value)
        if isinstance(value, Real):
            return float(value)
        if isinstance(value, np.ndarray):
            return self._array(value)
        if isinstance(value, tuple):
            return {"__tuple__": [self.encode(v, f"{where}[{i}]") for i, v in enumerate(value)]}
        if isinstance(value, list):
            return [self.encode(v, f"{where}[{i}]") for i, v in enumerate(value)]
        if isinstance(value, dict):
            if not all(isinstance(k, str) and k not in _TAGS for k in value):
                raise TypeError(f"cannot save {where}: dict keys must be plain strings")
            return {k: self.encode(v, f"{where}.{k}") for k, v in value.items()}
        if hasattr(value, "get_params"):
            return self._estimator(value, where)
        if type(value).__module__.startswith("keras.") and hasattr(value, "get_weights"):
            return {
                "__keras_weights__": [self._array(w) for w in value.get_weights()],
                "names": [variable.path for variable in value.weights],
            }
        raise TypeError(
            f"cannot save {where} (of type {type(value).__name__}): only plain values, arrays and "
            "skbass estimators go into a model file"
        )

    def _estimator(self, estimator, where):
        name = _qualified_name(type(estimator))
        params = estimator.get_params(deep=False)
        return {
            "__estimator__": name,
            "params": {k: self.encode(v, f"{where}.{k}") for k, v in params.items()},
            "state": {
                k: self.encode(v, f"{where}.{k}") for k, v in _fitted_attributes(estimator).items()
            },
        }


def _allowed_class(name):
    if name not in ALLOWED_CLASSES:
        raise ValueError(
            f"the model file names the class {name!r}, which skbass does not load; "
            f"allowed: {', '.join(sorted(ALLOWED_CLASSES))}"
        )
    module, attribute = ALLOWED_CLASSES[name]
    return getattr(importlib.import_module(module), attribute)


def decode(value, arrays, *, frozen=False):
    """Rebuild a value written by :class:`Encoder`.

    Parameters
    ----------
    value : object
        JSON value.
    arrays : mapping of str to np.ndarray
        The arrays stored beside the JSON.
    frozen : bool, default=False
        Decode a :class:`BassSalienceMLP` as an inference-only ``FrozenSalienceMLP``
        (NumPy forward pass, no Keras import) instead of rebuilding its Keras network.

    Returns
    -------
    decoded : object

    Raises
    ------
    ValueError
        If the JSON names a class outside :data:`ALLOWED_CLASSES`, a missing array or
        a malformed entry.
    """
    if isinstance(value, list):
        return [decode(v, arrays, frozen=frozen) for v in value]
    if not isinstance(value, dict):
        return value
    if "__tuple__" in value:
        return tuple(decode(v, arrays, frozen=frozen) for v in value["__tuple__"])
    if "__array__" in value:
        key = value["__array__"]
        if key not in arrays:
            raise ValueError(f"the model file lacks the array {key!r}")
        return arrays[key]
    if "__estimator__" in value:
        if frozen and value["__estimator__"] == _KERAS_MLP:
            return _decode_frozen(value, arrays)
        if frozen and value["__estimator__"] == _KERAS_CONVNET:
            return _decode_frozen_convnet(value, arrays)
        return _decode_estimator(value, arrays, frozen)
    if "__keras_weights__" in value:
        raise ValueError("a Keras network's weights must belong to an estimator's model_")
    return {k: decode(v, arrays, frozen=frozen) for k, v in value.items()}


def _decode_frozen(value, arrays):
    """A saved BassSalienceMLP as a FrozenSalienceMLP: its weights, classes and voicing."""
    from ..neural_network._forward import KERAS_BATCH_NORM_EPSILON, FrozenSalienceMLP

    params, state = value.get("params", {}), value.get("state", {})
    weights = state.get("model_")
    if not isinstance(weights, dict) or "__keras_weights__" not in weights:
        raise ValueError("the model file's model_ entry is not a list of weights")
    missing = {"classes_", "pitches_", "n_features_in_"} - set(state)
    if missing:
        raise ValueError(f"the model file's network lacks {sorted(missing)}")
    frozen = FrozenSalienceMLP(voicing_threshold=decode(params.get("voicing_threshold"), arrays))
    frozen.classes_ = decode(state["classes_"], arrays)
    frozen.pitches_ = decode(state["pitches_"], arrays)
    frozen.n_features_in_ = int(decode(state["n_features_in_"], arrays))
    frozen.weights_ = [decode(w, arrays) for w in weights["__keras_weights__"]]
    frozen.batch_normalization_ = bool(params.get("batch_normalization", True))
    frozen.epsilon_ = KERAS_BATCH_NORM_EPSILON
    expected = 1 + int(params.get("n_hidden_layers", 3))
    per_layer = 5 if frozen.batch_normalization_ else 2
    if len(frozen.weights_) != per_layer * (expected - 1) + 2:
        raise ValueError(
            f"the model file's network has {len(frozen.weights_)} weight arrays, which do not "
            f"fit its {expected - 1} hidden layers"
        )
    return frozen


def _decode_frozen_convnet(value, arrays):
    """A saved HybridConvNetClassifier as a FrozenHybridConvNet: weights by layer name."""
    from ..neural_network._conv_forward import FrozenHybridConvNet

    params, state = value.get("params", {}), value.get("state", {})
    weights = state.get("model_")
    if not isinstance(weights, dict) or "__keras_weights__" not in weights:
        raise ValueError("the model file's model_ entry is not a list of weights")
    names = weights.get("names")
    if not isinstance(names, list) or len(names) != len(weights["__keras_weights__"]):
        raise ValueError("the model file's network weights are not named")
    fitted = ("classes_", "n_bins_", "n_features_in_", "input_mean_", "input_std_")
    missing = set(fitted) - set(state)
    if missing:
        raise ValueError(f"the model file's network lacks {sorted(missing)}")
    kept = ("branches", "pool_size", "temporal_pool_size", "negative_slope", "spiral_bands")
    kept += ("high_band", "normalization", "patch_frames", "n_bins")
    frozen = FrozenHybridConvNet(**{k: decode(params[k], arrays) for k in kept if k in params})
    for key in fitted:
        setattr(frozen, key, decode(state[key], arrays))
    # a variable's path is "<layer>/<variable>"; keep those two parts
    frozen.weights_ = {
        "/".join(str(name).split("/")[-2:]): decode(w, arrays)
        for name, w in zip(names, weights["__keras_weights__"])
    }
    return frozen


def _decode_estimator(value, arrays, frozen=False):
    cls = _allowed_class(value["__estimator__"])
    params = decode(value.get("params", {}), arrays, frozen=frozen)
    if "steps" in params:  # Pipeline: a list of (name, estimator) pairs
        params["steps"] = [tuple(step) for step in params["steps"]]
    estimator = cls(**params)
    state = dict(value.get("state", {}))
    weights = state.pop("model_", None)
    for key, encoded in state.items():
        if not (key.endswith("_") and key.isidentifier() and not key.startswith("_")):
            raise ValueError(f"the model file sets {key!r}, which is not a fitted attribute")
        setattr(estimator, key, decode(encoded, arrays, frozen=frozen))
    if weights is not None:
        if not isinstance(weights, dict) or "__keras_weights__" not in weights:
            raise ValueError("the model file's model_ entry is not a list of weights")
        network = estimator._keras_build_fn(estimator._get_metadata())
        network.set_weights([decode(w, arrays) for w in weights["__keras_weights__"]])
        estimator.model_ = network
    return estimator
