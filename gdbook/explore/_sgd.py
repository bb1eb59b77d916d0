"""The SGD explorer: mini-batch SGD's learning rate and batch size on a line fit."""

from __future__ import annotations

import functools
import itertools
import math
from collections.abc import Sequence
from typing import cast

import numpy as np
from matplotlib import ticker
from numpy.typing import ArrayLike

import gdbook
from gdbook import _checks as c
from gdbook.explore import _figure as fig
from gdbook.explore._explorers import LABELS, Positives, Words
from gdbook.explore._figure import ACCENT, FG, Panel, say

#: The most updates all the fits may make together.
MAX_UPDATES = 200_000
#: What a frame says, and the figure's caption.
SAID = (
    "Learning rate {lr:g}, batches of {b} ({m} updates per epoch): the mean excess "
    "loss over the last {n} epochs is {floor}."
)
CAPTION = (
    "{n} points, {epochs} epochs, least-squares minimum {minimum:.6g}. Left: the "
    "loss minus that minimum at each update, log scale, and its mean over the "
    "last {tail} epochs (dashed). Right: that mean for every learning rate "
    "(across) and batch size (up), the selected pair outlined."
)
#: What sgd_noise_explorer checks of its arguments.
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
        said = say(SAID, lr=lr, b=b, m=per_epoch, n=tail, floor=floor)
        frames.append(fig.Frame(paths, readouts, said))
    caption = say(CAPTION, n=n, epochs=epochs, minimum=minimum, tail=tail)
    title = title or say("Mini-batch SGD on the line fit: learning rate and batch size")
    title = fig.words(title, "title")
    return fig.Explorable(title, caption, sliders, [curve, table], frames, fits)
