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
   its first line of arithmetic with ``NameError: name 'x2' is not defined``
   (:ref:`errata-000-typos`, :ref:`errata-000-missing-gradient`). With
   only the first pass corrected, the second would silently reuse the old
   :math:`z_3` and print ``149.2224`` instead of ``140.3136``. The numbers the
   source shows are those of the corrected code, which this page runs. Its output
   block also leaves out one line that the code prints, the three output-weight
   gradients ``7200.0 7200.0 7200.0`` (:ref:`errata-000-output`).
"""

# %%
# The source's code, corrected
# ----------------------------
# One variable per number: ``w_1_ij`` is the weight from input *i* to hidden unit
# *j*, ``w_2_j1`` the weight from hidden unit *j* to the output. The corrections are
# marked. The source prints its results with Chinese labels, kept here:
# 前向传播预测值为 is "the forward-pass prediction is", 当前的loss值为 "the current
# loss is".
x_1 = 40.0
x_2 = 80.0
expected_output = 60.0
# initialisation
w_1_11 = 0.5
w_1_12 = 0.5
w_1_13 = 0.5
w_1_21 = 0.5
w_1_22 = 0.5
w_1_23 = 0.5
w_2_11 = 1.0
w_2_21 = 1.0
w_2_31 = 1.0
z_1 = x_1 * w_1_11 + x_2 * w_1_21  # corrected: x2*w1_21
z_2 = x_1 * w_1_12 + x_2 * w_1_22
z_3 = x_1 * w_1_13 + x_2 * w_1_23  # corrected: Z_3 = ... X_2
y_pred = z_1 * w_2_11 + z_2 * w_2_21 + z_3 * w_2_31
print("前向传播预测值为:", y_pred)
loss = 0.5 * (expected_output - y_pred) ** 2
print("当前的loss值为: ", loss)

# %%
# The backward pass: the derivative of the loss in the prediction,
# :math:`\partial L / \partial y = -(t - y) = 120`, then the chain rule to each
# weight. The prediction depends on ``w_2_j1`` through :math:`z_j` only, and on
# ``w_1_ij`` through :math:`z_j`, itself multiplied by ``w_2_j1``:
#
# .. math::
#
#    \frac{\partial L}{\partial w_{2,j1}} = \frac{\partial L}{\partial y}\, z_j,
#    \qquad
#    \frac{\partial L}{\partial w_{1,ij}} = \frac{\partial L}{\partial y}\,
#    w_{2,j1}\, x_i .
#
# The source prints the three output-weight gradients (the page keeps the first
# prediction and loss aside, to compare them with gdbook's below):
source_first_pass = (y_pred, loss)
d_loss_predicted_output = -(expected_output - y_pred)
d_loss_w_2_11 = d_loss_predicted_output * z_1
d_loss_w_2_21 = d_loss_predicted_output * z_2
d_loss_w_2_31 = d_loss_predicted_output * z_3
print(d_loss_w_2_11, d_loss_w_2_21, d_loss_w_2_31)
d_loss_w_1_11 = d_loss_predicted_output * w_2_11 * x_1
d_loss_w_1_21 = d_loss_predicted_output * w_2_11 * x_2
d_loss_w_1_12 = d_loss_predicted_output * w_2_21 * x_1
d_loss_w_1_22 = d_loss_predicted_output * w_2_21 * x_2
d_loss_w_1_13 = d_loss_predicted_output * w_2_31 * x_1
d_loss_w_1_23 = d_loss_predicted_output * w_2_31 * x_2  # corrected: missing

# %%
# One update, :math:`w \leftarrow w - \eta\, \partial L / \partial w` with
# :math:`\eta = 10^{-5}`, then the forward pass again ("Final" is the new
# prediction):
learning_rate = 1e-5
w_2_11 -= learning_rate * d_loss_w_2_11
w_2_21 -= learning_rate * d_loss_w_2_21
w_2_31 -= learning_rate * d_loss_w_2_31
w_1_11 -= learning_rate * d_loss_w_1_11
w_1_12 -= learning_rate * d_loss_w_1_12
w_1_13 -= learning_rate * d_loss_w_1_13
w_1_21 -= learning_rate * d_loss_w_1_21
w_1_22 -= learning_rate * d_loss_w_1_22
w_1_23 -= learning_rate * d_loss_w_1_23
z_1 = x_1 * w_1_11 + x_2 * w_1_21
z_2 = x_1 * w_1_12 + x_2 * w_1_22
z_3 = x_1 * w_1_13 + x_2 * w_1_23  # corrected: Z_3
y_pred = z_1 * w_2_11 + z_2 * w_2_21 + z_3 * w_2_31
print("Final: ", y_pred)
loss = 0.5 * (expected_output - y_pred) ** 2
print("当前的loss值为: ", loss)

# %%
# With gdbook
# -----------
# :class:`gdbook.LinearNet` holds the weights as matrices: ``W1[i, j]`` is the
# source's ``w_1_{i+1}{j+1}`` and ``W2[j, 0]`` its ``w_2_{j+1}1``. The hidden values
# are :math:`z = x W_1` and the prediction :math:`y = z W_2`.
import numpy as np

from gdbook import LinearNet

x = np.array([x_1, x_2])
W1 = np.full((2, 3), 0.5)  # w_1_11 ... w_1_23
W2 = np.full((3, 1), 1.0)  # w_2_11, w_2_21, w_2_31
net = LinearNet(W1, W2)
net

# %%
# The forward pass, the loss and the backward pass. :meth:`gdbook.LinearNet.gradient`
# returns the gradients in the shapes of the weights: the output-weight gradients
# are the source's three numbers, and the input-weight gradients, which the source
# uses without printing them, form a matrix of :math:`W_1`'s shape (the row of
# :math:`x_2 = 80` is twice the row of :math:`x_1 = 40`). In matrix form the
# backward pass is two outer products,
# :math:`\partial L / \partial W_2 = z^\top \partial L / \partial y` and
# :math:`\partial L / \partial W_1 = x^\top (\partial L / \partial y\, W_2^\top)`.
prediction = net.predict(x)
first_loss = net.loss(x, expected_output)
grads = net.gradient(x, expected_output)
print("gdbook prediction:", prediction)
print("gdbook loss:", first_loss)
print("gdbook output-weight gradients:", grads.W2[:, 0])
print(grads.W1)

# %%
# One update: ``update`` returns a new network; ``net``, ``W1`` and ``W2`` keep
# their values. Every number agrees with the source's code to the last bit:
updated = net.update(grads, lr=learning_rate)
print("gdbook final prediction:", updated.predict(x))
print("gdbook final loss:", updated.loss(x, expected_output))
source_W1 = [[w_1_11, w_1_12, w_1_13], [w_1_21, w_1_22, w_1_23]]
source_W2 = [[w_2_11], [w_2_21], [w_2_31]]
print(
    "same bits:",
    (prediction, first_loss) == source_first_pass
    and np.array_equal(grads.W2[:, 0], [d_loss_w_2_11, d_loss_w_2_21, d_loss_w_2_31])
    and np.array_equal(updated.W1, source_W1)
    and np.array_equal(updated.W2, source_W2)
    and updated.predict(x) == y_pred
    and updated.loss(x, expected_output) == loss,
)

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
