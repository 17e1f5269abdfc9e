"""A saved bass pipeline run in NumPy alone: what the ``skbass transcribe`` command uses.

A fitted bass pipeline (:class:`~skbass.CQTFrames`, :class:`~skbass.LogScaler`,
:class:`~skbass.FrameStacker`, :class:`~skbass.BassSalienceMLP`) computes the same thing as
the functions its steps call: :func:`~skbass.features._constant_q.cqt_frames`,
:func:`~skbass.features._framewise.compress`, :func:`~skbass.features._framewise.stack_frames` and
:func:`~skbass.neural_network._mlp_forward.mlp_forward`. :func:`read_runtime` reads those steps'
parameters and the network's weights from a model file into a :class:`BassRuntime` that
calls these functions directly, so transcribing with it imports neither scikit-learn nor
librosa nor TensorFlow: the command answers in well under a second of start-up instead of
two to four. A file holding any other pipeline is left to :func:`skbass.load_model`.
"""

from dataclasses import dataclass

import numpy as np

from ..features._constant_q import CQT_PARAMS, cqt_frames, frames_tuning
from ..features._framewise import compress, context_sides, stack_frames
from ..neural_network._mlp_forward import KERAS_BATCH_NORM_EPSILON, mlp_forward
from ..utils._frames import check_one_frame, frame_times
from ..utils._model_file import read_model_file, resolve_model_path
from ..utils._serialization import decode

_STEPS = (
    ("cqt", "skbass.features.CQTFrames"),
    ("log", "skbass.features.LogScaler"),
    ("stack", "skbass.features.FrameStacker"),
    ("mlp", ("skbass.neural_network.BassSalienceMLP", "skbass.neural_network.FrozenSalienceMLP")),
)


@dataclass
class BassRuntime:
    """A fitted bass pipeline's inference, computed with the functions its steps call.

    Made by :func:`read_runtime`; :func:`skbass.transcribe` takes it in place of the
    pipeline and returns the same :class:`~skbass.BassLine`.

    Parameters
    ----------
    cqt : dict
        :class:`~skbass.CQTFrames` parameters (``sr``, ``hop_length``, ``fmin``,
        ``n_bins``, ``bins_per_octave``, ``magnitude``, ``tuning``, ``peak_range``).
    scaling : str
        :class:`~skbass.LogScaler` ``scaling``.
    gain : float
        :class:`~skbass.LogScaler` ``gain``.
    context : int or tuple of int
        :class:`~skbass.FrameStacker` ``context``.
    weights : list of np.ndarray
        The network's weights (Keras ``get_weights`` order).
    batch_normalization : bool
        Whether the network's hidden layers have batch normalisation.
    pitches : np.ndarray [shape=(n_pitches,)]
        MIDI pitch of each salience output.
    voicing_threshold : float or None
        Peak salience above which a frame is voiced; None: every frame.
    epsilon : float, default=1e-3
        Batch normalisation's epsilon.
    """

    cqt: dict
    scaling: str
    gain: float
    context: int
    weights: list
    batch_normalization: bool
    pitches: np.ndarray
    voicing_threshold: object
    epsilon: float = KERAS_BATCH_NORM_EPSILON

    @property
    def sr(self):
        """Sample rate the audio is analysed at, in Hz."""
        return self.cqt["sr"]

    @property
    def hop_length(self):
        """Samples between frames."""
        return self.cqt["hop_length"]

    @property
    def fmin(self):
        """Centre frequency of the lowest CQT bin in Hz."""
        return self.cqt["fmin"]

    def tuning(self, audio):
        """The shift of the constant-Q bins for a signal, in fractions of a semitone.

        Parameters
        ----------
        audio : np.ndarray [shape=(n,)]
            Mono signal at :attr:`sr`.

        Returns
        -------
        tuning : float
            The model's fixed ``tuning``, or the signal's own (see the docs' "Tuning").
        """
        return frames_tuning(audio, self.cqt)

    def analyse(self, audio, *, tuning=None):
        """Constant-Q frames and salience of a mono signal at :attr:`sr`.

        Parameters
        ----------
        audio : np.ndarray [shape=(n,)]
            Mono signal at :attr:`sr`, checked (``load_recording``).
        tuning : float or None, default=None
            Shift of the bins (what :meth:`tuning` gives); None: the model's setting.

        Returns
        -------
        cqt : np.ndarray [shape=(n_frames, n_bins), dtype=float32]
        salience : np.ndarray [shape=(n_frames, n_pitches), dtype=float32]

        Raises
        ------
        ValueError
            If the signal is shorter than one hop.
        """
        check_one_frame(audio, hop_length=self.hop_length)
        params = self.cqt if tuning is None else {**self.cqt, "tuning": tuning}
        cqt = cqt_frames(audio, **params)
        return cqt, self.salience(cqt)

    def salience(self, cqt):
        """The network's salience of constant-Q frames made with :attr:`cqt`.

        Parameters
        ----------
        cqt : np.ndarray [shape=(n_frames, n_bins)]
            Constant-Q magnitudes (:func:`~skbass.features._constant_q.cqt_frames`).

        Returns
        -------
        salience : np.ndarray [shape=(n_frames, n_pitches), dtype=float32]
        """
        features = stack_frames(compress(cqt, scaling=self.scaling, gain=self.gain), self.context)
        return mlp_forward(
            features,
            self.weights,
            batch_normalization=self.batch_normalization,
            epsilon=self.epsilon,
        )

    def frame_times(self, n_frames):
        """Centre times in seconds of the first ``n_frames`` frames.

        Parameters
        ----------
        n_frames : int

        Returns
        -------
        times : np.ndarray [shape=(n_frames,)]
        """
        return frame_times(n_frames, sr=self.sr, hop_length=self.hop_length)


def _step(entry, expected):
    """``(params, state)`` of a pipeline step's JSON if it is the expected kind, else None."""
    name, kinds = expected
    if not isinstance(entry, dict) or "__tuple__" not in entry or len(entry["__tuple__"]) != 2:
        return None
    step_name, estimator = entry["__tuple__"]
    kinds = (kinds,) if isinstance(kinds, str) else kinds
    if step_name != name or not isinstance(estimator, dict):
        return None
    if estimator.get("__estimator__") not in kinds:
        return None
    return estimator.get("params", {}), estimator.get("state", {})


def read_runtime(path=None):
    """The :class:`BassRuntime` of a bass model file, or None if the file holds another pipeline.

    Parameters
    ----------
    path : str, os.PathLike or None
        Model file, or ``"bass"``/None for the shipped bass model.

    Returns
    -------
    runtime : BassRuntime or None
        None when the file is not an ``.npz`` model file whose pipeline is exactly
        ``cqt, log, stack, mlp`` with a trained network; :func:`skbass.load_model` reads
        those (and explains what is wrong with a bad file).

    Raises
    ------
    FileNotFoundError
        If the file does not exist.
    ValueError
        If the file is not an skbass model file.
    """
    path, is_archive = resolve_model_path(path)
    if not is_archive:
        return None
    payload, arrays = read_model_file(path)
    pipeline = payload.get("pipeline")
    steps = pipeline.get("params", {}).get("steps") if isinstance(pipeline, dict) else None
    if not isinstance(steps, list) or len(steps) != len(_STEPS):
        return None
    parsed = [_step(entry, expected) for entry, expected in zip(steps, _STEPS)]
    if any(p is None for p in parsed):
        return None
    (cqt, _), (log, _), (stack, _), (mlp, state) = parsed
    # files written before CQTFrames had these parameters: their defaults
    cqt = {"tuning": 0.0, "peak_range": None, **cqt}
    epsilon = KERAS_BATCH_NORM_EPSILON
    if state.get("weights_") is not None:  # a saved FrozenSalienceMLP
        weights = decode(state["weights_"], arrays)
        batch_normalization = bool(state.get("batch_normalization_", True))
        epsilon = float(state.get("epsilon_", epsilon))
    else:
        model = state.get("model_")
        if not isinstance(model, dict) or "__keras_weights__" not in model:
            return None
        weights = decode(model["__keras_weights__"], arrays)
        batch_normalization = bool(mlp.get("batch_normalization", True))
    if "pitches_" not in state or any(key not in cqt for key in CQT_PARAMS):
        return None
    try:
        return BassRuntime(
            cqt={key: decode(cqt[key], arrays) for key in CQT_PARAMS},
            scaling=log.get("scaling", "log"),
            gain=float(log.get("gain", 100.0)),
            context=context_sides(decode(stack.get("context", 0), arrays)),
            weights=[np.asarray(w, dtype=np.float32) for w in weights],
            batch_normalization=batch_normalization,
            pitches=np.asarray(decode(state["pitches_"], arrays)),
            voicing_threshold=mlp.get("voicing_threshold"),
            epsilon=epsilon,
        )
    except (KeyError, TypeError, ValueError):
        return None
