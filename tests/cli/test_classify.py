"""``skbass classify``: one line per file, probabilities, per-window CSV, failures by name."""

import csv

from skbass.cli import main


def test_cli_classify_prints_one_line_per_file(instrument_model, solo_files, capsys):
    _, model = instrument_model
    (a, b), _, _ = solo_files
    assert main(["classify", str(a), str(b), "--model", str(model), "--quiet"]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert [line.split("\t")[0] for line in lines] == [str(a), str(b)]
    assert all(line.split("\t")[1] in ("flute", "piano") for line in lines)


def test_cli_classify_proba_and_windows(instrument_model, solo_files, tmp_path, capsys):
    _, model = instrument_model
    (a, _), _, _ = solo_files
    windows = tmp_path / "w" / "windows.csv"
    status = main(["classify", str(a), "--model", str(model), "--proba", "--windows", str(windows)])
    assert status == 0
    header, line = capsys.readouterr().out.strip().splitlines()
    assert header.split("\t") == ["path", "label", "flute", "piano"]
    probabilities = [float(p) for p in line.split("\t")[2:]]
    assert abs(sum(probabilities) - 1) < 1e-3
    with open(windows) as file:
        rows = list(csv.reader(file))
    assert rows[0] == ["path", "start", "end", "label", "flute", "piano"]
    assert len(rows) == 3 and float(rows[2][1]) > 0


def test_cli_classify_reports_bad_files_and_goes_on(instrument_model, solo_files, tmp_path, capsys):
    _, model = instrument_model
    (a, _), short, silent = solo_files
    text = tmp_path / "notes.wav"
    text.write_text("not audio")
    argv = ["classify", str(short), str(silent), str(text), str(a), "--model", str(model)]
    assert main([*argv, "--quiet"]) == 1
    captured = capsys.readouterr()
    assert captured.out.strip().split("\t")[0] == str(a)
    for path in (short, silent, text):
        assert str(path) in captured.err
    assert "3 of 4 files failed" in captured.err
