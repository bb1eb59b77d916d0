"""Explorables of gradient descent: the learning rate, or any optimizer's settings.

Each runs :func:`gdbook.gradient_descent` once per value on its grid and draws the
selected run: its path, its loss at each step, and how every run of the grid ended.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

import gdbook
from gdbook._validation import check_non_negative_int, check_positive_finite
from gdbook.explore._figure import Explorable, Frame, Slider, value_text
from gdbook.explore._svg import (
    Axes,
    Figure,
    axis_range,
    cell_edges,
    log_range,
    number_label,
)
from gdbook.testfunctions import Objective

__all__ = ["behaviour", "gradient_descent", "hyperparameters"]


def positive_values(values, name: str) -> tuple[float, ...]:
    """The values of a slider, each positive and finite (at least one)."""
    values = tuple(values)
    if not values:
        raise ValueError(f"{name} must hold at least one value")
    return tuple(check_positive_finite(v, f"{name}[{i}]") for i, v in enumerate(values))


def behaviour(trace, minimum, tol: float) -> str:
    """How a run went, read from its trace: converges, crawls, oscillates, diverges.

    Parameters
    ----------
    trace : gdbook.Trace
        A run with its losses recorded, the minimum's value subtracted or zero.
    minimum : array_like
        The minimiser, to tell whether successive steps overshoot it.
    tol : float
        A run *converges* when its loss gets below ``tol``; one that ends a hundred
        times lower than it started without getting there is still converging.

    Returns
    -------
    str

    Examples
    --------
    >>> from gdbook import gradient_descent, parabola
    >>> from gdbook.explore import behaviour
    >>> for lr in (0.001, 0.05, 0.1, 0.9, 1.0, 1.1):
    ...     trace = gradient_descent(parabola.grad, 5.0, lr=lr, steps=50,
    ...                              loss=parabola)
    ...     print(lr, behaviour(trace, 0.0, 1e-6))
    0.001 crawls: still far from the minimum
    0.05 converging, but not below 1e-06 in 50 steps
    0.1 converges
    0.9 converges, oscillating
    1.0 bounces between two points
    1.1 diverges, oscillating
    """
    if trace.diverged:
        return f"diverges: overflow at step {trace.steps_taken + 1}"
    deviations = (trace.xs - np.asarray(minimum)).reshape(len(trace.xs), -1)
    turns = np.einsum("ij,ij->i", deviations[:-1], deviations[1:]) < 0
    oscillating = turns.size > 0 and np.count_nonzero(turns) > turns.size / 2
    first, last = trace.losses[0], trace.losses[-1]
    how = ", oscillating" if oscillating else ""
    if last > first * (1 + 1e-9):
        return "diverges" + how
    if np.any(trace.losses < tol):
        return "converges" + how
    if last < 1e-2 * first:
        return f"converging, but not below {tol:g} in {trace.steps_taken} steps"
    if abs(last - first) <= 1e-9 * abs(first):
        return "bounces between two points" if oscillating else "stays where it is"
    if oscillating:
        return "oscillates, converging slowly"
    return "crawls: still far from the minimum"


@dataclass(frozen=True)
class _Problem:
    """A function to minimise, checked: where to start, where the minimum is."""

    f: Callable
    grad: Callable
    start: np.ndarray
    low_point: np.ndarray
    f_min: float
    name: str

    @classmethod
    def make(cls, f, x0, grad, minimum) -> _Problem:
        if not callable(f):
            raise TypeError(f"f must be callable, got {type(f).__name__}")
        if isinstance(f, Objective):
            grad = f.grad if grad is None else grad
            minimum = f.minimum if minimum is None else minimum
        if grad is None or not callable(grad):
            raise TypeError(
                "grad must be given (a callable) when f is not an Objective"
            )
        if minimum is None:
            raise ValueError("minimum must be given when f is not an Objective")
        start = np.array(x0, dtype=np.float64)
        if start.size not in (1, 2):
            raise ValueError(f"x0 must have one or two coordinates, got {start.size}")
        low_point = np.array(minimum, dtype=np.float64).reshape(start.shape)
        name = getattr(f, "name", None) or getattr(f, "__name__", "f")
        return cls(f, grad, start, low_point, float(f(low_point)), name)

    @property
    def where(self) -> str:
        """The start, as text."""
        if self.start.size == 1:
            return f"x = {number_label(float(self.start.reshape(())))}"
        return "(" + ", ".join(number_label(float(v)) for v in self.start) + ")"


def _values_on_grid(f: Callable) -> Callable:
    """``values(X, Y)`` for contours: ``value_at`` of an Objective, else ``f``
    called on stacked coordinates, else point by point."""
    if isinstance(f, Objective):
        return f.value_at

    def values(grid_x, grid_y):
        try:
            z = np.asarray(f(np.stack([grid_x, grid_y])), dtype=np.float64)
            if z.shape == grid_x.shape:
                return z
        except Exception:  # a function of one point only: evaluate point by point
            pass
        points = zip(grid_x.ravel(), grid_y.ravel(), strict=True)
        return np.array([f(np.array(p)) for p in points]).reshape(grid_x.shape)

    return values


def _path_panel(figure: Figure, problem: _Problem, xlim, ylim) -> Axes:
    """The left panel: the curve (one variable) or level lines (two), and a path."""
    start, low_point, f = problem.start, problem.low_point, problem.f
    span = float(np.max(np.abs(start - low_point))) or 1.0
    if start.size == 1:
        m = float(low_point.reshape(()))
        xlim = xlim or (m - 2 * span, m + 2 * span)
        curve_x = np.linspace(*xlim, 241)
        curve_y = np.array([f(v) for v in curve_x])
        ylim = ylim or (
            float(curve_y.min()) - 0.05 * float(np.ptp(curve_y)),
            float(curve_y.max()) * 1.05,
        )
        ax = figure.axes((52, 24, 262, 262), xlim=xlim, ylim=ylim)
        ax.frame("x", "f(x)")
        ax.line(curve_x, curve_y)
    else:
        half = 1.375 * span
        xlim = xlim or (low_point[0] - half, low_point[0] + half)
        ylim = ylim or (low_point[1] - half, low_point[1] + half)
        ax = figure.axes((52, 24, 262, 262), xlim=xlim, ylim=ylim)
        ax.frame("x₀", "x₁")
        corner = max(
            float(f(np.array([x, y]))) for x, y in itertools.product(xlim, ylim)
        )
        edge = min(corner, float(f(np.array([xlim[0], low_point[1]]))))
        edge = min(edge, float(f(np.array([low_point[0], ylim[0]]))))
        top = edge if edge > problem.f_min else corner
        levels = problem.f_min + (top - problem.f_min) * np.linspace(0.1, 1, 10) ** 2
        ax.contour(_values_on_grid(f), levels)
    ax.series("path", "gdx-path gdx-thin", dots=True)
    return ax


def _readouts(trace, loss, problem: _Problem, steps: int, tol: float):
    how = behaviour(trace, problem.low_point, tol)
    below = np.flatnonzero(loss < tol)
    x_text = str(trace.x)
    if trace.diverged:
        x_text += f" (stopped at step {trace.steps_taken}: overflow)"
    return how, {
        f"x after {steps} steps": x_text,
        f"loss after {steps} steps": f"{trace.loss:.6g}",
        f"first step with loss below {tol:g}": (
            str(int(below[0])) if below.size else f"none in {steps}"
        ),
        "behaviour": how,
    }


def _frames(
    problem: _Problem,
    runs: Sequence[tuple[str, object]],
    steps: int,
    tol: float,
    path_ax: Axes,
    loss_ax: Axes,
    marker: Callable[[int, np.ndarray], np.ndarray],
    extra: Callable[[object], dict[str, str]],
) -> list[Frame]:
    """One frame per run: ``runs`` holds each run's setting (as text) and trace."""
    frames = []
    for k, (setting, trace) in enumerate(runs):
        loss = trace.losses - problem.f_min
        how, readouts = _readouts(trace, loss, problem, steps, tol)
        readouts.update(extra(trace))
        if problem.start.size == 1:
            path = path_ax.encode(trace.xs, trace.losses)
        else:
            path = path_ax.encode(trace.xs[:, 0], trace.xs[:, 1])
        loss_text = f"{trace.loss:.6g}"
        frames.append(
            Frame(
                paths={
                    "path": path,
                    "loss": loss_ax.encode(np.arange(len(loss)), loss),
                    "here": marker(k, loss),
                },
                readouts=readouts,
                summary=f"{setting}: {how}; loss after {steps} steps {loss_text}.",
                description=(
                    f"{setting}: it {how}. After {steps} steps x = "
                    f"{readouts[f'x after {steps} steps']}, loss {loss_text}."
                ),
            )
        )
    return frames


def gradient_descent(
    f: Callable,
    x0,
    *,
    lrs: Sequence[float],
    steps: int,
    grad: Callable | None = None,
    minimum=None,
    smoothness: float | None = None,
    default: float | None = None,
    tol: float = 1e-6,
    lr_scale: str | None = None,
    xlim: tuple[float, float] | None = None,
    ylim: tuple[float, float] | None = None,
    title: str | None = None,
) -> Explorable:
    r"""The learning rate of gradient descent as a slider.

    Runs ``gdbook.gradient_descent(grad, x0, lr=lr, steps=steps, loss=f)`` once
    per learning rate and shows the selected run: its path (on the curve of a
    function of one variable, on the level lines of a function of two), its loss
    at each step, and the loss after ``steps`` steps for every rate, with
    :math:`2/L` marked.

    Parameters
    ----------
    f : callable or Objective
        The function minimised; its value is recorded as the loss.
    x0 : float or array_like
        Start: a number, or a point of two coordinates.
    lrs : sequence of float
        The learning rates of the slider, in order, each positive.
    steps : int
        Updates per run.
    grad : callable, optional
        The gradient; ``f.grad`` for an :class:`~gdbook.Objective`. Pass
        ``functools.partial(gdbook.numerical_gradient, f)`` for the numerical one.
    minimum : float or array_like, optional
        The minimiser (``f.minimum`` for an Objective): where the view is centred
        and what an oscillation overshoots.
    smoothness : float, optional
        :math:`L`, the largest curvature (Lipschitz constant of the gradient).
        When given, the rates :math:`1/L` and :math:`2/L` are marked: above
        :math:`1/L` steps overshoot, above :math:`2/L` a quadratic diverges.
    default : float, optional
        The rate shown first, one of ``lrs`` (the first when omitted).
    tol : float, default 1e-6
        A run converges when its loss gets below ``f(minimum) + tol``.
    lr_scale : {"linear", "log"}, optional
        The scale of the learning-rate axis; log when the rates span more than
        a factor 20, when omitted.
    xlim, ylim : tuple of float, optional
        The view of the path (the curve's vertical range for one variable).
    title : str, optional

    Returns
    -------
    Explorable

    Raises
    ------
    TypeError, ValueError
        If ``f`` or ``grad`` is not callable, no gradient or minimum is known,
        ``x0`` has neither one nor two coordinates, or a rate is not positive.

    See Also
    --------
    hyperparameters : The same for any optimizer, on a grid of its settings.

    Examples
    --------
    Source 000's parabola (E02):

    >>> from gdbook import parabola
    >>> from gdbook.explore import gradient_descent
    >>> explorable = gradient_descent(parabola, 5.0, lrs=[0.1, 0.5, 1.1], steps=50,
    ...                               smoothness=2.0)
    >>> explorable
    <Explorable 'Gradient descent on f(x) = x²': learning rate η (3 values, 0.1 … 1.1)>
    >>> for label, text in explorable.frame(lr=0.1).readouts.items():
    ...     print(f"{label}: {text}")
    x after 50 steps: 7.136238463529802e-05
    loss after 50 steps: 5.09259e-09
    first step with loss below 1e-06: 39
    behaviour: converges
    """
    problem = _Problem.make(f, x0, grad, minimum)
    lrs = positive_values(lrs, "lrs")
    steps = check_non_negative_int(steps, "steps")
    traces = [
        gdbook.gradient_descent(problem.grad, problem.start, lr=lr, steps=steps, loss=f)
        for lr in lrs
    ]
    losses = [t.losses - problem.f_min for t in traces]
    finals = np.array([loss[-1] for loss in losses])
    loss_lim = log_range(np.concatenate(losses))
    ylabel = "loss" if problem.f_min == 0 else "loss − minimum"

    figure = Figure(720, 330)
    path_ax = _path_panel(figure, problem, xlim, ylim)
    loss_ax = figure.axes(
        (410, 24, 290, 100), xlim=(0, max(steps, 1)), ylim=loss_lim, yscale="log"
    )
    loss_ax.frame("step k", ylabel, title=f"{ylabel} at each step")
    loss_ax.series("loss", "gdx-path")
    lr_lim, auto_scale = axis_range(lrs, lr_scale)
    sweep_ax = figure.axes(
        (410, 186, 290, 100),
        xlim=lr_lim,
        ylim=loss_lim,
        xscale=lr_scale or auto_scale,
        yscale="log",
    )
    marked = ""
    if smoothness is not None:
        smoothness = check_positive_finite(smoothness, "smoothness")
        sweep_ax.span(1 / smoothness, 2 / smoothness, "gdx-span-warn", "overshoots")
        sweep_ax.span(2 / smoothness, lr_lim[1], "gdx-span-danger", "diverges")
        sweep_ax.vline(2 / smoothness, label=f"2/L = {2 / smoothness:g}")
        marked = f", with 2/L = {2 / smoothness:g} marked"
    sweep_ax.frame(
        "learning rate η", ylabel, title=f"{ylabel} after {steps} steps, every η"
    )
    sweep_ax.line(lrs, finals)
    sweep_ax.series("here", "gdx-here")

    frames = _frames(
        problem,
        [
            (f"learning rate {value_text(lr)}", t)
            for lr, t in zip(lrs, traces, strict=True)
        ],
        steps,
        tol,
        path_ax,
        loss_ax,
        lambda k, loss: sweep_ax.diamond(lrs[k], loss[-1]),
        lambda trace: {},
    )
    return Explorable(
        title or f"Gradient descent on {problem.name}",
        [Slider("lr", "learning rate η", lrs, default=default)],
        figure,
        frames,
        caption=f"From {problem.where}, {steps} steps. Move the slider to change "
        "the learning rate.",
        legend=f"Gradient descent on {problem.name} from {problem.where}, {steps} "
        f"steps. Left, the path; right, the {ylabel} at each step (log scale), and "
        f"after {steps} steps for every learning rate, the selected one "
        f"marked{marked}.",
    )


def _outcome(trace, loss: np.ndarray, tol: float) -> tuple[str, float]:
    """The class and opacity of a run's cell in the plane of settings: the more
    opaque, the sooner the loss gets below ``tol``; red when it diverges."""
    if trace.diverged or loss[-1] > loss[0]:
        return "gdx-bad", 0.45
    below = np.flatnonzero(loss < tol)
    if below.size == 0:
        return "gdx-heat", 0.05
    return "gdx-heat", 0.1 + 0.55 * (1 - below[0] / max(len(loss) - 1, 1))


def hyperparameters(
    f: Callable,
    x0,
    *,
    optimizer: Callable,
    grid: Mapping[str, Sequence[float]],
    steps: int,
    grad: Callable | None = None,
    minimum=None,
    labels: Mapping[str, str] | None = None,
    defaults: Mapping[str, float] | None = None,
    guides: Sequence[tuple] = (),
    tol: float = 1e-6,
    xlim: tuple[float, float] | None = None,
    ylim: tuple[float, float] | None = None,
    title: str | None = None,
) -> Explorable:
    r"""One or two settings of an optimizer as sliders.

    Runs ``gdbook.gradient_descent(grad, x0, steps=steps,
    optimizer=optimizer(**setting), loss=f)`` for every setting of the grid and
    shows the selected run: its path, its loss at each step, and how every run
    of the grid did. With two settings, that last panel is the plane of
    settings, each run a cell: the stronger its colour, the sooner its loss gets
    below ``tol``; red where it diverges.

    Parameters
    ----------
    f : callable or Objective
        The function minimised; its value is recorded as the loss.
    x0 : float or array_like
        Start: a number, or a point of two coordinates.
    optimizer : callable
        Called with one keyword argument per name of ``grid``, returns the
        :class:`gdbook.optimizers.Optimizer` to run (``gdbook.optimizers.momentum``
        with the names ``lr`` and ``momentum``, say).
    grid : mapping of str to sequence of float
        One or two names, each with the values of its slider, in order. The
        first is the horizontal axis of the plane, the second the vertical one.
    steps : int
        Updates per run.
    grad, minimum : optional
        As for :func:`gradient_descent`.
    labels : mapping of str to str, optional
        The visible label of each slider (its name when omitted).
    defaults : mapping of str to float, optional
        The values shown first (the first of each slider when omitted).
    guides : sequence of tuple, optional
        Marks in the last panel. With one setting, ``(value, label)``: a
        vertical line. With two, ``(xs, ys, label)``: a dashed curve through the
        points, or a ring with one point (a theory's boundary, an optimum).
    tol : float, default 1e-6
        A run converges when its loss gets below ``f(minimum) + tol``.
    xlim, ylim : tuple of float, optional
        The view of the path.
    title : str, optional

    Returns
    -------
    Explorable

    See Also
    --------
    gradient_descent : The learning rate of plain gradient descent.

    Examples
    --------
    Any factory of optimizers will do; here plain descent, with its rate given
    as a base and a factor:

    >>> from gdbook import bowl
    >>> from gdbook.explore import hyperparameters
    >>> from gdbook.optimizers import sgd
    >>> explorable = hyperparameters(
    ...     bowl, [-3.0, 4.0], optimizer=lambda base, factor: sgd(base * factor),
    ...     grid={"base": [0.1, 0.2], "factor": [1.0, 2.0, 5.0]}, steps=20)
    >>> explorable.frame(base=0.2, factor=5.0).readouts["behaviour"]
    'bounces between two points'
    >>> explorable.frame(base=0.1, factor=2.0).readouts["optimizer"]
    'sgd(lr=0.2)'
    """
    problem = _Problem.make(f, x0, grad, minimum)
    if not callable(optimizer):
        raise TypeError(f"optimizer must be callable, got {type(optimizer).__name__}")
    names = list(grid)
    if len(names) not in (1, 2):
        raise ValueError(f"grid must name one or two settings, got {names}")
    labels = {name: name for name in names} | dict(labels or {})
    defaults = dict(defaults or {})
    sliders = [
        Slider(name, labels[name], grid[name], default=defaults.get(name))
        for name in names
    ]
    steps = check_non_negative_int(steps, "steps")
    settings = list(itertools.product(*(s.values for s in sliders)))
    traces = [
        gdbook.gradient_descent(
            problem.grad,
            problem.start,
            steps=steps,
            optimizer=optimizer(**dict(zip(names, setting, strict=True))),
            loss=f,
        )
        for setting in settings
    ]
    losses = [t.losses - problem.f_min for t in traces]
    low, high = log_range(np.concatenate(losses))
    # Diverging runs leave through the top, above the start's decade + 8.
    start_decade = math.ceil(math.log10(max(losses[0][0], 1e-300)))
    loss_lim = (low, max(min(high, 10.0 ** (start_decade + 8)), low * 10))
    ylabel = "loss" if problem.f_min == 0 else "loss − minimum"

    figure = Figure(720, 340)
    path_ax = _path_panel(figure, problem, xlim, ylim)
    loss_ax = figure.axes(
        (410, 24, 290, 90), xlim=(0, max(steps, 1)), ylim=loss_lim, yscale="log"
    )
    loss_ax.frame("step k", ylabel, title=f"{ylabel} at each step")
    loss_ax.series("loss", "gdx-path")
    first = sliders[0]
    x_lim, x_scale = axis_range(first.values)
    if len(sliders) == 1:
        last_ax = figure.axes(
            (410, 166, 290, 130),
            xlim=x_lim,
            ylim=loss_lim,
            xscale=x_scale,
            yscale="log",
        )
        for value, label in guides:
            last_ax.vline(value, label=label)
        last_ax.frame(first.label, ylabel, title=f"{ylabel} after {steps} steps")
        last_ax.line(first.values, [loss[-1] for loss in losses])
        last_ax.series("here", "gdx-here")

        def marker(k, loss):
            return last_ax.diamond(first.values[k], loss[-1])

        panels = (
            f"the {ylabel} at each step (log scale), and after {steps} steps for "
            f"every {first.label}, the selected one marked."
        )
    else:
        second = sliders[1]
        y_scale = axis_range(second.values)[1]
        x_edges = cell_edges(first.values, x_scale)
        y_edges = cell_edges(second.values, y_scale)
        last_ax = figure.axes(
            (410, 166, 290, 130),
            xlim=(x_edges[0], x_edges[-1]),
            ylim=(y_edges[0], y_edges[-1]),
            xscale=x_scale,
            yscale=y_scale,
        )
        for (i, j), trace, loss in zip(
            itertools.product(range(len(first.values)), range(len(second.values))),
            traces,
            losses,
            strict=True,
        ):
            cls, shade = _outcome(trace, loss, tol)
            last_ax.rect(
                x_edges[i], x_edges[i + 1], y_edges[j], y_edges[j + 1], cls, shade
            )
        guide_labels = []
        for xs, ys, label in guides:
            if len(xs) == 1:
                last_ax.ring(xs[0], ys[0], label)
            else:
                last_ax.line(xs, ys, cls="gdx-mark")
            guide_labels.append(label)
        last_ax.frame(
            first.label,
            second.label,
            title="Every run: stronger colour, faster; red, diverges",
        )
        last_ax.series("here", "gdx-box")
        shape = (len(first.values), len(second.values))

        def marker(k, loss):
            i, j = np.unravel_index(k, shape)
            return last_ax.box(x_edges[i], x_edges[i + 1], y_edges[j], y_edges[j + 1])

        panels = (
            f"the {ylabel} at each step (log scale), and every run of the grid, "
            f"{first.label} across and {second.label} up: the stronger its colour, "
            f"the sooner its loss gets below {tol:g}; red, it diverges; the selected "
            "run outlined"
            + (f"; marked: {', '.join(guide_labels)}." if guide_labels else ".")
        )
    runs = [
        (
            ", ".join(
                f"{s.label} {s.texts[s.values.index(v)]}"
                for s, v in zip(sliders, setting, strict=True)
            ),
            trace,
        )
        for setting, trace in zip(settings, traces, strict=True)
    ]
    frames = _frames(
        problem,
        runs,
        steps,
        tol,
        path_ax,
        loss_ax,
        marker,
        lambda trace: {"optimizer": repr(trace.optimizer)},
    )
    name = traces[0].optimizer.name
    return Explorable(
        title or f"{name} on {problem.name}",
        sliders,
        figure,
        frames,
        caption=f"From {problem.where}, {steps} steps. Move the sliders to change "
        "the settings.",
        legend=f"{name} on {problem.name} from {problem.where}, {steps} steps. "
        f"Left, the path; right, {panels}",
    )
