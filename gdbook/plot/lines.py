"""Fitting a line: the data and a line, the cost e(w, b), the fit animated."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

import numpy as np
from numpy.typing import ArrayLike

from gdbook._checks import Array, Function, Number, Optional, Positive, checked
from gdbook._errors import check_finite_result
from gdbook.plot import _base
from gdbook.plot._base import AXES, COST_GRID, LEVELS, LIMITS, Func, Limits, choice

if TYPE_CHECKING:
    from matplotlib.animation import FuncAnimation
    from matplotlib.axes import Axes
    from mpl_toolkits.mplot3d import Axes3D

__all__ = ["cost_curves", "data_with_line", "line_fit_animation"]


@checked(
    x=Array(ndim=1), y=Array(shape="x"), slope=Number(), intercept=Number(), ax=AXES
)
def data_with_line(
    x: ArrayLike,
    y: ArrayLike,
    slope: float,
    intercept: float = 0.0,
    *,
    ax: Axes | None = None,
    **line_kw: Any,
) -> Axes:
    """Draw the data as points and the line ``y = slope * x + intercept`` in red.

    Parameters
    ----------
    x, y, slope, intercept, ax, **line_kw : array_like, float, Axes, optional
        The data; the line (e.g. ``fit.slope``, ``fit.intercept``); where to draw and
        the line's style, as for :func:`cost_curves`.

    Returns
    -------
    Axes
        The axes drawn on.

    Examples
    --------
    >>> data_with_line([0.0, 1.0], [0.1, 0.9], 1.0).lines[0].get_label()
    'y = 1·x + 0'
    """
    x = cast(np.ndarray, x)  # checked(): a float64 array
    ends = np.array([x.min(), x.max()])
    with np.errstate(over="ignore", invalid="ignore"):
        line = slope * ends + intercept
    check_finite_result(line, "the line", "slope or intercept is too large")
    ax = _base.axes(ax)
    ax.scatter(x, y, s=14, alpha=0.8, label="data")
    label = f"y = {slope:.4g}·x + {intercept:.4g}"
    ax.plot(ends, line, **{"color": "red", "label": label, **line_kw})
    ax.set(xlabel="x", ylabel="y")
    ax.legend()
    return ax


@checked(
    **COST_GRID, view=choice("2d", "surface", "3d"), levels=LEVELS, zlim=LIMITS, ax=AXES
)
def cost_curves(
    ws: ArrayLike,
    bs: ArrayLike,
    costs: ArrayLike,
    *,
    view: str | None = None,
    cmap: str = "viridis",
    levels: int = 20,
    zlim: Limits = None,
    ax: Axes | None = None,
    **plot_kw: Any,
) -> Axes | Axes3D:
    """Draw the cost e(w, b): a curve against w for each b, in 2D or 3D, or a surface.

    Parameters
    ----------
    ws, bs, costs : array_like, 1-D, 1-D, shape (len(bs), len(ws))
        Slopes, intercepts (one curve each), and :func:`gdbook.line_cost_grid`'s
        ``costs[i, j]`` = e(ws[j], bs[i]).
    view : {"2d", "3d", "surface"}, optional
        Curves coloured by b; in 3D, in the plane of each b (default on a 3D ``ax``);
        the surface, with its contour lines on the floor.
    cmap, levels, zlim : str, int, tuple of float, optional
        Colour map; the surface's contour lines; in 3D, the cost axis's range.
    ax, **plot_kw : Axes, optional
        Where to draw (a 3D Axes in 3D; None: new); passed to ``Axes.plot``.

    Returns
    -------
    Axes
        The axes drawn on.

    Examples
    --------
    >>> len(cost_curves([0.0, 1.0], [0.0, 1.0], [[1.0, 0.0]] * 2).lines)
    2
    """
    import matplotlib as mpl

    bs, costs = cast(np.ndarray, bs), cast(np.ndarray, costs)  # checked(): float64
    if view == "2d":
        ax = _base.axes(ax)
        colours = mpl.colormaps[cmap](np.linspace(0, 1, bs.size))
        for colour, row in zip(colours, costs, strict=True):
            ax.plot(ws, row, color=colour, **plot_kw)
        mappable = mpl.cm.ScalarMappable(mpl.colors.Normalize(bs.min(), bs.max()), cmap)
        ax.figure.colorbar(mappable, ax=ax, label="b (one curve each)")
        ax.set(xlabel="w", ylabel="e(w, b)")
        ax.grid(True, alpha=0.3)
        return ax
    ax3d = cast("Axes3D", _base.axes(ax, projection="3d"))
    if view == "surface":
        W, B = np.meshgrid(ws, bs)
        shown = costs if zlim is None else np.where(costs <= zlim[1], costs, np.nan)
        ax3d.plot_surface(W, B, shown, cmap=cmap, alpha=0.8, linewidth=0)
        top = costs.max() if zlim is None else zlim[1]  # contours of what is shown
        contours = costs.min() + (top - costs.min()) * np.linspace(0, 1, levels) ** 2
        floor = 0.0 if zlim is None else zlim[0]
        ax3d.contour(W, B, costs, contours, cmap=cmap, zdir="z", offset=floor)
    else:
        if zlim is not None:
            # 3D lines are not clipped to the axes box: cut them where they leave it.
            costs = np.where((costs >= zlim[0]) & (costs <= zlim[1]), costs, np.nan)
        for b, row in zip(bs, costs, strict=True):
            ax3d.plot(ws, row, b, zdir="y", **plot_kw)  # in the plane y = b
    if zlim is not None:
        ax3d.set_zlim(*zlim)
    ax3d.set(xlabel="w", ylabel="b", zlabel="e")
    return ax3d


def _history_indices(value: Any, name: str, given: Any) -> np.ndarray:
    """A non-empty 1-D array of integer indices of the history ``slopes``."""
    try:
        indices = np.asarray(value)
    except ValueError:  # a ragged nested list
        indices = np.array([])
    n = given["slopes"].size
    ok = indices.ndim == 1 and indices.size > 0 and indices.dtype.kind in "iu"
    if not ok or indices.min() < 0 or indices.max() >= n:
        raise ValueError(f"{name} must be 1-D integer indices in [0, {n}), not empty")
    return indices


@checked(
    x=Array(ndim=1),
    y=Array(shape="x"),
    slopes=Array(ndim=1),
    intercepts=Array(shape="slopes"),
    frames=_history_indices,
    **COST_GRID,
    caption=Optional(Function()),
    interval=Positive(),
    xlim=LIMITS,
    ylim=LIMITS,
)
def line_fit_animation(
    x: ArrayLike,
    y: ArrayLike,
    slopes: ArrayLike,
    intercepts: ArrayLike,
    *,
    frames: ArrayLike,
    ws: ArrayLike,
    bs: ArrayLike,
    costs: ArrayLike,
    caption: Func | None = None,
    interval: float = 120,
    figsize: tuple[float, float] = (7, 4.5),
    xlim: Limits = None,
    ylim: Limits = None,
) -> FuncAnimation:
    """Animate a line fit: the line over the data, and (w, b) on the cost contour.

    Parameters
    ----------
    x, y, slopes, intercepts : array_like, 1-D
        The data, and the history of the line (``fit.slopes``, ``fit.intercepts``).
    frames, ws, bs, costs : array_like
        The history's indices to show; the contours' grid, as for :func:`cost_curves`.
    caption, interval, figsize, xlim, ylim : optional
        A frame's title, ``caption(index)`` ("update {index}"); milliseconds between
        frames (as for :func:`descent_animation`); figure size in inches; limits of
        the data panel (by default the data's and the lines', 5 % wider).

    Returns
    -------
    FuncAnimation
        One frame per index in ``frames`` (keep it until it is saved or shown).

    Examples
    --------
    >>> x, w, c = [0.0, 1.0], [0.0, 1.0], [[1.0, 0.0]] * 2
    >>> anim = line_fit_animation(x, x, w, w, frames=[1], ws=w, bs=w, costs=c)
    >>> sum(1 for _ in anim.new_frame_seq())
    1
    """
    xs, ys = cast(np.ndarray, x), cast(np.ndarray, y)  # checked(): float64 arrays
    path_w, path_b = cast(np.ndarray, slopes), cast(np.ndarray, intercepts)
    indices, costs = cast(np.ndarray, frames), cast(np.ndarray, costs)
    ends = np.array([xs.min(), xs.max()])
    # The limits hold the lines of the frames, at both ends of the data: a fit often
    # starts far from the data, and its first frames would show no line.
    with np.errstate(over="ignore", invalid="ignore"):  # refused by the limits
        lines = np.outer(path_w[indices], ends) + path_b[indices, np.newaxis]
    xlim = _base.limits(xlim, "xlim", xs, margin=0.05, of="x")
    of = "y with the lines of slopes and intercepts"
    ylim = _base.limits(ylim, "ylim", np.append(ys, lines), margin=0.05, of=of)
    caption = "update {}".format if caption is None else caption

    fig, (left, right) = _base.pyplot().subplots(1, 2, figsize=figsize)
    left.scatter(xs, ys, s=12, alpha=0.8)
    (line,) = left.plot([], [], color="red", lw=2)
    left.set(xlim=xlim, ylim=ylim, xlabel="x", ylabel="y")
    levels = costs.min() + (costs.max() - costs.min()) * np.linspace(0, 1, 20) ** 2
    right.contour(ws, bs, costs, levels, cmap="viridis", linewidths=0.8)
    (trail,) = right.plot([], [], color="red", lw=1, alpha=0.7)
    (point,) = right.plot([], [], "o", color="red")
    right.set(xlabel="w", ylabel="b")
    # Fixed titles say what it shows (and are its text alternative on the site).
    left.set_title("The fitted line over the data", fontsize="medium")
    right.set_title("(w, b) on the contours of the cost", fontsize="medium")
    title = fig.suptitle("")
    fig.tight_layout()

    def draw(frame: int) -> tuple[Any, ...]:
        k = int(indices[frame])
        line.set_data(ends, path_w[k] * ends + path_b[k])
        trail.set_data(path_w[: k + 1], path_b[: k + 1])
        point.set_data([path_w[k]], [path_b[k]])
        title.set_text(caption(k))
        return line, trail, point, title

    return _base.animation(fig, draw, indices.size, interval)
