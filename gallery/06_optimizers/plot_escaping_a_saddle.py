"""
Escaping a saddle
=================

On the saddle :math:`L(w) = w_0^2 - w_1^2`, started near its ridge :math:`w_1 = 0`,
the gradient along the way out, :math:`-2 w_1`, is tiny. Gradient descent moves
:math:`w_1` by :math:`\\eta` times that gradient and then waits for it to grow by
:math:`1 + 2\\eta` a step. AdaGrad, RMSProp and Adam divide each coordinate's gradient
by its own size, so their first step is about :math:`\\eta` in every coordinate,
however small the gradient: they escape at once.
"""

# %%
# From :math:`(0.8, 0.001)`, each method at the rate that won the
# :ref:`fair race <sphx_glr_auto_examples_06_optimizers_plot_fair_race.py>` on this
# saddle, until the loss reaches :math:`-1`:
import matplotlib.pyplot as plt
import numpy as np

from gdbook import gradient_descent, saddle
from gdbook.optimizers import adagrad, adam, rmsprop, sgd
from gdbook.plot import descent_path

start = [0.8, 1e-3]
methods = {
    "gradient descent, η = 1": sgd(1.0),
    "AdaGrad, η = 3": adagrad(3.0),
    "RMSProp, η = 0.3": rmsprop(0.3),
    "Adam, η = 3": adam(3.0),
}
runs = {}
for name, optimizer in methods.items():
    run = gradient_descent(saddle.grad, start, steps=10, optimizer=optimizer)
    losses = saddle.value_at(run.xs[:, 0], run.xs[:, 1])
    runs[name] = run.xs[: int(np.argmax(losses <= -1)) + 1]
fig, ax = plt.subplots(figsize=(5.5, 4))
descent_path(
    saddle, [start], xlim=(-1.5, 1.5), ylim=(-3.5, 3.5), levels=[-4, -1, 0, 1],
    num=80, ax=ax, aspect="auto", label=None, labels=("$w_0$", "$w_1$"),
)  # fmt: skip
for i, (name, xs) in enumerate(runs.items()):
    ax.plot(xs[:, 0], xs[:, 1], "o-", color=f"C{i}", ms=3, label=name)
ax.legend(loc="lower left", fontsize=8)
ax.set_title("Escaping the saddle w₀² − w₁² from (0.8, 0.001)")
fig.tight_layout()
plt.show()

# %%
# The first step of each, and the evaluations it needs to reach a loss of
# :math:`-1`:
print(f"{'':26}{'first step':>20}{'evaluations':>13}")
for name, xs in runs.items():
    step = ", ".join(f"{d:.4g}" for d in xs[1] - xs[0])
    print(f"{name:26}{step:>20}{len(xs) - 1:>13}")

# %%
# Gradient descent's first step moves :math:`w_1` by
# :math:`\eta \cdot 2 w_1 = 0.002`; after that :math:`w_1` is multiplied by
# :math:`1 + 2\eta = 3` a step. Adam's and AdaGrad's first step is :math:`\eta` in
# each coordinate (the gradient divided by its own size); RMSProp's is
# :math:`\eta / \sqrt{1 - \alpha} = 10\eta`, since its average starts at 0
# (:ref:`sphx_glr_auto_examples_06_optimizers_plot_adaptive_steps.py`). In a
# network the same property helps along flat directions, and can hurt: a step of
# about :math:`\eta` whatever the gradient is also taken where the gradient is noise.
