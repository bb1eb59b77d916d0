"""
Learning rates too large and too small
======================================

The learning rate :math:`\\eta` sets the size of each step. On the bowl
:math:`L(w) = w_0^2 + w_1^2` a step multiplies :math:`w` by :math:`1 - 2\\eta`: for
:math:`0 < \\eta < 1` that factor is smaller than 1 in size and the descent converges,
fastest near :math:`\\eta = 0.5`; at :math:`\\eta = 10` it is :math:`-19` and the
iterates blow up; at :math:`\\eta = 10^{-10}` it is so close to 1 that nothing moves.
Source 003 (E12) runs the last two, 100 steps from :math:`(-3, 4)`.
"""

# %%
# The loss :math:`L(w_k)` of the three learning rates of source 003, with the
# numerical gradient (:func:`gdbook.gradient_descent`,
# :func:`gdbook.plot.loss_curve`): 0.1 converges, 10 blows up (and stops near
# :math:`7 \cdot 10^{26}`, a float64 effect explained on the next page),
# :math:`10^{-10}` stays at 25.
import functools

import matplotlib.pyplot as plt
import numpy as np

import gdbook
from gdbook.plot import loss_curve


def loss(w):
    return w[0] ** 2 + w[1] ** 2


grad = functools.partial(gdbook.numerical_gradient, loss)
start = np.array([-3.0, 4.0])
runs = {
    lr: gdbook.gradient_descent(grad, start, lr=lr, steps=100, loss=loss)
    for lr in (10.0, 0.1, 1e-10)
}
fig, ax = plt.subplots(figsize=(7, 4.2))
for lr, name in (
    (10.0, "η = 10 (too large)"),
    (0.1, "η = 0.1"),
    (1e-10, "η = 1e-10 (too small)"),
):
    loss_curve(runs[lr].losses, ax=ax, log=True, label=name)
ax.set_title("Loss against step for three learning rates")
plt.show()

# %%
# The factor in numpy
# -------------------
# With the exact gradient :math:`2w`, a step is
# :math:`w - \eta \cdot 2w = (1 - 2\eta)\, w`, so after :math:`k` steps
# :math:`|w_k| = |1 - 2\eta|^k\, |w_0|`, with :math:`|w_0| = 5`:
print("    η   factor 1-2η   |w| after 100 steps")
for lr in (1e-10, 0.01, 0.1, 0.5, 0.9, 1.0, 1.1, 10.0):
    factor = 1 - 2 * lr
    print(f"{lr:5g} {factor:13.10g} {abs(factor) ** 100 * 5:21.3g}")

# %%
# What it shows
# -------------
# Too small is as useless as too large: after 100 steps :math:`\eta = 10^{-10}`
# has moved :math:`w` by about :math:`2 \cdot 10^{-8}` of itself. The good rates
# lie in between; :math:`\eta = 1` makes the factor :math:`-1`, so the point jumps
# between :math:`w_0` and :math:`-w_0` for ever. The numerical runs agree:
small = runs[1e-10].x - start
print(f"η = 1e-10, moved by: ({small[0]:.1e}, {small[1]:.1e})")
print(f"η = 0.1, |w| after 100 steps: {np.linalg.norm(runs[0.1].x):.1e}")
print(f"η = 10, |w| after 100 steps: {np.linalg.norm(runs[10.0].x):.1e}")

# %%
# On this round bowl a good rate exists. On a bowl steeper in one direction than in
# another, one rate must suit both, and even the best is slow:
# :ref:`sphx_glr_auto_examples_06_optimizers_plot_why_gd_is_slow.py`, and
# :doc:`/concepts/optimizers` for the theory. Why the run with :math:`\eta = 10`
# stops near :math:`10^{13}` instead of reaching :math:`19^{100} \cdot 5`:
# :ref:`sphx_glr_auto_examples_02_gradient_descent_plot_float64_freeze.py`.
#
# The source, checked
# -------------------
# The book's numerical gradient and gradient method (as on
# :ref:`sphx_glr_auto_examples_02_gradient_descent_plot_numerical_descent.py`),
# and the source's two changed runs, each from a fresh start, with what they
# print, the exact values of E12:


def _numerical_gradient_no_batch(f, x):
    h = 1e-4  # 0.0001
    grad = np.zeros_like(x)
    for idx in range(x.size):
        tmp_val = x[idx]
        x[idx] = float(tmp_val) + h
        fxh1 = f(x)  # f(x+h)
        x[idx] = tmp_val - h
        fxh2 = f(x)  # f(x-h)
        grad[idx] = (fxh1 - fxh2) / (2 * h)
        x[idx] = tmp_val  # restore the value
    return grad


def numerical_gradient(f, X):
    if X.ndim == 1:
        return _numerical_gradient_no_batch(f, X)
    grad = np.zeros_like(X)
    for idx, x in enumerate(X):
        grad[idx] = _numerical_gradient_no_batch(f, x)
    return grad


def gradient_descent(f, init_x, lr=0.01, step_num=100):
    x = init_x
    x_history = []
    for _ in range(step_num):
        x_history.append(x.copy())
        grad = numerical_gradient(f, x)
        x -= lr * grad
    return x, np.array(x_history)


def function_2(x):
    return x[0] ** 2 + x[1] ** 2


init_x = np.array([-3.0, 4.0])
lr = 10
step_num = 100
x, x_history = gradient_descent(function_2, init_x, lr=lr, step_num=step_num)
print(x)
book_too_large = x

init_x = np.array([-3.0, 4.0])
lr = 1e-10
step_num = 100
x, x_history = gradient_descent(function_2, init_x, lr=lr, step_num=step_num)
print(x)
book_too_small = x
print("gdbook, lr = 10, same bits:", np.array_equal(runs[10.0].x, book_too_large))
print("gdbook, lr = 1e-10, same bits:", np.array_equal(runs[1e-10].x, book_too_small))

# %%
# .. note:: **Erratum (source 003).** The source shows only the lines it changed
#    (``lr = 10``, ``step_num = 100``, the call): run after the listing before it,
#    in the same session, they start from the point that listing left in
#    ``init_x`` (the book's ``gradient_descent`` overwrites it) and print something
#    else, shown below. The source's numbers come from a fresh ``init_x``
#    (:ref:`errata-003-gradient-descent`). And the :math:`\eta = 10` value is not
#    where divergence leads but where float64 froze the run
#    (:ref:`errata-003-diverge`, and the next page).
#
# The same snippets run one after the other in one session, as a notebook runs
# them, after the listing with :math:`\eta = 0.1`:
init_x = np.array([-3.0, 4.0])
x, x_history = gradient_descent(function_2, init_x, lr=0.1, step_num=20)
print("in sequence, lr = 0.1:", x)
x, x_history = gradient_descent(function_2, init_x, lr=10, step_num=100)
print("in sequence, lr = 10:", x)
x, x_history = gradient_descent(function_2, init_x, lr=1e-10, step_num=100)
print("in sequence, lr = 1e-10:", x)
