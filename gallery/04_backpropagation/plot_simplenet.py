"""
The gradient of a network's loss: simpleNet
===========================================

Source 003 ends with the gradient of a loss with respect to a network's weights
(E13). ``simpleNet`` has one weight matrix :math:`W` (2×3): the scores are
:math:`z = x W`, the probabilities :math:`\\operatorname{softmax}(z)` and the loss
their cross-entropy against the true class. The source takes the numerical gradient
:math:`\\partial L / \\partial W`, a matrix of :math:`W`'s shape; this page puts the
gradient of backpropagation, :math:`x^\\top(\\operatorname{softmax}(z) - t)`, beside
it.

.. note:: **Erratum (source 003).** The source differentiates
   ``f = lambda w: net.loss(x, t)``, a function that ignores its argument ``w``. It
   works only because the book's ``numerical_gradient`` perturbs ``net.W`` itself,
   in place, while ``net.loss`` reads ``net.W``. Given a numerical gradient that
   leaves its argument alone, as :func:`gdbook.numerical_gradient` does, the same
   ``f`` has a gradient of zero (shown below). :class:`gdbook.SimpleNet` takes the
   weights as an argument of its loss, ``lambda W: net.loss(x, t, W)``, so the
   function differentiated is the one written.
"""

# %%
# The network
# -----------
# The source draws :math:`W` with ``np.random.randn(2, 3)`` and prints it; this page
# starts from the printed values, so that it shows the source's numbers.
import numpy as np

from gdbook import SimpleNet

net = SimpleNet(
    [[-0.66110535, -2.3121261, 0.61870626], [-0.43594672, 1.66798289, -1.09922476]]
)
print(net.W)

# %%
# Prediction and loss
# -------------------
# The input :math:`x = (0.6, 0.9)` and the true class 2 (one-hot
# :math:`t = (0, 0, 1)`):
x = np.array([0.6, 0.9])
t = np.array([0, 0, 1])
p = net.predict(x)
print(p)
print(np.argmax(p))
loss = net.loss(x, t)
print(loss)

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
from gdbook import numerical_gradient

dW = numerical_gradient(lambda W: net.loss(x, t, W), net.W)
print(f"last score to 12 decimals: {p[2]:.12f}")
print("difference from the source's loss:", abs(loss - 1.366622688011303))
print("bound from rounding W to 8 decimals:", np.abs(dW).sum() * 5e-9)

# %%
# The numerical gradient
# ----------------------
# :math:`\partial L / \partial W` by central differences, one weight at a time (the
# ``dW`` of the cell above):
print(dW)

# %%
# The source reads one entry: :math:`\partial L / \partial W_{11} = 0.477\ldots`
# (rows and columns counted from 0, as numpy does), so increasing :math:`W_{11}` by
# :math:`h` increases the loss by about :math:`0.47 h`, and gradient descent should
# decrease :math:`W_{11}`. With :math:`h = 10^{-3}`:
h = 1e-3
nudged = net.W.copy()
nudged[1, 1] += h
print("(L(W + h e_11) - L(W)) / h =", (net.loss(x, t, nudged) - loss) / h)

# %%
# The erratum, shown: the source's function of ``w`` ignores ``w``. With a
# numerical gradient that does not modify ``net.W`` behind the function's back,
# every difference is zero.
print(numerical_gradient(lambda w: net.loss(x, t), net.W))

# %%
# The gradient by backpropagation
# -------------------------------
# The chain rule through :math:`z = xW` and the softmax with cross-entropy gives
# :math:`\partial L / \partial z = \operatorname{softmax}(z) - t`, and then
# :math:`\partial L / \partial W_{ij} = x_i (\operatorname{softmax}(z)_j - t_j)`, an
# outer product: no loop over the weights, two evaluations fewer per weight.
analytic = net.gradient(x, t)
print(analytic)

# %%
# Their difference, and :func:`gdbook.gradient_check` (the relative error of each
# entry):
from gdbook import gradient_check

print(dW - analytic)
check = gradient_check(lambda W: net.loss(x, t, W), analytic, net.W)
print(check)
print(check.errors)

# %%
# Every entry has the same relative error, about :math:`4 \cdot 10^{-7}`: this is
# not the error of the central difference but the book's
# :math:`\delta = 10^{-7}` inside the logarithm,
# :math:`L = -\log(y_2 + \delta)` with :math:`y = \operatorname{softmax}(z)`. Its
# exact gradient is the formula above times :math:`y_2 / (y_2 + \delta)`, a
# relative change of :math:`\delta / (y_2 + \delta)`:
from gdbook import CROSS_ENTROPY_DELTA, softmax

y = softmax(p)
print("delta / (y_2 + delta) =", CROSS_ENTROPY_DELTA / (y[2] + CROSS_ENTROPY_DELTA))
exact = analytic * (y[2] / (y[2] + CROSS_ENTROPY_DELTA))
print(gradient_check(lambda W: net.loss(x, t, W), exact, net.W))

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
