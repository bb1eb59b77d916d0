"""A descent drawn on its function, and the arrows of the negative gradient."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Literal, cast

import numpy as np
from numpy.typing import ArrayLike

from gdbook._checks import Function, checked
from gdbook.plot import _base
from gdbook.plot._base import (
    ARROWS,
    AXES,
    AXES_3D,
    CURVE,
    GRID,
    LABELS_2D,
    LABELS_3D,
    LIMITS,
    ON_CURVE,
    ON_PLANE,
    PATH_STYLE,
)

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from mpl_toolkits.mplot3d import Axes3D

    from gdbook.descent import Trace

__all__ = ["gradient_field", "path_on_contour", "path_on_curve", "path_on_surface"]


@checked(grad=Function(), xlim=LIMITS, ylim=LIMITS, num=ARROWS, ax=AXES)
def gradient_field(
    grad: Callable[[Any], ArrayLike],
    *,
    xlim: tuple[float, float] = (-2.0, 2.0),
    ylim: tuple[float, float] = (-2.0, 2.0),
    num: int = 18,
    ax: Axes | None = None,
    **quiver_kw: Any,
) -> Axes:
    r"""Draw the arrows of :math:`-\nabla f` on a grid of a plane, to scale.

    Parameters
    ----------
    grad : callable
        ``grad(x)`` for a point ``x`` of shape ``(2,)``.
    xlim, ylim : tuple of float
        Extent of the grid.
    num : int, default 18
        Arrows along each axis.
    ax : Axes, optional
        Where to draw; a new figure when None.
    **quiver_kw
        Passed to :meth:`matplotlib.axes.Axes.quiver`.

    Returns
    -------
    Axes
        The axes drawn on.

    Examples
    --------
    >>> from gdbook import bowl
    >>> from gdbook.plot import gradient_field
    >>> len(gradient_field(bowl.grad).collections)
    1
    """
    X, Y = np.meshgrid(np.linspace(*xlim, num), np.linspace(*ylim, num))
    points = np.column_stack([X.ravel(), Y.ravel()])
    gradients = _base.values(grad, points, "grad", shape=(2,))
    ax = _base.axes(ax)
    style = {"angles": "xy", "color": "#444444", **quiver_kw}
    ax.quiver(*points.T, *-gradients.T, **style)
    ax.set(xlim=xlim, ylim=ylim, xlabel="$x_0$", ylabel="$x_1$", aspect="equal")
    ax.grid(True, alpha=0.3)
    return ax


@checked(**ON_CURVE, num=CURVE, ax=AXES)
def path_on_curve(
    f: Callable[[Any], ArrayLike],
    path: Trace | ArrayLike,
    *,
    xlim: tuple[float, float] | None = None,
    num: int = 400,
    ax: Axes | None = None,
    label: str | None = "descent path",
    xlabel: str = "x",
    ylabel: str = "f(x)",
    **path_kw: Any,
) -> Axes:
    """Draw a function of one variable, and a path as points :math:`(x_k, f(x_k))`.

    Parameters
    ----------
    f : callable
        ``f(x)`` for a real ``x``, a real number (e.g. :data:`gdbook.parabola`).
    path : Trace or array_like
        A one-variable :class:`gdbook.Trace`, or its points, shape ``(n,)``.
    xlim : tuple of float, optional
        Interval of the curve; by default the path's range with a margin.
    num : int, default 400
        Points of the curve.
    ax : Axes, optional
        Where to draw; a new figure when None.
    label, xlabel, ylabel : str
        Legend label of the path (None: not in the legend), axis labels.
    **path_kw
        Style of the path, for :meth:`matplotlib.axes.Axes.plot`.

    Returns
    -------
    Axes
        The axes drawn on.

    Examples
    --------
    >>> from gdbook import gradient_descent, parabola
    >>> from gdbook.plot import path_on_curve
    >>> trace = gradient_descent(parabola.grad, 5.0, lr=0.1, steps=50)
    >>> len(path_on_curve(parabola, trace).lines[1].get_xdata())  # start, 50 steps
    51
    """
    points = cast(np.ndarray, path)  # checked(): the points
    ax, heights = _base.curve(ax, f, points, xlim, num, (xlabel, ylabel))
    style = {**PATH_STYLE, "linestyle": "none", "markersize": 6, **path_kw}
    ax.plot(points, heights, label=label, **style)
    ax.legend()
    return ax


@checked(**ON_PLANE, num=GRID, ax=AXES, labels=LABELS_2D)
def path_on_contour(
    f: Callable[[Any], ArrayLike],
    path: Trace | ArrayLike,
    *,
    xlim: tuple[float, float] | None = None,
    ylim: tuple[float, float] | None = None,
    levels: int | ArrayLike = 15,
    num: int = 200,
    ax: Axes | None = None,
    label: str | None = "descent path",
    labels: tuple[str, str] = ("$x_0$", "$x_1$"),
    aspect: Literal["auto", "equal"] | float = "equal",
    **path_kw: Any,
) -> Axes:
    """Draw the contour lines of a function of two variables and a descent path.

    Parameters
    ----------
    f : callable
        ``f(x)`` for a point ``x`` of shape ``(2,)``, a real number.
    path : Trace or array_like
        A two-variable :class:`gdbook.Trace`, or its points, shape ``(n, 2)``.
    xlim, ylim : tuple of float, optional
        Extent of the grid; by default the path's range with a margin.
    levels : int or array_like, default 15
        Contour levels, for :meth:`matplotlib.axes.Axes.contour`.
    num : int, default 200
        Grid points along each axis.
    ax : Axes, optional
        Where to draw; a new figure when None.
    label, labels : str or None, tuple of str
        Legend label of the path; labels of the two axes.
    aspect : str or float, default "equal"
        Aspect of the axes ("equal" keeps circles round).
    **path_kw
        Style of the path, for :meth:`matplotlib.axes.Axes.plot`.

    Returns
    -------
    Axes
        The axes drawn on.

    Examples
    --------
    >>> from gdbook import bowl, gradient_descent
    >>> from gdbook.plot import path_on_contour
    >>> trace = gradient_descent(bowl.grad, [1.5, 1.5], lr=0.1, steps=50)
    >>> path_on_contour(bowl, trace).lines[0].get_xydata().shape  # start, 50 steps
    (51, 2)
    """
    points = cast(np.ndarray, path)  # checked(): the points
    xlim, ylim, X, Y, Z = _base.plane(f, points, xlim, ylim, num)
    ax = _base.axes(ax)
    contours = ax.contour(X, Y, Z, levels=levels, cmap="viridis", linewidths=0.8)
    ax.clabel(contours, fontsize=7, inline=True)
    ax.plot(*points.T, label=label, **{**PATH_STYLE, **path_kw})
    ax.set(xlim=xlim, ylim=ylim, xlabel=labels[0], ylabel=labels[1], aspect=aspect)
    if label is not None:
        ax.legend(loc="upper right")
    return ax


@checked(**ON_PLANE, num=GRID, ax=AXES_3D, labels=LABELS_3D)
def path_on_surface(
    f: Callable[[Any], ArrayLike],
    path: Trace | ArrayLike,
    *,
    xlim: tuple[float, float] | None = None,
    ylim: tuple[float, float] | None = None,
    num: int = 100,
    ax: Axes | None = None,
    cmap: str = "viridis",
    alpha: float = 0.8,
    label: str | None = "descent path",
    labels: tuple[str, str, str] = ("x", "y", "f(x, y)"),
    **path_kw: Any,
) -> Axes3D:
    """Draw the graph of a function of two variables in 3D, with a descent path on it.

    Parameters
    ----------
    f : callable
        ``f(x)`` for a point ``x`` of shape ``(2,)``, a real number.
    path : Trace or array_like
        A two-variable :class:`gdbook.Trace`, or its points, shape ``(n, 2)``.
    xlim, ylim : tuple of float, optional
        Extent of the surface; by default the path's range with a margin.
    num : int, default 100
        Grid points along each axis.
    ax : mpl_toolkits.mplot3d.axes3d.Axes3D, optional
        A 3D Axes to draw on; a new figure when None.
    cmap, alpha : str, float
        Colour map and opacity of the surface.
    label, labels : str or None, tuple of str
        Legend label of the path; labels of the three axes.
    **path_kw
        Style of the path, for :meth:`matplotlib.axes.Axes.plot`.

    Returns
    -------
    mpl_toolkits.mplot3d.axes3d.Axes3D
        The axes drawn on.

    Examples
    --------
    >>> from gdbook import bowl, gradient_descent
    >>> from gdbook.plot import path_on_surface
    >>> trace = gradient_descent(bowl.grad, [1.5, 1.5], lr=0.1, steps=50)
    >>> path_on_surface(bowl, trace, num=30).lines[0].get_data_3d()[2][:2]  # f(x_k)
    array([4.5 , 2.88])
    """
    points = cast(np.ndarray, path)  # checked(): the points
    ax3d, heights = _base.surface(ax, f, points, xlim, ylim, num, cmap, alpha, labels)
    style = {**PATH_STYLE, "zorder": 3, **path_kw}
    ax3d.plot(*points.T, heights, label=label, **style)
    if label is not None:
        ax3d.legend(loc="upper right")
    return ax3d
