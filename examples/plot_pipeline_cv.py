"""
Fit and cross-validate the paper's pipeline on generated ensembles
===================================================================

A small walking-bass set from :func:`skbass.datasets.make_ensembles` (FluidR3/TimGM,
hard recording chain) goes through ``CQTFrames -> LogScaler -> BassSalienceMLP``.
Cross-validation splits by piece (``GroupKFold`` over the set's ``groups``), and the
score is shown beside the trivial CQT arg-max baseline on the same frames (about 0.69
against 0.50 with these 4 minutes of audio; dropout 0.5, which the shipped recipe also
uses, instead of the paper's 0.06, because the network overfits so little data). The
picture shows a held-out recording's salience with its labels.
"""

import librosa
import librosa.display
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from sklearn.model_selection import GroupKFold, cross_val_score  # noqa: E402
from sklearn.pipeline import Pipeline  # noqa: E402

from skbass import BassSalienceMLP, CQTFrames, LogScaler  # noqa: E402
from skbass.datasets import make_ensembles  # noqa: E402
from skbass.metrics import raw_pitch_scorer, trivial_baseline_accuracy  # noqa: E402

data = make_ensembles(n_recordings=16, duration=15.0, seed=7, progress=False)
X, y = data.X, data.y
pipe = Pipeline(
    [
        ("cqt", CQTFrames()),
        ("log", LogScaler()),
        (
            "mlp",
            BassSalienceMLP(
                learning_rate=1e-3, dropout=0.5, epochs=60, patience=10, random_state=0
            ),
        ),
    ]
)
scores = cross_val_score(
    pipe, X, y, groups=data.groups, cv=GroupKFold(n_splits=3), scoring=raw_pitch_scorer
)
print(f"raw pitch accuracy, 3-fold by piece: {scores.mean():.3f} +/- {scores.std():.3f}")
print(f"trivial CQT arg-max on the same recordings: {trivial_baseline_accuracy(X, y):.3f}")

pipe.fit(X[1:], y[1:])
salience = pipe[-1].salience(pipe[:-1].transform(X[:1]))[0]
times = pipe[0].frame_times(len(salience))
labels = np.where(y[0] > 0, y[0], np.nan).astype(float)

fig, ax = plt.subplots(figsize=(10, 4))
librosa.display.specshow(
    salience.T,
    sr=pipe[0].sr,
    hop_length=pipe[0].hop_length,
    x_axis="time",
    y_axis="cqt_note",
    fmin=librosa.midi_to_hz(pipe[-1].pitches_[0]),
    bins_per_octave=12,
    cmap="viridis",
    ax=ax,
)
ax.plot(
    times, librosa.midi_to_hz(labels), ".", color="white", markersize=4, label="labelled bass pitch"
)
ax.set(title="Bass salience of a held-out recording")
ax.legend(loc="upper right")
fig.tight_layout()
fig.savefig("pipeline_salience.png", dpi=100)
