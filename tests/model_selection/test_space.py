"""The search space: the paper's Table 2, overrides, pipeline terms and clear errors."""

import pytest
from optuna.distributions import CategoricalDistribution, FloatDistribution, IntDistribution

from skbass.model_selection import SearchSpace, sample_configurations


def test_paper_space_is_table_2():
    space = SearchSpace.paper()
    assert list(space) == [
        "magnitude_scaling",
        "n_hidden_layers",
        "hidden_layer_exponent",
        "learning_rate_exponent",
        "batch_normalization",
        "l2_regularization",
        "dropout",
    ]
    assert space["magnitude_scaling"].choices == ("linear", "log")
    assert (space["n_hidden_layers"].low, space["n_hidden_layers"].high) == (3, 6)
    assert (space["hidden_layer_exponent"].low, space["hidden_layer_exponent"].high) == (7, 10)
    assert space["learning_rate_exponent"] == FloatDistribution(-6.0, -3.0)
    assert space["batch_normalization"].choices == (False, True)
    assert space["l2_regularization"].choices == (0.0, 1e-4, 1e-3, 1e-2)
    assert space["dropout"] == FloatDistribution(0.0, 0.5)


def test_values_map_onto_the_pipeline():
    space = SearchSpace.paper()
    params = space.to_params(
        {"magnitude_scaling": "linear", "hidden_layer_exponent": 10, "learning_rate_exponent": -3}
    )
    assert params == {
        "log__scaling": "linear",
        "mlp__hidden_layer_size": 1024,
        "mlp__learning_rate": 1e-3,
    }
    distributions = space.param_distributions()
    assert distributions["mlp__learning_rate"] == FloatDistribution(1e-6, 1e-3, log=True)
    assert distributions["mlp__hidden_layer_size"].choices == (128, 256, 512, 1024)
    assert distributions["mlp__dropout"] == FloatDistribution(0.0, 0.5)
    grid = space.param_grid(n_points=2)
    assert grid["mlp__learning_rate"] == [1e-6, 1e-3]
    assert grid["mlp__n_hidden_layers"] == [3, 4, 5, 6]


def test_overrides_shorthands_and_pipeline_parameters():
    space = SearchSpace.paper(dropout=(0.0, 0.8), l2_regularization=None)
    assert space["dropout"].high == 0.8 and "l2_regularization" not in space
    custom = SearchSpace(n_hidden_layers=(1, 2), dropout=[0.0, 0.5], mlp__batch_size=[125, 250])
    assert isinstance(custom["n_hidden_layers"], IntDistribution)
    assert isinstance(custom["dropout"], CategoricalDistribution)
    assert custom.to_params({"mlp__batch_size": 125}) == {"mlp__batch_size": 125}
    assert SearchSpace.from_json(custom.to_json()) == custom
    assert custom.differences(custom.replace(dropout=[0.1])) == ["dropout"]


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"dropuot": (0.0, 0.5)}, "unknown search parameter 'dropuot' .did you mean 'dropout'"),
        ({"learning_rate": (1e-6, 1e-3)}, "unknown search parameter 'learning_rate'"),
        ({"dropout": (0.5, 0.1)}, r"empty range for 'dropout': low=0.5 > high=0.1"),
        ({"n_hidden_layers": []}, "empty choice list for 'n_hidden_layers'"),
        ({"learning_rate_exponent": FloatDistribution(-3, -3)}, None),
        ({"hidden_layer_exponent": (7.0, 10.0)}, "'hidden_layer_exponent' takes integers"),
        ({"magnitude_scaling": ["linear", "sqrt"]}, "choices must be 'linear' or 'log'"),
        ({"dropout": (0.0,)}, r"a range is a \(low, high\) pair"),
        ({}, "at least one hyperparameter"),
    ],
)
def test_bad_spaces_are_named(kwargs, message):
    if message is None:  # a one-point range is allowed
        SearchSpace(**kwargs)
        return
    with pytest.raises(ValueError, match=message):
        SearchSpace(**kwargs)


def test_removing_an_absent_parameter_is_an_error():
    with pytest.raises(ValueError, match="cannot remove 'dropout'"):
        SearchSpace(n_hidden_layers=(3, 6)).replace(dropout=None)


def test_seeded_random_configurations_repeat_and_extend():
    space = SearchSpace.paper()
    five = sample_configurations(space, 5, seed=3)
    assert sample_configurations(space, 3, seed=3) == five[:3]
    assert sample_configurations(space, 3, seed=4) != five[:3]
    assert all(-6 <= c["learning_rate_exponent"] <= -3 for c in five)
    assert len({c["dropout"] for c in five}) == 5


def test_importing_model_selection_loads_no_tensorflow():
    import subprocess
    import sys

    code = (
        "import sys, skbass.model_selection, skbass.experiments; "
        "print('tensorflow' in sys.modules or 'keras' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
