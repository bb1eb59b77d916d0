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

from gdbook._validation import check_callable

__all__ = ["gradient_field", "loss_curve", "use_bundled_ffmpeg"]


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
