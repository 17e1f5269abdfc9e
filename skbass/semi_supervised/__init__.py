"""Semi-supervised learning: label propagation from labelled to unlabelled frames."""

from ._label_propagator import LabelPropagator
from ._similarity import max_cosine_similarity

__all__ = ["LabelPropagator", "max_cosine_similarity"]
