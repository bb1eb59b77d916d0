"""The sources' data: the noisy line, the points on y = 2x and the "beans", as new
float64 arrays ``(x, y)``; the same arguments give the same data (never numpy's
global generator)."""

from __future__ import annotations

from typing import cast

import numpy as np

from gdbook._checks import Count, Number, Seed, checked
from gdbook._errors import ARRAY_BYTES, check_finite_result

__all__ = ["beans", "noisy_line", "proportional_data"]

Legacy = int | np.random.RandomState  #: a seed of ``np.random.seed``, or its stream
Data = tuple[np.ndarray, np.ndarray]  #: ``x`` and ``y``
_POINTS = ARRAY_BYTES // 16  # two float64 arrays of this length fill the memory limit


@checked(n=Count(2, _POINTS), slope=Number(), noise=Number(0), rng=Seed(legacy=True))
def noisy_line(
    n: int = 100, *, slope: float = 3.0, noise: float = 1.0, rng: Legacy = 0
) -> Data:
    r"""Source 001's noisy line, drawn as the source does.

    .. math:: x = \mathrm{linspace}(0, 10, n), \quad y = 3 x + \varepsilon

    Parameters
    ----------
    n, slope, noise : int, float and float, default 100, 3.0 and 1.0
        Points (at least 2), slope, standard deviation of the noise :math:`\varepsilon`.
    rng : int or numpy.random.RandomState, default 0
        Seed of the legacy stream of ``np.random.seed`` (as the source), or one.

    Returns
    -------
    tuple of numpy.ndarray
        ``x`` and ``y``, of shape ``(n,)``.

    Examples
    --------
    >>> noisy_line()[1][:2]
    array([1.76405235, 0.70318751])
    """
    rng = cast(np.random.RandomState, rng)  # checked(): the legacy stream
    x = np.linspace(0.0, 10.0, n)
    with np.errstate(over="ignore", invalid="ignore"):
        y = slope * x + rng.normal(0.0, noise, n)  # the source's 3*X + normal(...)
    return x, check_finite_result(y, "y", "slope or noise is too large")


@checked(n=Count(1, _POINTS), slope=Number())
def proportional_data(n: int = 4, *, slope: float = 2.0) -> Data:
    r"""Source 002's points on a line through the origin, without noise.

    .. math:: x = 1, 2, \dots, n, \quad y = 2 x

    Parameters
    ----------
    n, slope : int and float, default 4 and 2.0
        Number of points (at least 1), and the exact slope.

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
def beans(n: int = 100, *, rng: np.random.Generator | int | None = 0) -> Data:
    r"""Source 004's beans: sorted sizes :math:`x`, toxicities :math:`y` near a line.

    .. math:: y = 0.7 x + (0.5 - u) / 5 + 0.5, \quad x, u \sim U[0, 1)

    Parameters
    ----------
    n, rng : int, and numpy.random.Generator or int, default 100 and 0
        Number of beans (at least 1); generator or seed (0 keeps the pages' numbers).

    Returns
    -------
    tuple of numpy.ndarray
        Sizes ``x`` and toxicities ``y``.

    Examples
    --------
    >>> beans(3)[0]
    array([0.04097352, 0.26978671, 0.63696169])
    """
    rng = cast(np.random.Generator, rng)  # checked(): a generator
    x = np.sort(rng.random(n))  # the sizes first, sorted, as the source
    u = rng.random(n)
    return x, 0.7 * x + (0.5 - u) / 5 + 0.5
