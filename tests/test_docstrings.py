"""The public API's docstrings follow numpydoc (validated with ``numpydoc.validate``)."""

import importlib
import inspect

import pytest

numpydoc_validate = pytest.importorskip("numpydoc.validate")

#: Subpackages whose ``__all__`` is the public API.
MODULES = [
    "skbass",
    "skbass.features",
    "skbass.neural_network",
    "skbass.metrics",
    "skbass.transcription",
    "skbass.recognition",
    "skbass.datasets",
    "skbass.utils",
    "skbass.experiments",
    "skbass.model_selection",
    "skbass.semi_supervised",
]

#: Checks enforced: a docstring exists, a one-line summary ending with a period, every
#: parameter documented with a type and description, no unknown parameter, returns and
#: yields documented.
CHECKS = {"GL08", "SS01", "SS03", "SS06", "PR01", "PR02", "PR04", "PR07", "PR10", "RT01", "YD01"}

#: Methods inherited from scikit-learn, scikeras or Keras are documented there.
_OWN = "skbass."


def _public_names():
    names = set()
    for module_name in MODULES:
        module = importlib.import_module(module_name)
        for name in module.__all__:
            obj = getattr(module, name)
            if not (inspect.isclass(obj) or inspect.isfunction(obj)):
                continue
            qualname = f"{obj.__module__}.{obj.__qualname__}"
            names.add(qualname)
            if inspect.isclass(obj):
                for attr, member in vars(obj).items():
                    if attr.startswith("_") or not inspect.isfunction(member):
                        continue
                    if member.__module__.startswith(_OWN):
                        names.add(f"{qualname}.{attr}")
    return sorted(names)


@pytest.mark.parametrize("name", _public_names())
def test_numpydoc(name):
    result = numpydoc_validate.validate(name)
    errors = [f"{code}: {msg}" for code, msg in result["errors"] if code in CHECKS]
    assert not errors, "\n".join(errors)
