r"""Update rules as uniform, pure pairs of functions.

An optimizer turns gradients into steps. Each one here is an :class:`Optimizer`, a
pair of pure functions (the pattern of optax):

- ``state = opt.init(x0)`` makes the starting state (for plain gradient descent,
  nothing; for momentum, a velocity of zeros);
- ``step, state = opt.update(grad, state)`` returns the step to add to the point
  and the next state, and modifies nothing.

So one loop runs every method, :func:`gdbook.gradient_descent` included::

    state = opt.init(x)
    for k in range(steps):
        step, state = opt.update(grad(x), state)
        x = x + step
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

import numpy as np

from gdbook._validation import check_positive_finite

__all__ = ["Optimizer", "sgd"]


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
    def lr(self) -> float:
        """The learning rate."""
        return self.hyperparameters["lr"]

    def __repr__(self) -> str:
        arguments = ", ".join(f"{k}={v!r}" for k, v in self.hyperparameters.items())
        return f"{self.name}({arguments})"


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
        return -lr * grad, state

    return Optimizer("sgd", {"lr": lr}, init, update)
