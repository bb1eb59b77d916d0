r"""
Gradient clipping: a cliff in the loss
======================================

A *cliff* in a loss is a thin region where the gradient is hundreds of times larger
than around it: a step of gradient descent there throws the point far away. Here
:math:`L(w) = w^2/2 + w^4/4 + h\,\sigma((w - 1)/\delta)` with :math:`h = 10`,
:math:`\delta = 0.01`, :math:`\eta = 0.05`, 100 starts in :math:`[1.5, 2.5]`.
*Clipping* (``clip_norm=1.0``, PyTorch's ``clip_grad_norm_``) shortens a gradient
longer than :math:`c = 1` to length :math:`c`: no step exceeds :math:`\eta c`.
"""

# %%
import matplotlib.pyplot as plt
import numpy as np

from gdbook import gradient_descent

h, delta, lr, steps = 10.0, 0.01, 0.05, 300


def loss(w):
    return float(w**2 / 2 + w**4 / 4 + h / (1 + np.exp(-(w - 1) / delta)))


def grad(w):
    s = 1 / (1 + np.exp(-(w - 1) / delta))
    return w + w**3 + h / delta * s * (1 - s)


starts = np.random.default_rng(0).uniform(1.5, 2.5, size=100)
runs = {
    clip: [gradient_descent(grad, w0, lr=lr, steps=steps, loss=loss, clip_norm=clip)
           for w0 in starts]
    for clip in (None, 1.0)
}  # fmt: skip


def updates_to_converge(run):  # until |w| < 1e-3; None if it never gets there
    inside = np.flatnonzero(np.abs(run.xs) < 1e-3)
    return None if run.diverged or inside.size == 0 else int(inside[0])


fig, (left, right) = plt.subplots(1, 2, figsize=(9, 3.4), layout="tight")
w = np.linspace(-1.6, 2.6, 800)
left.plot(w, [loss(v) for v in w], color="0.6")
first = next(i for i, run in enumerate(runs[None]) if run.diverged and starts[i] < 2)
for clip, color in ((None, "C3"), (1.0, "C0")):
    xs = runs[clip][first].xs[:40]
    shown = np.abs(xs) < 1.6
    label = "clipped, c = 1" if clip else "not clipped"
    size = 9 if clip is None else 4
    left.plot(xs[shown], [loss(v) for v in xs[shown]], ".", color=color, ms=size,
              label=label)  # fmt: skip
    if clip is None:  # the step from the cliff, off the plot
        k = int(np.argmax(~shown))
        left.annotate(
            f"thrown to w = {xs[k]:.1f}",
            xy=(-1.55, 1),
            xytext=(-1.4, 12),
            arrowprops={"arrowstyle": "->", "color": color},
            color=color,
        )
    counts = [updates_to_converge(run) for run in runs[clip]]
    done = [i for i, n in enumerate(counts) if n is not None]
    right.plot(starts[done], [counts[i] for i in done], ".", color=color, ms=4)
    lost = [i for i, n in enumerate(counts) if n is None]
    right.plot(starts[lost], np.full(len(lost), steps), "x", color=color, ms=4)
left.set(xlabel="w", ylabel="loss L", ylim=(-0.5, 20))
left.legend(loc="upper right")
right.set(xlabel="start w₀", ylabel="updates to |w| < 1e-3 (x: diverged)")
fig.suptitle("A cliff in L: unclipped runs are thrown off, clipped ones converge")
plt.show()

# %%
# Unclipped, the runs whose path lands on the cliff are thrown beyond it, where
# the quartic's curvature makes :math:`\eta\lambda_{\max} > 2`, and diverge (red
# crosses, at the top); the others converge. Clipped, every run converges: its
# steps never exceed :math:`\eta c = 0.05`, and the cliff costs it nothing but a
# few short steps. The price: the clipped runs also take short steps where the
# gradient is large for a good reason, at the start, so they need more updates.
for clip, name in ((None, "not clipped"), (1.0, "clipped")):
    counts = [updates_to_converge(run) for run in runs[clip]]
    reached = [n for n in counts if n is not None]
    diverged = sum(run.diverged for run in runs[clip])
    low, high = np.percentile(reached, [5, 95])
    print(f"{name}, runs that diverged: {diverged} of {len(starts)}")
    print(f"{name}, median updates to converge: {np.median(reached):.0f}")
    print(f"{name}, 5th to 95th percentile: {low:.0f} to {high:.0f}")

# %%
# The rule, in plain numpy
# ------------------------
# ``clip_grad_norm_`` scales by :math:`\min(1, c / (\lVert g\rVert + 10^{-6}))`:
w = starts[first]
for _ in range(steps):
    g = grad(w)
    w = w - lr * g * min(1.0, 1.0 / (abs(g) + 1e-6))
longest = max(np.abs(np.diff(run.xs)).max() for run in runs[1.0])
print(f"clipped, longest step of any run: {longest:.6f}")
print(f"numpy loop, clipped, w after {steps} updates: {w:.3e}")
print(f"gdbook, clipped, w after {steps} updates: {runs[1.0][first].x:.3e}")
