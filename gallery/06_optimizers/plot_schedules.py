r"""
Learning-rate schedules
=======================

With a constant learning rate :math:`\eta`, SGD stalls at a
:ref:`noise floor <sphx_glr_auto_examples_06_optimizers_plot_noise_floor.py>` that
grows with :math:`\eta`. A *schedule* lowers the rate as the run goes on, with the
update count :math:`k`: large steps first, to travel, then small ones, to settle below
the floor. Three schedules from :math:`\eta_0 = 0.3`, on the beans' line fit
(:math:`B = 10`, 100 epochs), against the constant rate 0.3:
"""

# %%
import matplotlib.pyplot as plt
import numpy as np

from gdbook import beans, stochastic_gradient_descent
from gdbook.optimizers import sgd
from gdbook.plot import loss_curve
from gdbook.schedules import cosine, inverse_time, step_decay

x, y = beans(100)
n, updates = x.size, 1000  # 100 epochs of 10 batches of B = 10
X = np.column_stack([x, np.ones(n)])
best, *_ = np.linalg.lstsq(X, y, rcond=None)  # w*
A = 2 * X.T @ X / n  # the Hessian of the mean squared error L


def batch_gradient(w, batch):
    r = w[0] * x[batch] + w[1] - y[batch]
    return np.array([2 * np.mean(r * x[batch]), 2 * np.mean(r)])


def excess(w):
    """L(w) - L* = ½ (w - w*)ᵀ A (w - w*), for one line or a stack of lines."""
    delta = w - best
    return 0.5 * np.einsum("...i,ij,...j->...", delta, A, delta)


schedules = {
    "constant 0.3": 0.3,
    "step decay": step_decay(0.3, factor=0.5, every=100),  # halve every 10 epochs
    "1/t": inverse_time(0.3, decay=0.01),  # 0.3 / (1 + k/100)
    "cosine": cosine(0.3, steps=updates),  # from 0.3 down to 0 over the run
}
runs = {
    name: stochastic_gradient_descent(batch_gradient, [0.0, 0.0], n, epochs=100,
                                      batch_size=10, rng=0, loss=excess,
                                      optimizer=sgd(rate))
    for name, rate in schedules.items()
}  # fmt: skip
fig, (left, right) = plt.subplots(1, 2, figsize=(9, 3.4))
k = np.arange(updates)
for i, (name, rate) in enumerate(schedules.items()):
    rates = [rate if np.isscalar(rate) else rate(i) for i in range(updates)]
    left.plot(k / 10, rates, color=f"C{i}", label=name)
    per_epoch = runs[name].losses[1:].reshape(100, -1).mean(axis=1)
    loss_curve(per_epoch, log=True, ax=right, color=f"C{i}", xlabel="epoch",
               ylabel="L − L*, mean over the epoch")  # fmt: skip
left.set(xlabel="epoch", ylabel="learning rate η")
left.legend()
fig.suptitle("Schedules from η₀ = 0.3 against the constant rate 0.3")
fig.tight_layout()
plt.show()

# %%
# The constant rate stalls within 20 epochs; every schedule goes on down.
#
# The rule, in plain numpy
# ------------------------
# The cosine schedule, :math:`\eta_k = \frac{\eta_0}{2}\left(1 + \cos\frac{\pi
# k}{K}\right)` over the run's :math:`K = 1000` updates, in the reshuffling loop:
import math

rng = np.random.default_rng(0)
w, k = np.zeros(2), 0
for _ in range(100):
    order = rng.permutation(n)
    for start in range(0, n, 10):
        lr = 0.3 / 2 * (1 + math.cos(math.pi * k / updates))
        w = w - lr * batch_gradient(w, order[start : start + 10])
        k += 1
print("numpy loop, w after 100 epochs:", np.round(w, 6))
print("gdbook, w after 100 epochs:", np.round(runs["cosine"].x, 6))

# %%
# With gdbook
# -----------
# A schedule of :mod:`gdbook.schedules` is given to the optimizer as its rate,
# ``sgd(cosine(0.3, steps=1000))``, as in the first cell. Their rates at a few
# updates:
print(f"{'update':12}" + "".join(f"{k:>9}" for k in (0, 250, 500, 750, 999)))
for name, schedule in list(schedules.items())[1:]:
    print(
        f"{name:12}" + "".join(f"{schedule(k):>9.2g}" for k in (0, 250, 500, 750, 999))
    )

# %%
# How far below the floor, over 40 seeds
# --------------------------------------
# One run is one draw of the batches. The same runs for 40 seeds, side by side as the
# rows of an array of lines: the median over the seeds of the mean :math:`L - L^*`
# over the last 10 epochs, and how many times lower that is than the constant
# rate's (its floor), with the range over the seeds of that ratio (each seed
# against the constant rate's median).


def over_seeds(rate, seeds=range(40)):
    """L - L* after every update of each seed's run, shape (updates, seeds)."""
    generators = [np.random.default_rng(seed) for seed in seeds]
    lines, losses, k = np.zeros((len(generators), 2)), [], 0
    for _ in range(100):
        orders = np.array([g.permutation(n) for g in generators])
        for start in range(0, n, 10):
            xb, yb = x[orders[:, start : start + 10]], y[orders[:, start : start + 10]]
            r = lines[:, :1] * xb + lines[:, 1:] - yb
            eta = rate if np.isscalar(rate) else rate(k)
            lines = lines - eta * np.column_stack([2 * (r * xb).mean(1), 2 * r.mean(1)])
            losses.append(excess(lines))
            k += 1
    return np.array(losses)


late = {name: over_seeds(rate)[-100:].mean(axis=0) for name, rate in schedules.items()}
floor = np.median(late["constant 0.3"])
print(f"constant 0.3, median (the floor): {floor:.2e}")
print(f"{'':12}{'median':>10}{'times lower':>13}{'range over seeds':>20}")
for name, values in list(late.items())[1:]:
    low, high = np.sort(floor / values)[[0, -1]]
    median, ratio = np.median(values), f"{low:,.0f} to {high:,.0f}"
    print(f"{name:12}{median:>10.2e}{floor / median:>13,.0f}{ratio:>20}")

# %%
# Every schedule ends far below the floor of the constant rate it starts from: in
# the median, about 70 times for :math:`1/t`, 4,000 for the cosine and 50,000 for
# step decay, and the seeds spread each ratio over a factor of 2 to 20. (Seed 0
# alone, the run of the first cell, gives step decay a ratio near the low end.)
#
# Why the schedules end where they do
# -----------------------------------
# Each run's excess is the larger of two things. The noise: near the end the rate is
# small, and so is its floor (:math:`1/t` ends at 0.027, near the floor of the
# constant 0.03). And the distance not yet travelled: along the flat direction of
# :math:`A` (eigenvalue :math:`\lambda_{\min} = 0.139`) each update shrinks
# :math:`w - w^*` by :math:`1 - \eta_k\lambda_{\min}`, so what is left of the start's
# excess along it is about
#
# .. math:: \tfrac12 \lambda_{\min}\, c^2\, e^{-2 \lambda_{\min} \sum_k \eta_k},
#
# with :math:`c` the start's distance to :math:`w^*` along that direction. A schedule
# must lower the rate, for the noise, and keep the sum of its rates large, for the
# distance (in the limit, Robbins and Monro's :math:`\sum_k \eta_k = \infty`,
# :math:`\sum_k \eta_k^2 < \infty`). Halving every 10 epochs from 0.3 sums to 60;
# from 0.1, to 20, and that run stops where the formula says:
eigenvalues, eigenvectors = np.linalg.eigh(A)
flat = eigenvalues[0]
c = eigenvectors[:, 0] @ (np.zeros(2) - best)
too_fast = step_decay(0.1, factor=0.5, every=100)
for name, schedule in [*list(schedules.items())[1:], ("step decay from 0.1", too_fast)]:
    print(f"{name}, sum of the rates: {sum(schedule(k) for k in range(updates)):.1f}")
left = 0.5 * flat * c**2 * np.exp(-2 * flat * sum(too_fast(k) for k in range(updates)))
late_too_fast = np.median(over_seeds(too_fast)[-100:].mean(axis=0))
print(
    f"step decay from 0.1, median L - L* over the last 10 epochs: {late_too_fast:.2e}"
)
print(f"step decay from 0.1, left along the flat direction (formula): {left:.2e}")
