"""The recording chain: drawn settings, determinism, output, band limits, the bass mix."""

import copy
import json

import numpy as np
import pytest
from scipy import signal

from skbass.datasets.synth import _rooms
from skbass.datasets.synth._chain import (
    CONDITIONS,
    HARD_RANGES,
    SOLO_RANGES,
    apply_chain,
    apply_recording_chain,
    sample_chain,
    sample_recording_chain,
)
from skbass.datasets.synth._rooms import N_ROOMS, room_spec

#: A small, dry room of the bank: cheap to simulate.
DRY_ROOM = min(
    range(N_ROOMS), key=lambda i: room_spec(i)["rt60_s"] * np.prod(room_spec(i)["dims_m"])
)


@pytest.fixture(autouse=True, scope="module")
def room_cache(tmp_path_factory):
    """Rooms are simulated into a folder of the tests' own, never the user's cache."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SKBASS_DATA", str(tmp_path_factory.mktemp("data")))
        yield
    _rooms._room_impulse_response.cache_clear()


def _hard(seed=0, **changes):
    chain = sample_recording_chain(np.random.default_rng(seed), "hard")
    chain["room"]["index"] = DRY_ROOM
    chain.update(changes)
    return chain


def _noise(n, seed=0):
    return np.random.default_rng(seed).standard_normal(n)


@pytest.mark.parametrize("condition", CONDITIONS)
def test_settings_are_json_serialisable_and_seeded(condition):
    for sample in (sample_chain, sample_recording_chain):
        chain = sample(np.random.default_rng(3), condition)
        assert json.loads(json.dumps(chain)) == chain
        assert sample(np.random.default_rng(3), condition) == chain
        assert chain["condition"] == condition


def test_hard_settings_vary_within_their_ranges():
    chains = [sample_recording_chain(np.random.default_rng(s)) for s in range(40)]
    assert len({c["room"]["index"] for c in chains}) > 15
    assert all(0 <= c["room"]["index"] < N_ROOMS for c in chains)
    lo, hi = HARD_RANGES["highcut_hz"]
    assert all(lo <= c["highcut"]["freq_hz"] <= hi for c in chains)
    assert any(c["drive_db"] is None for c in chains)
    assert any(c["drive_db"] is not None for c in chains)
    bass = [sample_chain(np.random.default_rng(s)) for s in range(40)]
    assert {c["bass_cut"]["type"] for c in bass} == {"highpass", "lowshelf"}
    assert all(-12 <= c["bass_db"] <= 0 for c in bass)


def test_solo_preset_draws_from_its_wider_ranges():
    solo = [sample_recording_chain(np.random.default_rng(s), preset="solo") for s in range(40)]
    band = [sample_recording_chain(np.random.default_rng(s)) for s in range(40)]
    lo, hi = SOLO_RANGES["lowcut_hz"]
    assert all(lo <= c["lowcut"]["freq_hz"] <= hi for c in solo)
    assert max(c["lowcut"]["freq_hz"] for c in solo) > HARD_RANGES["lowcut_hz"][1]
    assert max(abs(c["tilt_db"]) for c in solo) > max(abs(c["tilt_db"]) for c in band)
    assert max(c["noise"]["db"] for c in solo) > HARD_RANGES["noise_db"][1]
    # a clean recording has no chain to widen
    assert sample_recording_chain(np.random.default_rng(0), "clean", preset="solo") == (
        sample_recording_chain(np.random.default_rng(0), "clean")
    )


@pytest.mark.parametrize("sr", [22050, 44100])
def test_same_settings_give_the_same_recording(sr):
    x = _noise(sr // 2) * np.hanning(sr // 2)
    chain = _hard(seed=1)
    y = apply_recording_chain(x, chain, sr)
    np.testing.assert_array_equal(y, apply_recording_chain(x, copy.deepcopy(chain), sr))
    assert y.dtype == np.float32 and y.shape == x.shape and np.all(np.isfinite(y))
    assert np.max(np.abs(y)) == pytest.approx(chain["peak"], rel=1e-6)
    assert not np.allclose(y, x / np.max(np.abs(x)) * chain["peak"], atol=1e-2)


def test_silence_stays_silent():
    y = apply_recording_chain(np.zeros(4000), _hard(), 22050)
    assert y.dtype == np.float32 and not np.any(y)
    stems = {"bass": np.zeros(4000), "piano": np.zeros(4000)}
    chain = sample_chain(np.random.default_rng(0))
    chain["recording"]["room"]["index"] = DRY_ROOM
    assert not np.any(apply_chain(stems, chain, 22050))
    assert len(apply_recording_chain(np.zeros(0), _hard(), 22050)) == 0


def _band_gain(x, y, sr, lo, hi):
    f, px = signal.welch(x, sr, nperseg=4096)
    _, py = signal.welch(y, sr, nperseg=4096)
    band = (f >= lo) & (f < hi)
    return 10 * np.log10(np.sum(py[band]) / np.sum(px[band]))


def test_band_limits_attenuate_out_of_band_energy():
    sr = 22050
    x = _noise(2 * sr)
    chain = _hard(
        seed=2,
        room={"index": DRY_ROOM, "wet": 0.0},
        noise={"db": -120.0, "slope": 0.0, "hum_db": -120.0, "hum_hz": 50.0},
        mic=[],
        tilt_db=0.0,
        lowcut={"freq_hz": 200.0, "order": 1},
        highcut={"freq_hz": 1500.0, "order": 4},
        compressor={"threshold_db": 0.0, "ratio": 1.0, "attack_ms": 1.0, "release_ms": 100.0},
        drive_db=None,
        ride={"db": 0.0, "every_s": 2.0},
    )
    y = apply_recording_chain(x, chain, sr)
    passband = _band_gain(x, y, sr, 500, 1000)
    assert passband - _band_gain(x, y, sr, 6000, 10000) > 40
    assert passband - _band_gain(x, y, sr, 10, 40) > 10


def test_clean_condition_is_a_plain_sum():
    stems = {"bass": _noise(1000, 0), "piano": _noise(1000, 1), "drums": _noise(1000, 2)}
    chain = sample_chain(np.random.default_rng(0), "clean")
    mix = stems["bass"] + stems["piano"] + stems["drums"]
    expected = (mix / np.max(np.abs(mix)) * chain["recording"]["peak"]).astype(np.float32)
    np.testing.assert_allclose(apply_chain(stems, chain, 22050), expected, atol=1e-6)
    x = _noise(1000)
    clean = sample_recording_chain(np.random.default_rng(0), "clean")
    np.testing.assert_allclose(
        apply_recording_chain(x, clean, 22050), x / np.max(np.abs(x)) * 0.9, atol=1e-6
    )


def test_bass_cut_and_level_apply_to_the_bass_only():
    sr = 22050
    t = np.arange(sr) / sr
    stems = {"bass": np.sin(2 * np.pi * 41.0 * t), "piano": np.sin(2 * np.pi * 880 * t)}
    chain = sample_chain(np.random.default_rng(0))
    chain["bass_db"] = -12.0
    chain["bass_cut"] = {"type": "highpass", "freq_hz": 60.0, "order": 2}
    chain["recording"] = sample_recording_chain(np.random.default_rng(0), "clean")
    y = apply_chain(stems, chain, sr)
    spectrum = np.abs(np.fft.rfft(y))
    assert spectrum[41] < 0.1 * spectrum[880]


def test_bad_input():
    with pytest.raises(ValueError, match="condition"):
        sample_recording_chain(np.random.default_rng(0), "loud")
    with pytest.raises(ValueError, match="condition"):
        sample_chain(np.random.default_rng(0), "loud")
    with pytest.raises(ValueError, match="preset"):
        sample_recording_chain(np.random.default_rng(0), preset="studio")
    with pytest.raises(ValueError, match="mono"):
        apply_recording_chain(np.zeros((2, 100)), _hard(), 22050)
    with pytest.raises(ValueError, match="finite"):
        apply_recording_chain(np.array([0.0, np.nan]), _hard(), 22050)
