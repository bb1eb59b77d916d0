"""Every argument check of gdbook, in one place.

Every public function checks its input on entry, so that a mistake surfaces as one
clear ``TypeError`` or ``ValueError`` that names the argument (or the callable that
returned something wrong), rather than as a silent wrong answer or a traceback from
deep inside numpy. Each rule is written once, here.
"""

from __future__ import annotations

import numbers
from collections.abc import Callable
from typing import Any

import numpy as np

#: dtype kinds accepted as real numbers: float, signed and unsigned int, bool.
_REAL_KINDS = "fiub"


def check_callable(value: Any, name: str) -> Callable:
    """Return ``value`` if it is callable, else raise ``TypeError`` naming it."""
    if not callable(value):
        raise TypeError(f"{name} must be callable, got {type(value).__name__}")
    return value


def check_bool(value: Any, name: str) -> bool:
    """Return ``value`` as a bool if it is one (Python's or numpy's)."""
    if not isinstance(value, bool | np.bool_):
        raise TypeError(f"{name} must be a bool, got {type(value).__name__}")
    return bool(value)


def _refuse_complex(value: Any, name: str) -> None:
    """Complex input would lose its imaginary part in float64: refuse it."""
    kind = getattr(getattr(value, "dtype", None), "kind", None)
    if kind == "c" or isinstance(value, complex):
        raise TypeError(f"{name} must be real, got a complex value")


def as_float_array(value: Any, name: str, *, finite: bool = True) -> np.ndarray:
    """Return a new float64 array built from ``value``; never a view of it.

    Copying on entry is what lets gdbook promise that the caller's array is never
    modified, and converting to float64 avoids the book's silent truncation of
    integer arrays (``x[i] = 3 + 1e-4`` stores ``3`` in an integer array).
    """
    _refuse_complex(value, name)
    if isinstance(value, np.ndarray) and value.dtype.kind in _REAL_KINDS:
        array = np.array(value, dtype=np.float64, copy=True)
    else:
        try:
            array = np.array(value, dtype=np.float64)
        except (TypeError, ValueError) as error:
            raise TypeError(
                f"{name} must be a real number or an array of real numbers, "
                f"got {type(value).__name__}"
            ) from error
    if finite and not np.all(np.isfinite(array)):
        raise ValueError(f"{name} must be finite, got {value!r}")
    return array


def as_read_only_float(value: Any, name: str) -> np.ndarray:
    """``value`` as float64 without copying when it already is (it is never written).

    For the large arrays of least squares (a benchmark uses 10 million rows):
    copying them on every call would double the memory traffic. Callers never
    write to the result, so the caller's array stays untouched either way.
    """
    _refuse_complex(value, name)
    if isinstance(value, np.ndarray) and value.dtype.kind not in _REAL_KINDS:
        raise TypeError(f"{name} must be an array of real numbers, got {value.dtype}")
    try:
        return np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError) as error:
        raise TypeError(
            f"{name} must be an array of real numbers, got {type(value).__name__}"
        ) from error


def as_scalar(value: Any, name: str) -> float:
    """A finite real number given as a Python or numpy scalar (or 0-d array)."""
    array = as_float_array(value, name)
    if array.shape != ():
        raise ValueError(f"{name} must be a scalar, got shape {array.shape}")
    return float(array)


def as_frozen_array(value: Any, name: str, ndim: int) -> np.ndarray:
    """A read-only float64 copy of ``value`` with ``ndim`` axes (network weights)."""
    array = as_float_array(value, name)
    if array.ndim != ndim:
        raise ValueError(f"{name} must have {ndim} axes, got shape {array.shape}")
    array.setflags(write=False)
    return array


def as_shaped(value: Any, name: str, shape: tuple[int, ...]) -> np.ndarray:
    """A finite float64 copy of ``value``, which must have exactly ``shape``."""
    array = as_float_array(value, name)
    if array.shape != shape:
        raise ValueError(f"{name} must have shape {shape}, got {array.shape}")
    return array


def as_shape(value: Any, name: str, ndim: int) -> tuple[int, ...]:
    """A shape: a tuple of ``ndim`` positive integers."""
    if (
        not isinstance(value, tuple)
        or len(value) != ndim
        or not all(isinstance(n, numbers.Integral) and n >= 1 for n in value)
        or any(isinstance(n, bool) for n in value)
    ):
        raise ValueError(
            f"{name} must be a tuple of {ndim} positive integers, got {value!r}"
        )
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


def check_positive_finite(value: Any, name: str) -> float:
    """Return ``value`` as a float if it is a positive finite real number."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(
            f"{name} must be a positive finite number, got {type(value).__name__}"
        )
    value = float(value)
    if not (np.isfinite(value) and value > 0):
        raise ValueError(f"{name} must be a positive finite number, got {value!r}")
    return value


def check_non_negative_int(value: Any, name: str) -> int:
    """Return ``value`` as an int if it is an integer >= 0 (bools refused)."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(
            f"{name} must be a non-negative integer, got {type(value).__name__}"
        )
    value = int(value)
    if value < 0:
        raise ValueError(f"{name} must be a non-negative integer, got {value}")
    return value


def check_at_least(value: Any, name: str, low: int) -> int:
    """Return ``value`` as an int if it is an integer >= ``low``."""
    value = check_non_negative_int(value, name)
    if value < low:
        raise ValueError(f"{name} must be at least {low}, got {value}")
    return value


#: Largest history a run may keep, in bytes. A run of ``steps`` updates keeps every
#: point and every gradient: past this, asking for more steps would exhaust the
#: memory after minutes of work, so it is refused at once with its size.
HISTORY_BYTES = 2 * 2**30


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


def check_unit_interval(
    value: Any, name: str, *, low_open: bool = False, high_open: bool = False
) -> float:
    """A real number in [0, 1], with either end excluded when asked."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a real number, got {type(value).__name__}")
    value = float(value)
    low_ok = value > 0 if low_open else value >= 0
    high_ok = value < 1 if high_open else value <= 1
    if not (low_ok and high_ok):
        interval = f"{'(' if low_open else '['}0, 1{')' if high_open else ']'}"
        raise ValueError(f"{name} must lie in {interval}, got {value!r}")
    return value


# --- What a user's callable returns --------------------------------------------------


def returned_scalar(value: Any, name: str) -> float:
    """What ``name`` (a user's callable) returned, as a float; it must be one number."""
    if isinstance(value, float | np.floating):  # the common case, kept cheap
        return float(value)
    array = np.asarray(value)
    if array.size != 1 or array.dtype.kind not in _REAL_KINDS:
        raise ValueError(
            f"{name} must return a real scalar, got {type(value).__name__} "
            f"of shape {array.shape}"
        )
    return array.reshape(()).item()


def returned_values(values: Any, count: int, name: str = "f") -> np.ndarray:
    """What ``name`` returned for a stack of ``count`` points: one real value each."""
    array = np.asarray(values)
    if array.shape != (count,) or array.dtype.kind not in _REAL_KINDS:
        raise ValueError(
            f"{name} must return one real value per point of the stack, shape "
            f"({count},), got {type(values).__name__} of shape {array.shape}"
        )
    return array.astype(np.float64, copy=False)


def returned_array(value: Any, name: str, shape: tuple[int, ...]) -> np.ndarray:
    """What ``name`` returned, as float64 of ``shape`` (say which callable if not)."""
    if value is None:
        raise TypeError(f"{name} returned None, expected an array of shape {shape}")
    _refuse_complex(value, f"what {name} returns")
    array = np.asarray(value)
    if array.dtype.kind not in _REAL_KINDS:
        raise TypeError(
            f"{name} must return real numbers, got {type(value).__name__} "
            f"of dtype {array.dtype}"
        )
    if array.shape != shape:
        raise ValueError(
            f"{name} must return an array of x0's shape {shape}, got {array.shape}"
        )
    return array.astype(np.float64, copy=False)


# --- Random generators --------------------------------------------------------------


def as_generator(rng, name: str = "rng") -> np.random.Generator:
    """Return a :class:`numpy.random.Generator` from a generator, a seed or None.

    Parameters
    ----------
    rng : numpy.random.Generator, int or None
        A generator is returned as is (so draws continue its stream); a
        non-negative integer seeds a new PCG64 generator; None gives a generator
        seeded from the operating system (unpredictable, for quick experiments).
    name : str, default "rng"
        The argument's name, for error messages.

    Returns
    -------
    numpy.random.Generator

    Raises
    ------
    TypeError
        If ``rng`` is none of the above (a legacy ``RandomState`` included).
    ValueError
        If the seed is negative.

    Examples
    --------
    >>> from gdbook._validation import as_generator
    >>> float(as_generator(0).random()) == float(as_generator(0).random())
    True
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


def as_legacy_random_state(rng, name: str = "rng") -> np.random.RandomState:
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


# --- Optimizers' hyperparameters and inputs -----------------------------------------


def check_betas(value: Any, name: str = "betas") -> tuple[float, float]:
    """Adam's pair of decay rates ``(beta1, beta2)``, each in ``[0, 1)``."""
    if isinstance(value, str | bytes) or not (
        isinstance(value, tuple | list) and len(value) == 2
    ):
        raise TypeError(
            f"{name} must be a pair (beta1, beta2) of numbers in [0, 1), got {value!r}"
        )
    return (
        check_unit_interval(value[0], f"{name}[0]", high_open=True),
        check_unit_interval(value[1], f"{name}[1]", high_open=True),
    )


def as_gradient(value: Any, shape: tuple[int, ...] | None) -> np.ndarray:
    """The gradient given to an optimizer's ``update``: real, of the state's shape.

    Returned as float64 without a copy when it already is one (``update`` never
    writes to it). ``shape`` is None for a rule without state (plain descent).
    """
    _refuse_complex(value, "grad")
    array = np.asarray(value)
    if array.dtype.kind not in _REAL_KINDS:
        raise TypeError(
            f"grad must be real numbers, got {type(value).__name__} of dtype "
            f"{array.dtype}"
        )
    if shape is not None and array.shape != shape:
        raise ValueError(
            f"grad must have the shape of the point the state was made for, "
            f"{shape}, got {array.shape}"
        )
    return array.astype(np.float64, copy=False)


# --- Test functions -----------------------------------------------------------------


def check_real_at_least(value: Any, name: str, low: float) -> float:
    """A finite real number >= ``low`` (a condition number...), as a float."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a real number, got {type(value).__name__}")
    value = float(value)
    if not (np.isfinite(value) and value >= low):
        raise ValueError(f"{name} must be a finite number >= {low:g}, got {value!r}")
    return value


def as_eigenvalues(value: Any, name: str) -> tuple[float, ...]:
    """A non-empty 1-D sequence of positive finite numbers, as a tuple of floats."""
    array = as_float_array(value, name)
    if array.ndim != 1 or array.size == 0:
        raise ValueError(f"{name} must be a non-empty 1-D sequence, got {value!r}")
    if not np.all(array > 0):
        raise ValueError(f"{name} must all be positive, got {value!r}")
    return tuple(float(v) for v in array)
