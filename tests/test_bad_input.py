"""Bad input gets a clear error that names the argument, never a silent wrong answer.

Issue 11. One table, ``ROWS``, holds the bad calls of every public name of
``gdbook`` and ``gdbook.plot``: each row is the name it covers, the call, the
exception it must raise and the words its message must contain (the argument's or
the callable's name first). An error of a declared check (gdbook._checks) carries
the argument's name: it is compared with the first word, and the wording is free.
``test_the_table_covers_every_public_name`` fails when a public name has no row,
so a new function cannot ship without its bad-input rows.

Decisions at float64's edges that are *results*, not errors, are pinned in
``EDGES`` (each documented in its function's docstring); property tests with
hypothesis throw random shapes and dtypes (complex and object included) at the
functions that take arrays or callables.
"""

from __future__ import annotations

import functools
import types
import warnings
from dataclasses import dataclass
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import array_shapes, arrays

import gdbook
from gdbook import optimizers, schedules


def bowl(x):
    return x[0] ** 2 + x[1] ** 2


def grad(x):
    return 2 * x


def returning(value):
    """A callable that ignores its arguments and returns ``value``."""
    return lambda *args, **kwargs: value


def net():
    """The network of source 000."""
    return gdbook.LinearNet(np.full((2, 3), 0.5), np.ones((3, 1)))


def simple_net():
    return gdbook.SimpleNet(np.ones((2, 3)))


def fit():
    return gdbook.fit_line([1.0, 2.0], [2.0, 4.0], lr=0.01, epochs=2)


def trace(**changes):
    fields = {
        "xs": np.zeros((2, 2)),
        "grads": np.zeros((1, 2)),
        "losses": None,
        "optimizer": optimizers.sgd(0.1),
        "diverged": False,
        **changes,
    }
    return gdbook.Trace(**fields)


def plot():
    """gdbook.plot with matplotlib's Agg backend (no display needed)."""
    import matplotlib

    matplotlib.use("Agg")
    import gdbook.plot

    return gdbook.plot


def new_axes():
    _, ax = plot()._base.pyplot().subplots()
    return ax


def path1():
    return gdbook.gradient_descent(gdbook.parabola.grad, 5.0, lr=0.1, steps=5)


def path2():
    return gdbook.gradient_descent(gdbook.bowl.grad, [1.5, 1.5], lr=0.1, steps=5)


#: The positional arguments of a small line_fit_animation, and its keywords.
FIT_FRAMES = ([1.0, 2.0], [1.0, 2.0], [0.0, 1.0], [0.0, 0.0])
FIT_KW = {
    "frames": [0, 1],
    "ws": [0.0, 1.0],
    "bs": [0.0, 1.0],
    "costs": np.ones((2, 2)),
}

X3, Y3 = [1.0, 2.0, 3.0], [2.0, 4.0, 6.0]
HUGE = [1e200, -1e200]


@pytest.fixture(autouse=True)
def _close_figures():
    """Close the figures a plot row opened before it raised."""
    yield
    import sys

    if "matplotlib.pyplot" in sys.modules:
        sys.modules["matplotlib.pyplot"].close("all")


@dataclass(frozen=True)
class Row:
    """A bad call of the public name ``covers`` and what it must raise."""

    covers: str
    call: Any
    error: type[Exception]
    words: tuple[str, ...]

    def __repr__(self) -> str:  # the test id
        return f"{self.covers}: {' '.join(self.words)}"


def row(covers, call, error, *words):
    return Row(covers, call, error, words)


T, V = TypeError, ValueError
gd = gdbook.gradient_descent
sgd_run = functools.partial(
    gdbook.stochastic_gradient_descent, lambda x, b: 2 * x, [1.0, 2.0], 3
)

ROWS = [
    # --- calculus ---------------------------------------------------------------
    row("numerical_diff", lambda: gdbook.numerical_diff(3.0, 1.0), T, "f", "callable"),
    row("numerical_diff", lambda: gdbook.numerical_diff(abs, np.nan), V, "x", "finite"),
    row("numerical_diff", lambda: gdbook.numerical_diff(abs, "1.5"), T, "x"),
    row("numerical_diff", lambda: gdbook.numerical_diff(abs, 1 + 1j), T, "x", "real"),
    row("numerical_diff", lambda: gdbook.numerical_diff(abs, 1.0, h=0), V, "h"),
    row("numerical_diff", lambda: gdbook.numerical_diff(abs, 1.0, h=-1e-4), V, "h"),
    row("numerical_diff", lambda: gdbook.numerical_diff(abs, 1.0, h="small"), T, "h"),
    row("numerical_diff", lambda: gdbook.numerical_diff(abs, 1.0, h=True), T, "h"),
    # h that vanishes next to x: the difference would be 0 whatever f is.
    row(
        "numerical_diff",
        lambda: gdbook.numerical_diff(np.sin, 1.0, h=1e-300),
        V,
        "h",
        "too small",
    ),
    row(
        "numerical_diff",
        lambda: gdbook.numerical_diff(np.sin, 1e13),
        V,
        "h=0.0001",
        "vanishes next to x",
    ),
    row(
        "numerical_diff",
        lambda: gdbook.numerical_diff(np.sin, [1.0, 1e20]),
        V,
        "x[1]",
        "vanishes",
    ),
    row(
        "numerical_diff",
        lambda: gdbook.numerical_diff(lambda x: x**2, 1e308, h=1e300),
        V,
        "what f returns at x + h",
        "inf",
    ),
    row(
        "numerical_diff",
        lambda: gdbook.numerical_diff(lambda x: x, np.finfo(float).max, h=1e300),
        V,
        "x",
        "overflows",
    ),
    row(
        "numerical_diff",
        lambda: gdbook.numerical_diff(lambda x: 1e308 * np.sign(x - 1), 1.0, h=0.1),
        V,
        "difference quotient",
        "overflows",
    ),
    row(
        "numerical_diff",
        lambda: gdbook.numerical_diff(returning(np.arange(7.0)), [1.0, 2.0]),
        V,
        "f must return",
        "(2,)",
        "(7,)",
    ),
    row(
        "numerical_diff",
        lambda: gdbook.numerical_diff(returning(None), 1.0),
        T,
        "f returned None",
    ),
    row(
        "numerical_diff",
        lambda: gdbook.numerical_diff(returning("a"), 1.0),
        T,
        "f returned str",
    ),
    row(
        "numerical_diff",
        lambda: gdbook.numerical_diff(lambda x: x * 1j, 1.0),
        T,
        "f returned complex",
    ),
    row(
        "numerical_diff",
        lambda: gdbook.numerical_diff(returning(np.nan), 1.0),
        V,
        "what f returns",
        "nan",
    ),
    row(
        "numerical_gradient",
        lambda: gdbook.numerical_gradient("f", [1.0, 2.0]),
        T,
        "f",
        "callable",
    ),
    row(
        "numerical_gradient",
        lambda: gdbook.numerical_gradient(bowl, [1.0, np.inf]),
        V,
        "x",
    ),
    row(
        "numerical_gradient",
        lambda: gdbook.numerical_gradient(bowl, ["a", "b"]),
        T,
        "x",
    ),
    row(
        "numerical_gradient",
        lambda: gdbook.numerical_gradient(bowl, np.array([1 + 2j, 3 + 0j])),
        T,
        "x",
        "complex",
    ),
    row(
        "numerical_gradient",
        lambda: gdbook.numerical_gradient(bowl, [[1.0], [1.0, 2.0]]),
        V,
        "x",
        "ragged",
    ),
    row(
        "numerical_gradient",
        lambda: gdbook.numerical_gradient(bowl, np.ma.array([1.0, 2.0])),
        T,
        "x",
        "masked",
    ),
    row(
        "numerical_gradient",
        lambda: gdbook.numerical_gradient(lambda x: x, [1.0, 2.0]),
        V,
        "f must return a real scalar",
    ),
    row(
        "numerical_gradient",
        lambda: gdbook.numerical_gradient(bowl, [1.0, 2.0], h=np.inf),
        V,
        "h",
    ),
    row(
        "numerical_gradient",
        lambda: gdbook.numerical_gradient(bowl, [1.0, 2.0], h=1e-300),
        V,
        "h",
        "too small",
    ),
    row(
        "numerical_gradient",
        lambda: gdbook.numerical_gradient(bowl, [1.0], batched="no"),
        T,
        "batched",
        "bool",
    ),
    row(
        "numerical_gradient",
        lambda: gdbook.numerical_gradient(returning(np.nan), [1.0, 2.0]),
        V,
        "f",
        "x + h e_0",
    ),
    row(
        "numerical_gradient",
        lambda: gdbook.numerical_gradient(returning(None), [1.0]),
        T,
        "f returned None",
    ),
    row(
        "numerical_gradient",
        lambda: gdbook.numerical_gradient(lambda x: complex(x.sum()), [1.0]),
        T,
        "f returned complex",
    ),
    row(
        "numerical_gradient",
        lambda: gdbook.numerical_gradient(lambda v: 1e306 * np.sign(v[0]), [0.0]),
        V,
        "numerical gradient",
        "overflows",
    ),
    row(
        "numerical_gradient",
        lambda: gdbook.numerical_gradient(
            lambda X: (X**2).sum(axis=-1) * 1j, [1.0], batched=True
        ),
        T,
        "f",
        "complex",
    ),
    row(
        "numerical_gradient",
        lambda: gdbook.numerical_gradient(
            lambda X: np.full(len(X), np.nan), [1.0], batched=True
        ),
        V,
        "what f returns",
        "nan",
    ),
    row(
        "numerical_gradient",
        lambda: gdbook.numerical_gradient(returning(1.0), [1.0, 2.0], batched=True),
        V,
        "f",
        "per point",
    ),
    row(
        "relative_error",
        lambda: gdbook.relative_error([1.0], [1.0, 2.0]),
        V,
        "numerical",
    ),
    row("relative_error", lambda: gdbook.relative_error([1j], [1.0]), T, "analytic"),
    row(
        "relative_error", lambda: gdbook.relative_error([1.0], [np.nan]), V, "numerical"
    ),
    row(
        "relative_error",
        lambda: gdbook.relative_error([1.0], [1.0], floor=0),
        V,
        "floor",
    ),
    row(
        "gradient_check",
        lambda: gdbook.gradient_check(bowl, lambda x: np.zeros(3), [1.0, 2.0]),
        V,
        "grad",
        "shape",
    ),
    row(
        "gradient_check",
        lambda: gdbook.gradient_check(returning(np.nan), grad, [1.0, 2.0]),
        V,
        "f",
        "nan",
    ),
    row(
        "gradient_check",
        lambda: gdbook.gradient_check(bowl, returning("junk"), [1.0, 2.0]),
        T,
        "grad returned str",
    ),
    row(
        "gradient_check",
        lambda: gdbook.gradient_check(bowl, returning(None), [1.0, 2.0]),
        T,
        "grad",
    ),
    row(
        "gradient_check",
        lambda: gdbook.gradient_check(bowl, returning([np.nan, 1.0]), [1.0, 2.0]),
        V,
        "what grad returns",
        "nan",
    ),
    row(
        "gradient_check",
        lambda: gdbook.gradient_check(bowl, [1j, 1.0], [1.0, 2.0]),
        T,
        "grad",
        "real",
    ),
    row(
        "gradient_check", lambda: gdbook.gradient_check(bowl, grad, []), V, "x", "empty"
    ),
    row(
        "gradient_check",
        lambda: gdbook.gradient_check(None, grad, [1.0, 2.0]),
        T,
        "f",
        "callable",
    ),
    row(
        "gradient_check",
        lambda: gdbook.gradient_check(bowl, grad, [1.0, 2.0], tolerance=-1),
        V,
        "tolerance",
    ),
    row(
        "GradientCheck",
        lambda: gdbook.GradientCheck([1.0], [1.0, 2.0], [0.0], 1e-6),
        V,
        "numerical",
    ),
    row(
        "GradientCheck",
        lambda: gdbook.GradientCheck([1.0], [1.0], [0.0], "tight"),
        T,
        "tolerance",
    ),
    row(
        "difference_errors",
        lambda: gdbook.difference_errors(np.sin, 1.0, np.cos(1.0), dtype="int64"),
        T,
        "dtype",
    ),
    row(
        "difference_errors",
        lambda: gdbook.difference_errors(np.sin, 1.0, np.cos(1.0), dtype="nonsense"),
        T,
        "dtype",
    ),
    row(
        "difference_errors",
        lambda: gdbook.difference_errors(lambda x: 1.0, 1.0, 1.0, dtype="float32"),
        T,
        "f must keep the type",
    ),
    row(
        "difference_errors",
        lambda: gdbook.difference_errors(returning(None), 1.0, 1.0),
        T,
        "f must keep the type",
        "None",
    ),
    row(
        "difference_errors",
        lambda: gdbook.difference_errors(lambda x: x * np.nan, 1.0, 1.0),
        V,
        "f returned nan",
    ),
    row(
        "difference_errors",
        lambda: gdbook.difference_errors(
            np.sin, 1.0, np.cos(1.0), hs=[1e-50], dtype="float32"
        ),
        V,
        "hs",
        "float32",
    ),
    row(
        "difference_errors",
        lambda: gdbook.difference_errors(np.sin, 1e300, 1.0, dtype="float32"),
        V,
        "x=1e+300",
        "float32",
    ),
    row(
        "difference_errors",
        lambda: gdbook.difference_errors(np.sin, 1.0, np.inf),
        V,
        "exact",
    ),
    row(
        "difference_errors",
        lambda: gdbook.difference_errors(np.sin, 1.0, 1.0, hs=[0.1, -0.1]),
        V,
        "hs",
    ),
    row(
        "DifferenceErrors",
        lambda: gdbook.DifferenceErrors([0.1], [1.0, 2.0], [1.0], np.dtype(float)),
        V,
        "forward",
    ),
    row(
        "DifferenceErrors",
        lambda: gdbook.DifferenceErrors([0.1], [-1.0], [1.0], np.dtype(float)),
        V,
        "errors",
    ),
    row(
        "DifferenceErrors",
        lambda: gdbook.DifferenceErrors([0.1], [1.0], [1.0], "int64"),
        T,
        "dtype",
    ),
    row(
        "DifferenceErrors.slopes",
        lambda: gdbook.difference_errors(np.sin, 1.0, np.cos(1.0)).slopes(1e-1, 1e-4),
        V,
        "h_min must be below h_max",
    ),
    row(
        "DifferenceErrors.slopes",
        lambda: gdbook.difference_errors(np.sin, 1.0, np.cos(1.0)).slopes("a"),
        T,
        "h_min",
    ),
    # --- descent ------------------------------------------------------------------
    row("gradient_descent", lambda: gd(None, [1.0, 2.0], lr=0.1, steps=3), T, "grad"),
    row(
        "gradient_descent",
        lambda: gd(grad, [1.0, np.nan], lr=0.1, steps=3),
        V,
        "x0",
    ),
    row(
        "gradient_descent",
        lambda: gd(grad, np.array([1 + 2j, 3 + 0j]), lr=0.1, steps=3),
        T,
        "x0",
        "real",
    ),
    row("gradient_descent", lambda: gd(grad, [], lr=0.1, steps=3), V, "x0", "empty"),
    row("gradient_descent", lambda: gd(grad, [1.0], lr=0, steps=3), V, "lr"),
    row("gradient_descent", lambda: gd(grad, [1.0], lr=-0.1, steps=3), V, "lr"),
    row("gradient_descent", lambda: gd(grad, [1.0], lr=np.nan, steps=3), V, "lr"),
    row("gradient_descent", lambda: gd(grad, [1.0], lr="0.1", steps=3), T, "lr"),
    row("gradient_descent", lambda: gd(grad, [1.0], lr=10**400, steps=3), V, "lr"),
    row("gradient_descent", lambda: gd(grad, [1.0], steps=3), T, "lr", "optimizer"),
    row(
        "gradient_descent",
        lambda: gd(grad, [1.0], lr=0.1, steps=-1),
        V,
        "steps",
    ),
    row(
        "gradient_descent",
        lambda: gd(grad, [1.0], lr=0.1, steps=2.5),
        T,
        "steps",
    ),
    row(
        "gradient_descent",
        lambda: gd(grad, [1.0], lr=0.1, steps=True),
        T,
        "steps",
    ),
    row(
        "gradient_descent",
        lambda: gd(grad, [1.0, 2.0], lr=1e-3, steps=10**10),
        V,
        "steps",
        "GiB",
    ),
    row(
        "gradient_descent",
        lambda: gd(returning(np.zeros(3)), [1.0, 2.0], lr=0.1, steps=3),
        V,
        "grad",
    ),
    row(
        "gradient_descent",
        lambda: gd(returning(None), [1.0, 2.0], lr=0.1, steps=3),
        T,
        "grad",
    ),
    row(
        "gradient_descent",
        lambda: gd(lambda x: x + 1j, [1.0, 2.0], lr=0.1, steps=3),
        T,
        "grad",
    ),
    row(
        "gradient_descent", lambda: gd(grad, [1.0], lr=0.1, steps=3, loss=1), T, "loss"
    ),
    row(
        "gradient_descent",
        lambda: gd(grad, [1.0], lr=0.1, steps=3, loss=returning("a")),
        T,
        "loss",
    ),
    row(
        "gradient_descent",
        lambda: gd(grad, [1.0, 2.0], lr=0.1, steps=3, loss=lambda x: x),
        V,
        "loss",
    ),
    row(
        "gradient_descent",
        lambda: gd(grad, [1.0], lr=0.1, steps=3, optimizer=optimizers.sgd(0.1)),
        T,
        "lr",
    ),
    row(
        "gradient_descent",
        lambda: gd(grad, [1.0], steps=3, optimizer="adam"),
        T,
        "optimizer",
    ),
    row(
        "optimizers.Optimizer",
        lambda: gd(
            grad,
            [1.0],
            steps=3,
            optimizer=optimizers.Optimizer(
                "broken", {"lr": 0.1}, returning(None), returning(None)
            ),
        ),
        T,
        "optimizer",
        "pair",
    ),
    row(
        "gradient_descent",
        lambda: gd(
            grad,
            [1.0],
            steps=3,
            optimizer=optimizers.Optimizer(
                "broken", {"lr": 0.1}, returning(None), returning(("a", None))
            ),
        ),
        T,
        "optimizer",
    ),
    row(
        "stochastic_gradient_descent",
        lambda: sgd_run(lr=0.1, epochs=10**10),
        V,
        "epochs",
    ),
    row("stochastic_gradient_descent", lambda: sgd_run(lr=0.1, epochs=-1), V, "epochs"),
    row(
        "stochastic_gradient_descent",
        lambda: sgd_run(lr=0.1, epochs=1, batch_size=4),
        V,
        "batch_size",
    ),
    row(
        "stochastic_gradient_descent",
        lambda: sgd_run(lr=0.1, epochs=1, batch_size=True),
        T,
        "batch_size",
    ),
    row(
        "stochastic_gradient_descent",
        lambda: sgd_run(lr=0.1, epochs=1, rng="seed"),
        T,
        "rng",
    ),
    row(
        "stochastic_gradient_descent",
        lambda: sgd_run(lr=0.1, epochs=1, rng=-1),
        V,
        "rng",
    ),
    row(
        "stochastic_gradient_descent",
        lambda: sgd_run(lr=0.1, epochs=1, shuffle="yes"),
        T,
        "shuffle",
    ),
    row(
        "stochastic_gradient_descent",
        lambda: gdbook.stochastic_gradient_descent(grad, [1.0], 0, lr=0.1, epochs=1),
        V,
        "n_samples",
    ),
    row(
        "stochastic_gradient_descent",
        lambda: gdbook.stochastic_gradient_descent(
            grad, [1.0], 10**12, lr=0.1, epochs=0, batch_size=10**12
        ),
        V,
        "n_samples",
        "GiB",
    ),
    row(
        "stochastic_gradient_descent",
        lambda: gdbook.stochastic_gradient_descent(
            returning(None), [1.0], 2, lr=0.1, epochs=1
        ),
        T,
        "grad",
    ),
    row(
        "stochastic_gradient_descent",
        lambda: sgd_run(lr=0.1, epochs=1, loss=returning(1j)),
        T,
        "loss",
    ),
    row("Trace", lambda: trace(xs=np.zeros((0, 2))), V, "xs"),
    row("Trace", lambda: trace(grads=np.zeros((2, 2))), V, "grads"),
    row("Trace", lambda: trace(xs=[[np.nan, 0.0], [0.0, 0.0]]), V, "xs", "finite"),
    row("Trace", lambda: trace(losses=[1.0]), V, "losses"),
    row("Trace", lambda: trace(losses=[1.0, np.nan]), V, "losses", "finite"),
    row("Trace", lambda: trace(optimizer="sgd"), T, "optimizer"),
    row("Trace", lambda: trace(diverged="no"), T, "diverged"),
    row("Trace", lambda: trace(batch_size=0), V, "batch_size"),
    row("Trace", lambda: trace(xs=[["a"]]), T, "xs"),
    row(
        "Trace.view_as",
        lambda: gd(grad, [1.0, 0.5], lr=0.1, steps=1).view_as(dict),
        T,
        "subclass of Trace",
    ),
    # --- linear -------------------------------------------------------------------
    row(
        "least_squares_gradient",
        lambda: gdbook.least_squares_gradient([], [], 1.0, 0.0),
        V,
        "X",
        "n >= 1",
    ),
    row(
        "least_squares_gradient",
        lambda: gdbook.least_squares_gradient(X3, Y3[:2], 1.0),
        V,
        "y",
    ),
    row(
        "least_squares_gradient",
        lambda: gdbook.least_squares_gradient(X3, Y3, [1.0, 2.0]),
        V,
        "w",
    ),
    row(
        "least_squares_gradient",
        lambda: gdbook.least_squares_gradient(X3, Y3, 1j),
        T,
        "w",
        "real",
    ),
    row(
        "least_squares_gradient",
        lambda: gdbook.least_squares_gradient(X3, [1.0, np.nan, 1.0], 1.0),
        V,
        "y must be finite",
    ),
    row(
        "least_squares_gradient",
        lambda: gdbook.least_squares_gradient(X3, Y3, 1.0, [1.0, 2.0]),
        T,
        "b",
    ),
    row(
        "least_squares_gradient",
        lambda: gdbook.least_squares_gradient(HUGE, [0.0, 0.0], 1e200),
        V,
        "gradient overflows",
        "X, y, w or b",
    ),
    row(
        "least_squares_loss",
        lambda: gdbook.least_squares_loss(np.zeros((3, 2, 1)), Y3, 1.0),
        V,
        "X",
    ),
    row(
        "least_squares_loss",
        lambda: gdbook.least_squares_loss(["a"], [1.0], 1.0),
        T,
        "X",
    ),
    row(
        "line_cost_grid",
        lambda: gdbook.line_cost_grid([], [], [0.0], [0.0]),
        V,
        "x",
    ),
    row(
        "line_cost_grid",
        lambda: gdbook.line_cost_grid([1.0], [1.0], [[0.0]], [0.0]),
        V,
        "ws",
    ),
    row(
        "line_cost_grid",
        lambda: gdbook.line_cost_grid([1.0], [1.0], [0.0], [1j]),
        T,
        "bs",
    ),
    row(
        "line_cost_grid",
        lambda: gdbook.line_cost_grid(
            np.zeros(1000), np.zeros(1000), np.zeros(10**4), np.zeros(10**4)
        ),
        V,
        "ws, bs",
        "GiB",
    ),
    row("fit_line", lambda: gdbook.fit_line([], [], lr=0.1, epochs=1), V, "x"),
    row(
        "fit_line",
        lambda: gdbook.fit_line([1.0, 2.0], [1.0], lr=0.1, epochs=1),
        V,
        "y",
    ),
    row(
        "fit_line",
        lambda: gdbook.fit_line([1.0], [1.0], lr=0.1, epochs=1, slope0=np.inf),
        V,
        "slope0",
    ),
    row(
        "fit_line",
        lambda: gdbook.fit_line([1.0], [1.0], lr=0.1, epochs=1, fit_intercept=1),
        T,
        "fit_intercept",
    ),
    row(
        "fit_line",
        lambda: gdbook.fit_line([1.0, 2.0], [2.0, 4.0], lr=0.1, epochs=10**10),
        V,
        "epochs",
    ),
    row(
        "fit_slope",
        lambda: gdbook.fit_slope([1.0], [1.0], lr=0.1, epochs=10**10),
        V,
        "epochs",
    ),
    row(
        "fit_slope",
        lambda: gdbook.fit_slope([1.0], [1.0], lr="big", epochs=1),
        T,
        "lr",
    ),
    row(
        "fit_slope",
        lambda: gdbook.fit_slope([1.0], [1 + 1j], lr=0.1, epochs=1),
        T,
        "y",
    ),
    row(
        "fit_line_sgd",
        lambda: gdbook.fit_line_sgd([1.0, 2.0], [1.0, 2.0], lr=0.1, epochs=10**10),
        V,
        "epochs",
    ),
    row(
        "fit_line_sgd",
        lambda: gdbook.fit_line_sgd([1.0], [1.0], lr=0.1, epochs=1, batch_size=2),
        V,
        "batch_size",
    ),
    row(
        "fit_line_sgd",
        lambda: gdbook.fit_line_sgd([1.0], [1.0], lr=0.1, epochs=1, rng=1.5),
        T,
        "rng",
    ),
    row(
        "LineFit",
        lambda: gdbook.LineFit(
            **vars_of(trace(xs=np.zeros((2, 3)), grads=np.zeros((1, 3))))
        ),
        V,
        "xs",
        "(k, 2)",
    ),
    row("LineFit.predict", lambda: fit().predict("a"), T, "x"),
    row("LineFit.predict", lambda: fit().predict(np.nan), V, "x"),
    row(
        "LineFit.predict",
        lambda: gdbook.fit_line([1.0], [1.0], lr=0.1, epochs=0, slope0=10.0).predict(
            1e308
        ),
        V,
        "prediction",
        "overflows",
    ),
    # --- losses -------------------------------------------------------------------
    row(
        "mean_squared_error",
        lambda: gdbook.mean_squared_error([1.0, 2.0], [1.0]),
        V,
        "y_true",
    ),
    row(
        "mean_squared_error",
        lambda: gdbook.mean_squared_error(np.array([1 + 1j, 2 + 0j]), [1.0, 3.0]),
        T,
        "y_pred",
        "real",
    ),
    row("mean_squared_error", lambda: gdbook.mean_squared_error([], []), V, "y_pred"),
    row(
        "mean_squared_error",
        lambda: gdbook.mean_squared_error([1.0], [None]),
        T,
        "y_true",
    ),
    row(
        "cross_entropy_error",
        lambda: gdbook.cross_entropy_error([0.5, 0.5], [3]),
        V,
        "t",
    ),
    row(
        "cross_entropy_error",
        lambda: gdbook.cross_entropy_error([0.5, 0.5], [0.2, 0.3, 0.5]),
        V,
        "t",
    ),
    row(
        "cross_entropy_error",
        lambda: gdbook.cross_entropy_error([0.5, 0.5], [0.3, 0.7]),
        V,
        "t",
    ),
    row(
        "cross_entropy_error",
        lambda: gdbook.cross_entropy_error([0.5, 0.5], [0, 0]),
        V,
        "t",
    ),
    row(
        "cross_entropy_error",
        lambda: gdbook.cross_entropy_error([0.5, 0.5], [1, 1]),
        V,
        "t",
    ),
    row(
        "cross_entropy_error",
        lambda: gdbook.cross_entropy_error([0.5, -0.5], 1),
        V,
        "y",
    ),
    row(
        "cross_entropy_error",
        lambda: gdbook.cross_entropy_error(np.zeros((0, 3)), []),
        V,
        "y",
    ),
    row(
        "cross_entropy_error",
        lambda: gdbook.cross_entropy_error([0.5, 0.5], None),
        T,
        "t",
    ),
    row(
        "cross_entropy_error",
        lambda: gdbook.cross_entropy_error([0.5, 0.5], "1"),
        T,
        "t",
    ),
    row("softmax", lambda: gdbook.softmax(1.0), V, "z"),
    row("softmax", lambda: gdbook.softmax([]), V, "z"),
    row("softmax", lambda: gdbook.softmax([1j, 1.0]), T, "z", "real"),
    row("softmax", lambda: gdbook.softmax([np.inf, 1.0]), V, "z", "finite"),
    row(
        "softmax_cross_entropy_gradient",
        lambda: gdbook.softmax_cross_entropy_gradient([0.0, 0.0], [0.3, 0.7]),
        V,
        "t",
    ),
    row(
        "softmax_cross_entropy_gradient",
        lambda: gdbook.softmax_cross_entropy_gradient([0.0, 0.0], [0, 0, 1]),
        V,
        "t",
        "z's shape",
    ),
    row(
        "softmax_cross_entropy_gradient",
        lambda: gdbook.softmax_cross_entropy_gradient([], []),
        V,
        "z",
    ),
    # --- networks -----------------------------------------------------------------
    row(
        "LinearNet", lambda: gdbook.LinearNet(np.ones((2, 3)), np.ones((2, 1))), V, "W2"
    ),
    row("LinearNet", lambda: gdbook.LinearNet(np.ones(3), np.ones((3, 1))), V, "W1"),
    row(
        "LinearNet", lambda: gdbook.LinearNet(np.ones((0, 3)), np.ones((3, 1))), V, "W1"
    ),
    row("LinearNet", lambda: gdbook.LinearNet([[1j]], [[1.0]]), T, "W1", "real"),
    row("LinearNet.forward", lambda: net().forward([1.0, 2.0, 3.0]), V, "x"),
    row(
        "LinearNet.forward",
        lambda: net().forward([1.0, 2.0], W1=np.ones((3, 3))),
        V,
        "W1",
    ),
    row(
        "LinearNet.forward",
        lambda: net().forward([1e300, 1e300], W1=np.full((2, 3), 1e300)),
        V,
        "forward pass overflows",
        "x",
    ),
    row("LinearNet.predict", lambda: net().predict(["a", "b"]), T, "x"),
    row("LinearNet.loss", lambda: net().loss([1.0, 2.0], [1.0, 2.0]), V, "t"),
    row("LinearNet.loss", lambda: net().loss([1.0, 2.0], np.nan), V, "t"),
    row("LinearNet.gradient", lambda: net().gradient([1.0, 2.0], 1j), T, "t"),
    row(
        "LinearNet.gradient",
        lambda: net().gradient([1e200, 1e200], -1e200),
        V,
        "overflows",
    ),
    row(
        "LinearNet.update",
        lambda: net().update({"W1": 0}, lr=0.1),
        T,
        "gradients",
    ),
    row(
        "LinearNet.update",
        lambda: net().update(
            gdbook.NetGradients(0.0, np.zeros(3), np.ones((1, 3)), np.ones((3, 1))),
            lr=0.1,
        ),
        V,
        "gradients.W1",
        "(2, 3)",
    ),
    row(
        "LinearNet.update",
        lambda: net().update(net().gradient([40.0, 80.0], 60.0), lr=0.0),
        V,
        "lr",
    ),
    row(
        "LinearNet.update",
        lambda: net().update(net().gradient([40.0, 80.0], 60.0), lr=1e306),
        V,
        "update overflows",
        "lr",
    ),
    row(
        "LinearNet.train",
        lambda: net().train([40.0, 80.0], 60.0, lr=1e-5, steps=10**10),
        V,
        "steps",
    ),
    row(
        "LinearNet.train",
        lambda: net().train([40.0, 80.0], 60.0, lr=1e-5, steps="10"),
        T,
        "steps",
    ),
    row(
        "LinearNet.from_parameters",
        lambda: gdbook.LinearNet.from_parameters(np.ones(3)),
        V,
        "parameters",
    ),
    row("ForwardPass", lambda: gdbook.ForwardPass([], [1.0], 1.0), V, "x"),
    row("ForwardPass", lambda: gdbook.ForwardPass([1.0], [1.0], "y"), T, "y"),
    row(
        "NetGradients",
        lambda: gdbook.NetGradients(1.0, [1.0], np.ones(2), np.ones((1, 1))),
        V,
        "W1",
    ),
    row(
        "NetGradients",
        lambda: gdbook.NetGradients(1.0, [np.nan], np.ones((1, 1)), np.ones((1, 1))),
        V,
        "dz",
    ),
    row(
        "NetTrace",
        lambda: gdbook.NetTrace(**vars_of(trace())),
        V,
        "xs",
        "parameters",
    ),
    row("SimpleNet", lambda: gdbook.SimpleNet([1.0, 2.0]), V, "W"),
    row("SimpleNet", lambda: gdbook.SimpleNet(np.zeros((2, 0))), V, "W"),
    row("SimpleNet", lambda: gdbook.SimpleNet("W"), T, "W"),
    row("SimpleNet.random", lambda: gdbook.SimpleNet.random("a"), T, "rng"),
    row("SimpleNet.random", lambda: gdbook.SimpleNet.random(-1), V, "rng"),
    row("SimpleNet.random", lambda: gdbook.SimpleNet.random(0, (True, 3)), T, "shape"),
    row("SimpleNet.random", lambda: gdbook.SimpleNet.random(0, (0, 3)), V, "shape"),
    row(
        "SimpleNet.random",
        lambda: gdbook.SimpleNet.random(0, (10**6, 10**6)),
        V,
        "shape",
        "GiB",
    ),
    row("SimpleNet.predict", lambda: simple_net().predict([1.0, 2.0, 3.0]), V, "x"),
    row(
        "SimpleNet.predict",
        lambda: simple_net().predict([1.0, 2.0], W=np.ones((3, 3))),
        V,
        "W",
    ),
    row(
        "SimpleNet.predict",
        lambda: gdbook.SimpleNet(np.full((2, 3), 1e300)).predict([1e300, 1e300]),
        V,
        "scores",
        "overflow",
    ),
    row(
        "SimpleNet.loss", lambda: simple_net().loss([1.0, 2.0], [0.2, 0.3, 0.5]), V, "t"
    ),
    row("SimpleNet.gradient", lambda: simple_net().gradient([1.0, 2.0], [5]), V, "t"),
    # --- testfunctions -------------------------------------------------------------
    row("parabola", lambda: gdbook.parabola(1 + 1j), T, "x", "real"),
    row("quadratic", lambda: gdbook.quadratic(), T, "eigenvalues", "condition"),
    row("quadratic", lambda: gdbook.quadratic([0.0]), V, "eigenvalues", "positive"),
    row("quadratic", lambda: gdbook.quadratic([1j]), T, "eigenvalues", "real"),
    row("quadratic", lambda: gdbook.quadratic([]), V, "eigenvalues", "non-empty"),
    row("quadratic", lambda: gdbook.quadratic(condition=0.5), V, "condition"),
    row("quadratic", lambda: gdbook.quadratic(condition="a"), T, "condition"),
    row(
        "quadratic",
        lambda: gdbook.quadratic([1e308, 1e-308]),
        V,
        "eigenvalues",
        "condition number",
    ),
    row("Quadratic", lambda: gdbook.Quadratic([0.0]), V, "eigenvalues"),
    row("Quadratic", lambda: gdbook.Quadratic("ab"), T, "eigenvalues"),
    row("beale", lambda: gdbook.beale([1.0, 2.0, 3.0]), V, "x", "2 coordinate"),
    row("beale", lambda: gdbook.beale.grad([np.nan, 1.0]), V, "x", "finite"),
    row("saddle", lambda: gdbook.saddle([1j, 0.0]), T, "x", "real"),
    row(
        "saddle",
        lambda: gdbook.saddle([1e200, 1e200]),
        V,
        "value (of Objective",
        "returned nan",
    ),
    row(
        "Objective",
        lambda: gdbook.Objective("f", bowl, grad, None),
        T,
        "critical_point",
        "minimum",
    ),
    row(
        "Objective",
        lambda: gdbook.Objective("f", bowl, grad, (0.0,), (0.0, 0.0)),
        V,
        "critical_point",
    ),
    row("parabola", lambda: gdbook.parabola([1.0, 2.0]), V, "x", "1 coordinate"),
    row("bowl", lambda: gdbook.bowl([1.0, 2.0, 3.0]), V, "x", "2 coordinate"),
    row("bowl", lambda: gdbook.bowl.grad(["a", "b"]), T, "x"),
    row("rosenbrock", lambda: gdbook.rosenbrock([1.0, 2.0, 3.0]), V, "x"),
    row("rosenbrock", lambda: gdbook.rosenbrock.value_at([1.0]), V, "value_at"),
    row(
        "rosenbrock",
        lambda: gdbook.rosenbrock.value_at([1.0, 2.0], [1.0, 2.0, 3.0]),
        V,
        "coordinates",
        "broadcast",
    ),
    row("Objective", lambda: gdbook.Objective(3, bowl, grad, (0.0, 0.0)), T, "name"),
    row("Objective", lambda: gdbook.Objective("f", None, grad, (0.0,)), T, "value"),
    row("Objective", lambda: gdbook.Objective("f", bowl, 3, (0.0,)), T, "gradient"),
    row("Objective", lambda: gdbook.Objective("f", bowl, grad, ()), V, "minimum"),
    row(
        "Objective",
        lambda: gdbook.Objective("f", bowl, grad, (np.nan, 0.0)),
        V,
        "minimum",
    ),
    row(
        "Objective",
        lambda: gdbook.Objective("f", returning("a"), grad, (0.0, 0.0))([1.0, 2.0]),
        T,
        "value",
        "Objective 'f'",
        "returned str",
    ),
    row(
        "Objective",
        lambda: gdbook.Objective("f", returning(np.nan), grad, (0.0, 0.0))([1.0, 2.0]),
        V,
        "value",
        "returned nan",
    ),
    row(
        "Objective",
        lambda: gdbook.Objective("f", bowl, returning([1.0]), (0.0, 0.0)).grad(
            [1.0, 2.0]
        ),
        V,
        "gradient",
        "(2,)",
    ),
    row(
        "Objective",
        lambda: gdbook.Objective("f", bowl, returning(None), (0.0, 0.0)).grad(
            [1.0, 2.0]
        ),
        T,
        "gradient",
        "returned None",
    ),
    row(
        "Objective",
        lambda: gdbook.Objective(
            "f", returning(np.zeros(1)), grad, (0.0, 0.0)
        ).value_at(np.zeros((2, 2)), np.zeros((2, 2))),
        V,
        "value",
        "grid",
    ),
    # --- datasets -----------------------------------------------------------------
    row("noisy_line", lambda: gdbook.noisy_line(rng=2**40), V, "rng", "2**32"),
    row("noisy_line", lambda: gdbook.noisy_line(rng="0"), T, "rng"),
    row("noisy_line", lambda: gdbook.noisy_line(True), T, "n"),
    row("noisy_line", lambda: gdbook.noisy_line(1), V, "n"),
    row("noisy_line", lambda: gdbook.noisy_line(2**40), V, "n", "GiB"),
    row("noisy_line", lambda: gdbook.noisy_line(noise=-1.0), V, "noise"),
    row("noisy_line", lambda: gdbook.noisy_line(slope=1e308), V, "slope", "overflow"),
    row("noisy_line", lambda: gdbook.noisy_line(slope=1j), T, "slope"),
    row("proportional_data", lambda: gdbook.proportional_data(0), V, "n"),
    row("proportional_data", lambda: gdbook.proportional_data(2.0), T, "n"),
    row(
        "proportional_data",
        lambda: gdbook.proportional_data(4, slope=1e308),
        V,
        "slope",
    ),
    row("beans", lambda: gdbook.beans(0), V, "n"),
    row("beans", lambda: gdbook.beans(np.True_), T, "n"),
    row("beans", lambda: gdbook.beans(10, rng=np.random.RandomState(0)), T, "rng"),
    row("beans", lambda: gdbook.beans(10**12), V, "n", "GiB"),
    # --- gdbook.plot (arguments passed straight to matplotlib are left to it) ----
    row(
        "plot.gradient_field",
        lambda: plot().gradient_field(returning(np.array([np.nan, 1.0]))),
        V,
        "grad returned [nan, 1.0] at x = [-2.0, -2.0]",
    ),
    row(
        "plot.gradient_field",
        lambda: plot().gradient_field(returning(np.zeros(3))),
        V,
        "grad must return",
        "(2,)",
    ),
    row(
        "plot.gradient_field", lambda: plot().gradient_field(returning(None)), T, "grad"
    ),
    row("plot.gradient_field", lambda: plot().gradient_field("grad"), T, "grad"),
    row(
        "plot.gradient_field",
        lambda: plot().gradient_field(grad, num=10**4),
        V,
        "num",
        "at most 100",
    ),
    row(
        "plot.gradient_field",
        lambda: plot().gradient_field(grad, xlim=(1, -1)),
        V,
        "xlim",
    ),
    row(
        "plot.descent_path",
        lambda: plot().descent_path(gdbook.parabola, path1(), num=10**8),
        V,
        "num",
        "at most 100000",
    ),
    row(
        "plot.descent_path",
        lambda: plot().descent_path(returning(np.nan), path1()),
        V,
        "f returned nan at x",
    ),
    row(
        "plot.descent_path",
        lambda: plot().descent_path(lambda x: x**2, path1(), xlim=(-1e200, 1e200)),
        V,
        "f overflowed at x",
    ),
    row(
        "plot.descent_path",
        lambda: plot().descent_path(gdbook.parabola, path1(), xlim=("1", "2")),
        T,
        "xlim",
    ),
    row(
        "plot.descent_path",
        lambda: plot().descent_path(gdbook.parabola, [1j]),
        T,
        "path",
    ),
    row(
        "plot.descent_path",
        lambda: plot().descent_path(gdbook.parabola, path1(), ax="left"),
        T,
        "ax",
    ),
    row(
        "plot.descent_path",
        lambda: plot().descent_path(returning(np.nan), path2()),
        V,
        "f returned nan at x",
    ),
    row(
        "plot.descent_path",
        lambda: plot().descent_path(
            gdbook.Objective("log", lambda x: np.log(x[0]), grad, (1.0, 0.0)),
            path2(),
            xlim=(-1, 1),
        ),
        V,
        "value (of Objective 'log') returned nan",
    ),
    row(
        "plot.descent_path",
        lambda: plot().descent_path(gdbook.bowl, path2(), num=10**5),
        V,
        "num",
        "at most 1000",
    ),
    row(
        "plot.descent_path",
        lambda: plot().descent_path(gdbook.bowl, path2(), labels=("x",)),
        T,
        "labels",
    ),
    row(
        "plot.descent_path",
        lambda: plot().descent_path(gdbook.bowl, [[1.0, 2.0, 3.0]]),
        V,
        "path",
        "(n, 2)",
    ),
    row(
        "plot.descent_path",
        lambda: plot().descent_path(gdbook.bowl, path2(), view="surface", num=10**5),
        V,
        "num",
    ),
    row(
        "plot.descent_path",
        lambda: plot().descent_path(
            gdbook.bowl, path2(), view="surface", ax=new_axes()
        ),
        V,
        "ax must be a 3D Axes",
    ),
    row(
        "plot.descent_path",
        lambda: plot().descent_path(returning(np.inf), path2(), view="surface"),
        V,
        "f returned inf",
    ),
    row(
        "plot.descent_animation",
        lambda: plot().descent_animation(gdbook.parabola, path1(), num=10**8),
        V,
        "num",
    ),
    row(
        "plot.descent_animation",
        lambda: plot().descent_animation(gdbook.parabola, path1(), interval=0),
        V,
        "interval",
    ),
    row(
        "plot.descent_animation",
        lambda: plot().descent_animation(gdbook.bowl, path2(), every=0),
        V,
        "every",
    ),
    row(
        "plot.descent_animation",
        lambda: plot().descent_animation(returning(np.nan), path2()),
        V,
        "f returned nan",
    ),
    row(
        "plot.line_fit_animation",
        lambda: plot().line_fit_animation(*FIT_FRAMES, **FIT_KW, caption="update"),
        T,
        "caption",
    ),
    row(
        "plot.line_fit_animation",
        lambda: plot().line_fit_animation(
            *FIT_FRAMES[:2], [1j, 0.0], FIT_FRAMES[3], **FIT_KW
        ),
        T,
        "slopes",
    ),
    row(
        "plot.line_fit_animation",
        lambda: plot().line_fit_animation(*FIT_FRAMES, **{**FIT_KW, "frames": [0, 5]}),
        V,
        "frames",
    ),
    row(
        "plot.loss_curve",
        lambda: plot().loss_curve([1.0, np.nan]),
        V,
        "losses",
    ),
    row("plot.loss_curve", lambda: plot().loss_curve([1j, 1.0]), T, "losses"),
    row("plot.loss_curve", lambda: plot().loss_curve([]), V, "losses", "empty"),
    row(
        "plot.descent_path",
        lambda: plot().descent_path(gdbook.parabola, [1e308, -1e308]),
        V,
        "path spans more than float64",
        "xlim",
    ),
    row(
        "plot.line_fit_animation",
        lambda: plot().line_fit_animation(
            *FIT_FRAMES, **{**FIT_KW, "frames": [[0], [0, 1]]}
        ),
        V,
        "frames",
    ),
    row("plot.loss_curve", lambda: plot().loss_curve(["1.5"]), T, "losses"),
    row("plot.loss_curve", lambda: plot().loss_curve([1.0], against=[]), V, "against"),
    row("plot.loss_curve", lambda: plot().loss_curve([1.0], log="yes"), T, "log"),
    row(
        "plot.loss_curve",
        lambda: plot().loss_curve([1.0, 0.0], log=True),
        V,
        "losses must be positive",
    ),
    row(
        "plot.loss_curve",
        lambda: plot().loss_curve(gd(grad, [1.0], lr=0.1, steps=2)),
        V,
        "no losses",
    ),
    row(
        "plot.difference_errors_plot",
        lambda: plot().difference_errors_plot({"hs": [1.0]}),
        T,
        "errors",
    ),
    row(
        "plot.data_with_line",
        lambda: plot().data_with_line([1.0], [1.0, 2.0], 1.0),
        V,
        "y",
    ),
    row(
        "plot.data_with_line",
        lambda: plot().data_with_line([1.0], [1.0], "2"),
        T,
        "slope",
    ),
    row(
        "plot.data_with_line",
        lambda: plot().data_with_line([1.0, 1e300], [1.0, 1.0], 1e300),
        V,
        "line overflows",
    ),
    row(
        "plot.cost_curves",
        lambda: plot().cost_curves([0.0], [0.0], [[np.inf]]),
        V,
        "costs",
    ),
    row(
        "plot.cost_curves",
        lambda: plot().cost_curves([0.0, 1.0], [0.0], [[1.0]]),
        V,
        "costs",
    ),
    row("plot.cost_curves", lambda: plot().cost_curves([], [0.0], [[]]), V, "ws"),
    row(
        "plot.cost_curves",
        lambda: plot().cost_curves([0.0], [0.0], [[1.0]], view="3d", zlim=(2, 1)),
        V,
        "zlim",
    ),
    row(
        "plot.cost_curves",
        lambda: plot().cost_curves(
            [0.0, 1.0], [0.0, 1.0], np.ones((2, 2)), view="surface", levels=10**9
        ),
        V,
        "levels",
    ),
    row(
        "plot.cost_curves",
        lambda: plot().cost_curves([[0.0]], [0.0], [[1.0]], view="surface"),
        V,
        "ws",
    ),
    # --- optimizers and schedules (modules re-exported by gdbook) -----------------
    row("optimizers.sgd", lambda: optimizers.sgd("fast"), T, "lr"),
    row("optimizers.sgd", lambda: optimizers.sgd(-1.0), V, "lr"),
    row("optimizers.momentum", lambda: optimizers.momentum("a"), T, "lr"),
    row(
        "optimizers.momentum",
        lambda: optimizers.momentum(0.1, momentum=1.0),
        V,
        "momentum",
    ),
    row(
        "optimizers.momentum",
        lambda: optimizers.momentum(0.1, nesterov=1),
        T,
        "nesterov",
    ),
    row("optimizers.adam", lambda: optimizers.adam(betas=(0.9,)), T, "betas"),
    row("optimizers.adam", lambda: optimizers.adam(eps=np.nan), V, "eps"),
    row(
        "optimizers.adam",
        lambda: optimizers.adam().update(
            np.array([1j]), optimizers.adam().init(np.ones(1))
        ),
        T,
        "grad",
        "real",
    ),
    row(
        "optimizers.adam",
        lambda: optimizers.adam().update(
            np.zeros(3), optimizers.adam().init(np.ones(1))
        ),
        V,
        "grad",
        "shape",
    ),
    row("optimizers.adagrad", lambda: optimizers.adagrad(-1), V, "lr"),
    row("optimizers.adagrad", lambda: optimizers.adagrad(eps=0), V, "eps"),
    row("optimizers.rmsprop", lambda: optimizers.rmsprop(alpha=2), V, "alpha"),
    row("optimizers.rmsprop", lambda: optimizers.rmsprop(alpha=10**400), V, "alpha"),
    # A state is a plain record (a named tuple, as in optax); update checks the one
    # it is given, so a state built by hand, or another rule's, is named there.
    *[
        row(f"optimizers.{name}", call, T, f"state.{field}")
        for name, field, call in [
            (
                "AdamState",
                "count",
                lambda: optimizers.adam().update(
                    np.zeros(1), optimizers.AdamState(None, None, None)
                ),
            ),
            (
                "AdagradState",
                "sum_of_squares",
                lambda: optimizers.adagrad().update(
                    np.zeros(1), optimizers.AdagradState(None)
                ),
            ),
            (
                "MomentumState",
                "velocity",
                lambda: optimizers.momentum(0.1).update(
                    np.zeros(1), optimizers.MomentumState("velocity")
                ),
            ),
            (
                "RMSpropState",
                "mean_square",
                lambda: optimizers.rmsprop().update(
                    np.zeros(1), optimizers.RMSpropState(None)
                ),
            ),
        ]
    ],
    row(
        "optimizers.ScheduledState",
        lambda: optimizers.sgd(schedules.cosine(0.1, steps=5)).update(
            np.zeros(1), optimizers.ScheduledState(-1, None)
        ),
        V,
        "state.count",
    ),
    row(
        "optimizers.adam",
        lambda: optimizers.adam().update(np.zeros(1), None),
        T,
        "state",
    ),
    row(
        "optimizers.momentum",
        lambda: optimizers.momentum(0.1).update(
            np.zeros(1), optimizers.adam().init(np.zeros(1))
        ),
        T,
        "state",
    ),
    row(
        "optimizers.sgd", lambda: optimizers.sgd(0.1).update(np.zeros(1), 3), T, "state"
    ),
    row("optimizers.adam", lambda: optimizers.adam().init(np.array([1j])), T, "x0"),
    row("optimizers.rmsprop", lambda: optimizers.rmsprop().init("a"), T, "x0"),
    row(
        "schedules.step_decay", lambda: schedules.step_decay(0.1, factor=0), V, "factor"
    ),
    row("schedules.step_decay", lambda: schedules.step_decay(0.1, every=0), V, "every"),
    row(
        "schedules.inverse_time",
        lambda: schedules.inverse_time(0.1, decay=-1),
        V,
        "decay",
    ),
    row(
        "schedules.cosine",
        lambda: schedules.cosine(0.1, steps=10, final=1.0),
        V,
        "final",
    ),
    row(
        "schedules.cosine",
        lambda: schedules.cosine(0.1, steps=10, final=10**400),
        V,
        "final",
    ),
    row("schedules.cosine", lambda: schedules.cosine(0.1, steps=True), T, "steps"),
    # Issue 22: weight decay, AdamW, warmup, clipping.
    row(
        "optimizers.sgd",
        lambda: optimizers.sgd(0.1, weight_decay=-0.1),
        V,
        "weight_decay",
    ),
    row(
        "optimizers.sgd",
        lambda: optimizers.sgd(0.1, weight_decay="0"),
        T,
        "weight_decay",
    ),
    row(
        "optimizers.momentum",
        lambda: optimizers.momentum(0.1, weight_decay=np.inf),
        V,
        "weight_decay",
    ),
    row(
        "optimizers.adam",
        lambda: optimizers.adam(weight_decay=np.nan),
        V,
        "weight_decay",
    ),
    row(
        "optimizers.adamw",
        lambda: optimizers.adamw(weight_decay=-1e-2),
        V,
        "weight_decay",
    ),
    row(
        "optimizers.adamw",
        lambda: optimizers.adamw(weight_decay=True),
        T,
        "weight_decay",
    ),
    row("optimizers.adamw", lambda: optimizers.adamw(lr=0), V, "lr"),
    row("optimizers.adamw", lambda: optimizers.adamw(betas=(0.9, 1.0)), V, "betas[1]"),
    row("optimizers.adamw", lambda: optimizers.adamw(eps=-1.0), V, "eps"),
    row(
        "optimizers.DecayState",
        lambda: optimizers.sgd(0.1, weight_decay=0.1).update(
            np.zeros(1), optimizers.DecayState(None, None)
        ),
        T,
        "state.point",
    ),
    row(
        "optimizers.DecayState",
        lambda: optimizers.adamw().update(
            np.zeros(2), optimizers.adamw().init(np.zeros(1))
        ),
        V,
        "grad",
    ),
    row("schedules.warmup", lambda: schedules.warmup(0.1, steps=0), V, "steps"),
    row("schedules.warmup", lambda: schedules.warmup(0.1, steps=2.5), T, "steps"),
    row("schedules.warmup", lambda: schedules.warmup(-0.1, steps=5), V, "after"),
    row("schedules.warmup", lambda: schedules.warmup("cosine", steps=5), T, "after"),
    row(
        "schedules.warmup",
        lambda: schedules.warmup(0.1, steps=5, start_factor=0),
        V,
        "start_factor",
    ),
    row(
        "schedules.warmup",
        lambda: schedules.warmup(0.1, steps=5, start_factor=1.5),
        V,
        "start_factor",
    ),
    row(
        "gradient_descent",
        lambda: gd(grad, [1.0], lr=0.1, steps=3, clip_norm=0),
        V,
        "clip_norm",
    ),
    row(
        "gradient_descent",
        lambda: gd(grad, [1.0], lr=0.1, steps=3, clip_norm=-1.0),
        V,
        "clip_norm",
    ),
    row(
        "gradient_descent",
        lambda: gd(grad, [1.0], lr=0.1, steps=3, clip_norm="1"),
        T,
        "clip_norm",
    ),
    row(
        "stochastic_gradient_descent",
        lambda: sgd_run(lr=0.1, epochs=1, clip_norm=np.nan),
        V,
        "clip_norm",
    ),
    row("schedules.Schedule", lambda: schedules.step_decay(0.1)(-1), V, "k"),
    row("schedules.Schedule", lambda: schedules.Schedule("s", 0.1, None), T, "rule"),
    row(
        "schedules.Schedule",
        lambda: schedules.Schedule("s", 0.1, returning("a"))(0),
        T,
        "rule",
    ),
]


def vars_of(a_trace):
    """The fields of a Trace, to remake it as a subclass."""
    return {name: getattr(a_trace, name) for name in gdbook.Trace.__dataclass_fields__}


#: Public names without bad input.
NO_INPUT = {
    "CROSS_ENTROPY_DELTA": "a constant",
    "plot.use_bundled_ffmpeg": "takes no argument",
}


def _public_names() -> set[str]:
    """Every public name: gdbook's, its re-exported modules', gdbook.plot's."""
    import gdbook.plot

    names = set()
    for name in gdbook.__all__:
        value = getattr(gdbook, name)
        if isinstance(value, types.ModuleType):
            names |= {f"{name}.{member}" for member in value.__all__}
        else:
            names.add(name)
    names |= {f"plot.{member}" for member in gdbook.plot.__all__}
    return names - set(NO_INPUT)


def test_the_table_covers_every_public_name():
    covered = set()
    for each in ROWS:
        each = each.values[0] if hasattr(each, "values") else each  # pytest.param
        parts = each.covers.split(".")
        covered |= {".".join(parts[: i + 1]) for i in range(len(parts))}
    missing = sorted(_public_names() - covered)
    assert not missing, f"public names without a bad-input row: {missing}"


@pytest.mark.parametrize("bad", ROWS, ids=lambda bad: repr(bad))
def test_bad_input_is_refused_with_a_clear_message(bad):
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a warning instead of the error fails
        with pytest.raises(bad.error) as raised:
            bad.call()
    # By the error's type and the argument it names, not by its wording: a declared
    # check's error carries the name; another names it first in its message (the
    # other words of a row describe it to the reader).
    name = getattr(raised.value, "argument", None)
    assert name == bad.words[0] or bad.words[0] in str(raised.value), raised.value


# --- Results at float64's edges, by decision (each documented where it lives) -------


def _e12_freeze():
    """numerical_gradient at a coordinate where x + h == x: exactly 0 (E12)."""
    return gdbook.numerical_gradient(lambda v: v[0] ** 2, [-2.58983747e13])


EDGES = [
    # Losses and objective values overflow to inf, without a warning.
    (
        "mean_squared_error",
        lambda: gdbook.mean_squared_error([1e200], [-1e200]),
        np.inf,
    ),
    (
        "least_squares_loss",
        lambda: gdbook.least_squares_loss([1e200], [0.0], 1e200),
        np.inf,
    ),
    (
        "line_cost_grid",
        lambda: gdbook.line_cost_grid([1e200], [0.0], [1e200], [0.0]),
        [[np.inf]],
    ),
    ("parabola", lambda: gdbook.parabola(1e200), np.inf),
    ("parabola.grad", lambda: gdbook.parabola.grad(1e308), np.inf),
    ("LinearNet.loss", lambda: net().loss([0.0, 0.0], 1e200), np.inf),
    # Results that stay finite and right where a naive formula would overflow.
    ("softmax", lambda: gdbook.softmax([1e308, -1e308]), [1.0, 0.0]),
    ("relative_error", lambda: gdbook.relative_error([1e308], [-1e308]), [2.0]),
    ("numerical_gradient", _e12_freeze, [0.0]),
    # A descent whose start already overflows is a diverged run, not an error.
    (
        "gradient_descent",
        lambda: (
            gd(
                gdbook.parabola.grad, 1e200, lr=0.1, steps=5, loss=gdbook.parabola
            ).diverged
        ),
        True,
    ),
    (
        "LinearNet.train",
        lambda: net().train([40.0, 80.0], 60.0, lr=1e-3, steps=100).diverged,
        True,
    ),
    (
        "fit_line",
        lambda: gdbook.fit_line([1.0, 2.0], HUGE, lr=0.1, epochs=3).diverged,
        True,
    ),
    # Empty grids give empty results.
    (
        "line_cost_grid",
        lambda: gdbook.line_cost_grid([1.0], [1.0], [], [0.0]).shape,
        (1, 0),
    ),
]


@pytest.mark.parametrize(("name", "call", "expected"), EDGES, ids=[e[0] for e in EDGES])
def test_documented_results_at_float64s_edges_come_without_warnings(
    name, call, expected
):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        result = call()
    if isinstance(expected, bool | tuple):
        assert result == expected
    else:
        np.testing.assert_array_equal(result, expected)


def test_e12s_freeze_and_a_vanishing_step_are_told_apart():
    # The same coordinate, 2.6e13: numerical_gradient gives E12's 0 (a descent grew
    # there), numerical_diff refuses the step (a one-point question was asked).
    assert _e12_freeze()[0] == 0.0
    with pytest.raises(ValueError):
        gdbook.numerical_diff(lambda x: x**2, -2.58983747e13)
    # A step below float64's spacing at 1.0 is refused by both, naming h.
    for differentiate in (gdbook.numerical_diff, gdbook.numerical_gradient):
        with pytest.raises(ValueError) as raised:
            differentiate(np.sin, [1.0], h=1e-17)
        assert raised.value.argument == "h"


def test_divergence_stops_the_run_without_warnings():
    # lr = 1.5 on x**2 multiplies x by -2 each step: it overflows after ~1020 steps.
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        run = gd(gdbook.parabola.grad, 5.0, lr=1.5, steps=5000, loss=gdbook.parabola)
    assert run.diverged
    assert run.steps_taken < 5000
    assert np.all(np.isfinite(run.xs)) and np.all(np.isfinite(run.losses))
    assert len(run.losses) == len(run.xs) == len(run.grads) + 1
    assert "diverged=True" in repr(run)


def test_zero_steps_keep_only_the_start():
    run = gd(grad, [1.0, 2.0], lr=0.1, steps=0, loss=bowl)
    assert run.xs.tolist() == [[1.0, 2.0]]
    assert run.grads.shape == (0, 2)
    assert run.losses.tolist() == [5.0]


def test_a_callable_that_reuses_its_buffer_cannot_rewrite_the_history():
    buffer = np.zeros(2)

    def reused(x):
        buffer[:] = 2 * x
        return buffer

    run = gd(reused, [1.0, 2.0], lr=0.1, steps=3)
    np.testing.assert_array_equal(run.grads, 2 * run.xs[:-1])


def test_f_never_receives_numerical_gradients_own_buffer():
    def vandal(x):
        value = float(x[0] ** 2 + x[1] ** 2)
        x[:] = 1e6  # writes to its argument
        return value

    np.testing.assert_allclose(
        gdbook.numerical_gradient(vandal, [3.0, 4.0]), [6.0, 8.0]
    )


# --- Properties: random shapes and dtypes ---------------------------------------------

DTYPES = [
    np.float64,
    np.float32,
    np.int64,
    np.int8,
    np.uint16,
    np.bool_,
    np.complex128,
    np.complex64,
    np.dtype("U3"),
    np.dtype(object),
]


@st.composite
def any_array(draw):
    """An array of a random dtype (complex, strings and objects included) and shape."""
    dtype = np.dtype(draw(st.sampled_from(DTYPES)))
    shape = draw(array_shapes(min_dims=0, max_dims=3, min_side=0, max_side=4))
    if dtype.kind == "O":
        values = draw(arrays(np.float64, shape, elements=st.floats(-100, 100)))
        array = values.astype(object)
        if array.size and draw(st.booleans()):
            array.flat[0] = draw(st.sampled_from([1j, "a", None, 2]))
        return array
    if dtype.kind == "U":
        return draw(arrays(dtype, shape, elements=st.sampled_from(["1", "a", "2.5"])))
    if dtype.kind in "fc":
        elements = st.floats(-100, 100, width=32)
    elif dtype.kind == "b":
        elements = st.booleans()
    else:
        info = np.iinfo(dtype)
        elements = st.integers(max(info.min, -100), min(info.max, 100))
    return draw(arrays(dtype, shape, elements=elements))


#: Functions of one array argument: (name of the argument in messages, call).
ARRAY_TARGETS = {
    "softmax": ("z", gdbook.softmax),
    "mean_squared_error": (
        "y_pred",
        lambda a: gdbook.mean_squared_error(a, np.ones(np.shape(a))),
    ),
    "relative_error": (
        "analytic",
        lambda a: gdbook.relative_error(a, np.ones(np.shape(a))),
    ),
    "numerical_gradient": (
        "x",
        lambda a: gdbook.numerical_gradient(lambda v: float(np.sum(v**2)), a),
    ),
    "numerical_diff": ("x", lambda a: gdbook.numerical_diff(np.sin, a)),
    "gradient_descent": ("x0", lambda a: gd(grad, a, lr=0.1, steps=2).x),
    "line_cost_grid": (
        "x",
        lambda a: gdbook.line_cost_grid(a, np.ones(np.shape(a)), [0.0], [1.0]),
    ),
    "fit_line": (
        "x",
        lambda a: gdbook.fit_line(a, np.ones(np.shape(a)), lr=0.01, epochs=2).xs,
    ),
    "LineFit.predict": ("x", lambda a: fit().predict(a)),
    "SimpleNet": ("W", lambda a: gdbook.SimpleNet(a).W),
    "LinearNet.from_parameters": (
        "parameters",
        lambda a: gdbook.LinearNet.from_parameters(a).W1,
    ),
    "bowl.value_at": ("coordinates[0]", lambda a: gdbook.bowl.value_at(a, 1.0)),
}


@pytest.mark.parametrize("target", ARRAY_TARGETS, ids=str)
@given(array=any_array())
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_any_array_is_refused_by_name_or_gives_float64_and_is_left_alone(target, array):
    name, call = ARRAY_TARGETS[target]
    before = copy_of(array)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        try:
            result = call(array)
        except (TypeError, ValueError) as error:
            assert name in str(error) or "x and y" in str(error), str(error)
            result = None
    assert_same(array, before)  # never modified
    kind = array.dtype.kind
    has_complex = kind == "c" or (
        kind == "O" and any(isinstance(v, complex) for v in array.flat)
    )
    has_text = kind == "U" or (
        kind == "O" and any(isinstance(v, str) or v is None for v in array.flat)
    )
    if has_complex or has_text:
        assert result is None, "complex or text input must be refused, never dropped"
    elif result is not None:
        assert np.asarray(result).dtype == np.float64  # integers give float64


def copy_of(array):
    return array.copy()


def assert_same(array, before):
    assert array.dtype == before.dtype and array.shape == before.shape
    assert all(a is b or a == b for a, b in zip(array.flat, before.flat, strict=True))


#: What a user's callable may wrongly return.
JUNK = st.one_of(
    st.sampled_from([None, "a", b"b", 1j, np.complex128(1 + 1j), object(), [1, "a"]]),
    st.floats(allow_nan=True, allow_infinity=True).filter(lambda v: not np.isfinite(v)),
    arrays(
        np.complex128,
        array_shapes(min_dims=0, max_dims=2),
        elements=st.complex_numbers(max_magnitude=10, allow_nan=False),
    ),
    arrays(
        np.float64,
        array_shapes(min_dims=1, max_dims=2, min_side=3),
        elements=st.floats(-10, 10),
    ),
)

#: Callers of a user's callable: (its name in messages, call with the callable).
CALLABLE_TARGETS = {
    "numerical_gradient": ("f", lambda c: gdbook.numerical_gradient(c, [1.0, 2.0])),
    "numerical_diff": ("f", lambda c: gdbook.numerical_diff(c, 1.0)),
    "gradient_check": ("grad", lambda c: gdbook.gradient_check(bowl, c, [1.0, 2.0])),
    "gradient_descent grad": ("grad", lambda c: gd(c, [1.0, 2.0], lr=0.1, steps=2)),
    "gradient_descent loss": (
        "loss",
        lambda c: gd(grad, [1.0, 2.0], lr=0.1, steps=2, loss=c),
    ),
    "Objective": (
        "value",
        lambda c: gdbook.Objective("f", c, grad, (0.0, 0.0))([1.0, 2.0]),
    ),
    "Objective.grad": (
        "gradient",
        lambda c: gdbook.Objective("f", bowl, c, (0.0, 0.0)).grad([1.0, 2.0]),
    ),
}


@pytest.mark.parametrize("target", CALLABLE_TARGETS, ids=str)
@given(junk=JUNK)
@settings(max_examples=30, deadline=None)
def test_what_a_callable_returns_is_checked_and_the_callable_named(target, junk):
    name, call = CALLABLE_TARGETS[target]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        try:
            result = call(returning(junk))
        except (TypeError, ValueError) as error:
            assert name in str(error), str(error)
            return
    # Returned: never a complex number dropped to its real part. Only a diverged
    # run may come back from a NaN or an infinity (the loss's, at the start), and
    # an objective passes an infinity on (an overflow, documented), never a NaN.
    assert not np.iscomplexobj(junk) and junk is not None
    if target.startswith("Objective"):
        assert np.all(np.isinf(result)), result
    else:
        assert isinstance(result, gdbook.Trace) and result.diverged, result
