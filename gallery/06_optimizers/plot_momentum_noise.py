r"""
Momentum under noise: the effective rate η/(1 − β)
==================================================

Momentum adds up the gradients: :math:`v \leftarrow \beta v + g`,
:math:`w \leftarrow w - \eta v`. With a steady gradient, :math:`v` grows to
:math:`g/(1 - \beta)`, so momentum moves like gradient descent with the rate
:math:`\eta/(1 - \beta)`. With noisy gradients, it also *jitters* like it: SGD's
noise floor is set by the effective rate. Mini-batch SGD on the beans' line fit
(:math:`B = 10`, a fresh random batch per update, 30 seeds), plain
(:math:`\beta = 0`) and with momentum :math:`\beta = 0.5, 0.9`; the floor against
:math:`\eta` (left) and against :math:`\eta/(1 - \beta)` (right):
"""

# %%
import matplotlib.pyplot as plt
import numpy as np

from gdbook import beans

x, y = beans(100)
n, B = x.size, 10
X = np.column_stack([x, np.ones(n)])
best = np.linalg.lstsq(X, y, rcond=None)[0]  # w*
A = 2 * X.T @ X / n  # the Hessian of L
e = 2 * (X @ best - y)[:, None] * X  # each sample's gradient at w*
noise = (n - B) / (B * (n - 1)) * np.trace(e.T @ e / n)  # tr Cov(g) at w*


def floor(lr, beta, seeds=30, updates=800, burn=200):
    """Each seed's mean L - L* over the updates after ``burn``, from w*."""
    rng = np.random.default_rng(0)
    w, v = np.tile(best, (seeds, 1)), np.zeros((seeds, 2))
    total = np.zeros(seeds)
    for k in range(updates):
        batch = rng.random((seeds, n)).argpartition(B - 1, axis=1)[:, :B]
        r = w[:, :1] * x[batch] + w[:, 1:] - y[batch]
        g = np.column_stack([2 * (r * x[batch]).mean(1), 2 * r.mean(1)])
        v = beta * v + g  # torch.optim.SGD(momentum=beta)
        w = w - lr * v
        d = w - best
        total += (k >= burn) * 0.5 * np.einsum("si,ij,sj->s", d, A, d)
    return total / (updates - burn)


effective = [0.01, 0.03, 0.1, 0.2]  # η / (1 - β)
betas = [0.0, 0.5, 0.9]
floors = {
    (eff, beta): floor(eff * (1 - beta), beta) for eff in effective for beta in betas
}
fig, axes = plt.subplots(1, 2, figsize=(9, 3.4), sharey=True)
for i, beta in enumerate(betas):
    medians = [np.median(floors[eff, beta]) for eff in effective]
    low, high = np.array([np.percentile(floors[eff, beta], [10, 90])
                          for eff in effective]).T  # fmt: skip
    for ax, scale in zip(axes, (1 - beta, 1.0), strict=True):
        rates = np.array(effective) * scale
        ax.fill_between(rates, low, high, color=f"C{i}", alpha=0.2)
        ax.loglog(rates, medians, "o-", color=f"C{i}", label=f"β = {beta}")
line = np.array([0.007, 0.3])
axes[1].loglog(line, line * noise / 4, "k--", lw=1, label="η/(1 − β) · tr Σ / 4")
axes[0].set(xlabel="learning rate η", ylabel="floor  L − L*  (median, 10-90 %)")
axes[1].set(xlabel="effective rate η / (1 − β)")
axes[0].legend()
axes[1].legend()
fig.suptitle("SGD's noise floor with momentum, against the effective rate η/(1 − β)")
fig.tight_layout()
plt.show()

# %%
# Against :math:`\eta` the three families are shifted by :math:`1/(1-\beta)`; against
# :math:`\eta/(1-\beta)` they fall on one line, the first-order floor
# :math:`\frac{\eta}{1-\beta}\,\mathrm{tr}\,\Sigma/4` (:math:`\Sigma` the covariance
# of a batch gradient at :math:`w^*`). So :math:`\eta = 0.01,\ \beta = 0.9` is not
# a quieter :math:`\eta = 0.01`: its floor is 10 times plain SGD's at 0.01, and
# within 12 % of plain SGD's at 0.1 (momentum's floor is slightly lower as the rate
# grows, a second-order effect). Momentum's
# speed-up on ill-conditioned problems does not lower the floor: to end lower, the
# effective rate must fall, by a schedule or a larger batch.
print(f"tr Σ / 4: {noise / 4:.4g}")
for eff in effective:
    cells = [f"{np.median(floors[eff, beta]):.3g}" for beta in betas]
    print(f"η/(1-β) = {eff}, median floors for β = 0, 0.5, 0.9: {', '.join(cells)}")
plain, heavy = np.median(floors[0.1, 0.0]), np.median(floors[0.1, 0.9])
print(f"plain SGD at η = 0.1, median floor: {plain:.3g}")
print(f"momentum η = 0.01, β = 0.9, median floor: {heavy:.3g}")
print(f"plain SGD at η = 0.01, median floor: {np.median(floors[0.01, 0.0]):.3g}")
