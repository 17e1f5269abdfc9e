"""Transcribing recordings with a fitted bass pipeline: frames, notes, files, pictures."""

import csv
import os
from dataclasses import dataclass

import numpy as np

from ._audio import load_recording
from ._pitch import midi_to_hz


@dataclass
class BassLine:
    """A recording's estimated bass line, frame by frame.

    Attributes
    ----------
    times : np.ndarray [shape=(n_frames,)]
        Frame centres in seconds (``i * hop_length / sr``).
    midi : np.ndarray [shape=(n_frames,)]
        Most salient MIDI pitch per frame.
    salience : np.ndarray [shape=(n_frames,)]
        Its salience.
    voiced : np.ndarray [shape=(n_frames,), dtype=bool]
        The voicing decision.
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

    @property
    def estimate(self):
        """MIDI pitch per frame, 0 where no bass was detected.

        Returns
        -------
        pitch : np.ndarray [shape=(n_frames,)]
        """
        return np.where(self.voiced, self.midi, 0)

    @property
    def signed_estimate(self):
        """MIDI pitch per frame, negated where no bass was detected (MIREX convention).

        What :mod:`skbass.metrics` takes: raw pitch accuracy scores the pitch on
        every labelled frame, the voicing measures score the sign.

        Returns
        -------
        pitch : np.ndarray [shape=(n_frames,)]
        """
        return np.where(self.voiced, self.midi, -self.midi)


def transcribe(recording, model):
    """Estimate the bass line of one recording.

    Parameters
    ----------
    recording : str, os.PathLike, np.ndarray or tuple
        Audio file path, signal at the model's sample rate, or ``(signal, sr)``.
    model : sklearn.pipeline.Pipeline
        Fitted bass pipeline whose first step is :class:`CQTFrames` and whose last
        step has ``salience``, ``pitches_`` and ``voicing_threshold``.

    Returns
    -------
    line : BassLine
    """
    cqt_step, network = model[0], model[-1]
    audio = load_recording(recording, cqt_step.sr)
    (cqt,) = cqt_step.transform([audio])
    (features,) = model[1:-1].transform([cqt])
    salience = network.salience(features)
    best = salience.argmax(axis=1)
    peak = salience[np.arange(len(best)), best]
    threshold = network.voicing_threshold
    voiced = np.ones(len(peak), dtype=bool) if threshold is None else peak > threshold
    return BassLine(
        times=cqt_step.frame_times(len(cqt)),
        midi=network.pitches_[best],
        salience=peak,
        voiced=voiced,
        salience_matrix=salience,
        pitches=network.pitches_,
        cqt=cqt,
        cqt_fmin=cqt_step.fmin,
        audio=audio,
        sr=cqt_step.sr,
        hop_length=cqt_step.hop_length,
    )


def write_csv(line, path):
    """Write ``time,midi,salience,voiced``, one row per frame.

    Parameters
    ----------
    line : BassLine
    path : str or os.PathLike
    """
    with open(path, "w", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["time", "midi", "salience", "voiced"])
        for t, m, s, v in zip(line.times, line.midi, line.salience, line.voiced):
            writer.writerow([f"{t:.6f}", int(m), f"{s:.4f}", int(v)])


def frame_notes(line, *, min_frames=2):
    """Segment voiced frames into notes: runs of one pitch, at least ``min_frames`` long.

    Parameters
    ----------
    line : BassLine
    min_frames : int
        Shortest note in frames.

    Returns
    -------
    notes : list of tuple (onset, offset, midi, salience)
        Times in seconds; a note covers its frames' full hops.
    """
    half = 0.5 * line.hop_length / line.sr
    est = line.estimate
    change = np.flatnonzero(np.diff(est) != 0) + 1
    starts = np.concatenate([[0], change])
    ends = np.concatenate([change, [len(est)]])
    notes = []
    for a, b in zip(starts, ends):
        if est[a] > 0 and b - a >= min_frames:
            notes.append((line.times[a] - half if a else 0.0, line.times[b - 1] + half,
                          int(est[a]), float(line.salience[a:b].mean())))
    return notes


def beat_notes(line):
    """One note per beat: the pitch with the most salience summed over the beat's frames.

    Beats come from librosa's beat tracker; a beat whose frames are mostly
    unvoiced gets no note. This is the beat-wise aggregation of the paper's
    reference [1], a readable walking-bass transcription.

    Parameters
    ----------
    line : BassLine

    Returns
    -------
    notes : list of tuple (onset, offset, midi, salience)
    """
    import librosa

    _, beats = librosa.beat.beat_track(y=line.audio, sr=line.sr, hop_length=line.hop_length)
    bounds = np.unique(np.concatenate([[0], beats, [len(line.times)]]))
    half = 0.5 * line.hop_length / line.sr
    notes = []
    for a, b in zip(bounds[:-1], bounds[1:]):
        if b <= a or line.voiced[a:b].mean() < 0.5:
            continue
        summed = line.salience_matrix[a:b].sum(axis=0)
        k = int(summed.argmax())
        onset = max(line.times[a] - half, 0.0)
        notes.append((onset, line.times[b - 1] + half, int(line.pitches[k]),
                      float(summed[k] / (b - a))))
    return notes


def write_midi(notes, path, *, program=32):
    """Write notes as a one-track MIDI file (General MIDI acoustic bass by default).

    Parameters
    ----------
    notes : list of tuple (onset, offset, midi, salience)
    path : str or os.PathLike
    program : int
        General MIDI program.
    """
    import mido

    ticks_per_beat, tempo = 480, 500000  # 120 bpm: one tick = 1/960 s
    per_second = ticks_per_beat * 1e6 / tempo
    events = []
    for onset, offset, pitch, salience in notes:
        velocity = int(np.clip(40 + 80 * salience, 1, 127))
        events.append((round(onset * per_second), 1, pitch, velocity))
        events.append((round(offset * per_second), 0, pitch, 0))
    events.sort(key=lambda e: (e[0], e[1]))
    track = mido.MidiTrack()
    track.append(mido.MetaMessage("set_tempo", tempo=tempo, time=0))
    track.append(mido.Message("program_change", program=program, channel=0, time=0))
    now = 0
    for tick, on, pitch, velocity in events:
        kind = "note_on" if on else "note_off"
        track.append(mido.Message(kind, note=pitch, velocity=velocity, channel=0, time=tick - now))
        now = tick
    midi = mido.MidiFile(ticks_per_beat=ticks_per_beat)
    midi.tracks.append(track)
    midi.save(os.fspath(path))


def plot_bass_line(line, path, *, reference=None, title=None):
    """Save a picture of the CQT with the estimated bass line, and the salience.

    Parameters
    ----------
    line : BassLine
    path : str or os.PathLike
        PNG file to write.
    reference : np.ndarray [shape=(n_frames,)] or None
        Reference MIDI pitch per frame (0 = none), drawn for comparison.
    title : str or None
    """
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fmin_midi = 69 + 12 * np.log2(line.cqt_fmin / 440.0)
    n_bins = line.cqt.shape[1]
    end = line.times[-1] if len(line.times) else 0.0
    fig, (top, bottom) = plt.subplots(2, 1, figsize=(12, 7), sharex=True,
                                      gridspec_kw={"height_ratios": [3, 2]})
    top.imshow(np.log1p(100 * line.cqt.T), origin="lower", aspect="auto", cmap="magma",
               extent=[0, end, fmin_midi - 0.5, fmin_midi + n_bins - 0.5])
    bottom.imshow(line.salience_matrix.T, origin="lower", aspect="auto", cmap="viridis",
                  vmin=0, vmax=1,
                  extent=[0, end, line.pitches[0] - 0.5, line.pitches[-1] + 0.5])
    est = np.where(line.voiced, line.midi, np.nan).astype(float)
    for ax in (top, bottom):
        if reference is not None:
            ref = np.where(np.asarray(reference) > 0, reference, np.nan).astype(float)
            ax.plot(line.times[: len(ref)], ref[: len(line.times)], ".", color="white",
                    markersize=7, label="reference")
        ax.plot(line.times, est, ".", color="cyan", markersize=3, label="estimated bass")
        ax.set_ylabel("MIDI pitch")
    top.set_ylim(fmin_midi - 0.5, min(fmin_midi + n_bins, 80))
    top.set_title(title or "Constant-Q spectrogram and estimated bass line")
    top.legend(loc="upper right", fontsize=8)
    bottom.set_title("Bass salience (MIDI 26..69)")
    bottom.set_xlabel("time [s]")
    secondary = top.secondary_yaxis("right", functions=(lambda m: m, lambda m: m))
    secondary.set_yticks([28, 40, 52, 64, 76], labels=[f"{midi_to_hz(m):.0f} Hz" for m in (28, 40, 52, 64, 76)])
    fig.tight_layout()
    fig.savefig(os.fspath(path), dpi=100)
    plt.close(fig)
