"""
How small should h be?
======================

This page is not an example of the sources: it extends the numerical derivative of
source 003, which uses the central difference with :math:`h = 10^{-4}` without
saying why. Here the error of the forward difference :math:`(f(x + h) - f(x)) / h`
and of the central difference :math:`(f(x + h) - f(x - h)) / 2h` is measured
against the exact derivative, for :math:`h` from :math:`10^{-1}` down to
:math:`10^{-12}`, in double (float64) and single (float32) precision.

Two errors compete. The *truncation* error of the formula shrinks with
:math:`h`, like :math:`h` for the forward difference and like :math:`h^2` for the
central one. The *rounding* error grows as :math:`h` shrinks: :math:`f(x + h)` and
:math:`f(x)` agree in more and more leading digits, and their difference keeps only
the last, inexact ones, an error of about :math:`\\epsilon |f| / h` with
:math:`\\epsilon` the machine epsilon.
"""

# %%
# Compute
# -------
# :func:`gdbook.difference_errors` evaluates both differences of
# :math:`f = \sin` at :math:`x = 1` for 45 steps between :math:`10^{-12}` and
# :math:`10^{-1}`, in the floating-point type asked for, and compares them with the
# exact derivative :math:`\cos 1`.
import numpy as np

from gdbook import difference_errors

errors64 = difference_errors(np.sin, 1.0, np.cos(1.0), dtype="float64")
errors32 = difference_errors(np.sin, 1.0, np.cos(1.0), dtype="float32")
print(errors64)
print(errors32)

# %%
# On a log-log plot the truncation error is a line whose slope is the order of the
# formula. A least-squares fit of :math:`\log(\text{error})` against
# :math:`\log h` over the large steps (:math:`10^{-4} \le h \le 10^{-1}`, where
# truncation dominates in float64) recovers the orders 1 and 2; over the smallest
# steps (:math:`h \le 10^{-9}`) rounding dominates and both slopes are close to
# :math:`-1`.
truncation = errors64.slopes(1e-4, 1e-1)
rounding = errors64.slopes(1e-12, 1e-9)
print("slopes, h in [1e-4, 1e-1]: forward {:.3f}, central {:.3f}".format(*truncation))
print("slopes, h in [1e-12, 1e-9]: forward {:.3f}, central {:.3f}".format(*rounding))

# %%
# Where rounding takes over
# -------------------------
# The best step balances the two errors: about :math:`\sqrt{\epsilon}` for the
# forward difference and :math:`\epsilon^{1/3}` for the central one. In float32
# (:math:`\epsilon \approx 1.2 \cdot 10^{-7}`) that happens much earlier than in
# float64 (:math:`\epsilon \approx 2.2 \cdot 10^{-16}`), and the best attainable
# error is much larger.
for errors in (errors64, errors32):
    eps = np.finfo(errors.dtype).eps
    forward_h, central_h = errors.best_h
    print(
        f"{errors.dtype.name}: best h forward {forward_h:.1e} (sqrt(eps) = "
        f"{np.sqrt(eps):.1e}), central {central_h:.1e} "
        f"(eps^(1/3) = {np.cbrt(eps):.1e}); "
        f"smallest errors {errors.forward.min():.1e} and {errors.central.min():.1e}"
    )

# %%
# The source's :math:`h = 10^{-4}` is a good choice for the central difference in
# float64, close to :math:`\epsilon^{1/3} \approx 6 \cdot 10^{-6}`. On the
# source's function :math:`x_0^2 + 4^2` the central difference has no truncation
# error at all (:math:`f''' = 0`), so the error of
# ``numerical_diff`` on the page
# :ref:`sphx_glr_auto_examples_01_derivatives_plot_numerical_diff.py` is rounding
# only:
parabola_errors = difference_errors(lambda x0: x0**2 + 4**2, 3.0, 6.0, hs=[1e-4])
print(
    "central difference of x0**2 + 4**2 at 3, h = 1e-4: error",
    parabola_errors.central[0],
)

# %%
# Plot
# ----
# :func:`gdbook.plot.difference_errors_plot` draws both errors on log-log axes. The
# dashed lines are the leading terms of the theory: :math:`\tfrac{h}{2}|f''(1)|`,
# :math:`\tfrac{h^2}{6}|f'''(1)|` and the rounding level :math:`\epsilon / h`.
import matplotlib.pyplot as plt

from gdbook.plot import difference_errors_plot

fig, axes = plt.subplots(1, 2, figsize=(10, 4.5), sharey=True)
hs = errors64.hs
for ax, errors in zip(axes, (errors64, errors32), strict=True):
    difference_errors_plot(errors, ax=ax)
    eps = np.finfo(errors.dtype).eps
    ax.loglog(hs, hs / 2 * np.sin(1.0), "k--", linewidth=0.8, label="h·|f″|/2")
    ax.loglog(hs, hs**2 / 6 * np.cos(1.0), "k:", linewidth=1.0, label="h²·|f‴|/6")
    ax.loglog(hs, eps / hs, "--", color="gray", linewidth=0.8, label="ε/h")
    ax.set_ylim(1e-14, 10)
    ax.set_title(f"Error of the differences of sin at 1, {errors.dtype.name}")
    ax.legend(fontsize="small", loc="lower left")
fig.tight_layout()
plt.show()
