import librosa
import numpy as np
import pytest
import soundfile as sf
from sklearn.base import clone
from sklearn.exceptions import NotFittedError
from sklearn.utils._param_validation import InvalidParameterError

from skbass.features import BagOfFeatures, bag_of_features, bag_of_features_baseline

SR = 22050


def tone(f0, *, n_harmonics, seconds=0.5, seed=0, noise=0.01):
    """A harmonic tone with ``n_harmonics`` partials of slope 1/k, plus a little noise."""
    rng = np.random.default_rng(seed)
    t = np.arange(int(seconds * SR)) / SR
    y = sum(
        np.sin(2 * np.pi * k * f0 * t + rng.uniform(0, 6)) / k for k in range(1, 1 + n_harmonics)
    )
    y = y / np.max(np.abs(y)) * 0.5 + noise * rng.standard_normal(len(t))
    return y.astype(np.float32)


def test_seventy_named_columns_in_the_documented_order():
    bof = BagOfFeatures().fit()
    features = bof.transform([tone(220, n_harmonics=3), tone(330, n_harmonics=10)])
    assert features.shape == (2, 70) and features.dtype == np.float64
    assert np.isfinite(features).all()
    names = bof.get_feature_names_out()
    assert len(names) == 70 == bof.n_features_out_ and len(set(names)) == 70
    assert list(names[:10]) == [
        f"{d}_{s}"
        for d in ("spectral_centroid", "spectral_bandwidth", "spectral_skewness")
        + ("spectral_rolloff", "zero_crossing_rate")
        for s in ("mean", "std")
    ]
    assert names[10] == "mfcc_00_mean" and names[29] == "mfcc_19_mean"
    assert names[30] == "mfcc_delta_00_mean" and names[69] == "mfcc_delta2_19_mean"
    assert BagOfFeatures(n_mfcc=13).fit().get_feature_names_out().shape == (49,)
    assert BagOfFeatures(n_mfcc=13).fit_transform([tone(220, n_harmonics=3)]).shape == (1, 49)


def test_columns_agree_with_librosa():
    y = tone(262, n_harmonics=6)
    (features,) = BagOfFeatures().fit_transform([y])
    centroid = librosa.feature.spectral_centroid(y=y, sr=SR)[0]
    rolloff = librosa.feature.spectral_rolloff(y=y, sr=SR)[0]
    zcr = librosa.feature.zero_crossing_rate(y, frame_length=2048, hop_length=512)[0]
    mfcc = librosa.feature.mfcc(y=y, sr=SR, n_mfcc=20)
    np.testing.assert_allclose(features[[0, 1]], [centroid.mean(), centroid.std()], rtol=1e-3)
    np.testing.assert_allclose(features[[6, 7]], [rolloff.mean(), rolloff.std()], rtol=1e-3)
    np.testing.assert_allclose(features[[8, 9]], [zcr.mean(), zcr.std()], rtol=1e-5)
    np.testing.assert_allclose(features[10:30], mfcc.mean(axis=1), rtol=1e-3, atol=1e-2)
    delta = librosa.feature.delta(mfcc)
    np.testing.assert_allclose(features[30:50], delta.mean(axis=1), atol=1e-3)


def test_descriptors_tell_a_dark_tone_from_noise():
    dark = tone(220, n_harmonics=2)
    noise = np.random.default_rng(0).uniform(-0.5, 0.5, SR // 2).astype(np.float32)
    dark_f, noise_f = BagOfFeatures().fit_transform([dark, noise])
    assert dark_f[0] < noise_f[0]  # centroid
    assert dark_f[6] < noise_f[6]  # rolloff
    assert dark_f[8] < noise_f[8]  # zero-crossing rate
    # a flat spectrum is nearly symmetric about its centroid; a low tone's is right-skewed
    assert abs(noise_f[4]) < 0.5 < dark_f[4]


def test_deterministic_and_input_kinds_agree(tmp_path):
    y = tone(196, n_harmonics=5)
    path = tmp_path / "a.wav"
    sf.write(path, y, SR, subtype="FLOAT")
    bof = BagOfFeatures().fit()
    a, b, c, d = bof.transform([y, str(path), (y, SR), np.stack([y, y])])
    np.testing.assert_array_equal(a, bof.transform([y])[0])
    np.testing.assert_allclose(a, b, rtol=1e-5, atol=1e-5)
    np.testing.assert_allclose(a, c)
    np.testing.assert_allclose(a, d, rtol=1e-5, atol=1e-5)
    rows = np.stack([y, tone(300, n_harmonics=2)])  # 2-D array: one recording per row
    np.testing.assert_allclose(bof.transform(rows)[0], a)
    parallel = BagOfFeatures(n_jobs=2).fit_transform(list(rows))
    np.testing.assert_allclose(parallel, bof.transform(rows))


def test_pair_at_another_rate_is_resampled():
    y = tone(220, n_harmonics=4, noise=0.0)  # no energy at the resampler's band edge
    y44 = librosa.resample(y, orig_sr=SR, target_sr=44100)
    a, b = BagOfFeatures().fit_transform([y, (y44, 44100)])
    means = [0, 2, 4, 6, 8]  # the stds also see the resampler's edge effects
    np.testing.assert_allclose(a[means], b[means], rtol=0.05)


@pytest.mark.parametrize(
    "bad, match",
    [
        (np.zeros(0, np.float32), "recording 1 is empty"),
        (np.zeros(SR, np.float32), "recording 1 is silent"),
        (np.full(SR, np.nan, np.float32), "recording 1 contains NaN"),
        (np.ones(1000, np.float32) * 0.1, "recording 1 is too short.*2048"),
    ],
)
def test_bad_recordings_are_named(bad, match):
    with pytest.raises(ValueError, match=match):
        BagOfFeatures().fit_transform([tone(220, n_harmonics=3), bad])


def test_bad_settings_and_order_of_calls():
    with pytest.raises(InvalidParameterError):
        BagOfFeatures(sr=0).fit()
    with pytest.raises(InvalidParameterError):
        BagOfFeatures(roll_percent=1.5).fit()
    with pytest.raises(ValueError, match="n_mfcc=40 exceeds n_mels=32"):
        BagOfFeatures(n_mfcc=40, n_mels=32).fit()
    with pytest.raises(NotFittedError):
        BagOfFeatures().transform([tone(220, n_harmonics=3)])
    with pytest.raises(TypeError, match="wrap a single file path"):
        BagOfFeatures().fit().transform("a.wav")
    # the derivatives' window shrinks for short excerpts; the shortest accepted works
    short = tone(220, n_harmonics=3)[:2048]
    assert np.isfinite(bag_of_features(short)).all()
    with pytest.raises(ValueError, match="at least max"):
        bag_of_features(short[:-1])


def test_baseline_pipeline_separates_two_timbres():
    rng = np.random.default_rng(0)

    def make(n, seed):
        X, y = [], []
        for i in range(n):
            f0 = float(rng.uniform(150, 500))
            X.append(tone(f0, n_harmonics=1, seed=seed + i, seconds=0.3))  # flute-like
            X.append(tone(f0, n_harmonics=20, seed=seed + i, seconds=0.3))  # brass-like
            y += ["flute", "trumpet"]
        return X, np.array(y, dtype=object)

    X_train, y_train = make(8, 0)
    X_test, y_test = make(5, 100)
    pipe = bag_of_features_baseline(random_state=0)
    assert pipe["forest"].n_estimators == 100 and pipe["forest"].class_weight == "balanced"
    pipe.fit(X_train, y_train)
    assert np.mean(pipe.predict(X_test) == y_test) >= 0.9
    assert list(pipe.classes_) == ["flute", "trumpet"]
    assert pipe[:-1].get_feature_names_out()[0] == "spectral_centroid_mean"
    refit = clone(pipe).fit(X_train, y_train)
    np.testing.assert_array_equal(refit.predict_proba(X_test), pipe.predict_proba(X_test))
