"""Bass transcription: the pipeline, the shipped model, BassLine and its writers, the voicing
threshold, the training recipe of the shipped model and the quick-start demo."""

from ..utils._persistence import default_model_path, load_model, save_model
from ._bassline import BassLine, transcribe
from ._demo import run_demo
from ._files import transcribe_to_files
from ._pipeline import bass_pipeline
from ._training import RECIPES, train_default_model
from ._voicing import overall_accuracy, select_voicing_threshold

__all__ = [
    "RECIPES",
    "BassLine",
    "bass_pipeline",
    "default_model_path",
    "load_model",
    "overall_accuracy",
    "run_demo",
    "save_model",
    "select_voicing_threshold",
    "train_default_model",
    "transcribe",
    "transcribe_to_files",
]
