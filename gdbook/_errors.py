"""Argument errors, and the checks that only a run can make (sizes, overflows,
what a user's callable returns), shared by :mod:`gdbook._checks` and the modules."""

from __future__ import annotations

import math
import warnings
from collections.abc import Callable
from typing import Any, TypeVar

import numpy as np

__all__ = ["ARRAY_BYTES", "ArgumentTypeError", "ArgumentValueError", "fits", "named"]
__all__ += ["ReturnedTypeError", "check_finite_result", "check_step"]
__all__ += ["refuse_non_finite", "returned_array", "returned_scalar"]

T = TypeVar("T")

EPS = float(np.finfo(np.float64).eps)  #: float64's spacing at 1.0, about 2.2e-16
ARRAY_BYTES = 2 * 2**30  #: the largest array or history made from a count


class _Named(Exception):
    def __init__(self, argument: str, message: str):
        super().__init__(message)
        self.argument = argument


class ArgumentTypeError(_Named, TypeError):
    """An argument of the wrong type; ``argument`` names it."""


class ArgumentValueError(_Named, ValueError):
    """An argument of the right type but a wrong value; ``argument`` names it."""


class ReturnTypeError(TypeError, ValueError):
    """A user's callable returned the wrong type (a ValueError too, as before)."""


class ReturnedTypeError(ArgumentTypeError, ReturnTypeError):
    """A callable argument returned the wrong type; ``argument`` names it."""


def renamed(module: str, old: dict[str, Any]) -> Callable[[str], Any]:
    """A module's ``__getattr__`` giving an old name's replacement, and a warning."""

    def __getattr__(name: str) -> Any:
        if name not in old:
            raise AttributeError(f"module {module!r} has no attribute {name!r}")
        new = f"{old[name].__module__}.{old[name].__qualname__}"
        message = f"{module}.{name} is renamed {new}; the old name goes in the next"
        warnings.warn(f"{message} release", DeprecationWarning, stacklevel=2)
        return old[name]

    return __getattr__


def named(error: Exception, name: str) -> Exception:
    """A TypeError/ValueError re-raised as the argument error naming ``name``."""
    kind = ArgumentTypeError if isinstance(error, TypeError) else ArgumentValueError
    return kind(name, str(error))


def _short(value: Any, width: int = 60) -> str:
    """A one-line description of ``value`` for a message."""
    with np.printoptions(threshold=6, edgeitems=2, precision=6):
        text = " ".join(repr(value).split())
    return text if len(text) <= width else text[: width - 3] + "..."


def _real(value: Any, name: str, copy: bool = False) -> np.ndarray:
    """``value`` as float64; TypeError for None, text, complex or a masked array,
    ValueError for a ragged list, OverflowError for an int beyond float64."""
    wrong = f"{name} must be a real number or an array of real numbers, got "
    if value is None or isinstance(value, str | bytes):
        raise TypeError(wrong + _short(value))
    if isinstance(value, np.ma.MaskedArray):
        raise TypeError(f"{name} must not be a masked array (pass {name}.compressed())")
    try:
        raw = value if isinstance(value, np.ndarray) else np.asarray(value)
    except ValueError:
        raise ValueError(wrong + f"a ragged {type(value).__name__}") from None
    items = raw.reshape(-1).tolist() if raw.dtype.kind == "O" else ()
    complex_items = any(isinstance(v, complex | np.complexfloating) for v in items)
    if raw.dtype.kind == "c" or complex_items:
        raise TypeError(f"{name} must be real, got complex values {_short(value)}")
    text = any(isinstance(v, str | bytes | None) for v in items)  # (None: nan)
    if raw.dtype.kind not in "fiubO" or text:
        raise TypeError(wrong + f"{type(value).__name__} {_short(value)}")
    try:
        return np.array(raw, dtype=np.float64, copy=copy or None)
    except OverflowError:
        raise OverflowError(f"{name} is too large for float64") from None
    except (TypeError, ValueError):
        raise TypeError(wrong + _short(value)) from None


def refuse_non_finite(array: np.ndarray, name: str) -> None:
    """Name the first value of ``array`` that is not finite, if any."""
    finite = np.isfinite(array)
    if not (bool(finite) if finite.ndim == 0 else finite.all()):
        where = tuple(int(i) for i in np.argwhere(~finite)[0])
        place = f" at index {where}" if array.ndim else ""
        raise ValueError(f"{name} must be finite, got {float(array[where])}{place}")


def fits(count: int, name: str, given: Any = None, *, history: int = 0) -> None:
    """Refuse ``count`` float64 values beyond :data:`ARRAY_BYTES`, or ``count`` updates
    whose history (``history`` values a point) would not fit; ``name`` asked for it."""
    needed = (count + 1) * (2 * (8 * history + 128) + 32) if history else 8 * count
    if needed > ARRAY_BYTES:
        what = "keep a history" if history else "need arrays"
        asked = f"{name}={count if given is None else given!r}"
        limit = f"the limit is {ARRAY_BYTES / 2**30:g} GiB: ask for fewer {name}"
        gib = f"{needed / 2**30 if needed < 2**1000 else math.inf:.3g} GiB"
        raise ArgumentValueError(name, f"{asked} would {what} of {gib}; {limit}")


def check_finite_result(value: T, what: str, because: str) -> T:
    """Refuse a result that is not finite although its input was: an overflow."""
    if not np.all(np.isfinite(value)):
        raise ValueError(f"{what} overflows float64: {because}")
    return value


def check_step(point: np.ndarray, h: float, *, visible: bool = True) -> None:
    """Refuse ``h`` if ``x +- h`` overflows or (``visible``) rounds back to ``x``."""
    with np.errstate(over="ignore"):
        if not np.isfinite(np.abs(point) + h).all():
            why = "x + h overflows: x is too close to float64's largest"
            raise ValueError(f"{why} value {np.finfo(float).max:.4g}")
    vanished = (point + h == point) | (point - h == point)
    if visible and np.any(vanished):
        where = tuple(int(i) for i in np.argwhere(vanished)[0])
        value, place = float(point[where]), "x" + str(list(where)) * (point.ndim > 0)
        least = f"use h of at least {2 * np.spacing(abs(value)):.3g} there"
        why = f"x + h or x - h rounds back to x in float64; {least}"
        raise ValueError(f"h={h!r} vanishes next to {place}={value!r}: {why}")


def _returned(value: Any, name: str, expected: str) -> np.ndarray:
    """What ``name`` returned as a float64 array (its type checked, not its shape)."""
    try:
        return _real(value, name)
    except OverflowError:
        raise ValueError(f"{name} returned a number too large for float64") from None
    except (TypeError, ValueError):
        what = "None" if value is None else f"{type(value).__name__} {_short(value)}"
        if np.iscomplexobj(value):
            what = f"complex values {_short(value)}"
        wrong = f"{name} returned {what}, but {name} must return {expected}"
        raise ReturnTypeError(wrong) from None


def returned_scalar(value: Any, name: str, *, finite: bool = False) -> float:
    """What ``name`` (a user's callable) returned: one real number, as a float."""
    if isinstance(value, float | np.floating):  # the common case, kept cheap
        result = float(value)
    else:
        array = _returned(value, name, "a real scalar")
        if array.size != 1:
            wrong = f"{type(value).__name__} of shape {array.shape}"
            raise ValueError(f"{name} must return a real scalar, got {wrong}")
        result = float(array.reshape(()).item())
    if finite and not math.isfinite(result):
        raise ValueError(f"{name} returned {result}: it must be finite")
    return result


def returned_array(
    value: Any, name: str, shape: tuple[int, ...] | None, *, of: str = "x0's shape"
) -> np.ndarray:
    """What ``name`` returned, as a new float64 array of ``shape`` (None: any)."""
    if type(value) is np.ndarray and value.dtype == np.float64 and value.shape == shape:
        return value.copy()  # the common case, kept cheap
    expected = "real numbers" + ("" if shape is None else f", an array of {of} {shape}")
    array = _returned(value, name, expected)
    if shape is not None and array.shape != shape:
        wrong = f"an array of {of} {shape}, got shape {array.shape}"
        raise ValueError(f"{name} must return {wrong}")
    return np.array(array)
