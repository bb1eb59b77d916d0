"""Numerical derivatives and gradients by central differences, and gradient checks.

The functions here follow the book's code step for step (same perturbation, same
order of operations), so on the sources' examples their results are identical to the
last bit. They differ from it where the book is unsafe: the caller's array is never
modified, and integer input is computed in float64 instead of being truncated.
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
    r"""Derivative of a function of one variable by the central difference.

    Parameters
    ----------
    f : callable
        Function of one real variable. When ``x`` is an array, ``f`` must act
        element-wise (a numpy expression such as ``x**2`` does).
    x : float or array_like
        Point (or points) where the derivative is taken. Must be finite.
    h : float, default 1e-4
        Step of the difference, a finite number of at least ``2.2e-16`` (the
        spacing of float64 at 1.0).

    Returns
    -------
    float or numpy.ndarray
        ``(f(x + h) - f(x - h)) / (2 h)``: a float for a scalar ``x``, a float64
        array of ``x``'s shape otherwise. Always finite.

    Raises
    ------
    TypeError
        If ``f`` is not callable, ``x`` is not real, or ``f`` returns something
        that is not real numbers (None, a string, a complex number).
    ValueError
        If ``x`` is not finite, ``h`` is not a finite number of at least
        ``2.2e-16``, ``h`` vanishes next to a value of ``x`` (see Notes), ``f``
        returns the wrong shape or a value that is not finite, or the difference
        overflows.

    See Also
    --------
    numerical_gradient : The same difference, one coordinate at a time.

    Notes
    -----
    The central difference

    .. math:: f'(x) \approx \frac{f(x + h) - f(x - h)}{2h}

    has a truncation error of order :math:`h^2`, against :math:`h` for the forward
    difference :math:`(f(x + h) - f(x)) / h`. A smaller ``h`` is not always better:
    below about :math:`10^{-5}` the rounding error of the subtraction, of order
    :math:`\epsilon / h`, takes over.

    **At float64's edges** a ``ValueError`` says why rather than a wrong value:
    a step that rounds away next to ``x``, ``x + h == x`` or ``x - h == x``
    (``h=1e-300`` at 1, ``h=1e-4`` at ``1e13``), where the difference would be 0
    whatever ``f`` is (:func:`numerical_gradient` differs here, on purpose); a
    value of ``f`` that is not finite (``x**2`` at ``1e308``: ``inf - inf`` is
    ``nan``); a difference quotient beyond float64's range.

    Examples
    --------
    The source's example, the partial derivative of :math:`x_0^2 + x_1^2` in
    :math:`x_0` at :math:`(3, 4)`:

    >>> from gdbook import numerical_diff
    >>> print(numerical_diff(lambda x0: x0**2 + 4.0**2, 3.0))
    6.00000000000378
    """
    check_callable(f, "f")
    h = check_step(h, "h")
    point = as_float_array(x, "x")
    check_step_fits(point, h)
    check_step_visible(point, h)
    values = []
    for sign, moved in (("+", point + h), ("-", point - h)):
        with np.errstate(over="ignore", invalid="ignore"):  # refused just below
            value = f(moved)
        if point.ndim == 0:
            value = returned_scalar(value, "f")
        else:
            value = returned_array(value, "f", point.shape, of="x's shape")
        refuse_non_finite(np.asarray(value), f"what f returns at x {sign} h")
        values.append(value)
    with np.errstate(over="ignore", invalid="ignore"):
        derivative = (values[0] - values[1]) / (2 * h)
    check_finite_result(
        derivative, "the difference quotient", "f's values differ too much for h"
    )
    if point.ndim == 0:
        return float(derivative)
    return np.asarray(derivative, dtype=np.float64)


def numerical_gradient(
    f: Callable, x, h: float = DEFAULT_H, *, batched: bool = False
) -> np.ndarray:
    r"""Gradient of a scalar function by central differences, one coordinate at a time.

    Parameters
    ----------
    f : callable
        Function that takes an array of ``x``'s shape and returns a real scalar.
        With ``batched=True``, it takes a stack of such arrays, of shape
        ``(m, *x.shape)``, and returns the ``m`` values.
    x : array_like
        Point where the gradient is taken, any shape. It is copied to float64 and
        never modified, and integers are not truncated.
    h : float, default 1e-4
        Step of the differences, a finite number of at least ``2.2e-16`` (the
        spacing of float64 at 1.0).
    batched : bool, default False
        Evaluate all the perturbed points in a few calls of ``f`` on stacks of
        points, instead of :math:`2n` calls on single points. The points and the
        arithmetic are the same, so for an ``f`` that computes each point of the
        stack as it would compute it alone (element-wise numpy code does) the
        result is identical. It pays off while the cost of calling ``f`` dominates
        (measured: 17x faster at 100 parameters, 5x at 1000); for tens of
        thousands of parameters both paths are bound by the :math:`2n^2` values
        they compute.

    Returns
    -------
    numpy.ndarray
        Float64 array of ``x``'s shape; element ``i`` is
        ``(f(x + h e_i) - f(x - h e_i)) / (2 h)``.

    Raises
    ------
    TypeError
        If ``f`` is not callable, ``x`` is not real, ``batched`` is not a bool, or
        ``f`` returns something that is not a real number (None, a string, a
        complex number).
    ValueError
        If ``x`` is not finite, ``h`` is not a finite number of at least
        ``2.2e-16``, ``f`` does not return a scalar (with ``batched=True``: one
        value per point) or returns a value that is not finite, or a difference
        overflows.

    See Also
    --------
    numerical_diff : The one-variable case.
    gradient_check : Compare an analytic gradient with this one.

    Notes
    -----
    ``f`` is called :math:`2n` times for :math:`n` parameters, on a private copy of
    ``x`` in which one coordinate at a time is moved by :math:`\pm h` and then
    restored. The arithmetic is the book's, so its results are reproduced to the
    last bit.

    **At float64's edges**, deliberately. *Refused* (``ValueError``): a step
    below ``2.2e-16``, lost in the rounding of :math:`x_i + h` for every
    :math:`|x_i| \ge 2` (``h=1e-300`` would give 0 at ``x = 1``); a value of ``f``
    that is not finite, named with the point where ``f`` was called; a quotient
    beyond float64's range. Inside :func:`~gdbook.gradient_descent` such an error
    ends the run: a function that overflows has no numerical gradient.
    *Returned, by design*: where :math:`|x_i|` is so large that a valid step rounds
    away, :math:`x_i + h = x_i` (the spacing of float64 near :math:`10^{13}` is
    about :math:`2 \cdot 10^{-3}`, more than :math:`h = 10^{-4}`), that coordinate
    of the gradient is exactly 0: ``f`` is evaluated twice at the same point. That
    is float64's answer, not an argument error: a descent that grows past
    :math:`2^{40}` with ``h = 1e-4`` freezes there, as the site's page on learning
    rates shows (E12). :func:`numerical_diff`, a one-point tool, refuses it.

    Examples
    --------
    >>> import numpy as np
    >>> from gdbook import numerical_gradient
    >>> def bowl(x):
    ...     return x[0]**2 + x[1]**2
    >>> numerical_gradient(bowl, np.array([3.0, 4.0]))
    array([6., 8.])

    Integer input is not truncated, and the argument is left as it was:

    >>> x = np.array([3, 4])
    >>> numerical_gradient(bowl, x)
    array([6., 8.])
    >>> x
    array([3, 4])

    A function written for stacks of points (here: along the last axis) can be
    differentiated in a few calls:

    >>> numerical_gradient(lambda X: (X**2).sum(axis=-1), [3.0, 4.0], batched=True)
    array([6., 8.])
    """
    check_callable(f, "f")
    h = check_step(h, "h")
    point = as_float_array(x, "x")
    if check_bool(batched, "batched"):
        check_step_fits(point, h)
        with np.errstate(over="ignore", invalid="ignore"):
            grad = batched_numerical_gradient(f, point, h, _finite_values)
        return check_finite_result(grad, "the numerical gradient", _TOO_STEEP)
    # Work on a private copy, perturbing one coordinate at a time as the book does.
    flat = point.reshape(-1)
    grad = np.zeros_like(flat)
    # Silence numpy's overflow warnings inside f: a value that is not finite is
    # refused below, with the point where f was called.
    with np.errstate(over="ignore", invalid="ignore"):
        for index in range(flat.size):
            original = float(flat[index])
            if math.isinf(abs(original) + h):
                check_step_fits(point, h)  # raises, naming the reason
            flat[index] = original + h
            value_plus = _value(f, point, index, "+")
            flat[index] = original - h
            value_minus = _value(f, point, index, "-")
            grad[index] = (value_plus - value_minus) / (2 * h)
            flat[index] = original
            if math.isinf(grad[index]):
                check_finite_result(grad[index], "the numerical gradient", _TOO_STEEP)
    return grad.reshape(point.shape)


_TOO_STEEP = "f's values at x + h and x - h differ by more than float64 can hold"


def _value(f: Callable, point: np.ndarray, index: int, sign: str) -> float:
    """``f`` at ``point`` (coordinate ``index`` moved by ``sign h``): a finite float.

    ``f`` gets a copy: an ``f`` that writes to its argument cannot corrupt ours.
    """
    value = returned_scalar(f(point.copy()), "f")
    if not math.isfinite(value):
        where = np.array2string(point, threshold=6)
        raise ValueError(f"f returned {value} at x {sign} h e_{index} = {where}")
    return value


def _finite_values(values, count: int) -> np.ndarray:
    """What ``f`` returned for a stack of points: ``count`` finite real values."""
    values = returned_values(values, count, "f")
    refuse_non_finite(values, "what f returns")
    return values


def relative_error(analytic, numerical, *, floor: float = 1e-12) -> np.ndarray:
    r"""Element-wise relative error between two gradients.

    Parameters
    ----------
    analytic, numerical : array_like
        Two gradients of the same shape.
    floor : float, default 1e-12
        Lower bound of the denominator, so that two zeros give an error of 0
        rather than ``nan``.

    Returns
    -------
    numpy.ndarray
        :math:`|a - n| / \max(|a|, |n|, \text{floor})`, of the common shape.

    Raises
    ------
    TypeError
        If an input is not real.
    ValueError
        If the shapes differ, an input is not finite, or ``floor`` is not a
        positive finite number.

    Notes
    -----
    The result is always finite and at most 2, even where :math:`a - n` itself
    would overflow float64 (:math:`a = 10^{308}, n = -10^{308}`): there the
    difference is taken after dividing by the scale.

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
    overflowed = ~np.isfinite(errors)
    if np.any(overflowed):  # a - n beyond float64: subtract the scaled values
        scaled = a[overflowed] / scale[overflowed] - n[overflowed] / scale[overflowed]
        errors[overflowed] = np.abs(scaled)
    return errors


@dataclass(frozen=True, repr=False)
class GradientCheck:
    """Result of :func:`gradient_check`.

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
    >>> check = gradient_check(lambda x: (x**2).sum(), lambda x: 2 * x, [1.0, -2.0])
    >>> check.passed
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
        Point of the check; not modified.
    h : float, default 1e-4
        Step of :func:`numerical_gradient`.
    tolerance : float, default 1e-6
        Largest relative error that passes. Central differences with
        ``h = 1e-4`` are typically good to 1e-7 or better on smooth functions.

    Returns
    -------
    GradientCheck
        Both gradients, the relative errors and the verdict.

    Raises
    ------
    TypeError
        If ``f`` is not callable, ``x`` is not real, or ``grad`` returns (or is)
        something that is not real numbers.
    ValueError
        If ``x`` is empty or not finite, the analytic gradient's shape differs
        from ``x``'s or it is not finite, ``f`` returns a value that is not
        finite (the message says where), or ``h`` or ``tolerance`` is out of
        range (see :func:`numerical_gradient`).

    See Also
    --------
    relative_error, numerical_gradient

    Examples
    --------
    A wrong gradient (the factor 2 forgotten) is caught:

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
            analytic = grad(point.copy())
        analytic = returned_array(analytic, "grad", None)
        refuse_non_finite(analytic, "what grad returns at x")
    else:
        analytic = as_float_array(grad, "grad")
    if analytic.shape != point.shape:
        raise ValueError(
            f"grad must have the shape of x {point.shape}, got {analytic.shape}"
        )
    numerical = numerical_gradient(f, point, h)
    errors = relative_error(analytic, numerical)
    return GradientCheck(analytic, numerical, errors, tolerance)


# -- How the error of a difference depends on h --------------------------------------


@dataclass(frozen=True, repr=False)
class DifferenceErrors:
    """Result of :func:`difference_errors`: the error of both differences against h.

    Attributes
    ----------
    hs : numpy.ndarray
        The steps, in increasing order.
    forward, central : numpy.ndarray
        Absolute error of the forward and of the central difference at each step,
        against the exact derivative.
    dtype : numpy.dtype
        The floating-point type the differences were computed in.

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
        r"""Slopes of :math:`\log(\text{error})` against :math:`\log h`, fitted.

        Parameters
        ----------
        h_min, h_max : float
            The range of steps of the least-squares fit; the default lies where
            the truncation error dominates in float64.

        Returns
        -------
        tuple of float
            The forward difference's slope (about 1) and the central difference's
            (about 2).

        Raises
        ------
        ValueError
            If fewer than two steps with a non-zero error lie in the range.

        Examples
        --------
        >>> import numpy as np
        >>> from gdbook import difference_errors
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
    r"""Error of the forward and central differences of ``f`` at ``x``, against h.

    Parameters
    ----------
    f : callable
        Function of one real variable that keeps the floating-point type of its
        argument (numpy functions such as ``np.sin`` do, on numpy scalars).
    x : float
        Point of the derivative, finite.
    exact : float
        The exact derivative :math:`f'(x)`, the reference of the errors.
    hs : array_like, optional
        Positive steps; by default 45 steps evenly spaced in :math:`\log h` from
        :math:`10^{-12}` to :math:`10^{-1}`. They are sorted.
    dtype : str or numpy.dtype, default "float64"
        Floating-point type of the computation: ``x``, each ``h`` and the values
        of ``f`` are in this type (``"float32"`` shows rounding much earlier).

    Returns
    -------
    DifferenceErrors
        The steps and the absolute errors (in float64) of both differences;
        :meth:`DifferenceErrors.slopes` fits the order of each.

    Raises
    ------
    TypeError
        If ``f`` is not callable, ``dtype`` is not a floating type, or ``f``
        returns something other than one number of the type of its argument.
    ValueError
        If ``x`` or ``exact`` is not finite (in ``dtype``), a step is not positive
        and finite in ``dtype``, ``x + h`` overflows, ``f`` returns a value that
        is not finite, or a difference quotient overflows.

    See Also
    --------
    numerical_diff : The central difference itself.

    Notes
    -----
    By Taylor's theorem, with :math:`\epsilon` the machine epsilon of ``dtype``,

    .. math::

        \frac{f(x + h) - f(x)}{h} - f'(x) = \frac{h}{2} f''(x) + O(h^2)
            + O\!\left(\frac{\epsilon |f|}{h}\right),

        \frac{f(x + h) - f(x - h)}{2h} - f'(x) = \frac{h^2}{6} f'''(x) + O(h^4)
            + O\!\left(\frac{\epsilon |f|}{h}\right).

    On a log-log plot the truncation parts are lines of slope 1 and 2; the
    rounding part, of slope -1, takes over below about :math:`\sqrt{\epsilon}`
    (forward) and :math:`\epsilon^{1/3}` (central).

    Steps that vanish next to ``x`` (``x + h == x``) are *not* refused here: the
    error they give (:math:`|f'(x)|`, the difference being 0) is float64's
    behaviour, which this function exists to show.

    Examples
    --------
    >>> import numpy as np
    >>> from gdbook import difference_errors
    >>> errors = difference_errors(np.sin, 1.0, np.cos(1.0), dtype="float32")
    >>> errors.best_h
    (0.00017782794100389227, 0.005623413251903491)
    """
    check_callable(f, "f")
    kind = _float_dtype(dtype)
    point = as_scalar(x, "x")
    reference = as_scalar(exact, "exact")
    steps = np.logspace(-12, -1, 45) if hs is None else as_float_array(hs, "hs")
    steps = np.sort(steps.reshape(-1))
    if steps.size == 0 or np.any(steps <= 0):
        raise ValueError("hs must hold positive steps")

    with np.errstate(over="ignore", under="ignore", invalid="ignore"):
        x_typed = kind.type(point)
        typed_steps = steps.astype(kind)
        if not np.isfinite(x_typed):
            raise ValueError(f"x={point!r} is beyond the range of {kind.name}")
        if np.any(typed_steps <= 0) or not np.all(np.isfinite(typed_steps)):
            raise ValueError(f"hs must hold steps that are positive in {kind.name}")
        check_step_fits(np.array(x_typed, dtype=kind), typed_steps.max())
        f_x = _typed_value(f, x_typed, kind)
        forward = np.empty(steps.size)
        central = np.empty(steps.size)
        for index, h in enumerate(typed_steps):
            f_plus = _typed_value(f, x_typed + h, kind)
            f_minus = _typed_value(f, x_typed - h, kind)
            forward[index] = abs(float((f_plus - f_x) / h) - reference)
            central[index] = abs(
                float((f_plus - f_minus) / (kind.type(2) * h)) - reference
            )
    check_finite_result(
        np.concatenate([forward, central]),
        "a difference quotient",
        f"f's values differ too much for the steps in {kind.name}",
    )
    return DifferenceErrors(steps, forward, central, kind)


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
