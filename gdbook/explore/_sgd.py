"""The explorer of mini-batch SGD on the line fit: learning rate and batch size."""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Sequence

import numpy as np
from matplotlib.patches import Rectangle

import gdbook
from gdbook._validation import (
    as_line_data,
    check_at_least,
    check_non_negative_int,
    check_positive_finite,
)
from gdbook.explore._descent import check_frames, log_axis, log_limits
from gdbook.explore._draw import ACCENT, DANGER, FG, WARN, Panel, style
from gdbook.explore._figure import Explorable, Frame, Slider, grid_values, value_text

#: The most updates a run may make (epochs × updates per epoch).
MAX_UPDATES = 20_000


def sgd_noise_explorer(
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

    Runs :func:`gdbook.fit_line_sgd` for every learning rate and batch size (the
    same data, the same seed ``rng`` of the visiting order; at most 600 runs of
    at most 20,000 updates) and shows the selected run's loss above the
    least-squares minimum, update by update, and the mean of that excess over the
    last ``tail`` epochs (the noise floor, once the run has settled) for every
    pair. Batch sizes lie in ``[1, n]``.

    >>> from gdbook import beans
    >>> explorer = sgd_noise_explorer(*beans(100), lrs=[0.03, 0.3],
    ...                               batch_sizes=[1, 10], epochs=20, tail=5)
    >>> explorer.frame(lr=0.3, batch_size=1).readouts["updates per epoch"]
    '100'
    """
    x, y = as_line_data(x, y)
    lrs = tuple(check_positive_finite(v, "lrs") for v in grid_values(lrs, "lrs"))
    grid_values(batch_sizes, "batch_sizes")
    batch_sizes = tuple(check_non_negative_int(b, "batch_sizes") for b in batch_sizes)
    if not all(1 <= b <= x.size for b in batch_sizes):
        raise ValueError(f"batch_sizes must lie in [1, n={x.size}], got {batch_sizes}")
    check_frames({"lrs": len(lrs), "batch_sizes": len(batch_sizes)})
    epochs = check_at_least(epochs, "epochs", 1)
    updates = epochs * math.ceil(x.size / min(batch_sizes))
    if updates > MAX_UPDATES:
        raise ValueError(
            f"epochs={epochs} with batches of {min(batch_sizes)} of {x.size} points "
            f"make {updates} updates a run; an explorable stores at most "
            f"{MAX_UPDATES}: pass fewer epochs"
        )
    tail = check_at_least(tail, "tail", 1)
    if tail > epochs:
        raise ValueError(f"tail must lie in [1, epochs={epochs}], got {tail}")

    design = np.stack([x, np.ones_like(x)], axis=1)
    solution = np.linalg.lstsq(design, y, rcond=None)[0]
    minimum = float(np.mean((design @ solution - y) ** 2))
    pairs = list(itertools.product(lrs, batch_sizes))
    fits = [
        gdbook.fit_line_sgd(x, y, lr=lr, epochs=epochs, batch_size=b, rng=rng)
        for lr, b in pairs
    ]
    excess = [fit.losses - minimum for fit in fits]
    # A run whose loss ends above where it started diverges: it has no floor.
    floors = [
        None
        if fit.diverged or e[-1] > e[0]
        else float(np.mean(e[-tail * fit.updates_per_epoch :]))
        for fit, e in zip(fits, excess, strict=True)
    ]
    settled = [v for v in floors if v is not None and v > 0]

    with style():
        curve = Panel(360, 260)
        ax = curve.ax
        ax.set_xlim(0, epochs)
        log_axis(
            ax, "y", *log_limits([excess[0][0], *settled, min(settled, default=1) / 30])
        )
        ax.axvspan(epochs - tail, epochs, color=WARN, alpha=0.13, lw=0)
        ax.text(
            epochs - tail / 2,
            0.97,
            f"last {tail}",
            ha="center",
            va="top",
            transform=ax.get_xaxis_transform(),
            fontsize=9,
        )
        ax.set(
            xlabel="epoch",
            ylabel="loss − minimum",
            title="loss above the least-squares minimum",
        )
        curve.add_series("excess", color=ACCENT, linewidth=1)
        curve.add_series("floor", color=FG, linestyle="--")
        table = Panel(360, 260)
        ax = table.ax
        ax.set(xlim=(-0.5, len(batch_sizes) - 0.5), ylim=(-0.5, len(lrs) - 0.5))
        ax.set_xticks(range(len(batch_sizes)), [str(b) for b in batch_sizes])
        ax.set_yticks(range(len(lrs)), [value_text(lr) for lr in lrs])
        ax.set(
            xlabel="batch size B",
            ylabel="learning rate η",
            title=f"mean excess, last {tail} epochs",
        )
        low, high = np.log10([min(settled), max(settled)]) if settled else (0, 1)
        for ((i, _), (j, _)), value in zip(
            itertools.product(enumerate(lrs), enumerate(batch_sizes)),
            floors,
            strict=True,
        ):
            share = (
                (np.log10(value) - low) / (high - low) if value and high > low else 0
            )
            colour, alpha = (
                (DANGER, 0.3) if value is None else (ACCENT, 0.06 + 0.4 * share)
            )
            ax.add_patch(
                Rectangle(
                    (j - 0.5, i - 0.5), 1, 1, color=colour, alpha=round(alpha, 2), lw=0
                )
            )
            text = "diverges" if value is None else f"{value:.1e}"
            text = re.sub(r"e\+?(-?)0*(\d)", lambda m: f"e{m[1] and '−'}{m[2]}", text)
            ax.text(j, i, text, ha="center", va="center", fontsize=8)
        table.add_series("box", color=FG, linewidth=2.5)

    frames = []
    for (lr, b), fit, e, value in zip(pairs, fits, excess, floors, strict=True):
        i, j = lrs.index(lr), batch_sizes.index(b)
        per_epoch = fit.updates_per_epoch
        every = max(1, math.ceil(len(e) / 300))
        kept = np.unique(np.r_[np.arange(0, len(e), every), len(e) - 1])
        floor_text = "—" if value is None else f"{value:.3g}"
        if fit.diverged:
            diverged = f"yes: overflow at update {fit.steps_taken + 1}"
        else:
            diverged = "yes: the loss grows" if value is None else "no"
        eta = value_text(lr)
        frames.append(
            Frame(
                paths={
                    "excess": curve.encode(kept / per_epoch, e[kept], simplify=True),
                    "floor": curve.encode([epochs - tail, epochs], [value] * 2)
                    if value is not None
                    else np.array([], dtype="<i2"),
                    "box": table.encode(
                        [j - 0.5, j + 0.5, j + 0.5, j - 0.5, j - 0.5],
                        [i - 0.5, i - 0.5, i + 0.5, i + 0.5, i - 0.5],
                    ),
                },
                readouts={
                    f"loss after {epochs} epochs": f"{fit.loss:.6g}",
                    f"mean excess over the minimum, last {tail} epochs": floor_text,
                    "updates per epoch": str(per_epoch),
                    f"line after {epochs} epochs": f"y = {fit.slope:.6g} x + "
                    f"{fit.intercept:.6g}",
                    "diverged": diverged,
                },
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
            "batch size B",
            batch_sizes,
            default=default_batch_size,
            texts=tuple(str(b) for b in batch_sizes),
        ),
    ]
    return Explorable(
        title or "Mini-batch SGD on the line fit: learning rate and batch size",
        sliders,
        [curve, table],
        frames,
        runs=fits,
        caption=f"{x.size} points, {epochs} epochs, least-squares minimum "
        f"{minimum:.6g}. Move the sliders to change the learning rate and the "
        "batch size.",
        legend=f"Mini-batch SGD on the line fit of {x.size} points, {epochs} "
        f"epochs. Left: the loss minus the least-squares minimum {minimum:.6g} at "
        f"each update, log scale, and its mean over the last {tail} epochs "
        "(dashed). Right: that mean for every learning rate (rows) and batch size "
        "(columns), the selected one outlined.",
    )
