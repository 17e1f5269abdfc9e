"""``skbass transcribe`` and ``skbass train``: files written, bad files reported, models saved."""

import csv

import numpy as np
import pytest
import soundfile as sf

from skbass.cli import main
from skbass.utils import read_midi

from ..conftest import HOP, SR


def test_cli_transcribe_writes_csv_midi_png(model_file, wav, tmp_path):
    path, y, _ = wav
    out = tmp_path / "out"
    status = main(
        [
            "transcribe",
            str(path),
            "--out",
            str(out),
            "--model",
            str(model_file),
            "--midi",
            "--png",
            "--quiet",
        ]
    )
    assert status == 0
    with open(out / "tune.csv") as f:
        rows = list(csv.reader(f))
    assert rows[0] == ["time", "midi", "salience", "voiced"]
    assert len(rows) - 1 == 1 + len(y) // HOP
    assert float(rows[2][0]) == pytest.approx(HOP / SR, abs=1e-6)
    assert all(26 <= int(r[1]) <= 69 and r[3] in ("0", "1") for r in rows[1:])
    (bass,) = read_midi(out / "tune.mid")
    assert bass["program"] == 32 and len(bass["notes"]) > 0
    assert set(bass["notes"][:, 2].astype(int)) <= set(range(26, 70))
    assert (out / "tune.png").stat().st_size > 10_000


def test_cli_beat_wise_midi(model_file, wav, tmp_path):
    path, _, _ = wav
    assert (
        main(
            [
                "transcribe",
                str(path),
                "--out",
                str(tmp_path),
                "--model",
                str(model_file),
                "--beats",
                "--quiet",
                "--threshold",
                "0",
            ]
        )
        == 0
    )
    assert (tmp_path / "tune.mid").exists()


def test_cli_notes_csv_holds_the_midi_notes(model_file, wav, tmp_path):
    path, _, _ = wav
    args = ["transcribe", str(path), "--out", str(tmp_path), "--model", str(model_file)]
    assert main([*args, "--notes", "--midi", "--quiet", "--threshold", "0"]) == 0
    with open(tmp_path / "tune.notes.csv") as f:
        rows = list(csv.reader(f))
    assert rows[0] == ["onset", "offset", "midi", "salience"]
    notes = np.array(rows[1:], dtype=float)
    assert len(notes) > 0 and (notes[:, 1] > notes[:, 0]).all()
    (bass,) = read_midi(tmp_path / "tune.mid")
    np.testing.assert_array_equal(bass["notes"][:, 2], notes[:, 2])
    np.testing.assert_allclose(bass["notes"][:, 0], notes[:, 0], atol=0.01)
    assert (tmp_path / "tune.csv").exists()


def test_cli_reports_bad_files_and_goes_on(model_file, wav, tmp_path, capsys):
    path, _, _ = wav
    silent = tmp_path / "silent.wav"
    sf.write(silent, np.zeros(SR, dtype=np.float32), SR)
    empty = tmp_path / "empty.wav"
    sf.write(empty, np.zeros(0, dtype=np.float32), SR)
    text = tmp_path / "notes.wav"
    text.write_text("not audio")
    missing = tmp_path / "missing.wav"
    out = tmp_path / "out"
    files = [str(silent), str(empty), str(text), str(missing), str(path)]
    status = main(["transcribe", *files, "--out", str(out), "--model", str(model_file), "--quiet"])
    assert status == 1
    err = capsys.readouterr().err
    for bad, why in [
        (silent, "silent"),
        (empty, "empty"),
        (text, "cannot read"),
        (missing, "no such"),
    ]:
        assert f"{bad}: " in err and why in err
    assert (out / "tune.csv").exists() and not (out / "silent.csv").exists()


def test_cli_transcribe_imports_neither_scikit_learn_nor_librosa(wav, tmp_path):
    import subprocess
    import sys

    path, _, _ = wav
    code = (
        "import sys; from skbass.cli import main; "
        f"status = main(['transcribe', {str(path)!r}, '--out', {str(tmp_path)!r}, '--quiet']); "
        "heavy = ('sklearn', 'librosa', 'scipy', 'numba', 'tensorflow', 'keras', 'pandas'); "
        "print(status, sorted(m for m in heavy if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip().splitlines()[-1] == "0 []"
    assert (tmp_path / "tune.csv").exists()


def test_cli_voicing_is_the_shipped_pair_by_default(wav, tmp_path):
    from skbass import transcribe
    from skbass.transcription._runtime import read_runtime

    path, _, _ = wav

    def voiced(*extra):
        out = tmp_path / "_".join(extra or ("default",))
        assert main(["transcribe", str(path), "--out", str(out), "--quiet", *extra]) == 0
        with open(out / "tune.csv") as f:
            return np.array([row["voiced"] == "1" for row in csv.DictReader(f)])

    shipped = read_runtime("bass")
    pair = transcribe(str(path), shipped, voicing_model=read_runtime("bass-voicing"))
    alone = transcribe(str(path), shipped)
    np.testing.assert_array_equal(voiced(), pair.voiced)
    np.testing.assert_array_equal(voiced("--model", "bass"), pair.voiced)
    np.testing.assert_array_equal(voiced("--voicing-model", "none"), alone.voiced)
