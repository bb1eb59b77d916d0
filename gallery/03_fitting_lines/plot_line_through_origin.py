"""
Gradient descent epoch by epoch: a line through the origin
==========================================================

Source 002 (E06) fits :math:`y = w x` to the four points :math:`x = 1, 2, 3, 4`,
:math:`y = 2x` by gradient descent on the mean squared error, from :math:`w = 1`
with learning rate 0.01 for 100 epochs, and prints the slope and the cost at every
epoch. The page prints the same 100 lines, digit for digit, then draws the cost
against the epoch.
"""

# %%
# Compute
# -------
# The cost and its derivative are
#
# .. math:: \text{cost}(w) = \frac1n \sum_i (w x_i - y_i)^2, \qquad
#    \frac{d\,\text{cost}}{dw} = \frac1n \sum_i 2 x_i (w x_i - y_i).
#
# :func:`gdbook.fit_slope` runs the descent and keeps the slope and the cost at
# every epoch, the start included.
from gdbook import fit_slope, proportional_data

x_data, y_data = proportional_data(4)  # [1, 2, 3, 4] and [2, 4, 6, 8]
fit = fit_slope(x_data, y_data, slope0=1.0, lr=0.01, epochs=100)

# %%
# The source's printout. Its loop computes the cost, *then* updates ``w``, then
# prints both: on the line of epoch ``k`` the slope is the one after the update
# (``fit.slopes[k + 1]``) and the cost the one before it (``fit.losses[k]``).
# Python prints floats with the shortest digits that read back to the same number,
# so the lines are identical to the source's only if every bit is.
print("Predict (befortraining)", 4, float(fit.slopes[0] * 4))
for epoch in range(100):
    print(
        "Epoch:",
        epoch,
        "w=",
        float(fit.slopes[epoch + 1]),
        "cost=",
        float(fit.losses[epoch]),
    )
print("Predict(after training)", 4, fit.predict(4))

# %%
# Why the cost falls by the same factor at each epoch: with :math:`y = 2x`, the
# update is :math:`w - 2 \leftarrow (1 - 2\eta\,\overline{x^2})(w - 2)` with
# :math:`\overline{x^2} = 7.5`, so :math:`w_k = 2 - 0.85^k` and the cost
# :math:`7.5\,(w_k - 2)^2` shrinks by :math:`0.85^2 = 0.7225` per epoch: a
# straight line on a log scale.
fit

# %%
# Plot
# ----
# The source draws the cost against the epoch (left); the log scale (right) shows
# the geometric decrease.
import matplotlib.pyplot as plt

from gdbook.plot import loss_curve

fig, (linear, logarithmic) = plt.subplots(1, 2, figsize=(9, 4))
loss_curve(fit.losses, ax=linear)
loss_curve(fit.losses, ax=logarithmic, log=True)
for ax in (linear, logarithmic):
    ax.set_xlabel("epoch")
    ax.set_ylabel("mse")
linear.set_title("Cost against the epoch")
logarithmic.set_title("The same, log scale: 0.7225 per epoch")
fig.tight_layout()
plt.show()
