"""
The gradient need not point at the minimum
==========================================

Gradient descent steps along :math:`-\\nabla f`, the direction in which :math:`f`
decreases fastest *where the point is*. On a round bowl that direction aims at the
minimum; on an elongated bowl, :math:`f(x) = x_0^2 + 5 x_1^2`, it does not, so
descent bends and, with a large learning rate :math:`\\eta`, zigzags across the
valley. This page is not an example of the sources: it checks a warning of
source 003 (after E10).
"""

# %%
# The field of :math:`-\nabla f` (grey) over the contour lines of :math:`f`
# (ellipses), and at four points the direction of :math:`-\nabla f` (red) beside
# the straight line to the minimum (dashed).
import functools

import matplotlib.pyplot as plt
import numpy as np

import gdbook
from gdbook.plot import gradient_field


def elongated(x):
    """An elongated bowl: x0**2 + 5 * x1**2, minimum 0 at the origin."""
    return x[0] ** 2 + 5 * x[1] ** 2


grad_f = functools.partial(gdbook.numerical_gradient, elongated)
fig, ax = plt.subplots(figsize=(7, 5.2))
grid0, grid1 = np.meshgrid(np.linspace(-3, 3, 200), np.linspace(-2, 2, 200))
ax.contour(grid0, grid1, elongated([grid0, grid1]), [1, 2, 4, 7, 11, 16], colors="0.75")
gradient_field(
    grad_f, xlim=(-3, 3), ylim=(-2, 2), num=11, ax=ax, color="0.6",
    scale_units="xy", scale=50, width=0.004,  # an arrow of length |grad f| / 50
)  # fmt: skip
for start in ([2.0, 1.0], [-2.5, 0.6], [1.0, -1.5], [-1.2, -1.2]):
    start = np.array(start)
    downhill = -grad_f(start)
    tip = start + 0.8 * downhill / np.linalg.norm(downhill)
    ax.annotate("", tip, start, arrowprops={"arrowstyle": "-|>", "color": "C3"})
    ax.plot([start[0], 0], [start[1], 0], "--", color="C0", lw=1)
    ax.plot(*start, "o", color="C3", ms=4)
ax.plot(0, 0, "*", color="C0", ms=12, label="minimum (0, 0)")
ax.plot([], [], color="C3", lw=2, label="direction of −∇f")
ax.plot([], [], "--", color="C0", lw=1, label="direction to the minimum")
ax.set_title("f = x₀² + 5x₁²: −∇f is not aimed at the minimum")
ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.12), ncols=3, fontsize="small")
fig.tight_layout()
plt.show()

# %%
# The angle in numpy
# ------------------
# :math:`-\nabla f = (-2 x_0, -10 x_1)` is perpendicular to the ellipse through
# the point (the gradient is normal to the contour lines). The angle between it and
# the direction :math:`-x` to the minimum, from their dot product
# (:ref:`background-vectors`):


def angle_to_minimum(f, x):
    """Angle in degrees between -grad f(x) and the direction from x to the origin."""
    downhill = -gdbook.numerical_gradient(f, x)
    to_minimum = -np.asarray(x, dtype=float)
    cosine = downhill @ to_minimum
    cosine /= np.linalg.norm(downhill) * np.linalg.norm(to_minimum)
    return np.degrees(np.arccos(np.clip(cosine, -1.0, 1.0)))


# %%
# What it shows
# -------------
# At :math:`(2, 1)` the two directions are 42° apart; on the axes of the ellipse,
# and everywhere on a round bowl, they agree:


def round_bowl(x):
    return x[0] ** 2 + x[1] ** 2


print("-grad f at (2, 1):", -grad_f(np.array([2.0, 1.0])))
print(f"angle at (2, 1), degrees: {angle_to_minimum(elongated, [2.0, 1.0]):.1f}")
print(f"angle at (2, 0), degrees: {angle_to_minimum(elongated, [2.0, 0.0]):.1f}")
print(
    f"angle on the round bowl at (2, 1): {angle_to_minimum(round_bowl, [2.0, 1.0]):.1f}"
)

# %%
# So gradient descent, which follows the red arrows, does not head straight for the
# minimum of an elongated bowl. How much that slows it down, and what helps, is
# the subject of :ref:`sphx_glr_auto_examples_06_optimizers_plot_why_gd_is_slow.py`.
#
# The source, checked
# -------------------
# Source 003 says that the direction of the gradient is the direction in which the
# function decreases most at that point, and that nothing guarantees that it
# points at the minimum. The second half is what the figure shows. The first half
# is true of :math:`-\nabla f`, not of :math:`\nabla f`: see the erratum on
# :ref:`sphx_glr_auto_examples_01_derivatives_plot_numerical_gradient.py`
# (:ref:`errata-003-direction`).
