r"""
Convex, not strongly convex: 1/k against 1/k²
=============================================

When the curvature has no positive floor, there is no rate :math:`(1 - \eta
\lambda_{\min})^k` to lean on. Gradient descent with :math:`\eta = 1/\lambda_{\max}`
then closes the gap :math:`f(x_k) - f^*` like :math:`1/k`, and Nesterov's
accelerated method (momentum :math:`k/(k+3)`) like :math:`1/k^2`. The function:
a quadratic :math:`f(x) = \frac12 \sum_i \lambda_i x_i^2` whose 601 curvatures
are 0 and 600 values spread evenly on a log scale from :math:`10^{-8}` to
:math:`\lambda_{\max} = 1`, from :math:`x_0 = (1, \dots, 1)`; dotted, the
guarantees :math:`\lambda_{\max} R^2/(2k)` and :math:`2\lambda_{\max}R^2/(k+1)^2`,
:math:`R = \lVert x_0 - x^*\rVert` (:math:`x^*` the nearest minimum):
"""

# %%
import matplotlib.pyplot as plt
import numpy as np

from gdbook import gradient_descent

lam = np.concatenate([[0.0], np.logspace(-8, 0, 600)])  # the curvatures
lam_max, steps = lam.max(), 1000
x0 = np.ones(lam.size)
R2 = np.sum(x0[1:] ** 2)  # x* = (1, 0, ..., 0): f does not depend on x_0's first


def f(x):
    return 0.5 * float(np.sum(lam * x * x))  # f* = 0


def grad(x):
    return lam * x


k = np.arange(1, steps + 1)
descent = gradient_descent(grad, x0, lr=1 / lam_max, steps=steps, loss=f)
gap_gd = descent.losses[1:]
x = y = x0
gap_nesterov = []
for j in range(steps):  # Nesterov's method for convex f
    x_next = y - grad(y) / lam_max
    y = x_next + j / (j + 3) * (x_next - x)
    x = x_next
    gap_nesterov.append(f(x))
gap_nesterov = np.array(gap_nesterov)

fig, ax = plt.subplots(figsize=(6.4, 3.8))
ax.loglog(k, gap_gd, color="C0", label="gradient descent, η = 1/λ_max")
ax.loglog(k, lam_max * R2 / (2 * k), "C0:", label="its guarantee, ∝ 1/k")
ax.loglog(k, gap_nesterov, color="C1", label="Nesterov")
ax.loglog(k, 2 * lam_max * R2 / (k + 1) ** 2, "C1:", label="its guarantee, ∝ 1/k²")
ax.set(xlabel="update k", ylabel="f(x_k) − f*")
ax.legend()
fig.suptitle(
    "Convex, not strongly convex: GD's gap falls like 1/k, Nesterov's like 1/k²"
)
fig.tight_layout()
plt.show()

# %%
# Fitted over :math:`k = 10` to 1000, the slopes are −1.00 and −1.94; at
# :math:`k = 1000`, Nesterov's gap is 130 times smaller. No method that only
# combines gradients can guarantee better than :math:`1/k^2`: Nesterov's lower
# bound :math:`3\lambda_{\max}R^2/(32(k+1)^2)`, for the worst function of each
# :math:`k`, is close to the gap measured here. Its strongly convex counterpart
# is the rate :math:`\bigl((\sqrt\kappa - 1)/(\sqrt\kappa + 1)\bigr)^{k}`,
# :math:`\kappa = \lambda_{\max}/\lambda_{\min}`, measured in the next section.
fit = slice(9, steps)
slope_gd = np.polyfit(np.log(k[fit]), np.log(gap_gd[fit]), 1)[0]
slope_nesterov = np.polyfit(np.log(k[fit]), np.log(gap_nesterov[fit]), 1)[0]
lower = 3 * lam_max * R2 / (32 * (steps + 1) ** 2)
print(f"slope, gradient descent: {slope_gd:.3f}")
print(f"slope, Nesterov: {slope_nesterov:.3f}")
print(f"gap after {steps} updates, gradient descent: {gap_gd[-1]:.4g}")
print(f"gap after {steps} updates, Nesterov: {gap_nesterov[-1]:.4g}")
print(f"ratio after {steps} updates: {gap_gd[-1] / gap_nesterov[-1]:.0f}")
print(f"worst-case lower bound after {steps} updates: {lower:.4g}")

# %%
# The strongly convex floor, measured
# -----------------------------------
# Nesterov's worst function for :math:`\kappa = 100` (:math:`\lambda_{\min} =
# 0.01`, :math:`\lambda_{\max} = 1`) is the quadratic
# :math:`f(x) = \frac{\lambda_{\max} - \lambda_{\min}}{8}\bigl(x_1^2 + \sum_i
# (x_i - x_{i+1})^2 - 2x_1\bigr) + \frac{\lambda_{\min}}{2}\lVert x\rVert^2`. From
# :math:`x_0 = 0`, each gradient reaches one more coordinate, and its minimiser has
# :math:`x^*_i = q^i`, :math:`q = (\sqrt\kappa - 1)/(\sqrt\kappa + 1)`, so after
# :math:`k` updates no first-order method is nearer than
# :math:`q^k \lVert x_0 - x^*\rVert`. Gradient descent at its best fixed rate
# :math:`2/(\lambda_{\min} + \lambda_{\max})` stays far above that floor; momentum
# tuned to :math:`\kappa` (:math:`\beta = q^2`, :math:`\eta =
# 4/(\sqrt{\lambda_{\max}} + \sqrt{\lambda_{\min}})^2`) lies on it.
from gdbook.optimizers import momentum

lam_min, n, updates = 0.01, 200, 100
q = (np.sqrt(1 / lam_min) - 1) / (np.sqrt(1 / lam_min) + 1)
A = (1 - lam_min) / 4 * (2 * np.eye(n) - np.eye(n, k=1) - np.eye(n, k=-1))
A += lam_min * np.eye(n)
b = np.zeros(n)
b[0] = (1 - lam_min) / 4
x_star = np.linalg.solve(A, b)


def worst_grad(x):
    return A @ x - b


def distance(trace):
    return np.linalg.norm(trace.xs - x_star, axis=1) / np.linalg.norm(x_star)


best_fixed = gradient_descent(
    worst_grad, np.zeros(n), lr=2 / (1 + lam_min), steps=updates
)
tuned = gradient_descent(
    worst_grad,
    np.zeros(n),
    steps=updates,
    optimizer=momentum(4 / (1 + np.sqrt(lam_min)) ** 2, momentum=q**2),
)
k = np.arange(updates + 1)
fig, ax = plt.subplots(figsize=(6.4, 3.4), layout="constrained")
ax.semilogy(k, distance(best_fixed), label="gradient descent, η = 2/(λ_min + λ_max)")
ax.semilogy(k, distance(tuned), lw=3, alpha=0.6, label="momentum tuned to κ")
ax.semilogy(k, q**k, "k:", label="the floor qᵏ")
ax.set(xlabel="update k", ylabel="‖x_k − x*‖ / ‖x_0 − x*‖")
ax.set_title("κ = 100: tuned momentum lies on the floor qᵏ")
ax.legend()
plt.show()

print(f"q: {q:.4f}")
print(f"the floor after {updates} updates: {q**updates:.3g}")
print(f"gradient descent, best fixed rate: {distance(best_fixed)[-1]:.3g}")
print(f"tuned momentum: {distance(tuned)[-1]:.3g}")
print(f"tuned momentum over the floor, every k: {np.min(distance(tuned) / q**k):.6f}"
      f" to {np.max(distance(tuned) / q**k):.6f}")  # fmt: skip
