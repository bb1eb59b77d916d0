"""The adaptive-step pages print what they promise, checked against PyTorch.

Three pages: the rules (plot_adaptive_steps), their states (plot_adaptive_states)
and Adam's bias correction (plot_adam_bias_correction). Every number is parsed from
the page's output and compared with PyTorch's run of the same rule
(``torch.optim``, through tests/torch_reference.py), its own optimizer state, or a
closed form.
"""

from __future__ import annotations

import re

import numpy as np
import pytest
import torch_reference
from conftest import ROOT, printed_values

import gdbook
from gdbook.optimizers import adagrad, adam, rmsprop

STEPS_PAGE = "06_optimizers/plot_adaptive_steps.py"
STATES_PAGE = "06_optimizers/plot_adaptive_states.py"
BIAS_PAGE = "06_optimizers/plot_adam_bias_correction.py"
CURVATURES = np.array([1.0, 100.0])
START = [-4.0, 0.6]
OPTIMIZERS = {"AdaGrad": adagrad(0.5), "RMSProp": rmsprop(0.05), "Adam": adam(0.5)}


def grad(x):
    return CURVATURES * x


def row(out: str, name: str, table: int = 0) -> list[float]:
    """The numbers of the row that starts with ``name`` in the page's table-th table
    that has such a row."""
    line = re.findall(rf"^{re.escape(name)} {{2,}}(.+)$", out, re.M)[table]
    return [float(v) for v in line.replace(",", " ").split()]


@pytest.fixture(scope="module")
def steps_out(run_example):
    return run_example(STEPS_PAGE)


@pytest.fixture(scope="module")
def torch_runs(torch):
    return {
        name: torch_reference.torch_iterates(torch, opt, grad, START, steps=100)
        for name, opt in OPTIMIZERS.items()
    }


def test_the_distances_are_pytorchs(steps_out, torch_runs):
    for name, xs in torch_runs.items():
        loop, ours = row(steps_out, name)
        distance = np.linalg.norm(xs[-1])
        assert loop == pytest.approx(distance, rel=0.05)
        assert ours == pytest.approx(distance, rel=0.05)
    (gd,) = row(steps_out, "gradient descent")
    # Gradient descent at 2/101: each step multiplies w_0 by 99/101, w_1 by -99/101.
    assert gd == pytest.approx(np.hypot(*START) * (99 / 101) ** 100, rel=0.05)


@pytest.mark.parametrize(("name", "expected"), [("AdaGrad", 1), ("RMSProp", 10)])
def test_the_first_steps_in_units_of_lr(steps_out, torch_runs, name, expected):
    # AdaGrad's divisor after one gradient is |g|; RMSProp's sqrt(1 - alpha) |g|.
    printed = [float(v) for v in re.search(rf"^{name}: (.+)$", steps_out, re.M)
               .group(1).split(", ")]  # fmt: skip
    assert printed == pytest.approx([expected, expected], abs=5e-5)
    first = np.abs(torch_runs[name][1] - torch_runs[name][0]) / OPTIMIZERS[name].lr
    assert first == pytest.approx([expected, expected], rel=1e-6)


def test_round_bowl_and_turned_bowl(steps_out, torch, torch_runs):
    """The badly scaled bowl is the round one to them; turned, it is not."""
    round_bowl = gdbook.quadratic([1.0, 1.0])
    R = np.array([[1.0, -1.0], [1.0, 1.0]]) / np.sqrt(2)
    A = R @ np.diag(CURVATURES) @ R.T
    for name, opt in OPTIMIZERS.items():
        on_round = torch_reference.torch_iterates(
            torch, opt, round_bowl.grad, START, 100
        )
        turned = torch_reference.torch_iterates(
            torch, opt, lambda w: A @ w, R @ START, 100
        )
        gap, distance, turned_distance = row(steps_out, name, 1)
        reference_gap = np.abs(on_round - torch_runs[name]).max()
        assert gap == pytest.approx(reference_gap, rel=0.05)
        assert gap < 1e-7  # the same path, up to epsilon
        assert turned_distance == pytest.approx(np.linalg.norm(turned[-1]), rel=0.05)
    # Gradient descent turns with the function: the same distance both ways.
    gap, distance, turned_distance = row(steps_out, "gradient descent", 1)
    assert distance == turned_distance and gap > 1
    # AdaGrad and RMSProp lose their lead when the bowl is turned.
    for name in ("AdaGrad", "RMSProp"):
        assert row(steps_out, name, 1)[2] > 10 * row(steps_out, name, 1)[1]


def test_the_states_are_pytorchs_and_the_weighted_sums(run_example, torch):
    out = run_example(STATES_PAGE)
    keys = {
        "AdaGrad, s": ("AdaGrad", "sum"),
        "RMSProp, r": ("RMSProp", "square_avg"),
        "Adam, m": ("Adam", "exp_avg"),
        "Adam, v": ("Adam", "exp_avg_sq"),
    }
    for label, (name, key) in keys.items():
        param = torch.tensor(START, dtype=torch.float64, requires_grad=True)
        optimizer = torch_reference.torch_optimizer(torch, OPTIMIZERS[name], [param])
        for _ in range(100):
            param.grad = torch.from_numpy(grad(param.detach().numpy().copy()))
            optimizer.step()
        state = optimizer.state[param][key].numpy()
        values = row(out, label)
        assert values[:2] == pytest.approx(state, rel=5e-4)  # gdbook's state
        assert values[2:] == pytest.approx(state, rel=5e-4)  # the weighted sum


@pytest.fixture(scope="module")
def bias_out(run_example):
    return run_example(BIAS_PAGE)


def test_adams_steps_with_and_without_correction(bias_out, torch):
    beta1, beta2 = 0.9, 0.999
    rows = re.findall(r"^ +(\d+) +([\d.]+) +([\d.]+) +([\d.]+)$", bias_out, re.M)
    assert [int(r[0]) for r in rows] == [1, 2, 10, 100, 1000]
    corrected = torch_reference.torch_iterates(
        torch, adam(0.01), lambda w: np.array([3.0, -0.5]), [0.0, 0.0], 1000
    )
    torch_steps = np.abs(np.diff(corrected, axis=0)) / 0.01
    for step, uncorrected, formula, with_correction in rows:
        t = int(step)
        closed = (1 - beta1**t) / np.sqrt(1 - beta2**t)
        assert float(formula) == pytest.approx(closed, abs=5e-5)
        assert float(uncorrected) == pytest.approx(closed, abs=5e-5)
        assert float(with_correction) == pytest.approx(torch_steps[t - 1, 0], abs=5e-5)
    assert float(rows[0][1]) == pytest.approx(0.1 / np.sqrt(0.001), abs=5e-5)  # 3.16
    values = printed_values(bias_out)
    t = np.arange(1, 1001)
    closed = (1 - beta1**t) / np.sqrt(1 - beta2**t)
    peak = re.fullmatch(r"([\d.]+) at step (\d+)", values["longest uncorrected step"])
    assert float(peak.group(1)) == pytest.approx(closed.max(), abs=5e-5)
    assert int(peak.group(2)) == closed.argmax() + 1 == 12
    low, high = map(float, values["corrected steps, smallest and largest"].split(", "))
    assert (low, high) == pytest.approx((1, 1), abs=1e-6)
    assert torch_steps.min() == pytest.approx(1, abs=1e-6)


def test_the_lesson_quotes_the_measured_peak(bias_out):
    peak = re.search(r"longest uncorrected step: ([\d.]+) at step (\d+)", bias_out)
    lesson = (ROOT / "docs" / "concepts" / "optimizers.md").read_text()
    assert f"${float(peak.group(1)):.2f}\\,\\eta$ at step {peak.group(2)}" in lesson
