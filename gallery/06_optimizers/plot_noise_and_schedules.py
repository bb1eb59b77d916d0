r"""
Noise and schedules
===================

This page is not an example of the sources: it goes beyond source 004 (E15) and source
002 (E07), whose stochastic gradient descent runs with a constant learning rate. On
data with noise, the gradient of a mini-batch is not zero at the minimum, so with a
constant rate the iterates never settle: they jitter around the minimum, and the loss
stalls above its least value, at a *noise floor*. The page measures that floor on the
beans of source 004 and checks it against the standard prediction, which says it grows
like the rate and shrinks like the batch size. Then it lowers the rate as the run goes
on, with the schedules of :mod:`gdbook.schedules` (step decay, :math:`1/t` and
cosine), and each goes below the floor.
"""

# %%
# The data, the optimum and the noise
# -----------------------------------
# The 100 beans of source 004, a line :math:`\hat y = w x + b` and the mean squared
# error :math:`L(\theta) = \frac1n \sum_i (w x_i + b - y_i)^2` of
# :math:`\theta = (w, b)`. Least squares gives the best line :math:`\theta^*` and the
# least loss :math:`L^*`. :math:`L` is a quadratic, so the excess loss is exactly
#
# .. math:: L(\theta) - L^* = \tfrac12\, \delta^\top A\, \delta, \qquad
#    \delta = \theta - \theta^*, \qquad A = \tfrac2n X^\top X,
#
# where the rows of :math:`X` are :math:`(x_i, 1)` and :math:`A` is the Hessian. At
# :math:`\theta^*` the gradient of the whole loss is zero, but the gradient of one
# sample, :math:`2 r_i (x_i, 1)` with the residual :math:`r_i`, is not: its
# covariance over the samples is :math:`\Sigma`, the noise that SGD adds at each
# update.
import numpy as np

from gdbook import beans

x, y = beans(100)
n = x.size
X = np.column_stack([x, np.ones(n)])
best, *_ = np.linalg.lstsq(X, y, rcond=None)
residuals = X @ best - y
least = np.mean(residuals**2)
A = 2 * X.T @ X / n
per_sample = 2 * residuals[:, None] * X  # each sample's gradient at the optimum
Sigma = per_sample.T @ per_sample / n  # their mean is zero
print("best line, slope and intercept:", best)
print("least loss L*:", least)
print("eigenvalues of A:", np.linalg.eigvalsh(A))
print("trace of Sigma:", np.trace(Sigma))


def excess(params):
    """L - L* of one line (w, b), or of many stacked along the first axes."""
    delta = params - best
    return 0.5 * np.einsum("...i,ij,...j->...", delta, A, delta)


probe = np.array([0.5, 0.8])
print("L - L* at (0.5, 0.8), directly:", np.mean((X @ probe - y) ** 2) - least)
print("L - L* at (0.5, 0.8), from A:", excess(probe))

# %%
# The prediction
# --------------
# Near :math:`\theta^*` a mini-batch gradient is :math:`A\delta + \xi`, with a noise
# :math:`\xi` of covariance :math:`\Sigma / B` when the :math:`B` samples of a batch
# are drawn independently. An update :math:`\delta \leftarrow (I - \eta A)\,\delta -
# \eta\, \xi` shrinks :math:`\delta` and adds noise; in the long run the covariance
# :math:`P` of :math:`\delta` stops changing, :math:`P = (I - \eta A) P (I - \eta A)
# + \eta^2 \Sigma / B`. To first order in :math:`\eta`, :math:`AP + PA = \eta\,
# \Sigma / B`, and half its trace is the mean excess loss, the floor:
#
# .. math:: \mathbb E[L] - L^* = \tfrac12 \operatorname{tr}(AP)
#    \approx \frac{\eta}{4B} \operatorname{tr}\Sigma .
#
# The approximations: independent batches; the noise at :math:`\theta^*` (it changes
# a little as :math:`\theta` moves); first order in :math:`\eta`, which needs
# :math:`\eta` well below :math:`1/\lambda_{\max}(A)`, about 0.4 here.


def prediction(lr, batch_size):
    return lr * np.trace(Sigma) / (4 * batch_size)


# %%
# The loop, in plain numpy
# ------------------------
# Mini-batch SGD as deep-learning libraries run it: each epoch visits the samples in
# a fresh random order (*random reshuffling*) and cuts it into batches of
# :math:`B = 10`; the rate of update :math:`k` follows a cosine from
# :math:`\eta_0 = 0.3` down to 0 over the run's :math:`K = 1000` updates,
# :math:`\eta_k = \frac{\eta_0}{2}\left(1 + \cos\frac{\pi k}{K}\right)`. From the
# line :math:`w = b = 0`, 100 epochs:
import math

lr0, batch_size, epochs = 0.3, 10, 100
updates = epochs * n // batch_size
rng = np.random.default_rng(0)
w, b = 0.0, 0.0
path = [(w, b)]
k = 0
for _ in range(epochs):
    order = rng.permutation(n)
    for start in range(0, n, batch_size):
        batch = order[start : start + batch_size]
        r = w * x[batch] + b - y[batch]
        lr = lr0 / 2 * (1 + math.cos(math.pi * k / updates))
        w, b = w - lr * 2 * np.mean(r * x[batch]), b - lr * 2 * np.mean(r)
        path.append((w, b))
        k += 1
print("after 100 epochs, slope and intercept:", w, b)

# %%
# The same with gdbook
# --------------------
# :func:`gdbook.stochastic_gradient_descent` runs the loop for any gradient of a
# batch (here the line's, in the same arithmetic), reshuffling each epoch with the
# generator seeded by ``rng``; the optimizer :func:`gdbook.optimizers.sgd` takes a
# schedule of :mod:`gdbook.schedules` as its rate. The trace holds every line:
from gdbook import stochastic_gradient_descent
from gdbook.optimizers import sgd
from gdbook.schedules import cosine, inverse_time, step_decay


def batch_gradient(params, batch):
    """Gradient of the mean squared error of the line ``params`` on the batch."""
    r = params[0] * x[batch] + params[1] - y[batch]
    return np.array([2 * np.mean(r * x[batch]), 2 * np.mean(r)])


def mini_batch_sgd(lr, seed=0):
    """Mini-batch SGD from w = b = 0, B = 10, 100 epochs, at the rate or schedule
    ``lr``; the trace records L - L* after every update."""
    return stochastic_gradient_descent(
        batch_gradient,
        [0.0, 0.0],
        n,
        epochs=epochs,
        batch_size=batch_size,
        rng=seed,
        loss=excess,
        optimizer=sgd(lr),
    )


trace = mini_batch_sgd(cosine(lr0, steps=updates))
print("the optimizer:", trace.optimizer)
print("numpy loop and gdbook agree bit for bit:", np.array_equal(trace.xs, path))

# %%
# A constant rate stalls
# ----------------------
# The same runs at the constant rates 0.03, 0.1 and 0.3. The two larger go down
# fast and stall within 20 epochs, the larger rate higher; the smallest is still
# coming down after 100 epochs (the figure at the end). A small rate has a low floor
# but is slow to reach it: a schedule takes the large rate first, the small one
# later. Averaged over the last 20 epochs:
constant = {lr: mini_batch_sgd(lr) for lr in (0.03, 0.1, 0.3)}
for lr, run in constant.items():
    late = run.losses[-20 * run.updates_per_epoch :].mean()
    print(f"constant rate {lr:g}, mean L - L* over the last 20 epochs: {late:.2e}")

# %%
# Measuring the floor
# -------------------
# One run is a noisy measure of the floor; forty runs side by side are a better one.
# The plain loop below runs forty seeds at once, as the rows of an array of lines,
# each with its own generator (and the rates of one batch size together, the runs of
# a seed sharing its batches). They start at the optimum; after 500 updates their
# jitter no longer depends on the start, and the floor is the mean of
# :math:`L - L^*` over the next 1000 updates and the forty runs. Each setting is
# measured twice: with random reshuffling, as gdbook (and PyTorch's ``DataLoader``
# with ``shuffle=True``) samples, and with *independent* batches, whose indices are
# drawn with replacement, as the prediction assumes. Next to them, the prediction to
# first order, and the stationary solution it approximates, :math:`\tfrac12
# \operatorname{tr}(AP)` with :math:`P` solved from :math:`P = (I - \eta A) P (I -
# \eta A) + \eta^2 \Sigma / B` (a linear system of four unknowns).
seeds = range(40)


def floor_runs(lrs, batch_size, sample, burn=500, measured=1000):
    """SGD from the optimum, one run per rate of ``lrs`` and seed, side by side.

    Returns, for each rate, the mean L - L* over the updates burn + 1 ...
    burn + measured and the forty runs, and the lines of those updates.
    ``sample(generator)`` draws one epoch's order of the samples.
    """
    generators = [np.random.default_rng(seed) for seed in seeds]
    lr = np.repeat(lrs, len(generators))[:, None]  # rows: rate, then seed
    lines = np.tile(best, (len(lr), 1))
    history = [lines]
    while len(history) <= burn + measured:
        orders = np.tile([sample(g) for g in generators], (len(lrs), 1))
        xs, ys = x[orders], y[orders]  # each run's samples, in its order
        for start in range(0, n, batch_size):
            xb, yb = (
                xs[:, start : start + batch_size],
                ys[:, start : start + batch_size],
            )
            r = lines[:, :1] * xb + lines[:, 1:] - yb
            grads = np.column_stack([2 * (r * xb).mean(1), 2 * r.mean(1)])
            lines = lines - lr * grads
            history.append(lines)
    history = np.array(history[burn + 1 : burn + measured + 1])
    history = history.reshape(measured, len(lrs), len(generators), 2)
    means = excess(history).mean(axis=(0, 2))
    return {rate: (means[i], history[:, i]) for i, rate in enumerate(lrs)}


def reshuffled(generator):
    return generator.permutation(n)


def independent(generator):
    return generator.integers(0, n, n)


def stationary(lr, batch_size):
    """½ tr(AP) for P = (I - lr A) P (I - lr A) + lr² Sigma / B."""
    M = np.eye(2) - lr * A
    P = np.linalg.solve(np.eye(4) - np.kron(M, M), (lr**2 * Sigma / batch_size).ravel())
    return 0.5 * np.trace(A @ P.reshape(2, 2))


rates = {10: (0.03, 0.1, 0.3), 4: (0.1,), 1: (0.1,)}  # batch size: rates
floors, histories = {}, {}
for size, lrs in rates.items():
    for lr, (floor, lines) in floor_runs(lrs, size, reshuffled).items():
        floors[lr, size], histories[lr, size] = floor, lines
    for lr, (floor, _) in floor_runs(lrs, size, independent).items():
        floors[lr, size, "independent"] = floor
settings = [(lr, size) for size, lrs in rates.items() for lr in lrs]
print(
    f"{'':22}{'reshuffled':>11}{'independent':>12}{'first order':>12}{'stationary':>11}"
)
for lr, size in settings:
    label = f"floor, lr {lr:g}, B {size}:"
    shuffled, drawn = floors[lr, size], floors[lr, size, "independent"]
    first, exact = prediction(lr, size), stationary(lr, size)
    print(f"{label:<22}{shuffled:>11.2e}{drawn:>12.2e}{first:>12.2e}{exact:>11.2e}")

# %%
# Each row of the loop is the run that gdbook makes with that seed; for seed 7 at
# rate 0.1, one sample per batch:
check = stochastic_gradient_descent(
    batch_gradient, best, n, lr=0.1, epochs=15, batch_size=1, rng=7
)
same = np.array_equal(check.xs[501:1501], histories[0.1, 1][:, 7])
print("row 7 of the loop is gdbook's run with rng=7, bit for bit:", same)

# %%
# The floor grows with the rate and shrinks with the batch. With independent
# batches it is the stationary solution within a few percent, and the first-order
# prediction :math:`\eta \operatorname{tr}\Sigma / 4B` within 20 percent up to
# :math:`\eta = 0.1`; at :math:`\eta = 0.3`, where :math:`\eta \lambda_{\max}(A)` is
# 0.8, the first order no longer holds. Reshuffling does better than independent
# batches, the more so as an epoch makes fewer updates (smaller rates, larger
# batches): within an epoch every sample is used once, so the noises of its batches
# add up to zero. The ratios, measured over first order:
print(f"{'':40}{'reshuffled':>11}{'independent':>12}")
for lr, size in settings:
    label = f"measured / first order, lr {lr:g}, B {size}:"
    first = prediction(lr, size)
    shuffled, drawn = floors[lr, size], floors[lr, size, "independent"]
    print(f"{label:<40}{shuffled / first:>11.2f}{drawn / first:>12.2f}")

# %%
# Schedules go below the floor
# ----------------------------
# A schedule is a rate that depends on the update count :math:`k`;
# :mod:`gdbook.schedules` has three, each starting at :math:`\eta_0 = 0.3`: halve
# it every 10 epochs (100 updates), divide it by :math:`1 + k/100`, or follow the
# cosine of the first section. Their rates at a few updates:
schedules = {
    "step decay": step_decay(lr0, factor=0.5, every=100),
    "1/t": inverse_time(lr0, decay=0.01),
    "cosine": cosine(lr0, steps=updates),
}
for name, schedule in schedules.items():
    rates = " ".join(f"{schedule(k):.3g}" for k in (0, 250, 500, 750, 999))
    print(f"{name}: {schedule!r}")
    print(f"{name}, rates at updates 0, 250, 500, 750, 999: {rates}")

# %%
# The runs of mini-batch SGD (:math:`B = 10`, 100 epochs, seed 0) with each, and
# their mean excess loss over the last 10 epochs, against the floor of the constant
# rate 0.3 measured above:
scheduled = {name: mini_batch_sgd(schedule) for name, schedule in schedules.items()}
print(f"floor of the constant rate 0.3, B 10: {floors[0.3, 10]:.2e}")
for name, run in scheduled.items():
    late = run.losses[-10 * run.updates_per_epoch :].mean()
    print(f"{name}, mean L - L* over the last 10 epochs: {late:.2e}")

# %%
# Every schedule ends far below the floor of the constant rate it starts from. Each
# run's excess is the larger of two things. The noise: near the end the rate is
# small, and so is its floor; :math:`1/t` ends at a rate of 0.027, and its excess is
# about the floor of the constant rate 0.03 in the table. And the distance not yet
# travelled: along the flat direction of :math:`A` (eigenvalue :math:`\lambda_{\min}
# = 0.139`) each update shrinks :math:`\delta` by :math:`1 - \eta_k\lambda_{\min}`,
# so after the run what is left of the start's excess along it is about
#
# .. math:: \tfrac12 \lambda_{\min}\, c^2\, e^{-2 \lambda_{\min} \sum_k \eta_k},
#
# with :math:`c` the start's distance to :math:`\theta^*` along that direction. A
# schedule must lower the rate, for the noise, but keep the sum of its rates large,
# for the distance: in the limit, Robbins and Monro's conditions
# :math:`\sum_k \eta_k = \infty`, :math:`\sum_k \eta_k^2 < \infty`. Halving every
# 10 epochs from 0.3 leaves a sum of 60; from 0.1, only 20, and that run stops no
# lower than the constant rate 0.1 (its floor is in the table), where the formula
# says:
eigenvalues, eigenvectors = np.linalg.eigh(A)
flat = eigenvalues[0]
c = eigenvectors[:, 0] @ (np.zeros(2) - best)
too_fast = step_decay(0.1, factor=0.5, every=100)
for name, schedule in [*schedules.items(), ("step decay from 0.1", too_fast)]:
    print(f"{name}, sum of the rates: {sum(schedule(k) for k in range(updates)):.1f}")
left = 0.5 * flat * c**2 * np.exp(-2 * flat * sum(too_fast(k) for k in range(updates)))
late = mini_batch_sgd(too_fast).losses[-100:].mean()
print(f"step decay from 0.1, mean L - L* over the last 10 epochs: {late:.2e}")
print(f"step decay from 0.1, left along the flat direction (formula): {left:.2e}")

# %%
# Plot
# ----
# Top left, the rates. Top right, the constant rates stall, each at the floor
# measured over forty runs (dashed). Bottom left, the schedules go below the floor of
# the rate they start from. The losses are averaged over each epoch, the start drawn
# at epoch 0. Bottom right, the floors of the table against :math:`\eta / B`, and the
# first-order prediction (the line).
import matplotlib.pyplot as plt

from gdbook.plot import loss_curve


def by_epoch(run):
    """The loss at the start, then its mean over each epoch."""
    per_epoch = run.losses[1:].reshape(-1, run.updates_per_epoch).mean(axis=1)
    return np.concatenate([run.losses[:1], per_epoch])


fig, axes = plt.subplots(2, 2, figsize=(9, 6.6))
k = np.arange(updates)
axes[0, 0].plot(k / 10, np.full(updates, lr0), color="k", label="constant 0.3")
for name, schedule in schedules.items():
    axes[0, 0].plot(k / 10, [schedule(i) for i in k], label=name)
axes[0, 0].set(xlabel="epoch", ylabel="learning rate", title="The rates")
axes[0, 0].legend()
for i, (lr, run) in enumerate(constant.items()):
    style = {"color": f"C{i}", "xlabel": "epoch", "ylabel": "L − L*, epoch mean"}
    loss_curve(by_epoch(run), log=True, ax=axes[0, 1], label=f"{lr:g}", **style)
    axes[0, 1].axhline(floors[lr, 10], color=f"C{i}", linestyle="--", linewidth=1)
axes[0, 1].set_title("A constant rate stalls at a floor")
axes[0, 1].legend(title="constant rate", loc="upper right")
style = {"xlabel": "epoch", "ylabel": "L − L*, epoch mean", "log": True}
loss_curve(
    by_epoch(constant[lr0]), ax=axes[1, 0], color="k", label="constant 0.3", **style
)
axes[1, 0].axhline(floors[lr0, 10], color="k", linestyle="--", linewidth=1)
for name, run in scheduled.items():
    loss_curve(by_epoch(run), ax=axes[1, 0], label=name, **style)
axes[1, 0].set_title("Decaying rates go below it")
axes[1, 0].legend(loc="lower left")
ratio = np.array([lr / size for lr, size in settings])
line = np.geomspace(ratio.min() / 1.5, ratio.max() * 1.5, 10)
axes[1, 1].loglog(line, line * np.trace(Sigma) / 4, "k-", label="η tr Σ / 4B")
axes[1, 1].loglog(ratio, [floors[s] for s in settings], "o", label="reshuffled")
independents = [floors[(*s, "independent")] for s in settings]
axes[1, 1].loglog(ratio, independents, "s", label="independent batches")
axes[1, 1].set(xlabel="η / B", ylabel="floor: mean L − L*")
axes[1, 1].set_title("The floor, measured and predicted")
axes[1, 1].legend()
axes[1, 1].grid(True, alpha=0.3)
axes[0, 0].grid(True, alpha=0.3)
fig.suptitle("Mini-batch SGD on the beans: a constant rate stalls, schedules go below")
fig.subplots_adjust(
    left=0.09, right=0.98, bottom=0.08, top=0.9, wspace=0.3, hspace=0.42
)
plt.show()
