"""Tests of skbass.datasets: generation, rendering, chain, labels, cache, loaders, CLI."""

import argparse
import json
import os
import subprocess
import sys
from types import SimpleNamespace

import numpy as np
import pytest

from skbass.baselines import cqt_argmax_pitch

from skbass.datasets import (
    augment_recording,
    baseline_from_metadata,
    find_soundfont,
    from_mirdata,
    generate_piece,
    load_annotated_audio,
    load_notes,
    load_test_set,
    make_ensembles,
    make_isolated_notes,
    make_unlabelled,
    notes_to_frame_labels,
)
from skbass.datasets import _sets
from skbass.datasets._cache import cache_path
from skbass.datasets._generator import transform_piece

SR = 22050
HOP = 1024
TINY = dict(n_recordings=3, duration=8.0, progress=False, cache=False)


@pytest.fixture(scope="module")
def clean_and_hard():
    clean = make_ensembles("small", condition="clean", **TINY)
    hard = make_ensembles("small", condition="hard", **TINY)
    return clean, hard


# ----------------------------------------------------------------------------- labels
def test_labels_follow_the_75_percent_rule():
    # 1 frame per 0.25 s: a note 0..1 s labels frames at 0, .25, .5 (not .75)
    labels = notes_to_frame_labels([[0.0, 1.0, 40], [1.0, 2.0, 80], [2.0, 3.0, 26]], 13, sr=4, hop_length=1)
    assert labels.tolist() == [40, 40, 40, 0, 0, 0, 0, 0, 26, 26, 26, 0, 0]


def test_labels_at_any_hop():
    notes = [[0.5, 1.5, 45]]
    for sr, hop in [(22050, 1024), (16000, 256), (44100, 512)]:
        n = 2 * sr
        labels = notes_to_frame_labels(notes, 1 + n // hop, sr, hop)
        t = np.arange(len(labels)) * hop / sr
        expected = np.where((t >= 0.5) & (t < 1.25), 45, 0)
        np.testing.assert_array_equal(labels, expected)


# ----------------------------------------------------------------------------- generator
def test_generator_is_deterministic_and_in_range():
    a, b, c = generate_piece(5, 20.0), generate_piece(5, 20.0), generate_piece(6, 20.0)
    for name in a["parts"]:
        np.testing.assert_array_equal(a["parts"][name]["notes"], b["parts"][name]["notes"])
    assert not np.array_equal(a["parts"]["bass"]["notes"], c["parts"]["bass"]["notes"])
    for seed in range(20):
        piece = generate_piece(seed, 30.0)
        bass = piece["parts"]["bass"]["notes"]
        assert 28 <= bass[:, 2].min() and bass[:, 2].max() <= 57
        assert np.all(bass[1:, 0] >= bass[:-1, 1])  # monophonic
        assert piece["parts"]["drums"]["channel"] == 9
        assert piece["programs"]["bass"] in (32, 33, 35)


def test_transform_piece_is_exact():
    piece = generate_piece(3, 10.0)
    out = transform_piece(piece, stretch=1.1, shift=-2)
    b0, b1 = piece["parts"]["bass"]["notes"], out["parts"]["bass"]["notes"]
    np.testing.assert_allclose(b1[:, :2], b0[:, :2] * 1.1, atol=1e-3)
    np.testing.assert_array_equal(b1[:, 2], b0[:, 2] - 2)
    np.testing.assert_array_equal(out["parts"]["drums"]["notes"][:, 2], piece["parts"]["drums"]["notes"][:, 2])


def test_ensembles_deterministic_by_seed():
    kw = dict(n_recordings=1, duration=4.0, progress=False, cache=False)
    X1, y1, m1 = make_ensembles("small", seed=1, **kw)
    X2, y2, m2 = make_ensembles("small", seed=1, **kw)
    X3, y3, _ = make_ensembles("small", seed=2, **kw)
    np.testing.assert_array_equal(X1[0], X2[0])
    np.testing.assert_array_equal(y1[0], y2[0])
    assert m1 == m2
    assert not np.array_equal(y1[0], y3[0])


# ----------------------------------------------------------------------------- chain and alignment
def test_shapes_and_metadata(clean_and_hard):
    X, y, meta = clean_and_hard[1]
    assert len(X) == len(y) == len(meta) == 3
    for audio, labels, m in zip(X, y, meta):
        assert audio.dtype == np.float32 and audio.ndim == 1 and len(audio) == 8 * SR
        assert len(labels) == 1 + len(audio) // HOP
        assert set(np.unique(labels)) <= {0} | set(range(26, 70))
        assert m["soundfont"] in ("FluidR3_GM", "TimGM6mb")
        assert {"form", "tempo", "key", "programs", "chain", "seed", "baseline_rpa"} <= set(m)
    assert [m["soundfont"] for m in meta] == ["FluidR3_GM", "TimGM6mb", "FluidR3_GM"]


def test_chain_defeats_trivial_baseline(clean_and_hard):
    (Xc, yc, mc), (Xh, yh, mh) = clean_and_hard
    for a, b in zip(yc, yh):  # same pieces, only the chain differs
        np.testing.assert_array_equal(a, b)
    clean, hard = baseline_from_metadata(mc), baseline_from_metadata(mh)
    assert clean > 0.8
    assert hard < 0.7
    assert clean - hard > 0.2


def test_labels_sit_on_the_bass(clean_and_hard):
    X, y, _ = clean_and_hard[0]
    import librosa

    ranks = []
    for audio, labels in zip(X, y):
        C = np.abs(librosa.cqt(audio, sr=SR, hop_length=HOP, fmin=librosa.midi_to_hz(25),
                               n_bins=67, bins_per_octave=12))[1:45]
        for i in np.flatnonzero(labels > 0):
            col = C[:, i]
            ranks.append(int(np.sum(col > col[labels[i] - 26])))
    ranks = np.array(ranks)
    assert np.mean(ranks == 0) > 0.8  # the labelled pitch is the strongest bin
    assert np.mean(ranks < 3) > 0.9
    # a label sequence shifted by a semitone does not fit
    audio, labels = X[0], y[0]
    est = cqt_argmax_pitch(audio)
    v = labels > 0
    assert np.mean(est[v] == labels[v]) > np.mean(est[v] == labels[v] + 1) + 0.5


# ----------------------------------------------------------------------------- other sets
def test_isolated_notes():
    X, y, meta = make_isolated_notes("small", progress=False, cache=False, soundfonts=["FluidR3_GM"])
    assert len(X) == 1
    played = np.arange(24, 73, 6)
    labelled = np.unique(y[0][y[0] > 0])
    np.testing.assert_array_equal(labelled, played[(played >= 26) & (played <= 69)])
    assert meta[0]["programs"]["bass"] == 32
    assert baseline_from_metadata(meta) > 0.8


def test_unlabelled_withholds_labels():
    X, meta = make_unlabelled("small", n_recordings=1, duration=4.0, progress=False, cache=False)
    assert len(X) == 1 and "labels" not in meta[0]
    X2, meta2, y2 = make_unlabelled("small", n_recordings=1, duration=4.0, progress=False,
                                    cache=False, return_labels=True)
    assert len(y2[0]) == 1 + len(X2[0]) // HOP
    # different pieces from the labelled set
    _, _, m = make_ensembles("small", n_recordings=1, duration=4.0, progress=False, cache=False)
    assert m[0]["seed"] != meta2[0]["seed"]


def test_midi_domain_augmentation():
    X, y, meta = make_ensembles("small", n_recordings=1, duration=4.0, progress=False, cache=False,
                                augment=[(1.0, 0), (1.1, 2)], condition="clean")
    assert [(m["stretch"], m["shift"]) for m in meta] == [(1.0, 0), (1.1, 2)]
    assert len(X[1]) == int(round(4.4 * SR))
    assert baseline_from_metadata(meta[1:]) > 0.6  # labels still sit on the (shifted) bass


def test_audio_domain_augmentation():
    t = np.arange(2 * SR) / SR
    audio = (0.5 * np.sin(2 * np.pi * 110.0 * t)).astype(np.float32)  # A2 = MIDI 45
    labels = np.full(1 + len(audio) // HOP, 45)
    labels[:5] = 0
    a2, l2 = augment_recording(audio, labels, SR, HOP, stretch=1.1, shift=2)
    assert len(l2) == 1 + len(a2) // HOP
    assert abs(len(a2) - 1.1 * len(audio)) < HOP
    assert set(np.unique(l2)) == {0, 47}
    est = cqt_argmax_pitch(a2)
    assert np.mean(est[10:-10] == 47) > 0.9
    _, l3 = augment_recording(audio, np.full_like(labels, 69), SR, HOP, shift=1)
    assert not l3.any()  # 70 leaves the bass range
    with pytest.raises(ValueError, match="frames"):
        augment_recording(audio, labels[:-1], SR, HOP)


# ----------------------------------------------------------------------------- soundfonts
@pytest.mark.parametrize("sf", ["MuseScore_General_Lite", "/some/where/MuseScore_General.sf3",
                                "musescore_general_full"])
def test_training_refuses_musescore(sf):
    with pytest.raises(ValueError, match="test-only"):
        make_ensembles("small", soundfonts=[sf], **TINY)
    with pytest.raises(ValueError, match="test-only"):
        make_isolated_notes("small", soundfonts=sf, progress=False, cache=False)
    with pytest.raises(ValueError, match="test-only"):
        make_unlabelled("small", soundfonts=["FluidR3_GM", sf], progress=False, cache=False)


def test_test_set_needs_musescore():
    with pytest.raises(ValueError, match="MuseScore"):
        load_test_set("small", soundfont="FluidR3_GM", progress=False, cache=False)


def test_missing_soundfont_and_fluidsynth(monkeypatch, tmp_path):
    monkeypatch.setenv("SKBASS_SOUNDFONT_DIR", str(tmp_path))
    with pytest.raises(FileNotFoundError, match="SKBASS_SOUNDFONT_DIR"):
        find_soundfont("NoSuchFont")
    monkeypatch.setattr("skbass.datasets._render._DEBIAN", {"TimGM6mb": ("/nonexistent.sf2", "timgm6mb-soundfont")})
    with pytest.raises(FileNotFoundError, match="timgm6mb-soundfont"):
        find_soundfont("TimGM6mb")
    (tmp_path / "TimGM6mb.sf2").write_bytes(b"x")
    assert find_soundfont("TimGM6mb") == str(tmp_path / "TimGM6mb.sf2")
    monkeypatch.setenv("SKBASS_FLUIDSYNTH", str(tmp_path / "no-fluidsynth"))
    with pytest.raises(FileNotFoundError, match="'fluidsynth'"):
        make_ensembles("small", soundfonts=[str(tmp_path / "TimGM6mb.sf2")], **TINY)


# ----------------------------------------------------------------------------- parameters
@pytest.mark.parametrize("kwargs, match", [
    ({"size": "huge"}, "size"),
    ({"condition": "muddy"}, "condition"),
    ({"seed": -1}, "seed"),
    ({"seed": 1.5}, "seed"),
    ({"sr": 0}, "sr"),
    ({"hop_length": 0}, "hop_length"),
    ({"n_jobs": 0}, "n_jobs"),
    ({"duration": -1.0}, "duration"),
    ({"n_recordings": 0}, "n_recordings"),
    ({"augment": [(5.0, 0)]}, "stretch"),
    ({"augment": [(1.0, 0.5)]}, "shift"),
    ({"augment": "yes"}, "augment"),
    ({"cache": 3}, "cache"),
    ({"soundfonts": []}, "soundfont"),
])
def test_bad_parameters(kwargs, match):
    params = dict(progress=False, cache=False)
    params.update(kwargs)
    size = params.pop("size", "small")
    with pytest.raises(ValueError, match=match):
        make_ensembles(size, **params)


def test_bad_isolated_parameters():
    with pytest.raises(ValueError, match="pitch_range"):
        make_isolated_notes("small", pitch_range=(60, 30), cache=False, progress=False)
    with pytest.raises(ValueError, match="program"):
        make_isolated_notes("small", programs=[200], cache=False, progress=False)


# ----------------------------------------------------------------------------- cache
def test_cache(tmp_path, monkeypatch):
    kw = dict(n_recordings=1, duration=3.0, progress=False, cache=str(tmp_path))
    X1, y1, m1 = make_ensembles("small", **kw)
    files = list(tmp_path.rglob("*.npz"))
    assert len(files) == 1
    assert not list(tmp_path.rglob("*.part"))

    def boom(job):
        raise AssertionError("rendered although cached")

    monkeypatch.setattr(_sets, "_render_job", boom)
    X2, y2, m2 = make_ensembles("small", **kw)
    np.testing.assert_array_equal(X1[0], X2[0])
    np.testing.assert_array_equal(y1[0], y2[0])
    assert m1 == m2
    # another hop is another cache entry
    with pytest.raises(AssertionError, match="rendered"):
        make_ensembles("small", hop_length=512, **kw)


def test_interrupted_cache_write_is_not_read(tmp_path, monkeypatch):
    kw = dict(n_recordings=1, duration=3.0, progress=False, cache=str(tmp_path))
    calls = []
    real = _sets._render_job

    def counting(job):
        calls.append(job["index"])
        return real(job)

    monkeypatch.setattr(_sets, "_render_job", counting)
    jobs = _sets._ensemble_jobs("ensembles", 1, 3.0, ["FluidR3_GM", "TimGM6mb"], [(1.0, 0)],
                                "hard", 0, SR, HOP)
    final = cache_path(str(tmp_path), jobs[0])
    os.makedirs(os.path.dirname(final))
    # a half-written temporary file left by an interrupted render ...
    with open(os.path.join(os.path.dirname(final), ".tmp-abc.npz.part"), "wb") as fh:
        fh.write(b"PK\x03\x04 half written")
    X, y, _ = make_ensembles("small", **kw)
    assert calls == [0]  # ... is ignored: the recording is rendered
    # a damaged final file is rendered again too
    with open(final, "wb") as fh:
        fh.write(b"garbage")
    X2, y2, _ = make_ensembles("small", **kw)
    assert calls == [0, 0]
    np.testing.assert_array_equal(X[0], X2[0])


def test_parallel_equals_sequential():
    kw = dict(n_recordings=2, duration=3.0, progress=False, cache=False)
    X1, y1, _ = make_ensembles("small", n_jobs=1, **kw)
    X2, y2, _ = make_ensembles("small", n_jobs=2, **kw)
    for a, b in zip(X1, X2):
        np.testing.assert_array_equal(a, b)


# ----------------------------------------------------------------------------- loaders
def _sine(midi_pitches, seconds_each, sr=SR):
    out = []
    for p in midi_pitches:
        t = np.arange(int(seconds_each * sr)) / sr
        out.append(0.5 * np.sin(2 * np.pi * 440 * 2 ** ((p - 69) / 12) * t))
    return np.concatenate(out).astype(np.float32)


def test_csv_and_audio_pairs(tmp_path):
    import soundfile as sf

    audio = _sine([40, 45], 1.0, sr=44100)
    sf.write(tmp_path / "a.wav", audio, 44100)
    (tmp_path / "a.csv").write_text("onset,offset,pitch\n0.0,1.0,40\n1.0,2.0,45\n")
    (tmp_path / "b.csv").write_text("0.0,1.0,40\n1.0,2.0,90\n")  # no header; 90 is out of range
    X, y = load_annotated_audio([(tmp_path / "a.wav", tmp_path / "a.csv"),
                                 ((audio, 44100), tmp_path / "b.csv")])
    assert len(X[0]) == 2 * SR and len(y[0]) == 1 + 2 * SR // HOP
    t = np.arange(len(y[0])) * HOP / SR
    np.testing.assert_array_equal(y[0], np.select([t < 0.75, (t >= 1) & (t < 1.75)], [40, 45], 0))
    assert set(np.unique(y[1])) == {0, 40}
    est = cqt_argmax_pitch(X[0])
    v = y[0] > 0
    assert np.mean(est[v] == y[0][v]) > 0.9
    (tmp_path / "bad.csv").write_text("start,stop,freq\n0,1,2\n")
    with pytest.raises(ValueError, match="offset"):
        load_notes(tmp_path / "bad.csv")


def test_midi_notes(tmp_path):
    import mido

    mid = mido.MidiFile(ticks_per_beat=480)
    tempo = mido.MidiTrack([mido.MetaMessage("set_tempo", tempo=1_000_000, time=0),
                            mido.MetaMessage("set_tempo", tempo=500_000, time=960)])
    piano = mido.MidiTrack([mido.MetaMessage("track_name", name="Piano"),
                            mido.Message("note_on", note=60, velocity=80, time=0),
                            mido.Message("note_off", note=60, time=480)])
    bass = mido.MidiTrack([mido.MetaMessage("track_name", name="Upright Bass"),
                           mido.Message("note_on", note=36, velocity=80, time=0, channel=1),
                           mido.Message("note_on", note=36, velocity=0, time=480, channel=1),
                           mido.Message("note_on", note=43, velocity=80, time=960, channel=1),
                           mido.Message("note_off", note=43, time=480, channel=1)])
    mid.tracks += [tempo, piano, bass]
    mid.save(tmp_path / "x.mid")
    notes = load_notes(tmp_path / "x.mid")
    # 1 s per beat for two beats, then 0.5 s per beat
    np.testing.assert_allclose(notes, [[0.0, 1.0, 36], [2.5, 3.0, 43]])
    np.testing.assert_allclose(load_notes(tmp_path / "x.mid", track="piano"), [[0.0, 1.0, 60]])
    np.testing.assert_allclose(load_notes(tmp_path / "x.mid", track=1), [[0.0, 1.0, 60]])
    audio = _sine([36], 3.5)
    sfpath = tmp_path / "x.wav"
    import soundfile as sf

    sf.write(sfpath, audio, SR)
    X, y = load_annotated_audio([(sfpath, tmp_path / "x.mid")])
    assert y[0].max() == 43 and (y[0] == 36).sum() == int(np.ceil(0.75 * SR / HOP))


def test_mirdata_bridge_with_fake_tracks():
    audio = _sine([38, 50], 1.0, sr=44100)
    notes = SimpleNamespace(intervals=np.array([[0.0, 1.0], [1.0, 2.0]]),
                            pitches=440 * 2 ** ((np.array([38, 50]) - 69) / 12), pitch_unit="hz")
    times = np.arange(0, 2.0, 0.01)
    f0 = SimpleNamespace(times=times, frequencies=np.where(times < 1, 440 * 2 ** ((38 - 69) / 12), 0.0),
                         frequency_unit="hz", voicing=(times < 1).astype(float))
    tracks = {
        "t1": SimpleNamespace(track_id="t1", audio=(audio, 44100), bass_notes=notes),
        "t2": SimpleNamespace(track_id="t2", audio=(audio, 44100), bass_f0=f0),
    }
    dataset = SimpleNamespace(load_tracks=lambda: tracks)
    X, y, meta = from_mirdata(dataset)
    assert [m["annotation"] for m in meta] == ["bass_notes", "bass_f0"]
    t = np.arange(len(y[0])) * HOP / SR
    np.testing.assert_array_equal(y[0], np.select([t < 0.75, (t >= 1) & (t < 1.75)], [38, 50], 0))
    assert set(np.unique(y[1])) == {0, 38} and np.all(y[1][t < 0.99] == 38) and not y[1][t > 1.01].any()
    X2, y2, _ = from_mirdata(list(tracks.values()), track_ids=["t2"], sr=16000, hop_length=256)
    assert len(X2) == 1 and len(y2[0]) == 1 + len(X2[0]) // 256
    with pytest.raises(ValueError, match="no bass annotation"):
        from_mirdata([SimpleNamespace(track_id="x", audio=(audio, 44100))])


# ----------------------------------------------------------------------------- CLI and imports
def test_cli_data_handler(tmp_path, capsys):
    from skbass.datasets._cli import add_data_parser

    parser = argparse.ArgumentParser(prog="skbass")
    add_data_parser(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["data", "test", str(tmp_path), "--size", "small", "--no-cache", "--quiet"])
    assert args.func(args) == 0
    out = capsys.readouterr().out
    assert "trivial CQT arg-max raw pitch accuracy" in out
    meta = json.loads((tmp_path / "metadata.json").read_text())
    assert len(meta) == 2 and meta[0]["soundfont"] == "MuseScore_General_Lite"
    import soundfile as sf

    audio, sr = sf.read(tmp_path / meta[0]["file"])
    table = np.loadtxt(tmp_path / "test_0000.csv", delimiter=",", skiprows=1)
    assert sr == SR and len(table) == 1 + len(audio) // HOP
    assert (tmp_path / "test_0000.csv").read_text().startswith("time,midi\n")
    args = parser.parse_args(["data", "unlabelled", str(tmp_path / "u"), "--no-cache", "--quiet"])
    args.func(args)
    assert (tmp_path / "u" / "withheld_labels" / "unlabelled_0000.csv").exists()


def test_import_does_not_load_tensorflow():
    code = "import sys, skbass.datasets; print('tensorflow' in sys.modules or 'keras' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


@pytest.mark.slow
def test_default_test_set_defeats_trivial_baseline(tmp_path):
    X, y, meta = load_test_set(progress=False, cache=str(tmp_path), n_jobs=2)
    assert baseline_from_metadata(meta) < 0.70
