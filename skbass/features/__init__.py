"""Transformers from audio to features: constant-Q frames, scaling, context, bag of features.

Names load on first use (``lazy_loader``), so the plain NumPy functions the transformers
call (``_constant_q``, ``_framewise``) import without scikit-learn.
"""

import lazy_loader

__getattr__, __dir__, __all__ = lazy_loader.attach(
    __name__,
    submod_attrs={
        "_bag_of_features": ["BagOfFeatures", "bag_of_features", "bag_of_features_baseline"],
        "_constant_q": ["cqt_frames"],
        "_cqt": ["CQTFrames"],
        "_framewise": ["stack_frames"],
        "_scaling": ["LogScaler"],
        "_spiral": ["SpiralBands"],
        "_stacking": ["FrameStacker"],
    },
)
