r"""
Warmup: small steps while the curvature is large
================================================

Gradient descent is stable where :math:`\eta\,\lambda_{\max} < 2`, with
:math:`\lambda_{\max}` the largest curvature *where the run is*. On
:math:`L(w) = w^2/2 + w^4/4` the curvature :math:`\lambda(w) = L''(w) = 1 + 3w^2`
is 28 at the start :math:`w_0 = 3` and 1 at the minimum. The rate
:math:`\eta = 1.5` suits the minimum and is 21 times too large at the start; a
*linear warmup* raises
:math:`\eta` from :math:`0.015` to 1.5 over the first 20 updates
(:func:`gdbook.schedules.warmup`). Three runs of 60 updates:
"""

# %%
import matplotlib.pyplot as plt
import numpy as np

from gdbook import gradient_descent
from gdbook.optimizers import sgd
from gdbook.schedules import warmup


def loss(w):
    return float(w**2 / 2 + w**4 / 4)


def grad(w):
    return w + w**3


def curvature(w):
    return 1 + 3 * w**2


w0, steps, peak = 3.0, 60, 1.5
safe = 2 / curvature(w0)  # the largest constant rate the start allows
rates = {
    "constant η = 1.5": peak,
    f"constant η = 2/λ(w₀) = {safe:.3f}": safe,
    "warmup to η = 1.5 over 20 updates": warmup(peak, steps=20, start_factor=0.01),
}
runs = {
    name: gradient_descent(grad, w0, steps=steps, loss=loss, optimizer=sgd(rate))
    for name, rate in rates.items()
}


def eta(rate, k):
    return rate if np.isscalar(rate) else rate(k)


fig, (left, right) = plt.subplots(1, 2, figsize=(9, 3.4))
for i, (name, run) in enumerate(runs.items()):
    k = np.arange(run.steps_taken + 1)
    marker = "x" if run.diverged else None
    left.semilogy(k, run.losses, color=f"C{i}", marker=marker, label=name)
    products = [eta(rates[name], j) * curvature(w) for j, w in enumerate(run.xs)]
    right.semilogy(k, products, color=f"C{i}", marker=marker)
right.axhline(2, color="k", linestyle="--", linewidth=1)
right.text(steps, 2.3, "η λ = 2: the stability limit", ha="right")
left.set(xlabel="update k", ylabel="loss L", ylim=(1e-50, 1e12))
right.set(xlabel="update k", ylabel=r"$\eta_k\, L''(w_k)$", ylim=(1e-2, 1e3))
left.legend(fontsize=8, loc="lower left")
fig.suptitle("η = 1.5 from w₀ = 3: the constant rate diverges, a warmup converges")
fig.tight_layout()
plt.show()

# %%
# Without warmup, the first step lands at :math:`w_1 = -42`, where the curvature
# is 5,293: the run overflows within a few updates. The constant rate the start
# allows converges, but slowly: near the minimum each update keeps a fraction
# :math:`1 - \eta = 0.93` of :math:`w`. With warmup, :math:`\eta_k L''(w_k)` stays
# below 2 at every update: the steps grow as the curvature falls.
diverging, slow, warm = runs.values()
print("η L''(w0) at the start, constant 1.5:", round(peak * curvature(w0), 6))
print("w after the first update, constant 1.5:", diverging.xs[1])
print("updates before the overflow, constant 1.5:", diverging.steps_taken)
schedule = rates["warmup to η = 1.5 over 20 updates"]
largest = max(schedule(k) * curvature(w) for k, w in enumerate(warm.xs[:-1]))
print("largest η_k L''(w_k), warmup:", f"{largest:.4f}")
print(f"L after {steps} updates, constant 2/λ(w0): {slow.loss:.3e}")
print(f"L after {steps} updates, warmup: {warm.loss:.3e}")

# %%
# The rule, in plain numpy
# ------------------------
# The warmup rate is :math:`\eta_k = \eta\,(s + (1 - s)\,k/W)` for :math:`k < W`,
# then :math:`\eta`, with :math:`s = 0.01` and :math:`W = 20` (PyTorch's
# ``LinearLR(start_factor=s, total_iters=W)``):
w = w0
for k in range(steps):
    lr = peak * (0.01 + 0.99 * min(k, 20) / 20)
    w = w - lr * grad(w)
print(f"numpy loop, L after {steps} updates: {loss(w):.3e}")

# %%
# Warmup does not raise the stability limit: it spends the first updates where
# the limit is low, and reaches the full rate where the limit allows it. In deep
# networks the same happens with the sharpness of the loss, which is largest at
# initialisation, and with Adam, whose first steps are taken with averages of few
# gradients.
