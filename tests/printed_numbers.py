"""Read the numbers a page prints, so that tests compare numbers with a reference.

A page prints ``label: value`` lines (read with ``conftest.printed_values``); these
helpers turn a value into a float or a numpy array, so that a test compares it with
the sources' code (tests/book.py), a closed form or PyTorch, never with gdbook's
own ``str()``.
"""

from __future__ import annotations

import re

import numpy as np

# A number not glued to a word before it ("float64" holds none).
_NUMBER = re.compile(
    r"(?<![\w.])[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?|[-+]?inf|nan"
)


def number(text: str) -> float:
    """The one number in ``text``.

    >>> number("6.00000000000378")
    6.00000000000378
    >>> number("w = 1.5")
    1.5
    """
    found = numbers(text)
    if found.size != 1:
        raise ValueError(f"expected one number in {text!r}, found {found.size}")
    return float(found[0])


def numbers(text: str) -> np.ndarray:
    """Every number in ``text``, in order, as a float array (brackets ignored).

    >>> numbers("[-0.03458765  0.04611686]")
    array([-0.03458765,  0.04611686])
    >>> numbers("[25000 35000]")
    array([25000., 35000.])
    >>> numbers("float64: x0 = 1e-3")
    array([0.001])
    """
    return np.array([float(m) for m in _NUMBER.findall(text)])


def as_printed(reference, *, digits: int = 8):
    """``reference`` to the digits numpy prints by default (its precision, 8).

    A value read from a page equals this when it is the reference, rounded as numpy
    rounds it for printing: compare ``numbers(text) == as_printed(reference)``.

    >>> bool(numbers("[6. 8.]") == as_printed([6.00000000000378, 8.0]))
    True
    """
    import pytest

    tolerance = 0.5 * 10.0**-digits * 1.0001
    return pytest.approx(
        np.asarray(reference, dtype=float), rel=tolerance, abs=tolerance
    )
