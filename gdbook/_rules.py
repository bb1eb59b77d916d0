"""What the update rules of :mod:`gdbook.optimizers` share: the Optimizer record, the
scheduled and decayed states, the checks of ``update`` and the overflow guard."""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import MappingProxyType, MethodType
from typing import Any, NamedTuple, cast

import numpy as np

from gdbook._checks import Array, Count, Instance, Pair, Positive, Returning, checked
from gdbook._errors import ArgumentTypeError, ArgumentValueError
from gdbook.schedules import Schedule

Step = tuple[np.ndarray, Any]  #: a step and the next state
Rule = Callable[..., Step]  #: ``rule(lr, grad, state) -> (step, state)``
Update = Callable[[np.ndarray, Any], Step]  #: ``update(grad, state) -> (step, state)``
Init = Callable[[np.ndarray], Any]  #: ``init(x0) -> state``
Hyper = Mapping[str, Any]  #: a rule's hyperparameters, ``lr`` among them


class DecayState(NamedTuple):  # numpydoc ignore=PR01,EX01
    """The state of a rule with weight decay: its ``point``, and its ``inner`` state."""

    point: np.ndarray  #: The point the next step is added to.
    inner: Any  #: The rule's own state.


class ScheduledState(NamedTuple):  # numpydoc ignore=PR01,EX01
    """The state of a rule whose ``lr`` is a schedule: ``count`` updates made (the
    next uses ``lr(count)``), and its ``inner`` state."""

    #: The updates made: the next one uses ``lr(count)``.
    count: int  # type: ignore[assignment]  # a field, shadowing tuple.count
    inner: Any  #: The rule's own state.


@dataclass(frozen=True, repr=False)
class Optimizer:  # numpydoc ignore=PR01,EX01
    """An update rule: ``init(x0)`` makes a state, ``update(grad, state)`` a step."""

    name: str  #: The function that made it.
    hyperparameters: Mapping[str, Any]  #: Its arguments (read-only, ``lr`` among them).
    init: Init  #: ``init(x0) -> state``.
    update: Update  #: ``update(grad, state) -> (step, state)``; checks its arguments.
    unchecked: Update | None = None  #: The rule on a state ``init`` made (the loops').
    fast: Update | None = None  #: ``unchecked`` without its guard against overflows.

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


def Rate() -> Callable[..., Any]:
    """The check of a learning rate: a positive finite number, or a Schedule."""
    return lambda v, name, *_: v if isinstance(v, Schedule) else Positive()(v, name)


def lerp(start: Any, end: Any, weight: float) -> Any:
    """``start + weight (end - start)`` as ``torch.lerp`` computes it."""
    if weight < 0.5:
        return start + weight * (end - start)
    return end - (end - start) * (1 - weight)


def finite(array: np.ndarray) -> bool:
    """Whether every value is finite (a sum is cheapest; if it overflows, look)."""
    total = sum(array.tolist()) if array.ndim == 1 and array.size < 33 else array.sum()
    return math.isfinite(total) or bool(np.isfinite(array).all())


def scale_free(
    rule: Rule, eps: float, kind: Any, squares: str, means: tuple[str, ...] = ()
) -> Rule:
    """``rule(lr, g, state, eps)`` keeping its step, ``g / sqrt(squares)``, when
    ``g * g`` overflows: the state then in units of ``2**scale`` (squares: 4**scale)."""
    at = kind._fields.index(squares)

    def update(lr: float, grad: np.ndarray, state: Any) -> Step:
        state = kind._make(state)
        scale = state.scale
        while True:
            units = np.ldexp(1.0, -scale)  # exact: a power of 2
            step, new = rule(lr, grad * units, state, eps * units)
            if finite(new[at]) or not finite(grad):  # (a NaN gradient passes on)
                return step, new
            more = max(int(np.frexp(np.max(np.abs(grad)))[1]) - 500 - scale, 1)
            scale += more
            smaller = {name: np.ldexp(getattr(state, name), -more) for name in means}
            smaller[squares] = np.ldexp(getattr(state, squares), -2 * more)
            state = state._replace(scale=scale, **smaller)

    return update


def with_decay(
    rule: Rule, init: Init, weight_decay: float, decoupled: bool
) -> tuple[Rule, Init]:
    r"""``rule(lr, grad, state)`` with weight decay :math:`\lambda` (unchanged if 0):
    coupled, the rule sees :math:`g + \lambda x`; decoupled (AdamW), the step gains
    :math:`-\eta \lambda x`."""
    if weight_decay == 0:
        return rule, init

    def decayed(lr: float, grad: np.ndarray, state: DecayState) -> Step:
        point, inner = state
        if decoupled:
            step, inner = rule(lr, grad, inner)
            step = step - (lr * weight_decay) * point
        else:
            step, inner = rule(lr, grad + weight_decay * point, inner)
        return step, (point + step, inner)

    return decayed, lambda x0: DecayState(np.array(x0, dtype=float), init(x0))


def zeros(kind: Callable[[np.ndarray], Any]) -> Init:
    """``init`` of a state of one array, zeros of the point's shape."""
    return lambda x0: kind(np.zeros(np.shape(x0)))


def make_optimizer(
    name: str, hyper: Hyper, rule: Rule, init: Init, guarded: Rule | None = None
) -> Optimizer:
    """The Optimizer of ``rule(lr, grad, state)`` (``hyper``: its arguments), for a rate
    or a schedule; ``guarded``, the rule kept right when ``g * g`` overflows."""
    lr = hyper["lr"]
    rate = lr.rate if isinstance(lr, Schedule) else None  # unchecked if gdbook's

    def at_rate(rule: Rule) -> Update:
        if rate is None:
            return cast(Update, MethodType(rule, lr))  # rule(lr, ...), called cheapest

        def scheduled(grad: np.ndarray, state: Any) -> Step:
            count, inner = state
            step, inner = rule(rate(count), grad, inner)
            return step, (count + 1, inner)

        return scheduled

    def start(x0: np.ndarray) -> Any:
        return init(x0) if rate is None else ScheduledState(0, init(x0))

    fast = at_rate(rule)
    unchecked = fast if guarded is None else at_rate(guarded)

    def update(grad: np.ndarray, state: Any) -> Step:
        state = check_state(state, start, name)
        grad = Array(finite=False, nonempty=False, copy=False)(grad, "grad")
        point = first_array(state)
        if point is not None and grad.shape != point.shape:
            wrong = f"grad must have the shape of the state's point, {point.shape}"
            raise ArgumentValueError("grad", f"{wrong}, got {grad.shape}")
        with np.errstate(over="ignore"):  # a squared gradient that overflows is handled
            step, new = unchecked(grad, state)
        return step, typed(state, new)

    checked_init = checked(x0=Array())(lambda x0: start(x0))
    return Optimizer(name, hyper, checked_init, update, unchecked, fast)


def typed(like: Any, state: Any) -> Any:
    """``state`` (the rules return plain tuples) as the NamedTuples of ``like``."""
    kind: Any = type(like)
    return kind._make(map(typed, like, state)) if isinstance(like, tuple) else state


def first_array(state: Any) -> Any:
    """The first array of a state (its point's shape), or None."""
    for value in state if isinstance(state, tuple) else ():
        if isinstance(value, np.ndarray | np.floating):
            return value
        if (found := first_array(value)) is not None:
            return found
    return None


def check_state(state: Any, init: Init, rule: str) -> Any:
    """A state as thoroughly checked as an argument: the kind ``init`` makes, float64
    arrays of one shape, finite, squares not negative, counts not negative."""
    kind = type(init(np.zeros(1)))
    Instance(kind, f"the {kind.__name__} made by {rule}(...).init")(state, "state")
    shape = np.shape(first_array(state))
    fields = zip(getattr(state, "_fields", ()), state or (), strict=True)
    for name, value in sorted(fields, key=lambda field: field[0] != "inner"):
        where = f"state.{name}"
        if name == "inner":
            inner = first_array(check_state(value, lambda x: init(x).inner, rule))
        elif name in {"count", "scale"}:
            Count()(value, where)
        elif isinstance(value, np.ndarray | np.floating) and value.dtype == np.float64:
            Array(shape=shape, nonempty=False)(value, where)
            if name in {"sum_of_squares", "mean_square"} and not np.all(value >= 0):
                raise ArgumentValueError(where, f"{where} must not be negative")
        else:
            wrong = f"{where} must be a float64 array, got {type(value).__name__}"
            raise ArgumentTypeError(where, wrong)
    if isinstance(state, DecayState) and inner is not None and inner.shape != shape:
        wrong = "state.point must have the shape of the state's arrays"
        raise ArgumentValueError("state.point", wrong)
    if isinstance(state, ScheduledState):  # the count as an int, for the schedule
        return ScheduledState(int(state.count), state.inner)
    return state


def clipped(update: Update, clip_norm: float) -> Update:
    r"""``update`` of the gradient scaled to a norm of at most ``clip_norm``, as
    ``torch.nn.utils.clip_grad_norm_``: :math:`g \min(1, c / (\|g\| + 10^{-6}))`."""

    def clipped(g: np.ndarray, state: Any) -> Step:
        flat = g.reshape(-1)
        scale = clip_norm / (math.sqrt(flat.dot(flat)) + 1e-6)
        return update(g * (scale if scale < 1.0 else 1.0), state)

    return clipped


def checked_update(optimizer: Optimizer, shape: tuple[int, ...]) -> Update:
    """The ``update`` of an Optimizer made by hand, its result checked each time."""
    step = Array(shape=shape, finite=False, nonempty=False, copy=False)
    pair = Pair(step, lambda state, *_: state)  # (step, state)
    checked_pair = Returning(optimizer.update, pair, "optimizer", {})

    def update(g: np.ndarray, state: Any) -> Step:
        step, new = checked_pair(g, state)
        return (step if np.isfinite(g).all() else step + np.nan), new

    return update


# Documented, and imported by readers, as gdbook.optimizers' own.
for _public in (Optimizer, ScheduledState, DecayState):
    _public.__module__ = "gdbook.optimizers"
