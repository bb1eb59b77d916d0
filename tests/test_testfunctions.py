"""gdbook.testfunctions: exact gradients, minima, critical points, the quadratic's
constants."""

from __future__ import annotations

import numpy as np
import pytest
from refusal import refused

import gdbook
from gdbook import (
    Objective,
    Quadratic,
    beale,
    bowl,
    gradient_check,
    parabola,
    quadratic,
    rosenbrock,
    saddle,
)

TWO_VARIABLES = {
    "bowl": bowl,
    "rosenbrock": rosenbrock,
    "beale": beale,
    "saddle": saddle,
    "quadratic": quadratic([1.0, 50.0]),
}


@pytest.mark.parametrize("name", TWO_VARIABLES)
@pytest.mark.parametrize("seed", range(5))
def test_gradient_is_exact_at_random_points(name, seed):
    f = TWO_VARIABLES[name]
    x = np.random.default_rng(seed).uniform(-2.0, 2.0, size=2)
    check = gradient_check(f, f.grad, x)
    assert check.passed, check


@pytest.mark.parametrize("seed", range(3))
def test_quadratic_of_many_variables_has_the_exact_gradient(seed):
    rng = np.random.default_rng(seed)
    f = quadratic(rng.uniform(0.1, 10.0, size=6))
    x = rng.normal(size=6)
    assert gradient_check(f, f.grad, x).passed
    assert f(x) == pytest.approx(0.5 * np.sum(np.array(f.eigenvalues) * x**2))


@pytest.mark.parametrize(
    "f", [parabola, bowl, rosenbrock, beale, quadratic([2.0, 3.0, 4.0])]
)
def test_the_minimum_is_a_zero_of_the_gradient_and_the_lowest_value(f):
    minimum = np.array(f.minimum)
    assert np.all(f.grad(minimum) == 0)
    assert f(minimum) == 0.0
    rng = np.random.default_rng(0)
    around = minimum + rng.normal(scale=0.1, size=(50, *minimum.shape))
    assert all(f(x) > 0.0 for x in around)
    assert f.critical_point == f.minimum


def test_the_saddle_has_no_minimum_but_a_critical_point():
    assert saddle.minimum is None
    assert saddle.critical_point == (0.0, 0.0) and saddle.dim == 2
    assert np.all(saddle.grad([0.0, 0.0]) == 0)
    # Lowest along x0, highest along x1, and unbounded below.
    assert saddle([0.1, 0.0]) > 0.0 > saddle([0.0, 0.1])
    assert saddle([0.0, 1e6]) == -1e12
    assert "minimum=None, critical_point=(0.0, 0.0)" in repr(saddle)


def test_descent_on_the_saddle_stalls_on_the_x0_axis_and_escapes_off_it():
    on_axis = gdbook.gradient_descent(saddle.grad, [1.0, 0.0], lr=0.1, steps=100)
    assert np.allclose(on_axis.x, saddle.critical_point, atol=1e-9)
    off_axis = gdbook.gradient_descent(saddle.grad, [1.0, 1e-6], lr=0.1, steps=100)
    assert abs(off_axis.x[1]) > 1.0


def test_quadratic_constants():
    f = quadratic([4.0, 0.5, 2.0])
    assert isinstance(f, Quadratic) and isinstance(f, Objective)
    assert f.eigenvalues == (4.0, 0.5, 2.0)
    assert (f.L, f.mu, f.condition) == (4.0, 0.5, 8.0)
    assert f.dim == 3 and f.minimum == (0.0, 0.0, 0.0)
    assert f.name == "f(x) = ½ (4 x₀² + 0.5 x₁² + 2 x₂²)"
    g = quadratic(condition=25)
    assert g.eigenvalues == (1.0, 25.0) and g.condition == 25.0
    assert "5 eigenvalues from 1 to 5" in quadratic([1, 2, 3, 4, 5]).name


def test_one_variable_quadratic_is_a_parabola():
    f = quadratic([2.0])
    assert f.dim == 1 and f(3.0) == parabola(3.0) and f.grad(3.0) == parabola.grad(3.0)


def test_gradient_descent_with_the_best_step_contracts_by_the_rate():
    f = quadratic(condition=10.0)
    rate = (f.condition - 1) / (f.condition + 1)
    trace = gdbook.gradient_descent(f.grad, [1.0, 1.0], lr=2 / (f.L + f.mu), steps=20)
    distances = np.linalg.norm(trace.xs, axis=1)
    np.testing.assert_allclose(distances[1:] / distances[:-1], rate, rtol=1e-12)


@pytest.mark.parametrize("name", TWO_VARIABLES)
def test_value_at_evaluates_a_grid(name):
    f = TWO_VARIABLES[name]
    grid = np.meshgrid(np.linspace(-2, 2, 5), np.linspace(-1, 1, 4))
    values = f.value_at(*grid)
    assert values.shape == (4, 5)
    assert values[2, 3] == pytest.approx(f([grid[0][2, 3], grid[1][2, 3]]))


@pytest.mark.parametrize(
    "call, error, words",
    [
        (lambda: quadratic(), TypeError, "eigenvalues"),
        (lambda: quadratic([1.0, 2.0], condition=2.0), TypeError, "eigenvalues"),
        (lambda: quadratic([1.0, 0.0]), ValueError, "eigenvalues"),
        (lambda: quadratic([1.0, -2.0]), ValueError, "eigenvalues"),
        (lambda: quadratic([1.0, np.inf]), ValueError, "eigenvalues"),
        (lambda: quadratic([]), ValueError, "eigenvalues"),
        (lambda: quadratic([[1.0, 2.0]]), ValueError, "eigenvalues"),
        (lambda: quadratic(condition=0.5), ValueError, "condition"),
        (lambda: quadratic(condition=np.nan), ValueError, "condition"),
        (lambda: quadratic(condition="10"), TypeError, "condition"),
        (lambda: quadratic([1.0, 2.0])([1.0, 2.0, 3.0]), ValueError, "x"),
        (lambda: Objective("f", abs, abs, minimum=None), TypeError, "critical_point"),
    ],
)
def test_bad_arguments_are_named(call, error, words):
    refused(error, words, call)
