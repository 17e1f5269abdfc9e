"""Frame labels from note lists: the paper's 75 % rule on any frame grid."""

import numpy as np

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
