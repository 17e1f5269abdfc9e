import os

import numpy as np
import pytest
import soundfile as sf
from sklearn.model_selection import GroupKFold

from skbass.datasets import (
    INSTRUMENT_ALIASES,
    INSTRUMENTS,
    cut_excerpts,
    excerpt_windows,
    instrument_name,
    load_instrument_csv,
    load_instrument_folder,
)
from skbass.features import BagOfFeatures

SR = 22050


def write_wav(path, seconds=0.2, f0=440.0):
    path.parent.mkdir(parents=True, exist_ok=True)
    t = np.arange(int(seconds * SR)) / SR
    sf.write(path, (0.3 * np.sin(2 * np.pi * f0 * t)).astype(np.float32), SR)
    return path


@pytest.fixture
def solos(tmp_path):
    root = tmp_path / "solos"
    write_wav(root / "Tenor Saxophone" / "b.wav")
    write_wav(root / "Tenor Saxophone" / "a.flac", seconds=0.3)
    write_wav(root / "vocals" / "take" / "c.wav")  # sub-folders are read too
    write_wav(root / "sax" / "d.wav")  # a second folder of the same class
    write_wav(root / "Piano" / "e.wav", f0=220.0)
    (root / "Piano" / ".DS_Store").write_bytes(b"\0\1")  # hidden: skipped
    (root / "README.txt").write_text("root-level files are skipped")
    return root


def test_the_eight_classes_and_their_aliases():
    assert INSTRUMENTS == (
        "clarinet",
        "distorted_guitar",
        "voice",
        "flute",
        "piano",
        "tenor_sax",
        "trumpet",
        "violin",
    )
    assert all(instrument_name(name) == name for name in INSTRUMENTS)
    assert set(INSTRUMENT_ALIASES.values()) == set(INSTRUMENTS)
    cases = {
        "Tenor Saxophone": "tenor_sax",
        "sax": "tenor_sax",
        "Singer": "voice",
        "female singer": "voice",
        "VOCALS": "voice",
        "guitar": "distorted_guitar",
        "Distorted Electric-Guitar": "distorted_guitar",
        " flute ": "flute",
        "gel": "distorted_guitar",  # IRMAS codes
        "voi": "voice",
    }
    assert {k: instrument_name(k) for k in cases} == cases
    with pytest.raises(ValueError, match="unknown instrument class 'cello'"):
        instrument_name("cello")
    with pytest.raises(TypeError):
        INSTRUMENT_ALIASES["cello"] = "violin"  # read-only


def test_folder_loader(solos):
    data = load_instrument_folder(solos)
    names = [os.path.relpath(p, solos) for p in data.X]
    assert names == [
        os.path.join("Piano", "e.wav"),
        os.path.join("Tenor Saxophone", "a.flac"),
        os.path.join("Tenor Saxophone", "b.wav"),
        os.path.join("sax", "d.wav"),
        os.path.join("vocals", "take", "c.wav"),
    ]
    assert list(data.y) == ["piano", "tenor_sax", "tenor_sax", "tenor_sax", "voice"]
    np.testing.assert_array_equal(data.groups, np.arange(5))
    assert data.target_names == ["voice", "piano", "tenor_sax"]
    assert data.metadata[1]["folder"] == "Tenor Saxophone"
    assert data.metadata[1]["duration"] == pytest.approx(0.3)
    # deterministic, and the paths are what skbass's transformers read
    assert load_instrument_folder(str(solos)).X == data.X
    assert BagOfFeatures().fit_transform(data.X).shape == (5, 70)


def test_folder_loader_errors_name_the_culprit(tmp_path):
    with pytest.raises(FileNotFoundError, match="is not a folder"):
        load_instrument_folder(tmp_path / "missing")
    (tmp_path / "notes.txt").write_text("x")
    with pytest.raises(ValueError, match="holds no class folder"):
        load_instrument_folder(tmp_path)

    unknown = tmp_path / "unknown"
    write_wav(unknown / "violin" / "a.wav")
    write_wav(unknown / "Cello" / "b.wav")
    with pytest.raises(ValueError, match=r"class folder '.*Cello'.*unknown instrument class"):
        load_instrument_folder(unknown)

    empty = tmp_path / "empty"
    write_wav(empty / "flute" / "a.wav")
    (empty / "trumpet" / ".hidden").mkdir(parents=True)
    with pytest.raises(ValueError, match=r"class folder '.*trumpet' \(trumpet\) holds no audio"):
        load_instrument_folder(empty)

    stray = tmp_path / "stray"
    write_wav(stray / "flute" / "a.wav")
    (stray / "flute" / "liner notes.pdf").write_bytes(b"%PDF")
    with pytest.raises(ValueError, match=r"liner notes.pdf' is not an audio file"):
        load_instrument_folder(stray)

    broken = tmp_path / "broken"
    (broken / "piano").mkdir(parents=True)
    (broken / "piano" / "x.wav").write_bytes(b"not a wave file at all")
    with pytest.raises(ValueError, match=r"x.wav' cannot be read as audio"):
        load_instrument_folder(broken)


def test_csv_loader_resolves_relative_paths(solos, tmp_path):
    table = solos / "labels.csv"
    table.write_text(
        "path,label,group\n"
        "Piano/e.wav,piano,take1\n"
        "\n"
        f"{solos / 'sax' / 'd.wav'},Tenor Saxophone,take1\n"
        "vocals/take/c.wav,singer,\n"
    )
    data = load_instrument_csv(table)
    assert data.X == [
        str(solos / "Piano" / "e.wav"),
        str(solos / "sax" / "d.wav"),
        str(solos / "vocals" / "take" / "c.wav"),
    ]
    assert list(data.y) == ["piano", "tenor_sax", "voice"]
    np.testing.assert_array_equal(data.groups, [0, 0, 1])
    assert [m["row"] for m in data.metadata] == [2, 3, 4]
    assert data.metadata[2]["group"] is None

    bare = tmp_path / "bare.tsv"  # no header, tab-separated, one group per row
    bare.write_text(f"{solos / 'Piano' / 'e.wav'}\tpia\n{solos / 'sax' / 'd.wav'}\tsax\n")
    data = load_instrument_csv(bare)
    assert list(data.y) == ["piano", "tenor_sax"]
    np.testing.assert_array_equal(data.groups, [0, 1])


@pytest.mark.parametrize(
    "body, error, match",
    [
        ("path,label\nPiano/e.wav,cello\n", ValueError, r"row 2: unknown instrument class"),
        ("Piano/e.wav,piano\nPiano/gone.wav,piano\n", FileNotFoundError, r"row 2: .*gone.wav"),
        ("README.txt,piano\n", ValueError, r"row 1: .*README.txt' is not an audio file"),
        ("path,label\n", ValueError, "lists no recordings"),
        ("Piano/e.wav\n", ValueError, "row 1: expected path,label"),
        ("audio,group\nPiano/e.wav,1\n", ValueError, "no label column"),
    ],
)
def test_csv_loader_errors_name_the_row(solos, body, error, match):
    table = solos / "labels.csv"
    table.write_text(body)
    with pytest.raises(error, match=match) as info:
        load_instrument_csv(table)
    assert "labels.csv" in str(info.value)


def test_csv_loader_missing_table(tmp_path):
    with pytest.raises(FileNotFoundError, match="no such CSV file"):
        load_instrument_csv(tmp_path / "labels.csv")


def test_excerpt_windows_half_overlapping_three_seconds():
    w = excerpt_windows(6 * SR, SR)
    np.testing.assert_array_equal(w, [[0, 3 * SR], [1.5 * SR, 4.5 * SR], [3 * SR, 6 * SR]])
    assert w.dtype == np.int64
    np.testing.assert_array_equal(excerpt_windows(3 * SR, SR), [[0, 3 * SR]])
    # a tail shorter than one hop after the last window is left out
    np.testing.assert_array_equal(excerpt_windows(int(4.4 * SR), SR), [[0, 3 * SR]])
    np.testing.assert_array_equal(
        excerpt_windows(10, 2, seconds=2.0, overlap=0.0), [[0, 4], [4, 8]]
    )
    # every window has the same length, within the recording
    w = excerpt_windows(123_457, 16000, seconds=1.0, overlap=0.75)
    assert set(w[:, 1] - w[:, 0]) == {16000} and w[-1, 1] <= 123_457
    assert np.all(np.diff(w[:, 0]) == 4000)


def test_excerpt_windows_short_audio_rule():
    with pytest.raises(ValueError, match=r"'x.wav' lasts 2.000 s .* shorter than one 3-second"):
        excerpt_windows(2 * SR, SR, name="'x.wav'")
    np.testing.assert_array_equal(excerpt_windows(2 * SR, SR, pad=True), [[0, 3 * SR]])
    with pytest.raises(ValueError, match="is empty"):
        excerpt_windows(0, SR, pad=True)
    for kwargs in (dict(seconds=0), dict(overlap=1.0), dict(overlap=-0.1)):
        with pytest.raises(ValueError):
            excerpt_windows(6 * SR, SR, **kwargs)
    with pytest.raises(ValueError, match="sr must be a positive integer"):
        excerpt_windows(6 * SR, 22050.5)


def test_cut_excerpts_keeps_labels_and_groups(tmp_path):
    write_wav(tmp_path / "violin" / "long.wav", seconds=6.0)
    write_wav(tmp_path / "violin" / "mid.wav", seconds=4.6)
    write_wav(tmp_path / "piano" / "long.wav", seconds=6.0, f0=220.0)
    data = load_instrument_folder(tmp_path)
    parts = cut_excerpts(data)
    assert [len(x) for x in parts.X] == [3 * SR] * 8
    assert list(parts.y) == ["piano"] * 3 + ["violin"] * 3 + ["violin"] * 2
    np.testing.assert_array_equal(parts.groups, [0, 0, 0, 1, 1, 1, 2, 2])
    assert parts.metadata[4] == {
        "recording": 1,
        "start": int(1.5 * SR),
        "stop": int(4.5 * SR),
        "path": data.X[1],
    }
    np.testing.assert_array_equal(parts.X[4], sf.read(data.X[1], dtype="float32")[0][33075:99225])
    # excerpts of one recording never sit on both sides of a split
    for train, test in GroupKFold(n_splits=3).split(parts.X, parts.y, parts.groups):
        assert not set(parts.groups[train]) & set(parts.groups[test])
    assert BagOfFeatures().fit_transform(parts.X[:2]).shape == (2, 70)


def test_cut_excerpts_short_recordings(tmp_path):
    short = write_wav(tmp_path / "flute" / "short.wav", seconds=1.0)
    data = load_instrument_folder(tmp_path)
    with pytest.raises(ValueError, match=r"short.wav'\) lasts 1.000 s"):
        cut_excerpts(data)
    padded = cut_excerpts(data, pad=True)
    assert len(padded.X) == 1 and len(padded.X[0]) == 3 * SR
    np.testing.assert_array_equal(padded.X[0][SR:], 0)
    np.testing.assert_allclose(padded.X[0][:SR], sf.read(short, dtype="float32")[0])
    with pytest.raises(ValueError, match="differ in length"):
        cut_excerpts({"X": data.X, "y": ["flute", "piano"]})
