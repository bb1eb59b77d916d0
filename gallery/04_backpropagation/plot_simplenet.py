"""
The gradient of a network's loss: simpleNet
===========================================

A classifier with one weight matrix :math:`W` (2×3) turns an input :math:`x` into
scores :math:`z = x W`, probabilities :math:`\\operatorname{softmax}(z)` and a loss
:math:`L`, their cross-entropy against the true class :math:`t` (one-hot). The
gradient :math:`\\partial L / \\partial W` is a matrix of :math:`W`'s shape, one entry
per weight; backpropagation gives it in one line, :math:`x^\\top(\\operatorname{softmax}
(z) - t)`, and the numerical gradient checks it.
"""

# %%
# For :math:`x = (0.6, 0.9)`, the true class 2 and the weights that source 003
# printed (see the last section): the probabilities against the target, and the
# gradient, each row the difference of the two times one input.
import matplotlib.pyplot as plt
import numpy as np

import gdbook
from gdbook import SimpleNet

W = np.array(
    [[-0.66110535, -2.3121261, 0.61870626], [-0.43594672, 1.66798289, -1.09922476]]
)
x, t = np.array([0.6, 0.9]), np.array([0, 0, 1])
gnet = SimpleNet(W)
y = gdbook.softmax(gnet.predict(x))
analytic = gnet.gradient(x, t)
fig, (ax_probs, ax_grad) = plt.subplots(1, 2, figsize=(9, 3.4))
classes = np.arange(3)
ax_probs.bar(classes - 0.2, y, width=0.4, label="softmax(z)")
ax_probs.bar(classes + 0.2, t, width=0.4, label="target t")
ax_probs.set(xticks=classes, xlabel="class", title="probabilities and target")
ax_probs.legend()
limit = np.abs(analytic).max()
image = ax_grad.imshow(analytic, cmap="RdBu_r", vmin=-limit, vmax=limit)
for (i, j), value in np.ndenumerate(analytic):
    color = "white" if abs(value) > 0.6 * limit else "black"
    ax_grad.text(j, i, f"{value:.3f}", ha="center", va="center", color=color)
ax_grad.set(xticks=classes, yticks=[0, 1], xlabel="j (class)", ylabel="i (input)")
ax_grad.set_title("∂L/∂W_ij")
fig.colorbar(image, ax=ax_grad, shrink=0.8)
fig.tight_layout()
plt.show()

# %%
# The network prefers class 1, so the loss is large. The second row is
# :math:`0.9/0.6 = 1.5` times the first; negative entries (blue) are the weights
# that gradient descent increases.
#
# The algorithm, in plain numpy
# -----------------------------
# Forward: scores, probabilities, loss (with the book's :math:`\delta = 10^{-7}`
# inside the logarithm). Backward: softmax with cross-entropy gives
# :math:`\partial L / \partial z = \operatorname{softmax}(z) - t`, and
# :math:`\partial L / \partial W_{ij} = x_i\, \partial L / \partial z_j`, an outer
# product:
z = x @ W
probabilities = np.exp(z - z.max()) / np.exp(z - z.max()).sum()
loss = -np.log(probabilities[2] + 1e-7)
print(f"probabilities {np.round(probabilities, 4)}, loss {loss:.4f}")
print("dL/dW:\n", np.round(np.outer(x, probabilities - t), 4))

# %%
# With gdbook
# -----------
# :class:`gdbook.SimpleNet` is this network; its loss takes the weights as an
# optional argument, so that :func:`gdbook.numerical_gradient` (a central difference
# for each weight) differentiates a function of the weights, and
# :func:`gdbook.gradient_check` compares it with backpropagation's (the relative
# error of each entry):
gdW = gdbook.numerical_gradient(lambda W: gnet.loss(x, t, W), gnet.W)
check = gdbook.gradient_check(lambda W: gnet.loss(x, t, W), analytic, gnet.W)
print(check)
print("relative errors:", np.array2string(check.errors, precision=3))

# %%
# Every entry has the same relative error, about :math:`4 \cdot 10^{-7}`: not the
# error of the central difference but :math:`\delta` inside the logarithm,
# :math:`L = -\log(y_2 + \delta)`. Its exact gradient is the formula above times
# :math:`y_2 / (y_2 + \delta)`, a relative change of :math:`\delta / (y_2 +
# \delta)`; with that factor the check is at rounding level:
from gdbook import CROSS_ENTROPY_DELTA

print(
    f"delta / (y_2 + delta): {CROSS_ENTROPY_DELTA / (y[2] + CROSS_ENTROPY_DELTA):.3e}"
)
exact = analytic * (y[2] / (y[2] + CROSS_ENTROPY_DELTA))
print(gdbook.gradient_check(lambda W: gnet.loss(x, t, W), exact, gnet.W))

# %%
# Reading the gradient
# --------------------
# Each entry says how fast the loss changes with one weight. With rows and columns
# numbered from 1, as the book does, :math:`w_{11}` is ``W[0, 0]`` and
# :math:`w_{22}` is ``W[1, 1]``. Increasing each by :math:`h = 10^{-3}`:
h, loss = 1e-3, gnet.loss(x, t)
for name, index in (("w11", (0, 0)), ("w22", (1, 1))):
    nudged = gnet.W.copy()
    nudged[index] += h
    change = (gnet.loss(x, t, nudged) - loss) / h
    print(f"{name}: (L(W + h) - L(W)) / h = {change:.4f}, gradient {gdW[index]:.4f}")


# %%
# The loss grows by about :math:`0.13h` with :math:`w_{11}` and :math:`0.48h` with
# :math:`w_{22}`; to reduce it, gradient descent decreases both.
#
# .. _simplenet-source:
#
# The source, checked
# -------------------
# Source 003 (E13) takes this gradient with ``simpleNet``, from Koki Saito's *Deep
# Learning from Scratch*, and the book's functions. The source draws :math:`W` with
# ``np.random.randn(2, 3)`` and prints it; the page starts from the printed values.
#
# .. note:: **Erratum (source 003).** The source differentiates
#    ``f(W)``, which returns ``net.loss(x, t)`` and ignores its argument (its comment
#    gives the book's form, ``f = lambda w: net.loss(x, t)``). It works only because
#    the book's ``numerical_gradient`` perturbs ``net.W`` itself, in place, while
#    ``net.loss`` reads ``net.W``. Given a numerical gradient that leaves its argument
#    alone, as :func:`gdbook.numerical_gradient` does, the same ``f`` has a gradient
#    of zero (shown below). :class:`gdbook.SimpleNet` takes the weights as an argument
#    of its loss, ``lambda W: net.loss(x, t, W)``, so the function differentiated is
#    the one written. See :ref:`errata-003-f-ignores`.
#
# .. note:: **Erratum (source 003).** The source reads its result as "if
#    :math:`w_{11}` increases by :math:`h`, the loss increases by :math:`0.47h`". In
#    the book's notation, which numbers rows and columns from 1, :math:`w_{11}` is
#    the top-left weight, and its gradient is 0.129: the loss increases by about
#    :math:`0.13h`. The 0.477 it quotes is :math:`\partial L / \partial w_{22}`
#    (and it rounds to 0.48). Both are measured below. See :ref:`errata-003-w11`.
#
# .. note:: The listing imports ``softmax``, ``cross_entropy_error`` and
#    ``numerical_gradient`` from the book's ``common`` package, which the source does
#    not show (as printed: ``ModuleNotFoundError: No module named 'common'``); the
#    page defines them as the book does (:ref:`errata-003-imports`).
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
# gdbook's numbers are the source code's, to the last bit:
gp = gnet.predict(x)
print("gdbook scores:", gp)
print("gdbook loss:", gnet.loss(x, t))
print(gdW)
print(
    "same bits:",
    np.array_equal(gp, p)
    and gnet.loss(x, t) == net.loss(x, t)
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
print("difference from the source's loss:", abs(gnet.loss(x, t) - 1.366622688011303))
print("bound from rounding W to 8 decimals:", np.abs(gdW).sum() * 5e-9)

# %%
# The first erratum, shown: the source's function of ``W`` ignores ``W``. With a
# numerical gradient that does not modify ``net.W`` behind the function's back,
# every difference is zero:
print(gdbook.numerical_gradient(f, net.W))
