"""The "Why vectorise" page: both styles agree, every size is timed, the kernel agrees.

Values are read by their labels (``printed_values``), never by line position.
"""

from __future__ import annotations

import re

import numpy as np
import pytest
from conftest import printed_values

import gdbook

PAGE = "05_performance/plot_why_vectorise.py"


def test_why_vectorise_fits_the_same_line_both_ways(run_example):
    values = printed_values(run_example(PAGE))
    fit = gdbook.fit_line(*gdbook.noisy_line(), lr=0.01, epochs=100)
    # The loop sums the samples in another order, so only 12 decimals are printed.
    expected = f"m = {fit.slope:.12f}, b = {fit.intercept:.12f}"
    assert values["loops"].strip() == expected
    assert values["vectorised"].strip() == expected


def test_why_vectorise_times_every_size(run_example):
    # Timings are printed, never asserted: a busy machine would make any bound flaky
    # (speed is measured by `nox -s bench`).
    out = run_example(PAGE)
    pattern = r"^ +(\d+) +([\d.]+) +([\d.]+) +([\d.e+]+)x$"
    rows = re.findall(pattern, out, re.M)
    sizes = [int(n) for n, *_ in rows]
    for _, loop, vectorised, ratio in rows:
        assert float(ratio) == pytest.approx(float(loop) / float(vectorised), rel=0.1)
    assert sizes == [100, 300, 1000, 3000, 10000, 30000]


def test_the_vectorised_gradient_is_the_sources_formula(run_example):
    values = printed_values(run_example(PAGE))
    x, y = gdbook.noisy_line()
    # Source 001's loop (the reference), at w = b = 0.
    grad_w = sum(2 * xi * (0 * xi + 0 - yi) for xi, yi in zip(x, y, strict=True))
    grad_b = sum(2 * (0 * xi + 0 - yi) for xi, yi in zip(x, y, strict=True))
    expected = (grad_w / len(x), grad_b / len(x))
    printed = [float(v) for v in values["gradient at w = b = 0"].split()]
    assert printed == pytest.approx(expected, rel=1e-12)
    ours = [float(v) for v in values["gdbook"].strip("()").split(", ")]
    assert ours == pytest.approx(expected, rel=1e-12)


def test_the_blocked_kernel_agrees_with_the_plain_formula(run_example):
    out = run_example(PAGE)
    values = printed_values(out)
    label = "kernel against the plain formula, relative difference"
    assert float(values[label]) < 1e-12
    # gdbook uses the kernel above 256 KiB: its gradient is the kernel's sums.
    rng = np.random.default_rng(1)
    x = rng.uniform(0, 10, 100_000)
    y = 3 * x + rng.normal(0, 1, x.size)
    sum_xr, sum_r = gdbook._fast.least_squares_sums(x, y, 2.5, 0.5)
    assert gdbook.least_squares_gradient(x, y, 2.5, 0.5) == (
        2 / x.size * sum_xr,
        2 / x.size * sum_r,
    )
    assert re.search(r"plain formula [\d.]+ ms, blocked kernel [\d.]+ ms", out)
