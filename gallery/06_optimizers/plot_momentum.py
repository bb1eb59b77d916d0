"""
Momentum: the heavy ball
========================

This page is not an example of the sources: like the chapter's first page, it goes
beyond source 003 (E12). Plain gradient descent is slow on an ill-conditioned
quadratic: the number of steps it needs grows like the condition number
:math:`\\kappa`. Momentum, the oldest fix, needs a number in proportion to
:math:`\\sqrt\\kappa`; the page derives it and measures it.

On the quadratic of :ref:`sphx_glr_auto_examples_06_optimizers_plot_why_gd_is_slow.py`,

.. math:: f(x) = \\tfrac12 \\left(\\mu\\, x_0^2 + L\\, x_1^2\\right), \\qquad
   \\kappa = L / \\mu,

the best fixed step of gradient descent shrinks the distance to the minimum by
:math:`(\\kappa - 1)/(\\kappa + 1)` per step: about :math:`\\kappa` steps for each
factor :math:`e^2`. Momentum keeps a running sum of the past gradients, the
*velocity*, and steps along it (PyTorch's form, ``torch.optim.SGD(momentum=β)``):

.. math:: v_{k+1} = \\beta\\, v_k + \\nabla f(x_k), \\qquad
   x_{k+1} = x_k - \\eta\\, v_{k+1}, \\qquad v_0 = 0.

Across the valley the gradients change sign at every step and cancel in the sum;
along it they agree and add up. With the best step and momentum the distance
shrinks by

.. math:: \\rho = \\frac{\\sqrt\\kappa - 1}{\\sqrt\\kappa + 1}

per step: about :math:`\\sqrt\\kappa` steps for each factor :math:`e^2`, where
gradient descent needs about :math:`\\kappa`; for :math:`\\kappa = 100`, 93 steps
instead of 691 to divide the distance to the minimum by :math:`10^6`. The page
derives it, measures it for a range of :math:`\\kappa`, maps the steps and momenta
for which the method converges, and compares Nesterov's variant.
"""

# %%
# The loop, in plain numpy
# ------------------------
# The quadratic of the previous page, :math:`\mu = 1`, :math:`L = 10`, from
# :math:`(10, 3)`, with the best step :math:`\eta` and momentum :math:`\beta`
# (derived below). The gradient is :math:`(\mu x_0, L x_1)`.
import numpy as np

mu, L = 1.0, 10.0
curvatures = np.array([mu, L])
kappa = L / mu
lr = 4 / (np.sqrt(L) + np.sqrt(mu)) ** 2
beta = ((np.sqrt(kappa) - 1) / (np.sqrt(kappa) + 1)) ** 2
steps = 20

x = np.array([10.0, 3.0])
v = np.zeros(2)
path = [x]
for _ in range(steps):
    grad = curvatures * x
    v = beta * v + grad
    x = x - lr * v
    path.append(x)
path = np.array(path)
print("after 20 steps:", path[-1])

# %%
# The same with gdbook
# --------------------
# :func:`gdbook.optimizers.momentum` is this update rule (with the names of
# ``torch.optim.SGD``: ``lr`` and ``momentum``); :func:`gdbook.gradient_descent` runs
# it and keeps the history. It computes :math:`x + (-\eta v)`, which is
# :math:`x - \eta v` to the last bit:
from gdbook import gradient_descent, quadratic
from gdbook.optimizers import momentum

f = quadratic(condition=10)
trace = gradient_descent(
    f.grad, [10.0, 3.0], steps=steps, optimizer=momentum(lr, momentum=beta)
)
print("numpy loop and gdbook agree bit for bit:", np.array_equal(path, trace.xs))

plain = gradient_descent(f.grad, [10.0, 3.0], lr=2 / (f.L + f.mu), steps=steps)
print("distance after 20 steps, gradient descent:", np.linalg.norm(plain.x))
print("distance after 20 steps, momentum:", np.linalg.norm(trace.x))

# %%
# The two paths: gradient descent with its best step zigzags across the valley;
# momentum overshoots along it, turns and arrives.
import matplotlib.pyplot as plt

from gdbook.plot import path_on_contour

levels = [1, 5, 15, 30, 50, 75, 95]
fig, axes = plt.subplots(1, 2, figsize=(9, 3.6), sharey=True)
for ax, run, title in [
    (axes[0], plain, "gradient descent, step 2/(L + μ)"),
    (axes[1], trace, "momentum, best step and β"),
]:
    path_on_contour(
        f,
        run,
        xlim=(-3, 11),
        ylim=(-4.5, 4.5),
        levels=levels,
        num=100,
        ax=ax,
        label=f"{steps} steps",
    )
    ax.set_title(title)
    ax.legend(loc="lower left")
fig.suptitle("Gradient descent and momentum on ½(x₀² + 10 x₁²) from (10, 3)")
fig.tight_layout()
plt.show()

# %%
# PyTorch's form is the heavy ball
# --------------------------------
# Polyak's *heavy ball* (1964) is written without a velocity:
#
# .. math:: x_{k+1} = x_k - \eta\, \nabla f(x_k) + \beta\, (x_k - x_{k-1}).
#
# It is the same method with the same :math:`\eta` and :math:`\beta`. From
# PyTorch's form, :math:`x_{k+1} - x_k = -\eta v_{k+1} = -\eta \nabla f(x_k) +
# \beta\, (-\eta v_k)`, and :math:`-\eta v_k = x_k - x_{k-1}` (with
# :math:`x_{-1} = x_0`, since :math:`v_0 = 0`). So the formulas of the theory, all
# written for the heavy ball, hold for ``momentum(lr, momentum)`` as they are. (Forms
# that average, :math:`v_{k+1} = \beta v_k + (1 - \beta) g`, take steps
# :math:`1 - \beta` times shorter: their :math:`\eta` is PyTorch's
# :math:`\eta / (1 - \beta)`.) The heavy ball in numpy, against the run above; the
# two round differently, so they agree to rounding, not to the bit:
x_prev = x = np.array([10.0, 3.0])
heavy = [x]
for _ in range(steps):
    grad = curvatures * x
    x, x_prev = x - lr * grad + beta * (x - x_prev), x
    heavy.append(x)
heavy = np.array(heavy)
print("heavy ball against gdbook, largest difference:", np.abs(heavy - trace.xs).max())

# %%
# The best step and momentum
# --------------------------
# Along an axis of curvature :math:`\lambda` the gradient is :math:`\lambda x`, and
# the heavy ball becomes :math:`x_{k+1} = (1 + \beta - \eta\lambda)\, x_k - \beta\,
# x_{k-1}`: a linear recurrence, whose solutions are combinations of
# :math:`z^k` for the two roots :math:`z` of
#
# .. math:: z^2 - (1 + \beta - \eta\lambda)\, z + \beta = 0
#
# (the eigenvalues of the :math:`2 \times 2` matrix that maps
# :math:`(x_k, x_{k-1})` to :math:`(x_{k+1}, x_k)`). The product of the roots is
# :math:`\beta`. When they are complex, they are conjugate, so both have modulus
# :math:`\sqrt\beta`: *whatever the curvature*, as long as the roots are complex,
# which is when :math:`(1 + \beta - \eta\lambda)^2 < 4\beta`, that is
# :math:`(1 - \sqrt\beta)^2 < \eta\lambda < (1 + \sqrt\beta)^2`. The best choice puts
# every curvature of :math:`[\mu, L]` in that band with the smallest
# :math:`\beta`: :math:`\eta\mu = (1 - \sqrt\beta)^2` and
# :math:`\eta L = (1 + \sqrt\beta)^2`. Dividing,
# :math:`\sqrt\kappa = (1 + \sqrt\beta)/(1 - \sqrt\beta)`, hence
#
# .. math:: \beta^* = \left(\frac{\sqrt\kappa - 1}{\sqrt\kappa + 1}\right)^2,
#    \qquad \eta^* = \frac{4}{(\sqrt L + \sqrt\mu)^2},
#    \qquad \rho = \sqrt{\beta^*} = \frac{\sqrt\kappa - 1}{\sqrt\kappa + 1}.
#
# For :math:`\kappa = 10`, the values used above:
print("best step 4/(sqrt(L) + sqrt(mu))^2:", lr)
print("best momentum ((sqrt(kappa) - 1)/(sqrt(kappa) + 1))^2:", beta)
print("rate (sqrt(kappa) - 1)/(sqrt(kappa) + 1):", np.sqrt(beta))

# %%
# The rate, measured
# ------------------
# The contraction per step is what the ratio of successive distances to the
# minimum, :math:`D_{k+1}/D_k`, tends to. The start is forgotten only gradually, so
# the page measures it late: over the second half of a run of :math:`N` steps, as
# the geometric mean of the ratios there, :math:`(D_N / D_{N/2})^{2/N}`. Each run
# is long enough for :math:`D` to fall by about :math:`10^{100}`,
# :math:`N \approx 230 / \ln(1/\rho)` steps, from :math:`(1, 1)`.
#
# One more thing makes this measurement converge slowly. At the best pair, the two
# extreme curvatures sit exactly on the edges of the band: there the two roots meet
# (a double root, :math:`+\rho` for :math:`\mu` and :math:`-\rho` for :math:`L`:
# *critical damping*), and a double root :math:`r` gives
# :math:`x_k = (c + d\,k)\, r^k`, not :math:`c\, r^k`. From :math:`x_0` and
# :math:`x_1 = (1 - \eta\lambda)\, x_0` (since :math:`v_0 = 0`) the constants come
# out as :math:`x_k = (1 + (1 - \rho)k)\, \rho^k x_0` along :math:`x_0` and
# :math:`x_k = (1 + (1 + \rho)k)\, (-\rho)^k x_0` along :math:`x_1`. The factor
# linear in :math:`k` makes the ratio of successive distances about
# :math:`\rho\,(1 + 1/k)`: it tends to :math:`\rho` from above, like :math:`1/k`.
# Over the window it adds a factor of at most :math:`2^{2/N}`. The page prints the
# measurement, the formula :math:`\rho`, and what the closed form above gives for
# the same window, which the measurement matches to rounding.


def distance_ratio(xs, start, end):
    """Geometric mean of D_{k+1}/D_k for k from start to end - 1: the contraction
    per step of the distance D to the minimum (the origin), measured on a run."""
    distances = np.linalg.norm(xs, axis=1)
    return (distances[end] / distances[start]) ** (1 / (end - start))


def best_pair(g):
    """Polyak's best step and momentum for a quadratic g with constants L, mu."""
    rho = (np.sqrt(g.condition) - 1) / (np.sqrt(g.condition) + 1)
    return 4 / (np.sqrt(g.L) + np.sqrt(g.mu)) ** 2, rho**2


def critically_damped(rho, start, end):
    """The same geometric mean for the closed form of the run from (1, 1)."""
    k = np.array([start, end])
    d = np.hypot(1 + (1 - rho) * k, 1 + (1 + rho) * k) * rho**k
    return (d[1] / d[0]) ** (1 / (end - start))


kappas = [2, 5, 10, 30, 100, 300, 1000]
measured = {}
for k in kappas:
    g = quadratic(condition=k)
    step, momentum_k = best_pair(g)
    rho = (np.sqrt(k) - 1) / (np.sqrt(k) + 1)
    n = int(np.ceil(230 / np.log(1 / rho)))
    run = gradient_descent(
        g.grad, [1.0, 1.0], steps=n, optimizer=momentum(step, momentum=momentum_k)
    )
    measured[k] = distance_ratio(run.xs, n // 2, n)
    print(
        f"kappa={k}: measured {measured[k]:.10f}, formula {rho:.10f}, "
        f"closed form over the window {critically_damped(rho, n // 2, n):.10f}"
    )

# %%
# The measurements sit a little above :math:`\rho`, by the linear factor, and
# exactly on the closed form. What matters is how the rate grows with
# :math:`\kappa`: :math:`\rho \approx 1 - 2/\sqrt\kappa`, against
# :math:`1 - 2/\kappa` for gradient descent. Counted on runs, the steps to divide
# the distance by :math:`10^6`, from :math:`(1, 1)`: a hundred times more
# ill-conditioned is a hundred times slower for gradient descent, ten times for
# momentum.


def steps_to_a_millionth(run):
    distances = np.linalg.norm(run.xs, axis=1)
    return int(np.argmax(distances <= 1e-6 * distances[0]))


for k in (10, 100, 1000):
    g = quadratic(condition=k)
    step, momentum_k = best_pair(g)
    gd = gradient_descent(g.grad, [1.0, 1.0], lr=2 / (g.L + g.mu), steps=7 * k)
    heavy_ball = gradient_descent(
        g.grad,
        [1.0, 1.0],
        steps=int(20 * np.sqrt(k)),
        optimizer=momentum(step, momentum=momentum_k),
    )
    print(
        f"steps to divide the distance by 1e6, kappa={k}: gradient descent "
        f"{steps_to_a_millionth(gd)}, momentum {steps_to_a_millionth(heavy_ball)}"
    )

# %%
# The contraction per step against :math:`\kappa`: measured points on the formulas.
many = np.geomspace(1.5, 2000, 100)
fig, ax = plt.subplots(figsize=(6.5, 3.6))
ax.semilogx(many, (many - 1) / (many + 1), color="C0", label="gradient descent")
ax.semilogx(
    many,
    (np.sqrt(many) - 1) / (np.sqrt(many) + 1),
    color="C1",
    label="momentum, (√κ − 1)/(√κ + 1)",
)
ax.semilogx(kappas, list(measured.values()), "o", color="C1", label="measured")
ax.set(xlabel="condition number κ", ylabel="contraction per step")
ax.set_title("Contraction per step at the best settings: measured and formula")
ax.legend()
fig.tight_layout()
plt.show()
# sphinx_gallery_thumbnail_number = 2

# %%
# .. _momentum-convergence-region:
#
# Where momentum converges
# ------------------------
# Both roots of :math:`z^2 - (1 + \beta - \eta\lambda) z + \beta` lie inside the
# unit circle, and the run converges along that axis, exactly when
# :math:`|\beta| < 1` and :math:`|1 + \beta - \eta\lambda| < 1 + \beta` (the
# conditions for a polynomial of degree 2, Jury's test), that is, for
# :math:`0 \le \beta < 1`,
#
# .. math:: 0 < \eta\lambda < 2\,(1 + \beta).
#
# The run converges when every axis does, so the steep one decides:
# :math:`\eta < 2(1 + \beta)/L`. Momentum doubles the largest stable step as
# :math:`\beta \to 1`, from :math:`2/L` to :math:`4/L`.
#
# The page computes the region on a grid of 80 steps between 0 and :math:`0.45` and
# 50 momenta between 0 and :math:`0.99` (the centres of the cells), for
# :math:`L = 10`, :math:`\mu = 1`, with gdbook's runs. 4000 runs would be slow; but
# the step and the curvature enter the update only through their product
# :math:`\eta\lambda`, and each coordinate of a quadratic descends on its own. So
# one run with :math:`\eta = 1` on a quadratic of 160 coordinates whose curvatures
# are :math:`\eta_j\mu` and :math:`\eta_j L` for the 80 steps :math:`\eta_j` runs a
# whole row of the grid at once.
#
# A coordinate whose roots are complex swings around 0, so the ratio of two single
# values of :math:`|x_k|` can be anything; the measure of a coordinate is the ratio
# of the largest :math:`|x_k|` over steps 126 to 150 to the largest over steps 51
# to 75, to the power :math:`1/75`, and a cell's rate is the larger of its two
# coordinates'. The run converges where that is below 1.
grid_lrs = (np.arange(80) + 0.5) * 0.45 / 80
grid_betas = (np.arange(50) + 0.5) * 0.99 / 50
N, M, W = 150, 75, 25


def envelope_rate(xs):
    """Per coordinate: (max |x| over the last W steps before N / the same before
    M) ** (1 / (N - M))."""
    size = np.abs(xs)
    return (size[N - W + 1 : N + 1].max(0) / size[M - W + 1 : M + 1].max(0)) ** (
        1 / (N - M)
    )


def rate_map(nesterov):
    """The measured rate of every (momentum, step) of the grid, one run per
    momentum."""
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


heavy_map = rate_map(nesterov=False)
B, LR = np.meshgrid(grid_betas, grid_lrs, indexing="ij")
heavy_theory = LR * f.L < 2 * (1 + B)
print("cells of the grid:", heavy_map.size)
print("heavy ball, cells where the runs converge:", int((heavy_map < 1).sum()))
print("heavy ball, cells inside 0 < lr L < 2(1 + beta):", int(heavy_theory.sum()))
print(
    "heavy ball, cells where runs and theory disagree:",
    int(((heavy_map < 1) != heavy_theory).sum()),
)

# %%
# The batched runs are the direct ones: for a few cells on both sides of the
# boundary, gdbook's run on :math:`f` itself with ``momentum(lr, momentum)`` gives
# the same measure, up to the rounding of :math:`\eta\lambda x` computed as
# :math:`(\eta\lambda)\,x`:
cells = [(0, 0), (10, 40), (25, 45), (40, 70), (49, 79), (30, 55), (30, 60)]
differences = []
for i, j in cells:
    optimizer = momentum(float(grid_lrs[j]), momentum=float(grid_betas[i]))
    run = gradient_descent(f.grad, [1.0, 1.0], steps=N, optimizer=optimizer)
    differences.append(abs(envelope_rate(run.xs).max() / heavy_map[i, j] - 1))
print("batched against direct runs, largest relative difference:", max(differences))

# %%
# Nesterov's variant
# ------------------
# Nesterov's momentum (as PyTorch writes it, ``nesterov=True``) keeps the same
# velocity but steps along the gradient plus the *next* velocity, one step of
# momentum ahead:
#
# .. math:: v_{k+1} = \beta\, v_k + \nabla f(x_k), \qquad
#    x_{k+1} = x_k - \eta\, (\nabla f(x_k) + \beta\, v_{k+1}).
#
# In numpy, then with gdbook, on the same quadratic with the same pair:
x = np.array([10.0, 3.0])
v = np.zeros(2)
nesterov_path = [x]
for _ in range(steps):
    grad = curvatures * x
    v = beta * v + grad
    x = x - lr * (grad + beta * v)
    nesterov_path.append(x)
nesterov_path = np.array(nesterov_path)
nesterov = gradient_descent(
    f.grad, [10.0, 3.0], steps=steps, optimizer=momentum(lr, beta, nesterov=True)
)
print(
    "Nesterov, numpy loop and gdbook agree bit for bit:",
    np.array_equal(nesterov_path, nesterov.xs),
)

# %%
# Along an axis of curvature :math:`\lambda`, with :math:`h = \eta\lambda`, the same
# elimination of :math:`v` gives :math:`x_{k+1} = (1 + \beta)(1 - h)\, x_k -
# \beta\, (1 - h)\, x_{k-1}`, whose roots solve
#
# .. math:: z^2 - (1 + \beta)(1 - h)\, z + \beta\,(1 - h) = 0.
#
# The same test gives the region :math:`0 < \eta\lambda < 2(1 + \beta)/(1 + 2\beta)`:
# at most :math:`2/L` at :math:`\beta = 0` (gradient descent) and shrinking to
# :math:`4/(3L)` as :math:`\beta \to 1`, where the heavy ball's grows to
# :math:`4/L`. The step of the steep axis is damped: at :math:`\eta\lambda = 1` both
# roots are 0, where the heavy ball's have modulus :math:`\sqrt\beta`. Measured on
# the same grid:
nesterov_map = rate_map(nesterov=True)
nesterov_theory = LR * f.L < 2 * (1 + B) / (1 + 2 * B)
print("Nesterov, cells where the runs converge:", int((nesterov_map < 1).sum()))
print(
    "Nesterov, cells inside 0 < lr L < 2(1 + beta)/(1 + 2 beta):",
    int(nesterov_theory.sum()),
)
print(
    "Nesterov, cells where runs and theory disagree:",
    int(((nesterov_map < 1) != nesterov_theory).sum()),
)

# %%
# On quadratics the heavy ball is the faster of the two. The best pair for
# Nesterov's polynomial (Lessard, Recht and Packard, 2016) is
# :math:`\eta = 4/(3L + \mu)`, :math:`\beta = (\sqrt{3\kappa + 1} - 2)/
# (\sqrt{3\kappa + 1} + 2)`, with rate :math:`1 - 2/\sqrt{3\kappa + 1}`, between
# gradient descent's and the heavy ball's. The usual choice,
# :math:`\eta = 1/L` and :math:`\beta = (\sqrt\kappa - 1)/(\sqrt\kappa + 1)`, gives
# :math:`1 - 1/\sqrt\kappa`. Nesterov's method earns its place elsewhere: with
# that usual choice, its rate (up to a constant factor) is guaranteed on every
# smooth strongly convex function, while the heavy ball's best pair can fail to
# converge on functions that are not quadratics (the same paper gives one). The
# page checks the quadratic rates, for :math:`\kappa = 100`, measured as above
# (these settings are critically damped too, so the measurements sit slightly above
# the formulas, by a factor of at most :math:`2^{2/N}`):
g = quadratic(condition=100)
root = np.sqrt(g.condition)
q = np.sqrt(3 * g.condition + 1)
settings = {
    "heavy ball, best pair": (
        momentum(*best_pair(g)),
        (root - 1) / (root + 1),
    ),
    "Nesterov, best pair": (
        momentum(4 / (3 * g.L + g.mu), (q - 2) / (q + 2), nesterov=True),
        1 - 2 / q,
    ),
    "Nesterov, lr 1/L, momentum (sqrt(kappa) - 1)/(sqrt(kappa) + 1)": (
        momentum(1 / g.L, (root - 1) / (root + 1), nesterov=True),
        1 - 1 / root,
    ),
}
for name, (optimizer, formula) in settings.items():
    n = int(np.ceil(230 / np.log(1 / formula)))
    run = gradient_descent(g.grad, [1.0, 1.0], steps=n, optimizer=optimizer)
    rate = distance_ratio(run.xs, n // 2, n)
    print(f"kappa=100, {name}: measured {rate:.6f}, formula {formula:.6f}")

# %%
# The region, drawn
# -----------------
# The measured rate of every cell of the grid (white where the run diverges), the
# theoretical boundary (dashed), the best pair (star) and gradient descent's best
# step (circle, :math:`\beta = 0`). Inside the region the rate is smallest near the
# best pair and grows towards 1 at the boundary, and towards small steps, where
# the flat axis creeps.
boundaries = [
    2 * (1 + grid_betas) / f.L,
    2 * (1 + grid_betas) / (1 + 2 * grid_betas) / f.L,
]
fig, axes = plt.subplots(1, 2, figsize=(9, 3.8), sharey=True, layout="constrained")
q10 = np.sqrt(3 * f.condition + 1)
best = [best_pair(f), (4 / (3 * f.L + f.mu), (q10 - 2) / (q10 + 2))]
for ax, rates, boundary, name, star in zip(
    axes,
    [heavy_map, nesterov_map],
    boundaries,
    ["heavy ball", "Nesterov"],
    best,
    strict=True,
):
    shown = np.ma.masked_where(rates >= 1, rates)
    mesh = ax.pcolormesh(
        grid_lrs, grid_betas, shown, vmin=0.4, vmax=1, cmap="viridis", shading="nearest"
    )
    ax.plot(boundary, grid_betas, "k--", label="boundary, theory")
    ax.plot(*star, "*", color="white", mec="k", ms=12, label="best pair")
    ax.plot(
        2 / (f.L + f.mu),
        0,
        "o",
        color="white",
        mec="k",
        clip_on=False,
        label="best GD step",
    )
    ax.text(0.43, 0.05, "diverges", ha="right")
    ax.set(xlabel="step η", ylim=(0, 0.99), title=f"{name}: rate where it converges")
    ax.legend(loc="upper right", fontsize=7)
axes[0].set_ylabel("momentum β")
fig.colorbar(mesh, ax=axes, label="contraction per step")
fig.suptitle("Steps and momenta for which momentum converges on ½(x₀² + 10 x₁²)")
plt.show()

# %%
# The paths of the two methods with a large momentum, :math:`\beta = 0.9`, and
# :math:`\eta = 1/L`: the heavy ball swings across the valley, Nesterov's step damps
# the steep axis.
swing = gradient_descent(
    f.grad, [10.0, 3.0], steps=40, optimizer=momentum(1 / f.L, momentum=0.9)
)
damped = gradient_descent(
    f.grad,
    [10.0, 3.0],
    steps=40,
    optimizer=momentum(1 / f.L, momentum=0.9, nesterov=True),
)
fig, ax = plt.subplots(figsize=(6.5, 3.4))
path_on_contour(
    f,
    swing,
    xlim=(-9, 11),
    ylim=(-4, 4),
    levels=levels,
    num=100,
    ax=ax,
    label="heavy ball",
)
ax.plot(*damped.xs.T, "o-", color="C0", ms=3, lw=0.8, label="Nesterov")
ax.legend(loc="lower left")
ax.set_title("Momentum 0.9, step 1/L, 40 steps: heavy ball and Nesterov")
fig.tight_layout()
plt.show()
