r"""Learning-rate schedules: the rate as a function of the update count.

A constant rate leaves stochastic gradient descent jittering around the minimum, in a
region whose size grows with the rate (its *noise floor*). Lowering the rate as the
run goes on shrinks that region. A schedule here is a :class:`Schedule`, a function
``schedule(k)`` of the number ``k`` of updates made so far (0 for the first update)
that returns the rate of update ``k``; pass it as the ``lr`` of an optimizer of
:mod:`gdbook.optimizers`: ``sgd(cosine(0.1, steps=1000))``.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from gdbook._validation import (
    check_at_least,
    check_non_negative_int,
    check_positive_finite,
    check_unit_interval,
)

__all__ = ["Schedule", "cosine", "inverse_time", "step_decay"]


@dataclass(frozen=True, repr=False)
class Schedule:
    """A learning rate that depends on the update count: ``schedule(k) -> float``.

    Attributes
    ----------
    name : str
        The function that made it.
    lr : float
        The rate of the first update, ``schedule(0)``.
    rule : callable
        ``rule(k)``, the rate of update ``k``.
    arguments : tuple of (str, object)
        The other arguments, for the repr.

    Examples
    --------
    >>> from gdbook.schedules import cosine, inverse_time, step_decay
    >>> step_decay(0.1, factor=0.5, every=100)
    step_decay(lr=0.1, factor=0.5, every=100)
    >>> [step_decay(0.1, factor=0.5, every=2)(k) for k in range(5)]
    [0.1, 0.1, 0.05, 0.05, 0.025]
    >>> [round(inverse_time(0.1, decay=1.0)(k), 4) for k in range(4)]
    [0.1, 0.05, 0.0333, 0.025]
    >>> [round(cosine(0.1, steps=4)(k), 4) for k in range(5)]
    [0.1, 0.0854, 0.05, 0.0146, 0.0]

    A schedule is the ``lr`` of any optimizer:

    >>> from gdbook import gradient_descent, parabola
    >>> from gdbook.optimizers import sgd
    >>> trace = gradient_descent(
    ...     parabola.grad, 1.0, steps=3, optimizer=sgd(step_decay(0.25, every=1)))
    >>> print(trace.xs)
    [1.       0.5      0.375    0.328125]
    """

    name: str
    lr: float
    rule: Callable[[int], float]
    arguments: tuple[tuple[str, object], ...] = ()

    def __call__(self, k: int) -> float:
        return float(self.rule(check_non_negative_int(k, "k")))

    def __repr__(self) -> str:
        parts = [f"lr={self.lr!r}", *(f"{name}={v!r}" for name, v in self.arguments)]
        return f"{self.name}({', '.join(parts)})"


def step_decay(lr: float, *, factor: float = 0.5, every: int = 100) -> Schedule:
    r"""Multiply the rate by ``factor`` every ``every`` updates.

    Parameters
    ----------
    lr : float
        The first rate :math:`\eta_0`, positive and finite.
    factor : float, default 0.5
        The factor :math:`\gamma`, in (0, 1].
    every : int, default 100
        Updates between two cuts, at least 1.

    Returns
    -------
    Schedule

    Raises
    ------
    TypeError, ValueError
        If an argument is out of its range.

    Notes
    -----
    .. math:: \eta_k = \eta_0\, \gamma^{\lfloor k / s \rfloor}.

    PyTorch's ``StepLR(step_size=s, gamma=γ)`` makes the same rates when its
    ``step()`` is called after every update (it is usually called once an epoch).

    Examples
    --------
    >>> from gdbook.schedules import step_decay
    >>> [step_decay(1.0, factor=0.1, every=3)(k) for k in (0, 2, 3, 6)]
    [1.0, 1.0, 0.1, 0.010000000000000002]
    """
    lr = check_positive_finite(lr, "lr")
    factor = check_unit_interval(factor, "factor", low_open=True)
    every = check_at_least(every, "every", 1)
    return Schedule(
        "step_decay",
        lr,
        lambda k: lr * factor ** (k // every),
        (("factor", factor), ("every", every)),
    )


def inverse_time(lr: float, *, decay: float = 0.01) -> Schedule:
    r"""The rate :math:`\eta_0 / (1 + d\,k)`, which falls like :math:`1/k`.

    Parameters
    ----------
    lr : float
        The first rate :math:`\eta_0`, positive and finite.
    decay : float, default 0.01
        The decay :math:`d`, positive and finite.

    Returns
    -------
    Schedule

    Raises
    ------
    TypeError, ValueError
        If an argument is not positive and finite.

    Notes
    -----
    .. math:: \eta_k = \frac{\eta_0}{1 + d\,k}.

    With :math:`\sum_k \eta_k = \infty` and :math:`\sum_k \eta_k^2 < \infty`, the
    conditions of Robbins and Monro (1951), SGD on a convex problem converges to
    the minimum instead of jittering around it.

    Examples
    --------
    >>> from gdbook.schedules import inverse_time
    >>> inverse_time(0.5, decay=0.5)(2)
    0.25
    """
    lr = check_positive_finite(lr, "lr")
    decay = check_positive_finite(decay, "decay")
    return Schedule(
        "inverse_time", lr, lambda k: lr / (1 + decay * k), (("decay", decay),)
    )


def cosine(lr: float, *, steps: int, final: float = 0.0) -> Schedule:
    r"""Half a cosine from ``lr`` down to ``final`` over ``steps`` updates.

    Parameters
    ----------
    lr : float
        The first rate :math:`\eta_0`, positive and finite.
    steps : int
        The updates over which the rate falls, :math:`T \ge 1`; after them it
        stays at ``final``.
    final : float, default 0.0
        The last rate :math:`\eta_T`, in :math:`[0, \eta_0]`.

    Returns
    -------
    Schedule

    Raises
    ------
    TypeError, ValueError
        If an argument is out of its range.

    Notes
    -----
    .. math:: \eta_k = \eta_T + \frac{\eta_0 - \eta_T}{2}
       \left(1 + \cos \frac{\pi \min(k, T)}{T}\right).

    PyTorch's ``CosineAnnealingLR(T_max=T, eta_min=η_T)`` follows the same curve
    over its first :math:`T` steps (it then rises again; here the rate stays at
    :math:`\eta_T`).

    Examples
    --------
    >>> from gdbook.schedules import cosine
    >>> cosine(0.1, steps=10)(5), cosine(0.1, steps=10)(50)
    (0.05, 0.0)
    """
    lr = check_positive_finite(lr, "lr")
    steps = check_at_least(steps, "steps", 1)
    if isinstance(final, bool) or not isinstance(final, int | float):
        raise TypeError(f"final must be a number, got {type(final).__name__}")
    final = float(final)
    if not 0.0 <= final <= lr:
        raise ValueError(f"final must lie in [0, lr={lr!r}], got {final!r}")

    def rule(k):
        return final + (lr - final) / 2 * (
            1 + math.cos(math.pi * min(k, steps) / steps)
        )

    return Schedule("cosine", lr, rule, (("steps", steps), ("final", final)))
