"""The bank of simulated room impulse responses: drawn rooms, simulation, the cache."""

import json
import os

import numpy as np
import pytest

from skbass.datasets.synth import _rooms
from skbass.datasets.synth._rooms import (
    N_ROOMS,
    RT60_RANGE,
    room_impulse_response,
    room_spec,
    simulate_room,
)

#: A small, dry room of the bank: cheap to simulate.
DRY_ROOM = min(
    range(N_ROOMS), key=lambda i: room_spec(i)["rt60_s"] * np.prod(room_spec(i)["dims_m"])
)


def test_room_specs_are_varied_physical_and_json_serialisable():
    specs = [room_spec(i) for i in range(N_ROOMS)]
    assert json.loads(json.dumps(specs)) == specs
    assert specs == [room_spec(i) for i in range(N_ROOMS)]
    rt60 = np.array([s["rt60_s"] for s in specs])
    assert RT60_RANGE[0] <= rt60.min() < 0.3 and 1.0 < rt60.max() <= RT60_RANGE[1]
    for s in specs:
        dims = np.array(s["dims_m"])
        for pos in (s["source_m"], s["mic_m"]):
            assert np.all(np.array(pos) > 0) and np.all(np.array(pos) < dims)
    distances = [np.linalg.norm(np.subtract(s["mic_m"], s["source_m"])) for s in specs]
    assert min(distances) < 1.0 < 2.5 < max(distances)


def test_simulation_is_deterministic_and_starts_at_the_direct_sound():
    spec = room_spec(DRY_ROOM)
    a, b = simulate_room(spec, 8000), simulate_room(spec, 8000)
    np.testing.assert_array_equal(a, b)
    assert a.dtype == np.float32 and np.all(np.isfinite(a))
    assert np.sum(a.astype(np.float64) ** 2) == pytest.approx(1.0, rel=1e-4)
    assert np.argmax(np.abs(a)) <= 41  # the direct sound's fractional-delay filter
    assert len(a) < 2 * spec["rt60_s"] * 8000


def test_longer_rooms_ring_longer():
    specs = sorted((room_spec(i) for i in range(N_ROOMS)), key=lambda s: s["rt60_s"])
    short, long = simulate_room(specs[0], 8000), simulate_room(specs[-1], 8000)

    def tail(h):  # energy after 100 ms
        return np.sum(h[800:].astype(np.float64) ** 2)

    assert tail(long) > 10 * tail(short)


def test_response_is_cached_and_read_back(tmp_path, monkeypatch):
    _rooms._room_impulse_response.cache_clear()
    first = room_impulse_response(DRY_ROOM, 8000, cache=tmp_path)
    files = os.listdir(tmp_path / "rooms")
    assert len(files) == 1 and files[0].endswith(".npz")
    assert not first.flags.writeable

    def fail(*args):
        raise AssertionError("simulated again instead of read from the cache")

    _rooms._room_impulse_response.cache_clear()
    monkeypatch.setattr(_rooms, "simulate_room", fail)
    second = room_impulse_response(DRY_ROOM, 8000, cache=tmp_path)
    np.testing.assert_array_equal(first, second)
    assert room_impulse_response(DRY_ROOM, 8000, cache=tmp_path) is second  # kept in memory
    _rooms._room_impulse_response.cache_clear()


def test_without_cache_nothing_is_written(tmp_path, monkeypatch):
    monkeypatch.setenv("SKBASS_DATA", str(tmp_path))
    rir = room_impulse_response(DRY_ROOM, 8000, cache=False)
    assert len(rir) > 0 and os.listdir(tmp_path) == []


@pytest.mark.parametrize("index", [-1, 1.5, "0", True])
def test_bad_room_index(index):
    with pytest.raises(ValueError, match="room index"):
        room_impulse_response(index, 8000, cache=False)


@pytest.mark.parametrize("sr", [0, 4000, 22050.0])
def test_bad_sample_rate(sr):
    with pytest.raises(ValueError, match="sr must be"):
        room_impulse_response(0, sr, cache=False)
