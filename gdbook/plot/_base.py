"""What the plotting modules share: lazy pyplot, new axes, argument checks, grids.

Nothing here imports matplotlib at import time; :func:`_pyplot` does on first use.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from gdbook._validation import as_float_array, check_at_least, returned_scalar
from gdbook.testfunctions import Objective

# A descent path: red points joined by a thin line.
PATH_STYLE = {"color": "C3", "marker": "o", "markersize": 4, "linewidth": 1}


def pyplot():
    """Import pyplot on first use (it is slow to import and needs a backend)."""
    import matplotlib.pyplot as plt

    return plt


def axes(ax, **subplot_kw):
    """Return ``ax``, or the axes of a new figure when ``ax`` is None."""
    if ax is not None:
        return ax
    _, new_ax = pyplot().subplots(subplot_kw=subplot_kw or None)
    return new_ax


def axes_3d(ax):
    """``ax`` if it is a 3D Axes, or a new one; path artists drawn over the surface."""
    if ax is None:
        # Without computed_zorder=False matplotlib sorts artists by depth, and the
        # surface, drawn as one collection, hides the path behind it.
        return axes(None, projection="3d", computed_zorder=False)
    if getattr(ax, "name", None) != "3d":
        raise ValueError(
            "ax must be a 3D Axes, e.g. fig.add_subplot(projection='3d'), "
            f"got {type(ax).__name__}"
        )
    ax.computed_zorder = False
    return ax


def path_points(path, *, dim: int) -> np.ndarray:
    """Points of a path as a new float64 array: ``(n,)`` for dim 1, else ``(n, dim)``.

    ``path`` is a :class:`gdbook.Trace` (its ``xs`` are used) or an array of points.
    """
    points = as_float_array(getattr(path, "xs", path), "path")
    if dim == 1 and points.ndim == 2 and points.shape[1] == 1:
        points = points[:, 0]
    if dim == 1:
        well_shaped = points.ndim == 1
        expected = "(n,)"
    else:
        well_shaped = points.ndim == 2 and points.shape[1] == dim
        expected = f"(n, {dim})"
    if not well_shaped or len(points) == 0:
        raise ValueError(
            f"path must be a Trace or an array of points of shape {expected} with "
            f"n >= 1, got shape {points.shape}"
        )
    return points


def limits(
    given, name: str, points: np.ndarray, *, margin: float = 0.2, min_span=1.0
) -> tuple[float, float]:
    """``given`` checked, or, when None, the range of ``points`` with a margin.

    The margin is ``margin`` times the range, or times ``min_span`` when the range
    is smaller, so that a path of one point still gets an interval around it.
    """
    if given is None:
        low, high = float(np.min(points)), float(np.max(points))
        pad = margin * max(high - low, min_span)
        return low - pad, high + pad
    try:
        low, high = (float(value) for value in given)
    except (TypeError, ValueError) as error:
        raise TypeError(f"{name} must be a pair of numbers, got {given!r}") from error
    if not (np.isfinite(low) and np.isfinite(high) and low < high):
        raise ValueError(f"{name} must be two finite numbers, low < high: {given!r}")
    return low, high


def values(f: Callable, points: np.ndarray) -> np.ndarray:
    """``f`` at each point (each element, or each row of a 2-D array), as float64."""
    result = np.empty(len(points))
    for index, point in enumerate(points):
        result[index] = returned_scalar(
            f(point.copy() if point.ndim else float(point)), "f"
        )
    return result


def grid(f: Callable, xlim, ylim, num: int):
    """Mesh grid of the plane and the values of ``f`` on it."""
    X, Y = np.meshgrid(np.linspace(*xlim, num), np.linspace(*ylim, num))
    if isinstance(f, Objective):  # vectorised evaluation when it is available
        Z = f.value_at(X, Y)
    else:
        Z = values(f, np.column_stack([X.ravel(), Y.ravel()])).reshape(X.shape)
    return X, Y, Z


def check_grid_size(num, name: str = "num") -> int:
    """``num`` as an int, refused unless it is at least 2."""
    return check_at_least(num, name, 2)


def frame_indices(n_points: int, every) -> np.ndarray:
    """Indices of the points shown as frames: every ``every``-th, and the last."""
    every = check_at_least(every, "every", 1)
    indices = np.arange(0, n_points, every)
    if indices[-1] != n_points - 1:
        indices = np.append(indices, n_points - 1)
    return indices


def cost_grid(ws, bs, costs):
    """``ws``, ``bs`` and ``costs`` as float64, costs of shape (len(bs), len(ws))."""
    ws = np.asarray(ws, dtype=np.float64)
    bs = np.asarray(bs, dtype=np.float64)
    costs = np.asarray(costs, dtype=np.float64)
    if costs.shape != (bs.size, ws.size):
        raise ValueError(
            f"costs must have shape (len(bs), len(ws)) = {(bs.size, ws.size)}, "
            f"got {costs.shape}"
        )
    return ws, bs, costs


def fewer_ticks(axis, nbins: int = 5) -> None:
    """At most ``nbins`` intervals on ``axis``, so its labels do not run together.

    3D axes put their x and y tick labels side by side along a slanted edge, where
    matplotlib's default count for a flat axis of that length overlaps them.
    """
    from matplotlib.ticker import MaxNLocator

    axis.set_major_locator(MaxNLocator(nbins=nbins))
