"""
Pitch coverage of the bass model's training data
================================================

A network trained on walking bass lines learns where walking bass lines live: MIDI
35-45, rarely above MIDI 52, never above 57.  Given a note in the upper register whose
evidence fades (the decay of a plucked double-bass note), such a network falls back on a
low note it has seen often.  The training data of the next shipped model therefore mix
four line styles (walking, two-feel, pedal points down to MIDI 26, thumb-position solos
up to MIDI 69), add the paper's pitch-shift augmentation (a whole tone down and up) to
part of the ensembles and a walking-only set, and play isolated notes from staccato to
full decays, twice (clean and through the recording chain).

The labels follow exactly from the generated MIDI, so this example counts them without
rendering any audio: it generates the bass notes of a quarter of each training set
(other seeds, same sizes and settings) and labels them with the labels each recipe
trains on (both: the paper's rule, a frame carries a note's pitch in the first 75 % of
the note).  The previous recipe is the same with walking lines only, no shifted pieces,
no walking-only set and one clean isolated-note set of 0.8-2 s notes.
"""

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

from skbass.datasets import generate_piece, notes_to_frame_labels  # noqa: E402
from skbass.datasets.synth._generator import (  # noqa: E402
    generate_isolated,
    transform_piece,
)
from skbass.transcription import RECIPES  # noqa: E402
from skbass.utils import BASS_MAX_MIDI, BASS_MIN_MIDI, BASS_PITCHES, HOP_LENGTH, SR  # noqa: E402

#: Share of each training set generated here.
FRACTION = 4
#: Recordings of the default isolated-note set per soundfont: 4 programs x 3 velocity
#: layers, each playing MIDI 24..72 once.
ISOLATED_PER_SOUNDFONT = 12

PREVIOUS = {
    "ensembles": (
        {"condition": "hard", "n_recordings": 320, "duration": 30.0},
        {"condition": "clean", "n_recordings": 40, "duration": 30.0},
    ),
    "isolated": ({"size": "default"},),
    "soundfonts": ("FluidR3_GM", "TimGM6mb"),
}


def label_counts(pieces, convention):
    """Labelled frames per MIDI 26..69 of a list of pieces."""
    counts = np.zeros(len(BASS_PITCHES))
    for piece in pieces:
        n_frames = 1 + int(round(piece["duration"] * SR)) // HOP_LENGTH
        notes = piece["parts"]["bass"]["notes"]
        labels = notes_to_frame_labels(notes, n_frames, convention=convention)
        counts += np.bincount(labels[labels > 0] - BASS_MIN_MIDI, minlength=len(BASS_PITCHES))
    return counts


def recipe_counts(recipe, previous=False):
    """Label counts of a recipe's training sets (a ``FRACTION`` of their pieces)."""
    timing = {"note_range": (0.8, 2.0)} if previous else {}
    pieces = []
    for k, settings in enumerate(recipe["ensembles"]):
        style = "walking" if previous else settings.get("style")
        for i in range(settings["n_recordings"] // FRACTION):
            piece = generate_piece(1000 * k + i, settings["duration"], style=style)
            for stretch, shift in settings.get("augment", [(1.0, 0)]):
                pieces.append(transform_piece(piece, stretch, shift))
    for k, _ in enumerate(recipe["isolated"]):
        for i in range(ISOLATED_PER_SOUNDFONT * len(recipe["soundfonts"]) // FRACTION):
            rng = np.random.default_rng([k, i])
            pieces.append(generate_isolated(range(24, 73), 32, (60, 100), rng, **timing))
    return label_counts(pieces, "paper" if previous else recipe["labels"])


fig, axes = plt.subplots(2, 1, figsize=(10, 7), sharex=True, sharey=True, constrained_layout=True)
for ax, (name, counts) in zip(
    axes,
    [
        ("previous recipe", recipe_counts(PREVIOUS, previous=True)),
        ("new recipe", recipe_counts(RECIPES["default"])),
    ],
):
    share = counts / counts.sum()
    least = int(np.argmin(share))
    ax.bar(BASS_PITCHES, 100 * share, color="tab:blue" if name == "new recipe" else "tab:gray")
    ax.axhline(100 / len(BASS_PITCHES), color="k", ls="--", lw=1, label="uniform")
    ax.axvline(48.5, color="tab:red", lw=1)
    ax.set_title(
        f"{name}: {100 * share[BASS_PITCHES > 48].sum():.0f} % of labelled frames above "
        f"MIDI 48; least covered MIDI {BASS_PITCHES[least]} ({100 * share[least]:.2f} %)"
    )
    ax.set_ylabel("labelled frames (%)")
    ax.legend(loc="upper right")
    print(f"{name}: share per MIDI {BASS_MIN_MIDI}..{BASS_MAX_MIDI} (%):")
    print(np.array2string(100 * share, precision=2, max_line_width=100))
axes[-1].set_xlabel("MIDI pitch of the bass label")
fig.savefig("training_coverage.png", dpi=100)
print("saved training_coverage.png")
