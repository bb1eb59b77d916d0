"""
Explore: step and momentum on an ill-conditioned quadratic
==========================================================

Two sliders for the heavy ball (gradient descent with momentum) on the quadratic
:math:`f(x) = \\tfrac12 (x_0^2 + 10\\, x_1^2)` of
:ref:`sphx_glr_auto_examples_06_optimizers_plot_why_gd_is_slow.py`, from
:math:`(10, 3)`, 60 steps: the learning rate :math:`\\eta` and the momentum
:math:`\\beta`. Start from plain gradient descent (:math:`\\beta = 0`), which
zigzags down the valley, then raise :math:`\\beta`. This is not an example of the
sources, which stop at plain gradient descent (source 003).
"""

# %%
import numpy as np

from gdbook import explore, gradient_descent, quadratic
from gdbook.optimizers import momentum

f = quadratic(condition=10)
lambda_max, lambda_min, kappa = f.L, f.mu, f.condition
best_lr = 4 / (np.sqrt(lambda_max) + np.sqrt(lambda_min)) ** 2
best_momentum = ((np.sqrt(kappa) - 1) / (np.sqrt(kappa) + 1)) ** 2
betas = np.linspace(0.0, 0.99, 60)
rates = [round(0.025 + 0.03 * k, 3) for k in range(12)]  # 0.025 ... 0.355
momenta = [0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]
momentum_explorable = explore.optimizer_explorer(
    f,
    [10.0, 3.0],
    optimizer=momentum,
    grid={"lr": rates, "momentum": momenta},
    steps=60,
    defaults={"lr": 0.175, "momentum": 0.0},
    guides=[  # each label in English and in Chinese
        (
            2 * (1 + betas) / lambda_max,
            betas,
            ("the boundary η = 2(1 + β)/λ_max", "边界 η = 2(1 + β)/λ_max"),
        ),
        ([best_lr], [best_momentum], ("the optimum", "最优点")),
    ],
    title=(
        "The heavy ball on ½ (x₀² + 10 x₁²): learning rate and momentum",
        "½ (x₀² + 10 x₁²) 上的重球法：η 与动量 β",
    ),
)
momentum_explorable

# %%
# What the sliders show
# ---------------------
# The heavy ball keeps a share :math:`\beta` of its last step:
#
# .. math::
#
#    v_{k+1} &= \beta\, v_k + \nabla f(x_k),
#
#    x_{k+1} &= x_k - \eta\, v_{k+1}.
#
# With :math:`\beta = 0` it is plain gradient descent (the heavy ball and Nesterov's
# variant are on :ref:`sphx_glr_auto_examples_06_optimizers_plot_momentum.py`).
# Momentum cancels the zigzag across the valley and adds up along it. On a
# quadratic with curvatures :math:`\lambda_{\min} = 1` and :math:`\lambda_{\max} = 10`
# the heavy ball converges exactly when :math:`0 \le \beta < 1` and
# :math:`0 < \eta < 2(1 + \beta)/\lambda_{\max}` (the dashed
# line of the plane of settings, the last panel), and it is fastest at
#
# .. math::
#
#    \eta^* &= \frac{4}{(\sqrt{\lambda_{\max}} + \sqrt{\lambda_{\min}})^2},
#
#    \beta^* &= \left(\frac{\sqrt\kappa - 1}{\sqrt\kappa + 1}\right)^2,
#
# where the distance to the minimum shrinks by :math:`\sqrt{\beta^*} =
# (\sqrt\kappa - 1)/(\sqrt\kappa + 1)` a step instead of
# :math:`(\kappa - 1)/(\kappa + 1)`
# (:math:`\kappa = \lambda_{\max}/\lambda_{\min} = 10`: 0.52 instead of 0.82).
# In that plane every run is a cell: the stronger its colour,
# the sooner its loss gets below :math:`10^{-6}`; red where it diverges. Try a rate
# beyond :math:`2/\lambda_{\max} = 0.2`, which diverges without momentum and converges
# with it.
# (The grid's rates miss the boundary itself, where a run neither converges nor
# diverges.)
print("lambda_max, lambda_min, kappa:", lambda_max, lambda_min, kappa)
print(f"optimal learning rate and momentum: {best_lr:.4f} {best_momentum:.4f}")

# %%
# Three runs at a glance
# ----------------------
# The loss of plain gradient descent at :math:`\eta = 0.175` and at
# :math:`\eta = 0.235`, beyond :math:`2/\lambda_{\max}`, and of the heavy ball at
# :math:`\eta = 0.235`, near its best pair, drawn from the runs the explorable keeps
# (``momentum_explorable.runs``, in the order of the plane's cells).
import matplotlib.pyplot as plt

fig, ax = plt.subplots(figsize=(6.4, 3.2), layout="constrained")
fig.suptitle("The loss of gradient descent and of the heavy ball, step by step")
for lr, beta in ((0.175, 0.0), (0.235, 0.0), (0.235, 0.3)):
    k = rates.index(lr) * len(momenta) + momenta.index(beta)
    ax.semilogy(momentum_explorable.runs[k].losses, label=f"η = {lr:g}, β = {beta:g}")
ax.set(xlabel="step k", ylabel="loss f(x_k)", ylim=(1e-30, 1e6))
ax.legend(ncols=3, loc="lower center", bbox_to_anchor=(0.5, 1.0), frameon=False)
plt.show()

# %%
# The source, checked
# -------------------
# This page reproduces no example of the sources, which stop at plain gradient
# descent. The figure's numbers are gdbook's: the same call made directly, and what
# the figure shows for it.
trace = gradient_descent(
    f.grad, [10.0, 3.0], steps=60, optimizer=momentum(0.235, momentum=0.3), loss=f
)
shown = momentum_explorable.frame(lr=0.235, momentum=0.3).readouts
print("figure, loss after 60 steps:", shown["loss after 60 steps"])
print("gdbook, loss after 60 steps:", f"{trace.loss:.6g}")
print("figure, optimizer:", shown["optimizer"])
print("gdbook, optimizer:", trace.optimizer)

# %%
# The region the figure draws, measured: of the runs in the grid, those whose loss
# grew are exactly those beyond the boundary,
# :math:`\eta > 2(1 + \beta)/\lambda_{\max}`.
agree = all(
    (
        "diverges"
        in momentum_explorable.frame(lr=lr, momentum=beta).readouts["behaviour"]
    )
    == (lr > 2 * (1 + beta) / lambda_max)
    for lr in rates
    for beta in momenta
)
print("diverging runs are those beyond the boundary:", agree)
