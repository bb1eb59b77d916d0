"""
Adaptive steps: AdaGrad, RMSProp and Adam
=========================================

Gradient descent takes one learning rate :math:`\\eta` for every coordinate; on
:math:`L(w) = \\tfrac12 (w_0^2 + 100\\, w_1^2)` it must stay below :math:`2/100` for the
steep :math:`w_1`, and the flat :math:`w_0` creeps. The *adaptive* methods give each
coordinate its own step: the gradient divided, coordinate by coordinate, by the root
of a running sum (AdaGrad) or average (RMSProp, Adam) of its squares. The curvature
cancels, and the badly scaled bowl looks round to them.
"""

# %%
# 100 steps of each from :math:`(-4, 0.6)`, with PyTorch's default settings and a
# learning rate that suits each:
import matplotlib.pyplot as plt
import numpy as np

from gdbook import gradient_descent, quadratic
from gdbook.optimizers import adagrad, adam, rmsprop
from gdbook.plot import descent_path

f = quadratic([1.0, 100.0])
start = np.array([-4.0, 0.6])
optimizers = {"AdaGrad": adagrad(0.5), "RMSProp": rmsprop(0.05), "Adam": adam(0.5)}
gd = gradient_descent(f.grad, start, lr=2 / (f.L + f.mu), steps=100)
runs = {
    name: gradient_descent(f.grad, start, steps=100, optimizer=optimizer)
    for name, optimizer in optimizers.items()
}
fig, axes = plt.subplots(2, 2, figsize=(9, 4.8), sharex=True, sharey=True)
for ax, (name, run) in zip(
    axes.flat, {"gradient descent, η = 2/101": gd, **runs}.items(), strict=True
):
    descent_path(
        f, run, xlim=(-4.5, 1.5), ylim=(-0.8, 0.8), levels=[0.1, 0.5, 1.5, 3, 5, 8],
        num=100, ax=ax, aspect="auto", label=None, markersize=2.5,
        labels=("$w_0$", "$w_1$"),
    )  # fmt: skip
    ax.set_title(name, fontsize=10)
    ax.label_outer()
fig.tight_layout()
plt.show()

# %%
# The adaptive methods head for the minimum along the diagonal at first,
# :math:`\eta` per coordinate whatever the slope; gradient descent zigzags in
# :math:`w_1` and creeps in :math:`w_0`.
#
# The three rules, in plain numpy
# -------------------------------
# With :math:`g = \nabla L(w)`, squares, roots and quotients coordinate by coordinate,
# every state starting at 0, and :math:`\varepsilon` added after the root as PyTorch
# does:
#
# .. math:: \text{AdaGrad:}\quad s \leftarrow s + g^2, \qquad
#    w \leftarrow w - \eta\, g / (\sqrt s + \varepsilon)
#
# .. math:: \text{RMSProp:}\quad r \leftarrow \alpha r + (1 - \alpha) g^2, \qquad
#    w \leftarrow w - \eta\, g / (\sqrt r + \varepsilon)
#
# .. math:: \text{Adam:}\quad m \leftarrow \beta_1 m + (1 - \beta_1) g, \quad
#    v \leftarrow \beta_2 v + (1 - \beta_2) g^2,
#
# .. math:: w \leftarrow w - \eta\, \frac{m / (1 - \beta_1^t)}
#    {\sqrt{v / (1 - \beta_2^t)} + \varepsilon} \quad (\text{step } t = 1, 2, \dots)
curvatures = np.array([1.0, 100.0])
alpha, beta1, beta2 = 0.99, 0.9, 0.999
w_adagrad, w_rmsprop, w_adam = start, start, start
s, r, m, v = np.zeros(2), np.zeros(2), np.zeros(2), np.zeros(2)
for t in range(1, 101):
    g = curvatures * w_adagrad
    s = s + g * g
    w_adagrad = w_adagrad - 0.5 * g / (np.sqrt(s) + 1e-10)
    g = curvatures * w_rmsprop
    r = alpha * r + (1 - alpha) * g * g
    w_rmsprop = w_rmsprop - 0.05 * g / (np.sqrt(r) + 1e-8)
    g = curvatures * w_adam
    m = beta1 * m + (1 - beta1) * g
    v = beta2 * v + (1 - beta2) * g * g
    w_adam = w_adam - 0.5 * (m / (1 - beta1**t)) / (np.sqrt(v / (1 - beta2**t)) + 1e-8)

# %%
# With gdbook
# -----------
# :func:`~gdbook.optimizers.adagrad`, :func:`~gdbook.optimizers.rmsprop` and
# :func:`~gdbook.optimizers.adam` are these rules (PyTorch's, with its defaults),
# run by :func:`gdbook.gradient_descent` in the first cell. AdaGrad's and RMSProp's
# give the loop's bits; Adam's computes the same quantity in PyTorch's order, so it
# agrees to rounding. The distance to the minimum after 100 steps:
print(f"{'':18}{'numpy loop':>11}{'gdbook':>10}")
print(f"{'gradient descent':18}{'':>11}{np.linalg.norm(gd.x):>10.1e}")
for name, w in zip(runs, [w_adagrad, w_rmsprop, w_adam], strict=True):
    print(f"{name:18}{np.linalg.norm(w):>11.1e}{np.linalg.norm(runs[name].x):>10.1e}")

# %%
# The first step
# --------------
# With one gradient seen, AdaGrad's and Adam's divisor is :math:`|g|` itself: a step
# of :math:`\eta` in each coordinate, however steep. RMSProp's average is not
# corrected for starting at 0, so its divisor is :math:`\sqrt{1 - \alpha}\, |g|` and
# its first step is :math:`\eta / \sqrt{1 - \alpha} = 10\, \eta`. The first step in
# units of :math:`\eta`, per coordinate:
for name, run in runs.items():
    first = np.abs(run.xs[1] - run.xs[0]) / run.lr
    print(f"{name}: {first[0]:.4f}, {first[1]:.4f}")

# %%
# Why per-coordinate steps help, and when they do not
# ---------------------------------------------------
# Along coordinate :math:`i` the gradient is :math:`\lambda_i w_i`, and the divisor is
# a root mean square of the same :math:`\lambda_i w_i`: :math:`\lambda_i` cancels. So
# each method run on the round bowl :math:`\tfrac12 (w_0^2 + w_1^2)` follows the same
# path as on the badly scaled one (up to :math:`\varepsilon`, which does not scale);
# gradient descent does not. But this needs the bad scaling to lie *along the
# coordinates*: turn the bowl by 45 degrees, :math:`L(w) = \tfrac12 w^\top A w` with
# :math:`A = R\, \mathrm{diag}(1, 100) R^\top`, start from :math:`R w_0`, and each
# coordinate mixes a steep and a flat direction. Gradient descent turns with the
# function (same distances); the adaptive methods lose their advantage:
R = np.array([[1.0, -1.0], [1.0, 1.0]]) / np.sqrt(2)
A = R @ np.diag(curvatures) @ R.T
round_bowl = quadratic([1.0, 1.0])
methods = {"gradient descent": None, **optimizers}
print(f"{'':18}{'gap to round path':>18}{'distance':>10}{'turned':>10}")
for name, optimizer in methods.items():
    if optimizer is None:
        lr, run = 2 / 101, gd
        kwargs = {"lr": lr}
    else:
        run, kwargs = runs[name], {"optimizer": optimizer}
    on_round = gradient_descent(round_bowl.grad, start, steps=100, **kwargs)
    turned = gradient_descent(lambda w: A @ w, R @ start, steps=100, **kwargs)
    gap = np.abs(on_round.xs - run.xs).max()
    print(
        f"{name:18}{gap:>18.1e}{np.linalg.norm(run.x):>10.1e}"
        f"{np.linalg.norm(turned.x):>10.1e}"
    )

# %%
# Next: what the states hold over a run,
# :ref:`sphx_glr_auto_examples_06_optimizers_plot_adaptive_states.py`, and Adam's
# bias correction,
# :ref:`sphx_glr_auto_examples_06_optimizers_plot_adam_bias_correction.py`.
