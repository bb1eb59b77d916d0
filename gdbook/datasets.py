"""The sources' data: the noisy line, the points on y = 2x and the "beans".

Each function returns new float64 arrays ``(x, y)``; the same arguments always give
the same data (never numpy's global generator).
"""

from __future__ import annotations

from typing import cast

import numpy as np

from gdbook._checks import (
    ARRAY_BYTES,
    Count,
    Number,
    Seed,
    check_finite_result,
    checked,
)

__all__ = ["beans", "noisy_line", "proportional_data"]

#: Seed of :func:`beans` when none is given, so that the pages print stable numbers.
BEANS_SEED = 0
_POINTS = ARRAY_BYTES // 16  # two float64 arrays of this length fill the memory limit


@checked(n=Count(2, _POINTS), slope=Number(), noise=Number(0), rng=Seed(legacy=True))
def noisy_line(
    n: int = 100,
    *,
    slope: float = 3.0,
    noise: float = 1.0,
    rng: int | np.random.RandomState = 0,
) -> tuple[np.ndarray, np.ndarray]:
    r"""Source 001's noisy line: ``x = linspace(0, 10, n)``, ``y = 3 x + noise``.

    Parameters
    ----------
    n : int, default 100
        Number of points, at least 2.
    slope : float, default 3.0
        Slope of the line.
    noise : float, default 1.0
        Standard deviation of the Gaussian noise :math:`\varepsilon`, >= 0.
    rng : int or numpy.random.RandomState, default 0
        Seed of the legacy stream of ``np.random.seed`` (as the source), or one.

    Returns
    -------
    tuple of numpy.ndarray
        ``x`` and ``y``, of shape ``(n,)``.

    Examples
    --------
    >>> x, y = noisy_line()
    >>> x.shape, float(x[-1]), round(float(y[0]), 6)
    ((100,), 10.0, 1.764052)
    """
    rng = cast(np.random.RandomState, rng)  # checked(): the legacy stream
    x = np.linspace(0.0, 10.0, n)
    with np.errstate(over="ignore", invalid="ignore"):
        y = slope * x + rng.normal(0.0, noise, n)  # the source's 3*X + normal(...)
    return x, check_finite_result(y, "y", "slope or noise is too large")


@checked(n=Count(1, _POINTS), slope=Number())
def proportional_data(
    n: int = 4, *, slope: float = 2.0
) -> tuple[np.ndarray, np.ndarray]:
    """Source 002's points: ``x = 1, 2, ..., n`` and ``y = slope * x``, no noise.

    Parameters
    ----------
    n : int, default 4
        Number of points, at least 1.
    slope : float, default 2.0
        The exact slope.

    Returns
    -------
    tuple of numpy.ndarray
        ``x`` and ``y``.

    Examples
    --------
    >>> proportional_data()
    (array([1., 2., 3., 4.]), array([2., 4., 6., 8.]))
    """
    x = np.arange(1.0, n + 1.0)
    with np.errstate(over="ignore"):
        y = slope * x
    return x, check_finite_result(y, "y", "slope is too large")


@checked(n=Count(1, _POINTS), rng=Seed())
def beans(
    n: int = 100, *, rng: np.random.Generator | int | None = BEANS_SEED
) -> tuple[np.ndarray, np.ndarray]:
    r"""Source 004's beans: sizes :math:`x` and toxicities :math:`y`, near a line.

    :math:`x \sim U[0, 1)` sorted, then :math:`y = 0.7 x + (0.5 - u) / 5 + 0.5`.

    Parameters
    ----------
    n : int, default 100
        Number of beans, at least 1.
    rng : numpy.random.Generator or int, default 0
        Random generator, or a seed for one.

    Returns
    -------
    tuple of numpy.ndarray
        Sizes ``x`` and toxicities ``y``; :math:`u \sim U[0, 1)` is the noise.

    Examples
    --------
    >>> x, y = beans(100)
    >>> bool(np.all(np.diff(x) >= 0)), bool(np.all(np.abs(y - 0.7 * x - 0.5) <= 0.1))
    (True, True)
    """
    rng = cast(np.random.Generator, rng)  # checked(): a generator
    x = np.sort(rng.random(n))  # the sizes first, sorted, as the source
    u = rng.random(n)
    return x, 0.7 * x + (0.5 - u) / 5 + 0.5
