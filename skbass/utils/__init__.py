"""Utilities: audio input and its checks, the frame grid, the two sample levels, MIDI files,
salience decoding, constants and estimator discovery."""

import lazy_loader

__getattr__, __dir__, __all__ = lazy_loader.attach(
    __name__,
    submod_attrs={
        "_audio": ["check_signal", "load_recording"],
        "_constants": [
            "BASS_MAX_MIDI",
            "BASS_MIN_MIDI",
            "BASS_PITCHES",
            "CQT_BINS_PER_OCTAVE",
            "CQT_FMIN",
            "CQT_MIN_MIDI",
            "CQT_N_BINS",
            "HOP_LENGTH",
            "LABEL_FRACTION",
            "SR",
        ],
        "_frames": ["frame_times", "n_frames_for"],
        "_midi": ["read_midi", "write_midi"],
        "_salience": ["DecodedSalience", "decode_salience"],
        "_samples": ["Patches", "Pooled", "pool", "pool_labels", "to_patches"],
        "discovery": ["all_estimators"],
    },
)
