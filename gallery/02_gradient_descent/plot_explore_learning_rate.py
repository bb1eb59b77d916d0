"""
Explore: the learning rate, from crawling to diverging
======================================================

Move the slider to change the learning rate :math:`\\eta` of gradient descent on
:math:`f(x) = x^2` from :math:`x_0 = 5`, 50 steps (E02, source 000). Every position
is a run that gdbook made when this page was built: watch it crawl, converge,
overshoot, bounce between two points and diverge.
"""

# %%
from gdbook import explore, parabola

learning_rates = [
    *(0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.45),
    *(0.5, 0.55, 0.6, 0.7, 0.8, 0.9, 0.95, 0.98, 1.0, 1.02, 1.05, 1.1),
]
parabola_explorable = explore.learning_rate_explorer(
    parabola,
    5.0,
    lrs=learning_rates,
    steps=50,
    smoothness=2.0,
    default=0.1,
    title=("Gradient descent on f(x) = x² (E02)", "f(x) = x² 上的梯度下降（E02）"),
)
parabola_explorable

# %%
# What the slider shows
# ---------------------
# On :math:`f(x) = x^2` the curvature is :math:`\lambda_{\max} = f'' = 2`, and one
# step multiplies the signed displacement from the minimum by
# :math:`1 - \eta \lambda_{\max}`:
#
# .. math:: x_{k+1} = x_k - \eta \cdot 2 x_k = (1 - 2\eta)\, x_k ,
#
# so the *distance* to the minimum is multiplied by
# :math:`|1 - \eta \lambda_{\max}|`. When :math:`1 - \eta \lambda_{\max}` is negative
# the sign flips at every step: the run overshoots. The run crawls when :math:`\eta`
# is tiny, lands on the minimum in one step at :math:`\eta = 1/\lambda_{\max} = 0.5`,
# oscillates between :math:`1/\lambda_{\max}` and :math:`2/\lambda_{\max}`, bounces
# between two points for ever at :math:`\eta = 2/\lambda_{\max} = 1` and diverges
# above. The
# largest stable rate is not the best one: :math:`\eta = 0.95` shrinks the distance by
# :math:`|1 - 1.9| = 0.9` a step, more slowly than :math:`\eta = 0.1` (0.8). The
# factor each run shows, measured on its first step:
import numpy as np

for lr in (0.1, 0.5, 0.95, 1.0, 1.05):
    trace = parabola_explorable.runs[learning_rates.index(lr)]
    ratio = trace.xs[1] / trace.xs[0]  # signed
    factor = 1 - lr * 2  # lambda_max = f'' = 2
    print(f"x_1 / x_0 at eta = {lr:g}: {ratio:+.2f}", end="   ")
    print(f"(1 - eta lambda_max = {factor:+.2f})")

# %%
# The bowl with the numerical gradient (E12)
# ------------------------------------------
# Source 003's run: :math:`x_0^2 + x_1^2` from :math:`(-3, 4)`, 100 steps, with
# :func:`gdbook.numerical_gradient`, from :math:`\eta = 10^{-10}` (its "too small")
# to 10 (its "too large"). At 10 the loss grows to about :math:`7 \cdot 10^{26}` and
# stops there: the iterate freezes when ``x + h == x`` in float64 (see
# :ref:`sphx_glr_auto_examples_02_gradient_descent_plot_learning_rates.py`).
import functools

from gdbook import numerical_gradient


def function_2(x):
    """The source's function: x0**2 + x1**2."""
    return x[0] ** 2 + x[1] ** 2


bowl_explorable = explore.learning_rate_explorer(
    function_2,
    np.array([-3.0, 4.0]),
    grad=functools.partial(numerical_gradient, function_2),
    minimum=[0.0, 0.0],
    lrs=[
        *(1e-10, 1e-8, 1e-6, 1e-4, 0.001, 0.003, 0.01, 0.03, 0.1, 0.2, 0.3, 0.4),
        *(0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 1.0, 1.05, 1.1, 1.5, 2.0, 5.0, 10.0),
    ],
    steps=100,
    smoothness=2.0,
    default=0.1,
    title=(
        "Gradient descent on x₀² + x₁² (E12), numerical gradient",
        "x₀² + x₁² 上的梯度下降（E12），数值梯度",
    ),
)
bowl_explorable

# %%
# Five runs at a glance
# ---------------------
# The loss of five of the parabola's runs, step by step, drawn from the runs the
# explorable keeps (``parabola_explorable.runs``).
import matplotlib.pyplot as plt

fig, ax = plt.subplots(figsize=(6.4, 3.2), layout="constrained")
fig.suptitle("Gradient descent on x²: the loss of five runs, η from 0.01 to 1.05")
for lr in (0.01, 0.1, 0.45, 0.95, 1.05):
    losses = parabola_explorable.runs[learning_rates.index(lr)].losses
    ax.semilogy(np.where(losses > 0, losses, np.nan), label=f"η = {lr:g}")
ax.set(xlabel="step k", ylabel="loss f(x_k)", ylim=(1e-12, 1e4))
ax.legend(ncols=5, loc="lower center", bbox_to_anchor=(0.5, 1.0), frameon=False)
plt.show()

# %%
# The source, checked
# -------------------
# The numbers under the figures are gdbook's: for the source's rate, the figure's
# values and those of the same call made directly (E02), then E12's two runs as
# the second figure shows them.
from gdbook import gradient_descent

trace = gradient_descent(parabola.grad, 5.0, lr=0.1, steps=50, loss=parabola)
shown = parabola_explorable.frame(lr=0.1).readouts
print("figure, x after 50 steps:", shown["x after 50 steps"])
print("gdbook, x after 50 steps:", trace.x)
print("figure, loss after 50 steps:", shown["loss after 50 steps"])
print("gdbook, loss after 50 steps:", f"{trace.loss:.6g}")
for lr in (10.0, 1e-10):
    print(f"lr = {lr:g}:", bowl_explorable.frame(lr=lr).readouts["x after 100 steps"])
