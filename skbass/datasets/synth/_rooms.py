"""A bank of room impulse responses simulated with pyroomacoustics, for the recording chain.

Room ``i`` of the bank is a shoebox room whose size, reverberation time (RT60 0.2-1.5 s)
and source and microphone positions are drawn from a seed fixed by ``i``
(:func:`room_spec`).  Its impulse response is simulated with the image source method of
:mod:`pyroomacoustics` (wall absorption from Sabine's formula, air absorption, image
order capped at :data:`MAX_ORDER`), cut to start at the direct sound and to end 60 dB
down, and scaled to unit energy (:func:`simulate_room`).  Each response is simulated once
per room and sample rate, on first use, and cached as one ``.npz`` file in the ``rooms``
folder of the data cache (:func:`room_impulse_response`); a response takes about a
second to simulate.
"""

import functools
from numbers import Integral

import numpy as np

from .._cache import cache_path, load_entry, resolve_cache, save_entry

#: Number of rooms the recording chain draws from.
N_ROOMS = 48
#: Highest image-source order simulated (bounds the cost of the long, large rooms).
MAX_ORDER = 30
#: Range of the rooms' reverberation times in seconds.
RT60_RANGE = (0.2, 1.5)
#: Seed of the room draws.
_ROOM_SEED = 20240611
#: Speed of sound in m/s (pyroomacoustics' default).
_C = 343.0


def _check_index(index):
    if not isinstance(index, Integral) or isinstance(index, bool) or index < 0:
        raise ValueError(f"room index must be a non-negative integer, got {index!r}")
    return int(index)


def _check_sr(sr):
    if not isinstance(sr, Integral) or isinstance(sr, bool) or sr < 8000:
        raise ValueError(f"sr must be an integer sample rate of at least 8000 Hz, got {sr!r}")
    return int(sr)


def room_spec(index):
    """The drawn geometry and reverberation time of one room of the bank.

    Parameters
    ----------
    index : int
        Room number (the chain uses ``0 .. N_ROOMS - 1``).

    Returns
    -------
    spec : dict
        ``index``, ``dims_m`` (length, width, height in metres), ``rt60_s``, ``source_m``
        and ``mic_m`` (positions in metres); JSON-serialisable.

    Examples
    --------
    >>> spec = room_spec(0)
    >>> spec == room_spec(0), 0.2 <= spec["rt60_s"] <= 1.5
    (True, True)
    """
    index = _check_index(index)
    rng = np.random.default_rng([_ROOM_SEED, index])
    length = rng.uniform(3.5, 20.0)
    dims = np.array([length, length * rng.uniform(0.5, 0.9), rng.uniform(2.5, 3.0 + length / 4)])
    volume = np.prod(dims)
    surface = 2 * (dims[0] * dims[1] + dims[0] * dims[2] + dims[1] * dims[2])
    # Sabine's RT60 with fully absorbing walls: the shortest this room can have
    shortest = 24 * np.log(10) * volume / (_C * surface)
    lo = max(RT60_RANGE[0], 1.1 * shortest)
    rt60 = float(np.exp(rng.uniform(np.log(lo), np.log(RT60_RANGE[1]))))
    source = np.array(
        [rng.uniform(0.5, dims[0] - 0.5), rng.uniform(0.5, dims[1] - 0.5), rng.uniform(1.0, 2.0)]
    )
    distance = np.exp(rng.uniform(np.log(0.5), np.log(4.0)))
    angle = rng.uniform(0, 2 * np.pi)
    mic = source + [distance * np.cos(angle), distance * np.sin(angle), 0.0]
    mic[2] = rng.uniform(1.0, 2.5)
    mic = np.clip(mic, 0.3, dims - 0.3)

    def r(v):
        return [round(float(x), 3) for x in v]

    return {
        "index": index,
        "dims_m": r(dims),
        "rt60_s": round(rt60, 3),
        "source_m": r(source),
        "mic_m": r(mic),
    }


def simulate_room(spec, sr):
    """Simulate the impulse response of a room with pyroomacoustics.

    Parameters
    ----------
    spec : dict
        A room from :func:`room_spec`.
    sr : int
        Sample rate in Hz.

    Returns
    -------
    rir : np.ndarray [shape=(n,), dtype=float32]
        The impulse response from the direct sound on, ending 60 dB down, with unit energy.
    """
    import pyroomacoustics as pra

    sr = _check_sr(sr)
    absorption, order = pra.inverse_sabine(spec["rt60_s"], spec["dims_m"], c=_C)
    room = pra.ShoeBox(
        spec["dims_m"],
        fs=sr,
        materials=pra.Material(absorption),
        max_order=min(order, MAX_ORDER),
        air_absorption=True,
    )
    room.add_source(spec["source_m"])
    room.add_microphone(spec["mic_m"])
    room.compute_rir()
    rir = np.asarray(room.rir[0][0], dtype=np.float64)
    # the direct sound is the strongest arrival; keep the lead-in of its fractional delay
    start = max(int(np.argmax(np.abs(rir))) - pra.constants.get("frac_delay_length") // 2, 0)
    rir = rir[start:]
    remaining = np.cumsum(rir[::-1] ** 2)[::-1]
    rir = rir[: max(int(np.sum(remaining > remaining[0] * 1e-6)), 1)]
    fade = min(len(rir) // 10, int(0.05 * sr))
    if fade:
        rir[-fade:] *= np.hanning(2 * fade)[fade:]
    return (rir / np.sqrt(np.sum(rir**2))).astype(np.float32)


def room_impulse_response(index, sr, *, cache=True):
    """The impulse response of room ``index`` of the bank, simulated once and cached.

    Parameters
    ----------
    index : int
        Room number (the chain uses ``0 .. N_ROOMS - 1``).
    sr : int
        Sample rate in Hz.
    cache : bool, str or None
        ``True``: the ``rooms`` folder of :func:`~skbass.datasets.default_cache_dir`; a
        folder; ``False``: simulate without writing a file.  Within a process each
        response is also kept in memory.

    Returns
    -------
    rir : np.ndarray [shape=(n,), dtype=float32]
        Read-only impulse response (see :func:`simulate_room`).

    Examples
    --------
    >>> rir = room_impulse_response(0, 8000, cache=False)
    >>> rir.dtype, bool(abs(np.sum(rir**2) - 1) < 1e-3)
    (dtype('float32'), True)
    """
    return _room_impulse_response(_check_index(index), _check_sr(sr), resolve_cache(cache))


@functools.lru_cache(maxsize=None)
def _room_impulse_response(index, sr, folder):
    spec = room_spec(index)
    params = {"kind": "rooms", "sr": sr, "max_order": MAX_ORDER, **spec}
    path = cache_path(folder, params) if folder else None
    entry = load_entry(path) if path else None
    if entry is not None:
        rir = entry["audio"]
    else:
        rir = simulate_room(spec, sr)
        if path:
            try:
                save_entry(path, rir, [], [], params)
            except OSError:  # a read-only cache folder: use the response without saving it
                pass
    rir.flags.writeable = False
    return rir
