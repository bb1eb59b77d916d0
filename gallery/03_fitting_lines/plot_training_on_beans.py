"""
Descending in w and b together, one bean at a time
==================================================

Source 004 (E15) fits :math:`\\hat y = w x + b` to its 100 beans by stochastic
gradient descent: an update after each bean, against the gradient of that bean's
squared error :math:`(w x + b - y)^2`, with learning rate :math:`\\eta = 0.01`, for
500 passes over the beans in their stored order. The line quickly finds the beans,
then settles near, not exactly at, the least-squares line.
"""

# %%
# :func:`gdbook.fit_line_sgd` with ``shuffle=False`` (the beans in their stored
# order) keeps every line; the loss :math:`L(w, b)` over all beans at the end of
# each pass, and the last line.
import matplotlib.pyplot as plt
import numpy as np

from gdbook import beans, fit_line_sgd

xs, ys = beans(100)
fit = fit_line_sgd(xs, ys, slope0=0.1, intercept0=0.1, lr=0.01, epochs=500,
                   batch_size=1, shuffle=False)  # fmt: skip
per_pass = fit.losses[:: fit.updates_per_epoch]
fig, (ax_line, ax_loss) = plt.subplots(1, 2, figsize=(10, 4))
ax_line.scatter(xs, ys, s=10)
ax_line.plot(xs, fit.slope * xs + fit.intercept, color="C3", label="after 500 passes")
ax_line.set(xlabel="size x", ylabel="toxicity y", title="The beans and the line")
ax_line.legend()
ax_loss.semilogy(per_pass)
ax_loss.set(xlabel="pass", ylabel="L (log scale)", title="The loss after each pass")
fig.tight_layout()
plt.show()

# %%
# The loop in numpy
# -----------------
# One update per bean: the partial derivatives of :math:`(w x + b - y)^2` are
# :math:`2x(wx + b - y)` and :math:`2(wx + b - y)`.
lr = 0.01
w, b = 0.1, 0.1
for _ in range(500):
    for i in range(100):
        r = w * xs[i] + b - ys[i]
        w, b = w - lr * 2 * xs[i] * r, b - lr * 2 * r
print(f"numpy loop: w = {w:.4f}, b = {b:.4f}")
print(f"gdbook.fit_line_sgd: w = {fit.slope:.4f}, b = {fit.intercept:.4f}")

# %%
# What it shows
# -------------
# Each update descends one bean's error, not the mean over all of them, so with a
# constant :math:`\eta` it does not stop at the lowest point of :math:`L`. In the
# fixed order it settles on a cycle, the same at every pass, near the
# least-squares line; the gradient of :math:`L` there is small, not zero.
best_w, best_b = np.polyfit(xs, ys, 1)
grad_w = 2 * np.mean(xs * (fit.slope * xs + fit.intercept - ys))
grad_b = 2 * np.mean(fit.slope * xs + fit.intercept - ys)
print(f"least squares: w = {best_w:.4f}, b = {best_b:.4f}")
print(f"gradient of L at the end, length: {np.hypot(grad_w, grad_b):.1e}")

# %%
# The animation
# -------------
# The frames sample the 50,000 updates geometrically (the line moves most in the
# first pass) up to the end of pass 500; the right panel is the contour of
# :math:`L(w, b)` computed by :func:`gdbook.line_cost_grid`, with the path taken.
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
# The source, checked
# -------------------
# The source's loop, as printed (the comments read "50000 learnings", "the point's
# values", "slope descent on the w surface", "slope descent on the b surface", "set
# alpha", "get the new error value" and "resultant gradient descent"). The listing
# does not show where :math:`w` and :math:`b` start; the earlier part of the same
# tutorial series fits the slope alone from ``w = 0.1``, and we start from
# :math:`w = b = 0.1` (our choice). After each pass the source clears the window
# and redraws the beans and the line (``plt.clf()``, ``plt.scatter``,
# ``plt.plot``, ``plt.pause(0.01)``): those lines are drawn once, below. It
# prints the final :math:`w` and :math:`b`:
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
# gdbook computes the same partial derivatives written as :math:`2x(wx + b - y)`
# and :math:`2(wx + b - y)`, which round differently from the source's expanded
# form: the two runs agree to about the last digit, not bit for bit.
from gdbook import least_squares_gradient

print("gdbook w:", fit.slope)
print("gdbook b:", fit.intercept)
print("updates:", fit.steps_taken)
print("final MSE:", fit.loss)
print(
    "same w and b to 1e-12:", np.allclose([fit.slope, fit.intercept], [w, b], 0, 1e-12)
)

# %%
# .. note:: **Erratum (source 004).** The loop is called gradient descent on
#    :math:`e(w, b)` (合梯度下降), but ``dw`` and ``db`` are the partial
#    derivatives of one bean's squared error, not of :math:`e`: the loop is
#    stochastic (per-sample) gradient descent, and after 500 passes it ends near,
#    not at, the lowest point of :math:`e`. See :ref:`errata-004`.
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
# The source's drawing, once, after the 500 passes (the comments read "clear the
# window", "redraw" and "pause 0.01 s, or the drawing is not seen"), with its
# vertical range widened.
#
# .. note:: **Erratum (source 004).** ``plt.ylim(0, 1.2)`` cuts off the most toxic
#    beans: the toxicity reaches :math:`0.7 + 0.5 + 0.1 = 1.3`, and some beans lie
#    above 1.2 (counted below). The range here is :math:`[0, 1.4]`. See
#    :ref:`errata-004`.
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
# sphinx_gallery_thumbnail_number = 1
