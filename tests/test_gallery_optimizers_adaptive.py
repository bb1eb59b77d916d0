"""The adaptive-steps page prints what it promises, and its measurements hold.

Every value is read by its label (``printed_values``) and compared with the same
quantity computed here through gdbook, and with the formula of the theory.
"""

from __future__ import annotations

import re

import numpy as np
import pytest
from conftest import ROOT, printed_values

import gdbook
from gdbook.optimizers import adagrad, adam, rmsprop

PAGE = "06_optimizers/plot_adaptive_steps.py"
F = gdbook.quadratic([1.0, 100.0])
START = np.array([-4.0, 0.6])
GD_LR = 2 / 101
NAMES = ["AdaGrad", "RMSProp", "Adam"]


def optimizer(name):
    return {"AdaGrad": adagrad(0.5), "RMSProp": rmsprop(0.05), "Adam": adam(0.5)}[name]


def run(name, grad=F.grad, start=START):
    return gdbook.gradient_descent(grad, start, steps=100, optimizer=optimizer(name))


def array(value: str) -> np.ndarray:
    return np.array(value.strip("[]").split(), dtype=float)


@pytest.fixture(scope="module")
def page(run_example):
    return printed_values(run_example(PAGE))


def test_the_numpy_loops_are_gdbooks_runs(page):
    assert page["AdaGrad, numpy loop and gdbook agree bit for bit"] == "True"
    assert page["RMSProp, numpy loop and gdbook agree bit for bit"] == "True"
    # Adam as the formula reads, against gdbook's (PyTorch's) order of operations.
    x, m, v = START, np.zeros(2), np.zeros(2)
    path = [x]
    for t in range(1, 101):
        g = np.array([1.0, 100.0]) * x
        m = 0.9 * m + (1 - 0.9) * g
        v = 0.999 * v + (1 - 0.999) * g * g
        x = x - 0.5 * (m / (1 - 0.9**t)) / (np.sqrt(v / (1 - 0.999**t)) + 1e-8)
        path.append(x)
    difference = np.abs(np.array(path) - run("Adam").xs).max()
    assert float(page["Adam, numpy loop against gdbook, largest difference"]) == (
        difference
    )
    assert 0 < difference < 1e-13


def test_the_distances_are_gdbooks(page):
    gd = gdbook.gradient_descent(F.grad, START, lr=GD_LR, steps=100)
    assert float(page["gradient descent, distance after 100 steps"]) == (
        np.linalg.norm(gd.x)
    )
    for name in NAMES:
        distance = np.linalg.norm(run(name).x)
        assert float(page[f"{name}, distance after 100 steps"]) == distance
        # Each adaptive method ends far closer than gradient descent's best step.
        assert distance < np.linalg.norm(gd.x) / 20


@pytest.mark.parametrize(
    ("name", "expected"), [("AdaGrad", 1), ("RMSProp", 10), ("Adam", 1)]
)
def test_the_first_steps_in_units_of_lr(page, name, expected):
    trace = run(name)
    ours = np.abs(trace.xs[1] - trace.xs[0]) / trace.lr
    printed = array(page[f"{name}, first step in units of lr"])
    np.testing.assert_allclose(printed, ours, rtol=1e-8)
    # The same in both coordinates, though the gradients are -4 and 60; eps
    # shortens them by less than 1e-7 of themselves.
    np.testing.assert_allclose(ours, expected, rtol=1e-7)
    assert (
        page["RMSProp, formula 1/sqrt(1 - alpha)"]
        == f"{1 / np.sqrt(1 - 0.99):.10g}"
        == "10"
    )


def test_the_badly_scaled_bowl_is_the_round_one_to_them(page):
    round_bowl = gdbook.quadratic([1.0, 1.0])
    for name in NAMES:
        gap = np.abs(run(name, round_bowl.grad).xs - run(name).xs).max()
        label = f"{name}, largest gap between the paths on (1, 100) and (1, 1)"
        assert float(page[label]) == gap
        assert gap < 1e-6
    gd = gdbook.gradient_descent(F.grad, START, lr=GD_LR, steps=100)
    gd_round = gdbook.gradient_descent(round_bowl.grad, START, lr=GD_LR, steps=100)
    gap = np.abs(gd.xs - gd_round.xs).max()
    label = "gradient descent, largest gap between the paths on (1, 100) and (1, 1)"
    assert float(page[label]) == gap
    assert gap > 1


def test_turning_the_problem_hurts_only_the_adaptive_methods(page):
    angle = np.pi / 4
    R = np.array([[np.cos(angle), -np.sin(angle)], [np.sin(angle), np.cos(angle)]])
    A = R @ np.diag([1.0, 100.0]) @ R.T

    def turned_gradient(x):
        return A @ x

    label = "{}, distance after 100 steps, along the axes and turned"
    aligned, turned = map(float, page[label.format("gradient descent")].split())
    gd = gdbook.gradient_descent(turned_gradient, R @ START, lr=GD_LR, steps=100)
    assert turned == np.linalg.norm(gd.x)
    assert turned == pytest.approx(aligned, rel=1e-12)
    for name in NAMES:
        aligned, turned = map(float, page[label.format(name)].split())
        assert aligned == np.linalg.norm(run(name).x)
        assert turned == np.linalg.norm(run(name, turned_gradient, R @ START).x)
        assert turned > 4 * aligned


def test_the_states_are_the_weighted_sums_they_claim(page):
    assert page["own loop and gradient_descent agree bit for bit"] == "True"
    ages = 99 - np.arange(100)
    for name, field, weights, power in [
        ("AdaGrad", "sum_of_squares", None, 2),
        ("RMSProp", "mean_square", (1 - 0.99) * 0.99**ages, 2),
        ("Adam", "mean", (1 - 0.9) * 0.9**ages, 1),
        ("Adam", "mean_square", (1 - 0.999) * 0.999**ages, 2),
    ]:
        opt = optimizer(name)
        trace = run(name)
        state = opt.init(START)
        for g in trace.grads:
            _, state = opt.update(g, state)
        value = getattr(state, field)
        if weights is None:  # the page sums as numpy does
            expected = (trace.grads**power).sum(axis=0)
        else:
            expected = weights @ trace.grads**power
        difference = np.abs(value / expected - 1).max()
        label = f"{name}, {field} after 100 steps, relative difference from the formula"
        assert float(page[label]) == difference
        assert difference < 1e-13


# --- Adam's bias correction ------------------------------------------------------

CONSTANT = np.array([3.0, -0.5])
T = np.arange(1, 1001)
FORMULA = (1 - 0.9**T) / np.sqrt(1 - 0.999**T)


@pytest.fixture(scope="module")
def uncorrected_steps():
    x, m, v = np.zeros(2), np.zeros(2), np.zeros(2)
    xs = [x]
    for _ in range(1000):
        m = 0.9 * m + (1 - 0.9) * CONSTANT
        v = 0.999 * v + (1 - 0.999) * CONSTANT * CONSTANT
        x = x - 0.01 * m / (np.sqrt(v) + 1e-8)
        xs.append(x)
    return np.abs(np.diff(xs, axis=0)) / 0.01


def test_adams_first_step_is_lr_with_correction_and_3_16_lr_without(
    page, uncorrected_steps
):
    corrected = gdbook.gradient_descent(
        lambda x: CONSTANT, np.zeros(2), steps=1000, optimizer=adam(0.01)
    )
    steps = np.abs(np.diff(corrected.xs, axis=0)) / 0.01
    with_label = "first step with correction (gdbook), in units of lr"
    np.testing.assert_allclose(array(page[with_label]), steps[0], rtol=1e-8)
    np.testing.assert_allclose(steps, 1, rtol=1e-7)
    smallest, largest = map(
        float,
        page["steps with correction, in units of lr, smallest and largest"].split(),
    )
    assert (smallest, largest) == (steps.min(), steps.max())

    without = array(page["first step without correction, in units of lr"])
    np.testing.assert_allclose(without, uncorrected_steps[0], rtol=1e-8)
    formula = float(page["formula (1 - b1)/sqrt(1 - b2)"])
    assert formula == pytest.approx(0.1 / np.sqrt(0.001), rel=1e-15)
    np.testing.assert_allclose(without, formula, rtol=1e-6)


@pytest.mark.parametrize("step", [2, 10, 100, 1000])
def test_the_uncorrected_steps_follow_the_formula(page, uncorrected_steps, step):
    measured, formula = re.fullmatch(
        r"measured ([\d.]+), formula ([\d.]+)",
        page[f"step {step} without correction, in units of lr"],
    ).groups()
    ours = uncorrected_steps[step - 1]
    assert measured == f"{ours[0]:.5f}"
    assert formula == f"{FORMULA[step - 1]:.5f}"
    np.testing.assert_allclose(ours, FORMULA[step - 1], rtol=1e-6)


def test_the_longest_uncorrected_step(page, uncorrected_steps):
    measured, at, formula, formula_at = re.fullmatch(
        r"measured ([\d.]+) at step (\d+), formula ([\d.]+) at step (\d+)",
        page["longest step without correction"],
    ).groups()
    assert int(at) == int(formula_at) == FORMULA.argmax() + 1 == 12
    assert measured == f"{uncorrected_steps[:, 0].max():.5f}"
    assert formula == f"{FORMULA.max():.5f}"
    assert 6.5 < FORMULA.max() < 6.6


def test_the_concept_page_quotes_the_measured_peak():
    text = (ROOT / "docs" / "concepts" / "optimizers.md").read_text()
    concept = " ".join(text.split())
    peak = f"{FORMULA.max():.2f}"
    assert f"up to ${peak}\\,\\eta$ at step {FORMULA.argmax() + 1}" in concept
    assert f"\\approx {0.1 / np.sqrt(0.001):.2f}\\,\\eta$" in concept
