"""The derivatives chapter (E08, E09, E10): every number it prints, checked.

Each value is looked up by its label (``printed_values``) and compared with what
gdbook computes here and, where the source has code, with the source's own code
(tests/book.py). Unlabelled lines are what the source itself prints.
"""

from __future__ import annotations

import book
import numpy as np
import pytest
from conftest import printed_values
from printed_numbers import as_printed, number, numbers

import gdbook


def test_e08_page_runs_the_sources_code_then_gdbook(run_example):
    out = run_example("01_derivatives/plot_numerical_diff.py")
    values = printed_values(out)
    source = book.numerical_diff(book.func_temp1, 3.0)
    assert "6.00000000000378" in out.splitlines()  # the inventory, bare as printed
    assert source == 6.00000000000378  # the source's code gives it
    assert number(values["gdbook.numerical_diff"]) == source
    assert values["same bits"] == "True"
    # The teaching numbers, rounded, against the exact slope 6.
    assert number(values["central difference at 3"]) == 6.0
    assert number(values["gdbook.numerical_diff at 3"]) == 6.0
    error = number(values["error against the exact slope 6"])
    assert error == pytest.approx(source - 6, rel=0.05) and 0 < error < 1e-11


def test_e09_page_runs_the_sources_loop_then_gdbook(run_example):
    out = run_example("01_derivatives/plot_numerical_gradient.py")
    values = printed_values(out)
    source = book.numerical_gradient_no_batch(book.function_2, np.array([3.0, 4.0]))
    assert str(source) == "[6. 8.]"  # the inventory, as numpy prints it
    assert "[6. 8.]" in out.splitlines()  # the source's bare print(res)
    # The page's numpy loop and gdbook, read as numbers, against the source's code.
    assert numbers(values["gradient at (3, 4)"]) == as_printed(source)
    assert numbers(values["gdbook.numerical_gradient"]) == as_printed(source)
    assert values["same bits as gdbook"] == "True"


def test_e09_page_shows_what_tmp_val_is_for(run_example):
    out = run_example("01_derivatives/plot_numerical_gradient.py")
    values = printed_values(out)
    # The four points the loop evaluates f at: one coordinate moved, then restored.
    seen = []

    def recording(x):
        seen.append(x.copy())
        return book.function_2(x)

    point = np.array([3.0, 4.0])
    book.numerical_gradient_no_batch(recording, point)
    assert [list(p) for p in seen] == [
        [3.0001, 4.0],
        [2.9999, 4.0],
        [3.0, 4.0001],
        [3.0, 3.9999],
    ]
    # The page prints them bare, one a line, as numpy prints a point.
    lines = out.splitlines()
    start = next(
        i
        for i, line in enumerate(lines)
        if line.startswith("[") and numbers(line) == as_printed(seen[0])
    )
    for line, p in zip(lines[start : start + 4], seen, strict=True):
        assert line.startswith("[") and line.endswith("]")
        assert numbers(line) == as_printed(p)
    assert numbers(values["the point after the call"]).tolist() == list(point)
    assert point.tolist() == [3.0, 4.0]

    # Without the restore: the second partial is taken at the moved point.
    def without_restore(f, x):
        h = 1e-4
        grad = np.zeros_like(x)
        for idx in range(x.size):
            tmp_val = x[idx]
            x[idx] = float(tmp_val) + h
            fxh1 = f(x)
            x[idx] = tmp_val - h
            fxh2 = f(x)
            grad[idx] = (fxh1 - fxh2) / (2 * h)
        return grad

    moved = np.array([3.0, 4.0])
    wrong = without_restore(lambda x: x[0] * x[1], moved)
    printed = numbers(values["without restore, gradient of x0*x1"])
    assert printed == as_printed(wrong)
    assert wrong[1] == pytest.approx(2.9999) and wrong[1] != pytest.approx(3.0)
    assert printed[1] != pytest.approx(3.0, abs=5e-5)
    moved_printed = numbers(values["without restore, the point after the call"])
    assert moved_printed == as_printed(moved)
    assert moved.tolist() == [2.9999, 3.9999]


def test_e09_page_prints_the_integer_erratum(run_example):
    values = printed_values(run_example("01_derivatives/plot_numerical_gradient.py"))
    integer_point = np.array([3, 4])
    gradient = gdbook.numerical_gradient(book.function_2, integer_point)
    assert numbers(values["gdbook, integer point"]) == as_printed([6.0, 8.0])
    assert gradient == pytest.approx([6.0, 8.0])
    # Still an integer array (numpy prints no decimal point), still (3, 4).
    assert "." not in values["integer point after the call"]
    assert numbers(values["integer point after the call"]).tolist() == [3, 4]
    assert integer_point.tolist() == [3, 4]
    # The source's loop on it: x + h truncated to x, so (f(x) - f(x - 1)) / 2e-4,
    # truncated to an integer: (9 - 4) / 2e-4 = 25000, (16 - 9) / 2e-4 = 35000.
    truncated = book.numerical_gradient_no_batch(book.function_2, np.array([3, 4]))
    assert truncated.dtype.kind == "i"
    assert truncated.tolist() == [25000, 35000]
    assert "." not in values["book, integer point"]
    assert numbers(values["book, integer point"]).tolist() == truncated.tolist()


def test_e10_page_shows_the_gradient_points_uphill(run_example):
    values = printed_values(run_example("01_derivatives/plot_numerical_gradient.py"))
    p = np.array([3.0, 4.0])
    g = book.numerical_gradient_no_batch(book.function_2, p.copy())
    up = round(book.function_2(p + 0.01 * g), 12)
    down = round(book.function_2(p - 0.01 * g), 12)
    assert number(values["f at (3, 4)"]) == 25.0
    # Closed form: f(p +- 0.01 * (6, 8)) = 9.0601 + 16.1604 = 25 +- 1 + 0.01.
    assert number(values["f after a step along the gradient"]) == up == 26.01
    assert number(values["f after a step against the gradient"]) == down == 24.01


def test_the_page_shows_a_gradient_not_aimed_at_the_minimum(run_example):
    values = printed_values(run_example("01_derivatives/plot_gradient_direction.py"))
    # -grad e = -(2 x0, 10 x1), by the source's own loop, and the closed form.
    downhill = -book.numerical_gradient_no_batch(
        lambda x: x[0] ** 2 + 5 * x[1] ** 2, np.array([2.0, 1.0])
    )
    assert numbers(values["-grad f at (2, 1)"]) == as_printed(downhill)
    assert np.allclose(downhill, [-4.0, -10.0])
    # The exact angle between (4, 10) and (2, 1), and the zero angles.
    exact = np.degrees(np.arccos(18 / np.sqrt(116 * 5)))
    assert number(values["angle at (2, 1), degrees"]) == round(exact, 1)
    assert exact > 40
    assert number(values["angle at (2, 0), degrees"]) == 0.0
    assert number(values["angle on the round bowl at (2, 1)"]) == 0.0
