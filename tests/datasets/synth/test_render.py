"""Soundfont lookup and the FluidSynth executable."""

import pytest

from skbass.datasets import find_soundfont, make_ensembles

TINY = dict(n_recordings=3, duration=8.0, progress=False, cache=False)


def test_missing_soundfont_and_fluidsynth(monkeypatch, tmp_path):
    monkeypatch.setenv("SKBASS_SOUNDFONT_DIR", str(tmp_path))
    with pytest.raises(FileNotFoundError, match="SKBASS_SOUNDFONT_DIR"):
        find_soundfont("NoSuchFont")
    monkeypatch.setattr(
        "skbass.datasets.synth._render._DEBIAN",
        {"TimGM6mb": ("/nonexistent.sf2", "timgm6mb-soundfont")},
    )
    with pytest.raises(FileNotFoundError, match="timgm6mb-soundfont"):
        find_soundfont("TimGM6mb")
    (tmp_path / "TimGM6mb.sf2").write_bytes(b"x")
    assert find_soundfont("TimGM6mb") == str(tmp_path / "TimGM6mb.sf2")
    monkeypatch.setenv("SKBASS_FLUIDSYNTH", str(tmp_path / "no-fluidsynth"))
    with pytest.raises(FileNotFoundError, match="'fluidsynth'"):
        make_ensembles("small", soundfonts=[str(tmp_path / "TimGM6mb.sf2")], **TINY)
