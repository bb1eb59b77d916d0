"""Functions to minimise, each with its value, its gradient and its minimum.

Each is an :class:`Objective`: call it for the value at a point, use ``.grad`` for
the gradient there. ``value_at`` evaluates it on arrays of coordinates at once (a
mesh grid), which is how :mod:`gdbook.plot` draws contours and surfaces.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from gdbook._validation import (
    as_float_array,
    check_callable,
    check_str,
    returned_array,
    returned_scalar,
)

__all__ = ["Objective", "bowl", "parabola", "rosenbrock"]


class Objective:
    """A scalar function of ``dim`` variables with its gradient and its minimum.

    Parameters
    ----------
    name : str
        Formula, for titles and legends.
    value : callable
        ``value(x)``: the function at ``x``, an array of ``dim`` coordinates (a
        float for ``dim == 1``). Written with ``x[0], x[1], ...`` it also works
        on stacked coordinates (see :meth:`value_at`).
    gradient : callable
        ``gradient(x)``: the gradient at ``x``, of ``x``'s shape.
    minimum : tuple of float
        A point where the minimum is reached (at least one coordinate).

    Raises
    ------
    TypeError, ValueError
        If ``name`` is not a string, ``value`` or ``gradient`` is not callable,
        or ``minimum`` is not a non-empty sequence of finite real numbers. Calls
        raise them too when the point is not real, finite and of ``dim``
        coordinates, or when ``value`` or ``gradient`` returns something other
        than one real number or an array of the point's shape (the message names
        the callable and the objective).

    Notes
    -----
    At float64's edges a value or a gradient that overflows is ``inf``, without
    a warning (``parabola(1e200)`` is ``inf``): that is float64's answer, and a
    descent that uses the objective reports it as divergence. NaN is never an
    answer: a ``value`` or ``gradient`` that returns one raises ``ValueError``,
    naming it and the point (the objectives here never do at finite points).

    Attributes
    ----------
    name : str
    minimum : tuple of float
    dim : int
        Number of variables, ``len(minimum)``.

    Examples
    --------
    >>> from gdbook import bowl
    >>> bowl([3.0, 4.0]), bowl.grad([3.0, 4.0])
    (25.0, array([6., 8.]))
    >>> bowl
    Objective('f(x₀, x₁) = x₀² + x₁²', minimum=(0.0, 0.0))
    """

    def __init__(
        self,
        name: str,
        value: Callable[[np.ndarray], float],
        gradient: Callable[[np.ndarray], np.ndarray],
        minimum: tuple[float, ...],
    ) -> None:
        self.name = check_str(name, "name")
        self._value = check_callable(value, "value")
        self._gradient = check_callable(gradient, "gradient")
        point = as_float_array(minimum, "minimum", nonempty=True)
        if point.ndim != 1:
            raise ValueError(f"minimum must be a sequence of numbers, got {minimum!r}")
        self.minimum = tuple(point.tolist())
        self.dim = len(self.minimum)

    def __repr__(self) -> str:
        return f"Objective({self.name!r}, minimum={self.minimum})"

    def _point(self, x) -> np.ndarray:
        point = as_float_array(x, "x")
        expected = () if self.dim == 1 else (self.dim,)
        if point.shape != expected and not (self.dim == 1 and point.shape == (1,)):
            raise ValueError(
                f"x must be a point of {self.dim} coordinate(s), shape {expected}, "
                f"got shape {point.shape}"
            )
        return point

    def _called(self, part: str) -> str:
        return f"{part} (of Objective {self.name!r})"

    def _no_nan(self, values, part: str, point) -> None:
        """NaN is never an answer (an overflow gives inf): name who returned it."""
        if np.isnan(values).any():
            where = np.array2string(np.asarray(point), threshold=6)
            raise ValueError(f"{self._called(part)} returned nan at x = {where}")

    def __call__(self, x) -> float:
        """The value at the point ``x``."""
        point = self._point(x)
        with np.errstate(over="ignore", invalid="ignore"):
            value = returned_scalar(self._value(point), self._called("value"))
        self._no_nan(value, "value", point)
        return value

    def grad(self, x) -> np.ndarray:
        """The gradient at ``x``: a new float64 array of ``x``'s shape.

        Examples
        --------
        >>> from gdbook import parabola
        >>> parabola.grad(5.0)
        array(10.)
        """
        point = self._point(x)
        with np.errstate(over="ignore", invalid="ignore"):
            gradient = self._gradient(point)
        gradient = returned_array(
            gradient, self._called("gradient"), point.shape, of="x's shape"
        )
        self._no_nan(gradient, "gradient", point)
        return gradient

    def value_at(self, *coordinates) -> np.ndarray:
        """The value on arrays of coordinates, one array per variable (a mesh grid).

        Examples
        --------
        >>> import numpy as np
        >>> from gdbook import bowl
        >>> X, Y = np.meshgrid([0.0, 1.0], [0.0, 2.0])
        >>> bowl.value_at(X, Y)
        array([[0., 1.],
               [4., 5.]])
        """
        if len(coordinates) != self.dim:
            raise ValueError(
                f"value_at needs {self.dim} array(s) of coordinates, got "
                f"{len(coordinates)}"
            )
        arrays = [
            as_float_array(c, f"coordinates[{i}]") for i, c in enumerate(coordinates)
        ]
        try:
            stacked = np.stack(np.broadcast_arrays(*arrays))
        except ValueError as error:
            raise ValueError(
                "coordinates must broadcast to one shape, got shapes "
                f"{[a.shape for a in arrays]}"
            ) from error
        if self.dim == 1:
            stacked = stacked[0]
        with np.errstate(over="ignore", invalid="ignore"):
            values = self._value(stacked)
        shape = stacked.shape[1:] if self.dim > 1 else stacked.shape
        values = returned_array(
            values, self._called("value"), shape, of="the grid's shape"
        )
        if np.isnan(values).any():
            where = np.argwhere(np.isnan(values))[0]
            point = [float(c[tuple(where)]) for c in np.broadcast_arrays(*arrays)]
            self._no_nan(values, "value", point)
        return values


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
