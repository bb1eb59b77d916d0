"""
Stochastic gradient descent
===========================

Batch gradient descent computes the gradient of the loss on *all* the samples
before each update. Stochastic gradient descent (SGD) updates after *one* sample,
picked at random: :math:`w \\leftarrow w - \\eta \\cdot 2 x_i (w x_i - y_i)`, so one
epoch (a pass over the data) makes as many updates as there are samples. Source 002
(E07) describes it for :math:`y = w x` on three points :math:`x = 1, 2, 3`,
:math:`y = 2x`, from :math:`w = 1` with :math:`\\eta = 0.01` for 100 epochs; its code
does something else, checked at the end.
"""

# %%
# :func:`gdbook.fit_line_sgd` (one random sample per update, seeded) against
# :func:`gdbook.fit_slope` (batch gradient descent, one update per epoch): the loss
# against the epoch, so that both are drawn against the same work.
import matplotlib.pyplot as plt
import numpy as np

from gdbook import fit_line_sgd, fit_slope, proportional_data

x, y = proportional_data(3)  # [1, 2, 3] and [2, 4, 6]
sgd = fit_line_sgd(
    x, y, slope0=1.0, fit_intercept=False, lr=0.01, epochs=100, batch_size=1, rng=0
)
batch = fit_slope(x, y, slope0=1.0, lr=0.01, epochs=100)
fig, ax = plt.subplots(figsize=(7, 4.2))
ax.semilogy(np.arange(101), batch.losses, label="gradient descent, 1 update/epoch")
epochs_sgd = np.arange(len(sgd.losses)) / sgd.updates_per_epoch
ax.semilogy(epochs_sgd, sgd.losses, label="SGD, one sample per update")
ax.set_xlabel("epoch (passes over the data)")
ax.set_ylabel("L (mean squared error, log scale)")
ax.set_title("y = w·x on three points: the loss against the epoch")
ax.legend()
ax.grid(True, alpha=0.3)
plt.show()

# %%
# The loop in numpy
# -----------------
# Each epoch visits the samples in a fresh random order (seeded, so that the page
# prints the same numbers at every build):
rng = np.random.default_rng(0)
lr = 0.01
w = 1.0
for _ in range(100):
    for i in rng.permutation(len(x)):
        grad = 2 * x[i] * (w * x[i] - y[i])
        w = w - lr * grad
print(f"numpy SGD loop, w after 100 epochs: {w:.6f}")
print(f"gdbook.fit_line_sgd, w after 100 epochs: {sgd.slope:.6f}")

# %%
# What it shows
# -------------
# Three updates per epoch get further per epoch than one. Here SGD's curve is
# smooth: the points lie exactly on :math:`y = 2x`, so every sample's gradient
# vanishes at :math:`w = 2` and each step shrinks the error. On noisy data it does
# not settle: :ref:`sphx_glr_auto_examples_03_fitting_lines_plot_sgd_noise.py`.
print("epoch   w (gradient descent)   w (SGD)")
for k in (0, 1, 10, 50, 100):
    print(f"{k:5d} {batch.slopes[k]:22.6f} {sgd.slopes[3 * k]:9.6f}")

# %%
# The source, checked
# -------------------
# Source 002 turns to SGD after "the problem of gradient descent": "if it meets a
# saddle point (a point where the total gradient is 0), then in
# ``w = w - 学习率 * w`` [learning rate times w] w does not change; to solve this,
# stochastic gradient descent was proposed: pick one random (x, y) as the basis of
# the descent."
#
# .. note:: **Erratum (source 002).** The update it writes, ``w = w - 学习率 * w``,
#    multiplies the learning rate by :math:`w`; the update is
#    :math:`w \leftarrow w - \eta\,dL/dw`, the gradient, not the weight. A point
#    where the gradient is zero is a *stationary* point; a *saddle point* is one
#    that is neither a minimum nor a maximum. The loss of :math:`y = w x` has none:
#    it is a parabola in :math:`w`, with second derivative
#    :math:`2\,\overline{x^2} > 0` everywhere. What is true: on noisy data, where
#    the full gradient vanishes one sample's generally does not, so SGD keeps
#    moving. The usual reason for SGD is another: an update costs one sample, not
#    a pass over all of them. See :ref:`errata-002`.
print("second derivative of the cost, 2·mean(x²):", 2 * np.mean(x**2))

# %%
# The source's code, as printed (the comments read "stochastic gradient
# algorithm", "compute the MSE", "computed for the plot" and "compute the
# gradient"), run with its output captured; its 101 printed lines, E07's values as
# printed, are in the folded block below.
#
# .. note:: **Erratum (source 002).** This code is not stochastic: its
#    ``gradient`` averages over all the samples at every update, so it is batch
#    gradient descent, one update per epoch. And its gradient is
#    ``2*w*(w*x - y)`` where the derivative of :math:`(w x - y)^2` is
#    ``2*x*(w*x - y)``. It still ends near :math:`w = 2`, but only because the
#    data lie exactly on :math:`y = 2x`, where the wrong formula also vanishes at
#    :math:`w = 2`. See :ref:`errata-002`.
import contextlib
import io

# 随机梯度算法

x_data = [1.0, 2.0, 3.0]
y_data = [2.0, 4.0, 6.0]

w = 1.0


def forward(x):
    return w * x


# 计算MSE
def cost(xs, ys):
    cost = 0
    for x, y in zip(xs, ys):  # noqa: B905
        y_pred = forward(x)
        cost += (y_pred - y) ** 2
    return cost / len(xs)


def gradient(xs, ys):
    grad = 0
    for x, y in zip(xs, ys):  # noqa: B905
        grad += 2 * w * (w * x - y)
    return grad / len(xs)


mse_list = []

with contextlib.redirect_stdout(io.StringIO()) as printed:
    for epoch in range(100):
        cost_val = cost(x_data, y_data)  # 绘图才绘制
        grad_val = gradient(x_data, y_data)  # 计算梯度
        w -= 0.01 * grad_val
        mse_list.append(cost_val)
        print("Epoch:", epoch, "w=", w, "cost=", cost_val)
    print("Predict(after training)", 4, forward(4))

# %%
# .. raw:: html
#
#    <details><summary>The source's 101 printed lines (E07), reproduced</summary>
print(printed.getvalue(), end="")

# %%
# .. raw:: html
#
#    </details>
#
# The source's figure: the cost against the updates (its x label, "times", counts
# the epochs, one update each).
w_list = np.arange(0, 100, 1)
plt.plot(w_list, mse_list)
plt.ylabel("cost")
plt.xlabel("times")
# Not in the source: a title, which the site uses as the picture's text alternative.
plt.title('Source 002\'s "SGD" figure: the cost against the updates')
plt.show()

# %%
# The same run with gdbook, :func:`gdbook.gradient_descent` given the source's
# (wrong) gradient, and the real SGD against the page's numpy loop:
from gdbook import gradient_descent


def source_gradient(w):
    """The source's ``gradient``: 2*w*(w*x - y) averaged over all samples (wrong)."""
    return np.mean(2 * w * (w * x - y))


as_printed = gradient_descent(source_gradient, 1.0, lr=0.01, steps=100)
print("gdbook, the source's gradient, w after 100 epochs:", float(as_printed.x))
print("same final w as the source's code:", float(as_printed.x) == w)
print("SGD, w after 100 epochs:", sgd.slope)
print("SGD, prediction for 4:", sgd.predict(4))
print("SGD, updates:", sgd.steps_taken)
print("gradient descent, w after 100 epochs:", batch.slope)
print("gradient descent, prediction for 4:", batch.predict(4))

# %%
# Why the source's run still ends near 2: for data on :math:`y = 2x` its
# "gradient" is :math:`2w(w-2)\,\bar x`, zero at :math:`w = 2` like the true one,
# :math:`2(w - 2)\,\overline{x^2}`. Off the line the two zeros part: the wrong
# formula vanishes at :math:`w = \bar y / \bar x`, the true one at the
# least-squares slope :math:`\sum x_i y_i / \sum x_i^2`. The third point moved to
# :math:`y = 7`, 2000 epochs each:
y_off = np.array([2.0, 4.0, 7.0])
wrong = gradient_descent(
    lambda w: np.mean(2 * w * (w * x - y_off)), 1.0, lr=0.01, steps=2000
)
right = fit_slope(x, y_off, slope0=1.0, lr=0.01, epochs=2000)
print("y = 2, 4, 7, the source's gradient, w:", float(wrong.x))
print("y = 2, 4, 7, the true gradient, w:", right.slope)
print("mean(y) / mean(x):", y_off.mean() / x.mean())
print("least squares, sum(xy) / sum(x²):", np.sum(x * y_off) / np.sum(x**2))
# sphinx_gallery_thumbnail_number = 1
