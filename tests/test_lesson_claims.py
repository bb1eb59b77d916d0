"""Claims the lessons make in prose, measured by running gdbook.

Each test names the lesson and the sentence it checks; the reference is a closed
form or a property any run must show (a loss that falls at every step).
"""

from __future__ import annotations

import numpy as np
import pytest

import gdbook


@pytest.mark.parametrize(("lr", "factor"), [(0.5, 0.0), (0.95, -0.9), (0.1, 0.8)])
def test_gradient_descent_lesson_the_best_rate_is_not_the_largest(lr, factor):
    """On x², eta = 0.5 lands in one step; 0.95 shrinks by 0.9, slower than 0.1."""
    xs = gdbook.gradient_descent(lambda x: 2 * x, [1.0], lr=lr, steps=5).xs[:, 0]
    np.testing.assert_allclose(xs, factor ** np.arange(6), atol=1e-15)


def test_gradient_descent_lesson_a_falling_loss_need_not_converge():
    """The logistic loss (lambda_max = 1/4, no minimiser) with eta < 2/lambda_max:
    the loss falls at every step while the iterate runs off."""
    lr, lam_max = 4.0, 0.25
    assert lr < 2 / lam_max
    trace = gdbook.gradient_descent(
        lambda x: -1 / (1 + np.exp(x)),
        [0.0],
        lr=lr,
        steps=20_000,
        loss=lambda x: float(np.log1p(np.exp(-x[0]))),
    )
    assert np.all(np.diff(trace.losses) < 0)
    xs = trace.xs[:, 0]
    assert np.all(np.diff(xs) > 0) and xs[-1] > 10 and xs[-1] > xs[10_000] + 0.5


def test_optimizers_lesson_constant_rate_sgd_converges_where_every_gradient_vanishes():
    """Data exactly on y = 2x: each sample's gradient is 0 at w = 2, so SGD with a
    constant rate converges (the exception the lesson names)."""
    x, y = np.array([1.0, 2.0, 3.0]), np.array([2.0, 4.0, 6.0])

    def grad(w, batch):
        return np.mean(2 * x[batch] * (w * x[batch] - y[batch]))[None]

    trace = gdbook.stochastic_gradient_descent(
        grad, [1.0], 3, lr=0.05, epochs=300, rng=0
    )
    assert abs(trace.xs[-1, 0] - 2.0) < 1e-12
