"""Animations of a descent, one frame per point shown.

Each returns a :class:`matplotlib.animation.FuncAnimation`: keep it in a variable
until it is saved or shown (sphinx-gallery then embeds it as a video, written by
the ffmpeg that :func:`gdbook.plot.use_bundled_ffmpeg` finds).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, cast

import numpy as np
from numpy.typing import ArrayLike

from gdbook._checks import Array, Count, Function, Optional, Positive, checked
from gdbook.plot import _base
from gdbook.plot._base import CURVE, GRID, LABELS_3D, LIMITS

if TYPE_CHECKING:
    from matplotlib.animation import FuncAnimation
    from matplotlib.axes import Axes

    from gdbook.descent import Trace

__all__ = ["animate_path_on_curve", "animate_path_on_surface", "line_fit_animation"]


@checked(
    f=Function(),
    xlim=LIMITS,
    ylim=LIMITS,
    num=CURVE,
    interval=Positive(),
    every=Count(1),
)
def animate_path_on_curve(
    f: Callable[[Any], ArrayLike],
    path: Trace | ArrayLike,
    *,
    xlim: tuple[float, float] | None = None,
    ylim: tuple[float, float] | None = None,
    num: int = 400,
    ax: Axes | None = None,
    interval: float = 100,
    every: int = 1,
    xlabel: str = "x",
    ylabel: str = "f(x)",
) -> FuncAnimation:
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
        an increasing pair, ``interval`` is not positive, ``every < 1``, ``num``
        is not in ``[2, 100000]``, or ``f`` does not return a finite scalar at a
        point drawn.

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

    points = _base.path_points(path, dim=1)
    frames = _base.frame_indices(len(points), every)
    xlim = _base.limits(xlim, "xlim", points)
    grid = np.linspace(*xlim, num)
    heights = _base.values(f, points)

    ax = _base.axes(ax)
    ax.plot(grid, _base.values(f, grid), color="C0", label=getattr(f, "name", "f(x)"))
    (trail,) = ax.plot([], [], "o", color="C3", alpha=0.35, markersize=4)
    (point,) = ax.plot([], [], "o", color="C3", markersize=9, label="iterate")
    caption = ax.text(0.03, 0.95, "", transform=ax.transAxes, va="top")
    ax.set_xlim(*xlim)
    if ylim is not None:
        ax.set_ylim(*_base.limits(ylim, "ylim", heights))
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.grid(True, alpha=0.3)
    ax.legend(loc="upper right")

    def draw(k: int) -> tuple[Any, ...]:
        trail.set_data(points[: k + 1], heights[: k + 1])
        point.set_data(points[k : k + 1], heights[k : k + 1])
        caption.set_text(f"step {k}: x = {points[k]:.6g}")
        return trail, point, caption

    draw(0)  # a static snapshot of the figure shows the start
    anim = FuncAnimation(ax.figure, draw, frames=frames, interval=interval)  # type: ignore[arg-type]  # the stub asks for a Figure; a SubFigure works
    # Drawn once now: where nothing shows or saves it (a script run on a server),
    # matplotlib would otherwise warn at exit that the animation was never
    # rendered. A window or a video draws it again, from its first frame.
    ax.figure.canvas.draw_idle()
    return anim


@checked(
    f=Function(),
    xlim=LIMITS,
    ylim=LIMITS,
    num=GRID,
    interval=Positive(),
    every=Count(1),
    labels=LABELS_3D,
)
def animate_path_on_surface(
    f: Callable[[Any], ArrayLike],
    path: Trace | ArrayLike,
    *,
    xlim: tuple[float, float] | None = None,
    ylim: tuple[float, float] | None = None,
    num: int = 40,
    ax: Axes | None = None,
    interval: float = 100,
    every: int = 1,
    cmap: str = "viridis",
    alpha: float = 0.8,
    labels: tuple[str, str, str] = ("x", "y", "f(x, y)"),
) -> FuncAnimation:
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
        ``every < 1``, ``num`` is not in ``[2, 1000]``, or ``f`` does not return
        a finite scalar at a point drawn.

    See Also
    --------
    path_on_surface : The whole path in one figure.
    animate_path_on_curve : The one-variable case.

    Notes
    -----
    Frame ``k`` shows the point :math:`(x_k, y_k, f(x_k, y_k))` and the path up
    to it, drawn over the surface. An Axes alone in its figure is enlarged to
    fill it (a title still fits above it); among others, it keeps its place.

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

    points = _base.path_points(path, dim=2)
    frames = _base.frame_indices(len(points), every)
    xlim = _base.limits(xlim, "xlim", points[:, 0])
    ylim = _base.limits(ylim, "ylim", points[:, 1])
    X, Y, Z = _base.grid(f, xlim, ylim, num)
    heights = _base.values(f, points)

    ax3d = _base.axes_3d(ax)
    ax3d.plot_surface(X, Y, Z, cmap=cmap, alpha=alpha, zorder=1)
    (trail,) = ax3d.plot(
        [], [], [], "-", color="C3", linewidth=1.5, zorder=3, label="descent path"
    )
    (point,) = ax3d.plot(
        [], [], [], "o", color="C3", markersize=8, zorder=4, label="iterate"
    )
    caption = ax3d.text2D(0.03, 0.95, "", transform=ax3d.transAxes, va="top")
    ax3d.set_xlabel(labels[0])
    ax3d.set_ylabel(labels[1])
    ax3d.set_zlabel(labels[2])
    _base.fewer_ticks(ax3d.xaxis)
    _base.fewer_ticks(ax3d.yaxis)
    # Below the caption, in the corner that the surface leaves empty.
    ax3d.legend(loc="upper left", bbox_to_anchor=(0.0, 0.0, 1.0, 0.88))
    if ax3d.figure.axes == [ax]:
        # matplotlib's default margins leave a 3D Axes small, and keeping the box's
        # aspect shrinks it further in a wide figure. Alone in its figure, it takes
        # the whole width and all the height but room for a title above and the
        # tick labels below.
        ax3d.set_position([0.0, 0.03, 1.0, 0.9])

    def draw(k: int) -> tuple[Any, ...]:
        shown = slice(0, k + 1)
        trail.set_data_3d(points[shown, 0], points[shown, 1], heights[shown])
        point.set_data_3d(
            points[k : k + 1, 0], points[k : k + 1, 1], heights[k : k + 1]
        )
        x, y = points[k]
        caption.set_text(f"step {k}: ({x:.4g}, {y:.4g}), f = {heights[k]:.4g}")
        return trail, point, caption

    draw(0)
    anim = FuncAnimation(ax3d.figure, draw, frames=frames, interval=interval)
    # Drawn once now: where nothing shows or saves it (a script run on a server),
    # matplotlib would otherwise warn at exit that the animation was never
    # rendered. A window or a video draws it again, from its first frame.
    ax3d.figure.canvas.draw_idle()
    return anim


@checked(
    x=Array(ndim=1),
    y=Array(shape="x"),
    slopes=Array(ndim=1),
    intercepts=Array(shape="slopes"),
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
    caption: Callable[[int], str] | None = None,
    interval: float = 120,
    figsize: tuple[float, float] = (7, 4.5),
    xlim: tuple[float, float] | None = None,
    ylim: tuple[float, float] | None = None,
) -> FuncAnimation:
    """Animate a line fit: the line over the data, and (w, b) on the cost contour.

    The left panel redraws the data and the current line at each frame; the
    right panel shows the contour of the cost e(w, b) with the path of (w, b)
    so far and its current point.

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
    ws, bs, costs : array_like
        The grid of the contour, as for :func:`cost_curves`.
    caption : callable, optional
        ``caption(index)`` returns the title of the frame showing history entry
        ``index``; by default "update {index}".
    interval : int, default 120
        Milliseconds between frames.
    figsize : tuple, default (7, 4.5)
        Figure size in inches.
    xlim, ylim : tuple of float, optional
        Limits of the data panel; by default the range of ``x``, and of ``y``
        and the lines of the frames, with a margin of 5 % of the range (at least
        0.05), so that every point and every line shown is in view.

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

    xs, ys = cast(np.ndarray, x), cast(np.ndarray, y)  # checked(): float64 arrays
    path_w, path_b = cast(np.ndarray, slopes), cast(np.ndarray, intercepts)
    try:
        indices = np.asarray(frames if frames is not None else [])
    except ValueError:  # a ragged nested list
        indices = np.array([])
    if indices.ndim != 1 or indices.size == 0 or indices.dtype.kind not in "iu":
        raise ValueError("frames must be a non-empty 1-D array of integer indices")
    if indices.min() < 0 or indices.max() >= path_w.size:
        raise ValueError(f"frames must index the history, in [0, {path_w.size})")
    w_grid, b_grid, cost_values = _base.cost_grid(ws, bs, costs)
    ends = np.array([xs.min(), xs.max()])
    # The lines of the frames, at both ends of the data: a fit often starts far
    # from the data, and its first frames would show no line.
    with np.errstate(over="ignore", invalid="ignore"):  # refused by the limits
        lines = np.outer(path_w[indices], ends) + path_b[indices, np.newaxis]
    xlim = _base.limits(xlim, "xlim", xs, margin=0.05, of="x")
    ylim = _base.limits(
        ylim,
        "ylim",
        np.concatenate([ys, lines.ravel()]),
        margin=0.05,
        of="y with the lines of slopes and intercepts",
    )
    if caption is None:
        caption = "update {}".format

    plt = _base.pyplot()
    fig, (left, right) = plt.subplots(1, 2, figsize=figsize)
    left.scatter(xs, ys, s=12, alpha=0.8)
    (line,) = left.plot([], [], color="red", lw=2)
    left.set_xlim(*xlim)
    left.set_ylim(*ylim)
    left.set_xlabel("x")
    left.set_ylabel("y")
    # Squared spacing puts more contour lines near the flat bottom of the bowl.
    low, high = cost_values.min(), cost_values.max()
    levels = low + (high - low) * np.linspace(0, 1, 20) ** 2
    right.contour(
        w_grid, b_grid, cost_values, levels=levels, cmap="viridis", linewidths=0.8
    )
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

    def draw(frame: int) -> tuple[Any, ...]:
        k = int(indices[frame])
        line.set_data(ends, path_w[k] * ends + path_b[k])
        trail.set_data(path_w[: k + 1], path_b[: k + 1])
        point.set_data([path_w[k]], [path_b[k]])
        title.set_text(caption(k))
        return line, trail, point, title

    anim = FuncAnimation(fig, draw, frames=indices.size, interval=interval)
    # Drawn once now: where nothing shows or saves it (a script run on a server),
    # matplotlib would otherwise warn at exit that the animation was never
    # rendered. A window or a video draws it again, from its first frame.
    fig.canvas.draw_idle()
    return anim
