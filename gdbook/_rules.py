"""What the update rules of :mod:`gdbook.optimizers` share: the Optimizer record,
the scheduled state, and what keeps the formulas free of plumbing (the checks of
``update``, schedules, weight decay, squared gradients that overflow).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType, MethodType
from typing import Any, NamedTuple, cast

import numpy as np

from gdbook._checks import (
    ArgumentTypeError,
    ArgumentValueError,
    Array,
    Count,
    Positive,
    ReturnedTypeError,
    checked,
    named,
)
from gdbook.schedules import Schedule

Rule = Callable[..., tuple[np.ndarray, Any]]
Update = Callable[[np.ndarray, Any], tuple[np.ndarray, Any]]


class DecayState(NamedTuple):
    """The state of a rule with weight decay: the point, and the rule's own state.

    Parameters
    ----------
    point : numpy.ndarray
        The point the next step is added to (it follows ``point + step``).
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
    fast : callable, optional
        ``unchecked`` without its guard against squared gradients that overflow:
        the loops call it until a float overflows in the run.

    Examples
    --------
    >>> import numpy as np
    >>> from gdbook.optimizers import sgd
    >>> opt = sgd(lr=0.1)
    >>> opt.update(np.array([10.0]), opt.init(np.array([5.0])))
    (array([-1.]), None)
    """

    name: str
    hyperparameters: Mapping[str, Any]
    init: Callable[[np.ndarray], Any]
    update: Callable[[np.ndarray, Any], tuple[np.ndarray, Any]]
    unchecked: Update | None = field(default=None, compare=False)
    fast: Update | None = field(default=None, compare=False)

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

    def __call__(self, value: Any, name: str, given: Any = None) -> float | Schedule:
        return value if isinstance(value, Schedule) else Positive()(value, name)


def lerp(start: Any, end: Any, weight: float) -> Any:
    """``start + weight (end - start)``, as ``torch.lerp`` computes it (from ``end``
    when ``weight >= 0.5``)."""
    if weight < 0.5:
        return start + weight * (end - start)
    return end - (end - start) * (1 - weight)


def finite(array: np.ndarray) -> bool:
    """Whether every value of ``array`` is finite (a sum is cheapest; if it
    overflows, every value is looked at)."""
    total = sum(array.tolist()) if array.ndim == 1 and array.size < 33 else array.sum()
    return math.isfinite(total) or bool(np.isfinite(array).all())


def scale_free(
    rule: Rule, eps: float, kind: Any, squares: str, means: tuple[str, ...] = ()
) -> Rule:
    """``rule(lr, g, state, eps)`` made to keep its step when ``g * g`` overflows.

    The step is a ratio, ``g / sqrt(squares)``, the same in any unit: after an
    overflow the state is kept in units of ``2**scale`` (``squares`` in
    ``4**scale``) and ``rule`` gets ``g`` and ``eps`` in those units. ``kind``:
    the NamedTuple of the state, whose fields a plain tuple may hold.
    """
    at = kind._fields.index(squares)

    def update(lr: float, grad: np.ndarray, state: Any) -> tuple[np.ndarray, Any]:
        state = kind._make(state)
        if not state.scale:  # (a NaN or infinite gradient passes on)
            step, new = rule(lr, grad, state, eps)
            if finite(new[at]) or not finite(grad):
                return step, new
        scale = state.scale
        while True:
            units = np.ldexp(1.0, -scale)  # exact: a power of 2
            step, new = rule(lr, grad * units, state, eps * units)
            if finite(new[at]) or not finite(grad):
                return step, new
            more = max(int(np.frexp(np.max(np.abs(grad)))[1]) - 500 - scale, 1)
            scale += more
            smaller = {name: np.ldexp(getattr(state, name), -more) for name in means}
            smaller[squares] = np.ldexp(getattr(state, squares), -2 * more)
            state = state._replace(scale=scale, **smaller)

    return update


def with_decay(
    rule: Rule, init: Callable[[np.ndarray], Any], weight_decay: float, decoupled: bool
) -> tuple[Rule, Callable[[np.ndarray], Any]]:
    r"""``rule(lr, grad, state)`` with weight decay :math:`\lambda` (unchanged if 0):
    coupled, the rule sees :math:`g + \lambda x`; decoupled (AdamW), the step gains
    :math:`-\eta \lambda x`."""
    if weight_decay == 0:
        return rule, init

    def decayed(
        lr: float, grad: np.ndarray, state: DecayState
    ) -> tuple[np.ndarray, Any]:
        point, inner = state
        if decoupled:
            step, inner = rule(lr, grad, inner)
            step = step - (lr * weight_decay) * point
        else:
            step, inner = rule(lr, grad + weight_decay * point, inner)
        return step, (point + step, inner)

    return decayed, lambda x0: DecayState(np.array(x0, dtype=float), init(x0))


def zeros(kind: Callable[[np.ndarray], Any]) -> Callable[[np.ndarray], Any]:
    """``init`` of a state of one array, zeros of the point's shape."""
    return lambda x0: kind(np.zeros(np.shape(x0)))


def make_optimizer(
    name: str,
    hyperparameters: Mapping[str, Any],
    rule: Rule,
    init: Callable[..., Any],
    guarded: Rule | None = None,
) -> Optimizer:
    """The Optimizer of ``rule(lr, grad, state)``, for a rate or a schedule;
    ``guarded``, the rule kept right when ``g * g`` overflows, if it differs."""
    lr = hyperparameters["lr"]
    start: Callable[[np.ndarray], Any] = init

    def at_rate(rule: Rule) -> Update:
        return cast(Update, MethodType(rule, lr))  # rule(lr, ...), called cheapest

    if isinstance(lr, Schedule):
        rate = lr.rate  # the schedule's formula, unchecked when it is gdbook's

        def start(x0: np.ndarray) -> Any:
            return ScheduledState(0, init(x0))

        def at_rate(rule: Rule) -> Update:
            def scheduled(grad: np.ndarray, state: Any) -> tuple[np.ndarray, Any]:
                count, inner = state
                step, inner = rule(rate(count), grad, inner)
                return step, (count + 1, inner)

            return scheduled

    fast = at_rate(rule)
    unchecked = fast if guarded is None else at_rate(guarded)

    @checked(x0=Array())
    def checked_init(x0: np.ndarray) -> Any:
        return start(x0)

    def update(grad: np.ndarray, state: Any) -> tuple[np.ndarray, Any]:
        state = check_state(state, start, name)
        grad = Array(finite=False, nonempty=False, copy=False)(grad, "grad")
        shape = np.shape(first_array(state))
        if first_array(state) is not None and grad.shape != shape:
            wrong = f"grad must have the shape of the state's point, {shape}"
            raise ArgumentValueError("grad", f"{wrong}, got {grad.shape}")
        with np.errstate(over="ignore"):  # a squared gradient that overflows is handled
            step, new = unchecked(grad, state)
        return step, typed(state, new)

    return Optimizer(name, hyperparameters, checked_init, update, unchecked, fast)


def typed(like: Any, state: Any) -> Any:
    """``state`` (the rules return plain tuples) as the NamedTuples of ``like``."""
    kind: Any = type(like)
    return kind._make(map(typed, like, state)) if isinstance(like, tuple) else state


def first_array(state: Any) -> Any:
    """The first array of a state (its point's shape), or None."""
    if isinstance(state, ScheduledState):
        return first_array(state.inner)
    if isinstance(state, DecayState):
        return state.point
    return next(
        (v for v in state or () if isinstance(v, np.ndarray | np.floating)), None
    )


def check_state(state: Any, init: Callable[[np.ndarray], Any], rule: str) -> Any:
    """A state as thoroughly checked as an argument: the kind ``init`` makes, float64
    arrays of one shape, finite, squares not negative, counts not negative."""
    kind = type(init(np.zeros(1)))
    if not isinstance(state, kind):
        wrong = f"state must be the {kind.__name__} made by {rule}(...).init"
        raise ArgumentTypeError("state", f"{wrong}, got {type(state).__name__}")
    if state is None:
        return None
    if isinstance(state, ScheduledState | DecayState):
        inner = check_state(state.inner, lambda x: init(x).inner, rule)
        if isinstance(state, ScheduledState):
            return ScheduledState(Count()(state.count, "state.count"), inner)
        state = DecayState(state.point, inner)
    shape = np.shape(first_array(state))
    for name, value in zip(state._fields, state, strict=True):
        where = f"state.{name}"
        if name in {"count", "scale"}:
            Count()(value, where)
        elif name != "inner":
            if (
                not isinstance(value, np.ndarray | np.floating)
                or value.dtype != np.float64
            ):
                wrong = f"{where} must be a float64 array, got {type(value).__name__}"
                raise ArgumentTypeError(where, wrong)
            Array(shape=shape, nonempty=False)(value, where)
            if name in {"sum_of_squares", "mean_square"} and not np.all(value >= 0):
                raise ArgumentValueError(where, f"{where} must not be negative")
    inner = first_array(getattr(state, "inner", None))
    if isinstance(state, DecayState) and inner is not None and inner.shape != shape:
        wrong = "state.point must have the shape of the state's arrays"
        raise ArgumentValueError("state.point", wrong)
    return state


def clipped(update: Update, clip_norm: float) -> Update:
    r"""``update`` of the gradient scaled to a norm of at most ``clip_norm``, as
    ``torch.nn.utils.clip_grad_norm_``: :math:`g \min(1, c / (\|g\| + 10^{-6}))`."""

    def clipped(g: np.ndarray, state: Any) -> tuple[np.ndarray, Any]:
        flat = g.reshape(-1)
        scale = clip_norm / (math.sqrt(flat.dot(flat)) + 1e-6)
        return update(g * (scale if scale < 1.0 else 1.0), state)

    return clipped


def checked_update(optimizer: Optimizer, shape: tuple[int, ...]) -> Update:
    """The ``update`` of an Optimizer made by hand, its step checked each time."""
    name = f"the update of optimizer {optimizer.name}"
    check = Array(shape=shape, finite=False, nonempty=False, copy=False)

    def update(g: np.ndarray, state: Any) -> tuple[np.ndarray, Any]:
        result: Any = optimizer.update(g, state)
        if not (isinstance(result, tuple) and len(result) == 2):
            wrong = f"{name} must return a pair (step, state), got {type(result)}"
            raise ReturnedTypeError("optimizer", wrong)
        try:
            step = check(result[0], f"the step of {name}")
        except (TypeError, ValueError) as error:
            raise named(error, "optimizer") from None
        return (step if np.isfinite(g).all() else step + np.nan), result[1]

    return update


# Documented, and imported by readers, as gdbook.optimizers' own.
for _public in (Optimizer, ScheduledState, DecayState):
    _public.__module__ = "gdbook.optimizers"
