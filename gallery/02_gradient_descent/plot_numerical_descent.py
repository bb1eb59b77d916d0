"""
Gradient descent with the numerical gradient
============================================

Source 003 (E11) runs the *gradient method* on :math:`f(x_0, x_1) = x_0^2 + x_1^2`
without a formula for the gradient: each step estimates it by central differences
and moves against it,

.. math::

   x_0 \\leftarrow x_0 - \\eta \\frac{\\partial f}{\\partial x_0}, \\qquad
   x_1 \\leftarrow x_1 - \\eta \\frac{\\partial f}{\\partial x_1}, \\qquad
   \\eta = 0.1,

20 times from :math:`(-3, 4)`. The result is close to the minimum at the origin.
:math:`\\eta` is the *learning rate*: it sets how far each step goes, in proportion to
the gradient.

.. note:: **Erratum (source 003).** The book's ``gradient_descent`` starts with
   ``x = init_x`` and updates with ``x -= lr * grad``, which modifies the caller's
   array: after the call, ``init_x`` holds the final point, not the start. Its
   ``x_history`` appends each point *before* the update, so it holds 20 points and
   misses the final one (and an integer ``init_x`` stops it with a
   ``UFuncTypeError``: ``x -= lr * grad`` cannot store floats in an integer array).
   :func:`gdbook.gradient_descent` copies the start to float64, leaves it alone,
   and returns a :class:`gdbook.Trace` with all 21 points, start and end. See
   :ref:`errata-003-gradient-descent`.

.. note:: **Erratum (source 003).** The listing does not run as printed: it imports
   ``numerical_gradient`` from ``gradient_2d``, a file of the book's code that the
   source neither shows nor names (``ModuleNotFoundError: No module named
   'gradient_2d'``). It is the loop of
   :ref:`sphx_glr_auto_examples_01_derivatives_plot_numerical_gradient.py`, defined
   again below (:ref:`errata-003-imports`). The source also says that
   :math:`\\eta` "is the amount of the update" and that the gradient times the
   learning rate "gives the new value":
   :math:`\\eta` is a factor, the update is :math:`\\eta \\nabla f` (at
   :math:`(0, 2)`: :math:`(0, 0.4)`), and the new value is
   :math:`x - \\eta \\nabla f` (:math:`(0, 1.6)`), as computed below
   (:ref:`errata-003-eta`). And it speaks of "walking along the gradient" where the
   formula walks against it (:ref:`errata-003-direction`).
"""

# %%
# The source's code
# -----------------
# The book's ``numerical_gradient`` (from its ``gradient_2d.py``: the loop over the
# coordinates, row by row for a 2-D array), then the source's listing as printed:
# its ``gradient_descent``, its ``function_2``, the run, and what it prints.
import numpy as np


def _numerical_gradient_no_batch(f, x):
    h = 1e-4  # 0.0001
    grad = np.zeros_like(x)
    for idx in range(x.size):
        tmp_val = x[idx]
        x[idx] = float(tmp_val) + h
        fxh1 = f(x)  # f(x+h)
        x[idx] = tmp_val - h
        fxh2 = f(x)  # f(x-h)
        grad[idx] = (fxh1 - fxh2) / (2 * h)
        x[idx] = tmp_val  # restore the value
    return grad


def numerical_gradient(f, X):
    if X.ndim == 1:
        return _numerical_gradient_no_batch(f, X)
    grad = np.zeros_like(X)
    for idx, x in enumerate(X):
        grad[idx] = _numerical_gradient_no_batch(f, x)
    return grad


def gradient_descent(f, init_x, lr=0.01, step_num=100):
    x = init_x
    x_history = []
    for _ in range(step_num):
        x_history.append(x.copy())
        grad = numerical_gradient(f, x)
        x -= lr * grad
    return x, np.array(x_history)


def function_2(x):
    return x[0] ** 2 + x[1] ** 2


init_x = np.array([-3.0, 4.0])
lr = 0.1
step_num = 20
x, x_history = gradient_descent(function_2, init_x, lr=lr, step_num=step_num)
print(x)

# %%
# The source's worked example of one step: at :math:`(x_0, x_1) = (0, 2)` the
# gradient is :math:`(2 x_0, 2 x_1) = (0, 4)`, and a step with :math:`\eta = 0.1`
# subtracts :math:`\eta` times it. With the numerical gradient:
point = np.array([0.0, 2.0])
gradient_at_point = numerical_gradient(function_2, point.copy())
print("gradient at (0, 2):", gradient_at_point)
print("update lr * gradient:", lr * gradient_at_point)
print("new point:", point - lr * gradient_at_point)

# %%
# With gdbook
# -----------
# :func:`gdbook.gradient_descent` takes the gradient as a function: here the
# numerical gradient of ``function_2``, :func:`gdbook.numerical_gradient`. It
# reaches the same point, to the last bit, keeps the start and the end, and leaves
# its start array alone:
import functools

import gdbook

start = np.array([-3.0, 4.0])
trace = gdbook.gradient_descent(
    functools.partial(gdbook.numerical_gradient, function_2), start, lr=0.1, steps=20
)
print("gdbook:", trace.x)
print("same bits:", np.array_equal(trace.x, x))
print("points:", len(trace.xs), "first:", trace.xs[0], "last:", trace.xs[-1])
print("start after the run:", start)

# %%
# The book's loop, by contrast, has overwritten the caller's start, and its history
# stops one point short of the end:
print("book's init_x after the run:", init_x)
print("book's history:", len(x_history), "points, last:", x_history[-1])
print("same history but the last point:", np.array_equal(trace.xs[:-1], x_history))

# %%
# Plot
# ----
# The source's figure: the points of the path, the axes as dashed blue lines, and
# its limits :math:`x_0 \in [-3.5, 3.5]`, :math:`x_1 \in [-4.5, 4.5]`. Behind them,
# the contour lines of :math:`f` (:func:`gdbook.plot.path_on_contour`), and the
# points of the trace, the final one included: the path runs straight to the
# origin, with steps shrinking by the factor :math:`1 - 2\eta = 0.8` each time.
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
