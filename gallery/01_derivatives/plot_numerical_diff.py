"""
The numerical derivative
========================

The derivative :math:`f'(x)` is the slope of :math:`f` at :math:`x`: how much
:math:`f` changes for a tiny change of :math:`x`. A computer cannot take the limit,
so it measures the slope of a short chord instead, the *central difference*
:math:`f'(x) \\approx (f(x + h) - f(x - h)) / 2h` with a small step :math:`h`.
Source 003 (E08) does this for :math:`x_0^2 + 4^2` at :math:`x_0 = 3`, where the exact
slope is :math:`2 x_0 = 6`.
"""

# %%
# The chord (red) through :math:`x_0 \pm h` has almost the slope of the tangent
# (dashed); :math:`h = 1` is drawn so that it can be seen, the computation uses
# :math:`h = 10^{-4}`.
import matplotlib.pyplot as plt
import numpy as np

import gdbook


def f(x0):
    return x0**2 + 4**2


x0, h = 3.0, 1.0
slope = gdbook.numerical_diff(f, x0)  # h = 1e-4
xs = np.linspace(0.0, 5.0, 200)
chord = np.array([x0 - h, x0 + h])
fig, ax = plt.subplots(figsize=(7, 4))
ax.plot(xs, f(xs), label="$f(x_0) = x_0^2 + 4^2$")
ax.plot(xs, f(x0) + slope * (xs - x0), "--", label="tangent, slope 6")
ax.plot(chord, f(chord), "o-", color="C3", label="chord over $[x_0-h, x_0+h]$")
ax.set_xlabel("$x_0$")
ax.set_ylabel("$f$")
ax.set_title("Central difference at x₀ = 3: the slope of the chord")
ax.legend()
plt.show()

# %%
# The formula in numpy
# --------------------
# Two lines: evaluate :math:`f` a step :math:`h` on each side, divide the rise by
# the run :math:`2h`.


def central_difference(f, x, h=1e-4):
    return (f(x + h) - f(x - h)) / (2 * h)


print(f"central difference at 3: {central_difference(f, 3.0):.6f}")

# %%
# :func:`gdbook.numerical_diff` is the same formula with the same :math:`h`, with
# checks on its arguments (a function, a finite real point, a positive step):
print(f"gdbook.numerical_diff at 3: {gdbook.numerical_diff(f, 3.0):.6f}")

# %%
# What it shows
# -------------
# The estimate is 6 to about 12 digits. On a parabola the chord is exactly
# parallel to the tangent, for every :math:`h`: the little that is left is
# *rounding* error, from subtracting two nearly equal numbers near 25 in floating
# point (float64 keeps about 16 significant digits). How the choice of :math:`h`
# trades this error against the error of the formula itself is the next page,
# :ref:`sphx_glr_auto_examples_01_derivatives_plot_difference_error.py`.
print(f"error against the exact slope 6: {slope - 6:.1e}")

# %%
# The source, checked
# -------------------
# The source's ``numerical_diff`` and its function of :math:`x_0` alone (with
# :math:`x_1` fixed at 4: holding the other variable fixed is how a *partial*
# derivative is taken, see :doc:`/concepts/derivatives`), as it wrote them, and
# what it prints, the exact value of E08, ``6.00000000000378``:


def numerical_diff(f, x):
    h = 1e-4
    return (f(x + h) - f(x - h)) / (2 * h)


def func_temp1(x0):
    return x0**2 + 4**2


res = numerical_diff(func_temp1, 3.0)
print(res)

# %%
# gdbook gives the same bits:
print("gdbook.numerical_diff:", gdbook.numerical_diff(func_temp1, 3.0))
print("same bits:", gdbook.numerical_diff(func_temp1, 3.0) == res)
