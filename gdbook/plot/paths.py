"""A descent drawn on its function (a curve, contour lines, a surface), and the
arrows of the negative gradient that it follows."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Literal

import numpy as np
from numpy.typing import ArrayLike

from gdbook._checks import Function, checked, returned_array
from gdbook.plot import _base
from gdbook.plot._base import ARROWS, CURVE, GRID, LABELS_2D, LABELS_3D, LIMITS

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from mpl_toolkits.mplot3d import Axes3D

    from gdbook.descent import Trace

__all__ = ["gradient_field", "path_on_contour", "path_on_curve", "path_on_surface"]


@checked(grad=Function(), xlim=LIMITS, ylim=LIMITS, num=ARROWS)
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
        Grid points along each axis, from 1 to 100.
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure when None.
    **quiver_kw
        Passed to :meth:`matplotlib.axes.Axes.quiver`.

    Returns
    -------
    matplotlib.axes.Axes
        The axes drawn on.

    Raises
    ------
    TypeError, ValueError
        If an argument is not of its type or range, or ``grad`` returns other than
        a finite array of shape ``(2,)`` (the message gives the point).

    Examples
    --------
    >>> from gdbook import bowl
    >>> from gdbook.plot import gradient_field
    >>> len(gradient_field(bowl.grad).collections)
    1
    """
    ax = _base.axes(ax)
    xs = np.linspace(*xlim, num)
    ys = np.linspace(*ylim, num)
    X, Y = np.meshgrid(xs, ys)
    points = np.column_stack([X.ravel(), Y.ravel()])
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        gradients = np.array(
            [
                returned_array(grad(p.copy()), "grad", (2,), of="a point's shape")
                for p in points
            ]
        )
    _base.refuse_undrawable(gradients, points, "grad", value_ndim=1)
    field = -gradients
    quiver_kw = {"angles": "xy", "color": "#444444", **quiver_kw}
    ax.quiver(points[:, 0], points[:, 1], field[:, 0], field[:, 1], **quiver_kw)
    ax.set_xlim(*xlim)
    ax.set_ylim(*ylim)
    ax.set_xlabel("$x_0$")
    ax.set_ylabel("$x_1$")
    ax.set_aspect("equal")
    ax.grid(True, alpha=0.3)
    return ax


@checked(f=Function(), xlim=LIMITS, num=CURVE)
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
        A one-variable :class:`gdbook.Trace`, or the points, shape ``(n,)``.
    xlim : tuple of float, optional
        Interval of the curve; by default the path's range with a margin.
    num : int, default 400
        Points of the curve, in ``[2, 100000]``.
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure when None.
    label : str or None, default "descent path"
        Legend label of the path.
    xlabel, ylabel : str
        Axis labels.
    **path_kw
        Style of the path, for :meth:`matplotlib.axes.Axes.plot` (red points).

    Returns
    -------
    matplotlib.axes.Axes
        The axes drawn on.

    Raises
    ------
    TypeError, ValueError
        If an argument is not of its type or range, or ``f`` is not finite at a
        point drawn (the message gives the point).

    Examples
    --------
    >>> from gdbook import gradient_descent, parabola
    >>> from gdbook.plot import path_on_curve
    >>> trace = gradient_descent(parabola.grad, 5.0, lr=0.1, steps=50)
    >>> ax = path_on_curve(parabola, trace, xlim=(-10, 10))
    >>> len(ax.lines), len(ax.lines[1].get_xdata())  # the curve, the 51 points
    (2, 51)
    """
    points = _base.path_points(path, dim=1)
    xlim = _base.limits(xlim, "xlim", points)
    grid = np.linspace(*xlim, num)
    curve_values = _base.values(f, grid)
    ax = _base.axes(ax)
    ax.plot(grid, curve_values, color="C0", label=getattr(f, "name", "f(x)"))
    style = {**_base.PATH_STYLE, "linestyle": "none", "markersize": 6, **path_kw}
    ax.plot(points, _base.values(f, points), label=label, **style)
    ax.set_xlim(*xlim)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.grid(True, alpha=0.3)
    ax.legend()
    return ax


@checked(f=Function(), xlim=LIMITS, ylim=LIMITS, num=GRID, labels=LABELS_2D)
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
        ``f(x)`` for a point ``x`` of shape ``(2,)``, a real number (e.g.
        :data:`gdbook.bowl`, evaluated on the whole grid at once).
    path : Trace or array_like
        A two-variable :class:`gdbook.Trace`, or its points, shape ``(n, 2)``.
    xlim, ylim : tuple of float, optional
        Extent of the grid; by default the path's range with a margin.
    levels : int or array_like, default 15
        Contour levels, for :meth:`matplotlib.axes.Axes.contour`.
    num : int, default 200
        Grid points along each axis, in ``[2, 1000]``.
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure when None.
    label : str or None, default "descent path"
        Legend label of the path.
    labels : tuple of str
        Labels of the two axes.
    aspect : str or float, default "equal"
        Aspect of the axes ("equal" keeps circles round).
    **path_kw
        Style of the path, for :meth:`matplotlib.axes.Axes.plot`.

    Returns
    -------
    matplotlib.axes.Axes
        The axes drawn on.

    Raises
    ------
    TypeError, ValueError
        If an argument is not of its type or range, or ``f`` is not finite at a
        point of the grid or the path (the message gives the point).

    Examples
    --------
    >>> from gdbook import bowl, gradient_descent
    >>> from gdbook.plot import path_on_contour
    >>> trace = gradient_descent(bowl.grad, [1.5, 1.5], lr=0.1, steps=50)
    >>> ax = path_on_contour(bowl, trace, xlim=(-2, 2), ylim=(-2, 2))
    >>> ax.lines[0].get_xydata().shape  # start, 50 steps
    (51, 2)
    """
    points = _base.path_points(path, dim=2)
    xlim = _base.limits(xlim, "xlim", points[:, 0])
    ylim = _base.limits(ylim, "ylim", points[:, 1])
    X, Y, Z = _base.grid(f, xlim, ylim, num)
    ax = _base.axes(ax)
    contours = ax.contour(X, Y, Z, levels=levels, cmap="viridis", linewidths=0.8)
    ax.clabel(contours, fontsize=7, inline=True)
    ax.plot(points[:, 0], points[:, 1], label=label, **{**_base.PATH_STYLE, **path_kw})
    ax.set_xlim(*xlim)
    ax.set_ylim(*ylim)
    ax.set_xlabel(labels[0])
    ax.set_ylabel(labels[1])
    ax.set_aspect(aspect)
    if label is not None:
        ax.legend(loc="upper right")
    return ax


@checked(f=Function(), xlim=LIMITS, ylim=LIMITS, num=GRID, labels=LABELS_3D)
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
        A two-variable :class:`gdbook.Trace`, or its points, shape ``(n, 2)``;
        each is drawn at height ``f(point)``, above the surface.
    xlim, ylim : tuple of float, optional
        As for :func:`path_on_contour`.
    num : int, default 100
        Grid points along each axis.
    ax : mpl_toolkits.mplot3d.axes3d.Axes3D, optional
        A 3D Axes to draw on; a new figure when None.
    cmap, alpha : str, float
        Colour map and opacity of the surface.
    label : str or None, default "descent path"
        As for :func:`path_on_contour`.
    labels : tuple of str
        The three axis labels.
    **path_kw
        As for :func:`path_on_contour`.

    Returns
    -------
    mpl_toolkits.mplot3d.axes3d.Axes3D
        The axes drawn on.

    Raises
    ------
    TypeError, ValueError
        If an argument is not of its type or range (``ax`` not 3D), or ``f`` is not
        finite at a point drawn.

    Examples
    --------
    >>> from gdbook import bowl, gradient_descent
    >>> from gdbook.plot import path_on_surface
    >>> trace = gradient_descent(bowl.grad, [1.5, 1.5], lr=0.1, steps=50)
    >>> ax = path_on_surface(bowl, trace, xlim=(-2, 2), ylim=(-2, 2), num=30)
    >>> ax.name, ax.lines[0].get_data_3d()[2][:2]  # heights f(x_0), f(x_1)
    ('3d', array([4.5 , 2.88]))
    """
    points = _base.path_points(path, dim=2)
    xlim = _base.limits(xlim, "xlim", points[:, 0])
    ylim = _base.limits(ylim, "ylim", points[:, 1])
    X, Y, Z = _base.grid(f, xlim, ylim, num)
    ax3d = _base.axes_3d(ax)
    ax3d.plot_surface(X, Y, Z, cmap=cmap, alpha=alpha, zorder=1)
    heights = _base.values(f, points)
    style = {**_base.PATH_STYLE, "zorder": 3, **path_kw}
    ax3d.plot(points[:, 0], points[:, 1], heights, label=label, **style)
    ax3d.set_xlabel(labels[0])
    ax3d.set_ylabel(labels[1])
    ax3d.set_zlabel(labels[2])
    _base.fewer_ticks(ax3d.xaxis)
    _base.fewer_ticks(ax3d.yaxis)
    if label is not None:
        ax3d.legend(loc="upper right")
    return ax3d
