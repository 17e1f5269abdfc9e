"""Frame labels from note lists: the paper's 75 % rule and the whole sounding note, on any grid."""

import numpy as np
import pytest

from skbass.datasets import notes_to_frame_labels


def test_labels_follow_the_75_percent_rule():
    # 1 frame per 0.25 s: a note 0..1 s labels frames at 0, .25, .5 (not .75)
    labels = notes_to_frame_labels(
        [[0.0, 1.0, 40], [1.0, 2.0, 80], [2.0, 3.0, 26]], 13, sr=4, hop_length=1
    )
    assert labels.tolist() == [40, 40, 40, 0, 0, 0, 0, 0, 26, 26, 26, 0, 0]


def test_labels_at_any_hop():
    notes = [[0.5, 1.5, 45]]
    for sr, hop in [(22050, 1024), (16000, 256), (44100, 512)]:
        n = 2 * sr
        labels = notes_to_frame_labels(notes, 1 + n // hop, sr=sr, hop_length=hop)
        t = np.arange(len(labels)) * hop / sr
        expected = np.where((t >= 0.5) & (t < 1.25), 45, 0)
        np.testing.assert_array_equal(labels, expected)


def test_sounding_labels_cover_the_whole_note():
    # 1 frame per 0.25 s: a note 0..1 s labels frames at 0, .25, .5, .75 (not 1.0)
    notes = [[0.0, 1.0, 40], [1.0, 2.0, 80], [2.0, 3.0, 26]]
    labels = notes_to_frame_labels(notes, 13, sr=4, hop_length=1, convention="sounding")
    assert labels.tolist() == [40, 40, 40, 40, 0, 0, 0, 0, 26, 26, 26, 26, 0]


def test_overlapping_notes_later_onset_wins_in_both_conventions():
    # legato: the first note is released after the second starts
    notes = [[0.0, 1.5, 40], [1.0, 2.0, 45]]
    paper = notes_to_frame_labels(notes, 10, sr=4, hop_length=1)
    sounding = notes_to_frame_labels(notes, 10, sr=4, hop_length=1, convention="sounding")
    # paper: 40 on [0, 1.125), then 45 on [1, 1.75); sounding: 40 on [0, 1), 45 on [1, 2)
    assert paper.tolist() == [40, 40, 40, 40, 45, 45, 45, 0, 0, 0]
    assert sounding.tolist() == [40, 40, 40, 40, 45, 45, 45, 45, 0, 0]
    # the order of the rows does not matter
    reverse = notes_to_frame_labels(notes[::-1], 10, sr=4, hop_length=1, convention="sounding")
    np.testing.assert_array_equal(reverse, sounding)


def test_sounding_labels_hold_the_paper_labels():
    # a monophonic line: each note ends before the next one starts
    rng = np.random.default_rng(0)
    onsets = np.cumsum(rng.uniform(0.2, 1.0, 30))
    offsets = onsets + rng.uniform(0.1, 1.0, 30)
    offsets[:-1] = np.minimum(offsets[:-1], onsets[1:])
    notes = np.column_stack([onsets, offsets, rng.integers(20, 75, 30)])
    paper = notes_to_frame_labels(notes, 500)
    sounding = notes_to_frame_labels(notes, 500, convention="sounding")
    assert (sounding > 0).sum() > (paper > 0).sum()
    on = paper > 0
    np.testing.assert_array_equal(sounding[on], paper[on])


def test_release_and_out_of_range_notes_are_no_bass():
    labels = notes_to_frame_labels(
        [[0.0, 0.5, 40], [1.0, 1.5, 90]], 8, sr=4, hop_length=1, convention="sounding"
    )
    assert labels.tolist() == [40, 40, 0, 0, 0, 0, 0, 0]


def test_unknown_convention_is_an_error():
    with pytest.raises(ValueError, match="convention must be one of"):
        notes_to_frame_labels([[0.0, 1.0, 40]], 4, convention="whole")


def test_onset_labels_mark_the_frames_around_each_onset():
    # 1 frame per 0.25 s: onsets at 1.0 s (frame 4) and 2.1 s (nearest frame 8); a note
    # outside MIDI 26..69 labels nothing
    notes = [[1.0, 2.0, 40], [2.1, 3.0, 45], [3.0, 3.5, 80]]
    labels = notes_to_frame_labels(notes, 14, sr=4, hop_length=1, convention="onsets")
    assert labels.tolist() == [0, 0, 0, 40, 40, 40, 0, 45, 45, 45, 0, 0, 0, 0]
    # an onset at the start or past the end keeps what fits
    edge = notes_to_frame_labels([[0.0, 1.0, 30]], 3, sr=4, hop_length=1, convention="onsets")
    assert edge.tolist() == [30, 30, 0]
    assert not notes_to_frame_labels(
        [[5.0, 6.0, 30]], 3, sr=4, hop_length=1, convention="onsets"
    ).any()
