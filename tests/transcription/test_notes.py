"""The note decoder: repeated notes, glitches, minimum duration, the notes CSV."""

import csv

import numpy as np
import pytest

from skbass.transcription import BassLine
from skbass.transcription._notes import (
    decode_notes,
    decode_onset_notes,
    onset_peaks,
    salience_rise,
    transition_matrix,
    viterbi,
    viterbi_states,
)

PITCHES = np.arange(26, 70)
SR, HOP = 22050, 1024


def _salience(frames):
    """Salience matrix from ``{frame: {midi: salience}}``, 0.01 elsewhere."""
    n = max(frames) + 1
    s = np.full((n, len(PITCHES)), 0.01)
    for t, values in frames.items():
        for midi, value in values.items():
            s[t, midi - PITCHES[0]] = value
    return s


def _line(salience, threshold=0.5):
    n = len(salience)
    best = salience.argmax(axis=1)
    peak = salience[np.arange(n), best]
    return BassLine(
        times=np.arange(n) * HOP / SR,
        midi=PITCHES[best],
        salience=peak,
        voiced=peak > threshold,
        salience_matrix=salience,
        pitches=PITCHES,
        cqt=np.zeros((n, 67)),
        cqt_fmin=34.65,
        audio=np.zeros(n * HOP),
        sr=SR,
        hop_length=HOP,
        voicing_threshold=threshold,
    )


def test_repeated_notes_split_where_the_salience_rises_again():
    # pitch 40 for 20 frames; its salience dips (still voiced) at frame 10
    frames = {t: {40: 0.95} for t in range(20)}
    frames[10] = {40: 0.55}
    line = _line(_salience(frames))
    notes = line.notes(onset_rise=0.3)
    assert notes[:, 2].tolist() == [40, 40]
    assert notes[1, 0] == pytest.approx(line.times[11] - 0.5 * HOP / SR)
    assert notes[0, 1] == pytest.approx(notes[1, 0])
    # the frame-run decoder cannot see the repetition
    assert len(line.notes(method="runs")) == 1


def test_unvoiced_gap_separates_repeated_notes():
    frames = {t: {40: 0.95} for t in range(20)}
    frames[10] = {40: 0.2}
    notes = _line(_salience(frames)).notes()
    assert notes[:, 2].tolist() == [40, 40]


def test_one_frame_glitch_does_not_split_a_note():
    frames = {t: {40: 0.95} for t in range(20)}
    frames[10] = {40: 0.7, 41: 0.8}
    line = _line(_salience(frames))
    notes = line.notes()
    assert notes[:, 2].tolist() == [40]
    assert notes[0, 0] == 0.0
    assert notes[0, 1] == pytest.approx(line.times[19] + 0.5 * HOP / SR)
    assert notes[0, 3] == pytest.approx(np.mean([0.95] * 19 + [0.7]))
    # the frame runs are cut by it (the one-frame 41 itself is dropped)
    assert line.notes(method="runs")[:, 2].tolist() == [40, 40]


def test_min_frames_drops_short_notes():
    frames = {t: {} for t in range(12)}
    frames.update({t: {45: 0.95} for t in range(6)})
    frames[9] = {33: 0.99}
    line = _line(_salience(frames))
    assert line.notes()[:, 2].tolist() == [45]
    assert line.notes(min_frames=1)[:, 2].tolist() == [45, 33]
    assert line.notes(min_frames=7).shape == (0, 4)


def test_runs_decoder_is_the_frame_run_decoder():
    frames = {t: {40: 0.9} for t in range(5)}
    frames.update({t: {43: 0.9} for t in range(5, 9)})
    frames.update({t: {43: 0.1} for t in range(9, 12)})
    line = _line(_salience(frames))
    half = 0.5 * HOP / SR
    expected = [
        [0.0, line.times[4] + half, 40, 0.9],
        [line.times[5] - half, line.times[8] + half, 43, 0.9],
    ]
    np.testing.assert_allclose(line.notes(method="runs"), expected)
    np.testing.assert_allclose(line.notes(), expected)


@pytest.mark.parametrize("n_states", [1, 2, 5, 45])
def test_viterbi_is_librosas_viterbi(n_states):
    librosa = pytest.importorskip("librosa")
    rng = np.random.default_rng(n_states)
    for trial in range(20):
        prob = rng.random((n_states, int(rng.integers(1, 60)))) + 1e-3
        if trial % 2:
            prob = np.round(prob, 1) + 0.1  # equal likelihoods: ties broken alike
        prob /= prob.sum(axis=0, keepdims=True)
        stay = float(rng.choice([0.01, 0.05, 0.3, 0.9]))
        if trial % 3 == 0:
            transition = librosa.sequence.transition_loop(n_states, stay) if n_states > 1 else None
        elif trial % 3 == 1:
            transition = transition_matrix(n_states, stay, interval_scale=float(rng.choice([1, 3])))
        else:
            transition = rng.random((n_states, n_states))
            transition /= transition.sum(axis=1, keepdims=True)
        expected = (
            librosa.sequence.viterbi(prob, transition)
            if n_states > 1
            else np.zeros(prob.shape[1], dtype=int)
        )
        np.testing.assert_array_equal(viterbi(prob, transition), expected)
    assert viterbi(np.zeros((3, 0)), np.full((3, 3), 1 / 3)).shape == (0,)


def test_transition_matrix():
    librosa = pytest.importorskip("librosa")
    np.testing.assert_allclose(
        transition_matrix(44, 0.3), librosa.sequence.transition_loop(44, 0.3)
    )
    np.testing.assert_allclose(
        transition_matrix(44, 0.05, no_bass=True), librosa.sequence.transition_loop(45, 0.05)
    )
    near = transition_matrix(44, 0.3, no_bass=True, interval_scale=3.0)
    np.testing.assert_allclose(near.sum(axis=1), 1.0)
    np.testing.assert_allclose(np.diag(near), 0.3)
    # into and out of "no bass", and a pitch's total chance of another pitch, stay as without it
    loop = transition_matrix(44, 0.3, no_bass=True)
    np.testing.assert_allclose(near[:, -1], loop[:, -1])
    np.testing.assert_allclose(near[-1], loop[-1])
    # a step is likelier than a leap, and a leap stays possible
    assert near[20, 21] > near[20, 24] > near[20, 32] > near[20, 43] > 0
    with pytest.raises(ValueError, match="self_transition"):
        transition_matrix(44, 1.0)
    with pytest.raises(ValueError, match="interval_scale"):
        transition_matrix(44, 0.3, interval_scale=0.0)


def test_interval_scale_prefers_the_nearer_pitch():
    """One frame between two notes a step apart is not read as a leap of two octaves."""
    salience = np.full((7, 44), 0.01)
    salience[:3, 14] = salience[4:, 15] = 0.9  # MIDI 40, then 41
    salience[3, 14] = salience[3, 15] = 0.05
    salience[3, 38] = 0.9  # MIDI 64, two octaves away, for one frame
    uniform = viterbi_states(salience, None, self_transition=0.3)
    near = viterbi_states(salience, None, self_transition=0.3, interval_scale=3.0)
    assert uniform[3] == 38
    assert near[3] in (14, 15)
    np.testing.assert_array_equal(np.delete(near, 3), np.delete(uniform, 3))


def test_salience_rise():
    x = np.array([0.9, 0.9, 0.2, 0.9, 0.9, 0.9, 0.5, 0.1, 0.8])[:, None]
    np.testing.assert_allclose(salience_rise(x).ravel(), [0, 0, 0, 0.7, 0.7, 0, 0, 0, 0.7])


def test_empty_and_bad_input():
    empty = decode_notes(np.zeros((0, 44)), PITCHES, np.zeros(0), hop_s=0.05)
    assert empty.shape == (0, 4)
    s = _salience({t: {40: 0.9} for t in range(4)})
    times = np.arange(4) * 0.05
    with pytest.raises(ValueError, match="method must be one of"):
        decode_notes(s, PITCHES, times, hop_s=0.05, method="beam")
    with pytest.raises(ValueError, match="salience must have shape"):
        decode_notes(s[:, :10], PITCHES, times, hop_s=0.05)
    with pytest.raises(ValueError, match="times must have shape"):
        decode_notes(s, PITCHES, times[:3], hop_s=0.05)
    with pytest.raises(ValueError, match="self_transition"):
        decode_notes(s, PITCHES, times, hop_s=0.05, self_transition=1.0)
    with pytest.raises(ValueError, match="min_frames"):
        decode_notes(s, PITCHES, times, hop_s=0.05, min_frames=0)


def test_notes_csv(tmp_path):
    frames = {t: {40: 0.95} for t in range(20)}
    frames[10] = {40: 0.2}
    line = _line(_salience(frames))
    path = tmp_path / "x.notes.csv"
    line.to_notes_csv(path)
    with open(path) as f:
        rows = list(csv.reader(f))
    assert rows[0] == ["onset", "offset", "midi", "salience"]
    np.testing.assert_allclose(np.array(rows[1:], dtype=float), line.notes(), atol=1e-4)


ONSET_HOP = 256


def _onsets(peaks, n):
    """Onset salience with ``{frame: (midi, value)}`` peaks, 0.01 elsewhere."""
    onset = np.full((n, len(PITCHES)), 0.01)
    for t, (midi, value) in peaks.items():
        onset[t, midi - PITCHES[0]] = value
        onset[t + 1, midi - PITCHES[0]] = value / 2  # a shoulder is no second peak
    return onset, np.arange(n) * ONSET_HOP / SR


def test_onset_peaks_keep_the_highest_of_each_neighbourhood():
    strength = np.array([0.1, 0.5, 0.7, 0.6, 0.1, 0.1, 0.1, 0.1, 0.4, 0.4, 0.1])
    assert onset_peaks(strength, 0.3, width=3).tolist() == [2, 8]
    assert onset_peaks(strength, 0.45, width=3).tolist() == [2]
    assert onset_peaks(strength, 0.3, width=1).tolist() == [2, 8]
    assert onset_peaks(np.zeros(0), 0.3).tolist() == []


def test_onset_notes_start_at_peaks_and_end_where_the_pitch_fades():
    # salience: MIDI 40 on frames 0-9, then MIDI 40 again (a repeated note) on 10-14
    salience = _salience({t: {40: 0.9} for t in range(15)})
    onset, onset_times = _onsets({0: (40, 0.9), 40: (40, 0.8), 52: (33, 0.2)}, 15 * 4)
    times = np.arange(15) * HOP / SR
    notes = decode_onset_notes(
        onset,
        onset_times,
        salience,
        PITCHES,
        times,
        hop_s=HOP / SR,
        onset_threshold=0.3,
        offset_threshold=0.45,
    )
    # the repeated note starts where the onset network says; the weak peak is no note
    assert notes[:, 2].tolist() == [40, 40]
    np.testing.assert_allclose(notes[:, 0], [0.0, 40 * ONSET_HOP / SR])
    np.testing.assert_allclose(notes[0, 1], notes[1, 0])  # ends where the next starts
    np.testing.assert_allclose(notes[1, 1], times[-1] + 0.5 * HOP / SR)
    np.testing.assert_allclose(notes[:, 3], [0.9, 0.8])


def test_onset_notes_end_when_the_salience_drops():
    salience = _salience({**{t: {45: 0.9} for t in range(4)}, 9: {30: 0.9}})
    onset, onset_times = _onsets({0: (45, 0.9)}, 40)
    times = np.arange(10) * HOP / SR
    (note,) = decode_onset_notes(
        onset,
        onset_times,
        salience,
        PITCHES,
        times,
        hop_s=HOP / SR,
        onset_threshold=0.3,
        offset_threshold=0.45,
    )
    assert note[2] == 45
    np.testing.assert_allclose(note[1], times[3] + 0.5 * HOP / SR)


def test_line_notes_use_onsets_when_it_has_them():
    salience = _salience({t: {40: 0.9} for t in range(15)})
    line = _line(salience)
    with pytest.raises(ValueError, match="onset model"):
        line.notes(method="onsets")
    with pytest.raises(ValueError, match="method must be one of"):
        line.notes(method="beats")
    assert len(line.notes()) == 1  # "hmm": one long note
    line.onset_salience, line.onset_times = _onsets({0: (40, 0.9), 40: (40, 0.8)}, 60)
    assert len(line.notes()) == 2 and len(line.notes(method="hmm")) == 1
