"""Gradient descent, batch and stochastic, that keeps its whole history.

Every run returns a :class:`Trace`: every point from the start to the end, the
gradient used at each step, the loss at each point when a loss function is given,
and whether the run diverged. :func:`gradient_descent` uses the full gradient at
each step; :func:`stochastic_gradient_descent` the gradient on one sample or a
mini-batch. Both take their update rule from :mod:`gdbook.optimizers` (plain
gradient descent by default). Plots are drawn from the trace by :mod:`gdbook.plot`;
nothing here draws.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable
from dataclasses import dataclass, fields

import numpy as np

from gdbook._validation import (
    as_float_array,
    as_generator,
    check_at_least,
    check_bool,
    check_callable,
    check_history_fits,
    check_non_negative_int,
    returned_array,
    returned_scalar,
)
from gdbook.optimizers import Optimizer, sgd

__all__ = [
    "Trace",
    "gradient_descent",
    "stochastic_gradient_descent",
]


@dataclass(frozen=True, repr=False)
class Trace:
    """History of a descent run, batch or stochastic: one point per update.

    Attributes
    ----------
    xs : numpy.ndarray
        Every point, the start included: shape ``(steps_taken + 1, *x0.shape)``.
    grads : numpy.ndarray
        The gradient used at each step: shape ``(steps_taken, *x0.shape)``;
        ``grads[k]`` was taken at ``xs[k]``.
    losses : numpy.ndarray or None
        The loss at each point of ``xs`` when a loss function was given.
    optimizer : Optimizer
        The update rule (:func:`gdbook.optimizers.sgd` for plain descent).
    diverged : bool
        True when the run stopped early because an iterate, a gradient or a loss
        was not finite. ``xs`` then ends at the last finite point.
    batch_size : int or None
        Samples per update of a stochastic run (1 for plain SGD); None for batch
        descent, whose every update uses the whole data.
    updates_per_epoch : int
        Updates in one pass over the data: 1 for batch descent,
        ``ceil(n_samples / batch_size)`` for a stochastic run. The point at the end
        of epoch ``k`` is ``xs[k * updates_per_epoch]``.

    Examples
    --------
    >>> from gdbook import gradient_descent
    >>> trace = gradient_descent(lambda x: 2 * x, 5.0, lr=0.1, steps=3)
    >>> trace.xs
    array([5.  , 4.  , 3.2 , 2.56])
    >>> print(trace.x, trace.steps_taken, trace.lr)
    2.56 3 0.1
    """

    xs: np.ndarray
    grads: np.ndarray
    losses: np.ndarray | None
    optimizer: Optimizer
    diverged: bool = False
    batch_size: int | None = None
    updates_per_epoch: int = 1

    @property
    def x(self):
        """The final point (a numpy scalar for a scalar start)."""
        return self.xs[-1]

    @property
    def loss(self) -> float | None:
        """The loss at the final point, if losses were recorded."""
        return None if self.losses is None else float(self.losses[-1])

    @property
    def lr(self):
        """The optimizer's learning rate (a float, or a schedule)."""
        return self.optimizer.lr

    @property
    def steps_taken(self) -> int:
        """Number of updates made (fewer than asked for when the run diverged)."""
        return len(self.xs) - 1

    @property
    def epochs_taken(self) -> float:
        """Passes over the data made (a fraction if a stochastic run diverged)."""
        return self.steps_taken / self.updates_per_epoch

    @property
    def epoch_xs(self) -> np.ndarray:
        """The start and the point at the end of each complete epoch."""
        return self.xs[:: self.updates_per_epoch]

    @property
    def epoch_losses(self) -> np.ndarray | None:
        """The losses at :attr:`epoch_xs`, if losses were recorded."""
        return None if self.losses is None else self.losses[:: self.updates_per_epoch]

    def __len__(self) -> int:
        return len(self.xs)

    def _repr_parts(self) -> list[str]:
        if self.batch_size is None:
            parts = [f"steps={self.steps_taken}"]
        else:
            parts = [f"epochs={self.epochs_taken:g}", f"batch_size={self.batch_size}"]
        if self.optimizer.name == "sgd" and isinstance(self.lr, float):
            parts.append(f"lr={self.lr:g}")
        else:
            parts.append(f"optimizer={self.optimizer!r}")
        return parts

    def __repr__(self) -> str:
        with np.printoptions(threshold=6, edgeitems=2):
            x = self.x
            shown = f"<array of shape {x.shape}>" if x.ndim > 1 else str(x)
            parts = [*self._repr_parts(), f"x={shown}"]
            if self.losses is not None:
                parts.append(f"loss={self.loss:.6g}")
        if self.diverged:
            parts.append("diverged=True")
        return f"{type(self).__name__}({', '.join(parts)})"

    def view_as(self, cls: type[Trace]) -> Trace:
        """The same run as a subclass that adds views (``LineFit``, ``NetTrace``).

        Examples
        --------
        >>> from gdbook import LineFit, Trace, gradient_descent
        >>> trace = gradient_descent(lambda p: 2 * p, [1.0, 0.5], lr=0.1, steps=1)
        >>> trace.view_as(LineFit).slope
        0.8
        """
        if not (isinstance(cls, type) and issubclass(cls, Trace)):
            raise TypeError(f"cls must be a subclass of Trace, got {cls!r}")
        return cls(**{field.name: getattr(self, field.name) for field in fields(Trace)})


def _descend(
    gradient_at: Callable,
    x: np.ndarray,
    batches: Iterable,
    optimizer: Optimizer,
    loss: Callable | None,
) -> tuple[list, list, list | None, bool]:
    """The loop every run shares: step, check, record; stop where it diverges.

    ``gradient_at(x, batch)`` gives the gradient for each item of ``batches``.
    Returns the points, the gradients, the losses (or None) and ``diverged``.
    """
    state = optimizer.init(x.copy())
    xs, grads = [x], []
    # Overflow is detected and reported through ``diverged``: silence numpy's
    # warnings for it, the first loss included, rather than flood the output.
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        losses = None if loss is None else [returned_scalar(loss(x.copy()), "loss")]
        if losses is not None and not np.isfinite(losses[0]):
            return xs, grads, losses, True
        for batch in batches:
            g = gradient_at(x, batch)
            step, state = optimizer.update(g, state)
            x_next = x + step
            if not (np.all(np.isfinite(g)) and np.all(np.isfinite(x_next))):
                return xs, grads, losses, True
            if losses is not None:
                value = returned_scalar(loss(x_next.copy()), "loss")
                if not np.isfinite(value):
                    return xs, grads, losses, True
                losses.append(value)
            grads.append(g)
            xs.append(x_next)
            x = x_next
    return xs, grads, losses, False


def _optimizer(lr, optimizer) -> Optimizer:
    """The update rule from ``lr`` (plain descent) or ``optimizer``: exactly one."""
    if optimizer is None:
        if lr is None:
            raise TypeError("give the learning rate lr, or an optimizer")
        return sgd(lr)
    if lr is not None:
        raise TypeError(
            "give lr or optimizer, not both (the optimizer holds its own lr)"
        )
    if not isinstance(optimizer, Optimizer):
        raise TypeError(
            "optimizer must be an Optimizer from gdbook.optimizers, got "
            f"{type(optimizer).__name__}"
        )
    return optimizer


def _trace(xs, grads, losses, optimizer, diverged, **views) -> Trace:
    shape = xs[0].shape
    return Trace(
        xs=np.array(xs),
        grads=np.array(grads).reshape((len(grads), *shape)),
        losses=None if losses is None else np.array(losses),
        optimizer=optimizer,
        diverged=diverged,
        **views,
    )


def gradient_descent(
    grad: Callable,
    x0,
    *,
    lr: float | None = None,
    steps: int,
    loss: Callable | None = None,
    optimizer: Optimizer | None = None,
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
    lr : float, optional
        Learning rate :math:`\eta`, a positive finite number: plain gradient
        descent, the same as ``optimizer=gdbook.optimizers.sgd(lr)``.
    steps : int
        Number of updates, a non-negative integer.
    loss : callable, optional
        ``loss(x)`` returns a real number; when given, it is recorded at every
        point.
    optimizer : Optimizer, optional
        Another update rule from :mod:`gdbook.optimizers` (momentum, Adam...),
        instead of ``lr``. Give one of ``lr`` and ``optimizer``.

    Returns
    -------
    Trace
        ``steps + 1`` points from ``x0`` to the final one (fewer if the run
        diverged), the gradients and, when ``loss`` is given, the losses.

    Raises
    ------
    TypeError
        If ``grad`` or ``loss`` is not callable, ``lr`` or ``steps`` has the
        wrong type, both or neither of ``lr`` and ``optimizer`` are given, or
        ``grad`` returns something that is not an array of real numbers.
    ValueError
        If ``x0`` is not finite, ``lr`` is not positive and finite, ``steps`` is
        negative or too large for the history to fit in memory, or ``grad``
        returns the wrong shape.

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
    optimizer = _optimizer(lr, optimizer)
    steps = check_non_negative_int(steps, "steps")
    x = as_float_array(x0, "x0")
    check_history_fits(steps, x.size, "steps")

    def gradient_at(x, _):
        return returned_array(grad(x.copy()), "grad", x.shape)

    run = _descend(gradient_at, x, itertools.repeat(None, steps), optimizer, loss)
    return _trace(*run[:3], optimizer, run[3])


def _batches(n_samples: int, batch_size: int, epochs: int, generator):
    """Each epoch's visiting order cut into consecutive batches (the last may be
    short); a fresh random order per epoch, drawn from ``generator`` unless it is
    None (then the stored order)."""
    in_order = np.arange(n_samples)
    for _ in range(epochs):
        order = in_order if generator is None else generator.permutation(n_samples)
        for start in range(0, n_samples, batch_size):
            yield order[start : start + batch_size]


def stochastic_gradient_descent(
    grad: Callable,
    x0,
    n_samples: int,
    *,
    lr: float | None = None,
    epochs: int,
    batch_size: int = 1,
    shuffle: bool = True,
    rng=None,
    loss: Callable | None = None,
    optimizer: Optimizer | None = None,
) -> Trace:
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
    lr : float, optional
        Learning rate :math:`\eta`, positive and finite (plain SGD).
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
    optimizer : Optimizer, optional
        Another update rule from :mod:`gdbook.optimizers`, instead of ``lr``.

    Returns
    -------
    Trace
        ``epochs * ceil(n_samples / batch_size) + 1`` points (fewer if the run
        diverged), the gradients and, when ``loss`` is given, the losses; its
        ``batch_size`` and ``updates_per_epoch`` say how updates map to epochs.

    Raises
    ------
    TypeError
        If ``grad`` or ``loss`` is not callable, a count has the wrong type,
        ``rng`` is not a generator, a seed or None, or both or neither of ``lr``
        and ``optimizer`` are given.
    ValueError
        If ``x0`` is not finite, ``lr`` is not positive and finite, ``epochs`` is
        negative or too large for the history to fit in memory, ``n_samples`` < 1,
        ``batch_size`` is outside ``[1, n_samples]``, or ``grad`` returns the
        wrong shape.

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
    >>> trace.steps_taken, trace.updates_per_epoch, bool(abs(trace.x - 3.0) < 0.5)
    (300, 3, True)

    The same seed gives the same run:

    >>> again = stochastic_gradient_descent(grad, 0.0, data.size, lr=0.05,
    ...                                     epochs=100, rng=0)
    >>> bool(np.array_equal(trace.xs, again.xs))
    True
    """
    check_callable(grad, "grad")
    if loss is not None:
        check_callable(loss, "loss")
    optimizer = _optimizer(lr, optimizer)
    epochs = check_non_negative_int(epochs, "epochs")
    n_samples = check_at_least(n_samples, "n_samples", 1)
    batch_size = check_non_negative_int(batch_size, "batch_size")
    if not 1 <= batch_size <= n_samples:
        raise ValueError(
            f"batch_size must lie in [1, n_samples={n_samples}], got {batch_size}"
        )
    generator = as_generator(rng) if check_bool(shuffle, "shuffle") else None
    x = as_float_array(x0, "x0")
    updates_per_epoch = -(-n_samples // batch_size)
    check_history_fits(epochs * updates_per_epoch, x.size, "epochs", epochs)

    def gradient_at(x, batch):
        return returned_array(grad(x.copy(), batch), "grad", x.shape)

    batches = _batches(n_samples, batch_size, epochs, generator)
    xs, grads, losses, diverged = _descend(gradient_at, x, batches, optimizer, loss)
    return _trace(
        xs,
        grads,
        losses,
        optimizer,
        diverged,
        batch_size=batch_size,
        updates_per_epoch=updates_per_epoch,
    )
