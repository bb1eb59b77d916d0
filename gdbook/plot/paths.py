"""A descent drawn on the function it descends: a curve, contour lines, a surface.

Each helper draws from a :class:`gdbook.Trace` or an array of points, and a
function that it only evaluates, never differentiates. :func:`gradient_field`
draws the arrows that such a path follows.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from gdbook._validation import (
    MAX_ARROWS_SIDE,
    as_limits,
    check_callable,
    check_labels,
    check_plot_count,
    returned_array,
)
from gdbook.plot import _base

__all__ = ["gradient_field", "path_on_contour", "path_on_curve", "path_on_surface"]


def gradient_field(
    grad: Callable,
    *,
    xlim: tuple[float, float] = (-2.0, 2.0),
    ylim: tuple[float, float] = (-2.0, 2.0),
    num: int = 18,
    ax=None,
    **quiver_kw,
):
    r"""Draw the arrows of :math:`-\nabla f` on a grid of a plane.

    Parameters
    ----------
    grad : callable
        ``grad(x)`` for a point ``x`` of shape ``(2,)``, for example
        ``functools.partial(numerical_gradient, f)``.
    xlim, ylim : tuple of float
        Extent of the grid.
    num : int, default 18
        Number of grid points along each axis, from 1 to 100.
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure when None.
    **quiver_kw
        Passed to :meth:`matplotlib.axes.Axes.quiver`.

    Returns
    -------
    matplotlib.axes.Axes

    Raises
    ------
    TypeError
        If ``grad`` is not callable, a limit is not a pair of numbers, ``num`` is
        not an integer, or ``grad`` returns something that is not real numbers.
    ValueError
        If a limit is not increasing, ``num`` is out of range, or ``grad`` returns
        an array that is not of shape ``(2,)`` or not finite (the message gives
        the point): an arrow that cannot be drawn is an error, not a gap.

    Notes
    -----
    Arrows are drawn to scale (``angles="xy"``), so their lengths compare: on the
    bowl :math:`x_0^2 + x_1^2` they point to the minimum and grow with the distance
    from it.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> from gdbook import bowl
    >>> from gdbook.plot import gradient_field
    >>> ax = gradient_field(bowl.grad)
    >>> len(ax.collections)
    1
    """
    check_callable(grad, "grad")
    xlim, ylim = as_limits(xlim, "xlim"), as_limits(ylim, "ylim")
    num = check_plot_count(num, "num", 1, MAX_ARROWS_SIDE, "arrows per axis")
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


def path_on_curve(
    f: Callable,
    path,
    *,
    xlim: tuple[float, float] | None = None,
    num: int = 400,
    ax=None,
    label: str | None = "descent path",
    xlabel: str = "x",
    ylabel: str = "f(x)",
    **path_kw,
):
    """Draw a function of one variable and a descent path as points on its curve.

    Parameters
    ----------
    f : callable
        ``f(x)`` for a real ``x``, returning a real number, e.g.
        :data:`gdbook.parabola`.
    path : Trace or array_like
        A :class:`gdbook.Trace` of a one-variable descent, or the points
        ``x_0, x_1, ...`` as an array of shape ``(n,)``. Not modified.
    xlim : tuple of float, optional
        Interval of the curve; by default the range of the path with a margin.
    num : int, default 400
        Number of points of the curve.
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure when None.
    label : str or None, default "descent path"
        Legend label of the path.
    xlabel, ylabel : str
        Axis labels.
    **path_kw
        Style of the path, passed to :meth:`matplotlib.axes.Axes.plot`; by default
        red points without a line.

    Returns
    -------
    matplotlib.axes.Axes

    Raises
    ------
    TypeError
        If ``f`` is not callable or ``path`` is not numeric.
    ValueError
        If ``path`` is not a non-empty sequence of finite numbers, ``xlim`` is not
        an increasing pair, ``num`` is not in ``[2, 100000]``, or ``f`` does not
        return a finite scalar at a point drawn (the message gives the point).

    See Also
    --------
    animate_path_on_curve : The same path, one point per frame.
    path_on_contour : The two-variable case.

    Notes
    -----
    The points are drawn at :math:`(x_k, f(x_k))`, the start :math:`x_0` included.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> from gdbook import gradient_descent, parabola
    >>> from gdbook.plot import path_on_curve
    >>> trace = gradient_descent(parabola.grad, 5.0, lr=0.1, steps=50)
    >>> ax = path_on_curve(parabola, trace, xlim=(-10, 10))
    >>> len(ax.lines), len(ax.lines[1].get_xdata())  # the curve, the 51 points
    (2, 51)
    """
    check_callable(f, "f")
    points = _base.path_points(path, dim=1)
    xlim = _base.limits(xlim, "xlim", points)
    grid = np.linspace(*xlim, _base.check_curve_size(num))
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


def path_on_contour(
    f: Callable,
    path,
    *,
    xlim: tuple[float, float] | None = None,
    ylim: tuple[float, float] | None = None,
    levels=15,
    num: int = 200,
    ax=None,
    label: str | None = "descent path",
    labels: tuple[str, str] = ("$x_0$", "$x_1$"),
    aspect: str | float = "equal",
    **path_kw,
):
    """Draw the contour lines of a function of two variables and a descent path.

    Parameters
    ----------
    f : callable
        ``f(x)`` for a point ``x`` of shape ``(2,)``, returning a real number,
        e.g. :data:`gdbook.bowl` (evaluated on the whole grid at once) or a loss
        as a function of two parameters.
    path : Trace or array_like
        A :class:`gdbook.Trace` of a two-variable descent, or its points as an
        array of shape ``(n, 2)``. Not modified.
    xlim, ylim : tuple of float, optional
        Extent of the grid; by default the range of the path with a margin.
    levels : int or array_like, default 15
        Contour levels, passed to :meth:`matplotlib.axes.Axes.contour`.
    num : int, default 200
        Number of grid points along each axis.
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure when None.
    label : str or None, default "descent path"
        Legend label of the path.
    labels : tuple of str
        Labels of the two axes.
    aspect : str or float, default "equal"
        Aspect of the axes: "equal" keeps circles round; "auto" fills the box.
    **path_kw
        Style of the path, passed to :meth:`matplotlib.axes.Axes.plot`; by default
        red points joined by a thin line.

    Returns
    -------
    matplotlib.axes.Axes

    Raises
    ------
    TypeError
        If ``f`` is not callable or ``path`` is not numeric.
    ValueError
        If ``path`` does not have shape ``(n, 2)``, a limit is not an increasing
        pair, ``num`` is not in ``[2, 1000]``, or ``f`` does not return a finite
        scalar at a point of the grid or the path (the message gives the point):
        contour lines of NaN would be silently missing.

    See Also
    --------
    path_on_surface : The same path on the graph of ``f`` in 3D.
    gradient_field : The arrows of the negative gradient on the same plane.

    Notes
    -----
    Gradient descent crosses the contour lines at right angles, since
    :math:`\\nabla f` is normal to them; on the bowl the path is a straight line
    to the centre.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> from gdbook import bowl, gradient_descent
    >>> from gdbook.plot import path_on_contour
    >>> trace = gradient_descent(bowl.grad, [1.5, 1.5], lr=0.1, steps=50)
    >>> ax = path_on_contour(bowl, trace, xlim=(-2, 2), ylim=(-2, 2))
    >>> ax.lines[0].get_xydata().shape  # start, 50 steps
    (51, 2)
    """
    check_callable(f, "f")
    labels = check_labels(labels, "labels", 2)
    points = _base.path_points(path, dim=2)
    xlim = _base.limits(xlim, "xlim", points[:, 0])
    ylim = _base.limits(ylim, "ylim", points[:, 1])
    X, Y, Z = _base.grid(f, xlim, ylim, _base.check_grid_size(num))
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


def path_on_surface(
    f: Callable,
    path,
    *,
    xlim: tuple[float, float] | None = None,
    ylim: tuple[float, float] | None = None,
    num: int = 100,
    ax=None,
    cmap: str = "viridis",
    alpha: float = 0.8,
    label: str | None = "descent path",
    labels: tuple[str, str, str] = ("x", "y", "f(x, y)"),
    **path_kw,
):
    """Draw the graph of a function of two variables in 3D, with a descent path on it.

    Parameters
    ----------
    f : callable
        ``f(x)`` for a point ``x`` of shape ``(2,)``, returning a real number.
    path : Trace or array_like
        A :class:`gdbook.Trace` of a two-variable descent, or its points as an
        array of shape ``(n, 2)``; each point is drawn at height ``f(point)``.
    xlim, ylim : tuple of float, optional
        Extent of the surface; by default the range of the path with a margin.
    num : int, default 100
        Number of grid points along each axis.
    ax : mpl_toolkits.mplot3d.axes3d.Axes3D, optional
        A 3D Axes to draw on; a new figure when None.
    cmap : str, default "viridis"
        Colour map of the surface.
    alpha : float, default 0.8
        Opacity of the surface.
    label : str or None, default "descent path"
        Legend label of the path.
    labels : tuple of str
        Labels of the three axes.
    **path_kw
        Style of the path, passed to ``Axes3D.plot``; by default red points
        joined by a line.

    Returns
    -------
    mpl_toolkits.mplot3d.axes3d.Axes3D

    Raises
    ------
    TypeError
        If ``f`` is not callable or ``path`` is not numeric.
    ValueError
        If ``ax`` is not a 3D Axes, ``path`` does not have shape ``(n, 2)``, a
        limit is not an increasing pair, ``num`` is not in ``[2, 1000]``, or ``f``
        does not return a finite scalar at a point drawn.

    See Also
    --------
    animate_path_on_surface : A point descending the same surface.
    path_on_contour : The same path seen from above.

    Notes
    -----
    The path is drawn above the surface whatever the viewing angle (the Axes'
    ``computed_zorder`` is switched off), so that the surface does not hide it.
    The x and y axes get at most five tick intervals, so that their labels, set
    side by side along slanted edges, do not overlap.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> from gdbook import bowl, gradient_descent
    >>> from gdbook.plot import path_on_surface
    >>> trace = gradient_descent(bowl.grad, [1.5, 1.5], lr=0.1, steps=50)
    >>> ax = path_on_surface(bowl, trace, xlim=(-2, 2), ylim=(-2, 2), num=30)
    >>> ax.name, ax.lines[0].get_data_3d()[2][:2]  # heights f(x_0), f(x_1)
    ('3d', array([4.5 , 2.88]))
    """
    check_callable(f, "f")
    labels = check_labels(labels, "labels", 3)
    points = _base.path_points(path, dim=2)
    xlim = _base.limits(xlim, "xlim", points[:, 0])
    ylim = _base.limits(ylim, "ylim", points[:, 1])
    X, Y, Z = _base.grid(f, xlim, ylim, _base.check_grid_size(num))
    ax = _base.axes_3d(ax)
    ax.plot_surface(X, Y, Z, cmap=cmap, alpha=alpha, zorder=1)
    heights = _base.values(f, points)
    style = {**_base.PATH_STYLE, "zorder": 3, **path_kw}
    ax.plot(points[:, 0], points[:, 1], heights, label=label, **style)
    ax.set_xlabel(labels[0])
    ax.set_ylabel(labels[1])
    ax.set_zlabel(labels[2])
    _base.fewer_ticks(ax.xaxis)
    _base.fewer_ticks(ax.yaxis)
    if label is not None:
        ax.legend(loc="upper right")
    return ax
