"""Fitting a line: the data with a line, and the cost e(w, b) as curves or a surface,
from plain arrays (the data, a line, :func:`gdbook.line_cost_grid`)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

import numpy as np
from numpy.typing import ArrayLike

from gdbook._checks import Array, Number, check_finite_result, checked
from gdbook.plot import _base
from gdbook.plot._base import AXES, COST_GRID, LEVELS, LIMITS, Limits, choice

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from mpl_toolkits.mplot3d import Axes3D

__all__ = ["cost_curves", "data_with_line", "line_cost_surface"]


@checked(x=Array(ndim=1), y=Array(shape="x"), slope=Number(), intercept=Number(),
         ax=AXES)  # fmt: skip
def data_with_line(
    x: ArrayLike, y: ArrayLike, slope: float, intercept: float = 0.0, *,
    ax: Axes | None = None, **line_kw: Any,
) -> Axes:  # fmt: skip
    """Draw the data as points and the line ``y = slope * x + intercept`` in red.

    Parameters
    ----------
    x, y, slope, intercept : array_like, shape (n,), float
        The data, and the line (e.g. ``fit.slope`` and ``fit.intercept``).
    ax : Axes, optional
        Where to draw; a new figure when None.
    **line_kw
        Passed to :meth:`matplotlib.axes.Axes.plot` for the line.

    Returns
    -------
    Axes
        The axes drawn on.

    Examples
    --------
    >>> import gdbook.plot
    >>> gdbook.plot.data_with_line([0.0, 1.0], [0.1, 0.9], 1.0).lines[0].get_label()
    'y = 1·x + 0'
    """
    x = cast(np.ndarray, x)  # checked(): a float64 array
    ends = np.array([x.min(), x.max()])
    with np.errstate(over="ignore", invalid="ignore"):
        line = check_finite_result(
            slope * ends + intercept, "the line", "slope or intercept is too large"
        )
    ax = _base.axes(ax)
    ax.scatter(x, y, s=14, alpha=0.8, label="data")
    label = f"y = {slope:.4g}·x + {intercept:.4g}"
    ax.plot(ends, line, **{"color": "red", "label": label, **line_kw})
    ax.set(xlabel="x", ylabel="y")
    ax.legend()
    return ax


@checked(**COST_GRID, view=choice("2d", "3d"), ax=AXES, zlim=LIMITS)
def cost_curves(
    ws: ArrayLike, bs: ArrayLike, costs: ArrayLike, *, view: str | None = None,
    ax: Axes | None = None, cmap: str = "viridis", zlim: Limits = None, **plot_kw: Any,
) -> Axes | Axes3D:  # fmt: skip
    """Draw one curve of the cost against w for each intercept b, in 2D or in 3D.

    Parameters
    ----------
    ws, bs : array_like, 1-D
        The slopes (horizontal axis) and the intercepts (one curve each).
    costs : array_like, shape (len(bs), len(ws))
        ``costs[i, j]`` = e(ws[j], bs[i]), as :func:`gdbook.line_cost_grid` returns.
    view : {"2d", "3d"}, optional
        Curves side by side, coloured by b; or each in the plane of its b, in 3D (by
        default on a 3D ``ax``).
    ax : Axes, optional
        Where to draw (a 3D Axes for "3d"); a new figure when None.
    cmap : str, default "viridis"
        Colour map of the 2D curves, from the first b to the last.
    zlim : tuple of float, optional
        In 3D, range of the cost axis, where the curves are cut.
    **plot_kw
        Passed to :meth:`matplotlib.axes.Axes.plot`.

    Returns
    -------
    Axes
        The axes drawn on.

    Examples
    --------
    >>> import gdbook.plot
    >>> len(gdbook.plot.cost_curves([0.0, 1.0], [0.0, 1.0], [[1.0, 0.0]] * 2).lines)
    2
    """
    import matplotlib as mpl

    bs, costs = cast(np.ndarray, bs), cast(np.ndarray, costs)  # checked(): float64
    if view == "3d":
        ax3d = cast("Axes3D", _base.axes(ax, projection="3d"))
        if zlim is not None:
            # 3D lines are not clipped to the axes box: cut them where they leave it.
            costs = np.where((costs >= zlim[0]) & (costs <= zlim[1]), costs, np.nan)
        for b, row in zip(bs, costs, strict=True):
            ax3d.plot(ws, row, b, zdir="y", **plot_kw)  # in the plane y = b
        if zlim is not None:
            ax3d.set_zlim(*zlim)
        ax3d.set(xlabel="w", ylabel="b", zlabel="e")
        return ax3d
    ax = _base.axes(ax)
    colours = mpl.colormaps[cmap](np.linspace(0, 1, bs.size))
    for colour, row in zip(colours, costs, strict=True):
        ax.plot(ws, row, color=colour, **plot_kw)
    norm = mpl.colors.Normalize(bs.min(), bs.max())
    ax.figure.colorbar(
        mpl.cm.ScalarMappable(norm=norm, cmap=cmap), ax=ax, label="b (one curve each)"
    )
    ax.set(xlabel="w", ylabel="e(w, b)")
    ax.grid(True, alpha=0.3)
    return ax


@checked(**COST_GRID, ax=AXES, levels=LEVELS, zlim=LIMITS)
def line_cost_surface(
    ws: ArrayLike, bs: ArrayLike, costs: ArrayLike, *, ax: Axes | None = None,
    cmap: str = "viridis", levels: int = 20, zlim: Limits = None,
) -> Axes3D:  # fmt: skip
    """Draw the cost e(w, b) as a surface, with its contour lines on the floor.

    Parameters
    ----------
    ws, bs, costs : array_like
        As for :func:`cost_curves`.
    ax : mpl_toolkits.mplot3d.axes3d.Axes3D, optional
        A 3D axes; a new figure with one when None.
    cmap, levels : str, int
        Colour map of the surface and the contours; number of contour lines (20).
    zlim : tuple of float, optional
        Range of the cost axis; the surface above it is cut out, cell by cell.

    Returns
    -------
    mpl_toolkits.mplot3d.axes3d.Axes3D
        The axes drawn on.

    Examples
    --------
    >>> import gdbook.plot
    >>> gdbook.plot.line_cost_surface([0.0, 1.0], [0.0, 1.0], [[1.0, 0.0]] * 2).name
    '3d'
    """
    costs = cast(np.ndarray, costs)  # checked(): float64 arrays, as the others
    ax3d = cast("Axes3D", _base.axes(ax, projection="3d"))
    W, B = np.meshgrid(ws, bs)
    shown = costs if zlim is None else np.where(costs <= zlim[1], costs, np.nan)
    floor = 0.0 if zlim is None else zlim[0]
    top = costs.max() if zlim is None else zlim[1]
    ax3d.plot_surface(W, B, shown, cmap=cmap, alpha=0.8, linewidth=0)
    # Over the part of the surface that is shown.
    contours = _base.squared_levels(costs.min(), top, levels)
    ax3d.contour(W, B, costs, contours, cmap=cmap, zdir="z", offset=floor)
    if zlim is not None:
        ax3d.set_zlim(*zlim)
    ax3d.set(xlabel="w", ylabel="b", zlabel="e")
    return ax3d
