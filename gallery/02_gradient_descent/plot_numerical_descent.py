"""
Gradient descent with the numerical gradient
============================================

Source 003 (E11) runs the gradient method on :math:`f(x_0, x_1) = x_0^2 + x_1^2`
without a formula for the gradient: each step estimates it by central differences
(:func:`gdbook.numerical_gradient`) and moves against it,

.. math:: x \\leftarrow x - \\eta\\, \\nabla f(x), \\qquad \\eta = 0.1,

20 times from :math:`(-3, 4)`. The result is close to the minimum at the origin.

.. note:: **Erratum (source 003).** The book's ``gradient_descent`` starts with
   ``x = init_x`` and updates with ``x -= lr * grad``, which modifies the caller's
   array: after the call, ``init_x`` holds the final point, not the start. Its
   ``x_history`` appends each point *before* the update, so it holds 20 points and
   misses the final one (and an integer ``init_x`` stops it with a
   ``UFuncTypeError``: ``x -= lr * grad`` cannot store floats in an integer array).
   :func:`gdbook.gradient_descent` copies the start to float64, leaves it alone,
   and returns a :class:`gdbook.Trace` with all 21 points, start and end.
"""

# %%
# Compute
# -------
# The gradient is passed as a function: the numerical gradient of the source's
# ``function_2``.
import functools

import numpy as np

from gdbook import gradient_descent, numerical_gradient


def function_2(x):
    """The source's function: x0**2 + x1**2."""
    return x[0] ** 2 + x[1] ** 2


init_x = np.array([-3.0, 4.0])
trace = gradient_descent(
    functools.partial(numerical_gradient, function_2), init_x, lr=0.1, steps=20
)
print(trace.x)

# %%
# The trace has the start and the end, and the start array is untouched:
print("points:", len(trace.xs), "first:", trace.xs[0], "last:", trace.xs[-1])
print("init_x after the run:", init_x)


# %%
# The book's loop, reproduced to show the difference (with gdbook's numerical
# gradient, which gives the same bits as the book's): the same final point, but the
# caller's start is overwritten and the history stops one point short.
def book_gradient_descent(f, init_x, lr=0.01, step_num=100):
    """The source's ``gradient_descent``, verbatim but for layout (and ``_``)."""
    x = init_x
    x_history = []
    for _ in range(step_num):
        x_history.append(x.copy())
        grad = numerical_gradient(f, x)
        x -= lr * grad
    return x, np.array(x_history)


book_init_x = np.array([-3.0, 4.0])
book_x, book_history = book_gradient_descent(function_2, book_init_x, 0.1, 20)
print("book's x:", book_x, "same as gdbook's:", np.array_equal(book_x, trace.x))
print("book's init_x after the run:", book_init_x)
print("book's history:", len(book_history), "points, last:", book_history[-1])

# %%
# Plot
# ----
# The source's figure: the points of the path, the axes as dashed blue lines, and
# its limits :math:`x_0 \in [-3.5, 3.5]`, :math:`x_1 \in [-4.5, 4.5]`. Behind them,
# the contour lines of :math:`f` (:func:`gdbook.plot.path_on_contour`): the path runs
# straight to the origin, with steps shrinking by the factor
# :math:`1 - 2\eta = 0.8` each time.
import matplotlib.pyplot as plt

from gdbook.plot import path_on_contour

fig, ax = plt.subplots(figsize=(5.5, 6))
ax.plot([-5, 5], [0, 0], "--b")
ax.plot([0, 0], [-5, 5], "--b")
path_on_contour(
    function_2,
    trace,
    xlim=(-3.5, 3.5),
    ylim=(-4.5, 4.5),
    ax=ax,
    labels=("X0", "X1"),
    linestyle="none",
    label="x_k, k = 0 … 20",
)
ax.set_title("Gradient descent with the numerical gradient, lr = 0.1")
plt.show()
