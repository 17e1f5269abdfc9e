"""Loaders of real annotated audio: CSV and MIDI note lists, the mirdata bridge."""

from types import SimpleNamespace

import numpy as np
import pytest
import soundfile as sf

from skbass.datasets import from_mirdata, load_annotated_audio, load_notes
from skbass.metrics import cqt_argmax_pitch

SR = 22050
HOP = 1024


def _sine(midi_pitches, seconds_each, sr=SR):
    out = []
    for p in midi_pitches:
        t = np.arange(int(seconds_each * sr)) / sr
        out.append(0.5 * np.sin(2 * np.pi * 440 * 2 ** ((p - 69) / 12) * t))
    return np.concatenate(out).astype(np.float32)


def test_csv_and_audio_pairs(tmp_path):
    audio = _sine([40, 45], 1.0, sr=44100)
    sf.write(tmp_path / "a.wav", audio, 44100)
    (tmp_path / "a.csv").write_text("onset,offset,pitch\n0.0,1.0,40\n1.0,2.0,45\n")
    (tmp_path / "b.csv").write_text("0.0,1.0,40\n1.0,2.0,90\n")  # no header; 90 is out of range
    data = load_annotated_audio(
        [(tmp_path / "a.wav", tmp_path / "a.csv"), ((audio, 44100), tmp_path / "b.csv")]
    )
    X, y = data.X, data.y
    assert data.groups.tolist() == [0, 1]
    assert data.metadata[1] == {"audio": None, "notes": str(tmp_path / "b.csv")}
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
    tempo = mido.MidiTrack(
        [
            mido.MetaMessage("set_tempo", tempo=1_000_000, time=0),
            mido.MetaMessage("set_tempo", tempo=500_000, time=960),
        ]
    )
    piano = mido.MidiTrack(
        [
            mido.MetaMessage("track_name", name="Piano"),
            mido.Message("note_on", note=60, velocity=80, time=0),
            mido.Message("note_off", note=60, time=480),
        ]
    )
    bass = mido.MidiTrack(
        [
            mido.MetaMessage("track_name", name="Upright Bass"),
            mido.Message("note_on", note=36, velocity=80, time=0, channel=1),
            mido.Message("note_on", note=36, velocity=0, time=480, channel=1),
            mido.Message("note_on", note=43, velocity=80, time=960, channel=1),
            mido.Message("note_off", note=43, time=480, channel=1),
        ]
    )
    mid.tracks += [tempo, piano, bass]
    mid.save(tmp_path / "x.mid")
    notes = load_notes(tmp_path / "x.mid")
    # 1 s per beat for two beats, then 0.5 s per beat
    np.testing.assert_allclose(notes, [[0.0, 1.0, 36], [2.5, 3.0, 43]])
    np.testing.assert_allclose(load_notes(tmp_path / "x.mid", track="piano"), [[0.0, 1.0, 60]])
    np.testing.assert_allclose(load_notes(tmp_path / "x.mid", track=0), [[0.0, 1.0, 60]])
    audio = _sine([36], 3.5)
    sfpath = tmp_path / "x.wav"
    sf.write(sfpath, audio, SR)
    y = load_annotated_audio([(sfpath, tmp_path / "x.mid")]).y
    assert y[0].max() == 43 and (y[0] == 36).sum() == int(np.ceil(0.75 * SR / HOP))


def test_mirdata_bridge_with_fake_tracks():
    audio = _sine([38, 50], 1.0, sr=44100)
    notes = SimpleNamespace(
        intervals=np.array([[0.0, 1.0], [1.0, 2.0]]),
        pitches=440 * 2 ** ((np.array([38, 50]) - 69) / 12),
        pitch_unit="hz",
    )
    times = np.arange(0, 2.0, 0.01)
    f0 = SimpleNamespace(
        times=times,
        frequencies=np.where(times < 1, 440 * 2 ** ((38 - 69) / 12), 0.0),
        frequency_unit="hz",
        voicing=(times < 1).astype(float),
    )
    tracks = {
        "t1": SimpleNamespace(track_id="t1", audio=(audio, 44100), bass_notes=notes),
        "t2": SimpleNamespace(track_id="t2", audio=(audio, 44100), bass_f0=f0),
    }
    dataset = SimpleNamespace(load_tracks=lambda: tracks)
    data = from_mirdata(dataset)
    y = data.y
    assert [m["annotation"] for m in data.metadata] == ["bass_notes", "bass_f0"]
    t = np.arange(len(y[0])) * HOP / SR
    np.testing.assert_array_equal(y[0], np.select([t < 0.75, (t >= 1) & (t < 1.75)], [38, 50], 0))
    assert (
        set(np.unique(y[1])) == {0, 38}
        and np.all(y[1][t < 0.99] == 38)
        and not y[1][t > 1.01].any()
    )
    subset = from_mirdata(list(tracks.values()), track_ids=["t2"], sr=16000, hop_length=256)
    assert len(subset.X) == 1 and len(subset.y[0]) == 1 + len(subset.X[0]) // 256
    with pytest.raises(ValueError, match="no bass annotation"):
        from_mirdata([SimpleNamespace(track_id="x", audio=(audio, 44100))])
