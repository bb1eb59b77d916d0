"""
Gradient descent on a bowl, in 3D
=================================

Source 000 (E04) moves to two variables: :math:`f(x, y) = x^2 + y^2`, a bowl with
its minimum at the origin, from :math:`(1.5, 1.5)` with learning rate 0.1 for 50
epochs. The gradient is :math:`(2x, 2y)`, so each coordinate follows the parabola's
rule, :math:`x_{k+1} = 0.8\\, x_k`, and the point slides straight down to the
bottom. The source draws the surface (viridis, alpha 0.8, on :math:`[-2, 2]^2`) with
the path in red; it imports ``FuncAnimation`` without using it, so the page also
animates the point descending the surface.
"""

# %%
# Compute
# -------
# The source's loop records the 50 iterates with their heights but not the start;
# the :class:`gdbook.Trace` holds all 51 points, and the loss at each.
import numpy as np

from gdbook import bowl, gradient_descent

start = np.array([1.5, 1.5])
trace = gradient_descent(bowl.grad, start, lr=0.1, steps=50, loss=bowl)
print(trace)
print("f at the start and after 1, 2, 3 steps:", trace.losses[:4])

# %%
# Plot: the surface and the path
# ------------------------------
# :func:`gdbook.plot.path_on_surface` draws the graph of :math:`f` and each point of
# the path at its height :math:`f(x_k, y_k)`.
import matplotlib.pyplot as plt

from gdbook.plot import path_on_contour, path_on_surface

fig = plt.figure(figsize=(7, 5.5))
ax = fig.add_subplot(projection="3d", computed_zorder=False)
path_on_surface(bowl, trace, xlim=(-2, 2), ylim=(-2, 2), ax=ax, labels=("X", "Y", "Z"))
ax.set_title("Gradient descent in 3D on f(x, y) = x² + y²")
plt.show()

# %%
# The same path from above, on the contour lines of :math:`f`
# (:func:`gdbook.plot.path_on_contour`): a straight line to the centre, crossing
# each circle at a right angle, since the gradient is normal to the contour lines.
fig, ax = plt.subplots(figsize=(5.5, 5))
path_on_contour(bowl, trace, xlim=(-2, 2), ylim=(-2, 2), ax=ax, labels=("x", "y"))
ax.set_title("The same path seen from above")
plt.show()

# %%
# Animate
# -------
# :func:`gdbook.plot.animate_path_on_surface`: one frame per point, the start and the
# 50 iterates, with the path so far drawn over the surface. The surface is drawn on a
# coarser grid than the figure above, since it is redrawn in every frame.
from gdbook.plot import animate_path_on_surface

fig = plt.figure(figsize=(7, 4.5))
ax = fig.add_subplot(projection="3d", computed_zorder=False)
anim = animate_path_on_surface(
    bowl, trace, xlim=(-2, 2), ylim=(-2, 2), ax=ax, labels=("X", "Y", "Z")
)
ax.set_title("A point descending the bowl")
plt.show()
