"""The explorers: a gdbook descent (or a line fit by SGD) once per setting of a
bounded grid, drawn as its path (or loss) beside a cell per run."""

from __future__ import annotations

import functools
import itertools
import math
from collections.abc import Callable, Mapping, Sequence
from typing import Any, cast

import numpy as np
from matplotlib import ticker
from numpy.typing import ArrayLike

import gdbook
from gdbook import _checks as c
from gdbook.explore import _figure as fig
from gdbook.explore._figure import ACCENT, FG, MUTED, Panel, Said, say
from gdbook.optimizers import Optimizer, sgd
from gdbook.testfunctions import Objective

#: A run's steps, all runs' (each point is stored in the page), all SGD fits' updates.
MAX_STEPS, MAX_POINTS, MAX_UPDATES = 5000, 50_000, 200_000
LABELS = {k: say(v) for k, v in (("lr", "learning rate η"), ("momentum", "momentum β"))}
SAID = "{set}: it {how}. After {n} steps x = {x}, loss {loss:.6g}."
CAPTION = (
    "From {where}, {n} steps. Left, the path; right, every run, {axes}: the stronger "
    "its colour, the sooner its loss gets below {tol:g}; red, it diverges; the "
    "selected run outlined{marked}"
)
AXES = ("{s} across", "{s} up")
Loss = Callable[[np.ndarray], float]
Grad = Callable[[np.ndarray], ArrayLike] | None
Words = str | tuple[str, str]
Positives = functools.partial(fig.grid, low=0)


def behaviour(run: Any, minimum: ArrayLike, tol: float, low: float = 0.0) -> Said:
    """What a run did: converges (below ``low + tol``), crawls, swings or diverges."""
    if run.diverged:
        return say("diverges: overflow at step {k}", k=run.steps_taken + 1)
    off = (run.xs - minimum).reshape(len(run.xs), -1)
    turns = np.einsum("ij,ij->i", off[:-1], off[1:]) < 0  # crossed the minimum
    swings = bool(turns.size and turns.mean() > 0.5)
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
    """``f``'s gradient, minimiser and least value (an Objective's by default)."""
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
            path.ax.set(xlabel="x₀", ylabel="x₁")
            path.ax.set_title(say("the path on the level lines of f"))
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
    guides = [([two, two], [-0.5, 0.5], f"2/λ_max = {two:g}")] if two else []
    title = title or say("Gradient descent on {f}", f=_name(f))
    same = dict(steps=steps, grad=grad, minimum=minimum, tol=tol, title=title)
    # Checked already (optimizer_explorer's own checks ask for two settings).
    explore = functools.partial(optimizer_explorer.__wrapped__, f, x0, **same)  # type: ignore[attr-defined]
    grid, first = {"lr": lrs}, {"lr": default}
    return explore(optimizer=sgd, grid=grid, defaults=first, guides=guides)  # type: ignore[no-any-return]


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
    """A check: a list of ``(xs, ys, label)``, ``xs`` and ``ys`` 1-D of one length."""
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
    belows = [np.flatnonzero(e < tol) for e in excess]
    strengths = [  # the sooner below tol, the stronger; None: it diverges
        (1 - b[0] / steps if b.size else 0.0) if e[-1] <= e[0] else None
        for e, b in zip(excess, belows, strict=True)
    ]
    path, cells = _path_panel(f, x0, minimum, low), Panel(360, 130 + 100 * len(grid))
    every = say("every run: stronger, faster; red, diverges")
    outline = cells.cells(sliders, strengths, guides, every)
    frames = []
    settings = itertools.product(*(range(len(s.values)) for s in sliders))
    for k, (at, run, below) in enumerate(zip(settings, runs, belows, strict=True)):
        how, x = behaviour(run, minimum, tol, low), f"{run.x}"
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


SGD_SAID = (
    "Learning rate {lr:g}, batches of {b} ({m} updates per epoch): the mean excess "
    "loss over the last {n} epochs is {floor}."
)
SGD_CAPTION = (
    "{n} points, {epochs} epochs, least-squares minimum {minimum:.6g}. Left: the "
    "loss minus that minimum at each update, log scale, and its mean over the "
    "last {tail} epochs (dashed). Right: that mean for every learning rate "
    "(across) and batch size (up), the selected pair outlined."
)
_CHECKS: dict[str, c.Check] = dict(
    x=c.Array(ndim=1),
    y=c.Array(shape="x"),
    lrs=Positives,
    batch_sizes=Positives,
    epochs=c.Count(1),
    rng=c.Count(),
    tail=c.Count(1),
    title=c.Optional(fig.words),
)


@c.checked(**_CHECKS)
def sgd_noise_explorer(
    x: ArrayLike,
    y: ArrayLike,
    *,
    lrs: Sequence[float],
    batch_sizes: Sequence[int],
    epochs: int,
    rng: int = 0,
    tail: int = 10,
    default_lr: float | None = None,
    default_batch_size: int | None = None,
    title: Words | None = None,
) -> fig.Explorable:
    """The learning rate and batch size of SGD on the line fit as sliders.

    Parameters
    ----------
    x, y : array_like
        The data, two 1-D arrays of one length n.
    lrs, batch_sizes : sequence of float and of int
        The learning rates and the batch sizes, in ``[1, n]`` (at most 600 pairs).
    epochs, rng, tail : int
        A fit's epochs (200,000 updates in all), its seed, the epochs of the floor.
    default_lr, default_batch_size, title : float, int, str or (str, str), optional
        The pair shown first (the first of each); the title (English, Chinese).

    Returns
    -------
    Explorable
        A fit's loss above the least-squares minimum, a cell a fit (the stronger, the
        higher its noise floor); its ``runs``, the fits, the batch size fastest.

    Examples
    --------
    >>> from gdbook import beans
    >>> e = sgd_noise_explorer(*beans(100), lrs=[0.3], batch_sizes=[1, 10], epochs=10)
    >>> e.frame(batch_size=10).readouts["updates per epoch"]
    '10'
    """
    x, y = cast(np.ndarray, x), cast(np.ndarray, y)  # checked(): float64 arrays
    n, sizes = len(x), [int(b) for b in batch_sizes]
    if sizes != list(batch_sizes) or max(sizes) > n:
        why = f"whole numbers in [1, n={n}]"
        raise c.ArgumentValueError("batch_sizes", f"batch_sizes must be {why}")
    fig.check_runs("lrs", {"lrs": len(lrs), "batch_sizes": len(sizes)})
    updates = len(lrs) * sum(epochs * math.ceil(n / b) for b in sizes)
    if updates > MAX_UPDATES:
        why = f"{updates} updates in all, at most {MAX_UPDATES}"
        raise c.ArgumentValueError("epochs", f"epochs={epochs} makes {why}")
    if tail > epochs:
        raise c.ArgumentValueError("tail", f"tail must be at most epochs={epochs}")
    b0 = fig.one_of(batch_sizes, default_batch_size, "default_batch_size")
    sliders = [
        fig.Slider("lr", LABELS["lr"], lrs, fig.one_of(lrs, default_lr, "default_lr")),
        fig.Slider("batch_size", say("batch size B"), batch_sizes, b0),
    ]
    design = np.stack([x, np.ones_like(x)], axis=1)
    minimum = np.mean((design @ np.linalg.lstsq(design, y)[0] - y) ** 2)
    pairs = list(itertools.product(lrs, sizes))
    fit_line = functools.partial(gdbook.fit_line_sgd, x, y, epochs=epochs, rng=rng)
    fits = [fit_line(lr=lr, batch_size=b) for lr, b in pairs]
    excess = [cast(np.ndarray, fit.losses) - minimum for fit in fits]
    floors = [  # a run whose loss grows diverges: it has no floor
        np.mean(e[-tail * fit.updates_per_epoch :]) if e[-1] <= e[0] else None
        for fit, e in zip(fits, excess, strict=True)
    ]
    settled = [v for v in floors if v is not None and v > 0] or [1e-3]
    low, high = np.log10([min(settled), max(settled)]) + np.r_[0, 1e-9]
    strengths = [  # the higher the floor, the stronger; None: it diverges
        None if v is None else np.interp(np.log10(max(v, 1e-300)), [low, high], [0, 1])
        for v in floors
    ]
    curve, table = Panel(360, 260), Panel(360, 260)
    mean = say("mean excess, last {n} epochs", n=tail)
    outline = table.cells(sliders, strengths, [], mean)
    with fig.style():
        ax, shown = curve.ax, [min(settled) / 30, max(settled), excess[0][0]]
        decades = np.log10([v for v in shown if 0 < v < np.inf])
        ylim = 10.0 ** np.r_[np.floor(decades.min()), np.ceil(decades.max())]
        ax.set(xlim=(0, epochs), yscale="log", ylim=ylim, xlabel=say("epoch"))
        axis = ax.yaxis  # a tick a decade or so, written 1e−3: mathtext is heavy
        axis.set_major_locator(ticker.LogLocator(numticks=5))
        axis.set_major_formatter(lambda t, _: f"1e{np.log10(t):.0f}".replace("-", "−"))
        axis.set_minor_formatter(ticker.NullFormatter())
        above = say("loss above the least-squares minimum")
        ax.set(ylabel=say("loss − minimum"), title=above)
        curve.add_series("excess", color=ACCENT, linewidth=1)
        curve.add_series("floor", color=FG, linestyle="--")
    frames = []
    for k, (lr, b) in enumerate(pairs):
        fit, e, v = fits[k], excess[k], floors[k]
        kept = np.unique(np.r_[0 : len(e) : math.ceil(len(e) / 300), len(e) - 1])
        floor, per_epoch = "—" if v is None else f"{v:.3g}", fit.updates_per_epoch
        line = f"y = {fit.slope:.6g} x + {fit.intercept:.6g}"
        diverged = say("yes: the loss grows" if v is None else "no")
        if fit.diverged:
            diverged = say("yes: overflow at update {k}", k=fit.steps_taken + 1)
        paths = {
            "excess": curve.encode(kept / per_epoch, e[kept], simplify=True),
            "floor": curve.encode([epochs - tail, epochs], [v or np.nan] * 2),
            "here": outline(k),
        }
        readouts: dict[str, str] = {
            say("loss after {n} epochs", n=epochs): f"{fit.loss:.6g}",
            say("mean excess over the minimum, last {n} epochs", n=tail): floor,
            say("updates per epoch"): str(per_epoch),
            say("line after {n} epochs", n=epochs): line,
            say("diverged"): diverged,
        }
        said = say(SGD_SAID, lr=lr, b=b, m=per_epoch, n=tail, floor=floor)
        frames.append(fig.Frame(paths, readouts, said))
    caption = say(SGD_CAPTION, n=n, epochs=epochs, minimum=minimum, tail=tail)
    title = title or say("Mini-batch SGD on the line fit: learning rate and batch size")
    title = fig.words(title, "title")
    return fig.Explorable(title, caption, sliders, [curve, table], frames, fits)
