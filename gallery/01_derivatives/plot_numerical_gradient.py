"""
The numerical gradient and the gradient field
=============================================

Source 003 collects the partial derivatives of :math:`f(x_0, x_1) = x_0^2 + x_1^2`
into one vector, the gradient (E09), and then draws it at many points (E10). Its
code is the book it follows, Koki Saito's *Deep Learning from Scratch*: a loop over
the coordinates that moves one of them by :math:`\\pm h`, takes the central
difference, and puts the coordinate back.

.. note:: **Erratum (source 003).** The book's ``_numerical_gradient_no_batch``
   writes into the caller's array while it works, and on an integer array it
   truncates: ``x[idx] = 3 + 1e-4`` stores 3, so ``np.array([3, 4])`` gives
   ``[25000 35000]``. :func:`gdbook.numerical_gradient` works on a float64 copy; it
   returns the same bits as the book's loop on float input, the right answer on
   integer input, and leaves its argument alone. See
   :ref:`errata-003-in-place`.

.. note:: **Erratum (source 003).** The source says that the gradient points to the
   minimum and, "strictly speaking", in the direction in which the function
   decreases most. Both are true of :math:`-\\nabla f`, the *negative* gradient: the
   gradient itself points the way :math:`f` *increases* fastest. The book's own code
   for this figure draws ``-grad``. At :math:`(3, 4)`, a step of 0.01 along the
   gradient :math:`(6, 8)` raises :math:`f` from 25 to 26.01; the same step against
   it lowers :math:`f` to 24.01 (computed below). And even :math:`-\\nabla f`
   points at the minimum only on a round bowl, as the source itself warns: the last
   figure shows a bowl where it does not. See :ref:`errata-003-direction`.
"""

# %%
# The source's code
# -----------------
# The book's loop, as the source prints it, and its example: the gradient of
# ``func_1`` at :math:`(3, 4)`. The exact gradient is :math:`(2 x_0, 2 x_1) = (6, 8)`.
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


def func_1(x):
    return x[0] ** 2 + x[1] ** 2


res = _numerical_gradient_no_batch(func_1, np.array([3.0, 4.0]))
print(res)

# %%
# Why ``tmp_val``
# ---------------
# ``f`` is a function of a numpy array ``x``; ``np.zeros_like(x)`` makes an array
# of zeros of ``x``'s shape (and type), where the partial derivatives are stored one
# by one. A partial derivative moves one variable and holds the others fixed. The loop
# does this *in the array itself*: for :math:`\partial f / \partial x_0` it writes
# :math:`x_0 \pm h` into ``x[0]``, while ``x[1]`` keeps its value, and for
# :math:`\partial f / \partial x_1` the other way round. So it first saves the
# coordinate in ``tmp_val``, and puts it back once both values of :math:`f` are
# taken, before moving on to the next coordinate (the source: "use ``tmp_val`` to
# keep the number before the change, and restore everything after the partial
# derivative"; its 求編導 there is a typo for 求偏導, "take the partial derivative",
# see :ref:`errata-003-typo`). The four points at which ``f`` is evaluated show it:
evaluated = []


def recording_func_1(x):
    """func_1, noting each point it is evaluated at."""
    evaluated.append(x.copy())
    return func_1(x)


point = np.array([3.0, 4.0])
_numerical_gradient_no_batch(recording_func_1, point)
for p in evaluated:
    print(p)
print("the point after the call:", point)


# %%
# Without the last line of the loop (``x[idx] = tmp_val``), the coordinate stays at
# :math:`x_0 - h` while the next partial derivative is taken, and the caller's
# point is left moved. On :math:`x_0^2 + x_1^2` the second partial does not depend
# on :math:`x_0`, but on :math:`g(x) = x_0 x_1`, whose exact gradient at
# :math:`(3, 4)` is :math:`(x_1, x_0) = (4, 3)`, it comes out wrong:
def gradient_without_restore(f, x):
    """The book's loop without ``x[idx] = tmp_val``: what the restore is for."""
    h = 1e-4
    grad = np.zeros_like(x)
    for idx in range(x.size):
        tmp_val = x[idx]
        x[idx] = float(tmp_val) + h
        fxh1 = f(x)
        x[idx] = tmp_val - h
        fxh2 = f(x)
        grad[idx] = (fxh1 - fxh2) / (2 * h)
    return grad


point = np.array([3.0, 4.0])
print("without restore, gradient of x0*x1:", end=" ")
print(gradient_without_restore(lambda x: x[0] * x[1], point))
print("without restore, the point after the call:", point)

# %%
# With gdbook
# -----------
# :func:`gdbook.numerical_gradient` runs the same loop on a private float64 copy of
# the point, and gives the same bits as the source's:
import gdbook

point = np.array([3.0, 4.0])
gradient = gdbook.numerical_gradient(func_1, point)
print("gdbook.numerical_gradient:", gradient)
print("same bits:", np.array_equal(gradient, res))

# %%
# The erratum: integer input
# --------------------------
# Integer input gives gdbook the same answer, and the argument is not modified:
integer_point = np.array([3, 4])
print("gdbook, integer point:", gdbook.numerical_gradient(func_1, integer_point))
print("integer point after the call:", integer_point)

# %%
# The book's loop on the same integer array truncates every perturbed coordinate
# back to an integer (``zeros_like`` makes an integer ``grad``, too):
print("book, integer point:", _numerical_gradient_no_batch(func_1, np.array([3, 4])))

# %%
# The gradient field
# ------------------
# Drawn at many points, the gradient becomes a field of arrows. The source's
# observation: the arrows point to the minimum, and the farther from it, the longer
# they are. That is true of the arrows the book draws, which are those of
# :math:`-\nabla f`. The gradient itself points the other way, uphill. At
# :math:`(3, 4)`, a step of 0.01 along :math:`\nabla f = (6, 8)` and a step of 0.01
# against it:
p = np.array([3.0, 4.0])
g = gdbook.numerical_gradient(func_1, p)
print("f at (3, 4):", func_1(p))
print("f after a step along the gradient:", round(func_1(p + 0.01 * g), 12))
print("f after a step against the gradient:", round(func_1(p - 0.01 * g), 12))

# %%
# :func:`gdbook.plot.gradient_field` evaluates the gradient on a grid and draws
# :math:`-\nabla f` as arrows, to scale. On this round bowl every arrow points to
# the minimum at the origin, and the arrows grow with the distance from it, since
# :math:`\|\nabla f\| = 2\|x\|`.
import functools

import matplotlib.pyplot as plt

from gdbook.plot import gradient_field

fig, ax = plt.subplots(figsize=(6, 6))
gradient_field(functools.partial(gdbook.numerical_gradient, func_1), ax=ax, num=15)
ax.plot(0, 0, "o", color="C3", label="minimum (0, 0)")
ax.set_title("Arrows of −∇f for f = x₀² + x₁² point to the minimum")
ax.legend(loc="upper right")
plt.show()

# %%
# The gradient need not point at the minimum
# ------------------------------------------
# The source goes on: the direction of the gradient is the direction in which the
# function decreases most *at that point* (of :math:`-\nabla f`, corrected above),
# and nothing guarantees that it points at the minimum. A bowl that is not round
# shows it. On :math:`e(x) = x_0^2 + 5 x_1^2`, whose contour lines are ellipses,
# :math:`-\nabla e = (-2 x_0, -10 x_1)` is perpendicular to the ellipse through the
# point, and the minimum (the origin) lies elsewhere, except on the two axes. At
# :math:`(2, 1)` the angle between the two directions:


def elongated(x):
    """An elongated bowl: x0**2 + 5 * x1**2, minimum 0 at the origin."""
    return x[0] ** 2 + 5 * x[1] ** 2


def angle_to_minimum(f, x):
    """Angle in degrees between -grad f(x) and the direction from x to the origin."""
    downhill = -gdbook.numerical_gradient(f, x)
    to_minimum = -np.asarray(x, dtype=float)
    cosine = (
        downhill @ to_minimum / np.linalg.norm(downhill) / np.linalg.norm(to_minimum)
    )
    return np.degrees(np.arccos(np.clip(cosine, -1.0, 1.0)))


print("-grad e at (2, 1):", -gdbook.numerical_gradient(elongated, [2.0, 1.0]))
print("angle at (2, 1), degrees:", round(angle_to_minimum(elongated, [2.0, 1.0]), 2))
print("angle at (2, 0), degrees:", round(angle_to_minimum(elongated, [2.0, 0.0]), 2))
print(
    "angle on the round bowl at (2, 1):", round(angle_to_minimum(func_1, [2.0, 1.0]), 2)
)

# %%
# The field of :math:`-\nabla e` over the ellipses, and at four points the
# direction of :math:`-\nabla e` (red) beside the straight line to the minimum
# (dashed). Gradient descent follows the red arrows, so on such a bowl it does not
# head straight for the minimum: it bends, and with a large learning rate it zigzags
# across the valley.
fig, ax = plt.subplots(figsize=(7, 5.2))
grid0, grid1 = np.meshgrid(np.linspace(-3, 3, 200), np.linspace(-2, 2, 200))
ax.contour(
    grid0, grid1, grid0**2 + 5 * grid1**2, levels=[1, 2, 4, 7, 11, 16], colors="0.75"
)
gradient_field(
    functools.partial(gdbook.numerical_gradient, elongated),
    xlim=(-3, 3),
    ylim=(-2, 2),
    num=11,
    ax=ax,
    color="0.6",
    scale_units="xy",
    scale=50,  # an arrow of length |grad e| / 50: the longest is 0.42
    width=0.004,
)
for start in ([2.0, 1.0], [-2.5, 0.6], [1.0, -1.5], [-1.2, -1.2]):
    start = np.array(start)
    downhill = -gdbook.numerical_gradient(elongated, start)
    arrow = 0.8 * downhill / np.linalg.norm(downhill)
    ax.annotate(
        "",
        xy=start + arrow,
        xytext=start,
        arrowprops={"arrowstyle": "-|>", "color": "C3", "lw": 2},
    )
    ax.plot([start[0], 0], [start[1], 0], "--", color="C0", lw=1)
    ax.plot(*start, "o", color="C3", ms=4)
ax.plot(0, 0, "*", color="C0", ms=12, label="minimum (0, 0)")
ax.plot([], [], color="C3", lw=2, label="direction of −∇e")
ax.plot([], [], "--", color="C0", lw=1, label="direction to the minimum")
ax.set_title("e = x₀² + 5x₁²: −∇e is not aimed at the minimum")
ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.12), ncols=3, fontsize="small")
fig.tight_layout()
plt.show()
