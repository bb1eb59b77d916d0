"""Source 000's :class:`LinearNet` and source 003's :class:`SimpleNet`, by hand.

Both are immutable; their losses take the weights as arguments, so that a numerical
gradient can perturb them.
"""

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


_matrix = Array(ndim=2)  # a weight matrix
#: The declared checks of LinearNet's methods: x and the weights of its shapes.
_X = Array(shape=lambda given: given["self"].W1.shape[:1])
_W1 = Optional(Array(shape=lambda given: given["self"].W1.shape))
_W2 = Optional(Array(shape=lambda given: given["self"].W2.shape))
#: ... and SimpleNet's: weights of its shape.
_W = Optional(Array(shape=lambda given: given["self"].W.shape))
_TOO_LARGE = "x, t or the weights are too large"
_FROM_GRADIENT = "the NetGradients of LinearNet.gradient"


def _backprop(x: np.ndarray, t: Any, W1: np.ndarray, W2: np.ndarray) -> tuple[Any, ...]:
    """``z, y, dy, dz, dW1, dW2`` of :class:`LinearNet`, unchecked."""
    z = dot_in_order(x, W1)  # x @ W1, summed in the source's order (same bits)
    y = float(dot_in_order(z, W2)[0])
    dy = float(-(t - y))  # dL/dy
    dz = dy * W2[:, 0]  # dL/dz = dL/dy W2
    return z, y, dy, dz, dz[None, :] * x[:, None], (dy * z)[:, None]


def _short(array: np.ndarray) -> str:
    """One-line rendering of a small array for a ``__repr__`` (its shape if large)."""
    values = np.asarray(array)
    if values.size > 12:
        return f"<array of shape {values.shape}>"
    with np.errstate(over="ignore", invalid="ignore"):  # 1e308 rounds to inf...
        rounded = np.round(values, 4)
    return str(np.where(np.isfinite(rounded), rounded, values).tolist())


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
        :math:`\partial L / \partial y = -(t - y)`.
    dz : array_like
        :math:`\partial L / \partial z = \partial L / \partial y\, W_2^\top`.
    W1, W2 : array_like
        :math:`\partial L` by ``W1`` and ``W2``.

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
    """Training of a :class:`LinearNet`: a :class:`~gdbook.Trace` of its parameters.

    Examples
    --------
    >>> net = LinearNet(np.full((2, 3), 0.5), np.ones((3, 1)))
    >>> training = net.train([40.0, 80.0], 60.0, lr=1e-5, steps=2)
    >>> print(training.losses, training.net.predict([40.0, 80.0]))
    [7200.         3225.13717248 1700.48395943] 118.31781819360718
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
        Weights, shapes ``(inputs, hidden)`` and ``(hidden, 1)``; the source's
        ``w_1_{i+1}{j+1}`` is ``W1[i, j]``.

    Raises
    ------
    TypeError, ValueError
        For a weight not a finite real matrix of a fitting shape (methods: overflow).

    Examples
    --------
    >>> from gdbook import LinearNet
    >>> net = LinearNet(np.full((2, 3), 0.5), np.ones((3, 1)))
    >>> new = net.update(net.gradient([40.0, 80.0], 60.0), lr=1e-5)
    >>> net.loss([40.0, 80.0], 60.0), new.loss([40.0, 80.0], 60.0)
    (7200.0, 3225.1371724800006)
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
    def parameters(self) -> np.ndarray:
        """The rows of ``W1``, then ``W2`` as a row: the point :meth:`train` moves.

        Examples
        --------
        >>> LinearNet(np.full((2, 1), 0.5), np.ones((1, 1))).parameters.ravel()
        array([0.5, 0.5, 1. ])
        """
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
        if array.ndim != 2 or array.shape[0] < 2 or array.shape[1] == 0:
            raise ValueError(
                "parameters must have shape (inputs + 1, hidden), both >= 1, "
                f"got {array.shape}"
            )
        return cls(array[:-1], array[-1][:, None])

    @checked(x=_X, W1=_W1, W2=_W2)
    def forward(
        self, x: ArrayLike, *, W1: ArrayLike | None = None, W2: ArrayLike | None = None
    ) -> ForwardPass:
        """The forward pass :math:`z = x W_1`, :math:`y = z W_2`, with its values.

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
            z = dot_in_order(point, W1)  # x @ W1, in the source's order
            y = float(dot_in_order(z, W2)[0])
        check_finite_result([*z, y], "the forward pass", _TOO_LARGE)
        return ForwardPass(point, z, y)

    def predict(
        self, x: ArrayLike, *, W1: ArrayLike | None = None, W2: ArrayLike | None = None
    ) -> float:
        """The output :math:`y = (x W_1) W_2` of :meth:`forward`.

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
        >>> net = LinearNet(np.full((2, 3), 0.5), np.ones((3, 1)))
        >>> net.loss([40.0, 80.0], 60.0, W2=np.full((3, 1), 1 / 3))
        0.0
        """
        target = np.float64(t)
        y = self.predict(x, W1=W1, W2=W2)
        with np.errstate(over="ignore"):  # overflows to inf, a loss's answer
            return float(0.5 * (target - y) ** 2)

    @checked(x=_X, t=Real())
    def gradient(self, x: ArrayLike, t: float) -> NetGradients:
        r"""The backward pass: the chain rule from the loss back to the weights.

        With :math:`\delta = \partial L / \partial y = -(t - y)`:
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
        target = np.float64(t)
        with np.errstate(over="ignore", invalid="ignore"):
            point = cast(np.ndarray, x)  # checked()
            _, _, *gradients = _backprop(point, target, self.W1, self.W2)
        for part in gradients:
            check_finite_result(part, "the backward pass", _TOO_LARGE)
        return NetGradients(*gradients)

    @checked(gradients=Instance(NetGradients, _FROM_GRADIENT), lr=Positive())
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

        Raises
        ------
        TypeError, ValueError
            For a bad argument, or on overflow.

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
            Learning rate :math:`\eta`, as for :func:`gdbook.gradient_descent`.
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
        >>> net.train([40.0, 80.0], 60.0, lr=1e-3, steps=100).diverged
        True
        """
        point = cast(np.ndarray, x)  # checked()
        target = np.float64(t)

        # Unchecked passes (the descent reports an overflow); p is the parameters.
        def gradient(p: np.ndarray) -> np.ndarray:
            *_, dW1, dW2 = _backprop(point, target, p[:-1], p[-1:].T)
            return np.vstack([dW1, dW2.T])

        def loss(p: np.ndarray) -> float:
            y = _backprop(point, target, p[:-1], p[-1:].T)[1]
            return float(0.5 * (target - y) ** 2)

        run = gradient_descent(gradient, self.parameters, lr=lr, steps=steps, loss=loss)
        return run.view_as(NetTrace)


@dataclass(frozen=True, repr=False)
class SimpleNet:
    r"""Source 003's ``simpleNet``: :math:`L = -\log(\mathrm{softmax}(xW)_c + \delta)`.

    Parameters
    ----------
    W : array_like
        Weights, shape ``(inputs, classes)``; copied, read-only float64.

    Raises
    ------
    TypeError, ValueError
        If ``W`` is not a finite real matrix (the methods: if a result overflows).

    Examples
    --------
    >>> from gdbook import SimpleNet, numerical_gradient
    >>> net = SimpleNet([[-0.66110535, -2.3121261, 0.61870626],
    ...                  [-0.43594672, 1.66798289, -1.09922476]])
    >>> x, t = np.array([0.6, 0.9]), np.array([0, 0, 1])
    >>> numerical_gradient(lambda W: net.loss(x, t, W), net.W)
    array([[ 0.12894287,  0.31807705, -0.44701992],
           [ 0.19341431,  0.47711557, -0.67052988]])
    """

    W: np.ndarray

    def __post_init__(self) -> None:
        frozen(self, W=_matrix)

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
        size = shape  # checked(): two positive counts
        fits(size[0] * size[1], "shape", size)
        generator = cast(np.random.Generator, rng)  # checked(): a generator
        return cls(generator.standard_normal(size))

    def __repr__(self) -> str:
        return f"SimpleNet(W={_short(self.W)})"

    def _parts(
        self, x: ArrayLike, W: ArrayLike | None
    ) -> tuple[np.ndarray, np.ndarray]:
        weights = self.W if W is None else cast(np.ndarray, W)  # checked()
        inputs = cast(np.ndarray, x)
        if inputs.ndim not in (1, 2) or inputs.shape[-1] != weights.shape[0]:
            raise ValueError(
                f"x must have {weights.shape[0]} columns, got {inputs.shape}"
            )
        return inputs, weights

    @checked(x=Array(nonempty=False), W=_W)
    def predict(self, x: ArrayLike, W: ArrayLike | None = None) -> np.ndarray:
        """The scores :math:`z = x W`, ``x`` of shape ``(inputs,)`` or ``(n, inputs)``.

        Parameters
        ----------
        x : array_like, shape (inputs,) or (n, inputs)
            The input, one row per example.
        W : array_like, optional
            Weights to use instead of the network's (same shape).

        Returns
        -------
        numpy.ndarray
            The scores.

        Examples
        --------
        >>> SimpleNet([[1.0, 0.0], [0.0, 2.0]]).predict([3.0, 4.0])
        array([3., 8.])
        """
        inputs, W = self._parts(x, W)
        with np.errstate(over="ignore", invalid="ignore"):
            return check_finite_result(inputs @ W, "the scores x W", _TOO_LARGE)

    @checked(x=Array(nonempty=False), W=_W)
    def loss(self, x: ArrayLike, t: ArrayLike, W: ArrayLike | None = None) -> float:
        """Cross-entropy of ``softmax(x W)`` against ``t`` (one-hot or labels).

        ``lambda W: net.loss(x, t, W)`` is a function of the weights.

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
        r"""Backpropagated gradient :math:`x^\top(\operatorname{softmax}(xW) - t)`.

        Parameters
        ----------
        x, t, W : array_like
            As for :meth:`loss`.

        Returns
        -------
        numpy.ndarray
            Of ``W``'s shape (for a batch, the mean over rows); the loss's
            :math:`10^{-7}` is left out.

        Examples
        --------
        >>> SimpleNet([[0.0, 0.0], [0.0, 0.0]]).gradient([1.0, 2.0], [1, 0])
        array([[-0.5,  0.5],
               [-1. ,  1. ]])
        """
        inputs, W = self._parts(x, W)
        dz = softmax_cross_entropy_gradient(self.predict(inputs, W), t)
        with np.errstate(over="ignore", invalid="ignore"):
            gradient = np.atleast_2d(inputs).T @ np.atleast_2d(dz)
        return check_finite_result(gradient, "the gradient", _TOO_LARGE)
