"""The bass transcription pipelines: CQT frames, log scaling, frame stacking, network; one
for the pitch salience and one for note onsets at a finer hop."""

from sklearn.pipeline import Pipeline

from ..features import CQTFrames, FrameStacker, LogScaler

#: Peak amplitudes of the bass training recordings: the recording chain normalises each to
#: 0.5-0.95 (clean ones to 0.9). The bass pipelines bring a recording outside it to its
#: nearer bound (``CQTFrames(peak_range=...)``); a test keeps it equal to the chain's.
TRAINING_PEAK_RANGE = (0.5, 0.95)


def bass_pipeline(*, context=3, n_jobs=None, **mlp_params):
    """The bass transcription pipeline: CQT frames, log scaling, frame stacking, network.

    The CQT frames follow each recording's tuning (``CQTFrames(tuning=None)``; set
    ``cqt__tuning=0.0`` for the paper's fixed A440 grid), and a recording whose peak
    amplitude lies outside the training recordings' range is first scaled into it
    (``peak_range=TRAINING_PEAK_RANGE``; ``cqt__peak_range=None``: as it is).

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
            ("cqt", CQTFrames(tuning=None, peak_range=TRAINING_PEAK_RANGE, n_jobs=n_jobs)),
            ("log", LogScaler()),
            ("stack", FrameStacker(context=context)),
            ("mlp", BassSalienceMLP(**mlp_params)),
        ]
    )


#: Hop of the onset network's CQT frames in samples at 22 050 Hz (11.6 ms): a quarter of
#: the salience network's, so that an onset is placed to within a few milliseconds.
ONSET_HOP_LENGTH = 256
#: Frames the onset network sees before and after its frame: more after, where the note
#: sounds (on validation ensembles the symmetric 8/8 measured 3 points lower note onset F).
ONSET_CONTEXT = (4, 12)


def onset_pipeline(
    *, hop_length=ONSET_HOP_LENGTH, context=ONSET_CONTEXT, n_jobs=None, **mlp_params
):
    """The bass onset pipeline: fine-hop CQT frames, log scaling, asymmetric stacking, network.

    Trained on the ``"onsets"`` labels (:func:`~skbass.datasets.notes_to_frame_labels`),
    its network's output for a pitch is the probability that a bass note of that pitch
    starts at the frame; :meth:`~skbass.BassLine.notes` starts notes at its peaks.

    Parameters
    ----------
    hop_length : int, default=256
        Samples between frames.
    context : int or tuple of int, default=(4, 12)
        Frames stacked before and after each frame.
    n_jobs : int or None
        Parallel CQT extraction over recordings.
    **mlp_params
        Parameters of :class:`BassSalienceMLP`.

    Returns
    -------
    pipeline : sklearn.pipeline.Pipeline
        Steps ``cqt``, ``log``, ``stack``, ``mlp``, the salience pipeline's.

    Examples
    --------
    >>> onset_pipeline().named_steps["stack"].context
    (4, 12)
    """
    pipeline = bass_pipeline(context=context, n_jobs=n_jobs, **mlp_params)
    pipeline.named_steps["cqt"].set_params(hop_length=hop_length)
    return pipeline
