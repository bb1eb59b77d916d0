r"""Update rules as uniform, pure pairs of functions.

An optimizer turns gradients into steps. Each one here is an :class:`Optimizer`, a
pair of pure functions (the pattern of optax):

- ``state = opt.init(x0)`` makes the starting state (for plain gradient descent,
  nothing; for momentum, a velocity of zeros);
- ``step, state = opt.update(grad, state)`` returns the step to add to the point
  and the next state, and modifies nothing.

The learning rate ``lr`` of every rule may also be a schedule from
:mod:`gdbook.schedules` (the rate of update ``k`` is then ``lr(k)``; the state
counts the updates). So one loop runs every method, :func:`gdbook.gradient_descent`
included::

    state = opt.init(x)
    for k in range(steps):
        step, state = opt.update(grad(x), state)
        x = x + step

The rules, for a gradient :math:`g` at the current point (products, squares, roots
and quotients of vectors are taken coordinate by coordinate)::

    sgd(lr)                       step = -lr g
    momentum(lr, momentum=mu)     v = mu v + g              step = -lr v
      nesterov=True                                         step = -lr (g + mu v)
    adagrad(lr, eps)              s = s + g²                step = -lr g / (√s + eps)
    rmsprop(lr, alpha, eps)       r = alpha r + (1 - alpha) g²
                                                            step = -lr g / (√r + eps)
    adam(lr, betas=(b1, b2), eps) t = t + 1
                                  m = b1 m + (1 - b1) g
                                  v = b2 v + (1 - b2) g²
                                  m_hat = m / (1 - b1^t)
                                  v_hat = v / (1 - b2^t)
                                                step = -lr m_hat / (√v_hat + eps)

Every state starts at zero. The names, the defaults and the updates are those of
``torch.optim`` (``SGD``, ``Adagrad``, ``RMSprop``, ``Adam`` without their extra
options), so the same hyperparameters give the same iterates in PyTorch; each
function says where other libraries differ. The arithmetic is done in the order
PyTorch's single-tensor code does it. In float64 the iterates of ``sgd`` and
``momentum`` agree to the last bit with PyTorch's kernels that do not fuse
multiply-adds; those of the others too, except where PyTorch's square root (not
correctly rounded, unlike numpy's) is one unit off in the last place. With the fused
kernels PyTorch uses on most CPUs, they agree to about 1e-16 per step.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any, NamedTuple

import numpy as np

from gdbook._validation import (
    as_gradient,
    check_betas,
    check_bool,
    check_positive_finite,
    check_unit_interval,
)
from gdbook.schedules import Schedule

__all__ = [
    "AdagradState",
    "AdamState",
    "MomentumState",
    "Optimizer",
    "RMSpropState",
    "ScheduledState",
    "adagrad",
    "adam",
    "momentum",
    "rmsprop",
    "sgd",
]


@dataclass(frozen=True, repr=False)
class Optimizer:
    """An update rule: ``init(x0) -> state``, ``update(grad, state) -> (step, state)``.

    Attributes
    ----------
    name : str
        The name of the function that made it (``"sgd"``, ``"adam"``...).
    hyperparameters : mapping
        Its arguments, read-only, ``lr`` among them.
    init : callable
        ``init(x0)`` returns the starting state for a point of ``x0``'s shape.
    update : callable
        ``update(grad, state)`` returns ``(step, new_state)``; the new point is
        ``x + step``. Neither argument is modified.

    Examples
    --------
    >>> import numpy as np
    >>> from gdbook.optimizers import sgd
    >>> opt = sgd(lr=0.1)
    >>> opt
    sgd(lr=0.1)
    >>> state = opt.init(np.array([5.0]))
    >>> step, state = opt.update(np.array([10.0]), state)
    >>> step
    array([-1.])
    """

    name: str
    hyperparameters: Mapping[str, Any]
    init: Callable[[np.ndarray], Any]
    update: Callable[[np.ndarray, Any], tuple[np.ndarray, Any]]

    def __post_init__(self) -> None:
        frozen = MappingProxyType(dict(self.hyperparameters))
        object.__setattr__(self, "hyperparameters", frozen)

    @property
    def lr(self) -> float | Schedule:
        """The learning rate (a :class:`~gdbook.schedules.Schedule` if it varies)."""
        return self.hyperparameters["lr"]

    def __repr__(self) -> str:
        arguments = ", ".join(f"{k}={v!r}" for k, v in self.hyperparameters.items())
        return f"{self.name}({arguments})"


# --- The states: what each rule remembers between steps ------------------------------


class MomentumState(NamedTuple):
    """State of :func:`momentum`.

    Attributes
    ----------
    velocity : numpy.ndarray
        :math:`v`, the gradients so far, each weighted by ``momentum`` to the
        power of its age (PyTorch's ``momentum_buffer``).
    """

    velocity: np.ndarray


class AdagradState(NamedTuple):
    """State of :func:`adagrad`.

    Attributes
    ----------
    sum_of_squares : numpy.ndarray
        :math:`s`, the sum of the squares of every gradient so far, coordinate
        by coordinate (PyTorch's ``sum``).
    """

    sum_of_squares: np.ndarray


class RMSpropState(NamedTuple):
    """State of :func:`rmsprop`.

    Attributes
    ----------
    mean_square : numpy.ndarray
        :math:`r`, the exponential moving average of the squared gradients
        (PyTorch's ``square_avg``).
    """

    mean_square: np.ndarray


class AdamState(NamedTuple):
    """State of :func:`adam`.

    Attributes
    ----------
    count : int
        :math:`t`, the number of updates made (PyTorch's ``step``).
    mean : numpy.ndarray
        :math:`m`, the exponential moving average of the gradients, the first
        moment before bias correction (PyTorch's ``exp_avg``).
    mean_square : numpy.ndarray
        :math:`v`, the exponential moving average of the squared gradients, the
        uncentred second moment before bias correction (``exp_avg_sq``).
    """

    count: int
    mean: np.ndarray
    mean_square: np.ndarray


def _lerp(start: np.ndarray, end: np.ndarray, weight: float) -> np.ndarray:
    """``start + weight (end - start)``, computed as ``torch.lerp`` does.

    For a weight of 0.5 or more PyTorch starts from ``end`` instead:
    ``end - (end - start)(1 - weight)``, the same number in exact arithmetic.
    """
    if weight < 0.5:
        return start + weight * (end - start)
    return end - (end - start) * (1 - weight)


class ScheduledState(NamedTuple):
    """The state of a rule whose learning rate is a schedule.

    Attributes
    ----------
    count : int
        Updates made so far: the next one uses the rate ``lr(count)``.
    inner : object
        The rule's own state (``None``, a :class:`MomentumState`...).
    """

    count: int
    inner: Any


def _accepts_schedule(rule: Callable[..., Optimizer]) -> Callable[..., Optimizer]:
    """Let ``rule(lr, ...)`` take a :class:`~gdbook.schedules.Schedule` as ``lr``.

    Every rule's step is computed with its rate, so the scheduled rule makes, at
    update ``k``, exactly the update of ``rule(lr(k), ...)`` on the same state: the
    iterates are those of PyTorch with a scheduler stepped after every update.
    """

    signature = inspect.signature(rule)

    @functools.wraps(rule)
    def make(*args, **kwargs) -> Optimizer:
        arguments = signature.bind(*args, **kwargs)
        arguments.apply_defaults()
        lr = arguments.arguments.pop("lr")
        if not isinstance(lr, Schedule):
            return rule(lr, **arguments.arguments)
        others = arguments.arguments
        # Checks the other hyperparameters once, and gives the name and the repr.
        first = rule(lr(0), **others)

        def init(x0):
            return ScheduledState(0, first.init(x0))

        def update(grad, state):
            count, inner = state
            step, inner = rule(lr(count), **others).update(grad, inner)
            return step, ScheduledState(count + 1, inner)

        hyperparameters = {**first.hyperparameters, "lr": lr}
        return Optimizer(first.name, hyperparameters, init, update)

    return make


# --- The rules -----------------------------------------------------------------------


@_accepts_schedule
def sgd(lr: float) -> Optimizer:
    r"""Plain gradient descent: the step is :math:`-\eta\, g`.

    Parameters
    ----------
    lr : float
        Learning rate :math:`\eta`, positive and finite.

    Returns
    -------
    Optimizer
        Its state is empty (``None``).

    Raises
    ------
    TypeError, ValueError
        If ``lr`` is not a positive finite number.

    Notes
    -----
    .. math:: x_{k+1} = x_k - \eta\, \nabla f(x_k).

    ``torch.optim.SGD(params, lr)`` without momentum makes the same update.

    Examples
    --------
    >>> from gdbook import gradient_descent, parabola
    >>> from gdbook.optimizers import sgd
    >>> gradient_descent(parabola.grad, 5.0, steps=3, optimizer=sgd(0.1)).xs
    array([5.  , 4.  , 3.2 , 2.56])
    """
    lr = check_positive_finite(lr, "lr")

    def init(x0):
        return None

    def update(grad, state):
        grad = as_gradient(grad, None)
        return -lr * grad, state

    return Optimizer("sgd", {"lr": lr}, init, update)


@_accepts_schedule
def momentum(lr: float, momentum: float = 0.9, nesterov: bool = False) -> Optimizer:
    r"""Gradient descent with momentum (the heavy ball), or Nesterov's variant.

    Parameters
    ----------
    lr : float
        Learning rate :math:`\eta`, positive and finite.
    momentum : float, default 0.9
        :math:`\mu` in :math:`[0, 1)`: the fraction of the velocity kept at each
        step. 0 is plain gradient descent.
    nesterov : bool, default False
        Use Nesterov's momentum, as PyTorch writes it.

    Returns
    -------
    Optimizer
        Its state is a :class:`MomentumState`, the velocity.

    Raises
    ------
    TypeError, ValueError
        If ``lr`` is not a positive finite number, ``momentum`` is not in
        :math:`[0, 1)` or ``nesterov`` is not a bool.

    Notes
    -----
    From :math:`v_0 = 0`,

    .. math::
        v_{k+1} = \mu\, v_k + g_k, \qquad x_{k+1} = x_k - \eta\, v_{k+1},

    so the step is :math:`-\eta` times the sum of the past gradients, the one
    :math:`j` steps old weighted by :math:`\mu^j`; along a constant gradient it
    grows to :math:`1/(1 - \mu)` times the plain step (10 times for
    :math:`\mu = 0.9`). With ``nesterov=True`` the step looks one velocity ahead:

    .. math:: x_{k+1} = x_k - \eta\, (g_k + \mu\, v_{k+1}).

    This is ``torch.optim.SGD(params, lr, momentum, nesterov=nesterov)`` with
    its default ``dampening=0``, which starts its buffer at :math:`g_0`, the same
    as :math:`\mu \cdot 0 + g_0` here. Where others differ:

    - Sutskever et al. (2013) and Keras (``keras.optimizers.SGD``, whose
      ``momentum`` defaults to 0) keep the velocity in units of a step,
      :math:`u_{k+1} = \mu u_k - \eta g_k`, :math:`x_{k+1} = x_k + u_{k+1}`.
      With a constant :math:`\eta`, :math:`u = -\eta v` and the iterates are the
      same; they differ when :math:`\eta` changes during a run (a schedule),
      which PyTorch's form applies to the whole velocity at once.
    - Some texts average instead of summing, :math:`v_{k+1} = \mu v_k +
      (1 - \mu) g_k`: steps :math:`1 - \mu` times shorter, the same as this
      rule with :math:`\eta (1 - \mu)`. PyTorch's ``dampening=momentum`` is
      that average after the first step, which it starts at :math:`g_0`
      undamped.
    - Nesterov's method as Sutskever et al. write it takes the gradient at a
      look-ahead point :math:`y_k + \mu u_k`. PyTorch, Keras and optax use the
      change of variables of Bengio et al. (2013): the iterate *is* the
      look-ahead point, so the gradient is taken at :math:`x_k` and the
      iterates are Sutskever's look-ahead points.
    - ``optax.sgd(learning_rate, momentum, nesterov)`` is this rule.

    Examples
    --------
    The first step is plain gradient descent; then the velocity adds up:

    >>> import numpy as np
    >>> from gdbook.optimizers import momentum
    >>> opt = momentum(lr=0.1, momentum=0.9)
    >>> opt
    momentum(lr=0.1, momentum=0.9, nesterov=False)
    >>> state = opt.init(np.zeros(2))
    >>> step, state = opt.update(np.array([1.0, -2.0]), state)
    >>> print(step, state.velocity)
    [-0.1  0.2] [ 1. -2.]
    >>> step, state = opt.update(np.array([1.0, -2.0]), state)
    >>> print(step, state.velocity)
    [-0.19  0.38] [ 1.9 -3.8]

    On the parabola :math:`f(x) = x^2` from 5:

    >>> from gdbook import gradient_descent, parabola
    >>> trace = gradient_descent(parabola.grad, 5.0, steps=3, optimizer=opt)
    >>> print(trace.xs)
    [5.   4.   2.3  0.31]
    """
    lr = check_positive_finite(lr, "lr")
    mu = check_unit_interval(momentum, "momentum", high_open=True)
    nesterov = check_bool(nesterov, "nesterov")

    def init(x0):
        return MomentumState(velocity=np.zeros(np.shape(x0)))

    def update(grad, state):
        grad = as_gradient(grad, state.velocity.shape)
        velocity = mu * state.velocity + grad
        direction = grad + mu * velocity if nesterov else velocity
        return -lr * direction, MomentumState(velocity)

    hyperparameters = {"lr": lr, "momentum": mu, "nesterov": nesterov}
    return Optimizer("momentum", hyperparameters, init, update)


@_accepts_schedule
def adagrad(lr: float = 0.01, eps: float = 1e-10) -> Optimizer:
    r"""AdaGrad: each coordinate's step divided by the root of its squared gradients.

    Parameters
    ----------
    lr : float, default 0.01
        Learning rate :math:`\eta`, positive and finite.
    eps : float, default 1e-10
        :math:`\varepsilon`, positive and finite, added to the root so that a
        coordinate whose gradients are all zero does not divide by zero.

    Returns
    -------
    Optimizer
        Its state is an :class:`AdagradState`, the sum of squared gradients.

    Raises
    ------
    TypeError, ValueError
        If ``lr`` or ``eps`` is not a positive finite number.

    Notes
    -----
    From :math:`s_0 = 0`,

    .. math::
        s_{k+1} = s_k + g_k^2, \qquad
        x_{k+1} = x_k - \eta\, \frac{g_k}{\sqrt{s_{k+1}} + \varepsilon}.

    Each coordinate gets its own step, :math:`\eta` over the root of the sum of
    its squared gradients so far, so a coordinate with steep gradients takes
    smaller steps; the steps only ever shrink. The first step is
    :math:`-\eta\, g_0 / (|g_0| + \varepsilon)`, about :math:`\eta` in every
    coordinate whatever the size of the gradient.

    This is ``torch.optim.Adagrad(params, lr, eps=eps)`` with its defaults
    ``lr_decay=0``, ``weight_decay=0`` and ``initial_accumulator_value=0``.
    Where others differ:

    - Keras (``keras.optimizers.Adagrad``) and ``optax.adagrad`` start the sum
      at ``initial_accumulator_value=0.1`` and put :math:`\varepsilon` inside
      the root, :math:`\sqrt{s + \varepsilon}`, with ``epsilon=1e-7`` (Keras'
      learning rate defaults to 0.001). Their first step is
      :math:`-\eta\, g_0 / \sqrt{0.1 + g_0^2 + \varepsilon}`: small gradients
      take small first steps.

    Examples
    --------
    The first step is :math:`\eta` in each coordinate, however different the
    gradients; the second is :math:`\eta / \sqrt 2` for the same gradient:

    >>> import numpy as np
    >>> from gdbook.optimizers import adagrad
    >>> opt = adagrad(lr=0.5)
    >>> opt
    adagrad(lr=0.5, eps=1e-10)
    >>> state = opt.init(np.zeros(2))
    >>> step, state = opt.update(np.array([100.0, -0.01]), state)
    >>> print(step, state.sum_of_squares)
    [-0.5  0.5] [1.e+04 1.e-04]
    >>> step, state = opt.update(np.array([100.0, -0.01]), state)
    >>> print(step)
    [-0.35355339  0.35355339]
    """
    lr = check_positive_finite(lr, "lr")
    eps = check_positive_finite(eps, "eps")

    def init(x0):
        return AdagradState(sum_of_squares=np.zeros(np.shape(x0)))

    def update(grad, state):
        grad = as_gradient(grad, state.sum_of_squares.shape)
        sum_of_squares = state.sum_of_squares + grad * grad
        step = -lr * grad / (np.sqrt(sum_of_squares) + eps)
        return step, AdagradState(sum_of_squares)

    return Optimizer("adagrad", {"lr": lr, "eps": eps}, init, update)


@_accepts_schedule
def rmsprop(lr: float = 0.01, alpha: float = 0.99, eps: float = 1e-8) -> Optimizer:
    r"""RMSProp: steps divided by the root of a moving average of squared gradients.

    Parameters
    ----------
    lr : float, default 0.01
        Learning rate :math:`\eta`, positive and finite.
    alpha : float, default 0.99
        :math:`\alpha` in :math:`[0, 1)`, the decay of the moving average: it
        remembers about the last :math:`1/(1 - \alpha)` gradients.
    eps : float, default 1e-8
        :math:`\varepsilon`, positive and finite, added to the root.

    Returns
    -------
    Optimizer
        Its state is an :class:`RMSpropState`, the mean square.

    Raises
    ------
    TypeError, ValueError
        If ``lr`` or ``eps`` is not a positive finite number or ``alpha`` is not
        in :math:`[0, 1)`.

    Notes
    -----
    From :math:`r_0 = 0`,

    .. math::
        r_{k+1} = \alpha\, r_k + (1 - \alpha)\, g_k^2, \qquad
        x_{k+1} = x_k - \eta\, \frac{g_k}{\sqrt{r_{k+1}} + \varepsilon}.

    AdaGrad with a moving average in place of the sum, so that the steps can
    grow again when the gradients get smaller. The average is not corrected
    for starting at zero: the first step is
    :math:`-\eta\, g_0 / (\sqrt{1 - \alpha}\, |g_0| + \varepsilon)`, about
    :math:`10\,\eta` in every coordinate for :math:`\alpha = 0.99`.

    This is ``torch.optim.RMSprop(params, lr, alpha, eps)`` with its defaults
    ``momentum=0``, ``centered=False`` and ``weight_decay=0``. Where others
    differ:

    - Keras (``keras.optimizers.RMSprop``: ``rho=0.9``, ``epsilon=1e-7``,
      learning rate 0.001) and ``optax.rmsprop`` (``decay=0.9``, ``eps=1e-8``,
      ``eps_in_sqrt=True``) put :math:`\varepsilon` inside the root,
      :math:`\sqrt{r + \varepsilon}`, and decay faster (Hinton's lecture, which
      introduced the method, suggests 0.9).
    - TensorFlow 1 (``tf.compat.v1.train.RMSPropOptimizer``) starts the mean
      square at 1 rather than 0, so its first steps are short instead of long.

    Examples
    --------
    The first step is :math:`10\,\eta` in each coordinate, for
    :math:`\alpha = 0.99`:

    >>> import numpy as np
    >>> from gdbook.optimizers import rmsprop
    >>> opt = rmsprop(lr=0.01)
    >>> opt
    rmsprop(lr=0.01, alpha=0.99, eps=1e-08)
    >>> state = opt.init(np.zeros(2))
    >>> step, state = opt.update(np.array([3.0, -4.0]), state)
    >>> print(step, state.mean_square)
    [-0.1  0.1] [0.09 0.16]
    """
    lr = check_positive_finite(lr, "lr")
    alpha = check_unit_interval(alpha, "alpha", high_open=True)
    eps = check_positive_finite(eps, "eps")

    def init(x0):
        return RMSpropState(mean_square=np.zeros(np.shape(x0)))

    def update(grad, state):
        grad = as_gradient(grad, state.mean_square.shape)
        mean_square = alpha * state.mean_square + (1 - alpha) * grad * grad
        step = -lr * grad / (np.sqrt(mean_square) + eps)
        return step, RMSpropState(mean_square)

    return Optimizer("rmsprop", {"lr": lr, "alpha": alpha, "eps": eps}, init, update)


@_accepts_schedule
def adam(
    lr: float = 0.001, betas: tuple[float, float] = (0.9, 0.999), eps: float = 1e-8
) -> Optimizer:
    r"""Adam: momentum divided by the root of a moving average of squared gradients.

    Parameters
    ----------
    lr : float, default 0.001
        Learning rate :math:`\eta`, positive and finite: about the largest
        distance a coordinate moves in one step.
    betas : pair of float, default (0.9, 0.999)
        :math:`(\beta_1, \beta_2)`, each in :math:`[0, 1)`: the decays of the
        moving averages of the gradients and of their squares.
    eps : float, default 1e-8
        :math:`\varepsilon`, positive and finite, added to the root.

    Returns
    -------
    Optimizer
        Its state is an :class:`AdamState`: the count of updates and the two
        moving averages.

    Raises
    ------
    TypeError, ValueError
        If ``lr`` or ``eps`` is not a positive finite number, or ``betas`` is
        not a pair of numbers in :math:`[0, 1)`.

    Notes
    -----
    From :math:`m_0 = v_0 = 0`, at step :math:`t = 1, 2, \ldots`

    .. math::
        m_t = \beta_1 m_{t-1} + (1 - \beta_1)\, g, \qquad
        v_t = \beta_2 v_{t-1} + (1 - \beta_2)\, g^2,

    .. math::
        \hat m_t = \frac{m_t}{1 - \beta_1^t}, \qquad
        \hat v_t = \frac{v_t}{1 - \beta_2^t}, \qquad
        x_t = x_{t-1} - \eta\, \frac{\hat m_t}{\sqrt{\hat v_t} + \varepsilon}.

    The averages start at zero; dividing by :math:`1 - \beta^t` (the bias
    correction) undoes the pull towards zero of the first steps. The first step
    is :math:`-\eta\, g / (|g| + \varepsilon)`: :math:`\eta` in every coordinate,
    with the sign of the gradient.

    This is Algorithm 1 of Kingma and Ba (2015) and
    ``torch.optim.Adam(params, lr, betas, eps)`` with its defaults
    ``weight_decay=0`` and ``amsgrad=False``; PyTorch computes
    :math:`(-\eta / (1 - \beta_1^t))\, m_t / (\sqrt{v_t} / \sqrt{1 - \beta_2^t} +
    \varepsilon)`, in that order, and so does this function. Where others
    differ:

    - Keras (``keras.optimizers.Adam``: ``beta_1``, ``beta_2``,
      ``epsilon=1e-7``) adds :math:`\varepsilon` to the root of the
      *uncorrected* :math:`v_t` ("epsilon hat" of the paper's section 2), which
      is PyTorch's rule with :math:`\varepsilon / \sqrt{1 - \beta_2^t}` in
      place of :math:`\varepsilon`: the same late in a run, larger at the start.
    - ``optax.adam(learning_rate, b1, b2, eps=1e-8, eps_root=0.0)`` is this rule;
      a positive ``eps_root`` adds a second epsilon inside the root,
      :math:`\sqrt{\hat v_t + \varepsilon_{root}}`.
    - Without bias correction (some tutorials), the first steps are
      :math:`(1 - \beta_1) / \sqrt{1 - \beta_2}`, about 3 times, the corrected
      ones.

    Examples
    --------
    The first step is :math:`\eta` in each coordinate, against the gradient:

    >>> import numpy as np
    >>> from gdbook.optimizers import adam
    >>> opt = adam(lr=0.1)
    >>> opt
    adam(lr=0.1, betas=(0.9, 0.999), eps=1e-08)
    >>> state = opt.init(np.zeros(2))
    >>> step, state = opt.update(np.array([3.0, -0.5]), state)
    >>> print(step)
    [-0.1  0.1]
    >>> print(state.count, state.mean, state.mean_square)
    1 [ 0.3  -0.05] [0.009   0.00025]

    On the bowl, each coordinate moves by about ``lr`` per step at first:

    >>> from gdbook import bowl, gradient_descent
    >>> trace = gradient_descent(bowl.grad, [3.0, -0.5], steps=2, optimizer=opt)
    >>> print(np.round(trace.xs, 2))
    [[ 3.  -0.5]
     [ 2.9 -0.4]
     [ 2.8 -0.3]]
    """
    lr = check_positive_finite(lr, "lr")
    beta1, beta2 = check_betas(betas, "betas")
    eps = check_positive_finite(eps, "eps")

    def init(x0):
        shape = np.shape(x0)
        return AdamState(count=0, mean=np.zeros(shape), mean_square=np.zeros(shape))

    def update(grad, state):
        grad = as_gradient(grad, state.mean.shape)
        count = state.count + 1
        mean = _lerp(state.mean, grad, 1 - beta1)  # beta1 m + (1 - beta1) g
        mean_square = beta2 * state.mean_square + (1 - beta2) * grad * grad
        correction1 = 1 - beta1**count
        correction2 = 1 - beta2**count
        denominator = np.sqrt(mean_square) / correction2**0.5 + eps
        step = -(lr / correction1) * mean / denominator
        return step, AdamState(count, mean, mean_square)

    hyperparameters = {"lr": lr, "betas": (beta1, beta2), "eps": eps}
    return Optimizer("adam", hyperparameters, init, update)
