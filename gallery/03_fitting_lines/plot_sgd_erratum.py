"""
Stochastic gradient descent, and the source's "SGD"
===================================================

Source 002 (E07) motivates stochastic gradient descent, "pick one random
:math:`(x, y)` as the basis of the descent", then fits :math:`y = w x` to the three
points :math:`x = 1, 2, 3`, :math:`y = 2x` from :math:`w = 1` with learning rate
0.01 for 100 epochs. Its code is not what its text describes.

.. note:: **Erratum (source 002).** The "SGD" code averages its gradient over all
   the samples at every update, so it is batch gradient descent, not stochastic;
   and its gradient is ``2*w*(w*x - y)`` where the derivative of
   :math:`(w x - y)^2` is ``2*x*(w*x - y)``. It still ends near :math:`w = 2`, but
   only because the data lie exactly on :math:`y = 2x`: the wrong formula vanishes
   at :math:`w = 2` there. The page shows what the code as printed gives, then
   real SGD (one random sample per update, seeded) against batch descent.
"""

# %%
# What the source's code gives
# ----------------------------
# Its update, run by :func:`gdbook.gradient_descent` with the source's wrong
# gradient (averaged over the three samples):
import numpy as np

from gdbook import gradient_descent, least_squares_loss, proportional_data

x_data, y_data = proportional_data(3)  # [1, 2, 3] and [2, 4, 6]


def source_gradient(w):
    """The source's ``gradient``: 2*w*(w*x - y) averaged over all samples (wrong)."""
    return np.mean(2 * w * (w * x_data - y_data))


def cost(w):
    """The source's ``cost``: the mean squared error of y = w x."""
    return least_squares_loss(x_data, y_data, w)


as_printed = gradient_descent(source_gradient, 1.0, lr=0.01, steps=100, loss=cost)
print("Epoch:", 99, "w=", float(as_printed.x), "cost=", float(as_printed.losses[99]))
print("Predict(after training)", 4, float(as_printed.x * 4))

# %%
# For data on :math:`y = 2x` the wrong "gradient" is
# :math:`\frac1n\sum_i 2w(w - 2)x_i = 2w(w-2)\,\bar x`, which is zero at
# :math:`w = 2` like the true one, :math:`2(w - 2)\,\overline{x^2}`, so the
# iteration still heads for 2, at another speed. On noisy data the two zeros part
# ways, and the wrong formula converges to a wrong slope.
#
# Real stochastic gradient descent
# --------------------------------
# SGD updates with the gradient of the loss on **one** sample,
# :math:`w \leftarrow w - \eta \cdot 2 x_i (w x_i - y_i)`, the samples visited in a
# fresh random order at each epoch (seeded, so the page prints the same numbers at
# every build). An epoch is one pass over the data: three updates here, where
# batch descent makes one. :func:`gdbook.fit_line_sgd` runs it,
# :func:`gdbook.fit_slope` the batch descent with the correct gradient.
from gdbook import fit_line_sgd, fit_slope

batch = fit_slope(x_data, y_data, slope0=1.0, lr=0.01, epochs=100)
sgd = fit_line_sgd(
    x_data,
    y_data,
    slope0=1.0,
    fit_intercept=False,
    lr=0.01,
    epochs=100,
    batch_size=1,
    rng=np.random.default_rng(0),
)
print("batch GD: w =", batch.slope, "predict(4) =", batch.predict(4))
print("SGD:      w =", sgd.slope, "predict(4) =", sgd.predict(4))
print("SGD made", sgd.steps_taken, "updates in", sgd.epochs_taken, "epochs")

# %%
# Plot: batch descent against SGD
# -------------------------------
# The losses against the epoch, so that both curves are drawn against the same
# work (passes over the data). With three times as many updates per epoch, SGD
# gets further per epoch. Here its curve is smooth: the points have no noise, so
# every sample's gradient vanishes at :math:`w = 2` and each step shrinks the
# error (the "interpolation" case, where SGD is at its best).
import matplotlib.pyplot as plt

from gdbook.plot import loss_curve

fig, ax = plt.subplots(figsize=(7, 4.5))
for run, label in [
    (as_printed, "source's code (wrong gradient)"),
    (batch, "batch GD, one update per epoch"),
    (sgd, "SGD, one sample per update"),
]:
    loss_curve(run, against="epochs", ax=ax, label=label, ylabel="loss (MSE)")
ax.set_yscale("log")
ax.set_title("y = w·x on three points: the loss against the epoch")
plt.show()

# %%
# Where the noise shows
# ---------------------
# On noisy data the per-sample gradients disagree at the optimum, so SGD with a
# constant learning rate never settles: it jitters around the minimum, within a
# band that narrows with mini-batches of :math:`B` samples (their gradient
# averages :math:`B` samples). The beans of source 004 (100 points around
# :math:`y = 0.7x + 0.5`), fitted with a slope and an intercept, learning rate 0.1,
# 30 epochs:
from gdbook import beans, fit_line

bean_x, bean_y = beans(100)
runs = {
    "batch GD": fit_line(bean_x, bean_y, lr=0.1, epochs=30),
    "SGD (B = 1)": fit_line_sgd(bean_x, bean_y, lr=0.1, epochs=30, rng=1),
    "mini-batch (B = 10)": fit_line_sgd(
        bean_x, bean_y, lr=0.1, epochs=30, batch_size=10, rng=1
    ),
}
for name, run in runs.items():
    print(f"{name}: {run.steps_taken} updates, final MSE {run.loss:.6f}")

# %%
# Batch descent is still far from the bottom after 30 updates; SGD got there
# within an epoch or two, then keeps jumping around it.
fig, ax = plt.subplots(figsize=(7, 4.5))
for name, run in runs.items():
    loss_curve(run, against="epochs", ax=ax, label=name, ylabel="loss (MSE)", lw=1)
ax.set_yscale("log")
ax.set_title("Beans, learning rate 0.1: SGD is fast but noisy")
plt.show()
