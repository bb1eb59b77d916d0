r"""Least squares and the line fit: batch, stochastic and mini-batch descent.

The model of sources 001, 002 and 004 is a line, :math:`\hat y = w x + b`, fitted
by minimising the mean squared error :math:`L = \frac1n \sum_i (w x_i + b - y_i)^2`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast

import numpy as np
from numpy.typing import ArrayLike

from gdbook import _fast
from gdbook._checks import (
    ArgumentValueError,
    Array,
    Check,
    Count,
    Flag,
    Number,
    check_finite_result,
    checked,
    fits,
    refuse_non_finite,
)
from gdbook.descent import Trace, gradient_descent, stochastic_gradient_descent

__all__ = [
    "LineFit",
    "fit_line",
    "fit_line_sgd",
    "fit_slope",
    "least_squares_gradient",
    "least_squares_loss",
    "line_cost_grid",
]

# The data: read, never written, so not copied (it may be large); a value that is
# not finite shows in the result, and is named then.
_DATA = Array(finite=False, copy=False)
_PROBLEM: dict[str, Check] = dict(X=_DATA, y=_DATA, w=Array(nonempty=False), b=Number())


def _problem(X: Any, y: Any, w: Any) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``X`` of shape (n,) or (n, d), ``y`` of (n,), ``w`` of () or (d,), checked()."""
    if X.ndim not in (1, 2):
        raise ArgumentValueError(
            "X", f"X must have shape (n,) or (n, d), got {X.shape}"
        )
    if y.shape != X.shape[:1]:
        raise ArgumentValueError("y", f"y must have shape {X.shape[:1]}, got {y.shape}")
    if w.shape != X.shape[1:]:
        raise ArgumentValueError(
            "w", f"w must have shape {X.shape[1:]} for X of {X.shape}, got {w.shape}"
        )
    return X, y, w


def _refuse_non_finite(X: np.ndarray, y: np.ndarray) -> None:
    """Name the argument that holds a value not finite, if any."""
    refuse_non_finite(X, "X")
    refuse_non_finite(y, "y")


def _residual(X: np.ndarray, y: np.ndarray, w: Any, b: float) -> np.ndarray:
    """The residual :math:`r = X w + b - y`, unchecked."""
    residual: np.ndarray = (X * w if X.ndim == 1 else X @ w) + b - y
    return residual


def _gradient(X: np.ndarray, y: np.ndarray, w: Any, b: float) -> tuple[Any, float]:
    r""":math:`\frac2n X^\top r` and :math:`\frac2n \sum_i r_i`, unchecked."""
    n = X.shape[0]
    # Large data: a kernel that reads X once, not twice (same sums, another order).
    if X.nbytes > _fast.BLOCK_BYTES or (X.ndim == 2 and X.shape[1] == 1):
        sum_xr, sum_r = _fast.least_squares_sums(X, y, w, b)
    else:
        r = _residual(X, y, w, b)
        sum_r = r.sum()
        sum_xr = (r * X).sum() if X.ndim == 1 else r @ X
    return 2.0 / n * sum_xr, float(2.0 / n * sum_r)


@checked(**_PROBLEM)
def least_squares_gradient(
    X: ArrayLike, y: ArrayLike, w: ArrayLike, b: float = 0.0
) -> tuple[float | np.ndarray, float]:
    r"""Gradient of the mean squared error of :math:`\hat y = X w + b`.

    With :math:`r = X w + b - y`: :math:`\nabla_w L = \frac2n X^\top r` and
    :math:`\partial L / \partial b = \frac2n \sum_i r_i` (in ``_gradient``).

    Parameters
    ----------
    X : array_like, shape (n,) or (n, d)
        Inputs: one feature, or ``d``.
    y : array_like, shape (n,)
        Targets.
    w : float or array_like
        Weights: a scalar for ``X`` of shape ``(n,)``, shape ``(d,)`` otherwise.
    b : float, default 0.0
        Intercept.

    Returns
    -------
    grad_w : float or numpy.ndarray
        :math:`\partial L / \partial w`, of ``w``'s shape.
    grad_b : float
        :math:`\partial L / \partial b`.

    Examples
    --------
    >>> least_squares_gradient([1.0, 2.0, 3.0], [2.0, 4.0, 6.0], 1.0, 0.0)
    (-9.333333333333332, -4.0)
    """
    X, y, w = _problem(X, y, w)
    with np.errstate(over="ignore", invalid="ignore"):
        grad_w, grad_b = _gradient(X, y, w, b)
    if not np.isfinite(grad_b):  # a nan or inf in X or y always shows here
        _refuse_non_finite(X, y)
    for part in (grad_w, grad_b):
        check_finite_result(part, "the gradient", "X, y, w or b is too large")
    return (float(grad_w) if X.ndim == 1 else grad_w), grad_b


def _loss(X: np.ndarray, y: np.ndarray, w: Any, b: float) -> float:
    """The mean squared error, unchecked."""
    residual = _residual(X, y, w, b)
    # np.mean's sum and division (the same bits) without its dispatch, for SGD.
    return float((residual * residual).sum() / residual.size)


@checked(**_PROBLEM)
def least_squares_loss(
    X: ArrayLike, y: ArrayLike, w: ArrayLike, b: float = 0.0
) -> float:
    r"""Mean squared error :math:`\frac1n \sum_i (x_i \cdot w + b - y_i)^2`.

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
    X, y, w = _problem(X, y, w)
    with np.errstate(over="ignore", invalid="ignore"):
        value = _loss(X, y, w, b)
    if not np.isfinite(value):
        _refuse_non_finite(X, y)
    return value


@checked(
    x=Array(ndim=1),
    y=Array(shape="x"),
    ws=Array(ndim=1, nonempty=False),
    bs=Array(ndim=1, nonempty=False),
)
def line_cost_grid(
    x: ArrayLike, y: ArrayLike, ws: ArrayLike, bs: ArrayLike
) -> np.ndarray:
    r"""The cost :math:`e(w, b) = \frac1n \sum_i (w x_i + b - y_i)^2` on a grid.

    Parameters
    ----------
    x, y : array_like, shape (n,)
        The data.
    ws, bs : array_like, 1-D
        Slopes and intercepts of the grid.

    Returns
    -------
    numpy.ndarray, shape (len(bs), len(ws))
        ``costs[i, j]``, the cost of :math:`y = ws_j x + bs_i` (as
        ``numpy.meshgrid(ws, bs)``); ``inf`` beyond float64's range.

    Examples
    --------
    >>> line_cost_grid([1.0, 2.0], [2.0, 4.0], ws=[0.0, 2.0], bs=[0.0, 1.0])
    array([[10.,  0.],
           [ 5.,  1.]])
    """
    x, y = cast(np.ndarray, x), cast(np.ndarray, y)  # checked(): float64 arrays
    ws, bs = cast(np.ndarray, ws), cast(np.ndarray, bs)
    size = bs.size * ws.size * x.size
    fits(size, "ws, bs", f"{ws.size} x {bs.size} lines on {x.size} points")
    with np.errstate(over="ignore", invalid="ignore"):
        residual = ws[None, :, None] * x + bs[:, None, None] - y
        cost: np.ndarray = np.mean(residual * residual, axis=-1)
        return cost


# Its parameters are those of Trace, documented there.
class LineFit(Trace):  # numpydoc ignore=PR01
    """A line fitted by descent: a :class:`~gdbook.Trace` whose points are ``(w, b)``.

    Examples
    --------
    >>> from gdbook import proportional_data
    >>> fit_slope(*proportional_data(4), slope0=1.0, lr=0.01, epochs=1)
    LineFit(slope=1.15, intercept=0.0, steps=1, lr=0.01, loss=5.41875)
    """

    def _check_points(self) -> None:
        if self.xs.shape[1:] != (2,):
            raise ValueError(
                f"xs must hold lines (w, b), shape (k, 2), got {self.xs.shape}"
            )

    @property
    def slopes(self) -> np.ndarray:  # numpydoc ignore=EX01
        """The slope at the start and after every update."""
        return self.xs[:, 0]

    @property
    def intercepts(self) -> np.ndarray:  # numpydoc ignore=EX01
        """The intercept at the start and after every update."""
        return self.xs[:, 1]

    @property
    def slope(self) -> float:  # numpydoc ignore=EX01
        """The final slope."""
        return float(self.slopes[-1])

    @property
    def intercept(self) -> float:  # numpydoc ignore=EX01
        """The final intercept."""
        return float(self.intercepts[-1])

    @checked(x=Array(nonempty=False))
    def predict(self, x: ArrayLike) -> float | np.ndarray:
        """The final line at ``x``: ``slope * x + intercept``.

        Parameters
        ----------
        x : float or array_like
            Where to evaluate the line.

        Returns
        -------
        float or numpy.ndarray
            The line's values, of ``x``'s shape.

        Examples
        --------
        >>> from gdbook import proportional_data
        >>> fit_slope(*proportional_data(4), slope0=1.0, lr=0.01, epochs=1).predict(4.0)
        4.6
        """
        with np.errstate(over="ignore", invalid="ignore"):
            value = self.slope * cast(np.ndarray, x) + self.intercept
        check_finite_result(value, "the prediction", "x is too large for this line")
        return float(value) if value.ndim == 0 else value

    def __repr__(self) -> str:
        parts = [f"slope={self.slope!r}", f"intercept={self.intercept!r}"]
        parts += super()._repr_parts()
        if self.losses is not None:
            parts.append(f"loss={self.loss:.6g}")
        if self.diverged:
            parts.append("diverged=True")
        return f"LineFit({', '.join(parts)})"


# What a line fit checks on entry (lr, epochs... are checked by the descent).
_LINE: dict[str, Check] = {
    "x": Array(ndim=1),
    "y": Array(shape="x"),
    "slope0": Number(),
    "intercept0": Number(),
    "fit_intercept": Flag(),
}


def _line_problem(
    x: np.ndarray, y: np.ndarray, slope0: float, intercept0: float, fit_intercept: bool
) -> tuple[np.ndarray, Callable[..., ArrayLike], Callable[[np.ndarray], float]]:
    """The start ``(w, b)``, the gradient (0 for a fixed ``b``) and the loss."""

    def grad(params: np.ndarray, batch: Any = slice(None)) -> ArrayLike:
        grad_w, grad_b = _gradient(x[batch], y[batch], params[0], params[1])
        # A new float64 array: the loop takes it as it is, unchecked.
        return np.array([grad_w, grad_b if fit_intercept else 0.0])

    def loss(params: np.ndarray) -> float:
        return _loss(x, y, params[0], params[1])

    return np.array([slope0, intercept0]), grad, loss


@checked(**_LINE, epochs=Count())
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

    Each epoch is one update, :math:`w \leftarrow w - \eta \frac2n \sum_i x_i r_i`,
    :math:`b \leftarrow b - \eta \frac2n \sum_i r_i`, :math:`r_i = w x_i + b - y_i`.

    Parameters
    ----------
    x, y : array_like, shape (n,)
        The data.
    lr : float
        Learning rate :math:`\eta`, positive.
    epochs : int
        Number of updates, each on the whole data set.
    slope0, intercept0 : float, default 0.0
        The starting line.
    fit_intercept : bool, default True
        When False, the intercept stays at ``intercept0``.

    Returns
    -------
    LineFit
        ``epochs + 1`` lines, from the start, with their losses.

    Examples
    --------
    >>> from gdbook import noisy_line
    >>> fit = fit_line(*noisy_line(), lr=0.01, epochs=100)
    >>> print(fit.slope, fit.intercept, fit.loss)
    2.948979388333912 0.35005098565134224 1.0133984237469946
    """
    x, y = cast(np.ndarray, x), cast(np.ndarray, y)  # checked(): float64 arrays
    start, grad, loss = _line_problem(x, y, slope0, intercept0, fit_intercept)
    fits(epochs, "epochs", history=start.size)
    trace = gradient_descent(grad, start, lr=lr, steps=epochs, loss=loss)
    return trace.view_as(LineFit)


def fit_slope(
    x: ArrayLike, y: ArrayLike, *, lr: float, epochs: int, slope0: float = 0.0
) -> LineFit:
    r"""Fit :math:`y = w x` (no intercept) by gradient descent.

    Per epoch: :math:`w \leftarrow w - \eta \frac2n \sum_i x_i (w x_i - y_i)`.

    Parameters
    ----------
    x, y, lr, epochs : array_like, array_like, float and int
        As for :func:`fit_line`.
    slope0 : float, default 0.0
        The starting slope.

    Returns
    -------
    LineFit
        With the intercept fixed at 0.

    Examples
    --------
    >>> from gdbook import proportional_data
    >>> fit = fit_slope(*proportional_data(4), slope0=1.0, lr=0.01, epochs=100)
    >>> print(fit.slopes[1], fit.losses[0], fit.predict(4))
    1.15 7.5 7.999999650093055
    """
    return fit_line(
        x, y, lr=lr, epochs=epochs, slope0=slope0, intercept0=0.0, fit_intercept=False
    )


@checked(**_LINE)
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

    On a batch :math:`S`: :math:`w \leftarrow w - \eta \frac2{|S|} \sum_S x_i r_i`,
    :math:`b \leftarrow b - \eta \frac2{|S|} \sum_S r_i`.

    Parameters
    ----------
    x, y, lr : array_like, array_like and float
        As for :func:`fit_line`.
    epochs : int
        Passes over the data, of ``ceil(n / batch_size)`` updates each.
    batch_size : int, default 1
        Samples per update, in ``[1, n]``.
    slope0, intercept0, fit_intercept : float, float and bool
        As for :func:`fit_line`.
    shuffle : bool, default True
        A new random order at each epoch; False keeps the stored order.
    rng : numpy.random.Generator, int or None
        Generator or seed of the orders.

    Returns
    -------
    LineFit
        One line per update, plus the start, with the loss on the whole data.

    Examples
    --------
    >>> from gdbook import beans
    >>> fit = fit_line_sgd(*beans(100), lr=0.01, epochs=50, shuffle=False,
    ...                    slope0=0.1, intercept0=0.1)
    >>> fit.steps_taken, bool(fit.loss < 0.01)
    (5000, True)
    """
    x, y = cast(np.ndarray, x), cast(np.ndarray, y)  # checked(): float64 arrays
    start, grad, loss = _line_problem(x, y, slope0, intercept0, fit_intercept)
    trace = stochastic_gradient_descent(
        grad,
        start,
        x.size,
        lr=lr,
        epochs=epochs,
        batch_size=batch_size,
        shuffle=shuffle,
        rng=rng,
        loss=loss,
    )
    return trace.view_as(LineFit)
