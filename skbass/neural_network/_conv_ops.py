"""Convolution, pooling and activation layers of Keras 3, at inference, in NumPy.

The instrument convnets' forward pass is written with these so that classifying with a
shipped model imports neither TensorFlow nor Keras. Each function follows the Keras
layer of the same name (channels-last layout, ``strides`` = 1 for convolutions and =
``pool_size`` for pooling, ``"valid"`` or ``"same"`` padding) and computes in float32.
"""

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view


def _same_pad(size, window, stride):
    """Keras/TensorFlow's "same" padding (before, after) along one axis."""
    out = -(-size // stride)
    total = max((out - 1) * stride + window - size, 0)
    return total // 2, total - total // 2


def conv2d(x, kernel, bias, *, padding="valid"):
    """``keras.layers.Conv2D`` with stride 1.

    Parameters
    ----------
    x : np.ndarray [shape=(n, height, width, in_channels)]
        Input.
    kernel : np.ndarray [shape=(kh, kw, in_channels, filters)]
        The layer's kernel.
    bias : np.ndarray [shape=(filters,)]
        The layer's bias.
    padding : {"valid", "same"}
        Keras's padding.

    Returns
    -------
    y : np.ndarray [shape=(n, out_height, out_width, filters), dtype=float32]

    Examples
    --------
    >>> x = np.arange(16, dtype=np.float32).reshape(1, 4, 4, 1)
    >>> conv2d(x, np.ones((2, 2, 1, 1), np.float32), np.zeros(1, np.float32))[0, :, :, 0]
    array([[10., 14., 18.],
           [26., 30., 34.],
           [42., 46., 50.]], dtype=float32)
    """
    x = np.asarray(x, dtype=np.float32)
    kernel = np.asarray(kernel, dtype=np.float32)
    kh, kw = kernel.shape[:2]
    if padding == "same":
        pads = [(0, 0), _same_pad(x.shape[1], kh, 1), _same_pad(x.shape[2], kw, 1), (0, 0)]
        x = np.pad(x, pads)
    windows = sliding_window_view(x, (kh, kw), axis=(1, 2))  # (n, oh, ow, c, kh, kw)
    y = np.tensordot(windows, kernel, axes=([4, 5, 3], [0, 1, 2]))
    return y + np.asarray(bias, dtype=np.float32)


def conv1d(x, kernel, bias, *, padding="valid"):
    """``keras.layers.Conv1D`` with stride 1.

    Parameters
    ----------
    x : np.ndarray [shape=(n, steps, in_channels)]
        Input.
    kernel : np.ndarray [shape=(width, in_channels, filters)]
        The layer's kernel.
    bias : np.ndarray [shape=(filters,)]
        The layer's bias.
    padding : {"valid", "same"}
        Keras's padding.

    Returns
    -------
    y : np.ndarray [shape=(n, out_steps, filters), dtype=float32]
    """
    y = conv2d(
        np.asarray(x)[:, :, None, :], np.asarray(kernel)[:, None, :, :], bias, padding=padding
    )
    return y[:, :, 0, :]


def max_pool2d(x, pool_size, *, padding="valid"):
    """``keras.layers.MaxPooling2D(pool_size)`` (strides equal to the pool size).

    Parameters
    ----------
    x : np.ndarray [shape=(n, height, width, channels)]
        Input.
    pool_size : tuple of int
        ``(ph, pw)``.
    padding : {"valid", "same"}
        ``"valid"`` drops a last partial window, ``"same"`` keeps it.

    Returns
    -------
    y : np.ndarray [shape=(n, out_height, out_width, channels)]

    Examples
    --------
    >>> x = np.arange(10, dtype=np.float32).reshape(1, 5, 2, 1)
    >>> max_pool2d(x, (2, 2))[0, :, :, 0], max_pool2d(x, (2, 2), padding="same")[0, :, :, 0]
    (array([[3.],
           [7.]], dtype=float32), array([[3.],
           [7.],
           [9.]], dtype=float32))
    """
    x = np.asarray(x, dtype=np.float32)
    ph, pw = pool_size
    if padding == "same":
        pads = [(0, 0), _same_pad(x.shape[1], ph, ph), _same_pad(x.shape[2], pw, pw), (0, 0)]
        x = np.pad(x, pads, constant_values=-np.inf)
    n, h, w, c = x.shape
    oh, ow = h // ph, w // pw
    x = x[:, : oh * ph, : ow * pw, :].reshape(n, oh, ph, ow, pw, c)
    return x.max(axis=(2, 4))


def max_pool1d(x, pool_size, *, padding="valid"):
    """``keras.layers.MaxPooling1D(pool_size)`` (strides equal to the pool size).

    Parameters
    ----------
    x : np.ndarray [shape=(n, steps, channels)]
        Input.
    pool_size : int
        Window and stride.
    padding : {"valid", "same"}
        ``"valid"`` drops a last partial window, ``"same"`` keeps it.

    Returns
    -------
    y : np.ndarray [shape=(n, out_steps, channels)]
    """
    return max_pool2d(np.asarray(x)[:, :, None, :], (int(pool_size), 1), padding=padding)[
        :, :, 0, :
    ]


def leaky_relu(x, negative_slope):
    """``keras.layers.LeakyReLU(negative_slope)``.

    Parameters
    ----------
    x : np.ndarray
        Input.
    negative_slope : float
        Slope below zero.

    Returns
    -------
    y : np.ndarray
    """
    return np.where(x >= 0, x, np.float32(negative_slope) * x)


def softmax(x):
    """Softmax over the last axis, ``np.ndarray`` of the same shape, rows summing to 1.

    Parameters
    ----------
    x : np.ndarray [shape=(n, k)]
        Logits.

    Returns
    -------
    p : np.ndarray [shape=(n, k)]
    """
    z = x - x.max(axis=-1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=-1, keepdims=True)
