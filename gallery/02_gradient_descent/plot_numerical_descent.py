"""
Gradient descent with the numerical gradient
============================================

Gradient descent needs no formula for the gradient: each step can estimate it by
central differences
(:ref:`sphx_glr_auto_examples_01_derivatives_plot_numerical_gradient.py`) and move
against it, :math:`w \\leftarrow w - \\eta \\nabla L(w)`. Source 003 (E11)
does this on :math:`L(x_0, x_1) = x_0^2 + x_1^2` from :math:`(-3, 4)` with learning
rate :math:`\\eta = 0.1` for 20 steps, and lands close to the minimum at the origin.
"""

# %%
# :func:`gdbook.gradient_descent` given :func:`gdbook.numerical_gradient` as the
# gradient; :func:`gdbook.plot.descent_path` draws the 21 points over the
# contour lines of :math:`L`, with the source's dashed axes and limits.
import functools

import matplotlib.pyplot as plt
import numpy as np

import gdbook
from gdbook.plot import descent_path


def loss(w):
    return w[0] ** 2 + w[1] ** 2


grad = functools.partial(gdbook.numerical_gradient, loss)
trace = gdbook.gradient_descent(grad, np.array([-3.0, 4.0]), lr=0.1, steps=20)
fig, ax = plt.subplots(figsize=(5.5, 6))
ax.plot([-5, 5], [0, 0], "--b")
ax.plot([0, 0], [-5, 5], "--b")
descent_path(
    loss, trace, xlim=(-3.5, 3.5), ylim=(-4.5, 4.5), ax=ax, labels=("X0", "X1"),
    linestyle="none", label="w_k, k = 0 … 20",
)  # fmt: skip
ax.set_title("Gradient descent with the numerical gradient, η = 0.1")
plt.show()

# %%
# The loop in numpy
# -----------------
# The numerical gradient replaces the formula; the loop is unchanged:
lr = 0.1
w = np.array([-3.0, 4.0])
ws = [w]
for _ in range(20):
    w = w - lr * gdbook.numerical_gradient(loss, w)
    ws.append(w)
print(f"w after 20 steps: ({w[0]:.4f}, {w[1]:.4f})")

# %%
# What it shows
# -------------
# One step, worked out: at :math:`(0, 2)` the gradient is :math:`(2 x_0, 2 x_1) =
# (0, 4)`; the update is :math:`\eta` times it, :math:`(0, 0.4)`, and the new point
# :math:`(0, 2) - (0, 0.4) = (0, 1.6)`. :math:`\eta` is a factor: it sets how far
# a step goes, in proportion to the gradient.
point = np.array([0.0, 2.0])
gradient_at_point = gdbook.numerical_gradient(loss, point)
print("gradient at (0, 2):", gradient_at_point.round(6))
print("update lr * gradient:", (lr * gradient_at_point).round(6))
print("new point:", (point - lr * gradient_at_point).round(6))

# %%
# Each step multiplies the point by :math:`1 - 2\eta = 0.8`, so the path runs
# straight to the origin with shrinking steps:
print(" k      x0      x1")
for k in (0, 1, 2, 5, 10, 20):
    print(f"{k:2d} {trace.xs[k, 0]:7.3f} {trace.xs[k, 1]:7.3f}")

# %%
# How large :math:`\eta` may be, and what goes wrong outside that range, is the next
# page, :ref:`sphx_glr_auto_examples_02_gradient_descent_plot_learning_rates.py`.
#
# The source, checked
# -------------------
# The book's ``numerical_gradient`` (from its ``gradient_2d.py``: the loop over the
# coordinates, row by row for a 2-D array), then the source's listing as printed:
# its ``gradient_descent``, its ``function_2``, the run, and what it prints, the
# exact value of E11:


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
print("gdbook, same bits:", np.array_equal(trace.x, x))
print("the page's numpy loop, same bits:", np.array_equal(ws, trace.xs))

# %%
# .. note:: **Erratum (source 003).** The book's ``gradient_descent`` starts with
#    ``x = init_x`` and updates with ``x -= lr * grad``, which modifies the caller's
#    array: after the call, ``init_x`` holds the final point, not the start. Its
#    ``x_history`` appends each point *before* the update, so it holds 20 points and
#    misses the final one (and an integer ``init_x`` stops it with a
#    ``UFuncTypeError``: ``x -= lr * grad`` cannot store floats in an integer array).
#    :func:`gdbook.gradient_descent` copies the start to float64, leaves it alone,
#    and returns a :class:`gdbook.Trace` with all 21 points, start and end. See
#    :ref:`errata-003-gradient-descent`.
print("book's init_x after the run:", init_x)
print("book's history:", len(x_history), "points, last:", x_history[-1])
print("gdbook's trace:", len(trace.xs), "points, first:", trace.xs[0])
print("same history but the last point:", np.array_equal(trace.xs[:-1], x_history))

# %%
# .. note:: **Erratum (source 003).** The listing does not run as printed: it
#    imports ``numerical_gradient`` from ``gradient_2d``, a file of the book's code
#    that the source neither shows nor names (``ModuleNotFoundError: No module
#    named 'gradient_2d'``); it is defined again above (:ref:`errata-003-imports`).
#    The source also says that :math:`\eta` "is the amount of the update" and that
#    the gradient times the learning rate "gives the new value": :math:`\eta` is a
#    factor, the update is :math:`\eta \nabla L` and the new value
#    :math:`w - \eta \nabla L`, as worked out above at :math:`(0, 2)`
#    (:ref:`errata-003-eta`). And it speaks of "walking along the gradient" where
#    the formula walks against it (:ref:`errata-003-direction`).
#
# The worked step by the book's own code, exactly:
gradient_at_point = numerical_gradient(function_2, point.copy())
print("book, gradient at (0, 2):", gradient_at_point)
print("book, new point:", point - lr * gradient_at_point)
