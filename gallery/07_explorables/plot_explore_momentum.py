"""
Explore: step and momentum on an ill-conditioned quadratic
==========================================================

This page is not an example of the sources, which stop at plain gradient descent
(source 003, E12): it is the heavy ball of :mod:`gdbook.optimizers` on the quadratic
of :ref:`sphx_glr_auto_examples_06_optimizers_plot_why_gd_is_slow.py`,
:math:`f(x) = \\tfrac12 (\\mu x_0^2 + L x_1^2)` with :math:`\\mu = 1`, :math:`L = 10`,
from :math:`(10, 3)`, with two sliders: the step :math:`\\eta` and the momentum
:math:`\\beta`,

.. math:: v_{k+1} = \\beta\\, v_k + \\nabla f(x_k), \\qquad
   x_{k+1} = x_k - \\eta\\, v_{k+1}.

With :math:`\\beta = 0` it is plain gradient descent: the best step zigzags down the
valley. Momentum keeps a share of the last step, which cancels the zigzag and adds up
along the valley. On a quadratic the heavy ball converges exactly when
:math:`0 \\le \\beta < 1` and :math:`0 < \\eta < 2(1 + \\beta)/L` (the dashed line of
the lower right panel), and it is fastest at

.. math:: \\eta^* = \\frac{4}{(\\sqrt L + \\sqrt \\mu)^2}, \\qquad
   \\beta^* = \\left(\\frac{\\sqrt\\kappa - 1}{\\sqrt\\kappa + 1}\\right)^2,

where the distance to the minimum shrinks by :math:`\\sqrt{\\beta^*} = (\\sqrt\\kappa -
1)/(\\sqrt\\kappa + 1)` a step instead of :math:`(\\kappa - 1)/(\\kappa + 1)`
(:math:`\\kappa = L/\\mu = 10`: 0.52 instead of 0.82).
"""

# %%
# Step and momentum as sliders
# ----------------------------
# :func:`gdbook.explore.hyperparameters` runs
# ``gdbook.gradient_descent(f.grad, x0, steps=60, optimizer=momentum(lr, momentum=β))``
# for every pair of the grid. The lower right panel shows every run as a cell: the
# stronger its colour, the sooner its loss gets below :math:`10^{-6}`; red where it
# diverges. Start
# from plain descent (:math:`\beta = 0`), then raise :math:`\beta`; then try a step
# beyond :math:`2/L = 0.2`, which diverges without momentum and converges with it. (The
# steps of the grid miss the boundary itself, where a run neither converges nor
# diverges.)
import numpy as np

from gdbook import explore, gradient_descent, quadratic
from gdbook.optimizers import momentum

f = quadratic(condition=10)
L, mu, kappa = f.L, f.mu, f.condition
best_lr = 4 / (np.sqrt(L) + np.sqrt(mu)) ** 2
best_momentum = ((np.sqrt(kappa) - 1) / (np.sqrt(kappa) + 1)) ** 2
print("L, mu, kappa:", L, mu, kappa)
print(f"optimal step and momentum: {best_lr:.4f} {best_momentum:.4f}")

betas = np.linspace(0.0, 0.99, 60)
momentum_explorable = explore.hyperparameters(
    f,
    [10.0, 3.0],
    optimizer=momentum,
    grid={
        "lr": [round(0.025 + 0.03 * k, 3) for k in range(12)],  # 0.025 ... 0.355
        "momentum": [0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9],
    },
    steps=60,
    labels={"lr": "step η", "momentum": "momentum β"},
    defaults={"lr": 0.175, "momentum": 0.0},
    guides=[
        (2 * (1 + betas) / L, betas, "the boundary η = 2(1 + β)/L"),
        ([best_lr], [best_momentum], "the optimum"),
    ],
    title="The heavy ball on ½ (x₀² + 10 x₁²): step and momentum",
)
momentum_explorable

# %%
# The figure's numbers are gdbook's: the same call made directly, and what the figure
# shows for it.
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
# grew are exactly those beyond the boundary, :math:`\eta > 2(1 + \beta)/L`.
sliders = momentum_explorable.sliders
agree = all(
    (
        "diverges"
        in momentum_explorable.frame(lr=lr, momentum=beta).readouts["behaviour"]
    )
    == (lr > 2 * (1 + beta) / L)
    for lr in sliders[0].values
    for beta in sliders[1].values
)
print("diverging runs are those beyond the boundary:", agree)
