"""The error of the forward and central differences against h, and its page."""

from __future__ import annotations

import book
import numpy as np
import pytest
from conftest import printed_values
from printed_numbers import number, numbers
from refusal import refused

import gdbook
from gdbook import difference_errors


def sine_errors(dtype: str) -> gdbook.DifferenceErrors:
    return difference_errors(np.sin, 1.0, np.cos(1.0), dtype=dtype)


def test_fitted_slopes_are_the_orders_of_the_differences():
    forward, central = sine_errors("float64").slopes(1e-4, 1e-1)
    assert forward == pytest.approx(1.0, abs=0.05)
    assert central == pytest.approx(2.0, abs=0.05)


@pytest.mark.parametrize(
    ("f", "x", "exact"),
    [(np.exp, 0.0, 1.0), (np.sin, 0.5, np.cos(0.5)), (np.log, 2.0, 0.5)],
)
def test_slopes_hold_for_other_smooth_functions(f, x, exact):
    forward, central = difference_errors(f, x, exact).slopes()
    assert forward == pytest.approx(1.0, abs=0.1)
    assert central == pytest.approx(2.0, abs=0.1)


def test_rounding_takes_over_at_small_steps_and_earlier_in_float32():
    errors64, errors32 = sine_errors("float64"), sine_errors("float32")
    # Below the best step the error grows again, like eps / h.
    forward, central = errors64.slopes(1e-12, 1e-9)
    assert forward == pytest.approx(-1.0, abs=0.15)
    assert central == pytest.approx(-1.0, abs=0.15)
    for errors in (errors64, errors32):
        eps = np.finfo(errors.dtype).eps
        forward_h, central_h = errors.best_h
        # Within a factor 10 of sqrt(eps) and eps^(1/3).
        assert np.sqrt(eps) / 10 < forward_h < np.sqrt(eps) * 10
        assert np.cbrt(eps) / 10 < central_h < np.cbrt(eps) * 10
        assert central_h > forward_h
    assert errors32.best_h[0] > 1000 * errors64.best_h[0]
    assert errors32.central.min() > 1000 * errors64.central.min()


def test_steps_span_1e_minus_12_to_1e_minus_1_and_computation_is_in_the_dtype():
    errors = sine_errors("float32")
    assert errors.hs.size == 45
    assert errors.hs[0] == pytest.approx(1e-12) and errors.hs[-1] == pytest.approx(0.1)
    assert errors.dtype == np.float32
    # In float32, 1 + 1e-12 == 1: the forward difference is 0, its error |cos 1|.
    assert errors.forward[0] == pytest.approx(np.cos(1.0))


def test_central_error_on_the_sources_parabola_is_the_numerical_diff_error():
    errors = difference_errors(lambda x0: x0**2 + 4**2, 3.0, 6.0, hs=[1e-4])
    assert errors.central[0] == abs(
        gdbook.numerical_diff(lambda x0: x0**2 + 16, 3.0) - 6
    )
    assert errors.forward[0] == pytest.approx(1e-4, rel=1e-6)  # exactly h on x**2


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"f": 3}, TypeError, "f"),
        ({"dtype": "int64"}, TypeError, "dtype"),
        ({"f": lambda x: float(x), "dtype": "float32"}, TypeError, "f"),
        ({"hs": [1e-3, 0.0]}, ValueError, "hs"),
        ({"hs": []}, ValueError, "hs"),
        ({"x": np.nan}, ValueError, "x"),
    ],
)
def test_bad_input(kwargs, error, match):
    arguments = {"f": np.sin, "x": 1.0, "exact": np.cos(1.0), **kwargs}
    f, x, exact = arguments.pop("f"), arguments.pop("x"), arguments.pop("exact")
    refused(error, match, lambda: difference_errors(f, x, exact, **arguments))


def test_slopes_need_two_points_in_range():
    with pytest.raises(ValueError, match="fewer than two"):
        sine_errors("float64").slopes(0.05, 0.06)


def test_page_prints_the_errors_and_slopes(run_example):
    out = run_example("01_derivatives/plot_difference_error.py")
    values = printed_values(out)
    lines = out.splitlines()
    # h = 1e-4: the forward error is the truncation term h/2 |f''(1)| (closed form).
    forward = number(values["h = 1e-4, forward error"])
    assert forward == pytest.approx(1e-4 / 2 * np.sin(1.0), rel=0.01)
    central = number(values["h = 1e-4, central error"])
    assert central == pytest.approx(1e-8 / 6 * np.cos(1.0), rel=0.01)
    # The slopes of the log-log lines: the orders 1 and 2, then rounding's -1.
    (truncation,) = [numbers(x) for x in lines if x.startswith("h in [1e-4, 1e-1]")]
    (rounding,) = [numbers(x) for x in lines if x.startswith("h in [1e-12, 1e-9]")]
    assert truncation[-2:] == pytest.approx([1.0, 2.0], abs=0.01)
    assert rounding[-2:] == pytest.approx([-1.0, -1.0], abs=0.1)
    # The best steps: near sqrt(eps) and eps**(1/3), within a factor of ten.
    for dtype in ("float64", "float32"):
        rows = [x for x in lines if x.split()[0] == dtype and "slopes" not in x]
        (row,) = [numbers(x) for x in rows]
        forward_h, central_h, forward_min, central_min = row[-4:]
        eps = np.finfo(dtype).eps
        assert np.sqrt(eps) / 10 < forward_h < np.sqrt(eps) * 10
        assert np.cbrt(eps) / 10 < central_h < np.cbrt(eps) * 10
        assert central_min < forward_min
    # The source's parabola: rounding only, the error of the source's own code.
    label = "error of the source's numerical_diff at 3"
    assert number(values[label]) == book.numerical_diff(book.func_temp1, 3.0) - 6
