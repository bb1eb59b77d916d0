r"""Gradient descent, batch and stochastic, keeping the whole history in a
:class:`Trace`; the step is an update rule of :mod:`gdbook.optimizers`.
"""

from __future__ import annotations

import math
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, fields
from typing import Any, TypeVar, cast

import numpy as np
from numpy.typing import ArrayLike, NDArray

from gdbook._checks import (
    ArgumentTypeError,
    ArgumentValueError,
    Array,
    Count,
    Flag,
    Function,
    Instance,
    Optional,
    Point,
    Positive,
    ReturnedTypeError,
    Returning,
    Scalar,
    Seed,
    checked,
    fits,
    named,
)
from gdbook._rules import finite
from gdbook.optimizers import Optimizer, sgd
from gdbook.schedules import Schedule
from gdbook.testfunctions import formula

_TraceT = TypeVar("_TraceT", bound="Trace")

__all__ = ["Trace", "gradient_descent", "stochastic_gradient_descent"]

_FLOAT64 = np.dtype(np.float64)


@dataclass(frozen=True, repr=False)
class Trace:
    """History of a descent run, batch or stochastic: one point per update.

    Parameters
    ----------
    xs : numpy.ndarray
        Every point, the start included: ``(steps_taken + 1, *x0.shape)``.
    grads : numpy.ndarray
        ``grads[k]``, the gradient at ``xs[k]``.
    losses : numpy.ndarray or None
        The loss at each point, if recorded.
    optimizer : Optimizer
        The update rule.
    diverged : bool, default False
        The run stopped where a value was not finite (``xs`` ends before).
    batch_size : int or None, default None
        A stochastic run's batch size.
    updates_per_epoch : int, default 1
        Epoch ``k`` ends at ``xs[k * updates_per_epoch]``.

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
        xs = Array(copy=False)(self.xs, "xs")  # not copied: it may be large
        if xs.ndim == 0:
            raise ArgumentValueError("xs", "xs must hold the start, got a scalar")
        step_shape = (len(xs) - 1, *xs.shape[1:])
        grads = Array(step_shape, nonempty=False, copy=False)(self.grads, "grads")
        # Only a run that diverged at its start keeps a loss that is not finite.
        finite = not (self.diverged is True and len(xs) == 1)
        losses = Optional(Array((len(xs),), finite=finite, copy=False))
        losses = losses(self.losses, "losses")
        _OPTIMIZER(self.optimizer, "optimizer")
        Flag()(self.diverged, "diverged")
        Optional(Count(min=1))(self.batch_size, "batch_size")
        Count(min=1)(self.updates_per_epoch, "updates_per_epoch")
        for name, value in (("xs", xs), ("grads", grads), ("losses", losses)):
            object.__setattr__(self, name, value)
        self._check_points()

    @classmethod
    def _of_run(cls, **fields: Any) -> Trace:
        """The Trace of a run here: its fields are good by making."""
        trace = object.__new__(cls)
        for name, value in fields.items():
            object.__setattr__(trace, name, value)
        return trace

    def _check_points(self) -> None:
        """Subclasses whose points have a meaning check their shape here."""

    @property
    def x(self) -> Any:  # numpydoc ignore=EX01
        """The final point (a numpy scalar for a scalar start)."""
        return self.xs[-1]

    @property
    def loss(self) -> float | None:  # numpydoc ignore=EX01
        """The loss at the final point, if losses were recorded."""
        return None if self.losses is None else float(self.losses[-1])

    @property
    def lr(self) -> float | Schedule:  # numpydoc ignore=EX01
        """The optimizer's learning rate (a float, or a schedule)."""
        return self.optimizer.lr

    @property
    def steps_taken(self) -> int:  # numpydoc ignore=EX01
        """Number of updates made (fewer than asked for when the run diverged)."""
        return len(self.xs) - 1

    @property
    def epochs_taken(self) -> float:  # numpydoc ignore=EX01
        """Passes over the data made (a fraction if a stochastic run diverged)."""
        return self.steps_taken / self.updates_per_epoch

    @property
    def epoch_xs(self) -> np.ndarray:  # numpydoc ignore=EX01
        """The start and the point at the end of each complete epoch."""
        return self.xs[:: self.updates_per_epoch]

    @property
    def epoch_losses(self) -> np.ndarray | None:  # numpydoc ignore=EX01
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

    def view_as(self, cls: type[_TraceT]) -> _TraceT:
        """The same run as a subclass that adds views (``LineFit``, ``NetTrace``).

        Parameters
        ----------
        cls : type
            A subclass of Trace.

        Returns
        -------
        Trace
            The run, as ``cls``.

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
    grad: Callable[..., Any],
    x: np.ndarray,
    batches: Iterable[tuple[Any, ...]],
    optimizer: Optimizer,
    loss: Callable[[np.ndarray], float] | None,
    clip_norm: float | None = None,
) -> tuple[list[np.ndarray], list[Any], list[float] | None, bool]:
    """The loop of every run: ``grad(x, *batch)`` for each batch (``()`` for batch
    descent), step, record; stop where a value is not finite. The arguments were
    checked on entry; grad's results are checked inline. Returns the points, the
    gradients, the losses (or None) and ``diverged``."""
    call, result = (
        (grad.function, grad.result)
        if isinstance(grad, Returning)
        else (
            grad,
            None,
        )
    )
    update = optimizer.unchecked or _checked_update(optimizer, x.shape)
    if clip_norm is not None:
        update = _clipped(update, clip_norm)
    state = optimizer.init(x.copy())
    grads: list[Any]
    xs, grads, one_axis, shape = [x], [], x.ndim == 1, x.shape
    # A run that overflows stops with diverged=True: no warnings for it.
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        losses = None if loss is None else [loss(x.copy())]
        if losses is not None and not math.isfinite(losses[0]):
            return xs, grads, losses, True
        for batch in batches:
            # A copy: grad may write to its argument.
            g = call(x.copy(), *batch) if batch else call(x.copy())
            if result is not None and not (
                type(g) is np.ndarray
                and g.dtype is _FLOAT64
                and g.shape == shape
                and g.base is None  # and nobody else holds it: no copy needed
                and sys.getrefcount(g) <= 2
            ):
                g = result(g)
            step, state = update(g, state)
            x_next = x + step  # not finite when g is not (every rule passes a NaN on)
            # Finite? A dot product is cheapest (if it overflows, finite() looks).
            flat = x_next if one_axis else x_next.reshape(-1)
            if not math.isfinite(flat.dot(flat)) and not finite(x_next):
                return xs, grads, losses, True
            if losses is not None and loss is not None:  # (both or neither)
                value = loss(x_next.copy())
                if not math.isfinite(value):
                    return xs, grads, losses, True
                losses.append(value)
            grads.append(g)
            xs.append(x_next)
            x = x_next
    return xs, grads, losses, False


def _clipped(
    update: Callable[[np.ndarray, Any], tuple[np.ndarray, Any]], clip_norm: float
) -> Callable[[np.ndarray, Any], tuple[np.ndarray, Any]]:
    r"""``update`` given the gradient scaled to a norm of at most ``clip_norm``, as
    ``torch.nn.utils.clip_grad_norm_``: :math:`g \min(1, c / (\|g\| + 10^{-6}))`."""

    def clipped(g: np.ndarray, state: Any) -> tuple[np.ndarray, Any]:
        flat = g.reshape(-1)
        norm = math.sqrt(flat.dot(flat))
        scale = clip_norm / (norm + 1e-6)
        return update(g * (scale if scale < 1.0 else 1.0), state)

    return clipped


def _checked_update(
    optimizer: Optimizer, shape: tuple[int, ...]
) -> Callable[[np.ndarray, Any], tuple[np.ndarray, Any]]:
    """The ``update`` of an Optimizer made by hand, its step checked each time."""
    name = f"the update of optimizer {optimizer.name}"
    check = Array(shape=shape, finite=False, nonempty=False, copy=False)

    def update(g: np.ndarray, state: Any) -> tuple[np.ndarray, Any]:
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
        return (step if finite(g) else step + np.nan), result[1]

    return update


def _optimizer(lr: float | Schedule | None, optimizer: Optimizer | None) -> Optimizer:
    """The update rule from ``lr`` (plain descent) or ``optimizer``: exactly one."""
    if (lr is None) == (optimizer is None):
        raise ArgumentTypeError("lr", "give the learning rate lr, or an optimizer")
    return sgd(cast(float | Schedule, lr)) if optimizer is None else optimizer


def _trace(
    run: tuple[list[Any], list[Any], list[float] | None, bool],
    optimizer: Optimizer,
    **stochastic: Any,
) -> Trace:
    """The Trace of what :func:`_descend` returned."""
    xs, grads, losses, diverged = run
    grads_array = np.array(grads).reshape((len(grads), *np.shape(xs[0])))
    losses_array = None if losses is None else np.array(losses)
    fields = {"xs": np.array(xs), "grads": grads_array, "losses": losses_array}
    return Trace._of_run(**fields, optimizer=optimizer, diverged=diverged, **stochastic)


class _Formula:
    """``check`` of a callable; an Objective or its ``grad`` is checked at ``x0``
    once, and its formula then runs without re-checking every point."""

    def __init__(self, check: Function) -> None:
        self.check = check

    def __call__(
        self, value: Any, name: str, given: dict[str, Any] | None = None
    ) -> Any:
        given = given or {}
        return self.check(formula(value, given["x0"]), name, given)


#: What a run checks on entry (and the history's size against memory).
_GRAD = _Formula(Function(returns=Array(shape="x0", finite=False)))
_LOSS = _Formula(Function(Scalar()))
_OPTIMIZER = Instance(Optimizer, "an Optimizer from gdbook.optimizers")


@checked(
    x0=Point(),
    grad=_GRAD,
    steps=Count(),
    loss=Optional(_LOSS),
    optimizer=Optional(_OPTIMIZER),
    clip_norm=Optional(Positive()),
)
def gradient_descent(
    grad: Callable[[NDArray[np.float64]], ArrayLike],
    x0: ArrayLike,
    *,
    lr: float | Schedule | None = None,
    steps: int,
    loss: Callable[[NDArray[np.float64]], float] | None = None,
    optimizer: Optimizer | None = None,
    clip_norm: float | None = None,
) -> Trace:
    r"""Minimise a function by gradient descent, keeping the whole history.

    .. math:: x_{k+1} = x_k - \eta\, \nabla f(x_k)

    (or the step of ``optimizer``), ``steps`` times from ``x0``. A run that stops
    being finite ends there with ``diverged=True``: a result, not an error.

    Parameters
    ----------
    grad : callable
        ``grad(x)``, the gradient at (a copy of) ``x``, of ``x0``'s shape.
    x0 : float or array_like
        The start, real and finite; copied, never modified.
    lr : float, optional
        Learning rate :math:`\eta` (plain descent).
    steps : int
        Number of updates, 0 or more.
    loss : callable, optional
        ``loss(x)``, a real number, recorded at every point.
    optimizer : Optimizer, optional
        An update rule of :mod:`gdbook.optimizers`, instead of ``lr``.
    clip_norm : float, optional
        Clip each gradient to this norm first, as torch's ``clip_grad_norm_``.

    Returns
    -------
    Trace
        ``steps + 1`` points (fewer if the run diverged), gradients, losses.

    Examples
    --------
    :math:`f(x) = x^2` from 5 with :math:`\eta = 0.1`:

    >>> from gdbook import gradient_descent, parabola
    >>> gradient_descent(parabola.grad, 5.0, lr=0.1, steps=50, loss=parabola)
    Trace(steps=50, lr=0.1, x=7.136238463529802e-05, loss=5.09259e-09)
    """
    x0 = cast(np.ndarray, x0)  # checked(): a float64 array
    optimizer = _optimizer(lr, optimizer)
    fits(steps, "steps", history=x0.size)
    run = _descend(grad, x0, [()] * steps, optimizer, loss, clip_norm)
    return _trace(run, optimizer, batch_size=None, updates_per_epoch=1)


def _batches(
    n_samples: int, batch_size: int, epochs: int, generator: np.random.Generator | None
) -> Iterator[tuple[np.ndarray]]:
    """Each epoch's order (random from ``generator``, or the stored one if None) cut
    into consecutive batches, the last maybe short."""
    in_order = np.arange(n_samples)
    for _ in range(epochs):
        order = in_order if generator is None else generator.permutation(n_samples)
        for start in range(0, n_samples, batch_size):
            yield (order[start : start + batch_size],)


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
    clip_norm=Optional(Positive()),
)
def stochastic_gradient_descent(
    grad: Callable[[NDArray[np.float64], NDArray[np.intp]], ArrayLike],
    x0: ArrayLike,
    n_samples: int,
    *,
    lr: float | Schedule | None = None,
    epochs: int,
    batch_size: int = 1,
    shuffle: bool = True,
    rng: np.random.Generator | int | None = None,
    loss: Callable[[NDArray[np.float64]], float] | None = None,
    optimizer: Optimizer | None = None,
    clip_norm: float | None = None,
) -> Trace:
    r"""Minimise an average over samples by stochastic or mini-batch descent.

    .. math:: x_{k+1} = x_k - \eta\, \frac{1}{|S_k|}\sum_{i \in S_k}
       \nabla \ell_i(x_k)

    (or the step of ``optimizer``): each epoch cuts a fresh random order of the
    samples (or their stored order) into batches :math:`S_k` of ``batch_size``, the
    last maybe shorter, :math:`\lceil n / B \rceil` updates an epoch.

    Parameters
    ----------
    grad : callable
        ``grad(x, batch)``, the mean gradient over the samples indexed by ``batch``.
    x0 : float or array_like
        The start, real and finite; copied, never modified.
    n_samples : int
        Number of samples :math:`n`, at least 1.
    lr : float, optional
        Learning rate :math:`\eta` (plain SGD).
    epochs : int
        Passes over the data, 0 or more.
    batch_size : int, default 1
        Samples per update, :math:`1 \le B \le n`.
    shuffle : bool, default True
        A fresh random order at each epoch; False keeps the stored order.
    rng : numpy.random.Generator, int or None
        The generator of the orders, or its seed.
    loss : callable, optional
        ``loss(x)``, the full loss, recorded at every point.
    optimizer : Optimizer, optional
        An update rule of :mod:`gdbook.optimizers`, instead of ``lr``.
    clip_norm : float, optional
        Clip each gradient to this norm first (see :func:`gradient_descent`).

    Returns
    -------
    Trace
        ``epochs * ceil(n / B) + 1`` points (fewer if it diverged).

    Examples
    --------
    The mean of three numbers minimises :math:`\frac13\sum_i (x - d_i)^2`:

    >>> import numpy as np
    >>> from gdbook import stochastic_gradient_descent
    >>> data = np.array([1.0, 2.0, 6.0])
    >>> def grad(x, batch):
    ...     return 2 * np.mean(x - data[batch])
    >>> trace = stochastic_gradient_descent(grad, 0.0, data.size, lr=0.05,
    ...                                     epochs=100, rng=0)
    >>> trace.steps_taken, trace.updates_per_epoch, bool(abs(trace.x - 3.0) < 0.5)
    (300, 3, True)
    """
    optimizer = _optimizer(lr, optimizer)
    fits(n_samples, "n_samples")  # the visiting order of an epoch
    if batch_size > n_samples:
        raise ArgumentValueError(
            "batch_size",
            f"batch_size must lie in [1, n_samples={n_samples}], got {batch_size}",
        )
    x0 = cast(np.ndarray, x0)  # checked(): a float64 array
    generator = cast(np.random.Generator, rng) if shuffle else None
    per_epoch = -(-n_samples // batch_size)  # updates an epoch
    fits(epochs * per_epoch, "epochs", epochs, history=x0.size)
    batches = _batches(n_samples, batch_size, epochs, generator)
    run = _descend(grad, x0, batches, optimizer, loss, clip_norm)
    return _trace(run, optimizer, batch_size=batch_size, updates_per_epoch=per_epoch)
