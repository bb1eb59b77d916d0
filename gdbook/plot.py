"""Matplotlib helpers for every figure and animation of the site.

This is the only module of gdbook that imports matplotlib, and it does so lazily,
inside the functions, so that ``import gdbook`` stays light. Every helper takes
``ax=None`` (a new figure is made when it is None), returns the ``Axes`` it drew on
(or the ``FuncAnimation``), and never calls ``plt.show()``.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable

import numpy as np

from gdbook._validation import (
    as_float_array,
    check_callable,
    check_non_negative_int,
    check_positive_finite,
)
from gdbook.testfunctions import Objective

__all__ = [
    "difference_errors_plot",
    "gradient_field",
    "loss_curve",
    "use_bundled_ffmpeg",
]


def _pyplot():
    """Import pyplot on first use (it is slow to import and needs a backend)."""
    import matplotlib.pyplot as plt

    return plt


def _axes(ax, **subplot_kw):
    """Return ``ax``, or the axes of a new figure when ``ax`` is None."""
    if ax is not None:
        return ax
    _, new_ax = _pyplot().subplots(subplot_kw=subplot_kw or None)
    return new_ax


def use_bundled_ffmpeg() -> str | None:
    """Point matplotlib's video writer at an ffmpeg binary, if none is configured.

    Animations are embedded in the site as H.264 video, which matplotlib writes
    through ffmpeg. When no ``ffmpeg`` is on the ``PATH``, the binary shipped by the
    ``imageio-ffmpeg`` wheel (the ``video`` extra of gdbook) is used.

    Returns
    -------
    str or None
        The ffmpeg path matplotlib will use, or None when there is none.

    Examples
    --------
    >>> from gdbook.plot import use_bundled_ffmpeg
    >>> path = use_bundled_ffmpeg()  # e.g. '.../imageio_ffmpeg/binaries/ffmpeg-...'
    """
    import matplotlib as mpl

    configured = mpl.rcParams["animation.ffmpeg_path"]
    if shutil.which(configured):
        return shutil.which(configured)
    try:
        import imageio_ffmpeg
    except ImportError:
        return None
    path = imageio_ffmpeg.get_ffmpeg_exe()
    mpl.rcParams["animation.ffmpeg_path"] = path
    return path


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
        Number of grid points along each axis.
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure when None.
    **quiver_kw
        Passed to :meth:`matplotlib.axes.Axes.quiver`.

    Returns
    -------
    matplotlib.axes.Axes

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
    ax = _axes(ax)
    xs = np.linspace(*xlim, num)
    ys = np.linspace(*ylim, num)
    X, Y = np.meshgrid(xs, ys)
    points = np.column_stack([X.ravel(), Y.ravel()])
    field = -np.array([grad(point) for point in points])
    quiver_kw = {"angles": "xy", "color": "#444444", **quiver_kw}
    ax.quiver(points[:, 0], points[:, 1], field[:, 0], field[:, 1], **quiver_kw)
    ax.set_xlim(*xlim)
    ax.set_ylim(*ylim)
    ax.set_xlabel("$x_0$")
    ax.set_ylabel("$x_1$")
    ax.set_aspect("equal")
    ax.grid(True, alpha=0.3)
    return ax


def loss_curve(
    losses, *, ax=None, label: str | None = None, log: bool = False, **plot_kw
):
    """Draw a loss against the iteration (or epoch) number.

    Parameters
    ----------
    losses : array_like
        One loss per iteration, e.g. ``trace.losses``; entry ``k`` is drawn at
        ``k``.
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure when None.
    label : str, optional
        Legend label; a legend is added when one is given.
    log : bool, default False
        Logarithmic loss axis, to see a geometric decrease as a straight line.
    **plot_kw
        Passed to :meth:`matplotlib.axes.Axes.plot`.

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> from gdbook import gradient_descent, parabola
    >>> from gdbook.plot import loss_curve
    >>> trace = gradient_descent(parabola.grad, 5.0, lr=0.1, steps=50, loss=parabola)
    >>> ax = loss_curve(trace.losses, log=True, label="lr = 0.1")
    >>> ax.get_yscale()
    'log'
    """
    values = np.asarray(losses, dtype=np.float64)
    if values.ndim != 1:
        raise ValueError(f"losses must be one-dimensional, got shape {values.shape}")
    ax = _axes(ax)
    ax.plot(np.arange(values.size), values, label=label, **plot_kw)
    ax.set_xlabel("iteration")
    ax.set_ylabel("loss")
    if log:
        ax.set_yscale("log")
    if label is not None:
        ax.legend()
    ax.grid(True, alpha=0.3)
    return ax


# --- Gradient descent: paths on curves, contours and surfaces, and animations ------
# Shared by the chapters that draw a descent (gradient descent, line fitting,
# backpropagation). Each helper draws from a Trace or an array of points and a
# function; the function is only evaluated, never differentiated.

__all__ += [
    "animate_path_on_curve",
    "animate_path_on_surface",
    "path_on_contour",
    "path_on_curve",
    "path_on_surface",
]

_PATH_STYLE = {"color": "C3", "marker": "o", "markersize": 4, "linewidth": 1}


def _path_points(path, *, dim: int) -> np.ndarray:
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


def _limits(limits, name: str, points: np.ndarray) -> tuple[float, float]:
    """``limits`` checked, or, when None, the range of ``points`` with a margin."""
    if limits is None:
        low, high = float(points.min()), float(points.max())
        margin = 0.2 * max(high - low, 1.0)
        return low - margin, high + margin
    try:
        low, high = (float(value) for value in limits)
    except (TypeError, ValueError) as error:
        raise TypeError(f"{name} must be a pair of numbers, got {limits!r}") from error
    if not (np.isfinite(low) and np.isfinite(high) and low < high):
        raise ValueError(f"{name} must be two finite numbers, low < high: {limits!r}")
    return low, high


def _values(f: Callable, points: np.ndarray) -> np.ndarray:
    """``f`` at each point (each element, or each row of a 2-D array), as float64."""
    values = np.empty(len(points))
    for index, point in enumerate(points):
        value = np.asarray(f(point.copy() if point.ndim else float(point)))
        if value.size != 1 or value.dtype.kind not in "fiub":
            raise ValueError(
                f"f must return a real scalar, got an array of shape {value.shape}"
            )
        values[index] = value.reshape(()).item()
    return values


def _grid(f: Callable, xlim, ylim, num: int):
    """Mesh grid of the plane and the values of ``f`` on it."""
    X, Y = np.meshgrid(np.linspace(*xlim, num), np.linspace(*ylim, num))
    if isinstance(f, Objective):  # vectorised evaluation when it is available
        Z = f.value_at(X, Y)
    else:
        Z = _values(f, np.column_stack([X.ravel(), Y.ravel()])).reshape(X.shape)
    return X, Y, Z


def _check_grid_size(num, name: str = "num") -> int:
    num = check_non_negative_int(num, name)
    if num < 2:
        raise ValueError(f"{name} must be at least 2, got {num}")
    return num


def _axes_3d(ax):
    """``ax`` if it is a 3D Axes, or a new one; path artists drawn over the surface."""
    if ax is None:
        # Without computed_zorder=False matplotlib sorts artists by depth, and the
        # surface, drawn as one collection, hides the path behind it.
        return _axes(None, projection="3d", computed_zorder=False)
    if getattr(ax, "name", None) != "3d":
        raise ValueError(
            "ax must be a 3D Axes, e.g. fig.add_subplot(projection='3d'), "
            f"got {type(ax).__name__}"
        )
    ax.computed_zorder = False
    return ax


def _frame_indices(n_points: int, every) -> np.ndarray:
    """Indices of the points shown as frames: every ``every``-th, and the last."""
    every = check_non_negative_int(every, "every")
    if every < 1:
        raise ValueError(f"every must be a positive integer, got {every}")
    indices = np.arange(0, n_points, every)
    if indices[-1] != n_points - 1:
        indices = np.append(indices, n_points - 1)
    return indices


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
        an increasing pair, ``num < 2``, or ``f`` does not return a scalar.

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
    points = _path_points(path, dim=1)
    xlim = _limits(xlim, "xlim", points)
    grid = np.linspace(*xlim, _check_grid_size(num))
    curve_values = _values(f, grid)
    ax = _axes(ax)
    ax.plot(grid, curve_values, color="C0", label=getattr(f, "name", "f(x)"))
    style = {**_PATH_STYLE, "linestyle": "none", "markersize": 6, **path_kw}
    ax.plot(points, _values(f, points), label=label, **style)
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
        pair, ``num < 2``, or ``f`` does not return a scalar.

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
    points = _path_points(path, dim=2)
    xlim = _limits(xlim, "xlim", points[:, 0])
    ylim = _limits(ylim, "ylim", points[:, 1])
    X, Y, Z = _grid(f, xlim, ylim, _check_grid_size(num))
    ax = _axes(ax)
    contours = ax.contour(X, Y, Z, levels=levels, cmap="viridis", linewidths=0.8)
    ax.clabel(contours, fontsize=7, inline=True)
    ax.plot(points[:, 0], points[:, 1], label=label, **{**_PATH_STYLE, **path_kw})
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
        Number of grid points along each axis (the source's 100).
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
        limit is not an increasing pair, ``num < 2``, or ``f`` does not return a
        scalar.

    See Also
    --------
    animate_path_on_surface : A point descending the same surface.
    path_on_contour : The same path seen from above.

    Notes
    -----
    The path is drawn above the surface whatever the viewing angle (the Axes'
    ``computed_zorder`` is switched off), so that the surface does not hide it.

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
    points = _path_points(path, dim=2)
    xlim = _limits(xlim, "xlim", points[:, 0])
    ylim = _limits(ylim, "ylim", points[:, 1])
    X, Y, Z = _grid(f, xlim, ylim, _check_grid_size(num))
    ax = _axes_3d(ax)
    ax.plot_surface(X, Y, Z, cmap=cmap, alpha=alpha, zorder=1)
    heights = _values(f, points)
    style = {**_PATH_STYLE, "zorder": 3, **path_kw}
    ax.plot(points[:, 0], points[:, 1], heights, label=label, **style)
    ax.set_xlabel(labels[0])
    ax.set_ylabel(labels[1])
    ax.set_zlabel(labels[2])
    if label is not None:
        ax.legend(loc="upper right")
    return ax


def animate_path_on_curve(
    f: Callable,
    path,
    *,
    xlim: tuple[float, float] | None = None,
    ylim: tuple[float, float] | None = None,
    num: int = 400,
    ax=None,
    interval: float = 100,
    every: int = 1,
    xlabel: str = "x",
    ylabel: str = "f(x)",
):
    """Animate a one-variable descent: a point moving down the curve, step by step.

    Parameters
    ----------
    f : callable
        ``f(x)`` for a real ``x``, returning a real number.
    path : Trace or array_like
        A :class:`gdbook.Trace` of a one-variable descent, or its points as an
        array of shape ``(n,)``. Not modified.
    xlim, ylim : tuple of float, optional
        Limits of the axes; by default the range of the path with a margin, and
        the range of the curve.
    num : int, default 400
        Number of points of the curve.
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure when None.
    interval : float, default 100
        Delay between frames in milliseconds (10 frames a second).
    every : int, default 1
        Show every ``every``-th point (the last point always), to keep long runs
        short.
    xlabel, ylabel : str
        Axis labels.

    Returns
    -------
    matplotlib.animation.FuncAnimation
        One frame per point shown; frame ``k`` shows :math:`x_k` and the points
        before it. Keep it in a variable until it is saved or shown.

    Raises
    ------
    TypeError
        If ``f`` is not callable, or ``path``, ``interval`` or ``every`` has the
        wrong type.
    ValueError
        If ``path`` is not a non-empty sequence of finite numbers, a limit is not
        an increasing pair, ``interval`` is not positive, ``every < 1`` or
        ``num < 2``.

    See Also
    --------
    path_on_curve : The whole path in one figure.
    animate_path_on_surface : The two-variable case.

    Notes
    -----
    The frames show the iterates themselves, :math:`x_{k+1} = x_k - \\eta f'(x_k)`
    as the trace recorded them, not a formula in the frame number.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> from gdbook import gradient_descent, parabola
    >>> from gdbook.plot import animate_path_on_curve
    >>> trace = gradient_descent(parabola.grad, 5.0, lr=0.1, steps=50)
    >>> anim = animate_path_on_curve(parabola, trace, xlim=(-10, 10))
    >>> sum(1 for _ in anim.new_frame_seq())  # the start and the 50 iterates
    51

    A script saves it (``anim.save("descent.mp4")``) or shows it; here the figure
    is drawn once, which is enough for matplotlib to consider it rendered:

    >>> import matplotlib.pyplot as plt
    >>> plt.gcf().canvas.draw()
    >>> plt.close("all")
    """
    from matplotlib.animation import FuncAnimation

    check_callable(f, "f")
    points = _path_points(path, dim=1)
    interval = check_positive_finite(interval, "interval")
    frames = _frame_indices(len(points), every)
    xlim = _limits(xlim, "xlim", points)
    grid = np.linspace(*xlim, _check_grid_size(num))
    heights = _values(f, points)

    ax = _axes(ax)
    ax.plot(grid, _values(f, grid), color="C0", label=getattr(f, "name", "f(x)"))
    (trail,) = ax.plot([], [], "o", color="C3", alpha=0.35, markersize=4)
    (point,) = ax.plot([], [], "o", color="C3", markersize=9, label="iterate")
    caption = ax.text(0.03, 0.95, "", transform=ax.transAxes, va="top")
    ax.set_xlim(*xlim)
    if ylim is not None:
        ax.set_ylim(*_limits(ylim, "ylim", heights))
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.grid(True, alpha=0.3)
    ax.legend(loc="upper right")

    def draw(k):
        trail.set_data(points[: k + 1], heights[: k + 1])
        point.set_data(points[k : k + 1], heights[k : k + 1])
        caption.set_text(f"step {k}: x = {points[k]:.6g}")
        return trail, point, caption

    draw(0)  # a static snapshot of the figure shows the start
    return FuncAnimation(ax.figure, draw, frames=frames, interval=interval)


def animate_path_on_surface(
    f: Callable,
    path,
    *,
    xlim: tuple[float, float] | None = None,
    ylim: tuple[float, float] | None = None,
    num: int = 40,
    ax=None,
    interval: float = 100,
    every: int = 1,
    cmap: str = "viridis",
    alpha: float = 0.8,
    labels: tuple[str, str, str] = ("x", "y", "f(x, y)"),
):
    """Animate a two-variable descent: a point moving down the surface in 3D.

    Parameters
    ----------
    f : callable
        ``f(x)`` for a point ``x`` of shape ``(2,)``, returning a real number.
    path : Trace or array_like
        A :class:`gdbook.Trace` of a two-variable descent, or its points as an
        array of shape ``(n, 2)``. Not modified.
    xlim, ylim : tuple of float, optional
        Extent of the surface; by default the range of the path with a margin.
    num : int, default 40
        Grid points along each axis; the surface is redrawn in every frame, so a
        coarser grid than the static figure's keeps rendering fast.
    ax : mpl_toolkits.mplot3d.axes3d.Axes3D, optional
        A 3D Axes to draw on; a new figure when None.
    interval : float, default 100
        Delay between frames in milliseconds.
    every : int, default 1
        Show every ``every``-th point (the last point always).
    cmap : str, default "viridis"
        Colour map of the surface.
    alpha : float, default 0.8
        Opacity of the surface.
    labels : tuple of str
        Labels of the three axes.

    Returns
    -------
    matplotlib.animation.FuncAnimation
        One frame per point shown. Keep it in a variable until it is saved or
        shown.

    Raises
    ------
    TypeError
        If ``f`` is not callable, or ``path``, ``interval`` or ``every`` has the
        wrong type.
    ValueError
        If ``ax`` is not a 3D Axes, ``path`` does not have shape ``(n, 2)``, a
        limit is not an increasing pair, ``interval`` is not positive,
        ``every < 1``, ``num < 2``, or ``f`` does not return a scalar.

    See Also
    --------
    path_on_surface : The whole path in one figure.
    animate_path_on_curve : The one-variable case.

    Notes
    -----
    Frame ``k`` shows the point :math:`(x_k, y_k, f(x_k, y_k))` and the path up
    to it, drawn over the surface.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> from gdbook import bowl, gradient_descent
    >>> from gdbook.plot import animate_path_on_surface
    >>> trace = gradient_descent(bowl.grad, [1.5, 1.5], lr=0.1, steps=50)
    >>> anim = animate_path_on_surface(bowl, trace, xlim=(-2, 2), ylim=(-2, 2),
    ...                                every=5)
    >>> [int(k) for k in anim.new_frame_seq()]
    [0, 5, 10, 15, 20, 25, 30, 35, 40, 45, 50]
    >>> import matplotlib.pyplot as plt
    >>> plt.gcf().canvas.draw()  # a script saves or shows the animation instead
    >>> plt.close("all")
    """
    from matplotlib.animation import FuncAnimation

    check_callable(f, "f")
    points = _path_points(path, dim=2)
    interval = check_positive_finite(interval, "interval")
    frames = _frame_indices(len(points), every)
    xlim = _limits(xlim, "xlim", points[:, 0])
    ylim = _limits(ylim, "ylim", points[:, 1])
    X, Y, Z = _grid(f, xlim, ylim, _check_grid_size(num))
    heights = _values(f, points)

    ax = _axes_3d(ax)
    ax.plot_surface(X, Y, Z, cmap=cmap, alpha=alpha, zorder=1)
    (trail,) = ax.plot([], [], [], "-", color="C3", linewidth=1.5, zorder=3)
    (point,) = ax.plot([], [], [], "o", color="C3", markersize=8, zorder=4)
    caption = ax.text2D(0.03, 0.95, "", transform=ax.transAxes, va="top")
    ax.set_xlabel(labels[0])
    ax.set_ylabel(labels[1])
    ax.set_zlabel(labels[2])

    def draw(k):
        shown = slice(0, k + 1)
        trail.set_data_3d(points[shown, 0], points[shown, 1], heights[shown])
        point.set_data_3d(
            points[k : k + 1, 0], points[k : k + 1, 1], heights[k : k + 1]
        )
        x, y = points[k]
        caption.set_text(f"step {k}: ({x:.4g}, {y:.4g}), f = {heights[k]:.4g}")
        return trail, point, caption

    draw(0)
    return FuncAnimation(ax.figure, draw, frames=frames, interval=interval)


# -- Derivatives: the error of a difference against h (issue 5) ----------------------


def difference_errors_plot(errors, *, ax=None, label_suffix: str = "", **plot_kw):
    """Draw the errors of the forward and central differences against h, log-log.

    Parameters
    ----------
    errors : gdbook.DifferenceErrors
        From :func:`gdbook.difference_errors`.
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure when None.
    label_suffix : str, default ""
        Appended to the legend labels "forward" and "central" (e.g. ", float32").
    **plot_kw
        Passed to :meth:`matplotlib.axes.Axes.loglog` for both lines.

    Returns
    -------
    matplotlib.axes.Axes

    Notes
    -----
    Steps where an error is exactly zero are left out (a logarithmic axis has no
    place for them).

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import numpy as np
    >>> from gdbook import difference_errors
    >>> from gdbook.plot import difference_errors_plot
    >>> ax = difference_errors_plot(difference_errors(np.sin, 1.0, np.cos(1.0)))
    >>> len(ax.get_lines()), ax.get_xscale()
    (2, 'log')
    """
    ax = _axes(ax)
    for name, values, marker in (
        ("forward", errors.forward, "o"),
        ("central", errors.central, "s"),
    ):
        keep = values > 0
        ax.loglog(
            errors.hs[keep],
            values[keep],
            marker=marker,
            markersize=3,
            label=f"{name}{label_suffix}",
            **plot_kw,
        )
    ax.set_xlabel("step h")
    ax.set_ylabel("absolute error")
    ax.grid(True, which="major", alpha=0.3)
    ax.legend()
    return ax


# --- Fitting lines: data with a line, the cost e(w, b), the SGD animation -------
# (chapter 03_fitting_lines; the helpers take plain arrays, so that they do not
# depend on the result classes of gdbook.models)

__all__ += [
    "cost_curves",
    "cost_curves_3d",
    "data_with_line",
    "line_cost_surface",
    "line_fit_animation",
    "losses_by_epoch",
]


def data_with_line(x, y, slope: float, intercept: float = 0.0, *, ax=None, **line_kw):
    """Draw the data as points and the line ``y = slope * x + intercept`` in red.

    Parameters
    ----------
    x, y : array_like, shape (n,)
        The data.
    slope, intercept : float
        The line, e.g. ``fit.slope`` and ``fit.intercept`` of a
        :class:`gdbook.LineFit`.
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure when None.
    **line_kw
        Passed to :meth:`matplotlib.axes.Axes.plot` for the line.

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> from gdbook.plot import data_with_line
    >>> ax = data_with_line([0.0, 1.0, 2.0], [0.1, 0.9, 2.1], 1.0)
    >>> len(ax.lines), len(ax.collections)
    (1, 1)
    """
    xs = np.asarray(x, dtype=np.float64)
    ys = np.asarray(y, dtype=np.float64)
    ax = _axes(ax)
    ax.scatter(xs, ys, s=14, alpha=0.8, label="data")
    ends = np.array([xs.min(), xs.max()])
    line_kw = {
        "color": "red",
        "label": f"y = {slope:.4g}·x + {intercept:.4g}",
        **line_kw,
    }
    ax.plot(ends, slope * ends + intercept, **line_kw)
    ax.set_xlabel("x")
    ax.set_ylabel("y")
    ax.legend()
    return ax


def _check_grid(ws, bs, costs):
    ws = np.asarray(ws, dtype=np.float64)
    bs = np.asarray(bs, dtype=np.float64)
    costs = np.asarray(costs, dtype=np.float64)
    if costs.shape != (bs.size, ws.size):
        raise ValueError(
            f"costs must have shape (len(bs), len(ws)) = {(bs.size, ws.size)}, "
            f"got {costs.shape}"
        )
    return ws, bs, costs


def cost_curves(ws, bs, costs, *, ax=None, cmap: str = "viridis", **plot_kw):
    """Draw one curve of the cost against w for each intercept b (source 004).

    Parameters
    ----------
    ws, bs : array_like, 1-D
        The slopes (horizontal axis) and the intercepts (one curve each).
    costs : array_like, shape (len(bs), len(ws))
        ``costs[i, j]`` = e(ws[j], bs[i]), as :func:`gdbook.line_cost_grid`
        returns.
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure when None.
    cmap : str, default "viridis"
        Colour map of the curves, from the first b to the last.
    **plot_kw
        Passed to :meth:`matplotlib.axes.Axes.plot`.

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import numpy as np
    >>> from gdbook import beans, line_cost_grid
    >>> from gdbook.plot import cost_curves
    >>> ws, bs = np.arange(-1, 2, 0.1), np.arange(-2, 2, 0.1)
    >>> ax = cost_curves(ws, bs, line_cost_grid(*beans(), ws, bs))
    >>> len(ax.lines)
    40
    """
    import matplotlib as mpl

    ws, bs, costs = _check_grid(ws, bs, costs)
    ax = _axes(ax)
    colours = mpl.colormaps[cmap](np.linspace(0, 1, bs.size))
    for colour, row in zip(colours, costs, strict=True):
        ax.plot(ws, row, color=colour, **plot_kw)
    norm = mpl.colors.Normalize(bs.min(), bs.max())
    ax.figure.colorbar(
        mpl.cm.ScalarMappable(norm=norm, cmap=cmap), ax=ax, label="b (one curve each)"
    )
    ax.set_xlabel("w")
    ax.set_ylabel("e(w, b)")
    ax.grid(True, alpha=0.3)
    return ax


def cost_curves_3d(ws, bs, costs, *, ax=None, zlim=(0.0, 2.0), **plot_kw):
    """Draw the curves of :func:`cost_curves` in 3D, each at its own b (source 004).

    As the source does: ``ax.plot(ws, es, b, zdir='y')`` puts each curve in the
    plane ``y = b``, so w runs along x, b along y and the cost upwards along z.

    Parameters
    ----------
    ws, bs, costs
        As for :func:`cost_curves`.
    ax : mpl_toolkits.mplot3d.axes3d.Axes3D, optional
        A 3D axes; a new figure with one when None.
    zlim : tuple of float or None, default (0, 2)
        Range of the cost axis (the source's ``ax.set_zlim(0, 2)``); the curves
        are cut where they leave it. None to leave it to matplotlib.
    **plot_kw
        Passed to ``Axes3D.plot``.

    Returns
    -------
    mpl_toolkits.mplot3d.axes3d.Axes3D

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import numpy as np
    >>> from gdbook import beans, line_cost_grid
    >>> from gdbook.plot import cost_curves_3d
    >>> ws, bs = np.arange(-1, 2, 0.1), np.arange(-2, 2, 0.1)
    >>> ax = cost_curves_3d(ws, bs, line_cost_grid(*beans(), ws, bs))
    >>> ax.get_zlim()
    (np.float64(0.0), np.float64(2.0))
    """
    ws, bs, costs = _check_grid(ws, bs, costs)
    ax = _axes(ax, projection="3d")
    if zlim is not None:
        # 3D lines are not clipped to the axes box: cut them where they leave it.
        costs = np.where((costs >= zlim[0]) & (costs <= zlim[1]), costs, np.nan)
    for b, row in zip(bs, costs, strict=True):
        ax.plot(ws, row, b, zdir="y", **plot_kw)
    if zlim is not None:
        ax.set_zlim(*zlim)
    ax.set_xlabel("w")
    ax.set_ylabel("b")
    ax.set_zlabel("e")
    return ax


def line_cost_surface(
    ws, bs, costs, *, ax=None, cmap: str = "viridis", levels: int = 20, zlim=None
):
    """Draw the cost e(w, b) as a surface, with its contour lines on the floor.

    Parameters
    ----------
    ws, bs, costs
        As for :func:`cost_curves`.
    ax : mpl_toolkits.mplot3d.axes3d.Axes3D, optional
        A 3D axes; a new figure with one when None.
    cmap : str, default "viridis"
        Colour map of the surface and the contours.
    levels : int, default 20
        Number of contour lines.
    zlim : tuple of float, optional
        Range of the cost axis; the surface above it is cut out (along the grid
        cells, so a grid that stays below the top looks better).

    Returns
    -------
    mpl_toolkits.mplot3d.axes3d.Axes3D

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import numpy as np
    >>> from gdbook import beans, line_cost_grid
    >>> from gdbook.plot import line_cost_surface
    >>> ws, bs = np.linspace(-1, 2, 31), np.linspace(-2, 2, 41)
    >>> ax = line_cost_surface(ws, bs, line_cost_grid(*beans(), ws, bs))
    >>> ax.name
    '3d'
    """
    ws, bs, costs = _check_grid(ws, bs, costs)
    ax = _axes(ax, projection="3d")
    W, B = np.meshgrid(ws, bs)
    shown = costs if zlim is None else np.where(costs <= zlim[1], costs, np.nan)
    floor = 0.0 if zlim is None else zlim[0]
    top = costs.max() if zlim is None else zlim[1]
    ax.plot_surface(W, B, shown, cmap=cmap, alpha=0.8, linewidth=0)
    # Contour levels over the part of the surface that is shown, closer together
    # near the bottom (squared spacing), where a bowl is flat.
    ax.contour(
        W,
        B,
        costs,
        levels=costs.min() + (top - costs.min()) * np.linspace(0, 1, levels) ** 2,
        cmap=cmap,
        zdir="z",
        offset=floor,
    )
    if zlim is not None:
        ax.set_zlim(*zlim)
    ax.set_xlabel("w")
    ax.set_ylabel("b")
    ax.set_zlabel("e")
    return ax


def losses_by_epoch(losses, updates_per_epoch: int = 1, *, ax=None, **plot_kw):
    """Draw a loss history against the epoch, whatever the updates per epoch.

    Entry ``k`` of ``losses`` is drawn at epoch ``k / updates_per_epoch``, so a
    batch run (one update per epoch) and a stochastic run (``n`` updates per
    epoch) share one time axis: the work done, in passes over the data.

    Parameters
    ----------
    losses : array_like, 1-D
        One loss per update, the start included (``fit.losses``).
    updates_per_epoch : int, default 1
        ``fit.updates_per_epoch``.
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure when None.
    **plot_kw
        Passed to :meth:`matplotlib.axes.Axes.plot`; a legend is added when a
        ``label`` is given.

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> from gdbook.plot import losses_by_epoch
    >>> ax = losses_by_epoch([4.0, 2.0, 1.5, 1.0], 3, label="SGD")
    >>> ax.lines[0].get_xdata()[-1]
    np.float64(1.0)
    """
    values = np.asarray(losses, dtype=np.float64)
    if values.ndim != 1:
        raise ValueError(f"losses must be one-dimensional, got shape {values.shape}")
    if isinstance(updates_per_epoch, bool) or int(updates_per_epoch) < 1:
        raise ValueError(
            f"updates_per_epoch must be a positive integer, got {updates_per_epoch!r}"
        )
    ax = _axes(ax)
    ax.plot(np.arange(values.size) / int(updates_per_epoch), values, **plot_kw)
    ax.set_xlabel("epoch (passes over the data)")
    ax.set_ylabel("loss (MSE)")
    if "label" in plot_kw:
        ax.legend()
    ax.grid(True, alpha=0.3)
    return ax


def line_fit_animation(
    x,
    y,
    slopes,
    intercepts,
    *,
    frames,
    ws,
    bs,
    costs,
    caption: Callable[[int], str] | None = None,
    interval: int = 120,
    figsize=(7, 4.5),
):
    """Animate a line fit: the line over the data, and (w, b) on the cost contour.

    The left panel redraws the data and the current line, as source 004 does
    live with ``plt.pause``; the right panel shows the contour of the cost
    e(w, b) with the path of (w, b) so far and its current point.

    Parameters
    ----------
    x, y : array_like, shape (n,)
        The data.
    slopes, intercepts : array_like, 1-D
        The history of the line, one entry per update (``fit.slopes``,
        ``fit.intercepts``).
    frames : array_like of int
        The indices of the history to show, one per frame (about 50 keep the
        video small).
    ws, bs, costs
        The grid of the contour, as for :func:`cost_curves`.
    caption : callable, optional
        ``caption(index)`` returns the title of the frame showing history entry
        ``index``; by default "update {index}".
    interval : int, default 120
        Milliseconds between frames.
    figsize : tuple, default (7, 4.5)
        Figure size in inches.

    Returns
    -------
    matplotlib.animation.FuncAnimation
        Keep it in a variable (sphinx-gallery then embeds it as a video).

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import numpy as np
    >>> from gdbook import beans, fit_line_sgd, line_cost_grid
    >>> from gdbook.plot import line_fit_animation
    >>> x, y = beans(20)
    >>> fit = fit_line_sgd(x, y, lr=0.01, epochs=3, shuffle=False)
    >>> ws, bs = np.linspace(-1, 2, 16), np.linspace(-1, 2, 16)
    >>> animation = line_fit_animation(
    ...     x, y, fit.slopes, fit.intercepts, frames=[0, 20, 40, 60],
    ...     ws=ws, bs=bs, costs=line_cost_grid(x, y, ws, bs))
    >>> html = animation.to_jshtml()  # renders the 4 frames
    >>> html.count("data:image/png")
    4
    """
    from matplotlib.animation import FuncAnimation

    xs = np.asarray(x, dtype=np.float64)
    ys = np.asarray(y, dtype=np.float64)
    path_w = np.asarray(slopes, dtype=np.float64)
    path_b = np.asarray(intercepts, dtype=np.float64)
    if path_w.ndim != 1 or path_b.shape != path_w.shape:
        raise ValueError(
            "slopes and intercepts must be 1-D of one shape, got "
            f"{path_w.shape} and {path_b.shape}"
        )
    indices = np.asarray(frames)
    if indices.ndim != 1 or indices.size == 0 or indices.dtype.kind not in "iu":
        raise ValueError("frames must be a non-empty 1-D array of integer indices")
    if indices.min() < 0 or indices.max() >= path_w.size:
        raise ValueError(f"frames must index the history, in [0, {path_w.size})")
    ws, bs, costs = _check_grid(ws, bs, costs)
    if caption is None:
        caption = "update {}".format

    plt = _pyplot()
    fig, (left, right) = plt.subplots(1, 2, figsize=figsize)
    left.scatter(xs, ys, s=12, alpha=0.8)
    ends = np.array([xs.min(), xs.max()])
    (line,) = left.plot([], [], color="red", lw=2)
    left.set_xlim(0, 1)
    left.set_ylim(0, 1.2)
    left.set_xlabel("x")
    left.set_ylabel("y")
    # Squared spacing puts more contour lines near the flat bottom of the bowl.
    levels = costs.min() + (costs.max() - costs.min()) * np.linspace(0, 1, 20) ** 2
    right.contour(ws, bs, costs, levels=levels, cmap="viridis", linewidths=0.8)
    (trail,) = right.plot([], [], color="red", lw=1, alpha=0.7)
    (point,) = right.plot([], [], "o", color="red")
    right.set_xlabel("w")
    right.set_ylabel("b")
    # Fixed panel titles say what the animation shows (they are also its text
    # alternative on the site); the changing caption goes above them.
    left.set_title("The fitted line over the data", fontsize="medium")
    right.set_title("(w, b) on the contours of the cost", fontsize="medium")
    title = fig.suptitle("")
    fig.tight_layout()

    def draw(frame: int):
        k = int(indices[frame])
        line.set_data(ends, path_w[k] * ends + path_b[k])
        trail.set_data(path_w[: k + 1], path_b[: k + 1])
        point.set_data([path_w[k]], [path_b[k]])
        title.set_text(caption(k))
        return line, trail, point, title

    return FuncAnimation(fig, draw, frames=indices.size, interval=interval)
