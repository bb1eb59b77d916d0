"""The explorable of mini-batch SGD on the line fit: learning rate and batch size."""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Sequence

import numpy as np

import gdbook
from gdbook._validation import check_non_negative_int
from gdbook.explore._descent import positive_values
from gdbook.explore._figure import Explorable, Frame, Slider, value_text
from gdbook.explore._svg import Figure, log_range

__all__ = ["fit_line_sgd"]


def _compact(value: float) -> str:
    """Two significant digits, short exponent: ``4.3e−5``.

    Examples
    --------
    >>> from gdbook.explore._sgd import _compact
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
    lrs = positive_values(lrs, "lrs")
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
    loss_lim = log_range(np.array([start_excess, *settled]), floor=1e-12)
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
                    "box": heat_ax.box(j - 0.5, j + 0.5, i - 0.5, i + 0.5),
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
                    f"Learning rate {eta}, batches of {b} ({per_epoch} updates per "
                    f"epoch): the mean excess loss over the last {tail} epochs is "
                    f"{floor_text}."
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
        legend=f"Mini-batch SGD on the line fit of {x.size} points, {epochs} "
        f"epochs. Left: the loss minus the least-squares minimum {minimum:.6g} at "
        f"each update, log scale, and its mean over the last {tail} epochs "
        "(dashed). Right: that mean for every learning rate (rows) and batch size "
        "(columns), the selected one outlined.",
    )
