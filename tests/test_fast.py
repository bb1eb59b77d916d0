"""The speed kernels of gdbook._fast give the plain formulas' results.

Each kernel is compared with the formula it replaces, written here the way the
teaching modules state it: bit for bit where the kernel does the same operations
(one block of data, the batched numerical gradient, the in-order dot product), to
rounding where it adds in another order (several blocks, two threads).
"""

from __future__ import annotations

import numpy as np
import pytest

import gdbook
from gdbook import _fast


def plain_least_squares(X, y, w, b):
    """The formula: r = X w + b - y; (2/n X^T r, 2/n sum r)."""
    r = (X * w if X.ndim == 1 else X @ w) + b - y
    n = len(y)
    sum_xr = (r * X).sum() if X.ndim == 1 else r @ X
    return 2.0 / n * sum_xr, 2.0 / n * r.sum()


def problem(n, d, seed=0):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n,) if d is None else (n, d))
    w = rng.normal() if d is None else rng.normal(size=d)
    return X, 3 * (X if d is None else X.sum(axis=1)) + rng.normal(size=n), w, 0.25


@pytest.mark.parametrize("d", [None, 3, 10])
def test_one_block_gives_the_plain_formulas_bits(d):
    X, y, w, b = problem(1000, d)
    assert X.nbytes <= _fast.BLOCK_BYTES
    sum_xr, sum_r = _fast.least_squares_sums(X, y, w, b)
    n = len(y)
    plain = plain_least_squares(X, y, w, b)
    assert np.array_equal(2.0 / n * sum_xr, plain[0])
    assert 2.0 / n * sum_r == plain[1]


@pytest.mark.parametrize("d", [None, 1, 7])
def test_several_blocks_give_the_plain_formula_to_rounding(d):
    X, y, w, b = problem(200_000, d, seed=1)
    assert X.nbytes > _fast.BLOCK_BYTES
    w_col = np.atleast_1d(w) if d == 1 else w
    grad_w, grad_b = gdbook.least_squares_gradient(X, y, w_col, b)
    plain = plain_least_squares(X, y, w_col, b)
    np.testing.assert_allclose(grad_w, plain[0], rtol=1e-10)
    np.testing.assert_allclose(grad_b, plain[1], rtol=1e-10)


def test_the_public_gradient_of_small_data_is_the_plain_formula():
    X, y, w, b = problem(500, None, seed=2)
    assert gdbook.least_squares_gradient(X, y, w, b) == tuple(
        float(v) for v in plain_least_squares(X, y, w, b)
    )


def test_the_batched_numerical_gradient_gives_the_loops_bits():
    x = np.linspace(-3, 3, 40)
    loop = gdbook.numerical_gradient(lambda v: float((v**3).sum()), x)
    batched = gdbook.numerical_gradient(lambda V: (V**3).sum(axis=-1), x, batched=True)
    assert np.array_equal(loop, batched)


def test_dot_in_order_adds_from_the_first_term_to_the_last():
    rng = np.random.default_rng(3)
    a, B = rng.normal(size=5), rng.normal(size=(5, 4))
    expected = np.array(
        [
            (((a[0] * B[0, j] + a[1] * B[1, j]) + a[2] * B[2, j]) + a[3] * B[3, j])
            + a[4] * B[4, j]
            for j in range(4)
        ]
    )
    assert np.array_equal(_fast.dot_in_order(a, B), expected)
    np.testing.assert_allclose(_fast.dot_in_order(a, B), a @ B, rtol=1e-12)
