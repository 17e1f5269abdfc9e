"""Labelled bass data made offline: generated jazz ensembles rendered with FluidSynth.

A seeded MIDI generator writes walking-bass ensemble pieces (bass, piano, horn, a second
low instrument, drums); each part is rendered as its own stem through a General MIDI
soundfont and the stems are mixed through a varied recording chain.  Frame labels come
exactly from the MIDI, by default with the paper's rule (a frame carries a note's pitch
only in the first 75 % of the note), or over each note's whole duration
(``label_convention="sounding"``).  Training sets use FluidR3_GM and TimGM6mb only; the
test sets (ensembles, isolated notes) use the test-only MuseScore_General_Lite.  Loaders
turn users' own annotated audio into the same recording-level ``X, y``. Every ``make_*``
/ ``load_*`` set function returns a :class:`sklearn.utils.Bunch` with ``X``, ``y``,
``groups`` (one per piece, for group-aware cross-validation), ``notes`` and ``metadata``.
"""

from ._cache import default_cache_dir
from ._export import write_set
from ._instrument_mirdata import instruments_from_mirdata
from ._instrument_sets import (
    INSTRUMENT_PROGRAMS,
    class_accuracies,
    forest_accuracy,
    load_instrument_test_set,
    make_instrument_solos,
)
from ._instruments import (
    AUDIO_EXTENSIONS,
    INSTRUMENT_ALIASES,
    INSTRUMENTS,
    cut_excerpts,
    excerpt_windows,
    instrument_name,
    load_instrument_csv,
    load_instrument_folder,
)
from ._labels import notes_to_frame_labels
from ._loaders import from_mirdata, load_annotated_audio, load_notes
from ._sets import (
    baseline_from_metadata,
    load_isolated_test_set,
    load_test_set,
    make_ensembles,
    make_isolated_notes,
    make_unlabelled,
)
from .synth import (
    AUGMENTATIONS,
    INSTRUMENT_RANGES,
    TEST_SOUNDFONT,
    TRAIN_SOUNDFONTS,
    VOICE_RANGE,
    apply_chain,
    apply_recording_chain,
    augment_recording,
    find_soundfont,
    generate_piece,
    generate_solo,
    render_parts,
    render_voice,
    sample_chain,
    sample_recording_chain,
)

__all__ = [
    "AUDIO_EXTENSIONS",
    "AUGMENTATIONS",
    "INSTRUMENTS",
    "INSTRUMENT_ALIASES",
    "INSTRUMENT_PROGRAMS",
    "INSTRUMENT_RANGES",
    "TEST_SOUNDFONT",
    "TRAIN_SOUNDFONTS",
    "VOICE_RANGE",
    "apply_chain",
    "apply_recording_chain",
    "augment_recording",
    "baseline_from_metadata",
    "class_accuracies",
    "cut_excerpts",
    "default_cache_dir",
    "excerpt_windows",
    "find_soundfont",
    "forest_accuracy",
    "from_mirdata",
    "generate_piece",
    "generate_solo",
    "instrument_name",
    "instruments_from_mirdata",
    "load_annotated_audio",
    "load_instrument_csv",
    "load_instrument_folder",
    "load_instrument_test_set",
    "load_isolated_test_set",
    "load_notes",
    "load_test_set",
    "make_ensembles",
    "make_instrument_solos",
    "make_isolated_notes",
    "make_unlabelled",
    "notes_to_frame_labels",
    "render_parts",
    "render_voice",
    "sample_chain",
    "sample_recording_chain",
    "write_set",
]
