"""
Fit and cross-validate the paper's pipeline on generated ensembles
===================================================================

A small walking-bass set from :func:`skbass.datasets.make_ensembles` (FluidR3/TimGM,
hard recording chain) goes through ``CQTFrames -> LogScaler -> BassSalienceMLP``.
Cross-validation splits by recording, and the score is shown beside the trivial CQT
arg-max baseline on the same frames (about 0.69 against 0.50 with these 4 minutes of
audio; dropout 0.5, which the shipped recipe also uses, instead of the paper's 0.06,
because the network overfits so little data). The picture shows a held-out
recording's salience with its labels.
"""

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np
from sklearn.model_selection import cross_val_score
from sklearn.pipeline import Pipeline

from skbass import BassSalienceMLP, CQTFrames, LogScaler
from skbass.baselines import trivial_baseline_accuracy
from skbass.datasets import make_ensembles
from skbass.metrics import raw_pitch_scorer

X, y, meta = make_ensembles(n_recordings=16, duration=15.0, seed=7, progress=False)
pipe = Pipeline(
    [
        ("cqt", CQTFrames()),
        ("log", LogScaler()),
        ("mlp", BassSalienceMLP(learning_rate=1e-3, dropout=0.5, epochs=60, patience=10, random_state=0)),
    ]
)
scores = cross_val_score(pipe, X, y, cv=3, scoring=raw_pitch_scorer)
print(f"raw pitch accuracy, 3-fold by recording: {scores.mean():.3f} +/- {scores.std():.3f}")
print(f"trivial CQT arg-max on the same recordings: {trivial_baseline_accuracy(X, y):.3f}")

pipe.fit(X[1:], y[1:])
salience = pipe[-1].salience(pipe[:-1].transform(X[:1]))[0]
times = pipe[0].frame_times(len(salience))
labels = np.where(y[0] > 0, y[0], np.nan).astype(float)

fig, ax = plt.subplots(figsize=(10, 4))
ax.imshow(salience.T, origin="lower", aspect="auto", cmap="viridis",
          extent=[0, times[-1], 25.5, 69.5])
ax.plot(times, labels, ".", color="white", markersize=4, label="labelled bass pitch")
ax.set(xlabel="time [s]", ylabel="MIDI pitch", title="Bass salience of a held-out recording")
ax.legend(loc="upper right")
fig.tight_layout()
fig.savefig("pipeline_salience.png", dpi=100)
