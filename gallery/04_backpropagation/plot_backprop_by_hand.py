"""
Backpropagation by hand
=======================

A network computes its prediction :math:`y` in layers (the forward pass); the chain
rule gives the gradient of the loss :math:`L` with respect to every weight :math:`w`,
layer by layer from the output back (the backward pass); one step of gradient descent
with learning rate :math:`\\eta` moves every weight against its gradient. Here with
the smallest network that shows it: two inputs :math:`x = (40, 80)`, three hidden
units without activation, one output, the target :math:`t = 60` and the loss
:math:`L = \\tfrac12 (t - y)^2`.
"""

# %%
# Every input-to-hidden weight starts at 0.5 and every hidden-to-output weight at
# 1.0; 50 steps of gradient descent with :math:`\eta = 10^{-5}`:
import matplotlib.pyplot as plt
import numpy as np

from gdbook import LinearNet
from gdbook.plot import loss_curve

x, target = np.array([40.0, 80.0]), 60.0
net = LinearNet(np.full((2, 3), 0.5), np.full((3, 1), 1.0))  # W1 (2×3), W2 (3×1)
training = net.train(x, target, lr=1e-5, steps=50)
fig, (ax_loss, ax_pred) = plt.subplots(1, 2, figsize=(9, 3.6))
loss_curve(training.losses, ax=ax_loss, log=True, xlabel="update")
ax_loss.set_title("loss L = ½(t − y)²")
ax_pred.plot([trained.predict(x) for trained in training.nets], "o-", ms=3, label="y")
ax_pred.axhline(target, color="C3", linestyle="--", label="target t = 60")
ax_pred.set(xlabel="update", title="prediction y for x = (40, 80)")
ax_pred.legend()
fig.tight_layout()
plt.show()
after_one, after_fifty = training.nets[1].predict(x), training.net.predict(x)
print(f"prediction {net.predict(x):g}, after 1 update {after_one:.4f}")
print(f"prediction after 50 updates: {after_fifty:.4f}")

# %%
# The loss falls by a nearly constant factor per update, and the prediction
# approaches the target.
#
# The algorithm, in plain numpy
# -----------------------------
# Forward: the hidden values :math:`z = x W_1`, the prediction :math:`y = z W_2`.
# Backward: :math:`\partial L / \partial y = -(t - y)`, then the chain rule; the
# prediction depends on :math:`W_2` through :math:`z`, and on :math:`W_1` through
# :math:`z`, itself multiplied by :math:`W_2`, so the gradients are two outer
# products,
#
# .. math:: \frac{\partial L}{\partial W_2} = z^\top \frac{\partial L}{\partial y},
#    \qquad \frac{\partial L}{\partial W_1} = x^\top
#    \left(\frac{\partial L}{\partial y}\, W_2^\top\right).
W1, W2 = np.full((2, 3), 0.5), np.full((3, 1), 1.0)
z = x @ W1
y = (z @ W2).item()
dy = -(target - y)
dW2 = np.outer(z, dy)
dW1 = np.outer(x, dy * W2[:, 0])
W1, W2 = W1 - 1e-5 * dW1, W2 - 1e-5 * dW2
print(f"prediction {y:g}, loss {0.5 * (target - y) ** 2:g}, dL/dy {dy:g}")
print("dL/dW2:", dW2[:, 0])
print("dL/dW1:", dW1.tolist())
print(f"after one update: prediction {(x @ W1 @ W2).item():.4f}")

# %%
# Every weight from hidden unit :math:`j` to the output gets
# :math:`\partial L/\partial y \cdot z_j = 120 \cdot 60`; the row of
# :math:`x_2 = 80` in :math:`\partial L / \partial W_1` is twice the row of
# :math:`x_1 = 40`.
#
# With gdbook
# -----------
# :class:`gdbook.LinearNet` holds :math:`W_1` and :math:`W_2`;
# :meth:`~gdbook.LinearNet.gradient` returns the gradients in their shapes and
# ``update`` a new network (``net`` keeps its weights):
grads = net.gradient(x, target)
updated = net.update(grads, lr=1e-5)
print("gdbook dL/dW2:", grads.W2[:, 0])
print(f"gdbook, after one update: prediction {updated.predict(x):.4f}")

# %%
# Checking a backward pass
# ------------------------
# A backward pass written by hand is easy to get wrong (the source's own misses a
# gradient, see below). :func:`gdbook.gradient_check` compares it with the
# :func:`gdbook.numerical_gradient` of the loss, weight by weight. The loss is
# quadratic in :math:`W_1` alone, where the central difference has no truncation
# error, so what is left is rounding, far below the tolerance:
from gdbook import gradient_check

check_W1 = gradient_check(lambda W1: net.loss(x, target, W1=W1), grads.W1, net.W1)
check_W2 = gradient_check(lambda W2: net.loss(x, target, W2=W2), grads.W2, net.W2)
print(check_W1)
print(check_W2)

# %%
# A gradient with a mistake, here :math:`\partial L/\partial W_1` without the
# factor :math:`W_2` and with :math:`x_1` in both rows, does not pass:
wrong_W1 = grads.dy * np.full((2, 3), x[0])
print(gradient_check(lambda W1: net.loss(x, target, W1=W1), wrong_W1, net.W1))

# %%
# .. _backprop-by-hand-source:
#
# The source, checked
# -------------------
# Source 000 (E01) writes this network with one scalar variable per weight:
# ``w_1_ij`` from input *i* to hidden unit *j*, ``w_2_j1`` from hidden unit *j* to
# the output (gdbook's ``W1[i-1, j-1]`` and ``W2[j-1, 0]``), learning rate
# ``learning_rate``, and Chinese labels: 前向传播预测值为 is "the forward-pass
# prediction is", 当前的loss值为 "the current loss is".
#
# .. note:: **Erratum (source 000).** The code, flattened onto single lines by the
#    site that hosted it, does not run as printed. The first hidden unit reads
#    ``x2*w1_21`` for ``x_2 * w_1_21``, the third is assigned to ``Z_3`` (with
#    ``X_2`` in the first pass) where ``z_3`` and ``x_2`` are meant, in the forward
#    pass and again after the update (Python names are case-sensitive), and the
#    update uses ``d_loss_w_1_23``, which is never computed (it is
#    ``d_loss_predicted_output * w_2_31 * x_2``). As printed, the code stops at its
#    first line of arithmetic with ``NameError: name 'x2' is not defined``
#    (:ref:`errata-000-typos`, :ref:`errata-000-missing-gradient`). With only the
#    first pass corrected, the second would silently reuse the old :math:`z_3` and
#    print ``149.2224`` instead of ``140.3136``. The numbers the source shows are
#    those of the corrected code, which runs below (corrections marked). Its output
#    block also leaves out one line that the code prints, the three output-weight
#    gradients ``7200.0 7200.0 7200.0`` (:ref:`errata-000-output`).
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
source_first_pass = (y_pred, loss)  # kept for the comparison below
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
# gdbook gives every one of these numbers to the last bit:
print("gdbook prediction:", net.predict(x))
print("gdbook loss:", net.loss(x, target))
print("gdbook output-weight gradients:", grads.W2[:, 0])
print(grads.W1)
print("gdbook final prediction:", updated.predict(x))
print("gdbook final loss:", updated.loss(x, target))
source_W1 = [[w_1_11, w_1_12, w_1_13], [w_1_21, w_1_22, w_1_23]]
source_W2 = [[w_2_11], [w_2_21], [w_2_31]]
print(
    "same bits:",
    (net.predict(x), net.loss(x, target)) == source_first_pass
    and np.array_equal(grads.W2[:, 0], [d_loss_w_2_11, d_loss_w_2_21, d_loss_w_2_31])
    and np.array_equal(updated.W1, source_W1)
    and np.array_equal(updated.W2, source_W2)
    and updated.predict(x) == y_pred
    and updated.loss(x, target) == loss,
)

# %%
# The last digits depend on the order of the operations
# ~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~
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
