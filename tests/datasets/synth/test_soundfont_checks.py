"""A soundfont FluidSynth cannot load is an error, never a silent fall-back to its default."""

import shutil
import struct

import numpy as np
import pytest

from skbass.datasets.synth._render import render_parts

PARTS = [{"program": 32, "channel": 0, "notes": np.array([[0.0, 0.3, 40, 100]])}]
needs_fluidsynth = pytest.mark.skipif(not shutil.which("fluidsynth"), reason="no fluidsynth")


@needs_fluidsynth
def test_a_file_that_is_not_a_soundfont_is_refused(tmp_path):
    fake = tmp_path / "fake.sf2"
    fake.write_bytes(b"not a soundfont" * 10)
    with pytest.raises(ValueError, match="fake.sf2' is not a SoundFont file"):
        render_parts(PARTS, str(fake))


@needs_fluidsynth
def test_a_corrupt_soundfont_is_refused_not_replaced_by_the_default(tmp_path):
    corrupt = tmp_path / "corrupt.sf2"
    body = b"sfbk" + b"LIST" + struct.pack("<I", 4) + b"junk"
    corrupt.write_bytes(b"RIFF" + struct.pack("<I", len(body)) + body)
    with pytest.raises(RuntimeError, match="cannot load the soundfont .*corrupt.sf2"):
        render_parts(PARTS, str(corrupt))
