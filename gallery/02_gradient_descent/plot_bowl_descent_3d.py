"""
Gradient descent on a bowl, in 3D
=================================

Source 000 (E04) moves to two variables: :math:`f(x, y) = x^2 + y^2`, a bowl with
its minimum at the origin, from :math:`(1.5, 1.5)` with learning rate 0.1 for 50
steps. The gradient is :math:`(2x, 2y)`, so each coordinate follows the parabola's
rule, :math:`x_{k+1} = 0.8\\, x_k`, and the point slides straight down to the
bottom. The source draws the surface (viridis, alpha 0.8, on :math:`[-2, 2]^2`) with
the path in red; it imports ``FuncAnimation`` without using it, so the page also
animates the point descending the surface.

The source calls :math:`f` a "three-dimensional function" because its graph is a
surface in space; it is a function of *two* variables, and the descent moves in
the plane :math:`(x, y)`. The third axis is the value :math:`f(x, y)`, drawn to see
the bowl (:ref:`errata-000-words`).

.. note:: **Erratum (source 000).** The source's figure does not show the path in
   red. mplot3d draws the surface over the line, which lies on the surface, and at
   alpha 0.8 the path shows through as a faint dark line: the source's figure,
   below, has no red pixel at all (the page counts them). gdbook draws the path on
   top (``computed_zorder=False``). See :ref:`errata-000-red-path`. As on the
   parabola, the source's ``path`` also misses the start: it holds the 50 iterates,
   from :math:`(1.2, 1.2)` (:ref:`errata-000-start`).
"""

# %%
# The source's code
# -----------------
# The source's gradient and loop, as it wrote them. ``path`` holds one row
# :math:`(x, y, f(x, y))` per step; the source prints nothing, the page prints the
# first and last rows.
import numpy as np


def f(x, y):
    return x**2 + y**2


def grad_f(x, y):
    dfdx = 2 * x
    dfdy = 2 * y
    return np.array([dfdx, dfdy])


def gradient_descent(x_start, y_start, learning_rate, epochs):
    path = []
    x, y = x_start, y_start
    for _ in range(epochs):
        grad = grad_f(x, y)
        x, y = x - learning_rate * grad[0], y - learning_rate * grad[1]
        path.append((x, y, f(x, y)))
    return np.array(path)


x_start, y_start = 1.5, 1.5
learning_rate = 0.1
epochs = 50
path = gradient_descent(x_start, y_start, learning_rate, epochs)
print("source's path, rows:", len(path))
print("source's path, first row:", path[0])
print("source's path, last row:", path[-1])

# %%
# The source's figure, with its plotting code (smaller, and at a lower resolution
# than the figures below). The red path is hard to find: it is under the surface.
import matplotlib.pyplot as plt

fig = plt.figure(figsize=(5, 4))
ax = fig.add_subplot(111, projection="3d")
X = np.linspace(-2, 2, 100)
Y = np.linspace(-2, 2, 100)
X, Y = np.meshgrid(X, Y)
Z = f(X, Y)
ax.plot_surface(X, Y, Z, rstride=1, cstride=1, cmap="viridis", alpha=0.8)
x_vals, y_vals, z_vals = path[:, 0], path[:, 1], path[:, 2]
ax.plot(x_vals, y_vals, z_vals, "r-", label="Gradient Descent Path")
ax.set_xlabel("X")
ax.set_ylabel("Y")
ax.set_zlabel("Z")
ax.set_title("Gradient Descent in 3D")
# The source: ax.legend(). Its "best" place, searched among the surface's 10,000
# polygons at every draw, is upper right: said here, it takes no time and no warning.
ax.legend(loc="upper right")
# sphinx_gallery_defer_figures

# %%
# Counted: the pixels of the figure that are red (the legend's sample line left
# out), before it is shown.
fig.canvas.draw()
pixels = np.asarray(fig.canvas.buffer_rgba())[..., :3].astype(int)
red = (pixels[..., 0] > 200) & (pixels[..., 1] < 60) & (pixels[..., 2] < 60)
legend_box = ax.get_legend().get_window_extent()
rows, cols = np.indices(red.shape)
in_legend = (
    (cols >= legend_box.x0)
    & (cols <= legend_box.x1)
    & (fig.bbox.height - rows >= legend_box.y0)
    & (fig.bbox.height - rows <= legend_box.y1)
)
print("red pixels of the source's path:", int((red & ~in_legend).sum()))
plt.show()

# %%
# With gdbook
# -----------
# :func:`gdbook.gradient_descent` with the bowl's gradient gives the same points and
# heights, and the start: the :class:`gdbook.Trace` holds all 51 points, and the
# loss at each.
import gdbook
from gdbook import bowl

start = np.array([1.5, 1.5])
trace = gdbook.gradient_descent(bowl.grad, start, lr=0.1, steps=50, loss=bowl)
print(trace)
print("f at the start and after 1, 2, 3 steps:", trace.losses[:4])
print("same bits:", np.array_equal(trace.xs[1:], path[:, :2]))
print("same heights:", np.array_equal(trace.losses[1:], path[:, 2]))

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
# The page's thumbnail: the flat figure seen from above, lighter than a 3D one.
# sphinx_gallery_thumbnail_number = 3
