"""Audio-domain augmentation: time-stretch and pitch-shift with labels that follow."""

import numpy as np
import pytest

from skbass.datasets import augment_recording
from skbass.metrics import cqt_argmax_pitch

SR = 22050
HOP = 1024


def test_audio_domain_augmentation():
    t = np.arange(2 * SR) / SR
    audio = (0.5 * np.sin(2 * np.pi * 110.0 * t)).astype(np.float32)  # A2 = MIDI 45
    labels = np.full(1 + len(audio) // HOP, 45)
    labels[:5] = 0
    a2, l2 = augment_recording(audio, labels, sr=SR, hop_length=HOP, stretch=1.1, shift=2)
    assert len(l2) == 1 + len(a2) // HOP
    assert abs(len(a2) - 1.1 * len(audio)) < HOP
    assert set(np.unique(l2)) == {0, 47}
    est = cqt_argmax_pitch(a2)
    assert np.mean(est[10:-10] == 47) > 0.9
    _, l3 = augment_recording(audio, np.full_like(labels, 69), sr=SR, hop_length=HOP, shift=1)
    assert not l3.any()  # 70 leaves the bass range
    with pytest.raises(ValueError, match="frames"):
        augment_recording(audio, labels[:-1], sr=SR, hop_length=HOP)
