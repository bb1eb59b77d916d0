"""The explorers: a gdbook call run once per setting of a grid, drawn as a figure."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Mapping, Sequence
from typing import Any, cast

import numpy as np
from numpy.typing import ArrayLike

import gdbook
from gdbook import _checks as c
from gdbook.explore import _figure as fig
from gdbook.explore._figure import ACCENT, DANGER, FG, MUTED, WARN, Panel
from gdbook.explore._zh import Said, join, say, words
from gdbook.optimizers import Optimizer
from gdbook.testfunctions import Objective

#: The most steps a descent may make, and all the descents' steps together (every
#: point is stored in the page).
MAX_STEPS, MAX_POINTS = 5000, 50_000
#: The sliders' labels of the settings the explorers know.
LABELS = {k: say(v) for k, v in (("lr", "learning rate η"), ("momentum", "momentum β"))}


def behaviour(run: Any, minimum: np.ndarray, tol: float, low: float = 0.0) -> Said:
    """What a run did: converges (its loss below ``low + tol``), crawls, oscillates
    (crossing ``minimum``) or diverges."""
    if run.diverged:
        return say("diverges: overflow at step {k}", k=run.steps_taken + 1)
    off = (run.xs - minimum).reshape(len(run.xs), -1)
    turns = np.einsum("ij,ij->i", off[:-1], off[1:]) < 0  # crossed the minimum
    swings = bool(turns.size and np.count_nonzero(turns) > turns.size / 2)
    losses = run.losses - low
    first, last = losses[0], losses[-1]
    if last > first * (1 + 1e-9):
        return say("diverges" + ", oscillating" * swings)
    if np.any(losses < tol):
        return say("converges" + ", oscillating" * swings)
    if last < 1e-2 * first:
        return say(
            "converging, but not below {tol:g} in {n} steps", tol=tol, n=len(losses) - 1
        )
    if abs(last - first) <= 1e-9 * abs(first):
        return say("bounces between two points" if swings else "stays where it is")
    if swings:
        return say("oscillates, converging slowly")
    return say("crawls: still far from the minimum")


#: What the descent explorers check of their common arguments.
_PROBLEM: dict[str, c.Check] = dict(
    f=c.Function(),
    x0=c.Array(),
    steps=c.Count(1, MAX_STEPS),
    grad=c.Optional(c.Function(returns=c.Array(shape="x0", finite=False))),
    minimum=c.Optional(c.Array(shape="x0")),
    tol=c.Positive(),
    title=c.Optional(words),
)


def _problem(f: Any, x0: Any, grad: Any, minimum: Any) -> tuple[Any, Any, float]:
    """``f``'s gradient, minimiser and least value (an Objective's by default); a
    start ``x0`` that ``f`` does not take is refused."""
    if x0.size not in (1, 2) or x0.size != getattr(f, "dim", x0.size):
        why = "a point of 1 or 2 coordinates that f takes"
        raise c.ArgumentValueError("x0", f"x0 must be {why}, got {x0.tolist()}")
    if isinstance(f, Objective):
        grad = f.grad if grad is None else grad
        if minimum is None and f.minimum is not None:
            minimum = np.reshape(f.minimum, x0.shape)
    for name, given in (("grad", grad), ("minimum", minimum)):
        if given is None:
            raise c.ArgumentTypeError(name, f"{name} must be given for this f")
    for name, point in (("x0", x0), ("minimum", minimum)):
        if np.max(np.abs(point)) > 1e150:  # the picture spans ±1.4 x0 - minimum
            raise c.ArgumentValueError(name, f"{name} must lie in ±1e150 to be drawn")
    try:
        grad(x0.copy())
        return grad, minimum, c.Scalar(finite=True)(f(minimum.copy()), "f(minimum)")
    except c.ArgumentValueError as error:
        raise c.ArgumentValueError("minimum", str(error)) from None
    except c.ArgumentTypeError:
        raise
    except (IndexError, TypeError, ValueError) as error:
        raise c.ArgumentValueError("x0", f"f or grad fails at x0: {error}") from None


def _descent(
    f: Any,
    x0: Any,
    steps: int,
    tol: float,
    title: Any,
    sliders: list[fig.Slider],
    optimizers: list[Optimizer],
    draw_last: Callable[[Panel, list[np.ndarray]], Callable[[int], Any]],
    legend: Said,
    problem: tuple[Any, Any, float],
) -> fig.Explorable:
    """Run each optimizer; draw the path and loss panels, and the last one with
    ``draw_last(panel, losses)``, which returns each run's marker there."""
    grad, minimum, low = problem
    if len(optimizers) * steps > MAX_POINTS:
        why = f"{len(optimizers)} runs × {steps} steps: at most {MAX_POINTS} in all"
        raise c.ArgumentValueError("steps", f"steps={steps} makes {why}")
    runs = [
        gdbook.gradient_descent(grad, x0, steps=steps, optimizer=o, loss=f)
        for o in optimizers
    ]
    losses = [cast(np.ndarray, run.losses) - low for run in runs]  # recorded
    ylabel = say("loss" if low == 0 else "loss − minimum")
    path, loss, last = Panel(330, 330, tall=True), Panel(360, 165), Panel(360, 165)
    reach = float(np.max(np.abs(x0 - minimum))) or 1.0
    with fig.style():
        if x0.size == 1:
            xs = minimum.item() + np.linspace(-2 * reach, 2 * reach, 241)
            ys = np.array([f(v) for v in xs])
            path.ax.plot(xs, ys, color=MUTED)
            path.ax.set(xlim=xs[[0, -1]], ylim=(None, ys.max() * 1.05))
            path.label("x", "f(x)", say("the path on f"))
        else:
            span = 1.375 * reach
            mesh = np.meshgrid(*np.linspace(minimum - span, minimum + span, 81).T)
            if isinstance(f, Objective):
                z = np.asarray(f.value_at(*mesh))
            else:  # a function of one point: point by point
                z = np.apply_along_axis(f, 0, np.stack(mesh))
            top = min(z[0].max(), z[:, 0].max(), z[-1].max(), z[:, -1].max())
            levels = low + (top - low) * np.linspace(0.1, 1, 10) ** 2
            path.ax.contour(*mesh, z, levels, colors=MUTED, linewidths=0.8, alpha=0.6)
            path.ax.set_aspect("equal")
            path.label("x₀", "x₁", say("the path on the level lines of f"))
        path.add_series("path", dots=True, color=ACCENT, linewidth=1)
        fig.log_axis(loss.ax, "y", np.concatenate(losses), cap=losses[0][0] * 1e8)
        loss.ax.set_xlim(0, steps)
        loss.label(say("step k"), ylabel, say("{y} at each step", y=ylabel))
        loss.add_series("loss", color=ACCENT)
        marker = draw_last(last, losses)
        if not last.ax.get_ylabel():
            last.label(y=ylabel)
    frames = []
    settings = itertools.product(*(range(len(s.values)) for s in sliders))
    for k, (at, run, excess) in enumerate(zip(settings, runs, losses, strict=True)):
        how, below = behaviour(run, minimum, tol, low), np.flatnonzero(excess < tol)
        x = f"{run.x}"
        if run.diverged:
            x = say("{x} (stopped at step {k}: overflow)", x=x, k=run.steps_taken)
        readouts: dict[str, str] = {
            say("x after {n} steps", n=steps): x,
            say("loss after {n} steps", n=steps): f"{run.loss:.6g}",
            say("first step with loss below {tol:g}", tol=tol): (
                f"{below[0]}" if below.size else say("none in {n}", n=steps)
            ),
            say("behaviour"): how,
        }
        if len(sliders) > 1:
            readouts[say("optimizer")] = repr(run.optimizer)
        xy = (run.xs, run.losses) if x0.size == 1 else run.xs.T
        paths = {
            "path": path.encode(*xy),
            "loss": loss.encode(np.arange(steps + 1), excess, simplify=True),
            "here": marker(k),
        }
        named = (
            Said(f"{s.label} {s.text(i)}", f"{s.label.zh} {s.text(i)}")
            for s, i in zip(sliders, at, strict=True)
        )
        said = say(
            "{set}: it {how}. After {n} steps x = {x}, loss {loss:.6g}.",
            set=join(named),
            how=how,
            n=steps,
            x=x,
            loss=run.loss,
        )
        frames.append(fig.Frame(paths, readouts, said))
    where = ", ".join(f"{v:g}" for v in x0.ravel()).replace("-", "−")
    caption = say(
        "From {where}, {n} steps. Left, the path; right, the loss at each step (log "
        "scale), and {legend}",
        where=f"x = {where}" if x0.size == 1 else f"({where})",
        n=steps,
        legend=legend,
    )
    return fig.Explorable(title, caption, sliders, [path, loss, last], frames, runs)


def _name(f: Any) -> str:
    return str(getattr(f, "name", None) or getattr(f, "__name__", "f"))


@c.checked(**_PROBLEM, lrs=fig.grid(low=0), smoothness=c.Optional(c.Positive()))
def learning_rate_explorer(
    f: Callable[[np.ndarray], float],
    x0: ArrayLike,
    *,
    lrs: Sequence[float],
    steps: int,
    grad: Callable[[np.ndarray], ArrayLike] | None = None,
    minimum: ArrayLike | None = None,
    smoothness: float | None = None,
    default: float | None = None,
    tol: float = 1e-6,
    title: str | tuple[str, str] | None = None,
) -> fig.Explorable:
    """The learning rate η of gradient descent as a slider.

    Runs ``gdbook.gradient_descent(grad, x0, lr=lr, steps=steps, loss=f)`` for each
    rate and shows the selected run's path (on the curve of ``f``, or its level
    lines), its loss at each step, and the last loss of every rate.

    Parameters
    ----------
    f, x0 : callable and array_like
        The loss, of a point of one or two coordinates, and the start.
    lrs, steps : sequence of float and int
        The rates (at most 200) and the steps of each run (at most 5,000).
    grad, minimum : callable and array_like, optional
        The gradient of ``f`` and its minimiser (an :class:`~gdbook.Objective`'s).
    smoothness : float, optional
        The largest curvature λ_max: the rates above 1/λ_max and 2/λ_max are marked.
    default, tol : float, optional
        The rate shown first, and: a run converges below ``f(minimum) + tol``.
    title : str or (str, str), optional
        The figure's title, in English or in English and Chinese.

    Returns
    -------
    Explorable
        The figure; its ``runs`` are the runs, in the order of ``lrs``.

    Examples
    --------
    >>> from gdbook import parabola
    >>> explorable = learning_rate_explorer(parabola, 5.0, lrs=[0.1, 0.5, 1.1],
    ...                                     steps=50, smoothness=2.0)
    >>> explorable.frame(lr=0.1).readouts["x after 50 steps"]
    '7.136238463529802e-05'
    >>> explorable.frame(lr=1.1).readouts["behaviour"]
    'diverges, oscillating'
    """
    problem = _problem(f, x0, grad, minimum)
    slider = fig.Slider("lr", LABELS["lr"], lrs, fig.one_of(lrs, default, "default"))

    def draw_last(panel: Panel, losses: list[np.ndarray]) -> Callable[[int], Any]:
        ax = panel.ax
        if max(lrs) > 20 * min(lrs):
            fig.log_axis(ax, "x", [min(lrs) / 1.5, max(lrs) * 1.5])
        else:
            ax.set_xlim(0, max(lrs) * 1.04)
        fig.log_axis(ax, "y", np.concatenate(losses), cap=losses[0][0] * 1e8)
        if smoothness is not None:
            two = 2 / smoothness
            ax.axvspan(two / 2, two, color=WARN, alpha=0.13, lw=0)
            ax.axvspan(two, ax.get_xlim()[1], color=DANGER, alpha=0.13, lw=0)
            ax.axvline(two, color=DANGER, lw=1.2, ls="--")
            label = ax.text(two, 0.95, f"2/λ_max = {two:g} ", ha="right", va="top")
            label.set_transform(ax.get_xaxis_transform())
        ax.plot(lrs, [loss[-1] for loss in losses], color=MUTED)
        panel.label(LABELS["lr"], "", say("after {n} steps, every η", n=steps))
        panel.add_series("here", color=ACCENT, linewidth=2)
        return lambda k: panel.encode([lrs[k]] * 2, ax.get_ylim())

    two = 2 / smoothness if smoothness else 0
    marked = say("; 2/λ_max = {two:g} is marked", two=two) if two else ""
    legend = say("the last loss of every rate, the selected one upright{m}.", m=marked)
    title = title or say("Gradient descent on {f}", f=_name(f))
    runs = [gdbook.optimizers.sgd(lr) for lr in lrs]
    return _descent(
        f, x0, steps, tol, title, [slider], runs, draw_last, legend, problem
    )


def _edges(values: Sequence[float]) -> np.ndarray:
    """Cell edges halfway between neighbouring ``values`` (sorted)."""
    v = np.asarray(values, float)
    step = np.diff(v)[[0, -1]] if v.size > 1 else [1.0, 1.0]
    v = np.r_[v[0] - step[0], v, v[-1] + step[1]]
    edges: np.ndarray = (v[1:] + v[:-1]) / 2
    return edges


def _two(value: Any, name: str, given: Any = None) -> dict[str, tuple[float, ...]]:
    """A check: two names of settings, each with its values (at most 600 runs)."""
    if not (isinstance(value, Mapping) and len(value) == 2) or not all(
        isinstance(k, str) for k in value
    ):
        raise c.ArgumentTypeError(name, f"{name} must map two names to their values")
    grid = {k: fig.grid()(v, name) for k, v in value.items()}
    fig.check_runs(name, {f"{name}[{k!r}]": len(v) for k, v in grid.items()})
    return grid


def _guides(value: Any, name: str, given: Any = None) -> Any:
    """A check: a list of ``(xs, ys, label)``: two 1-D arrays of one length and a
    label (a str, or a pair of str: English, Chinese)."""
    guides = []
    for guide in value if isinstance(value, list | tuple) else [None]:
        if not (isinstance(guide, list | tuple) and len(guide) == 3) or not (
            np.shape(guide[0]) == np.shape(guide[1])
        ):
            raise c.ArgumentTypeError(name, f"{name} must be a list of (xs, ys, label)")
        xs, ys = (c.Array(ndim=1)(v, name) for v in guide[:2])
        guides.append((xs, ys, words(guide[2], name)))
    return guides


@c.checked(**_PROBLEM, optimizer=c.Function(), grid=_two, guides=_guides)
def optimizer_explorer(
    f: Callable[[np.ndarray], float],
    x0: ArrayLike,
    *,
    steps: int,
    grad: Callable[[np.ndarray], ArrayLike] | None = None,
    minimum: ArrayLike | None = None,
    tol: float = 1e-6,
    title: str | tuple[str, str] | None = None,
    optimizer: Callable[..., Optimizer],
    grid: Mapping[str, Sequence[float]],
    labels: Mapping[str, str | tuple[str, str]] | None = None,
    defaults: Mapping[str, float] | None = None,
    guides: Sequence[tuple[Any, ...]] = (),
) -> fig.Explorable:
    """Two settings of an optimizer as sliders.

    Runs ``gdbook.gradient_descent(grad, x0, steps=steps,
    optimizer=optimizer(**setting), loss=f)`` for every setting of ``grid`` and
    shows the selected run's path and loss, and the plane of settings, a cell a
    run: the stronger its colour, the sooner its loss gets below ``tol``; red, it
    diverges.

    Parameters
    ----------
    f, x0, steps, grad, minimum, tol, title : object
        As for :func:`learning_rate_explorer`.
    optimizer, grid : callable and mapping
        Makes an :class:`~gdbook.optimizers.Optimizer` of a setting (keywords);
        two names of settings, each with its values (at most 600 runs in all).
    labels, defaults : mapping, optional
        A slider's label (by default its name; ``lr``'s and ``momentum``'s are
        known), and its value shown first (its first).
    guides : sequence of tuple
        ``(xs, ys, label)`` drawn on the plane: a dashed line, or a ring on a point.

    Returns
    -------
    Explorable
        The figure; its ``runs`` are the runs, the second setting varying fastest.

    Examples
    --------
    >>> from gdbook import bowl
    >>> from gdbook.optimizers import sgd
    >>> explorable = optimizer_explorer(
    ...     bowl, [-3.0, 4.0], optimizer=lambda base, factor: sgd(base * factor),
    ...     grid={"base": [0.1, 0.2], "factor": [1.0, 2.0, 5.0]}, steps=20)
    >>> explorable.frame(base=0.2, factor=5.0).readouts["behaviour"]
    'bounces between two points'
    """
    problem = _problem(f, x0, grad, minimum)
    for name, value in (("labels", labels), ("defaults", defaults)):
        if not isinstance(value, Mapping | None) or not set(value or {}) <= set(grid):
            raise c.ArgumentValueError(name, f"{name} must map names of {list(grid)}")
    labels, defaults = labels or {}, defaults or {}
    sliders = []
    for n, values in grid.items():
        label = words(labels.get(n, LABELS.get(n, n)), "labels")
        start = fig.one_of(values, defaults.get(n), "defaults")
        sliders.append(fig.Slider(n, label, values, start))
    optimizers = []
    for setting in itertools.product(*grid.values()):
        try:
            made = optimizer(**dict(zip(grid, setting, strict=True)))
        except (TypeError, ValueError) as error:
            message = f"optimizer refuses {setting}: {error}"
            raise c.ArgumentValueError("grid", message) from None
        optimizers.append(c.Instance(Optimizer)(made, "what optimizer returns"))

    def draw_last(panel: Panel, losses: list[np.ndarray]) -> Callable[[int], Any]:
        fills = []
        for loss in losses:
            below = np.flatnonzero(loss < tol)
            fast = 0.05 if below.size == 0 else 0.1 + 0.55 * (1 - below[0] / steps)
            fills.append((DANGER, 0.45) if not loss[-1] <= loss[0] else (ACCENT, fast))
        outline = panel.cells([_edges(s.values) for s in sliders], fills)
        for xs, ys, _ in guides:  # a ring on one point, else a dashed line
            ring: dict[str, Any] = dict(ls="", marker="o", mfc="none", mec=FG, ms=9)
            line: dict[str, Any] = dict(ls="--", color=DANGER, lw=1.2)
            panel.ax.plot(xs, ys, **(ring if len(xs) == 1 else line))
        every = say("every run: stronger, faster; red, diverges")
        panel.label(sliders[0].label, sliders[1].label, every)
        return outline

    marks = [label for *_, label in guides]
    legend = say(
        "every run, {x} across and {y} up: the stronger its colour, the sooner its "
        "loss gets below {tol:g}; red, it diverges; the selected run outlined{marked}",
        x=sliders[0].label,
        y=sliders[1].label,
        tol=tol,
        marked=say("; marked: {m}.", m=join(marks)) if marks else say("."),
    )
    title = title or say("{o} on {f}", o=optimizers[0].name, f=_name(f))
    return _descent(
        f, x0, steps, tol, title, sliders, optimizers, draw_last, legend, problem
    )
