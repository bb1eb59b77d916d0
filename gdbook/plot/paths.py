"""A descent drawn on its function, and the arrows of the negative gradient."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal, cast

import numpy as np
from numpy.typing import ArrayLike

from gdbook._checks import Function, checked
from gdbook.plot import _base
from gdbook.plot._base import (
    ARROWS,
    AXES,
    LABELS_OF_VIEW,
    LIMITS,
    NUM,
    PATH,
    PATH_STYLE,
    Func,
    Interval,
    Limits,
    Names,
    choice,
)

if TYPE_CHECKING:
    from matplotlib.axes import Axes

    from gdbook.descent import Trace

__all__ = ["descent_path", "gradient_field"]


@checked(grad=Function(), xlim=LIMITS, ylim=LIMITS, num=ARROWS, ax=AXES)
def gradient_field(
    grad: Func, *, xlim: Interval = (-2.0, 2.0), ylim: Interval = (-2.0, 2.0),
    num: int = 18, ax: Axes | None = None, **quiver_kw: Any,
) -> Axes:  # fmt: skip
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


View = Literal["curve", "contour", "surface"] | None


@checked(
    f=Function(), view=choice("curve", "contour", "surface"), path=PATH, xlim=LIMITS,
    ylim=LIMITS, num=NUM(curve=400, contour=200, surface=100), ax=AXES,
    labels=LABELS_OF_VIEW,
)  # fmt: skip
def descent_path(
    f: Func, path: Trace | ArrayLike, *, view: View = None, xlim: Limits = None,
    ylim: Limits = None, num: int | None = None, ax: Axes | None = None,
    label: str | None = "descent path", labels: Names | None = None,
    levels: int | ArrayLike = 15, aspect: str | float = "equal",
    cmap: str = "viridis", alpha: float = 0.8, **path_kw: Any,
) -> Axes:  # fmt: skip
    """Draw a descent path on its function: the points :math:`(x_k, f(x_k))`.

    Parameters
    ----------
    f : callable
        ``f(x)``, a real number, for a real ``x`` or a point ``x`` of shape ``(2,)``.
    path : Trace or array_like
        A :class:`gdbook.Trace`, or its points, shape ``(n,)`` or ``(n, 2)``.
    view : {"curve", "contour", "surface"}, optional
        The curve of ``f``, its contour lines, or its graph in 3D; by default the
        graph on a 3D ``ax``, else the curve for one variable, the contours for two.
    xlim, ylim : tuple of float, optional
        Limits of the axes (of the grid); by default the path's range with a margin.
    num : int, optional
        Points of the curve (400), or of the grid along each axis (200, 100 in 3D).
    ax : Axes, optional
        Where to draw (a 3D Axes for "surface"); a new figure when None.
    label, labels : str or None, tuple of str, optional
        Legend label of the path (None: none); labels of the axes.
    levels, aspect : int or array_like, str or float
        Contour levels, and aspect of the axes ("equal" keeps circles round).
    cmap, alpha : str, float
        Colour map of the contours or the surface, and opacity of the surface.
    **path_kw
        Style of the path, for :meth:`matplotlib.axes.Axes.plot`.

    Returns
    -------
    Axes
        The axes drawn on.

    Examples
    --------
    >>> from gdbook import bowl, gradient_descent
    >>> from gdbook.plot import descent_path
    >>> trace = gradient_descent(bowl.grad, [1.5, 1.5], lr=0.1, steps=50)
    >>> descent_path(bowl, trace).lines[0].get_xydata().shape  # start, 50 steps
    (51, 2)
    """
    points, num = cast(np.ndarray, path), cast(int, num)  # checked(): resolved
    labels = cast(Names, labels)
    if view == "curve":
        ax, heights = _base.curve(ax, f, points, xlim, num, labels)
        style = {**PATH_STYLE, "linestyle": "none", "markersize": 6, **path_kw}
        ax.plot(points, heights, label=label, **style)
        if ylim is not None:
            ax.set_ylim(*ylim)
        ax.legend()
        return ax
    if view == "surface":
        ax, heights = _base.surface(ax, f, points, xlim, ylim, num, cmap, alpha, labels)
        style = {**PATH_STYLE, "zorder": 3, **path_kw}
        ax.plot(*points.T, heights, label=label, **style)
    else:
        xlim, ylim, X, Y, Z = _base.plane(f, points, xlim, ylim, num)
        ax = _base.axes(ax)
        contours = ax.contour(X, Y, Z, levels=levels, cmap=cmap, linewidths=0.8)
        ax.clabel(contours, fontsize=7, inline=True)
        ax.plot(*points.T, label=label, **{**PATH_STYLE, **path_kw})
        ax.set(xlim=xlim, ylim=ylim, xlabel=labels[0], ylabel=labels[1], aspect=aspect)
    if label is not None:
        ax.legend(loc="upper right")
    return ax
