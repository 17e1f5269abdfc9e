"""The bass transcription pipeline: CQT frames, log scaling, frame stacking, network."""

from sklearn.pipeline import Pipeline

from ..features import CQTFrames, FrameStacker, LogScaler


def bass_pipeline(*, context=3, n_jobs=None, **mlp_params):
    """The bass transcription pipeline: CQT frames, log scaling, frame stacking, network.

    Parameters
    ----------
    context : int, default=3
        Neighbouring frames stacked on each side (0: the paper's per-frame model).
    n_jobs : int or None
        Parallel CQT extraction over recordings.
    **mlp_params
        Parameters of :class:`BassSalienceMLP`.

    Returns
    -------
    pipeline : sklearn.pipeline.Pipeline
        Steps ``cqt``, ``log``, ``stack``, ``mlp``.

    Examples
    --------
    >>> bass_pipeline(context=0).named_steps["stack"].context
    0
    """
    from ..neural_network import BassSalienceMLP

    return Pipeline(
        [
            ("cqt", CQTFrames(n_jobs=n_jobs)),
            ("log", LogScaler()),
            ("stack", FrameStacker(context=context)),
            ("mlp", BassSalienceMLP(**mlp_params)),
        ]
    )
