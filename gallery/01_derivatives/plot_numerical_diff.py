"""
The numerical derivative
========================

Source 003 (E08) starts from the definition of the derivative: how much :math:`f(x)`
changes for a tiny change of :math:`x`. A computer cannot take the limit
:math:`h \\to 0`, so it uses a small :math:`h` and the *central difference*

.. math:: f'(x) \\approx \\frac{f(x + h) - f(x - h)}{2h}, \\qquad h = 10^{-4}.

The source uses it for a partial derivative: to differentiate
:math:`f(x_0, x_1) = x_0^2 + x_1^2` in :math:`x_0` at :math:`(3, 4)`, fix
:math:`x_1 = 4` and differentiate the one-variable function
:math:`x_0 \\mapsto x_0^2 + 4^2`.
"""

# %%
# Compute
# -------
# :func:`gdbook.numerical_diff` is the source's ``numerical_diff``, with checks on its
# arguments. The exact derivative is :math:`2 x_0 = 6`.
from gdbook import numerical_diff


def func_temp1(x0):
    """The source's function of x0 alone, with x1 fixed at 4."""
    return x0**2 + 4**2


slope = numerical_diff(func_temp1, 3.0)
print(slope)

# %%
# The estimate differs from 6 by about :math:`4 \cdot 10^{-12}`: not the truncation
# error of the central difference (it is exactly zero on a parabola), but rounding in
# the subtraction :math:`f(x + h) - f(x - h)` of two numbers near 25.
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
