"""
Descending in w and b together, one bean at a time
==================================================

Source 004 (E15) fits :math:`\\hat y = w x + b` to 100 beans: 500 passes over the
beans, in their stored order, with one update per bean,

.. math:: w \\leftarrow w - \\alpha\\,(2x^2 w + 2xb - 2xy), \\qquad
   b \\leftarrow b - \\alpha\\,(2b + 2xw - 2y), \\qquad \\alpha = 0.01,

the partial derivatives of one bean's squared error :math:`(wx + b - y)^2`. It
redraws the line after each pass with ``plt.pause``, a live window that a web page
cannot show.

The page runs the source's loop, then the same descent with
:func:`gdbook.fit_line_sgd`, and checks that they agree; the live window becomes an
animation, with the point :math:`(w, b)` moving on the contour of the cost beside
the line.
"""

# %%
# The source's code
# -----------------
# The beans are those of the previous pages (:func:`gdbook.beans`, the source's
# ``get_beans2`` with a seeded generator). The listing does not show where
# :math:`w` and :math:`b` start; the earlier part of the same tutorial series fits
# the slope alone from ``w = 0.1``, and we start from :math:`w = b = 0.1` (our
# choice). The comments read "50000 learnings", "the point's values", "slope
# descent on the w surface", "slope descent on the b surface", "set alpha", "get
# the new error value" and "resultant gradient descent".
#
# After each pass the source clears the window and redraws the beans and the line
# (``plt.clf()``, ``plt.scatter``, ``plt.plot``, ``plt.pause(0.01)``): those lines
# are left out of the loop here, and drawn once at the end of the page.
from gdbook import beans

xs, ys = beans(100)
w = 0.1  # ours: the listing does not show the start
b = 0.1

# 50000次学习
for _ in range(500):
    for i in range(100):
        # 获取散点的值
        x = xs[i]
        y = ys[i]
        # w曲面进行斜率下降
        dw = 2 * x**2 * w + 2 * x * b - 2 * x * y
        # b曲面进行斜率下降
        db = 2 * b + 2 * x * w - 2 * y
        # 设置阿尔法
        alpha = 0.01
        # 获取新误差值
        w = w - alpha * dw
        # 合梯度下降
        b = b - alpha * db
print(w, b)

# %%
# .. note:: **Erratum (source 004).** The comment "get the new error value"
#    (获取新误差值) sits on ``w = w - alpha * dw``, which computes the new weight,
#    not an error. And the listing leaves out what it needs to run: ``w`` and
#    ``b`` (the start), ``xs`` and ``ys``, ``plt``. Run after the document's
#    earlier listings, it would start from whatever their loops left in ``w`` and
#    ``b`` (1.9 and 1.9); on its own it stops with a ``NameError``. See
#    :ref:`errata-004`.
#
# The same descent with gdbook
# ----------------------------
# :func:`gdbook.fit_line_sgd` with ``shuffle=False`` visits the beans in the same
# order and keeps every line and its cost. It computes the same partial
# derivatives written as :math:`2x(wx + b - y)` and :math:`2(wx + b - y)`, which
# round differently from the source's expanded form: the two runs agree to about
# the last digit, not bit for bit.
import numpy as np

from gdbook import fit_line_sgd

fit = fit_line_sgd(
    xs,
    ys,
    slope0=0.1,
    intercept0=0.1,
    lr=0.01,
    epochs=500,
    batch_size=1,
    shuffle=False,  # the source's order: for i in range(100)
)
print("gdbook w:", fit.slope)
print("gdbook b:", fit.intercept)
print("updates:", fit.steps_taken)
print("final MSE:", fit.loss)
print(
    "same w and b to 1e-12:", np.allclose([fit.slope, fit.intercept], [w, b], 0, 1e-12)
)

# %%
# Near the bottom, not at it
# --------------------------
# The source calls this "gradient descent on w and b together", and the previous
# section of its text defines that as the descent of the surface :math:`e(w, b)`,
# the mean over all the beans. Each update here descends one bean's own squared
# error instead: this is stochastic gradient descent, and with a constant
# :math:`\alpha` it does not stop at the lowest point of :math:`e`. In the fixed
# order it settles on a cycle through the beans, the same at every pass, near the
# least-squares line: the line at the end of a pass stops moving, and the gradient
# of :math:`e` there is small but not zero.
#
# .. note:: **Erratum (source 004).** The loop is called gradient descent on
#    :math:`e(w, b)` (合梯度下降), but ``dw`` and ``db`` are the partial
#    derivatives of one bean's squared error, not of :math:`e`: the loop is
#    stochastic (per-sample) gradient descent, and after 500 passes it ends near,
#    not at, the lowest point of :math:`e`. See :ref:`errata-004`.
from gdbook import least_squares_gradient

best_w, best_b = np.polyfit(xs, ys, 1)
k = fit.updates_per_epoch
print("least-squares w:", best_w)
print("least-squares b:", best_b)
print(
    "gradient of e at the end, length:", np.hypot(*least_squares_gradient(xs, ys, w, b))
)
print(
    "line at the end of pass 499 = line at the end of pass 500:",
    (fit.slopes[-1 - k], fit.intercepts[-1 - k]) == (fit.slope, fit.intercept),
)

# %%
# The animation
# -------------
# The frames sample the 50,000 updates geometrically (the line moves most in the
# first pass) up to the end of pass 500; the right panel is the contour of
# :math:`e(w, b)` computed by :func:`gdbook.line_cost_grid`, with the path taken.
from gdbook import line_cost_grid
from gdbook.plot import line_fit_animation, use_bundled_ffmpeg

use_bundled_ffmpeg()  # lets a downloaded script save the video without ffmpeg
grid_w = np.linspace(-0.2, 1.6, 61)
grid_b = np.linspace(-0.2, 1.0, 61)
costs = line_cost_grid(xs, ys, grid_w, grid_b)
frames = np.unique(np.geomspace(1, fit.steps_taken, 49).astype(int))
frames = np.concatenate([[0], frames])


def caption(k):
    """Title of the frame showing the line after update k."""
    passes, bean = divmod(k, fit.updates_per_epoch)
    pass_number = passes + 1 if bean else passes
    line = f"w = {fit.slopes[k]:.3f}, b = {fit.intercepts[k]:.3f}"
    return f"pass {pass_number}, update {k}: {line}"


animation = line_fit_animation(
    xs,
    ys,
    fit.slopes,
    fit.intercepts,
    frames=frames,
    ws=grid_w,
    bs=grid_b,
    costs=costs,
    caption=caption,
)

# %%
# The last frame
# --------------
# The source's drawing, once, after the 500 passes (the comments read "clear the
# window", "redraw" and "pause 0.01 s, or the drawing is not seen"), with its
# vertical range widened.
#
# .. note:: **Erratum (source 004).** ``plt.ylim(0, 1.2)`` cuts off the most toxic
#    beans: the toxicity reaches :math:`0.7 + 0.5 + 0.1 = 1.3`, and some beans lie
#    above 1.2 (counted below). The range here is :math:`[0, 1.4]`. See
#    :ref:`errata-004`.
import matplotlib.pyplot as plt

# sphinx_gallery_thumbnail_number = 2
print("beans above 1.2:", np.sum(ys > 1.2), "of", len(ys))

# 清除绘图窗口
plt.figure()  # the source clears its one window: plt.clf()
# 重新绘制
plt.scatter(xs, ys)
y_pre = w * xs + b
plt.xlim(0, 1)
plt.ylim(0, 1.4)  # the source: plt.ylim(0,1.2)
plt.plot(xs, y_pre)
plt.xlabel("size x")  # ours, the labels
plt.ylabel("toxicity y")
plt.title("After 500 passes: the line through the beans")
# 暂停0.01秒,不暂停看不到绘制图
plt.show()  # the source: plt.pause(0.01)
