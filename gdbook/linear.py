r"""Least squares and the line fit: batch, stochastic and mini-batch descent.

The model of sources 001, 002 and 004 is a line, :math:`\hat y = w x + b`, fitted
by minimising the mean squared error

.. math:: L(w, b) = \frac1n \sum_{i=1}^n (w x_i + b - y_i)^2 .

:func:`least_squares_gradient` is its gradient, vectorised and general (one feature
or many); :func:`fit_line`, :func:`fit_slope` and :func:`fit_line_sgd` run the
descents of the sources with it and return a :class:`LineFit` with the whole
history; :func:`line_cost_grid` evaluates the cost on a grid of lines (the surface
of source 004).
"""

from __future__ import annotations

import numpy as np

from gdbook import _fast
from gdbook._validation import (
    as_float_array,
    as_line_data,
    as_read_only_float,
    as_scalar,
    check_array_fits,
    check_bool,
    check_finite_result,
    check_history_fits,
    check_non_negative_int,
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


# --- Least squares ----------------------------------------------------------------


def _checked_problem(X, y, w, b):
    """Validate shapes and types; return float64 ``X, y, w, b`` (X, y not copied)."""
    X = as_read_only_float(X, "X")
    y = as_read_only_float(y, "y")
    if X.ndim not in (1, 2) or X.shape[0] == 0:
        raise ValueError(
            f"X must have shape (n,) or (n, d) with n >= 1, got shape {X.shape}"
        )
    if y.shape != (X.shape[0],):
        raise ValueError(f"y must have shape ({X.shape[0]},), got {y.shape}")
    w = as_float_array(w, "w")
    expected = () if X.ndim == 1 else (X.shape[1],)
    if w.shape != expected:
        raise ValueError(
            f"w must have shape {expected} for X of shape {X.shape}, got {w.shape}"
        )
    b = as_float_array(b, "b")
    if b.shape != ():
        raise ValueError(f"b must be a scalar, got shape {b.shape}")
    return X, y, w, float(b)


def _residual(X: np.ndarray, y: np.ndarray, w, b: float) -> np.ndarray:
    """The residual :math:`r = X w + b - y` of every sample."""
    prediction = X * w if X.ndim == 1 else X @ w
    return prediction + b - y


def _gradient(X, y, w, b):
    r"""The gradient :math:`\frac2n X^\top r,\ \frac2n \sum_i r_i`, without checks.

    The plain formula; large data (more than one cache-sized block) goes to the
    blocked kernel of :mod:`gdbook._fast`, which reads ``X`` once instead of twice
    (the same sums, added in another order).
    """
    n = X.shape[0]
    if X.nbytes > _fast.BLOCK_BYTES or (X.ndim == 2 and X.shape[1] == 1):
        sum_xr, sum_r = _fast.least_squares_sums(X, y, w, b)
    else:
        r = _residual(X, y, w, b)
        sum_r = r.sum()
        sum_xr = (r * X).sum() if X.ndim == 1 else r @ X
    return 2.0 / n * sum_xr, float(2.0 / n * sum_r)


def _refuse_non_finite(X, y) -> None:
    """Name the argument that holds a non-finite value, if any (the slow path)."""
    refuse_non_finite(X, "X")
    refuse_non_finite(y, "y")


def least_squares_gradient(X, y, w, b=0.0):
    r"""Gradient of the mean squared error of a linear model, vectorised.

    Parameters
    ----------
    X : array_like, shape (n,) or (n, d)
        Inputs: one feature per sample (shape ``(n,)``, the line of the
        sources) or ``d`` features (shape ``(n, d)``). Read, never modified,
        and not copied when it is already a float64 array.
    y : array_like, shape (n,)
        Targets.
    w : float or array_like
        Weights: a scalar for ``X`` of shape ``(n,)``, shape ``(d,)`` otherwise.
    b : float, default 0.0
        Bias (intercept).

    Returns
    -------
    grad_w : float or numpy.ndarray
        :math:`\partial L / \partial w`: a float for ``X`` of shape ``(n,)``, a
        float64 array of shape ``(d,)`` otherwise.
    grad_b : float
        :math:`\partial L / \partial b`.

    Raises
    ------
    TypeError
        If an argument is not real.
    ValueError
        If the shapes do not match, ``X`` is empty, a value is not finite, or
        the gradient overflows float64 (see Notes).

    See Also
    --------
    least_squares_loss : The loss itself.
    fit_line : Batch gradient descent with this gradient.
    gdbook.numerical_gradient : The check it is tested against.

    Notes
    -----
    With the residual :math:`r = X w + b\mathbf 1 - y`, the loss is
    :math:`L = \frac1n \lVert r \rVert^2` and

    .. math:: \nabla_w L = \frac2n X^\top r, \qquad
       \frac{\partial L}{\partial b} = \frac2n \sum_i r_i .

    For one feature this is source 001's gradient,
    :math:`\partial L/\partial m = -\frac2n \sum_i x_i (y_i - m x_i - b)`.

    Cost: :math:`O(nd)` operations and no Python loop over samples. For ``X``
    of shape ``(n,)`` the products are element-wise and the sums numpy's
    pairwise ones, the very operations of source 001, so its iterates are
    reproduced bit for bit. Data larger than 256 KiB is handed to a blocked
    kernel that reads ``X`` from memory once per call instead of twice (the
    site's performance page explains it); its sums are the same up to rounding.
    Non-finite values in ``X`` or ``y`` always make
    :math:`\partial L / \partial b` non-finite, so they are detected from the result
    rather than by a separate pass over the data; the slow check that names the
    culprit runs only then. A gradient that overflows float64 although its
    input is finite (residuals near :math:`10^{154}` and beyond) is refused with a
    ``ValueError`` rather than returned: its sums may meet infinities of both
    signs, whose difference is NaN. (:func:`fit_line` and the other fits use the
    same sums without this check: there an overflow ends the run with
    ``diverged=True``.)

    Examples
    --------
    On the points of :math:`y = 2x`, the gradient vanishes at :math:`w = 2, b = 0`
    and points uphill elsewhere:

    >>> from gdbook import least_squares_gradient
    >>> least_squares_gradient([1.0, 2.0, 3.0], [2.0, 4.0, 6.0], 2.0, 0.0)
    (0.0, 0.0)
    >>> least_squares_gradient([1.0, 2.0, 3.0], [2.0, 4.0, 6.0], 1.0, 0.0)
    (-9.333333333333332, -4.0)

    Several features, shape ``(n, d)``:

    >>> import numpy as np
    >>> X = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]])
    >>> grad_w, grad_b = least_squares_gradient(X, [1.0, 2.0, 3.0], [1.0, 2.0], 0.0)
    >>> grad_w, grad_b
    (array([0., 0.]), 0.0)
    """
    X, y, w, b = _checked_problem(X, y, w, b)
    with np.errstate(over="ignore", invalid="ignore"):
        grad_w, grad_b = _gradient(X, y, w, b)
    if not np.isfinite(grad_b):
        _refuse_non_finite(X, y)
    for part in (grad_w, grad_b):
        check_finite_result(part, "the gradient", "X, y, w or b is too large")
    if X.ndim == 1:
        grad_w = float(grad_w)
    return grad_w, grad_b


def least_squares_loss(X, y, w, b=0.0) -> float:
    r"""Mean squared error of the linear model :math:`\hat y = X w + b`.

    Parameters
    ----------
    X, y, w, b
        As for :func:`least_squares_gradient`.

    Returns
    -------
    float
        :math:`\frac1n \sum_i (x_i \cdot w + b - y_i)^2`; ``inf`` (without a
        warning) when it exceeds float64's range, like every loss of gdbook, so
        that a descent can report the overflow as divergence.

    Raises
    ------
    TypeError, ValueError
        As for :func:`least_squares_gradient` (but an overflow gives ``inf``).

    See Also
    --------
    least_squares_gradient : Its gradient.
    gdbook.mean_squared_error : The same loss from predictions.

    Notes
    -----
    Source 001's ``mse_loss(Y, m*X + b)``, ``np.mean((Y - (m*X + b))**2)``,
    computed in the same order (the sign of the residual does not change its
    square), so it gives the same bits.

    Examples
    --------
    >>> from gdbook import least_squares_loss
    >>> least_squares_loss([1.0, 2.0, 3.0], [2.0, 4.0, 6.0], 1.0)
    4.666666666666667
    """
    X, y, w, b = _checked_problem(X, y, w, b)
    with np.errstate(over="ignore", invalid="ignore"):
        value = _loss(X, y, w, b)
    if not np.isfinite(value):
        _refuse_non_finite(X, y)
    return value


def _loss(X, y, w, b) -> float:
    """The mean squared error, without checks."""
    residual = _residual(X, y, w, b)
    return float(np.mean(residual * residual))


def line_cost_grid(x, y, ws, bs) -> np.ndarray:
    r"""The cost :math:`e(w, b)` of every line of a grid, vectorised.

    Parameters
    ----------
    x, y : array_like, shape (n,)
        The data.
    ws, bs : array_like, 1-D
        Slopes and intercepts of the grid.

    Returns
    -------
    numpy.ndarray, shape (len(bs), len(ws))
        ``costs[i, j]`` is the mean squared error of the line
        :math:`y = ws_j\, x + bs_i`: rows follow ``bs`` and columns ``ws``, the
        layout of ``numpy.meshgrid(ws, bs)``, ready for ``contour``. A cost
        beyond float64's range is ``inf`` (without a warning). Empty ``ws`` or
        ``bs`` give an empty grid.

    Raises
    ------
    TypeError, ValueError
        If an argument is not a finite real array of the right dimension,
        ``x`` and ``y`` differ in shape, or the grid times the data would need
        more than 2 GiB of memory (``len(bs) * len(ws) * len(x)`` values).

    See Also
    --------
    least_squares_loss : The cost of one line.

    Notes
    -----
    The cost is a quadratic in :math:`(w, b)`:

    .. math:: e(w, b) = \frac1n \sum_i (w x_i + b - y_i)^2
       = \overline{x^2}\, w^2 + 2\bar x\, w b + b^2
         - 2\overline{xy}\, w - 2 \bar y\, b + \overline{y^2},

    a bowl (an elliptic paraboloid) whose minimum is the least-squares line.
    It is evaluated here directly from its definition, by broadcasting over a
    ``(len(bs), len(ws), n)`` array: exact like the source's double loop, without
    the cancellation of the expanded form, and fine for grids of a few thousand
    points and data of a few hundred.

    Examples
    --------
    >>> from gdbook import line_cost_grid
    >>> line_cost_grid([1.0, 2.0], [2.0, 4.0], ws=[0.0, 2.0], bs=[0.0, 1.0])
    array([[10.,  0.],
           [ 5.,  1.]])
    """
    x = as_float_array(x, "x")
    y = as_float_array(y, "y")
    if x.ndim != 1 or x.size == 0 or y.shape != x.shape:
        raise ValueError(
            f"x and y must be non-empty 1-D arrays of one shape, got {x.shape} "
            f"and {y.shape}"
        )
    ws = as_float_array(ws, "ws")
    bs = as_float_array(bs, "bs")
    for grid, name in ((ws, "ws"), (bs, "bs")):
        if grid.ndim != 1:
            raise ValueError(f"{name} must be one-dimensional, got shape {grid.shape}")
    size = bs.size * ws.size * x.size
    check_array_fits(size, "ws, bs", f"{ws.size} x {bs.size} lines on {x.size} points")
    with np.errstate(over="ignore", invalid="ignore"):
        residual = ws[None, :, None] * x + bs[:, None, None] - y
        return np.mean(residual * residual, axis=-1)


# --- The line fit -------------------------------------------------------------------


class LineFit(Trace):
    """A line fitted by descent: a :class:`~gdbook.Trace` of ``(slope, intercept)``.

    Every point of ``xs`` is a line, ``xs[k] = (w_k, b_k)``; the properties below
    read them. When the intercept is not fitted it stays at its start (its
    gradient is recorded as 0).

    Examples
    --------
    >>> from gdbook import fit_slope, proportional_data
    >>> fit = fit_slope(*proportional_data(4), slope0=1.0, lr=0.01, epochs=1)
    >>> fit
    LineFit(slope=1.15, intercept=0.0, steps=1, lr=0.01, loss=5.41875)
    >>> fit.slopes, fit.losses
    (array([1.  , 1.15]), array([7.5    , 5.41875]))
    >>> fit.predict(4.0)
    4.6
    """

    def _check_points(self) -> None:
        if self.xs.shape[1:] != (2,):
            raise ValueError(
                "xs must hold lines (slope, intercept), shape (k, 2), got "
                f"{self.xs.shape}"
            )

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

    def predict(self, x):
        """The final line at ``x``: ``slope * x + intercept`` (float for a scalar).

        Raises ``ValueError`` if ``x`` is not finite or the line overflows float64
        there.
        """
        with np.errstate(over="ignore", invalid="ignore"):
            value = self.slope * as_float_array(x, "x") + self.intercept
        check_finite_result(value, "the prediction", "x is too large for this line")
        return float(value) if value.ndim == 0 else value

    def _repr_parts(self) -> list[str]:
        line = [f"slope={self.slope!r}", f"intercept={self.intercept!r}"]
        return line + super()._repr_parts()

    def __repr__(self) -> str:
        parts = self._repr_parts()
        if self.losses is not None:
            parts.append(f"loss={self.loss:.6g}")
        if self.diverged:
            parts.append("diverged=True")
        return f"LineFit({', '.join(parts)})"


def _line_problem(x, y, slope0, intercept0, fit_intercept):
    """Checked data, start ``(w, b)``, and the gradient and loss of the line fit.

    The gradient of a fixed intercept is 0, so it stays where it started.
    """
    x, y = as_line_data(x, y)
    fit_intercept = check_bool(fit_intercept, "fit_intercept")
    start = np.array([as_scalar(slope0, "slope0"), as_scalar(intercept0, "intercept0")])

    def grad(params, batch=slice(None)):
        grad_w, grad_b = _gradient(x[batch], y[batch], params[0], params[1])
        return [grad_w, grad_b if fit_intercept else 0.0]

    def loss(params):
        return _loss(x, y, params[0], params[1])

    return x, y, start, grad, loss


def fit_line(
    x,
    y,
    *,
    lr: float,
    epochs: int,
    slope0: float = 0.0,
    intercept0: float = 0.0,
    fit_intercept: bool = True,
) -> LineFit:
    r"""Fit :math:`y = w x + b` by batch gradient descent on the mean squared error.

    Parameters
    ----------
    x, y : array_like, shape (n,)
        The data; copied to float64, never modified.
    lr : float
        Learning rate, positive and finite.
    epochs : int
        Number of updates; each uses the whole data set (one epoch).
    slope0, intercept0 : float, default 0.0
        The starting line (source 001 starts from :math:`m = b = 0`).
    fit_intercept : bool, default True
        When False, the intercept stays at ``intercept0`` and only the slope
        moves (see :func:`fit_slope`).

    Returns
    -------
    LineFit
        ``epochs + 1`` lines from the start to the end, with their losses.

    Raises
    ------
    TypeError, ValueError
        If the data are not finite 1-D arrays of one shape, the start is not
        finite, ``lr`` is not positive or ``epochs`` is negative.

    See Also
    --------
    fit_line_sgd : The same fit, one sample (or batch) per update.
    least_squares_gradient : The gradient used at each update.
    gdbook.gradient_descent : The descent loop it runs.

    Notes
    -----
    Each epoch makes one update with the full gradient,

    .. math:: w \leftarrow w - \eta\, \frac2n \sum_i x_i r_i, \qquad
       b \leftarrow b - \eta\, \frac2n \sum_i r_i, \qquad r_i = w x_i + b - y_i,

    computed with :func:`least_squares_gradient` (vectorised: no loop over the
    samples). ``losses[k]`` is the loss of the line after ``k`` updates, so
    ``losses[0]`` is that of the start; source 001's ``history`` records the
    loss after each update only, which is ``losses[1:]``.

    Examples
    --------
    Source 001's fit (E05):

    >>> from gdbook import fit_line, noisy_line
    >>> fit = fit_line(*noisy_line(), lr=0.01, epochs=100)
    >>> print(fit.slope, fit.intercept, fit.loss)
    2.948979388333912 0.35005098565134224 1.0133984237469946
    """
    x, y, start, grad, loss = _line_problem(x, y, slope0, intercept0, fit_intercept)
    # Checked here too, so that an error names this function's argument.
    epochs = check_non_negative_int(epochs, "epochs")
    check_history_fits(epochs, start.size, "epochs")
    trace = gradient_descent(grad, start, lr=lr, steps=epochs, loss=loss)
    return trace.view_as(LineFit)


def fit_slope(x, y, *, lr: float, epochs: int, slope0: float = 0.0) -> LineFit:
    r"""Fit :math:`y = w x` (no intercept) by batch gradient descent.

    Source 002's first example (E06). Same as ``fit_line(...,
    fit_intercept=False)`` with the intercept fixed at 0.

    Parameters
    ----------
    x, y : array_like, shape (n,)
        The data; copied to float64, never modified.
    lr : float
        Learning rate, positive and finite.
    epochs : int
        Number of updates, each with the whole data set.
    slope0 : float, default 0.0
        The starting slope (the source starts from 1.0).

    Returns
    -------
    LineFit
        With ``intercepts`` all 0.

    Raises
    ------
    TypeError, ValueError
        As for :func:`fit_line`.

    See Also
    --------
    fit_line : With an intercept.

    Notes
    -----
    .. math:: w \leftarrow w - \eta\, \frac1n \sum_i 2 x_i (w x_i - y_i).

    Source 002 prints, at epoch ``k``, the *updated* slope next to the cost
    computed *before* the update: ``slopes[k + 1]`` with ``losses[k]``.

    Examples
    --------
    >>> from gdbook import fit_slope, proportional_data
    >>> fit = fit_slope(*proportional_data(4), slope0=1.0, lr=0.01, epochs=100)
    >>> print(fit.slopes[1], fit.losses[0])
    1.15 7.5
    >>> print(fit.predict(4))
    7.999999650093055
    """
    return fit_line(
        x, y, lr=lr, epochs=epochs, slope0=slope0, intercept0=0.0, fit_intercept=False
    )


def fit_line_sgd(
    x,
    y,
    *,
    lr: float,
    epochs: int,
    batch_size: int = 1,
    slope0: float = 0.0,
    intercept0: float = 0.0,
    fit_intercept: bool = True,
    shuffle: bool = True,
    rng=None,
) -> LineFit:
    r"""Fit :math:`y = w x + b` by stochastic or mini-batch gradient descent.

    Parameters
    ----------
    x, y : array_like, shape (n,)
        The data; copied to float64, never modified.
    lr : float
        Learning rate, positive and finite.
    epochs : int
        Passes over the data; each makes ``ceil(n / batch_size)`` updates.
    batch_size : int, default 1
        Samples per update: 1 for SGD, ``B`` for mini-batches of ``B``.
    slope0, intercept0 : float, default 0.0
        The starting line.
    fit_intercept : bool, default True
        When False, only the slope moves.
    shuffle : bool, default True
        A fresh random visiting order at each epoch; False visits the samples
        in their stored order (source 004's loop ``for i in range(100)``).
    rng : numpy.random.Generator, int or None
        Generator or seed of the visiting orders (unused without ``shuffle``).

    Returns
    -------
    LineFit
        One entry per update (plus the start); ``losses`` are those of the whole
        data set, for plotting (they cost a pass over the data per update).

    Raises
    ------
    TypeError, ValueError
        As for :func:`fit_line`, and if ``batch_size`` is not in ``[1, n]``.

    See Also
    --------
    fit_line : Batch descent, one update per epoch.
    gdbook.stochastic_gradient_descent : The algorithm, for any loss.

    Notes
    -----
    An update on the batch :math:`S` uses the gradient of the loss on it alone,

    .. math:: w \leftarrow w - \eta\, \frac{2}{|S|} \sum_{i\in S} x_i r_i, \qquad
       b \leftarrow b - \eta\, \frac{2}{|S|} \sum_{i\in S} r_i .

    With one sample these are source 004's
    :math:`dw = 2x^2w + 2xb - 2xy` and :math:`db = 2b + 2xw - 2y`.

    Examples
    --------
    >>> import numpy as np
    >>> from gdbook import beans, fit_line_sgd
    >>> fit = fit_line_sgd(*beans(100), lr=0.01, epochs=50, shuffle=False,
    ...                    slope0=0.1, intercept0=0.1)
    >>> fit.steps_taken, fit.updates_per_epoch
    (5000, 100)
    >>> bool(fit.loss < 0.01)
    True
    """
    x, y, start, grad, loss = _line_problem(x, y, slope0, intercept0, fit_intercept)
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
