"""Explorers of gradient descent: the learning rate, or two settings of an optimizer.

Each runs :func:`gdbook.gradient_descent` once per setting of its grid and draws the
selected run (its path, its loss at each step) and how every run of the grid ended.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Mapping, Sequence
from typing import Any, cast

import numpy as np
from matplotlib.patches import Rectangle
from numpy.typing import ArrayLike, NDArray

import gdbook
from gdbook._checks import (
    Array,
    Count,
    Function,
    Positive,
    returned_array,
    returned_scalar,
)
from gdbook.descent import Trace
from gdbook.explore._draw import ACCENT, DANGER, FG, MUTED, WARN, Panel, log_axis, style
from gdbook.explore._figure import (
    Explorable,
    Frame,
    Slider,
    check_frames,
    grid_values,
)
from gdbook.optimizers import Optimizer
from gdbook.testfunctions import Objective

#: The most updates a run may make: every point of every run is stored in the page.
MAX_STEPS = 5000


def behaviour(trace: Trace, minimum: ArrayLike, tol: float) -> str:
    """How a run went: converges, crawls, oscillates or diverges.

    ``trace`` has its losses recorded (the minimum's value subtracted, or zero),
    ``minimum`` is the minimiser (to tell an overshoot), and a run converges when
    its loss gets below ``tol``.

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
    losses = cast(np.ndarray, trace.losses)  # recorded (the doc says so)
    deviations = (trace.xs - np.asarray(minimum)).reshape(len(trace.xs), -1)
    turns = np.einsum("ij,ij->i", deviations[:-1], deviations[1:]) < 0
    oscillating = turns.size > 0 and np.count_nonzero(turns) > turns.size / 2
    first, last = losses[0], losses[-1]
    how = ", oscillating" if oscillating else ""
    if last > first * (1 + 1e-9):
        return "diverges" + how
    if np.any(losses < tol):
        return "converges" + how
    if last < 1e-2 * first:
        return f"converging, but not below {tol:g} in {trace.steps_taken} steps"
    if abs(last - first) <= 1e-9 * abs(first):
        return "bounces between two points" if oscillating else "stays where it is"
    if oscillating:
        return "oscillates, converging slowly"
    return "crawls: still far from the minimum"


class _Problem:
    """``f`` to minimise from ``x0``, checked at the boundary: ``grad`` and ``minimum``
    (an Objective's by default) fit the start, and ``f`` takes it."""

    def __init__(
        self,
        f: Callable[[NDArray[np.float64]], ArrayLike],
        x0: ArrayLike,
        grad: Callable[[NDArray[np.float64]], ArrayLike] | None,
        minimum: ArrayLike | None,
        steps: int,
    ) -> None:
        self.f = Function()(f, "f")
        if isinstance(f, Objective):
            grad = f.grad if grad is None else grad
            minimum = f.minimum if minimum is None else minimum
        if grad is None or minimum is None:
            raise TypeError("grad and minimum must be given when f is not an Objective")
        self.grad = Function()(grad, "grad")
        self.steps = Count(1)(steps, "steps")
        if self.steps > MAX_STEPS:
            raise ValueError(f"steps={steps}: an explorable stores at most {MAX_STEPS}")
        self.start = Array(nonempty=False)(x0, "x0")
        dim = getattr(f, "dim", self.start.size)
        if self.start.size not in (1, 2) or self.start.size != dim:
            raise ValueError(
                f"x0 must be a point of {dim if dim in (1, 2) else 'one or two'} "
                f"coordinate(s) for {getattr(f, 'name', 'f')}, got {x0!r}"
            )
        self.low = Array(nonempty=False)(minimum, "minimum")
        if self.low.size != self.start.size:
            raise ValueError(f"minimum must have x0's shape, got {minimum!r}")
        self.low = self.low.reshape(self.start.shape)
        try:
            returned = self.grad(self.start.copy())
        except (IndexError, TypeError, ValueError) as error:
            raise ValueError(
                f"grad fails at x0={x0!r} ({error}): does f take "
                f"{self.start.size} coordinate(s)?"
            ) from error
        returned_array(returned, "grad", self.start.shape)
        self.f_min = returned_scalar(f(self.low.copy()), "f", finite=True)
        self.name = getattr(f, "name", None) or getattr(f, "__name__", "f")
        where = ", ".join(f"{v:g}" for v in self.start.ravel()).replace("-", "−")
        self.where = f"x = {where}" if self.start.size == 1 else f"({where})"


def _explore(
    problem: _Problem,
    sliders: Sequence[Slider],
    optimizers: Sequence[Optimizer],
    tol: float,
    draw_last: Callable[[Panel, list[np.ndarray], tuple[float, float]], Any],
    title: str,
    legend: str,
    extra: Callable[[Trace], dict[str, str]] | None = None,
) -> Explorable:
    """Run every optimizer of ``optimizers`` (one per frame), draw the path and the
    loss panels, then the last panel with ``draw_last(panel, losses, loss_lim)``,
    which returns its ``marker(k, loss)``; the explorable of the runs."""
    steps, f, start, low = problem.steps, problem.f, problem.start, problem.low
    traces = [
        gdbook.gradient_descent(problem.grad, start, steps=steps, optimizer=o, loss=f)
        for o in optimizers
    ]
    # Every run records its loss (loss=f).
    losses = [cast(np.ndarray, t.losses) - problem.f_min for t in traces]
    ylabel = "loss" if problem.f_min == 0 else "loss − minimum"
    path, loss_panel, last = (
        Panel(330, 330, tall=True),
        Panel(360, 165),
        Panel(360, 165),
    )
    reach = float(np.max(np.abs(start - low))) or 1.0
    with style():
        ax = path.ax
        if start.size == 1:
            curve = np.linspace(low.item() - 2 * reach, low.item() + 2 * reach, 241)
            values = np.array([f(v) for v in curve])
            ax.plot(curve, values, color=MUTED)
            ax.set(xlim=curve[[0, -1]], ylim=(None, values.max() * 1.05), xlabel="x")
            ax.set(ylabel="f(x)", title="the path on f")
        else:
            grid = np.meshgrid(
                *np.linspace(low - 1.375 * reach, low + 1.375 * reach, 81).T
            )
            if isinstance(f, Objective):
                z = f.value_at(*grid)
            else:  # a function of one point: point by point
                z = np.apply_along_axis(f, 0, np.stack(grid))
            top = min(z[0].max(), z[:, 0].max(), z[-1].max(), z[:, -1].max())
            levels = (
                problem.f_min + (top - problem.f_min) * np.linspace(0.1, 1, 10) ** 2
            )
            ax.contour(*grid, z, levels=levels, colors=MUTED, linewidths=0.8, alpha=0.6)
            ax.set(xlabel="x₀", ylabel="x₁", aspect="equal")
            ax.set_title("the path on the level lines of f")
        path.add_series("path", dots=True, color=ACCENT, linewidth=1)
        cap = losses[0][0] * 1e8  # diverging runs leave through the top
        loss_lim = log_axis(loss_panel.ax, "y", np.concatenate(losses), cap=cap)
        loss_panel.ax.set(xlim=(0, steps), xlabel="step k", ylabel=ylabel)
        loss_panel.ax.set_title(f"{ylabel} at each step")
        loss_panel.add_series("loss", color=ACCENT)
        marker = draw_last(last, losses, loss_lim)
        last.ax.set_ylabel(last.ax.get_ylabel() or ylabel)
    frames = []
    settings = itertools.product(*(s.texts for s in sliders))
    for k, (setting, trace, loss) in enumerate(
        zip(settings, traces, losses, strict=True)
    ):
        how, below = behaviour(trace, low, tol), np.flatnonzero(loss < tol)
        stopped = f" (stopped at step {trace.steps_taken}: overflow)"
        x = str(trace.x) + (stopped if trace.diverged else "")
        readouts = {
            f"x after {steps} steps": x,
            f"loss after {steps} steps": f"{trace.loss:.6g}",
            f"first step with loss below {tol:g}": (
                str(below[0]) if below.size else f"none in {steps}"
            ),
            "behaviour": how,
        } | (extra(trace) if extra else {})
        xy = (trace.xs, trace.losses) if start.size == 1 else trace.xs.T
        paths = {
            "path": path.encode(*xy),
            "loss": loss_panel.encode(np.arange(steps + 1), loss, simplify=True),
            "here": marker(k, loss),
        }
        named = ", ".join(
            f"{s.label} {t}" for s, t in zip(sliders, setting, strict=True)
        )
        said = f"{named}: it {how}. After {steps} steps x = {x}, loss {trace.loss:.6g}."
        frames.append(Frame(paths, readouts, said))
    return Explorable(
        title,
        sliders,
        [path, loss_panel, last],
        frames,
        runs=traces,
        caption=f"From {problem.where}, {steps} steps. Move the slider"
        f"{'s' * (len(sliders) > 1)} to change the settings.",
        legend=f"{title}, from {problem.where}. Left, the path; right, the loss at "
        f"each step (log scale), and {legend}",
    )


def learning_rate_explorer(
    f: Callable[[NDArray[np.float64]], ArrayLike],
    x0: ArrayLike,
    *,
    lrs: Sequence[float],
    steps: int,
    grad: Callable[[NDArray[np.float64]], ArrayLike] | None = None,
    minimum: ArrayLike | None = None,
    smoothness: float | None = None,
    default: float | None = None,
    tol: float = 1e-6,
    title: str | None = None,
) -> Explorable:
    r"""The learning rate η of gradient descent as a slider: an :class:`Explorable`.

    Runs ``gdbook.gradient_descent(grad, x0, lr=lr, steps=steps, loss=f)`` for each
    rate of ``lrs`` (at most 200, ``steps`` at most 5,000) and shows the selected
    run: its path (on the curve of ``f`` of one variable, on the level lines of
    ``f`` of two), its loss at each step, and the loss after ``steps`` steps for
    every rate. ``grad`` and ``minimum`` default to those of an
    :class:`~gdbook.Objective`. ``smoothness``, the largest curvature
    :math:`\lambda_{\max}`, marks :math:`1/\lambda_{\max}` (above it steps
    overshoot) and :math:`2/\lambda_{\max}` (above it a quadratic diverges). A run
    converges when its loss gets below ``f(minimum) + tol``.

    >>> from gdbook import parabola
    >>> explorer = learning_rate_explorer(parabola, 5.0, lrs=[0.1, 0.5, 1.1],
    ...                                   steps=50, smoothness=2.0)
    >>> explorer.frame(lr=0.1).readouts["x after 50 steps"]
    '7.136238463529802e-05'
    >>> explorer.frame(lr=1.1).readouts["behaviour"]
    'diverges, oscillating'
    """
    problem = _Problem(f, x0, grad, minimum, steps)
    rates = [Positive()(v, "lrs") for v in grid_values(lrs, "lrs")]
    slider = Slider("lr", "learning rate η", rates, default=default)
    if smoothness is not None:
        smoothness = Positive()(smoothness, "smoothness")

    def draw_last(
        panel: Panel, losses: list[np.ndarray], loss_lim: tuple[float, float]
    ) -> Callable[[int, np.ndarray], np.ndarray]:
        ax = panel.ax
        if max(rates) > 20 * min(rates):
            log_axis(ax, "x", [min(rates) / 1.5, max(rates) * 1.5])
        else:
            ax.set_xlim(0, max(rates) * 1.04)
        log_axis(ax, "y", loss_lim)
        if smoothness is not None:
            two = 2 / smoothness
            ax.axvspan(two / 2, two, color=WARN, alpha=0.13, lw=0)
            ax.axvspan(two, ax.get_xlim()[1], color=DANGER, alpha=0.13, lw=0)
            ax.axvline(two, color=DANGER, lw=1.2, ls="--")
            where = ("data", "axes fraction")
            ax.annotate(
                f"2/λ_max = {two:g} ", (two, 0.95), xycoords=where, va="top", ha="right"
            )
        ax.plot(rates, [loss[-1] for loss in losses], color=MUTED)
        ax.set(xlabel="learning rate η", title=f"after {problem.steps} steps, every η")
        panel.add_series("here", patch=True, facecolor=ACCENT, edgecolor=FG)
        return lambda k, loss: panel.diamond(rates[k], loss[-1])

    marked = "" if smoothness is None else f", with 2/λ_max = {2 / smoothness:g} marked"
    return _explore(
        problem,
        [slider],
        [gdbook.optimizers.sgd(lr) for lr in rates],
        tol,
        draw_last,
        title or f"Gradient descent on {problem.name}",
        f"after the last step for every learning rate, the selected one{marked}.",
    )


def _edges(values: ArrayLike) -> np.ndarray:
    """Cell edges halfway between neighbouring ``values`` (sorted)."""
    v = np.asarray(values, float)
    step = np.diff(v)[[0, -1]] if v.size > 1 else [1.0, 1.0]
    v = np.r_[v[0] - step[0], v, v[-1] + step[1]]
    edges: np.ndarray = (v[1:] + v[:-1]) / 2
    return edges


def optimizer_explorer(
    f: Callable[[NDArray[np.float64]], ArrayLike],
    x0: ArrayLike,
    *,
    optimizer: Callable[..., Optimizer],
    grid: Mapping[str, Sequence[float]],
    steps: int,
    grad: Callable[[NDArray[np.float64]], ArrayLike] | None = None,
    minimum: ArrayLike | None = None,
    labels: Mapping[str, str] | None = None,
    defaults: Mapping[str, float] | None = None,
    guides: Sequence[tuple[Any, ...]] = (),
    tol: float = 1e-6,
    title: str | None = None,
) -> Explorable:
    r"""Two settings of an optimizer as sliders: an :class:`Explorable`.

    Runs ``gdbook.gradient_descent(grad, x0, steps=steps,
    optimizer=optimizer(**setting), loss=f)`` for every setting of ``grid`` (two
    names, each with its values; at most 600 runs) and shows the selected run: its
    path, its loss at each step, and the plane of settings, each run a cell: the
    stronger its colour, the sooner its loss gets below ``tol``; red where it
    diverges. ``guides`` are ``(xs, ys, label)``: a dashed curve, or a ring for one
    point. ``labels`` and ``defaults`` name and set the sliders; the other
    arguments are those of :func:`learning_rate_explorer`.

    >>> from gdbook import bowl
    >>> from gdbook.optimizers import sgd
    >>> explorer = optimizer_explorer(
    ...     bowl, [-3.0, 4.0], optimizer=lambda base, factor: sgd(base * factor),
    ...     grid={"base": [0.1, 0.2], "factor": [1.0, 2.0, 5.0]}, steps=20)
    >>> explorer.frame(base=0.2, factor=5.0).readouts["behaviour"]
    'bounces between two points'
    """
    problem = _Problem(f, x0, grad, minimum, steps)
    Function()(optimizer, "optimizer")
    if len(grid) != 2:
        raise ValueError(f"grid must name two settings, got {list(grid)}")
    check_frames({f"grid[{name!r}]": np.size(grid[name]) for name in grid})
    labels, defaults = dict(labels or {}), dict(defaults or {})
    sliders = [
        Slider(n, labels.get(n, n), grid_values(v, f"grid[{n!r}]"), defaults.get(n))
        for n, v in grid.items()
    ]
    settings = itertools.product(*(s.values for s in sliders))
    optimizers = [optimizer(**dict(zip(grid, s, strict=True))) for s in settings]
    edges = [_edges(s.values) for s in sliders]
    cells = list(itertools.product(range(len(edges[0]) - 1), range(len(edges[1]) - 1)))

    def draw_last(
        panel: Panel, losses: list[np.ndarray], loss_lim: tuple[float, float]
    ) -> Callable[[int, np.ndarray], np.ndarray]:
        (x_edges, y_edges), ax = edges, panel.ax
        ax.set(xlim=x_edges[[0, -1]], ylim=y_edges[[0, -1]])
        for (i, j), loss in zip(cells, losses, strict=True):
            below = np.flatnonzero(loss < tol)
            fast = 0.05 if below.size == 0 else 0.1 + 0.55 * (1 - below[0] / steps)
            bad = not loss[-1] <= loss[0]
            size = x_edges[i + 1] - x_edges[i], y_edges[j + 1] - y_edges[j]
            colour, alpha = (DANGER, 0.45) if bad else (ACCENT, round(fast, 2))
            ax.add_patch(Rectangle((x_edges[i], y_edges[j]), *size, lw=0, alpha=alpha))
            ax.patches[-1].set_color(colour)
        for xs, ys, _ in guides:  # a ring on one point, else a dashed line
            if len(xs) == 1:
                ax.plot(xs, ys, "o", mfc="none", mec=FG, ms=9, mew=1.5)
            else:
                ax.plot(xs, ys, "--", color=DANGER, lw=1.2)
        ax.set(xlabel=sliders[0].label, ylabel=sliders[1].label)
        ax.set_title("every run: stronger, faster; red, diverges")
        panel.add_series("here", color=FG, linewidth=2.5)
        ci, cj = np.array(cells).T
        i, j = ci[:, None] + [0, 1, 1, 0, 0], cj[:, None] + [0, 0, 1, 1, 0]
        return lambda k, _: panel.encode(x_edges[i[k]], y_edges[j[k]])

    name, marked = optimizers[0].name, ", ".join(label for *_, label in guides)
    return _explore(
        problem,
        sliders,
        optimizers,
        tol,
        draw_last,
        title or f"{name} on {problem.name}",
        f"every run of the grid, {sliders[0].label} across and {sliders[1].label} "
        f"up: the stronger its colour, the sooner its loss gets below {tol:g}; red, "
        "it diverges; the selected run outlined"
        + (f"; marked: {marked}." if marked else "."),
        lambda trace: {"optimizer": repr(trace.optimizer)},
    )
