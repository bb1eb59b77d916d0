"""Numerical derivatives and gradients by central differences, and gradient checks.
The arithmetic is the book's; the caller's array is never modified."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, cast

import numpy as np
from numpy.typing import ArrayLike, NDArray

from gdbook._checks import Array, Flag, Function, Positive, Step, checked, frozen
from gdbook._errors import (
    check_finite_result,
    check_step,
    refuse_non_finite,
    returned_array,
    returned_scalar,
)
from gdbook._fast import batched_numerical_gradient
from gdbook.differences import DifferenceErrors, difference_errors

__all__ = ["DifferenceErrors", "GradientCheck", "difference_errors", "gradient_check"]
__all__ += ["numerical_diff", "numerical_gradient", "relative_error"]

Floats = NDArray[np.float64]  #: A float64 array.
F = Callable[[Floats], ArrayLike]  #: A function of a float64 array.
Values = Array(nonempty=False)  #: A finite real array, possibly empty.
Alike = Array(shape="analytic", nonempty=False)  #: Values of ``analytic``'s shape.
Above0 = Positive()  #: A positive finite number.
_TOO_STEEP = "f's values at x + h and x - h differ by more than float64 can hold"


@checked(f=Function(), x=Values, h=Step())
def numerical_diff(f: F, x: ArrayLike, h: float = 1e-4) -> float | np.ndarray:
    r"""Derivative of a function of one variable, :math:`(f(x+h) - f(x-h)) / 2h`.

    Parameters
    ----------
    f : callable
        Function of one real variable (element-wise when ``x`` is an array).
    x, h : float or array_like, and float default 1e-4
        Point(s) of the derivative; the step, not lost in the rounding of ``x + h``.

    Returns
    -------
    float or numpy.ndarray
        The central difference, of ``x``'s shape.

    Examples
    --------
    >>> print(numerical_diff(lambda x0: x0**2 + 4.0**2, 3.0))
    6.00000000000378
    """
    x = cast(np.ndarray, x)  # checked(): a float64 array
    check_step(x, h)
    f_plus = _values_at(f, x + h, "x + h", x.shape)
    f_minus = _values_at(f, x - h, "x - h", x.shape)
    with np.errstate(over="ignore", invalid="ignore"):
        derivative = (f_plus - f_minus) / (2 * h)
    check_finite_result(derivative, "the difference quotient", _TOO_STEEP)
    return float(derivative) if x.ndim == 0 else np.asarray(derivative, float)


def _values_at(f: F, at: np.ndarray, where: str, shape: tuple[int, ...]) -> Any:
    """``f(at)``: finite real values of ``shape`` (a float for ``()``) at ``where``."""
    with np.errstate(over="ignore", invalid="ignore"):  # refused just below
        value = f(at)
    if shape == ():
        value = returned_scalar(value, "f")
    else:
        value = returned_array(value, "f", shape, of="x's shape")
    refuse_non_finite(np.asarray(value), f"what f returns at {where}")
    return value


@checked(f=Function(), x=Values, h=Step(), batched=Flag())
def numerical_gradient(
    f: F, x: ArrayLike, h: float = 1e-4, *, batched: bool = False
) -> np.ndarray:
    r"""Gradient of a scalar function by central differences, one coordinate at a time.

    Parameters
    ----------
    f : callable
        A real function of an array of ``x``'s shape (``batched``: of a stack).
    x, h, batched : array_like, float default 1e-4, and bool default False
        The point, any shape, never modified; the step, at least 2.2e-16; whether to
        call ``f`` on a few stacks of points instead of :math:`2n` times.

    Returns
    -------
    numpy.ndarray
        :math:`(f(x + h e_i) - f(x - h e_i)) / 2h`, of ``x``'s shape.

    Examples
    --------
    >>> numerical_gradient(lambda x: x[0]**2 + x[1]**2, [3, 4])
    array([6., 8.])
    """
    x = cast(np.ndarray, x)  # checked(): a float64 array
    check_step(x, h, visible=False)  # x + h == x: E12's freeze, a 0
    with np.errstate(over="ignore", invalid="ignore"):  # f's overflow: refused
        if batched:  # the same points and arithmetic, see gdbook._fast
            grad = batched_numerical_gradient(f, x, h, _finite_values)
        else:
            grad = np.empty_like(x)
            for i in range(x.size):
                plus, minus = x.copy(), x.copy()  # fresh copies: f may keep them
                plus.flat[i], minus.flat[i] = x.flat[i] + h, x.flat[i] - h
                f_plus = _values_at(f, plus, f"x + h e_{i}", ())
                f_minus = _values_at(f, minus, f"x - h e_{i}", ())
                grad.flat[i] = (f_plus - f_minus) / (2 * h)
    return check_finite_result(grad, "the numerical gradient", _TOO_STEEP)


def _finite_values(values: Any, count: int) -> np.ndarray:
    array = returned_array(values, "f", (count,), of="one real value per point, shape")
    refuse_non_finite(array, "what f returns")
    return array


@checked(analytic=Values, numerical=Alike, floor=Positive())
def relative_error(
    analytic: ArrayLike, numerical: ArrayLike, *, floor: float = 1e-12
) -> np.ndarray:
    r"""Element-wise relative error, :math:`|a - n| / \max(|a|, |n|, \text{floor})`.

    Parameters
    ----------
    analytic, numerical : array_like
        Two gradients of one shape, finite.
    floor : float, default 1e-12
        Lower bound of the denominator (two zeros give 0, not nan).

    Returns
    -------
    numpy.ndarray
        Finite errors in [0, 2], of the common shape.

    Examples
    --------
    >>> print(relative_error([1.0, 2.0, 0.0], [1.0, 2.002, 0.0]).round(7))
    [0.       0.000999 0.      ]
    """
    a, n = cast(Floats, analytic), cast(Floats, numerical)  # checked()
    scale = np.maximum(np.maximum(np.abs(a), np.abs(n)), floor)
    with np.errstate(over="ignore"):
        errors = np.abs(a - n) / scale
    # Where a - n overflows float64 (1e308 - -1e308), subtract the scaled values.
    big = ~np.isfinite(errors)
    if np.any(big):
        errors[big] = np.abs(a[big] / scale[big] - n[big] / scale[big])
    return errors


@dataclass(frozen=True, repr=False)
class GradientCheck:  # numpydoc ignore=PR01,EX01
    """Result of :func:`gradient_check`: both gradients, their errors, the verdict."""

    analytic: np.ndarray  #: The analytic gradient.
    numerical: np.ndarray  #: The numerical gradient.
    errors: np.ndarray  #: Their element-wise :func:`relative_error`.
    tolerance: float  #: The largest relative error accepted.

    def __post_init__(self) -> None:
        frozen(self, analytic=Values, numerical=Alike, errors=Alike, tolerance=Above0)

    @property
    def max_error(self) -> float:  # numpydoc ignore=EX01
        """Largest element-wise relative error."""
        return float(self.errors.max(initial=0.0))

    @property
    def passed(self) -> bool:  # numpydoc ignore=EX01
        """Whether every element is within the tolerance."""
        return self.max_error <= self.tolerance

    def __repr__(self) -> str:
        verdict = "passed" if self.passed else "FAILED"
        return (
            f"GradientCheck({verdict}: max relative error {self.max_error:.2e}, "
            f"tolerance {self.tolerance:.0e}, {self.errors.size} parameters)"
        )


@checked(f=Function(), x=Array(), h=Step(), tolerance=Above0)
def gradient_check(
    f: F, grad: F | ArrayLike, x: ArrayLike, *, h: float = 1e-4, tolerance: float = 1e-6
) -> GradientCheck:
    """Compare an analytic gradient with the numerical one, parameter by parameter.

    Parameters
    ----------
    f, grad : callable, and callable or array_like
        As for :func:`numerical_gradient`; the analytic gradient, or its value at ``x``.
    x : array_like
        The point, non-empty.
    h, tolerance : float, default 1e-4 and 1e-6
        As for :func:`numerical_gradient`; the largest :func:`relative_error` passing.

    Returns
    -------
    GradientCheck
        Both gradients, their errors and the verdict.

    Examples
    --------
    >>> gradient_check(lambda x: (x**2).sum(), lambda x: x, [1.0, -2.0])
    GradientCheck(FAILED: max relative error 5.00e-01, tolerance 1e-06, 2 parameters)
    """
    point = cast(np.ndarray, x)  # checked(): a float64 array
    if callable(grad):
        with np.errstate(over="ignore", invalid="ignore"):  # refused just below
            grad = returned_array(grad(point.copy()), "grad", None)
        refuse_non_finite(grad, "what grad returns at x")
    analytic = Array(shape=point.shape, nonempty=False)(grad, "grad")
    numerical = numerical_gradient(f, point, h)
    errors = relative_error(analytic, numerical)
    return GradientCheck(analytic, numerical, errors, tolerance)
