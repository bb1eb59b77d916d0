r"""
SGD's noise floor
=================

On data with noise, the gradient of a mini-batch is not zero at the minimum, so SGD
with a constant learning rate :math:`\eta` never settles: it jitters around the best
parameters :math:`w^*`, and the loss :math:`L` stalls above its least value
:math:`L^*`, at a *noise floor*. The floor grows with :math:`\eta` and shrinks with
the batch size :math:`B`: to first order it is :math:`\eta \operatorname{tr}\Sigma /
4B`, where :math:`\Sigma` measures the noise of one sample's gradient.
"""

# %%
# Mini-batch SGD (:math:`B = 10`) on the 100 beans of :ref:`the line fit
# <sphx_glr_auto_examples_03_fitting_lines_plot_training_on_beans.py>`, a line
# :math:`\hat y = w_0 x + w_1` and its mean squared error, at three constant rates:
import matplotlib.pyplot as plt
import numpy as np

from gdbook import beans, stochastic_gradient_descent
from gdbook.plot import loss_curve

x, y = beans(100)
n = x.size
X = np.column_stack([x, np.ones(n)])
best, *_ = np.linalg.lstsq(X, y, rcond=None)  # w*, by least squares
least = np.mean((X @ best - y) ** 2)  # L*
A = 2 * X.T @ X / n  # the Hessian of L


def batch_gradient(w, batch):
    """Gradient of the mean squared error of the line ``w`` on the batch."""
    r = w[0] * x[batch] + w[1] - y[batch]
    return np.array([2 * np.mean(r * x[batch]), 2 * np.mean(r)])


def excess(w):
    """L(w) - L*, exactly ½ (w - w*)ᵀ A (w - w*) since L is quadratic; for one line
    or many stacked along the first axes."""
    delta = w - best
    return 0.5 * np.einsum("...i,ij,...j->...", delta, A, delta)


constant = {
    lr: stochastic_gradient_descent(batch_gradient, [0.0, 0.0], n, lr=lr, epochs=100,
                                    batch_size=10, rng=0, loss=excess)
    for lr in (0.03, 0.1, 0.3)
}  # fmt: skip
fig, ax = plt.subplots(figsize=(6.5, 3.6))
for lr, run in constant.items():
    per_epoch = run.losses[1:].reshape(100, -1).mean(axis=1)
    loss_curve(per_epoch, log=True, ax=ax, label=f"η = {lr:g}", xlabel="epoch",
               ylabel="L − L*, mean over the epoch")  # fmt: skip
ax.legend()
ax.set_title("Mini-batch SGD (B = 10) at constant rates: each stalls at a floor")
fig.tight_layout()
plt.show()

# %%
# The two larger rates go down fast and stall, the larger higher; the smallest is
# still coming down after 100 epochs. A small rate has a low floor but is slow to
# reach it. The last 20 epochs:
for lr, run in constant.items():
    late = run.losses[-200:].mean()
    print(f"constant rate {lr:g}, mean L - L* over the last 20 epochs: {late:.2e}")

# %%
# The loop, in plain numpy
# ------------------------
# Each epoch visits the samples in a fresh random order (*random reshuffling*, as
# PyTorch's ``DataLoader(shuffle=True)``) and cuts it into batches of :math:`B`; the
# run above with :math:`\eta = 0.1` is this loop (``rng=0`` seeds the generator):
rng = np.random.default_rng(0)
w = np.zeros(2)
for _ in range(100):
    order = rng.permutation(n)
    for start in range(0, n, 10):
        w = w - 0.1 * batch_gradient(w, order[start : start + 10])
print("numpy loop, w after 100 epochs:", np.round(w, 5))
print("gdbook, w after 100 epochs:", np.round(constant[0.1].x, 5))

# %%
# The prediction
# --------------
# Near :math:`w^*` a batch gradient is :math:`A\delta + \xi`, with
# :math:`\delta = w - w^*`, :math:`A = \tfrac2n X^\top X` the Hessian (rows of
# :math:`X`: :math:`(x_i, 1)`), and a noise :math:`\xi` of covariance
# :math:`\Sigma / B` for independent batches, where :math:`\Sigma` is the covariance
# of one sample's gradient at :math:`w^*`, :math:`2 r_i (x_i, 1)` (:math:`r_i` its
# residual). An update shrinks :math:`\delta` by :math:`I - \eta A` and adds noise;
# the covariance :math:`P` of :math:`\delta` settles where the two balance,
# :math:`P = (I - \eta A) P (I - \eta A) + \eta^2 \Sigma / B`. To first order in
# :math:`\eta`, half the trace of :math:`AP`, the mean of :math:`L - L^*`, is
#
# .. math:: \text{floor} \approx \frac{\eta}{4B} \operatorname{tr}\Sigma .
#
# Exactly, least squares adds a second noise: a sample's gradient is
# :math:`A_i \delta + \xi_i` with :math:`A_i = 2 (x_i, 1)^\top (x_i, 1)`, so the
# batch's curvature varies too, and :math:`P` gains
# :math:`\tfrac{\eta^2}{B}(\overline{A_i P A_i} - A P A)` (the mean over samples), a
# term that grows with :math:`\delta` (*multiplicative* noise). It matters at
# :math:`B = 1`.
r = X @ best - y
Sigma = (2 * r[:, None] * X).T @ (2 * r[:, None] * X) / n
A_i = 2 * X[:, :, None] * X[:, None, :]
K = np.mean([np.kron(a, a) for a in A_i], axis=0) - np.kron(A, A)
print(
    f"eigenvalues of A: {np.linalg.eigvalsh(A).round(3)}, tr Sigma: {Sigma.trace():.4f}"
)


def first_order(lr, batch_size):
    return lr * np.trace(Sigma) / (4 * batch_size)


def stationary(lr, batch_size, multiplicative=True):
    """½ tr(AP), P solved from its balance equation (four unknowns)."""
    M = np.eye(2) - lr * A
    T = np.kron(M, M) + multiplicative * lr**2 / batch_size * K
    P = np.linalg.solve(np.eye(4) - T, (lr**2 * Sigma / batch_size).ravel())
    return 0.5 * np.trace(A @ P.reshape(2, 2))


# %%
# Measuring the floor
# -------------------
# Forty runs side by side, as the rows of an array of lines, each with its own
# generator, started at :math:`w^*`; after 500 updates their jitter no longer depends
# on the start, and the floor is the mean of :math:`L - L^*` over the next 1000
# updates and the forty runs. Twice: with reshuffling, and with *independent*
# batches (indices drawn with replacement), as the prediction assumes.


def floor(lr, batch_size, sample, burn=500, measured=1000):
    generators = [np.random.default_rng(seed) for seed in range(40)]
    lines, total, count = np.tile(best, (40, 1)), 0.0, 0
    while count < burn + measured:
        orders = np.array([sample(g) for g in generators])
        xs, ys = x[orders], y[orders]  # each run's samples, in its order
        for start in range(0, n, batch_size):
            xb, yb = (
                xs[:, start : start + batch_size],
                ys[:, start : start + batch_size],
            )
            r = lines[:, :1] * xb + lines[:, 1:] - yb
            lines = lines - lr * np.column_stack([2 * (r * xb).mean(1), 2 * r.mean(1)])
            count += 1
            if burn < count <= burn + measured:
                total += excess(lines).mean()
    return total / measured


settings = [(0.03, 10), (0.1, 10), (0.3, 10), (0.1, 4), (0.1, 1)]
print(f"{'lr':>5}{'B':>4}{'reshuffled':>12}{'independent':>12}{'exact':>10}"
      f"{'additive only':>15}{'first order':>13}")  # fmt: skip
floors = {}
for lr, size in settings:
    shuffled = floor(lr, size, lambda g: g.permutation(n))
    drawn = floor(lr, size, lambda g: g.integers(0, n, n))
    floors[lr, size] = shuffled, drawn
    print(
        f"{lr:>5g}{size:>4}{shuffled:>12.3e}{drawn:>12.3e}{stationary(lr, size):>10.3e}"
        f"{stationary(lr, size, False):>15.3e}{first_order(lr, size):>13.3e}"
    )

# %%
# With independent batches the floor is the exact stationary value within the
# noise of forty runs; leaving out the multiplicative term is 2 % low at
# :math:`B = 1`. The first order holds within 20 % up to :math:`\eta = 0.1`; at
# :math:`\eta = 0.3`, where :math:`\eta \lambda_{\max}(A) = 0.8`, it no longer does.
#
# Reshuffling does better than independent batches: within an epoch every sample is
# used once, so the noises of its :math:`n/B` batches sum to zero. The gain is
# governed by how far the run moves within an epoch, :math:`\eta n / B` (the rate
# times the updates per epoch): when it is small, the epoch's noises cancel before
# they have moved the line; when it is large, the run forgets within the epoch and
# the batches look independent. Sorted by :math:`\eta n / B`:
print(f"{'lr':>5}{'B':>4}{'lr n / B':>10}{'reshuffled / independent':>26}")
for lr, size in sorted(settings, key=lambda s: s[0] / s[1]):
    shuffled, drawn = floors[lr, size]
    print(f"{lr:>5g}{size:>4}{lr * n / size:>10g}{shuffled / drawn:>26.2f}")

# %%
# The rate and the batch size enter the floor mostly as :math:`\eta / B`, and the
# gain of reshuffling as :math:`\eta n / B`: :math:`\eta = 0.1` with :math:`B = 4`
# and :math:`\eta = 0.3` with :math:`B = 10` have about the same of both. To go below
# the floor, lower the rate as the run goes on:
# :ref:`sphx_glr_auto_examples_06_optimizers_plot_schedules.py`.
