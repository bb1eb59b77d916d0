r"""Update rules as pure functions: ``state = opt.init(x0)``, then ``step, state =
opt.update(grad, state)`` and ``x = x + step``. Names, defaults and the order of
operations are ``torch.optim``'s; any ``lr`` may be a :mod:`gdbook.schedules` one."""

from __future__ import annotations

from typing import Any, NamedTuple

import numpy as np

from gdbook._checks import Flag, Fraction, Number, Pair, Positive, checked
from gdbook._rules import (
    DecayState,
    Optimizer,
    Rate,
    ScheduledState,
    lerp,
    make_optimizer,
    scale_free,
    with_decay,
    zeros,
)
from gdbook.schedules import LR

Out = tuple[np.ndarray, Any]  #: What a rule returns: the step and the next state.
Decay = Number(0)  #: A weight decay: a finite number, 0 or more.
Beta = Fraction(high_open=True)  #: A fraction kept at each update, in [0, 1).

__all__ = ["AdagradState", "AdamState", "DecayState", "MomentumState", "Optimizer"]
__all__ += ["RMSpropState", "ScheduledState", "adagrad", "adam", "adamw"]
__all__ += ["momentum", "rmsprop", "sgd"]


class MomentumState(NamedTuple):  # numpydoc ignore=PR01,EX01
    """State of :func:`momentum`: the velocity :math:`v`."""

    velocity: np.ndarray  #: :math:`v`, of the point's shape.


class AdagradState(NamedTuple):  # numpydoc ignore=PR01,EX01
    """State of :func:`adagrad`: :math:`s`, the sum of the squared gradients."""

    sum_of_squares: np.ndarray  #: :math:`s` (times ``4**scale``).
    scale: int = 0  #: Not 0 only after a squared gradient overflowed float64.


class RMSpropState(NamedTuple):  # numpydoc ignore=PR01,EX01
    """State of :func:`rmsprop`: :math:`r`, the moving average of squared gradients."""

    mean_square: np.ndarray  #: :math:`r` (times ``4**scale``).
    scale: int = 0  #: As in :class:`AdagradState`.


class AdamState(NamedTuple):  # numpydoc ignore=PR01,EX01
    """State of :func:`adam`: the count, and the averages :math:`m` and :math:`v`."""

    #: :math:`t`, the updates made.
    count: int  # type: ignore[assignment]  # a field, shadowing tuple.count
    mean: np.ndarray  #: :math:`m`.
    mean_square: np.ndarray  #: :math:`v` (times ``4**scale``).
    scale: int = 0  #: As in :class:`AdagradState`.


@checked(lr=Rate(), weight_decay=Decay)
def sgd(lr: LR, weight_decay: float = 0.0) -> Optimizer:
    r"""Plain gradient descent: the step :math:`-\eta\, g`.

    Parameters
    ----------
    lr, weight_decay : float or Schedule, and float default 0
        The learning rate :math:`\eta > 0`; :math:`\lambda \ge 0`, the rule then
        sees :math:`g + \lambda x` for :math:`g`.

    Returns
    -------
    Optimizer
        Its state is None (a :class:`DecayState` with weight decay).

    Examples
    --------
    >>> sgd(0.1).update(np.array([1.0, -2.0]), None)
    (array([-0.1,  0.2]), None)
    """

    def rule(lr: float, grad: np.ndarray, state: None) -> tuple[np.ndarray, None]:
        return -lr * grad, state

    rule, init = with_decay(rule, lambda x0: None, weight_decay, decoupled=False)
    decay = {"weight_decay": weight_decay} if weight_decay else {}  # shown if not 0
    return make_optimizer("sgd", {"lr": lr} | decay, rule, init)


@checked(lr=Rate(), momentum=Beta, nesterov=Flag(), weight_decay=Decay)
def momentum(
    lr: LR, momentum: float = 0.9, nesterov: bool = False, weight_decay: float = 0.0
) -> Optimizer:
    r"""Gradient descent with momentum (the heavy ball), or Nesterov's variant.

    .. math:: v_{k+1} = \beta v_k + g_k, \qquad x_{k+1} = x_k - \eta\, v_{k+1}

    or, Nesterov's, :math:`x_{k+1} = x_k - \eta\,(g_k + \beta v_{k+1})`.

    Parameters
    ----------
    lr, momentum, nesterov, weight_decay : float or Schedule, float, bool, float
        :math:`\eta` and :math:`\lambda` as for :func:`sgd`; :math:`\beta` in
        :math:`[0, 1)`, the velocity's part kept; whether to take Nesterov's step.

    Returns
    -------
    Optimizer
        Its state is a :class:`MomentumState` (in a :class:`DecayState` with decay).

    Examples
    --------
    >>> momentum(0.1).update(np.array([1.0, -2.0]), MomentumState(np.zeros(2)))
    (array([-0.1,  0.2]), MomentumState(velocity=array([ 1., -2.])))
    """

    def rule(lr: float, grad: np.ndarray, state: MomentumState) -> Out:
        (velocity,) = state
        velocity = momentum * velocity + grad
        direction = grad + momentum * velocity if nesterov else velocity
        return -lr * direction, (velocity,)

    rule, init = with_decay(rule, zeros(MomentumState), weight_decay, decoupled=False)
    hyperparameters = {"lr": lr, "momentum": momentum, "nesterov": nesterov}
    hyperparameters |= {"weight_decay": weight_decay} if weight_decay else {}
    return make_optimizer("momentum", hyperparameters, rule, init)


@checked(lr=Rate(), eps=Positive())
def adagrad(lr: LR = 0.01, eps: float = 1e-10) -> Optimizer:
    r"""AdaGrad: each coordinate's step divided by the root of its squared gradients.

    .. math:: s_{k+1} = s_k + g_k^2, \qquad
       x_{k+1} = x_k - \eta\, \frac{g_k}{\sqrt{s_{k+1}} + \varepsilon}

    Parameters
    ----------
    lr, eps : float or Schedule, and float
        As for :func:`sgd`; :math:`\varepsilon > 0`, added to the root.

    Returns
    -------
    Optimizer
        Its state is an :class:`AdagradState`.

    Examples
    --------
    >>> adagrad(0.5).update(np.array([100.0, -0.01]), AdagradState(np.zeros(2)))[0]
    array([-0.5,  0.5])
    """

    def rule(lr: float, g: np.ndarray, state: AdagradState, eps: float = eps) -> Out:
        sum_of_squares, scale = state
        sum_of_squares = sum_of_squares + g * g
        return -lr * g / (np.sqrt(sum_of_squares) + eps), (sum_of_squares, scale)

    guarded = scale_free(rule, eps, AdagradState, "sum_of_squares")  # if g*g overflows
    init = zeros(AdagradState)
    return make_optimizer("adagrad", {"lr": lr, "eps": eps}, rule, init, guarded)


@checked(lr=Rate(), alpha=Beta, eps=Positive())
def rmsprop(lr: LR = 0.01, alpha: float = 0.99, eps: float = 1e-8) -> Optimizer:
    r"""RMSProp: steps divided by the root of a moving average of squared gradients.

    .. math:: r_{k+1} = \alpha r_k + (1 - \alpha)\, g_k^2, \qquad
       x_{k+1} = x_k - \eta\, \frac{g_k}{\sqrt{r_{k+1}} + \varepsilon}

    Parameters
    ----------
    lr, alpha, eps : float or Schedule, float default 0.99, and float
        As for :func:`adagrad`; :math:`\alpha` in :math:`[0, 1)`, the average's decay.

    Returns
    -------
    Optimizer
        Its state is an :class:`RMSpropState`.

    Examples
    --------
    >>> rmsprop(0.01).update(np.array([3.0, -4.0]), RMSpropState(np.zeros(2)))[0]
    array([-0.1,  0.1])
    """

    def rule(lr: float, g: np.ndarray, state: RMSpropState, eps: float = eps) -> Out:
        mean_square, scale = state
        mean_square = alpha * mean_square + (1 - alpha) * g * g
        return -lr * g / (np.sqrt(mean_square) + eps), (mean_square, scale)

    guarded = scale_free(rule, eps, RMSpropState, "mean_square")  # as in adagrad
    given = {"lr": lr, "alpha": alpha, "eps": eps}
    return make_optimizer("rmsprop", given, rule, zeros(RMSpropState), guarded)


def adam_optimizer(
    name: str, lr: LR, betas: tuple[float, float], eps: float, weight_decay: float
) -> Optimizer:
    """Adam's Optimizer; ``"adamw"``'s decays the point apart from the step."""
    beta1, beta2 = betas

    def rule(lr: float, g: np.ndarray, state: AdamState, eps: float = eps) -> Out:
        count, mean, mean_square, scale = state
        count += 1
        mean = lerp(mean, g, 1 - beta1)  # beta1 m + (1 - beta1) g, torch's way
        mean_square = beta2 * mean_square + (1 - beta2) * g * g
        correction1 = 1 - beta1**count
        correction2 = 1 - beta2**count
        denominator = np.sqrt(mean_square) / correction2**0.5 + eps
        step = -(lr / correction1) * mean / denominator
        return step, (count, mean, mean_square, scale)

    start = zeros(lambda z: AdamState(0, z, z.copy()))  # m and v: zeros
    decoupled = name == "adamw"
    guarded = scale_free(rule, eps, AdamState, "mean_square", means=("mean",))
    guarded, init = with_decay(guarded, start, weight_decay, decoupled)
    decayed, _ = with_decay(rule, start, weight_decay, decoupled)
    hyperparameters = {"lr": lr, "betas": (beta1, beta2), "eps": eps}
    if weight_decay or decoupled:  # adamw shows its decay, even 0
        hyperparameters["weight_decay"] = weight_decay
    return make_optimizer(name, hyperparameters, decayed, init, guarded)


@checked(lr=Rate(), betas=Pair(Beta, Beta), eps=Positive(), weight_decay=Decay)
def adam(
    lr: LR = 0.001,
    betas: tuple[float, float] = (0.9, 0.999),
    eps: float = 1e-8,
    weight_decay: float = 0.0,
) -> Optimizer:
    r"""Adam: momentum divided by the root of a moving average of squared gradients.

    .. math:: m_t = \beta_1 m_{t-1} + (1 - \beta_1)\, g, \qquad
       v_t = \beta_2 v_{t-1} + (1 - \beta_2)\, g^2,

       x_t = x_{t-1} - \eta\, \frac{m_t / (1 - \beta_1^t)}
       {\sqrt{v_t / (1 - \beta_2^t)} + \varepsilon}.

    Parameters
    ----------
    lr, betas, eps, weight_decay : float or Schedule, pair of float, float, float
        :math:`\eta`; :math:`(\beta_1, \beta_2)`, each in :math:`[0, 1)`;
        :math:`\varepsilon` and :math:`\lambda`, as for :func:`rmsprop` and
        :func:`sgd` (the root scales :math:`\lambda`: see :func:`adamw`).

    Returns
    -------
    Optimizer
        Its state is an :class:`AdamState` (in a :class:`DecayState` with decay).

    Examples
    --------
    >>> adam(0.1).update(np.array([3.0, -0.5]), adam().init(np.zeros(2)))[0]
    array([-0.1,  0.1])
    """
    return adam_optimizer("adam", lr, betas, eps, weight_decay)


@checked(lr=Rate(), betas=Pair(Beta, Beta), eps=Positive(), weight_decay=Decay)
def adamw(
    lr: LR = 0.001,
    betas: tuple[float, float] = (0.9, 0.999),
    eps: float = 1e-8,
    weight_decay: float = 0.01,
) -> Optimizer:
    r"""AdamW: Adam's step, and the point shrunk by :math:`\eta\lambda` apart.

    .. math:: x_t = x_{t-1} - \eta\lambda\, x_{t-1} - \eta\,
       \frac{m_t / (1 - \beta_1^t)}{\sqrt{v_t / (1 - \beta_2^t)} + \varepsilon},

    with :math:`m_t, v_t` of :func:`adam`, from the gradient alone.

    Parameters
    ----------
    lr, betas, eps, weight_decay : float or Schedule, pair of float, float, float
        As for :func:`adam` (here :math:`\lambda` defaults to 0.01).

    Returns
    -------
    Optimizer
        Its state is a :class:`DecayState` around an :class:`AdamState` (or one alone).

    Examples
    --------
    >>> opt = adamw(lr=0.1, weight_decay=0.5)
    >>> opt.update(np.array([3.0, -0.5]), opt.init(np.array([2.0, 0.0])))[0]
    array([-0.2,  0.1])
    """
    return adam_optimizer("adamw", lr, betas, eps, weight_decay)
