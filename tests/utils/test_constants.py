"""The constants match the paper's settings and librosa's conversions."""

import librosa
import numpy as np

from skbass import CQTFrames
from skbass.utils import (
    BASS_PITCHES,
    CQT_FMIN,
    CQT_MIN_MIDI,
    CQT_N_BINS,
    HOP_LENGTH,
    SR,
    frame_times,
    load_recording,
)


def test_feature_grid_is_the_papers():
    assert (SR, HOP_LENGTH, CQT_N_BINS) == (22050, 1024, 67)
    assert CQT_FMIN == librosa.midi_to_hz(CQT_MIN_MIDI)
    assert BASS_PITCHES.tolist() == list(range(26, 70))
    params = CQTFrames().get_params()
    assert (params["sr"], params["hop_length"], params["fmin"]) == (SR, HOP_LENGTH, CQT_FMIN)


def test_sample_rate_and_hop_are_keyword_arguments():
    np.testing.assert_allclose(frame_times(2, hop_length=512, sr=SR), [0.0, 512 / SR])
    signal = np.sin(np.linspace(0, 100, 4410)).astype(np.float32)
    assert len(load_recording((signal, 44100), sr=SR)) == 2205
