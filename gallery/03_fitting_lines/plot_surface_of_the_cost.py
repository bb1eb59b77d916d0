"""
The loss of a line as a surface over (w, b)
===========================================

A line :math:`\\hat y = w x + b` has two parameters, so its loss, the mean squared
error :math:`L(w, b) = \\frac1n \\sum_i (y_i - (w x_i + b))^2`, is a function of two
variables: a surface over the plane :math:`(w, b)`. For a line it is a bowl, a
quadratic with one lowest point, the least-squares line. Source 004 (E14) draws it
for its "beans" (size :math:`x`, toxicity :math:`y`), first as one curve of the loss
against :math:`w` for each :math:`b`, then as the same curves in 3D.
"""

# %%
# :func:`gdbook.beans` draws the 100 beans, :func:`gdbook.line_cost_grid` the loss
# on a grid of lines, :func:`gdbook.plot.cost_curves` the surface, with its
# contour lines below: ellipses, stretched along the direction in which the loss
# changes slowly.
import matplotlib.pyplot as plt
import numpy as np

from gdbook import beans, least_squares_loss, line_cost_grid
from gdbook.plot import cost_curves

bean_x, bean_y = beans(100)
fine_ws = np.linspace(-0.5, 2, 51)
fine_bs = np.linspace(-0.3, 1.3, 41)
fine_costs = line_cost_grid(bean_x, bean_y, fine_ws, fine_bs)
fig = plt.figure(figsize=(6.4, 4.6))
ax = fig.add_subplot(projection="3d")
cost_curves(fine_ws, fine_bs, fine_costs, view="surface", ax=ax)
ax.set_title("The loss L(w, b): a bowl, with its contour lines below")
plt.show()

# %%
# The grid in numpy
# -----------------
# One line of broadcasting: the predictions of every line :math:`(w, b)` of the
# grid for every bean, then the mean of the squared errors over the beans.
W, B = np.meshgrid(fine_ws, fine_bs)
grid = np.mean((bean_y - (W[..., None] * bean_x + B[..., None])) ** 2, axis=-1)
gap = np.abs(grid - fine_costs).max()
print(f"largest difference from gdbook.line_cost_grid: {gap:.0e}")

# %%
# What it shows
# -------------
# The lowest point of the bowl is the least-squares line (``np.polyfit``), near the
# line :math:`0.7x + 0.5` the beans were drawn around; its loss is what no line
# can remove, the spread of the beans about it. Each cut of the surface at one
# :math:`b` is a parabola in :math:`w`; the cut at :math:`b = 0` is the loss of the
# line through the origin, :math:`y = w x`.
best_w, best_b = np.polyfit(bean_x, bean_y, 1)
print(f"the bowl's lowest point: w = {best_w:.3f}, b = {best_b:.3f}")
print(f"its loss: {least_squares_loss(bean_x, bean_y, best_w, best_b):.5f}")

# %%
# How to reach that lowest point without a solver, by sliding down the surface, is
# the subject of the :ref:`next page
# <sphx_glr_auto_examples_03_fitting_lines_plot_surface_slices.py>`.
#
# The source, checked
# -------------------
# The source opens: "Back to the *activation function* b we talked about before:
# what is it for? For example, sometimes the beans' toxicity gets smaller as
# their size gets larger; then b stands for the toxicity y moving freely, and w
# for the toxicity." Then: "when b is 0, the cost function is the one of the
# previous parts" (a parabola in :math:`w`).
#
# .. note:: **Erratum (source 004).** :math:`b` is the *intercept* (in a neuron, the
#    *bias*), not an activation function: an activation function is a non-linear
#    function applied to a neuron's weighted sum (a sigmoid, a ReLU), and the
#    model :math:`\hat y = w x + b` has none. :math:`b` is the predicted toxicity
#    of a bean of size 0: it moves the line up and down. And :math:`w` is not the
#    toxicity but the slope, the change of toxicity per unit of size (negative when
#    the toxicity falls as the size grows). See :ref:`errata-004`.
#
# The last sentence is right: with :math:`b = 0` the cost is the cost of the line
# through the origin, :math:`\frac1m \sum_i (w x_i - y_i)^2`, checked below once
# the beans are drawn.
#
# The beans, ``get_beans2`` in the source's ``dataset.py``: sizes uniform on
# :math:`[0, 1)`, sorted, then toxicities within :math:`\pm 0.1` of
# :math:`0.7x + 0.5`. The source draws from numpy's global generator, unseeded, so
# every run of it has other beans; here the same code draws from a seeded
# generator (``generator.random`` for ``np.random.rand``), and
# :func:`gdbook.beans` gives the same beans to the last bit. The listings use
# ``m``, the number of beans, which the source never defines, and call the loss
# ``e``.
generator = np.random.default_rng(0)  # ours: a seeded generator


def get_beans2(counts):
    xs = generator.random(counts)
    xs = np.sort(xs)
    ys = np.array([(0.7 * x + (0.5 - generator.random()) / 5 + 0.5) for x in xs])
    return xs, ys


m = 100  # ours: the number of beans
xs, ys = get_beans2(m)

print(
    "same beans as gdbook.beans(100), bit for bit:",
    np.array_equal(bean_x, xs) and np.array_equal(bean_y, ys),
)

# %%
# **The curves, one for each b.**
# The source's double loop: for each :math:`b` of a grid, the cost of every
# :math:`w` of another, one curve per :math:`b` (the comments read "a set of ws
# from −1 to 2 in steps of 0.1", "bs from −2 to 2", "the predictions", "the mean
# squared error over all the samples", and, on ``plt.show()``, "smooth"). We keep
# each curve in ``rows``, to compare, and label the axes.
rows = []  # ours

# 生成-1到2每次递增加0.1的一组ws
ws = np.arange(-1, 2, 0.1)
# 生成-2到2每次递增加0.1的一组bs
bs = np.arange(-2, 2, 0.1)
for b in bs:
    es = []
    for w in ws:
        # 获取预测值
        y_pre = w * xs + b
        # 计算所有样本的均方误差
        e = np.sum((ys - y_pre) ** 2) * (1 / m)
        es.append(e)
    plt.plot(ws, es)
    rows.append(es)  # ours
plt.xlabel("w")  # ours, the labels
plt.ylabel("e")
plt.title("e against w, one curve for each b in [−2, 2)")
plt.show()  # 丝滑

# %%
# Each curve is a parabola in :math:`w`: the surface :math:`e(w, b)` cut at one
# :math:`b`. :func:`gdbook.line_cost_grid` computes the whole grid at once, by
# broadcasting (rows follow :math:`b`, columns :math:`w`); it sums in another
# order (``np.mean`` where the source multiplies a sum by ``1/m``), so the two
# agree to rounding, not to the last bit. And the cut at :math:`b = 0` is the cost
# of the line through the origin, as the source says (the grid's own
# :math:`b` closest to 0 is :math:`1.8 \times 10^{-15}`, ``arange``'s rounding, so
# the cut is computed at 0 exactly).
costs = line_cost_grid(xs, ys, ws, bs)
print("grid:", costs.shape[0], "values of b by", costs.shape[1], "values of w")
print(
    "agrees with the source's loop to 1e-15 (relative):",
    np.allclose(costs, rows, rtol=1e-15, atol=0),
)
through_origin = [least_squares_loss(xs, ys, w) for w in ws]
print(
    "the cut at b = 0 is the cost of y = w x:",
    np.allclose(
        line_cost_grid(xs, ys, ws, [0.0])[0], through_origin, rtol=1e-15, atol=0
    ),
)
row, column = np.unravel_index(np.argmin(costs), costs.shape)
print(f"lowest grid point: w = {ws[column]:.1f}, b = {bs[row]:.1f}")

# %%
# The same curves drawn side by side in 3D, and what the source's 3D listing gets
# wrong: :ref:`sphx_glr_auto_examples_03_fitting_lines_plot_surface_curves_3d.py`.
#
# The source's words on the lowest point: "The w and b of the lowest point of this
# surface, put back into the prediction function, make the prediction error
# smallest." The exact values:
print("lowest point: w =", best_w, "b =", best_b)
print("lowest cost:", least_squares_loss(xs, ys, best_w, best_b))
# sphinx_gallery_thumbnail_number = 1
