"""Utilities: audio input and its checks, the frame grid, the two sample levels, MIDI files,
salience decoding, constants and estimator discovery."""

from ._audio import check_signal, load_recording
from ._constants import (
    BASS_MAX_MIDI,
    BASS_MIN_MIDI,
    BASS_PITCHES,
    CQT_BINS_PER_OCTAVE,
    CQT_FMIN,
    CQT_MIN_MIDI,
    CQT_N_BINS,
    HOP_LENGTH,
    LABEL_FRACTION,
    SR,
)
from ._frames import frame_times, n_frames_for
from ._midi import read_midi, write_midi
from ._salience import DecodedSalience, decode_salience
from ._samples import Patches, Pooled, pool, pool_labels, to_patches
from .discovery import all_estimators

__all__ = [
    "BASS_MAX_MIDI",
    "BASS_MIN_MIDI",
    "BASS_PITCHES",
    "CQT_BINS_PER_OCTAVE",
    "CQT_FMIN",
    "CQT_MIN_MIDI",
    "CQT_N_BINS",
    "DecodedSalience",
    "HOP_LENGTH",
    "LABEL_FRACTION",
    "Patches",
    "Pooled",
    "SR",
    "all_estimators",
    "check_signal",
    "decode_salience",
    "frame_times",
    "load_recording",
    "n_frames_for",
    "pool",
    "pool_labels",
    "read_midi",
    "to_patches",
    "write_midi",
]
