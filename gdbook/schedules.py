"""Learning-rate schedules: the rate of update ``k`` as a function of ``k``, to pass as
the ``lr`` of any optimizer of :mod:`gdbook.optimizers`: ``sgd(cosine(0.1,
steps=1000))``: the rates of PyTorch's schedulers stepped after every update."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from gdbook._checks import (
    ArgumentValueError,
    Count,
    Fraction,
    Function,
    Instance,
    Number,
    Positive,
    Scalar,
    checked,
    frozen,
)

__all__ = ["Schedule", "cosine", "inverse_time", "step_decay", "warmup"]


def _pairs(value: Any, name: str, given: object = None) -> Any:
    """The check of ``arguments``: a tuple of (name, value) pairs."""
    pairs = isinstance(value, tuple) and all(isinstance(a, tuple) for a in value)
    if pairs and all(len(a) == 2 and isinstance(a[0], str) for a in value):
        return value
    raise ArgumentValueError(name, f"{name} must be (name, value) pairs, got {value!r}")


@dataclass(frozen=True, repr=False)
class Schedule:  # numpydoc ignore=PR01,EX01
    """A learning rate that depends on the update count: ``schedule(k) -> float``."""

    name: str  #: The function that made it.
    lr: float  #: The rate of the first update, ``schedule(0)``.
    rule: Callable[[int], float]  #: ``rule(k)``, the rate of update ``k``, 0 or more.
    arguments: tuple[tuple[str, object], ...] = ()  #: The other arguments, shown.

    def __post_init__(self) -> None:
        name = Instance(str, "a string")
        frozen(self, name=name, lr=Positive(), rule=Function(), arguments=_pairs)

    def __call__(self, k: int) -> float:
        """The rate of update ``k``: a finite number, 0 or more."""
        return Number(0)(Scalar()(self.rule(Count()(k, "k")), "rule"), "rule")

    @property
    def rate(self) -> Callable[[int], float]:  # numpydoc ignore=EX01
        """``k -> rate``, which the optimizers call: unchecked if made here."""
        return self.rule if getattr(self.rule, "__module__", "") == __name__ else self

    def __repr__(self) -> str:
        parts = [f"lr={self.lr!r}", *(f"{name}={v!r}" for name, v in self.arguments)]
        return f"{self.name}({', '.join(parts)})"


LR = float | Schedule  #: A learning rate: a positive number, or a schedule.


@checked(lr=Positive(), factor=Fraction(low_open=True), every=Count(min=1))
def step_decay(lr: float, *, factor: float = 0.5, every: int = 100) -> Schedule:
    r"""Multiply the rate by ``factor`` every ``every`` updates (``StepLR``).

    .. math:: \eta_k = \eta_0\, \gamma^{\lfloor k / s \rfloor}

    Parameters
    ----------
    lr, factor, every : float, float default 0.5, and int default 100
        The first rate :math:`\eta_0 > 0`, multiplied by :math:`\gamma` in (0, 1]
        every :math:`s \ge 1` updates.

    Returns
    -------
    Schedule
        To pass as ``lr``.

    Examples
    --------
    >>> [step_decay(1.0, factor=0.1, every=3)(k) for k in (0, 2, 3, 6)]
    [1.0, 1.0, 0.1, 0.010000000000000002]
    """
    arguments = (("factor", factor), ("every", every))
    return Schedule("step_decay", lr, lambda k: lr * factor ** (k // every), arguments)


@checked(lr=Positive(), decay=Positive())
def inverse_time(lr: float, *, decay: float = 0.01) -> Schedule:
    r"""The rate :math:`\eta_k = \eta_0 / (1 + d\,k)`, which falls like :math:`1/k`.

    Parameters
    ----------
    lr, decay : float, and float default 0.01
        The first rate :math:`\eta_0` and the decay :math:`d`, positive.

    Returns
    -------
    Schedule
        To pass as ``lr``.

    Examples
    --------
    >>> inverse_time(0.5, decay=0.5)(2)
    0.25
    """
    arguments = (("decay", decay),)
    return Schedule("inverse_time", lr, lambda k: lr / (1 + decay * k), arguments)


@checked(lr=Positive(), steps=Count(min=1), final=Number(0))
def cosine(lr: float, *, steps: int, final: float = 0.0) -> Schedule:
    r"""Half a cosine from ``lr`` down to ``final`` over ``steps`` updates.

    .. math:: \eta_k = \eta_T + \frac{\eta_0 - \eta_T}{2}
       \left(1 + \cos \frac{\pi \min(k, T)}{T}\right)

    Parameters
    ----------
    lr, steps, final : float, int, and float default 0.0
        The first rate :math:`\eta_0`, positive; :math:`T \ge 1`, the updates over
        which the rate falls (then it stays); the last rate :math:`\eta_T \le \eta_0`.

    Returns
    -------
    Schedule
        To pass as ``lr`` (``CosineAnnealingLR`` over its first T updates).

    Examples
    --------
    >>> cosine(0.1, steps=10)(5), cosine(0.1, steps=10)(50)
    (0.05, 0.0)
    """
    if final > lr:
        raise ArgumentValueError("final", f"final must be <= lr={lr!r}, got {final}")
    half = (lr - final) / 2

    def rule(k: int) -> float:
        return final + half * (1 + math.cos(math.pi * min(k, steps) / steps))

    return Schedule("cosine", lr, rule, (("steps", steps), ("final", final)))


def _rate(value: Any, name: str, given: object = None) -> Any:
    """The check of ``after``: a positive finite rate, or a Schedule."""
    return value if isinstance(value, Schedule) else Positive()(value, name)


@checked(after=_rate, steps=Count(min=1), start_factor=Fraction(low_open=True))
def warmup(after: LR, *, steps: int, start_factor: float = 1 / 3) -> Schedule:
    r"""Raise the rate linearly for ``steps`` updates, then follow ``after``.

    .. math:: \eta_k = \eta\,\Bigl(s + (1 - s)\,\frac{k}{W}\Bigr)
       \quad (k < W), \qquad \eta_k = \text{after}(k - W) \quad (k \ge W)

    where :math:`\eta` is ``after``'s first rate (``after`` itself if a number).

    Parameters
    ----------
    after, steps, start_factor : float or Schedule, int, and float default 1/3
        The rate after the warmup (a schedule starts at update :math:`W`); the warmup's
        length :math:`W \ge 1`; :math:`s` in (0, 1], the first rate being :math:`s\eta`.

    Returns
    -------
    Schedule
        The warmup's rates, then ``after``'s.

    Examples
    --------
    >>> schedule = warmup(cosine(0.1, steps=2), steps=2, start_factor=0.5)
    >>> [round(schedule(k), 3) for k in range(5)]
    [0.05, 0.075, 0.1, 0.05, 0.0]
    """
    peak = after.lr if isinstance(after, Schedule) else after
    then = after.rate if isinstance(after, Schedule) else (lambda k: float(after))

    def rule(k: int) -> float:
        if k < steps:
            return peak * (start_factor + (1 - start_factor) * k / steps)
        return then(k - steps)

    arguments = (("after", after), ("steps", steps), ("start_factor", start_factor))
    return Schedule("warmup", peak * start_factor, rule, arguments)
