"""The instrument recognition pipeline: CQT frames, log compression, hybrid convnet."""

from sklearn.pipeline import Pipeline

from ..features import CQTFrames, LogScaler
from ..utils._constants import (
    BRANCHES,
    CQT_BINS_PER_OCTAVE,
    INSTRUMENT_FMIN,
    INSTRUMENT_HOP_LENGTH,
    INSTRUMENT_N_BINS,
    INSTRUMENT_SR,
)


def instrument_pipeline(*, branches=BRANCHES, n_jobs=None, memory=None, **params):
    """The instrument recogniser from audio to label: CQT, log compression, convnet.

    The paper's front end (section 4): constant-Q magnitudes at 44,100 Hz with a hop of
    1024 samples (23.2 ms), 12 bins per octave, 96 bins from A1 (55 Hz) to about 13.3 kHz,
    then :class:`~skbass.features.LogScaler`'s ``log1p(100 |CQT|)`` as the "nonlinear
    perceptual weighting of loudness". Log compression is what the paper's argument
    relies on (section 5.1: "due to the logarithmic compression of loudness, the
    polynomial decay of the spectral envelope is linearized"), and it keeps a transposed
    note a translated pattern, which the weight sharing exploits; an A-weighting curve
    (librosa's ``perceptual_weighting``) would add a fixed per-bin offset of up to 30 dB
    across the spectrum that the convolutions would have to learn around. ``log1p`` keeps
    silence at 0 without a floor parameter.

    Parameters
    ----------
    branches : tuple of {"2d", "1d", "spiral"}, default=("2d", "1d", "spiral")
        The convnet's branches.
    n_jobs : int or None, default=None
        Recordings transformed in parallel by the CQT.
    memory : str, joblib.Memory or None, default=None
        Cache of the CQT frames.
    **params
        Further parameters of :class:`HybridConvNetClassifier`.

    Returns
    -------
    pipeline : sklearn.pipeline.Pipeline
        Steps ``cqt``, ``log``, ``convnet``; fitted on a list of recordings (file paths or
        signals at 44,100 Hz) and one class name each, it predicts one class per recording.

    Examples
    --------
    >>> pipe = instrument_pipeline(branches=("2d",))
    >>> [name for name, _ in pipe.steps]
    ['cqt', 'log', 'convnet']
    >>> pipe["cqt"].n_bins, pipe["cqt"].sr, pipe["convnet"].branches
    (96, 44100, ('2d',))
    """
    from ..neural_network import HybridConvNetClassifier

    return Pipeline(
        [
            (
                "cqt",
                CQTFrames(
                    sr=INSTRUMENT_SR,
                    hop_length=INSTRUMENT_HOP_LENGTH,
                    fmin=INSTRUMENT_FMIN,
                    n_bins=INSTRUMENT_N_BINS,
                    bins_per_octave=CQT_BINS_PER_OCTAVE,
                    n_jobs=n_jobs,
                    memory=memory,
                ),
            ),
            ("log", LogScaler()),
            ("convnet", HybridConvNetClassifier(branches=branches, **params)),
        ]
    )
