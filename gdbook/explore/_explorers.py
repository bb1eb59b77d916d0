"""The descent explorers: a gdbook descent once per setting of a bounded grid, drawn
as its path beside a cell per run."""

from __future__ import annotations

import functools
import itertools
from collections.abc import Callable, Mapping, Sequence
from typing import Any, cast

import numpy as np
from numpy.typing import ArrayLike

import gdbook
from gdbook import _checks as c
from gdbook.explore import _figure as fig
from gdbook.explore._figure import ACCENT, MUTED, Panel, Said, say
from gdbook.optimizers import Optimizer
from gdbook.testfunctions import Objective

#: The most steps a descent may make, and all the descents' steps together (every
#: point is stored in the page).
MAX_STEPS, MAX_POINTS = 5000, 50_000
#: The sliders' labels of the settings the explorers know.
LABELS = {k: say(v) for k, v in (("lr", "learning rate η"), ("momentum", "momentum β"))}
#: What a frame says, and the figure's caption.
SAID = "{set}: it {how}. After {n} steps x = {x}, loss {loss:.6g}."
CAPTION = (
    "From {where}, {n} steps. Left, the path; right, every run, {axes}: the stronger "
    "its colour, the sooner its loss gets below {tol:g}; red, it diverges; the "
    "selected run outlined{marked}"
)
#: How the caption says where each slider's values go.
AXES = ("{s} across", "{s} up")
Loss = Callable[[np.ndarray], float]
Grad = Callable[[np.ndarray], ArrayLike] | None
Words = str | tuple[str, str]
Positives = functools.partial(fig.grid, low=0)


def behaviour(run: Any, minimum: ArrayLike, tol: float, low: float = 0.0) -> Said:
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
        n = len(losses) - 1
        return say("converging, but not below {tol:g} in {n} steps", tol=tol, n=n)
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
    title=c.Optional(fig.words),
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


def _path_panel(f: Any, x0: np.ndarray, minimum: Any, low: float) -> Panel:
    """The curve of ``f`` (of one coordinate) or its level lines (of two)."""
    path, reach = Panel(330, 330), float(np.max(np.abs(x0 - minimum))) or 1.0
    with fig.style():
        if x0.size == 1:
            xs = minimum.item() + np.linspace(-2 * reach, 2 * reach, 241)
            ys = np.array([f(v) for v in xs])
            path.ax.plot(xs, ys, color=MUTED)
            path.ax.set(xlim=xs[[0, -1]], ylim=(None, ys.max() * 1.05))
            path.ax.set(xlabel="x", ylabel="f(x)", title=say("the path on f"))
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
            title = say("the path on the level lines of f")
            path.ax.set(xlabel="x₀", ylabel="x₁", title=title)
        path.add_series("path", dots=True, color=ACCENT, linewidth=1)
    return path


def _name(f: Any) -> str:
    return str(getattr(f, "name", None) or getattr(f, "__name__", "f"))


@c.checked(**_PROBLEM, lrs=Positives, smoothness=c.Optional(c.Positive()))
def learning_rate_explorer(
    f: Loss,
    x0: ArrayLike,
    *,
    lrs: Sequence[float],
    steps: int,
    grad: Grad = None,
    minimum: ArrayLike | None = None,
    smoothness: float | None = None,
    default: float | None = None,
    tol: float = 1e-6,
    title: Words | None = None,
) -> fig.Explorable:
    """The learning rate η of gradient descent as a slider, a run for each rate.

    Parameters
    ----------
    f, x0, lrs, steps, grad, minimum : object
        As for :func:`optimizer_explorer`; ``lrs``, the rates (at most 200).
    smoothness, default : float, optional
        The largest curvature λ_max (2/λ_max is marked); the rate shown first.
    tol, title : object
        As for :func:`optimizer_explorer`.

    Returns
    -------
    Explorable
        :func:`optimizer_explorer`'s, of plain gradient descent on ``{"lr": lrs}``.

    Examples
    --------
    >>> from gdbook import parabola
    >>> e = learning_rate_explorer(parabola, 5.0, lrs=[0.1, 1.1], steps=50)
    >>> e.frame(lr=1.1).readouts["behaviour"]
    'diverges, oscillating'
    """
    fig.one_of(lrs, default, "default")
    two = 2 / smoothness if smoothness else None  # marked: a line across the cells
    # Checked already (optimizer_explorer's own checks ask for two settings).
    return optimizer_explorer.__wrapped__(  # type: ignore[attr-defined,no-any-return]
        f,
        x0,
        steps=steps,
        grad=grad,
        minimum=minimum,
        tol=tol,
        title=title or say("Gradient descent on {f}", f=_name(f)),
        optimizer=gdbook.optimizers.sgd,
        grid={"lr": lrs},
        defaults={"lr": default},
        guides=[([two, two], [-0.5, 0.5], f"2/λ_max = {two:g}")] if two else [],
    )


def _settings(value: Any, name: str, given: Any = None) -> dict[str, Any]:
    """A check: two names of settings, each with its values (at most 600 runs)."""
    if not (isinstance(value, Mapping) and len(value) == 2) or not all(
        isinstance(k, str) for k in value
    ):
        raise c.ArgumentTypeError(name, f"{name} must map two names to their values")
    grid = {k: fig.grid(v, name) for k, v in value.items()}
    fig.check_runs(name, {f"{name}[{k!r}]": len(v) for k, v in grid.items()})
    return grid


def _guides(value: Any, name: str, given: Any = None) -> list[Any]:
    """A check: a list of ``(xs, ys, label)``, ``xs`` and ``ys`` 1-D of one length,
    the label a str or a pair of str (English, Chinese)."""
    if not isinstance(value, list | tuple) or not all(
        isinstance(g, list | tuple) and len(g) == 3 and np.shape(g[0]) == np.shape(g[1])
        for g in value
    ):
        raise c.ArgumentTypeError(name, f"{name} must be a list of (xs, ys, label)")
    line = c.Array(ndim=1)
    return [(line(xs, name), line(ys, name), fig.words(t, name)) for xs, ys, t in value]


@c.checked(**_PROBLEM, optimizer=c.Function(), grid=_settings, guides=_guides)
def optimizer_explorer(
    f: Loss,
    x0: ArrayLike,
    *,
    steps: int,
    grad: Grad = None,
    minimum: ArrayLike | None = None,
    tol: float = 1e-6,
    title: Words | None = None,
    optimizer: Callable[..., Optimizer],
    grid: Mapping[str, Sequence[float]],
    labels: Mapping[str, Words] | None = None,
    defaults: Mapping[str, float | None] | None = None,
    guides: Sequence[tuple[Any, ...]] = (),
) -> fig.Explorable:
    """Two settings of an optimizer as sliders, a gradient descent run for each.

    Parameters
    ----------
    f, x0, steps, grad, minimum, tol, title : object
        The loss (of one or two coordinates), the start, each run's steps (5,000),
        ``f``'s gradient and minimiser (by default an :class:`~gdbook.Objective`'s),
        ``tol`` (converged: below ``f(minimum) + tol``), the title (English, Chinese).
    optimizer, grid, labels, defaults, guides : callable, mapping and list
        Makes an optimizer of a setting; two names of settings, with their values;
        sliders' labels and first values; ``(xs, ys, label)``: a dashed line or ring.

    Returns
    -------
    Explorable
        Each run's path, a cell a run (the stronger, the sooner below ``tol``).

    Examples
    --------
    >>> from gdbook import bowl, optimizers
    >>> optimizer_explorer(bowl, [1.0, 1.0], optimizer=optimizers.momentum, steps=9,
    ...                    grid={"lr": [0.2], "momentum": [0.5]}).runs[0].optimizer
    momentum(lr=0.2, momentum=0.5, nesterov=False)
    """
    x0 = cast(np.ndarray, x0)  # checked(): a float64 array
    grad, minimum, low = _problem(f, x0, grad, minimum)
    for name, value in (("labels", labels), ("defaults", defaults)):
        if not isinstance(value, Mapping | None) or not set(value or {}) <= set(grid):
            raise c.ArgumentValueError(name, f"{name} must map names of {list(grid)}")
    labels, defaults = labels or {}, defaults or {}
    sliders = []
    for n, values in grid.items():
        label = fig.words(labels.get(n, LABELS.get(n, n)), "labels")
        start = fig.one_of(values, defaults.get(n), "defaults")
        sliders.append(fig.Slider(n, label, values, start))
    rules = []
    for setting in itertools.product(*grid.values()):
        try:
            made = optimizer(**dict(zip(grid, setting, strict=True)))
        except (TypeError, ValueError) as error:
            message = f"optimizer refuses {setting}: {error}"
            raise c.ArgumentValueError("grid", message) from None
        rules.append(c.Instance(Optimizer)(made, "what optimizer returns"))
    if len(rules) * steps > MAX_POINTS:
        why = f"{len(rules)} runs × {steps} steps: at most {MAX_POINTS} in all"
        raise c.ArgumentValueError("steps", f"steps={steps} makes {why}")
    descend = functools.partial(gdbook.gradient_descent, grad, x0, steps=steps, loss=f)
    runs = [descend(optimizer=rule) for rule in rules]
    excess = [cast(np.ndarray, run.losses) - low for run in runs]  # recorded
    strengths = []
    for loss in excess:  # the sooner below tol, the stronger; None: it diverges
        below = np.flatnonzero(loss < tol)
        fast = 1 - below[0] / steps if below.size else 0.0
        strengths.append(fast if loss[-1] <= loss[0] else None)
    path, cells = _path_panel(f, x0, minimum, low), Panel(360, 130 + 100 * len(grid))
    every = say("every run: stronger, faster; red, diverges")
    outline = cells.cells(sliders, strengths, guides, every)
    frames = []
    settings = itertools.product(*(range(len(s.values)) for s in sliders))
    for k, (at, run, loss) in enumerate(zip(settings, runs, excess, strict=True)):
        how, below = behaviour(run, minimum, tol, low), np.flatnonzero(loss < tol)
        x = f"{run.x}"
        first = f"{below[0]}" if below.size else say("none in {n}", n=steps)
        readouts: dict[str, str] = {
            say("x after {n} steps", n=steps): x,
            say("loss after {n} steps", n=steps): f"{run.loss:.6g}",
            say("first step with loss below {tol:g}", tol=tol): first,
            say("behaviour"): how,
        }
        if len(sliders) > 1:
            readouts[say("optimizer")] = repr(run.optimizer)
        xy = (run.xs, run.losses) if x0.size == 1 else run.xs.T
        named = fig.join(s.said(i) for s, i in zip(sliders, at, strict=True))
        said = say(SAID, set=named, how=how, n=steps, x=x, loss=run.loss)
        paths = {"path": path.encode(*xy), "here": outline(k)}
        frames.append(fig.Frame(paths, readouts, said))
    where = ", ".join(f"{v:g}" for v in x0.ravel()).replace("-", "−")
    where = f"x = {where}" if x0.size == 1 else f"({where})"
    axes = fig.join(say(a, s=s.label) for a, s in zip(AXES, sliders, strict=False))
    marks = [label for *_, label in guides]
    marked = say("; marked: {m}.", m=fig.join(marks)) if marks else say(".")
    caption = say(CAPTION, where=where, n=steps, axes=axes, tol=tol, marked=marked)
    title = fig.words(title or say("{o} on {f}", o=rules[0].name, f=_name(f)), "title")
    return fig.Explorable(title, caption, sliders, [path, cells], frames, runs)
