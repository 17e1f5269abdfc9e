"""Solo phrases of the 8 instrument classes: determinism, ranges, expression, texture."""

import numpy as np
import pytest

from skbass.datasets import INSTRUMENTS
from skbass.datasets.synth import INSTRUMENT_RANGES, generate_solo
from skbass.datasets.synth._generator import TICKS_PER_SECOND
from skbass.datasets.synth._phrases import PHRASE_KINDS

SEEDS = range(12)


def _pieces(instrument, duration=20.0):
    return [generate_solo(instrument, seed, duration) for seed in SEEDS]


def test_classes_match_the_paper():
    assert tuple(INSTRUMENT_RANGES) == INSTRUMENTS


def test_deterministic_by_seed():
    a, b = generate_solo("violin", 3, 12.0), generate_solo("violin", 3, 12.0)
    c = generate_solo("violin", 4, 12.0)
    for key in ("notes", "bends", "controls"):
        np.testing.assert_array_equal(a[key], b[key])
    assert a["phrases"] == b["phrases"] and a["tempo"] == b["tempo"]
    assert not np.array_equal(a["notes"], c["notes"])


@pytest.mark.parametrize("instrument", INSTRUMENTS)
def test_notes_in_range_on_the_tick_grid(instrument):
    lo, hi = INSTRUMENT_RANGES[instrument]
    for piece in _pieces(instrument):
        notes = piece["notes"]
        assert notes.shape[1] == 4 and len(notes) > 5
        assert lo <= notes[:, 2].min() and notes[:, 2].max() <= hi
        assert np.all(notes[:, 1] > notes[:, 0]) and notes[:, 1].max() <= piece["duration"]
        assert np.all((notes[:, 3] >= 1) & (notes[:, 3] <= 127))
        ticks = notes[:, :2] * TICKS_PER_SECOND
        np.testing.assert_allclose(ticks, np.round(ticks), atol=1e-6)
    pitches = np.concatenate([p["notes"][:, 2] for p in _pieces(instrument)])
    # the whole range is used: both ends within half an octave
    assert pitches.min() <= lo + 6 and pitches.max() >= hi - 6


@pytest.mark.parametrize("instrument", ["clarinet", "voice", "flute", "tenor_sax", "trumpet"])
def test_monophonic_lines(instrument):
    for piece in _pieces(instrument):
        notes = piece["notes"]
        assert np.all(notes[1:, 0] >= notes[:-1, 1] - 1e-9)


def test_phrase_kinds_tempo_and_dynamics_vary():
    pieces = [p for name in INSTRUMENTS for p in _pieces(name)]
    kinds = {ph["kind"] for p in pieces for ph in p["phrases"]}
    assert set(PHRASE_KINDS) <= kinds and "power_chords" in kinds
    assert {ph["articulation"] for p in pieces for ph in p["phrases"]} == {
        "legato",
        "detached",
        "staccato",
    }
    assert len({p["tempo"] for p in pieces}) > 50 and len({p["mode"] for p in pieces}) > 5
    velocities = np.concatenate([p["notes"][:, 3] for p in pieces])
    assert velocities.min() < 45 and velocities.max() > 110


def test_expressive_midi():
    for instrument in ("violin", "tenor_sax", "distorted_guitar", "flute"):
        pieces = _pieces(instrument)
        bends = np.concatenate([p["bends"] for p in pieces])
        controls = np.concatenate([p["controls"] for p in pieces])
        assert len(bends) > 100 and np.abs(bends[:, 1]).max() <= 8192
        assert np.any(controls[:, 1] == 11)  # expression swells
        for piece in pieces:  # bends only while a note sounds (or reset at its end)
            notes, t = piece["notes"], piece["bends"][:, 0]
            inside = (t[:, None] >= notes[None, :, 0] - 1e-9) & (
                t[:, None] <= notes[None, :, 1] + 1e-9
            )
            assert inside.any(axis=1).all()
    violin = np.concatenate([p["bends"][:, 1] for p in _pieces("violin")])
    assert np.abs(violin).max() > 0.1 * 8192  # vibrato of tens of cents
    guitar = np.concatenate([p["bends"][:, 1] for p in _pieces("distorted_guitar")])
    assert guitar.max() > 0.45 * 8192  # string bends of a semitone or more
    for instrument in ("piano", "voice"):
        assert all(len(p["bends"]) == 0 for p in _pieces(instrument))


def test_piano_chords_two_hands_and_pedal():
    pieces = _pieces("piano")
    chords = sum(int(np.any(np.diff(p["notes"][:, 0]) == 0)) for p in pieces)
    assert chords >= len(pieces) // 2
    two_hands = [p for p in pieces if any("left_hand" in ph for ph in p["phrases"])]
    assert two_hands
    for piece in two_hands:
        assert piece["notes"][:, 2].min() < 55 <= piece["notes"][:, 2].max()
    pedal = np.concatenate([p["controls"] for p in pieces])
    assert set(pedal[:, 1]) == {64} and set(pedal[:, 2]) == {0, 127}


def test_winds_breathe():
    """Winds and the voice pause for breath inside long phrases; the violin does not."""
    for instrument in ("flute", "voice", "violin"):
        breaths = sum(ph["breaths"] for p in _pieces(instrument, 30.0) for ph in p["phrases"])
        assert (breaths > 0) == (instrument != "violin")


def test_bad_arguments():
    with pytest.raises(ValueError, match="unknown instrument class 'cello'"):
        generate_solo("cello", 0)
    with pytest.raises(ValueError, match="duration"):
        generate_solo("piano", 0, 0.5)
