"""
Gradient descent on a bowl, in 3D
=================================

With two parameters :math:`w = (x, y)` the loss :math:`L(x, y) = x^2 + y^2` is a bowl,
and gradient descent moves in the plane: :math:`w_{k+1} = w_k - \\eta \\nabla L(w_k)`
with :math:`\\nabla L = (2x, 2y)`. Each coordinate follows the parabola's rule,
:math:`x_{k+1} = (1 - 2\\eta)\\, x_k`, so from :math:`(1.5, 1.5)` with
:math:`\\eta = 0.1` the point slides straight down to the bottom. Source 000 (E04)
draws it as a surface in 3D.
"""

# %%
# :func:`gdbook.gradient_descent` with the bowl's gradient, 50 steps;
# :func:`gdbook.plot.descent_path` draws the graph of :math:`L` on a 3D Axes and each
# point of the path at its height :math:`L(x_k, y_k)`.
import matplotlib.pyplot as plt
import numpy as np

import gdbook
from gdbook import bowl
from gdbook.plot import descent_path

start = np.array([1.5, 1.5])
trace = gdbook.gradient_descent(bowl.grad, start, lr=0.1, steps=50, loss=bowl)
fig = plt.figure(figsize=(7, 5.5))
ax = fig.add_subplot(projection="3d", computed_zorder=False)
descent_path(bowl, trace, xlim=(-2, 2), ylim=(-2, 2), ax=ax, labels=("X", "Y", "Z"))
ax.set_title("Gradient descent in 3D on L(x, y) = x² + y²")
plt.show()

# %%
# The loop in numpy
# -----------------
# The same loop as on the parabola, on a vector:
lr = 0.1
w = np.array([1.5, 1.5])
for _ in range(50):
    grad = 2 * w
    w = w - lr * grad
print(f"w after 50 steps: ({w[0]:.3g}, {w[1]:.3g})")

# %%
# What it shows
# -------------
# The path seen from above, on the contour lines of :math:`L`
# (:func:`gdbook.plot.descent_path` on 2D axes): a straight line to the centre, crossing
# each circle at a right angle, since the gradient is normal to the contour lines.
# The loss falls by :math:`0.8^2 = 0.64` a step:
fig, ax = plt.subplots(figsize=(5.5, 5))
descent_path(bowl, trace, xlim=(-2, 2), ylim=(-2, 2), ax=ax, labels=("x", "y"))
ax.set_title("The same path seen from above")
plt.show()
print(" k     x_k = y_k   L(w_k)")
for k in (0, 1, 2, 10, 50):
    print(f"{k:2d} {trace.xs[k, 0]:12.3g} {trace.losses[k]:8.2g}")

# %%
# Animate
# -------
# :func:`gdbook.plot.descent_animation`: one frame per point, the start and the
# 50 iterates, with the path so far drawn over the surface. The surface is drawn on a
# coarser grid than the figure above, since it is redrawn in every frame.
from gdbook.plot import descent_animation

fig = plt.figure(figsize=(7, 4.5))
ax = fig.add_subplot(projection="3d", computed_zorder=False)
anim = descent_animation(
    bowl, trace, xlim=(-2, 2), ylim=(-2, 2), ax=ax, labels=("X", "Y", "Z")
)
ax.set_title("A point descending the bowl")
plt.show()

# %%
# The source, checked
# -------------------
# The source's gradient and loop, as it wrote them. ``path`` holds one row
# :math:`(x, y, f(x, y))` per step; the source prints nothing, the page prints the
# first and last rows. The source calls :math:`f` a "three-dimensional function"
# because its graph is a surface in space; it is a function of *two* variables,
# and the third axis is its value (:ref:`errata-000-words`).


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
print("gdbook, same points:", np.array_equal(trace.xs[1:], path[:, :2]))
print("gdbook, same heights:", np.array_equal(trace.losses[1:], path[:, 2]))

# %%
# .. note:: **Erratum (source 000).** The source's figure does not show the path in
#    red. mplot3d draws the surface over the line, which lies on the surface, and at
#    alpha 0.8 the path shows through as a faint dark line: the source's figure,
#    below, has no red pixel at all (the page counts them). gdbook draws the path on
#    top (``computed_zorder=False``). See :ref:`errata-000-red-path`. As on the
#    parabola, the source's ``path`` also misses the start: it holds the 50 iterates,
#    from :math:`(1.2, 1.2)` (:ref:`errata-000-start`).
#
# The source's figure, with its plotting code (smaller, at a lower resolution):
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
# The page's thumbnail: the flat figure seen from above, lighter than a 3D one.
# sphinx_gallery_thumbnail_number = 2
