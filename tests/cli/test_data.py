"""``skbass data``: a rendered set written to a folder that the package can read back."""

import json

import numpy as np
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
