"""Explorables of gdbook's descents: each runs the real gdbook call on a grid."""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Callable, Sequence

import numpy as np

import gdbook
from gdbook._validation import check_non_negative_int, check_positive_finite
from gdbook.explore._figure import Explorable, Frame, Slider, value_text
from gdbook.explore._svg import Axes, Figure, number_label
from gdbook.testfunctions import Objective

__all__ = ["fit_line_sgd", "gradient_descent"]

#: The lowest loss drawn on a log axis: below it, a line leaves the panel.
LOSS_FLOOR = 1e-30


def _values(values, name: str) -> tuple[float, ...]:
    values = tuple(values)
    if not values:
        raise ValueError(f"{name} must hold at least one value")
    return tuple(check_positive_finite(v, f"{name}[{i}]") for i, v in enumerate(values))


def _log_range(values: np.ndarray, floor: float = LOSS_FLOOR) -> tuple[float, float]:
    """Whole decades around the finite positive ``values`` (not below ``floor``)."""
    finite = values[np.isfinite(values) & (values > 0)]
    if finite.size == 0:
        return floor, 1.0
    low = max(math.floor(math.log10(finite.min())), math.log10(floor))
    high = max(math.ceil(math.log10(finite.max())), low + 1)
    return 10.0**low, 10.0**high


def _axis_range(
    values: Sequence[float], scale: str | None = None
) -> tuple[tuple[float, float], str]:
    """Limits and scale of an axis showing ``values``: log when they span a lot."""
    low, high = min(values), max(values)
    if low == high:
        return (low * 0.5, high * 1.5), "linear"
    if scale == "log" or (scale is None and high / low > 20):
        return (low / 1.4, high * 1.4), "log"
    pad = 0.04 * (high - low)
    return (max(low - pad, 0.0) if low > 0 else low - pad, high + pad), "linear"


def _marker(ax: Axes, x: float, y: float, size: float = 5.0) -> np.ndarray:
    """A diamond around ``(x, y)``, pulled inside the panel when beyond it."""
    px, py = (float(v[0]) for v in ax.pixels([x], [y]))
    px = min(max(px, ax.left), ax.left + ax.width)
    py = min(max(py, ax.top), ax.top + ax.height)
    xs = np.array([px, px + size, px, px - size, px])
    ys = np.array([py - size, py, py + size, py, py - size])
    codes = np.stack([np.round(xs * 10), np.round(ys * 10)], axis=1)
    return codes.astype(np.int16).ravel()


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
        return np.array(
            [
                f(np.array([a, b]))
                for a, b in zip(grid_x.ravel(), grid_y.ravel(), strict=True)
            ]
        ).reshape(grid_x.shape)

    return values


def behaviour(trace, minimum, tol: float) -> str:
    """How a run went, read from its trace: converges, crawls, oscillates, diverges.

    Parameters
    ----------
    trace : gdbook.Trace
        A run with its losses recorded.
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
    >>> for lr in (0.001, 0.1, 0.9, 1.0, 1.1):
    ...     trace = gradient_descent(parabola.grad, 5.0, lr=lr, steps=50,
    ...                              loss=parabola)
    ...     print(lr, behaviour(trace, 0.0, 1e-6))
    0.001 crawls: still far from the minimum
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

    Runs :func:`gdbook.gradient_descent` once per learning rate and shows the
    selected run: its path (on the curve of a function of one variable, on the
    level lines of a function of two), its loss at each step, and the loss after
    ``steps`` steps for every rate, with :math:`2/L` marked.

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
    if not callable(f):
        raise TypeError(f"f must be callable, got {type(f).__name__}")
    if isinstance(f, Objective):
        grad = f.grad if grad is None else grad
        minimum = f.minimum if minimum is None else minimum
    if grad is None or not callable(grad):
        raise TypeError("grad must be given (a callable) when f is not an Objective")
    if minimum is None:
        raise ValueError("minimum must be given when f is not an Objective")
    lrs = _values(lrs, "lrs")
    steps = check_non_negative_int(steps, "steps")
    start = np.array(x0, dtype=np.float64)
    low_point = np.array(minimum, dtype=np.float64).reshape(start.shape)
    if start.size not in (1, 2):
        raise ValueError(f"x0 must have one or two coordinates, got {start.size}")
    name = getattr(f, "name", None) or getattr(f, "__name__", "f")
    f_min = float(f(low_point))

    traces = [
        gdbook.gradient_descent(grad, start, lr=lr, steps=steps, loss=f) for lr in lrs
    ]
    excess = [t.losses - f_min for t in traces]
    finals = np.array([e[-1] for e in excess])
    loss_lim = _log_range(np.concatenate(excess))
    ylabel = "loss" if f_min == 0 else "loss − minimum"

    figure = Figure(720, 330)
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
        path_ax = figure.axes((52, 24, 262, 262), xlim=xlim, ylim=ylim)
        path_ax.frame("x", "f(x)")
        path_ax.line(curve_x, curve_y)
    else:
        half = 1.375 * span
        xlim = xlim or (low_point[0] - half, low_point[0] + half)
        ylim = ylim or (low_point[1] - half, low_point[1] + half)
        path_ax = figure.axes((52, 24, 262, 262), xlim=xlim, ylim=ylim)
        path_ax.frame("x₀", "x₁")
        values = _values_on_grid(f)
        top = float(f(np.array([xlim[0], low_point[1]])))
        levels = f_min + (top - f_min) * np.linspace(0.1, 1.0, 10) ** 2
        path_ax.contour(values, levels)
    path_ax.series("path", "gdx-path gdx-thin", dots=True)

    loss_ax = figure.axes(
        (410, 24, 290, 100), xlim=(0, max(steps, 1)), ylim=loss_lim, yscale="log"
    )
    loss_ax.frame("step k", ylabel, title=f"{ylabel} at each step")
    loss_ax.series("loss", "gdx-path")

    lr_lim, auto_scale = _axis_range(lrs, lr_scale)
    lr_scale = lr_scale or auto_scale
    sweep_ax = figure.axes(
        (410, 186, 290, 100), xlim=lr_lim, ylim=loss_lim, xscale=lr_scale, yscale="log"
    )
    if smoothness is not None:
        smoothness = check_positive_finite(smoothness, "smoothness")
        sweep_ax.span(1 / smoothness, 2 / smoothness, "gdx-span-warn", "overshoots")
        sweep_ax.span(2 / smoothness, lr_lim[1], "gdx-span-danger", "diverges")
        sweep_ax.vline(2 / smoothness, label=f"2/L = {2 / smoothness:g}")
    sweep_ax.frame(
        "learning rate η", ylabel, title=f"{ylabel} after {steps} steps, every η"
    )
    sweep_ax.line(lrs, finals)
    sweep_ax.series("here", "gdx-here")

    frames = []
    for lr, trace, loss in zip(lrs, traces, excess, strict=True):
        how = behaviour(trace, low_point, tol)
        below = np.flatnonzero(loss < tol)
        first = str(int(below[0])) if below.size else f"none in {steps}"
        x_text = str(trace.x)
        if trace.diverged:
            x_text += f" (stopped at step {trace.steps_taken}: overflow)"
        if start.size == 1:
            path = path_ax.encode(trace.xs, trace.losses)
        else:
            path = path_ax.encode(trace.xs[:, 0], trace.xs[:, 1])
        readouts = {
            f"x after {steps} steps": x_text,
            f"loss after {steps} steps": f"{trace.loss:.6g}",
            f"first step with loss below {tol:g}": first,
            "behaviour": how,
        }
        eta = value_text(lr)
        frames.append(
            Frame(
                paths={
                    "path": path,
                    "loss": loss_ax.encode(np.arange(len(loss)), loss),
                    "here": _marker(sweep_ax, lr, loss[-1]),
                },
                readouts=readouts,
                summary=f"η = {eta}: {how}; loss after {steps} steps {trace.loss:.6g}.",
                description=(
                    f"Gradient descent on {name} from {_point(start)}, learning rate "
                    f"{eta}, {steps} steps: it {how}. After {steps} steps x = "
                    f"{x_text}, loss {trace.loss:.6g}. Left, the path; right, "
                    f"the {ylabel} at each step (log scale), and after {steps} "
                    "steps for every learning rate, the selected one marked"
                    + (
                        f", with 2/L = {2 / smoothness:g} marked."
                        if smoothness is not None
                        else "."
                    )
                ),
            )
        )
    slider = Slider("lr", "learning rate η", lrs, default=default)
    return Explorable(
        title or f"Gradient descent on {name}",
        [slider],
        figure,
        frames,
        caption=f"From {_point(start)}, {steps} steps. Move the slider to "
        "change the learning rate.",
    )


def _point(x: np.ndarray) -> str:
    if x.size == 1:
        return f"x = {number_label(float(x.reshape(())))}"
    return "(" + ", ".join(number_label(float(v)) for v in x.ravel()) + ")"


def _compact(value: float) -> str:
    """Two significant digits, short exponent: ``4.3e−5``.

    Examples
    --------
    >>> from gdbook.explore._builders import _compact
    >>> _compact(4.3e-5), _compact(0.26), _compact(12.0)
    ('4.3e−5', '2.6e−1', '1.2e1')
    """
    text = f"{value:.1e}"
    text = re.sub(r"e([+-])0*(\d)", lambda m: "e" + m[1].strip("+") + m[2], text)
    return text.replace("-", "−")


def fit_line_sgd(
    x,
    y,
    *,
    lrs: Sequence[float],
    batch_sizes: Sequence[int],
    epochs: int,
    rng: int = 0,
    tail: int = 10,
    default_lr: float | None = None,
    default_batch_size: int | None = None,
    title: str | None = None,
) -> Explorable:
    r"""Learning rate and batch size of SGD on the line fit, as two sliders.

    Runs :func:`gdbook.fit_line_sgd` for every learning rate and batch size
    (same data, same seed of the visiting order) and shows the selected run's
    loss above the least-squares minimum, update by update, and the mean of
    that excess over the last ``tail`` epochs (the noise floor, once the run has
    settled) for every combination.

    Parameters
    ----------
    x, y : array_like, shape (n,)
        The data.
    lrs : sequence of float
        Learning rates of the first slider, in order.
    batch_sizes : sequence of int
        Batch sizes of the second slider, each in ``[1, n]``.
    epochs : int
        Passes over the data per run.
    rng : int, default 0
        Seed of the visiting orders, the same for every run.
    tail : int, default 10
        Epochs at the end over which the excess loss is averaged.
    default_lr, default_batch_size : optional
        The values shown first (the first of each when omitted).
    title : str, optional

    Returns
    -------
    Explorable

    Examples
    --------
    >>> from gdbook import beans
    >>> from gdbook.explore import fit_line_sgd
    >>> explorable = fit_line_sgd(*beans(100), lrs=[0.03, 0.3],
    ...                           batch_sizes=[1, 10], epochs=20, tail=5)
    >>> explorable.frame(lr=0.3, batch_size=1).readouts["updates per epoch"]
    '100'
    """
    x, y = (np.array(v, dtype=np.float64) for v in (x, y))
    lrs = _values(lrs, "lrs")
    batch_sizes = tuple(
        check_non_negative_int(b, f"batch_sizes[{i}]")
        for i, b in enumerate(batch_sizes)
    )
    if not batch_sizes or not all(1 <= b <= x.size for b in batch_sizes):
        raise ValueError(f"batch sizes must lie in [1, n={x.size}], got {batch_sizes}")
    epochs = check_non_negative_int(epochs, "epochs")
    tail = check_non_negative_int(tail, "tail")
    if not 1 <= tail <= epochs:
        raise ValueError(f"tail must lie in [1, epochs={epochs}], got {tail}")

    design = np.stack([x, np.ones_like(x)], axis=1)
    solution = np.linalg.lstsq(design, y, rcond=None)[0]
    minimum = float(np.mean((design @ solution - y) ** 2))

    fits = {
        (lr, b): gdbook.fit_line_sgd(x, y, lr=lr, epochs=epochs, batch_size=b, rng=rng)
        for lr, b in itertools.product(lrs, batch_sizes)
    }
    excess = {key: fit.losses - minimum for key, fit in fits.items()}
    # A run whose loss ends above where it started diverges, overflow or not: it
    # has no noise floor.
    grew = {key: fits[key].diverged or e[-1] > e[0] for key, e in excess.items()}
    floors = {
        key: None
        if grew[key]
        else float(np.mean(e[-tail * fits[key].updates_per_epoch :]))
        for key, e in excess.items()
    }

    figure = Figure(720, 300)
    start_excess = next(iter(excess.values()))[0]
    settled = [v for v in floors.values() if v is not None and v > 0]
    loss_lim = _log_range(np.array([start_excess, *settled]), floor=1e-12)
    loss_ax = figure.axes(
        (62, 24, 320, 220), xlim=(0, epochs), ylim=loss_lim, yscale="log"
    )
    loss_ax.frame(
        "epoch", "loss − minimum", title="Loss above the least-squares minimum"
    )
    loss_ax.span(epochs - tail, epochs, "gdx-span-warn", f"last {tail}", top=True)
    loss_ax.series("excess", "gdx-path gdx-thin")
    loss_ax.series("floor", "gdx-floor")

    columns, rows = len(batch_sizes), len(lrs)
    heat_ax = figure.axes(
        (470, 24, 240, 220), xlim=(-0.5, columns - 0.5), ylim=(-0.5, rows - 0.5)
    )
    heat_ax.frame(
        "batch size",
        "learning rate η",
        xticks=[(j, str(b)) for j, b in enumerate(batch_sizes)],
        yticks=[(i, value_text(lr)) for i, lr in enumerate(lrs)],
        title=f"Mean excess, last {tail} epochs",
    )
    low, high = (
        (math.log10(min(settled)), math.log10(max(settled))) if settled else (0, 1)
    )
    for (i, lr), (j, b) in itertools.product(enumerate(lrs), enumerate(batch_sizes)):
        value = floors[lr, b]
        if value is None:
            heat_ax.cell(j, i, 0.0, "diverges")
            continue
        share = (
            (math.log10(value) - low) / (high - low) if value > 0 and high > low else 0
        )
        heat_ax.cell(j, i, 0.06 + 0.4 * share, _compact(value))
    heat_ax.series("box", "gdx-box")

    frames = []
    for (i, lr), (j, b) in itertools.product(enumerate(lrs), enumerate(batch_sizes)):
        fit, e, value = fits[lr, b], excess[lr, b], floors[lr, b]
        per_epoch = fit.updates_per_epoch
        every = max(1, math.ceil(len(e) / 300))
        kept = np.unique(np.r_[np.arange(0, len(e), every), len(e) - 1])
        floor_path = (
            loss_ax.encode([epochs - tail, epochs], [value, value])
            if value is not None
            else np.array([], dtype=np.int16)
        )
        (x0, x1), (y0, y1) = heat_ax.pixels([j - 0.5, j + 0.5], [i - 0.5, i + 0.5])
        box = np.round(
            np.array([[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]) * 10
        )
        floor_text = "—" if value is None else f"{value:.3g}"
        if fit.diverged:
            diverged = f"yes: overflow at update {fit.steps_taken + 1}"
        elif grew[lr, b]:
            diverged = "yes: the loss grows"
        else:
            diverged = "no"
        eta = value_text(lr)
        frames.append(
            Frame(
                paths={
                    "excess": loss_ax.encode(kept / per_epoch, e[kept]),
                    "floor": floor_path,
                    "box": box.astype(np.int16).ravel(),
                },
                readouts={
                    f"loss after {epochs} epochs": f"{fit.loss:.6g}",
                    f"mean excess over the minimum, last {tail} epochs": floor_text,
                    "updates per epoch": str(per_epoch),
                    f"line after {epochs} epochs": f"y = {fit.slope:.6g} x + "
                    f"{fit.intercept:.6g}",
                    "diverged": diverged,
                },
                summary=f"η = {eta}, batches of {b}: mean excess loss {floor_text} "
                f"over the last {tail} epochs.",
                description=(
                    f"Mini-batch SGD on the line fit of {x.size} points, learning "
                    f"rate {eta}, batches of {b} ({per_epoch} updates per epoch), "
                    f"{epochs} epochs. Left: the loss minus the least-squares "
                    f"minimum {minimum:.6g} at each update, log scale; its mean over "
                    f"the last {tail} epochs is {floor_text} (dashed). Right: that "
                    "mean for every learning rate (rows) and batch size (columns), "
                    "the selected one outlined."
                ),
            )
        )
    sliders = [
        Slider("lr", "learning rate η", lrs, default=default_lr),
        Slider(
            "batch_size",
            "batch size",
            batch_sizes,
            default=default_batch_size,
            texts=tuple(str(b) for b in batch_sizes),
        ),
    ]
    return Explorable(
        title or "Mini-batch SGD on the line fit: learning rate and batch size",
        sliders,
        figure,
        frames,
        caption=f"{x.size} points, {epochs} epochs, least-squares minimum "
        f"{minimum:.6g}. Move the sliders to change the learning rate and the "
        "batch size.",
    )
