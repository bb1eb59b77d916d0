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

    assert bench_build.verdict(29.0, bench_build.CLEAN_BUILD_BUDGET) == "within 30 s"
    assert bench_build.verdict(31.0, bench_build.CLEAN_BUILD_BUDGET) == "OVER 30 s"
    assert bench_build.verdict(2.5, bench_build.PAGE_BUDGET) == "OVER 2 s"


def test_animations_are_printed_per_frame_against_the_median_example(tmp_path):
    import bench_build

    report = tmp_path / "times.tsv"
    report.write_text(
        "sphx_glr_plot_b_002.mp4\t50\t1.0\nsphx_glr_plot_a_001.mp4\t10\t0.05\n"
    )
    videos = bench_build.animation_times(report)
    assert videos == [
        ("sphx_glr_plot_a_001.mp4", 10, 0.05),
        ("sphx_glr_plot_b_002.mp4", 50, 1.0),
    ]
    per_example = [
        ("02_x/plot_b.py", 6.0),
        ("02_x/plot_a.py", 1.5),
        ("01_x/plot_c.py", 1.0),
        ("01_x/plot_d.py", 0.5),
    ]  # median 1.25 s
    rows = bench_build.animation_rows(per_example, videos)
    assert rows[0][:2] == ["median example", "1.25 s"]
    assert rows[1][1] == "5.0 ms (0.05 s in all)"
    assert rows[2][1] == "20.0 ms (1.00 s in all)"
    assert rows[3] == ["example plot_a / median example", "1.2 ×", "within 5 ×"]
    assert rows[4] == ["example plot_b / median example", "4.8 ×", "within 5 ×"]
    per_example[0] = ("02_x/plot_b.py", 7.0)  # median still 1.25 s
    assert bench_build.animation_rows(per_example, videos)[4][2] == "OVER 5 ×"
    assert bench_build.animation_times(tmp_path / "none.tsv") == []


def test_the_formula_is_counted_from_the_def_to_the_first_statement(
    tmp_path,
):
    import bench_house

    module = tmp_path / "m.py"
    module.write_text(
        '@decorated\ndef f(x):\n    """Doc.\n\n    More.\n    """\n    return x\n\n\n'
        "def g(x):\n    return x\n\n\ndef _private(x):\n    return x\n"
    )
    assert bench_house.formula_distances(module) == [("f", 5), ("g", 1)]
    assert bench_house.within(5000, 5000) == "OVER < 5,000"
    assert bench_house.within(450, 450, below=False) == "within ≤ 450"
