"""
Finding the lowest point: slices, then the gradient
===================================================

To find the lowest point of the loss surface :math:`L(w, b)` one can descend one
parameter at a time, a step along :math:`w` at fixed :math:`b` and then along
:math:`b` at fixed :math:`w` (the *cuts* of the surface), or both at once, against
the gradient :math:`\\nabla L = (\\partial L/\\partial w, \\partial L/\\partial b)`
whose two components are the slopes of the two cuts. Source 004 argues this with
pictures and no code, between E14 and E15: the page is not an example of the
inventory, but computes each step of the argument on the same beans.
"""

# %%
# Both descents from :math:`w = 1.6, b = 0.1` with step :math:`\eta = 0.7` (the
# source calls it :math:`\alpha`), until the loss is within :math:`10^{-6}` of the
# lowest: *in turn* (a step in :math:`w`, then one in :math:`b` from where the first
# landed) and *together* (one step against the gradient). Left: two cuts along
# :math:`w`; right: the paths over the contour lines of :math:`L`.
import matplotlib.pyplot as plt
import numpy as np

from gdbook import beans, fit_line, least_squares_loss, line_cost_grid

xs, ys = beans(100)
m = len(xs)
best_w, best_b = np.polyfit(xs, ys, 1)
lowest = least_squares_loss(xs, ys, best_w, best_b)
lr = 0.7
fit = fit_line(xs, ys, lr=lr, epochs=200, slope0=1.6, intercept0=0.1)
updates = int(np.argmax(fit.losses - lowest <= 1e-6))  # the first one close enough
together = np.column_stack([fit.slopes, fit.intercepts])[: updates + 1]
w, b = 1.6, 0.1
in_turn = [(w, b)]
while least_squares_loss(xs, ys, w, b) - lowest > 1e-6:
    w = w - lr * (-2 / m * np.sum(xs * (ys - (w * xs + b))))
    in_turn.append((w, b))
    b = b - lr * (-2 / m * np.sum(ys - (w * xs + b)))
    in_turn.append((w, b))
cut_b = 0.1
cut_w = (np.mean(xs * ys) - cut_b * np.mean(xs)) / np.mean(xs**2)
ws = np.linspace(-0.6, 1.8, 121)
bs = np.linspace(-0.2, 1.3, 101)
grid = line_cost_grid(xs, ys, ws, bs)
fig, (cuts, paths) = plt.subplots(1, 2, figsize=(9.5, 4))
cuts.plot(ws, line_cost_grid(xs, ys, ws, [cut_b])[0], label="cut at b = 0.1")
cuts.plot(ws, line_cost_grid(xs, ys, ws, [best_b])[0], label=f"cut at b = {best_b:.3f}")
cuts.plot(cut_w, least_squares_loss(xs, ys, cut_w, cut_b), "o", color="C0")
cuts.plot(best_w, lowest, "*", ms=12, color="C1")
cuts.set(xlabel="w", ylabel="L", ylim=(0, 0.6), title="Two cuts along w")
cuts.legend()
cuts.grid(True, alpha=0.3)

levels = lowest + (grid.max() - lowest) * np.linspace(0, 1, 16) ** 2
paths.contour(ws, bs, grid, levels=levels, cmap="viridis", linewidths=0.8)
paths.plot(*np.array(in_turn).T, ".-", color="C3", lw=1, ms=3, label="in turn")
paths.plot(*np.array(together).T, ".-", color="k", lw=1, ms=3, label="together")
paths.plot(best_w, best_b, "*", ms=12, color="C1")
paths.set(xlabel="w", ylabel="b", title=f"Descent with η = {lr}")
paths.legend()
fig.tight_layout()
plt.show()

# %%
# What it shows
# -------------
# In rounds (a step in :math:`w` and a step in :math:`b`) the turns win; counted in
# passes over the data, gradient descent does, since it computes both partial
# derivatives from one pass where the turns need two:
rounds = (len(in_turn) - 1) // 2
print("together, updates:", len(together) - 1)
print("in turn, rounds (a step in w, then one in b):", rounds)
print("together, passes over the data:", len(together) - 1)
print("in turn, passes over the data:", 2 * rounds)

# %%
# The source, checked
# -------------------
# **One slice is not enough.**
# "First we cut the surface along e and w, then adjust w by gradient descent; but
# you will find that the lowest point of the curve is not the lowest point of the
# surface." Cut at :math:`b = 0.1` (our choice): the curve :math:`e(w, 0.1)` is a
# parabola in :math:`w`, whose lowest point sets its derivative,
# :math:`\frac2m \sum_i x_i (w x_i + b - y_i)`, to zero.
print("lowest point of the cut at b = 0.1: w =", cut_w)
print("cost there:", least_squares_loss(xs, ys, cut_w, cut_b))
print("lowest point of the surface: w =", best_w, "b =", best_b)
print("lowest cost:", least_squares_loss(xs, ys, best_w, best_b))

# %%
# **Partial derivatives are the slopes of the cuts.**
# "Since we have two faces, we have two slope descents; the variables of the
# descent through both faces at once are called partial derivatives; taking w and
# b together as one vector gives a new resultant vector, and descending along it
# is called gradient descent."
#
# .. note:: **Erratum (source 004).** The partial derivatives are not "variables"
#    of a descent: :math:`\partial e/\partial w` is the slope of the cut at fixed
#    :math:`b` (the derivative of the curve :math:`w \mapsto e(w, b)`), and
#    :math:`\partial e/\partial b` the slope of the cut at fixed :math:`w`.
#    Together they form the gradient :math:`\nabla e`, which points *up* the
#    surface, in the direction of steepest ascent; gradient descent moves
#    *against* it, :math:`(w, b) \leftarrow (w, b) - \eta \nabla L` (the source's
#    :math:`\alpha` and :math:`e`). See
#    :ref:`errata-004`.
#
# The slope of the cut, by the numerical derivative of the curve, against the
# partial derivative (the formula of source 001, and
# :func:`gdbook.least_squares_gradient`) at the point :math:`w = 1, b = 0.1`:
from gdbook import least_squares_gradient, numerical_diff

slope_of_cut = numerical_diff(lambda w: least_squares_loss(xs, ys, w, cut_b), 1.0)
partial_w, partial_b = least_squares_gradient(xs, ys, 1.0, cut_b)
print("slope of the cut at b = 0.1, numerically:", slope_of_cut)
print("partial derivative de/dw:", partial_w)

# %%
# **Two cuts in turn, or both at once.**
# "If we also cut along b and e, we find that moving the point on the e-w curve
# to the lowest point of the b-e curve gets close to perfect. But this makes two
# computations; if we take w and b as a whole and move them a little at a time in
# space, we slowly reach the bottom." Both are computed in the first cell, from
# :math:`w = 1.6, b = 0.1`, a point of the first cut, with step
# :math:`\alpha = 0.7`, until the cost is
# within :math:`10^{-6}` of the lowest: *in turn*, a step down the cut along
# :math:`w` then a step down the cut along :math:`b` (from where the first step
# landed); *together*, one step against the gradient, both partial derivatives
# taken at the same point.
#
# "So we say gradient descent is faster than slope descent."
#
# .. note:: **Erratum (source 004).** Not as a rule. Both ways use the same two
#    partial derivatives per round; here the two cuts taken in turn reach the
#    bottom in *fewer* rounds than gradient descent (each step in :math:`b` already
#    sees the new :math:`w`). Gradient descent computes its two partial
#    derivatives from one pass over the data where the turns need two, so counted
#    in passes it comes out ahead here. Which is faster depends on what is counted,
#    on the step and on the shape of the bowl. What makes
#    the gradient the method of choice is elsewhere: one step moves all the
#    parameters at once, in the direction of steepest descent, and that still
#    works with millions of parameters. See :ref:`errata-004`.
#
# The *together* loop, as plain numpy, makes the same updates as
# :func:`gdbook.fit_line` (the first cell), to the last bit (``lr`` is the source's
# :math:`\alpha`):


def cost(w, b):
    return np.mean((ys - (w * xs + b)) ** 2)


w, b = 1.6, 0.1
path = [(w, b)]
while cost(w, b) - lowest > 1e-6:
    grad_w = -2 / m * np.sum(xs * (ys - (w * xs + b)))
    grad_b = -2 / m * np.sum(ys - (w * xs + b))
    w, b = w - lr * grad_w, b - lr * grad_b
    path.append((w, b))
print("fit_line, same path, bit for bit:", np.array_equal(path, together))
