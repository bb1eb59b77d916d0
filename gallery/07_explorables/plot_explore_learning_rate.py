"""
Explore: the learning rate, from crawling to diverging
======================================================

The learning rate of source 000's parabola (E02: :math:`f(x) = x^2` from
:math:`x_0 = 5`, 50 steps) and of source 003's bowl (E12: :math:`x_0^2 + x_1^2` from
:math:`(-3, 4)`, 100 steps, numerical gradient) as a slider. The sources show two or
three rates; here are two dozen, from one that hardly moves to one that blows up.

On both functions one step of gradient descent multiplies the distance to the
minimum by :math:`1 - \\eta L`, where :math:`L = 2` is the curvature
(:math:`f'' = 2`):

.. math:: x_{k+1} = x_k - \\eta \\cdot 2 x_k = (1 - 2\\eta)\\, x_k .

So the run crawls when :math:`\\eta` is tiny, goes straight to the minimum in one
step at :math:`\\eta = 1/L = 0.5`, overshoots and oscillates between :math:`1/L` and
:math:`2/L`, bounces between two points for ever at :math:`\\eta = 2/L = 1`, and
diverges above :math:`2/L`. The lower right panel marks that boundary.
"""

# %%
# The parabola (E02)
# ------------------
# :func:`gdbook.explore.gradient_descent` runs :func:`gdbook.gradient_descent` once
# for each learning rate on the slider and keeps what the figure draws. Try 0.001
# (crawls), 0.1 (the source's rate), 0.5, 0.8, 1 and 1.1.
from gdbook import explore, gradient_descent, parabola

learning_rates = [
    *(0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.45),
    *(0.5, 0.55, 0.6, 0.7, 0.8, 0.9, 0.95, 0.98, 1.0, 1.02, 1.05, 1.1),
]
parabola_explorable = explore.gradient_descent(
    parabola,
    5.0,
    lrs=learning_rates,
    steps=50,
    smoothness=2.0,  # L = f'' = 2, so 2/L = 1
    default=0.1,
    lr_scale="linear",
    title="Gradient descent on f(x) = x² (E02), learning rate as a slider",
)
parabola_explorable

# %%
# The numbers under the figure are gdbook's. The figure's values for the source's
# rate, and those of the same call made directly, which the page prints with
# ``str`` and ``%.6g``, as the figure does:
trace = gradient_descent(parabola.grad, 5.0, lr=0.1, steps=50, loss=parabola)
shown = parabola_explorable.frame(lr=0.1).readouts
print("figure, x after 50 steps:", shown["x after 50 steps"])
print("gdbook, x after 50 steps:", trace.x)
print("figure, loss after 50 steps:", shown["loss after 50 steps"])
print("gdbook, loss after 50 steps:", f"{trace.loss:.6g}")

# %%
# The bowl with the numerical gradient (E12)
# ------------------------------------------
# Source 003's run, with its function and :func:`gdbook.numerical_gradient`, from
# :math:`10^{-10}` (its "too small") to 10 (its "too large"). At 10 the loss grows to
# about :math:`7 \cdot 10^{26}` and stops there: the iterate freezes when
# ``x + h == x`` in float64 (see
# :ref:`sphx_glr_auto_examples_02_gradient_descent_plot_learning_rates.py`).
import functools

import numpy as np

from gdbook import numerical_gradient


def function_2(x):
    """The source's function: x0**2 + x1**2."""
    return x[0] ** 2 + x[1] ** 2


bowl_explorable = explore.gradient_descent(
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
    title="Gradient descent on x₀² + x₁² (E12), numerical gradient",
)
bowl_explorable

# %%
# The source's two runs, as the figure shows them and as E12 prints them:
for lr in (10.0, 1e-10):
    print(f"lr = {lr:g}:", bowl_explorable.frame(lr=lr).readouts["x after 100 steps"])
