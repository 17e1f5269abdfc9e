"""Bass transcription: the pipeline, the shipped model, BassLine and its writers, the voicing
threshold, the training recipe of the shipped model and the quick-start demo.

Names load on first use (``lazy_loader``), so the ``skbass transcribe`` command reaches its
NumPy runtime (:mod:`skbass.transcription._runtime`) without importing scikit-learn.
"""

import lazy_loader

# module paths below the skbass package: load_model and its kin live in skbass.utils
__getattr__, __dir__, __all__ = lazy_loader.attach(
    "skbass",
    submod_attrs={
        "transcription._bassline": ["BassLine", "transcribe"],
        "transcription._demo": ["run_demo"],
        "transcription._files": ["transcribe_to_files"],
        "transcription._pipeline": ["bass_pipeline", "onset_pipeline"],
        "transcription._training": [
            "BASS_SOUNDFONTS",
            "RECIPES",
            "train_default_model",
            "train_onset_model",
            "train_voicing_model",
        ],
        "transcription._voicing": ["overall_accuracy", "select_voicing_threshold"],
        "utils._model_file": ["default_model_path"],
        "utils._persistence": ["load_model", "save_model"],
    },
)
