r"""
The linear-scaling rule, and where it breaks
============================================

SGD's noise floor grows with the learning rate :math:`\eta` and shrinks with the
batch size :math:`B`: to first order it depends on :math:`\eta/B` alone. Hence the
*linear-scaling rule*: multiply :math:`B` by :math:`k`, multiply :math:`\eta` by
:math:`k` too, and the floor stays, while each update does :math:`k` times the
work. On the beans' line fit (:math:`n = 100`), holding :math:`\eta/B = 0.01`, each
update on a fresh random batch, 40 seeds per batch size:
"""

# %%
import matplotlib.pyplot as plt
import numpy as np

from gdbook import beans

x, y = beans(100)
n = x.size
X = np.column_stack([x, np.ones(n)])
best = np.linalg.lstsq(X, y, rcond=None)[0]  # w*
A = 2 * X.T @ X / n  # the Hessian of L
lam_max = np.linalg.eigvalsh(A).max()
H = 2 * np.einsum("ni,nj->nij", X, X)  # each sample's Hessian
e = 2 * (X @ best - y)[:, None] * X  # each sample's gradient at w*


def measured(lr, B, seeds=40, updates=1000, burn=300):
    """Each seed's mean L - L* over the updates after ``burn``, from w*."""
    rng = np.random.default_rng(B)
    w = np.tile(best, (seeds, 1))
    total = np.zeros(seeds)
    with np.errstate(over="ignore", invalid="ignore"):
        for k in range(updates):
            batch = rng.random((seeds, n)).argpartition(B - 1, axis=1)[:, :B]
            xb, yb = x[batch], y[batch]
            r = w[:, :1] * xb + w[:, 1:] - yb
            w = w - lr * np.column_stack([2 * (r * xb).mean(1), 2 * r.mean(1)])
            d = w - best
            total += (k >= burn) * 0.5 * np.einsum("si,ij,sj->s", d, A, d)
    return total / (updates - burn)


sizes = [1, 2, 5, 10, 20, 40, 60, 70, 75, 80]
floors = {B: measured(0.01 * B, B) for B in sizes}
fig, ax = plt.subplots(figsize=(6.4, 3.6))
products = [0.01 * B * lam_max for B in sizes]
medians = [np.median(floors[B]) for B in sizes]
low, high = np.array([np.percentile(floors[B], [10, 90]) for B in sizes]).T
ax.fill_between(products, low, high, color="C0", alpha=0.25, label="10 % to 90 %")
ax.plot(products, medians, "o", color="C0", label="median of 40 seeds")
ax.axvline(2, color="C3", ls="--", lw=1)
ax.text(1.97, 2e-3, "η λ_max = 2", color="C3", ha="right")
ax.set(xlabel="η λ_max   (B = 100 η)", ylabel="floor  L − L*", yscale="log",
       ylim=(1e-5, 1e-1))  # fmt: skip
ax.legend(loc="upper left")
fig.suptitle("SGD's floor on the beans at η/B = 0.01: flat, then up near η λ_max = 2")
fig.tight_layout()
plt.show()

# %%
# The rule holds while :math:`\eta\lambda_{\max}` is small: from :math:`B = 1` to
# :math:`B = 20` (:math:`\eta\lambda_{\max}` up to 0.53) the median floor stays
# within 11 % of :math:`4.9 \times 10^{-5}`. Then the terms of order
# :math:`\eta^2` take over: the floor is 4 times higher at
# :math:`\eta\lambda_{\max} = 1.85`, 32 times at 1.99, and past 2 (the stability
# limit of the full-batch run) SGD diverges. Scaling :math:`\eta` with :math:`B`
# is safe only while :math:`\eta\lambda_{\max}` stays well below 2.
# The exact stationary :math:`\mathbb{E}[L - L^*]` of this sampling follows from
# the second moment :math:`D` of :math:`w - w^*`, which solves a linear equation:


def predicted(lr, B):
    """The stationary E[L - L*] of SGD on random batches of B distinct samples:
    D = E[(I - lr H_S) D (I - lr H_S)] + lr² E[e_S e_Sᵀ], solved exactly."""
    shrink = (n - B) / (B * (n - 1))  # the variance of a mean of B of n samples
    outer = np.einsum("nij,nkl->ijkl", H, H) / n
    AA = np.einsum("ij,kl->ijkl", A, A)
    HH = AA + shrink * (outer - AA)  # E[H_S ⊗ H_S]
    eye = np.eye(2)
    M = (np.einsum("ij,kl->ijkl", eye, eye) - lr * np.einsum("ij,kl->ijkl", A, eye)
         - lr * np.einsum("ij,kl->ijkl", eye, A) + lr**2 * HH)  # fmt: skip
    M = M.transpose(0, 2, 1, 3).reshape(4, 4)  # vec(D) -> vec(E[(I-lr H)D(I-lr H)])
    if np.abs(np.linalg.eigvals(M)).max() >= 1:
        return np.inf  # the second moment grows: SGD diverges
    Q = lr**2 * shrink * (e.T @ e / n)
    D = np.linalg.solve(np.eye(4) - M, Q.reshape(4)).reshape(2, 2)
    return 0.5 * np.trace(A @ D)


print(f"λ_max: {lam_max:.4f}")
for B in sizes:
    lo, hi = np.percentile(floors[B], [10, 90])
    print(f"B = {B}, η λ_max = {0.01 * B * lam_max:.3f}, median floor: "
          f"{np.median(floors[B]):.3g}, 10-90 %: {lo:.2g} to {hi:.2g}, "
          f"predicted: {predicted(0.01 * B, B):.3g}")  # fmt: skip

# %%
# The measured medians on the exact curve:
fig, ax = plt.subplots(figsize=(6.4, 3.2))
grid = np.linspace(0.01, 2.2, 200) / lam_max  # η, with B = η / 0.01
ax.plot(grid * lam_max, [predicted(lr, lr / 0.01) for lr in grid], "k-", lw=1,
        label="exact stationary E[L − L*]")  # fmt: skip
ax.plot(products, medians, "o", color="C0", label="median of 40 seeds")
ax.set(xlabel="η λ_max   (B = 100 η)", ylabel="floor  L − L*", yscale="log",
       ylim=(1e-5, 1e-1))  # fmt: skip
ax.legend(loc="upper left")
fig.suptitle("The floor against its exact stationary value")
fig.tight_layout()
plt.show()
