"""Note annotations and labels: unit mistakes are errors naming the column; files load back."""

import numpy as np
import pytest
import soundfile as sf
from sklearn.utils import Bunch

from skbass.datasets import load_annotated_audio, load_notes, notes_to_frame_labels, write_set
from skbass.metrics import raw_chroma_accuracy, raw_pitch_accuracy, voicing_measures

SR = 22050
HOP = 1024


@pytest.fixture
def audio(tmp_path):
    path = tmp_path / "take.wav"
    t = np.arange(4 * SR) / SR
    sf.write(path, (0.3 * np.sin(2 * np.pi * 55 * t)).astype(np.float32), SR)
    return path


def _notes_file(tmp_path, text, name="notes.csv"):
    path = tmp_path / name
    path.write_text(text)
    return path


def test_tsv_is_read_tab_separated(tmp_path):
    tsv = _notes_file(tmp_path, "onset\toffset\tpitch\n0.5\t1.0\t40\n", "notes.tsv")
    np.testing.assert_array_equal(load_notes(tsv), [[0.5, 1.0, 40.0]])
    txt = _notes_file(tmp_path, "0.5\t1.0\t40\n", "notes.txt")
    np.testing.assert_array_equal(load_notes(txt), [[0.5, 1.0, 40.0]])


def test_offset_before_onset_is_an_error_not_dropped():
    with pytest.raises(ValueError, match=r"offset before onset in row 1 \(onset 2 s, offset 1 s"):
        notes_to_frame_labels([[0.0, 0.5, 40], [2.0, 1.0, 41]], 100)


@pytest.mark.parametrize(
    ("text", "match"),
    [
        ("onset,offset,pitch\n0.5,1.0,440.0\n", "pitch column holds values up to 440.*Hz"),
        ("onset,offset,pitch\n500,1000,40\n", "onset column reaches 500 s.*milliseconds"),
        ("onset,offset,pitch\n1.0,0.5,40\n", "offset before onset in row 0"),
        ("onset,offset,pitch\n-1,0.5,40\n", "finite and non-negative"),
    ],
)
def test_unit_mistakes_in_note_files_are_errors_naming_the_column(tmp_path, audio, text, match):
    notes = _notes_file(tmp_path, text)
    with pytest.raises(ValueError, match=match) as info:
        load_annotated_audio([(audio, notes)])
    assert "notes.csv" in str(info.value)


def test_pitches_in_hz_in_an_array_are_an_error(audio):
    with pytest.raises(ValueError, match="notes of recording 0: the pitch column"):
        load_annotated_audio([(audio, np.array([[0.0, 1.0, 220.0]]))])


def test_what_write_set_writes_loads_back(tmp_path):
    rng = np.random.default_rng(0)
    signal = (0.1 * rng.standard_normal(3 * SR)).astype(np.float32)
    labels = np.zeros(1 + len(signal) // HOP, dtype=np.int64)
    labels[5:20], labels[30:50] = 40, 33
    data = Bunch(X=[signal], y=[labels], metadata=[{}])
    (wav,) = write_set(data, tmp_path, name="set")
    loaded = load_annotated_audio([(wav, wav.replace(".wav", ".csv"))])
    np.testing.assert_array_equal(loaded.y[0], labels)


def test_frame_table_given_to_load_notes_says_what_it_is(tmp_path):
    table = _notes_file(tmp_path, "time,midi\n0.0,40\n0.046,40\n")
    with pytest.raises(ValueError, match="frame labels.*load_annotated_audio"):
        load_notes(table)


@pytest.mark.parametrize("measure", [raw_pitch_accuracy, raw_chroma_accuracy, voicing_measures])
def test_metrics_refuse_hz_labels(measure):
    with pytest.raises(ValueError, match="y_true holds values up to 220.*Hz"):
        measure([0.0, 110.0, 220.0], [0, 45, 57])
    with pytest.raises(ValueError, match="y_pred holds values up to 440"):
        measure([0, 45, 57], [0, 440.0, 220.0])


@pytest.mark.parametrize("measure", [raw_pitch_accuracy, raw_chroma_accuracy, voicing_measures])
def test_metrics_refuse_string_labels(measure):
    with pytest.raises(TypeError, match="y_true must hold MIDI pitch numbers, got dtype <U"):
        measure(["E1", "A1"], [40, 45])
