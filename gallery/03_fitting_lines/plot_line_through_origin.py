"""
Gradient descent epoch by epoch: a line through the origin
==========================================================

Source 002 (E06) fits :math:`y = w x` to the four points :math:`x = 1, 2, 3, 4`,
:math:`y = 2x` by gradient descent on the mean squared error, from :math:`w = 1`
with learning rate 0.01 for 100 epochs, prints the slope and the cost at every
epoch, and draws the cost against the epoch.

The page runs the source's code as printed (its 102 lines of output are the
source's, digit for digit), then the same descent with :func:`gdbook.fit_slope`,
and checks that the two agree to the last bit. Then the learning rate, which the
source says should be "as small as possible".
"""

# %%
# The source's code
# -----------------
# "Compute the gradient first, then update": the model is
# :math:`\hat y = w x`, the cost (the source names its function ``const``) the mean
# squared error, and its derivative
#
# .. math:: \text{cost}(w) = \frac1n \sum_i (w x_i - y_i)^2, \qquad
#    \frac{d\,\text{cost}}{dw} = \frac1n \sum_i 2 x_i (w x_i - y_i).
#
# The comments read "note: the initial weight is 1.0", "100 epochs", "the cost,
# computed only for the plot", "the gradient" and "the learning rate is 0.01, it
# should be as small as possible"; ``befortraining`` is the source's typo for
# "before training".
import matplotlib.pyplot as plt
import numpy as np

x_data = [1.0, 2.0, 3.0, 4.0]
y_data = [2.0, 4.0, 6.0, 8.0]

mse_list = []
w_list = []

w = 1.0  # 注意:这里设初始权重为1.0


def forward(x):
    return w * x


def const(xs, ys):
    const = 0
    for x, y in zip(xs, ys):  # noqa: B905
        y_pred = forward(x)
        const += (y_pred - y) ** 2
    return const / len(xs)


def gradient(xs, ys):
    grad = 0
    for x, y in zip(xs, ys):  # noqa: B905
        grad += 2 * x * (w * x - y)
    return grad / len(xs)


print("Predict (befortraining)", 4, forward(4))

# 100轮
for epoch in range(100):
    const_val = const(x_data, y_data)  # 损失值,为了绘图,才算他
    grad_val = gradient(x_data, y_data)  # gradient函数求梯度值
    w = w - 0.01 * grad_val
    # 这里学习率取的 0.01,要尽量小
    mse_list.append(const_val)
    print("Epoch:", epoch, "w=", w, "cost=", const_val)
print("Predict(after training)", 4, forward(4))

# %%
# Python prints a float with the shortest digits that read back to the same
# number, so these 102 lines are identical to the source's printed output only if
# every bit is: they are (the tests compare them with the source's output,
# transcribed).
#
# .. note:: **Erratum (source 002).** A line of the table does not pair a slope
#    with its cost. The loop computes the cost, *then* updates ``w``, then prints
#    both: "Epoch: 0 w= 1.15 cost= 7.5" shows the cost of :math:`w = 1`, before the
#    update, next to the slope after it. The cost of :math:`w = 1.15` is the one
#    printed on the next line (computed below by the source's own ``const``).
#    See :ref:`errata-002`.
w_after_training = w  # the source's result, kept
w = 1.15
print("cost of w = 1.15:", const(x_data, y_data))
w = w_after_training

# %%
# The source's figure
# -------------------
# The cost against the epoch, as the source draws it (its ``w_list`` ends up
# holding the epoch numbers, not slopes). "The loss decreases as the epochs go by
# and tends to 0 (it may not reach 0)".

# 绘图
w_list = np.arange(0, 100, 1)
plt.plot(w_list, mse_list)
plt.xlabel("epoch")
plt.ylabel("mse")
# Not in the source: a title, which the site uses as the picture's text alternative.
plt.title("Source 002's figure: the cost (MSE) against the epoch")
plt.show()

# %%
# The same descent with gdbook
# ----------------------------
# :func:`gdbook.fit_slope` runs the same descent and keeps the slope and the cost
# at every epoch, the start included: ``fit.slopes[k + 1]`` is the slope printed
# on the line of epoch ``k`` and ``fit.losses[k]`` the cost printed next to it
# (the source's ``mse_list``).
from gdbook import fit_slope, proportional_data

x, y = proportional_data(4)  # [1, 2, 3, 4] and [2, 4, 6, 8]
fit = fit_slope(x, y, slope0=1.0, lr=0.01, epochs=100)
print("gdbook prediction for 4 before training:", fit.slopes[0] * 4)
print("gdbook prediction for 4 after training:", fit.predict(4))
print("same final w, bit for bit:", fit.slope == w)
print("same 100 costs, bit for bit:", fit.losses[:-1].tolist() == mse_list)
fit

# %%
# Why the cost falls by the same factor at each epoch: with :math:`y = 2x`, the
# update is :math:`w - 2 \leftarrow (1 - 2\eta\,\overline{x^2})(w - 2)` with
# :math:`\overline{x^2} = 7.5`, so :math:`w_k = 2 - 0.85^k` and the cost
# :math:`7.5\,(w_k - 2)^2` shrinks by :math:`0.85^2 = 0.7225` per epoch.
print("cost ratio, epoch 1 to epoch 0:", fit.losses[1] / fit.losses[0])
print("cost ratio, epoch 99 to epoch 98:", fit.losses[99] / fit.losses[98])

# %%
# How small should the learning rate be?
# --------------------------------------
# The factor :math:`1 - 2\eta\,\overline{x^2} = 1 - 15\eta` decides everything.
# The descent converges when it lies between −1 and 1, that is for
# :math:`0 < \eta < 2/15 \approx 0.133`; it converges fastest near
# :math:`\eta = 1/15`, where one step almost lands on :math:`w = 2`; past 2/15 it
# diverges, the slope jumping from side to side further each time. The same 100
# epochs for five learning rates, by the source's loop with only the rate changed
# (its ``w`` after the last epoch):
#
# .. note:: **Erratum (source 002).** The comment says the learning rate "should be
#    as small as possible" (要尽量小). Small enough, yes: below 2/15 here. But the
#    smaller it is, the slower the descent: at 0.001, a tenth of the source's, the
#    slope is still far from 2 after 100 epochs. See :ref:`errata-002`.
rates = [0.001, 0.01, 0.06, 0.13, 0.14]
runs = {}
for rate in rates:
    w = 1.0
    costs = []
    for _ in range(100):
        costs.append(const(x_data, y_data))
        w = w - rate * gradient(x_data, y_data)
    runs[rate] = costs
    print(f"learning rate {rate}, w after 100 epochs:", w)

# %%
# On a log scale the cost of a converging run is a straight line: it is multiplied
# by :math:`(1 - 15\eta)^2` at every epoch. At 0.06 that factor is 0.01 and the
# slope soon reaches 2 exactly, to the last bit, where the cost is 0 and the curve
# leaves the log scale; at 0.14 the factor is 1.21 and the cost grows.
fig, ax = plt.subplots(figsize=(7, 4))
for rate, costs in runs.items():
    ax.semilogy(costs, label=f"η = {rate}")
ax.set_xlabel("epoch")
ax.set_ylabel("mse (log scale)")
ax.set_ylim(1e-16, 1e11)
ax.set_title("Too small is slow, too large diverges")
ax.legend(ncols=2)
ax.grid(True, alpha=0.3)
plt.show()
