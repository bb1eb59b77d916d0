"""Gradient descent, batch and stochastic, keeping the whole history in a
:class:`Trace`; the step is an update rule of :mod:`gdbook.optimizers`."""

from __future__ import annotations

import math
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, fields
from typing import Any, TypeVar, cast

import numpy as np
from numpy.typing import ArrayLike, NDArray

from gdbook import _checks as c
from gdbook._checks import checked, frozen
from gdbook._errors import ArgumentTypeError, ArgumentValueError, fits
from gdbook._rules import checked_update, clipped
from gdbook.optimizers import Optimizer, sgd
from gdbook.schedules import Schedule
from gdbook.testfunctions import formula

__all__ = ["Trace", "gradient_descent", "stochastic_gradient_descent"]

_TraceT = TypeVar("_TraceT", bound="Trace")
_OPTIMIZER = c.Instance(Optimizer, "an Optimizer from gdbook.optimizers")
_F64 = np.dtype(np.float64)


@dataclass(frozen=True, repr=False)
class Trace:  # numpydoc ignore=PR01,EX01
    """History of a descent run, batch or stochastic: one point per update."""

    xs: np.ndarray  #: Every point, the start included: ``xs[k]`` after ``k`` updates.
    grads: np.ndarray  #: ``grads[k]``, the gradient at ``xs[k]``.
    losses: np.ndarray | None  #: The loss at each point, if recorded.
    optimizer: Optimizer  #: The update rule.
    #: The run stopped where a value was not finite (``xs`` ends before).
    diverged: bool = False
    batch_size: int | None = None  #: A stochastic run's batch size.
    updates_per_epoch: int = 1  #: Epoch ``k`` ends at ``xs[k * updates_per_epoch]``.

    def __post_init__(self) -> None:
        xs = c.Array(copy=False)(self.xs, "xs")  # not copied: it may be large
        if xs.ndim == 0:
            raise ArgumentValueError("xs", "xs must hold the start, got a scalar")
        # Only a run that diverged at its start keeps a loss that is not finite.
        finite = not (self.diverged is True and len(xs) == 1)
        frozen(
            self,
            xs=lambda *_: xs,
            grads=c.Array((len(xs) - 1, *xs.shape[1:]), nonempty=False, copy=False),
            losses=c.Optional(c.Array((len(xs),), finite=finite, copy=False)),
            optimizer=_OPTIMIZER,
            diverged=c.Flag(),
            batch_size=c.Optional(c.Count(min=1)),
            updates_per_epoch=c.Count(min=1),
            writeable=True,
        )
        self._check_points()

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
        steps = [f"steps={self.steps_taken}"]
        if self.batch_size is not None:
            steps = [f"epochs={self.epochs_taken:g}", f"batch_size={self.batch_size}"]
        plain = self.optimizer.name == "sgd" and isinstance(self.lr, float)
        return [*steps, f"lr={self.lr:g}" if plain else f"optimizer={self.optimizer!r}"]

    def _repr_final(self) -> str:
        """The final point, as the repr shows it (a subclass may name its parts)."""
        with np.printoptions(threshold=6, edgeitems=2):
            x = self.x
            return f"x={f'<array of shape {x.shape}>' if x.ndim > 1 else x}"

    def __repr__(self) -> str:
        parts = [*self._repr_parts(), self._repr_final()]
        parts += [] if self.losses is None else [f"loss={self.loss:.6g}"]
        parts += ["diverged=True"] if self.diverged else []
        return f"{type(self).__name__}({', '.join(parts)})"

    def view_as(self, cls: type[_TraceT]) -> _TraceT:  # numpydoc ignore=PR01,RT01,EX01
        """The same run as ``cls``, a subclass that adds views (``LineFit``...)."""
        if not (isinstance(cls, type) and issubclass(cls, Trace)):
            raise TypeError(f"cls must be a subclass of Trace, got {cls!r}")
        return cls(**{field.name: getattr(self, field.name) for field in fields(Trace)})


def _run(
    grad: Any,
    x: Any,
    steps: int,
    optimizer: Any,
    loss: Any,
    clip_norm: float | None,
    batches: Iterator[np.ndarray] | None = None,
    **fields: Any,
) -> Trace:
    """``g = grad(x)`` (or ``grad(x, next(batches))``), ``x = x + step``, ``steps``
    times or until a value is not finite; ``g`` checked by ``grad.result`` unless a
    new float64 array of x's shape (the arguments as the declared checks made them)."""
    function = grad.function
    call = function if batches is None else lambda x: function(x, next(batches))
    safe = optimizer.unchecked or checked_update(optimizer, x.shape)
    update = optimizer.fast or safe  # unguarded: until a float overflows in the run
    unguarded = update is not safe
    if clip_norm is not None:
        safe, update = clipped(safe, clip_norm), clipped(update, clip_norm)
    state, shape, small = optimizer.init(x.copy()), x.shape, x.ndim == 1 and x.size < 33
    isfinite, ndarray, held = math.isfinite, np.ndarray, sys.getrefcount
    xs, grads, losses, overflows = [x], [], [], []  # type: ignore[var-annotated]
    keep_x, keep_g = xs.append, grads.append
    # A run that overflows stops with diverged=True: no warnings for it. numpy
    # reports each overflow (in grad, loss or a rule) to overflows.append.
    with np.errstate(all="ignore", over="call", call=lambda *_: overflows.append(1)):
        if loss is not None:
            losses.append(loss(x.copy()))
        diverged = bool(losses) and not isfinite(losses[0])
        for _ in range(0 if diverged else steps):
            g = call(x.copy())  # a copy: grad may write to its argument
            if (  # kept as it is: a new float64 array of x's shape, held by nobody
                type(g) is not ndarray
                or g.dtype is not _F64
                or g.shape != shape
                or g.base is not None
                or held(g) > 2
            ):
                g = grad.result(g)
            step, new = update(g, state)
            if overflows and unguarded:  # the guarded rule, from now on
                update, unguarded = safe, False
                step, new = safe(g, state)  # (a rule is a pure function)
            state = new
            x_next = x + step  # NaN if g is: every rule passes a NaN on
            # Finite? A sum is cheapest (if it overflows, look at each value).
            total = sum(x_next.tolist()) if small else x_next.reshape(-1).sum()
            if not isfinite(total) and not np.isfinite(x_next).all():
                diverged = True
                break
            if loss is not None:
                losses.append(loss(x_next.copy()))
                if not isfinite(losses[-1]):
                    losses.pop()
                    diverged = True
                    break
            keep_g(g)
            keep_x(x_next)
            x = x_next
    trace = object.__new__(Trace)  # its fields are good by making: not re-checked
    kept = None if loss is None else np.array(losses)
    arrays = {"xs": _stack(xs, shape), "grads": _stack(grads, shape), "losses": kept}
    trace.__dict__.update(arrays, optimizer=optimizer, diverged=diverged, **fields)
    return trace


def _stack(arrays: list[Any], shape: tuple[int, ...]) -> np.ndarray:
    """``np.array(arrays)`` of ``len(arrays)`` arrays of ``shape``, faster."""
    stack = np.concatenate if arrays and shape else np.array
    return stack(arrays).reshape((len(arrays), *shape))


class _Formula(c.Function):
    """A checked callable; an Objective (or its grad): checked at x0, then a formula."""

    def __call__(self, value: Any, name: str, given: Any = None) -> Any:
        return super().__call__(formula(value, given["x0"]), name, given)


def _rule(optimizer: Any, name: str, given: dict[str, Any]) -> Optimizer:
    """The update rule: ``optimizer``, or plain descent at ``given["lr"]``, not both."""
    if (given["lr"] is None) == (optimizer is None):
        raise ArgumentTypeError("lr", "give the learning rate lr, or an optimizer")
    return sgd(given["lr"]) if optimizer is None else _OPTIMIZER(optimizer, name)


_GRAD = _Formula(returns=c.Array(shape="x0", finite=False))
#: What both runs check last.
_RUN = {"loss": c.Optional(_Formula(c.Scalar())), "clip_norm": c.Optional(c.Positive())}
_RUN["optimizer"] = _rule


@checked(x0=c.Array(), grad=_GRAD, steps=c.Count(), **_RUN)
def gradient_descent(
    grad: Callable[[NDArray[np.float64]], ArrayLike],
    x0: ArrayLike,
    *,
    steps: int,
    lr: float | Schedule | None = None,
    optimizer: Optimizer | None = None,
    loss: Callable[[NDArray[np.float64]], float] | None = None,
    clip_norm: float | None = None,
) -> Trace:
    r"""Minimise a function by gradient descent, keeping the whole history.

    .. math:: x_{k+1} = x_k - \eta\, \nabla f(x_k)

    Parameters
    ----------
    grad : callable
        ``grad(x)``, the gradient at (a copy of) ``x``, of ``x0``'s shape.
    x0 : float or array_like
        The start, real and finite; copied, never modified.
    steps : int
        Number of updates, 0 or more.
    lr, optimizer : float or Schedule, or Optimizer
        The rate :math:`\eta` of plain descent, or a rule of :mod:`gdbook.optimizers`.
    loss : callable, optional
        ``loss(x)``, a real number, recorded at every point.
    clip_norm : float, optional
        Clip each gradient to this norm first, as torch's ``clip_grad_norm_``.

    Returns
    -------
    Trace
        ``steps + 1`` points, or fewer if a value stopped being finite (``diverged``).

    Examples
    --------
    >>> gradient_descent(lambda x: 2 * x, 5.0, steps=50, lr=0.1)
    Trace(steps=50, lr=0.1, x=7.136238463529802e-05)
    """
    fits(steps, "steps", history=np.size(x0))
    return _run(grad, x0, steps, optimizer, loss, clip_norm)


#: The checks of the samples and their batches.
_DATA = dict(n_samples=c.Count(1), epochs=c.Count(), batch_size=c.Count(1, "n_samples"))


@checked(x0=c.Array(), grad=_GRAD, **_DATA, shuffle=c.Flag(), rng=c.Seed(), **_RUN)
def stochastic_gradient_descent(
    grad: Callable[[NDArray[np.float64], NDArray[np.intp]], ArrayLike],
    x0: ArrayLike,
    n_samples: int,
    *,
    epochs: int,
    batch_size: int = 1,
    shuffle: bool = True,
    rng: np.random.Generator | int | None = None,
    lr: float | Schedule | None = None,
    optimizer: Optimizer | None = None,
    loss: Callable[[NDArray[np.float64]], float] | None = None,
    clip_norm: float | None = None,
) -> Trace:
    r"""Minimise an average over samples by stochastic or mini-batch descent.

    .. math:: x_{k+1} = x_k - \eta\, \frac{1}{|S_k|}\sum_{i \in S_k} \nabla \ell_i(x_k)

    Parameters
    ----------
    grad : callable
        ``grad(x, batch)``, the mean gradient over the samples indexed by ``batch``.
    x0, n_samples : float or array_like, and int
        The start, as for :func:`gradient_descent`; the number of samples :math:`n`.
    epochs, batch_size, shuffle, rng : int, int, bool, and Generator, int or None
        Passes over the data; samples per update; a new order each epoch, by ``rng``.
    lr, optimizer, loss, clip_norm : optional
        As for :func:`gradient_descent` (``loss``: the loss on all the samples).

    Returns
    -------
    Trace
        ``epochs * ceil(n_samples / batch_size) + 1`` points (fewer if it diverged).

    Examples
    --------
    >>> stochastic_gradient_descent(lambda x, i: x - i, [0], 3, lr=0.5, epochs=9, rng=0)
    Trace(epochs=9, batch_size=1, lr=0.5, x=[0.70534448])
    """
    fits(n_samples, "n_samples")  # the visiting order of an epoch
    per_epoch = -(-n_samples // batch_size)
    fits(epochs * per_epoch, "epochs", epochs, history=np.size(x0))
    shuffled = cast(np.random.Generator, rng).permutation if shuffle else np.arange
    orders = (shuffled(n_samples) for _ in range(epochs))
    starts = range(0, n_samples, batch_size)
    batches = (order[i : i + batch_size] for order in orders for i in starts)
    run = (x0, epochs * per_epoch, optimizer, loss, clip_norm, batches)
    return _run(grad, *run, batch_size=batch_size, updates_per_epoch=per_epoch)
