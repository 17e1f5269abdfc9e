"""Soundfont lookup, the training/test soundfont split and FluidSynth rendering."""

import os
import shutil
import subprocess
import tempfile

import numpy as np

from ...utils._constants import SR
from ...utils._midi import write_midi

#: Environment variable naming a folder searched first for soundfonts.
SOUNDFONT_DIR_ENV = "SKBASS_SOUNDFONT_DIR"
#: Environment variable naming the FluidSynth executable.
FLUIDSYNTH_ENV = "SKBASS_FLUIDSYNTH"

#: Soundfonts allowed for training and validation sets.
TRAIN_SOUNDFONTS = ("FluidR3_GM", "TimGM6mb")
#: Soundfont of the project's test sets (test-only).
TEST_SOUNDFONT = "MuseScore_General_Lite"

_DEBIAN = {
    "FluidR3_GM": ("/usr/share/sounds/sf2/FluidR3_GM.sf2", "fluid-soundfont-gm"),
    "TimGM6mb": ("/usr/share/sounds/sf2/TimGM6mb.sf2", "timgm6mb-soundfont"),
    "sf_GMbank": ("/usr/share/sounds/sf2/sf_GMbank.sf2", "csound-soundfont"),
    "OPL-3_FM_128M": ("/usr/share/sounds/sf2/OPL-3_FM_128M.sf2", "opl3-soundfont"),
    "MuseScore_General_Lite": (
        "/usr/share/sounds/sf3/MuseScore_General_Lite.sf3",
        "musescore-general-soundfont-small",
    ),
    "MuseScore_General": (
        "/usr/share/sounds/sf3/MuseScore_General.sf3",
        "musescore-general-soundfont",
    ),
}


#: Bass presets whose samples are mistuned in a soundfont, with the program used instead.
#: TimGM6mb's acoustic bass sounds 4 semitones flat for the first 0.2 s of every note.
_PROGRAM_SUBSTITUTES = {"TimGM6mb": {32: 35}}


def bass_program_for(soundfont, program):
    """The General MIDI bass program actually rendered with ``soundfont``.

    Examples
    --------
    >>> bass_program_for("TimGM6mb", 32), bass_program_for("FluidR3_GM", 32)
    (35, 32)
    """
    return _PROGRAM_SUBSTITUTES.get(soundfont_name(soundfont), {}).get(int(program), int(program))


def is_test_only(soundfont):
    """Whether a soundfont is reserved for testing (any MuseScore soundfont).

    Examples
    --------
    >>> is_test_only("MuseScore_General_Lite"), is_test_only("/x/FluidR3_GM.sf2")
    (True, False)
    """
    return "musescore" in os.path.basename(os.fspath(soundfont)).lower()


def check_training_soundfont(soundfont):
    """Raise ``ValueError`` for a soundfont that training data must not use."""
    if is_test_only(soundfont):
        raise ValueError(
            f"soundfont {os.fspath(soundfont)!r} is test-only: MuseScore soundfonts are "
            f"reserved for test sets; training and validation sets render with "
            f"{' or '.join(TRAIN_SOUNDFONTS)}"
        )


def soundfont_name(soundfont):
    """Short name of a soundfont: its file name without extension."""
    return os.path.splitext(os.path.basename(os.fspath(soundfont)))[0]


def find_soundfont(soundfont):
    """Locate a soundfont file.

    Parameters
    ----------
    soundfont : str or os.PathLike
        A path to an ``.sf2``/``.sf3`` file, or a name such as ``"FluidR3_GM"``, looked up
        first in ``$SKBASS_SOUNDFONT_DIR`` and then at the Debian package paths.

    Returns
    -------
    path : str

    Raises
    ------
    FileNotFoundError
        If it cannot be found; the message names the Debian package that provides it.
    """
    soundfont = os.fspath(soundfont)
    if os.path.isfile(soundfont):
        return os.path.abspath(soundfont)
    name = soundfont_name(soundfont)
    folder = os.environ.get(SOUNDFONT_DIR_ENV)
    if folder:
        for ext in ("", ".sf2", ".sf3"):
            cand = os.path.join(folder, name + ext)
            if os.path.isfile(cand):
                return cand
    if name in _DEBIAN and os.path.isfile(_DEBIAN[name][0]):
        return _DEBIAN[name][0]
    hint = ""
    if name in _DEBIAN:
        pkg = _DEBIAN[name][1]
        hint = f" Install the Debian package {pkg!r} (apt-get install {pkg}),"
    raise FileNotFoundError(
        f"soundfont {soundfont!r} not found (looked in ${SOUNDFONT_DIR_ENV}"
        f"={folder!r} and the Debian soundfont folders).{hint} or point "
        f"${SOUNDFONT_DIR_ENV} at a folder holding {name}.sf2 or {name}.sf3."
    )


def find_fluidsynth():
    """Path of the FluidSynth executable (``$SKBASS_FLUIDSYNTH`` or ``fluidsynth`` on PATH).

    Raises
    ------
    FileNotFoundError
        If it is missing; the message names the Debian package ``fluidsynth``.
    """
    exe = os.environ.get(FLUIDSYNTH_ENV) or shutil.which("fluidsynth")
    if not exe or not (os.path.isfile(exe) or shutil.which(exe)):
        raise FileNotFoundError(
            "the fluidsynth program was not found; install the Debian package 'fluidsynth' "
            f"(apt-get install fluidsynth) or set ${FLUIDSYNTH_ENV} to its path"
        )
    return exe


#: Controllers set on every rendered track: full volume, no reverb, no chorus (the
#: recording chain adds the room).
_CONTROLS = {7: 100, 91: 0, 93: 0}


def check_soundfont_file(path):
    """Check that a file is a SoundFont (a RIFF ``sfbk`` file, as .sf2 and .sf3 are).

    FluidSynth renders with its default soundfont when it cannot load the one it is
    given; this refuses such a file before rendering.

    Parameters
    ----------
    path : str
        Soundfont file.

    Returns
    -------
    path : str

    Raises
    ------
    ValueError
        If the file is not a SoundFont.
    """
    with open(path, "rb") as file:
        head = file.read(12)
    if head[:4] != b"RIFF" or head[8:12] != b"sfbk":
        raise ValueError(f"{path!r} is not a SoundFont file (no RIFF sfbk header)")
    return path


def render_parts(parts, soundfont, *, sr=SR, n_samples=None, gain=0.5):
    """Render parts with FluidSynth into one mono signal.

    Parameters
    ----------
    parts : list of dict
        Each ``{"program", "channel", "notes"}`` with ``notes [shape=(n, 4)]`` rows of
        ``onset_s, offset_s, midi, velocity``; channel 9 is General MIDI percussion.
        Optional ``"bends"`` and ``"controls"`` arrays are passed to
        :func:`~skbass.utils._midi.write_midi`.
    soundfont : str
        Soundfont name or path (see :func:`find_soundfont`).
    sr : int
        Sample rate in Hz.
    n_samples : int or None
        Trim or zero-pad the result to this length.
    gain : float
        FluidSynth master gain.

    Returns
    -------
    y : np.ndarray [shape=(n_samples,), dtype=float32]

    Raises
    ------
    ValueError
        If the soundfont file is not a SoundFont.
    RuntimeError
        If FluidSynth fails or cannot load the soundfont (it would fall back to its
        default one).
    """
    import soundfile as sf

    exe = find_fluidsynth()
    sf_path = check_soundfont_file(find_soundfont(soundfont))
    with tempfile.TemporaryDirectory(prefix="skbass-render-") as tmp:
        mid_path = os.path.join(tmp, "in.mid")
        wav_path = os.path.join(tmp, "out.wav")
        tracks = [
            {
                "program": p["program"],
                "is_drum": int(p["channel"]) == 9,
                "notes": p["notes"],
                "bends": p.get("bends", ()),
                "controls": p.get("controls", ()),
            }
            for p in parts
        ]
        write_midi(tracks, mid_path, controls=_CONTROLS)
        cmd = [
            exe,
            "-ni",
            "-q",
            # load only the samples a piece plays: the same audio, and the compressed
            # .sf3 soundfonts start in about a second instead of several
            "-o",
            "synth.dynamic-sample-loading=1",
            "-g",
            str(gain),
            "-r",
            str(int(sr)),
            "-R",
            "0",
            "-C",
            "0",
            "-O",
            "float",
            "-T",
            "wav",
            "-F",
            wav_path,
            sf_path,
            mid_path,
        ]
        proc = subprocess.run(cmd, capture_output=True, text=True)
        if proc.returncode != 0 or not os.path.isfile(wav_path):
            err = proc.stderr.strip()[-500:]
            raise RuntimeError(f"fluidsynth failed ({proc.returncode}): {err}")
        failed = [
            line
            for line in proc.stderr.splitlines()
            if "not a soundfont" in line.lower() or "failed to load" in line.lower()
        ]
        if failed:  # FluidSynth then renders with its default soundfont and exits 0
            raise RuntimeError(
                f"fluidsynth cannot load the soundfont {sf_path!r} ({failed[0].strip()}); "
                "refusing its default soundfont"
            )
        y, file_sr = sf.read(wav_path, dtype="float32", always_2d=True)
    if file_sr != sr:
        raise RuntimeError(f"fluidsynth wrote {file_sr} Hz instead of {sr} Hz")
    y = y.mean(axis=1)
    if n_samples is not None:
        y = np.pad(y, (0, max(0, n_samples - len(y))))[:n_samples]
    return np.ascontiguousarray(y, dtype=np.float32)
