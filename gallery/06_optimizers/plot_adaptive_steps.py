"""
Adaptive steps: AdaGrad, RMSProp and Adam
=========================================

This page is not an example of the sources: like the chapter's first page, on why
gradient descent is slow, it goes beyond source 003 (E12). Gradient descent takes one
step size for every coordinate, and on

.. math:: f(x) = \\tfrac12 \\left(x_0^2 + 100\\, x_1^2\\right)

that step must be below :math:`2/100` for the steep coordinate :math:`x_1`, which
leaves the flat :math:`x_0` creeping. The *adaptive* methods give each coordinate its
own step: the gradient divided, coordinate by coordinate, by the root of a running
sum or average of that coordinate's squared gradients. With :math:`g` the gradient at
:math:`x_k` (squares, roots and quotients taken coordinate by coordinate, all states
starting at 0):

.. math::
   \\text{AdaGrad:}\\quad s_{k+1} = s_k + g^2, \\qquad
   x_{k+1} = x_k - \\eta\\, \\frac{g}{\\sqrt{s_{k+1}} + \\varepsilon},

.. math::
   \\text{RMSProp:}\\quad r_{k+1} = \\alpha\\, r_k + (1 - \\alpha)\\, g^2, \\qquad
   x_{k+1} = x_k - \\eta\\, \\frac{g}{\\sqrt{r_{k+1}} + \\varepsilon},

.. math::
   \\text{Adam:}\\quad m_t = \\beta_1 m_{t-1} + (1 - \\beta_1)\\, g, \\quad
   v_t = \\beta_2 v_{t-1} + (1 - \\beta_2)\\, g^2, \\quad
   x_t = x_{t-1} - \\eta\\, \\frac{m_t / (1 - \\beta_1^t)}
   {\\sqrt{v_t / (1 - \\beta_2^t)} + \\varepsilon}.

Along coordinate :math:`i` the gradient here is :math:`\\lambda_i x_i`, and the
divisor is a root mean square of the same :math:`\\lambda_i x_i`: the curvature
cancels. To these methods the badly scaled bowl is the round one. The page runs each
update in numpy, then with :mod:`gdbook.optimizers`, checks that claim, shows where it
stops holding, draws what each state holds, and measures Adam's first steps with and
without its bias correction.
"""

# %%
# The problem
# -----------
# :func:`gdbook.quadratic` with curvatures :math:`(1, 100)`, from
# :math:`(-4, 0.6)`. Gradient descent's best fixed step :math:`2/(L + \mu) = 2/101`
# shrinks the distance to the minimum by :math:`99/101` per step
# (:ref:`sphx_glr_auto_examples_06_optimizers_plot_why_gd_is_slow.py`); after 100
# steps:
import numpy as np

from gdbook import gradient_descent, quadratic

f = quadratic([1.0, 100.0])
curvatures = np.array([1.0, 100.0])
start = np.array([-4.0, 0.6])
steps = 100
gd = gradient_descent(f.grad, start, lr=2 / (f.L + f.mu), steps=steps)
print("gradient descent, distance after 100 steps:", np.linalg.norm(gd.x))

# %%
# AdaGrad
# -------
# The sum of the squared gradients, per coordinate, divides the step. In numpy,
# then with :func:`gdbook.optimizers.adagrad` (``torch.optim.Adagrad``'s rule; the
# :math:`\varepsilon` is added after the root, as PyTorch does). gdbook computes
# :math:`x + (-\eta g / (\sqrt s + \varepsilon))`, the same bits:
from gdbook.optimizers import adagrad, adam, rmsprop

lr, eps = 0.5, 1e-10
x = start
s = np.zeros(2)
path = [x]
for _ in range(steps):
    g = curvatures * x
    s = s + g * g
    x = x - lr * g / (np.sqrt(s) + eps)
    path.append(x)
runs = {"AdaGrad": gradient_descent(f.grad, start, steps=steps, optimizer=adagrad(lr))}
print(
    "AdaGrad, numpy loop and gdbook agree bit for bit:",
    np.array_equal(path, runs["AdaGrad"].xs),
)

# %%
# RMSProp
# -------
# A moving average of the squared gradients instead of their sum, so that the steps
# can grow again (``torch.optim.RMSprop``, not centred, :math:`\alpha = 0.99`):
lr, alpha, eps = 0.05, 0.99, 1e-8
x = start
r = np.zeros(2)
path = [x]
for _ in range(steps):
    g = curvatures * x
    r = alpha * r + (1 - alpha) * g * g
    x = x - lr * g / (np.sqrt(r) + eps)
    path.append(x)
runs["RMSProp"] = gradient_descent(f.grad, start, steps=steps, optimizer=rmsprop(lr))
print(
    "RMSProp, numpy loop and gdbook agree bit for bit:",
    np.array_equal(path, runs["RMSProp"].xs),
)

# %%
# Adam
# ----
# Moving averages of the gradients and of their squares, each divided by
# :math:`1 - \beta^t` (the bias correction). In numpy as the formula reads; PyTorch,
# and gdbook after it, compute the same quantity in another order
# (:math:`(\eta / (1 - \beta_1^t))\, m / (\sqrt v / \sqrt{1 - \beta_2^t} +
# \varepsilon)`), so the two agree to rounding rather than to the bit:
lr, (beta1, beta2), eps = 0.5, (0.9, 0.999), 1e-8
x = start
m = np.zeros(2)
v = np.zeros(2)
path = [x]
for t in range(1, steps + 1):
    g = curvatures * x
    m = beta1 * m + (1 - beta1) * g
    v = beta2 * v + (1 - beta2) * g * g
    m_hat = m / (1 - beta1**t)
    v_hat = v / (1 - beta2**t)
    x = x - lr * m_hat / (np.sqrt(v_hat) + eps)
    path.append(x)
runs["Adam"] = gradient_descent(f.grad, start, steps=steps, optimizer=adam(lr))
print(
    "Adam, numpy loop against gdbook, largest difference:",
    np.abs(np.array(path) - runs["Adam"].xs).max(),
)

# %%
# The first step of each, in units of its learning rate, coordinate by coordinate:
# with nothing averaged yet the divisor is :math:`|g|` itself for AdaGrad and Adam
# (a step of :math:`\eta` in each coordinate, however steep), and
# :math:`\sqrt{1 - \alpha}\, |g|` for RMSProp, whose average is not corrected for
# starting at 0 (a step of :math:`\eta / \sqrt{1 - \alpha} = 10\,\eta`):
for name, run in runs.items():
    first = np.abs(run.xs[1] - run.xs[0]) / run.lr
    print(f"{name}, first step in units of lr:", first)
print("RMSProp, formula 1/sqrt(1 - alpha):", f"{1 / np.sqrt(1 - alpha):.10g}")
for name, run in runs.items():
    print(f"{name}, distance after 100 steps:", np.linalg.norm(run.x))

# %%
# Why per-coordinate steps help
# -----------------------------
# The claim of the introduction, checked: each method run on the round bowl
# :math:`\frac12(x_0^2 + x_1^2)` from the same start follows the same path as on
# :math:`\frac12(x_0^2 + 100 x_1^2)`, up to the effect of :math:`\varepsilon`
# (which does not scale). Gradient descent does not:
round_bowl = quadratic([1.0, 1.0])
optimizers = {"AdaGrad": adagrad(0.5), "RMSProp": rmsprop(0.05), "Adam": adam(0.5)}
for name, optimizer in optimizers.items():
    on_round = gradient_descent(
        round_bowl.grad, start, steps=steps, optimizer=optimizer
    )
    gap = np.abs(on_round.xs - runs[name].xs).max()
    print(f"{name}, largest gap between the paths on (1, 100) and (1, 1):", gap)
on_round = gradient_descent(round_bowl.grad, start, lr=2 / (f.L + f.mu), steps=steps)
print(
    "gradient descent, largest gap between the paths on (1, 100) and (1, 1):",
    np.abs(on_round.xs - gd.xs).max(),
)

# %%
# This works because the bad scaling is *along the coordinates*. Turn the same
# quadratic by 45 degrees, :math:`f(x) = \frac12 x^\top A x` with
# :math:`A = R\, \mathrm{diag}(1, 100)\, R^\top`, and start from the turned start
# :math:`R x_0`. Gradient descent does not see the difference (its steps turn with
# the function: same distances to the minimum); the adaptive methods do, since each
# coordinate now mixes a steep and a flat direction:
angle = np.pi / 4
R = np.array([[np.cos(angle), -np.sin(angle)], [np.sin(angle), np.cos(angle)]])
A = R @ np.diag(curvatures) @ R.T


def turned_gradient(x):
    return A @ x


turned = {
    "gradient descent": gradient_descent(
        turned_gradient, R @ start, lr=2 / (f.L + f.mu), steps=steps
    )
}
for name, optimizer in optimizers.items():
    turned[name] = gradient_descent(
        turned_gradient, R @ start, steps=steps, optimizer=optimizer
    )
for name, run in {"gradient descent": gd, **runs}.items():
    print(
        f"{name}, distance after 100 steps, along the axes and turned:",
        np.linalg.norm(run.x),
        np.linalg.norm(turned[name].x),
    )

# %%
# The four paths on the badly scaled quadratic. The adaptive methods head for the
# minimum at first along the diagonal, :math:`\eta` per coordinate whatever the
# slope; gradient descent's best step zigzags in :math:`x_1` and creeps in
# :math:`x_0`.
import matplotlib.pyplot as plt

from gdbook.plot import path_on_contour

fig, axes = plt.subplots(2, 2, figsize=(9, 4.8), sharex=True, sharey=True)
for ax, (name, run) in zip(
    axes.flat, {"gradient descent, step 2/101": gd, **runs}.items(), strict=True
):
    path_on_contour(
        f,
        run,
        xlim=(-4.5, 1.5),
        ylim=(-0.8, 0.8),
        levels=[0.1, 0.5, 1.5, 3, 5, 8],
        num=100,
        ax=ax,
        aspect="auto",
        label=None,
        markersize=2.5,
    )
    ax.set_title(name, fontsize=10)
    ax.label_outer()
fig.suptitle("100 steps on ½(x₀² + 100 x₁²) from (−4, 0.6)")
fig.tight_layout()
plt.show()

# %%
# What each state holds
# ---------------------
# Each optimizer is a pair of pure functions, ``init`` and ``update``
# (:class:`gdbook.optimizers.Optimizer`), so the loop that
# :func:`gdbook.gradient_descent` runs can be written out to keep the states, which
# the trace does not record:


def run_keeping_states(optimizer, x0, steps):
    """gdbook's descent loop, keeping the optimizer's state after every step."""
    x = np.array(x0, dtype=float)
    state = optimizer.init(x)
    xs, states = [x], [state]
    for _ in range(steps):
        step, state = optimizer.update(f.grad(x), state)
        x = x + step
        xs.append(x)
        states.append(state)
    return np.array(xs), states


kept = {name: run_keeping_states(opt, start, steps) for name, opt in optimizers.items()}
print(
    "own loop and gradient_descent agree bit for bit:",
    all(np.array_equal(kept[name][0], runs[name].xs) for name in kept),
)

# %%
# The states are weighted sums of the past gradients :math:`g_0, \dots, g_{t-1}`
# (or of their squares), with these weights, checked on the run against the
# gradients that the trace recorded:
#
# - AdaGrad's ``sum_of_squares`` :math:`s_t = \sum_j g_j^2`: every gradient counts
#   the same, forever, so the steps only shrink;
# - RMSProp's ``mean_square`` :math:`r_t = (1 - \alpha) \sum_j \alpha^{t-1-j}
#   g_j^2`: the recent squares, over about :math:`1/(1 - \alpha) = 100` steps. The
#   weights sum to :math:`1 - \alpha^t`, not 1, which is why RMSProp's first steps
#   are long;
# - Adam's ``mean`` :math:`m_t = (1 - \beta_1) \sum_j \beta_1^{t-1-j} g_j`, the
#   recent gradients over about 10 steps, and ``mean_square`` :math:`v_t`, the
#   squares over about 1000; their weights sum to :math:`1 - \beta^t`, and the bias
#   correction divides by that sum, to make them averages.
grads = {name: runs[name].grads for name in runs}
t = steps
ages = t - 1 - np.arange(t)  # age of g_j at step t
expected = {
    "AdaGrad, sum_of_squares": (grads["AdaGrad"] ** 2).sum(axis=0),
    "RMSProp, mean_square": ((1 - alpha) * alpha**ages) @ grads["RMSProp"] ** 2,
    "Adam, mean": ((1 - beta1) * beta1**ages) @ grads["Adam"],
    "Adam, mean_square": ((1 - beta2) * beta2**ages) @ grads["Adam"] ** 2,
}
final = {
    "AdaGrad, sum_of_squares": kept["AdaGrad"][1][t].sum_of_squares,
    "RMSProp, mean_square": kept["RMSProp"][1][t].mean_square,
    "Adam, mean": kept["Adam"][1][t].mean,
    "Adam, mean_square": kept["Adam"][1][t].mean_square,
}
for label, value in final.items():
    difference = np.abs(value / expected[label] - 1).max()
    print(f"{label} after 100 steps, relative difference from the formula:", difference)

# %%
# Drawn over the run, next to the size of each coordinate's gradient (dotted).
# AdaGrad's root sum of squares stops growing once the gradients are small and
# never shrinks, so its steps :math:`\eta g / \sqrt s` shrink with the gradient;
# in :math:`x_1`, whose first gradients were large, they are smallest. RMSProp's
# root mean square forgets, but slowly: it can fall by at most
# :math:`\sqrt\alpha \approx 0.995` per step, so it lags far behind gradients that
# fall faster. Adam's corrected mean :math:`\hat m` follows the gradient over about
# 10 steps and averages out its changes of sign (:math:`x_1` swings around 0); its
# corrected mean square :math:`\sqrt{\hat v}` remembers about 1000 steps and falls
# as slowly as RMSProp's. The step in units of :math:`\eta` is
# :math:`\hat m / \sqrt{\hat v}`.
fig, axes = plt.subplots(1, 3, figsize=(10, 3.4), sharey=True)
k = np.arange(1, steps + 1)
for i, color in enumerate(["C0", "C1"]):
    for ax, name in zip(axes, ["AdaGrad", "RMSProp", "Adam"], strict=True):
        ax.semilogy(k, np.abs(grads[name][:, i]), ":", color=color, label=f"|g{i}|")
    states = kept["AdaGrad"][1][1:]
    axes[0].semilogy(
        k, [np.sqrt(s.sum_of_squares[i]) for s in states], color=color, label=f"√s{i}"
    )
    states = kept["RMSProp"][1][1:]
    axes[1].semilogy(
        k, [np.sqrt(s.mean_square[i]) for s in states], color=color, label=f"√r{i}"
    )
    states = kept["Adam"][1][1:]
    axes[2].semilogy(
        k,
        [abs(s.mean[i]) / (1 - beta1**s.count) for s in states],
        "--",
        color=color,
        label=f"|m̂{i}|",
    )
    axes[2].semilogy(
        k,
        [np.sqrt(s.mean_square[i] / (1 - beta2**s.count)) for s in states],
        color=color,
        label=f"√v̂{i}",
    )
for ax, title in zip(
    axes,
    [
        "AdaGrad: root of the sum",
        "RMSProp: root mean square",
        "Adam: corrected averages",
    ],
    strict=True,
):
    ax.set(title=title, xlabel="step")
    ax.legend(fontsize=7, ncol=2, loc="upper right")
axes[0].set(ylabel="size, per coordinate", ylim=(1e-3, 1e4))
fig.suptitle("The optimizers' states over 100 steps on ½(x₀² + 100 x₁²)")
fig.tight_layout()
plt.show()

# %%
# Adam's bias correction in its first steps
# -----------------------------------------
# Without the correction, :math:`m_t` and :math:`v_t` start at 0 and stay small for
# a while: after one step :math:`m_1 = (1 - \beta_1) g` and
# :math:`\sqrt{v_1} = \sqrt{1 - \beta_2}\, |g|`, so the first step is
# :math:`\eta\, (1 - \beta_1) / \sqrt{1 - \beta_2} = \eta \cdot 0.1 / 0.0316
# \approx 3.16\, \eta` instead of :math:`\eta`. On a constant gradient the
# uncorrected step stays :math:`\eta\, (1 - \beta_1^t) / \sqrt{1 - \beta_2^t}`: it
# grows to more than :math:`6.5\,\eta` at :math:`t = 12` (the mean has caught up,
# the mean square not yet) before it falls back to :math:`\eta` over a few
# thousand steps. gdbook's :func:`~gdbook.optimizers.adam` always corrects, as
# PyTorch does; the run without correction is the numpy loop with the two
# divisions left out. Measured on the plane :math:`f(x) = 3 x_0 - 0.5 x_1`, whose
# gradient is :math:`(3, -0.5)` everywhere, with :math:`\eta = 0.01` for 1000
# steps. (The formulas leave :math:`\varepsilon` out; it shortens these steps by
# about :math:`\varepsilon / (\sqrt{1 - \beta_2^t}\, |g|)` of themselves, less than
# :math:`10^{-6}` here.)
lr, n = 0.01, 1000
constant = np.array([3.0, -0.5])
corrected = gradient_descent(
    lambda x: constant, np.zeros(2), steps=n, optimizer=adam(lr)
)
x = np.zeros(2)
m = np.zeros(2)
v = np.zeros(2)
uncorrected = [x]
for _ in range(n):
    g = constant
    m = beta1 * m + (1 - beta1) * g
    v = beta2 * v + (1 - beta2) * g * g
    x = x - lr * m / (np.sqrt(v) + eps)
    uncorrected.append(x)
uncorrected = np.array(uncorrected)

with_correction = np.abs(np.diff(corrected.xs, axis=0)) / lr
without_correction = np.abs(np.diff(uncorrected, axis=0)) / lr
t = np.arange(1, n + 1)
formula = (1 - beta1**t) / np.sqrt(1 - beta2**t)
print("first step with correction (gdbook), in units of lr:", with_correction[0])
print("first step without correction, in units of lr:", without_correction[0])
print("formula (1 - b1)/sqrt(1 - b2):", formula[0])
for step in (2, 10, 100, 1000):
    print(
        f"step {step} without correction, in units of lr: measured "
        f"{without_correction[step - 1, 0]:.5f}, formula {formula[step - 1]:.5f}"
    )
peak = int(np.argmax(without_correction[:, 0]))
print(
    f"longest step without correction: measured {without_correction[peak, 0]:.5f} "
    f"at step {peak + 1}, formula {formula.max():.5f} at step {formula.argmax() + 1}"
)
print(
    "steps with correction, in units of lr, smallest and largest:",
    with_correction.min(),
    with_correction.max(),
)

# %%
# Both coordinates move by the same multiple of :math:`\eta` whatever their
# gradient (3 and 0.5), with or without correction. The step in units of
# :math:`\eta`, for :math:`x_0`: measured points on the formula.
fig, ax = plt.subplots(figsize=(6.5, 3.4))
ax.semilogx(t, formula, color="C1", label="(1 − β₁ᵗ)/√(1 − β₂ᵗ)")
shown = np.unique(np.geomspace(1, n, 30).astype(int)) - 1
ax.semilogx(
    t[shown],
    without_correction[shown, 0],
    "o",
    color="C1",
    ms=4,
    label="without correction, measured",
)
ax.semilogx(
    t[shown],
    with_correction[shown, 0],
    "s",
    color="C0",
    ms=4,
    label="with correction (gdbook), measured",
)
ax.set(xlabel="step t", ylabel="step / lr", ylim=(0, 7))
ax.set_title("Adam's step on a constant gradient, with and without bias correction")
ax.legend(loc="upper right", fontsize=8)
fig.tight_layout()
plt.show()
# sphinx_gallery_thumbnail_number = 3
