"""Every argument check of gdbook, in one place.

Every public function checks its input on entry, so that a mistake surfaces as one
clear ``TypeError`` or ``ValueError`` that names the argument (or the callable that
returned something wrong), rather than as a silent wrong answer or a traceback from
deep inside numpy. Each rule is written once, here.

In short: arrays become float64, and complex numbers (even ``3+0j``), strings,
None, masked and ragged input are refused (integers and bools are real: ``True``
is 1.0); NaN and infinities are refused where a number is expected; counts are
integers (bools refused) and a request that would not fit in memory is refused
with its size; what a user's callable returns is checked (type, shape, finiteness
where it matters), and a mistake names the callable and what it returned.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Callable
from typing import Any, TypeVar, cast

import numpy as np

#: dtype kinds accepted as real numbers: float, signed and unsigned int, bool.
_REAL_KINDS = "fiub"

#: The spacing of float64 at 1.0 (``numpy.finfo(float).eps``, about 2.2e-16).
EPS = float(np.finfo(np.float64).eps)


class ReturnTypeError(TypeError, ValueError):
    """A user's callable returned the wrong type (None, a string, complex...).

    A ``TypeError``, and a ``ValueError`` too (raised for these before), so that
    code catching either keeps working.
    """


_T = TypeVar("_T")


def check_callable(value: Any, name: str) -> Callable[..., Any]:
    """Return ``value`` if it is callable, else raise ``TypeError`` naming it."""
    if not callable(value):
        raise TypeError(f"{name} must be callable, got {type(value).__name__}")
    return cast(Callable[..., Any], value)


def check_bool(value: Any, name: str) -> bool:
    """Return ``value`` as a bool if it is one (Python's or numpy's)."""
    if not isinstance(value, bool | np.bool_):
        raise TypeError(f"{name} must be a bool, got {type(value).__name__}")
    return bool(value)


def check_str(value: Any, name: str) -> str:
    """Return ``value`` if it is a string."""
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a string, got {type(value).__name__}")
    return value


def _refuse_complex(value: Any, name: str) -> None:
    """Complex input would lose its imaginary part in float64: refuse it."""
    kind = getattr(getattr(value, "dtype", None), "kind", None)
    if kind == "c" or isinstance(value, complex):
        raise TypeError(f"{name} must be real, got a complex value")


def _short(value: Any, width: int = 60) -> str:
    """A one-line description of ``value`` for an error message."""
    with np.printoptions(threshold=6, edgeitems=2, precision=6):
        text = repr(value)
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 3] + "..."


def _to_float64(value: Any, name: str, copy: bool) -> np.ndarray:
    """``value`` as a float64 array, or a clear error naming ``name``."""
    expected = "a real number or an array of real numbers"
    if value is None or isinstance(value, str | bytes):
        raise TypeError(f"{name} must be {expected}, got {_short(value)}")
    if isinstance(value, np.ma.MaskedArray):
        raise TypeError(
            f"{name} must not be a masked array: its mask would be ignored (pass "
            f"the values to use, e.g. {name}.compressed())"
        )
    _refuse_complex(value, name)
    if isinstance(value, np.ndarray):
        raw = value
    else:
        try:
            raw = np.asarray(value)
        except ValueError as error:  # a ragged nested list
            raise ValueError(
                f"{name} must be {expected} of a regular shape, got a ragged "
                f"{type(value).__name__}"
            ) from error
    kind = raw.dtype.kind
    if kind == "O":
        items = raw.reshape(-1).tolist()
        if any(isinstance(v, complex | np.complexfloating) for v in items):
            raise TypeError(f"{name} must be real, got a complex value")
        if any(v is None or isinstance(v, str | bytes) for v in items):
            raise TypeError(f"{name} must be {expected}, got {_short(value)}")
    elif kind == "c":
        raise TypeError(f"{name} must be real, got a complex value")
    elif kind not in _REAL_KINDS:
        raise TypeError(
            f"{name} must be {expected}, got {type(value).__name__} of dtype "
            f"{raw.dtype}"
        )
    try:
        if copy:
            return np.array(raw, dtype=np.float64)
        return np.asarray(raw, dtype=np.float64)
    except OverflowError as error:  # a Python int beyond float64
        raise ValueError(f"{name} is too large for float64: {_short(value)}") from error
    except (TypeError, ValueError) as error:
        raise TypeError(f"{name} must be {expected}, got {_short(value)}") from error


def all_finite(value: Any) -> bool:
    """Whether every value of a real scalar or array is finite (fast for small ones)."""
    if isinstance(value, float):
        return math.isfinite(value)
    finite = np.isfinite(value)
    return bool(finite) if finite.ndim == 0 else bool(finite.all())


def refuse_non_finite(array: np.ndarray, name: str) -> None:
    """Name the first value of ``array`` that is not finite, if any."""
    if not all_finite(array):
        where = np.argwhere(~np.isfinite(array))[0]
        place = "" if array.ndim == 0 else f" at index {tuple(int(i) for i in where)}"
        value = array[tuple(where)] if array.ndim else array
        raise ValueError(f"{name} must be finite, got {float(value)}{place}")


def as_float_array(
    value: Any, name: str, *, finite: bool = True, nonempty: bool = False
) -> np.ndarray:
    """Return a new float64 array built from ``value``; never a view of it.

    Copying on entry is what lets gdbook promise that the caller's array is never
    modified, and converting to float64 avoids the book's silent truncation of
    integer arrays (``x[i] = 3 + 1e-4`` stores ``3`` in an integer array).
    """
    array = _to_float64(value, name, copy=True)
    if finite:
        refuse_non_finite(array, name)
    if nonempty and array.size == 0:
        raise ValueError(f"{name} must not be empty, got shape {array.shape}")
    return array


def as_read_only_float(value: Any, name: str) -> np.ndarray:
    """``value`` as float64 without copying when it already is (it is never written).

    For the large arrays of least squares (a benchmark uses 10 million rows):
    copying them on every call would double the memory traffic. Callers never
    write to the result, so the caller's array stays untouched either way.
    """
    return _to_float64(value, name, copy=False)


def as_scalar(value: Any, name: str) -> float:
    """A finite real number given as a Python or numpy scalar (or 0-d array)."""
    array = as_float_array(value, name)
    if array.shape != ():
        raise ValueError(f"{name} must be a scalar, got shape {array.shape}")
    return float(array)


def as_frozen_array(value: Any, name: str, ndim: int) -> np.ndarray:
    """A read-only, non-empty float64 copy of ``value`` with ``ndim`` axes (weights)."""
    array = as_float_array(value, name)
    if array.ndim != ndim or array.size == 0:
        raise ValueError(
            f"{name} must be a non-empty array with {ndim} axes, got shape "
            f"{array.shape}"
        )
    array.setflags(write=False)
    return array


def as_shaped(value: Any, name: str, shape: tuple[int, ...]) -> np.ndarray:
    """A finite float64 copy of ``value``, which must have exactly ``shape``."""
    array = as_float_array(value, name)
    if array.shape != shape:
        raise ValueError(f"{name} must have shape {shape}, got {array.shape}")
    return array


def as_shape(value: Any, name: str, ndim: int) -> tuple[int, ...]:
    """A shape: a tuple of ``ndim`` positive integers (bools refused)."""
    expected = f"a tuple of {ndim} positive integers"
    if not isinstance(value, tuple) or len(value) != ndim:
        raise TypeError(f"{name} must be {expected}, got {_short(value)}")
    if any(isinstance(n, bool) or not isinstance(n, numbers.Integral) for n in value):
        raise TypeError(f"{name} must be {expected}, got {_short(value)}")
    if any(n < 1 for n in value):
        raise ValueError(f"{name} must be {expected}, got {value!r}")
    return tuple(int(n) for n in value)


def as_same_shape(a: Any, b: Any, names: tuple[str, str]) -> tuple[np.ndarray, ...]:
    """Two non-empty float64 arrays of one shape (predictions and targets...)."""
    first, second = as_float_array(a, names[0]), as_float_array(b, names[1])
    if first.shape != second.shape:
        raise ValueError(
            f"{names[0]} and {names[1]} must have the same shape, got {first.shape} "
            f"and {second.shape}"
        )
    if first.size == 0:
        raise ValueError(f"{names[0]} and {names[1]} must not be empty")
    return first, second


def as_line_data(x: Any, y: Any) -> tuple[np.ndarray, np.ndarray]:
    """The data of a line fit: two non-empty 1-D float64 arrays of one shape."""
    x = as_float_array(x, "x")
    y = as_float_array(y, "y")
    if x.ndim != 1 or x.size == 0:
        raise ValueError(f"x must be a non-empty 1-D array, got shape {x.shape}")
    if y.shape != x.shape:
        raise ValueError(f"y must have x's shape {x.shape}, got {y.shape}")
    return x, y


def _as_real(value: Any, name: str, expected: str) -> float:
    """A real Python or numpy number (bools refused) as a float, range unchecked."""
    if isinstance(value, bool | np.bool_) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be {expected}, got {type(value).__name__}")
    try:
        return float(value)
    except OverflowError as error:  # a Python int beyond float64
        raise ValueError(f"{name} must be {expected}, got {_short(value)}") from error


def as_real_number(value: Any, name: str) -> float:
    """A finite real Python or numpy number (bools refused), as a float."""
    value = _as_real(value, name, "a finite real number")
    if not math.isfinite(value):
        raise ValueError(f"{name} must be a finite real number, got {value!r}")
    return float(value)


def as_vector(value: Any, name: str) -> np.ndarray:
    """A finite, non-empty, one-dimensional float64 copy of ``value``."""
    array = as_float_array(value, name)
    if array.ndim != 1 or array.size == 0:
        raise ValueError(f"{name} must be a non-empty 1-D sequence, got {value!r}")
    return array


def check_positive_finite(value: Any, name: str) -> float:
    """Return ``value`` as a float if it is a positive finite real number."""
    value = _as_real(value, name, "a positive finite number")
    if not (np.isfinite(value) and value > 0):
        raise ValueError(f"{name} must be a positive finite number, got {value!r}")
    return float(value)


def check_non_negative_int(value: Any, name: str) -> int:
    """Return ``value`` as an int if it is an integer >= 0 (bools refused)."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(
            f"{name} must be a non-negative integer, got {type(value).__name__}"
        )
    value = int(value)
    if value < 0:
        raise ValueError(f"{name} must be a non-negative integer, got {value}")
    return int(value)


def check_at_least(value: Any, name: str, low: int) -> int:
    """Return ``value`` as an int if it is an integer >= ``low``."""
    value = check_non_negative_int(value, name)
    if value < low:
        raise ValueError(f"{name} must be at least {low}, got {value}")
    return int(value)


#: Largest history a run may keep, in bytes. A run of ``steps`` updates keeps every
#: point and every gradient: past this, asking for more steps would exhaust the
#: memory after minutes of work, so it is refused at once with its size.
HISTORY_BYTES = 2 * 2**30

#: Largest array a function makes from a count it is given (data, grids, networks),
#: in bytes: asking for more is refused at once rather than exhausting the memory.
ARRAY_BYTES = 2 * 2**30


def check_history_fits(
    updates: int, size: int, name: str, given: int | None = None
) -> None:
    """Refuse a run whose history (points, gradients, losses) would not fit.

    ``name`` is the argument that asked for the ``updates`` (``steps``, or
    ``epochs`` with ``given`` its value when an epoch makes several updates).
    """
    # Each recorded array costs its values plus about 128 bytes of bookkeeping,
    # and each loss a Python float in a list.
    per_update = 2 * (8 * size + 128) + 32
    needed = (updates + 1) * per_update
    if needed > HISTORY_BYTES:
        raise ValueError(
            f"{name}={updates if given is None else given} would keep a history of "
            f"about {needed / 2**30:.3g} GiB "
            f"(every point and gradient of {size} value(s)); the limit is "
            f"{HISTORY_BYTES / 2**30:g} GiB: ask for fewer {name}"
        )


def check_array_fits(count: int, name: str, given: Any = None) -> None:
    """Refuse to make an array of ``count`` float64 values beyond :data:`ARRAY_BYTES`.

    ``name`` is the argument that asked for it (``given`` its value when it is not
    ``count`` itself, e.g. a shape or a grid).
    """
    needed = 8 * count
    if needed > ARRAY_BYTES:
        raise ValueError(
            f"{name}={count if given is None else given!r} would need arrays of "
            f"about {needed / 2**30:.3g} GiB ({count} values); the limit is "
            f"{ARRAY_BYTES / 2**30:g} GiB: ask for fewer"
        )


# --- Steps of finite differences, and float64's edges --------------------------------


def check_step(h: Any, name: str = "h") -> float:
    """A difference step: positive, finite and at least :data:`EPS`.

    A step below the spacing of float64 at 1.0 is lost in the rounding of
    ``x + h`` for every ``|x| >= 2`` (``2.0 + 1e-16 == 2.0``): the difference would
    then be 0 whatever the function. Such a step is never a useful one, so it is
    refused as an argument error.
    """
    h = check_positive_finite(h, name)
    if h < EPS:
        raise ValueError(
            f"{name}={h!r} is too small: a step must be at least {EPS:.4g}, the "
            f"spacing of float64 at 1.0; a smaller one is lost in the rounding of "
            f"x + {name} for every |x| >= 2, and the difference is then 0 "
            f"whatever f"
        )
    return float(h)


def check_step_fits(point: np.ndarray, h: float, name: str = "x") -> None:
    """``point +- h`` must stay finite (near float64's largest value it does not)."""
    with np.errstate(over="ignore"):
        moved = np.abs(point) + h
    if not all_finite(moved):
        raise ValueError(
            f"{name} is too close to float64's largest value {np.finfo(float).max:.4g}"
            f": {name} + h overflows"
        )


def check_step_visible(point: np.ndarray, h: float, name: str = "x") -> None:
    """Refuse a step that rounds away next to a value of ``point``.

    Where ``x + h == x`` or ``x - h == x`` in float64 the difference no longer
    measures the function: it is 0, or half the derivative. Name the first such
    value and the step it would need.
    """
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


def check_finite_result(value: _T, what: str, because: str) -> _T:
    """Refuse a result that is not finite although its input was: an overflow.

    ``what`` says which result, ``because`` which arguments are too large.
    """
    if not all_finite(value):
        raise ValueError(f"{what} overflows float64: {because}")
    return value


def freeze_fields(obj: Any, **converters: Callable[[Any, str], Any]) -> None:
    """Check and convert the fields of a frozen dataclass in its ``__post_init__``.

    Each converter receives the field's value and its name, and returns the value
    to store (for arrays: a read-only float64 copy), or raises.
    """
    for name, convert in converters.items():
        value = convert(getattr(obj, name), name)
        if isinstance(value, np.ndarray):
            value.setflags(write=False)
        object.__setattr__(obj, name, value)


# --- Plots --------------------------------------------------------------------------

#: Most points of a curve drawn by :mod:`gdbook.plot` (a figure is a few hundred
#: pixels wide): more would only make the Python loop over ``f`` run for hours.
MAX_CURVE_POINTS = 100_000

#: Most points along one axis of a contour or surface grid (a million in all).
MAX_GRID_SIDE = 1000

#: Most arrows along one axis of a gradient field (ten thousand in all).
MAX_ARROWS_SIDE = 100


def check_plot_count(value: Any, name: str, low: int, high: int, what: str) -> int:
    """A count of things to draw: an integer in ``[low, high]``."""
    value = check_at_least(value, name, low)
    if value > high:
        raise ValueError(
            f"{name}={value} {what} is too many to draw: at most {high}, far more "
            f"than a figure can show"
        )
    return int(value)


def as_limits(value: Any, name: str) -> tuple[float, float]:
    """An interval ``(low, high)``: two finite numbers, ``low < high``, finite width."""
    if isinstance(value, str | bytes) or not (
        hasattr(value, "__len__") and hasattr(value, "__getitem__") and len(value) == 2
    ):
        raise TypeError(f"{name} must be a pair of numbers (low, high), got {value!r}")
    low = _as_real(value[0], f"{name}[0]", "a number")
    high = _as_real(value[1], f"{name}[1]", "a number")
    if not (math.isfinite(low) and math.isfinite(high) and low < high):
        raise ValueError(f"{name} must be two finite numbers, low < high: {value!r}")
    if not math.isfinite(high - low):
        raise ValueError(f"{name}={value!r} is wider than float64 can hold")
    return low, high


def check_axes(ax: _T, name: str = "ax") -> _T:
    """``ax`` if it is None or looks like a matplotlib Axes (no matplotlib import)."""
    if ax is not None and not (hasattr(ax, "plot") and hasattr(ax, "figure")):
        raise TypeError(
            f"{name} must be a matplotlib Axes or None, got {type(ax).__name__}"
        )
    return ax


def check_labels(value: Any, name: str, count: int) -> tuple[str, ...]:
    """A tuple (or list) of ``count`` strings: the labels of the axes."""
    if not (
        isinstance(value, tuple | list)
        and len(value) == count
        and all(isinstance(label, str) for label in value)
    ):
        raise TypeError(f"{name} must be {count} strings, got {value!r}")
    return tuple(value)


# --- What a user's callable returns --------------------------------------------------


def _bad_return(value: Any, name: str, expected: str) -> ReturnTypeError:
    """The error for a callable ``name`` that returned ``value`` of the wrong type."""
    if value is None:
        what = "None"
    elif isinstance(value, complex) or np.iscomplexobj(value):
        what = f"complex values {_short(value)}"
    else:
        what = f"{type(value).__name__} {_short(value)}"
    return ReturnTypeError(f"{name} returned {what}, but {name} must return {expected}")


def returned_scalar(value: Any, name: str, *, finite: bool = False) -> float:
    """What ``name`` (a user's callable) returned, as a float; it must be one number.

    With ``finite``, a NaN or an infinity is refused too.
    """
    if isinstance(value, float | np.floating):  # the common case, kept cheap
        result = float(value)
    else:
        if value is None or isinstance(value, str | bytes | complex):
            raise _bad_return(value, name, "a real scalar")
        try:
            array = np.asarray(value)
        except ValueError as error:
            raise _bad_return(value, name, "a real scalar") from error
        if array.dtype.kind not in _REAL_KINDS:
            raise _bad_return(value, name, "a real scalar")
        if array.size != 1:
            raise ValueError(
                f"{name} must return a real scalar, got {type(value).__name__} "
                f"of shape {array.shape}"
            )
        result = float(array.reshape(()).item())
    if finite and not math.isfinite(result):
        raise ValueError(f"{name} returned {result}: it must be finite")
    return result


def returned_values(values: Any, count: int, name: str = "f") -> np.ndarray:
    """What ``name`` returned for a stack of ``count`` points: one real value each."""
    if values is None or isinstance(values, str | bytes):
        raise _bad_return(values, name, f"one real value per point, shape ({count},)")
    _refuse_complex(values, f"what {name} returns")
    array = np.asarray(values)
    if array.dtype.kind not in _REAL_KINDS:
        raise _bad_return(values, name, f"one real value per point, shape ({count},)")
    if array.shape != (count,):
        raise ValueError(
            f"{name} must return one real value per point of the stack, shape "
            f"({count},), got {type(values).__name__} of shape {array.shape}"
        )
    return array.astype(np.float64, copy=False)


def returned_array(
    value: Any,
    name: str,
    shape: tuple[int, ...] | None,
    *,
    of: str = "x0's shape",
    copy: bool = True,
) -> np.ndarray:
    """What ``name`` returned, as float64 of ``shape`` (say which callable if not).

    ``shape`` None accepts any shape (the caller checks it). A copy by default, so
    that a callable that returns the same buffer each time cannot rewrite a history
    that keeps it.
    """
    if type(value) is np.ndarray and value.dtype == np.float64 and value.shape == shape:
        return value.copy() if copy else value  # the common case, kept cheap
    expected = "real numbers" + ("" if shape is None else f", an array of {of} {shape}")
    if value is None or isinstance(value, str | bytes | complex):
        raise _bad_return(value, name, expected)
    try:
        array = np.asarray(value)
    except ValueError as error:
        raise _bad_return(value, name, expected) from error
    if array.dtype.kind not in _REAL_KINDS:
        if array.dtype.kind == "O" and all(
            isinstance(v, numbers.Real) for v in array.reshape(-1).tolist()
        ):
            array = array.astype(np.float64)  # numbers of several types, say
        else:
            raise _bad_return(value, name, expected)
    if shape is not None and array.shape != shape:
        raise ValueError(
            f"{name} must return an array of {of} {shape}, got shape {array.shape}"
        )
    return np.array(array, dtype=np.float64, copy=copy or None)


# --- Random generators --------------------------------------------------------------


def as_generator(rng: Any, name: str = "rng") -> np.random.Generator:
    """A :class:`numpy.random.Generator` from a generator, a seed or None.

    A generator is returned as is (its stream goes on); a non-negative integer
    seeds a new PCG64 generator; None seeds one from the operating system. Anything
    else (a legacy ``RandomState`` included) is a ``TypeError`` naming ``name``.
    """
    if isinstance(rng, np.random.Generator):
        return rng
    if rng is None:
        return np.random.default_rng()
    if isinstance(rng, bool) or not isinstance(rng, numbers.Integral):
        raise TypeError(
            f"{name} must be a numpy.random.Generator, an integer seed or None, "
            f"got {type(rng).__name__}"
        )
    return np.random.default_rng(check_non_negative_int(rng, name))


def as_legacy_random_state(rng: Any, name: str = "rng") -> np.random.RandomState:
    """A legacy ``RandomState`` from one or from a seed in ``[0, 2**32)``.

    Only for data that must reproduce code written with ``np.random.seed``: the
    legacy Mersenne-Twister stream is the only one that gives its numbers.
    """
    if isinstance(rng, np.random.RandomState):
        return rng
    if isinstance(rng, bool) or not isinstance(rng, numbers.Integral):
        raise TypeError(
            f"{name} must be an integer seed or a numpy.random.RandomState, "
            f"got {type(rng).__name__}"
        )
    seed = check_non_negative_int(rng, name)
    if seed >= 2**32:
        raise ValueError(f"{name} must be a seed below 2**32, got {seed}")
    return np.random.RandomState(seed)


# --- Test functions -----------------------------------------------------------------


def check_real_at_least(value: Any, name: str, low: float) -> float:
    """A finite real number >= ``low`` (a condition number...), as a float."""
    value = _as_real(value, name, "a real number")
    if not (np.isfinite(value) and value >= low):
        raise ValueError(f"{name} must be a finite number >= {low:g}, got {value!r}")
    return float(value)


def as_eigenvalues(value: Any, name: str) -> tuple[float, ...]:
    """A non-empty 1-D sequence of positive finite numbers, as a tuple of floats."""
    array = as_vector(value, name)
    if not np.all(array > 0):
        raise ValueError(f"{name} must all be positive, got {value!r}")
    return tuple(float(v) for v in array)
