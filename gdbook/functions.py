"""Softmax, cross-entropy and mean squared error, with their gradients.

``softmax`` and ``cross_entropy_error`` follow the book's ``common/functions.py``
(the max is subtracted before ``exp``; ``1e-7`` is added inside the log), so the
simpleNet example reproduces the source's numbers.
"""

from __future__ import annotations

import numpy as np

from gdbook._validation import as_float_array

__all__ = [
    "CROSS_ENTROPY_DELTA",
    "cross_entropy_error",
    "mean_squared_error",
    "mean_squared_error_gradient",
    "softmax",
    "softmax_cross_entropy_gradient",
]

#: Added inside the logarithm of the cross-entropy so that ``log(0)`` never occurs.
CROSS_ENTROPY_DELTA = 1e-7


def softmax(z) -> np.ndarray:
    r"""Softmax along the last axis.

    Parameters
    ----------
    z : array_like
        Scores, shape ``(k,)`` or ``(batch, k)``. Must be finite.

    Returns
    -------
    numpy.ndarray
        Probabilities of ``z``'s shape; each row is positive and sums to 1.

    Notes
    -----
    .. math:: \operatorname{softmax}(z)_i = \frac{e^{z_i - m}}{\sum_j e^{z_j - m}},
       \qquad m = \max_j z_j.

    Subtracting the maximum changes nothing mathematically and keeps ``exp`` from
    overflowing.

    Examples
    --------
    >>> from gdbook import softmax
    >>> softmax([1000.0, 1000.0])
    array([0.5, 0.5])
    >>> softmax([[0.0, 0.0, 0.0], [0.0, 1.0, 2.0]]).round(4)
    array([[0.3333, 0.3333, 0.3333],
           [0.09  , 0.2447, 0.6652]])
    """
    scores = as_float_array(z, "z")
    if scores.ndim == 0:
        raise ValueError("z must have at least one axis, got a scalar")
    shifted = scores - scores.max(axis=-1, keepdims=True)
    exp = np.exp(shifted)
    return exp / exp.sum(axis=-1, keepdims=True)


def _as_labels(rows: np.ndarray, t) -> np.ndarray:
    """Return the class index of each row of ``rows`` from one-hot ``t`` or labels."""
    target = np.asarray(t)
    if target.size == rows.size:  # one-hot, as in the book's test ``t.size == y.size``
        return target.reshape(rows.shape).argmax(axis=1)
    labels = target.reshape(-1)
    if labels.dtype.kind not in "iu" or labels.size != rows.shape[0]:
        raise ValueError(
            f"t must be one-hot of y's shape or {rows.shape[0]} integer label(s), "
            f"got shape {target.shape} and dtype {target.dtype}"
        )
    if labels.min() < 0 or labels.max() >= rows.shape[1]:
        raise ValueError(f"t's labels must lie in [0, {rows.shape[1]}), got {target}")
    return labels


def cross_entropy_error(y, t) -> float:
    r"""Mean cross-entropy of predicted probabilities against the true classes.

    Parameters
    ----------
    y : array_like
        Probabilities, shape ``(k,)`` or ``(batch, k)`` (the output of
        :func:`softmax`).
    t : array_like
        True classes: one-hot of ``y``'s shape, or integer labels.

    Returns
    -------
    float
        :math:`-\frac{1}{B}\sum_b \log(y_{b, t_b} + \delta)` with
        :math:`\delta = 10^{-7}` (:data:`CROSS_ENTROPY_DELTA`), the book's guard
        against ``log(0)``.

    Raises
    ------
    ValueError
        If ``t`` matches neither form.

    Examples
    --------
    >>> from gdbook import cross_entropy_error
    >>> round(cross_entropy_error([0.1, 0.05, 0.6, 0.0], [0, 0, 1, 0]), 6)
    0.510825
    >>> round(cross_entropy_error([[0.1, 0.9], [0.8, 0.2]], [1, 0]), 6)
    0.164252
    """
    probabilities = as_float_array(y, "y")
    if probabilities.ndim == 0:
        raise ValueError("y must have at least one axis, got a scalar")
    rows = probabilities.reshape(-1, probabilities.shape[-1])
    labels = _as_labels(rows, t)
    batch = rows.shape[0]
    picked = rows[np.arange(batch), labels]
    return float(-np.sum(np.log(picked + CROSS_ENTROPY_DELTA)) / batch)


def softmax_cross_entropy_gradient(z, t) -> np.ndarray:
    r"""Gradient of ``cross_entropy_error(softmax(z), t)`` with respect to ``z``.

    Parameters
    ----------
    z : array_like
        Scores, shape ``(k,)`` or ``(batch, k)``.
    t : array_like
        One-hot targets of ``z``'s shape.

    Returns
    -------
    numpy.ndarray
        :math:`(\operatorname{softmax}(z) - t) / B`, of ``z``'s shape.

    Notes
    -----
    The :math:`\delta` inside the logarithm is ignored: it changes the gradient
    by a relative amount of order :math:`\delta / y_t`.

    Examples
    --------
    >>> from gdbook import softmax_cross_entropy_gradient
    >>> softmax_cross_entropy_gradient([0.0, 0.0], [0, 1])
    array([ 0.5, -0.5])
    """
    scores = as_float_array(z, "z")
    target = as_float_array(t, "t")
    if target.shape != scores.shape:
        raise ValueError(
            f"t must be one-hot of z's shape {scores.shape}, got {target.shape}"
        )
    batch = 1 if scores.ndim == 1 else scores.shape[0]
    return (softmax(scores) - target) / batch


def mean_squared_error(y_pred, y_true) -> float:
    r"""Mean of the squared differences.

    Parameters
    ----------
    y_pred, y_true : array_like
        Predictions and targets of the same shape.

    Returns
    -------
    float
        :math:`\frac{1}{n}\sum_i (\hat y_i - y_i)^2`.

    Raises
    ------
    ValueError
        If the shapes differ.

    Examples
    --------
    >>> from gdbook import mean_squared_error
    >>> mean_squared_error([1.0, 2.0, 3.0], [2.0, 4.0, 6.0])
    4.666666666666667
    """
    prediction, target = _same_shape(y_pred, y_true)
    return float(np.mean((prediction - target) ** 2))


def mean_squared_error_gradient(y_pred, y_true) -> np.ndarray:
    r"""Gradient of :func:`mean_squared_error` with respect to the predictions.

    Parameters
    ----------
    y_pred, y_true : array_like
        Predictions and targets of the same shape.

    Returns
    -------
    numpy.ndarray
        :math:`\frac{2}{n}(\hat y - y)`.

    Examples
    --------
    >>> from gdbook import mean_squared_error_gradient
    >>> mean_squared_error_gradient([1.0, 2.0], [2.0, 4.0])
    array([-1., -2.])
    """
    prediction, target = _same_shape(y_pred, y_true)
    return 2.0 * (prediction - target) / prediction.size


def _same_shape(y_pred, y_true) -> tuple[np.ndarray, np.ndarray]:
    prediction = as_float_array(y_pred, "y_pred")
    target = as_float_array(y_true, "y_true")
    if prediction.shape != target.shape:
        raise ValueError(
            f"y_pred and y_true must have the same shape, got {prediction.shape} "
            f"and {target.shape}"
        )
    if prediction.size == 0:
        raise ValueError("y_pred and y_true must not be empty")
    return prediction, target
