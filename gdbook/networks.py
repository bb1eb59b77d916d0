"""The sources' networks by hand: 000's :class:`LinearNet`, 003's :class:`SimpleNet`.
Immutable; their losses take the weights as arguments, for a numerical gradient."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, cast

import numpy as np
from numpy.typing import ArrayLike

from gdbook._checks import (
    Array,
    Count,
    Instance,
    Optional,
    Pair,
    Positive,
    Real,
    Seed,
    check_finite_result,
    checked,
    fits,
    frozen,
)
from gdbook._fast import dot_in_order
from gdbook.descent import Trace, gradient_descent
from gdbook.losses import cross_entropy_error, softmax, softmax_cross_entropy_gradient

__all__ = ["ForwardPass", "LinearNet", "NetGradients", "NetTrace", "SimpleNet"]

Weights = ArrayLike | None  # weights to use instead of the network's own
_matrix = Array(ndim=2)
_TOO_LARGE = "x, t or the weights are too large"
# x, and weights of the network's shapes, for the methods.
_X = Array(shape=lambda given: given["self"].W1.shape[:1])
_W1 = Optional(Array(shape=lambda given: given["self"].W1.shape))
_W2 = Optional(Array(shape=lambda given: given["self"].W2.shape))
_W = Optional(Array(shape=lambda given: given["self"].W.shape))


def _short(array: np.ndarray) -> str:
    """A small array rounded to 4 decimals on one line (a large one: its shape)."""
    if array.size > 12:
        return f"<array of shape {array.shape}>"
    with np.errstate(over="ignore", invalid="ignore"):  # 1e308 rounds to inf...
        rounded = np.round(array, 4)
    return str(np.where(np.isfinite(rounded), rounded, array).tolist())


@dataclass(frozen=True, repr=False)
class ForwardPass:  # numpydoc ignore=PR01,EX01
    """The values of a forward pass of :class:`LinearNet`."""

    x: np.ndarray  #: The input :math:`x`.
    z: np.ndarray  #: The hidden values :math:`z = x W_1`.
    y: float  #: The output :math:`y = z W_2`.

    def __post_init__(self) -> None:
        frozen(self, x=Array(ndim=1), z=Array(ndim=1), y=Real())

    def __repr__(self) -> str:
        return f"ForwardPass(z={_short(self.z)}, y={self.y!r})"


@dataclass(frozen=True, repr=False)
class NetGradients:  # numpydoc ignore=PR01,EX01
    """The gradients of :class:`LinearNet`'s loss, from the backward pass."""

    dy: float  #: :math:`\partial L / \partial y`.
    dz: np.ndarray  #: :math:`\partial L / \partial z`.
    W1: np.ndarray  #: :math:`\partial L / \partial W_1`.
    W2: np.ndarray  #: :math:`\partial L / \partial W_2`.

    def __post_init__(self) -> None:
        frozen(self, dy=Real(), dz=Array(ndim=1), W1=_matrix, W2=_matrix)

    def __repr__(self) -> str:
        return f"NetGradients(dy={self.dy!r}, W1={_short(self.W1)}, ...)"


class NetTrace(Trace):  # numpydoc ignore=PR01,EX01
    """A run of :meth:`LinearNet.train`: a :class:`~gdbook.Trace` of the parameters."""

    def _check_points(self) -> None:
        if self.xs.ndim != 3 or self.xs.shape[1] < 2:
            raise ValueError(f"xs must hold LinearNet.parameters, got {self.xs.shape}")

    @property
    def nets(self) -> tuple[LinearNet, ...]:
        """The network before the first update and after each one."""
        return tuple(LinearNet.from_parameters(p) for p in self.xs)

    @property
    def net(self) -> LinearNet:
        """The network after the last update."""
        return LinearNet.from_parameters(self.x)


@dataclass(frozen=True, repr=False)
class LinearNet:  # numpydoc ignore=PR01
    r"""Source 000's network: :math:`z = x W_1,\ y = z W_2,\ L = \tfrac12 (t - y)^2`."""

    W1: np.ndarray  #: Weights of the hidden layer, shape ``(inputs, hidden)``.
    W2: np.ndarray  #: Weights of the output, shape ``(hidden, 1)``.

    def __post_init__(self) -> None:
        frozen(
            self, W1=_matrix, W2=Array(shape=lambda given: (given["W1"].shape[1], 1))
        )

    def __repr__(self) -> str:
        return f"LinearNet(W1={_short(self.W1)}, W2={_short(self.W2)})"

    @property
    def parameters(self) -> np.ndarray:
        """The rows of ``W1``, then ``W2`` as a row: the point :meth:`train` moves."""
        return np.vstack([self.W1, self.W2.T])

    @classmethod
    @checked(parameters=Array(ndim=2))
    def from_parameters(cls, parameters: ArrayLike) -> LinearNet:
        """The network of these :attr:`parameters`."""  # numpydoc ignore=PR01,RT01
        array = cast(np.ndarray, parameters)  # checked(): a 2-D float64 array
        if array.shape[0] < 2 or array.shape[1] == 0:
            raise ValueError(f"parameters must be (inputs + 1, hidden): {array.shape}")
        return cls(array[:-1], array[-1][:, None])

    @checked(x=_X, W1=_W1, W2=_W2)
    def forward(
        self, x: ArrayLike, *, W1: Weights = None, W2: Weights = None
    ) -> ForwardPass:  # numpydoc ignore=PR01,RT01
        """The forward pass :math:`z = x W_1`, :math:`y = z W_2`."""
        point = cast(np.ndarray, x)  # checked(): as the weights
        W1 = self.W1 if W1 is None else cast(np.ndarray, W1)
        W2 = self.W2 if W2 is None else cast(np.ndarray, W2)
        with np.errstate(over="ignore", invalid="ignore"):
            z = dot_in_order(point, W1)  # x @ W1, summed in the source's order
            y = float(dot_in_order(z, W2)[0])
        check_finite_result([*z, y], "the forward pass", _TOO_LARGE)
        return ForwardPass(point, z, y)

    def predict(self, x: ArrayLike, *, W1: Weights = None, W2: Weights = None) -> float:
        """The output :math:`y = (x W_1) W_2`."""  # numpydoc ignore=PR01,RT01
        return self.forward(x, W1=W1, W2=W2).y

    @checked(t=Real())
    def loss(
        self, x: ArrayLike, t: float, *, W1: Weights = None, W2: Weights = None
    ) -> float:  # numpydoc ignore=PR01,RT01
        r"""The loss :math:`\tfrac12 (t - y)^2` of target ``t``; ``inf`` on overflow."""
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
        # numpydoc ignore=PR01,RT01,EX01
        r"""The backward pass, from :math:`\delta = \partial L / \partial y = -(t - y)`.

        ``W2``: :math:`\delta z^\top`, ``W1``: :math:`x^\top \delta W_2^\top`.
        """
        with np.errstate(over="ignore", invalid="ignore"):
            _, _, *gradients = self._backprop(x, np.float64(t), self.W1, self.W2)
        for part in gradients:
            check_finite_result(part, "the backward pass", _TOO_LARGE)
        return NetGradients(*gradients)

    @checked(gradients=Instance(NetGradients), lr=Positive())
    def update(self, gradients: NetGradients, lr: float) -> LinearNet:
        # numpydoc ignore=PR01,RT01
        r"""One step of gradient descent, :math:`W - \eta \nabla_W L`: a new network."""
        Array(self.W1.shape)(gradients.W1, "gradients.W1")
        Array(self.W2.shape)(gradients.W2, "gradients.W2")
        with np.errstate(over="ignore", invalid="ignore"):
            W1, W2 = self.W1 - lr * gradients.W1, self.W2 - lr * gradients.W2
        for W in (W1, W2):
            check_finite_result(W, "the update", "lr * gradients is too large")
        return LinearNet(W1, W2)

    @checked(x=_X, t=Real())
    def train(self, x: ArrayLike, t: float, *, lr: float, steps: int) -> NetTrace:
        """``steps`` descent updates, rate ``lr``."""  # numpydoc ignore=PR01,RT01
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


@dataclass(frozen=True, repr=False)
class SimpleNet:  # numpydoc ignore=PR01
    r"""Source 003's network: :math:`L = -\log(\mathrm{softmax}(xW)_t + \delta)`."""

    W: np.ndarray  #: Weights, shape ``(inputs, classes)``.

    def __post_init__(self) -> None:
        frozen(self, W=_matrix)

    def __repr__(self) -> str:
        return f"SimpleNet(W={_short(self.W)})"

    @classmethod
    @checked(rng=Seed(), shape=Pair(Count(1), Count(1), whole=True))
    def random(
        cls, rng: np.random.Generator | int | None, shape: tuple[int, int] = (2, 3)
    ) -> SimpleNet:  # numpydoc ignore=PR01,RT01
        """A network of standard normal weights, as the source's ``randn(2, 3)``."""
        fits(shape[0] * shape[1], "shape", shape)
        return cls(cast(np.random.Generator, rng).standard_normal(shape))

    @checked(x=Array(nonempty=False), W=_W)
    def predict(self, x: ArrayLike, W: Weights = None) -> np.ndarray:
        """The scores :math:`z = x W` of each example."""  # numpydoc ignore=PR01,RT01
        x = cast(np.ndarray, x)  # checked(): as W
        W = self.W if W is None else cast(np.ndarray, W)
        if x.ndim not in (1, 2) or x.shape[-1] != W.shape[0]:
            raise ValueError(f"x must have {W.shape[0]} columns, got {x.shape}")
        with np.errstate(over="ignore", invalid="ignore"):
            return check_finite_result(x @ W, "the scores x W", _TOO_LARGE)

    def loss(self, x: ArrayLike, t: ArrayLike, W: Weights = None) -> float:
        # numpydoc ignore=PR01,RT01
        r"""Mean cross-entropy of :math:`\mathrm{softmax}(x W)` for classes ``t``."""
        return cross_entropy_error(softmax(self.predict(x, W)), t)

    @checked(x=Array(nonempty=False), W=_W)
    def gradient(self, x: ArrayLike, t: ArrayLike, W: Weights = None) -> np.ndarray:
        # numpydoc ignore=PR01,RT01
        r"""The gradient :math:`x^\top(\mathrm{softmax}(xW) - t)`, a batch's mean."""
        dz = softmax_cross_entropy_gradient(self.predict(x, W), t)
        with np.errstate(over="ignore", invalid="ignore"):
            gradient = np.atleast_2d(x).T @ np.atleast_2d(dz)
        return check_finite_result(gradient, "the gradient", _TOO_LARGE)
