"""
Backpropagation by hand
=======================

Source 000 opens with a network small enough to differentiate with pencil and paper
(E01): two inputs :math:`x = (40, 80)`, three hidden units without activation, one
output, the target :math:`t = 60` and the loss :math:`L = \\tfrac12 (t - y)^2`. Every
input-to-hidden weight starts at 0.5 and every hidden-to-output weight at 1.0. The
source writes the forward pass, the gradients of the chain rule and one update with
learning rate :math:`10^{-5}` with one scalar variable per weight; gdbook's
:class:`gdbook.LinearNet` holds the same nine weights in two matrices,
:math:`W_1` (2×3) and :math:`W_2` (3×1), and does the same arithmetic.

.. note:: **Erratum (source 000).** The code, flattened onto single lines by the site
   that hosted it, does not run as printed. The first hidden unit reads
   ``x2*w1_21`` for ``x_2 * w_1_21``, the third is assigned to ``Z_3`` (with
   ``X_2`` in the first pass) where ``z_3`` and ``x_2`` are meant, in the forward
   pass and again after the update (Python names are case-sensitive), and the
   update uses ``d_loss_w_1_23``, which is never computed
   (it is ``d_loss_predicted_output * w_2_31 * x_2``). As printed, the code stops at
   its first line of arithmetic with ``NameError: name 'x2' is not defined``. The
   numbers the source shows are those of the corrected code, which this page runs.
"""

# %%
# The network
# -----------
# ``W1[i, j]`` is the source's ``w_1_{i+1}{j+1}`` (from input *i* to hidden unit
# *j*) and ``W2[j, 0]`` its ``w_2_{j+1}1``.
import numpy as np

from gdbook import LinearNet

x = np.array([40.0, 80.0])  # x_1, x_2
expected_output = 60.0
W1 = np.full((2, 3), 0.5)  # w_1_11 ... w_1_23
W2 = np.full((3, 1), 1.0)  # w_2_11, w_2_21, w_2_31
net = LinearNet(W1, W2)
net

# %%
# Forward pass
# ------------
# :math:`z = x W_1` gives the three hidden values
# :math:`z_j = x_1 w_{1,1j} + x_2 w_{1,2j}`, and :math:`y = z W_2` the prediction.
# The source's labels are in Chinese (前向传播预测值为, "the forward-pass prediction
# is"; 当前的loss值为, "the current loss is").
forward = net.forward(x)
y_pred = forward.y
print("Forward-pass prediction:", y_pred)
loss = net.loss(x, expected_output)
print("Current loss:", loss)

# %%
# Backward pass
# -------------
# The chain rule, from the loss back to each weight. The derivative of the loss in
# the prediction is the source's ``d_loss_predicted_output``,
# :math:`\partial L / \partial y = -(t - y) = 120`. The prediction depends on
# :math:`W_2[j]` through :math:`z_j` only, and on :math:`W_1[i, j]` through
# :math:`z_j`, so
#
# .. math::
#
#    \frac{\partial L}{\partial W_2[j]} = \frac{\partial L}{\partial y}\, z_j,
#    \qquad
#    \frac{\partial L}{\partial W_1[i, j]} = \frac{\partial L}{\partial y}\,
#    W_2[j]\, x_i .
#
# The source prints the three output-weight gradients:
grads = net.gradient(x, expected_output)
d1, d2, d3 = grads.W2[:, 0]
print(d1, d2, d3)

# %%
# and uses the six input-weight gradients without printing them; as a matrix of
# :math:`W_1`'s shape (the row of :math:`x_2 = 80` is twice the row of
# :math:`x_1 = 40`):
print(grads.W1)

# %%
# One update
# ----------
# :math:`W \leftarrow W - \eta\, \partial L / \partial W` with
# :math:`\eta = 10^{-5}`, then the forward pass again. ``update`` returns a new
# network: ``net``, ``W1`` and ``W2`` keep their values.
learning_rate = 1e-5
updated = net.update(grads, lr=learning_rate)
print("Final:", updated.predict(x))
print("Current loss:", updated.loss(x, expected_output))

# %%
# The last digits depend on the order of the operations
# ------------------------------------------------------
# ``140.3136`` is what the source's scalar code gives, one rounding per ``*`` and
# per ``+``. After the update :math:`W_1 = ((0.452, 0.452, 0.452), (0.404, 0.404,
# 0.404))`, and :math:`z_1 = 40 \cdot 0.452 + 80 \cdot 0.404` rounds to
# 50.400000000000006. A *fused multiply-add* (one rounding for
# ``a * b + c``), which optimised matrix-product libraries may use, gives 50.4,
# and the prediction moves by one unit in the last place. :class:`gdbook.LinearNet`
# therefore sums its products term by term in the source's order, rather than with
# ``x @ W1``, and prints the source's digits on every machine. The fused version,
# computed exactly with fractions:
from fractions import Fraction


def fused_multiply_add(a, b, c):
    """a * b + c with a single rounding, as an FMA instruction computes it."""
    return float(Fraction(a) * Fraction(b) + Fraction(c))


w11, w21, w2 = updated.W1[0, 0], updated.W1[1, 0], updated.W2[0, 0]
z_separate = x[0] * w11 + x[1] * w21
z_fused = fused_multiply_add(x[0], w11, x[1] * w21)
print("z_1, one rounding per operation:", z_separate)
print("z_1, fused multiply-add:", z_fused)
print("prediction with the fused z:", (z_fused * w2 + z_fused * w2) + z_fused * w2)

# %%
# Checking the hand-written gradients
# -----------------------------------
# A backward pass written by hand is easy to get wrong (the source's own misses a
# gradient). :func:`gdbook.gradient_check` compares it with the
# :func:`gdbook.numerical_gradient` of the loss, parameter by parameter. The loss
# takes the weights as an argument, so the numerical gradient perturbs the matrix
# it is given and nothing else.
from gdbook import gradient_check

check_W1 = gradient_check(
    lambda W1: net.loss(x, expected_output, W1=W1), grads.W1, net.W1
)
check_W2 = gradient_check(
    lambda W2: net.loss(x, expected_output, W2=W2), grads.W2, net.W2
)
print(check_W1)
print(check_W2)

# %%
# The loss is a quadratic function of :math:`W_1` alone (and of :math:`W_2`
# alone), on which the central difference has no truncation error: what is left is
# rounding, far below the tolerance. A gradient with a mistake, here the input-weight
# gradient computed without the factor :math:`W_2[j]` and with :math:`x_1` in
# both rows, does not pass:
wrong_W1 = grads.dy * np.full((2, 3), x[0])
print(gradient_check(lambda W1: net.loss(x, expected_output, W1=W1), wrong_W1, net.W1))

# %%
# Training for more steps
# -----------------------
# The source stops after one update. Repeating it, the prediction approaches the
# target 60 and the loss falls by a nearly constant factor per step.
training = net.train(x, expected_output, lr=learning_rate, steps=50)
print(training)
print("prediction after 50 updates:", training.net.predict(x))

# %%
# Plot
# ----
# :func:`gdbook.plot.loss_curve` draws the loss of every network of the training,
# the start included, on a logarithmic axis; the prediction is drawn beside it.
import matplotlib.pyplot as plt

from gdbook.plot import loss_curve

fig, (ax_loss, ax_pred) = plt.subplots(1, 2, figsize=(9, 4))
loss_curve(training.losses, ax=ax_loss, log=True)
ax_loss.set_xlabel("update")
ax_loss.set_title("Loss ½(t − y)² of the 2-3-1 network")
predictions = [trained.predict(x) for trained in training.nets]
ax_pred.plot(predictions, "o-", markersize=3, label="prediction y")
ax_pred.axhline(expected_output, color="C3", linestyle="--", label="target t = 60")
ax_pred.set_xlabel("update")
ax_pred.set_title("Prediction for x = (40, 80)")
ax_pred.grid(True, alpha=0.3)
ax_pred.legend()
fig.tight_layout()
plt.show()
