"""Functions to minimise, each with its value, its gradient and its minimum.

Each is an :class:`Objective`: call it for the value at a point, use ``.grad`` for
the gradient there. ``value_at`` evaluates it on arrays of coordinates at once (a
mesh grid), which is how :mod:`gdbook.plot` draws contours and surfaces.

The sources' functions (:data:`parabola`, :data:`bowl`) are easy: plain gradient
descent reaches their minimum quickly. The others are where it struggles and the
optimizers of :mod:`gdbook.optimizers` differ: an ill-conditioned :func:`quadratic`
(a long narrow valley), the curved valley of :data:`rosenbrock`, the flat plateaus
and steep walls of :data:`beale`, and a :data:`saddle`, which has no minimum.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from gdbook._validation import (
    as_eigenvalues,
    as_float_array,
    as_vector,
    check_callable,
    check_real_at_least,
    check_str,
    returned_array,
    returned_scalar,
)

__all__ = [
    "Objective",
    "Quadratic",
    "beale",
    "bowl",
    "parabola",
    "quadratic",
    "rosenbrock",
    "saddle",
]


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
    minimum : tuple of float or None
        A point where the minimum is reached; None for a function that has no
        minimum (it is unbounded below, like :data:`saddle`).
    critical_point : tuple of float, optional
        A point where the gradient vanishes, by default ``minimum``. Give it when
        ``minimum`` is None: it sets ``dim``, and it is where descent can stall.

    Raises
    ------
    TypeError, ValueError
        If ``name`` is not a string, ``value`` or ``gradient`` is not callable,
        neither ``minimum`` nor ``critical_point`` is given, or they are not
        non-empty sequences of finite real numbers of one length. Calls raise
        them too when the point is not real, finite and of ``dim`` coordinates,
        or when ``value`` or ``gradient`` returns something other than one real
        number or an array of the point's shape (the message names the callable
        and the objective).

    Notes
    -----
    At float64's edges a value or a gradient that overflows is ``inf``, without
    a warning (``parabola(1e200)`` is ``inf``): that is float64's answer, and a
    descent that uses the objective reports it as divergence. NaN is never an
    answer: a ``value`` or ``gradient`` that comes out NaN raises ``ValueError``,
    naming it and the point (of the objectives here, only :data:`saddle` does,
    where :math:`x_0^2` and :math:`x_1^2` both overflow: ``inf - inf``).

    Attributes
    ----------
    name : str
    minimum : tuple of float or None
    critical_point : tuple of float
    dim : int
        Number of variables, ``len(critical_point)``.

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
        minimum: tuple[float, ...] | None,
        critical_point: tuple[float, ...] | None = None,
    ) -> None:
        self.name = check_str(name, "name")
        self._value = check_callable(value, "value")
        self._gradient = check_callable(gradient, "gradient")
        if minimum is None and critical_point is None:
            raise TypeError("give the minimum, or a critical_point when there is none")
        if minimum is not None:
            minimum = tuple(as_vector(minimum, "minimum").tolist())
        if critical_point is not None:
            critical_point = tuple(as_vector(critical_point, "critical_point").tolist())
            if minimum is not None and len(minimum) != len(critical_point):
                raise ValueError("minimum and critical_point must have one length")
        self.minimum = minimum
        self.critical_point = minimum if critical_point is None else critical_point
        self.dim = len(self.critical_point)

    def __repr__(self) -> str:
        if self.minimum is None:
            return (
                f"Objective({self.name!r}, minimum=None, "
                f"critical_point={self.critical_point})"
            )
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


def _beale_terms(x):
    """The three squared terms of Beale's function, before squaring."""
    return (
        1.5 - x[0] + x[0] * x[1],
        2.25 - x[0] + x[0] * x[1] ** 2,
        2.625 - x[0] + x[0] * x[1] ** 3,
    )


def _beale_gradient(x):
    t1, t2, t3 = _beale_terms(x)
    return np.array(
        [
            2 * t1 * (x[1] - 1) + 2 * t2 * (x[1] ** 2 - 1) + 2 * t3 * (x[1] ** 3 - 1),
            2 * t1 * x[0] + 4 * t2 * x[0] * x[1] + 6 * t3 * x[0] * x[1] ** 2,
        ]
    )


#: Beale's function :math:`(1.5 - x_0 + x_0 x_1)^2 + (2.25 - x_0 + x_0 x_1^2)^2
#: + (2.625 - x_0 + x_0 x_1^3)^2`: flat plateaus and steep walls, usually drawn
#: on :math:`[-4.5, 4.5]^2`; minimum 0 at (3, 0.5).
beale = Objective(
    name=(
        "f(x₀, x₁) = (1.5 − x₀ + x₀x₁)² + (2.25 − x₀ + x₀x₁²)² + (2.625 − x₀ + x₀x₁³)²"
    ),
    value=lambda x: sum(t**2 for t in _beale_terms(x)),
    gradient=_beale_gradient,
    minimum=(3.0, 0.5),
)

#: The saddle :math:`f(x_0, x_1) = x_0^2 - x_1^2`. It has no minimum (it falls
#: without bound along :math:`x_1`), so its ``minimum`` is None; its one critical
#: point, the origin, is a saddle point: the lowest point along :math:`x_0`, the
#: highest along :math:`x_1`. Gradient descent started on the :math:`x_0` axis
#: walks into it and stops there; started anywhere else, it slides past it.
saddle = Objective(
    name="f(x₀, x₁) = x₀² − x₁²",
    value=lambda x: x[0] ** 2 - x[1] ** 2,
    gradient=lambda x: np.array([2 * x[0], -2 * x[1]]),
    minimum=None,
    critical_point=(0.0, 0.0),
)


class Quadratic(Objective):
    r"""The quadratic :math:`\frac12 \sum_i \lambda_i x_i^2` of :func:`quadratic`.

    An :class:`Objective` whose Hessian is the diagonal matrix of its
    eigenvalues, so the constants of the convergence theory can be read off.

    Raises
    ------
    TypeError, ValueError
        If an eigenvalue is not a positive finite number, or their ratio (the
        condition number) overflows float64.

    Attributes
    ----------
    eigenvalues : tuple of float
        :math:`\lambda_i`, the curvature along each axis.
    L : float
        The largest eigenvalue, the Lipschitz constant of the gradient
        (smoothness): :math:`\|\nabla f(x) - \nabla f(y)\| \le L \|x - y\|`.
    mu : float
        The smallest eigenvalue, the strong-convexity constant :math:`\mu`.
    condition : float
        The condition number :math:`\kappa = L / \mu \ge 1`: how much steeper
        the steepest direction is than the flattest.

    Examples
    --------
    >>> from gdbook import quadratic
    >>> f = quadratic([1.0, 10.0])
    >>> f
    Objective('f(x) = ½ (1 x₀² + 10 x₁²)', minimum=(0.0, 0.0))
    >>> print(f.L, f.mu, f.condition)
    10.0 1.0 10.0
    """

    def __init__(self, eigenvalues: tuple[float, ...]) -> None:
        self.eigenvalues = as_eigenvalues(eigenvalues, "eigenvalues")
        self.L = max(self.eigenvalues)
        self.mu = min(self.eigenvalues)
        self.condition = self.L / self.mu
        if not np.isfinite(self.condition):
            raise ValueError(
                f"eigenvalues from {self.mu:g} to {self.L:g} have a condition number "
                "beyond float64's range"
            )
        dim = len(self.eigenvalues)
        curvatures = np.array(self.eigenvalues)
        if dim <= 3:
            terms = " + ".join(
                f"{v:g} x{chr(0x2080 + i)}²" for i, v in enumerate(self.eigenvalues)
            )
            name = f"f(x) = ½ ({terms})"
        else:
            name = (
                f"f(x) = ½ Σ λᵢ xᵢ², {dim} eigenvalues from {self.mu:g} to {self.L:g}"
            )

        def value(x):
            if dim == 1:
                return 0.5 * curvatures[0] * x**2
            return 0.5 * np.tensordot(curvatures, np.asarray(x) ** 2, axes=1)

        def gradient(x):
            return curvatures[0] * x if dim == 1 else curvatures * x

        super().__init__(name, value, gradient, minimum=(0.0,) * dim)


def quadratic(eigenvalues=None, *, condition: float | None = None) -> Quadratic:
    r"""An ill-conditioned quadratic: :math:`f(x) = \frac12 \sum_i \lambda_i x_i^2`.

    Parameters
    ----------
    eigenvalues : array_like of float, optional
        The curvatures :math:`\lambda_i` along the axes, positive and finite; one
        per variable.
    condition : float, optional
        Instead of ``eigenvalues``: the condition number :math:`\kappa \ge 1` of
        a quadratic of two variables with eigenvalues :math:`(1, \kappa)`, flat
        along :math:`x_0` and steep along :math:`x_1`. Give one of the two.

    Returns
    -------
    Quadratic
        With its constants ``L``, ``mu`` and ``condition``.

    Raises
    ------
    TypeError
        If both or neither of ``eigenvalues`` and ``condition`` are given.
    ValueError
        If an eigenvalue is not positive and finite, ``condition`` is below 1 or
        not finite, or the eigenvalues' ratio overflows float64.

    Notes
    -----
    The gradient is :math:`\lambda_i x_i` along each axis, and the minimum 0 is at
    the origin. Gradient descent with step :math:`\eta` multiplies coordinate
    :math:`i` by :math:`1 - \eta \lambda_i` at each step: it converges for
    :math:`0 < \eta < 2/L`, and the best fixed step :math:`\eta = 2/(L + \mu)`
    shrinks the distance to the minimum by :math:`(\kappa - 1)/(\kappa + 1)` per
    step, close to 1 when :math:`\kappa` is large. Any quadratic with a
    symmetric positive definite Hessian is this one in the axes of its
    eigenvectors, so rotating it changes nothing of the above.

    Examples
    --------
    >>> from gdbook import gradient_descent, quadratic
    >>> f = quadratic(condition=100)
    >>> print(f.eigenvalues, f.condition)
    (1.0, 100.0) 100.0
    >>> print(f([1.0, 1.0]), f.grad([1.0, 1.0]))
    50.5 [  1. 100.]

    The best fixed step shrinks both coordinates by :math:`99/101` a step:

    >>> trace = gradient_descent(f.grad, [1.0, 1.0], lr=2 / (f.L + f.mu), steps=1)
    >>> print(trace.x)
    [ 0.98019802 -0.98019802]
    """
    if (eigenvalues is None) == (condition is None):
        raise TypeError("give the eigenvalues or the condition number, exactly one")
    if condition is not None:
        eigenvalues = (1.0, check_real_at_least(condition, "condition", 1.0))
    return Quadratic(as_eigenvalues(eigenvalues, "eigenvalues"))
