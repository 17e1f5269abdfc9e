"""
A sung voice from a formant synthesiser, beside General MIDI's choir
====================================================================

The instrument paper's "voice" class is a solo female singer.  General MIDI serves it
worst of the 8 classes: its voice programs (Choir Aahs, Voice Oohs, Synth Voice) are
sustained choir pads, with no single singer's vowels, consonants, scoops or vibrato.  So
skbass sings the voice class with Praat's Klatt formant synthesiser
(:func:`skbass.datasets.synth.render_voice`): a glottal source following the sung
pitch, shaped by the formants of a vowel, with breath and consonant noise.

This example sings one phrase both ways and draws their constant-Q spectrograms (55 Hz
up, 24 bins per octave), then follows the pitch of one long sung note (sung with a
typical vibrato depth of 60 cents; each synthesised singer's is within +-20 % of it).

What a real sung note looks like
--------------------------------
No recording is included; this is what a trained soprano's sustained note shows in a
constant-Q spectrogram.  A harmonic series on the sung fundamental (about 200..800 Hz),
its partials strongest where they meet the vowel's formants, the first formant raised to
sit near the fundamental on high notes.  In trained (mostly lower and male) voices, a
"singer's formant" near 2.5..3.5 kHz, a cluster of the third to fifth formants that lets
the voice carry over an orchestra; sopranos show it less and rely on formant tuning.
Vibrato: all partials wave together at 5..7 Hz, about +-50..100 cents, starting a
fraction of a second into the note and often deepening; the pitch scoops up into the
note.  Before the vowel, a consonant leaves a short broadband noise burst (a plosive) or
a band of high noise (a fricative such as "s" near 4..8 kHz); breath adds faint noise
between the partials, and an audible inhalation may precede a phrase.  The synthesised
note below reproduces these parts (except a strong singer's formant, since the
synthesised singers are sopranos); the choir pad shows steady partials without
vibrato, consonants or breath, and a chorus of detuned voices.
"""

import librosa
import librosa.display
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

from skbass.datasets import render_parts, render_voice  # noqa: E402
from skbass.utils import SR  # noqa: E402

# A phrase: onset_s, offset_s, MIDI pitch, velocity.  The first notes are slurred, then a
# rest, then a long held note.
notes = np.array(
    [
        [0.20, 0.62, 67, 80],
        [0.64, 1.05, 69, 88],
        [1.07, 1.90, 71, 100],
        [2.20, 2.55, 64, 70],
        [2.60, 3.00, 66, 80],
        [3.05, 5.80, 72, 105],
    ]
)
n_samples = int(6.2 * SR)
sung = render_voice(notes, sr=SR, n_samples=n_samples, seed=3, vibrato_cents=60.0)
choir = render_parts(
    [{"program": 52, "channel": 0, "notes": notes}], "FluidR3_GM", sr=SR, n_samples=n_samples
)  # General MIDI program 53, Choir Aahs (0-based 52)

fig, axes = plt.subplots(3, 1, figsize=(10, 10), constrained_layout=True)
hop = 256
for ax, audio, title in zip(
    axes[:2],
    [sung, choir],
    ["render_voice (Klatt formant synthesis)", "FluidR3_GM Choir Aahs (General MIDI)"],
):
    cqt = np.abs(
        librosa.cqt(audio, sr=SR, hop_length=hop, fmin=55.0, n_bins=168, bins_per_octave=24)
    )
    librosa.display.specshow(
        librosa.amplitude_to_db(cqt, ref=np.max, top_db=80),
        sr=SR,
        hop_length=hop,
        x_axis="time",
        y_axis="cqt_hz",
        fmin=55.0,
        bins_per_octave=24,
        cmap="magma",
        ax=ax,
    )
    ax.set_title(title)

# %%
# The pitch of the long note: scoop, delayed vibrato, drift
# ----------------------------------------------------------
# librosa's pYIN follows the fundamental of the held note (C5, MIDI 72).

start, stop = int(3.05 * SR), int(5.9 * SR)
f0, voiced, _ = librosa.pyin(
    sung[start:stop], fmin=200.0, fmax=1000.0, sr=SR, frame_length=2048, hop_length=hop
)
times = 3.05 + np.arange(len(f0)) * hop / SR
cents = 100 * (librosa.hz_to_midi(f0) - 72)
axes[2].plot(times, np.where(voiced, cents, np.nan), color="C3")
axes[2].axhline(0, color="grey", lw=0.8)
axes[2].set(
    xlabel="time (s)", ylabel="cents from C5", ylim=(-150, 150), title="f0 of the held note (pYIN)"
)
plt.show()
late = voiced & (times > 3.6)
print(f"vibrato extent on the held note: +-{np.sqrt(2) * np.nanstd(cents[late]):.0f} cents")
