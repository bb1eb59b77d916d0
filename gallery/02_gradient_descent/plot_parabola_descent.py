"""
Gradient descent on the parabola
================================

Source 000 (E02) minimises :math:`f(x) = x^2` by gradient descent: start at
:math:`x_0 = 5`, and 50 times step against the derivative :math:`f'(x) = 2x`,

.. math:: x_{k+1} = x_k - \\eta f'(x_k) = (1 - 2\\eta)\\, x_k, \\qquad \\eta = 0.1.

Each step multiplies :math:`x` by :math:`1 - 2\\eta = 0.8`, so the iterates have a
closed form, :math:`x_k = (1 - 2\\eta)^k x_0 = 5 \\cdot 0.8^k`, and the page checks the
run against it. The figure is the source's: the curve on :math:`[-10, 10]` and the path
as red points.
"""

# %%
# Compute
# -------
# :func:`gdbook.gradient_descent` keeps the whole history in a :class:`gdbook.Trace`:
# the start and the 50 iterates (51 points), and here the loss at each of them. The
# source's own loop kept the 50 iterates only, without the start.
from gdbook import gradient_descent, parabola

x_start, learning_rate, epochs = 5.0, 0.1, 50
trace = gradient_descent(
    parabola.grad, x_start, lr=learning_rate, steps=epochs, loss=parabola
)
trace

# %%
# The last iterate, the closed form :math:`(1 - 2\eta)^{50} x_0 = 5 \cdot 0.8^{50}`,
# and their difference:
closed_form = (1 - 2 * learning_rate) ** epochs * x_start
print("x after 50 steps:", trace.x)
print("closed form (1 - 2 lr)^50 x0:", closed_form)
print("difference:", trace.x - closed_form)

# %%
# The two agree to about 14 significant digits, but not to the last bit. They are
# two different computations in floating point. Neither 0.1 nor 0.8 has an exact
# binary representation. The descent rounds twice in each of its 50 updates
# (``lr * grad``, then the subtraction, each to the nearest float64), while the
# closed form rounds ``1 - 2 * 0.1`` once, then raises it to the 50th power and
# multiplies by 5. Each rounding is tiny (at most about :math:`10^{-16}` relative),
# but they differ between the two routes, and a hundred of them add up to a relative
# difference of a few times :math:`10^{-15}`: the difference is rounding, not a bug.
print("relative difference:", (trace.x - closed_form) / closed_form)

# %%
# Plot
# ----
# :func:`gdbook.plot.path_on_curve` draws the curve and the points
# :math:`(x_k, f(x_k))`. The steps shrink as the slope flattens: the step is
# :math:`\eta f'(x_k)`, proportional to the slope, so the points crowd near the
# minimum.
import matplotlib.pyplot as plt

from gdbook.plot import loss_curve, path_on_curve

fig, ax = plt.subplots(figsize=(7, 4.5))
path_on_curve(parabola, trace, xlim=(-10, 10), ax=ax, label="gradient descent path")
ax.set_title("Gradient descent to find the minimum of f(x) = x²")
plt.show()

# %%
# The same run seen through its loss: :math:`f(x_k) = 25 \cdot 0.64^k`, a straight line
# on a logarithmic axis (each step multiplies the loss by :math:`0.8^2`).
fig, ax = plt.subplots(figsize=(7, 4.5))
loss_curve(trace.losses, log=True, ax=ax, label="f(x_k), lr = 0.1")
ax.set_title("The loss falls geometrically: f(x_k) = 25 · 0.64^k")
plt.show()
