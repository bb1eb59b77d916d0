"""What every update rule of :mod:`gdbook.optimizers` shares: the Optimizer record,
the scheduled state, and the plumbing that keeps the formulas free of it (the checks
of ``update``, schedules, the overflow of squared gradients).
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, NamedTuple

import numpy as np

from gdbook._checks import (
    ArgumentTypeError,
    ArgumentValueError,
    Array,
    Count,
    Point,
    Positive,
    checked,
)
from gdbook.schedules import Schedule


class DecayState(NamedTuple):
    """The state of a rule with weight decay: the point, and the rule's own state.

    Parameters
    ----------
    point : numpy.ndarray
        The point the next step is added to (weight decay needs it; it follows
        ``point + step``).
    inner : object
        The rule's own state.

    Examples
    --------
    >>> import numpy as np
    >>> from gdbook.optimizers import sgd
    >>> sgd(0.1, weight_decay=0.5).init(np.ones(2))
    DecayState(point=array([1., 1.]), inner=None)
    """

    point: np.ndarray
    inner: Any


class ScheduledState(NamedTuple):
    """The state of a rule whose ``lr`` is a schedule.

    Parameters
    ----------
    count : int
        The updates made: the next one uses ``lr(count)``.
    inner : object
        The rule's own state.

    Examples
    --------
    >>> import numpy as np
    >>> from gdbook.optimizers import momentum
    >>> from gdbook.schedules import step_decay
    >>> momentum(step_decay(0.1, every=10)).init(np.zeros(2))
    ScheduledState(count=0, inner=MomentumState(velocity=array([0., 0.])))
    """

    count: int  # type: ignore[assignment]  # a field, shadowing tuple.count
    inner: Any


@dataclass(frozen=True, repr=False)
class Optimizer:
    """An update rule: ``init(x0) -> state``, ``update(grad, state) -> (step, state)``.

    Parameters
    ----------
    name : str
        The function that made it.
    hyperparameters : mapping
        Its arguments (read-only, ``lr`` among them).
    init : callable
        ``init(x0) -> state``.
    update : callable
        ``update(grad, state) -> (step, state)``, which checks its arguments.
    unchecked : callable, optional
        The same rule on a state that ``init`` made, which the descent loops call.

    Examples
    --------
    >>> import numpy as np
    >>> from gdbook.optimizers import sgd
    >>> opt = sgd(lr=0.1)
    >>> step, state = opt.update(np.array([10.0]), opt.init(np.array([5.0])))
    >>> step
    array([-1.])
    """

    name: str
    hyperparameters: Mapping[str, Any]
    init: Callable[[np.ndarray], Any]
    update: Callable[[np.ndarray, Any], tuple[np.ndarray, Any]]
    unchecked: Callable[[np.ndarray, Any], tuple[np.ndarray, Any]] | None = field(
        default=None, compare=False
    )

    def __post_init__(self) -> None:
        frozen = MappingProxyType(dict(self.hyperparameters))
        object.__setattr__(self, "hyperparameters", frozen)

    @property
    def lr(self) -> float | Schedule:  # numpydoc ignore=EX01
        """The learning rate (a :class:`~gdbook.schedules.Schedule` if it varies)."""
        lr: float | Schedule = self.hyperparameters["lr"]
        return lr

    def __repr__(self) -> str:
        arguments = ", ".join(f"{k}={v!r}" for k, v in self.hyperparameters.items())
        return f"{self.name}({arguments})"


class Rate:
    """The check of a learning rate: a positive finite number, or a Schedule."""

    def __call__(
        self, value: Any, name: str, given: dict[str, Any] | None = None
    ) -> float | Schedule:
        return value if isinstance(value, Schedule) else Positive()(value, name)


def lerp(start: Any, end: Any, weight: float) -> Any:
    """``start + weight (end - start)``, as ``torch.lerp`` computes it (from ``end``
    when ``weight >= 0.5``)."""
    if weight < 0.5:
        return start + weight * (end - start)
    return end - (end - start) * (1 - weight)


def finite(array: np.ndarray) -> bool:
    """Whether every value of ``array`` is finite (a dot product: cheap when small;
    it may overflow, and then every value is looked at)."""
    flat = array.reshape(-1)
    return math.isfinite(flat.dot(flat)) or bool(np.isfinite(flat).all())


def scale_free(
    rule: Callable[..., tuple[np.ndarray, Any]],
    eps: float,
    squares: str,
    means: tuple[str, ...] = (),
) -> Callable[[float, np.ndarray, Any], tuple[np.ndarray, Any]]:
    """``rule(lr, eps, g, state)`` made to keep its step when ``g * g`` overflows.

    Each step is a ratio, ``g / sqrt(squares)``: the same number in any unit. So
    when the squares overflow float64, the state is kept in units of ``2**scale``
    (its ``squares`` in ``4**scale``) and the rule is given ``g`` and ``eps`` in
    those units. The scale is 0, and the rule untouched, until an overflow.
    """

    def update(lr: float, grad: np.ndarray, state: Any) -> tuple[np.ndarray, Any]:
        if state.scale == 0:
            step, new = rule(lr, eps, grad, state)
            flat = getattr(new, squares).reshape(-1)  # finite? (see finite)
            if math.isfinite(flat.dot(flat)) or finite(flat) or not finite(grad):
                return step, new  # (a NaN or infinite gradient passes on)
        return in_units(lr, grad, state)

    def in_units(lr: float, grad: np.ndarray, state: Any) -> tuple[np.ndarray, Any]:
        """The step and state with the second moment in units of ``4**scale``."""
        scale = state.scale
        while True:
            units = np.ldexp(1.0, -scale)  # exact: a power of 2
            step, new = rule(lr, eps * units, grad * units, state)
            if finite(getattr(new, squares)) or not finite(grad):
                return step, new
            largest = float(np.max(np.abs(grad)))
            more = max(int(np.frexp(largest)[1]) - 500 - scale, 1)
            scale += more
            smaller = {name: np.ldexp(getattr(state, name), -more) for name in means}
            smaller[squares] = np.ldexp(getattr(state, squares), -2 * more)
            state = state._replace(scale=scale, **smaller)

    return update


def with_decay(
    rule: Callable[..., tuple[np.ndarray, Any]],
    init: Callable[[np.ndarray], Any],
    weight_decay: float,
    decoupled: bool,
) -> tuple[Callable[..., tuple[np.ndarray, Any]], Callable[[np.ndarray], Any]]:
    r"""``rule(lr, grad, state)`` with weight decay :math:`\lambda`; the identity
    when it is 0.

    Coupled (torch's ``weight_decay``): the rule sees :math:`g + \lambda x`.
    Decoupled (AdamW): the step gains :math:`-\eta \lambda x`.
    """
    if weight_decay == 0:
        return rule, init

    def decayed(
        lr: float, grad: np.ndarray, state: DecayState
    ) -> tuple[np.ndarray, Any]:
        point = state.point
        if decoupled:
            step, inner = rule(lr, grad, state.inner)
            step = step - (lr * weight_decay) * point
        else:
            step, inner = rule(lr, grad + weight_decay * point, state.inner)
        return step, DecayState(point + step, inner)

    return decayed, lambda x0: DecayState(np.array(x0, dtype=float), init(x0))


def zeros(kind: Callable[[np.ndarray], Any]) -> Callable[[np.ndarray], Any]:
    return lambda x0: kind(np.zeros(np.shape(x0)))


def make_optimizer(
    name: str,
    hyperparameters: Mapping[str, Any],
    rule: Callable[..., tuple[np.ndarray, Any]],
    init: Callable[[np.ndarray], Any],
) -> Optimizer:
    """The Optimizer of ``rule(lr, grad, state)``, for a rate or a schedule."""
    lr = hyperparameters["lr"]
    start: Callable[[np.ndarray], Any]
    unchecked: Callable[[np.ndarray, Any], tuple[np.ndarray, Any]]
    if isinstance(lr, Schedule):
        rate = lr.rate  # the schedule's formula, unchecked when it is gdbook's

        def scheduled_start(x0: np.ndarray) -> Any:
            return ScheduledState(0, init(x0))

        def scheduled(grad: np.ndarray, state: Any) -> tuple[np.ndarray, Any]:
            step, inner = rule(rate(state.count), grad, state.inner)
            return step, ScheduledState(state.count + 1, inner)

        start, unchecked = scheduled_start, scheduled
    else:
        start, unchecked = init, functools.partial(rule, lr)

    @checked(x0=Point())
    def checked_init(x0: np.ndarray) -> Any:
        return start(x0)

    def update(grad: np.ndarray, state: Any) -> tuple[np.ndarray, Any]:
        state = check_state(state, start, name)
        grad = Array(finite=False, nonempty=False, copy=False)(grad, "grad")
        first = first_array(state)
        shape = np.shape(first)
        if first is not None and grad.shape != shape:
            raise ArgumentValueError(
                "grad",
                f"grad must have the shape of the point the state was made for, "
                f"{shape}, got {grad.shape}",
            )
        with np.errstate(over="ignore"):  # a squared gradient that overflows is handled
            return unchecked(grad, state)

    return Optimizer(name, hyperparameters, checked_init, update, unchecked)


def first_array(state: Any) -> Any:
    """The first array of a state (its point's shape), or None."""
    if isinstance(state, ScheduledState):
        return first_array(state.inner)
    if isinstance(state, DecayState):
        return state.point
    for value in state or ():
        if isinstance(value, np.ndarray | np.floating):
            return value
    return None


#: Fields that hold a sum or average of squares: never negative.
_SQUARES = {"sum_of_squares", "mean_square"}


def check_state(state: Any, init: Callable[[np.ndarray], Any], rule: str) -> Any:
    """A state as thoroughly checked as an argument: the kind ``init`` makes, float64
    arrays of one shape, finite, squares not negative, counts not negative."""
    kind = type(init(np.zeros(1)))
    if not isinstance(state, kind):
        raise ArgumentTypeError(
            "state",
            f"state must be the {kind.__name__} made by {rule}(...).init, got "
            f"{type(state).__name__}",
        )
    if isinstance(state, ScheduledState):
        Count()(state.count, "state.count")
        inner = check_state(state.inner, lambda x: init(x).inner, rule)
        return ScheduledState(int(state.count), inner)
    if isinstance(state, DecayState):
        point = state.point
        if not isinstance(point, np.ndarray | np.floating) or point.dtype != np.float64:
            raise ArgumentTypeError(
                "state.point",
                f"state.point must be a float64 array, got {type(point).__name__}",
            )
        Array(nonempty=False)(point, "state.point")
        inner = check_state(state.inner, lambda x: init(x).inner, rule)
        inner_first = first_array(inner)
        if inner_first is not None and np.shape(inner_first) != point.shape:
            raise ArgumentValueError(
                "state.point", "state.point must have the shape of the state's arrays"
            )
        return DecayState(point, inner)
    if state is None:
        return None
    shape = np.shape(first_array(state))
    for name, value in zip(state._fields, state, strict=True):
        where = f"state.{name}"
        if name in {"count", "scale"}:
            Count()(value, where)
            continue
        if not isinstance(value, np.ndarray | np.floating) or value.dtype != np.float64:
            raise ArgumentTypeError(
                where, f"{where} must be a float64 array, got {type(value).__name__}"
            )
        Array(shape=shape, nonempty=False)(value, where)
        if name in _SQUARES and not np.all(value >= 0):
            raise ArgumentValueError(where, f"{where} must not be negative")
    return state


# Documented, and imported by readers, as gdbook.optimizers' own.
for _public in (Optimizer, ScheduledState, DecayState):
    _public.__module__ = "gdbook.optimizers"
