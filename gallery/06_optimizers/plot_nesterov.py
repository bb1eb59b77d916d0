"""
Nesterov's momentum
===================

Nesterov's variant of momentum keeps the same velocity :math:`v` but steps along the
gradient plus the *next* velocity, one step of momentum ahead. On the steep axis of
a valley this damps the swing of the heavy ball; the price is a smaller range of
learning rates :math:`\\eta`, and on quadratics a slower best rate. Both runs below
use :math:`\\beta = 0.9` and :math:`\\eta = 1/\\lambda_{\\max}` on
:math:`L(w) = \\tfrac12 (w_0^2 + 10\\, w_1^2)`.
"""

# %%
import matplotlib.pyplot as plt
import numpy as np

from gdbook import gradient_descent, quadratic
from gdbook.optimizers import momentum
from gdbook.plot import descent_path

f = quadratic(condition=10)
swing = gradient_descent(f.grad, [10.0, 3.0], steps=40, optimizer=momentum(0.1, 0.9))
damped = gradient_descent(
    f.grad, [10.0, 3.0], steps=40, optimizer=momentum(0.1, 0.9, nesterov=True)
)
fig, ax = plt.subplots(figsize=(6.5, 3.4))
descent_path(
    f, swing, xlim=(-9, 11), ylim=(-4, 4), levels=[1, 5, 15, 30, 50, 75, 95], num=100,
    ax=ax, label="heavy ball", labels=("$w_0$", "$w_1$"),
)  # fmt: skip
ax.plot(*damped.xs.T, "o-", color="C0", ms=3, lw=0.8, label="Nesterov")
ax.legend(loc="lower left")
ax.set_title("β = 0.9, η = 1/λ_max, 40 steps")
fig.tight_layout()
plt.show()
print(f"largest |w_1| after step 5, heavy ball: {np.abs(swing.xs[5:, 1]).max():.2f}")
print(f"largest |w_1| after step 5, Nesterov: {np.abs(damped.xs[5:, 1]).max():.2f}")

# %%
# The rule, in plain numpy
# ------------------------
# As PyTorch writes it (``torch.optim.SGD(momentum=β, nesterov=True)``):
#
# .. math:: v_{k+1} = \beta\, v_k + \nabla L(w_k), \qquad
#    w_{k+1} = w_k - \eta\, (\nabla L(w_k) + \beta\, v_{k+1}).
curvatures = np.array([f.mu, f.L])
w, v = np.array([10.0, 3.0]), np.zeros(2)
for _ in range(40):
    grad = curvatures * w
    v = 0.9 * v + grad
    w = w - 0.1 * (grad + 0.9 * v)
print("numpy loop, w after 40 steps:", np.round(w, 6))

# %%
# With gdbook it is ``momentum(lr, momentum, nesterov=True)``, run in the first
# cell; it gives the same bits as the loop:
print("gdbook, w after 40 steps:", np.round(damped.x, 6))

# %%
# Why the steep axis is damped
# ----------------------------
# Along an axis of curvature :math:`\lambda`, with :math:`h = \eta\lambda`,
# eliminating :math:`v` gives :math:`w_{k+1} = (1 + \beta)(1 - h)\, w_k - \beta(1 -
# h)\, w_{k-1}`, and the run shrinks by the larger modulus of the roots of
#
# .. math:: z^2 - (1 + \beta)(1 - h)\, z + \beta\,(1 - h) = 0
#
# (the characteristic roots of
# :ref:`sphx_glr_auto_examples_06_optimizers_plot_momentum.py`; the heavy ball's
# polynomial is :math:`z^2 - (1 + \beta - h) z + \beta`). At :math:`h = 1`, the steep
# axis here, Nesterov's roots are both 0; the heavy ball's have modulus
# :math:`\sqrt\beta`:


def largest_root(h, beta, nesterov):
    a, c = ((1 + beta) * (1 - h), beta * (1 - h)) if nesterov else (1 + beta - h, beta)
    return np.abs(np.roots([1, -a, c])).max()


for h in (0.1, 1.0):
    heavy, nesterov = largest_root(h, 0.9, False), largest_root(h, 0.9, True)
    print(f"beta 0.9, lr lambda = {h}: heavy ball {heavy:.3f}, Nesterov {nesterov:.3f}")

# %%
# The heavy ball's best pair makes Nesterov diverge
# -------------------------------------------------
# Nesterov converges only for :math:`\eta \lambda_{\max} < 2(1 + \beta)/(1 + 2\beta)`
# (see
# :ref:`sphx_glr_auto_examples_06_optimizers_plot_momentum_region.py`). The heavy
# ball's best pair for :math:`\kappa = 10` is beyond that limit:
rho = (np.sqrt(10) - 1) / (np.sqrt(10) + 1)
lr, beta = 4 / (np.sqrt(10) + 1) ** 2, rho**2
print(f"heavy ball's best pair: lr L = {lr * f.L:.2f}, beta = {beta:.3f}")
print(f"Nesterov's limit for that beta: lr L < {2 * (1 + beta) / (1 + 2 * beta):.2f}")
root = largest_root(lr * f.L, beta, nesterov=True)
print(f"Nesterov's largest root on the steep axis: {root:.3f}")
bad = gradient_descent(
    f.grad, [10.0, 3.0], steps=20, optimizer=momentum(lr, beta, nesterov=True)
)
print(f"distance to the minimum after 20 steps: {np.linalg.norm(bad.x):.3g}")

# %%
# The steep coordinate grows by about that root at each step. A pair tuned for one
# rule is not a pair for the other.
#
# The best rates on quadratics
# ----------------------------
# Nesterov's best pair on a quadratic (Lessard, Recht and Packard, 2016) is
# :math:`\eta = 4/(3L + \lambda_{\min})`, :math:`\beta = (\sqrt{3\kappa + 1} -
# 2)/(\sqrt{3\kappa
# + 1} + 2)`, with rate :math:`1 - 2/\sqrt{3\kappa + 1}`; the usual choice
# :math:`\eta = 1/\lambda_{\max}`, :math:`\beta = (\sqrt\kappa - 1)/(\sqrt\kappa + 1)`
# gives
# :math:`1 - 1/\sqrt\kappa`. Both are slower than the heavy ball's. Nesterov's method
# earns its place elsewhere: with the usual choice its rate (up to a constant) is
# guaranteed on every smooth strongly convex function, while the heavy ball's best
# pair can fail on functions that are not quadratics. Measured for
# :math:`\kappa = 100` over the second half of a run that shrinks the distance by
# about :math:`10^{100}` (slightly above the formula, by critical damping):
g = quadratic(condition=100)
q = np.sqrt(301)
settings = {
    "heavy ball, best pair": (momentum(4 / 121, (9 / 11) ** 2), 9 / 11),
    "Nesterov, best pair": (
        momentum(4 / 301, (q - 2) / (q + 2), nesterov=True),
        1 - 2 / q,
    ),
    "Nesterov, usual pair": (momentum(1 / 100, 9 / 11, nesterov=True), 0.9),
}
print(f"{'kappa = 100':24}{'measured':>10}{'formula':>10}")
for name, (optimizer, formula) in settings.items():
    n = int(np.ceil(230 / np.log(1 / formula)))
    run = gradient_descent(g.grad, [1.0, 1.0], steps=n, optimizer=optimizer)
    distances = np.linalg.norm(run.xs, axis=1)
    rate = (distances[n] / distances[n // 2]) ** (1 / (n - n // 2))
    print(f"{name:24}{rate:>10.4f}{formula:>10.4f}")
