"""The synthesis engine of the generated sets: a seeded jazz-ensemble MIDI generator,
FluidSynth rendering through General MIDI soundfonts, the recording chain and MIDI-domain
augmentation."""

from ._augment import AUGMENTATIONS, augment_recording
from ._chain import apply_chain, sample_chain
from ._generator import generate_piece
from ._render import TEST_SOUNDFONT, TRAIN_SOUNDFONTS, find_soundfont, render_parts

__all__ = [
    "AUGMENTATIONS",
    "TEST_SOUNDFONT",
    "TRAIN_SOUNDFONTS",
    "apply_chain",
    "augment_recording",
    "find_soundfont",
    "generate_piece",
    "render_parts",
    "sample_chain",
]
