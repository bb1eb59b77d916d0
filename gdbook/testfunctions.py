"""Functions to minimise (:class:`Objective`): :data:`parabola`, :data:`bowl`, the slow
:func:`quadratic`, :data:`rosenbrock` and :data:`beale`, and a :data:`saddle`."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast

import numpy as np
from numpy.typing import ArrayLike, NDArray

from gdbook._checks import Array, Function, Instance, Number, Optional, checked
from gdbook._errors import (
    ArgumentTypeError,
    ArgumentValueError,
    returned_array,
    returned_scalar,
)

__all__ = ["Objective", "Quadratic", "beale", "bowl", "parabola", "quadratic"]
__all__ += ["rosenbrock", "saddle"]

F = Callable[[NDArray[np.float64]], ArrayLike]  #: A function of a float64 array.
Pt = ArrayLike | None  #: A point, or None.
Where = Optional(Array(ndim=1))  #: None, or a point given as a 1-D array.
_POINT = Array(nonempty=False)  #: A point or coordinates: real, finite, as float64.
Curvatures = Array(ndim=1, positive=True)  #: Eigenvalues: positive, finite.
Text, Fn = Instance(str, "a string"), Function()  #: A name, and a callable.


class Objective:
    """A scalar function of ``dim`` variables, with its gradient and its minimum.

    Parameters
    ----------
    name, value, gradient : str, callable, and callable
        The formula, for titles and legends; ``value(x)`` (it takes a grid too if
        written with ``x[0], x[1], ...``); ``gradient(x)``, of ``x``'s shape.
    minimum, critical_point : tuple of float or None
        Where the minimum is (None if there is none: :data:`saddle`), and where the
        gradient vanishes, by default ``minimum``.

    Examples
    --------
    >>> bowl([3.0, 4.0]), bowl.grad([3.0, 4.0])
    (25.0, array([6., 8.]))
    """

    @checked(name=Text, value=Fn, gradient=Fn, minimum=Where, critical_point=Where)
    def __init__(
        self, name: str, value: F, gradient: F, minimum: Pt, critical_point: Pt = None
    ) -> None:
        low = cast(np.ndarray | None, minimum)  # checked(): 1-D float64 arrays or None
        point = low if critical_point is None else cast(np.ndarray, critical_point)
        if point is None:
            raise ArgumentTypeError("critical_point", "give minimum or critical_point")
        if low is not None and low.shape != point.shape:
            wrong = "minimum and critical_point must have one length"
            raise ArgumentValueError("critical_point", wrong)
        self.name: str = name
        self._value, self._gradient = value, gradient
        self.minimum = None if low is None else tuple(low.tolist())
        self.critical_point: tuple[float, ...] = tuple(point.tolist())
        self.dim: int = len(self.critical_point)

    def __repr__(self) -> str:
        critical = "" if self.minimum else f", critical_point={self.critical_point}"
        return f"Objective({self.name!r}, minimum={self.minimum}{critical})"

    def _point(self, x: ArrayLike, name: str = "x") -> np.ndarray:
        """``x`` checked as a point of ``dim`` coordinates."""
        point = _POINT(x, name)
        expected = () if self.dim == 1 else (self.dim,)
        if point.shape != expected and not (self.dim == 1 and point.shape == (1,)):
            wrong = f"must be a point of {self.dim} coordinate(s), shape {expected}"
            raise ArgumentValueError(name, f"{name} {wrong}, got shape {point.shape}")
        return point

    def _at(self, part: str, at: np.ndarray, shape: Any, grid: bool = False) -> Any:
        """``part`` at ``at``: real, of ``shape`` (None: a scalar), not NaN."""
        with np.errstate(over="ignore", invalid="ignore"):
            values = (self._value if part == "value" else self._gradient)(at)
        who = f"{part} (of Objective {self.name!r})"
        if shape is None:
            values = returned_scalar(values, who)
        else:
            of = "the grid's shape" if grid else "x's shape"
            values = returned_array(values, who, shape, of=of)
        if np.isnan(values).any():
            at_x = "at x = " + np.array2string(at, threshold=6)
            raise ValueError(f"{who} returned nan {'on the grid' if grid else at_x}")
        return values

    def __call__(self, x: ArrayLike) -> float:
        """The value at the point ``x``."""
        return float(self._at("value", self._point(x), None))

    def grad(self, x: ArrayLike) -> np.ndarray:  # numpydoc ignore=PR01,RT01,EX01
        """The gradient at ``x``: a new float64 array of ``x``'s shape."""
        point = self._point(x)
        return np.asarray(self._at("gradient", point, point.shape))

    def value_at(self, *coordinates: ArrayLike) -> np.ndarray:
        """The values on a grid: one array of coordinates per variable, broadcast."""
        if len(coordinates) != self.dim:  # numpydoc ignore=PR01,RT01
            wrong = f"value_at needs {self.dim} array(s) of coordinates, got "
            raise ValueError(wrong + str(len(coordinates)))
        arrays = [_POINT(c, f"coordinates[{i}]") for i, c in enumerate(coordinates)]
        try:
            stacked = np.stack(np.broadcast_arrays(*arrays))
        except ValueError:
            wrong = f"coordinates must broadcast: shapes {[a.shape for a in arrays]}"
            raise ValueError(wrong) from None
        grid = stacked[0] if self.dim == 1 else stacked
        return np.asarray(self._at("value", grid, stacked.shape[1:], grid=True))


def formula(f: Any, x0: np.ndarray) -> Any:
    """The formula behind an Objective or its ``grad``; ``x0`` checked once."""
    if getattr(f, "__func__", None) is Objective.grad:
        f.__self__._point(x0, "x0")
        return f.__self__._gradient
    if isinstance(f, Objective) and type(f).__call__ is Objective.__call__:
        f._point(x0, "x0")
        return f._value
    return f


#: :math:`f(x) = x^2`, the parabola of the first source; minimum at 0.
parabola: Objective = Objective(
    name="f(x) = x²", value=lambda x: x**2, gradient=lambda x: 2 * x, minimum=(0.0,)
)

#: :math:`f(x_0, x_1) = x_0^2 + x_1^2`, the bowl; minimum at the origin.
bowl: Objective = Objective(
    name="f(x₀, x₁) = x₀² + x₁²",
    value=lambda x: x[0] ** 2 + x[1] ** 2,
    gradient=lambda x: 2 * x,
    minimum=(0.0, 0.0),
)

#: The Rosenbrock function :math:`(1 - x_0)^2 + 100 (x_1 - x_0^2)^2`, a curved
#: valley where plain gradient descent is slow; minimum at (1, 1).
rosenbrock: Objective = Objective(
    name="f(x₀, x₁) = (1 − x₀)² + 100 (x₁ − x₀²)²",
    value=lambda x: (1 - x[0]) ** 2 + 100 * (x[1] - x[0] ** 2) ** 2,
    gradient=lambda x: np.array(
        [-2 * (1 - x[0]) - 400 * x[0] * (x[1] - x[0] ** 2), 200 * (x[1] - x[0] ** 2)]
    ),
    minimum=(1.0, 1.0),
)


def _beale(x: NDArray[np.float64], gradient: bool = False) -> Any:
    """Beale's function at ``x`` (or a grid), or its gradient."""
    x0, x1 = x[0], x[1]
    t1, t2, t3 = 1.5 - x0 + x0 * x1, 2.25 - x0 + x0 * x1**2, 2.625 - x0 + x0 * x1**3
    if not gradient:
        return t1**2 + t2**2 + t3**2
    d0 = 2 * t1 * (x1 - 1) + 2 * t2 * (x1**2 - 1) + 2 * t3 * (x1**3 - 1)
    return np.array([d0, 2 * t1 * x0 + 4 * t2 * x0 * x1 + 6 * t3 * x0 * x1**2])


#: Beale's function :math:`(1.5 - x_0 + x_0 x_1)^2 + (2.25 - x_0 + x_0 x_1^2)^2
#: + (2.625 - x_0 + x_0 x_1^3)^2`: flat plateaus and steep walls, usually drawn
#: on :math:`[-4.5, 4.5]^2`; minimum 0 at (3, 0.5).
beale: Objective = Objective(
    name=(
        "f(x₀, x₁) = (1.5 − x₀ + x₀x₁)² + (2.25 − x₀ + x₀x₁²)² + (2.625 − x₀ + x₀x₁³)²"
    ),
    value=_beale,
    gradient=lambda x: _beale(x, gradient=True),
    minimum=(3.0, 0.5),
)

#: The saddle :math:`x_0^2 - x_1^2`: no minimum; its critical point is the origin.
saddle: Objective = Objective(
    name="f(x₀, x₁) = x₀² − x₁²",
    value=lambda x: x[0] ** 2 - x[1] ** 2,
    gradient=lambda x: np.array([2 * x[0], -2 * x[1]]),
    minimum=None,
    critical_point=(0.0, 0.0),
)


class Quadratic(Objective):  # numpydoc ignore=PR01,EX01
    r"""The quadratic :math:`\frac12 \sum_i \lambda_i x_i^2` of :func:`quadratic`."""

    @checked(eigenvalues=Curvatures)
    def __init__(self, eigenvalues: ArrayLike) -> None:
        lam = cast(np.ndarray, eigenvalues)  # checked(): positive, finite
        dim = lam.size

        def value(x: NDArray[np.float64]) -> ArrayLike:
            if dim == 1:
                return 0.5 * lam[0] * x**2
            return 0.5 * np.tensordot(lam, np.asarray(x) ** 2, axes=1)

        def gradient(x: NDArray[np.float64]) -> ArrayLike:
            return lam[0] * x if dim == 1 else lam * x

        self.eigenvalues: tuple[float, ...] = tuple(lam.tolist())  #: :math:`\lambda_i`.
        self.L: float = max(self.eigenvalues)  #: The largest eigenvalue.
        self.mu: float = min(self.eigenvalues)  #: The smallest eigenvalue.
        self.condition: float = self.L / self.mu  #: :math:`\kappa = L / \mu`.
        if not np.isfinite(self.condition):
            wrong = f"eigenvalues from {self.mu:g} to {self.L:g} have a condition "
            raise ArgumentValueError("eigenvalues", wrong + "number beyond float64's")
        terms = " + ".join(f"{v:g} x{chr(0x2080 + i)}²" for i, v in enumerate(lam))
        many = f"Σ λᵢ xᵢ², {dim} eigenvalues from {self.mu:g} to {self.L:g}"
        name = f"f(x) = ½ {many if dim > 3 else f'({terms})'}"
        super().__init__(name, value, gradient, minimum=(0.0,) * dim)


@checked(eigenvalues=Optional(Curvatures), condition=Optional(Number(1)))
def quadratic(
    eigenvalues: ArrayLike | None = None, *, condition: float | None = None
) -> Quadratic:
    r"""An ill-conditioned quadratic, :math:`f(x) = \frac12 \sum_i \lambda_i x_i^2`.

    Parameters
    ----------
    eigenvalues, condition : array_like of float, or float, optional
        The curvatures :math:`\lambda_i > 0`, one per variable, or the condition number
        :math:`\kappa \ge 1` of eigenvalues :math:`(1, \kappa)`.

    Returns
    -------
    Quadratic
        Gradient :math:`\lambda_i x_i` along each axis, minimum 0 at the origin.

    Examples
    --------
    >>> quadratic(condition=100).eigenvalues
    (1.0, 100.0)
    """
    if (eigenvalues is None) == (condition is None):
        wrong = "give the eigenvalues or the condition number, exactly one"
        raise ArgumentTypeError("eigenvalues", wrong)
    return Quadratic(eigenvalues if condition is None else (1.0, condition))
