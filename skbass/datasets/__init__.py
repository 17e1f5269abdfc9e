"""Labelled bass data made offline: generated jazz ensembles rendered with FluidSynth.

A seeded MIDI generator writes walking-bass ensemble pieces (bass, piano, horn, a second
low instrument, drums); each part is rendered as its own stem through a General MIDI
soundfont and the stems are mixed through a varied recording chain.  Frame labels come
exactly from the MIDI, with the paper's rule (a frame carries a note's pitch only in the
first 75 % of the note).  Training sets use FluidR3_GM and TimGM6mb only; the test set
uses the test-only MuseScore_General_Lite.  Loaders turn users' own annotated audio into
the same recording-level ``X, y``.
"""

from ._augment import AUGMENTATIONS, augment_recording
from ._cache import default_cache_dir
from ._chain import apply_chain, sample_chain
from ._generator import generate_piece
from ._labels import frame_times, notes_to_frame_labels
from ._loaders import from_mirdata, load_annotated_audio, load_notes
from ._render import TEST_SOUNDFONT, TRAIN_SOUNDFONTS, find_soundfont, render_parts
from ._sets import (
    baseline_from_metadata,
    load_test_set,
    make_ensembles,
    make_isolated_notes,
    make_unlabelled,
)

__all__ = [
    "AUGMENTATIONS",
    "TEST_SOUNDFONT",
    "TRAIN_SOUNDFONTS",
    "apply_chain",
    "augment_recording",
    "baseline_from_metadata",
    "default_cache_dir",
    "find_soundfont",
    "frame_times",
    "from_mirdata",
    "generate_piece",
    "load_annotated_audio",
    "load_notes",
    "load_test_set",
    "make_ensembles",
    "make_isolated_notes",
    "make_unlabelled",
    "notes_to_frame_labels",
    "render_parts",
    "sample_chain",
]
