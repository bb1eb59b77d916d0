"""
The gradient of a network's loss: simpleNet
===========================================

Source 003 ends with the gradient of a loss with respect to a network's weights
(E13). ``simpleNet``, from Koki Saito's *Deep Learning from Scratch* like the rest
of the source's code, has one weight matrix :math:`W` (2×3): the scores are
:math:`z = x W`, the probabilities :math:`\\operatorname{softmax}(z)` and the loss
their cross-entropy against the true class. The source takes the numerical gradient
:math:`\\partial L / \\partial W`, a matrix of :math:`W`'s shape; this page puts the
gradient of backpropagation, :math:`x^\\top(\\operatorname{softmax}(z) - t)`, beside
it.

.. note:: **Erratum (source 003).** The source differentiates
   ``f(W)``, which returns ``net.loss(x, t)`` and ignores its argument (its comment
   gives the book's form, ``f = lambda w: net.loss(x, t)``). It works only because
   the book's ``numerical_gradient`` perturbs ``net.W`` itself, in place, while
   ``net.loss`` reads ``net.W``. Given a numerical gradient that leaves its argument
   alone, as :func:`gdbook.numerical_gradient` does, the same ``f`` has a gradient
   of zero (shown below). :class:`gdbook.SimpleNet` takes the weights as an argument
   of its loss, ``lambda W: net.loss(x, t, W)``, so the function differentiated is
   the one written. See :ref:`errata-003-f-ignores`.

.. note:: **Erratum (source 003).** The source reads its result as "if
   :math:`w_{11}` increases by :math:`h`, the loss increases by :math:`0.47h`". In
   the book's notation, which numbers rows and columns from 1, :math:`w_{11}` is
   the top-left weight, and its gradient is 0.129: the loss increases by about
   :math:`0.13h`. The 0.477 it quotes is :math:`\\partial L / \\partial w_{22}`
   (and it rounds to 0.48). Both are measured below. See :ref:`errata-003-w11`.

.. note:: The listing imports ``softmax``, ``cross_entropy_error`` and
   ``numerical_gradient`` from the book's ``common`` package, which the source does
   not show (as printed: ``ModuleNotFoundError: No module named 'common'``); the
   page defines them as the book does (:ref:`errata-003-imports`).
"""

# %%
# The source's code
# -----------------
# The book's functions, then the source's listing. The source draws :math:`W` with
# ``np.random.randn(2, 3)`` and prints it; this page starts from the printed values,
# so that it shows the source's numbers.
import numpy as np


def softmax(x):
    if x.ndim == 2:
        x = x.T
        x = x - np.max(x, axis=0)
        y = np.exp(x) / np.sum(np.exp(x), axis=0)
        return y.T
    x = x - np.max(x)  # guard against overflow
    return np.exp(x) / np.sum(np.exp(x))


def cross_entropy_error(y, t):
    if y.ndim == 1:
        t = t.reshape(1, t.size)
        y = y.reshape(1, y.size)
    # a one-hot t becomes the index of its true class
    if t.size == y.size:
        t = t.argmax(axis=1)
    batch_size = y.shape[0]
    return -np.sum(np.log(y[np.arange(batch_size), t] + 1e-7)) / batch_size


def numerical_gradient(f, x):
    h = 1e-4  # 0.0001
    grad = np.zeros_like(x)
    it = np.nditer(x, flags=["multi_index"], op_flags=["readwrite"])
    while not it.finished:
        idx = it.multi_index
        tmp_val = x[idx]
        x[idx] = float(tmp_val) + h
        fxh1 = f(x)  # f(x+h)
        x[idx] = tmp_val - h
        fxh2 = f(x)  # f(x-h)
        grad[idx] = (fxh1 - fxh2) / (2 * h)
        x[idx] = tmp_val  # restore the value
        it.iternext()
    return grad


class simpleNet:
    def __init__(self):
        # the source: self.W = np.random.randn(2, 3); here the W it printed
        self.W = np.array(
            [
                [-0.66110535, -2.3121261, 0.61870626],
                [-0.43594672, 1.66798289, -1.09922476],
            ]
        )

    def predict(self, x):
        return np.dot(x, self.W)

    def loss(self, x, t):
        z = self.predict(x)
        y = softmax(z)
        loss = cross_entropy_error(y, t)
        return loss


net = simpleNet()
print(net.W)  # the weights
x = np.array([0.6, 0.9])  # the input
p = net.predict(x)  # the network's output (scores)
print(p)
print(np.argmax(p))  # index of the largest score
t = np.array([0, 0, 1])  # the correct label, one-hot
print(net.loss(x, t))  # the loss


def f(W):
    return net.loss(x, t)  # f = lambda w: net.loss(x, t)


dW = numerical_gradient(f, net.W)
print(dW)

# %%
# With gdbook
# -----------
# :class:`gdbook.SimpleNet` is the same network; its loss takes the weights as an
# optional argument, so that the numerical gradient can be taken of a function of
# the weights. The input :math:`x = (0.6, 0.9)` and the true class 2 (one-hot
# :math:`t = (0, 0, 1)`). Every number is the source code's, to the last bit:
import gdbook
from gdbook import SimpleNet

gnet = SimpleNet(net.W)
gp = gnet.predict(x)
loss = gnet.loss(x, t)
gdW = gdbook.numerical_gradient(lambda W: gnet.loss(x, t, W), gnet.W)
print("gdbook scores:", gp)
print("gdbook loss:", loss)
print(gdW)
print(
    "same bits:",
    np.array_equal(gp, p)
    and loss == net.loss(x, t)
    and np.array_equal(gdW, dW)
    and np.array_equal(gnet.W, net.W),
)

# %%
# The network prefers class 1, so the loss is large. The source prints
# ``-0.61807852`` for the last score and ``1.366622688011303`` for the loss: its
# :math:`W` was random, and the values it printed are rounded to 8 decimals, so
# each weight of the source is known to within :math:`5 \cdot 10^{-9}` only. That
# moves a score by up to :math:`(0.6 + 0.9) \cdot 5 \cdot 10^{-9} = 7.5 \cdot
# 10^{-9}`, and the last score computed from the rounded weights (printed below to
# 12 decimals) lies :math:`3 \cdot 10^{-9}` from the boundary between ``…852`` and
# ``…853``. The loss can move by up to :math:`\sum_{ij} |\partial L / \partial
# W_{ij}| \cdot 5 \cdot 10^{-9}`, more than its difference from the source's:
print(f"last score to 12 decimals: {p[2]:.12f}")
print("difference from the source's loss:", abs(loss - 1.366622688011303))
print("bound from rounding W to 8 decimals:", np.abs(gdW).sum() * 5e-9)

# %%
# Reading the gradient
# --------------------
# In the book's notation, with rows and columns numbered from 1,
#
# .. math::
#
#    W = \begin{pmatrix} w_{11} & w_{12} & w_{13} \\ w_{21} & w_{22} & w_{23}
#    \end{pmatrix}, \qquad
#    \frac{\partial L}{\partial W} = \begin{pmatrix}
#    \frac{\partial L}{\partial w_{11}} & \frac{\partial L}{\partial w_{12}} &
#    \frac{\partial L}{\partial w_{13}} \\
#    \frac{\partial L}{\partial w_{21}} & \frac{\partial L}{\partial w_{22}} &
#    \frac{\partial L}{\partial w_{23}} \end{pmatrix}.
#
# Each entry of :math:`\partial L / \partial W` says how fast the loss changes with
# one weight. The source reads one: "if :math:`w_{11}` increases by :math:`h`, the
# loss increases by :math:`0.47h`". In the book's notation, rows and columns are
# numbered from 1, so :math:`w_{11}` is ``W[0, 0]`` and :math:`w_{22}` is
# ``W[1, 1]``. Increasing each by :math:`h = 10^{-3}` and measuring the change of the
# loss:
h = 1e-3
for name, index in (("w11", (0, 0)), ("w22", (1, 1))):
    nudged = gnet.W.copy()
    nudged[index] += h
    change = (gnet.loss(x, t, nudged) - loss) / h
    print(f"{name}: (L(W + h) - L(W)) / h = {change:.4f}, gradient {gdW[index]:.4f}")

# %%
# So the loss grows by about :math:`0.13h` with :math:`w_{11}`, and by about
# :math:`0.48h` with :math:`w_{22}`, the entry the source quotes. Both gradients are
# positive: to reduce the loss, gradient descent decreases these weights, as the
# source says of :math:`w_{11}`.
#
# The erratum, shown: the source's function of ``W`` ignores ``W``. With a
# numerical gradient that does not modify ``net.W`` behind the function's back,
# every difference is zero.
print(gdbook.numerical_gradient(f, net.W))

# %%
# The gradient by backpropagation
# -------------------------------
# The chain rule through :math:`z = xW` and the softmax with cross-entropy gives
# :math:`\partial L / \partial z = \operatorname{softmax}(z) - t`, and then
# :math:`\partial L / \partial W_{ij} = x_i (\operatorname{softmax}(z)_j - t_j)`, an
# outer product: no loop over the weights, two evaluations fewer per weight.
analytic = gnet.gradient(x, t)
print(analytic)

# %%
# Their difference, and :func:`gdbook.gradient_check` (the relative error of each
# entry):
from gdbook import gradient_check

print(dW - analytic)
check = gradient_check(lambda W: gnet.loss(x, t, W), analytic, gnet.W)
print(check)
print(check.errors)

# %%
# Every entry has the same relative error, about :math:`4 \cdot 10^{-7}`: this is
# not the error of the central difference but the book's
# :math:`\delta = 10^{-7}` inside the logarithm,
# :math:`L = -\log(y_2 + \delta)` with :math:`y = \operatorname{softmax}(z)`. Its
# exact gradient is the formula above times :math:`y_2 / (y_2 + \delta)`, a
# relative change of :math:`\delta / (y_2 + \delta)`:
from gdbook import CROSS_ENTROPY_DELTA

y = gdbook.softmax(p)
print("delta / (y_2 + delta):", CROSS_ENTROPY_DELTA / (y[2] + CROSS_ENTROPY_DELTA))
exact = analytic * (y[2] / (y[2] + CROSS_ENTROPY_DELTA))
print(gradient_check(lambda W: gnet.loss(x, t, W), exact, gnet.W))

# %%
# Plot
# ----
# Left, the probabilities against the one-hot target: the gradient of the scores
# is their difference. Right, the gradient :math:`\partial L / \partial W`: each row
# is that difference times one input, so the second row is 0.9/0.6 = 1.5 times the
# first. Negative entries (blue) are the weights that descent increases.
import matplotlib.pyplot as plt

fig, (ax_probs, ax_grad) = plt.subplots(1, 2, figsize=(9, 3.8))
classes = np.arange(3)
ax_probs.bar(classes - 0.2, y, width=0.4, label="softmax(z)")
ax_probs.bar(classes + 0.2, t, width=0.4, label="target t")
ax_probs.set_xticks(classes)
ax_probs.set_xlabel("class")
ax_probs.set_title("Probabilities against the target")
ax_probs.legend()

limit = np.abs(dW).max()
image = ax_grad.imshow(dW, cmap="RdBu_r", vmin=-limit, vmax=limit)
for (i, j), value in np.ndenumerate(dW):
    dark = abs(value) > 0.6 * limit  # white text on the darkest cells
    color = "white" if dark else "black"
    ax_grad.text(j, i, f"{value:.4f}", ha="center", va="center", color=color)
ax_grad.set_xticks(classes)
ax_grad.set_yticks([0, 1])
ax_grad.set_xlabel("j (class)")
ax_grad.set_ylabel("i (input)")
ax_grad.set_title("∂L/∂W_ij, numerical")
fig.colorbar(image, ax=ax_grad, shrink=0.8)
fig.tight_layout()
plt.show()
