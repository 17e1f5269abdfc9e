"""``skbass data``: a rendered set written to a folder that the package can read back."""

import json

import numpy as np
import pytest
import soundfile as sf

from skbass.cli import main

SR = 22050
HOP = 1024


def test_cli_data_handler(tmp_path, capsys):
    assert main(["data", "test", str(tmp_path), "--size", "small", "--no-cache", "--quiet"]) == 0
    out = capsys.readouterr().out
    assert "trivial CQT arg-max raw pitch accuracy" in out
    meta = json.loads((tmp_path / "metadata.json").read_text())
    assert len(meta) == 2 and meta[0]["soundfont"] == "MuseScore_General_Lite"
    audio, sr = sf.read(tmp_path / meta[0]["file"])
    table = np.loadtxt(tmp_path / "test_0000.csv", delimiter=",", skiprows=1)
    assert sr == SR and len(table) == 1 + len(audio) // HOP
    assert (tmp_path / "test_0000.csv").read_text().startswith("time,midi\n")
    assert main(["data", "unlabelled", str(tmp_path / "u"), "--no-cache", "--quiet"]) == 0
    assert (tmp_path / "u" / "withheld_labels" / "unlabelled_0000.csv").exists()


@pytest.mark.slow
def test_cli_instrument_set_loads_back(tmp_path, capsys):
    from skbass.datasets import INSTRUMENTS, load_instrument_csv

    out = tmp_path / "solos"
    argv = ["data", "instruments-train", str(out), "--size", "small", "--no-cache", "--quiet"]
    assert main(argv) == 0
    text = capsys.readouterr().out
    assert "16 recordings" in text and "random forest" in text and "cross-validated" in text
    assert (out / "labels.csv").read_text().startswith("path,label,group\n")
    data = load_instrument_csv(out / "labels.csv")
    assert sorted(set(data.y)) == sorted(INSTRUMENTS) and len(data.X) == 16
    assert len(set(data.groups)) == 16
    meta = json.loads((out / "metadata.json").read_text())
    audio, sr = sf.read(out / meta[0]["file"])
    assert sr == 44100 and len(audio) == 6 * sr and meta[0]["label"] == data.y[0]


def test_cli_instrument_set_refuses_hop_length(tmp_path, capsys):
    argv = ["data", "instruments-test", str(tmp_path), "--hop-length", "512", "--quiet"]
    assert main(argv) == 2
    assert "--hop-length applies to the bass sets" in capsys.readouterr().err
