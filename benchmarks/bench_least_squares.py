"""One batch gradient-descent step of the least-squares fit, against its floor.

A step computes the residual ``r = X w + b - y`` and the gradient ``2/n X^T r``:
it must read ``X`` twice, so its floor is two reads of ``X`` plus one pass over the
target and residual vectors. Every time is given as a multiple of one read of ``X``
measured in the same run, so the table compares across machines.
"""

from __future__ import annotations

import functools
import time

import numpy as np
from timing import best_time, table

import gdbook

SHAPES = ((10_000_000, 1), (1_000_000, 10), (100_000, 100))
LOOP_ROWS = 2_000  # the pure-Python loop is timed on this many rows and scaled


def one_read(a: np.ndarray) -> float:
    """Time of the fastest single pass over ``a`` that numpy offers.

    ``a.sum()`` is single-threaded and pairwise; ``a.max()`` and the BLAS dot product
    ``a @ a`` (multi-threaded) often stream memory faster. The floor must be the
    fastest, or a step could look faster than reading its input.
    """
    flat = a.reshape(-1)
    return min(
        best_time(f, repeat=3) for f in (flat.sum, flat.max, lambda: flat @ flat)
    )


def python_loop_step(X, y, w, b):
    """The sources' pure-Python gradient (source 002's loop, with a bias)."""
    n, d = len(X), len(w)
    grad_w = [0.0] * d
    grad_b = 0.0
    for row, target in zip(X, y, strict=True):
        residual = sum(row[j] * w[j] for j in range(d)) + b - target
        for j in range(d):
            grad_w[j] += 2 * row[j] * residual / n
        grad_b += 2 * residual / n
    return grad_w, grad_b


def torch_step_timer(X, y, w, b):
    """A timer for the same step in PyTorch on the CPU, or None without torch."""
    try:
        import torch
    except ImportError:
        return None
    Xt, yt, wt = (torch.from_numpy(a) for a in (X, y, w))
    n = len(y)

    def step():
        r = Xt @ wt + b - yt
        return (Xt.T @ r) * (2 / n), r.sum() * (2 / n)

    return lambda: best_time(step, repeat=3)


def run() -> str:
    rng = np.random.default_rng(0)
    rows = []
    for n, d in SHAPES:
        X = rng.normal(size=(n, d))
        y = rng.normal(size=n)
        w = rng.normal(size=d)
        b = 0.5
        read_X = one_read(X)
        read_y = one_read(y)
        # Two reads of X, then y read once and the residual written and read once.
        floor = 2 * read_X + 3 * read_y

        gradient = gdbook.least_squares_gradient
        step = best_time(functools.partial(gradient, X, y, w, b), repeat=3)
        X_fortran = np.asfortranarray(X)
        step_f = best_time(functools.partial(gradient, X_fortran, y, w, b), repeat=3)

        small = X[:LOOP_ROWS].tolist(), y[:LOOP_ROWS].tolist(), w.tolist()
        start = time.perf_counter()
        python_loop_step(*small, b)
        loop = (time.perf_counter() - start) * n / LOOP_ROWS

        torch_timer = torch_step_timer(X, y, w, b)
        torch_time = torch_timer() if torch_timer else None

        rows.append(
            [
                f"({n:_}, {d})",
                f"{read_X * 1e3:.1f} ms",
                f"{floor / read_X:.2f}x",
                f"{step / read_X:.2f}x ({step / floor:.2f} of floor)",
                f"{step_f / read_X:.2f}x ({step_f / floor:.2f} of floor)",
                f"{loop / read_X:,.0f}x",
                "not installed"
                if torch_time is None
                else f"{torch_time / read_X:.2f}x",
            ]
        )
    headers = [
        "X shape (+ bias)",
        "one read of X",
        "floor",
        "gdbook, X in C order",
        "gdbook, X in Fortran order",
        "Python loop (scaled)",
        "PyTorch CPU",
    ]
    return "One gradient step of the least-squares fit, in reads of X\n\n" + table(
        headers, rows
    )


if __name__ == "__main__":
    print(run())
