"""Audio input: integer PCM, loud floats, implausible sample rates, truncated WAV files."""

import numpy as np
import pytest
import soundfile as sf

from skbass.utils import load_recording

SR = 22050


def _tone(n=SR, amplitude=0.5):
    return (amplitude * np.sin(2 * np.pi * 110 * np.arange(n) / SR)).astype(np.float32)


@pytest.mark.parametrize(
    ("dtype", "scale", "offset"),
    [("int16", 2**15, 0), ("int32", 2**31, 0), ("int8", 2**7, 0), ("uint8", 2**7, 2**7)],
)
def test_integer_pcm_is_scaled_like_a_file(dtype, scale, offset):
    pcm = np.round(_tone() * (scale - 1) + offset).astype(dtype)
    y = load_recording(pcm, sr=SR)
    assert y.dtype == np.float32 and np.abs(y).max() <= 1
    np.testing.assert_allclose(y, _tone(), atol=2 / scale)


def test_int16_array_matches_the_same_samples_read_from_a_file(tmp_path):
    pcm = np.round(_tone() * 32767).astype(np.int16)
    sf.write(tmp_path / "a.wav", pcm, SR, subtype="PCM_16")
    np.testing.assert_array_equal(load_recording(pcm, sr=SR), load_recording(tmp_path / "a.wav"))


def test_int64_samples_are_refused_as_ambiguous():
    with pytest.raises(TypeError, match="int64 samples are ambiguous"):
        load_recording(np.arange(1000, dtype=np.int64), sr=SR)


def test_float_far_outside_unit_range_warns():
    with pytest.warns(UserWarning, match="peak amplitude 3.28e\\+04 is far outside"):
        load_recording(np.round(_tone() * 65535).astype(np.float32), sr=SR)


@pytest.mark.parametrize("rate", [44.1, 1000, 3999, 384001, 10**7])
def test_implausible_sample_rate_is_an_error_naming_it(rate):
    with pytest.raises(ValueError, match=f"sample rate {int(rate)} Hz is implausible"):
        load_recording((_tone(), rate) if rate != 44.1 else (_tone(), 44), sr=SR)


def test_swapped_pair_is_caught():
    with pytest.raises(ValueError, match="sample rate must be a positive integer"):
        load_recording((SR, _tone()), sr=SR)


def test_truncated_wav_warns_naming_the_file(tmp_path):
    path = tmp_path / "cut.wav"
    sf.write(path, _tone(), SR, subtype="PCM_16")
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    with pytest.warns(UserWarning, match="cut.wav.*promises 44100 bytes.*truncated"):
        y = load_recording(path, sr=SR)
    assert 0 < len(y) < SR


def test_whole_wav_does_not_warn(tmp_path, recwarn):
    path = tmp_path / "whole.wav"
    sf.write(path, _tone(), SR, subtype="PCM_16")
    load_recording(path, sr=SR)
    assert not [w for w in recwarn if "truncated" in str(w.message)]


@pytest.mark.parametrize("native_sr", [22050, 44100, 48000, 16000])
@pytest.mark.parametrize("suffix", [".wav", ".flac"])
def test_read_audio_equals_librosa_load(tmp_path, native_sr, suffix):
    import librosa

    from skbass.utils._audio import read_audio

    stereo = 0.1 * np.random.default_rng(0).standard_normal((native_sr, 2))
    path = tmp_path / f"stereo{suffix}"
    sf.write(path, stereo.astype(np.float32), native_sr)
    expected, _ = librosa.load(path, sr=22050, mono=True)
    got = read_audio(path, sr=22050)
    assert got.dtype == np.float32
    np.testing.assert_array_equal(got, expected)


def test_resample_equals_librosa_resample():
    import librosa

    from skbass.utils._audio import resample

    y = np.random.default_rng(1).standard_normal(44_101).astype(np.float32)
    np.testing.assert_array_equal(
        resample(y, 44100, 22050), librosa.resample(y, orig_sr=44100, target_sr=22050)
    )
