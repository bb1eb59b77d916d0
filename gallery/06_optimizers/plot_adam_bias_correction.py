"""
Adam's bias correction
======================

Adam's averages :math:`m` and :math:`v` start at 0, so for a while they are too small:
after one step :math:`m_1 = (1 - \\beta_1) g` and :math:`\\sqrt{v_1} = \\sqrt{1 -
\\beta_2}\\, |g|`. Without correction the first step would be
:math:`\\eta (1 - \\beta_1)/\\sqrt{1 - \\beta_2} \\approx 3.16\\, \\eta`; on a constant
gradient the uncorrected step is :math:`\\eta (1 - \\beta_1^t)/\\sqrt{1 - \\beta_2^t}`,
which grows past :math:`6.5\\, \\eta` before it falls back to :math:`\\eta`. Dividing
each average by :math:`1 - \\beta^t` makes every step :math:`\\eta`.
"""

# %%
# On the plane :math:`L(w) = 3 w_0 - 0.5 w_1`, whose gradient is :math:`(3, -0.5)`
# everywhere, with :math:`\eta = 0.01` for 1000 steps: Adam with the correction
# (gdbook, as PyTorch) and without it (a numpy loop with the two divisions left out).
import matplotlib.pyplot as plt
import numpy as np

from gdbook import gradient_descent
from gdbook.optimizers import adam

lr, n, beta1, beta2, eps = 0.01, 1000, 0.9, 0.999, 1e-8
constant = np.array([3.0, -0.5])
corrected = gradient_descent(
    lambda w: constant, np.zeros(2), steps=n, optimizer=adam(lr)
)

w, m, v = np.zeros(2), np.zeros(2), np.zeros(2)
uncorrected = [w]
for _ in range(n):
    g = constant
    m = beta1 * m + (1 - beta1) * g
    v = beta2 * v + (1 - beta2) * g * g
    w = w - lr * m / (np.sqrt(v) + eps)
    uncorrected.append(w)

with_correction = np.abs(np.diff(corrected.xs, axis=0)) / lr
without_correction = np.abs(np.diff(np.array(uncorrected), axis=0)) / lr
t = np.arange(1, n + 1)
formula = (1 - beta1**t) / np.sqrt(1 - beta2**t)
shown = np.unique(np.geomspace(1, n, 30).astype(int)) - 1
fig, ax = plt.subplots(figsize=(6.5, 3.4))
ax.semilogx(t, formula, color="C1", label="(1 − β₁ᵗ)/√(1 − β₂ᵗ)")
ax.semilogx(t[shown], without_correction[shown, 0], "o", color="C1", ms=4,
            label="without correction, measured")  # fmt: skip
ax.semilogx(t[shown], with_correction[shown, 0], "s", color="C0", ms=4,
            label="with correction (gdbook), measured")  # fmt: skip
ax.set(xlabel="step t", ylabel="step / η", ylim=(0, 7))
ax.legend(loc="upper right", fontsize=8)
ax.set_title("Adam's step on a constant gradient, with and without bias correction")
fig.tight_layout()
plt.show()

# %%
# Both coordinates move by the same multiple of :math:`\eta` whatever their gradient
# (3 and 0.5), with or without correction. The step of :math:`w_0` in units of
# :math:`\eta`, measured and by the formula:
print(f"{'step':>5}{'uncorrected':>13}{'formula':>9}{'corrected':>11}")
for step in (1, 2, 10, 100, 1000):
    i = step - 1
    print(
        f"{step:>5}{without_correction[i, 0]:>13.4f}{formula[i]:>9.4f}"
        f"{with_correction[i, 0]:>11.4f}"
    )
peak = int(np.argmax(without_correction[:, 0]))
print(f"longest uncorrected step: {without_correction[peak, 0]:.4f} at step {peak + 1}")
print(f"formula's largest: {formula.max():.4f} at step {formula.argmax() + 1}")
print(
    f"corrected steps, smallest and largest: {with_correction.min():.6f}, "
    f"{with_correction.max():.6f}"
)

# %%
# The longest uncorrected step comes at :math:`t = 12`: the mean :math:`m` has caught
# up with the gradient (over about 10 steps), the mean square not yet (about 1000).
# The formulas leave :math:`\varepsilon` out; it shortens these steps by about
# :math:`\varepsilon / (\sqrt{1 - \beta_2^t}\, |g|)` of themselves, less than
# :math:`10^{-6}` here.
