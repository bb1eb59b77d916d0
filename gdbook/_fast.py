"""The speed kernels: the plain formulas' results, computed faster; each tested
against its formula (``tests/test_fast.py``)."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import numpy as np

#: Bytes of ``X`` a block holds: in cache for both products, X read once a step.
BLOCK_BYTES = 256 * 2**10
#: One-feature data this large is summed in two halves by two threads (always two:
#: the bits do not depend on the machine).
PARALLEL_BYTES = 8 * 2**20
Sums = tuple[Any, Any]  # X^T r and sum(r)


def least_squares_sums(X: np.ndarray, y: np.ndarray, w: np.ndarray, b: float) -> Sums:
    r"""``(X^T r, sum(r))`` with :math:`r = X w + b - y`, blocked and threaded: the
    plain formula's bits for one block, equal up to rounding for several."""
    if X.ndim == 2 and X.shape[1] == 1:
        # One feature as a column: the 1-D kernel is faster than a width-1 gemv.
        sum_xr, sum_r = least_squares_sums(X[:, 0], y, w[0], b)
        return np.array([sum_xr]), sum_r
    if X.ndim == 1 and X.nbytes >= PARALLEL_BYTES:
        half = X.shape[0] // 2
        with ThreadPoolExecutor(max_workers=2) as pool:
            future = pool.submit(_block_sums, X[:half], y[:half], w, b)
            second = _block_sums(X[half:], y[half:], w, b)
            first = future.result()
        return first[0] + second[0], first[1] + second[1]
    # Matrix-vector products are left to BLAS, which has threads of its own.
    return _block_sums(X, y, w, b)


def _block_sums(X: np.ndarray, y: np.ndarray, w: np.ndarray, b: float) -> Sums:
    """``X^T r`` and ``sum(r)``, with ``r = X w + b - y``, block by block."""
    n, row_bytes = X.shape[0], X.itemsize * (1 if X.ndim == 1 else X.shape[1])
    rows = max(1, min(n, BLOCK_BYTES // row_bytes))
    buffer, sum_r = np.empty(rows), 0.0
    sum_xr = 0.0 if X.ndim == 1 else np.zeros(X.shape[1])
    for start in range(0, n, rows):
        X_block, y_block = X[start : start + rows], y[start : start + rows]
        r = buffer[: len(y_block)]
        (np.multiply if X.ndim == 1 else np.matmul)(X_block, w, out=r)  # X w
        r += b
        r -= y_block
        sum_r += r.sum()
        if X.ndim == 1:  # sum(x * r) in r's buffer: the plain formula's operations
            r *= X_block
            sum_xr += r.sum()
        else:  # X^T r for the block (BLAS gemv)
            sum_xr += r @ X_block
    return sum_xr, sum_r


#: Bytes of the stack of perturbed points ``f`` gets at once (it stays in cache).
BATCH_BYTES = 2**20
Values = Callable[[Any, int], np.ndarray]  # check_values(what f returned, count)


def batched_numerical_gradient(
    f: Callable[[np.ndarray], Any], point: np.ndarray, h: float, check_values: Values
) -> np.ndarray:
    """Central differences with ``f`` called on stacks of perturbed points (the
    points and arithmetic of :func:`gdbook.numerical_gradient`); ``check_values``
    gets what ``f`` returned and the number of points, returns float64 or raises."""
    flat = point.reshape(-1)
    n, grad = flat.size, np.empty(flat.size)
    # Each parameter needs two rows of n values: chunk so a stack stays bounded.
    per_chunk = max(1, BATCH_BYTES // (2 * n * flat.itemsize))
    for start in range(0, n, per_chunk):
        index = np.arange(start, min(n, start + per_chunk))
        k, rows = index.size, np.arange(index.size)
        stack = np.tile(flat, (2 * k, 1))
        stack[rows, index] = flat[index] + h
        stack[k + rows, index] = flat[index] - h
        values = check_values(f(stack.reshape(2 * k, *point.shape)), 2 * k)
        grad[index] = (values[:k] - values[k:]) / (2 * h)
    return grad.reshape(point.shape)


def dot_in_order(a: np.ndarray, B: np.ndarray) -> np.ndarray:
    """``a @ B`` summed term by term in order, one rounding per multiply and add:
    source 000's scalar arithmetic on every machine (BLAS may reorder or fuse)."""
    products = a[:, None] * B
    total: np.ndarray = products[0]
    for row in products[1:]:
        total = total + row
    return total
