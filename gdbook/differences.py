"""How the error of a finite difference depends on its step h, in any float type."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, cast

import numpy as np
from numpy.typing import ArrayLike, DTypeLike

from gdbook._checks import Array, Function, Optional, Positive, Real, checked, frozen
from gdbook._errors import ArgumentTypeError, check_finite_result, check_step

__all__ = ["DifferenceErrors", "difference_errors"]

Fn = Callable[[Any], Any]  #: A function of one number.
Hs = ArrayLike | None  #: The steps h, or None.
Steps = Optional(Array(positive=True))  #: None, or positive steps.


def _float_dtype(value: DTypeLike, name: str, given: object = None) -> np.dtype:
    """The check of a ``dtype``: a numpy floating-point type."""
    with contextlib.suppress(TypeError):
        if value is not None and np.dtype(value).kind == "f":
            return np.dtype(value)
    raise ArgumentTypeError(name, f"{name} must be a float type, got {value!r}")


@dataclass(frozen=True)
class DifferenceErrors:  # numpydoc ignore=PR01,EX01
    """Result of :func:`difference_errors`: the error of both differences against h."""

    hs: np.ndarray  #: The steps, in increasing order.
    forward: np.ndarray  #: The forward difference's absolute error at each step.
    central: np.ndarray  #: The central difference's absolute error at each step.
    dtype: np.dtype  #: The floating-point type of the computation.

    def __post_init__(self) -> None:
        errors, hs = Array(shape="hs", nonempty=False), Array(ndim=1, positive=True)
        frozen(self, hs=hs, forward=errors, central=errors, dtype=_float_dtype)
        if np.any(self.forward < 0) or np.any(self.central < 0):
            raise ValueError("forward and central must hold errors, >= 0")

    @checked(h_min=Positive(), h_max=Positive())
    def slopes(self, h_min: float = 1e-4, h_max: float = 1e-1) -> tuple[float, float]:
        r"""The slopes of :math:`\log(\text{error})` against :math:`\log h`.

        Fitted on [h_min, h_max]: the forward difference's (about 1), the central one's.
        """  # numpydoc ignore=PR01,RT01,EX01
        if h_min >= h_max:
            raise ValueError(f"h_min must be below h_max, got {h_min!r} >= {h_max!r}")
        # A tolerance on the bounds, so that h_max=0.1 keeps a step of 0.1000...1.
        inside = (self.hs >= h_min * (1 - 1e-9)) & (self.hs <= h_max * (1 + 1e-9))
        fitted = []
        for name, errors in (("forward", self.forward), ("central", self.central)):
            keep = inside & (errors > 0)
            if keep.sum() < 2:
                wrong = f"fewer than two steps with a non-zero {name} error lie in "
                raise ValueError(wrong + f"[{h_min:g}, {h_max:g}]")
            slope, _ = np.polyfit(np.log10(self.hs[keep]), np.log10(errors[keep]), 1)
            fitted.append(float(slope))
        return fitted[0], fitted[1]

    @property
    def best_h(self) -> tuple[float, float]:  # numpydoc ignore=EX01
        """The step of smallest error, for the forward and the central difference."""
        hs = self.hs
        return float(hs[np.argmin(self.forward)]), float(hs[np.argmin(self.central)])


@checked(f=Function(), x=Real(), exact=Real(), hs=Steps, dtype=_float_dtype)
def difference_errors(
    f: Fn, x: float, exact: float, *, hs: Hs = None, dtype: DTypeLike = "float64"
) -> DifferenceErrors:
    r"""Error of the forward and the central difference of ``f`` at ``x``, against h.

    Parameters
    ----------
    f : callable
        Function of one variable that keeps the type of its argument (``np.sin``).
    x, exact : float
        The point, and the exact derivative :math:`f'(x)` there.
    hs, dtype : array_like, optional, and str or numpy.dtype, default "float64"
        Positive steps (by default 45 from 1e-12 to 1e-1, log-spaced); the
        floating-point type of ``x``, the steps and ``f``'s values.

    Returns
    -------
    DifferenceErrors
        The steps and the absolute errors :math:`|(f(x+h) - f(x))/h - f'(x)|`
        and :math:`|(f(x+h) - f(x-h))/2h - f'(x)|`.

    Examples
    --------
    >>> difference_errors(np.sin, 1.0, np.cos(1.0), dtype="float32").best_h
    (0.00017782794100389227, 0.005623413251903491)
    """
    kind = cast(np.dtype, dtype)  # checked(): a floating-point type
    steps = np.sort(np.reshape(np.logspace(-12, -1, 45) if hs is None else hs, -1))
    with np.errstate(over="ignore", under="ignore", invalid="ignore"):
        x_typed, typed_steps = kind.type(x), steps.astype(kind)
    if not np.isfinite(x_typed):
        raise ValueError(f"x={x!r} is beyond the range of {kind.name}")
    if np.any(typed_steps <= 0) or not np.all(np.isfinite(typed_steps)):
        raise ValueError(f"hs must hold steps that are positive in {kind.name}")
    check_step(np.array(x_typed, dtype=kind), typed_steps.max(), visible=False)
    forward, central = np.empty(steps.size), np.empty(steps.size)
    with np.errstate(over="ignore", under="ignore", invalid="ignore"):
        f_x = _typed_value(f, x_typed, kind)
        for i, h in enumerate(typed_steps):
            f_plus = _typed_value(f, x_typed + h, kind)
            f_minus = _typed_value(f, x_typed - h, kind)
            forward[i] = abs(float((f_plus - f_x) / h) - exact)
            central[i] = abs(float((f_plus - f_minus) / (kind.type(2) * h)) - exact)
    too_far = f"f's values differ too much for the steps in {kind.name}"
    check_finite_result(np.append(forward, central), "a difference quotient", too_far)
    return DifferenceErrors(steps, forward, central, kind)


def _typed_value(f: Fn, x: Any, kind: np.dtype) -> Any:
    """``f(x)``: one finite number of the type ``kind`` (so no silent float64)."""
    value = f(x)
    array = None if value is None else np.asarray(value)
    if array is None or array.dtype != kind or array.size != 1:
        got = "None" if array is None else f"{array.dtype.name} of shape {array.shape}"
        wrong = f"f must keep the type of its argument ({kind.name}) in one number"
        raise TypeError(f"{wrong}: it returned {got}")
    if not np.isfinite(array).all():
        raise ValueError(f"f returned {array.item()} at {float(x)!r} in {kind.name}")
    return array.reshape(())[()]
