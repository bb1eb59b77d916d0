"""What the plotting modules share: lazy pyplot, new axes, argument checks, grids."""

from __future__ import annotations

from collections.abc import Callable
from types import ModuleType
from typing import TYPE_CHECKING, Any, cast

import numpy as np
from numpy.typing import ArrayLike

from gdbook._checks import (
    ArgumentTypeError,
    Array,
    Count,
    Labels,
    Number,
    Optional,
    Pair,
    returned_scalar,
)
from gdbook.testfunctions import Objective

if TYPE_CHECKING:
    from matplotlib.animation import FuncAnimation
    from matplotlib.axes import Axes
    from mpl_toolkits.mplot3d import Axes3D

# A descent path: red points joined by a thin line.
PATH_STYLE = {"color": "C3", "marker": "o", "markersize": 4, "linewidth": 1}


#: The declared checks of the plotting helpers: the limits of an axis, the labels of
#: the axes, and the points of a grid (a million in all at most), of a curve (a
#: figure is a few hundred pixels wide), of arrows, of contour levels.
LIMITS = Optional(Pair(Number(), Number(), increasing=True))
LABELS_2D, LABELS_3D = Labels(2), Labels(3)
GRID, CURVE = Count(2, 1000), Count(2, 100_000)
ARROWS, LEVELS = Count(1, 100), Count(2, 1000)
#: The path of a plot: a Trace's points, or an array of points.
PATH = Array(nonempty=False)


def check_axes(ax: Any) -> Any:
    """``ax`` if it is None or looks like a matplotlib Axes (no matplotlib import)."""
    if ax is not None and not (hasattr(ax, "plot") and hasattr(ax, "figure")):
        raise ArgumentTypeError(
            "ax", f"ax must be a matplotlib Axes or None, got {type(ax).__name__}"
        )
    return ax


def pyplot() -> ModuleType:
    """Import pyplot on first use (it is slow to import and needs a backend)."""
    import matplotlib.pyplot as plt

    return plt


def axes(ax: Axes | None, **subplot_kw: Any) -> Axes:
    """Return ``ax``, or the axes of a new figure when ``ax`` is None."""
    given: Axes | None = check_axes(ax)
    if given is not None:
        return given
    _, new_ax = pyplot().subplots(subplot_kw=subplot_kw or None)
    created: Axes = new_ax
    return created


def axes_3d(ax: Axes | None) -> Axes3D:
    """``ax`` if it is a 3D Axes, or a new one; path artists drawn over the surface."""
    if check_axes(ax) is None:
        # Without computed_zorder=False matplotlib sorts artists by depth, and the
        # surface, drawn as one collection, hides the path behind it.
        return cast("Axes3D", axes(None, projection="3d", computed_zorder=False))
    if getattr(ax, "name", None) != "3d":
        raise ValueError(
            "ax must be a 3D Axes, e.g. fig.add_subplot(projection='3d'), "
            f"got {type(ax).__name__}"
        )
    ax3d = cast("Axes3D", ax)  # a 3D Axes: its name says so
    ax3d.computed_zorder = False
    return ax3d


def path_points(path: Any, *, dim: int) -> np.ndarray:
    """Points of a path as a new float64 array: ``(n,)`` for dim 1, else ``(n, dim)``.

    ``path`` is a :class:`gdbook.Trace` (its ``xs`` are used) or an array of points.
    """
    points = PATH(getattr(path, "xs", path), "path")
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
    given: ArrayLike | None,
    name: str,
    points: np.ndarray,
    *,
    margin: float = 0.2,
    min_span: float = 1.0,
    of: str = "path",
) -> tuple[float, float]:
    """``given`` (checked by LIMITS), or, when None, the range of ``points`` with a
    margin.

    The margin is ``margin`` times the range, or times ``min_span`` when the range
    is smaller, so that a path of one point still gets an interval around it.
    ``of`` names the argument the points come from, for the error message.
    """
    if given is not None:
        return cast(tuple[float, float], tuple(cast(tuple[float, float], given)))
    low, high = float(np.min(points)), float(np.max(points))
    pad = margin * max(high - low, min_span)
    if not (np.isfinite(pad) and np.isfinite(low - pad) and np.isfinite(high + pad)):
        raise ValueError(
            f"{of} spans more than float64 can draw with a margin: give {name}"
        )
    return low - pad, high + pad


def values(f: Callable[[Any], Any], points: np.ndarray) -> np.ndarray:
    """``f`` at each point (each element, or each row of a 2-D array), as float64.

    Only finite values can be drawn: a NaN or an infinity is refused, with the
    point where ``f`` returned it (numpy's overflow warnings inside ``f`` are
    silenced, since the value is checked).
    """
    result = np.empty(len(points))
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        for index, point in enumerate(points):
            x = point.copy() if point.ndim else float(point)
            try:
                value = f(x)
            except OverflowError as error:  # Python floats raise it: x**2 at 1e200
                raise ValueError(f"f overflowed at x = {x!r}: {error}") from error
            result[index] = returned_scalar(value, "f")
    refuse_undrawable(result, points, "f")
    return result


def refuse_undrawable(
    result: np.ndarray, points: ArrayLike, name: str, value_ndim: int = 0
) -> None:
    """Refuse values that are not finite (matplotlib would silently skip them).

    ``points[i]`` is where ``result[i]`` was computed; a value has ``value_ndim``
    axes of its own (1 for a gradient).
    """
    bad = ~np.isfinite(result)
    if np.any(bad):
        index = tuple(int(i) for i in np.argwhere(bad)[0])
        index = index[: result.ndim - value_ndim]
        point = np.round(np.asarray(points)[index], 6).tolist()
        raise ValueError(
            f"{name} returned {np.asarray(result[index]).tolist()} at x = {point}: "
            "only finite values can be drawn (narrow the limits, or check the function)"
        )


def grid(
    f: Callable[[Any], Any],
    xlim: tuple[float, float],
    ylim: tuple[float, float],
    num: int,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Mesh grid of the plane and the values of ``f`` on it (finite, checked)."""
    X, Y = np.meshgrid(np.linspace(*xlim, num), np.linspace(*ylim, num))
    if isinstance(f, Objective):  # vectorised evaluation when it is available
        Z = f.value_at(X, Y)
        refuse_undrawable(Z, np.stack([X, Y], axis=-1), "f")
    else:
        Z = values(f, np.column_stack([X.ravel(), Y.ravel()])).reshape(X.shape)
    return X, Y, Z


def frame_indices(n_points: int, every: Any) -> np.ndarray:
    """Indices of the points shown as frames: every ``every``-th, and the last."""
    indices = np.arange(0, n_points, every)
    if indices[-1] != n_points - 1:
        indices = np.append(indices, n_points - 1)
    return indices


def cost_grid(
    ws: ArrayLike, bs: ArrayLike, costs: ArrayLike
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``ws``, ``bs`` and ``costs`` as float64, costs of shape (len(bs), len(ws)).

    All finite: a cost that overflowed (``inf`` from :func:`gdbook.line_cost_grid`)
    cannot be drawn, and is refused.
    """
    w_values, b_values = Array(ndim=1)(ws, "ws"), Array(ndim=1)(bs, "bs")
    shape = (b_values.size, w_values.size)
    return w_values, b_values, Array(shape=shape)(costs, "costs")


def surface(
    ax3d: Axes3D, X: Any, Y: Any, Z: Any, cmap: str, alpha: float, labels: Any
) -> None:
    """Draw the surface ``Z`` over the grid ``X, Y``, and label the three axes."""
    from matplotlib.ticker import MaxNLocator

    ax3d.plot_surface(X, Y, Z, cmap=cmap, alpha=alpha, zorder=1)
    ax3d.set(xlabel=labels[0], ylabel=labels[1], zlabel=labels[2])
    # A 3D axis puts its tick labels along a slanted edge: fewer, or they overlap.
    ax3d.xaxis.set_major_locator(MaxNLocator(nbins=5))
    ax3d.yaxis.set_major_locator(MaxNLocator(nbins=5))


def squared_levels(low: float, high: float, num: int) -> np.ndarray:
    """``num`` contour levels from ``low`` to ``high``, squared: closer near the
    bottom, where a bowl is flat."""
    return low + (high - low) * np.linspace(0, 1, num) ** 2


def animation(
    fig: Any, draw: Callable[[int], Any], frames: Any, interval: float
) -> FuncAnimation:
    """``FuncAnimation(fig, draw, ...)``, drawn once now: else, where nothing shows
    or saves it (a script on a server), matplotlib warns that it was never rendered.
    """
    from matplotlib.animation import FuncAnimation

    anim = FuncAnimation(fig, draw, frames=frames, interval=interval)
    fig.canvas.draw_idle()
    return anim
