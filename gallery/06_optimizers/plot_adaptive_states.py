"""
What the adaptive optimizers remember
=====================================

Each adaptive method divides the gradient by a memory of past squared gradients. AdaGrad
keeps their running *sum*: it only grows, so its steps only shrink. RMSProp keeps a
moving *average* over about :math:`1/(1 - \\alpha) = 100` steps, and Adam one of the
gradients (about 10 steps) and one of their squares (about 1000). Drawn over 100 steps
on :math:`L(w) = \\tfrac12 (w_0^2 + 100\\, w_1^2)` from :math:`(-4, 0.6)`, next to
each coordinate's gradient (dotted):
"""

# %%
import matplotlib.pyplot as plt
import numpy as np

from gdbook import quadratic
from gdbook.optimizers import adagrad, adam, rmsprop

f = quadratic([1.0, 100.0])
start = np.array([-4.0, 0.6])
beta1, beta2 = 0.9, 0.999


def run_keeping_states(optimizer, w0, steps):
    """gdbook's descent loop, written out to keep the optimizer's state after every
    step (each optimizer is a pair of pure functions, ``init`` and ``update``)."""
    w = np.array(w0, dtype=float)
    state = optimizer.init(w)
    grads, states = [], [state]
    for _ in range(steps):
        grads.append(f.grad(w))
        step, state = optimizer.update(grads[-1], state)
        w = w + step
        states.append(state)
    return np.array(grads), states


kept = {
    "AdaGrad": run_keeping_states(adagrad(0.5), start, 100),
    "RMSProp": run_keeping_states(rmsprop(0.05), start, 100),
    "Adam": run_keeping_states(adam(0.5), start, 100),
}
curves = {  # what divides (and, for Adam, what is divided), per step
    "AdaGrad": {"√s": [np.sqrt(s.sum_of_squares) for s in kept["AdaGrad"][1][1:]]},
    "RMSProp": {"√r": [np.sqrt(s.mean_square) for s in kept["RMSProp"][1][1:]]},
    "Adam": {
        "|m̂|": [abs(s.mean) / (1 - beta1**s.count) for s in kept["Adam"][1][1:]],
        "√v̂": [
            np.sqrt(s.mean_square / (1 - beta2**s.count)) for s in kept["Adam"][1][1:]
        ],
    },
}
fig, axes = plt.subplots(1, 3, figsize=(10, 3.4), sharey=True, layout="tight")
k = np.arange(1, 101)
for ax, name in zip(axes, kept, strict=True):
    for i, color in enumerate(["C0", "C1"]):
        ax.semilogy(k, np.abs(kept[name][0][:, i]), ":", color=color, label=f"|g{i}|")
        for (label, values), style in zip(
            curves[name].items(), ["-", "--"], strict=False
        ):
            ax.semilogy(
                k, np.array(values)[:, i], style, color=color, label=label + str(i)
            )
    ax.set(title=name, xlabel="step")
    ax.legend(fontsize=7, ncol=2, loc="upper right")
axes[0].set(ylabel="size, per coordinate", ylim=(1e-3, 1e4))
fig.suptitle("What each method divides the gradient by, step by step")
plt.show()

# %%
# AdaGrad's :math:`\sqrt s` stops growing once the gradients are small and never
# shrinks, so its steps :math:`\eta g / \sqrt s` shrink with the gradient; in
# :math:`w_1`, whose first gradients were large, they are smallest. RMSProp's
# :math:`\sqrt r` forgets, but slowly: it can fall by at most
# :math:`\sqrt\alpha \approx 0.995` a step, far behind gradients that fall faster.
# Adam's :math:`\hat m` follows the gradient over about 10 steps and averages out its
# changes of sign (:math:`w_1` swings around 0); :math:`\sqrt{\hat v}` falls as slowly
# as RMSProp's. Adam's step, in units of :math:`\eta`, is
# :math:`\hat m / \sqrt{\hat v}`.
#
# The states are weighted sums
# ----------------------------
# Over the past gradients :math:`g_0, \dots, g_{t-1}` (or their squares):
#
# - AdaGrad's ``sum_of_squares`` :math:`s_t = \sum_j g_j^2`: every gradient counts
#   the same, forever;
# - RMSProp's ``mean_square`` :math:`r_t = (1 - \alpha) \sum_j \alpha^{t-1-j} g_j^2`.
#   The weights sum to :math:`1 - \alpha^t`, not 1: that is why RMSProp's first steps
#   are long;
# - Adam's ``mean`` :math:`m_t = (1 - \beta_1) \sum_j \beta_1^{t-1-j} g_j` and
#   ``mean_square`` :math:`v_t` (with :math:`\beta_2`, on the squares); their weights
#   sum to :math:`1 - \beta^t`, and the bias correction divides by that sum.
#
# The formulas against the states after 100 steps, in plain numpy:
ages = 99 - np.arange(100)  # age of g_j at step 100
expected = {
    "AdaGrad, s": (kept["AdaGrad"][0] ** 2).sum(axis=0),
    "RMSProp, r": ((1 - 0.99) * 0.99**ages) @ kept["RMSProp"][0] ** 2,
    "Adam, m": ((1 - beta1) * beta1**ages) @ kept["Adam"][0],
    "Adam, v": ((1 - beta2) * beta2**ages) @ kept["Adam"][0] ** 2,
}
final = {
    "AdaGrad, s": kept["AdaGrad"][1][100].sum_of_squares,
    "RMSProp, r": kept["RMSProp"][1][100].mean_square,
    "Adam, m": kept["Adam"][1][100].mean,
    "Adam, v": kept["Adam"][1][100].mean_square,
}
print(f"{'after 100 steps':16}{'state':>24}{'formula':>24}")
for label, value in final.items():
    shown = ", ".join(f"{x:.3e}" for x in value)
    formula = ", ".join(f"{x:.3e}" for x in expected[label])
    print(f"{label:16}{shown:>24}{formula:>24}")
