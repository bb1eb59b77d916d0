"""Test functions of the sources, each with its value and its analytic gradient.

Each objective is a :class:`Objective`: call it for the value, use ``.grad`` for the
gradient. Values accept a single point or, for plotting, arrays of coordinates
(``bowl.value_at(X, Y)`` evaluates on a mesh grid).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from gdbook._validation import as_float_array

__all__ = ["Objective", "bowl", "parabola", "rosenbrock"]


@dataclass(frozen=True)
class Objective:
    """A scalar function with its gradient and the location of its minimum.

    Attributes
    ----------
    name : str
        Formula, for titles and legends.
    value : callable
        ``value(x) -> float`` at a point ``x``.
    gradient : callable
        ``gradient(x) -> ndarray`` of ``x``'s shape.
    minimum : tuple of float
        A point where the minimum is reached.

    Examples
    --------
    >>> from gdbook import bowl
    >>> bowl([3.0, 4.0]), bowl.grad([3.0, 4.0])
    (25.0, array([6., 8.]))
    """

    name: str
    value: Callable[[np.ndarray], float]
    gradient: Callable[[np.ndarray], np.ndarray]
    minimum: tuple[float, ...]

    def __call__(self, x) -> float:
        return float(self.value(as_float_array(x, "x")))

    def grad(self, x) -> np.ndarray:
        """Analytic gradient at ``x``, a new float64 array of ``x``'s shape."""
        return np.asarray(self.gradient(as_float_array(x, "x")), dtype=np.float64)

    def value_at(self, *coordinates) -> np.ndarray:
        """Value on arrays of coordinates (one per variable), e.g. a mesh grid.

        Examples
        --------
        >>> import numpy as np
        >>> from gdbook import bowl
        >>> X, Y = np.meshgrid([0.0, 1.0], [0.0, 2.0])
        >>> bowl.value_at(X, Y)
        array([[0., 1.],
               [4., 5.]])
        """
        stacked = np.stack(np.broadcast_arrays(*map(np.asarray, coordinates)))
        return np.asarray(self.value(stacked), dtype=np.float64)


#: :math:`f(x) = x^2`, the parabola of the first source; minimum at 0.
parabola = Objective(
    name="f(x) = x²",
    value=lambda x: x**2,
    gradient=lambda x: 2 * x,
    minimum=(0.0,),
)

#: :math:`f(x_0, x_1) = x_0^2 + x_1^2`, the bowl; minimum at the origin.
bowl = Objective(
    name="f(x₀, x₁) = x₀² + x₁²",
    value=lambda x: x[0] ** 2 + x[1] ** 2,
    gradient=lambda x: 2 * x,
    minimum=(0.0, 0.0),
)

#: The Rosenbrock function :math:`(1 - x_0)^2 + 100 (x_1 - x_0^2)^2`, a curved
#: valley where plain gradient descent is slow; minimum at (1, 1).
rosenbrock = Objective(
    name="f(x₀, x₁) = (1 − x₀)² + 100 (x₁ − x₀²)²",
    value=lambda x: (1 - x[0]) ** 2 + 100 * (x[1] - x[0] ** 2) ** 2,
    gradient=lambda x: np.array(
        [
            -2 * (1 - x[0]) - 400 * x[0] * (x[1] - x[0] ** 2),
            200 * (x[1] - x[0] ** 2),
        ]
    ),
    minimum=(1.0, 1.0),
)
