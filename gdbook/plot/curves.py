"""Curves of a number that should fall: a run's loss, a finite difference's error.

:func:`loss_curve` draws the loss of a run against its updates or its epochs;
:func:`difference_errors_plot` the error of the forward and central differences
against the step h.
"""

from __future__ import annotations

import numpy as np

from gdbook._validation import (
    as_float_array,
    check_at_least,
    check_bool,
    refuse_non_finite,
)
from gdbook.calculus import DifferenceErrors
from gdbook.plot import _base

__all__ = ["difference_errors_plot", "loss_curve"]

_X_LABELS = {"updates": "iteration", "epochs": "epoch (passes over the data)"}


def loss_curve(
    losses,
    *,
    against: str = "updates",
    ax=None,
    label: str | None = None,
    log: bool = False,
    xlabel: str | None = None,
    ylabel: str = "loss",
    **plot_kw,
):
    """Draw a loss against the update number, or against the epoch.

    Parameters
    ----------
    losses : array_like or Trace
        One loss per update, the start included: a 1-D array such as
        ``trace.losses``, or the run itself, anything with ``losses`` and
        ``updates_per_epoch`` attributes (a :class:`gdbook.Trace`, a
        :class:`gdbook.LineFit`). A run without ``updates_per_epoch`` counts one
        update per epoch, and so does an array.
    against : {"updates", "epochs"}, default "updates"
        The x axis. "updates" draws entry ``k`` at ``k``; "epochs" draws it at
        ``k / updates_per_epoch``, the passes over the data, so that runs with
        different numbers of updates per epoch (batch, stochastic, mini-batch)
        are drawn against the same work.
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure when None.
    label : str, optional
        Legend label; a legend is added when one is given.
    log : bool, default False
        Logarithmic loss axis, to see a geometric decrease as a straight line.
    xlabel : str, optional
        Label of the x axis; by default "iteration" or "epoch (passes over the
        data)", after ``against``.
    ylabel : str, default "loss"
        Label of the loss axis.
    **plot_kw
        Passed to :meth:`matplotlib.axes.Axes.plot`.

    Returns
    -------
    matplotlib.axes.Axes

    Raises
    ------
    TypeError
        If the run's ``updates_per_epoch`` is not an integer.
    ValueError
        If the losses are not one-dimensional, the run recorded no losses,
        ``against`` is neither "updates" nor "epochs", or the run's
        ``updates_per_epoch`` is less than 1.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> from gdbook import gradient_descent, parabola
    >>> from gdbook.plot import loss_curve
    >>> trace = gradient_descent(parabola.grad, 5.0, lr=0.1, steps=50, loss=parabola)
    >>> ax = loss_curve(trace.losses, log=True, label="lr = 0.1")
    >>> ax.get_yscale()
    'log'

    A stochastic run against its epochs: 30 samples in mini-batches of 10 make
    three updates per epoch.

    >>> from gdbook import beans, fit_line_sgd
    >>> x, y = beans(30)
    >>> fit = fit_line_sgd(x, y, lr=0.1, epochs=2, batch_size=10, rng=0)
    >>> fit.updates_per_epoch, len(fit.losses)
    (3, 7)
    >>> ax = loss_curve(fit, against="epochs", label="mini-batches of 10")
    >>> ax.lines[0].get_xdata()[::3].tolist()  # the start, the end of each epoch
    [0.0, 1.0, 2.0]
    """
    if not isinstance(against, str) or against not in _X_LABELS:
        raise ValueError(f'against must be "updates" or "epochs", got {against!r}')
    updates_per_epoch = 1
    if hasattr(losses, "losses"):
        run = losses
        losses = run.losses
        if losses is None:
            raise ValueError(
                "the run recorded no losses; pass loss= to the descent that made it"
            )
        updates_per_epoch = check_at_least(
            getattr(run, "updates_per_epoch", 1), "updates_per_epoch", 1
        )
    values = as_float_array(losses, "losses", finite=False, nonempty=True)
    if values.ndim != 1:
        raise ValueError(f"losses must be one-dimensional, got shape {values.shape}")
    # matplotlib would leave a gap for a NaN or an infinity, without a word.
    refuse_non_finite(values, "losses")
    log = check_bool(log, "log")
    if log and np.any(values <= 0):
        raise ValueError("losses must be positive on a log scale (log=True)")
    positions = np.arange(values.size)
    if against == "epochs":
        positions = positions / updates_per_epoch
    ax = _base.axes(ax)
    ax.plot(positions, values, label=label, **plot_kw)
    ax.set_xlabel(_X_LABELS[against] if xlabel is None else xlabel)
    ax.set_ylabel(ylabel)
    if log:
        ax.set_yscale("log")
    if label is not None:
        ax.legend()
    ax.grid(True, alpha=0.3)
    return ax


def difference_errors_plot(errors, *, ax=None, label_suffix: str = "", **plot_kw):
    """Draw the errors of the forward and central differences against h, log-log.

    Parameters
    ----------
    errors : gdbook.DifferenceErrors
        From :func:`gdbook.difference_errors`.
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure when None.
    label_suffix : str, default ""
        Appended to the legend labels "forward" and "central" (e.g. ", float32").
    **plot_kw
        Passed to :meth:`matplotlib.axes.Axes.loglog` for both lines.

    Returns
    -------
    matplotlib.axes.Axes

    Notes
    -----
    Steps where an error is exactly zero are left out (a logarithmic axis has no
    place for them).

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import numpy as np
    >>> from gdbook import difference_errors
    >>> from gdbook.plot import difference_errors_plot
    >>> ax = difference_errors_plot(difference_errors(np.sin, 1.0, np.cos(1.0)))
    >>> len(ax.get_lines()), ax.get_xscale()
    (2, 'log')
    """
    if not isinstance(errors, DifferenceErrors):
        raise TypeError(
            "errors must be the DifferenceErrors of gdbook.difference_errors, got "
            f"{type(errors).__name__}"
        )
    ax = _base.axes(ax)
    for name, values, marker in (
        ("forward", errors.forward, "o"),
        ("central", errors.central, "s"),
    ):
        keep = values > 0
        ax.loglog(
            errors.hs[keep],
            values[keep],
            marker=marker,
            markersize=3,
            label=f"{name}{label_suffix}",
            **plot_kw,
        )
    ax.set_xlabel("step h")
    ax.set_ylabel("absolute error")
    ax.grid(True, which="major", alpha=0.3)
    ax.legend()
    return ax
