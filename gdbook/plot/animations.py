"""Animations of a descent, one frame per point shown.

Each returns a :class:`matplotlib.animation.FuncAnimation`: keep it in a variable
until it is saved or shown.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, cast

import numpy as np
from numpy.typing import ArrayLike

from gdbook._checks import Array, Function, Optional, Positive, checked
from gdbook.plot import _base
from gdbook.plot._base import (
    AXES,
    AXES_3D,
    COST_GRID,
    CURVE,
    FRAMES,
    GRID,
    LABELS_3D,
    LIMITS,
    ON_CURVE,
    ON_PLANE,
)

if TYPE_CHECKING:
    from matplotlib.animation import FuncAnimation
    from matplotlib.axes import Axes

    from gdbook.descent import Trace

__all__ = ["animate_path_on_curve", "animate_path_on_surface", "line_fit_animation"]


@checked(**ON_CURVE, ylim=LIMITS, num=CURVE, ax=AXES, **FRAMES)
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
        ``f(x)`` for a real ``x``, a real number.
    path : Trace or array_like
        A one-variable :class:`gdbook.Trace`, or its points, shape ``(n,)``.
    xlim, ylim : tuple of float, optional
        Limits of the axes; by default the path's range with a margin, and the
        curve's.
    num : int, default 400
        Points of the curve.
    ax : Axes, optional
        Where to draw; a new figure when None.
    interval, every : float, int
        Milliseconds between frames; show every ``every``-th point (and the last).
    xlabel, ylabel : str
        Axis labels.

    Returns
    -------
    FuncAnimation
        Frame ``k`` shows :math:`x_k` and the points before it.

    Examples
    --------
    >>> from gdbook import gradient_descent, parabola
    >>> from gdbook.plot import animate_path_on_curve
    >>> trace = gradient_descent(parabola.grad, 5.0, lr=0.1, steps=50)
    >>> anim = animate_path_on_curve(parabola, trace, xlim=(-10, 10))
    >>> sum(1 for _ in anim.new_frame_seq())  # the start and the 50 iterates
    51
    """
    points = cast(np.ndarray, path)  # checked(): the points
    ax, heights = _base.curve(ax, f, points, xlim, num, (xlabel, ylabel))
    (trail,) = ax.plot([], [], "o", color="C3", alpha=0.35, markersize=4)
    (point,) = ax.plot([], [], "o", color="C3", markersize=9, label="iterate")
    caption = ax.text(0.03, 0.95, "", transform=ax.transAxes, va="top")
    if ylim is not None:
        ax.set_ylim(*ylim)
    ax.legend(loc="upper right")

    def draw(k: int) -> tuple[Any, ...]:
        trail.set_data(points[: k + 1], heights[: k + 1])
        point.set_data(points[k : k + 1], heights[k : k + 1])
        caption.set_text(f"step {k}: x = {points[k]:.6g}")
        return trail, point, caption

    draw(0)  # a static snapshot of the figure shows the start
    frames = _base.frame_indices(len(points), every)
    return _base.animation(ax.figure, draw, frames, interval)


@checked(**ON_PLANE, num=GRID, ax=AXES_3D, **FRAMES, labels=LABELS_3D)
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
        ``f(x)`` for a point ``x`` of shape ``(2,)``, a real number.
    path : Trace or array_like
        A two-variable :class:`gdbook.Trace`, or its points, shape ``(n, 2)``.
    xlim, ylim : tuple of float, optional
        Extent of the surface; by default the path's range with a margin.
    num : int, default 40
        Grid points along each axis.
    ax : mpl_toolkits.mplot3d.axes3d.Axes3D, optional
        A 3D Axes to draw on; a new figure when None.
    interval, every : float, int
        Milliseconds between frames; show every ``every``-th point (and the last).
    cmap, alpha, labels : str, float, tuple of str
        Colour map and opacity of the surface; labels of the three axes.

    Returns
    -------
    FuncAnimation
        Frame ``k`` shows :math:`(x_k, y_k, f(x_k, y_k))` and the path up to it.

    Examples
    --------
    >>> from gdbook import bowl, gradient_descent
    >>> from gdbook.plot import animate_path_on_surface
    >>> trace = gradient_descent(bowl.grad, [1.5, 1.5], lr=0.1, steps=50)
    >>> anim = animate_path_on_surface(bowl, trace, every=10)
    >>> [int(k) for k in anim.new_frame_seq()]
    [0, 10, 20, 30, 40, 50]
    """
    points = cast(np.ndarray, path)  # checked(): the points
    ax3d, heights = _base.surface(ax, f, points, xlim, ylim, num, cmap, alpha, labels)
    (trail,) = ax3d.plot(
        [], [], [], "-", color="C3", linewidth=1.5, zorder=3, label="descent path"
    )
    (point,) = ax3d.plot(
        [], [], [], "o", color="C3", markersize=8, zorder=4, label="iterate"
    )
    caption = ax3d.text2D(0.03, 0.95, "", transform=ax3d.transAxes, va="top")
    # Below the caption, in the corner that the surface leaves empty.
    ax3d.legend(loc="upper left", bbox_to_anchor=(0.0, 0.0, 1.0, 0.88))
    if ax3d.figure.axes == [ax]:
        # Alone in its figure, it fills it but for a title above and the tick
        # labels below (matplotlib's margins leave a 3D Axes small).
        ax3d.set_position([0.0, 0.03, 1.0, 0.9])

    def draw(k: int) -> tuple[Any, ...]:
        trail.set_data_3d(*points[: k + 1].T, heights[: k + 1])
        point.set_data_3d(*points[k : k + 1].T, heights[k : k + 1])
        x, y = points[k]
        caption.set_text(f"step {k}: ({x:.4g}, {y:.4g}), f = {heights[k]:.4g}")
        return trail, point, caption

    draw(0)
    frames = _base.frame_indices(len(points), every)
    return _base.animation(ax3d.figure, draw, frames, interval)


@checked(
    x=Array(ndim=1),
    y=Array(shape="x"),
    slopes=Array(ndim=1),
    intercepts=Array(shape="slopes"),
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
    caption: Callable[[int], str] | None = None,
    interval: float = 120,
    figsize: tuple[float, float] = (7, 4.5),
    xlim: tuple[float, float] | None = None,
    ylim: tuple[float, float] | None = None,
) -> FuncAnimation:
    """Animate a line fit: the line over the data, and (w, b) on the cost contour.

    Parameters
    ----------
    x, y, slopes, intercepts : array_like, 1-D
        The data, and the history of the line (``fit.slopes``, ``fit.intercepts``).
    frames : array_like of int
        The indices of the history to show, one per frame.
    ws, bs, costs : array_like
        The grid of the contour, as for :func:`cost_curves`.
    caption : callable, optional
        ``caption(index)``, the title of a frame; by default "update {index}".
    interval, figsize : float, tuple of float
        Milliseconds between frames; figure size in inches.
    xlim, ylim : tuple of float, optional
        Limits of the data panel; by default the range of the data and of the
        lines shown, with a margin of 5 %.

    Returns
    -------
    FuncAnimation
        One frame per index in ``frames``.

    Examples
    --------
    >>> import numpy as np
    >>> from gdbook import beans, fit_line_sgd, line_cost_grid
    >>> from gdbook.plot import line_fit_animation
    >>> x, y = beans(20)
    >>> fit = fit_line_sgd(x, y, lr=0.01, epochs=3, shuffle=False)
    >>> ws = bs = np.linspace(-1, 2, 16)
    >>> anim = line_fit_animation(x, y, fit.slopes, fit.intercepts, frames=[0, 60],
    ...                           ws=ws, bs=bs, costs=line_cost_grid(x, y, ws, bs))
    >>> sum(1 for _ in anim.new_frame_seq())
    2
    """
    xs, ys = cast(np.ndarray, x), cast(np.ndarray, y)  # checked(): float64 arrays
    path_w, path_b = cast(np.ndarray, slopes), cast(np.ndarray, intercepts)
    try:
        indices = np.asarray([] if frames is None else frames)
    except ValueError:  # a ragged nested list
        indices = np.array([])
    if indices.ndim != 1 or indices.size == 0 or indices.dtype.kind not in "iu":
        raise ValueError("frames must be a non-empty 1-D array of integer indices")
    if indices.min() < 0 or indices.max() >= path_w.size:
        raise ValueError(f"frames must index the history, in [0, {path_w.size})")
    ends = np.array([xs.min(), xs.max()])
    # The limits hold the lines of the frames, at both ends of the data: a fit often
    # starts far from the data, and its first frames would show no line.
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
    caption = "update {}".format if caption is None else caption
    costs = cast(np.ndarray, costs)  # checked(): float64 arrays, as ws and bs

    fig, (left, right) = _base.pyplot().subplots(1, 2, figsize=figsize)
    left.scatter(xs, ys, s=12, alpha=0.8)
    (line,) = left.plot([], [], color="red", lw=2)
    left.set(xlim=xlim, ylim=ylim, xlabel="x", ylabel="y")
    levels = _base.squared_levels(costs.min(), costs.max(), 20)
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
