"""
Gradient descent epoch by epoch: a line through the origin
==========================================================

With one parameter the whole descent can be followed by hand. Fit :math:`y = w x`
to the four points :math:`x = 1, 2, 3, 4`, :math:`y = 2x`: the loss
:math:`L(w) = \\frac1n \\sum_i (w x_i - y_i)^2` is a parabola in :math:`w` with its
minimum at :math:`w = 2`, and each epoch of gradient descent with learning rate
:math:`\\eta` multiplies the distance :math:`w - 2` by :math:`1 - 15\\eta`. Source 002
(E06) runs it from :math:`w = 1` with :math:`\\eta = 0.01` for 100 epochs.
"""

# %%
# :func:`gdbook.fit_slope` runs the descent and keeps :math:`w` and :math:`L` at
# every epoch. Left, the source's rate; right, the loss for five rates (log scale):
# too small is slow, too large diverges.
import matplotlib.pyplot as plt
import numpy as np

from gdbook import fit_slope, proportional_data

x, y = proportional_data(4)  # [1, 2, 3, 4] and [2, 4, 6, 8]
fit = fit_slope(x, y, slope0=1.0, lr=0.01, epochs=100)
rates = [0.001, 0.01, 0.06, 0.13, 0.14]
runs = {lr: fit_slope(x, y, slope0=1.0, lr=lr, epochs=100) for lr in rates}
fig, (ax_w, ax_loss) = plt.subplots(1, 2, figsize=(10, 4))
ax_w.plot(fit.slopes, label="w, η = 0.01")
ax_w.axhline(2, color="k", lw=0.8, ls="--", label="w = 2")
ax_w.set_xlabel("epoch")
ax_w.set_ylabel("w")
ax_w.set_title("The slope approaches 2")
ax_w.legend()
for lr, run in runs.items():
    ax_loss.semilogy(run.losses, label=f"η = {lr}")
ax_loss.set_xlabel("epoch")
ax_loss.set_ylabel("L (log scale)")
ax_loss.set_ylim(1e-16, 1e11)
ax_loss.set_title("Too small is slow, too large diverges")
ax_loss.legend(ncols=2, fontsize="small")
fig.tight_layout()
plt.show()

# %%
# The loop in numpy
# -----------------
# The gradient :math:`dL/dw = \frac1n \sum_i 2 x_i (w x_i - y_i)`, then the step:
lr = 0.01
w = 1.0
for _ in range(100):
    grad = np.mean(2 * x * (w * x - y))
    w = w - lr * grad
print(f"w after 100 epochs: {w:.8f}")
print(f"prediction for x = 4: {w * 4:.7f}")

# %%
# What it shows
# -------------
# With :math:`\overline{x^2} = 7.5` the update is
# :math:`w - 2 \leftarrow (1 - 2\eta\,\overline{x^2})(w - 2)`, so with
# :math:`\eta = 0.01`, :math:`w_k = 2 - 0.85^k` and the loss
# :math:`7.5\,(w_k - 2)^2` shrinks by :math:`0.85^2 = 0.7225` per epoch:
print("epoch      w          L")
for k in (0, 1, 2, 10, 50, 100):
    print(f"{k:5d} {fit.slopes[k]:9.6f} {fit.losses[k]:10.2e}")

# %%
# The factor :math:`1 - 15\eta` decides everything: the descent converges for
# :math:`0 < \eta < 2/15 \approx 0.133`, fastest near :math:`\eta = 1/15`, where
# one step almost lands on :math:`w = 2`; past :math:`2/15` the slope jumps from
# side to side further each time.
print("    η   1 - 15η   w after 100 epochs")
for lr, run in runs.items():
    print(f"{lr:5g} {1 - 15 * lr:9.3f} {run.slope:20.8g}")

# %%
# The source, checked
# -------------------
# "Compute the gradient first, then update": the source's code, as printed. Its
# cost function is named ``const``; the comments read "note: the initial weight is
# 1.0", "100 epochs", "the cost, computed only for the plot", "the gradient" and
# "the learning rate is 0.01, it should be as small as possible";
# ``befortraining`` is its typo for "before training". The page runs it with its
# output captured, and prints the 102 lines, E06's exact values, in the folded
# block below: identical to the source's printed output, digit for digit (Python
# prints a float with the shortest digits that read back to the same number, so
# they match only if every bit does).
import contextlib
import io

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


with contextlib.redirect_stdout(io.StringIO()) as printed:
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
# .. raw:: html
#
#    <details><summary>The source's 102 printed lines (E06), reproduced</summary>
print(printed.getvalue(), end="")

# %%
# .. raw:: html
#
#    </details>
#
# gdbook's :func:`~gdbook.fit_slope` against the source's run:
# ``fit.slopes[k + 1]`` is the slope printed on the line of epoch ``k`` and
# ``fit.losses[k]`` the cost printed next to it (the source's ``mse_list``).
print("gdbook prediction for 4 before training:", fit.slopes[0] * 4)
print("gdbook prediction for 4 after training:", fit.predict(4))
print("same final w, bit for bit:", fit.slope == w)
print("same 100 costs, bit for bit:", fit.losses[:-1].tolist() == mse_list)

# %%
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
# .. note:: **Erratum (source 002).** The comment says the learning rate "should be
#    as small as possible" (要尽量小). Small enough, yes: below 2/15 here. But the
#    smaller it is, the slower the descent: at 0.001, a tenth of the source's, the
#    slope is still far from 2 after 100 epochs (the table above). See
#    :ref:`errata-002`. The source's loop with only the rate changed:
for rate in rates:
    w = 1.0
    for _ in range(100):
        w = w - rate * gradient(x_data, y_data)
    print(f"learning rate {rate}, w after 100 epochs:", w)

# %%
# The source's figure: the cost against the epoch (its ``w_list`` ends up holding
# the epoch numbers, not slopes). "The loss decreases as the epochs go by and tends
# to 0 (it may not reach 0)".

# 绘图
w_list = np.arange(0, 100, 1)
plt.plot(w_list, mse_list)
plt.xlabel("epoch")
plt.ylabel("mse")
# Not in the source: a title, which the site uses as the picture's text alternative.
plt.title("Source 002's figure: the cost (MSE) against the epoch")
plt.show()
