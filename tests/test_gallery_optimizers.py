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


def test_the_numpy_loop_is_gdbooks_run(slow_page):
    f = gdbook.quadratic(condition=10)
    trace = gdbook.gradient_descent(f.grad, [10.0, 3.0], lr=2 / 11, steps=20)
    assert slow_page["numpy loop and gdbook agree bit for bit"] == "True"
    assert slow_page["after 20 steps"] == str(trace.x)
    assert slow_page["L, mu, kappa"] == "10.0 1.0 10.0"
    first, last = map(float, slow_page["distance ratios, first and last"].split())
    assert first == pytest.approx(rate(10), rel=1e-15)
    assert last == pytest.approx(rate(10), rel=1e-15)


@pytest.mark.parametrize("kappa", [2, 5, 10, 30, 100, 300, 1000])
def test_the_measured_contraction_is_the_formula(slow_page, kappa):
    measured, formula = re.fullmatch(
        r"measured ([\d.]+), formula ([\d.]+)", slow_page[f"kappa={kappa}"]
    ).groups()
    f = gdbook.quadratic(np.linspace(1.0, kappa, 5))
    n = 100 + 4 * kappa
    run = gdbook.gradient_descent(f.grad, np.ones(5), lr=2 / (f.L + f.mu), steps=n)
    norms = np.linalg.norm(run.xs, axis=1)
    ours = (norms[n] / norms[n // 2]) ** (1 / (n - n // 2))
    assert measured == f"{ours:.10f}"
    assert formula == f"{rate(kappa):.10f}"
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
    assert at == best == pytest.approx(2 / 11, abs=1e-10)
    assert smallest == formula == pytest.approx(rate(10), abs=1e-10)


def test_the_cautious_step_is_slower(slow_page):
    f = gdbook.quadratic(condition=10)
    best = gdbook.gradient_descent(f.grad, [10.0, 3.0], lr=2 / 11, steps=20)
    cautious = gdbook.gradient_descent(f.grad, [10.0, 3.0], lr=0.1, steps=20)
    assert float(slow_page["distance after 20 steps, best step"]) == np.linalg.norm(
        best.x
    )
    assert float(slow_page["distance after 20 steps, step 1/L"]) == np.linalg.norm(
        cautious.x
    )
    assert np.linalg.norm(best.x) < np.linalg.norm(cautious.x)
    # 1/L zeroes x1 at once, then x0 shrinks by 1 - 1/kappa per step.
    assert cautious.x[1] == 0.0 and cautious.x[0] == pytest.approx(10 * 0.9**20)
