"""Properties that must hold for every input, checked with hypothesis."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

import gdbook

finite = st.floats(-10, 10, allow_nan=False, allow_infinity=False)


@st.composite
def quadratics(draw, max_dim=5):
    """A random quadratic f(x) = x·Ax/2 + b·x with A symmetric, and a point."""
    n = draw(st.integers(1, max_dim))
    M = draw(arrays(np.float64, (n, n), elements=finite))
    b = draw(arrays(np.float64, (n,), elements=finite))
    x = draw(arrays(np.float64, (n,), elements=finite))
    return (M + M.T) / 2, b, x


@given(quadratics())
@settings(max_examples=60, deadline=None)
def test_numerical_gradient_agrees_with_the_analytic_one_on_quadratics(case):
    A, b, x = case
    f = lambda v: 0.5 * v @ A @ v + b @ v  # noqa: E731
    analytic = A @ x + b
    numerical = gdbook.numerical_gradient(f, x)
    # The central difference is exact on quadratics; only rounding remains, of the
    # order of eps * |f| / h.
    scale = 1 + np.abs(f(x)) + np.abs(A).sum() * (1 + np.abs(x).max()) ** 2
    np.testing.assert_allclose(numerical, analytic, atol=1e-9 * scale)


@given(
    arrays(np.float64, st.integers(2, 6), elements=st.floats(-5, 5)),
    st.data(),
)
@settings(max_examples=60, deadline=None)
def test_numerical_gradient_agrees_with_softmax_cross_entropy(z, data):
    label = data.draw(st.integers(0, z.size - 1))
    t = np.eye(z.size)[label]
    f = lambda v: gdbook.cross_entropy_error(gdbook.softmax(v), t)  # noqa: E731
    check = gdbook.gradient_check(
        f, gdbook.softmax_cross_entropy_gradient(z, t), z, tolerance=1e-4
    )
    # The 1e-7 inside the log shifts the true gradient by about 1e-7 / y_t.
    y_t = gdbook.softmax(z)[label]
    np.testing.assert_allclose(
        check.numerical, check.analytic, atol=1e-7 + 2e-7 / y_t, rtol=1e-5
    )


@st.composite
def convex_quadratics(draw, max_dim=4):
    """f(x) = x·Ax/2 with A symmetric positive definite, its L, and a start."""
    n = draw(st.integers(1, max_dim))
    M = draw(arrays(np.float64, (n, n), elements=st.floats(-3, 3)))
    A = M @ M.T + 0.1 * np.eye(n)
    x0 = draw(arrays(np.float64, (n,), elements=finite).filter(lambda v: np.any(v)))
    fraction = draw(st.floats(0.05, 0.95))
    return A, x0, fraction


@given(convex_quadratics())
@settings(max_examples=80, deadline=None)
def test_descent_below_two_over_l_lowers_the_loss_at_every_step(case):
    A, x0, fraction = case
    L = np.linalg.eigvalsh(A).max()
    lr = fraction * 2 / L
    trace = gdbook.gradient_descent(
        lambda v: A @ v, x0, lr=lr, steps=30, loss=lambda v: 0.5 * v @ A @ v
    )
    assert not trace.diverged
    losses = trace.losses
    # Strictly lower until the loss is at the level of rounding (or subnormal:
    # from x0 ~ 1e-161 the loss starts below 1e-300, where few bits are left).
    floor = max(1e-12 * losses[0], 1e-290)
    assert np.all((np.diff(losses) < 0) | (losses[1:] <= floor))


@given(
    arrays(np.float64, st.integers(1, 5), elements=finite),
    st.sampled_from([np.float64, np.int64]),
)
@settings(max_examples=40, deadline=None)
def test_inputs_are_never_mutated(x, dtype):
    x = x.astype(dtype)
    before = x.copy()

    def f(v):
        return float(np.sum(v**2))

    def grad(v):
        v *= 2  # a gradient that scribbles on its argument must not reach x0
        return v

    gdbook.numerical_gradient(f, x)
    gdbook.numerical_diff(lambda v: v**2, x)
    gdbook.gradient_descent(grad, x, lr=0.1, steps=3, loss=f)
    gdbook.gradient_check(f, grad, x)
    assert np.array_equal(x, before) and x.dtype == before.dtype


@given(
    arrays(np.float64, st.tuples(st.integers(1, 3), st.integers(1, 3)), elements=finite)
)
@settings(max_examples=30, deadline=None)
def test_numerical_gradient_keeps_any_shape(x):
    gradient = gdbook.numerical_gradient(lambda v: float(np.sum(v**2)), x)
    assert gradient.shape == x.shape and gradient.dtype == np.float64
    np.testing.assert_allclose(gradient, 2 * x, atol=1e-6)
