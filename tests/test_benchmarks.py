"""The benchmarks compare like with like: their baselines compute the same things."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

import gdbook

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
import bench_least_squares
import timing


def test_the_python_loop_baseline_computes_gdbooks_gradient():
    rng = np.random.default_rng(0)
    X, y, w = rng.normal(size=(50, 3)), rng.normal(size=50), rng.normal(size=3)
    loop_w, loop_b = bench_least_squares.python_loop_step(
        X.tolist(), y.tolist(), w.tolist(), 0.5
    )
    grad_w, grad_b = gdbook.least_squares_gradient(X, y, w, 0.5)
    np.testing.assert_allclose(loop_w, grad_w, rtol=1e-12)
    assert loop_b == pytest.approx(grad_b, rel=1e-12)


def test_tables_are_markdown_with_aligned_columns():
    text = timing.table(["a", "long header"], [["1", "2"], ["333", "4"]])
    lines = text.splitlines()
    assert lines[0] == "| a   | long header |"
    assert lines[1] == "|-----|-------------|"
    assert lines[3] == "| 333 | 4           |"


def test_durations_are_printed_with_their_unit():
    assert timing.format_seconds(1.5) == "1.5 s"
    assert timing.format_seconds(0.0123) == "12.3 ms"
    assert timing.format_seconds(4.2e-6) == "4.2 µs"


def test_budgets_are_printed_within_or_over():
    import bench_build

    assert bench_build.verdict(53.0, bench_build.CLEAN_BUILD_BUDGET) == "within 60 s"
    assert bench_build.verdict(61.0, bench_build.CLEAN_BUILD_BUDGET) == "OVER 60 s"
    assert bench_build.verdict(2.5, bench_build.PAGE_BUDGET) == "OVER 2 s"
