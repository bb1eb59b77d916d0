"""
Gradient descent on the parabola, animated
==========================================

Source 000 (E03) turns the descent of :math:`f(x) = x^2` from :math:`x_0 = 5`
(learning rate 0.1, 50 epochs) into an animation: a red point moving down the curve,
one frame per step.

.. note:: **Erratum (source 000).** The source's ``animate(i)`` does not show the
   descent. It computes

   .. math:: x = x_0 - i \\cdot \\eta \\cdot f'(x_0 - i \\cdot \\eta)
             = 5 - i + 0.02\\, i^2,

   a formula in the frame number :math:`i`, not the iterate
   :math:`x_i = (1 - 2\\eta)^i x_0`: its point sweeps past the minimum to
   :math:`-7.5` and climbs back to about 4. The animation below shows the true
   iterates, as the descent computed them; the figure at the end shows both.
"""

# %%
# Compute
# -------
# The run of :ref:`sphx_glr_auto_examples_02_gradient_descent_plot_parabola_descent.py`:
# 50 updates, so 51 points with the start.
import numpy as np

from gdbook import gradient_descent, parabola

x_start, learning_rate, epochs = 5.0, 0.1, 50
trace = gradient_descent(parabola.grad, x_start, lr=learning_rate, steps=epochs)
print("frames:", len(trace.xs), "from x =", trace.xs[0], "to x =", trace.x)


# %%
# What the source's ``animate`` draws at frame ``i`` (its formula, kept here only to
# compare), against the true iterate :math:`x_i`:
def source_animate_x(i):
    """The x of the source's ``animate(i)``: not a gradient-descent iterate."""
    return x_start - i * learning_rate * parabola.grad(x_start - i * learning_rate)


frames = np.arange(epochs)
source_xs = np.array([source_animate_x(i) for i in frames])
print("source's formula, lowest x:", source_xs.min(), "at frame", source_xs.argmin())
print("source's formula at the last frame (i = 49):", source_xs[-1])
print("true iterate x_49:", trace.xs[49])

# %%
# Animate
# -------
# :func:`gdbook.plot.animate_path_on_curve` makes one frame per point of the trace:
# frame :math:`k` shows :math:`x_k` in red and the points before it, faded. The
# axes are the source's: :math:`x \in [-10, 10]`, :math:`f \in [0, 100]`. The point
# moves fast at first and slows down near the minimum, where the slope, and so the
# step, is small.
import matplotlib.pyplot as plt

from gdbook.plot import animate_path_on_curve

fig, ax = plt.subplots(figsize=(7, 4.5))
anim = animate_path_on_curve(
    parabola, trace, xlim=(-10, 10), ylim=(0, 100), ax=ax, interval=100
)
ax.set_title("Gradient descent animation for f(x) = x²")
plt.show()

# %%
# Where the source's formula goes
# -------------------------------
# The source's frames against the true iterates. Its :math:`x` is a parabola in the
# frame number: it overshoots to :math:`-7.5` at frame 25 and comes back, while the
# descent approaches 0 geometrically from one side (:math:`0.8^k > 0`).
fig, ax = plt.subplots(figsize=(7, 3.5))
ax.plot(frames, source_xs, "s-", markersize=3, color="C7", label="source's animate(i)")
steps = np.arange(len(trace.xs))
ax.plot(steps, trace.xs, "o-", markersize=3, color="C3", label="gradient descent x_k")
ax.axhline(0, color="k", linewidth=0.8)
ax.set_xlabel("frame / step")
ax.set_ylabel("x")
ax.set_title("The source's formula is not the descent")
ax.legend()
plt.show()
