"""Source 003's :class:`SimpleNet`: one layer of weights, softmax and cross-entropy.

Immutable; its loss takes the weights as an argument, so that a numerical gradient
can perturb them. Also importable as ``gdbook.networks.SimpleNet``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, cast

import numpy as np
from numpy.typing import ArrayLike

from gdbook._checks import (
    Array,
    Count,
    Optional,
    Pair,
    Seed,
    check_finite_result,
    checked,
    fits,
    frozen,
)
from gdbook.losses import cross_entropy_error, softmax, softmax_cross_entropy_gradient

__all__ = ["SimpleNet"]

_matrix = Array(ndim=2)  # a weight matrix (here and in gdbook.networks)
_W = Optional(Array(shape=lambda given: given["self"].W.shape))  # W for a method
_TOO_LARGE = "x, t or the weights are too large"


def _short(array: np.ndarray) -> str:
    """A small array rounded to 4 decimals on one line (a large one: its shape)."""
    values = np.asarray(array)
    if values.size > 12:
        return f"<array of shape {values.shape}>"
    with np.errstate(over="ignore", invalid="ignore"):  # 1e308 rounds to inf...
        rounded = np.round(values, 4)
    return str(np.where(np.isfinite(rounded), rounded, values).tolist())


@dataclass(frozen=True, repr=False)
class SimpleNet:
    r"""Source 003's ``simpleNet``: :math:`L = -\log(\mathrm{softmax}(xW)_t + \delta)`.

    Parameters
    ----------
    W : array_like
        Weights, shape ``(inputs, classes)``.

    Examples
    --------
    >>> net = SimpleNet([[-0.66110535, -2.3121261, 0.61870626],
    ...                  [-0.43594672, 1.66798289, -1.09922476]])
    >>> round(net.loss([0.6, 0.9], [0, 0, 1]), 8)
    1.36662269
    """

    W: np.ndarray

    def __post_init__(self) -> None:
        frozen(self, W=_matrix)

    def __repr__(self) -> str:
        return f"SimpleNet(W={_short(self.W)})"

    @classmethod
    @checked(rng=Seed(), shape=Pair(Count(1), Count(1), whole=True))
    def random(
        cls, rng: np.random.Generator | int | None, shape: tuple[int, int] = (2, 3)
    ) -> SimpleNet:
        """A network with standard normal weights, as the source's ``randn(2, 3)``.

        Parameters
        ----------
        rng : numpy.random.Generator, int or None
            A generator, or a seed for one.
        shape : tuple of int, default (2, 3)
            The shape of ``W``.

        Returns
        -------
        SimpleNet
            The network.

        Examples
        --------
        >>> SimpleNet.random(0).W.shape
        (2, 3)
        """
        fits(shape[0] * shape[1], "shape", shape)
        return cls(cast(np.random.Generator, rng).standard_normal(shape))

    def _inputs(self, x: Any, W: Any) -> tuple[np.ndarray, np.ndarray]:
        """``x`` and ``W`` (checked()), ``x`` with a column per row of ``W``."""
        W = self.W if W is None else W
        if x.ndim not in (1, 2) or x.shape[-1] != W.shape[0]:
            raise ValueError(f"x must have {W.shape[0]} columns, got {x.shape}")
        return x, W

    @checked(x=Array(nonempty=False), W=_W)
    def predict(self, x: ArrayLike, W: ArrayLike | None = None) -> np.ndarray:
        """The scores :math:`z = x W`.

        Parameters
        ----------
        x : array_like, shape (inputs,) or (n, inputs)
            The input, one row per example.
        W : array_like, optional
            Weights to use instead of the network's.

        Returns
        -------
        numpy.ndarray
            The scores.

        Examples
        --------
        >>> SimpleNet([[1.0, 0.0], [0.0, 2.0]]).predict([3.0, 4.0])
        array([3., 8.])
        """
        x, W = self._inputs(x, W)
        with np.errstate(over="ignore", invalid="ignore"):
            return check_finite_result(x @ W, "the scores x W", _TOO_LARGE)

    @checked(x=Array(nonempty=False), W=_W)
    def loss(self, x: ArrayLike, t: ArrayLike, W: ArrayLike | None = None) -> float:
        r"""Cross-entropy of :math:`\mathrm{softmax}(x W)` against ``t``.

        Parameters
        ----------
        x, t, W : array_like
            As for :meth:`predict`; ``t`` the true classes, one-hot or labels.

        Returns
        -------
        float
            The mean loss.

        Examples
        --------
        >>> round(SimpleNet([[0.0, 0.0], [0.0, 0.0]]).loss([1.0, 1.0], [1, 0]), 6)
        0.693147
        """
        return cross_entropy_error(softmax(self.predict(x, W)), t)

    @checked(x=Array(nonempty=False), W=_W)
    def gradient(
        self, x: ArrayLike, t: ArrayLike, W: ArrayLike | None = None
    ) -> np.ndarray:
        r"""The backpropagated gradient :math:`x^\top(\mathrm{softmax}(xW) - t)`.

        Parameters
        ----------
        x, t, W : array_like
            As for :meth:`loss`.

        Returns
        -------
        numpy.ndarray
            Of ``W``'s shape (for a batch, the mean over rows); the loss's
            :math:`\delta` is left out.

        Examples
        --------
        >>> SimpleNet([[0.0, 0.0], [0.0, 0.0]]).gradient([1.0, 2.0], [1, 0])
        array([[-0.5,  0.5],
               [-1. ,  1. ]])
        """
        x, W = self._inputs(x, W)
        dz = softmax_cross_entropy_gradient(self.predict(x, W), t)
        with np.errstate(over="ignore", invalid="ignore"):
            gradient = np.atleast_2d(x).T @ np.atleast_2d(dz)
        return check_finite_result(gradient, "the gradient", _TOO_LARGE)
