"""The paper's objective on cached frames: a_val by recording or by frame, pruning."""

import pickle

import optuna
import pytest

from skbass.features import CQTFrames
from skbass.metrics import trivial_baseline_accuracy
from skbass.model_selection import (
    SalienceObjective,
    SearchSpace,
    optimize,
    prepare_study,
    storage_url,
    trial_summary,
)

#: A tiny space: small networks, so that a trial takes a second.
TINY = SearchSpace.paper(
    hidden_layer_exponent=(3, 4), n_hidden_layers=(1, 2), learning_rate_exponent=(-3.0, -2.0)
)
EPOCH = {"mlp__epochs": 1}


@pytest.fixture(scope="module")
def frames(recordings):
    X, y = recordings
    return CQTFrames().fit_transform(X), y


def _run(tmp_path, objective, n_trials=3, **kwargs):
    study = prepare_study(
        storage=storage_url(tmp_path / "study.db"),
        study_name="t",
        space=objective.space,
        n_trials=n_trials,
        **kwargs,
    )
    return optimize(study, objective, progress=False)


def test_a_val_is_raw_pitch_accuracy_on_held_out_recordings(tmp_path, frames, recordings):
    X, y = frames
    objective = SalienceObjective(X, y, space=TINY, fixed_params=EPOCH)
    assert len(objective.val_recordings_) == 1
    held_out = objective.val_recordings_[0]
    assert objective.n_val_frames_ == int((y[held_out] > 0).sum())
    # the frames' arg-max baseline is the metrics module's trivial baseline
    audio = recordings[0][held_out]
    assert objective.baseline() == pytest.approx(trivial_baseline_accuracy([audio], [y[held_out]]))
    study = _run(tmp_path, objective)
    assert trial_summary(study)["complete"] == 3
    for trial in study.trials:
        assert 0.0 <= trial.value <= 1.0 and trial.user_attrs["epochs"] == 1
        # the network's early-stopping split is the same held-out recording
        assert trial.value == pytest.approx(trial.user_attrs["best_epoch_val_pitch_accuracy"])
    assert pickle.loads(pickle.dumps(objective)).val_recordings_.tolist() == [held_out]


def test_the_papers_frame_split(frames):
    X, y = frames
    objective = SalienceObjective(X, y, space=TINY, split="frame", fixed_params=EPOCH)
    assert objective.val_recordings_ is None
    n_labelled = sum(int((labels > 0).sum()) for labels in y)
    assert 0.1 * n_labelled < objective.n_val_frames_ < 0.3 * n_labelled
    trial = optuna.create_study(direction="maximize").ask()
    value = objective(trial)
    assert value == pytest.approx(trial.user_attrs["best_epoch_val_pitch_accuracy"])


def test_pruning_stops_hopeless_trials(tmp_path, frames):
    X, y = frames
    objective = SalienceObjective(X, y, space=TINY, fixed_params={"mlp__epochs": 3}, prune=True)
    # a pruner no trial can satisfy: every trial stops after its first epoch
    study = _run(tmp_path, objective, pruner=optuna.pruners.ThresholdPruner(lower=2.0))
    assert trial_summary(study)["pruned"] == 3
    assert all(len(t.intermediate_values) == 1 for t in study.trials)


def test_bad_settings_are_named(frames):
    X, y = frames
    with pytest.raises(ValueError, match="split must be one of"):
        SalienceObjective(X, y, split="random")
    with pytest.raises(ValueError, match=r"unknown pipeline parameters: \['mlp__epoch'\]"):
        SalienceObjective(X, y, fixed_params={"mlp__epoch": 1})
    with pytest.raises(ValueError, match="sets parameters the space searches"):
        SalienceObjective(X, y, fixed_params={"mlp__dropout": 0.1})
    with pytest.raises(ValueError, match=r"unknown pipeline parameters: \['mlp__nope'\]"):
        SalienceObjective(X, y, space=SearchSpace(mlp__nope=[1, 2]))
    with pytest.raises(ValueError, match="at least 3 recordings"):
        SalienceObjective(X[:2], y[:2])
