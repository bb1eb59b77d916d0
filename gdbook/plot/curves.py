"""Curves of what should fall: a run's loss, a finite difference's error."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import ArrayLike

from gdbook._checks import Array, Count, Flag, Instance, checked
from gdbook.differences import DifferenceErrors
from gdbook.plot import _base
from gdbook.plot._base import AXES

if TYPE_CHECKING:
    from matplotlib.axes import Axes

    from gdbook.descent import Trace

__all__ = ["difference_errors_plot", "loss_curve"]

_X_LABELS = {"updates": "iteration", "epochs": "epoch (passes over the data)"}


@checked(log=Flag(), ax=AXES)
def loss_curve(
    losses: Trace | ArrayLike, *, against: str = "updates", ax: Axes | None = None,
    label: str | None = None, log: bool = False, xlabel: str | None = None,
    ylabel: str = "loss", **plot_kw: Any,
) -> Axes:  # fmt: skip
    """Draw a loss against the update number, or against the epoch.

    Parameters
    ----------
    losses : array_like or Trace
        One loss per update, the start included: a 1-D array, or a run with
        ``losses`` (and ``updates_per_epoch``), such as a :class:`gdbook.Trace`.
    against : {"updates", "epochs"}, default "updates"
        The x axis: entry ``k`` at ``k``, or at ``k / updates_per_epoch``.
    ax : Axes, optional
        Where to draw; a new figure when None.
    label : str, optional
        Legend label; a legend is added when one is given.
    log : bool, default False
        Logarithmic loss axis.
    xlabel, ylabel : str, optional
        Axis labels; by default after ``against``, and "loss".
    **plot_kw
        Passed to :meth:`matplotlib.axes.Axes.plot`.

    Returns
    -------
    Axes
        The axes drawn on.

    Examples
    --------
    >>> from gdbook import beans, fit_line_sgd
    >>> from gdbook.plot import loss_curve
    >>> fit = fit_line_sgd(*beans(30), lr=0.1, epochs=2, batch_size=10, rng=0)
    >>> ax = loss_curve(fit, against="epochs", log=True)
    >>> ax.lines[0].get_xdata()[::3].tolist(), ax.get_yscale()  # 3 updates an epoch
    ([0.0, 1.0, 2.0], 'log')
    """
    if not isinstance(against, str) or against not in _X_LABELS:
        raise ValueError(f'against must be "updates" or "epochs", got {against!r}')
    per_epoch = 1
    if hasattr(losses, "losses"):  # a run
        if losses.losses is None:
            raise ValueError(
                "the run recorded no losses; pass loss= to the descent that made it"
            )
        per_epoch = getattr(losses, "updates_per_epoch", 1)
        per_epoch = Count(1)(per_epoch, "updates_per_epoch")
        losses = losses.losses
    # Finite: matplotlib would leave a gap for a NaN or an infinity, without a word.
    values = Array(ndim=1)(losses, "losses")
    if log and np.any(values <= 0):
        raise ValueError("losses must be positive on a log scale (log=True)")
    ax = _base.axes(ax)
    positions: np.ndarray = np.arange(values.size)
    if against == "epochs":
        positions = positions / per_epoch
    ax.plot(positions, values, label=label, **plot_kw)
    ax.set_xlabel(_X_LABELS[against] if xlabel is None else xlabel)
    ax.set_ylabel(ylabel)
    if log:
        ax.set_yscale("log")
    if label is not None:
        ax.legend()
    ax.grid(True, alpha=0.3)
    return ax


@checked(errors=Instance(DifferenceErrors, "a DifferenceErrors"), ax=AXES)
def difference_errors_plot(
    errors: DifferenceErrors, *, ax: Axes | None = None, label_suffix: str = "",
    **plot_kw: Any,
) -> Axes:  # fmt: skip
    """Draw the errors of the forward and central differences against h, log-log.

    Parameters
    ----------
    errors : gdbook.DifferenceErrors
        From :func:`gdbook.difference_errors`.
    ax : Axes, optional
        Where to draw; a new figure when None.
    label_suffix : str, default ""
        Appended to the labels "forward" and "central" (e.g. ", float32").
    **plot_kw
        Passed to :meth:`matplotlib.axes.Axes.loglog` for both lines.

    Returns
    -------
    Axes
        The axes drawn on.

    Examples
    --------
    >>> import numpy as np
    >>> from gdbook import difference_errors
    >>> from gdbook.plot import difference_errors_plot
    >>> ax = difference_errors_plot(difference_errors(np.sin, 1.0, np.cos(1.0)))
    >>> len(ax.get_lines()), ax.get_xscale()
    (2, 'log')
    """
    ax = _base.axes(ax)
    for name, values, marker in [
        ("forward", errors.forward, "o"),
        ("central", errors.central, "s"),
    ]:
        keep = values > 0  # a log axis has no place for an error of 0
        label = f"{name}{label_suffix}"
        style = {"marker": marker, "markersize": 3, "label": label, **plot_kw}
        ax.loglog(errors.hs[keep], values[keep], **style)
    ax.set(xlabel="step h", ylabel="absolute error")
    ax.grid(True, which="major", alpha=0.3)
    ax.legend()
    return ax
