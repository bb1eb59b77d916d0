"""
The loss curves side by side, in 3D
===================================

Each curve of the loss :math:`L(w, b)` against :math:`w` at one value of :math:`b`
is a cut of the surface; drawn side by side in 3D, each in the plane of its own
:math:`b`, the curves trace the surface itself. Source 004 (E14) draws them so, and
then zooms on the bottom of the bowl, where the lowest point lies.
"""

# %%
# :func:`gdbook.plot.cost_curves` draws, on a 3D Axes, one curve per :math:`b` of
# the grid (:math:`w` from −1 to 2, :math:`b` from −2 to 2, steps of 0.1), cut where
# the loss leaves the zoomed range :math:`[0, 2]`.
import matplotlib.pyplot as plt
import numpy as np

from gdbook import beans, line_cost_grid
from gdbook.plot import cost_curves

xs, ys = beans(100)
ws = np.arange(-1, 2, 0.1)
bs = np.arange(-2, 2, 0.1)
costs = line_cost_grid(xs, ys, ws, bs)  # rows follow b, columns w
fig = plt.figure(figsize=(6.4, 4.6))
ax = fig.add_subplot(projection="3d")
cost_curves(ws, bs, costs, ax=ax, zlim=(0, 2))
ax.set_title("One curve of L against w for each b, zoomed on the bottom")
plt.show()

# %%
# The cut in numpy
# ----------------
# A curve is drawn whole, so the parts above the range must be removed before
# drawing: replace them with NaN, which matplotlib leaves out.
cut = np.where(costs > 2, np.nan, costs)
print(f"grid points above the zoomed range: {np.isnan(cut).sum()} of {cut.size}")

# %%
# What it shows
# -------------
# Far from the bottom the loss climbs to 12 at the grid's corner
# :math:`w = -1, b = -2`; an axis that must hold that squashes the bowl's bottom,
# the part that matters, into a flat strip. Zoomed to :math:`[0, 2]`, the curves
# show the valley, its lowest point near :math:`w = 0.7, b = 0.5`:
row, column = np.unravel_index(np.argmin(costs), costs.shape)
print(f"highest loss on the grid: {costs.max():.1f}")
print(f"lowest grid point: w = {ws[column]:.1f}, b = {bs[row]:.1f}")

# %%
# The source, checked
# -------------------
# The source's cost listing uses ``m``, the number of beans, which it never
# defines; its beans are those of
# :ref:`sphx_glr_auto_examples_03_fitting_lines_plot_surface_of_the_cost.py`.
# "Take b as a third axis: give b a value and draw point by point, and you get a
# curve; draw many, and you get a surface." The source's 3D listing puts each
# curve in the plane of its own :math:`b` (the comments read "the figure", "a 3D
# axes", "pass three coordinates; zdir says which one points up" and "scatter"):
#
# .. note:: **Erratum (source 004).** ``zdir`` does not say which axis points up: the
#    vertical axis of a 3D plot is always z. ``ax.plot(ws, es, b, zdir='y')``
#    draws the 2D curve ``(ws, es)`` in the plane ``y = b``: its first coordinate
#    goes along x, its second (the cost) along z, up, and the constant ``b`` along
#    y, the axis ``zdir`` names. (Checked below on the last curve drawn.) See
#    :ref:`errata-004`.
m = 100  # ours: the number of beans
rows = []  # ours: the costs of each curve, kept

# 获取图形对象
fig = plt.figure()
# 创建3D对象
ax = fig.add_subplot(111, projection="3d")
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
    # 2D
    # plt.plot(ws,es)
    # 3D 传入三个坐标轴,zdir表示谁朝上。
    ax.plot(ws, es, b, zdir="y")
    rows.append(es)  # ours
    # 散点
    # ax.scatter(ws, es, b, zdir='y')
ax.set(xlabel="w", ylabel="b", zlabel="e")  # ours
ax.set_title("The curves side by side, the source's 3D figure")
plt.show()

# %%
# Where the last curve went: its points' x are the ``ws``, its y the constant
# ``b``, its z (up) the costs ``es``.
along_x, along_y, along_z = ax.lines[-1].get_data_3d()
print(
    "x = ws, y = b, z (up) = es:",
    np.array_equal(along_x, ws)
    and np.all(along_y == bs[-1])
    and np.array_equal(along_z, es),
)

# %%
# In that figure the curves, side by side, do trace a surface; but the cost
# climbs high at the grid's corner :math:`w = -1, b = -2` (printed below), and the
# axis that must hold it squashes the bottom of the bowl, the part that matters,
# into a flat strip. "The range of the z axis is too large, so we can set it with
# ``ax.set_zlim(0, 2)``" (the comment reads "set the vertical range"):
#
# .. note:: **Erratum (source 004).** ``set_zlim`` alone does not cut the curves:
#    matplotlib draws 3D lines whole, so the parts above 2 run out of the top of
#    the box (left). Cut them where they leave the range (right:
#    :func:`gdbook.plot.cost_curves` replaces those costs with NaN; matplotlib
#    3.10 and later can also clip with ``ax.plot(..., axlim_clip=True)``). See
#    :ref:`errata-004`.
print("highest cost on the grid:", np.max(rows))
print(
    "grid points above the zoomed range:", np.sum(np.array(rows) > 2), "of", costs.size
)
print(
    "gdbook.line_cost_grid agrees to 1e-15 (relative):",
    np.allclose(costs, rows, rtol=1e-15, atol=0),
)

# %%
fig = plt.figure(figsize=(8.4, 3.9))
# 创建3D对象
ax = fig.add_subplot(121, projection="3d")
# 设置垂直范围
ax.set_zlim(0, 2)
for b, es in zip(bs, rows, strict=True):  # the source's loop, its costs kept
    ax.plot(ws, es, b, zdir="y")
ax.set(xlabel="w", ylabel="b", zlabel="e", title="set_zlim(0, 2) alone")
right = fig.add_subplot(122, projection="3d")
cost_curves(ws, bs, costs, ax=right, zlim=(0, 2))
right.set_title("cut at e = 2")
fig.tight_layout()
plt.show()
# sphinx_gallery_thumbnail_number = 1
