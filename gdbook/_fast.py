"""The speed kernels: same results as the plain formulas, computed faster.

The teaching modules (:mod:`gdbook.calculus`, :mod:`gdbook.linear`,
:mod:`gdbook.networks`) state each formula in a few lines of numpy. Where the plain
formula is slow on large input, or where a BLAS kernel would change the last bits
from one machine to another, they call a kernel from here instead. Each kernel is
tested against its plain formula (``tests/test_fast.py``) and measured by
``nox -s bench``; the site's performance page explains them.

Nothing here checks its arguments: the public functions have done it.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import numpy as np

# --- Least squares: one read of X per gradient ---------------------------------------

#: Rows of ``X`` handled at once by :func:`least_squares_sums`, in bytes: a block of
#: ``X`` with its slice of ``y`` and of the residual stays in the CPU's cache between
#: the two products that read it, so ``X`` crosses the memory bus once per step
#: instead of twice, and no residual of ``n`` floats is allocated.
BLOCK_BYTES = 256 * 2**10

#: One-feature data at least this large (in bytes) is summed by two threads, each over
#: one half: numpy's element-wise operations use one core, and one core cannot draw
#: all the memory bandwidth (measured: 1.8x faster at 10 million samples). Always two
#: halves, whatever the machine, so the result does not depend on it.
PARALLEL_BYTES = 8 * 2**20


def least_squares_sums(
    X: np.ndarray, y: np.ndarray, w: np.ndarray, b: float
) -> tuple[Any, Any]:
    r"""``(X^T r, sum(r))`` with :math:`r = X w + b - y`, blocked and threaded.

    For one block (``X.nbytes <= BLOCK_BYTES``) the operations are those of the plain
    formula in :func:`gdbook.linear.least_squares_gradient`, so the bits are the
    same; over several blocks the sums are taken block by block (a different order
    of additions, equal to the plain sums up to rounding).
    """
    if X.ndim == 2 and X.shape[1] == 1:
        # One feature stored as a column: the 1-D kernel on the column view is
        # several times faster than a matrix-vector product of width 1.
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


def _block_sums(
    X: np.ndarray, y: np.ndarray, w: np.ndarray, b: float
) -> tuple[Any, Any]:
    """``X^T r`` and ``sum(r)``, with ``r = X w + b - y``, block by block."""
    n = X.shape[0]
    row_bytes = X.itemsize * (1 if X.ndim == 1 else X.shape[1])
    rows = max(1, min(n, BLOCK_BYTES // row_bytes))
    buffer = np.empty(rows)
    sum_r = 0.0
    sum_xr = 0.0 if X.ndim == 1 else np.zeros(X.shape[1])
    for start in range(0, n, rows):
        X_block, y_block = X[start : start + rows], y[start : start + rows]
        r = buffer[: len(y_block)]
        if X.ndim == 1:
            np.multiply(X_block, w, out=r)
        else:
            np.matmul(X_block, w, out=r)
        r += b
        r -= y_block
        sum_r += r.sum()
        if X.ndim == 1:
            # sum(x * r) with numpy's pairwise summation, in the residual's buffer:
            # the plain formula's operations, so one block gives the same bits.
            r *= X_block
            sum_xr += r.sum()
        else:
            # ``r @ X_block`` is X^T r for the block (BLAS gemv).
            sum_xr += r @ X_block
    return sum_xr, sum_r


# --- Numerical gradient: all the perturbed points in a few calls ---------------------

#: Largest stack of perturbed points handed to ``f`` at once by
#: :func:`batched_numerical_gradient`, in bytes: enough rows to amortise the calls,
#: few enough to stay in the CPU's cache (measured: 1 MiB is 4x faster than 32 MiB at
#: 1000 parameters).
BATCH_BYTES = 2**20


def batched_numerical_gradient(
    f: Callable[[np.ndarray], Any],
    point: np.ndarray,
    h: float,
    check_values: Callable[[Any, int], np.ndarray],
) -> np.ndarray:
    """Central differences with ``f`` called on stacks of perturbed points.

    The points and the arithmetic are those of the loop in
    :func:`gdbook.numerical_gradient`, so the result is the same for an ``f`` that
    computes each row of a stack as it would compute it alone. ``check_values``
    receives what ``f`` returned and the number of points, and returns them as a
    float64 array (or raises).
    """
    flat = point.reshape(-1)
    n = flat.size
    grad = np.empty(n)
    # Each parameter needs two rows of n values: chunk so a stack stays bounded.
    per_chunk = max(1, BATCH_BYTES // (2 * n * flat.itemsize))
    for start in range(0, n, per_chunk):
        index = np.arange(start, min(n, start + per_chunk))
        k = index.size
        rows = np.arange(k)
        stack = np.tile(flat, (2 * k, 1))
        stack[rows, index] = flat[index] + h
        stack[k + rows, index] = flat[index] - h
        values = check_values(f(stack.reshape(2 * k, *point.shape)), 2 * k)
        grad[index] = (values[:k] - values[k:]) / (2 * h)
    return grad.reshape(point.shape)


# --- Exact order of additions ------------------------------------------------------


def dot_in_order(a: np.ndarray, B: np.ndarray) -> np.ndarray:
    """``a @ B`` for a vector ``a``, summed term by term from the first to the last.

    A matrix product from BLAS may reorder the sum or fuse a multiply and an add
    (FMA), which changes the last bits from machine to machine. Summing the rows of
    ``a[:, None] * B`` in order, with one rounding per multiply and per add, is the
    arithmetic of source 000's scalar code (``x_1 * w_1_11 + x_2 * w_1_21``), so the
    results are the source's to the last bit on every machine.
    """
    products = a[:, None] * B
    total: np.ndarray = products[0]
    for row in products[1:]:
        total = total + row
    return total
