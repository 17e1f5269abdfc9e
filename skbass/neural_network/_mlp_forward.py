"""The bass salience network's forward pass in NumPy (no TensorFlow, Keras or SciPy).

At inference a :class:`~skbass.BassSalienceMLP` network is a few array operations: dense
layers, batch normalisation with the moving statistics, ReLU, a sigmoid output layer;
dropout is the identity. :class:`~skbass.neural_network._forward.FrozenSalienceMLP` and the
``skbass transcribe`` command both compute it here.
"""

import numpy as np


def sigmoid(x):
    """The logistic function, computed without overflow: ``exp(-log(1 + exp(-x)))``.

    Parameters
    ----------
    x : np.ndarray

    Returns
    -------
    y : np.ndarray
        Same shape and dtype as ``x``, values in [0, 1].

    Examples
    --------
    >>> sigmoid(np.array([-1000.0, 0.0, 1000.0]))
    array([0. , 0.5, 1. ])
    """
    return np.exp(-np.logaddexp(0, -x)).astype(x.dtype, copy=False)


#: Keras's default ``BatchNormalization(epsilon=...)``, the one BassSalienceMLP builds.
KERAS_BATCH_NORM_EPSILON = 1e-3
#: Frames per forward pass (bounds the memory of the hidden activations).
_CHUNK = 8192


def _n_hidden_layers(n_weights, batch_normalization):
    per_layer = 5 if batch_normalization else 2
    n_hidden, rest = divmod(n_weights - 2, per_layer)
    if n_weights < 2 or rest:
        raise ValueError(
            f"{n_weights} weight arrays do not describe a BassSalienceMLP network "
            f"({'with' if batch_normalization else 'without'} batch normalisation)"
        )
    return n_hidden


def mlp_forward(X, weights, *, batch_normalization, epsilon=KERAS_BATCH_NORM_EPSILON):
    """Sigmoid outputs of a BassSalienceMLP network from its Keras weights, in float32.

    Per hidden layer: ``x @ kernel`` (plus the bias without batch normalisation), then
    batch normalisation at inference (``gamma * (x - moving_mean) / sqrt(moving_variance +
    epsilon) + beta``, computed as Keras's TensorFlow backend does), then ReLU; dropout is
    the identity at inference. Last: ``sigmoid(x @ kernel + bias)``.

    Parameters
    ----------
    X : np.ndarray [shape=(n_frames, n_features)]
        Input frames (converted to float32).
    weights : list of np.ndarray
        The network's weights in ``keras.Model.get_weights()`` order: per hidden layer
        ``kernel, gamma, beta, moving_mean, moving_variance`` with batch normalisation or
        ``kernel, bias`` without; then the output layer's ``kernel, bias``.
    batch_normalization : bool
        Whether the hidden layers have batch normalisation.
    epsilon : float, default=1e-3
        Batch normalisation's epsilon (Keras's default).

    Returns
    -------
    salience : np.ndarray [shape=(n_frames, n_outputs), dtype=float32]
        Values in [0, 1].

    Raises
    ------
    ValueError
        If the number of weight arrays does not fit the layer layout.

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> weights = [rng.normal(size=(3, 4)), np.zeros(4), rng.normal(size=(4, 2)), np.zeros(2)]
    >>> mlp_forward(rng.random((5, 3)), weights, batch_normalization=False).shape
    (5, 2)
    """
    n_hidden = _n_hidden_layers(len(weights), batch_normalization)
    weights = [np.asarray(w, dtype=np.float32) for w in weights]
    per_layer = 5 if batch_normalization else 2
    layers = []
    for i in range(n_hidden):
        w = weights[i * per_layer : (i + 1) * per_layer]
        if batch_normalization:
            kernel, gamma, beta, mean, variance = w
            # as tf.nn.batch_normalization: inv = rsqrt(var + eps) * gamma;
            # out = x * inv + (beta - mean * inv)
            inv = (np.float32(1) / np.sqrt(variance + np.float32(epsilon))) * gamma
            layers.append((kernel, None, inv, beta - mean * inv))
        else:
            kernel, bias = w
            layers.append((kernel, bias, None, None))
    out_kernel, out_bias = weights[-2:]
    X = np.asarray(X, dtype=np.float32)
    outputs = np.empty((len(X), out_kernel.shape[1]), dtype=np.float32)
    for start in range(0, len(X), _CHUNK):
        x = X[start : start + _CHUNK]
        for kernel, bias, scale, shift in layers:
            x = x @ kernel
            if bias is not None:
                x += bias
            if scale is not None:
                x = x * scale + shift
            np.maximum(x, 0, out=x)
        outputs[start : start + len(x)] = sigmoid(x @ out_kernel + out_bias)
    return outputs
