"""
The numerical gradient and the gradient field
=============================================

Source 003 collects the partial derivatives of :math:`f(x_0, x_1) = x_0^2 + x_1^2`
into one vector, the gradient (E09), and then draws it at many points (E10): the
arrows of :math:`-\\nabla f` point to the minimum, and they are longer far from it.

.. note:: **Erratum (source 003).** The book's ``_numerical_gradient_no_batch``
   writes into the caller's array while it works, and on an integer array it
   truncates: ``x[idx] = 3 + 1e-4`` stores 3, so ``np.array([3, 4])`` gives
   ``[25000 35000]``. :func:`gdbook.numerical_gradient` works on a float64 copy; it
   returns the same bits as the book's loop on float input, the right answer on
   integer input, and leaves its argument alone.
"""

# %%
# Compute
# -------
# The gradient at :math:`(3, 4)`. The exact one is :math:`(2 x_0, 2 x_1) = (6, 8)`.
import numpy as np

from gdbook import numerical_gradient


def func_1(x):
    """The source's function: x0**2 + x1**2."""
    return x[0] ** 2 + x[1] ** 2


point = np.array([3.0, 4.0])
gradient = numerical_gradient(func_1, point)
print(gradient)

# %%
# Integer input gives the same answer, and the argument is not modified:
integer_point = np.array([3, 4])
print(numerical_gradient(func_1, integer_point), integer_point)


# %%
# What the book's loop does with the same integer array (reproduced here so the
# difference can be seen): it truncates every perturbed coordinate back to an integer.
def book_numerical_gradient(f, x):
    """The source's ``_numerical_gradient_no_batch``, verbatim but for layout."""
    h = 1e-4
    grad = np.zeros_like(x)
    for idx in range(x.size):
        tmp_val = x[idx]
        x[idx] = float(tmp_val) + h
        fxh1 = f(x)
        x[idx] = tmp_val - h
        fxh2 = f(x)
        grad[idx] = (fxh1 - fxh2) / (2 * h)
        x[idx] = tmp_val
    return grad


print(book_numerical_gradient(func_1, np.array([3, 4])))

# %%
# Plot: the gradient field
# ------------------------
# :func:`gdbook.plot.gradient_field` evaluates the gradient on a grid and draws
# :math:`-\nabla f` as arrows, to scale. Every arrow points to the minimum at the
# origin, and the arrows grow with the distance from it, since
# :math:`\|\nabla f\| = 2\|x\|`.
import functools

import matplotlib.pyplot as plt

from gdbook.plot import gradient_field

fig, ax = plt.subplots(figsize=(6, 6))
gradient_field(functools.partial(numerical_gradient, func_1), ax=ax, num=15)
ax.plot(0, 0, "o", color="C3", label="minimum (0, 0)")
ax.set_title("Arrows of −∇f for f = x₀² + x₁² point to the minimum")
ax.legend(loc="upper right")
plt.show()
