"""
Which frames hold a bass note: the salience network and the voicing network
============================================================================

The shipped salience network learns the paper's labels, which call the last quarter of
every note "no bass"; its peak salience falls while a note still rings. The shipped
voicing network (``load_model("bass-voicing")``) hears the same frames but learns the
*sounding* labels, each note from its onset to its offset. With it,
:func:`skbass.transcribe` calls a frame voiced where the mean of the two networks' peaks
exceeds the voicing network's threshold, as ``skbass transcribe`` does by default.

This example transcribes a clean excerpt of the ensemble test set and the first 12 s of
the isolated-note test set (both rendered with the test-only MuseScore soundfont, which no
model was trained or tuned on) and draws, over the frames where a bass note sounds, the
two networks' peaks and the voiced frames with and without the voicing network. In the
ensemble the notes follow each other with gaps of a frame or two, which the constant-Q
frames blur: the voicing network's peak stays up across most of them (the docs'
"Voicing network" measures what that costs).
"""

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

from skbass import load_model, transcribe  # noqa: E402
from skbass.datasets import load_isolated_test_set, load_test_set  # noqa: E402

model, voicing = load_model(), load_model("bass-voicing")
ensemble = load_test_set(
    n_recordings=1, duration=12.0, condition="clean", label_convention="sounding", progress=False
)
isolated = load_isolated_test_set(
    "small", condition="hard", label_convention="sounding", progress=False
)
excerpts = [
    ("clean ensemble excerpt", ensemble.X[0], ensemble.y[0]),
    ("isolated notes, hard chain", isolated.X[0][: 12 * 22050], isolated.y[0]),
]

fig, axes = plt.subplots(2, 1, figsize=(10, 7), constrained_layout=True)
for ax, (title, audio, sounding) in zip(axes, excerpts):
    line = transcribe(audio, model, voicing_model=voicing)
    alone = transcribe(audio, model)
    n = len(line.times)
    sounding = sounding[:n] > 0
    ax.fill_between(
        line.times, 0, 1, where=sounding, color="0.88", step="mid", label="a note sounds"
    )
    ax.plot(
        line.times,
        line.salience_matrix.max(axis=1),
        color="tab:blue",
        lw=1,
        label="salience network's peak",
    )
    ax.plot(line.times, line.voicing_peak, color="tab:orange", lw=1, label="voicing network's peak")
    ax.axhline(line.voicing_threshold, color="k", ls=":", lw=1)
    decisions = [(line, 1.06, "k", "both networks"), (alone, 1.12, "tab:blue", "salience alone")]
    for decided, height, color, who in decisions:
        when = decided.times[decided.voiced]
        ax.plot(when, np.full(len(when), height), "|", color=color, label=f"voiced, {who}")
    recall = [np.mean(v[:n][sounding]) for v in (line.voiced, alone.voiced)]
    false_alarm = [np.mean(v[:n][~sounding]) for v in (line.voiced, alone.voiced)]
    ax.set_title(
        f"{title}: voicing recall {recall[0]:.2f} (alone {recall[1]:.2f}), "
        f"false alarm {false_alarm[0]:.2f} (alone {false_alarm[1]:.2f})"
    )
    ax.set_ylim(0, 1.18)
    ax.set_xlim(0, line.times[-1])
    ax.set_ylabel("salience")
handles, labels = axes[0].get_legend_handles_labels()
fig.legend(handles, labels, loc="outside lower center", ncol=5, fontsize=8)
axes[-1].set_xlabel("time (s)")
fig.savefig("voicing.png", dpi=100)
print("saved voicing.png")
