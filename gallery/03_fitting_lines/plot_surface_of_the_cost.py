"""
The cost of a line as a surface over (w, b)
===========================================

Source 004 (E14) adds an intercept to the line through its "beans" (size
:math:`x`, toxicity :math:`y`): the prediction is :math:`\\hat y = w x + b` and the
cost

.. math:: e(w, b) = \\frac1m \\sum_{i=1}^m \\bigl(y_i - (w x_i + b)\\bigr)^2

becomes a function of two variables. The source draws it first as a family of
curves, one curve of :math:`e` against :math:`w` for each :math:`b`, then the same
curves in 3D, where they trace a surface; the page also draws that surface with
its contour lines.
"""

# %%
# The data and the cost on a grid
# -------------------------------
# :func:`gdbook.beans` is the source's ``get_beans2``, with a seeded generator. The
# source fills the grid with two nested loops; :func:`gdbook.line_cost_grid`
# computes every :math:`e(w, b)` at once by broadcasting (rows follow :math:`b`,
# columns :math:`w`).
import numpy as np

from gdbook import beans, line_cost_grid

xs, ys = beans(100)
ws = np.arange(-1, 2, 0.1)  # the source's grid of slopes...
bs = np.arange(-2, 2, 0.1)  # ...and of intercepts
costs = line_cost_grid(xs, ys, ws, bs)
print("grid:", costs.shape[0], "values of b by", costs.shape[1], "values of w")
row, column = np.unravel_index(np.argmin(costs), costs.shape)
print(f"lowest grid point: w = {ws[column]:.1f}, b = {bs[row]:.1f}")

# %%
# The curves, one per b
# ---------------------
# Each curve is a parabola in :math:`w`: cutting the surface at a fixed :math:`b`.
# The lowest point of one curve is not the lowest point of the surface, which is
# why the source goes on to descend in :math:`w` and :math:`b` together.
import matplotlib.pyplot as plt

from gdbook.plot import cost_curves, cost_curves_3d, line_cost_surface

fig, ax = plt.subplots(figsize=(7, 4.5))
cost_curves(ws, bs, costs, ax=ax)
ax.set_title("e against w, one curve for each b in [−2, 2)")
plt.show()

# %%
# The same curves in 3D
# ---------------------
# As the source does: ``ax.plot(ws, es, b, zdir='y')`` draws each curve in the
# plane of its own :math:`b`, and ``ax.set_zlim(0, 2)`` keeps the interesting
# bottom in view (the curves are cut where the cost exceeds 2).
fig = plt.figure(figsize=(7, 5))
ax = fig.add_subplot(projection="3d")
cost_curves_3d(ws, bs, costs, ax=ax, zlim=(0, 2))
ax.set_title("The curves side by side trace a surface")
plt.show()

# %%
# The surface and its contour
# ---------------------------
# The cost is a quadratic in :math:`(w, b)`, a bowl whose lowest point is the
# least-squares line. Drawn on a finer grid, closer in around the bottom, its
# contour lines are ellipses, stretched along the direction in which the cost
# changes slowly.
fine_ws = np.linspace(-0.5, 2, 51)
fine_bs = np.linspace(-0.3, 1.3, 41)
fine_costs = line_cost_grid(xs, ys, fine_ws, fine_bs)
fig = plt.figure(figsize=(7, 5))
ax = fig.add_subplot(projection="3d")
line_cost_surface(fine_ws, fine_bs, fine_costs, ax=ax)
ax.set_title("The cost e(w, b): a bowl, with its contour lines below")
plt.show()
