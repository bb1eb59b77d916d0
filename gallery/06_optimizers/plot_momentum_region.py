"""
Where momentum converges
========================

Gradient descent converges on a quadratic for :math:`0 < \\eta < 2/\\lambda_{\\max}`.
The heavy ball converges for :math:`\\eta \\lambda_{\\max} < 2(1 + \\beta)`, up to
:math:`4/\\lambda_{\\max}` as :math:`\\beta \\to 1`; Nesterov's variant for
:math:`\\eta \\lambda_{\\max} < 2(1 + \\beta)/(1 + 2\\beta)`, less. Measured on
4000 runs each, on :math:`L(w) = \\tfrac12 (w_0^2 + 10\\, w_1^2)`:
"""

# %%
# The measured rate of every pair (white where the run diverges), the boundary of the
# theory (dashed) and the best pairs (stars):
import matplotlib.pyplot as plt
import numpy as np

from gdbook import gradient_descent, quadratic
from gdbook.optimizers import momentum

f = quadratic(condition=10)
grid_lrs = (np.arange(80) + 0.5) * 0.45 / 80
grid_betas = (np.arange(50) + 0.5) * 0.99 / 50
N, M, W = 150, 75, 25


def envelope_rate(xs):  # how this measures is below
    size = np.abs(xs)
    return (size[N - W + 1 : N + 1].max(0) / size[M - W + 1 : M + 1].max(0)) ** (
        1 / (N - M)
    )


def rate_map(nesterov):  # the rate of every cell, one run per momentum
    products = np.concatenate([grid_lrs * f.mu, grid_lrs * f.L])
    g = quadratic(products)
    rows = []
    for b in grid_betas:
        optimizer = momentum(1.0, momentum=b, nesterov=nesterov)
        run = gradient_descent(
            g.grad, np.ones(products.size), steps=N, optimizer=optimizer
        )
        rates = envelope_rate(run.xs)
        rows.append(np.maximum(rates[: grid_lrs.size], rates[grid_lrs.size :]))
    return np.array(rows)


heavy_map, nesterov_map = rate_map(nesterov=False), rate_map(nesterov=True)
boundaries = [
    2 * (1 + grid_betas) / f.L,
    2 * (1 + grid_betas) / (1 + 2 * grid_betas) / f.L,
]
rho, q = (np.sqrt(10) - 1) / (np.sqrt(10) + 1), np.sqrt(31)
best = [(4 / (np.sqrt(10) + 1) ** 2, rho**2), (4 / 31, (q - 2) / (q + 2))]
fig, axes = plt.subplots(1, 2, figsize=(9, 3.8), sharey=True, layout="constrained")
for ax, rates, boundary, name, star in zip(
    axes, [heavy_map, nesterov_map], boundaries, ["heavy ball", "Nesterov"], best,
    strict=True,
):  # fmt: skip
    shown = np.ma.masked_where(rates >= 1, rates)
    mesh = ax.pcolormesh(
        grid_lrs, grid_betas, shown, vmin=0.4, vmax=1, cmap="viridis", shading="nearest"
    )
    ax.plot(boundary, grid_betas, "k--", label="boundary, theory")
    ax.plot(*star, "*", color="white", mec="k", ms=12, label="best pair")
    ax.text(0.43, 0.05, "diverges", ha="right")
    ax.set(xlabel="learning rate η", ylim=(0, 0.99), title=name)
    ax.legend(loc="upper right", fontsize=7)
axes[0].set_ylabel("momentum β")
fig.colorbar(mesh, ax=axes, label="contraction per step")
plt.show()

# %%
# Inside the region the rate is smallest near the best pair and grows towards 1 at
# the boundary, and towards small rates, where the flat axis creeps.
#
# Why this boundary
# -----------------
# Along an axis of curvature :math:`\lambda` the heavy ball is the recurrence
# :math:`w_{k+1} = (1 + \beta - \eta\lambda) w_k - \beta w_{k-1}`, and the run
# shrinks when both roots of :math:`z^2 - (1 + \beta - \eta\lambda) z + \beta` lie
# inside the unit circle (the *characteristic roots* of
# :ref:`sphx_glr_auto_examples_06_optimizers_plot_momentum.py`). For a polynomial
# :math:`z^2 - a z + c` that is :math:`|c| < 1` and :math:`|a| < 1 + c`; here, for
# :math:`0 \le \beta < 1`, :math:`0 < \eta\lambda < 2(1 + \beta)`. The steep axis
# decides: :math:`\eta < 2(1 + \beta)/L`. Nesterov's rule gives
# :math:`a = (1 + \beta)(1 - \eta\lambda)` and :math:`c = \beta (1 - \eta\lambda)`,
# hence its smaller region.
#
# How the map is measured
# -----------------------
# The rate and the curvature enter the update only through :math:`\eta\lambda`, and
# each coordinate of a quadratic descends on its own: so one run with
# :math:`\eta = 1` on a quadratic of 160 coordinates with curvatures
# :math:`\eta_j \lambda_{\min}` and :math:`\eta_j L` runs a whole row of the grid. A
# coordinate
# whose roots are complex swings around 0, so a cell's rate is the ratio of the
# largest :math:`|w_k|` over steps 126 to 150 to the largest over steps 51 to 75, to
# the power :math:`1/75` (the larger of its two coordinates'). The count of cells:
B, LR = np.meshgrid(grid_betas, grid_lrs, indexing="ij")
print(f"{'':12}{'cells':>7}{'converge':>10}{'inside theory':>15}{'disagree':>10}")
for name, rates, inside in [
    ("heavy ball", heavy_map, LR * f.L < 2 * (1 + B)),
    ("Nesterov", nesterov_map, LR * f.L < 2 * (1 + B) / (1 + 2 * B)),
]:
    converge = int((rates < 1).sum())
    disagree = int(((rates < 1) != inside).sum())
    print(
        f"{name:12}{rates.size:>7}{converge:>10}{int(inside.sum()):>15}{disagree:>10}"
    )

# %%
# The batched runs are the direct ones: for a few cells on both sides of the
# boundary, gdbook's run on :math:`L` itself with ``momentum(lr, momentum)`` gives the
# same measure, up to the rounding of :math:`\eta\lambda w` computed as
# :math:`(\eta\lambda)\, w`:
cells = [(0, 0), (10, 40), (25, 45), (40, 70), (49, 79), (30, 55), (30, 60)]
differences = []
for i, j in cells:
    optimizer = momentum(float(grid_lrs[j]), momentum=float(grid_betas[i]))
    run = gradient_descent(f.grad, [1.0, 1.0], steps=N, optimizer=optimizer)
    differences.append(abs(envelope_rate(run.xs).max() / heavy_map[i, j] - 1))
print(
    f"batched against direct runs, largest relative difference: {max(differences):.0e}"
)
