"""The SGD explorer: mini-batch SGD's learning rate and batch size on a line fit."""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from typing import cast

import numpy as np
from numpy.typing import ArrayLike

import gdbook
from gdbook import _checks as c
from gdbook.explore import _figure as fig
from gdbook.explore._explorers import LABELS
from gdbook.explore._figure import ACCENT, DANGER, FG, WARN, Panel
from gdbook.explore._zh import say, words

#: The most updates all the fits may make together.
MAX_UPDATES = 200_000


@c.checked(
    x=c.Array(ndim=1),
    y=c.Array(shape="x"),
    lrs=fig.grid(low=0),
    batch_sizes=fig.grid(low=0),
    epochs=c.Count(1),
    rng=c.Count(),
    tail=c.Count(1),
    title=c.Optional(words),
)
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
    title: str | tuple[str, str] | None = None,
) -> fig.Explorable:
    """The learning rate and batch size of SGD on the line fit as sliders.

    Runs ``gdbook.fit_line_sgd(x, y, lr=lr, epochs=epochs, batch_size=b, rng=rng)``
    for every pair and shows the selected run's loss above the least-squares
    minimum, update by update, and for every pair the mean of that excess over the
    last ``tail`` epochs: the noise floor, once the run has settled.

    Parameters
    ----------
    x, y : array_like
        The data, two 1-D arrays of one length n.
    lrs, batch_sizes : sequence of float and of int
        The learning rates and the batch sizes, in ``[1, n]`` (at most 600 runs).
    epochs, rng, tail : int
        The passes over the data of each run (at most 200,000 updates in all), the
        seed of the visiting order, and the last epochs the floor is averaged over.
    default_lr, default_batch_size : float and int, optional
        The pair shown first (the first of each).
    title : str or (str, str), optional
        The figure's title, in English or in English and Chinese.

    Returns
    -------
    Explorable
        The figure; its ``runs`` are the fits, the batch size varying fastest.

    Examples
    --------
    >>> from gdbook import beans
    >>> explorable = sgd_noise_explorer(*beans(100), lrs=[0.03, 0.3],
    ...                                 batch_sizes=[1, 10], epochs=20, tail=5)
    >>> explorable.frame(lr=0.3, batch_size=1).readouts["updates per epoch"]
    '100'
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
    sliders = [
        fig.Slider("lr", LABELS["lr"], lrs, fig.one_of(lrs, default_lr, "default_lr")),
        fig.Slider(
            "batch_size",
            say("batch size B"),
            batch_sizes,
            fig.one_of(batch_sizes, default_batch_size, "default_batch_size"),
        ),
    ]
    design = np.stack([x, np.ones_like(x)], axis=1)
    minimum = np.mean((design @ np.linalg.lstsq(design, y)[0] - y) ** 2)
    pairs = list(itertools.product(lrs, sizes))
    fits = [
        gdbook.fit_line_sgd(x, y, lr=lr, epochs=epochs, batch_size=b, rng=rng)
        for lr, b in pairs
    ]
    excess = [cast(np.ndarray, fit.losses) - minimum for fit in fits]
    floors = [  # a run whose loss grows diverges: it has no floor
        np.mean(e[-tail * fit.updates_per_epoch :]) if e[-1] <= e[0] else None
        for fit, e in zip(fits, excess, strict=True)
    ]
    settled = [v for v in floors if v is not None and v > 0] or [1e-3]
    low, high = np.log10([min(settled), max(settled)])
    fills = []
    for v in floors:  # the higher the floor, the stronger; red, it diverges
        share = (np.log10(v) - low) / (high - low) if v and v > 0 and high > low else 0
        fills.append((DANGER, 0.3) if v is None else (ACCENT, 0.06 + 0.4 * share))
    curve, table = Panel(360, 260), Panel(360, 260)
    with fig.style():
        ax = curve.ax
        fig.log_axis(ax, "y", [excess[0][0], min(settled) / 30, max(settled)])
        ax.set_xlim(0, epochs)
        above = say("loss above the least-squares minimum")
        curve.label(say("epoch"), say("loss − minimum"), above)
        ax.axvspan(epochs - tail, epochs, color=WARN, alpha=0.13, lw=0)
        last = curve.said(say("last {n}", n=tail))
        label = ax.text(epochs - tail / 2, 0.97, last, ha="center", va="top")
        label.set_transform(ax.get_xaxis_transform())
        curve.add_series("excess", color=ACCENT, linewidth=1)
        curve.add_series("floor", color=FG, linestyle="--")
        outline = table.cells(
            [np.arange(len(v) + 1) - 0.5 for v in (lrs, sizes)], fills
        )
        table.ax.set_xticks(range(len(lrs)), [f"{lr:g}" for lr in lrs])
        table.ax.set_yticks(range(len(sizes)), [str(b) for b in sizes])
        mean = say("mean excess, last {n} epochs", n=tail)
        table.label(sliders[0].label, sliders[1].label, mean)
        for (i, j), v in zip(np.ndindex(len(lrs), len(sizes)), floors, strict=True):
            text = table.said(say("diverges")) if v is None else fig.sci(v, 1)
            table.ax.text(i, j, text, ha="center", va="center", fontsize=8)
    frames = []
    for k, (lr, b) in enumerate(pairs):
        fit, e, v = fits[k], excess[k], floors[k]
        kept = np.unique(np.r_[0 : len(e) : math.ceil(len(e) / 300), len(e) - 1])
        floor = "—" if v is None else f"{v:.3g}"
        diverged = say("yes: the loss grows" if v is None else "no")
        if fit.diverged:
            diverged = say("yes: overflow at update {k}", k=fit.steps_taken + 1)
        per_epoch, floor_ys = fit.updates_per_epoch, [np.nan if v is None else v] * 2
        paths = {
            "excess": curve.encode(kept / per_epoch, e[kept], simplify=True),
            "floor": curve.encode([epochs - tail, epochs], floor_ys),
            "here": outline(k),
        }
        readouts: dict[str, str] = {
            say("loss after {n} epochs", n=epochs): f"{fit.loss:.6g}",
            say("mean excess over the minimum, last {n} epochs", n=tail): floor,
            say("updates per epoch"): str(per_epoch),
            say("line after {n} epochs", n=epochs): (
                f"y = {fit.slope:.6g} x + {fit.intercept:.6g}"
            ),
            say("diverged"): diverged,
        }
        said = say(
            "Learning rate {lr:g}, batches of {b} ({m} updates per epoch): the mean "
            "excess loss over the last {n} epochs is {floor}.",
            lr=lr,
            b=b,
            m=per_epoch,
            n=tail,
            floor=floor,
        )
        frames.append(fig.Frame(paths, readouts, said))
    caption = say(
        "{n} points, {epochs} epochs, least-squares minimum {minimum:.6g}. Left: the "
        "loss minus that minimum at each update, log scale, and its mean over the "
        "last {tail} epochs (dashed). Right: that mean for every learning rate "
        "(across) and batch size (up), the selected pair outlined.",
        n=n,
        epochs=epochs,
        minimum=minimum,
        tail=tail,
    )
    title = title or say("Mini-batch SGD on the line fit: learning rate and batch size")
    return fig.Explorable(title, caption, sliders, [curve, table], frames, fits)
