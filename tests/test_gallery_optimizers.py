"""The optimizers chapter prints what it promises, and its measurements hold.

Every value is read by its label (``printed_values``) and compared with the same
quantity computed here through gdbook, and with the formula of the theory.
"""

from __future__ import annotations

import re

import numpy as np
import pytest
from conftest import printed_values

import gdbook

CHAPTER = "06_optimizers"
SLOW = f"{CHAPTER}/plot_why_gd_is_slow.py"


@pytest.fixture(scope="module")
def slow_page(run_example):
    return printed_values(run_example(SLOW))


def rate(kappa: float) -> float:
    return (kappa - 1) / (kappa + 1)


def test_the_numpy_loop_and_gdbook_are_the_closed_form(slow_page):
    # Each step multiplies w0 by 9/11 and w1 by -9/11.
    closed = np.array([10.0, 3.0 * (-1) ** 20]) * (9 / 11) ** 20
    for label in ("numpy loop, w after 20 steps", "gdbook, w after 20 steps"):
        printed = [float(v) for v in slow_page[label].strip("[]").split()]
        assert printed == pytest.approx(closed, abs=5e-7)
    f = gdbook.quadratic(condition=10)
    trace = gdbook.gradient_descent(f.grad, [10.0, 3.0], lr=2 / 11, steps=20)
    np.testing.assert_allclose(trace.x, closed, rtol=1e-13)
    assert slow_page["L, mu, kappa"] == "10.0 1.0 10.0"
    first, last = map(float, slow_page["distance ratios, first and last"].split())
    assert first == pytest.approx(rate(10), abs=5e-7)
    assert last == pytest.approx(rate(10), abs=5e-7)


@pytest.mark.parametrize("kappa", [2, 5, 10, 30, 100, 300, 1000])
def test_the_measured_contraction_is_the_formula(slow_page, kappa):
    measured, formula = re.fullmatch(
        r"measured ([\d.]+), formula ([\d.]+)", slow_page[f"kappa={kappa}"]
    ).groups()
    # The page runs gdbook on the diagonal quadratic with eigenvalues linspace(1,
    # kappa, 5) from w = (1, ..., 1); each coordinate is multiplied by 1 - lr
    # lambda_i at each step, so after k steps w = (1 - lr lambda)**k (closed form).
    eigenvalues = np.linspace(1.0, kappa, 5)
    n = 100 + 4 * kappa
    lr = 2 / (kappa + 1.0)
    norms = np.linalg.norm((1 - lr * eigenvalues) ** np.arange(n + 1)[:, None], axis=1)
    ours = (norms[n] / norms[n // 2]) ** (1 / (n - n // 2))
    assert float(measured) == pytest.approx(ours, abs=5e-7)
    assert float(formula) == pytest.approx(rate(kappa), abs=5e-7)
    assert ours == pytest.approx(rate(kappa), rel=1e-12)


@pytest.mark.parametrize("kappa", [10, 100, 1000])
def test_the_steps_to_a_millionth_are_counted_and_match(slow_page, kappa):
    label = f"steps to divide the distance by 1e6, kappa={kappa}"
    counted, formula = map(
        int, re.fullmatch(r"measured (\d+), formula (\d+)", slow_page[label]).groups()
    )
    expected = int(np.ceil(np.log(1e-6) / np.log(rate(kappa))))
    assert counted == formula == expected
    # About 6.9 kappa: linear in the condition number.
    assert expected == pytest.approx(np.log(1e6) / 2 * kappa, rel=0.01)


def test_no_fixed_step_beats_two_over_l_plus_mu(slow_page):
    line = slow_page["smallest measured contraction"]
    numbers = [float(v) for v in re.findall(r"\d\.\d+", line)]
    smallest, at, formula, best = numbers
    assert at == best == pytest.approx(2 / 11, abs=5e-7)
    assert smallest == formula == pytest.approx(rate(10), abs=5e-7)


def test_the_cautious_step_is_slower(slow_page):
    f = gdbook.quadratic(condition=10)
    best = gdbook.gradient_descent(f.grad, [10.0, 3.0], lr=2 / 11, steps=20)
    cautious = gdbook.gradient_descent(f.grad, [10.0, 3.0], lr=0.1, steps=20)
    # Closed forms: the best step shrinks the distance by 9/11 a step; 1/L zeroes
    # w1 at once and multiplies w0 by 0.9.
    assert float(slow_page["distance after 20 steps, best step"]) == pytest.approx(
        np.hypot(10, 3) * (9 / 11) ** 20, abs=5e-5
    )
    assert float(slow_page["distance after 20 steps, step 1/λ_max"]) == pytest.approx(
        10 * 0.9**20, abs=5e-5
    )
    assert np.linalg.norm(best.x) < np.linalg.norm(cautious.x)
    # 1/L zeroes x1 at once, then x0 shrinks by 1 - 1/kappa per step.
    assert cautious.x[1] == 0.0 and cautious.x[0] == pytest.approx(10 * 0.9**20)
