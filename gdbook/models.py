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

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np

from gdbook._validation import (
    as_float_array,
    check_non_negative_int,
    check_positive_finite,
)
from gdbook.descent import gradient_descent, stochastic_gradient_descent

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


def _read_only_float(value, name: str) -> np.ndarray:
    """``value`` as float64 without copying when it already is (it is never written).

    The gradient reads large arrays (a benchmark uses 10 million rows): copying
    them on every call would double the memory traffic. Nothing here writes to
    the result, so the caller's array stays untouched either way.
    """
    if isinstance(value, np.ndarray) and value.dtype.kind not in "fiub":
        raise TypeError(f"{name} must be an array of real numbers, got {value.dtype}")
    try:
        return np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError) as error:
        raise TypeError(
            f"{name} must be an array of real numbers, got {type(value).__name__}"
        ) from error


def _checked_problem(X, y, w, b):
    """Validate shapes and types; return float64 ``X, y, w, b`` (X, y not copied)."""
    X = _read_only_float(X, "X")
    y = _read_only_float(y, "y")
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
    """``X w + b - y`` in one new array, updated in place (no other temporary)."""
    residual = X * w if X.ndim == 1 else X @ w
    if b != 0.0:
        residual += b
    residual -= y
    return residual


#: Rows of ``X`` handled at once by :func:`least_squares_gradient`, in bytes: a
#: block of ``X`` with its slice of ``y`` and of the residual stays in the CPU's
#: cache between the two products that read it, so ``X`` crosses the memory bus
#: once per step instead of twice, and no residual of ``n`` floats is allocated.
BLOCK_BYTES = 256 * 2**10


#: One-feature data at least this large (in bytes) is summed by two threads, each
#: over one half: numpy's element-wise operations use one core, and one core cannot
#: draw all the memory bandwidth (measured: 1.8x faster at 10 million samples).
#: Always two halves, whatever the machine, so the result does not depend on it.
PARALLEL_BYTES = 8 * 2**20


def _gradient(X, y, w, b):
    """The gradient without checks, for the descent loops (inputs already valid)."""
    n = X.shape[0]
    if X.ndim == 2 and X.shape[1] == 1:
        # One feature stored as a column: the 1-D kernel on the column view is
        # several times faster than a matrix-vector product of width 1.
        grad_w, grad_b = _gradient(X[:, 0], y, w[0], b)
        return np.array([grad_w]), grad_b
    if X.ndim == 1 and X.nbytes >= PARALLEL_BYTES:
        half = n // 2
        with ThreadPoolExecutor(max_workers=2) as pool:
            first = pool.submit(_block_sums, X[:half], y[:half], w, b)
            second = _block_sums(X[half:], y[half:], w, b)
            first = first.result()
        sum_xr, sum_r = first[0] + second[0], first[1] + second[1]
    else:
        # Matrix-vector products are left to BLAS, which has threads of its own.
        sum_xr, sum_r = _block_sums(X, y, w, b)
    scale = 2.0 / n
    return scale * sum_xr, float(scale * sum_r)


def _block_sums(X, y, w, b):
    """``X^T r`` and ``sum(r)``, with ``r = X w + b - y``, block by block."""
    n = X.shape[0]
    row_bytes = X.itemsize * (1 if X.ndim == 1 else X.shape[1])
    rows = max(1, min(n, BLOCK_BYTES // row_bytes))
    buffer = np.empty(rows)
    sum_r = 0.0
    sum_xr = 0.0 if X.ndim == 1 else np.zeros(X.shape[1])
    for start in range(0, n, rows):
        X_block, y_block = X[start : start + rows], y[start : start + rows]
        r = buffer[: len(y_block)]
        if X.ndim == 1:
            np.multiply(X_block, w, out=r)
        else:
            np.matmul(X_block, w, out=r)
        if b != 0.0:
            r += b
        r -= y_block
        sum_r += r.sum()
        if X.ndim == 1:
            # sum(x * r) with numpy's own pairwise summation, in the residual's
            # buffer: source 001's operations exactly, so its iterates are
            # reproduced to the last bit (its n fits in one block).
            r *= X_block
            sum_xr += r.sum()
        else:
            # ``r @ X_block`` is X^T r for the block (BLAS gemv).
            sum_xr += r @ X_block
    return sum_xr, sum_r


def _refuse_non_finite(X, y) -> None:
    """Name the argument that holds a non-finite value, if any (the slow path)."""
    for value, name in ((X, "X"), (y, "y")):
        if not np.all(np.isfinite(value)):
            raise ValueError(f"{name} must be finite, got a non-finite value")


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
        If the shapes do not match, ``X`` is empty, or a value is not finite.

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

    Cost: :math:`O(nd)` operations and no Python loop over samples. ``X`` is
    processed in blocks of rows of about 256 KiB
    (``gdbook.models.BLOCK_BYTES``): for each block the residual (:math:`X w`, a
    BLAS matrix-vector product) and its product with the block
    (:math:`X^\top r`) are computed while the block is in the CPU's cache, so
    ``X`` is read from memory once per call and the only temporary is one
    block's residual. For ``X`` of shape ``(n,)`` (or one column) the products
    are element-wise and the sums numpy's pairwise ones, the very operations of
    source 001, so a descent on up to 32768 samples (one block) reproduces its
    iterates bit for bit on any machine (a BLAS dot product sums in another
    order, which changes the last bits from one CPU to another); from 8 MiB on
    (``gdbook.models.PARALLEL_BYTES``) two threads sum one half each.
    Non-finite values in ``X`` or ``y`` always make
    :math:`\partial L / \partial b` non-finite, so they are detected from the result
    rather than by a separate pass over the data; the slow check that names the
    culprit runs only then. A non-finite result from finite input (overflow) is
    returned as is.

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
        :math:`\frac1n \sum_i (x_i \cdot w + b - y_i)^2`.

    Raises
    ------
    TypeError, ValueError
        As for :func:`least_squares_gradient`.

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
        layout of ``numpy.meshgrid(ws, bs)``, ready for ``contour``.

    Raises
    ------
    TypeError, ValueError
        If an argument is not a finite real array of the right dimension, or
        ``x`` and ``y`` differ in shape.

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
    residual = ws[None, :, None] * x + bs[:, None, None] - y
    return np.mean(residual * residual, axis=-1)


# --- The line fit -------------------------------------------------------------------


@dataclass(frozen=True, repr=False)
class LineFit:
    """A line fitted by descent, with its whole history.

    Attributes
    ----------
    slopes, intercepts : numpy.ndarray
        The slope and the intercept at the start and after every update
        (``steps_taken + 1`` entries). The intercepts stay at their start when
        the intercept is not fitted.
    losses : numpy.ndarray
        The mean squared error at each of those points.
    lr : float
        The learning rate.
    batch_size : int
        Samples per update; the number of samples for batch descent.
    updates_per_epoch : int
        Updates per pass over the data (1 for batch descent).
    diverged : bool
        True when the run stopped early because a value was not finite.

    Examples
    --------
    >>> from gdbook import fit_slope, proportional_data
    >>> fit = fit_slope(*proportional_data(4), slope0=1.0, lr=0.01, epochs=1)
    >>> fit
    LineFit(slope=1.15, intercept=0.0, loss=5.41875, steps=1, lr=0.01)
    >>> fit.slopes, fit.losses
    (array([1.  , 1.15]), array([7.5    , 5.41875]))
    >>> fit.predict(4.0)
    4.6
    """

    slopes: np.ndarray
    intercepts: np.ndarray
    losses: np.ndarray
    lr: float
    batch_size: int
    updates_per_epoch: int = 1
    diverged: bool = False

    @property
    def slope(self) -> float:
        """The final slope."""
        return float(self.slopes[-1])

    @property
    def intercept(self) -> float:
        """The final intercept."""
        return float(self.intercepts[-1])

    @property
    def loss(self) -> float:
        """The mean squared error of the final line."""
        return float(self.losses[-1])

    @property
    def steps_taken(self) -> int:
        """Number of updates made."""
        return len(self.slopes) - 1

    @property
    def epochs_taken(self) -> float:
        """Passes over the data made."""
        return self.steps_taken / self.updates_per_epoch

    def at_epochs(self) -> slice:
        """The slice of the histories at the start and at the end of each epoch.

        Examples
        --------
        >>> from gdbook import fit_line_sgd, proportional_data
        >>> fit = fit_line_sgd(*proportional_data(3), lr=0.01, epochs=2, rng=0)
        >>> fit.slopes[fit.at_epochs()].shape
        (3,)
        """
        return slice(None, None, self.updates_per_epoch)

    def predict(self, x):
        """The final line at ``x``: ``slope * x + intercept`` (float for a scalar)."""
        value = self.slope * as_float_array(x, "x") + self.intercept
        return float(value) if value.ndim == 0 else value

    def __repr__(self) -> str:
        parts = [
            f"slope={self.slope!r}",
            f"intercept={self.intercept!r}",
            f"loss={self.loss:.6g}",
            f"steps={self.steps_taken}",
            f"lr={self.lr:g}",
        ]
        if self.updates_per_epoch > 1:
            parts.append(f"batch_size={self.batch_size}")
        if self.diverged:
            parts.append("diverged=True")
        return f"LineFit({', '.join(parts)})"


def _line_data(x, y) -> tuple[np.ndarray, np.ndarray]:
    x = as_float_array(x, "x")
    y = as_float_array(y, "y")
    if x.ndim != 1 or x.size == 0:
        raise ValueError(f"x must be a non-empty 1-D array, got shape {x.shape}")
    if y.shape != x.shape:
        raise ValueError(f"y must have x's shape {x.shape}, got {y.shape}")
    return x, y


def _scalar(value, name: str) -> float:
    array = as_float_array(value, name)
    if array.shape != ():
        raise ValueError(f"{name} must be a scalar, got shape {array.shape}")
    return float(array)


def _parameters(x, y, slope0, intercept0, fit_intercept):
    """Checked data and start; the parameter vector is (w, b) or (w,)."""
    x, y = _line_data(x, y)
    if not isinstance(fit_intercept, bool | np.bool_):
        raise TypeError(
            f"fit_intercept must be a bool, got {type(fit_intercept).__name__}"
        )
    slope0 = _scalar(slope0, "slope0")
    intercept0 = _scalar(intercept0, "intercept0")
    start = np.array([slope0, intercept0] if fit_intercept else [slope0])
    return x, y, start, intercept0


def _line_fit(trace, intercept0: float, batch_size: int) -> LineFit:
    params = trace.xs
    if params.shape[1] == 2:
        intercepts = params[:, 1].copy()
    else:
        intercepts = np.full(len(params), intercept0)
    return LineFit(
        slopes=params[:, 0].copy(),
        intercepts=intercepts,
        losses=trace.losses,
        lr=trace.lr,
        batch_size=batch_size,
        updates_per_epoch=getattr(trace, "updates_per_epoch", 1),
        diverged=trace.diverged,
    )


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
    x, y, start, intercept0 = _parameters(x, y, slope0, intercept0, fit_intercept)
    lr = check_positive_finite(lr, "lr")
    epochs = check_non_negative_int(epochs, "epochs")

    def split(params):
        return params[0], params[1] if fit_intercept else intercept0

    def grad(params):
        grad_w, grad_b = _gradient(x, y, *split(params))
        return [grad_w, grad_b] if fit_intercept else [grad_w]

    def loss(params):
        return _loss(x, y, *split(params))

    trace = gradient_descent(grad, start, lr=lr, steps=epochs, loss=loss)
    return _line_fit(trace, intercept0, batch_size=x.size)


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
    x, y, start, intercept0 = _parameters(x, y, slope0, intercept0, fit_intercept)

    def split(params):
        return params[0], params[1] if fit_intercept else intercept0

    def grad(params, batch):
        grad_w, grad_b = _gradient(x[batch], y[batch], *split(params))
        return [grad_w, grad_b] if fit_intercept else [grad_w]

    def loss(params):
        return _loss(x, y, *split(params))

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
    return _line_fit(trace, intercept0, batch_size=trace.batch_size)
