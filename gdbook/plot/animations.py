"""Animations (a descent on its function, a line fit), and their video output. Each
returns a :class:`matplotlib.animation.FuncAnimation`: keep it until saved or shown."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, cast

import numpy as np
from numpy.typing import ArrayLike

from gdbook._checks import Array, Function, Optional, Positive, checked
from gdbook.plot import _base
from gdbook.plot._base import COST_GRID, FRAMES, LIMITS, Func, Limits, Names

if TYPE_CHECKING:
    from matplotlib.animation import FuncAnimation
    from matplotlib.axes import Axes

    from gdbook.descent import Trace

__all__ = ["descent_animation", "line_fit_animation", "use_bundled_ffmpeg"]


@checked(**_base.ON_FUNCTION(curve=400, surface=40), **FRAMES)
def descent_animation(
    f: Func, path: Trace | ArrayLike, *, view: str | None = None, xlim: Limits = None,
    ylim: Limits = None, num: int | None = None, ax: Axes | None = None,
    interval: float = 100, every: int = 1, labels: Names | None = None,
    cmap: str = "viridis", alpha: float = 0.8,
) -> FuncAnimation:  # fmt: skip
    """Animate a descent: a point moving down the curve, or the surface in 3D.

    Parameters
    ----------
    f, path : callable, Trace or array_like
        As for :func:`descent_path`.
    view : {"curve", "surface"}, optional
        The curve of ``f`` (by default for a path of one variable) or its graph in
        3D (for two, or on a 3D ``ax``).
    xlim, ylim, num, ax : tuple of float, int, Axes, optional
        As for :func:`descent_path`; ``num`` is 40 in 3D.
    interval, every : float, int
        Milliseconds between frames; show every ``every``-th point (and the last).
    labels, cmap, alpha : tuple of str, str, float, optional
        Labels of the axes; colour map and opacity of the surface.

    Returns
    -------
    FuncAnimation
        Frame ``k`` shows :math:`x_k` on the function, and the path up to it.

    Examples
    --------
    >>> import gdbook.plot
    >>> anim = gdbook.plot.descent_animation(gdbook.parabola, [5.0, 4.0, 3.2, 2.56])
    >>> [int(k) for k in anim.new_frame_seq()]
    [0, 1, 2, 3]
    """
    points, num = cast(np.ndarray, path), cast(int, num)  # checked(): resolved
    labels = cast(Names, labels)
    if view == "surface":
        ax3d, fx = _base.surface(ax, f, points, xlim, ylim, num, cmap, alpha, labels)
        (trail,) = ax3d.plot([], [], [], "C3-", lw=1.5, zorder=3, label="descent path")
        (point,) = ax3d.plot([], [], [], "C3o", ms=8, zorder=4, label="iterate")
        caption = ax3d.text2D(0.03, 0.95, "", transform=ax3d.transAxes, va="top")
        # Below the caption, in the corner that the surface leaves empty.
        ax3d.legend(loc="upper left", bbox_to_anchor=(0.0, 0.0, 1.0, 0.88))
        if ax3d.figure.axes == [ax]:
            # Alone in its figure, it fills it but for a title above and the tick
            # labels below (matplotlib's margins leave a 3D Axes small).
            ax3d.set_position([0.0, 0.03, 1.0, 0.9])
    else:
        ax, fx = _base.curve(ax, f, points, xlim, num, labels)  # f at the points
        (trail,) = ax.plot([], [], "o", color="C3", alpha=0.35, markersize=4)
        (point,) = ax.plot([], [], "o", color="C3", markersize=9, label="iterate")
        caption = ax.text(0.03, 0.95, "", transform=ax.transAxes, va="top")
        if ylim is not None:
            ax.set_ylim(*ylim)
        ax.legend(loc="upper right")

    def draw(k: int) -> tuple[Any, ...]:
        if view == "curve":
            trail.set_data(points[: k + 1], fx[: k + 1])
            point.set_data(points[k : k + 1], fx[k : k + 1])
            caption.set_text(f"step {k}: x = {points[k]:.6g}")
        else:
            trail.set_data_3d(*points[: k + 1].T, fx[: k + 1])
            point.set_data_3d(*points[k : k + 1].T, fx[k : k + 1])
            x, y = points[k]
            caption.set_text(f"step {k}: ({x:.4g}, {y:.4g}), f = {fx[k]:.4g}")
        return trail, point, caption

    draw(0)  # a static snapshot of the figure shows the start
    frames = np.unique(np.append(np.arange(0, len(points), every), len(points) - 1))
    return _base.animation(trail.figure, draw, frames, interval)


def _history_indices(value: Any, name: str, given: Any) -> np.ndarray:
    """A non-empty 1-D array of integer indices of the history ``slopes``."""
    try:
        indices = np.asarray([] if value is None else value)
    except ValueError:  # a ragged nested list
        indices = np.array([])
    if indices.ndim != 1 or indices.size == 0 or indices.dtype.kind not in "iu":
        raise ValueError(f"{name} must be a non-empty 1-D array of integer indices")
    if indices.min() < 0 or indices.max() >= (n := given["slopes"].size):
        raise ValueError(f"{name} must index the history, in [0, {n})")
    return indices


@checked(
    x=Array(ndim=1), y=Array(shape="x"), slopes=Array(ndim=1),
    intercepts=Array(shape="slopes"), frames=_history_indices, **COST_GRID,
    caption=Optional(Function()), interval=Positive(), xlim=LIMITS, ylim=LIMITS,
)  # fmt: skip
def line_fit_animation(
    x: ArrayLike, y: ArrayLike, slopes: ArrayLike, intercepts: ArrayLike, *,
    frames: ArrayLike, ws: ArrayLike, bs: ArrayLike, costs: ArrayLike,
    caption: Callable[[int], str] | None = None, interval: float = 120,
    figsize: tuple[float, float] = (7, 4.5), xlim: Limits = None, ylim: Limits = None,
) -> FuncAnimation:  # fmt: skip
    """Animate a line fit: the line over the data, and (w, b) on the cost contour.

    Parameters
    ----------
    x, y, slopes, intercepts : array_like, 1-D
        The data, and the history of the line (``fit.slopes``, ``fit.intercepts``).
    frames : array_like of int
        The indices of the history to show, one per frame.
    ws, bs, costs : array_like
        The grid of the contour, as for :func:`cost_curves`.
    caption, interval, figsize : callable, float, tuple of float, optional
        ``caption(index)``, a frame's title ("update {index}"); milliseconds between
        frames; figure size in inches.
    xlim, ylim : tuple of float, optional
        Limits of the data panel; by default those of the data and of the lines
        shown, with a margin of 5 %.

    Returns
    -------
    FuncAnimation
        One frame per index in ``frames``.

    Examples
    --------
    >>> import gdbook.plot
    >>> x, w, costs = [0.0, 1.0], [0.0, 0.5, 1.0], [[1.0, 0.5, 0.0]] * 3
    >>> anim = gdbook.plot.line_fit_animation(x, x, w, w, frames=[0, 2], ws=w, bs=w,
    ...                                       costs=costs)
    >>> sum(1 for _ in anim.new_frame_seq())
    2
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
    shown = np.concatenate([ys, lines.ravel()])
    of = "y with the lines of slopes and intercepts"
    ylim = _base.limits(ylim, "ylim", shown, margin=0.05, of=of)
    caption = "update {}".format if caption is None else caption

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


def use_bundled_ffmpeg() -> str | None:
    """Point matplotlib's video writer at an ffmpeg binary, if none is configured:
    when none is on the ``PATH``, that of ``imageio-ffmpeg`` (the ``video`` extra).

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

    configured: str = mpl.rcParams["animation.ffmpeg_path"]
    if found := shutil.which(configured):
        return found
    try:
        import imageio_ffmpeg
    except ImportError:
        return None
    path: str = imageio_ffmpeg.get_ffmpeg_exe()
    mpl.rcParams["animation.ffmpeg_path"] = path
    return path
