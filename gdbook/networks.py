"""Source 000's :class:`LinearNet`, by hand, and its training.

Immutable; its loss takes the weights as arguments, so that a numerical gradient can
perturb them. Source 003's :class:`SimpleNet` is in ``gdbook.simplenet``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, cast

import numpy as np
from numpy.typing import ArrayLike

from gdbook._checks import (
    Array,
    Instance,
    Optional,
    Positive,
    Real,
    check_finite_result,
    checked,
    frozen,
)
from gdbook._fast import dot_in_order
from gdbook.descent import Trace, gradient_descent
from gdbook.simplenet import _TOO_LARGE, SimpleNet, _matrix, _short

__all__ = ["ForwardPass", "LinearNet", "NetGradients", "NetTrace", "SimpleNet"]

# x, and weights of the network's shapes, for the methods.
_X = Array(shape=lambda given: given["self"].W1.shape[:1])
_W1 = Optional(Array(shape=lambda given: given["self"].W1.shape))
_W2 = Optional(Array(shape=lambda given: given["self"].W2.shape))


@dataclass(frozen=True, repr=False)
class ForwardPass:
    """The values of a forward pass of :class:`LinearNet`.

    Parameters
    ----------
    x, z : array_like
        The input and the hidden values :math:`z = x W_1`.
    y : float
        The output :math:`y = z W_2`.

    Examples
    --------
    >>> LinearNet(np.full((2, 3), 0.5), np.ones((3, 1))).forward([40.0, 80.0])
    ForwardPass(z=[60.0, 60.0, 60.0], y=180.0)
    """

    x: np.ndarray
    z: np.ndarray
    y: float

    def __post_init__(self) -> None:
        frozen(self, x=Array(ndim=1), z=Array(ndim=1), y=Real())

    def __repr__(self) -> str:
        return f"ForwardPass(z={_short(self.z)}, y={self.y!r})"


@dataclass(frozen=True, repr=False)
class NetGradients:
    r"""The gradients of :class:`LinearNet`'s loss, from the backward pass.

    Parameters
    ----------
    dy : float
        :math:`\partial L / \partial y`.
    dz : array_like
        :math:`\partial L / \partial z`.
    W1, W2 : array_like
        :math:`\partial L / \partial W_1` and :math:`\partial L / \partial W_2`.

    Examples
    --------
    >>> LinearNet(np.ones((1, 1)), np.ones((1, 1))).gradient([1.0], 0.0)
    NetGradients(dy=1.0, W1=[[1.0]], ...)
    """

    dy: float
    dz: np.ndarray
    W1: np.ndarray
    W2: np.ndarray

    def __post_init__(self) -> None:
        frozen(self, dy=Real(), dz=Array(ndim=1), W1=_matrix, W2=_matrix)

    def __repr__(self) -> str:
        return f"NetGradients(dy={self.dy!r}, W1={_short(self.W1)}, ...)"


# Its parameters are those of Trace, documented there.
class NetTrace(Trace):  # numpydoc ignore=PR01
    """The training of a :class:`LinearNet`: a :class:`~gdbook.Trace` of its parameters.

    Examples
    --------
    >>> net = LinearNet(np.full((2, 3), 0.5), np.ones((3, 1)))
    >>> net.train([40.0, 80.0], 60.0, lr=1e-5, steps=2).losses
    array([7200.        , 3225.13717248, 1700.48395943])
    """

    def _check_points(self) -> None:
        if self.xs.ndim != 3 or self.xs.shape[1] < 2:
            raise ValueError(f"xs must hold LinearNet.parameters, got {self.xs.shape}")

    @property
    def nets(self) -> tuple[LinearNet, ...]:  # numpydoc ignore=EX01
        """The network before the first update and after each one."""
        return tuple(LinearNet.from_parameters(p) for p in self.xs)

    @property
    def net(self) -> LinearNet:  # numpydoc ignore=EX01
        """The network after the last update."""
        return LinearNet.from_parameters(self.x)


@dataclass(frozen=True, repr=False)
class LinearNet:
    r"""Source 000's network: :math:`z = x W_1,\ y = z W_2,\ L = \tfrac12 (t - y)^2`.

    Parameters
    ----------
    W1, W2 : array_like
        Weights, of shapes ``(inputs, hidden)`` and ``(hidden, 1)``.

    Examples
    --------
    >>> LinearNet(np.full((2, 3), 0.5), np.ones((3, 1))).loss([40.0, 80.0], 60.0)
    7200.0
    """

    W1: np.ndarray
    W2: np.ndarray

    def __post_init__(self) -> None:
        frozen(self, W1=_matrix, W2=_matrix)
        if self.W2.shape != (self.W1.shape[1], 1):
            raise ValueError(
                f"W2 must have shape ({self.W1.shape[1]}, 1) to follow W1 of shape "
                f"{self.W1.shape}, got {self.W2.shape}"
            )

    def __repr__(self) -> str:
        return f"LinearNet(W1={_short(self.W1)}, W2={_short(self.W2)})"

    @property
    def parameters(self) -> np.ndarray:  # numpydoc ignore=EX01
        """The rows of ``W1``, then ``W2`` as a row: the point :meth:`train` moves."""
        return np.vstack([self.W1, self.W2.T])

    @classmethod
    @checked(parameters=Array(ndim=2))
    def from_parameters(cls, parameters: ArrayLike) -> LinearNet:
        """The network whose :attr:`parameters` are ``parameters``.

        Parameters
        ----------
        parameters : array_like, shape (inputs + 1, hidden)
            As :attr:`parameters`.

        Returns
        -------
        LinearNet
            The network.

        Examples
        --------
        >>> LinearNet.from_parameters(np.ones((3, 2)))
        LinearNet(W1=[[1.0, 1.0], [1.0, 1.0]], W2=[[1.0], [1.0]])
        """
        array = cast(np.ndarray, parameters)  # checked(): a 2-D float64 array
        if array.shape[0] < 2 or array.shape[1] == 0:
            raise ValueError(
                "parameters must have shape (inputs + 1, hidden), both >= 1, "
                f"got {array.shape}"
            )
        return cls(array[:-1], array[-1][:, None])

    @checked(x=_X, W1=_W1, W2=_W2)
    def forward(
        self, x: ArrayLike, *, W1: ArrayLike | None = None, W2: ArrayLike | None = None
    ) -> ForwardPass:
        """The forward pass :math:`z = x W_1`, :math:`y = z W_2`.

        Parameters
        ----------
        x : array_like
            The input, shape ``(inputs,)``.
        W1, W2 : array_like, optional
            Weights to use instead of the network's.

        Returns
        -------
        ForwardPass
            ``x``, ``z`` and ``y``.

        Examples
        --------
        >>> LinearNet(np.full((2, 3), 0.5), np.ones((3, 1))).forward([40.0, 80.0]).z
        array([60., 60., 60.])
        """
        point = cast(np.ndarray, x)  # checked(): as the weights
        W1 = self.W1 if W1 is None else cast(np.ndarray, W1)
        W2 = self.W2 if W2 is None else cast(np.ndarray, W2)
        with np.errstate(over="ignore", invalid="ignore"):
            z = dot_in_order(point, W1)  # x @ W1, summed in the source's order
            y = float(dot_in_order(z, W2)[0])
        check_finite_result([*z, y], "the forward pass", _TOO_LARGE)
        return ForwardPass(point, z, y)

    def predict(
        self, x: ArrayLike, *, W1: ArrayLike | None = None, W2: ArrayLike | None = None
    ) -> float:
        """The output :math:`y = (x W_1) W_2`.

        Parameters
        ----------
        x, W1, W2 : array_like
            As for :meth:`forward`.

        Returns
        -------
        float
            The output :math:`y`.

        Examples
        --------
        >>> LinearNet(np.full((2, 3), 0.5), np.ones((3, 1))).predict([40.0, 80.0])
        180.0
        """
        return self.forward(x, W1=W1, W2=W2).y

    @checked(t=Real())
    def loss(
        self,
        x: ArrayLike,
        t: float,
        *,
        W1: ArrayLike | None = None,
        W2: ArrayLike | None = None,
    ) -> float:
        r"""The loss :math:`\tfrac12 (t - y)^2`; ``inf`` beyond float64's range.

        Parameters
        ----------
        x : array_like
            The input, shape ``(inputs,)``.
        t : float
            The target.
        W1, W2 : array_like, optional
            As for :meth:`forward`.

        Returns
        -------
        float
            The loss.

        Examples
        --------
        >>> LinearNet(np.ones((1, 1)), np.ones((1, 1))).loss([3.0], 1.0, W1=[[2.0]])
        12.5
        """
        y = self.predict(x, W1=W1, W2=W2)
        with np.errstate(over="ignore"):  # overflows to inf, a loss's answer
            return float(0.5 * (np.float64(t) - y) ** 2)

    @staticmethod
    def _backprop(x: Any, t: Any, W1: np.ndarray, W2: np.ndarray) -> tuple[Any, ...]:
        """``z, y, dy, dz, dW1, dW2``, unchecked (:meth:`train` uses it too)."""
        z = dot_in_order(x, W1)  # x @ W1, in the source's order (the same bits)
        y = float(dot_in_order(z, W2)[0])
        dy = float(-(t - y))  # dL/dy
        dz = dy * W2[:, 0]  # dL/dz = dL/dy W2
        return z, y, dy, dz, dz[None, :] * x[:, None], (dy * z)[:, None]

    @checked(x=_X, t=Real())
    def gradient(self, x: ArrayLike, t: float) -> NetGradients:
        r"""The backward pass: the chain rule from the loss back to the weights.

        :math:`\delta = \partial L / \partial y = -(t - y)`,
        :math:`\partial L / \partial W_2 = \delta z^\top`,
        :math:`\partial L / \partial W_1 = x^\top \delta W_2^\top`.

        Parameters
        ----------
        x, t : array_like and float
            As for :meth:`loss`.

        Returns
        -------
        NetGradients
            The gradients of the weights, with ``dy`` and ``dz``.

        Examples
        --------
        >>> net = LinearNet(np.full((2, 3), 0.5), np.ones((3, 1)))
        >>> net.gradient([40.0, 80.0], 60.0).W1[:, 0]
        array([4800., 9600.])
        """
        with np.errstate(over="ignore", invalid="ignore"):
            _, _, *gradients = self._backprop(x, np.float64(t), self.W1, self.W2)
        for part in gradients:
            check_finite_result(part, "the backward pass", _TOO_LARGE)
        return NetGradients(*gradients)

    @checked(
        gradients=Instance(NetGradients, "the NetGradients of LinearNet.gradient"),
        lr=Positive(),
    )
    def update(self, gradients: NetGradients, lr: float) -> LinearNet:
        r"""One step of gradient descent, :math:`W - \eta\, \nabla_W L`: a new network.

        Parameters
        ----------
        gradients : NetGradients
            From :meth:`gradient`.
        lr : float
            Learning rate :math:`\eta`, positive.

        Returns
        -------
        LinearNet
            The updated network.

        Examples
        --------
        >>> net = LinearNet(np.full((2, 3), 0.5), np.ones((3, 1)))
        >>> net.update(net.gradient([40.0, 80.0], 60.0), lr=1e-5).W2.ravel()
        array([0.928, 0.928, 0.928])
        """
        Array(self.W1.shape)(gradients.W1, "gradients.W1")
        Array(self.W2.shape)(gradients.W2, "gradients.W2")
        with np.errstate(over="ignore", invalid="ignore"):
            W1, W2 = self.W1 - lr * gradients.W1, self.W2 - lr * gradients.W2
        for W in (W1, W2):
            check_finite_result(W, "the update", "lr * gradients is too large")
        return LinearNet(W1, W2)

    @checked(x=_X, t=Real())
    def train(self, x: ArrayLike, t: float, *, lr: float, steps: int) -> NetTrace:
        r"""Repeat :meth:`gradient` and :meth:`update` on one example.

        Parameters
        ----------
        x, t : array_like and float
            As for :meth:`loss`.
        lr : float
            Learning rate :math:`\eta`, positive.
        steps : int
            Number of updates.

        Returns
        -------
        NetTrace
            ``steps + 1`` networks (fewer, and ``diverged``, on overflow).

        Examples
        --------
        >>> net = LinearNet(np.full((2, 3), 0.5), np.ones((3, 1)))
        >>> print(f"{net.train([40.0, 80.0], 60.0, lr=1e-5, steps=30).loss:.4g}")
        0.02512
        """
        point, target = cast(np.ndarray, x), np.float64(t)  # checked()

        # p is the parameters; the descent reports an overflow.
        def gradient(p: np.ndarray) -> np.ndarray:
            *_, dW1, dW2 = self._backprop(point, target, p[:-1], p[-1:].T)
            return np.vstack([dW1, dW2.T])

        def loss(p: np.ndarray) -> float:
            y = self._backprop(point, target, p[:-1], p[-1:].T)[1]
            return float(0.5 * (target - y) ** 2)

        run = gradient_descent(gradient, self.parameters, lr=lr, steps=steps, loss=loss)
        return run.view_as(NetTrace)
