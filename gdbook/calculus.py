"""Numerical derivatives and gradients by central differences, and gradient checks.

The arithmetic is the book's (same perturbation, same order of operations), but the
caller's array is never modified and integers are computed in float64.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from gdbook._fast import batched_numerical_gradient
from gdbook._validation import (
    as_float_array,
    as_scalar,
    check_bool,
    check_callable,
    check_finite_result,
    check_positive_finite,
    check_step,
    check_step_fits,
    check_step_visible,
    freeze_fields,
    refuse_non_finite,
    returned_array,
    returned_scalar,
    returned_values,
)

__all__ = [
    "DifferenceErrors",
    "GradientCheck",
    "difference_errors",
    "gradient_check",
    "numerical_diff",
    "numerical_gradient",
    "relative_error",
]

DEFAULT_H = 1e-4


def numerical_diff(f: Callable, x, h: float = DEFAULT_H):
    r"""Derivative of a function of one variable, :math:`(f(x+h) - f(x-h)) / 2h`.

    Parameters
    ----------
    f : callable
        Function of one real variable (element-wise when ``x`` is an array).
    x : float or array_like
        Point(s) of the derivative, finite.
    h : float, default 1e-4
        Step: finite, at least 2.2e-16, and not lost in the rounding of ``x + h``.

    Returns
    -------
    float or numpy.ndarray
        The central difference, a float or a float64 array of ``x``'s shape.

    Raises
    ------
    TypeError, ValueError
        If an argument, or what ``f`` returns, is not real, finite, of ``x``'s
        shape; or if the quotient overflows. The message names the argument.

    Examples
    --------
    >>> from gdbook import numerical_diff
    >>> print(numerical_diff(lambda x0: x0**2 + 4.0**2, 3.0))
    6.00000000000378
    """
    check_callable(f, "f")
    h = check_step(h, "h")
    point = as_float_array(x, "x")
    check_step_fits(point, h)
    check_step_visible(point, h)
    f_plus = _values_at(f, point, point + h, "x + h")
    f_minus = _values_at(f, point, point - h, "x - h")
    with np.errstate(over="ignore", invalid="ignore"):
        derivative = (f_plus - f_minus) / (2 * h)
    check_finite_result(derivative, "the difference quotient", _TOO_STEEP)
    return float(derivative) if point.ndim == 0 else np.asarray(derivative, float)


def _values_at(f: Callable, point: np.ndarray, moved: np.ndarray, where: str):
    """``f(moved)``: finite real values of ``point``'s shape."""
    with np.errstate(over="ignore", invalid="ignore"):  # refused just below
        value = f(moved)
    if point.ndim == 0:
        value = returned_scalar(value, "f")
    else:
        value = returned_array(value, "f", point.shape, of="x's shape")
    refuse_non_finite(np.asarray(value), f"what f returns at {where}")
    return value


def numerical_gradient(
    f: Callable, x, h: float = DEFAULT_H, *, batched: bool = False
) -> np.ndarray:
    r"""Gradient of a scalar function by central differences, one coordinate at a time.

    Parameters
    ----------
    f : callable
        Takes an array of ``x``'s shape, returns a real number. With
        ``batched=True`` it takes a stack of shape ``(m, *x.shape)`` and returns
        the ``m`` values.
    x : array_like
        Point of the gradient, any shape; copied to float64, never modified.
    h : float, default 1e-4
        Step, finite and at least 2.2e-16.
    batched : bool, default False
        Call ``f`` on a few stacks of perturbed points instead of :math:`2n`
        times: the same points and arithmetic, so the same result.

    Returns
    -------
    numpy.ndarray
        Float64, of ``x``'s shape: :math:`(f(x + h e_i) - f(x - h e_i)) / 2h`.

    Raises
    ------
    TypeError, ValueError
        If an argument, or what ``f`` returns, is not real and finite (the
        message names the point), or a quotient overflows.

    Examples
    --------
    >>> from gdbook import numerical_gradient
    >>> numerical_gradient(lambda x: x[0]**2 + x[1]**2, [3, 4])
    array([6., 8.])
    """
    check_callable(f, "f")
    h, point = check_step(h, "h"), as_float_array(x, "x")
    if check_bool(batched, "batched"):
        return _batched(f, point, h)
    flat = point.reshape(-1)  # our own copy, moved one coordinate at a time
    grad = np.zeros_like(flat)
    with np.errstate(over="ignore", invalid="ignore"):  # f's overflow: refused
        for i in range(flat.size):
            original = float(flat[i])
            flat[i] = original + h
            f_plus = _value(f, point, i, "+", h)
            flat[i] = original - h
            f_minus = _value(f, point, i, "-", h)
            flat[i] = original
            grad[i] = (f_plus - f_minus) / (2 * h)
    grad = grad.reshape(point.shape)
    return check_finite_result(grad, "the numerical gradient", _TOO_STEEP)


_TOO_STEEP = "f's values at x + h and x - h differ by more than float64 can hold"


def _value(f: Callable, point: np.ndarray, i: int, sign: str, h: float) -> float:
    """``f`` at ``point`` (coordinate ``i`` moved by ``sign h``): a finite float.

    ``f`` gets a copy: an ``f`` that writes to its argument cannot corrupt ours.
    """
    if math.isinf(point.flat[i]):
        check_step_fits(point, h)  # x + h overflowed: raises, naming the reason
    value = returned_scalar(f(point.copy()), "f")
    if not math.isfinite(value):
        where = np.array2string(point, threshold=6)
        raise ValueError(f"f returned {value} at x {sign} h e_{i} = {where}")
    return value


def _batched(f: Callable, point: np.ndarray, h: float) -> np.ndarray:
    """:func:`numerical_gradient` with ``batched=True`` (see :mod:`gdbook._fast`)."""
    check_step_fits(point, h)
    with np.errstate(over="ignore", invalid="ignore"):
        grad = batched_numerical_gradient(f, point, h, _finite_values)
    return check_finite_result(grad, "the numerical gradient", _TOO_STEEP)


def _finite_values(values, count: int) -> np.ndarray:
    """What ``f`` returned for a stack of points: ``count`` finite real values."""
    values = returned_values(values, count, "f")
    refuse_non_finite(values, "what f returns")
    return values


def relative_error(analytic, numerical, *, floor: float = 1e-12) -> np.ndarray:
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

    Raises
    ------
    TypeError, ValueError
        If an input is not real and finite, the shapes differ, or ``floor`` is
        not positive.

    Examples
    --------
    >>> from gdbook import relative_error
    >>> print(relative_error([1.0, 2.0, 0.0], [1.0, 2.002, 0.0]).round(7))
    [0.       0.000999 0.      ]
    """
    a = as_float_array(analytic, "analytic")
    n = as_float_array(numerical, "numerical")
    if a.shape != n.shape:
        raise ValueError(
            f"analytic and numerical must have the same shape, got {a.shape} "
            f"and {n.shape}"
        )
    floor = check_positive_finite(floor, "floor")
    scale = np.maximum(np.maximum(np.abs(a), np.abs(n)), floor)
    with np.errstate(over="ignore"):
        errors = np.abs(a - n) / scale
    # Where a - n overflows float64 (1e308 - -1e308), subtract the scaled values.
    big = ~np.isfinite(errors)
    if np.any(big):
        errors[big] = np.abs(a[big] / scale[big] - n[big] / scale[big])
    return errors


@dataclass(frozen=True, repr=False)
class GradientCheck:
    """Result of :func:`gradient_check`: both gradients, their errors, the verdict.

    Attributes
    ----------
    analytic, numerical : numpy.ndarray
        The two gradients.
    errors : numpy.ndarray
        Their element-wise :func:`relative_error`.
    tolerance : float
        Largest relative error accepted.

    Examples
    --------
    >>> from gdbook import gradient_check
    >>> gradient_check(lambda x: (x**2).sum(), lambda x: 2 * x, [1.0, -2.0]).passed
    True
    """

    analytic: np.ndarray
    numerical: np.ndarray
    errors: np.ndarray
    tolerance: float

    def __post_init__(self) -> None:
        freeze_fields(
            self,
            analytic=as_float_array,
            numerical=as_float_array,
            errors=as_float_array,
            tolerance=check_positive_finite,
        )
        if not self.analytic.shape == self.numerical.shape == self.errors.shape:
            raise ValueError(
                "analytic, numerical and errors must have one shape, got "
                f"{self.analytic.shape}, {self.numerical.shape}, {self.errors.shape}"
            )

    @property
    def max_error(self) -> float:
        """Largest element-wise relative error."""
        return float(self.errors.max(initial=0.0))

    @property
    def passed(self) -> bool:
        """Whether every element is within the tolerance."""
        return self.max_error <= self.tolerance

    def __repr__(self) -> str:
        verdict = "passed" if self.passed else "FAILED"
        return (
            f"GradientCheck({verdict}: max relative error {self.max_error:.2e}, "
            f"tolerance {self.tolerance:.0e}, {self.errors.size} parameters)"
        )


def gradient_check(
    f: Callable, grad, x, *, h: float = DEFAULT_H, tolerance: float = 1e-6
) -> GradientCheck:
    """Compare an analytic gradient with the numerical one, parameter by parameter.

    Parameters
    ----------
    f : callable
        Scalar function of an array of ``x``'s shape.
    grad : callable or array_like
        The analytic gradient: a function of ``x``, or its value at ``x``.
    x : array_like
        Point of the check, non-empty; not modified.
    h : float, default 1e-4
        Step of :func:`numerical_gradient`.
    tolerance : float, default 1e-6
        Largest relative error that passes.

    Returns
    -------
    GradientCheck

    Raises
    ------
    TypeError, ValueError
        As :func:`numerical_gradient`, and if the analytic gradient is not real,
        finite and of ``x``'s shape.

    Examples
    --------
    A forgotten factor 2 is caught:

    >>> from gdbook import gradient_check
    >>> gradient_check(lambda x: (x**2).sum(), lambda x: x, [1.0, -2.0])
    GradientCheck(FAILED: max relative error 5.00e-01, tolerance 1e-06, 2 parameters)
    """
    check_callable(f, "f")
    point = as_float_array(x, "x", nonempty=True)
    h = check_step(h, "h")
    tolerance = check_positive_finite(tolerance, "tolerance")
    if callable(grad):
        with np.errstate(over="ignore", invalid="ignore"):  # refused just below
            analytic = returned_array(grad(point.copy()), "grad", None)
        refuse_non_finite(analytic, "what grad returns at x")
    else:
        analytic = as_float_array(grad, "grad")
    if analytic.shape != point.shape:
        raise ValueError(
            f"grad must have the shape of x {point.shape}, got {analytic.shape}"
        )
    numerical = numerical_gradient(f, point, h)
    return GradientCheck(
        analytic, numerical, relative_error(analytic, numerical), tolerance
    )


@dataclass(frozen=True, repr=False)
class DifferenceErrors:
    """Result of :func:`difference_errors`: the error of both differences against h.

    Attributes
    ----------
    hs : numpy.ndarray
        The steps, in increasing order.
    forward, central : numpy.ndarray
        Absolute error of the forward and the central difference at each step.
    dtype : numpy.dtype
        The floating-point type of the computation.

    Examples
    --------
    >>> import numpy as np
    >>> from gdbook import difference_errors
    >>> errors = difference_errors(np.sin, 1.0, np.cos(1.0))
    >>> errors.hs.size, errors.dtype.name
    (45, 'float64')
    >>> print([f"{h:.2g}" for h in errors.best_h])
    ['5.6e-09', '5.6e-06']
    """

    hs: np.ndarray
    forward: np.ndarray
    central: np.ndarray
    dtype: np.dtype

    def __post_init__(self) -> None:
        freeze_fields(
            self, hs=as_float_array, forward=as_float_array, central=as_float_array
        )
        object.__setattr__(self, "dtype", _float_dtype(self.dtype))
        if self.hs.ndim != 1 or self.hs.size == 0 or np.any(self.hs <= 0):
            raise ValueError("hs must be a non-empty 1-D array of positive steps")
        if not self.forward.shape == self.central.shape == self.hs.shape:
            raise ValueError(
                f"forward and central must have hs's shape {self.hs.shape}, got "
                f"{self.forward.shape} and {self.central.shape}"
            )
        if np.any(self.forward < 0) or np.any(self.central < 0):
            raise ValueError("forward and central must hold errors, >= 0")

    def slopes(self, h_min: float = 1e-4, h_max: float = 1e-1) -> tuple[float, float]:
        r"""Fitted slopes of :math:`\log(\text{error})` against :math:`\log h`.

        Parameters
        ----------
        h_min, h_max : float
            Range of the fit (by default where the truncation error dominates).

        Returns
        -------
        tuple of float
            The forward difference's slope (about 1), the central one's (about 2).

        Raises
        ------
        ValueError
            If fewer than two steps with a non-zero error lie in the range.

        Examples
        --------
        >>> forward, central = difference_errors(np.exp, 0.0, 1.0).slopes()
        >>> round(forward, 1), round(central, 1)
        (1.0, 2.0)
        """
        h_min = check_positive_finite(h_min, "h_min")
        h_max = check_positive_finite(h_max, "h_max")
        if h_min >= h_max:
            raise ValueError(f"h_min must be below h_max, got {h_min!r} >= {h_max!r}")
        # A tolerance on the bounds, so that h_max=0.1 keeps a step of 0.1000...1.
        inside = (self.hs >= h_min * (1 - 1e-9)) & (self.hs <= h_max * (1 + 1e-9))
        fitted = []
        for name, errors in (("forward", self.forward), ("central", self.central)):
            keep = inside & (errors > 0)
            if keep.sum() < 2:
                raise ValueError(
                    f"fewer than two steps with a non-zero {name} error lie in "
                    f"[{h_min:g}, {h_max:g}]"
                )
            slope, _ = np.polyfit(np.log10(self.hs[keep]), np.log10(errors[keep]), 1)
            fitted.append(float(slope))
        return fitted[0], fitted[1]

    @property
    def best_h(self) -> tuple[float, float]:
        """The step of smallest error, for the forward and the central difference."""
        return (
            float(self.hs[np.argmin(self.forward)]),
            float(self.hs[np.argmin(self.central)]),
        )

    def __repr__(self) -> str:
        forward_h, central_h = self.best_h
        return (
            f"DifferenceErrors({self.dtype.name}, {self.hs.size} steps from "
            f"{self.hs[0]:.2g} to {self.hs[-1]:.2g}, best h: forward "
            f"{forward_h:.2g}, central {central_h:.2g})"
        )


def difference_errors(
    f: Callable, x: float, exact: float, *, hs=None, dtype="float64"
) -> DifferenceErrors:
    r"""Error of the forward and the central difference of ``f`` at ``x``, against h.

    Parameters
    ----------
    f : callable
        Function of one variable that keeps the type of its argument (``np.sin``).
    x : float
        Point of the derivative, finite.
    exact : float
        The exact derivative :math:`f'(x)`.
    hs : array_like, optional
        Positive steps (sorted); by default 45 from 1e-12 to 1e-1, log-spaced.
    dtype : str or numpy.dtype, default "float64"
        Floating-point type of ``x``, the steps and ``f``'s values.

    Returns
    -------
    DifferenceErrors
        The steps and the absolute errors :math:`|(f(x+h) - f(x))/h - f'(x)|`
        and :math:`|(f(x+h) - f(x-h))/2h - f'(x)|`. A step lost next to ``x`` is
        kept: its error is float64's.

    Raises
    ------
    TypeError, ValueError
        If ``f``, ``dtype``, ``x``, ``exact`` or a step is invalid in ``dtype``,
        or ``f`` returns other than one finite number of that type.

    Examples
    --------
    >>> import numpy as np
    >>> from gdbook import difference_errors
    >>> difference_errors(np.sin, 1.0, np.cos(1.0), dtype="float32").best_h
    (0.00017782794100389227, 0.005623413251903491)
    """
    check_callable(f, "f")
    kind, x, steps = _typed_problem(x, hs, dtype)
    reference = as_scalar(exact, "exact")
    forward, central = np.empty(steps.size), np.empty(steps.size)
    with np.errstate(over="ignore", under="ignore", invalid="ignore"):
        f_x = _typed_value(f, x, kind)
        for i, h in enumerate(steps.astype(kind)):
            f_plus = _typed_value(f, x + h, kind)
            f_minus = _typed_value(f, x - h, kind)
            forward[i] = abs(float((f_plus - f_x) / h) - reference)
            central[i] = abs(float((f_plus - f_minus) / (kind.type(2) * h)) - reference)
    check_finite_result(
        np.concatenate([forward, central]),
        "a difference quotient",
        f"f's values differ too much for the steps in {kind.name}",
    )
    return DifferenceErrors(steps, forward, central, kind)


def _typed_problem(x, hs, dtype) -> tuple[np.dtype, np.floating, np.ndarray]:
    """The type, ``x`` in it, and the sorted steps of :func:`difference_errors`."""
    kind = _float_dtype(dtype)
    point = as_scalar(x, "x")
    steps = np.logspace(-12, -1, 45) if hs is None else as_float_array(hs, "hs")
    steps = np.sort(steps.reshape(-1))
    if steps.size == 0 or np.any(steps <= 0):
        raise ValueError("hs must hold positive steps")
    with np.errstate(over="ignore", under="ignore", invalid="ignore"):
        x_typed, typed_steps = kind.type(point), steps.astype(kind)
    if not np.isfinite(x_typed):
        raise ValueError(f"x={point!r} is beyond the range of {kind.name}")
    if np.any(typed_steps <= 0) or not np.all(np.isfinite(typed_steps)):
        raise ValueError(f"hs must hold steps that are positive in {kind.name}")
    with np.errstate(over="ignore"):
        check_step_fits(np.array(x_typed, dtype=kind), typed_steps.max())
    return kind, x_typed, steps


def _float_dtype(dtype) -> np.dtype:
    """``dtype`` as a numpy floating-point type, or an error naming it."""
    try:
        kind = np.dtype(dtype) if dtype is not None else None
    except TypeError as error:
        raise TypeError(
            f"dtype must be a floating-point type, got {dtype!r}"
        ) from error
    if kind is None or kind.kind != "f":
        raise TypeError(f"dtype must be a floating-point type, got {dtype!r}")
    return kind


def _typed_value(f: Callable, x, kind: np.dtype):
    """``f(x)``: one finite number of the type ``kind`` (so no silent float64)."""
    value = f(x)
    array = None if value is None else np.asarray(value)
    if array is None or array.dtype != kind or array.size != 1:
        got = "None" if array is None else f"{array.dtype.name} of shape {array.shape}"
        raise TypeError(
            f"f must keep the type of its argument ({kind.name}) and return one "
            f"number: it returned {got}"
        )
    if not np.isfinite(array).all():
        raise ValueError(f"f returned {array.item()} at {float(x)!r} in {kind.name}")
    return array.reshape(())[()]
