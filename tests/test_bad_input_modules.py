"""None and complex numbers given to the public functions of the teaching modules.

Issue 20: a None must never become nan, a complex number must never lose its
imaginary part. Each row gives one bad argument; the function must raise TypeError
naming that argument (the wording is free).
"""

from __future__ import annotations

import numpy as np
import pytest

import gdbook
from gdbook import plot

NET = gdbook.LinearNet(np.full((2, 3), 0.5), np.ones((3, 1)))
SIMPLE = gdbook.SimpleNet(np.zeros((2, 3)))
LINE = ([1.0, 2.0, 3.0], [2.0, 4.0, 6.0])
FIT = {"lr": 0.01, "epochs": 2}


def _square(x):
    return (x**2).sum()


# (label, argument named in the error, call with the bad value in that argument)
ROWS = [
    ("numerical_diff", "x", lambda v: gdbook.numerical_diff(np.square, v)),
    ("numerical_diff", "h", lambda v: gdbook.numerical_diff(np.square, 1.0, v)),
    ("numerical_gradient", "x", lambda v: gdbook.numerical_gradient(_square, v)),
    ("numerical_gradient", "h", lambda v: gdbook.numerical_gradient(_square, [1.0], v)),
    ("gradient_check", "x", lambda v: gdbook.gradient_check(_square, np.negative, v)),
    ("gradient_check", "grad", lambda v: gdbook.gradient_check(_square, v, [1.0])),
    ("relative_error", "analytic", lambda v: gdbook.relative_error(v, 1.0)),
    ("relative_error", "numerical", lambda v: gdbook.relative_error(1.0, v)),
    ("difference_errors", "x", lambda v: gdbook.difference_errors(np.sin, v, 1.0)),
    ("difference_errors", "exact", lambda v: gdbook.difference_errors(np.sin, 0, v)),
    ("softmax", "z", gdbook.softmax),
    ("cross_entropy_error", "y", lambda v: gdbook.cross_entropy_error(v, [0, 1])),
    ("mean_squared_error", "y_pred", lambda v: gdbook.mean_squared_error(v, 1.0)),
    ("mean_squared_error", "y_true", lambda v: gdbook.mean_squared_error(1.0, v)),
    ("least_squares_gradient", "X", lambda v: gdbook.least_squares_gradient(v, 1, 1)),
    (
        "least_squares_gradient",
        "w",
        lambda v: gdbook.least_squares_gradient([1], [1], v),
    ),
    ("least_squares_loss", "y", lambda v: gdbook.least_squares_loss([1.0], v, 1.0)),
    ("line_cost_grid", "ws", lambda v: gdbook.line_cost_grid(*LINE, v, [0.0])),
    ("fit_line", "x", lambda v: gdbook.fit_line(v, LINE[1], **FIT)),
    ("fit_line", "slope0", lambda v: gdbook.fit_line(*LINE, slope0=v, **FIT)),
    ("fit_slope", "y", lambda v: gdbook.fit_slope(LINE[0], v, **FIT)),
    ("fit_line_sgd", "x", lambda v: gdbook.fit_line_sgd(v, LINE[1], **FIT)),
    ("fit_line_sgd", "y", lambda v: gdbook.fit_line_sgd(LINE[0], v, **FIT)),
    ("fit_line_sgd", "slope0", lambda v: gdbook.fit_line_sgd(*LINE, slope0=v, **FIT)),
    (
        "fit_line_sgd",
        "intercept0",
        lambda v: gdbook.fit_line_sgd(*LINE, intercept0=v, **FIT),
    ),
    ("LinearNet", "W1", lambda v: gdbook.LinearNet(v, np.ones((3, 1)))),
    ("LinearNet.forward", "x", lambda v: NET.forward(v)),
    ("LinearNet.loss", "t", lambda v: NET.loss([1.0, 2.0], v)),
    ("LinearNet.update", "lr", lambda v: NET.update(NET.gradient([1, 2], 0), v)),
    ("LinearNet.train", "x", lambda v: NET.train(v, 1.0, lr=0.1, steps=1)),
    ("SimpleNet", "W", gdbook.SimpleNet),
    ("SimpleNet.predict", "x", lambda v: SIMPLE.predict(v)),
    ("Objective.__call__", "x", gdbook.bowl),
    ("Objective.grad", "x", gdbook.rosenbrock.grad),
    ("quadratic", "eigenvalues", gdbook.quadratic),
    ("plot.data_with_line", "x", lambda v: plot.data_with_line(v, [1.0], 1.0)),
    ("plot.data_with_line", "slope", lambda v: plot.data_with_line([1.0], [1.0], v)),
    ("plot.descent_path", "path", lambda v: plot.descent_path(gdbook.parabola, v)),
    (
        "plot.descent_path",
        "path",
        lambda v: plot.descent_path(gdbook.bowl, v, view="contour"),
    ),
    (
        "plot.descent_path",
        "path",
        lambda v: plot.descent_path(gdbook.bowl, v, view="surface"),
    ),
    ("plot.loss_curve", "losses", plot.loss_curve),
    ("plot.cost_curves", "ws", lambda v: plot.cost_curves(v, [1.0], [[1.0]])),
]

# A complex number where a count is expected is refused as a type, like None.
BAD = {"None": None, "complex": 1.0 + 2.0j}


@pytest.mark.parametrize("value", BAD.values(), ids=BAD.keys())
@pytest.mark.parametrize(
    ("argument", "call"),
    [row[1:] for row in ROWS],
    ids=[f"{row[0]}({row[1]})" for row in ROWS],
)
def test_none_and_complex_are_refused_by_name(argument, call, value):
    with pytest.raises(TypeError) as raised:
        call(value)
    assert argument in str(raised.value)


@pytest.mark.parametrize(
    ("name", "call"),
    [
        ("numerical_gradient", lambda x: gdbook.numerical_gradient(_square, x)),
        ("fit_line_sgd", lambda x: gdbook.fit_line_sgd(x, x, lr=0.1, epochs=1)),
        ("bowl", gdbook.bowl),
    ],
)
def test_a_complex_array_does_not_lose_its_imaginary_part(name, call):
    with pytest.raises(TypeError, match="x"):
        call(np.array([1.0, 2.0 + 1e-12j]))
