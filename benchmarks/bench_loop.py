"""gdbook's descent loop against a hand-written numpy loop of the same rule.

Both keep the whole history (every point and gradient) and give the same bits
(tests/test_descent.py checks it); the ratio is gdbook's time over the plain
loop's, for each optimizer, on a small problem (Rosenbrock's function, 2
parameters) and a large one (a quadratic of 10,000 parameters), and for the
stochastic loop (mini-batches of a line fit). On the small problem both loops
call ``gdbook.rosenbrock.grad``, which checks its point at each call where
gdbook's loop checks the start once and then calls the formula; the row "a plain
grad function" gives both the same unchecked function: it measures the loop's own
work (copying the point for grad, checking each gradient and point).
"""

from __future__ import annotations

import functools
import os
import time

import numpy as np
from timing import format_seconds, table

import gdbook
from gdbook import optimizers

RULES = {
    "sgd": optimizers.sgd(1e-3),
    "momentum": optimizers.momentum(2e-4, momentum=0.9),
    "adagrad": optimizers.adagrad(0.1),
    "rmsprop": optimizers.rmsprop(1e-3),
    "adam": optimizers.adam(0.01),
}


def hand_written(opt: optimizers.Optimizer, grad, x0, steps: int):
    """The plain loop of ``opt``'s rule, with the order of operations of
    gdbook.optimizers (so, the same bits); returns the points and the gradients."""
    h = opt.hyperparameters
    lr = h["lr"]
    x = np.array(x0, dtype=float)
    xs, gs = [x], []
    a = np.zeros_like(x)  # velocity, sum of squares or mean square
    m = np.zeros_like(x)  # Adam's mean
    for t in range(1, steps + 1):
        g = grad(x)
        if opt.name == "sgd":
            step = -lr * g
        elif opt.name == "momentum":
            a = h["momentum"] * a + g
            step = -lr * a
        elif opt.name == "adagrad":
            a = a + g * g
            step = -lr * g / (np.sqrt(a) + h["eps"])
        elif opt.name == "rmsprop":
            a = h["alpha"] * a + (1 - h["alpha"]) * g * g
            step = -lr * g / (np.sqrt(a) + h["eps"])
        else:
            b1, b2 = h["betas"]
            w = 1 - b1  # m + w (g - m), computed as torch.lerp does
            m = m + w * (g - m) if w < 0.5 else g - (g - m) * (1 - w)
            a = b2 * a + (1 - b2) * g * g
            denominator = np.sqrt(a) / (1 - b2**t) ** 0.5 + h["eps"]
            step = -(lr / (1 - b1**t)) * m / denominator
        x = x + step
        xs.append(x)
        gs.append(g)
    return np.array(xs), np.array(gs)


def plain_rosenbrock_gradient(x):
    """Rosenbrock's gradient as a plain function (gdbook.rosenbrock's formula)."""
    return np.array(
        [-2 * (1 - x[0]) - 400 * x[0] * (x[1] - x[0] ** 2), 200 * (x[1] - x[0] ** 2)]
    )


def large_problem(n: int = 10_000):
    """A quadratic of ``n`` parameters with curvatures from 1 to 10."""
    rng = np.random.default_rng(0)
    d, b = np.linspace(1.0, 10.0, n), rng.normal(size=n)

    def grad(x):
        return d * x - b

    return grad, rng.normal(size=n)


def line_data(n: int = 1000):
    rng = np.random.default_rng(1)
    x = rng.uniform(-1, 1, size=n)
    return x, 3 * x + 0.5 + rng.normal(scale=0.1, size=n)


def hand_written_sgd(grad, x0, n, lr, epochs, batch_size, seed):
    """Mini-batch SGD by hand, the visiting orders drawn as gdbook draws them."""
    rng = np.random.default_rng(seed)
    x = np.array(x0, dtype=float)
    xs, gs = [x], []
    for _ in range(epochs):
        order = rng.permutation(n)
        for start in range(0, n, batch_size):
            g = grad(x, order[start : start + batch_size])
            x = x + -lr * g
            xs.append(x)
            gs.append(g)
    return np.array(xs), np.array(gs)


def line_problem():
    x, y = line_data()

    def grad(w, batch):
        error = w[0] * x[batch] + w[1] - y[batch]
        return np.array([2 * np.mean(error * x[batch]), 2 * np.mean(error)])

    return grad, np.zeros(2), x.size


def _cpu_time(func) -> float:
    start = time.process_time()
    func()
    return time.process_time() - start


def _same_bits(ours, theirs) -> None:
    """The two loops give the same points and gradients, bit for bit."""
    trace, (xs, gs) = ours(), theirs()
    assert np.array_equal(trace.xs, xs) and np.array_equal(trace.grads, gs)


def _ratio(ours, theirs, rounds: int = 15) -> list[str]:
    """Both timed side by side (CPU time: on a shared machine the wall clock
    measures the other processes too), ``rounds`` times in turns; the medians, and
    the median and range of the rounds' ratios."""
    _same_bits(ours, theirs)
    times = np.array([(_cpu_time(theirs), _cpu_time(ours)) for _ in range(rounds)])
    ratios = np.sort(times[:, 1] / times[:, 0])
    t_theirs, t_ours = np.median(times, axis=0)
    spread = f"{ratios[0]:.2f}–{ratios[-1]:.2f}"
    return [
        format_seconds(t_theirs),
        format_seconds(t_ours),
        f"{np.median(ratios):.2f}",
        spread,
    ]


def run() -> str:
    rows = []
    start = np.array([-1.2, 1.0])
    problems = {  # both loops call the same grad
        "small (2, 2000 steps)": (gdbook.rosenbrock.grad, start, 2000),
        "small, a plain grad function": (plain_rosenbrock_gradient, start, 2000),
        "large (10,000, 200 steps)": (*large_problem(), 200),
    }
    load = os.getloadavg()[0]
    for label, (grad, x0, steps) in problems.items():
        for name, opt in RULES.items():
            ours = functools.partial(
                gdbook.gradient_descent, grad, x0, steps=steps, optimizer=opt
            )
            theirs = functools.partial(hand_written, opt, grad, x0, steps)
            rows.append([label, name, *_ratio(ours, theirs)])
    grad, x0, n = line_problem()
    kwargs = {"lr": 0.05, "epochs": 20, "batch_size": 10}
    ours = functools.partial(
        gdbook.stochastic_gradient_descent, grad, x0, n, rng=0, **kwargs
    )
    theirs = functools.partial(hand_written_sgd, grad, x0, n, seed=0, **kwargs)
    rows.append(["SGD, line (1000 samples, B=10)", "sgd", *_ratio(ours, theirs)])
    headers = ["problem", "optimizer", "hand-written", "gdbook", "ratio", "range"]
    loads = f"{load:.2f} at the start, {os.getloadavg()[0]:.2f} at the end"
    return (
        "Descent loop, whole history kept, against a hand-written numpy loop giving "
        "the same bits (asserted): median CPU times of 15 rounds in turns; ratio: "
        "the median of the rounds' gdbook / hand-written, range: their lowest and "
        "highest; the goal is 1.3 or below. Both loops call the same grad; with a "
        "plain function (no checks of its own) the ratio is the cost of the loop's "
        "safety: a copy of the point for grad, the checks of each gradient and "
        f"point. Load average (1 min): {loads} (2 cores).\n\n" + table(headers, rows)
    )


if __name__ == "__main__":
    print(run())
