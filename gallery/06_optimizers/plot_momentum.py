"""
Momentum: the heavy ball
========================

On a long narrow valley gradient descent zigzags: a learning rate :math:`\\eta` safe
for the steep direction (curvature :math:`\\lambda_{\\max}`) is tiny for the flat one
(curvature
:math:`\\lambda_{\\min}`), and it needs about :math:`\\kappa = L/\\lambda_{\\min}`
steps. *Momentum* keeps a
velocity, a running sum of the past gradients, and steps along it: across the valley
the gradients change sign and cancel, along it they add up. It needs about
:math:`\\sqrt\\kappa` steps.
"""

# %%
# Gradient descent with its best rate, and momentum with its best pair, 20 steps
# each on :math:`L(w) = \tfrac12 (w_0^2 + 10\, w_1^2)` from :math:`(10, 3)`:
import matplotlib.pyplot as plt
import numpy as np

from gdbook import gradient_descent, quadratic
from gdbook.optimizers import momentum
from gdbook.plot import descent_path

f = quadratic(condition=10)  # curvatures lambda_min = 1 and lambda_max = 10
lr = 4 / (np.sqrt(f.L) + np.sqrt(f.mu)) ** 2  # the best pair, derived below
beta = ((np.sqrt(f.condition) - 1) / (np.sqrt(f.condition) + 1)) ** 2
plain = gradient_descent(f.grad, [10.0, 3.0], lr=2 / (f.L + f.mu), steps=20)
heavy = gradient_descent(f.grad, [10.0, 3.0], steps=20, optimizer=momentum(lr, beta))

fig, axes = plt.subplots(1, 2, figsize=(9, 3.6), sharey=True)
for ax, run, title in [
    (axes[0], plain, "gradient descent, η = 2/(λ_max + λ_min)"),
    (axes[1], heavy, f"momentum, η = {lr:.3f}, β = {beta:.3f}"),
]:
    levels = [1, 5, 15, 30, 50, 75, 95]
    descent_path(
        f, run, xlim=(-3, 11), ylim=(-4.5, 4.5), levels=levels, num=100, ax=ax,
        label="20 steps", labels=("$w_0$", "$w_1$"),
    )  # fmt: skip
    ax.set_title(title)
    ax.legend(loc="lower left")
fig.suptitle("20 steps on ½(w₀² + 10 w₁²): gradient descent zigzags, momentum arrives")
fig.tight_layout()
plt.show()
print(f"distance after 20 steps, gradient descent: {np.hypot(*plain.x):.2e}")
print(f"distance after 20 steps, momentum: {np.hypot(*heavy.x):.2e}")

# %%
# The rule, in plain numpy
# ------------------------
# PyTorch's form (``torch.optim.SGD(momentum=β)``), with :math:`v_0 = 0`:
#
# .. math:: v_{k+1} = \beta\, v_k + \nabla L(w_k), \qquad
#    w_{k+1} = w_k - \eta\, v_{k+1}.
curvatures = np.array([f.mu, f.L])
w = np.array([10.0, 3.0])
v = np.zeros(2)
for _ in range(20):
    grad = curvatures * w
    v = beta * v + grad
    w = w - lr * v
print("numpy loop, w after 20 steps:", np.round(w, 6))

# %%
# With gdbook
# -----------
# :func:`gdbook.optimizers.momentum` is this rule (PyTorch's names, ``lr`` and
# ``momentum``) and :func:`gdbook.gradient_descent` runs it, as in the first cell;
# it keeps the whole path (``heavy.xs``) and gives the same bits as the loop above.
print("gdbook, w after 20 steps:", np.round(heavy.x, 6))

# %%
# The same method as Polyak's heavy ball
# --------------------------------------
# Polyak (1964) wrote it without a velocity:
# :math:`w_{k+1} = w_k - \eta \nabla L(w_k) + \beta\, (w_k - w_{k-1})`. Since
# :math:`-\eta v_k = w_k - w_{k-1}`, it is the same method with the same
# :math:`\eta` and :math:`\beta` (forms that average, :math:`v \leftarrow \beta v +
# (1 - \beta) g`, need :math:`\eta / (1 - \beta)` for the same steps). It rounds
# differently, so it agrees to rounding, not to the bit:
w_prev = w = np.array([10.0, 3.0])
polyak = [w]
for _ in range(20):
    w, w_prev = w - lr * curvatures * w + beta * (w - w_prev), w
    polyak.append(w)
gap = np.abs(np.array(polyak) - heavy.xs).max()
print(f"heavy ball against gdbook, largest difference: {gap:.1e}")

# %%
# The best pair, and why it is best
# ---------------------------------
# Along an axis of curvature :math:`\lambda` the heavy ball is the recurrence
# :math:`w_{k+1} = (1 + \beta - \eta\lambda)\, w_k - \beta\, w_{k-1}`. Try
# :math:`w_k = z^k`: it solves the recurrence when :math:`z` is a root of
#
# .. math:: z^2 - (1 + \beta - \eta\lambda)\, z + \beta = 0,
#
# and every run is a mix of the two roots' :math:`z^k` (the *characteristic roots*,
# also in the lesson :doc:`/concepts/optimizers`): the run shrinks by the larger
# :math:`|z|` per step. A complex root :math:`z` turns as it shrinks: the run swings
# around 0 with an envelope :math:`|z|^k`. The product of the roots is
# :math:`\beta`, so when they are complex both have modulus :math:`\sqrt\beta`,
# whatever :math:`\lambda`. They are complex for
# :math:`(1 - \sqrt\beta)^2 < \eta\lambda < (1 + \sqrt\beta)^2`; the best pair puts
# :math:`[\lambda_{\min}, \lambda_{\max}]` exactly in that band,
# :math:`\eta\lambda_{\min} = (1 - \sqrt\beta)^2` and
# :math:`\eta \lambda_{\max} = (1 + \sqrt\beta)^2`, which gives
#
# .. math:: \eta^* = \frac{4}{(\sqrt{\lambda_{\max}} + \sqrt\lambda_{\min})^2}, \qquad
#    \beta^* = \rho^2, \qquad \rho = \frac{\sqrt\kappa - 1}{\sqrt\kappa + 1}.
print(
    f"kappa = 10: best lr {lr:.4f}, best momentum {beta:.4f}, rate {np.sqrt(beta):.4f}"
)
print(f"gradient descent's best rate (kappa - 1)/(kappa + 1): {9 / 11:.4f}")

# %%
# Steps to divide the distance by a million
# -----------------------------------------
# A rate :math:`\rho` per step needs :math:`\ln 10^6 / \ln(1/\rho)` steps: with
# :math:`\rho \approx 1 - 2/\sqrt\kappa`, about :math:`6.9\sqrt\kappa` (the
# :math:`\sqrt\kappa` rule). Runs need more. At the best pair the extreme curvatures
# sit on the edges of the band, where the two roots meet (*critical damping*: a
# double root :math:`r` gives :math:`w_k = (c + d\,k)\, r^k`, not :math:`c\, r^k`).
# From :math:`(1, 1)` the distance is exactly
#
# .. math:: D_k = \rho^k \sqrt{(1 + (1 - \rho)k)^2 + (1 + (1 + \rho)k)^2},
#
# and the factor growing with :math:`k` costs a third more steps. The table: the
# count of the :math:`\sqrt\kappa` rule, the count of that closed form, and the
# count measured on gdbook's runs (and gradient descent's, measured).


def steps_to_a_millionth(run):
    distances = np.linalg.norm(run.xs, axis=1)
    return int(np.argmax(distances <= 1e-6 * distances[0]))


print(f"{'kappa':>6}{'sqrt rule':>10}{'closed form':>12}{'momentum':>10}{'GD':>6}")
for kappa in (10, 100, 1000):
    g = quadratic(condition=kappa)
    rho = (np.sqrt(kappa) - 1) / (np.sqrt(kappa) + 1)
    rule = int(np.ceil(np.log(1e6) / np.log(1 / rho)))
    k = np.arange(int(20 * np.sqrt(kappa)))
    closed = rho**k * np.hypot(1 + (1 - rho) * k, 1 + (1 + rho) * k)
    closed = int(np.argmax(closed <= 1e-6 * closed[0]))
    pair = momentum(4 / (np.sqrt(g.L) + 1) ** 2, rho**2)
    run = gradient_descent(g.grad, [1.0, 1.0], steps=k.size, optimizer=pair)
    gd = gradient_descent(g.grad, [1.0, 1.0], lr=2 / (g.L + 1), steps=7 * kappa)
    print(
        f"{kappa:>6}{rule:>10}{closed:>12}{steps_to_a_millionth(run):>10}"
        f"{steps_to_a_millionth(gd):>6}"
    )

# %%
# Ten times the condition number: ten times the steps for gradient descent, about
# :math:`\sqrt{10} \approx 3.2` times for momentum. The rate per step against
# :math:`\kappa`:
kappas = np.geomspace(1.5, 2000, 100)
fig, ax = plt.subplots(figsize=(6.5, 3.4))
ax.semilogx(kappas, (kappas - 1) / (kappas + 1), label="gradient descent, (κ−1)/(κ+1)")
root = np.sqrt(kappas)
ax.semilogx(kappas, (root - 1) / (root + 1), label="momentum, (√κ−1)/(√κ+1)")
ax.set(xlabel="condition number κ", ylabel="contraction per step")
ax.set_title("Contraction per step at the best settings, against κ")
ax.legend()
fig.tight_layout()
plt.show()
# sphinx_gallery_thumbnail_number = 2

# %%
# Where momentum converges, and for which :math:`(\eta, \beta)`, is the next page,
# :ref:`sphx_glr_auto_examples_06_optimizers_plot_momentum_region.py`; Nesterov's
# variant is :ref:`sphx_glr_auto_examples_06_optimizers_plot_nesterov.py`.
