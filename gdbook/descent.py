"""Gradient descent that keeps its whole history.

:func:`gradient_descent` returns a :class:`Trace`: every point from the start to the
end, the gradient used at each step, the loss at each point when a loss function is
given, and whether the run diverged. Plots are drawn from the trace by
:mod:`gdbook.plot`; nothing here draws.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from gdbook._validation import (
    as_float_array,
    check_callable,
    check_non_negative_int,
    check_positive_finite,
)

__all__ = ["Trace", "gradient_descent"]


@dataclass(frozen=True, repr=False)
class Trace:
    """History of a descent run.

    Attributes
    ----------
    xs : numpy.ndarray
        Every point, the start included: shape ``(steps_taken + 1, *x0.shape)``.
    grads : numpy.ndarray
        The gradient used at each step: shape ``(steps_taken, *x0.shape)``;
        ``grads[k]`` was taken at ``xs[k]``.
    losses : numpy.ndarray or None
        The loss at each point of ``xs`` when a loss function was given.
    lr : float
        The learning rate.
    diverged : bool
        True when the run stopped early because an iterate, a gradient or a loss
        was not finite. ``xs`` then ends at the last finite point.

    Examples
    --------
    >>> from gdbook import gradient_descent
    >>> trace = gradient_descent(lambda x: 2 * x, 5.0, lr=0.1, steps=3)
    >>> trace.xs
    array([5.  , 4.  , 3.2 , 2.56])
    >>> trace.x, trace.steps_taken
    (np.float64(2.56), 3)
    """

    xs: np.ndarray
    grads: np.ndarray
    losses: np.ndarray | None
    lr: float
    diverged: bool = False

    @property
    def x(self):
        """The final point (a numpy scalar for a scalar start)."""
        return self.xs[-1]

    @property
    def loss(self) -> float | None:
        """The loss at the final point, if losses were recorded."""
        return None if self.losses is None else float(self.losses[-1])

    @property
    def steps_taken(self) -> int:
        """Number of updates made (fewer than asked for when the run diverged)."""
        return len(self.xs) - 1

    def __len__(self) -> int:
        return len(self.xs)

    def __repr__(self) -> str:
        with np.printoptions(threshold=6, edgeitems=2):
            parts = [f"steps={self.steps_taken}", f"lr={self.lr:g}", f"x={self.x!s}"]
            if self.losses is not None:
                parts.append(f"loss={self.loss:.6g}")
        if self.diverged:
            parts.append("diverged=True")
        return f"Trace({', '.join(parts)})"


def _checked_gradient(grad: Callable, x: np.ndarray) -> np.ndarray:
    """Call ``grad`` on a copy of ``x`` and check the shape of its answer."""
    value = np.asarray(grad(x.copy()), dtype=np.float64)
    if value.shape != x.shape:
        raise ValueError(
            f"grad must return an array of x0's shape {x.shape}, got {value.shape}"
        )
    return value


def gradient_descent(
    grad: Callable,
    x0,
    *,
    lr: float,
    steps: int,
    loss: Callable | None = None,
) -> Trace:
    r"""Minimise a function by gradient descent, keeping the whole history.

    Parameters
    ----------
    grad : callable
        ``grad(x)`` returns the gradient at ``x``, an array of ``x0``'s shape. It
        receives a copy, so it may modify its argument without harm. For a
        numerical gradient pass ``functools.partial(numerical_gradient, f)``.
    x0 : float or array_like
        Start, any shape; finite. Copied to float64, never modified.
    lr : float
        Learning rate :math:`\eta`, a positive finite number.
    steps : int
        Number of updates, a non-negative integer.
    loss : callable, optional
        ``loss(x)`` returns a real number; when given, it is recorded at every
        point.

    Returns
    -------
    Trace
        ``steps + 1`` points from ``x0`` to the final one (fewer if the run
        diverged), the gradients and, when ``loss`` is given, the losses.

    Raises
    ------
    TypeError
        If ``grad`` or ``loss`` is not callable, or ``lr`` or ``steps`` has the
        wrong type.
    ValueError
        If ``x0`` is not finite, ``lr`` is not positive and finite, ``steps`` is
        negative, or ``grad`` returns the wrong shape.

    See Also
    --------
    gdbook.numerical_gradient : A gradient when no formula is at hand.

    Notes
    -----
    The update is

    .. math:: x_{k+1} = x_k - \eta \nabla f(x_k).

    On :math:`f(x) = x^2` it gives :math:`x_k = (1 - 2\eta)^k x_0`, which
    converges when :math:`0 < \eta < 1`. A run whose iterate, gradient or loss
    stops being finite ends there with ``diverged=True``, without overflow
    warnings.

    Examples
    --------
    The parabola of the first source, :math:`f(x) = x^2` from 5 with
    :math:`\eta = 0.1`:

    >>> import numpy as np
    >>> from gdbook import gradient_descent, parabola
    >>> trace = gradient_descent(parabola.grad, 5.0, lr=0.1, steps=50,
    ...                          loss=parabola)
    >>> trace
    Trace(steps=50, lr=0.1, x=7.136238463529802e-05, loss=5.09259e-09)

    The iterates follow the closed form :math:`x_k = (1 - 2\eta)^k x_0` up to
    rounding:

    >>> bool(np.isclose(trace.x, 5.0 * 0.8**50, rtol=1e-12, atol=0))
    True

    A learning rate above the stability limit diverges, and the run says so:

    >>> gradient_descent(parabola.grad, 5.0, lr=1.5, steps=2000).diverged
    True
    """
    check_callable(grad, "grad")
    if loss is not None:
        check_callable(loss, "loss")
    lr = check_positive_finite(lr, "lr")
    steps = check_non_negative_int(steps, "steps")
    x = as_float_array(x0, "x0")

    xs = [x]
    grads = []
    losses = None if loss is None else [float(loss(x.copy()))]
    diverged = losses is not None and not np.isfinite(losses[0])
    # Overflow is detected and reported through ``diverged``: silence numpy's
    # warnings for it rather than flooding the reader's output.
    with np.errstate(over="ignore", invalid="ignore"):
        for _ in range(steps if not diverged else 0):
            g = _checked_gradient(grad, x)
            x_next = x - lr * g
            if not (np.all(np.isfinite(g)) and np.all(np.isfinite(x_next))):
                diverged = True
                break
            if losses is not None:
                value = float(loss(x_next.copy()))
                if not np.isfinite(value):
                    diverged = True
                    break
                losses.append(value)
            grads.append(g)
            xs.append(x_next)
            x = x_next

    return Trace(
        xs=np.array(xs),
        grads=np.array(grads).reshape((len(grads), *x.shape)),
        losses=None if losses is None else np.array(losses),
        lr=lr,
        diverged=diverged,
    )
