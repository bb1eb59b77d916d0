"""Losses: softmax with cross-entropy (and its gradient), mean squared error.

``softmax`` and ``cross_entropy_error`` compute as the book's ``common/functions.py``.
"""

from __future__ import annotations

from typing import Any, cast

import numpy as np
from numpy.typing import ArrayLike, NDArray

from gdbook._checks import ArgumentTypeError, ArgumentValueError, Array, checked

__all__ = [
    "CROSS_ENTROPY_DELTA",
    "cross_entropy_error",
    "mean_squared_error",
    "softmax",
    "softmax_cross_entropy_gradient",
]

#: Added inside the logarithm of the cross-entropy so that ``log(0)`` never occurs.
CROSS_ENTROPY_DELTA = 1e-7


def _rows(value: Any, name: str, given: dict[str, Any] | None = None) -> np.ndarray:
    """A declared check: a finite real array with at least one value in each row."""
    array = Array(nonempty=False)(value, name)
    if array.ndim == 0 or array.shape[-1] == 0:
        raise ArgumentValueError(
            name, f"{name} must hold values in rows: {array.shape}"
        )
    return array


@checked(z=_rows)
def softmax(z: ArrayLike) -> np.ndarray:
    r"""Softmax along the last axis, :math:`e^{z_i - m} / \sum_j e^{z_j - m}`.

    :math:`m = \max_j z_j` keeps ``exp`` from overflowing.

    Parameters
    ----------
    z : array_like, shape (k,) or (batch, k)
        Finite scores.

    Returns
    -------
    numpy.ndarray
        Probabilities of ``z``'s shape; each row sums to 1.

    Examples
    --------
    >>> softmax([[1000.0, 1000.0], [0.0, np.log(3.0)]])
    array([[0.5 , 0.5 ],
           [0.25, 0.75]])
    """
    z = cast(NDArray[np.float64], z)  # checked(): a float64 array
    with np.errstate(over="ignore"):  # z - max may be -inf: exp gives 0, rightly
        shifted = z - z.max(axis=-1, keepdims=True)
    exp = np.exp(shifted)
    return exp / exp.sum(axis=-1, keepdims=True)


def _as_labels(rows: np.ndarray, t: ArrayLike, name: str = "y") -> np.ndarray:
    """The class of each row from one-hot ``t`` (one 1, zeros: not soft) or labels."""
    if rows.shape[0] == 0:
        raise ArgumentValueError(name, f"{name} must hold a row, got {rows.shape}")
    target = np.asarray(t) if t is not None else np.asarray(t, dtype=object)
    if target.dtype.kind not in "fiub":
        raise ArgumentTypeError("t", f"t must hold real numbers, not {target.dtype}")
    if target.size == rows.size:  # one-hot, as in the book's test ``t.size == y.size``
        one_hot = target.reshape(rows.shape)
        if not (
            np.all((one_hot == 0) | (one_hot == 1)) and np.all(one_hot.sum(axis=1) == 1)
        ):
            raise ArgumentValueError(
                "t",
                "t must be one-hot (a single 1 and zeros in each row) or integer "
                f"labels, got {t!r}",
            )
        return one_hot.argmax(axis=1)
    labels = target.reshape(-1)
    if labels.dtype.kind not in "iu" or labels.size != rows.shape[0]:
        raise ArgumentValueError(
            "t",
            f"t must be one-hot of {name}'s shape or {rows.shape[0]} integer "
            f"label(s), got shape {target.shape} and dtype {target.dtype}",
        )
    if labels.min() < 0 or labels.max() >= rows.shape[1]:
        raise ArgumentValueError("t", f"t's labels must be in [0, {rows.shape[1]})")
    return labels


@checked(y=_rows)
def cross_entropy_error(y: ArrayLike, t: ArrayLike) -> float:
    r"""Mean cross-entropy, :math:`-\frac{1}{B}\sum_b \log(y_{b, t_b} + \delta)`.

    :math:`\delta` is :data:`CROSS_ENTROPY_DELTA`, :math:`10^{-7}`.

    Parameters
    ----------
    y : array_like, shape (k,) or (batch, k)
        Probabilities, as :func:`softmax` gives.
    t : array_like
        True classes: one-hot of ``y``'s shape, or integer labels.

    Returns
    -------
    float
        The mean loss over the rows.

    Examples
    --------
    >>> round(cross_entropy_error([0.1, 0.05, 0.6, 0.0], [0, 0, 1, 0]), 6)
    0.510825
    """
    y = cast(np.ndarray, y)  # checked(): a float64 array
    if np.any((y < 0) | (y > 1)):
        raise ArgumentValueError("y", "y must hold probabilities in [0, 1]")
    rows = y.reshape(-1, y.shape[-1])
    picked = rows[np.arange(rows.shape[0]), _as_labels(rows, t)]
    return float(-np.sum(np.log(picked + CROSS_ENTROPY_DELTA)) / rows.shape[0])


def softmax_cross_entropy_gradient(z: ArrayLike, t: ArrayLike) -> np.ndarray:
    r"""Gradient of ``cross_entropy_error(softmax(z), t)`` in ``z``.

    :math:`(\mathrm{softmax}(z) - t) / B`, for :math:`B` rows and one-hot ``t``;
    the loss's :math:`\delta` is left out.

    Parameters
    ----------
    z, t : array_like
        Scores, and true classes as for :func:`cross_entropy_error`.

    Returns
    -------
    numpy.ndarray
        Of ``z``'s shape.

    Examples
    --------
    >>> softmax_cross_entropy_gradient([0.0, 0.0], [0, 1])
    array([ 0.5, -0.5])
    """
    probabilities = softmax(z)
    rows = probabilities.reshape(-1, probabilities.shape[-1])
    one_hot = np.zeros_like(rows)
    one_hot[np.arange(rows.shape[0]), _as_labels(rows, t, "z")] = 1.0
    return (probabilities - one_hot.reshape(probabilities.shape)) / rows.shape[0]


@checked(y_pred=Array(), y_true=Array(shape="y_pred"))
def mean_squared_error(y_pred: ArrayLike, y_true: ArrayLike) -> float:
    r"""Mean squared error, :math:`\frac{1}{n}\sum_i (\hat y_i - y_i)^2`.

    Parameters
    ----------
    y_pred, y_true : array_like
        Predictions and targets, of one shape.

    Returns
    -------
    float
        The loss; ``inf`` beyond float64's range.

    Examples
    --------
    >>> mean_squared_error([1.0, 2.0, 3.0], [2.0, 4.0, 6.0])
    4.666666666666667
    """
    with np.errstate(over="ignore"):  # inf: float64's answer, reported by a descent
        difference = cast(np.ndarray, y_pred) - cast(np.ndarray, y_true)  # checked()
        return float(np.mean(difference**2))
