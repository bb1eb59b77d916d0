"""What the plotting modules share: declared checks, lazy pyplot, curves, grids."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, cast

import numpy as np

from gdbook import _errors
from gdbook._checks import Array, Check, Count, Function, Labels, Number, Optional, Pair
from gdbook._errors import ArgumentValueError, returned_array, returned_scalar
from gdbook.testfunctions import Objective

if TYPE_CHECKING:
    from matplotlib.animation import FuncAnimation
    from matplotlib.axes import Axes
    from mpl_toolkits.mplot3d import Axes3D

Interval = tuple[float, float]
Limits = Interval | None  # an axis's limits; None: around the path
Func = Callable[[Any], Any]
Names = tuple[str, ...]
Shape = tuple[int, ...]
Plane = tuple[Interval, Interval, np.ndarray, np.ndarray, np.ndarray]
PATH_STYLE = {"color": "C3", "marker": "o", "markersize": 4, "linewidth": 1}
LABELS: dict[str, Names] = {"curve": ("x", "f(x)"), "contour": ("$x_0$", "$x_1$")}
LABELS["surface"] = ("x", "y", "f(x, y)")

#: The declared checks: the limits of an axis; the points of a grid (a million in all
#: at most), of a curve (a figure is a few hundred pixels wide), of arrows, of levels.
LIMITS = Optional(Pair(Number(), Number(), increasing=True))
GRID, CURVE = Count(2, 1000), Count(2, 100_000)
ARROWS, LEVELS = Count(1, 100), Count(2, 1000)
#: A cost over a grid of lines: ``costs[i, j]`` is the cost of ``(ws[j], bs[i])``.
COST_GRID: dict[str, Check] = {"ws": Array(ndim=1), "bs": Array(ndim=1)}
COST_GRID["costs"] = Array(shape=lambda given: (given["bs"].size, given["ws"].size))


def AXES(value: Any, name: str, given: Any = None) -> Any:
    """None, or what looks like an Axes (a 3D one for the view "surface" or "3d")."""
    if value is not None and not (hasattr(value, "plot") and hasattr(value, "figure")):
        wrong = f"{name} must be a matplotlib Axes or None, got {type(value).__name__}"
        raise _errors.ArgumentTypeError(name, wrong)
    surface = (given or {}).get("view") in ("surface", "3d")
    if surface and value is not None and getattr(value, "name", None) != "3d":
        wrong = f"{name} must be a 3D Axes (fig.add_subplot(projection='3d')), got "
        raise ArgumentValueError(name, wrong + type(value).__name__)
    return value


def choice(*names: str, auto: bool = True) -> Check:
    """One of ``names``; None (if ``auto``): the last on a 3D ``ax``, the second for a
    2-D path, else the first."""

    def check(value: Any, name: str, given: Any) -> str:
        if value is None and auto and getattr(given["ax"], "name", None) == "3d":
            return names[-1]
        if value is None and auto:
            try:
                shape = np.shape(getattr(given.get("path"), "xs", given.get("path")))
            except ValueError:  # a ragged list: refused as a path
                shape = ()
            return names[0] if len(shape) < 2 or shape[1:] == (1,) else names[1]
        if not (isinstance(value, str) and value in names):
            raise ArgumentValueError(name, f"{name} must be one of {names}: {value!r}")
        return value

    return check


def PATH(value: Any, name: str, given: Any) -> np.ndarray:
    """A Trace's ``xs`` or n >= 1 points: ``(n,)`` for a curve, else ``(n, 2)``."""
    points = Array(nonempty=False)(getattr(value, "xs", value), name)
    curve = given["view"] == "curve"
    if curve and points.ndim == 2 and points.shape[1] == 1:
        points = points[:, 0]
    n = points.shape[0] if points.ndim else 0
    if n == 0 or points.shape != ((n,) if curve else (n, 2)):
        shape = "(n,)" if curve else "(n, 2)"
        wrong = f"{name} must be a Trace or an array of points of shape {shape} with "
        raise ArgumentValueError(name, f"{wrong}n >= 1, got shape {points.shape}")
    return points


def ON_FUNCTION(**nums: int) -> dict[str, Check]:
    """The checks of a path on its function; ``nums``: the views, and each one's num."""

    def num(value: Any, name: str, given: Any) -> int:
        check = CURVE if given["view"] == "curve" else GRID
        return nums[given["view"]] if value is None else check(value, name)

    def labels(value: Any, name: str, given: Any) -> Names:  # 2, or 3 for a surface
        default = LABELS[given["view"]]
        return default if value is None else Labels(len(default))(value, name)

    return dict(
        f=Function(),
        view=choice(*nums),
        path=PATH,
        xlim=LIMITS,
        ylim=LIMITS,
        num=num,
        ax=AXES,
        labels=labels,
    )


def pyplot() -> Any:
    """Import pyplot on first use (it is slow to import and needs a backend)."""
    import matplotlib.pyplot as plt

    return plt


def axes(ax: Axes | None, **subplot_kw: Any) -> Axes:
    """``ax``, or the axes of a new figure when it is None."""
    if ax is None:
        _, ax = pyplot().subplots(subplot_kw=subplot_kw or None)
    return cast("Axes", ax)


def limits(
    given: Limits, name: str, xs: np.ndarray, margin: float = 0.2, of: str = "path"
) -> Interval:
    """``given``, or the range of ``xs`` widened by ``margin`` times it (or 1)."""
    if given is not None:
        return given
    low, high = float(np.min(xs)), float(np.max(xs))
    pad = margin * max(high - low, 1.0)
    if not np.isfinite([pad, low - pad, high + pad]).all():
        raise ValueError(f"{of} spans more than float64 can draw: give {name}")
    return low - pad, high + pad


def values(f: Func, xs: np.ndarray, name: str = "f", shape: Shape = ()) -> np.ndarray:
    """``f`` at each point: a finite number, or array of ``shape`` (checked here)."""
    result = np.empty((len(xs), *shape))
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        for index, point in enumerate(xs):
            x = point.copy() if point.ndim else float(point)
            try:
                value = f(x)
            except OverflowError as error:  # Python floats raise it: x**2 at 1e200
                raise ValueError(f"{name} overflowed at x = {x!r}: {error}") from error
            if shape:
                result[index] = returned_array(value, name, shape, of="a point's shape")
            else:
                result[index] = returned_scalar(value, name)
    undrawable(result, xs, name, len(shape))
    return result


def undrawable(result: np.ndarray, xs: np.ndarray, name: str, ndim: int = 0) -> None:
    """Refuse a value matplotlib would skip without a word: ``f(xs[i])``, named."""
    bad = ~np.isfinite(result)
    if np.any(bad):
        index = tuple(int(i) for i in np.argwhere(bad)[0])[: result.ndim - ndim]
        point = np.round(xs[index], 6).tolist()
        raise ValueError(
            f"{name} returned {np.asarray(result[index]).tolist()} at x = {point}: "
            "only finite values can be drawn (narrow the limits, or check the function)"
        )


def plane(f: Func, xs: np.ndarray, xlim: Limits, ylim: Limits, num: int) -> Plane:
    """The limits (by default around the points ``xs``) and ``X, Y, f(X, Y)``."""
    x_range = limits(xlim, "xlim", xs[:, 0])
    y_range = limits(ylim, "ylim", xs[:, 1])
    X, Y = np.meshgrid(np.linspace(*x_range, num), np.linspace(*y_range, num))
    if isinstance(f, Objective):
        Z = f.value_at(X, Y)
        undrawable(Z, np.stack([X, Y], axis=-1), "f")
    else:
        Z = values(f, np.column_stack([X.ravel(), Y.ravel()])).reshape(X.shape)
    return x_range, y_range, X, Y, Z


def graph(
    view: str | None,
    ax: Axes | None,
    f: Func,
    points: np.ndarray,
    xlim: Limits,
    ylim: Limits,
    num: int,
    labels: Any,
    cmap: str,
    alpha: float,
) -> tuple[Any, np.ndarray]:
    """Draw the curve of ``f``, or its surface on a 3D Axes; return the axes and the
    path's rows: x and f(x), or x, y and f(x, y)."""
    if view == "curve":
        x_range = limits(xlim, "xlim", points)
        xs = np.linspace(*x_range, num)
        ys, heights = values(f, xs), values(f, points)
        ax = axes(ax)
        ax.plot(xs, ys, color="C0", label=getattr(f, "name", "f(x)"))
        ax.set(xlim=x_range, xlabel=labels[0], ylabel=labels[1])
        if ylim is not None:
            ax.set_ylim(*ylim)
        ax.grid(True, alpha=0.3)
        return ax, np.stack([points, heights])
    from matplotlib.ticker import MaxNLocator

    X, Y, Z = plane(f, points, xlim, ylim, num)[2:]
    heights = values(f, points)
    ax3d = cast("Axes3D", axes(ax, projection="3d", computed_zorder=False))
    ax3d.computed_zorder = False  # drawn in the order added: the path over the surface
    ax3d.plot_surface(X, Y, Z, cmap=cmap, alpha=alpha, zorder=1)
    ax3d.set(xlabel=labels[0], ylabel=labels[1], zlabel=labels[2])
    # A 3D axis puts its tick labels along a slanted edge: fewer, or they overlap.
    ax3d.xaxis.set_major_locator(MaxNLocator(nbins=5))
    ax3d.yaxis.set_major_locator(MaxNLocator(nbins=5))
    return ax3d, np.vstack([points.T, heights])


def animation(fig: Any, draw: Func, frames: Any, interval: float) -> FuncAnimation:
    """``FuncAnimation(fig, draw, ...)`` drawn once (or a script warns it never was)."""
    from matplotlib.animation import FuncAnimation

    anim = FuncAnimation(fig, draw, frames=frames, interval=interval)
    fig.canvas.draw_idle()
    return anim
