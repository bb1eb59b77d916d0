"""The explorer of mini-batch SGD on the line fit: learning rate and batch size."""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Sequence

import numpy as np
from matplotlib.patches import Rectangle
from numpy.typing import ArrayLike

import gdbook
from gdbook._checks import Array, Count, Positive
from gdbook.explore._draw import ACCENT, DANGER, FG, WARN, Panel, log_axis, style
from gdbook.explore._figure import Explorable, Frame, Slider, check_frames, grid_values

#: The most updates a run may make (epochs × updates per epoch).
MAX_UPDATES = 20_000


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
    title: str | None = None,
) -> Explorable:
    r"""Learning rate and batch size of SGD on the line fit as sliders: an
    :class:`Explorable`.

    Runs :func:`gdbook.fit_line_sgd` on the data ``x, y`` for every learning rate
    of ``lrs`` and batch size of ``batch_sizes`` (each in ``[1, n]``), ``epochs``
    passes each, the visiting order seeded by ``rng`` (at most 600 runs of at most
    20,000 updates), and shows the selected run's loss above the least-squares
    minimum, update by update, and the mean of that excess over the last ``tail``
    epochs (the noise floor, once the run has settled) for every pair.

    >>> from gdbook import beans
    >>> explorer = sgd_noise_explorer(*beans(100), lrs=[0.03, 0.3],
    ...                               batch_sizes=[1, 10], epochs=20, tail=5)
    >>> explorer.frame(lr=0.3, batch_size=1).readouts["updates per epoch"]
    '100'
    """
    x = Array(ndim=1)(x, "x")
    y = Array(shape=x.shape)(y, "y")
    lrs = [Positive()(v, "lrs") for v in grid_values(lrs, "lrs")]
    grid_values(batch_sizes, "batch_sizes")
    sizes = [Count()(b, "batch_sizes") for b in batch_sizes]
    if not all(1 <= b <= x.size for b in sizes):
        raise ValueError(f"batch_sizes must lie in [1, n={x.size}], got {sizes}")
    check_frames({"lrs": len(lrs), "batch_sizes": len(sizes)})
    epochs, tail = Count(1)(epochs, "epochs"), Count(1)(tail, "tail")
    updates = epochs * math.ceil(x.size / min(sizes))
    if updates > MAX_UPDATES:
        raise ValueError(
            f"epochs={epochs} in batches of {min(sizes)} of {x.size} points make "
            f"{updates} updates a run; at most {MAX_UPDATES}: pass fewer epochs"
        )
    if tail > epochs:
        raise ValueError(f"tail must lie in [1, epochs={epochs}], got {tail}")

    design = np.stack([x, np.ones_like(x)], axis=1)
    minimum = np.mean((design @ np.linalg.lstsq(design, y)[0] - y) ** 2)
    pairs = list(itertools.product(range(len(lrs)), range(len(sizes))))
    fits = [
        gdbook.fit_line_sgd(
            x, y, lr=lrs[i], epochs=epochs, batch_size=sizes[j], rng=rng
        )
        for i, j in pairs
    ]
    excess = [fit.losses - minimum for fit in fits]
    floors = [  # a run whose loss grows diverges: it has no floor
        np.mean(e[-tail * fit.updates_per_epoch :]) if e[-1] <= e[0] else None
        for fit, e in zip(fits, excess, strict=True)
    ]
    settled = [v for v in floors if v is not None and v > 0] or [1e-3]

    curve, table = Panel(360, 260), Panel(360, 260)
    with style():
        ax = curve.ax
        log_axis(ax, "y", [excess[0][0], min(settled) / 30, max(settled)])
        ax.set(xlim=(0, epochs), xlabel="epoch", ylabel="loss − minimum")
        ax.set_title("loss above the least-squares minimum")
        ax.axvspan(epochs - tail, epochs, color=WARN, alpha=0.13, lw=0)
        ax.text(epochs - tail / 2, 0.97, f"last {tail}", ha="center", va="top",
                transform=ax.get_xaxis_transform(), fontsize=9)  # fmt: skip
        curve.add_series("excess", color=ACCENT, linewidth=1)
        curve.add_series("floor", color=FG, linestyle="--")
        ax = table.ax
        ax.set(xlim=(-0.5, len(sizes) - 0.5), ylim=(-0.5, len(lrs) - 0.5))
        ax.set_xticks(range(len(sizes)), [str(b) for b in sizes])
        ax.set_yticks(range(len(lrs)), [f"{lr:g}" for lr in lrs])
        ax.set(xlabel="batch size B", ylabel="learning rate η")
        ax.set_title(f"mean excess, last {tail} epochs")
        low, high = np.log10([min(settled), max(settled)])
        for (i, j), value in zip(pairs, floors, strict=True):
            share = (
                (np.log10(value) - low) / (high - low) if value and high > low else 0
            )
            bad = value is None
            colour, alpha = (DANGER, 0.3) if bad else (ACCENT, 0.06 + 0.4 * share)
            cell = Rectangle((j - 0.5, i - 0.5), 1, 1, lw=0, alpha=round(alpha, 2))
            ax.add_patch(cell).set_color(colour)
            text = "diverges" if value is None else f"{value:.1e}"
            text = re.sub(r"e\+?(-?)0*(\d)", lambda m: f"e{m[1] and '−'}{m[2]}", text)
            ax.text(j, i, text, ha="center", va="center", fontsize=8)
        table.add_series("box", color=FG, linewidth=2.5)

    frames = []
    for (i, j), fit, e, value in zip(pairs, fits, excess, floors, strict=True):
        per_epoch, lr, b = fit.updates_per_epoch, f"{lrs[i]:g}", sizes[j]
        every = math.ceil(len(e) / 300)  # at most about 300 points a curve
        kept = np.unique(np.r_[np.arange(0, len(e), every), len(e) - 1])
        floor = "—" if value is None else f"{value:.3g}"
        diverged = "yes: the loss grows" if value is None else "no"
        if fit.diverged:
            diverged = f"yes: overflow at update {fit.steps_taken + 1}"
        box = np.array([-0.5, 0.5, 0.5, -0.5, -0.5])
        paths = {
            "excess": curve.encode(kept / per_epoch, e[kept], simplify=True),
            "floor": curve.encode([epochs - tail, epochs], [value] * 2)
            if value is not None
            else np.array([], "<i2"),
            "box": table.encode(j + box, i + np.roll(box, 1)),
        }
        readouts = {
            f"loss after {epochs} epochs": f"{fit.loss:.6g}",
            f"mean excess over the minimum, last {tail} epochs": floor,
            "updates per epoch": str(per_epoch),
            f"line after {epochs} epochs": f"y = {fit.slope:.6g} x + "
            f"{fit.intercept:.6g}",
            "diverged": diverged,
        }
        description = (
            f"Learning rate {lr}, batches of {b} ({per_epoch} updates per epoch): the "
            f"mean excess loss over the last {tail} epochs is {floor}."
        )
        frames.append(Frame(paths, readouts, description))
    texts = tuple(map(str, sizes))
    sliders = [
        Slider("lr", "learning rate η", lrs, default=default_lr),
        Slider("batch_size", "batch size B", sizes, default_batch_size, texts),
    ]
    return Explorable(
        title or "Mini-batch SGD on the line fit: learning rate and batch size",
        sliders,
        [curve, table],
        frames,
        runs=fits,
        caption=f"{x.size} points, {epochs} epochs, least-squares minimum "
        f"{minimum:.6g}. Move the sliders to change the learning rate and the batch "
        "size.",
        legend=f"Left: the loss minus the least-squares minimum at each update, log "
        f"scale, and its mean over the last {tail} epochs (dashed). Right: that mean "
        "for every learning rate (rows) and batch size (columns), the selected one "
        "outlined.",
    )
