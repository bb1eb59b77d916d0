r"""Least squares and the line fit by batch, stochastic and mini-batch descent: the
line :math:`\hat y = w x + b` of sources 001, 002 and 004, fitted by minimising the
mean squared error :math:`L = \frac1n \sum_i (w x_i + b - y_i)^2`."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast

import numpy as np
from numpy.typing import ArrayLike

from gdbook import _errors, _fast
from gdbook._checks import Array, Check, Count, Flag, Number, checked
from gdbook._errors import ArgumentValueError, check_finite_result, fits
from gdbook.descent import Trace, gradient_descent, stochastic_gradient_descent

__all__ = ["LineFit", "fit_line", "fit_line_sgd", "fit_slope", "line_cost_grid"]
__all__ += ["least_squares_gradient", "least_squares_loss"]


def _features(value: Any, name: str, given: Any = None) -> np.ndarray:
    """``X`` of shape (n,) or (n, d); neither copied nor scanned (a nan shows later)."""
    X = Array(finite=False, copy=False)(value, name)
    if X.ndim in (1, 2):
        return X
    raise ArgumentValueError(name, f"X must have shape (n,) or (n, d): {X.shape}")


_XY: dict[str, Check] = dict(x=Array(ndim=1), y=Array(shape="x"))  # a line's data
# A line fit's data and start (the descent checks lr and the rest).
_FIT: dict[str, Check] = dict(_XY, slope0=Number(), intercept0=Number())
_FIT["fit_intercept"] = Flag()
_GRID = Array(ndim=1, nonempty=False)  # the slopes or intercepts of a grid
_PROBLEM: dict[str, Check] = dict(
    X=_features,
    y=Array(shape=lambda given: given["X"].shape[:1], finite=False, copy=False),
    w=Array(shape=lambda given: given["X"].shape[1:], nonempty=False),
    b=Number(),
)


def _gradient(X: Any, y: Any, w: Any, b: float) -> tuple[Any, float]:
    r""":math:`\frac2n X^\top r` and :math:`\frac2n \sum_i r_i`, unchecked."""
    # Large data: a kernel that reads X once, not twice (same sums, another order).
    if X.nbytes > _fast.BLOCK_BYTES or (X.ndim == 2 and X.shape[1] == 1):
        sum_xr, sum_r = _fast.least_squares_sums(X, y, w, b)
    else:
        r = (X * w if X.ndim == 1 else X @ w) + b - y  # the residual
        sum_r = r.sum()
        sum_xr = (r * X).sum() if X.ndim == 1 else r @ X
    return 2.0 / len(X) * sum_xr, float(2.0 / len(X) * sum_r)


def _loss(X: Any, y: Any, w: Any, b: float) -> float:
    """The mean squared error, unchecked."""
    r = (X * w if X.ndim == 1 else X @ w) + b - y
    return float((r * r).sum() / r.size)  # np.mean's bits, without its dispatch


def _name_non_finite(X: Any, y: Any, value: Any) -> None:
    """A ``value`` that is not finite: name ``X`` or ``y`` if one holds a nan or inf."""
    if not np.isfinite(value):
        _errors.refuse_non_finite(X, "X")
        _errors.refuse_non_finite(y, "y")


@checked(**_PROBLEM)
def least_squares_gradient(
    X: ArrayLike, y: ArrayLike, w: ArrayLike, b: float = 0.0
) -> tuple[float | np.ndarray, float]:
    r"""Gradient of the mean squared error of :math:`\hat y = X w + b`.

    .. math:: \nabla_w L = \tfrac2n X^\top r, \quad
              \partial L / \partial b = \tfrac2n \textstyle\sum_i r_i, \quad
              r = X w + b - y

    Parameters
    ----------
    X, y, w, b : array_like, and float
        Inputs, shape ``(n,)`` or ``(n, d)``; targets, shape ``(n,)``; weights, shape
        ``(d,)`` (a number for ``X`` of shape ``(n,)``); intercept, default 0.

    Returns
    -------
    tuple
        :math:`\nabla_w L`, of ``w``'s shape, and :math:`\partial L / \partial b`.

    Examples
    --------
    >>> least_squares_gradient([1.0, 2.0, 3.0], [2.0, 4.0, 6.0], 1.0, 0.0)
    (-9.333333333333332, -4.0)
    """
    with np.errstate(over="ignore", invalid="ignore"):
        grad_w, grad_b = _gradient(X, y, w, b)  # the formula, above
    _name_non_finite(X, y, grad_b)  # a nan or inf in X or y always shows in grad_b
    for part in (grad_w, grad_b):
        check_finite_result(part, "the gradient", "X, y, w or b is too large")
    return (float(grad_w) if np.ndim(grad_w) == 0 else grad_w), grad_b


@checked(**_PROBLEM)
def least_squares_loss(
    X: ArrayLike, y: ArrayLike, w: ArrayLike, b: float = 0.0
) -> float:
    r"""Mean squared error of :math:`\hat y = X w + b`.

    .. math:: L = \frac1n \sum_i (x_i \cdot w + b - y_i)^2

    Parameters
    ----------
    X, y, w, b : array_like
        As for :func:`least_squares_gradient`.

    Returns
    -------
    float
        The loss; ``inf`` beyond float64's range.

    Examples
    --------
    >>> least_squares_loss([1.0, 2.0, 3.0], [2.0, 4.0, 6.0], 1.0)
    4.666666666666667
    """
    with np.errstate(over="ignore", invalid="ignore"):
        value = _loss(X, y, w, b)
    _name_non_finite(X, y, value)
    return value


@checked(**_XY, ws=_GRID, bs=_GRID)
def line_cost_grid(
    x: ArrayLike, y: ArrayLike, ws: ArrayLike, bs: ArrayLike
) -> np.ndarray:
    r"""The cost of each line :math:`y = w x + b` of a grid of slopes and intercepts.

    .. math:: e(w, b) = \frac1n \sum_i (w x_i + b - y_i)^2

    Parameters
    ----------
    x, y, ws, bs : array_like, 1-D
        The data, and the slopes and intercepts of the grid.

    Returns
    -------
    numpy.ndarray, shape (len(bs), len(ws))
        ``costs[i, j]``, the cost of ``ws[j]``, ``bs[i]`` (``inf`` on overflow).

    Examples
    --------
    >>> line_cost_grid([1.0, 2.0], [2.0, 4.0], ws=[0.0, 2.0], bs=[0.0, 1.0])
    array([[10.,  0.],
           [ 5.,  1.]])
    """
    x, y, ws, bs = (cast(np.ndarray, a) for a in (x, y, ws, bs))  # checked()
    size = bs.size * ws.size * x.size
    fits(size, "ws, bs", f"{ws.size} x {bs.size} lines on {x.size} points")
    with np.errstate(over="ignore", invalid="ignore"):
        residual = ws[None, :, None] * x + bs[:, None, None] - y
        cost: np.ndarray = np.mean(residual * residual, axis=-1)
        return cost


class LineFit(Trace):  # numpydoc ignore=PR01,EX01
    """A line fitted by descent: a :class:`~gdbook.Trace` of the points ``(w, b)``."""

    def _check_points(self) -> None:
        if self.xs.shape[1:] != (2,):
            raise ValueError(f"xs must be lines (w, b), shape (k, 2): {self.xs.shape}")

    def _repr_final(self) -> str:
        return f"slope={self.slope!r}, intercept={self.intercept!r}"

    @property
    def slopes(self) -> np.ndarray:
        """The slope at the start and after every update."""
        return self.xs[:, 0]

    @property
    def intercepts(self) -> np.ndarray:
        """The intercept at the start and after every update."""
        return self.xs[:, 1]

    @property
    def slope(self) -> float:
        """The final slope."""
        return float(self.slopes[-1])

    @property
    def intercept(self) -> float:
        """The final intercept."""
        return float(self.intercepts[-1])

    @checked(x=Array(nonempty=False))
    def predict(self, x: ArrayLike) -> float | np.ndarray:  # numpydoc ignore=PR01,RT01
        """The final line at ``x``: ``slope * x + intercept``, of ``x``'s shape."""
        with np.errstate(over="ignore", invalid="ignore"):
            value = self.slope * cast(np.ndarray, x) + self.intercept
        check_finite_result(value, "the prediction", "x is too large for this line")
        return float(value) if value.ndim == 0 else value


def _line_problem(
    x: Any, y: Any, slope0: float, intercept0: float, fit_intercept: bool
) -> tuple[np.ndarray, Callable[..., ArrayLike], Callable[[np.ndarray], float]]:
    """The start ``(w, b)``, the gradient (0 for a fixed ``b``) and the loss."""

    def grad(params: np.ndarray, batch: Any = slice(None)) -> ArrayLike:
        grad_w, grad_b = _gradient(x[batch], y[batch], params[0], params[1])
        # A new float64 array: the loop takes it as it is, unchecked.
        return np.array([grad_w, grad_b if fit_intercept else 0.0])

    def loss(params: np.ndarray) -> float:
        return _loss(x, y, params[0], params[1])

    return np.array([slope0, intercept0]), grad, loss


@checked(**_FIT, epochs=Count())
def fit_line(
    x: ArrayLike,
    y: ArrayLike,
    *,
    lr: float,
    epochs: int,
    slope0: float = 0.0,
    intercept0: float = 0.0,
    fit_intercept: bool = True,
) -> LineFit:
    r"""Fit :math:`y = w x + b` by gradient descent on the mean squared error.

    .. math:: w \leftarrow w - \eta \tfrac2n \textstyle\sum_i x_i r_i, \quad
              b \leftarrow b - \eta \tfrac2n \textstyle\sum_i r_i, \quad
              r_i = w x_i + b - y_i

    Parameters
    ----------
    x, y : array_like, shape (n,)
        The data.
    lr, epochs : float and int
        Learning rate :math:`\eta` and number of updates, each on all the data.
    slope0, intercept0, fit_intercept : float, float and bool, default 0, 0 and True
        The starting line; ``fit_intercept=False`` keeps ``intercept0`` as it is.

    Returns
    -------
    LineFit
        ``epochs + 1`` lines, from the start, with their losses.

    Examples
    --------
    >>> from gdbook import noisy_line
    >>> fit_line(*noisy_line(), lr=0.01, epochs=100).slope
    2.948979388333912
    """
    line, grad, loss = _line_problem(x, y, slope0, intercept0, fit_intercept)
    fits(epochs, "epochs", history=line.size)
    return gradient_descent(grad, line, lr=lr, steps=epochs, loss=loss).view_as(LineFit)


def fit_slope(
    x: ArrayLike, y: ArrayLike, *, lr: float, epochs: int, slope0: float = 0.0
) -> LineFit:
    r"""Fit :math:`y = w x`, no intercept, by gradient descent.

    .. math:: w \leftarrow w - \eta \tfrac2n \textstyle\sum_i x_i (w x_i - y_i)

    Parameters
    ----------
    x, y, lr, epochs, slope0 : array_like, float, int and float
        As for :func:`fit_line`.

    Returns
    -------
    LineFit
        With the intercept fixed at 0.

    Examples
    --------
    >>> fit_slope([1.0, 2.0, 3.0, 4.0], [2.0, 4.0, 6.0, 8.0], lr=0.01, epochs=1).slope
    0.3
    """
    return fit_line(x, y, lr=lr, epochs=epochs, slope0=slope0, fit_intercept=False)


@checked(**_FIT)
def fit_line_sgd(
    x: ArrayLike,
    y: ArrayLike,
    *,
    lr: float,
    epochs: int,
    batch_size: int = 1,
    slope0: float = 0.0,
    intercept0: float = 0.0,
    fit_intercept: bool = True,
    shuffle: bool = True,
    rng: np.random.Generator | int | None = None,
) -> LineFit:
    r"""Fit :math:`y = w x + b` by stochastic (or mini-batch) gradient descent.

    .. math:: w \leftarrow w - \eta \tfrac2{|S|} \textstyle\sum_{i \in S} x_i r_i,
              \quad b \leftarrow b - \eta \tfrac2{|S|} \textstyle\sum_{i \in S} r_i

    Parameters
    ----------
    x, y, lr, epochs : array_like, float and int
        As for :func:`fit_line`; an epoch here is ``ceil(n / batch_size)`` updates.
    batch_size, slope0, intercept0, fit_intercept : int, float and bool
        Samples per update (default 1, at most ``n``), and as for :func:`fit_line`.
    shuffle, rng : bool, and numpy.random.Generator, int or None
        A new random order at each epoch (default True; False: the stored order),
        from this generator or seed.

    Returns
    -------
    LineFit
        One line per update, plus the start, with the loss on the whole data.

    Examples
    --------
    >>> fit_line_sgd([1.0, 2.0, 3.0], [2.0, 4.0, 6.0], lr=0.01, epochs=2).steps_taken
    6
    """
    line, grad, loss = _line_problem(x, y, slope0, intercept0, fit_intercept)
    return stochastic_gradient_descent(
        grad,
        line,
        np.size(x),
        lr=lr,
        epochs=epochs,
        batch_size=batch_size,
        shuffle=shuffle,
        rng=rng,
        loss=loss,
    ).view_as(LineFit)
