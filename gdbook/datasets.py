"""The sources' data: the noisy line, the points on y = 2x and the "beans".

Every function returns new float64 arrays ``(x, y)`` and draws its random numbers
from its own generator, never from numpy's global one, so calling it changes
nothing for the caller and the same arguments always give the same data.
"""

from __future__ import annotations

import numpy as np

from gdbook._validation import (
    as_generator,
    as_legacy_random_state,
    as_scalar,
    check_array_fits,
    check_at_least,
    check_finite_result,
)

__all__ = ["beans", "noisy_line", "proportional_data"]

#: Seed of :func:`beans` when none is given, so that the pages print stable numbers.
BEANS_SEED = 0


def noisy_line(
    n: int = 100, *, slope: float = 3.0, noise: float = 1.0, rng=0
) -> tuple[np.ndarray, np.ndarray]:
    r"""The noisy line of source 001: ``x = linspace(0, 10, n)``, ``y = 3x + noise``.

    Parameters
    ----------
    n : int, default 100
        Number of points (at least 2).
    slope : float, default 3.0
        Slope of the line the points scatter around.
    noise : float, default 1.0
        Standard deviation of the Gaussian noise added to ``y``.
    rng : int or numpy.random.RandomState, default 0
        Seed (in ``[0, 2**32)``) of the legacy Mersenne-Twister stream, or such a
        stream; see Notes for why not a modern ``Generator``.

    Returns
    -------
    x, y : numpy.ndarray
        Two float64 arrays of shape ``(n,)``.

    Raises
    ------
    TypeError, ValueError
        If ``n`` is not an integer >= 2 (or is too large for memory), ``rng`` not
        a seed in ``[0, 2**32)`` or a ``RandomState``, or ``slope`` or ``noise``
        not finite (``noise`` must also be >= 0), or so large that ``y`` would
        overflow float64.

    See Also
    --------
    gdbook.fit_line : Fits the line back.

    Notes
    -----
    The source draws its noise with ``np.random.seed(0)`` then
    ``np.random.normal(0, 1, 100)``. Its numbers (``m = 2.948979388333912``, ...)
    can only be reproduced with that legacy stream: the modern
    ``numpy.random.default_rng(0)`` uses another generator (PCG64) and another
    normal sampler (ziggurat), so it draws different numbers. The legacy stream is
    taken from a private ``numpy.random.RandomState(rng)``, whose draws are
    bit-for-bit those of ``np.random.seed(seed)`` followed by ``np.random.normal``
    (the tests check it), without reseeding the global generator under the
    caller's feet.

    .. math:: y_i = \text{slope}\cdot x_i + \varepsilon_i, \qquad
       \varepsilon_i \sim \mathcal N(0, \text{noise}^2).

    Examples
    --------
    >>> from gdbook import noisy_line
    >>> x, y = noisy_line()
    >>> x.shape, float(x[-1]), round(float(y[0]), 6)
    ((100,), 10.0, 1.764052)
    """
    n = check_at_least(n, "n", 2)
    check_array_fits(2 * n, "n", n)
    slope = as_scalar(slope, "slope")
    noise = as_scalar(noise, "noise")
    if noise < 0:
        raise ValueError(f"noise must be >= 0, got {noise}")
    stream = as_legacy_random_state(rng)
    x = np.linspace(0.0, 10.0, n)
    # The source's expression, 3*X + normal(...), in the same order.
    with np.errstate(over="ignore", invalid="ignore"):
        y = slope * x + stream.normal(0.0, noise, n)
    return x, check_finite_result(y, "y", "slope or noise is too large")


def proportional_data(n: int = 4, *, slope: float = 2.0):
    """The points of source 002: ``x = 1, 2, ..., n`` and ``y = slope * x``.

    ``proportional_data(4)`` gives the four points of its gradient-descent example
    (E06), ``proportional_data(3)`` the three of its "SGD" example (E07).

    Parameters
    ----------
    n : int, default 4
        Number of points, at least 1.
    slope : float, default 2.0
        The exact slope: the points lie on ``y = slope * x``.

    Returns
    -------
    x, y : numpy.ndarray
        Two float64 arrays of shape ``(n,)``.

    Raises
    ------
    TypeError, ValueError
        If ``n`` is not a positive integer (or is too large for memory), or
        ``slope`` is not finite or so large that ``y`` would overflow float64.

    See Also
    --------
    gdbook.fit_slope : Fits ``y = w x`` to them.

    Notes
    -----
    The data have no noise, so the best slope is exactly ``slope`` and the loss at
    the optimum is 0.

    Examples
    --------
    >>> from gdbook import proportional_data
    >>> proportional_data()
    (array([1., 2., 3., 4.]), array([2., 4., 6., 8.]))
    """
    n = check_at_least(n, "n", 1)
    check_array_fits(2 * n, "n", n)
    slope = as_scalar(slope, "slope")
    x = np.arange(1.0, n + 1.0)
    with np.errstate(over="ignore"):
        y = slope * x
    return x, check_finite_result(y, "y", "slope is too large")


def beans(n: int = 100, *, rng=BEANS_SEED) -> tuple[np.ndarray, np.ndarray]:
    r"""The "beans" of source 004 (its ``get_beans2``): size ``x`` and toxicity ``y``.

    Parameters
    ----------
    n : int, default 100
        Number of beans, at least 1 (the source's ``counts``).
    rng : numpy.random.Generator or int, default 0
        Random generator, or a seed for one; fixed by default so that the pages
        print the same numbers at every build.

    Returns
    -------
    x, y : numpy.ndarray
        Float64 arrays of shape ``(n,)``; ``x`` is sorted.

    Raises
    ------
    TypeError, ValueError
        If ``n`` is not a positive integer (or is too large for memory), or
        ``rng`` is not a generator or a non-negative seed.

    See Also
    --------
    gdbook.line_cost_grid : The cost surface of a line over these points.

    Notes
    -----
    As in the source, the sizes are drawn first and sorted, then one noise draw
    per bean in that order:

    .. math:: x_i \sim U[0, 1), \qquad
       y_i = 0.7\,x_i + \frac{0.5 - u_i}{5} + 0.5, \quad u_i \sim U[0, 1),

    so the beans scatter within :math:`\pm 0.1` of the line
    :math:`y = 0.7 x + 0.5`. The source used numpy's global generator unseeded; here
    the generator is explicit and seeded, so its numbers differ from any run of
    the source but are the same at every run of the site.

    Examples
    --------
    >>> import numpy as np
    >>> from gdbook import beans
    >>> x, y = beans(100)
    >>> bool(np.all(np.diff(x) >= 0)), bool(np.all(np.abs(y - 0.7 * x - 0.5) <= 0.1))
    (True, True)
    """
    n = check_at_least(n, "n", 1)
    check_array_fits(2 * n, "n", n)
    generator = as_generator(rng)
    x = np.sort(generator.random(n))
    u = generator.random(n)
    return x, 0.7 * x + (0.5 - u) / 5 + 0.5
