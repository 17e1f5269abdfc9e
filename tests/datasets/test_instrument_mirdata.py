"""The mirdata bridge of Medley-solos-DB and IRMAS, on tiny data homes the tests write.

mirdata's indexes of both sets are downloaded files, absent here; the tests write small
indexes in mirdata's format and point mirdata's index lookup at them.
"""

import json
import os

import numpy as np
import pytest
import soundfile as sf

from skbass.datasets import instruments_from_mirdata

mirdata_core = pytest.importorskip("mirdata.core")

MEDLEY = [  # subset, instrument, instrument_id, song_id, uuid4
    ("training", "clarinet", 0, 11, "0a0a0a0a-0000-0000-0000-000000000001"),
    ("training", "clarinet", 0, 11, "0a0a0a0a-0000-0000-0000-000000000002"),
    ("training", "female singer", 2, 12, "0a0a0a0a-0000-0000-0000-000000000003"),
    ("validation", "distorted electric guitar", 1, 13, "0a0a0a0a-0000-0000-0000-000000000004"),
    ("test", "tenor saxophone", 5, 14, "0a0a0a0a-0000-0000-0000-000000000005"),
    ("test", "violin", 7, 15, "0a0a0a0a-0000-0000-0000-000000000006"),  # audio left out
]
IRMAS_TRAIN = [
    "IRMAS-TrainingData/cla/[cla][cla]0189__1.wav",
    "IRMAS-TrainingData/cla/[cla][cla]0189__2.wav",
    "IRMAS-TrainingData/sax/[sax][dru][jaz_blu]1735__1.wav",
    "IRMAS-TrainingData/cel/[cel][cla]0001__1.wav",
]
IRMAS_TEST = {  # audio file: annotated instruments
    "IRMAS-TestingData-Part1/Part1/02 - Song A-1.wav": ["voi"],
    "IRMAS-TestingData-Part1/Part1/02 - Song A-2.wav": ["voi", "pia"],
    "IRMAS-TestingData-Part1/Part1/03 - Song B-1.wav": ["gel"],
}


def _wav(path, seconds=0.5):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    t = np.arange(int(seconds * 22050)) / 22050
    sf.write(path, 0.3 * np.sin(2 * np.pi * 440 * t), 22050)


@pytest.fixture
def indexes(tmp_path, monkeypatch):
    """Point mirdata's index files at ``tmp_path / "indexes"``."""
    folder = tmp_path / "indexes"
    folder.mkdir()
    monkeypatch.setattr(
        mirdata_core.Index, "get_path", lambda self: os.path.join(folder, self.filename)
    )
    return folder


def _write_index(folder, filename, tracks):
    with open(folder / filename, "w") as fh:
        json.dump({"version": "test", "tracks": tracks}, fh)


@pytest.fixture
def medley_home(tmp_path, indexes):
    home = tmp_path / "medley"
    tracks = {}
    rows = ["subset,instrument,instrument_id,song_id,uuid4"]
    for subset, instrument, number, song, uuid in MEDLEY:
        audio = f"audio/Medley-solos-DB_{subset}-{number}_{uuid}.wav"
        tracks[uuid] = {"audio": [audio, None]}
        rows.append(f"{subset},{instrument},{number},{song},{uuid}")
        if instrument != "violin":
            _wav(str(home / audio))
    os.makedirs(home / "annotation")
    (home / "annotation" / "Medley-solos-DB_metadata.csv").write_text("\n".join(rows) + "\n")
    _write_index(indexes, "medley_solos_db_index_1.2.json", tracks)
    return home


@pytest.fixture
def irmas_home(tmp_path, indexes):
    home = tmp_path / "irmas"
    tracks = {}
    for audio in IRMAS_TRAIN:
        track_id = os.path.basename(audio).split("]")[-1][:-4]
        tracks[track_id] = {"audio": [audio, None], "annotation": [audio, None]}
        _wav(str(home / audio))
    for number, (audio, labels) in enumerate(IRMAS_TEST.items()):
        text = audio[:-4] + ".txt"
        tracks[str(number)] = {"audio": [audio, None], "annotation": [text, None]}
        _wav(str(home / audio))
        (home / text).write_text("".join(f"{label}\t\n" for label in labels))
    _write_index(indexes, "irmas_index_1.0.json", tracks)
    return home


def test_medley_solos_db(medley_home):
    with pytest.warns(UserWarning, match="missing audio: 1"):
        data = instruments_from_mirdata("medley_solos_db", data_home=medley_home)
    assert data.y.tolist() == ["clarinet", "clarinet", "voice", "distorted_guitar", "tenor_sax"]
    assert data.groups.tolist() == [0, 0, 1, 2, 3]  # one group per song_id
    assert all(os.path.isfile(path) for path in data.X)
    assert data.metadata[2]["source_label"] == "female singer"
    assert data.metadata[0]["duration"] == pytest.approx(0.5)
    assert data.skipped == {"missing audio": 1}
    assert data.target_names == ["clarinet", "distorted_guitar", "voice", "tenor_sax"]
    train = instruments_from_mirdata("medley_solos_db", data_home=medley_home, split="train")
    assert {m["split"] for m in train.metadata} == {"training"} and len(train.X) == 3
    one = instruments_from_mirdata(
        "medley_solos_db", data_home=medley_home, track_ids=[MEDLEY[3][4]]
    )
    assert one.y.tolist() == ["distorted_guitar"]


def test_irmas(irmas_home):
    with pytest.warns(UserWarning, match="cel: 1.*several instruments: 1"):
        data = instruments_from_mirdata("irmas", data_home=irmas_home)
    assert data.y.tolist() == ["clarinet", "clarinet", "tenor_sax", "voice", "distorted_guitar"]
    assert data.groups.tolist() == [0, 0, 1, 2, 3]  # excerpts of recording 0189 together
    assert [m["approximate"] for m in data.metadata] == [False, False, True, True, True]
    assert data.skipped == {"cel": 1, "several instruments": 1}
    with pytest.warns(UserWarning):
        test = instruments_from_mirdata("irmas", data_home=irmas_home, split="test")
    assert test.y.tolist() == ["voice", "distorted_guitar"]
    assert test.metadata[0]["group"] == "test/02 - Song A"


def test_errors(tmp_path, medley_home, indexes):
    with pytest.raises(ValueError, match="medley_solos_db and irmas"):
        instruments_from_mirdata("gtzan_genre")
    with pytest.raises(ValueError, match="splits training, validation, test"):
        instruments_from_mirdata("medley_solos_db", data_home=medley_home, split="dev")
    with pytest.raises(ValueError, match="not in mirdata's index"):
        instruments_from_mirdata("medley_solos_db", data_home=medley_home, track_ids=["x"])
    empty = tmp_path / "empty"
    os.makedirs(empty / "annotation")
    (empty / "annotation" / "Medley-solos-DB_metadata.csv").write_bytes(
        (medley_home / "annotation" / "Medley-solos-DB_metadata.csv").read_bytes()
    )
    with pytest.raises(FileNotFoundError, match="no audio.*expects files such as.*downloads"):
        instruments_from_mirdata("medley_solos_db", data_home=empty)
    with pytest.raises(FileNotFoundError, match="Medley-solos-DB_metadata.csv"):
        instruments_from_mirdata("medley_solos_db", data_home=tmp_path / "nothing")
    with pytest.raises(FileNotFoundError, match="index of 'irmas' is not on this machine"):
        instruments_from_mirdata("irmas", data_home=tmp_path)
