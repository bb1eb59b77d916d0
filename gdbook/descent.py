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
import math
from collections.abc import Callable
from dataclasses import dataclass, fields

import numpy as np

from gdbook._checks import (
    Array,
    ArgumentTypeError,
    ArgumentValueError,
    Count,
    Flag,
    Function,
    Instance,
    Optional,
    Point,
    ReturnedTypeError,
    Scalar,
    Seed,
    checked,
    named,
)
from gdbook._validation import (
    as_read_only_float,
    check_array_fits,
    check_at_least,
    check_bool,
    check_history_fits,
    refuse_non_finite,
)
from gdbook.optimizers import Optimizer, _finite, sgd

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

    Raises
    ------
    TypeError, ValueError
        When made by hand with fields that do not fit together: ``xs`` must be a
        non-empty finite real array, ``grads`` one gradient per step of ``xs``'s
        point shape, ``losses`` None or one real number per point, ``optimizer``
        an :class:`~gdbook.optimizers.Optimizer`, ``diverged`` a bool, and the
        counts positive integers.

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

    def __post_init__(self) -> None:
        # Checked without copies: a run's history may be large.
        xs = as_read_only_float(self.xs, "xs")
        if xs.ndim == 0 or len(xs) == 0:
            raise ValueError(f"xs must hold at least the start, got shape {xs.shape}")
        grads = as_read_only_float(self.grads, "grads")
        if grads.shape != (len(xs) - 1, *xs.shape[1:]):
            raise ValueError(
                f"grads must have shape {(len(xs) - 1, *xs.shape[1:])}, one gradient "
                f"per step of xs, got {grads.shape}"
            )
        refuse_non_finite(xs, "xs")
        refuse_non_finite(grads, "grads")
        losses = self.losses
        if losses is not None:
            losses = as_read_only_float(losses, "losses")
            if losses.shape != (len(xs),):
                raise ValueError(
                    f"losses must be None or hold one value per point, shape "
                    f"({len(xs)},), got {losses.shape}"
                )
            # Only a run that diverged at its start records a loss that is not
            # finite (its one loss); every other loss is finite.
            if not (self.diverged is True and len(losses) == 1):
                refuse_non_finite(losses, "losses")
        if not isinstance(self.optimizer, Optimizer):
            raise TypeError(
                "optimizer must be an Optimizer from gdbook.optimizers, got "
                f"{type(self.optimizer).__name__}"
            )
        check_bool(self.diverged, "diverged")
        if self.batch_size is not None:
            check_at_least(self.batch_size, "batch_size", 1)
        check_at_least(self.updates_per_epoch, "updates_per_epoch", 1)
        for name, value in (("xs", xs), ("grads", grads), ("losses", losses)):
            object.__setattr__(self, name, value)
        self._check_points()

    def _check_points(self) -> None:
        """Subclasses whose points have a meaning check their shape here."""

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


def _descend(grad_at, x, batches, optimizer: Optimizer, loss) -> tuple:
    """The loop every run shares: step and record; stop where it diverges.

    ``grad_at(x, batch)`` gives the gradient for each item of ``batches``; every
    argument was checked on entry, so nothing is checked again here. Returns the
    points, the gradients, the losses (or None) and ``diverged``.
    """
    update = optimizer.unchecked or _checked_update(optimizer, x.shape)
    state = optimizer.init(x.copy())
    xs, grads = [x], []
    # A run that overflows stops with diverged=True: no warnings for it.
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        losses = None if loss is None else [loss(x.copy())]
        if losses is not None and not math.isfinite(losses[0]):
            return xs, grads, losses, True
        for batch in batches:
            g = grad_at(x, batch)
            step, state = update(g, state)
            x_next = x + step  # not finite when g is not (every rule passes a NaN on)
            if not _finite(x_next):
                return xs, grads, losses, True
            if losses is not None:
                value = loss(x_next.copy())
                if not math.isfinite(value):
                    return xs, grads, losses, True
                losses.append(value)
            grads.append(g)
            xs.append(x_next)
            x = x_next
    return xs, grads, losses, False


def _checked_update(optimizer: Optimizer, shape: tuple) -> Callable:
    """The ``update`` of an Optimizer made by hand, its step checked each time."""
    name = f"the update of optimizer {optimizer.name}"
    check = Array(shape=shape, finite=False, nonempty=False, copy=False)

    def update(g, state):
        result = optimizer.update(g, state)
        if not (isinstance(result, tuple) and len(result) == 2):
            raise ReturnedTypeError(
                "optimizer",
                f"{name} must return a pair (step, state), got {type(result).__name__}",
            )
        try:
            step = check(result[0], f"the step of {name}")
        except (TypeError, ValueError) as error:
            raise named(error, "optimizer") from None
        return (step if _finite(g) else step + np.nan), result[1]

    return update


def _optimizer(lr, optimizer) -> Optimizer:
    """The update rule from ``lr`` (plain descent) or ``optimizer``: exactly one."""
    if (lr is None) == (optimizer is None):
        raise ArgumentTypeError(
            "lr", "give the learning rate lr, or an optimizer (which holds its own lr)"
        )
    return sgd(lr) if optimizer is None else optimizer


def _check_history(updates, size, name, given=None) -> None:
    """Refuse at once a run whose history would not fit in memory."""
    try:
        check_history_fits(updates, size, name, given)
    except ValueError as error:
        raise named(error, name) from None


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


#: What a run checks on entry (the history's size is checked against memory).
_GRAD, _LOSS = Function(returns=Array(shape="x0", finite=False)), Function(Scalar())
_OPTIMIZER = Instance(Optimizer, "an Optimizer from gdbook.optimizers")


@checked(
    x0=Point(),
    grad=_GRAD,
    steps=Count(),
    loss=Optional(_LOSS),
    optimizer=Optional(_OPTIMIZER),
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
        If ``grad`` or ``loss`` is not callable, ``x0`` is not real, ``lr`` or
        ``steps`` has the wrong type, both or neither of ``lr`` and ``optimizer``
        are given, ``grad`` returns something that is not an array of real
        numbers (None, a string, complex numbers), or ``loss`` something that is
        not a real number.
    ValueError
        If ``x0`` is empty or not finite, ``lr`` is not positive and finite,
        ``steps`` is negative or too large for the history to fit in memory
        (the message says how large), or ``grad`` or ``loss`` returns the wrong
        shape.

    See Also
    --------
    gdbook.numerical_gradient : A gradient when no formula is at hand.

    Notes
    -----
    The update is

    .. math:: x_{k+1} = x_k - \eta \nabla f(x_k).

    On :math:`f(x) = x^2` it gives :math:`x_k = (1 - 2\eta)^k x_0`, which
    converges when :math:`0 < \eta < 1`. A run whose iterate, gradient or loss
    stops being finite (an overflow, or a NaN returned by ``grad`` or ``loss``)
    ends there with ``diverged=True``, without overflow warnings: that is a
    result, not an error, at every step including the first.

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
    optimizer = _optimizer(lr, optimizer)
    _check_history(steps, x0.size, "steps")
    run = _descend(lambda x, _: grad(x.copy()), x0, [None] * steps, optimizer, loss)
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


@checked(
    x0=Point(),
    grad=_GRAD,
    n_samples=Count(min=1),
    epochs=Count(),
    batch_size=Count(min=1),
    shuffle=Flag(),
    rng=Seed(),
    loss=Optional(_LOSS),
    optimizer=Optional(_OPTIMIZER),
)
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
        ``rng`` is not a generator, a seed or None, both or neither of ``lr``
        and ``optimizer`` are given, or ``grad`` or ``loss`` returns something
        that is not real numbers.
    ValueError
        If ``x0`` is empty or not finite, ``lr`` is not positive and finite,
        ``epochs`` is negative or too large for the history to fit in memory,
        ``n_samples`` < 1 or too large for its visiting order to fit,
        ``batch_size`` is outside ``[1, n_samples]``, or ``grad`` or ``loss``
        returns the wrong shape.

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
    optimizer = _optimizer(lr, optimizer)
    try:
        check_array_fits(n_samples, "n_samples")  # the visiting order of an epoch
    except ValueError as error:
        raise named(error, "n_samples") from None
    if batch_size > n_samples:
        raise ArgumentValueError(
            "batch_size",
            f"batch_size must lie in [1, n_samples={n_samples}], got {batch_size}",
        )
    generator = rng if shuffle else None
    updates_per_epoch = -(-n_samples // batch_size)
    _check_history(epochs * updates_per_epoch, x0.size, "epochs", epochs)
    x = x0

    def gradient_at(x, batch):
        return grad(x.copy(), batch)

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
