"""Transcribing a recording with a fitted bass pipeline, and the result: a BassLine."""

import csv
import os
from dataclasses import dataclass

import numpy as np

from ..features._constant_q import CQT_PARAMS, frames_tuning
from ..utils._audio import load_recording
from ..utils._midi import write_midi
from ..utils._salience import DecodedSalience, decode_salience

#: ``self_transition`` of the Viterbi path that gives :func:`transcribe`'s frame pitch: the
#: probability of keeping the pitch from one frame to the next (1/44 would be no
#: smoothing).  Chosen on the validation ensembles (training soundfonts, hard chain): raw
#: pitch accuracy 0.894 with the arg-max of each frame, 0.904-0.908 for 0.1-0.6.
FRAME_SELF_TRANSITION = 0.3
#: ``interval_scale`` of that path (:func:`~skbass.transcription._notes.transition_matrix`):
#: moves between pitches prefer small intervals, the weight falling by e every 3 semitones.
#: Chosen on the validation sets of the four training soundfonts (the docs' "Frame
#: pitch"): raw pitch accuracy 0.860 -> 0.867 (hard ensembles), 0.913 -> 0.918 (clean),
#: 0.998 (isolated notes), with gains for the two networks shipped before it too.
FRAME_INTERVAL_SCALE = 3.0
#: Likelihood of "no bass" in :meth:`BassLine.notes`: the best mean note onset F over
#: three validation sets (training soundfonts: hard ensembles, clean ensembles, isolated
#: notes through the recording chain), 0.878 against 0.862 with the frames' voicing
#: threshold 0.66; lower than that, since a note's fading end is still the note.
NOTE_VOICING_THRESHOLD = 0.45
#: The ``"hmm"`` notes' likelihood of "no bass" in frames where a voicing network (see
#: :func:`transcribe`) hears a note sounding (its peak salience above 0.5): lower, so a
#: note lasts while it rings. On the validation sets above, with the shipped pair, it
#: raises the note onset+offset F by 11, 8 and 2 points (hard, clean, isolated) and
#: changes the mean onset F by -0.2 points (0.2: -0.5 points; the docs' "Voicing network").
NOTE_SOUNDING_THRESHOLD = 0.25
#: Peak height of the onset network's highest output that starts a note in
#: :meth:`BassLine.notes` (``method="onsets"``): the best mean note onset F on the
#: validation sets above for the network of the onset recipe (0.4 and 0.5 tie; the docs'
#: "Onset network").
ONSET_THRESHOLD = 0.4
#: Salience of its pitch below which an ``"onsets"`` note ends (else at the next onset):
#: the best mean onset+offset F on the same sets among 0.05-0.25 (bass lines in
#: ensembles are mostly legato, so a note lasts until the next).
ONSET_OFFSET_THRESHOLD = 0.05


@dataclass
class BassLine:
    """A recording's estimated bass line, frame by frame, with its writers.

    Made by :func:`transcribe`.

    Parameters
    ----------
    times : np.ndarray [shape=(n_frames,)]
        Frame centres in seconds (``i * hop_length / sr``).
    midi : np.ndarray [shape=(n_frames,)]
        MIDI pitch per frame: the Viterbi path over the pitches (see :func:`transcribe`)
        or the most salient pitch of each frame.
    salience : np.ndarray [shape=(n_frames,)]
        Its salience.
    voiced : np.ndarray [shape=(n_frames,), dtype=bool]
        The voicing decision: the frame's voicing score above ``voicing_threshold``
        (the highest salience, or with a voicing network the mean of the two networks'
        highest, see :func:`transcribe`).
    salience_matrix : np.ndarray [shape=(n_frames, n_pitches)]
        Salience of every pitch.
    pitches : np.ndarray [shape=(n_pitches,)]
        MIDI pitch of each salience column.
    cqt : np.ndarray [shape=(n_frames, n_bins)]
        Constant-Q magnitudes the line was estimated from.
    cqt_fmin : float
        Centre frequency of the lowest CQT bin in Hz.
    audio : np.ndarray [shape=(n_samples,)]
        The mono signal at ``sr``.
    sr : int
        Sample rate in Hz.
    hop_length : int
        Samples between frames.
    voicing_threshold : float, np.ndarray [shape=(n_frames,)] or None, default=None
        The voicing threshold ``voiced`` was decided with. None: every frame is voiced.
    onset_salience : np.ndarray [shape=(n_onset_frames, n_pitches)] or None, default=None
        The onset network's output: per pitch, the probability that a bass note of that
        pitch starts at the frame (see :func:`transcribe`'s ``onset_model``). None: the
        line was transcribed without one.
    onset_times : np.ndarray [shape=(n_onset_frames,)] or None, default=None
        Centres of the onset network's frames in seconds.
    voicing_peak : np.ndarray [shape=(n_frames,)] or None, default=None
        The voicing network's highest salience per frame: how surely a bass note sounds
        (see :func:`transcribe`'s ``voicing_model``). None: the line was transcribed
        without one.
    tuning : float, default=0.0
        Deviation from A440, in fractions of a semitone, of the constant-Q bins the line
        was estimated on: the recording's own tuning when the model follows it (see the
        docs' "Tuning"), else the model's fixed one. The MIDI pitches are the nearest
        semitones on that grid.
    """

    times: np.ndarray
    midi: np.ndarray
    salience: np.ndarray
    voiced: np.ndarray
    salience_matrix: np.ndarray
    pitches: np.ndarray
    cqt: np.ndarray
    cqt_fmin: float
    audio: np.ndarray
    sr: int
    hop_length: int
    voicing_threshold: object = None
    onset_salience: object = None
    onset_times: object = None
    voicing_peak: object = None
    tuning: float = 0.0

    @property
    def estimate(self):
        """MIDI pitch per frame, 0 where no bass was detected.

        Returns
        -------
        pitch : np.ndarray [shape=(n_frames,)]
        """
        return DecodedSalience(self.midi, self.salience, self.voiced).estimate

    @property
    def signed_estimate(self):
        """MIDI pitch per frame, negated where no bass was detected (MIREX convention).

        What :mod:`skbass.metrics` takes: raw pitch accuracy scores the pitch on
        every labelled frame, the voicing measures score the sign.

        Returns
        -------
        pitch : np.ndarray [shape=(n_frames,)]
        """
        return DecodedSalience(self.midi, self.salience, self.voiced).signed

    # -- notes -----------------------------------------------------------------------

    def notes(
        self,
        *,
        method=None,
        self_transition=0.05,
        voicing_threshold=NOTE_VOICING_THRESHOLD,
        sounding_threshold=NOTE_SOUNDING_THRESHOLD,
        onset_threshold=ONSET_THRESHOLD,
        offset_threshold=ONSET_OFFSET_THRESHOLD,
        onset_rise=0.5,
        min_frames=2,
    ):
        """Note events from the salience and the onsets (:mod:`skbass.transcription._notes`).

        ``"onsets"`` starts a note at each peak of the onset network's output (the line
        must have :attr:`onset_salience`) and ends it at the next onset or where its
        pitch's salience fades;
        ``"hmm"`` smooths the pitch with a Viterbi path over the pitches and "no bass",
        splits runs of one pitch where its salience rises again after a dip (repeated
        notes) and drops notes shorter than ``min_frames``; ``"runs"`` cuts the frame
        estimate at every change (the decoder of skbass 0.x before ``"hmm"``).

        Parameters
        ----------
        method : {"onsets", "hmm", "runs"} or None, default=None
            The decoder; None: ``"onsets"`` when the line has onset salience, else
            ``"hmm"``.
        self_transition : float, default=0.05
            ``"hmm"``: probability of keeping the state from one frame to the next.
        voicing_threshold : float, np.ndarray [shape=(n_frames,)] or None, default=0.45
            ``"hmm"``: likelihood of "no bass" (a frame whose pitches are all less
            salient leans to no note); None: every frame holds a note. Chosen on
            validation data, lower than the frames' voicing threshold (a note's fading
            end is still the note). ``"runs"`` cuts the frames' own voicing.
        sounding_threshold : float or None, default=0.25
            ``"hmm"``, for a line with :attr:`voicing_peak`: the likelihood of "no bass"
            instead of a float ``voicing_threshold`` in the frames where the voicing
            network's peak exceeds 0.5, so that a note lasts while it rings; chosen on
            validation data. None: ``voicing_threshold`` everywhere.
        onset_threshold : float, default=0.4
            ``"onsets"``: peak height of the onset network's highest output that starts
            a note; chosen on validation data.
        offset_threshold : float, default=0.05
            ``"onsets"``: a note lasts while its pitch's salience stays above it (and
            until the next onset at most); chosen on validation data.
        onset_rise : float, default=0.5
            ``"hmm"``: smallest rise of the pitch's salience after a dip that starts a
            repeated note.
        min_frames : int, default=2
            ``"hmm"`` and ``"runs"``: shortest note in frames.

        Returns
        -------
        notes : np.ndarray [shape=(n_notes, 4)]
            Rows of ``onset_s, offset_s, midi, salience``; ``"hmm"`` and ``"runs"``
            notes cover their frames' full hops and carry their mean salience,
            ``"onsets"`` notes their onset salience.

        Raises
        ------
        ValueError
            If ``method`` is ``"onsets"`` and the line has no onset salience, or is
            unknown.
        """
        from ._notes import METHODS, decode_notes, decode_onset_notes

        if method is None:
            method = "hmm" if self.onset_salience is None else "onsets"
        if method not in ("onsets", *METHODS):
            raise ValueError(f"method must be one of {('onsets', *METHODS)}, got {method!r}")
        hop_s = self.hop_length / self.sr
        if method == "onsets":
            if self.onset_salience is None:
                raise ValueError(
                    'method="onsets" needs a line transcribed with an onset model: '
                    "transcribe(recording, model, onset_model=...)"
                )
            return decode_onset_notes(
                self.onset_salience,
                self.onset_times,
                self.salience_matrix,
                self.pitches,
                self.times,
                hop_s=hop_s,
                onset_threshold=onset_threshold,
                offset_threshold=offset_threshold,
            )
        if (
            self.voicing_peak is not None
            and sounding_threshold is not None
            and isinstance(voicing_threshold, (int, float))
        ):
            voicing_threshold = np.where(
                self.voicing_peak > 0.5, sounding_threshold, float(voicing_threshold)
            )
        return decode_notes(
            self.salience_matrix,
            self.pitches,
            self.times,
            hop_s=hop_s,
            voiced=self.voiced,
            voicing_threshold=voicing_threshold,
            method=method,
            self_transition=self_transition,
            onset_rise=onset_rise,
            min_frames=min_frames,
        )

    def beat_notes(self):
        """One note per beat: the pitch with the most salience summed over the beat's frames.

        Beats come from librosa's beat tracker; a beat whose frames are mostly
        unvoiced gets no note. This is the beat-wise aggregation of the paper's
        reference [1], a readable walking-bass transcription.

        Returns
        -------
        notes : np.ndarray [shape=(n_notes, 4)]
            Rows of ``onset_s, offset_s, midi, salience``.
        """
        import librosa

        _, beats = librosa.beat.beat_track(y=self.audio, sr=self.sr, hop_length=self.hop_length)
        bounds = np.unique(np.concatenate([[0], beats, [len(self.times)]]))
        half = 0.5 * self.hop_length / self.sr
        notes = []
        for a, b in zip(bounds[:-1], bounds[1:]):
            if b <= a or self.voiced[a:b].mean() < 0.5:
                continue
            summed = self.salience_matrix[a:b].sum(axis=0)
            k = int(summed.argmax())
            onset = max(self.times[a] - half, 0.0)
            notes.append(
                (onset, self.times[b - 1] + half, int(self.pitches[k]), float(summed[k] / (b - a)))
            )
        return np.array(notes, dtype=float).reshape(-1, 4)

    # -- writers ---------------------------------------------------------------------

    def to_csv(self, path):
        """Write ``time,midi,salience,voiced``, one row per frame.

        Parameters
        ----------
        path : str or os.PathLike
            CSV file to write.
        """
        with open(path, "w", newline="") as f:
            writer = csv.writer(f)
            writer.writerow(["time", "midi", "salience", "voiced"])
            for t, m, s, v in zip(self.times, self.midi, self.salience, self.voiced):
                writer.writerow([f"{t:.6f}", int(m), f"{s:.4f}", int(v)])

    def to_notes_csv(self, path):
        """Write ``onset,offset,midi,salience``, one row per note of :meth:`notes`.

        Parameters
        ----------
        path : str or os.PathLike
            CSV file to write.
        """
        with open(path, "w", newline="") as f:
            writer = csv.writer(f)
            writer.writerow(["onset", "offset", "midi", "salience"])
            for onset, offset, midi, salience in self.notes():
                writer.writerow([f"{onset:.6f}", f"{offset:.6f}", int(midi), f"{salience:.4f}"])

    def to_midi(self, path, *, beats=False, program=32):
        """Write the line as a one-track MIDI file (General MIDI acoustic bass by default).

        Parameters
        ----------
        path : str or os.PathLike
            MIDI file to write.
        beats : bool, default=False
            One note per beat (:meth:`beat_notes`) instead of the decoded notes
            (:meth:`notes`, the ones :meth:`to_notes_csv` writes).
        program : int, default=32
            General MIDI program.
        """
        notes = self.beat_notes() if beats else self.notes()
        velocity = np.clip(40 + 80 * notes[:, 3], 1, 127).astype(int)
        rows = np.column_stack([notes[:, :3], velocity])
        write_midi([{"program": program, "name": "bass", "notes": rows}], path)

    def plot(self, path, *, reference=None, title=None):
        """Save a picture of the CQT with the estimated bass line, and the salience.

        Both panels have note-name frequency axes (``librosa.display.specshow``).

        Parameters
        ----------
        path : str or os.PathLike
            PNG file to write.
        reference : np.ndarray [shape=(n_frames,)] or None
            Reference MIDI pitch per frame (0 = none), drawn for comparison.
        title : str or None
            Title of the upper panel.
        """
        import librosa
        import librosa.display
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt

        fig, (top, bottom) = plt.subplots(
            2, 1, figsize=(12, 7), sharex=True, gridspec_kw={"height_ratios": [3, 2]}
        )
        common = {
            "sr": self.sr,
            "hop_length": self.hop_length,
            "x_axis": "time",
            "y_axis": "cqt_note",
            "bins_per_octave": 12,
        }
        librosa.display.specshow(
            np.log1p(100 * self.cqt.T), fmin=self.cqt_fmin, cmap="magma", ax=top, **common
        )
        librosa.display.specshow(
            self.salience_matrix.T,
            cmap="viridis",
            vmin=0,
            vmax=1,
            fmin=librosa.midi_to_hz(self.pitches[0]),
            ax=bottom,
            **common,
        )
        estimated = np.where(self.voiced, librosa.midi_to_hz(self.midi), np.nan)
        for ax in (top, bottom):
            if reference is not None:
                ref = np.asarray(reference, dtype=float)[: len(self.times)]
                ref_hz = np.where(ref > 0, librosa.midi_to_hz(np.maximum(ref, 1)), np.nan)
                ax.plot(
                    self.times[: len(ref)],
                    ref_hz,
                    ".",
                    color="white",
                    markersize=7,
                    label="reference",
                )
            ax.plot(self.times, estimated, ".", color="cyan", markersize=3, label="estimated bass")
        top.set_ylim(self.cqt_fmin * 2 ** (-1 / 24), min(librosa.midi_to_hz(80), top.get_ylim()[1]))
        title = title or "Constant-Q spectrogram and estimated bass line"
        if self.tuning:
            title += f" (tuned {100 * self.tuning:+.0f} cents from A440; pitches on that grid)"
        top.set_title(title)
        top.legend(loc="upper right", fontsize=8)
        bottom.set_title(f"Bass salience (MIDI {self.pitches[0]}..{self.pitches[-1]})")
        fig.tight_layout()
        fig.savefig(os.fspath(path), dpi=100)
        plt.close(fig)


class _PipelineRuntime:
    """A fitted bass pipeline seen through :class:`BassRuntime`'s interface."""

    def __init__(self, model):
        from sklearn.exceptions import NotFittedError
        from sklearn.utils.validation import check_is_fitted

        expected = "model must be a fitted bass pipeline such as skbass.load_model() returns"
        if isinstance(model, (str, os.PathLike)):
            raise TypeError(f"{expected}, got the path {os.fspath(model)!r}: use load_model(path)")
        steps = getattr(model, "steps", None)
        if not steps or not hasattr(model[-1], "salience") or not hasattr(model[0], "frame_times"):
            raise TypeError(f"{expected}, got {type(model).__name__}")
        try:
            check_is_fitted(model[-1])
        except NotFittedError:
            raise TypeError(f"{expected}; this one is not fitted (fit it, or load one)") from None
        self.model = model
        cqt_step, network = model[0], model[-1]
        self.sr, self.hop_length, self.fmin = cqt_step.sr, cqt_step.hop_length, cqt_step.fmin
        self.pitches, self.voicing_threshold = network.pitches_, network.voicing_threshold
        self.frame_times = cqt_step.frame_times
        self.cqt = {key: getattr(cqt_step, key) for key in CQT_PARAMS}

    def tuning(self, audio):
        return frames_tuning(audio, self.cqt)

    def analyse(self, audio, *, tuning=None):
        step = self.model[0]
        if tuning is not None:
            from sklearn.base import clone

            step = clone(step).set_params(tuning=tuning).fit()
        (cqt,) = step.transform([audio])
        return cqt, self.salience(cqt)

    def salience(self, cqt):
        (features,) = self.model[1:-1].transform([cqt])
        return self.model[-1].salience(features)


def _as_runtime(model, role):
    """An optional ``model`` (a fitted bass pipeline, a BassRuntime or None) seen through
    BassRuntime's interface; ``role`` names the argument in the error."""
    from ._runtime import BassRuntime

    if model is None or isinstance(model, BassRuntime):
        return model
    try:
        return _PipelineRuntime(model)
    except TypeError as exc:
        raise TypeError(f"{role}: {exc}") from None


def transcribe(
    recording,
    model,
    *,
    onset_model=None,
    voicing_model=None,
    self_transition=FRAME_SELF_TRANSITION,
    interval_scale=FRAME_INTERVAL_SCALE,
):
    """Estimate the bass line of one recording.

    The frame pitch is the most likely path through the network's pitches (Viterbi, the
    salience odds as likelihoods, a transition matrix that keeps the pitch with
    probability ``self_transition`` and otherwise prefers small intervals), so a frame
    whose arg-max jumps away from the notes around it on weak evidence follows them;
    ``self_transition=None`` takes each frame's arg-max (the paper). Voicing is the
    frame's highest salience against the model's voicing threshold or, with a voicing
    model, the mean of the two networks' highest salience against the voicing model's
    threshold.

    Parameters
    ----------
    recording : str, os.PathLike, np.ndarray or tuple
        Audio file path, signal at the model's sample rate, or ``(signal, sr)``.
    model : sklearn.pipeline.Pipeline or BassRuntime
        Fitted bass pipeline whose first step is :class:`~skbass.CQTFrames` and whose
        last step has ``salience``, ``pitches_`` and ``voicing_threshold`` (what
        :func:`~skbass.load_model` returns), or the NumPy runtime the ``skbass
        transcribe`` command reads from a model file
        (:func:`~skbass.transcription._runtime.read_runtime`), which gives the same line.
    onset_model : sklearn.pipeline.Pipeline, BassRuntime or None, default=None
        A fitted bass onset pipeline (what
        :func:`~skbass.transcription.train_onset_model` writes, read with
        :func:`~skbass.load_model`) or its runtime, at the same sample rate and pitches:
        its output goes into the line's ``onset_salience`` and :meth:`BassLine.notes`
        starts notes at its peaks. None: notes come from the salience alone. No onset
        model is shipped yet (see the docs' "Notes").
    voicing_model : sklearn.pipeline.Pipeline, BassRuntime or None, default=None
        A fitted bass voicing pipeline (what
        :func:`~skbass.transcription.train_voicing_model` writes; the shipped one is
        ``load_model("bass-voicing")``, paired with the shipped model) or its runtime,
        on the same frames as ``model``: the voicing decision then uses both networks
        (see above). None: the salience network alone.
    self_transition : float or None, default=0.3
        Probability of keeping the pitch from one frame to the next, in (0, 1); chosen on
        validation data. None: the arg-max of each frame.
    interval_scale : float or None, default=3.0
        Semitones over which the weight of a change of pitch falls by a factor e (see
        :func:`~skbass.transcription._notes.transition_matrix`); chosen on validation
        data. None: every change of pitch equally likely.

    Returns
    -------
    line : BassLine

    Raises
    ------
    TypeError
        If ``model``, ``onset_model`` or ``voicing_model`` is not a fitted bass pipeline
        (None, a path, an unfitted pipeline).
    ValueError
        If ``self_transition`` is outside (0, 1), ``interval_scale`` is not positive,
        the onset model's sample rate or pitches differ from the model's, or the voicing
        model's frames do.
    """
    from ._notes import viterbi_states
    from ._runtime import BassRuntime

    runtime = model if isinstance(model, BassRuntime) else _PipelineRuntime(model)
    onsets = _as_runtime(onset_model, "onset_model")
    if onsets is not None and (
        onsets.sr != runtime.sr or not np.array_equal(onsets.pitches, runtime.pitches)
    ):
        raise ValueError(
            f"the onset model ({onsets.sr} Hz, MIDI {onsets.pitches[0]}..{onsets.pitches[-1]})"
            f" does not match the model ({runtime.sr} Hz, MIDI {runtime.pitches[0]}.."
            f"{runtime.pitches[-1]})"
        )
    voicing = _as_runtime(voicing_model, "voicing_model")
    if voicing is not None and (voicing.sr, voicing.hop_length) != (runtime.sr, runtime.hop_length):
        raise ValueError(
            f"the voicing model's frames ({voicing.sr} Hz, hop {voicing.hop_length}) are not "
            f"the model's ({runtime.sr} Hz, hop {runtime.hop_length})"
        )
    audio = load_recording(recording, sr=runtime.sr)
    tuning = runtime.tuning(audio)
    cqt, salience = runtime.analyse(audio, tuning=tuning)
    onset_salience = onset_times = None
    if onsets is not None:
        onset_cqt, onset_salience = onsets.analyse(audio)
        onset_times = onsets.frame_times(len(onset_cqt))
    voicing_salience, threshold = None, runtime.voicing_threshold
    if voicing is not None:
        # the same constant-Q frames (the shipped pair's) are computed once
        same_cqt = voicing.cqt == runtime.cqt
        voicing_salience = voicing.salience(cqt) if same_cqt else voicing.analyse(audio)[1]
        threshold = voicing.voicing_threshold
    decoded = decode_salience(
        salience,
        runtime.pitches,
        voicing_threshold=threshold,
        voicing_salience=voicing_salience,
    )
    midi, peak = decoded.pitch, decoded.peak
    if self_transition is not None:
        path = viterbi_states(
            salience, None, self_transition=self_transition, interval_scale=interval_scale
        )
        midi, peak = runtime.pitches[path], salience[np.arange(len(path)), path]
    return BassLine(
        times=runtime.frame_times(len(cqt)),
        midi=midi,
        salience=peak,
        voiced=decoded.voiced,
        salience_matrix=salience,
        pitches=runtime.pitches,
        cqt=cqt,
        cqt_fmin=runtime.fmin,
        audio=audio,
        sr=runtime.sr,
        hop_length=runtime.hop_length,
        voicing_threshold=threshold,
        onset_salience=onset_salience,
        onset_times=onset_times,
        voicing_peak=None if voicing_salience is None else voicing_salience.max(axis=1),
        tuning=tuning,
    )
