"""The seeded ensemble generator, its line styles, isolated notes and MIDI transformations."""

from pathlib import Path

import numpy as np
import pytest

from skbass.datasets import generate_piece, notes_to_frame_labels
from skbass.datasets.synth._generator import (
    ISOLATED_NOTE_LENGTHS,
    LINE_STYLES,
    OPEN_STRINGS,
    generate_isolated,
    transform_piece,
)
from skbass.utils import BASS_MAX_MIDI, BASS_MIN_MIDI

#: Notes written by the generator before the line styles existed (every piece walked).
GOLDEN = Path(__file__).parent / "data" / "walking_golden.npz"


def _labels(piece):
    notes = piece["parts"]["bass"]["notes"]
    n_frames = int(piece["duration"] * 22050) // 1024 + 1
    return notes_to_frame_labels(notes, n_frames)


def test_generator_is_deterministic_and_in_range():
    a, b, c = generate_piece(5, 20.0), generate_piece(5, 20.0), generate_piece(6, 20.0)
    for name in a["parts"]:
        np.testing.assert_array_equal(a["parts"][name]["notes"], b["parts"][name]["notes"])
    assert not np.array_equal(a["parts"]["bass"]["notes"], c["parts"]["bass"]["notes"])
    for seed in range(20):
        piece = generate_piece(seed, 30.0)
        bass = piece["parts"]["bass"]["notes"]
        assert BASS_MIN_MIDI <= bass[:, 2].min() and bass[:, 2].max() <= BASS_MAX_MIDI
        assert np.all(bass[1:, 0] >= bass[:-1, 1])  # monophonic
        assert piece["parts"]["drums"]["channel"] == 9
        assert piece["programs"]["bass"] in (32, 33, 35)
        assert piece["style"] in LINE_STYLES


@pytest.mark.parametrize("style", list(LINE_STYLES))
def test_each_style_is_deterministic_monophonic_and_in_range(style):
    for seed in range(12):
        a, b = generate_piece(seed, 20.0, style=style), generate_piece(seed, 20.0, style=style)
        assert a["style"] == style
        for name in a["parts"]:
            np.testing.assert_array_equal(a["parts"][name]["notes"], b["parts"][name]["notes"])
        bass = a["parts"]["bass"]["notes"]
        # every bass note is a labelled one: none falls outside the salience range
        assert BASS_MIN_MIDI <= bass[:, 2].min() and bass[:, 2].max() <= BASS_MAX_MIDI
        assert np.all(bass[1:, 0] >= bass[:-1, 1])
    other = "solo" if style != "solo" else "walking"
    assert not np.array_equal(
        generate_piece(3, 20.0, style=style)["parts"]["bass"]["notes"],
        generate_piece(3, 20.0, style=other)["parts"]["bass"]["notes"],
    )


def test_walking_pieces_are_unchanged():
    golden = np.load(GOLDEN)
    for seed in range(6):
        np.testing.assert_array_equal(
            generate_piece(seed, 30.0, style="walking")["parts"]["bass"]["notes"],
            golden[f"bass_{seed}"],
        )
        drawn = generate_piece(seed, 30.0)
        if drawn["style"] == "walking":  # a drawn walking piece is the same piece
            np.testing.assert_array_equal(drawn["parts"]["bass"]["notes"], golden[f"bass_{seed}"])
    piece = generate_piece(3, 30.0, style="walking")
    assert sorted(piece["parts"]) == sorted(k[7:] for k in golden.files if k.startswith("piece3_"))
    for name, part in piece["parts"].items():
        np.testing.assert_array_equal(part["notes"], golden[f"piece3_{name}"])


def test_styles_shape_the_line():
    two_feel = generate_piece(4, 30.0, style="two_feel")
    walking = generate_piece(4, 30.0, style="walking")
    assert len(two_feel["parts"]["bass"]["notes"]) < 0.7 * len(walking["parts"]["bass"]["notes"])
    solo = generate_piece(4, 30.0, style="solo")
    assert "horn" not in solo["parts"] and solo["horn"] == "none"
    assert np.median(solo["parts"]["bass"]["notes"][:, 2]) > 52
    # a pedal point: the first four bars hold or repeat one pitch under changing chords
    pedal = generate_piece(4, 30.0, style="pedal")
    notes = pedal["parts"]["bass"]["notes"]
    first_bars = notes[notes[:, 0] < notes[0, 0] + 16 * 60 / pedal["tempo"] - 0.05]
    assert len(np.unique(first_bars[:, 2])) == 1


def test_the_mixture_covers_the_whole_range():
    pieces = [generate_piece(seed, 30.0) for seed in range(60)]
    assert {p["style"] for p in pieces} == set(LINE_STYLES)
    labels = np.concatenate([_labels(p) for p in pieces])
    labels = labels[labels > 0]
    counts = np.bincount(labels - BASS_MIN_MIDI, minlength=BASS_MAX_MIDI - BASS_MIN_MIDI + 1)
    assert np.all(counts[:-1] > 0)  # MIDI 26..68 all labelled (69 needs more pieces)
    assert np.mean(labels > 48) > 0.3  # walking lines alone: about 0.13
    assert np.mean(labels >= 60) > 0.1


def test_unknown_style_is_refused():
    with pytest.raises(ValueError, match="style must be one of"):
        generate_piece(0, 8.0, style="bebop")


def test_isolated_notes_range_from_staccato_to_full_decays():
    pitches = list(range(24, 73))
    lengths, repeats = [], []
    for seed in range(4):
        piece = generate_isolated(pitches, 32, (60, 100), np.random.default_rng(seed))
        notes = piece["parts"]["bass"]["notes"]
        again = generate_isolated(pitches, 32, (60, 100), np.random.default_rng(seed))
        np.testing.assert_array_equal(again["parts"]["bass"]["notes"], notes)
        # every pitch in order; only open strings repeat, re-plucked while they ring
        np.testing.assert_array_equal(np.unique(notes[:, 2]), pitches)
        assert np.all(np.diff(notes[:, 2]) >= 0)
        played, counts = np.unique(notes[:, 2], return_counts=True)
        assert set(played[counts > 1]) <= set(OPEN_STRINGS)
        for p in played[counts > 1]:
            ringing = notes[notes[:, 2] == p]
            np.testing.assert_allclose(ringing[1:, 0], ringing[:-1, 1], atol=0.01)
            repeats.append(p)
        single = np.isin(notes[:, 2], played[counts == 1])
        lengths += list(notes[single, 1] - notes[single, 0])
        assert piece["duration"] > notes[-1, 1]
    assert set(repeats) == set(OPEN_STRINGS)
    low = min(v[0] for v in ISOLATED_NOTE_LENGTHS.values())
    high = max(v[1] for v in ISOLATED_NOTE_LENGTHS.values())
    assert low - 0.01 <= min(lengths) < 0.8 and 2.5 < max(lengths) <= high + 0.01
    assert np.mean(np.array(lengths) > 2.5) > 0.2  # full decays are common


def test_isolated_notes_with_a_note_range_are_unchanged():
    piece = generate_isolated(
        range(24, 73), 32, (30, 65), np.random.default_rng(7), note_range=(2.5, 4.0), gap=1.0
    )
    np.testing.assert_array_equal(piece["parts"]["bass"]["notes"], np.load(GOLDEN)["isolated_long"])


def test_transform_piece_is_exact():
    piece = generate_piece(3, 10.0)
    out = transform_piece(piece, stretch=1.1, shift=-2)
    b0, b1 = piece["parts"]["bass"]["notes"], out["parts"]["bass"]["notes"]
    np.testing.assert_allclose(b1[:, :2], b0[:, :2] * 1.1, atol=1e-3)
    np.testing.assert_array_equal(b1[:, 2], b0[:, 2] - 2)
    np.testing.assert_array_equal(
        out["parts"]["drums"]["notes"][:, 2], piece["parts"]["drums"]["notes"][:, 2]
    )
