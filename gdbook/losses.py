"""Losses: softmax and cross-entropy, as the book's ``common/functions.py`` computes
them (and their gradient), mean squared error."""

from __future__ import annotations

from typing import Any, cast

import numpy as np
from numpy.typing import ArrayLike, NDArray

from gdbook._checks import ArgumentTypeError, ArgumentValueError, Array, checked

__all__ = ["CROSS_ENTROPY_DELTA", "cross_entropy_error", "mean_squared_error"]
__all__ += ["softmax", "softmax_cross_entropy_gradient"]

#: Added inside the logarithm of the cross-entropy so that ``log(0)`` never occurs.
CROSS_ENTROPY_DELTA = 1e-7


def _rows(value: Any, name: str, given: dict[str, Any] | None = None) -> np.ndarray:
    """A finite real array of rows, at least one, of at least one value."""
    array = Array(nonempty=False)(value, name)
    if array.ndim and array.size:
        return array
    raise ArgumentValueError(name, f"{name} must hold values in rows: {array.shape}")


@checked(z=_rows)
def softmax(z: ArrayLike) -> np.ndarray:
    r"""Softmax along the last axis; :math:`m = \max_j z_j` keeps ``exp`` finite.

    .. math:: \mathrm{softmax}(z)_i = e^{z_i - m} / \textstyle\sum_j e^{z_j - m}

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
    >>> softmax([1000.0, 1000.0])
    array([0.5, 0.5])
    """
    z = cast(NDArray[np.float64], z)  # checked(): a float64 array
    with np.errstate(over="ignore"):  # z - max may be -inf: exp gives 0, rightly
        exp = np.exp(z - z.max(axis=-1, keepdims=True))
    return exp / exp.sum(axis=-1, keepdims=True)


def _as_labels(rows: np.ndarray, t: ArrayLike, name: str = "y") -> np.ndarray:
    """The class of each row from one-hot ``t`` (one 1, zeros: not soft) or labels."""
    target = np.asarray(t)
    if target.dtype.kind not in "fiub":
        raise ArgumentTypeError("t", f"t must hold real numbers, not {target.dtype}")
    (n, k), labels = rows.shape, target.reshape(-1)
    if target.size == rows.size:  # one-hot, as in the book's test ``t.size == y.size``
        one_hot = target.reshape(rows.shape)
        labels = one_hot.argmax(axis=1)
        if np.array_equal(one_hot, np.arange(k) == labels[:, None]):
            return labels
    elif labels.dtype.kind in "iu" and labels.size == n:
        if labels.min() >= 0 and labels.max() < k:
            return labels
    wrong = f"one-hot of {name}'s shape or {n} integer label(s) in [0, {k})"
    got = f"shape {target.shape} and dtype {target.dtype}"
    raise ArgumentValueError("t", f"t must be {wrong}, got {got}")


@checked(y=_rows)
def cross_entropy_error(y: ArrayLike, t: ArrayLike) -> float:
    r"""Mean cross-entropy; :math:`\delta` is :data:`CROSS_ENTROPY_DELTA`, 1e-7.

    .. math:: L = -\frac{1}{B}\sum_b \log(y_{b, t_b} + \delta)

    Parameters
    ----------
    y, t : array_like
        Probabilities, shape (k,) or (batch, k), as :func:`softmax` gives, and the
        true classes: one-hot of ``y``'s shape, or integer labels.

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
    r"""Gradient of ``cross_entropy_error(softmax(z), t)`` in ``z``, without its delta.

    .. math:: \nabla_z L = (\mathrm{softmax}(z) - t) / B

    Parameters
    ----------
    z, t : array_like
        :math:`B` rows of scores; true classes, as for :func:`cross_entropy_error`.

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
    r"""Mean squared error of predictions; ``inf`` beyond float64's range.

    .. math:: L = \frac{1}{n}\sum_i (\hat y_i - y_i)^2

    Parameters
    ----------
    y_pred, y_true : array_like
        Predictions :math:`\hat y` and targets :math:`y`, of one shape.

    Returns
    -------
    float
        The loss.

    Examples
    --------
    >>> mean_squared_error([1.0, 2.0, 3.0], [2.0, 4.0, 6.0])
    4.666666666666667
    """
    with np.errstate(over="ignore"):  # inf: float64's answer, reported by a descent
        difference = cast(np.ndarray, y_pred) - cast(np.ndarray, y_true)  # checked()
        return float(np.mean(difference**2))
