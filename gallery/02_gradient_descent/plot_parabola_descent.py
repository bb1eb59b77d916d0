"""
Gradient descent on the parabola
================================

Gradient descent finds a minimum by stepping against the derivative: from
:math:`x_0`, repeat :math:`x_{k+1} = x_k - \\eta\\, f'(x_k)`, with :math:`\\eta` the
*learning rate* (:doc:`/concepts/gradient-descent`; symbols: :doc:`/notation`).
On :math:`f(x) = x^2`, where
:math:`f'(x) = 2x`, each step multiplies :math:`x` by :math:`1 - 2\\eta`, so from
:math:`x_0 = 5` with :math:`\\eta = 0.1` the iterates are :math:`x_k = 5 \\cdot 0.8^k`:
big steps where the slope is steep, small ones near the bottom. Source 000 (E02).
"""

# %%
# :func:`gdbook.gradient_descent` runs 50 steps and keeps every point;
# :func:`gdbook.plot.descent_path` draws them on the curve, and
# :func:`gdbook.plot.loss_curve` the loss :math:`f(x_k)` against the step.
import matplotlib.pyplot as plt
import numpy as np

import gdbook
from gdbook.plot import descent_path, loss_curve

trace = gdbook.gradient_descent(
    gdbook.parabola.grad, 5.0, lr=0.1, steps=50, loss=gdbook.parabola
)
fig, (ax_path, ax_loss) = plt.subplots(1, 2, figsize=(10, 4))
descent_path(gdbook.parabola, trace, xlim=(-10, 10), ax=ax_path, label="x_k")
ax_path.set_title("The 51 points x₀ … x₅₀ on f(x) = x²")
loss_curve(trace.losses, log=True, ax=ax_loss, label="f(x_k), η = 0.1")
ax_loss.set_xlabel("step k")
ax_loss.set_title("The loss falls geometrically: 25 · 0.64^k")
fig.tight_layout()
plt.show()

# %%
# The loop in numpy
# -----------------
# Three lines a step: the gradient, the update, the history (the start included).
lr = 0.1
x = 5.0
xs = [x]
for _ in range(50):
    grad = 2 * x
    x = x - lr * grad
    xs.append(x)
print(f"x after 50 steps: {x:.3g}")

# %%
# :func:`gdbook.gradient_descent` does the same, given the gradient as a function,
# and returns a :class:`gdbook.Trace` with every point, gradient and loss:
print(f"gdbook, x after 50 steps: {trace.x:.3g}")
print("gdbook, points in the trace:", len(trace.xs))

# %%
# What it shows
# -------------
# Each step multiplies :math:`x` by 0.8 and the loss :math:`f = x^2` by 0.64: a
# straight line on the logarithmic axis. The step :math:`\eta f'(x_k)` is
# proportional to the slope, so the points crowd near the minimum.
print(" k        x_k     f(x_k)  step η·f'(x_k)")
for k in (0, 1, 2, 5, 10, 20, 50):
    x_k = trace.xs[k]
    print(f"{k:2d} {x_k:10.3g} {x_k**2:10.2g} {lr * 2 * x_k:15.3g}")

# %%
# The source, checked
# -------------------
# The source's loop, as it wrote it (its unused loop counter ``i`` named ``_``).
# It keeps the iterates in a list and prints nothing; the page prints the last
# iterate, E02's :math:`5 \cdot 0.8^{50}`, and the length of the history.


def f(x):
    return x**2


def df(x):
    return 2 * x


def gradient_descent(x_start, learning_rate, epochs):
    x = x_start
    history = []
    for _ in range(epochs):
        grad = df(x)
        x -= learning_rate * grad
        history.append(x)
    return history


x_start = 5.0
learning_rate = 0.1
epochs = 50
history = gradient_descent(x_start, learning_rate, epochs)
print("source's loop, x after 50 steps:", history[-1])
print("source's loop, points in its history:", len(history))
print("source's loop, first point of its history:", history[0])
print("gdbook, the same 50 iterates, same bits:", np.array_equal(trace.xs[1:], history))

# %%
# .. note:: **Erratum (source 000).** The source's loop appends each point to its
#    ``history`` *after* the update, so the history, and the red points of its
#    figure, begin at the first iterate 4.0 and miss the start :math:`x_0 = 5`. Its
#    figure shows 50 of the 51 points of the run; the figure below marks the missing
#    one (:ref:`errata-000-start`). The source also calls its 50 updates
#    ``epochs``; an epoch is a pass over a training set, and here there is no data:
#    they are 50 *steps* (:ref:`errata-000-words`).
#
# The source's figure, with its own plotting code, from its ``history``; one line
# is added, to mark the start that the history misses.
x_values = np.linspace(-10, 10, 400)
y_values = [f(x) for x in x_values]
plt.figure(figsize=(7, 4.5))
plt.plot(x_values, y_values, label="f(x) = x^2")
plt.scatter(
    history, [f(x) for x in history], color="red", label="Gradient Descent Path"
)
plt.scatter(
    [x_start],
    [f(x_start)],
    facecolors="none",
    edgecolors="k",
    s=60,
    label="start x0 = 5, missing from the source's history",
)  # added
plt.xlabel("x")
plt.ylabel("f(x)")
plt.title("Gradient Descent to Find Minimum of f(x) = x^2")
plt.legend()
plt.show()

# %%
# Against the closed form :math:`(1 - 2\eta)^{50} x_0 = 5 \cdot 0.8^{50}` the run
# agrees to about 14 significant digits, not to the last bit: the descent rounds
# twice in each of its 50 updates (``lr * grad``, then the subtraction), the closed
# form rounds ``1 - 2 * 0.1`` once and then takes a power. Each rounding is at most
# about :math:`10^{-16}` relative; a hundred of them add up to a few times
# :math:`10^{-15}`: rounding, not a bug.
closed_form = (1 - 2 * learning_rate) ** epochs * x_start
print("closed form (1 - 2 lr)^50 x0:", closed_form)
print("relative difference:", (trace.x - closed_form) / closed_form)
# sphinx_gallery_thumbnail_number = 1
