"""The instrument convnet's forward pass in NumPy, and an inference-only estimator on it.

Classifying with a fitted :class:`~skbass.HybridConvNetClassifier` needs neither
TensorFlow nor Keras: at inference its network is convolutions, leaky ReLUs, max-pooling
and two dense layers (dropout is the identity), written here with the layers of
:mod:`skbass.neural_network._conv_ops` and the network's weights read by layer name. This
module imports neither, so :func:`skbass.load_model` and ``skbass classify`` start fast.
"""

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin

from ..utils._constants import BRANCHES, HIGH_BAND, INSTRUMENT_N_BINS, PATCH_FRAMES, SPIRAL_BANDS
from ._conv_ops import conv1d, conv2d, leaky_relu, max_pool1d, max_pool2d, softmax
from ._excerpts import ExcerptOutputsMixin
from ._forward import InferenceOnlyMixin

#: ``keras.layers.LayerNormalization``'s epsilon in the ``normalization="excerpt"`` network.
EXCERPT_NORM_EPSILON = 1e-6
#: Keras's ``backend.epsilon()``, the floor of ``Normalization``'s standard deviation.
KERAS_EPSILON = 1e-7


def _layer(weights, name):
    try:
        return weights[f"{name}/kernel"], weights[f"{name}/bias"]
    except KeyError:
        raise ValueError(f"the network's weights lack the layer {name!r}") from None


def hybrid_forward(
    excerpts,
    weights,
    *,
    branches,
    pool_size,
    temporal_pool_size,
    negative_slope,
    spiral_bands,
    high_band,
    normalization,
    mean=0.0,
    std=1.0,
):
    """Class probabilities of excerpts through a hybrid convnet's weights, in float32.

    The graph of :func:`~skbass.neural_network._hybrid.build_hybrid_convnet` at
    inference: input standardisation, then per branch two convolutions with leaky ReLU
    and max-pooling ('valid' convolutions and floor pooling for ``"2d"`` and
    ``"spiral"``, 'same' for ``"1d"``), the branches' flattened outputs concatenated in
    ``branches`` order, a dense layer with leaky ReLU and the softmax layer.

    Parameters
    ----------
    excerpts : np.ndarray [shape=(n, n_frames, n_bins)]
        Input excerpts.
    weights : dict of str to np.ndarray
        ``"<layer>/kernel"`` and ``"<layer>/bias"`` of the layers ``2d_conv1``,
        ``2d_conv2``, ``spiral_conv1``, ``spiral_conv2``, ``1d_conv1``, ``1d_conv2`` (those of
        the branches used), ``dense`` and ``instrument``.
    branches : tuple of str
        The branches, in the network's order.
    pool_size : (int, int)
        Pooling of the 2-d and spiral branches.
    temporal_pool_size : int
        Pooling of the 1-d branch.
    negative_slope : float
        Leaky ReLU slope.
    spiral_bands : tuple of (int, int)
        Bin ranges of the spiral bands.
    high_band : (int, int)
        Bin range of the 1-d branch.
    normalization : {"global", "excerpt"}
        Input standardisation.
    mean, std : float
        Training statistics for ``"global"``.

    Returns
    -------
    proba : np.ndarray [shape=(n, n_classes), dtype=float32]
    """
    x = np.asarray(excerpts, dtype=np.float32)
    if normalization == "global":
        x = (x - np.float32(mean)) / np.float32(max(float(std), KERAS_EPSILON))
    else:
        mu = x.mean(axis=(1, 2), keepdims=True)
        var = np.square(x - mu).mean(axis=(1, 2), keepdims=True)
        x = (x - mu) / np.sqrt(var + np.float32(EXCERPT_NORM_EPSILON))
    image = x[..., None]

    def two_layers(t, prefix):
        for i in (1, 2):
            t = conv2d(t, *_layer(weights, f"{prefix}_conv{i}"))
            t = max_pool2d(leaky_relu(t, negative_slope), tuple(pool_size))
        return t.reshape(len(t), -1)

    outputs = []
    for branch in branches:
        if branch == "2d":
            outputs.append(two_layers(image, "2d"))
        elif branch == "spiral":
            bands = [image[:, :, lo:hi, :] for lo, hi in spiral_bands]
            outputs.append(two_layers(np.concatenate(bands, axis=-1), "spiral"))
        else:
            t = x[:, :, high_band[0] : high_band[1]]
            for i in (1, 2):
                t = conv1d(t, *_layer(weights, f"1d_conv{i}"), padding="same")
                t = max_pool1d(leaky_relu(t, negative_slope), temporal_pool_size, padding="same")
            outputs.append(t.reshape(len(t), -1))
    x = np.concatenate(outputs, axis=1)
    kernel, bias = _layer(weights, "dense")
    x = leaky_relu(x @ kernel + bias, negative_slope)
    kernel, bias = _layer(weights, "instrument")
    return softmax(x @ kernel + bias).astype(np.float32)


class FrozenHybridConvNet(InferenceOnlyMixin, ExcerptOutputsMixin, ClassifierMixin, BaseEstimator):
    """A fitted :class:`~skbass.HybridConvNetClassifier` for inference only, in NumPy.

    :func:`skbass.load_model` builds it from a model file (``keras=False``); it predicts
    as the Keras estimator it was saved from (same inputs, same outputs within float32
    rounding) without importing TensorFlow or Keras, and cannot be trained.

    Parameters
    ----------
    branches : tuple of {"2d", "1d", "spiral"}
        The network's branches.
    pool_size : (int, int)
        Pooling of the 2-d and spiral branches.
    temporal_pool_size : int
        Pooling of the 1-d branch.
    negative_slope : float
        Leaky ReLU slope.
    spiral_bands : tuple of (int, int)
        Bin ranges of the spiral bands.
    high_band : (int, int)
        Bin range of the 1-d branch.
    normalization : {"global", "excerpt"}
        Input standardisation.
    patch_frames : int
        Frames per excerpt.
    n_bins : int or None
        Bins per frame.

    Attributes
    ----------
    classes_ : np.ndarray [shape=(n_classes,)]
        Class labels.
    n_bins_ : int
        Bins per frame.
    n_features_in_ : int
        Features of one flattened excerpt.
    input_mean_, input_std_ : float
        Training input statistics.
    weights_ : dict of str to np.ndarray
        The network's kernels and biases by ``"<layer>/<name>"``.
    """

    def __init__(
        self,
        *,
        branches=BRANCHES,
        pool_size=(5, 3),
        temporal_pool_size=5,
        negative_slope=0.3,
        spiral_bands=SPIRAL_BANDS,
        high_band=HIGH_BAND,
        normalization="global",
        patch_frames=PATCH_FRAMES,
        n_bins=INSTRUMENT_N_BINS,
    ):
        self.branches = branches
        self.pool_size = pool_size
        self.temporal_pool_size = temporal_pool_size
        self.negative_slope = negative_slope
        self.spiral_bands = spiral_bands
        self.high_band = high_band
        self.normalization = normalization
        self.patch_frames = patch_frames
        self.n_bins = n_bins

    def _excerpt_proba(self, excerpts):
        return hybrid_forward(
            excerpts,
            self.weights_,
            branches=tuple(self.branches),
            pool_size=tuple(self.pool_size),
            temporal_pool_size=int(self.temporal_pool_size),
            negative_slope=float(self.negative_slope),
            spiral_bands=tuple(tuple(b) for b in self.spiral_bands),
            high_band=tuple(self.high_band),
            normalization=self.normalization,
            mean=self.input_mean_,
            std=self.input_std_,
        )
