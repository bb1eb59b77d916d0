"""
How small should h be?
======================

A difference quotient makes two errors. The *truncation* error of the formula
shrinks with the step :math:`h` (like :math:`h` for the forward difference
:math:`(f(x + h) - f(x)) / h`, like :math:`h^2` for the central one); the
*rounding* error grows as :math:`h` shrinks, because :math:`f(x + h)` and
:math:`f(x)` agree in more and more digits and their difference keeps only the
inexact last ones. The best :math:`h` balances the two. This page is not an example
of the sources: it explains the :math:`h = 10^{-4}` of source 003 (E08).
"""

# %%
# The error of both differences of :math:`f = \sin` at :math:`x = 1`, against the
# exact :math:`\cos 1`, for 45 steps :math:`h` from :math:`10^{-12}` to
# :math:`10^{-1}`, in double (float64) and single (float32) precision
# (:func:`gdbook.difference_errors` computes them,
# :func:`gdbook.plot.difference_errors_plot` draws them). Dashed: the leading
# terms of the theory,
# :math:`\tfrac{h}{2}|f''|`, :math:`\tfrac{h^2}{6}|f'''|` and the rounding level
# :math:`\epsilon / h`.
import matplotlib.pyplot as plt
import numpy as np

from gdbook import difference_errors
from gdbook.plot import difference_errors_plot

errors64 = difference_errors(np.sin, 1.0, np.cos(1.0), dtype="float64")
errors32 = difference_errors(np.sin, 1.0, np.cos(1.0), dtype="float32")

fig, axes = plt.subplots(1, 2, figsize=(10, 4.2), sharey=True)
hs = errors64.hs
for ax, errors in zip(axes, (errors64, errors32), strict=True):
    difference_errors_plot(errors, ax=ax)
    eps = np.finfo(errors.dtype).eps
    ax.loglog(hs, hs / 2 * np.sin(1.0), "k--", linewidth=0.8, label="h·|f″|/2")
    ax.loglog(hs, hs**2 / 6 * np.cos(1.0), "k:", linewidth=1.0, label="h²·|f‴|/6")
    ax.loglog(hs, eps / hs, "--", color="gray", linewidth=0.8, label="ε/h")
    ax.set_ylim(1e-14, 10)
    ax.set_title(f"Errors of the differences of sin at 1, {errors.dtype.name}")
    ax.legend(fontsize="small", loc="lower left")
fig.tight_layout()
plt.show()

# %%
# The computation in numpy
# ------------------------
# For one step :math:`h`, both errors are two lines each:
h = 1e-4
forward = (np.sin(1.0 + h) - np.sin(1.0)) / h
central = (np.sin(1.0 + h) - np.sin(1.0 - h)) / (2 * h)
print(f"h = 1e-4, forward error: {abs(forward - np.cos(1.0)):.1e}")
print(f"h = 1e-4, central error: {abs(central - np.cos(1.0)):.1e}")

# %%
# What it shows
# -------------
# On a log-log plot a truncation error is a line whose slope is the *order* of the
# formula. A least-squares fit of :math:`\log(\text{error})` against :math:`\log h`
# recovers the orders 1 and 2 over the large steps, and slopes near :math:`-1`
# (rounding, :math:`\epsilon / h`) over the smallest ones:
truncation = errors64.slopes(1e-4, 1e-1)
rounding = errors64.slopes(1e-12, 1e-9)
print("float64 slopes       forward  central")
print("h in [1e-4, 1e-1]  {:9.2f} {:8.2f}".format(*truncation))
print("h in [1e-12, 1e-9] {:9.2f} {:8.2f}".format(*rounding))

# %%
# The best step is about :math:`\sqrt{\epsilon}` for the forward difference and
# :math:`\epsilon^{1/3}` for the central one, with :math:`\epsilon` the *machine
# epsilon*, the gap between 1 and the next float (:math:`2.2 \cdot 10^{-16}` in
# float64, :math:`1.2 \cdot 10^{-7}` in float32). In float32 the best error is
# much larger:
print("          best h             smallest error")
print("dtype     forward  central   forward  central")
for errors in (errors64, errors32):
    forward_h, central_h = errors.best_h
    print(
        f"{errors.dtype.name:9} {forward_h:7.0e}  {central_h:7.0e}"
        f"   {errors.forward.min():7.0e}  {errors.central.min():7.0e}"
    )
eps = np.finfo(np.float64).eps
print(f"float64: sqrt(eps) = {np.sqrt(eps):.0e}, eps^(1/3) = {np.cbrt(eps):.0e}")

# %%
# The source, checked
# -------------------
# Source 003's :math:`h = 10^{-4}` is a good choice for the central difference in
# float64, close to :math:`\epsilon^{1/3} \approx 6 \cdot 10^{-6}`. On its
# function :math:`x_0^2 + 4^2` the central difference has no truncation error at
# all (:math:`f''' = 0`), so the error of ``numerical_diff`` on
# :ref:`sphx_glr_auto_examples_01_derivatives_plot_numerical_diff.py` is rounding
# only:
parabola_errors = difference_errors(lambda x0: x0**2 + 4**2, 3.0, 6.0, hs=[1e-4])
print("error of the source's numerical_diff at 3:", parabola_errors.central[0])
