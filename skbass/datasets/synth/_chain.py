"""A seeded recording chain that mixes rendered stems like an old jazz record.

``hard`` condition: the bass sits from about level with the band to 12 dB under it, its
fundamental is weakened (high-pass or low-shelf cut, as small speakers and old records
do), the mix is band-limited (low cut 60-120 Hz, high cut 5-8 kHz), sent through a
synthetic room reverb and a compressor, and a little hiss and mains hum is added.
``clean`` condition: the stems are summed as rendered.
"""

import numpy as np
from scipy import signal

#: Recording-chain conditions.
CONDITIONS = ("hard", "clean")

#: Ranges the ``hard`` chain's settings are drawn from (tuned on FluidR3_GM/TimGM6mb only).
HARD_RANGES = {
    "bass_db": (-12.0, 0.0),  # bass RMS relative to the rest of the band, before its cut
    "bass_highpass_hz": (30.0, 60.0),
    "bass_shelf_hz": (60.0, 120.0),
    "bass_shelf_db": (-8.0, -2.0),
    "piano_db": (-3.0, 3.0),
    "horn_db": (-4.0, 2.0),
    "low_db": (-6.0, 1.0),
    "drums_db": (-6.0, 0.0),
    "lowcut_hz": (60.0, 120.0),
    "highcut_hz": (5000.0, 8000.0),
    "rt60_s": (0.3, 1.5),
    "reverb_wet": (0.1, 0.45),
    "comp_threshold_db": (-10.0, 0.0),  # relative to the mix RMS
    "comp_ratio": (2.0, 6.0),
    "comp_time_s": (0.01, 0.1),
    "hiss_db": (-50.0, -35.0),  # relative to the mix RMS
    "hum_db": (-55.0, -40.0),
    "peak": (0.5, 0.95),
}


def sample_chain(rng, condition="hard"):
    """Draw the settings of a recording chain.

    Parameters
    ----------
    rng : np.random.Generator
        Random source.
    condition : {"hard", "clean"}
        Which chain.

    Returns
    -------
    chain : dict
        JSON-serialisable settings, used by :func:`apply_chain`.
    """
    if condition not in CONDITIONS:
        raise ValueError(f"condition must be one of {CONDITIONS}, got {condition!r}")
    if condition == "clean":
        return {"condition": "clean", "peak": 0.9}

    def u(name):
        lo, hi = HARD_RANGES[name]
        return round(float(rng.uniform(lo, hi)), 3)

    chain = {"condition": "hard"}
    for name in ("bass_db", "piano_db", "horn_db", "low_db", "drums_db"):
        chain[name] = u(name)
    if rng.random() < 0.5:
        chain["bass_cut"] = {
            "type": "highpass",
            "freq_hz": u("bass_highpass_hz"),
            "order": int(rng.choice([1, 2])),
        }
    else:
        chain["bass_cut"] = {
            "type": "lowshelf",
            "freq_hz": u("bass_shelf_hz"),
            "gain_db": u("bass_shelf_db"),
        }
    chain["lowcut_hz"] = u("lowcut_hz")
    chain["lowcut_order"] = 1
    chain["highcut_hz"] = u("highcut_hz")
    chain["highcut_order"] = int(rng.choice([2, 4]))
    chain["rt60_s"] = u("rt60_s")
    chain["reverb_wet"] = u("reverb_wet")
    chain["predelay_s"] = round(float(rng.uniform(0.005, 0.03)), 4)
    chain["comp_threshold_db"] = u("comp_threshold_db")
    chain["comp_ratio"] = u("comp_ratio")
    chain["comp_time_s"] = u("comp_time_s")
    chain["hiss_db"] = u("hiss_db")
    chain["hum_db"] = u("hum_db")
    chain["hum_hz"] = float(rng.choice([50.0, 60.0]))
    chain["peak"] = u("peak")
    chain["noise_seed"] = int(rng.integers(2**31))
    return chain


def _rms(x):
    return float(np.sqrt(np.mean(np.square(x, dtype=np.float64)))) if len(x) else 0.0


def _lowshelf(freq, gain_db, sr):
    """RBJ-cookbook low-shelf biquad (shelf slope 1) as second-order sections."""
    a = 10 ** (gain_db / 40)
    w0 = 2 * np.pi * freq / sr
    alpha = np.sin(w0) / 2 * np.sqrt(2)
    cw = np.cos(w0)
    b = np.array(
        [
            a * ((a + 1) - (a - 1) * cw + 2 * np.sqrt(a) * alpha),
            2 * a * ((a - 1) - (a + 1) * cw),
            a * ((a + 1) - (a - 1) * cw - 2 * np.sqrt(a) * alpha),
        ]
    )
    den = np.array(
        [
            (a + 1) + (a - 1) * cw + 2 * np.sqrt(a) * alpha,
            -2 * ((a - 1) + (a + 1) * cw),
            (a + 1) + (a - 1) * cw - 2 * np.sqrt(a) * alpha,
        ]
    )
    return np.concatenate([b / den[0], den / den[0]])[None, :]


def _room_ir(rt60, predelay, sr, rng, highcut):
    n = int((rt60 + predelay) * sr)
    t = np.arange(n) / sr
    ir = rng.standard_normal(n) * np.exp(-6.9078 * np.maximum(t - predelay, 0) / rt60)
    ir[: int(predelay * sr)] = 0.0
    ir = signal.sosfilt(signal.butter(2, min(highcut, 0.45 * sr), "low", fs=sr, output="sos"), ir)
    return ir / (np.sqrt(np.sum(ir**2)) + 1e-12)


def _compress(x, sr, threshold_db, ratio, tau):
    a = np.exp(-1.0 / (tau * sr))
    env = signal.lfilter([1 - a], [1, -a], x.astype(np.float64) ** 2)
    level_db = 10 * np.log10(np.maximum(env, 1e-12))
    thr = 20 * np.log10(_rms(x) + 1e-12) + threshold_db
    gain_db = np.minimum(0.0, (thr - level_db) * (1 - 1 / ratio))
    return x * 10 ** (gain_db / 20)


def apply_chain(stems, chain, sr):
    """Mix stems through a recording chain.

    Parameters
    ----------
    stems : dict of str -> np.ndarray [shape=(n,)]
        Rendered stems of equal length; ``"bass"`` is required.
    chain : dict
        Settings from :func:`sample_chain`.
    sr : int
        Sample rate in Hz.

    Returns
    -------
    y : np.ndarray [shape=(n,), dtype=float32]
        The mix, peak-normalised to ``chain["peak"]``.
    """
    n = len(stems["bass"])
    if chain["condition"] == "clean":
        mix = np.sum([np.asarray(s, np.float64) for s in stems.values()], axis=0)
        return _normalise(mix, chain["peak"])
    band = np.zeros(n)
    for name, stem in stems.items():
        if name == "bass":
            continue
        r = _rms(stem)
        if r > 0:
            band += stem / r * 10 ** (chain.get(f"{name}_db", 0.0) / 20)
    bass = np.asarray(stems["bass"], np.float64)
    band_rms = _rms(band)
    if band_rms > 0:
        bass = bass / (_rms(bass) + 1e-12) * band_rms * 10 ** (chain["bass_db"] / 20)
    cut = chain["bass_cut"]
    if cut["type"] == "highpass":
        hp = signal.butter(cut["order"], cut["freq_hz"], "high", fs=sr, output="sos")
        bass = signal.sosfilt(hp, bass)
    else:
        bass = signal.sosfilt(_lowshelf(cut["freq_hz"], cut["gain_db"], sr), bass)
    mix = band + bass
    if _rms(mix) == 0:
        return mix.astype(np.float32)
    low = signal.butter(chain["lowcut_order"], chain["lowcut_hz"], "high", fs=sr, output="sos")
    mix = signal.sosfilt(low, mix)
    highcut = min(chain["highcut_hz"], 0.45 * sr)
    high = signal.butter(chain["highcut_order"], highcut, "low", fs=sr, output="sos")
    mix = signal.sosfilt(high, mix)
    rng = np.random.default_rng(chain["noise_seed"])
    ir = _room_ir(chain["rt60_s"], chain["predelay_s"], sr, rng, highcut)
    wet = signal.fftconvolve(mix, ir)[:n]
    mix = mix + wet / (_rms(wet) + 1e-12) * _rms(mix) * chain["reverb_wet"]
    mix = _compress(mix, sr, chain["comp_threshold_db"], chain["comp_ratio"], chain["comp_time_s"])
    level = _rms(mix)
    hiss_filter = signal.butter(2, highcut, "low", fs=sr, output="sos")
    hiss = signal.sosfilt(hiss_filter, rng.standard_normal(n))
    mix += hiss / (_rms(hiss) + 1e-12) * level * 10 ** (chain["hiss_db"] / 20)
    t = np.arange(n) / sr
    hum = sum(
        amp * np.sin(2 * np.pi * k * chain["hum_hz"] * t)
        for k, amp in ((1, 1.0), (2, 0.5), (3, 0.3))
    )
    mix += hum / _rms(hum) * level * 10 ** (chain["hum_db"] / 20)
    return _normalise(mix, chain["peak"])


def _normalise(mix, peak):
    m = float(np.max(np.abs(mix))) if len(mix) else 0.0
    if m > 0:
        mix = mix / m * peak
    return np.asarray(mix, dtype=np.float32)
