"""The "Why vectorise" page: both styles agree, every size is timed, the kernel agrees.

Values are read by their labels (``printed_values``), never by line position.
"""

from __future__ import annotations

import re

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
    pattern = r"n = +(\d+): loops +[\d.]+ ms, vectorised +[\d.]+ ms, speed-up +\d+x"
    sizes = [int(m.group(1)) for m in re.finditer(pattern, out)]
    assert sizes == [100, 300, 1000, 3000, 10000, 30000]


def test_the_blocked_kernel_agrees_with_the_plain_formula(run_example):
    out = run_example(PAGE)
    values = printed_values(out)
    assert values["kernel agrees with the plain formula to 1e-12"] == "True"
    assert values["gdbook.least_squares_gradient uses the kernel here"] == "True"
    assert re.search(r"plain formula [\d.]+ ms, blocked kernel [\d.]+ ms", out)
