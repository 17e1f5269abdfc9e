"""The version of skbass, read by ``pyproject.toml`` and ``skbass.__version__``."""

__version__ = "0.1.0"
