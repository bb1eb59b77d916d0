"""
The numerical derivative
========================

Source 003 (E08) starts from what a derivative means: how much :math:`f(x)` changes
for a tiny change of :math:`x`. A computer cannot take the limit :math:`h \\to 0`, so
the source uses a small :math:`h` and the *central difference*

.. math:: f'(x) \\approx \\frac{f(x + h) - f(x - h)}{2h}, \\qquad h = 10^{-4}.

It then takes a *partial* derivative the way one is taught to: to differentiate
:math:`f(x_0, x_1) = x_0^2 + x_1^2` in :math:`x_0` at :math:`(3, 4)`, hold the other
variable fixed, :math:`x_1 = 4`, and differentiate the one-variable function
:math:`x_0 \\mapsto x_0^2 + 4^2` like any other. The exact answer is
:math:`2 x_0 = 6`.
"""

# %%
# The source's code
# -----------------
# The source's ``numerical_diff`` and its function of :math:`x_0` alone, as it
# wrote them, and what it prints (no label, just the number):


def numerical_diff(f, x):
    h = 1e-4
    return (f(x + h) - f(x - h)) / (2 * h)


def func_temp1(x0):
    """The source's function of x0 alone, with x1 fixed at 4."""
    return x0**2 + 4**2


res = numerical_diff(func_temp1, 3.0)
print(res)

# %%
# With gdbook
# -----------
# :func:`gdbook.numerical_diff` is the same formula with the same :math:`h`, with
# checks on its arguments (a function, a finite real point, a positive step). It
# gives the same bits:
import gdbook

slope = gdbook.numerical_diff(func_temp1, 3.0)
print("gdbook.numerical_diff:", slope)
print("same bits:", slope == res)

# %%
# The estimate differs from 6 by about :math:`4 \cdot 10^{-12}`: not the truncation
# error of the central difference (it is exactly zero on a parabola, whatever
# :math:`h`), but rounding in the subtraction :math:`f(x + h) - f(x - h)` of two
# numbers near 25. How the choice of :math:`h` trades one error for the other is the
# subject of the next page,
# :ref:`sphx_glr_auto_examples_01_derivatives_plot_difference_error.py`.
print("error against the exact derivative 6:", slope - 6)

# %%
# Plot
# ----
# The central difference is the slope of the chord through
# :math:`(x - h, f(x - h))` and :math:`(x + h, f(x + h))`. With a visible
# :math:`h = 1` the chord is drawn beside the tangent; on a parabola the two are
# parallel for every :math:`h`.
import matplotlib.pyplot as plt
import numpy as np

x0, h_shown = 3.0, 1.0
xs = np.linspace(0.0, 5.0, 200)
fig, ax = plt.subplots(figsize=(7, 4.5))
ax.plot(xs, func_temp1(xs), label="$f(x_0) = x_0^2 + 4^2$")
ax.plot(xs, func_temp1(x0) + slope * (xs - x0), "--", label="tangent, slope 6")
chord_x = np.array([x0 - h_shown, x0 + h_shown])
ax.plot(chord_x, func_temp1(chord_x), "o-", color="C3", label="chord over $[x-h, x+h]$")
ax.plot([x0], [func_temp1(x0)], "ko")
ax.set_xlabel("$x_0$")
ax.set_ylabel("$f$")
ax.set_title("Central difference at x₀ = 3: the slope of the chord (h = 1 shown)")
ax.legend()
plt.show()
