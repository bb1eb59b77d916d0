"""
Why gradient descent is slow
============================

On a bowl steeper in one direction than another there may be no good learning rate.
On :math:`L(w) = \\tfrac12 (\\lambda_{\\min}\\, w_0^2 + \\lambda_{\\max}\\, w_1^2)`, the
curvatures are
:math:`\\lambda_{\\min}` and :math:`\\lambda_{\\max}`, and their ratio
:math:`\\kappa = \\lambda_{\\max}/\\lambda_{\\min}` is the
*condition number* (:ref:`background <background-condition-number>`). A step
:math:`\\eta` beyond :math:`2/\\lambda_{\\max}` diverges along the steep :math:`w_1`,
and any step
that size creeps along the flat :math:`w_0`: the best one,
:math:`\\eta = 2/(\\lambda_{\\max} + \\lambda_{\\min})`, zigzags, and the number of
steps grows like
:math:`\\kappa`.
"""

# %%
# :math:`\lambda_{\min} = 1`, :math:`\lambda_{\max} = 10`, 20 steps from :math:`(10,
# 3)`, with the best
# learning rate and with the cautious :math:`1/\lambda_{\max}`:
import matplotlib.pyplot as plt
import numpy as np

from gdbook import gradient_descent, quadratic
from gdbook.plot import descent_path

f = quadratic(condition=10)  # curvatures (1, 10)
steps = 20
trace = gradient_descent(f.grad, [10.0, 3.0], lr=2 / (f.L + f.mu), steps=steps)
cautious = gradient_descent(f.grad, [10.0, 3.0], lr=1 / f.L, steps=steps)
fig, axes = plt.subplots(1, 2, figsize=(9, 3.4), sharey=True)
for ax, run, title in [
    (axes[0], trace, "η = 2/(λ_max + λ_min): zigzag"),
    (axes[1], cautious, "η = 1/λ_max: no zigzag, slower"),
]:
    descent_path(
        f, run, xlim=(-1, 11), ylim=(-3.5, 3.5), levels=[1, 5, 15, 30, 50, 75, 95],
        num=120, ax=ax, label="20 steps", labels=("$w_0$", "$w_1$"),
    )  # fmt: skip
    ax.set_title(title)
    ax.legend(loc="lower left")
fig.tight_layout()
plt.show()

# %%
# The best step bounces across the narrow valley while it creeps along it.
#
# The loop, in plain numpy
# ------------------------
# Each coordinate is multiplied by :math:`1 - \eta\lambda` (:math:`\lambda =
# \lambda_{\min}`
# or :math:`\lambda_{\max}`) at each step, so the distance to the minimum shrinks by at
# least
# :math:`\rho(\eta) = \max(|1 - \eta\lambda_{\min}|, |1 - \eta \lambda_{\max}|)`. The
# best compromise
# makes the two factors equal and opposite, :math:`\eta = 2/(\lambda_{\max} +
# \lambda_{\min})`, and then
#
# .. math:: \rho = \frac{\kappa - 1}{\kappa + 1}.
curvatures = np.array([1.0, 10.0])
w = np.array([10.0, 3.0])
for _ in range(steps):
    w = w - 2 / 11 * curvatures * w
print("numpy loop, w after 20 steps:", np.round(w, 6))

# %%
# With gdbook
# -----------
# :func:`gdbook.quadratic` makes this function (``condition=10`` gives the
# curvatures :math:`(1, 10)`) and knows its constants ``L``, ``mu`` and
# ``condition``; :func:`gdbook.gradient_descent` runs the loop, as in the first
# cell, with the same bits:
print("gdbook, w after 20 steps:", np.round(trace.x, 6))
print("L, mu, kappa:", f.L, f.mu, f.condition)

# %%
# The rate, measured
# ------------------
# Each step multiplies :math:`w_0` by :math:`9/11` and :math:`w_1` by :math:`-9/11`:
# the ratio of successive distances to the minimum, on the run:
distances = np.linalg.norm(trace.xs, axis=1)
ratios = distances[1:] / distances[:-1]
print(f"distance ratios, first and last: {ratios[0]:.6f} {ratios[-1]:.6f}")

# %%
# The same measurement for a range of condition numbers. Each run is a quadratic with
# five curvatures spread from :math:`\lambda_{\min} = 1` to :math:`L = \kappa`, started
# from
# :math:`(1, 1, 1, 1, 1)`. The curvatures in between shrink faster than the extreme
# ones, so the distance ends up shrinking by exactly :math:`\rho` per step; the page
# measures it over the second half of a run of :math:`N` steps,
# :math:`(\|w_N\| / \|w_{N/2}\|)^{2/N}`, and prints it next to the formula.


def measured_rate(g, lr, start, steps, since=0):
    """Contraction per step of the distance to the minimum (the origin), measured
    on a run from step ``since`` to step ``steps``."""
    run = gradient_descent(g.grad, start, lr=lr, steps=steps)
    norms = np.linalg.norm(run.xs, axis=1)
    return (norms[steps] / norms[since]) ** (1 / (steps - since))


kappas = [2, 5, 10, 30, 100, 300, 1000]
measured = {}
for kappa in kappas:
    g = quadratic(np.linspace(1.0, kappa, 5))
    lr_best = 2 / (g.L + g.mu)
    n = 100 + 4 * kappa
    measured[kappa] = measured_rate(g, lr_best, np.ones(5), n, since=n // 2)
    formula = (kappa - 1) / (kappa + 1)
    print(f"kappa={kappa}: measured {measured[kappa]:.6f}, formula {formula:.6f}")

# %%
# The rate creeps towards 1 as :math:`\kappa` grows, and the number of steps to
# divide the distance to the minimum by :math:`10^6` is
# :math:`\lceil \ln 10^{-6} / \ln \rho \rceil \approx 6.9\, \kappa`: a hundred
# times more ill-conditioned, a hundred times slower. Counted on runs of the
# two-variable quadratic from :math:`(1, 1)`:
for kappa in (10, 100, 1000):
    g = quadratic(condition=kappa)
    run = gradient_descent(g.grad, [1.0, 1.0], lr=2 / (g.L + g.mu), steps=8 * kappa)
    norms = np.linalg.norm(run.xs, axis=1)
    counted = int(np.argmax(norms <= 1e-6 * norms[0]))
    formula = int(np.ceil(np.log(1e-6) / np.log((kappa - 1) / (kappa + 1))))
    print(
        f"steps to divide the distance by 1e6, kappa={kappa}: "
        f"measured {counted}, formula {formula}"
    )

# %%
# No other fixed step does better. For a step :math:`\eta`, the worst start is on
# the axis whose factor :math:`|1 - \eta\lambda|` is larger, so the page measures
# the contraction from :math:`(1, 0)` and from :math:`(0, 1)` and keeps the larger,
# over a grid of steps that includes :math:`2/(\lambda_{\max} + \lambda_{\min}) = 2/11`.
# It is smallest at
# :math:`2/(\lambda_{\max} + \lambda_{\min})`, and reaches 1 (no progress) at
# :math:`\eta = 2/\lambda_{\max}`, beyond
# which the run diverges.
grid = np.union1d(np.linspace(0.01, 0.2, 96), [2 / (f.L + f.mu)])
rates = np.array(
    [
        max(measured_rate(f, step, start, steps=20) for start in ([1, 0], [0, 1]))
        for step in grid
    ]
)
best = rates.argmin()
print(
    f"smallest measured contraction: {rates[best]:.6f} at step {grid[best]:.6f}; "
    f"formula {(f.condition - 1) / (f.condition + 1):.6f} "
    f"at 2/(lambda_max + lambda_min) = {2 / (f.L + f.mu):.6f}"
)

# %%
# A shorter step avoids the zigzag but not the slowness (the right of the first
# figure): :math:`\eta = 1/\lambda_{\max}` removes :math:`w_1` in one step (its factor
# is
# :math:`1 - \lambda_{\max}/\lambda_{\max} = 0`), then creeps along :math:`w_0` by
# :math:`1 - \lambda_{\min}/\lambda_{\max} = 1 - 1/\kappa = 0.9` per step. After 20
# steps from
# :math:`(10, 3)`:
print(f"distance after 20 steps, best step: {np.linalg.norm(trace.x):.4f}")
print(f"distance after 20 steps, step 1/λ_max: {np.linalg.norm(cautious.x):.4f}")

# %%
# The contraction per step: left against :math:`\kappa` (measured points on the
# formula), right against the step for :math:`\kappa = 10` (measured points on
# :math:`\rho(\eta)`).
many = np.geomspace(1.5, 2000, 100)
fig, axes = plt.subplots(1, 2, figsize=(9, 3.6))
axes[0].semilogx(many, (many - 1) / (many + 1), label="(κ − 1)/(κ + 1)")
axes[0].semilogx(kappas, list(measured.values()), "o", label="measured")
axes[0].set(xlabel="condition number κ", ylabel="contraction per step")
axes[1].plot(
    grid,
    np.maximum(abs(1 - grid * f.mu), abs(1 - grid * f.L)),
    label="max(|1 − ημ|, |1 − ηL|)",
)
axes[1].plot(grid[::5], rates[::5], "o", label="measured")
axes[1].axvline(
    2 / (f.L + f.mu), color="grey", linestyle=":", label="2/(λ_max + λ_min)"
)
axes[1].set(xlabel="step η (κ = 10)", ylabel="contraction per step")
for ax in axes:
    ax.legend()
fig.suptitle(
    "Contraction per step of gradient descent: measured (points), formula (lines)"
)
fig.tight_layout()
plt.show()
