"""Gradient descent that keeps its whole history.

:func:`gradient_descent` returns a :class:`Trace`: every point from the start to the
end, the gradient used at each step, the loss at each point when a loss function is
given, and whether the run diverged. Plots are drawn from the trace by
:mod:`gdbook.plot`; nothing here draws.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from gdbook._validation import (
    as_float_array,
    as_generator,
    check_callable,
    check_non_negative_int,
    check_positive_finite,
)

__all__ = [
    "StochasticTrace",
    "Trace",
    "gradient_descent",
    "stochastic_gradient_descent",
]


@dataclass(frozen=True, repr=False)
class Trace:
    """History of a descent run.

    Attributes
    ----------
    xs : numpy.ndarray
        Every point, the start included: shape ``(steps_taken + 1, *x0.shape)``.
    grads : numpy.ndarray
        The gradient used at each step: shape ``(steps_taken, *x0.shape)``;
        ``grads[k]`` was taken at ``xs[k]``.
    losses : numpy.ndarray or None
        The loss at each point of ``xs`` when a loss function was given.
    lr : float
        The learning rate.
    diverged : bool
        True when the run stopped early because an iterate, a gradient or a loss
        was not finite. ``xs`` then ends at the last finite point.

    Examples
    --------
    >>> from gdbook import gradient_descent
    >>> trace = gradient_descent(lambda x: 2 * x, 5.0, lr=0.1, steps=3)
    >>> trace.xs
    array([5.  , 4.  , 3.2 , 2.56])
    >>> trace.x, trace.steps_taken
    (np.float64(2.56), 3)
    """

    xs: np.ndarray
    grads: np.ndarray
    losses: np.ndarray | None
    lr: float
    diverged: bool = False

    @property
    def x(self):
        """The final point (a numpy scalar for a scalar start)."""
        return self.xs[-1]

    @property
    def loss(self) -> float | None:
        """The loss at the final point, if losses were recorded."""
        return None if self.losses is None else float(self.losses[-1])

    @property
    def steps_taken(self) -> int:
        """Number of updates made (fewer than asked for when the run diverged)."""
        return len(self.xs) - 1

    def __len__(self) -> int:
        return len(self.xs)

    def __repr__(self) -> str:
        with np.printoptions(threshold=6, edgeitems=2):
            parts = [f"steps={self.steps_taken}", f"lr={self.lr:g}", f"x={self.x!s}"]
            if self.losses is not None:
                parts.append(f"loss={self.loss:.6g}")
        if self.diverged:
            parts.append("diverged=True")
        return f"Trace({', '.join(parts)})"


def _checked_gradient(grad: Callable, x: np.ndarray, *args) -> np.ndarray:
    """Call ``grad`` on a copy of ``x`` (and ``args``); check its answer's shape."""
    value = np.asarray(grad(x.copy(), *args), dtype=np.float64)
    if value.shape != x.shape:
        raise ValueError(
            f"grad must return an array of x0's shape {x.shape}, got {value.shape}"
        )
    return value


def _advance(x, g, lr, loss, xs, grads, losses):
    """Step from ``x`` against ``g`` and record the step in the histories.

    Returns the new point, or None (nothing recorded) when the step, the gradient
    or the new loss is not finite: the run has diverged.
    """
    x_next = x - lr * g
    if not (np.all(np.isfinite(g)) and np.all(np.isfinite(x_next))):
        return None
    if losses is not None:
        value = float(loss(x_next.copy()))
        if not np.isfinite(value):
            return None
        losses.append(value)
    grads.append(g)
    xs.append(x_next)
    return x_next


def gradient_descent(
    grad: Callable,
    x0,
    *,
    lr: float,
    steps: int,
    loss: Callable | None = None,
) -> Trace:
    r"""Minimise a function by gradient descent, keeping the whole history.

    Parameters
    ----------
    grad : callable
        ``grad(x)`` returns the gradient at ``x``, an array of ``x0``'s shape. It
        receives a copy, so it may modify its argument without harm. For a
        numerical gradient pass ``functools.partial(numerical_gradient, f)``.
    x0 : float or array_like
        Start, any shape; finite. Copied to float64, never modified.
    lr : float
        Learning rate :math:`\eta`, a positive finite number.
    steps : int
        Number of updates, a non-negative integer.
    loss : callable, optional
        ``loss(x)`` returns a real number; when given, it is recorded at every
        point.

    Returns
    -------
    Trace
        ``steps + 1`` points from ``x0`` to the final one (fewer if the run
        diverged), the gradients and, when ``loss`` is given, the losses.

    Raises
    ------
    TypeError
        If ``grad`` or ``loss`` is not callable, or ``lr`` or ``steps`` has the
        wrong type.
    ValueError
        If ``x0`` is not finite, ``lr`` is not positive and finite, ``steps`` is
        negative, or ``grad`` returns the wrong shape.

    See Also
    --------
    gdbook.numerical_gradient : A gradient when no formula is at hand.

    Notes
    -----
    The update is

    .. math:: x_{k+1} = x_k - \eta \nabla f(x_k).

    On :math:`f(x) = x^2` it gives :math:`x_k = (1 - 2\eta)^k x_0`, which
    converges when :math:`0 < \eta < 1`. A run whose iterate, gradient or loss
    stops being finite ends there with ``diverged=True``, without overflow
    warnings.

    Examples
    --------
    The parabola of the first source, :math:`f(x) = x^2` from 5 with
    :math:`\eta = 0.1`:

    >>> import numpy as np
    >>> from gdbook import gradient_descent, parabola
    >>> trace = gradient_descent(parabola.grad, 5.0, lr=0.1, steps=50,
    ...                          loss=parabola)
    >>> trace
    Trace(steps=50, lr=0.1, x=7.136238463529802e-05, loss=5.09259e-09)

    The iterates follow the closed form :math:`x_k = (1 - 2\eta)^k x_0` up to
    rounding:

    >>> bool(np.isclose(trace.x, 5.0 * 0.8**50, rtol=1e-12, atol=0))
    True

    A learning rate above the stability limit diverges, and the run says so:

    >>> gradient_descent(parabola.grad, 5.0, lr=1.5, steps=2000).diverged
    True
    """
    check_callable(grad, "grad")
    if loss is not None:
        check_callable(loss, "loss")
    lr = check_positive_finite(lr, "lr")
    steps = check_non_negative_int(steps, "steps")
    x = as_float_array(x0, "x0")

    xs = [x]
    grads = []
    losses = None if loss is None else [float(loss(x.copy()))]
    diverged = losses is not None and not np.isfinite(losses[0])
    # Overflow is detected and reported through ``diverged``: silence numpy's
    # warnings for it rather than flooding the reader's output.
    with np.errstate(over="ignore", invalid="ignore"):
        for _ in range(steps if not diverged else 0):
            g = _checked_gradient(grad, x)
            x_next = _advance(x, g, lr, loss, xs, grads, losses)
            if x_next is None:
                diverged = True
                break
            x = x_next

    return Trace(
        xs=np.array(xs),
        grads=np.array(grads).reshape((len(grads), *x.shape)),
        losses=None if losses is None else np.array(losses),
        lr=lr,
        diverged=diverged,
    )


# --- Stochastic and mini-batch descent (the line-fitting chapter) ---------------


@dataclass(frozen=True, repr=False)
class StochasticTrace(Trace):
    """History of a stochastic (or mini-batch) descent run, one point per update.

    A :class:`Trace` with two more attributes; ``xs``, ``grads`` and ``losses``
    hold one entry per *update* (plus the start), not per epoch.

    Attributes
    ----------
    batch_size : int
        Samples per update (1 for plain SGD).
    updates_per_epoch : int
        Updates in one pass over the data: ``ceil(n_samples / batch_size)``. The
        point at the end of epoch ``k`` is ``xs[k * updates_per_epoch]``.

    Examples
    --------
    >>> import numpy as np
    >>> from gdbook import stochastic_gradient_descent
    >>> data = np.array([1.0, 2.0, 3.0])
    >>> trace = stochastic_gradient_descent(
    ...     lambda x, batch: 2 * (x - data[batch].mean()), 0.0, 3,
    ...     lr=0.1, epochs=2, rng=0)
    >>> trace.steps_taken, trace.updates_per_epoch, trace.epoch_xs.shape
    (6, 3, (3,))
    """

    batch_size: int = 1
    updates_per_epoch: int = 1

    @property
    def epochs_taken(self) -> float:
        """Passes over the data made (a fraction if the run diverged mid-epoch)."""
        return self.steps_taken / self.updates_per_epoch

    @property
    def epoch_xs(self) -> np.ndarray:
        """The start and the point at the end of each complete epoch."""
        return self.xs[:: self.updates_per_epoch]

    @property
    def epoch_losses(self) -> np.ndarray | None:
        """The losses at :attr:`epoch_xs`, if losses were recorded."""
        return None if self.losses is None else self.losses[:: self.updates_per_epoch]

    def __repr__(self) -> str:
        with np.printoptions(threshold=6, edgeitems=2):
            parts = [
                f"epochs={self.epochs_taken:g}",
                f"batch_size={self.batch_size}",
                f"lr={self.lr:g}",
                f"x={self.x!s}",
            ]
            if self.losses is not None:
                parts.append(f"loss={self.loss:.6g}")
        if self.diverged:
            parts.append("diverged=True")
        return f"StochasticTrace({', '.join(parts)})"


def _batches(n_samples: int, batch_size: int, order: np.ndarray) -> list[np.ndarray]:
    """Cut one epoch's visiting order into consecutive batches (last may be short)."""
    return [
        order[start : start + batch_size] for start in range(0, n_samples, batch_size)
    ]


def stochastic_gradient_descent(
    grad: Callable,
    x0,
    n_samples: int,
    *,
    lr: float,
    epochs: int,
    batch_size: int = 1,
    shuffle: bool = True,
    rng=None,
    loss: Callable | None = None,
) -> StochasticTrace:
    r"""Minimise an average over samples by stochastic or mini-batch descent.

    Parameters
    ----------
    grad : callable
        ``grad(x, batch)`` returns the gradient, at ``x``, of the mean loss over
        the samples whose indices are in ``batch`` (an integer array of length
        ``batch_size``, or shorter for the last batch of an epoch). It receives
        a copy of ``x``.
    x0 : float or array_like
        Start, any shape; finite. Copied to float64, never modified.
    n_samples : int
        Number of samples :math:`n` (at least 1); batches hold indices in
        ``range(n_samples)``.
    lr : float
        Learning rate :math:`\eta`, positive and finite.
    epochs : int
        Number of passes over the data, non-negative.
    batch_size : int, default 1
        Samples per update, :math:`1 \le B \le n`. ``1`` is plain SGD (one sample
        per update); ``n_samples`` with ``shuffle=False`` is batch descent.
    shuffle : bool, default True
        Visit the samples in a fresh random order at each epoch (drawn from
        ``rng``); when False, in their stored order, as source 004 does.
    rng : numpy.random.Generator, int or None
        Generator, or seed for one, of the visiting orders. None takes a seed from
        the operating system (runs are then not reproducible); pass a seed to
        reproduce a run. Unused when ``shuffle`` is False.
    loss : callable, optional
        ``loss(x)``, the full loss; recorded at the start and after every update.
        This costs one pass over the data per update: leave it out on large data.

    Returns
    -------
    StochasticTrace
        ``epochs * ceil(n_samples / batch_size) + 1`` points (fewer if the run
        diverged), the gradients and, when ``loss`` is given, the losses.

    Raises
    ------
    TypeError
        If ``grad`` or ``loss`` is not callable, a count has the wrong type or
        ``rng`` is not a generator, a seed or None.
    ValueError
        If ``x0`` is not finite, ``lr`` is not positive and finite, ``epochs`` is
        negative, ``n_samples`` < 1, ``batch_size`` is outside ``[1, n_samples]``,
        or ``grad`` returns the wrong shape.

    See Also
    --------
    gradient_descent : One update per pass, with the full gradient.
    gdbook.fit_line_sgd : This algorithm applied to the line fit.

    Notes
    -----
    For a loss that is an average over samples,
    :math:`L(x) = \frac1n \sum_{i=1}^n \ell_i(x)`, batch descent spends a full
    pass over the data on each update. Stochastic descent instead updates with
    the gradient of the loss on a batch :math:`S_k` of :math:`B` samples,

    .. math:: x_{k+1} = x_k - \eta\, \frac{1}{|S_k|}\sum_{i \in S_k}
       \nabla \ell_i(x_k),

    an unbiased but noisy estimate of :math:`\nabla L(x_k)` that costs
    :math:`B/n` of a full gradient. One *epoch* visits every sample once: each
    epoch draws a random permutation of the indices (random reshuffling, what
    deep-learning libraries do) and cuts it into consecutive batches, so an epoch
    makes :math:`\lceil n/B \rceil` updates. With a constant :math:`\eta` the
    noise does not vanish at the minimum, so the iterates end up jittering in a
    small region around it whose size grows with :math:`\eta` and shrinks with
    :math:`B`.

    A run whose iterate, gradient or loss stops being finite ends there with
    ``diverged=True``.

    Examples
    --------
    The mean of three numbers is the minimum of
    :math:`\frac13\sum_i (x - d_i)^2`; one sample per update gets close to it:

    >>> import numpy as np
    >>> from gdbook import stochastic_gradient_descent
    >>> data = np.array([1.0, 2.0, 6.0])
    >>> def grad(x, batch):
    ...     return 2 * np.mean(x - data[batch])
    >>> trace = stochastic_gradient_descent(grad, 0.0, data.size, lr=0.05,
    ...                                     epochs=100, rng=0)
    >>> trace.steps_taken, bool(abs(trace.x - 3.0) < 0.5)
    (300, True)

    The same seed gives the same run:

    >>> again = stochastic_gradient_descent(grad, 0.0, data.size, lr=0.05,
    ...                                     epochs=100, rng=0)
    >>> bool(np.array_equal(trace.xs, again.xs))
    True
    """
    check_callable(grad, "grad")
    if loss is not None:
        check_callable(loss, "loss")
    lr = check_positive_finite(lr, "lr")
    epochs = check_non_negative_int(epochs, "epochs")
    n_samples = check_non_negative_int(n_samples, "n_samples")
    if n_samples < 1:
        raise ValueError(f"n_samples must be at least 1, got {n_samples}")
    batch_size = check_non_negative_int(batch_size, "batch_size")
    if not 1 <= batch_size <= n_samples:
        raise ValueError(
            f"batch_size must lie in [1, n_samples={n_samples}], got {batch_size}"
        )
    if not isinstance(shuffle, bool | np.bool_):
        raise TypeError(f"shuffle must be a bool, got {type(shuffle).__name__}")
    generator = as_generator(rng) if shuffle else None
    x = as_float_array(x0, "x0")

    updates_per_epoch = -(-n_samples // batch_size)
    in_order = np.arange(n_samples)
    xs = [x]
    grads = []
    losses = None if loss is None else [float(loss(x.copy()))]
    diverged = losses is not None and not np.isfinite(losses[0])
    with np.errstate(over="ignore", invalid="ignore"):
        for _ in range(epochs if not diverged else 0):
            order = generator.permutation(n_samples) if shuffle else in_order
            for batch in _batches(n_samples, batch_size, order):
                g = _checked_gradient(grad, x, batch)
                x_next = _advance(x, g, lr, loss, xs, grads, losses)
                if x_next is None:
                    diverged = True
                    break
                x = x_next
            if diverged:
                break

    return StochasticTrace(
        xs=np.array(xs),
        grads=np.array(grads).reshape((len(grads), *x.shape)),
        losses=None if losses is None else np.array(losses),
        lr=lr,
        diverged=diverged,
        batch_size=batch_size,
        updates_per_epoch=updates_per_epoch,
    )
