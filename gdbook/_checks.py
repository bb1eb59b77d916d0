"""Boundary checks, declared beside each public function::

    @checked(x0=Array(), grad=Function(returns=Array(shape="x0")), steps=Count())
    def gradient_descent(grad, x0, *, lr=None, steps): ...

A check is called ``check(value, name, given)`` (``given``: the arguments checked so
far) and returns what the function gets (a float64 copy, a float, an int, a callable
whose results are checked), or raises :class:`ArgumentTypeError` or
:class:`ArgumentValueError`, whose ``argument`` is ``name``. :func:`frozen` checks a
dataclass's fields. The functions at the end check what only a run can find.
"""

from __future__ import annotations

import functools
import inspect
import math
import numbers
import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar, cast

import numpy as np

F = TypeVar("F", bound=Callable[..., Any])
T = TypeVar("T")
Check = Callable[..., Any]  #: ``check(value, name, given=None) -> value``
Shape = tuple[int, ...] | str | Callable[[dict[str, Any]], Any] | None

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
    if raw.dtype.kind == "c" or any(
        isinstance(v, complex | np.complexfloating) for v in items
    ):
        raise TypeError(f"{name} must be real, got complex values {_short(value)}")
    if raw.dtype.kind not in "fiubO" or any(
        v is None or isinstance(v, str | bytes) for v in items
    ):
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


@dataclass(frozen=True)
class Array:
    """A real, finite float64 copy of ``shape`` (a tuple, another argument's name, or
    a function of the arguments), ``ndim`` axes, non-empty, ``positive`` if asked;
    ``copy=False`` leaves a float64 array uncopied (large data, only read)."""

    shape: Shape = None
    ndim: int | None = None
    nonempty: bool = True
    finite: bool = True
    positive: bool = False
    copy: bool = True

    def __call__(self, value: Any, name: str, given: Any = None) -> np.ndarray:
        try:
            array = _real(value, name, self.copy)
            if self.finite:
                refuse_non_finite(array, name)
        except (TypeError, ValueError, OverflowError) as error:
            raise named(error, name) from None
        shape = self.shape
        if isinstance(shape, str):
            shape = np.shape((given or {})[shape])
        elif callable(shape):
            shape = shape(given or {})
        problem = ""
        if shape is not None and array.shape != shape:
            problem = f"must have shape {shape}"
        elif self.ndim is not None and array.ndim != self.ndim:
            problem = (
                f"must be a {self.ndim}-D array" if self.ndim else "must be a scalar"
            )
        elif self.nonempty and array.size == 0:
            problem = "must not be empty"
        if problem:
            raise ArgumentValueError(name, f"{name} {problem}, got shape {array.shape}")
        if self.positive and not np.all(array > 0):
            raise ArgumentValueError(name, f"{name} must be positive: {_short(value)}")
        return array


Point = Array  #: a start: a non-empty finite real array of any shape (an alias)


def Real() -> Check:
    """One finite real number (a 0-d array too), as a float."""
    return lambda value, name, given=None: float(Array(ndim=0)(value, name))


@dataclass(frozen=True)
class Number:
    """A real number (bools refused) in ``[low, high]``, as a float; ``low_open`` /
    ``high_open`` exclude an end; ``expected`` says what is expected, if not that."""

    low: float | None = None
    high: float | None = None
    low_open: bool = False
    high_open: bool = False
    expected: str = ""

    def __call__(self, value: Any, name: str, given: Any = None) -> float:
        low, high = -math.inf if self.low is None else self.low, self.high
        top = math.inf if high is None else high
        interval = (
            "(["[not self.low_open] + f"{low:g}, {top:g}" + ")]"[not self.high_open]
        )
        expected = self.expected or {
            "(0, inf]": "a positive finite number",
            "[-inf, inf]": "a finite real number",
        }.get(interval, f"a finite number in {interval}")
        wrong = f"{name} must be {expected}, got "
        if isinstance(value, bool | np.bool_) or not isinstance(value, numbers.Real):
            raise ArgumentTypeError(name, wrong + type(value).__name__)
        try:
            number = float(value)
        except OverflowError:  # a Python int beyond float64
            number = math.inf
        if not (
            math.isfinite(number)
            and (number > low if self.low_open else number >= low)
            and (high is None or (number < high if self.high_open else number <= high))
        ):
            raise ArgumentValueError(name, wrong + _short(value))
        return number


def Positive() -> Number:
    """A positive finite number (a learning rate, an epsilon...)."""
    return Number(0, low_open=True)


def Fraction(*, low_open: bool = False, high_open: bool = False) -> Number:
    """A number in ``[0, 1]``, either end excluded when asked (a decay, a momentum)."""
    return Number(0, 1, low_open, high_open)


def Step() -> Number:
    """A difference step, at least :data:`EPS` (x + h would round back to x)."""
    smaller = "a smaller one is too small: x + h rounds back to x for |x| >= 2"
    return Number(EPS, expected=f"at least {EPS:.4g} ({smaller})")


@dataclass(frozen=True)
class Count:
    """An integer (bools refused) in ``[min, max]``: ``max`` refuses at once a request
    of minutes or of more memory than the machine has."""

    min: int = 0
    max: int | None = None

    def __call__(self, value: Any, name: str, given: Any = None) -> int:
        if isinstance(value, bool | np.bool_) or not isinstance(
            value, numbers.Integral
        ):
            wrong = f"{name} must be an integer, got {type(value).__name__}"
            raise ArgumentTypeError(name, wrong)
        if value < self.min:
            wrong = f"{name} must be at least {self.min}, got {value}"
            raise ArgumentValueError(name, wrong)
        if self.max is not None and value > self.max:
            wrong = f"{name}={value} is too many: at most {self.max}"
            raise ArgumentValueError(name, wrong)
        return int(value)


@dataclass(frozen=True)
class Instance:
    """An instance of ``kind`` (``what`` says where such a thing comes from)."""

    kind: type | tuple[type, ...]
    what: str = ""

    def __call__(self, value: Any, name: str, given: Any = None) -> Any:
        if not isinstance(value, self.kind):
            what = self.what or f"a {getattr(self.kind, '__name__', self.kind)}"
            wrong = f"{name} must be {what}, got {type(value).__name__}"
            raise ArgumentTypeError(name, wrong)
        return value


def Flag() -> Check:
    """A bool, Python's or numpy's, as a bool."""
    check = Instance((bool, np.bool_), "a bool")
    return lambda value, name, given=None: bool(check(value, name))


@dataclass(frozen=True)
class Pair:
    """Two values (a tuple or list), each checked by its own check; an error names
    ``name[i]``, or the pair if ``whole``. ``increasing``: an interval, ``first <
    second`` and a finite width (named as a whole)."""

    first: Check
    second: Check
    increasing: bool = False
    whole: bool = False

    def __call__(self, value: Any, name: str, given: Any = None) -> Any:
        if not (isinstance(value, tuple | list | np.ndarray) and len(value) == 2):
            raise ArgumentTypeError(name, f"{name} must be a pair, got {_short(value)}")
        try:
            pair = tuple(
                check(v, f"{name}[{i}]", given)
                for i, (check, v) in enumerate(
                    zip((self.first, self.second), value, strict=True)
                )
            )
        except (TypeError, ValueError) as error:
            if not (self.increasing and isinstance(error, ValueError)):
                whole = self.whole or self.increasing
                raise named(error, name) if whole else error from None
            pair = (math.inf, -math.inf)  # not finite: refused below
        if self.increasing and not (
            pair[0] < pair[1] and math.isfinite(pair[1] - pair[0])
        ):
            wrong = f"{name} must be two finite numbers, low < high: {_short(value)}"
            raise ArgumentValueError(name, wrong)
        return pair


def Labels(count: int) -> Check:
    """``count`` strings (the labels of the axes), as a tuple."""

    def check(value: Any, name: str, given: Any = None) -> Any:
        if isinstance(value, tuple | list) and len(value) == count:
            if all(isinstance(label, str) for label in value):
                return tuple(value)
        raise ArgumentTypeError(name, f"{name} must be {count} strings, got {value!r}")

    return check


@dataclass(frozen=True)
class Optional:
    """None, or what ``check`` accepts."""

    check: Check

    def __call__(self, value: Any, name: str, given: Any = None) -> Any:
        return None if value is None else self.check(value, name, given)


@dataclass(frozen=True)
class Seed:
    """A :class:`numpy.random.Generator`, an integer seed >= 0, or None (a seed from
    the system); ``legacy``: a ``RandomState``, or a seed below 2**32."""

    legacy: bool = False

    def __call__(self, value: Any, name: str, given: Any = None) -> Any:
        kind = np.random.RandomState if self.legacy else np.random.Generator
        if isinstance(value, kind):
            return value
        if value is None and not self.legacy:
            return np.random.default_rng()
        if isinstance(value, bool) or not isinstance(value, numbers.Integral):
            wrong = f"{name} must be a numpy.random.{kind.__name__} or an integer seed"
            raise ArgumentTypeError(name, f"{wrong}, got {type(value).__name__}")
        if self.legacy:
            return np.random.RandomState(Count(0, 2**32 - 1)(value, name))
        return np.random.default_rng(Count(0)(value, name))


@dataclass(frozen=True)
class Function:
    """A callable; with ``returns`` (a check), what it returns is checked, a wrong
    result naming ``"what <name> returns"``."""

    returns: Check | None = None

    def __call__(self, value: Any, name: str, given: Any = None) -> Any:
        if not callable(value):
            wrong = f"{name} must be callable, got {type(value).__name__}"
            raise ArgumentTypeError(name, wrong)
        if self.returns is None:
            return value
        return Returning(value, self.returns, name, dict(given or {}))


class Returning:
    """``function``, whose results go through :meth:`result`; a loop may call
    ``function`` itself and check its results inline."""

    def __init__(self, function: Any, check: Check, name: str, given: Any) -> None:
        self.function, self.check, self.name, self.given = function, check, name, given
        self.shape = None
        if isinstance(check, Array) and isinstance(check.shape, str):
            self.shape = np.shape(given[check.shape])

    def __call__(self, *args: Any) -> Any:
        return self.result(self.function(*args))

    def result(self, result: Any) -> Any:
        """``result`` checked (a new float64 array of the shape asked is kept)."""
        if type(result) is np.ndarray and result.shape == self.shape:
            if result.dtype == np.float64:  # the common case, kept cheap
                # Kept if nobody else holds it (getrefcount's argument and
                # ``result``); a view, or a buffer the callable keeps, is copied.
                fresh = result.base is None and sys.getrefcount(result) <= 2
                return result if fresh else result.copy()
        scalar = isinstance(self.check, Scalar)
        what = self.name if scalar else f"what {self.name} returns"
        try:
            return self.check(result, what, self.given)
        except TypeError as error:
            raise ReturnedTypeError(self.name, str(error)) from None
        except ValueError as error:
            raise ArgumentValueError(self.name, str(error)) from None


@dataclass(frozen=True)
class Scalar:
    """One real number that a callable returns (a 0-d or one-element array too), as a
    float; NaN and infinities pass unless ``finite`` (a loss may overflow)."""

    finite: bool = False

    def __call__(self, value: Any, name: str, given: Any = None) -> float:
        if isinstance(value, float) and (not self.finite or math.isfinite(value)):
            return value
        try:
            return returned_scalar(value, name, finite=self.finite)
        except (TypeError, ValueError) as error:
            raise named(error, name) from None


def checked(**checks: Check) -> Callable[[F], F]:
    """Declare the checks of a function's arguments, run once at each call."""

    def decorate(function: F) -> F:
        signature = inspect.signature(function)
        unknown = set(checks) - set(signature.parameters)
        if unknown:
            raise TypeError(f"{function.__name__} has no argument {sorted(unknown)}")

        @functools.wraps(function)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            bound = signature.bind(*args, **kwargs)
            bound.apply_defaults()
            given = bound.arguments
            for name, check in checks.items():
                if name in given:
                    given[name] = check(given[name], name, given)
            return function(*bound.args, **bound.kwargs)

        return cast(F, wrapper)

    return decorate


def frozen(obj: Any, writeable: bool = False, **checks: Check) -> None:
    """Check the fields of a frozen dataclass (in its ``__post_init__``); arrays are
    stored read-only unless ``writeable``."""
    for name, check in checks.items():
        value = check(getattr(obj, name), name, vars(obj))
        if isinstance(value, np.ndarray) and not writeable:
            value.setflags(write=False)
        object.__setattr__(obj, name, value)


# --- What only a run finds: sizes, overflows, what a callable returns -----------------


def fits(count: int, name: str, given: Any = None, *, history: int = 0) -> None:
    """Refuse at once ``count`` float64 values beyond :data:`ARRAY_BYTES`, or a run of
    ``count`` updates whose history (points and gradients of ``history`` values)
    would not fit; ``name`` asked for it (``given``: its value)."""
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


def check_step_fits(point: np.ndarray, h: float, name: str = "x") -> None:
    """``point +- h`` must stay finite (near float64's largest value it does not)."""
    with np.errstate(over="ignore"):
        if not np.isfinite(np.abs(point) + h).all():
            why = f"{name} + h overflows: {name} is too close to float64's largest"
            raise ValueError(f"{why} value {np.finfo(float).max:.4g}")


def check_step_visible(point: np.ndarray, h: float, name: str = "x") -> None:
    """Refuse a step that rounds away next to a value of ``point`` (``x + h == x``:
    the difference would no longer measure the function)."""
    vanished = (point + h == point) | (point - h == point)
    if np.any(vanished):
        where = tuple(int(i) for i in np.argwhere(vanished)[0])
        value = float(point[where])
        place = f"{name}[{', '.join(map(str, where))}]" if point.ndim else name
        raise ValueError(
            f"h={h!r} vanishes next to {place}={value!r}: {name} + h or {name} - h "
            f"rounds back to {name} in float64, so the difference would not measure "
            f"f; use h of at least {2 * np.spacing(abs(value)):.3g} there"
        )


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


def returned_values(values: Any, count: int, name: str = "f") -> np.ndarray:
    """What ``name`` returned for a stack of ``count`` points: one real value each."""
    if np.iscomplexobj(values):
        raise ReturnTypeError(f"what {name} returns must be real, got a complex value")
    array = _returned(values, name, f"one real value per point, shape ({count},)")
    if array.shape != (count,):
        got = f"got {type(values).__name__} of shape {array.shape}"
        raise ValueError(f"{name} must return one real value per point, {got}")
    return array
