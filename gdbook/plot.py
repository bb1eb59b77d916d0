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
