"""
Why the large learning rate freezes near 1e13
=============================================

With :math:`\\eta = 10` on :math:`L(w) = w_0^2 + w_1^2` each exact step multiplies
:math:`w` by :math:`-19`, so after 100 steps :math:`|w|` should be
:math:`19^{100} \\cdot 5 \\approx 4 \\cdot 10^{128}`. The run of source 003 (E12),
which uses the numerical gradient, stops near :math:`10^{13}` instead: there a
float64 is too coarse for the step :math:`h = 10^{-4}`, ``w + h == w``, the
numerical gradient is exactly 0 and the iterate freezes.
"""

# %%
# The coordinates of the run against the exact growth :math:`19^k |w_0|`
# (dashed), on a logarithmic axis. They follow it until they cross :math:`2^{40}`,
# where ``w + h == w``, and stay there.
import functools

import matplotlib.pyplot as plt
import numpy as np

import gdbook


def loss(w):
    return w[0] ** 2 + w[1] ** 2


start = np.array([-3.0, 4.0])
grad = functools.partial(gdbook.numerical_gradient, loss)
too_large = gdbook.gradient_descent(grad, start, lr=10.0, steps=100)
steps = np.arange(31)
fig, ax = plt.subplots(figsize=(7, 4.5))
for i, color in enumerate(["C0", "C1"]):
    ax.plot(steps, np.abs(too_large.xs[steps, i]), "o-", ms=3, color=color,
            label=f"|w{i}|, η = 10")  # fmt: skip
    ax.plot(steps, 19.0**steps * abs(start[i]), "--", color=color, alpha=0.6,
            label=f"19^k · |w{i}(0)|, exact arithmetic")  # fmt: skip
ax.axhline(2.0**40, color="k", linewidth=0.8)
ax.text(12, 2.0**40 / 40, "|w| = 2⁴⁰: above this line, w + h == w", fontsize=9)
ax.set_yscale("log")
ax.set_ylim(1, 1e30)
ax.set_xlabel("step k")
ax.set_ylabel("|coordinate|")
ax.set_title("η = 10: the iterate grows as 19^k, then freezes near 1e13")
ax.legend(loc="lower right", fontsize=8)
plt.show()

# %%
# The rounding in numpy
# ---------------------
# A float64 has 53 significant bits, so the gap between a number and the next one,
# ``np.spacing(w)``, grows with :math:`|w|`: about :math:`2.2 \cdot 10^{-16} |w|`.
# From :math:`|w| = 2^{40} \approx 1.1 \cdot 10^{12}` on, the gap is
# :math:`2^{-12} \approx 2.4 \cdot 10^{-4}`, more than twice :math:`h`, so
# ``w + h`` rounds back to ``w``. Both values of :math:`L` in the central difference
# are then the same number, the estimated partial derivative is 0, and the update
# :math:`w - \eta \cdot 0` leaves the coordinate where it is, for good.
h = 1e-4
print("     |w|     spacing   w + h == w")
for w in (1e6, 1e9, 2.0**39, 2.0**40, 1e13):
    print(f"{w:8.2g} {np.spacing(w):11.2g}   {w + h == w}")

# %%
# What it shows
# -------------
# On each coordinate, the first step where its gradient is 0 and its value there:
print("coordinate   step   value")
for i in range(2):
    k = int(np.flatnonzero(too_large.grads[:, i] == 0)[0])
    print(f"w{i}          {k:4d}   {too_large.xs[k, i]:.2g}")
exact_norm = 19.0**100 * np.linalg.norm(start)
print(f"exact arithmetic would reach |w|: {exact_norm:.1e}")
ratio = exact_norm / np.linalg.norm(too_large.x)
print(f"that is, times the frozen |w|: {ratio:.1e}")

# %%
# Before the freeze the estimate was already going wrong, for two reasons of the
# same size. The relative error of the numerical gradient against the exact one,
# :math:`2w`, at each step until the freeze:
exact = 2 * too_large.xs[:-1]
errors = np.abs(too_large.grads - exact).max(axis=1) / np.abs(exact).max(axis=1)
print(np.array2string(errors[:11], precision=1))

# %%
# First, the points :math:`w_0 \pm h` are rounded to the float grid, so they are
# no longer :math:`2h` apart. At step 9, :math:`|w_0| \approx 9.4 \cdot 10^{11}`
# and the grid's spacing is :math:`1.22 \cdot 10^{-4}`: each point lands one
# spacing from :math:`w_0`, and :math:`h` is in effect :math:`1.22 \cdot 10^{-4}`.
# Second, :math:`L` near :math:`10^{24}` is stored as a multiple of
# :math:`2^{29} \approx 5 \cdot 10^{8}`, the size of the very difference the
# quotient needs, :math:`L(w + h) - L(w - h) \approx 4 |w_0| h \approx 4 \cdot 10^{8}`.
# Exact arithmetic on the rounded points separates the two: the quotient with
# :math:`L` computed exactly carries the grid's error, the rest is the storage's.
from fractions import Fraction

w = too_large.xs[9]
ahead, behind = w.copy(), w.copy()
ahead[0] += h
behind[0] -= h
print(f"step 9: spacing {np.spacing(abs(w[0])):.3g}, "
      f"h in effect {(ahead[0] - behind[0]) / 2:.3g}")  # fmt: skip
exact_quotient = (Fraction(ahead[0]) ** 2 - Fraction(behind[0]) ** 2) / Fraction(2 * h)
grid_error = float(exact_quotient) / (2 * w[0]) - 1
total_error = too_large.grads[9, 0] / (2 * w[0]) - 1
print(f"error from the grid: {grid_error:+.0%}, from storing L: "
      f"{total_error - grid_error:+.0%}, together: {total_error:+.0%}")  # fmt: skip

# %%
# That is why the final point is no longer a multiple of :math:`(-3, 4)`: the two
# coordinates were estimated with different errors before each froze.

# %%
# The source, checked
# -------------------
# .. note:: **Erratum (source 003).** The source says that with too large a rate
#    "the result diverges to a very large value", and prints
#    ``[-2.58983747e+13 -1.29524862e+12]`` (reproduced exactly on
#    :ref:`sphx_glr_auto_examples_02_gradient_descent_plot_learning_rates.py`).
#    That is not where divergence leads: it is where float64 stops the numerical
#    gradient, about :math:`10^{115}` times short of the exact run
#    (:ref:`errata-003-diverge`).
#
# The full check on the run: the step where each coordinate's gradient is first 0,
# the value there, the spacing of float64 at that value, and whether ``w + h == w``;
# then the exact figures of the comparison.
for i in range(2):
    k = int(np.flatnonzero(too_large.grads[:, i] == 0)[0])
    x_i = too_large.xs[k, i]
    print(
        f"x{i}: gradient first 0 at step {k}, x{i} = {x_i:.8e}, "
        f"spacing = {np.spacing(abs(x_i)):.6g}, x + h == x: {x_i + h == x_i}"
    )
print("frozen from step 10 on:", bool(np.all(too_large.xs[10:] == too_large.x)))
print("final point:", too_large.x)
print("exact arithmetic, |x|:", exact_norm)
print("ratio to the frozen |x|:", ratio)
