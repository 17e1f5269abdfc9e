import numpy as np
import pytest
import soundfile as sf

from skbass import CQTFrames

from ..conftest import HOP, SR, bass_tone


def test_paper_defaults_and_frame_grid():
    cqt = CQTFrames()
    assert (cqt.sr, cqt.hop_length, cqt.bins_per_octave, cqt.n_bins) == (22050, 1024, 12, 67)
    assert cqt.fmin == pytest.approx(34.648, abs=1e-3)
    y, labels = bass_tone([33, 45])
    (frames,) = cqt.fit_transform([y])
    assert frames.shape == (1 + len(y) // HOP, 67)
    assert frames.dtype == np.float32
    assert len(labels) == len(frames)
    np.testing.assert_allclose(cqt.frame_times(3), [0, HOP / SR, 2 * HOP / SR])


def test_energy_sits_at_the_played_pitch():
    y, labels = bass_tone([33, 40, 47, 52])
    (frames,) = CQTFrames().fit_transform([y])
    inner = np.flatnonzero(labels == np.roll(labels, 1))[1:]
    assert np.mean(25 + frames[inner].argmax(axis=1) == labels[inner]) > 0.9


def test_paths_arrays_pairs_and_stereo_agree(tmp_path):
    y, _ = bass_tone([40, 43])
    path = tmp_path / "bass.wav"
    sf.write(path, y, SR, subtype="FLOAT")
    stereo = np.stack([y, y])
    cqt = CQTFrames().fit()
    a, b, c, d = cqt.transform([y, str(path), (y, SR), stereo])
    np.testing.assert_allclose(a, b, atol=1e-5)
    np.testing.assert_allclose(a, c)
    np.testing.assert_allclose(a, d)


def test_resamples_pairs_at_another_rate():
    y, _ = bass_tone([40], sr=44100)
    (frames,) = CQTFrames().fit_transform([(y, 44100)])
    assert frames.shape[0] == 1 + (len(y) // 2) // HOP


def test_rows_of_2d_array_are_recordings():
    y, _ = bass_tone([40, 43])
    out = CQTFrames().fit_transform(np.stack([y, y]))
    assert len(out) == 2 and out[0].shape == out[1].shape


def test_parallel_and_cached_results_match(tmp_path, recordings):
    X, _ = recordings
    plain = CQTFrames().fit_transform(X)
    parallel = CQTFrames(n_jobs=2, memory=str(tmp_path), verbose=True).fit_transform(X)
    cached = CQTFrames(memory=str(tmp_path)).fit_transform(X)
    for a, b, c in zip(plain, parallel, cached):
        np.testing.assert_allclose(a, b, rtol=1e-6)
        np.testing.assert_array_equal(b, c)


@pytest.mark.parametrize(
    "X, error, match",
    [
        ([np.zeros(4096, dtype=np.float32)], ValueError, "silent"),
        ([np.array([], dtype=np.float32)], ValueError, "empty"),
        ([np.full(4096, np.nan, dtype=np.float32)], ValueError, "NaN"),
        ([np.r_[np.ones(4095), np.inf].astype(np.float32)], ValueError, "infinite"),
        ([np.ones(100, dtype=np.float32)], ValueError, "shorter than one frame"),
        ([np.ones((2, 2, 4096), dtype=np.float32)], ValueError, "1-D .* or 2-D"),
        (np.ones(4096, dtype=np.float32), ValueError, "single 1-D signal"),
        ([], ValueError, "no recordings"),
        (["no/such/file.wav"], FileNotFoundError, "no such audio file"),
        ([(np.ones(4096), -5)], ValueError, "sample rate"),
        ([42], TypeError, "expected an audio file path"),
        ("song.wav", TypeError, "wrap a single file path"),
    ],
)
def test_bad_input_gets_a_clear_error(X, error, match):
    with pytest.raises(error, match=match):
        CQTFrames().fit_transform(X)


def test_unreadable_file(tmp_path):
    bad = tmp_path / "notes.wav"
    bad.write_text("this is not audio")
    with pytest.raises(ValueError, match="cannot read audio file"):
        CQTFrames().fit_transform([str(bad)])


def test_top_bin_above_nyquist_is_rejected():
    with pytest.raises(ValueError, match="Nyquist"):
        CQTFrames(sr=2000).fit()


@pytest.mark.parametrize("n_jobs", [None, 2])
def test_recording_shorter_than_the_lowest_filter_warns(n_jobs):
    long, _ = bass_tone([40])
    short = np.random.default_rng(0).standard_normal(4096).astype(np.float32) * 0.1
    with pytest.warns(UserWarning, match=r"recording 1 lasts 0\.186 s, shorter than the lowest"):
        frames = CQTFrames(n_jobs=n_jobs).fit_transform([long, short])
    assert frames[1].shape == (1 + 4096 // HOP, 67)
