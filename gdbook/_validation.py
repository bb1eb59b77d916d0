"""Argument checks shared by the public functions.

Every public function checks its input on entry, so that a mistake surfaces as one
clear ``TypeError`` or ``ValueError`` that names the argument, rather than as a
silent wrong answer or a traceback from deep inside numpy.
"""

from __future__ import annotations

import numbers
from collections.abc import Callable
from typing import Any

import numpy as np


def check_callable(value: Any, name: str) -> Callable:
    """Return ``value`` if it is callable, else raise ``TypeError`` naming it."""
    if not callable(value):
        raise TypeError(f"{name} must be callable, got {type(value).__name__}")
    return value


def as_float_array(value: Any, name: str, *, finite: bool = True) -> np.ndarray:
    """Return a new float64 array built from ``value``; never a view of it.

    Copying on entry is what lets gdbook promise that the caller's array is never
    modified, and converting to float64 avoids the book's silent truncation of
    integer arrays (``x[i] = 3 + 1e-4`` stores ``3`` in an integer array).
    """
    if isinstance(value, np.ndarray) and value.dtype.kind in "fiub":
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


# --- Random generators (added with the line-fitting chapter) -------------------


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
