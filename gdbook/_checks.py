"""Boundary checks, declared beside each public function: ``@checked(x0=Array())``.
A check, ``check(value, name, given)`` (``given``: the arguments checked so far),
returns what the function gets, or raises an error of :mod:`gdbook._errors` naming
``name``; :func:`frozen` checks a dataclass's fields."""

from __future__ import annotations

import functools
import inspect
import math
import numbers
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar, cast

import numpy as np

from gdbook import _errors
from gdbook._errors import *  # noqa: F403  (the modules import them from here)
from gdbook._errors import EPS, ArgumentTypeError, ArgumentValueError, _real, _short

F = TypeVar("F", bound=Callable[..., Any])
Check = Callable[..., Any]  #: ``check(value, name, given=None) -> value``
Shape = tuple[int, ...] | str | Callable[[dict[str, Any]], Any] | None
#: What a :class:`Number` expects, in words, for the common intervals.
WORDS = {"(0, inf]": "a positive finite number", "[-inf, inf]": "a finite real number"}


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
                _errors.refuse_non_finite(array, name)
        except (TypeError, ValueError, OverflowError) as error:
            raise _errors.named(error, name) from None
        shape = self.shape
        if isinstance(shape, str):
            shape = np.shape((given or {})[shape])
        elif callable(shape):
            shape = shape(given or {})
        problem = ""
        if shape is not None and array.shape != shape:
            problem = f"must have shape {shape}"
        elif self.ndim is not None and array.ndim != self.ndim:
            problem = f"must be {self.ndim}-D" if self.ndim else "must be a scalar"
        elif self.nonempty and array.size == 0:
            problem = "must not be empty"
        if problem:
            raise ArgumentValueError(name, f"{name} {problem}, got shape {array.shape}")
        if self.positive and not np.all(array > 0):
            raise ArgumentValueError(name, f"{name} must be positive: {_short(value)}")
        return array


def Real() -> Check:
    """One finite real number (a 0-d array too), as a float."""
    return lambda value, name, given=None: float(Array(ndim=0)(value, name))


@dataclass(frozen=True)
class Number:
    """A real number (bools refused) in ``[low, high]``, as a float; ``low_open`` /
    ``high_open`` exclude an end; ``expected`` says what is expected, if not that."""

    low: float = -math.inf
    high: float = math.inf
    low_open: bool = False
    high_open: bool = False
    expected: str = ""

    def __call__(self, value: Any, name: str, given: Any = None) -> float:
        low, high = self.low, self.high
        ends = "(["[not self.low_open] + f"{low:g}, {high:g}" + ")]"[not self.high_open]
        expected = self.expected or WORDS.get(ends, f"a finite number in {ends}")
        wrong = f"{name} must be {expected}, got "
        if isinstance(value, bool) or not isinstance(value, numbers.Real):
            raise ArgumentTypeError(name, wrong + type(value).__name__)
        try:
            x = float(value)
        except OverflowError:  # a Python int beyond float64
            x = math.inf
        above = x > low if self.low_open else x >= low
        below = x < high if self.high_open else x <= high
        if not (math.isfinite(x) and above and below):
            raise ArgumentValueError(name, wrong + _short(value))
        return x


#: A positive finite number (a learning rate, an epsilon...).
Positive = functools.partial(Number, 0, low_open=True)
#: A number in ``[0, 1]``, either end excluded when asked (a decay, a momentum).
Fraction = functools.partial(Number, 0, 1)
#: A difference step, at least :data:`EPS` (a smaller one rounds away: x + h == x).
Step = functools.partial(Number, EPS, expected=f"at least {EPS:.4g} (x + h == x below)")


@dataclass(frozen=True)
class Count:
    """An integer (bools refused) in ``[min, max]`` (``max`` may name another argument):
    ``max`` refuses at once a request of minutes or of more memory than there is."""

    min: int = 0
    max: int | str | None = None

    def __call__(self, value: Any, name: str, given: Any = None) -> int:
        if isinstance(value, bool) or not isinstance(value, numbers.Integral):
            wrong = f"{name} must be an integer, got {type(value).__name__}"
            raise ArgumentTypeError(name, wrong)
        if int(value) < self.min:
            wrong = f"{name} must be at least {self.min}, got {value}"
            raise ArgumentValueError(name, wrong)
        high = (given or {})[self.max] if isinstance(self.max, str) else self.max
        if high is not None and int(value) > high:
            wrong = f"{name}={value} is too many: at most {high}"
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
            first = self.first(value[0], f"{name}[0]", given)
            pair = (first, self.second(value[1], f"{name}[1]", given))
        except (TypeError, ValueError) as error:
            if not (self.increasing and isinstance(error, ValueError)):
                whole = self.whole or self.increasing
                raise _errors.named(error, name) if whole else error from None
            pair = (math.inf, -math.inf)  # not finite: refused below
        low, high = pair
        if self.increasing and not (low < high and math.isfinite(high - low)):
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


def Optional(check: Check) -> Check:
    """None, or what ``check`` accepts."""
    return lambda value, *rest: None if value is None else check(value, *rest)


def Seed(legacy: bool = False) -> Check:
    """A :class:`numpy.random.Generator`, an integer seed >= 0, or None (a seed from
    the system); ``legacy``: a ``RandomState``, or a seed below 2**32 (None refused)."""
    kind = np.random.RandomState if legacy else np.random.Generator
    make: Any = np.random.RandomState if legacy else np.random.default_rng
    seed = Count(0, 2**32 - 1) if legacy else Optional(Count())

    def check(value: Any, name: str, given: Any = None) -> Any:
        if isinstance(value, kind):
            return value
        if isinstance(value, bool) or not isinstance(value, numbers.Integral | None):
            wrong = f"{name} must be a numpy.random.{kind.__name__} or an integer seed"
            raise ArgumentTypeError(name, f"{wrong}, got {type(value).__name__}")
        return make(seed(value, name))

    return check


@dataclass(frozen=True)
class Function:
    """A callable; with ``returns``, its results checked (``what <name> returns``)."""

    returns: Check | None = None

    def __call__(self, value: Any, name: str, given: Any = None) -> Any:
        if not callable(value):
            wrong = f"{name} must be callable, got {type(value).__name__}"
            raise ArgumentTypeError(name, wrong)
        if self.returns is None:
            return value
        return Returning(value, self.returns, name, dict(given or {}))


class Returning:
    """``function``, its results checked by :meth:`result` (or by a loop's own)."""

    def __init__(self, function: Any, check: Check, name: str, given: Any) -> None:
        self.function, self.check, self.name, self.given = function, check, name, given

    def __call__(self, *args: Any) -> Any:
        return self.result(self.function(*args))

    def result(self, result: Any) -> Any:
        """``result`` checked, as the check makes it (a copy of an array)."""
        scalar = isinstance(self.check, Scalar)
        what = self.name if scalar else f"what {self.name} returns"
        try:
            return self.check(result, what, self.given)
        except TypeError as error:
            raise _errors.ReturnedTypeError(self.name, str(error)) from None
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
            return _errors.returned_scalar(value, name, finite=self.finite)
        except (TypeError, ValueError) as error:
            raise _errors.named(error, name) from None


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

        wrapper.__checks__ = dict(checks)  # type: ignore[attr-defined]  # the contract
        return cast(F, wrapper)

    return decorate


def frozen(obj: Any, writeable: bool = False, **checks: Check) -> None:
    """Check a frozen dataclass's fields (arrays read-only unless ``writeable``)."""
    for name, check in checks.items():
        value = check(getattr(obj, name), name, vars(obj))
        if isinstance(value, np.ndarray) and not writeable:
            value.setflags(write=False)
        object.__setattr__(obj, name, value)
