"""
Stochastic gradient descent, and the source's "SGD"
===================================================

Source 002 (E07) motivates stochastic gradient descent, "pick one random
:math:`(x, y)` as the basis of the descent", then fits :math:`y = w x` to the three
points :math:`x = 1, 2, 3`, :math:`y = 2x` from :math:`w = 1` with learning rate
0.01 for 100 epochs. Its code is not what its text describes.

The page runs the source's code as printed and draws its figure, checks gdbook
against it, then runs what the text describes, real SGD (one random sample per
update, seeded), first as a plain loop, then with :func:`gdbook.fit_line_sgd`,
and compares it with batch descent.
"""

# %%
# Why the source turns to SGD
# ---------------------------
# After its gradient-descent example, source 002 names "the problem of gradient
# descent": "if it meets a saddle point (a point where the total gradient is 0),
# then in ``w = w - 学习率 * w`` [learning rate times w] w does not change and
# cannot be updated further; to solve this, stochastic gradient descent was
# proposed: pick one random (x, y) as the basis of the descent."
#
# .. note:: **Erratum (source 002).** The update it writes, ``w = w - 学习率 * w``,
#    multiplies the learning rate by :math:`w`; the update is
#    :math:`w \leftarrow w - \eta\,\frac{d\,\text{cost}}{dw}`, the gradient, not
#    the weight. A point where the gradient is zero is a *stationary* point, where
#    descent stops; a *saddle point* is a stationary point that is neither a
#    minimum nor a maximum. The cost of :math:`y = w x` has none: it is a parabola
#    in :math:`w`, with a positive second derivative
#    :math:`2\,\overline{x^2}` everywhere, and its only stationary point is its
#    minimum, where stopping is what we want. What is true: on noisy data, where
#    the full gradient vanishes one sample's gradient generally does not, so SGD
#    keeps moving (the last section shows it), which can carry it off a saddle
#    point in a higher-dimensional cost. The usual reason for SGD is another: an
#    update costs one sample, not a pass over all of them. See :ref:`errata-002`.
import numpy as np

x = np.array([1.0, 2.0, 3.0])  # the three sizes of the source's example
print("second derivative of the cost, 2·mean(x²):", 2 * np.mean(x**2))

# %%
# The source's code, as printed
# -----------------------------
# The comments read "stochastic gradient algorithm", "compute the MSE", "computed
# for the plot" and "compute the gradient".
#
# .. note:: **Erratum (source 002).** This code is not stochastic: its
#    ``gradient`` averages over all the samples at every update, so it is batch
#    gradient descent, one update per epoch, like the previous example. And its
#    gradient is ``2*w*(w*x - y)`` where the derivative of :math:`(w x - y)^2` is
#    ``2*x*(w*x - y)``. It still ends near :math:`w = 2`, but only because the
#    data lie exactly on :math:`y = 2x`, where the wrong formula also vanishes at
#    :math:`w = 2` (see below). See :ref:`errata-002`.

# 随机梯度算法

import matplotlib.pyplot as plt
import numpy as np

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

for epoch in range(100):
    cost_val = cost(x_data, y_data)  # 绘图才绘制
    grad_val = gradient(x_data, y_data)  # 计算梯度
    w -= 0.01 * grad_val
    mse_list.append(cost_val)
    print("Epoch:", epoch, "w=", w, "cost=", cost_val)
print("Predict(after training)", 4, forward(4))

# %%
# The source's figure: the cost against the updates (its x label, "times", counts
# the epochs, one update each), on a linear axis.
w_list = np.arange(0, 100, 1)
plt.plot(w_list, mse_list)
plt.ylabel("cost")
plt.xlabel("times")
# Not in the source: a title, which the site uses as the picture's text alternative.
plt.title('Source 002\'s "SGD" figure: the cost against the updates')
plt.show()

# %%
# The same run with gdbook: :func:`gdbook.gradient_descent` with the source's
# gradient, averaged over the three samples, and its cost
# (:func:`gdbook.least_squares_loss`).
from gdbook import gradient_descent, least_squares_loss, proportional_data

x3, y3 = proportional_data(3)  # [1, 2, 3] and [2, 4, 6]


def source_gradient(w):
    """The source's ``gradient``: 2*w*(w*x - y) averaged over all samples (wrong)."""
    return np.mean(2 * w * (w * x3 - y3))


as_printed = gradient_descent(
    source_gradient,
    1.0,
    lr=0.01,
    steps=100,
    loss=lambda w: least_squares_loss(x3, y3, w),
)
print("gdbook, the source's gradient, w after 100 epochs:", float(as_printed.x))
print("same final w as the source's code:", float(as_printed.x) == w)

# %%
# Why it still ends near 2: for data on :math:`y = 2x` the wrong "gradient" is
# :math:`\frac1n\sum_i 2w(w x_i - 2x_i) = 2w(w-2)\,\bar x`, zero at :math:`w = 2`
# like the true one, :math:`2(w - 2)\,\overline{x^2}`. Off the line the two zeros
# part: the wrong formula vanishes at :math:`w = \bar y / \bar x`, the true one at
# the least-squares slope :math:`\sum x_i y_i / \sum x_i^2`. Move the third point
# to :math:`y = 7` and run both for 2000 epochs:
from gdbook import fit_slope

y_off = np.array([2.0, 4.0, 7.0])
wrong = gradient_descent(
    lambda w: np.mean(2 * w * (w * x3 - y_off)), 1.0, lr=0.01, steps=2000
)
right = fit_slope(x3, y_off, slope0=1.0, lr=0.01, epochs=2000)
print("y = 2, 4, 7, the source's gradient, w:", float(wrong.x))
print("y = 2, 4, 7, the true gradient, w:", right.slope)
print("mean(y) / mean(x):", y_off.mean() / x3.mean())
print("least squares, sum(xy) / sum(x²):", np.sum(x3 * y_off) / np.sum(x3**2))

# %%
# Real stochastic gradient descent
# --------------------------------
# What the text describes: update with the gradient of the cost on **one**
# sample, :math:`w \leftarrow w - \eta \cdot 2 x_i (w x_i - y_i)`, the samples
# visited in a fresh random order at each epoch (seeded, so that the page prints
# the same numbers at every build). An epoch is one pass over the data: three
# updates here, where batch descent makes one. As a plain loop, with the source's
# ``forward`` and ``cost``:
rng = np.random.default_rng(0)
w = 1.0
sgd_ws = [w]
sgd_costs = [cost(x_data, y_data)]
for _ in range(100):
    for i in rng.permutation(len(x_data)):
        x, y = x_data[i], y_data[i]
        grad = 2 * x * (w * x - y)
        w -= 0.01 * grad
        sgd_ws.append(w)
        sgd_costs.append(cost(x_data, y_data))
print("SGD, w after 100 epochs:", w)
print("SGD, prediction for 4:", forward(4))
print("SGD, updates:", len(sgd_ws) - 1)

# %%
# :func:`gdbook.fit_line_sgd` runs the same descent (the same seed gives the same
# visiting orders) and keeps every slope and loss; :func:`gdbook.fit_slope` runs
# batch descent with the correct gradient, one update per epoch.
from gdbook import fit_line_sgd

sgd = fit_line_sgd(
    x_data,
    y_data,
    slope0=1.0,
    fit_intercept=False,
    lr=0.01,
    epochs=100,
    batch_size=1,
    rng=0,
)
batch = fit_slope(x_data, y_data, slope0=1.0, lr=0.01, epochs=100)
print("gdbook SGD, w after 100 epochs:", sgd.slope)
print("gdbook SGD, updates:", sgd.steps_taken, "in", sgd.epochs_taken, "epochs")
print("same w after every update, bit for bit:", sgd.slopes.tolist() == sgd_ws)
print("batch GD, w after 100 epochs:", batch.slope)
print("batch GD, prediction for 4:", batch.predict(4))

# %%
# Batch descent against SGD
# -------------------------
# The cost against the epoch, so that every curve is drawn against the same work
# (passes over the data); SGD's three updates per epoch are drawn at thirds of an
# epoch. With three times as many updates per epoch, SGD gets further per epoch.
# Here its curve is smooth: the points have no noise, so every sample's gradient
# vanishes at :math:`w = 2` and each step shrinks the error (the "interpolation"
# case, where SGD is at its best). The source's code, with its wrong gradient, is
# slower than both.
fig, ax = plt.subplots(figsize=(7, 4.2))
epochs = np.arange(101)
ax.semilogy(epochs[:-1], mse_list, label="the source's code (wrong gradient)")
ax.semilogy(epochs, batch.losses, label="batch GD, one update per epoch")
ax.semilogy(
    np.arange(len(sgd_costs)) / 3, sgd_costs, label="SGD, one sample per update"
)
ax.set_xlabel("epoch (passes over the data)")
ax.set_ylabel("cost (MSE, log scale)")
ax.set_title("y = w·x on three points: the cost against the epoch")
ax.legend()
ax.grid(True, alpha=0.3)
plt.show()

# %%
# Where the noise shows
# ---------------------
# On noisy data the per-sample gradients disagree at the optimum: the full
# gradient is zero there, one sample's is not. The beans of source 004 (100 points
# around :math:`y = 0.7x + 0.5`), fitted with a slope and an intercept: at the
# least-squares line,
from gdbook import beans, fit_line, least_squares_gradient

bean_x, bean_y = beans(100)
best_w, best_b = np.polyfit(bean_x, bean_y, 1)
full = least_squares_gradient(bean_x, bean_y, best_w, best_b)
one_bean = [
    np.hypot(
        *least_squares_gradient(bean_x[i : i + 1], bean_y[i : i + 1], best_w, best_b)
    )
    for i in range(100)
]
print("full gradient at the least-squares line, length:", np.hypot(*full))
print("one bean's gradient there, largest length:", max(one_bean))

# %%
# So SGD with a constant learning rate never settles: it jitters around the
# minimum, within a band that narrows with mini-batches of :math:`B` samples
# (their gradient averages :math:`B` samples). Learning rate 0.1, 30 epochs:
runs = {
    "batch GD": fit_line(bean_x, bean_y, lr=0.1, epochs=30),
    "SGD (B = 1)": fit_line_sgd(bean_x, bean_y, lr=0.1, epochs=30, rng=1),
    "mini-batch (B = 10)": fit_line_sgd(
        bean_x, bean_y, lr=0.1, epochs=30, batch_size=10, rng=1
    ),
}
for name, run in runs.items():
    print(f"{name}, updates:", run.steps_taken)
    print(f"{name}, final MSE:", run.loss)

# %%
# Batch descent is still far from the bottom after 30 updates; SGD gets there
# within an epoch or two, then keeps jumping around it.
fig, ax = plt.subplots(figsize=(7, 4.2))
for name, run in runs.items():
    steps = np.arange(len(run.losses)) / run.updates_per_epoch
    ax.semilogy(steps, run.losses, label=name, lw=1)
ax.set_xlabel("epoch (passes over the data)")
ax.set_ylabel("MSE (log scale)")
ax.set_title("Beans, learning rate 0.1: SGD is fast but noisy")
ax.legend()
ax.grid(True, alpha=0.3)
plt.show()

# %%
# Where next
# ----------
# How high SGD's jitter stays, and how to get below it:
# :ref:`sphx_glr_auto_examples_06_optimizers_plot_noise_floor.py` measures
# the noise floor of a constant rate on these beans against its prediction, and
# lowers the rate as the run goes on with the schedules of :mod:`gdbook.schedules`.
