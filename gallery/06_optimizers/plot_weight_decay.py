r"""
Weight decay in Adam: L2 is not decoupled decay
===============================================

With gradient descent, weight decay :math:`\lambda` and an L2 term
:math:`\frac{\lambda}{2}\lVert w\rVert^2` in the loss are the same update. In Adam
they are not: the L2 gradient :math:`\lambda w` is divided by the root of the
squared gradients, like the rest, while AdamW (``adamw``, PyTorch's ``AdamW``)
shrinks every coordinate by the same fraction :math:`\eta\lambda` apart from the
Adam step. On :math:`L(w) = \frac12\sum_i a_i (w_i - c_i)^2` with a steep
coordinate (:math:`a_1 = 10`) and a flat one (:math:`a_2 = 0.1`),
:math:`c = (3, 3)` and :math:`\lambda = 0.5`, 1500 updates of each with
:math:`\eta = 0.02`, :math:`\beta = (0.9, 0.99)`:
"""

# %%
import matplotlib.pyplot as plt
import numpy as np

from gdbook import gradient_descent
from gdbook.optimizers import adam, adamw

a, c, lam = np.array([10.0, 0.1]), np.array([3.0, 3.0]), 0.5


def grad(w):
    return a * (w - c)


ridge = a * c / (a + lam)  # the minimum of L + λ/2 |w|²
box = np.clip(c, -1 / lam, 1 / lam)  # the minimum of L where every |w_i| <= 1/λ
settings = {"lr": 0.02, "betas": (0.9, 0.99), "weight_decay": lam}
runs = {
    "Adam, L2 (weight_decay=0.5)": gradient_descent(
        grad, [0.0, 0.0], steps=1500, optimizer=adam(**settings)
    ),
    "AdamW (weight_decay=0.5)": gradient_descent(
        grad, [0.0, 0.0], steps=1500, optimizer=adamw(**settings)
    ),
}
fig, (left, right) = plt.subplots(1, 2, figsize=(9, 3.6))
u, v = np.meshgrid(np.linspace(-0.2, 3.4, 120), np.linspace(-0.2, 3.4, 120))
left.contour(u, v, 5 * (u - 3) ** 2 + 0.05 * (v - 3) ** 2, 15, colors="0.8")
left.add_patch(plt.Rectangle((-2, -2), 4, 4, fill=False, ls=":", color="C1"))
targets = {"Adam, L2 (weight_decay=0.5)": ridge, "AdamW (weight_decay=0.5)": box}
for i, (name, run) in enumerate(runs.items()):
    target = targets[name]
    left.plot(*run.xs.T, color=f"C{i}", label=name)
    left.plot(*target, "o", mfc="none", color=f"C{i}", ms=10)
    distance = np.linalg.norm(run.xs - target, axis=1)
    right.semilogy(distance, color=f"C{i}", label=name)
left.plot(*c, "k*", label="minimum of L")
left.set(xlabel="w₁ (steep)", ylabel="w₂ (flat)", xlim=(-0.2, 3.4), ylim=(-0.2, 3.4))
left.legend(fontsize=8, loc="upper left")
right.set(xlabel="update k", ylabel="distance to its limit (circle)")
fig.suptitle("Adam with L2 against AdamW: where each run ends")
fig.tight_layout()
plt.show()

# %%
# Adam with L2 lands on the minimum of :math:`L + \frac{\lambda}{2}\lVert
# w\rVert^2`, :math:`w_i = a_i c_i / (a_i + \lambda)` (blue circle): the steep
# coordinate keeps 95 % of its value, the flat one 17 %. AdamW heads, geometrically,
# for :math:`(2, 2) = (1/\lambda, 1/\lambda)`, the corner of the dotted box: where its
# step, of size at most :math:`\eta` per coordinate, balances the decay
# :math:`\eta\lambda w_i`, every :math:`|w_i|` is at most :math:`1/\lambda`, whatever
# the curvature.
l2, decoupled = (run.x for run in runs.values())
print("Adam L2, w after 1500 updates:", np.round(l2, 6))
print("minimum of L + λ/2 |w|²:", np.round(ridge, 6))
print("Adam L2, kept fraction w/c:", np.round(l2 / c, 3))
print("AdamW, w after 1500 updates:", np.round(decoupled, 6))
print("1/λ:", 1 / lam)
print(f"Adam L2, distance to its minimum: {np.linalg.norm(l2 - ridge):.1e}")
print(f"AdamW, distance to (2, 2): {np.linalg.norm(decoupled - box):.1e}")

# %%
# The rule, in plain numpy
# ------------------------
# AdamW is Adam on the gradient alone, plus :math:`-\eta\lambda w` (PyTorch's
# order: the point shrinks first):
w, m, s = np.zeros(2), np.zeros(2), np.zeros(2)
for t in range(1, 1501):
    g = grad(w)
    m = 0.9 * m + 0.1 * g
    s = 0.99 * s + 0.01 * g * g
    w = w * (1 - 0.02 * lam)
    w = w - 0.02 / (1 - 0.9**t) * m / (np.sqrt(s / (1 - 0.99**t)) + 1e-8)
print("numpy loop, AdamW w:", np.round(w, 6))

# %%
# Which to use: with AdamW, :math:`\lambda` means the same for every coordinate,
# and it does not change with the rescaling of a gradient; with L2 in Adam, the
# coordinates that the loss barely constrains are the ones that shrink. PyTorch's
# ``Adam(weight_decay=...)`` is the L2 kind.
