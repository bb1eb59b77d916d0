"""
The numerical gradient and the gradient field
=============================================

For a function of several variables, :math:`f(x_0, x_1) = x_0^2 + x_1^2`, the
*gradient*
:math:`\\nabla f = (\\partial f / \\partial x_0, \\partial f / \\partial x_1)`
collects the partial derivatives (each one the derivative in one variable, the
others held fixed) into a vector. It points the way :math:`f` increases fastest, so
:math:`-\\nabla f` points downhill: drawn at many points it becomes a field of arrows
towards the minimum (:ref:`background-partial-derivatives`). Source 003 computes
the gradient numerically (E09) and draws the field (E10).
"""

# %%
# :func:`gdbook.plot.gradient_field` evaluates the gradient on a grid and draws
# :math:`-\nabla f` as arrows, to scale. Every arrow points to the minimum at the
# origin, longer the farther from it, since :math:`\|\nabla f\| = 2\|x\|`.
import functools

import matplotlib.pyplot as plt
import numpy as np

import gdbook
from gdbook.plot import gradient_field


def f(x):
    return x[0] ** 2 + x[1] ** 2


fig, ax = plt.subplots(figsize=(5.5, 5.5))
gradient_field(functools.partial(gdbook.numerical_gradient, f), ax=ax, num=15)
ax.plot(0, 0, "o", color="C3", label="minimum (0, 0)")
ax.set_title("Arrows of −∇f for f = x₀² + x₁² point to the minimum")
ax.legend(loc="upper right")
plt.show()

# %%
# The loop in numpy
# -----------------
# One central difference per coordinate: move that coordinate by :math:`\pm h`,
# hold the others fixed. The loop works on a float copy of the point, so the
# caller's array is never touched:


def numerical_gradient(f, x, h=1e-4):
    x = np.array(x, dtype=float)  # a private float copy
    grad = np.zeros_like(x)
    for i in range(x.size):
        saved = x[i]
        x[i] = saved + h
        f_plus = f(x)
        x[i] = saved - h
        f_minus = f(x)
        grad[i] = (f_plus - f_minus) / (2 * h)
        x[i] = saved  # put the coordinate back before the next one
    return grad


print("gradient at (3, 4):", numerical_gradient(f, [3.0, 4.0]))

# %%
# :func:`gdbook.numerical_gradient` is the same loop, with checks on its arguments:
print("gdbook.numerical_gradient:", gdbook.numerical_gradient(f, np.array([3.0, 4.0])))

# %%
# What it shows
# -------------
# The exact gradient is :math:`(2 x_0, 2 x_1) = (6, 8)`. It points *uphill*: a step
# of 0.01 along it raises :math:`f` from 25 to 26.01, the same step against it
# lowers :math:`f` to 24.01. That is why gradient descent steps along
# :math:`-\nabla f`, the arrows of the figure.
p = np.array([3.0, 4.0])
g = gdbook.numerical_gradient(f, p)
print("f at (3, 4):", f(p))
print("f after a step along the gradient:", round(f(p + 0.01 * g), 12))
print("f after a step against the gradient:", round(f(p - 0.01 * g), 12))

# %%
# On a round bowl :math:`-\nabla f` aims at the minimum; on others it does not:
# :ref:`sphx_glr_auto_examples_01_derivatives_plot_gradient_direction.py`.
#
# The source, checked
# -------------------
# The source's code is the book it follows, Koki Saito's *Deep Learning from
# Scratch*: the same loop, written on the caller's array, and its example, with
# what it prints, the exact value of E09, ``[6. 8.]``:


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


def func_1(x):
    return x[0] ** 2 + x[1] ** 2


res = _numerical_gradient_no_batch(func_1, np.array([3.0, 4.0]))
print(res)
print("same bits as gdbook:", np.array_equal(res, gdbook.numerical_gradient(f, p)))

# %%
# **Why** ``tmp_val``. The loop moves one coordinate *in the array itself*, so it
# saves it in ``tmp_val`` and puts it back once both values of :math:`f` are taken
# (the source: "use ``tmp_val`` to keep the number before the change, and restore
# everything after the partial derivative"; its 求編導 is a typo for 求偏導, "take
# the partial derivative", :ref:`errata-003-typo`). The four points at which ``f``
# is evaluated, and the point after the call:
evaluated = []


def recording_func_1(x):
    """func_1, noting each point it is evaluated at."""
    evaluated.append(x.copy())
    return func_1(x)


point = np.array([3.0, 4.0])
_numerical_gradient_no_batch(recording_func_1, point)
for q in evaluated:
    print(q)
print("the point after the call:", point)


# %%
# Without the restore (``x[idx] = tmp_val``) the next partial is taken at a moved
# point, and the caller's point is left moved. On :math:`g(x) = x_0 x_1`, whose
# exact gradient at :math:`(3, 4)` is :math:`(4, 3)`:
def gradient_without_restore(f, x):
    """The book's loop without ``x[idx] = tmp_val``: what the restore is for."""
    h = 1e-4
    grad = np.zeros_like(x)
    for idx in range(x.size):
        tmp_val = x[idx]
        x[idx] = float(tmp_val) + h
        fxh1 = f(x)
        x[idx] = tmp_val - h
        fxh2 = f(x)
        grad[idx] = (fxh1 - fxh2) / (2 * h)
    return grad


point = np.array([3.0, 4.0])
print("without restore, gradient of x0*x1:", end=" ")
print(gradient_without_restore(lambda x: x[0] * x[1], point))
print("without restore, the point after the call:", point)

# %%
# .. note:: **Erratum (source 003).** The book's ``_numerical_gradient_no_batch``
#    writes into the caller's array while it works, and on an integer array it
#    truncates: ``x[idx] = 3 + 1e-4`` stores 3, so ``np.array([3, 4])`` gives
#    ``[25000 35000]``. :func:`gdbook.numerical_gradient` works on a float64 copy; it
#    returns the same bits as the book's loop on float input, the right answer on
#    integer input, and leaves its argument alone. See
#    :ref:`errata-003-in-place`.
integer_point = np.array([3, 4])
print("gdbook, integer point:", gdbook.numerical_gradient(func_1, integer_point))
print("integer point after the call:", integer_point)
print("book, integer point:", _numerical_gradient_no_batch(func_1, np.array([3, 4])))

# %%
# .. note:: **Erratum (source 003).** The source says that the gradient points to
#    the minimum and, "strictly speaking", in the direction in which the function
#    decreases most. Both are true of :math:`-\nabla f`, the *negative* gradient:
#    the gradient itself points the way :math:`f` *increases* fastest (the 26.01
#    and 24.01 above), and the book's own code for the field draws ``-grad``. And
#    even :math:`-\nabla f` points at the minimum only on a round bowl, as the
#    source itself warns
#    (:ref:`sphx_glr_auto_examples_01_derivatives_plot_gradient_direction.py`).
#    See :ref:`errata-003-direction`.
