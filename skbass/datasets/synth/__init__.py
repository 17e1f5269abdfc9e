"""The synthesis engine of the generated sets: a seeded jazz-ensemble MIDI generator,
seeded solo phrases of the 8 instrument classes, FluidSynth rendering through General MIDI
soundfonts, the recording chain and MIDI-domain augmentation."""

from ._augment import AUGMENTATIONS, augment_recording
from ._chain import (
    CHAIN_PRESETS,
    apply_chain,
    apply_recording_chain,
    sample_chain,
    sample_recording_chain,
)
from ._generator import generate_piece
from ._phrases import INSTRUMENT_RANGES, generate_solo
from ._render import TEST_SOUNDFONT, TRAIN_SOUNDFONTS, find_soundfont, render_parts
from ._rooms import room_impulse_response, room_spec
from ._voice import VOICE_RANGE, render_voice

__all__ = [
    "AUGMENTATIONS",
    "CHAIN_PRESETS",
    "INSTRUMENT_RANGES",
    "TEST_SOUNDFONT",
    "TRAIN_SOUNDFONTS",
    "VOICE_RANGE",
    "apply_chain",
    "apply_recording_chain",
    "augment_recording",
    "find_soundfont",
    "generate_piece",
    "generate_solo",
    "render_parts",
    "render_voice",
    "room_impulse_response",
    "room_spec",
    "sample_chain",
    "sample_recording_chain",
]
