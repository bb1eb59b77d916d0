"""
Learning rates too large and too small
======================================

Source 003 (E12) reruns
:ref:`sphx_glr_auto_examples_02_gradient_descent_plot_numerical_descent.py`
(:math:`f = x_0^2 + x_1^2` from :math:`(-3, 4)`, numerical gradient) for 100 steps
with a learning rate far too large, :math:`\\eta = 10`, and far too small,
:math:`\\eta = 10^{-10}`. Neither gets anywhere near the minimum: the first blows up,
the second hardly moves.

The large rate hides a second lesson. On this bowl an exact step multiplies
:math:`x` by :math:`1 - 2\\eta = -19`, so after 100 steps :math:`|x|` should be
:math:`19^{100} \\cdot 5 \\approx 4 \\cdot 10^{128}`. The run stops near :math:`10^{13}`
instead: the numerical gradient becomes exactly 0 there, because of float64, and the
iterate freezes. The page shows where and why.

.. note:: **Erratum (source 003).** The source says that with too large a rate "the
   result diverges to a very large value", and prints
   ``[-2.58983747e+13 -1.29524862e+12]``. That is not where divergence leads: it is
   where float64 stops the numerical gradient, about :math:`10^{115}` times short
   of the exact run (:ref:`errata-003-diverge`). And the source shows only the
   lines it changed (``lr = 10``, ``step_num = 100``, the call): run after the
   listing before it, in the same session, they start from the point that listing
   left in ``init_x`` (the book's ``gradient_descent`` overwrites it) and print
   something else, shown below. The source's numbers come from a fresh ``init_x``
   (:ref:`errata-003-gradient-descent`).
"""

# %%
# The source's code
# -----------------
# The book's numerical gradient and gradient method (as on the page before), and
# the source's two changed runs, each from a fresh start, with what they print:
import numpy as np


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

# %%
# The same snippets run one after the other in one session, as a notebook runs
# them, after the listing with :math:`\eta = 0.1`: ``init_x`` is no longer
# :math:`(-3, 4)` when the second and third runs start.
init_x = np.array([-3.0, 4.0])
x, x_history = gradient_descent(function_2, init_x, lr=0.1, step_num=20)
print("in sequence, lr = 0.1:", x)
x, x_history = gradient_descent(function_2, init_x, lr=10, step_num=100)
print("in sequence, lr = 10:", x)
x, x_history = gradient_descent(function_2, init_x, lr=1e-10, step_num=100)
print("in sequence, lr = 1e-10:", x)

# %%
# With gdbook
# -----------
# :func:`gdbook.gradient_descent` never changes its start, so the runs can share
# it. Both runs record the loss :math:`f(x_k)` as well, for the last figure; it
# does not change the iterates.
import functools

import gdbook

start = np.array([-3.0, 4.0])
grad = functools.partial(gdbook.numerical_gradient, function_2)


def run(lr, step_num=100):
    """The source's run with learning rate ``lr``, as a gdbook Trace."""
    return gdbook.gradient_descent(grad, start, lr=lr, steps=step_num, loss=function_2)


too_large = run(10.0)
too_small = run(1e-10)
print("gdbook, lr = 10:", too_large.x)
print("gdbook, lr = 1e-10:", too_small.x)
print(
    "same bits:",
    np.array_equal(too_large.x, book_too_large)
    and np.array_equal(too_small.x, book_too_small),
)

# %%
# Why the small rate hardly moves: each step multiplies :math:`x` by
# :math:`1 - 2 \cdot 10^{-10}`, so 100 steps move it by about :math:`2 \cdot 10^{-8}`
# of itself, :math:`(6 \cdot 10^{-8}, -8 \cdot 10^{-8})`:
print("lr = 1e-10 moved by:", too_small.x - start)

# %%
# Why the large rate freezes near 1e13
# ------------------------------------
# The numerical gradient moves one coordinate by :math:`h = 10^{-4}` and takes
# :math:`(f(x + h e_i) - f(x - h e_i)) / 2h`. A float64 has 53 significant bits, so
# the gap between a number and the next one, ``np.spacing(x)``, grows with
# :math:`|x|`: about :math:`2.2 \cdot 10^{-16} |x|`. From :math:`|x| = 2^{40}
# \approx 1.1 \cdot 10^{12}` on, the gap is :math:`2^{-12} \approx 2.4 \cdot
# 10^{-4}`, more than twice :math:`h`, so ``x + h`` rounds back to ``x`` (and
# ``x - h`` too). Both values of :math:`f` are then the same number, the estimated
# partial derivative is exactly 0, and the update :math:`x - \eta \cdot 0` leaves
# the coordinate where it is, for good.
#
# The check, on each coordinate: the first step where its gradient is 0, its value
# there, the spacing of float64 at that value, and whether ``x + h == x``:
h = 1e-4
for i in range(2):
    k = int(np.flatnonzero(too_large.grads[:, i] == 0)[0])
    x_i = too_large.xs[k, i]
    print(
        f"x{i}: gradient first 0 at step {k}, x{i} = {x_i:.8e}, "
        f"spacing = {np.spacing(abs(x_i)):.6g}, x + h == x: {x_i + h == x_i}"
    )
print("frozen from step 10 on:", bool(np.all(too_large.xs[10:] == too_large.x)))
exact_norm = 19.0**100 * np.linalg.norm(start)
print("exact arithmetic would reach |x|:", exact_norm)
print("that is, times the frozen |x|:", exact_norm / np.linalg.norm(too_large.x))

# %%
# Before the freeze, the estimate was already going wrong: :math:`f` near
# :math:`10^{22}` is stored to within about :math:`10^{6}`, a few percent of the
# tiny difference :math:`f(x + h) - f(x - h) = 4 |x| h` that the method divides by
# :math:`2h`. That is why the final point is no longer a multiple of
# :math:`(-3, 4)`. The relative error of the numerical gradient against the exact
# one, :math:`2x`, at each step until the freeze:
exact = 2 * too_large.xs[:-1]
errors = np.abs(too_large.grads - exact).max(axis=1) / np.abs(exact).max(axis=1)
print(np.array2string(errors[:11], precision=1))

# %%
# Plot
# ----
# The coordinates of the large-rate run against the exact growth :math:`19^k
# |x_0|` (dashed), on a logarithmic axis. They follow it until they cross
# :math:`2^{40}`, where ``x + h == x``, and stay there.
import matplotlib.pyplot as plt

from gdbook.plot import loss_curve

steps = np.arange(31)
fig, ax = plt.subplots(figsize=(7, 4.5))
for i, color in enumerate(["C0", "C1"]):
    ax.plot(
        steps,
        np.abs(too_large.xs[steps, i]),
        "o-",
        ms=3,
        color=color,
        label=f"|x{i}|, lr = 10",
    )
    ax.plot(
        steps,
        19.0**steps * abs(start[i]),
        "--",
        color=color,
        alpha=0.6,
        label=f"19^k · |x{i}(0)|, exact arithmetic",
    )
ax.axhline(2.0**40, color="k", linewidth=0.8)
ax.text(12, 2.0**40 / 40, "|x| = 2⁴⁰: above this line, x + h == x", fontsize=9)
ax.set_yscale("log")
ax.set_ylim(1, 1e30)
ax.set_xlabel("step k")
ax.set_ylabel("|coordinate|")
ax.set_title("lr = 10: the iterate grows as 19^k, then freezes near 1e13")
ax.legend(loc="lower right", fontsize=8)
plt.show()

# %%
# The loss :math:`f(x_k)` of the three learning rates of source 003: 0.1 converges
# (:ref:`sphx_glr_auto_examples_02_gradient_descent_plot_numerical_descent.py`),
# 10 blows up to about :math:`7 \cdot 10^{26}` and stops, :math:`10^{-10}` stays at 25.
good = run(0.1)
fig, ax = plt.subplots(figsize=(7, 4.5))
loss_curve(too_large.losses, ax=ax, log=True, label="lr = 10 (too large)")
loss_curve(good.losses, ax=ax, log=True, label="lr = 0.1")
loss_curve(too_small.losses, ax=ax, log=True, label="lr = 1e-10 (too small)")
ax.set_title("Loss against step for three learning rates")
plt.show()

# %%
# Where next
# ----------
# On this round bowl a good rate exists: anything below the stability limit
# converges, and the best one is fast. On a bowl steeper in one direction than in
# another, one rate must suit both, and even the best is slow. The chapter beyond
# the sources starts there,
# :ref:`sphx_glr_auto_examples_06_optimizers_plot_why_gd_is_slow.py`, and goes on
# to momentum and adaptive steps; :doc:`/concepts/optimizers` has the theory.
