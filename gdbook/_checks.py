"""Boundary checks, declared beside each public function.

A public function states its contract in one decorator, and its body holds only
the maths::

    @checked(x0=Point(), grad=Function(returns=Array(shape="x0")),
             lr=Positive(), steps=Count(max=10**9))
    def gradient_descent(grad, x0, *, lr, steps): ...

:func:`checked` binds the call's arguments once, runs each declared check in the
order written (defaults included; ``x0`` before the ``grad`` that refers to it), and
calls the function with what the checks return (a float64 copy of an array, a
float, an int, a callable whose result is checked...). Arguments without a check
pass untouched; :class:`Optional` lets None through. Nothing is checked again
inside: a loop runs on values already known to be good.

A check is a small object called as ``check(value, name, given)``: ``name`` is the
argument's name, ``given`` the arguments checked so far (so that ``Array(shape="x0")``
can ask for ``x0``'s shape). It returns the value to use or raises
:class:`ArgumentTypeError` / :class:`ArgumentValueError` (a ``TypeError`` /
``ValueError``) whose ``argument`` is the name and whose message says what was
expected. Tests check the type and ``argument``, not the wording.

The checks: :class:`Array` (real, finite float64 of a given shape; :func:`Point`
is any non-empty shape), :class:`Number` (a finite real in an interval;
:func:`Positive`, :func:`Fraction`), :class:`Count` (an integer in ``[min, max]``),
:class:`Flag`, :class:`Function` (callable, and what it must return),
:class:`Scalar` (one number, for what a callable returns), :class:`Instance`,
:class:`Pair`, :class:`Optional`, :class:`Seed`. To check one
value inside a body (a field of a hand-built state), call a check directly.
"""

from __future__ import annotations

import functools
import inspect
import math
import numbers
import sys
from collections.abc import Callable
from typing import Any, Protocol, TypeVar, cast

import numpy as np

from gdbook._validation import (
    _as_real,
    _to_float64,
    as_generator,
    refuse_non_finite,
    returned_scalar,
)

__all__ = [
    "ArgumentTypeError",
    "ArgumentValueError",
    "Array",
    "Count",
    "Flag",
    "Fraction",
    "Function",
    "Instance",
    "Number",
    "Optional",
    "Pair",
    "Point",
    "Positive",
    "ReturnedTypeError",
    "Scalar",
    "Seed",
    "checked",
    "named",
]


#: A function whose signature :func:`checked` keeps.
F = TypeVar("F", bound=Callable[..., Any])
#: The arguments checked so far, by name.
Given = dict[str, Any]


class Check(Protocol):
    """What every check is: called as ``check(value, name, given)``."""

    def __call__(self, value: Any, name: str, given: Given | None = None) -> Any: ...


class ArgumentTypeError(TypeError):
    """An argument of the wrong type; ``argument`` names it."""

    def __init__(self, argument: str, message: str):
        super().__init__(message)
        self.argument = argument


class ArgumentValueError(ValueError):
    """An argument of the right type but a wrong value; ``argument`` names it."""

    def __init__(self, argument: str, message: str):
        super().__init__(message)
        self.argument = argument


class ReturnedTypeError(ArgumentTypeError, ValueError):
    """A callable returned the wrong type (None, a string...); ``argument`` names it.

    A ``ValueError`` too, as such errors were before, so that code catching either
    keeps working.
    """


def named(error: Exception, name: str) -> Exception:
    """A TypeError/ValueError of the old checks, to re-raise naming its argument."""
    kind = ArgumentTypeError if isinstance(error, TypeError) else ArgumentValueError
    return kind(name, str(error))


class Array:
    """A real float64 copy, finite, of ``shape`` (a tuple, or another argument's name).

    ``ndim`` asks for a number of axes, ``nonempty`` refuses size 0; ``copy=False``
    does not copy a float64 array (for large data the function only reads).
    """

    def __init__(
        self,
        shape: tuple[int, ...] | str | None = None,
        *,
        ndim: int | None = None,
        nonempty: bool = True,
        finite: bool = True,
        copy: bool = True,
    ) -> None:
        self.shape, self.ndim, self.nonempty = shape, ndim, nonempty
        self.finite, self.copy = finite, copy

    def __call__(self, value: Any, name: str, given: Given | None = None) -> np.ndarray:
        try:
            array = _to_float64(value, name, copy=self.copy)
            if self.finite:
                refuse_non_finite(array, name)
        except (TypeError, ValueError) as error:
            raise named(error, name) from None
        shape = self.shape
        if isinstance(shape, str):
            shape = np.shape((given or {})[shape])
        if shape is not None and array.shape != shape:
            raise ArgumentValueError(
                name, f"{name} must have shape {shape}, got {array.shape}"
            )
        if self.ndim is not None and array.ndim != self.ndim:
            raise ArgumentValueError(
                name, f"{name} must have {self.ndim} axes, got shape {array.shape}"
            )
        if self.nonempty and array.size == 0:
            raise ArgumentValueError(
                name, f"{name} must not be empty, got shape {array.shape}"
            )
        return array


def Point() -> Array:
    """A start: a non-empty finite real array of any shape, copied to float64."""
    return Array()


class Number:
    """A real number (bools refused) in ``[low, high]``, as a float.

    ``low_open``/``high_open`` exclude an end.
    """

    def __init__(
        self,
        low: float | None = None,
        high: float | None = None,
        *,
        low_open: bool = False,
        high_open: bool = False,
    ) -> None:
        self.low, self.high = low, high
        self.low_open, self.high_open = low_open, high_open

    def expected(self) -> str:
        if self.low == 0 and self.low_open and self.high is None:
            return "a positive finite number"
        if self.low is None and self.high is None:
            return "a finite real number"
        left = "(" if self.low_open else "["
        right = ")" if self.high_open else "]"
        low = "-inf" if self.low is None else f"{self.low:g}"
        high = "inf" if self.high is None else f"{self.high:g}"
        return f"a finite number in {left}{low}, {high}{right}"

    def __call__(self, value: Any, name: str, given: Given | None = None) -> float:
        try:
            number = _as_real(value, name, self.expected())
        except (TypeError, ValueError) as error:
            raise named(error, name) from None
        low, high = self.low, self.high
        if not (
            math.isfinite(number)
            and (low is None or (number > low if self.low_open else number >= low))
            and (high is None or (number < high if self.high_open else number <= high))
        ):
            raise ArgumentValueError(
                name, f"{name} must be {self.expected()}, got {number!r}"
            )
        return number


def Positive() -> Number:
    """A positive finite number (a learning rate, an epsilon...)."""
    return Number(0, low_open=True)


def Fraction(*, low_open: bool = False, high_open: bool = False) -> Number:
    """A number in ``[0, 1]``, either end excluded when asked (a decay, a momentum)."""
    return Number(0, 1, low_open=low_open, high_open=high_open)


class Count:
    """An integer (bools refused) in ``[min, max]``.

    ``max`` bounds what a caller may ask for (a run's steps, a grid's size), so that
    a request of minutes or of more memory than the machine has is refused at once.
    """

    def __init__(self, min: int = 0, max: int | None = None) -> None:
        self.min, self.max = min, max

    def __call__(self, value: Any, name: str, given: Given | None = None) -> int:
        if isinstance(value, bool | np.bool_) or not isinstance(
            value, numbers.Integral
        ):
            raise ArgumentTypeError(
                name, f"{name} must be an integer, got {type(value).__name__}"
            )
        count = int(value)
        if count < self.min:
            raise ArgumentValueError(
                name, f"{name} must be at least {self.min}, got {count}"
            )
        if self.max is not None and count > self.max:
            raise ArgumentValueError(
                name, f"{name}={count} is too many: at most {self.max}"
            )
        return count


class Flag:
    """A bool, Python's or numpy's."""

    def __call__(self, value: Any, name: str, given: Given | None = None) -> bool:
        if not isinstance(value, bool | np.bool_):
            raise ArgumentTypeError(
                name, f"{name} must be a bool, got {type(value).__name__}"
            )
        return bool(value)


class Instance:
    """An instance of ``kind`` (``what`` says where such a thing comes from)."""

    def __init__(self, kind: type, what: str = "") -> None:
        self.kind, self.what = kind, what or f"a {kind.__name__}"

    def __call__(self, value: Any, name: str, given: Given | None = None) -> Any:
        if not isinstance(value, self.kind):
            raise ArgumentTypeError(
                name, f"{name} must be {self.what}, got {type(value).__name__}"
            )
        return value


class Pair:
    """A tuple or list of two values, each checked by its own check."""

    def __init__(self, first: Check, second: Check) -> None:
        self.checks = (first, second)

    def __call__(
        self, value: Any, name: str, given: Given | None = None
    ) -> tuple[Any, ...]:
        if not (isinstance(value, tuple | list) and len(value) == 2):
            raise ArgumentTypeError(name, f"{name} must be a pair, got {value!r}")
        return tuple(
            check(item, f"{name}[{i}]", given)
            for i, (check, item) in enumerate(zip(self.checks, value, strict=True))
        )


class Optional:
    """None, or what ``check`` accepts."""

    def __init__(self, check: Check) -> None:
        self.check = check

    def __call__(self, value: Any, name: str, given: Given | None = None) -> Any:
        return None if value is None else self.check(value, name, given)


class Seed:
    """A :class:`numpy.random.Generator`, a non-negative integer seed, or None."""

    def __call__(
        self, value: Any, name: str, given: Given | None = None
    ) -> np.random.Generator:
        try:
            return as_generator(value, name)
        except (TypeError, ValueError) as error:
            raise named(error, name) from None


class Function:
    """A callable; with ``returns``, wrapped so that what it returns is checked.

    ``returns`` is a check for the result (``Array(shape="x0")``, ``Number()``); a
    wrong result raises the check's error naming ``"what <name> returned"``.
    """

    def __init__(self, returns: Check | None = None) -> None:
        self.returns = returns

    def __call__(self, value: Any, name: str, given: Given | None = None) -> Any:
        if not callable(value):
            raise ArgumentTypeError(
                name, f"{name} must be callable, got {type(value).__name__}"
            )
        if self.returns is None:
            return value
        return Returning(value, self.returns, name, dict(given or {}))


class Returning:
    """``function``, whose every result goes through :meth:`result`.

    A loop may call ``function`` itself and pass its results to :meth:`result`
    (one call less at each update).
    """

    def __init__(self, function: Any, check: Check, name: str, given: Given) -> None:
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
                # A new array that nobody else holds (only ``result`` and
                # getrefcount's argument refer to it) is kept as it is; a
                # view, or a buffer the callable keeps, is copied.
                if result.base is None and sys.getrefcount(result) <= 2:
                    return result
                return result.copy()
        check, name = self.check, self.name
        what = name if isinstance(check, Scalar) else f"what {name} returns"
        try:
            return check(result, what, self.given)
        except ArgumentTypeError as error:
            raise ReturnedTypeError(name, str(error)) from None
        except ArgumentValueError as error:
            raise ArgumentValueError(name, str(error)) from None


class Scalar:
    """One real number (a 0-d or one-element array too), as a float; NaN and
    infinities pass unless ``finite`` (a loss may overflow: the run then stops)."""

    def __init__(self, *, finite: bool = False) -> None:
        self.finite = finite

    def __call__(self, value: Any, name: str, given: Given | None = None) -> float:
        if isinstance(value, float) and (not self.finite or math.isfinite(value)):
            return value
        try:
            return returned_scalar(value, name, finite=self.finite)
        except TypeError as error:
            raise ArgumentTypeError(name, str(error)) from None
        except ValueError as error:
            raise ArgumentValueError(name, str(error)) from None


def checked(**checks: Check) -> Callable[[F], F]:
    """Declare the checks of a function's arguments, run once at each call.

    The decorated function keeps its signature (for type checkers too).
    """

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

        wrapper.__checks__ = checks  # type: ignore[attr-defined]  # a function attribute
        return cast(F, wrapper)

    return decorate
