"""Bad input gets a clear TypeError or ValueError that names the argument."""

from __future__ import annotations

import numpy as np
import pytest

import gdbook


def bowl(x):
    return x[0] ** 2 + x[1] ** 2


def grad(x):
    return 2 * x


@pytest.mark.parametrize(
    ("call", "error", "match"),
    [
        (lambda: gdbook.numerical_diff(3.0, 1.0), TypeError, "f must be callable"),
        (lambda: gdbook.numerical_diff(abs, np.nan), ValueError, "x must be finite"),
        (
            lambda: gdbook.numerical_diff(abs, 1.0, h=0),
            ValueError,
            "h must be a positive",
        ),
        (
            lambda: gdbook.numerical_diff(abs, 1.0, h=-1e-4),
            ValueError,
            "h must be a positive",
        ),
        (
            lambda: gdbook.numerical_diff(abs, 1.0, h="small"),
            TypeError,
            "h must be a positive",
        ),
        (
            lambda: gdbook.numerical_gradient("f", [1.0, 2.0]),
            TypeError,
            "f must be callable",
        ),
        (
            lambda: gdbook.numerical_gradient(bowl, [1.0, np.inf]),
            ValueError,
            "x must be finite",
        ),
        (
            lambda: gdbook.numerical_gradient(bowl, ["a", "b"]),
            TypeError,
            "x must be a real",
        ),
        (
            lambda: gdbook.numerical_gradient(lambda x: x, [1.0, 2.0]),
            ValueError,
            "f must return a real scalar",
        ),
        (
            lambda: gdbook.numerical_gradient(bowl, [1.0, 2.0], h=np.inf),
            ValueError,
            "h must be",
        ),
        (
            lambda: gdbook.gradient_descent(None, [1.0, 2.0], lr=0.1, steps=3),
            TypeError,
            "grad must be callable",
        ),
        (
            lambda: gdbook.gradient_descent(grad, [1.0, np.nan], lr=0.1, steps=3),
            ValueError,
            "x0 must be finite",
        ),
        (
            lambda: gdbook.gradient_descent(grad, [1.0, 2.0], lr=0, steps=3),
            ValueError,
            "lr must be a positive finite",
        ),
        (
            lambda: gdbook.gradient_descent(grad, [1.0, 2.0], lr=-0.1, steps=3),
            ValueError,
            "lr must be a positive finite",
        ),
        (
            lambda: gdbook.gradient_descent(grad, [1.0, 2.0], lr=np.nan, steps=3),
            ValueError,
            "lr must be a positive finite",
        ),
        (
            lambda: gdbook.gradient_descent(grad, [1.0, 2.0], lr="0.1", steps=3),
            TypeError,
            "lr must be a positive finite",
        ),
        (
            lambda: gdbook.gradient_descent(grad, [1.0, 2.0], lr=0.1, steps=-1),
            ValueError,
            "steps must be a non-negative integer",
        ),
        (
            lambda: gdbook.gradient_descent(grad, [1.0, 2.0], lr=0.1, steps=2.5),
            TypeError,
            "steps must be a non-negative integer",
        ),
        (
            lambda: gdbook.gradient_descent(grad, [1.0, 2.0], lr=0.1, steps=True),
            TypeError,
            "steps must be a non-negative integer",
        ),
        (
            lambda: gdbook.gradient_descent(
                lambda x: np.zeros(3), [1.0, 2.0], lr=0.1, steps=3
            ),
            ValueError,
            r"grad must return an array of x0's shape \(2,\)",
        ),
        (
            lambda: gdbook.gradient_descent(grad, [1.0, 2.0], lr=0.1, steps=3, loss=1),
            TypeError,
            "loss must be callable",
        ),
        (
            lambda: gdbook.mean_squared_error([1.0, 2.0], [1.0]),
            ValueError,
            "same shape",
        ),
        (
            lambda: gdbook.cross_entropy_error([0.5, 0.5], [3]),
            ValueError,
            r"t's labels must lie in \[0, 2\)",
        ),
        (
            lambda: gdbook.cross_entropy_error([0.5, 0.5], [0.2, 0.3, 0.5]),
            ValueError,
            "t must be one-hot",
        ),
        (
            lambda: gdbook.softmax(1.0),
            ValueError,
            "z must hold at least one score per row",
        ),
        (lambda: gdbook.relative_error([1.0], [1.0, 2.0]), ValueError, "same shape"),
        (
            lambda: gdbook.gradient_check(bowl, lambda x: np.zeros(3), [1.0, 2.0]),
            ValueError,
            "grad must have the shape of x",
        ),
    ],
)
def test_bad_input_is_refused_with_a_clear_message(call, error, match):
    with pytest.raises(error, match=match):
        call()


def test_divergence_stops_the_run_without_warnings():
    # lr = 1.5 on x**2 multiplies x by -2 each step: it overflows after ~1020 steps.
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        trace = gdbook.gradient_descent(
            gdbook.parabola.grad, 5.0, lr=1.5, steps=5000, loss=gdbook.parabola
        )
    assert trace.diverged
    assert trace.steps_taken < 5000
    assert np.all(np.isfinite(trace.xs)) and np.all(np.isfinite(trace.losses))
    assert len(trace.losses) == len(trace.xs) == len(trace.grads) + 1
    assert "diverged=True" in repr(trace)


def test_zero_steps_keep_only_the_start():
    trace = gdbook.gradient_descent(grad, [1.0, 2.0], lr=0.1, steps=0, loss=bowl)
    assert trace.xs.tolist() == [[1.0, 2.0]]
    assert trace.grads.shape == (0, 2)
    assert trace.losses.tolist() == [5.0]
