"""The "Why vectorise" page: both styles agree, and every size is timed."""

from __future__ import annotations

import re

import gdbook


def test_why_vectorise_fits_the_same_line_both_ways(run_example):
    out = run_example("05_performance/plot_why_vectorise.py").splitlines()
    fit = gdbook.fit_line(*gdbook.noisy_line(), lr=0.01, epochs=100)
    # The loop sums the samples in another order, so only 12 decimals are printed.
    expected = f"m = {fit.slope:.12f}, b = {fit.intercept:.12f}"
    assert out[0] == f"loops:      {expected}"
    assert out[1] == f"vectorised: {expected}"


def test_why_vectorise_times_every_size(run_example):
    # Timings are printed, never asserted: a busy machine would make any bound flaky
    # (speed is measured by `nox -s bench`).
    out = run_example("05_performance/plot_why_vectorise.py").splitlines()
    pattern = r"n = +(\d+): loops +[\d.]+ ms, vectorised +[\d.]+ ms, speed-up +\d+x"
    rows = [re.fullmatch(pattern, line) for line in out[2:]]
    assert all(rows), out[2:]
    assert [int(r.group(1)) for r in rows] == [100, 300, 1000, 3000, 10000, 30000]
