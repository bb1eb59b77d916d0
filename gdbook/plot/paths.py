"""Descents drawn: paths (still or animated), losses, gradients; difference errors."""

from __future__ import annotations

import shutil
from typing import TYPE_CHECKING, Any, cast

import numpy as np
from numpy.typing import ArrayLike

from gdbook._checks import Array, Count, Flag, Function, Instance, Positive, checked
from gdbook.descent import Trace
from gdbook.differences import DifferenceErrors
from gdbook.plot import _base
from gdbook.plot._base import LIMITS, PATH_STYLE, Func, Interval, Limits, Names

if TYPE_CHECKING:
    from matplotlib.animation import FuncAnimation
    from matplotlib.axes import Axes

__all__ = [
    "descent_animation",
    "descent_path",
    "difference_errors_plot",
    "gradient_field",
    "loss_curve",
    "use_bundled_ffmpeg",
]


@checked(**_base.ON_FUNCTION(curve=400, contour=200, surface=100))
def descent_path(
    f: Func,
    path: Trace | ArrayLike,
    *,
    view: str | None = None,
    xlim: Limits = None,
    ylim: Limits = None,
    num: int | None = None,
    ax: Axes | None = None,
    levels: int | ArrayLike = 15,
    aspect: str | float = "equal",
    cmap: str = "viridis",
    alpha: float = 0.8,
    label: str | None = "descent path",
    labels: Names | None = None,
    **path_kw: Any,
) -> Axes:
    """Draw a descent path on its function: the points :math:`(x_k, f(x_k))`.

    Parameters
    ----------
    f, path, view : callable, Trace or array_like, {"curve", "contour", "surface"}
        ``f(x)``, a real number, for a real ``x`` or a point ``x`` of shape ``(2,)``;
        a :class:`gdbook.Trace`, or its points: shape ``(n,)``, or ``(n, 2)``; the
        curve of ``f``, its contours, its graph in 3D (by default on a 3D ``ax``).
    xlim, ylim, num, ax : tuple of float, int, Axes, optional
        Limits (around the path); points of the curve (400), or of the grid per axis;
        where to draw (a 3D Axes for "surface"; None: a new figure).
    levels, aspect, cmap, alpha, label, labels, **path_kw : optional
        Contour levels, aspect of the axes, colour map, opacity of the surface; legend
        label of the path (None: none); labels of the axes; style of the path.

    Returns
    -------
    Axes
        The axes drawn on.

    Examples
    --------
    >>> descent_path(lambda x: x**2, [2.0, 1.0]).get_xlabel()
    'x'
    """
    points, num = cast(np.ndarray, path), cast(int, num)  # checked(): resolved
    labels = cast(Names, labels)
    if view == "contour":
        xlim, ylim, X, Y, Z = _base.plane(f, points, xlim, ylim, num)
        ax = _base.axes(ax)
        contours = ax.contour(X, Y, Z, levels=levels, cmap=cmap, linewidths=0.8)
        ax.clabel(contours, fontsize=7, inline=True)
        ax.plot(*points.T, label=label, **{**PATH_STYLE, **path_kw})
        ax.set(xlim=xlim, ylim=ylim, xlabel=labels[0], ylabel=labels[1], aspect=aspect)
    else:  # the points (x, f(x)), or (x, y, f(x, y)) over the surface
        ax, xyf = _base.graph(view, ax, f, points, xlim, ylim, num, labels, cmap, alpha)
        kw = dict(linestyle="none", markersize=6) if view == "curve" else {"zorder": 3}
        ax.plot(*xyf, label=label, **{**PATH_STYLE, **kw, **path_kw})
    if view == "curve":
        ax.legend()
    elif label is not None:
        ax.legend(loc="upper right")
    return ax


@checked(
    **_base.ON_FUNCTION(curve=400, surface=40), interval=Positive(), every=Count(1)
)
def descent_animation(
    f: Func,
    path: Trace | ArrayLike,
    *,
    view: str | None = None,
    xlim: Limits = None,
    ylim: Limits = None,
    num: int | None = None,
    ax: Axes | None = None,
    labels: Names | None = None,
    cmap: str = "viridis",
    alpha: float = 0.8,
    interval: float = 100,
    every: int = 1,
) -> FuncAnimation:
    """Animate a descent: a point moving down the curve, or the surface in 3D.

    Parameters
    ----------
    f, path, view, xlim, ylim, num, ax, labels, cmap, alpha : see descent_path
        As for :func:`descent_path`, but ``view`` is "curve" (a path of one variable)
        or "surface" (of two, in 3D, where ``num`` is 40 by default).
    interval, every : float, int
        Milliseconds between frames; show every ``every``-th point (and the last).

    Returns
    -------
    FuncAnimation
        Frame ``k`` shows :math:`x_k` and the path up to it (keep it until shown).

    Examples
    --------
    >>> import gdbook.plot
    >>> anim = gdbook.plot.descent_animation(gdbook.parabola, [5.0, 4.0, 3.2, 2.56])
    >>> [int(k) for k in anim.new_frame_seq()]
    [0, 1, 2, 3]
    """
    points, num = cast(np.ndarray, path), cast(int, num)  # checked(): resolved
    shown, xyf = _base.graph(view, ax, f, points, xlim, ylim, num, labels, cmap, alpha)
    if view == "surface":
        (trail,) = shown.plot([], [], [], "C3-", lw=1.5, zorder=3, label="descent path")
        (point,) = shown.plot([], [], [], "C3o", ms=8, zorder=4, label="iterate")
        caption = shown.text2D(0.03, 0.95, "", transform=shown.transAxes, va="top")
        text = "step {}: ({:.4g}, {:.4g}), f = {:.4g}"
        # Below the caption, in the corner that the surface leaves empty.
        shown.legend(loc="upper left", bbox_to_anchor=(0.0, 0.0, 1.0, 0.88))
        if shown.figure.axes == [ax]:
            # Alone in its figure, it fills it (matplotlib's margins leave it small).
            shown.set_position([0.0, 0.03, 1.0, 0.9])
    else:
        (trail,) = shown.plot([], [], "o", color="C3", alpha=0.35, markersize=4)
        (point,) = shown.plot([], [], "o", color="C3", markersize=9, label="iterate")
        caption = shown.text(0.03, 0.95, "", transform=shown.transAxes, va="top")
        text = "step {}: x = {:.6g}"
        shown.legend(loc="upper right")
    put = "set_data_3d" if view == "surface" else "set_data"  # a 3D line, or a 2D one

    def draw(k: int) -> tuple[Any, ...]:
        getattr(trail, put)(*xyf[:, : k + 1])
        getattr(point, put)(*xyf[:, k : k + 1])
        caption.set_text(text.format(k, *xyf[:, k]))  # the curve's: k and x only
        return trail, point, caption

    draw(0)  # a static snapshot of the figure shows the start
    frames = np.unique(np.append(np.arange(0, len(points), every), len(points) - 1))
    return _base.animation(trail.figure, draw, frames, interval)


@checked(grad=Function(), xlim=LIMITS, ylim=LIMITS, num=_base.ARROWS, ax=_base.AXES)
def gradient_field(
    grad: Func,
    *,
    xlim: Interval = (-2.0, 2.0),
    ylim: Interval = (-2.0, 2.0),
    num: int = 18,
    ax: Axes | None = None,
    **quiver_kw: Any,
) -> Axes:
    r"""Draw the arrows of :math:`-\nabla f` on a grid of a plane, to scale.

    Parameters
    ----------
    grad, xlim, ylim, num, ax, **quiver_kw : callable, tuple of float, int, Axes
        ``grad(x)`` for a point ``x`` of shape ``(2,)``; extent of the grid; arrows
        along each axis; where to draw (None: a new figure); passed to ``Axes.quiver``.

    Returns
    -------
    Axes
        The axes drawn on.

    Examples
    --------
    >>> import gdbook.plot
    >>> len(gdbook.plot.gradient_field(gdbook.bowl.grad).collections)
    1
    """
    X, Y = np.meshgrid(np.linspace(*xlim, num), np.linspace(*ylim, num))
    points = np.column_stack([X.ravel(), Y.ravel()])
    arrows = -_base.values(grad, points, "grad", shape=(2,))  # -grad at each point
    ax = _base.axes(ax)
    ax.quiver(*points.T, *arrows.T, **{"angles": "xy", "color": "#444444", **quiver_kw})
    ax.set(xlim=xlim, ylim=ylim, xlabel="$x_0$", ylabel="$x_1$", aspect="equal")
    ax.grid(True, alpha=0.3)
    return ax


_X_LABELS = {"updates": "iteration", "epochs": "epoch (passes over the data)"}


@checked(
    against=_base.choice("updates", "epochs", auto=False), log=Flag(), ax=_base.AXES
)
def loss_curve(
    losses: Trace | ArrayLike,
    *,
    against: str = "updates",
    label: str | None = None,
    log: bool = False,
    xlabel: str | None = None,
    ylabel: str = "loss",
    ax: Axes | None = None,
    **plot_kw: Any,
) -> Axes:
    """Draw a loss against the update number, or against the epoch.

    Parameters
    ----------
    losses, against : array_like or Trace, {"updates", "epochs"}
        One loss per update from the start, or a run with them (a ``Trace``); the x
        axis: entry ``k`` at ``k`` (default), or at ``k / updates_per_epoch``.
    label, log, xlabel, ylabel : str, bool, str, str, optional
        Legend label (a legend if given); a logarithmic loss axis; axis labels (by
        default after ``against``, and "loss").
    ax, **plot_kw : Axes, optional
        Where to draw (None: a new figure); passed to ``Axes.plot``.

    Returns
    -------
    Axes
        The axes drawn on.

    Examples
    --------
    >>> loss_curve([4.0, 2.0, 1.0], log=True).get_yscale()
    'log'
    """
    per_epoch = 1
    if hasattr(losses, "losses"):  # a run
        if losses.losses is None:
            raise ValueError("the run recorded no losses: pass loss= to the descent")
        per_epoch = getattr(losses, "updates_per_epoch", 1)
        per_epoch = Count(1)(per_epoch, "updates_per_epoch")
        losses = losses.losses
    # Finite: matplotlib would leave a gap for a NaN or an infinity, without a word.
    values = Array(ndim=1)(losses, "losses")
    if log and np.any(values <= 0):
        raise ValueError("losses must be positive on a log scale (log=True)")
    ax = _base.axes(ax)
    positions = np.arange(values.size) / (per_epoch if against == "epochs" else 1)
    ax.plot(positions, values, label=label, **plot_kw)
    ax.set(xlabel=_X_LABELS[against] if xlabel is None else xlabel, ylabel=ylabel)
    if log:
        ax.set_yscale("log")
    if label is not None:
        ax.legend()
    ax.grid(True, alpha=0.3)
    return ax


@checked(errors=Instance(DifferenceErrors, "a DifferenceErrors"), ax=_base.AXES)
def difference_errors_plot(
    errors: DifferenceErrors,
    *,
    label_suffix: str = "",
    ax: Axes | None = None,
    **plot_kw: Any,
) -> Axes:
    """Draw the errors of the forward and central differences against h, log-log.

    Parameters
    ----------
    errors, label_suffix, ax, **plot_kw : DifferenceErrors, str, Axes, optional
        From :func:`gdbook.difference_errors`; appended to the labels "forward" and
        "central" (e.g. ", float32"); as for :func:`loss_curve` (``Axes.loglog``).

    Returns
    -------
    Axes
        The axes drawn on.

    Examples
    --------
    >>> import gdbook.plot
    >>> errors = gdbook.difference_errors(gdbook.parabola, 1.0, 2.0)
    >>> len(gdbook.plot.difference_errors_plot(errors).get_lines())
    2
    """
    ax = _base.axes(ax)
    curves = [("forward", errors.forward, "o"), ("central", errors.central, "s")]
    for name, values, marker in curves:
        keep = values > 0  # a log axis has no place for an error of 0
        style = {"marker": marker, "markersize": 3, "label": name + label_suffix}
        ax.loglog(errors.hs[keep], values[keep], **{**style, **plot_kw})
    ax.set(xlabel="step h", ylabel="absolute error")
    ax.grid(True, which="major", alpha=0.3)
    ax.legend()
    return ax


def use_bundled_ffmpeg() -> str | None:
    """Give matplotlib's video writer the ffmpeg of ``imageio-ffmpeg`` if none is found.

    Returns
    -------
    str or None
        The ffmpeg path matplotlib will use, or None when there is none.

    Examples
    --------
    >>> path = use_bundled_ffmpeg()  # e.g. '.../imageio_ffmpeg/binaries/ffmpeg-...'
    """
    import matplotlib as mpl

    if found := shutil.which(str(mpl.rcParams["animation.ffmpeg_path"])):
        return found
    try:
        import imageio_ffmpeg
    except ImportError:
        return None
    path: str = imageio_ffmpeg.get_ffmpeg_exe()
    mpl.rcParams["animation.ffmpeg_path"] = path
    return path
