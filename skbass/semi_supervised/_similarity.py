"""Best match by cosine similarity, in blocks: a tiled GEMM with a running arg-max.

For every row ``u_i`` of ``U`` this finds ``s_i = max_k cos(u_i, l_k)`` over the rows of
``L`` and the index ``k`` that attains it, without ever holding the ``n_u x n_l``
similarity matrix: rows are normalised once, then ``U`` is cut into blocks of rows and
``L`` into tiles, each ``U``-block x ``L``-tile product is reduced to its row maxima at
once and folded into a running maximum.

Two kernels compute the same thing:

- ``"numpy"`` (the default, fastest measured on CPU): one worker thread per core, each
  running single-threaded BLAS on tall, narrow tiles (2048 x 512 by default, 4 MiB in
  float32) whose arg-max is read back from cache. On the paper's size (500,000 x
  305,000 x 67, float32) on 2 cores this beat both a plain blocked ``U_blk @ L.T`` and
  Keras 3 on TensorFlow/oneDNN (whose CPU ``argmax`` is slow); see
  ``benchmarks/label_propagation.py``.
- ``"keras"``: the same tiling with ``keras.ops`` (Keras 3 API only), so that
  ``KERAS_BACKEND=jax`` runs it on a GPU. Keras is imported only when this kernel runs.
"""

import os
from concurrent.futures import ThreadPoolExecutor
from numbers import Integral

import numpy as np

#: Default ``(rows of U, rows of L)`` per tile for each kernel.
DEFAULT_BLOCK_SIZE = {"numpy": (2048, 512), "keras": (4096, 16384)}
BACKENDS = tuple(DEFAULT_BLOCK_SIZE)


def max_cosine_similarity(U, L, *, block_size=None, backend="numpy", n_jobs=-1, verbose=False):
    """Highest cosine similarity of each row of ``U`` to the rows of ``L``, and where.

    Exact: the best match is the one a dense computation finds (up to floating-point
    ties; among exactly equal similarities the lowest index wins, as with
    :func:`numpy.argmax`). Memory beyond the normalised copies of ``U`` and ``L`` is one
    tile per worker.

    Parameters
    ----------
    U : np.ndarray [shape=(n_u, n_features)]
        Query rows (the unlabelled frames). float32 is computed in float32, anything
        else in float64 (the ``"keras"`` kernel always uses float32).
    L : np.ndarray [shape=(n_l, n_features)]
        Reference rows (the labelled frames).
    block_size : int, tuple of (int, int) or None, default=None
        Rows of ``U`` and rows of ``L`` per tile (an int sets both). None: 2048 x 512
        for ``"numpy"``, 4096 x 16384 for ``"keras"``.
    backend : {"numpy", "keras"}, default="numpy"
        Kernel: threaded NumPy/BLAS, or ``keras.ops`` on the active Keras backend.
    n_jobs : int, default=-1
        Worker threads of the ``"numpy"`` kernel; -1 uses every available core.
    verbose : bool, default=False
        Show a tqdm progress bar over the blocks of ``U``.

    Returns
    -------
    similarity : np.ndarray [shape=(n_u,), dtype=float32 or float64]
        ``s_i``, clipped to ``[-1, 1]``.
    index : np.ndarray [shape=(n_u,), dtype=int64]
        Row of ``L`` with the highest similarity to each row of ``U``.

    Raises
    ------
    ValueError
        If an input is not 2-D or is empty, the feature counts differ, a value is NaN or
        infinite, or a row is all zeros (its cosine similarity is undefined).

    Examples
    --------
    >>> import numpy as np
    >>> U = np.array([[1.0, 0.1], [0.0, 2.0]])
    >>> L = np.array([[0.0, 1.0], [3.0, 0.0], [1.0, 1.0]])
    >>> s, k = max_cosine_similarity(U, L, block_size=1)
    >>> k.tolist(), np.round(s, 3).tolist()
    ([1, 0], [0.995, 1.0])
    """
    U = np.asarray(U)
    L = np.asarray(L)
    for name, A in (("U", U), ("L", L)):
        if A.ndim != 2 or A.shape[0] == 0:
            raise ValueError(f"{name} must be a non-empty 2-D array, got shape {A.shape}")
    if U.shape[1] != L.shape[1]:
        raise ValueError(
            f"U and L must have the same number of features: U has {U.shape[1]}, L has {L.shape[1]}"
        )
    return _max_dot(
        normalize_rows(U, "rows of U"),
        normalize_rows(L, "rows of L"),
        block_size=block_size,
        backend=backend,
        n_jobs=n_jobs,
        verbose=verbose,
    )


def normalize_rows(A, name):
    """Rows scaled to unit length, float32 kept, anything else as float64.

    Parameters
    ----------
    A : np.ndarray [shape=(n, n_features)]
        Rows to normalise.
    name : str
        What the rows are, for error messages (e.g. ``"unlabelled frames"``).

    Returns
    -------
    A_normed : np.ndarray [shape=(n, n_features)]
        A new C-contiguous array.

    Raises
    ------
    ValueError
        If a value is NaN or infinite, or a row is all zeros.
    """
    dtype = np.float32 if A.dtype == np.float32 else np.float64
    A = np.asarray(A, dtype=dtype)
    bad = ~np.isfinite(A).all(axis=1)
    if bad.any():
        raise ValueError(
            f"{bad.sum()} of {len(A)} {name} contain NaN or infinite values "
            f"(first at row {np.flatnonzero(bad)[0]})"
        )
    norms = np.linalg.norm(A, axis=1)
    zero = norms == 0
    if zero.any():
        raise ValueError(
            f"{zero.sum()} of {len(A)} {name} are zero vectors (first at row "
            f"{np.flatnonzero(zero)[0]}); their cosine similarity is undefined. Drop them "
            "(e.g. digital silence) or add a small constant to the features."
        )
    return np.ascontiguousarray(A / norms[:, None], dtype=dtype)


def _max_dot(U, L, *, block_size=None, backend="numpy", n_jobs=-1, verbose=False):
    """Running max/arg-max of ``U @ L.T`` over unit rows, tile by tile."""
    if backend not in BACKENDS:
        raise ValueError(f"backend must be one of {BACKENDS}, got {backend!r}")
    bu, bl = _block_shape(DEFAULT_BLOCK_SIZE[backend] if block_size is None else block_size)
    kernel = _numpy_kernel if backend == "numpy" else _keras_kernel
    similarity, index = kernel(U, L, bu, bl, n_jobs=n_jobs, verbose=verbose)
    return np.clip(similarity, -1, 1, out=similarity), index


def _block_shape(block_size):
    shape = (block_size, block_size) if isinstance(block_size, Integral) else tuple(block_size)
    if len(shape) != 2 or not all(
        isinstance(n, Integral) and not isinstance(n, bool) and n >= 1 for n in shape
    ):
        raise ValueError(f"block_size must be a positive int or a pair of them, got {block_size!r}")
    return int(shape[0]), int(shape[1])


def _progress(total, verbose):
    from tqdm.auto import tqdm

    return tqdm(total=total, desc="label propagation", unit="block", disable=not verbose)


def _n_threads(n_jobs):
    available = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None
    available = available or os.cpu_count() or 1
    if n_jobs is None or n_jobs == 0:
        return 1
    return available + 1 + n_jobs if n_jobs < 0 else n_jobs


def _numpy_kernel(U, L, bu, bl, *, n_jobs, verbose):
    from threadpoolctl import threadpool_limits

    n_u, n_l = len(U), len(L)
    LT = np.ascontiguousarray(L.T)
    similarity = np.empty(n_u, dtype=U.dtype)
    index = np.empty(n_u, dtype=np.int64)

    def block(start):
        u = U[start : start + bu]
        n = len(u)
        tile = np.empty((n, min(bl, n_l)), dtype=U.dtype)
        best = np.full(n, -np.inf, dtype=U.dtype)
        arg = np.zeros(n, dtype=np.int64)
        k = np.empty(n, dtype=np.int64)
        better = np.empty(n, dtype=bool)
        rows = np.arange(n)
        for j in range(0, n_l, bl):
            lt = LT[:, j : j + bl]
            S = np.matmul(u, lt, out=tile[:, : lt.shape[1]])
            np.argmax(S, axis=1, out=k)
            v = S[rows, k]
            np.greater(v, best, out=better)  # strict: the earlier tile wins a tie
            np.maximum(best, v, out=best)
            k += j
            np.copyto(arg, k, where=better)
        similarity[start : start + n] = best
        index[start : start + n] = arg

    starts = range(0, n_u, bu)
    n_threads = max(1, min(_n_threads(n_jobs), len(starts)))
    # One single-threaded BLAS per worker: small tiles stay in that core's cache.
    with (
        threadpool_limits(1, user_api="blas"),
        ThreadPoolExecutor(n_threads) as pool,
        _progress(len(starts), verbose) as bar,
    ):
        for _ in pool.map(block, starts):
            bar.update()
    return similarity, index


def _keras_kernel(U, L, bu, bl, *, n_jobs, verbose):
    from keras import ops

    LT = ops.convert_to_tensor(np.ascontiguousarray(L.T, dtype=np.float32))
    n_l = L.shape[0]
    similarity, index = [], []
    starts = range(0, len(U), bu)
    with _progress(len(starts), verbose) as bar:
        for start in starts:
            u = ops.convert_to_tensor(np.asarray(U[start : start + bu], dtype=np.float32))
            best = arg = None
            for j in range(0, n_l, bl):
                S = ops.matmul(u, LT[:, j : j + bl])
                v, k = ops.max(S, axis=1), ops.cast(ops.argmax(S, axis=1), "int32") + j
                if best is None:
                    best, arg = v, k
                else:
                    better = ops.greater(v, best)  # strict: the earlier tile wins a tie
                    best, arg = ops.where(better, v, best), ops.where(better, k, arg)
            similarity.append(ops.convert_to_numpy(best))
            index.append(ops.convert_to_numpy(arg))
            bar.update()
    return np.concatenate(similarity), np.concatenate(index).astype(np.int64)
