"""Explorers of gradient descent: the learning rate, or any optimizer's settings.

Each runs :func:`gdbook.gradient_descent` once per value on its grid and draws the
selected run: its path, its loss at each step, and how every run of the grid ended.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Mapping, Sequence

import numpy as np
from matplotlib import ticker
from matplotlib.patches import Rectangle

import gdbook
from gdbook._validation import (
    as_float_array,
    check_at_least,
    check_callable,
    check_positive_finite,
    returned_array,
    returned_scalar,
)
from gdbook.explore._draw import ACCENT, DANGER, FG, MUTED, WARN, Panel, style
from gdbook.explore._figure import (
    MAX_FRAMES,
    Explorable,
    Frame,
    Slider,
    grid_values,
    value_text,
)
from gdbook.testfunctions import Objective

#: The most updates a run may make: every point of every run is stored in the page.
MAX_STEPS = 5000


def behaviour(trace, minimum, tol: float) -> str:
    """How a run went, read from its trace: converges, crawls, oscillates, diverges.

    ``trace`` is a run with its losses recorded; ``minimum`` the minimiser (to tell
    whether successive steps overshoot it); a run *converges* when its loss gets
    below ``tol`` (the minimum's value subtracted or zero).

    >>> from gdbook import gradient_descent, parabola
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
    return (
        "oscillates, converging slowly"
        if oscillating
        else ("crawls: still far from the minimum")
    )


def check_frames(sizes: Mapping[str, int]) -> None:
    """Refuse a grid of more than :data:`MAX_FRAMES` runs, naming its arguments."""
    if math.prod(sizes.values()) > MAX_FRAMES:
        asked = " × ".join(f"{n} {name}" for name, n in sizes.items())
        raise ValueError(
            f"{asked} = {math.prod(sizes.values())} runs; an explorable stores at "
            f"most {MAX_FRAMES}: pass fewer values"
        )


def _text(value: float) -> str:
    return f"{value:g}".replace("-", "−")


def log_axis(ax, axis: str, low: float, high: float) -> None:
    """A log axis from ``low`` to ``high``, its ticks placed by matplotlib."""
    getattr(ax, f"set_{axis}scale")("log")
    getattr(ax, f"set_{axis}lim")(low, high)
    target = ax.xaxis if axis == "x" else ax.yaxis
    target.set_major_locator(ticker.LogLocator(numticks=5))
    target.set_major_formatter(  # 1e−8: no mathtext (slow to set up, heavy)
        lambda v, _: f"1e{round(math.log10(v))}".replace("-", "−") if v > 0 else ""
    )
    target.set_minor_formatter(ticker.NullFormatter())


def log_limits(values, cap: float | None = None) -> tuple[float, float]:
    """Whole decades around the positive finite ``values`` (top at most ``cap``)."""
    values = np.asarray(values, float)
    values = values[np.isfinite(values) & (values > 1e-30)]
    if values.size == 0:
        return 1e-3, 1.0
    low, high = (
        math.floor(math.log10(values.min())),
        math.ceil(math.log10(values.max())),
    )
    if cap is not None:
        high = min(high, math.ceil(math.log10(cap)))
    return 10.0**low, 10.0 ** max(high, low + 1)


class _Problem:
    """A function to minimise, checked at the boundary: where to start, where the
    minimum is, and that ``f`` and ``grad`` take the start."""

    def __init__(self, f, x0, grad, minimum) -> None:
        self.f = check_callable(f, "f")
        if isinstance(f, Objective):
            grad = f.grad if grad is None else grad
            minimum = f.minimum if minimum is None else minimum
        if grad is None or minimum is None:
            raise TypeError("grad and minimum must be given when f is not an Objective")
        self.grad = check_callable(grad, "grad")
        self.start = as_float_array(x0, "x0")
        dim = getattr(f, "dim", self.start.size)
        if self.start.size not in (1, 2) or self.start.size != dim:
            raise ValueError(
                f"x0 must be a point of {dim if dim in (1, 2) else 'one or two'} "
                f"coordinate(s) for {getattr(f, 'name', 'f')}, got {x0!r}"
            )
        self.low_point = as_float_array(minimum, "minimum")
        if self.low_point.size != self.start.size:
            raise ValueError(
                f"minimum must have x0's shape {self.start.shape}, got {minimum!r}"
            )
        self.low_point = self.low_point.reshape(self.start.shape)
        try:
            returned = self.grad(self.start.copy())
        except (IndexError, TypeError, ValueError) as error:
            raise ValueError(
                f"grad fails at x0={x0!r} ({error}): does f take "
                f"{self.start.size} coordinate(s)?"
            ) from error
        returned_array(returned, "grad", self.start.shape)
        self.f_min = returned_scalar(f(self.low_point.copy()), "f", finite=True)
        self.name = getattr(f, "name", None) or getattr(f, "__name__", "f")
        self.where = (
            f"x = {_text(float(self.start.reshape(())))}"
            if self.start.size == 1
            else "(" + ", ".join(_text(float(v)) for v in self.start) + ")"
        )


def _values_on_grid(f: Callable, grid_x, grid_y):
    """``f`` on a grid: ``value_at`` of an Objective, else on stacked coordinates,
    else point by point."""
    if isinstance(f, Objective):
        return f.value_at(grid_x, grid_y)
    try:
        z = np.asarray(f(np.stack([grid_x, grid_y])), dtype=np.float64)
        if z.shape == grid_x.shape:
            return z
    except Exception:  # a function of one point only
        pass
    points = zip(grid_x.ravel(), grid_y.ravel(), strict=True)
    return np.array([f(np.array(p)) for p in points]).reshape(grid_x.shape)


def _panels(problem: _Problem, steps: int, loss_lim, ylabel, xlim, ylim):
    """The path (left, on the curve or level lines) and the loss by step."""
    path = Panel(330, 330, tall=True)
    start, low, f, ax = problem.start, problem.low_point, problem.f, path.ax
    span = float(np.max(np.abs(start - low))) or 1.0
    with style():
        if start.size == 1:
            m = float(low.reshape(()))
            xlim = xlim or (m - 2 * span, m + 2 * span)
            curve_x = np.linspace(*xlim, 241)
            curve_y = np.array([f(v) for v in curve_x])
            ax.plot(curve_x, curve_y, color=MUTED)
            ax.set(xlim=xlim, ylim=ylim or (None, curve_y.max() * 1.05))
            ax.set(xlabel="x", ylabel="f(x)", title="the path on f")
            ax.xaxis.set_major_locator(ticker.MaxNLocator(6))
        else:
            xlim = xlim or (low[0] - 1.375 * span, low[0] + 1.375 * span)
            ylim = ylim or (low[1] - 1.375 * span, low[1] + 1.375 * span)
            grid = np.meshgrid(np.linspace(*xlim, 81), np.linspace(*ylim, 81))
            z = _values_on_grid(f, *grid)
            top = min(z[0].max(), z[:, 0].max(), z[-1].max(), z[:, -1].max())
            levels = (
                problem.f_min + (top - problem.f_min) * np.linspace(0.1, 1, 10) ** 2
            )
            ax.contour(*grid, z, levels=levels, colors=MUTED, linewidths=0.8, alpha=0.6)
            ax.set(xlim=xlim, ylim=ylim, xlabel="x₀", ylabel="x₁", aspect="equal")
            ax.set_title("the path on the level lines of f")
        path.add_series("path", dots=True, color=ACCENT, linewidth=1)
        loss = Panel(360, 165)
        loss.ax.set_xlim(0, max(steps, 1))
        log_axis(loss.ax, "y", *loss_lim)
        loss.ax.set(xlabel="step k", ylabel=ylabel, title=f"{ylabel} at each step")
        loss.add_series("loss", color=ACCENT)
    return path, loss


def _frames(problem, runs, steps, tol, path, loss_panel, marker, extra=None):
    """One frame per run: ``runs`` holds each run's setting (as text) and trace."""
    frames = []
    for k, (setting, trace) in enumerate(runs):
        loss = trace.losses - problem.f_min
        how = behaviour(trace, problem.low_point, tol)
        below = np.flatnonzero(loss < tol)
        x_text = str(trace.x) + (
            f" (stopped at step {trace.steps_taken}: overflow)"
            if trace.diverged
            else ""
        )
        readouts = {
            f"x after {steps} steps": x_text,
            f"loss after {steps} steps": f"{trace.loss:.6g}",
            f"first step with loss below {tol:g}": (
                str(int(below[0])) if below.size else f"none in {steps}"
            ),
            "behaviour": how,
        } | (extra(trace) if extra else {})
        xy = (trace.xs, trace.losses) if problem.start.size == 1 else trace.xs.T
        frames.append(
            Frame(
                paths={
                    "path": path.encode(*xy),
                    "loss": loss_panel.encode(
                        np.arange(len(loss)), loss, simplify=True
                    ),
                    "here": marker(k, loss),
                },
                readouts=readouts,
                description=(
                    f"{setting}: it {how}. After {steps} steps x = {x_text}, "
                    f"loss {trace.loss:.6g}."
                ),
            )
        )
    return frames


def learning_rate_explorer(
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
    r"""The learning rate η of gradient descent as a slider.

    Runs ``gdbook.gradient_descent(grad, x0, lr=lr, steps=steps, loss=f)`` for
    each rate of ``lrs`` (at most 200, ``steps`` at most 5,000) and shows the
    selected run: its path (on the curve of ``f`` of one variable, on the level
    lines of ``f`` of two), its loss at each step, and the loss after ``steps``
    steps for every rate. ``grad`` and ``minimum`` default to those of an
    :class:`~gdbook.Objective`; ``smoothness`` :math:`L` marks :math:`1/L` (steps
    overshoot above it) and :math:`2/L` (a quadratic diverges above it); a run
    converges when its loss gets below ``f(minimum) + tol``; ``lr_scale`` is
    ``"linear"`` or ``"log"`` (log when the rates span more than a factor 20).

    >>> from gdbook import parabola
    >>> explorer = learning_rate_explorer(parabola, 5.0, lrs=[0.1, 0.5, 1.1],
    ...                                   steps=50, smoothness=2.0)
    >>> explorer.frame(lr=0.1).readouts["x after 50 steps"]
    '7.136238463529802e-05'
    >>> explorer.frame(lr=1.1).readouts["behaviour"]
    'diverges, oscillating'
    """
    problem = _Problem(f, x0, grad, minimum)
    lrs = tuple(check_positive_finite(v, "lrs") for v in grid_values(lrs, "lrs"))
    slider = Slider("lr", "learning rate η", lrs, default=default)
    steps = check_at_least(steps, "steps", 1)
    if steps > MAX_STEPS:
        raise ValueError(f"steps={steps}: an explorable stores at most {MAX_STEPS}")
    traces = [
        gdbook.gradient_descent(problem.grad, problem.start, lr=lr, steps=steps, loss=f)
        for lr in lrs
    ]
    losses = [t.losses - problem.f_min for t in traces]
    loss_lim = log_limits(np.concatenate(losses), cap=losses[0][0] * 1e8)
    ylabel = "loss" if problem.f_min == 0 else "loss − minimum"
    path, loss_panel = _panels(problem, steps, loss_lim, ylabel, xlim, ylim)
    sweep = Panel(360, 165)
    ax, marked = sweep.ax, ""
    with style():
        if lr_scale == "log" or (lr_scale is None and max(lrs) > 20 * min(lrs)):
            log_axis(ax, "x", min(lrs) / 1.5, max(lrs) * 1.5)
        else:
            ax.set_xlim(0, max(lrs) * 1.04)
        log_axis(ax, "y", *loss_lim)
        if smoothness is not None:
            two = 2 / check_positive_finite(smoothness, "smoothness")
            ax.axvspan(two / 2, two, color=WARN, alpha=0.13, lw=0)
            ax.axvspan(two, ax.get_xlim()[1], color=DANGER, alpha=0.13, lw=0)
            ax.axvline(two, color=DANGER, lw=1.2, ls="--")
            ax.text(
                two,
                0.95,
                f"2/L = {two:g} ",
                transform=ax.get_xaxis_transform(),
                va="top",
                ha="right",
                fontsize=9,
            )
            marked = f", with 2/L = {two:g} marked"
        ax.plot(lrs, [loss[-1] for loss in losses], color=MUTED)
        ax.set(
            xlabel="learning rate η",
            ylabel=ylabel,
            title=f"{ylabel} after {steps} steps, every η",
        )
        sweep.add_series("here", patch=True, facecolor=ACCENT, edgecolor=FG)
    frames = _frames(
        problem,
        [
            (f"learning rate {value_text(lr)}", t)
            for lr, t in zip(lrs, traces, strict=True)
        ],
        steps,
        tol,
        path,
        loss_panel,
        lambda k, loss: sweep.diamond(lrs[k], loss[-1]),
    )
    return Explorable(
        title or f"Gradient descent on {problem.name}",
        [slider],
        [path, loss_panel, sweep],
        frames,
        runs=traces,
        caption=f"From {problem.where}, {steps} steps. Move the slider to change "
        "the learning rate.",
        legend=f"Gradient descent on {problem.name} from {problem.where}, {steps} "
        f"steps. Left, the path; right, the {ylabel} at each step (log scale), and "
        f"after {steps} steps for every learning rate, the selected one "
        f"marked{marked}.",
    )


def _edges(values: Sequence[float]) -> np.ndarray:
    """Cell edges around sorted ``values`` (halfway between neighbours)."""
    v = np.asarray(values, float)
    middle = (v[1:] + v[:-1]) / 2 if v.size > 1 else np.array([])
    half = (v[1] - v[0]) / 2 if v.size > 1 else 0.5
    first = v[0] - (middle[0] - v[0] if v.size > 1 else half)
    last = v[-1] + (v[-1] - middle[-1] if v.size > 1 else half)
    return np.r_[first, middle, last]


def optimizer_explorer(
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
    r"""Two settings of an optimizer as sliders.

    Runs ``gdbook.gradient_descent(grad, x0, steps=steps,
    optimizer=optimizer(**setting), loss=f)`` for every setting of ``grid`` (two
    names, each with its values, at most 600 runs) and shows the selected run:
    its path, its loss at each step, and the plane of settings, each run a cell:
    the stronger its colour, the sooner its loss gets below ``tol``; red where it
    diverges. ``guides`` are ``(xs, ys, label)``: a dashed curve, or a ring for
    one point. ``labels`` and ``defaults`` name and set the sliders; ``grad``,
    ``minimum``, ``xlim``, ``ylim`` as for :func:`learning_rate_explorer`.

    >>> from gdbook import bowl
    >>> from gdbook.optimizers import sgd
    >>> explorer = optimizer_explorer(
    ...     bowl, [-3.0, 4.0], optimizer=lambda base, factor: sgd(base * factor),
    ...     grid={"base": [0.1, 0.2], "factor": [1.0, 2.0, 5.0]}, steps=20)
    >>> explorer.frame(base=0.2, factor=5.0).readouts["behaviour"]
    'bounces between two points'
    """
    problem = _Problem(f, x0, grad, minimum)
    check_callable(optimizer, "optimizer")
    names = list(grid)
    if len(names) != 2:
        raise ValueError(f"grid must name two settings, got {names}")
    check_frames({f"grid[{n!r}]": np.size(grid[n]) for n in names})
    labels = {name: name for name in names} | dict(labels or {})
    sliders = [
        Slider(
            n,
            labels[n],
            grid_values(grid[n], f"grid[{n!r}]"),
            default=dict(defaults or {}).get(n),
        )
        for n in names
    ]
    steps = check_at_least(steps, "steps", 1)
    if steps > MAX_STEPS:
        raise ValueError(f"steps={steps}: an explorable stores at most {MAX_STEPS}")
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
    loss_lim = log_limits(np.concatenate(losses), cap=losses[0][0] * 1e8)
    ylabel = "loss" if problem.f_min == 0 else "loss − minimum"
    path, loss_panel = _panels(problem, steps, loss_lim, ylabel, xlim, ylim)
    plane = Panel(360, 165)
    first, second = sliders
    x_edges, y_edges = _edges(first.values), _edges(second.values)
    ax = plane.ax
    with style():
        ax.set(xlim=x_edges[[0, -1]], ylim=y_edges[[0, -1]])
        for (i, j), trace, loss in zip(
            itertools.product(range(len(x_edges) - 1), range(len(y_edges) - 1)),
            traces,
            losses,
            strict=True,
        ):
            below = np.flatnonzero(loss < tol)
            if trace.diverged or loss[-1] > loss[0]:
                colour, alpha = DANGER, 0.45
            else:
                colour = ACCENT
                alpha = 0.05 if below.size == 0 else 0.1 + 0.55 * (1 - below[0] / steps)
            ax.add_patch(
                Rectangle(
                    (x_edges[i], y_edges[j]),
                    x_edges[i + 1] - x_edges[i],
                    y_edges[j + 1] - y_edges[j],
                    color=colour,
                    alpha=round(alpha, 2),
                    lw=0,
                )
            )
        for xs, ys, _ in guides:
            if len(xs) == 1:
                ax.plot(xs, ys, "o", mfc="none", mec=FG, ms=9, mew=1.5)
            else:
                ax.plot(xs, ys, color=DANGER, lw=1.2, ls="--")
        ax.set(
            xlabel=first.label,
            ylabel=second.label,
            title="every run: stronger, faster; red, diverges",
        )
        plane.add_series("here", color=FG, linewidth=2.5)
    shape = (len(first.values), len(second.values))

    def marker(k, loss):
        i, j = np.unravel_index(k, shape)
        xs = x_edges[[i, i + 1, i + 1, i, i]]
        return plane.encode(xs, y_edges[[j, j, j + 1, j + 1, j]])

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
        path,
        loss_panel,
        marker,
        lambda trace: {"optimizer": repr(trace.optimizer)},
    )
    name = traces[0].optimizer.name
    marked = ", ".join(label for *_, label in guides)
    return Explorable(
        title or f"{name} on {problem.name}",
        sliders,
        [path, loss_panel, plane],
        frames,
        runs=traces,
        caption=f"From {problem.where}, {steps} steps. Move the sliders to change "
        "the settings.",
        legend=f"{name} on {problem.name} from {problem.where}, {steps} steps. "
        f"Left, the path; right, the {ylabel} at each step (log scale), and every "
        f"run of the grid, {first.label} across and {second.label} up: the "
        f"stronger its colour, the sooner its loss gets below {tol:g}; red, it "
        "diverges; the selected run outlined"
        + (f"; marked: {marked}." if marked else "."),
    )
