"""Losses: softmax with cross-entropy (and its gradient), mean squared error.

``softmax`` and ``cross_entropy_error`` follow the book's ``common/functions.py``
(the max is subtracted before ``exp``; ``1e-7`` is added inside the log), so the
simpleNet example reproduces the source's numbers.
"""

from __future__ import annotations

import numpy as np

from gdbook._validation import as_float_array, as_same_shape

__all__ = [
    "CROSS_ENTROPY_DELTA",
    "cross_entropy_error",
    "mean_squared_error",
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
        Probabilities of ``z``'s shape; each row is non-negative and sums to 1.
        Any finite scores work, even ``[1e308, -1e308]`` (the far score's
        probability underflows to 0, without a warning).

    Raises
    ------
    TypeError
        If ``z`` is not real.
    ValueError
        If ``z`` is not finite or has no score in a row (a scalar, or ``[]``).

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
    if scores.ndim == 0 or scores.shape[-1] == 0:
        raise ValueError(
            f"z must hold at least one score per row, got shape {scores.shape}"
        )
    with np.errstate(over="ignore"):  # z - max may be -inf: exp gives 0, rightly
        shifted = scores - scores.max(axis=-1, keepdims=True)
    exp = np.exp(shifted)
    return exp / exp.sum(axis=-1, keepdims=True)


def _as_labels(rows: np.ndarray, t, name: str = "y") -> np.ndarray:
    """Return the class index of each row of ``rows`` from one-hot ``t`` or labels.

    A one-hot row holds exactly one 1 and zeros: a soft target such as
    ``[0.3, 0.7]``, or a row of zeros, is refused rather than read as a label.
    """
    if rows.shape[0] == 0:
        raise ValueError(f"{name} must hold at least one row, got shape {rows.shape}")
    target = np.asarray(t) if t is not None else np.asarray(t, dtype=object)
    if target.dtype.kind not in "fiub":
        raise TypeError(f"t must hold real numbers, got dtype {target.dtype}")
    if target.size == rows.size:  # one-hot, as in the book's test ``t.size == y.size``
        one_hot = target.reshape(rows.shape)
        is_one_hot = np.all((one_hot == 0) | (one_hot == 1)) and np.all(
            one_hot.sum(axis=1) == 1
        )
        if not is_one_hot:
            raise ValueError(
                "t must be one-hot (a single 1 and zeros in each row) or integer "
                f"labels, got {t!r}"
            )
        return one_hot.argmax(axis=1)
    labels = target.reshape(-1)
    if labels.dtype.kind not in "iu" or labels.size != rows.shape[0]:
        raise ValueError(
            f"t must be one-hot of {name}'s shape or {rows.shape[0]} integer "
            f"label(s), "
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
    TypeError
        If ``y`` or ``t`` is not real.
    ValueError
        If ``y`` is empty or not made of probabilities, or ``t`` matches neither
        form (a soft target such as ``[0.3, 0.7]`` is refused, as are a row of
        zeros and labels out of range).

    Examples
    --------
    >>> from gdbook import cross_entropy_error
    >>> round(cross_entropy_error([0.1, 0.05, 0.6, 0.0], [0, 0, 1, 0]), 6)
    0.510825
    >>> round(cross_entropy_error([[0.1, 0.9], [0.8, 0.2]], [1, 0]), 6)
    0.164252
    """
    probabilities = as_float_array(y, "y")
    if probabilities.ndim == 0 or probabilities.shape[-1] == 0:
        raise ValueError(
            f"y must hold at least one probability per row, got shape "
            f"{probabilities.shape}"
        )
    if np.any((probabilities < 0) | (probabilities > 1)):
        raise ValueError("y must hold probabilities in [0, 1] (softmax's output)")
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
        True classes, as for :func:`cross_entropy_error`: one-hot of ``z``'s
        shape, or integer labels (one per row).

    Returns
    -------
    numpy.ndarray
        :math:`(\operatorname{softmax}(z) - t) / B`, of ``z``'s shape, with
        :math:`t` one-hot and :math:`B` the number of rows.

    Raises
    ------
    TypeError
        If ``z`` or ``t`` is not real.
    ValueError
        If ``z`` is empty or not finite, or ``t`` is neither one-hot nor labels
        (soft targets are refused: the formula is the gradient of
        :func:`cross_entropy_error`, which reads one class per row).

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
    probabilities = softmax(z)
    rows = probabilities.reshape(-1, probabilities.shape[-1])
    one_hot = np.zeros_like(rows)
    one_hot[np.arange(rows.shape[0]), _as_labels(rows, t, "z")] = 1.0
    return (probabilities - one_hot.reshape(probabilities.shape)) / rows.shape[0]


def mean_squared_error(y_pred, y_true) -> float:
    r"""Mean of the squared differences.

    Parameters
    ----------
    y_pred, y_true : array_like
        Predictions and targets of the same shape.

    Returns
    -------
    float
        :math:`\frac{1}{n}\sum_i (\hat y_i - y_i)^2`; ``inf`` (without a
        warning) when it exceeds float64's range: a loss that overflows is float64's
        answer, which a descent reports as divergence.

    Raises
    ------
    TypeError
        If an input is not real (complex numbers included).
    ValueError
        If the shapes differ, the inputs are empty or not finite.

    Examples
    --------
    >>> from gdbook import mean_squared_error
    >>> mean_squared_error([1.0, 2.0, 3.0], [2.0, 4.0, 6.0])
    4.666666666666667
    """
    prediction, target = as_same_shape(y_pred, y_true, ("y_pred", "y_true"))
    with np.errstate(over="ignore"):
        return float(np.mean((prediction - target) ** 2))
