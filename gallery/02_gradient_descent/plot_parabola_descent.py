"""
Gradient descent on the parabola
================================

Source 000 (E02) finds the minimum of :math:`f(x) = x^2` by gradient descent: start
at :math:`x_0 = 5`, and 50 times step against the derivative :math:`f'(x) = 2x`,

.. math:: x_{k+1} = x_k - \\eta f'(x_k) = (1 - 2\\eta)\\, x_k, \\qquad \\eta = 0.1.

Each step multiplies :math:`x` by :math:`1 - 2\\eta = 0.8`, so the iterates have a
closed form, :math:`x_k = (1 - 2\\eta)^k x_0 = 5 \\cdot 0.8^k`, and the page checks the
run against it. The figure is the source's: the curve on :math:`[-10, 10]` and the path
as red points.

.. note:: **Erratum (source 000).** The source's loop appends each point to its
   ``history`` *after* the update, so the history, and the red points of its
   figure, begin at the first iterate 4.0 and miss the start :math:`x_0 = 5`. Its
   figure shows 50 of the 51 points of the run; the figure below marks the missing
   one (:ref:`errata-000-start`). The source also calls its 50 updates
   ``epochs``; an epoch is a pass over a training set, and here there is no data:
   they are 50 *steps* (:ref:`errata-000-words`).
"""

# %%
# The source's code
# -----------------
# The source's loop, as it wrote it (its unused loop counter ``i`` named ``_``). It
# keeps the iterates in a list and prints nothing; the page prints the last iterate
# and the length of the history.
import numpy as np


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

# %%
# With gdbook
# -----------
# :func:`gdbook.gradient_descent` takes the gradient as a function and keeps the
# whole history in a :class:`gdbook.Trace`: the start and the 50 iterates (51
# points), the gradient used at each step, and here the loss at each point. Its
# iterates are the source's, to the last bit:
import gdbook

trace = gdbook.gradient_descent(
    gdbook.parabola.grad, x_start, lr=learning_rate, steps=epochs, loss=gdbook.parabola
)
print(trace)
print("gdbook, x after 50 steps:", trace.x)
print("gdbook, points in the trace:", len(trace.xs))
print("same bits:", np.array_equal(trace.xs[1:], history))

# %%
# The closed form
# ---------------
# The last iterate, the closed form :math:`(1 - 2\eta)^{50} x_0 = 5 \cdot 0.8^{50}`,
# and their difference:
closed_form = (1 - 2 * learning_rate) ** epochs * x_start
print("closed form (1 - 2 lr)^50 x0:", closed_form)
print("difference:", trace.x - closed_form)

# %%
# The two agree to about 14 significant digits, but not to the last bit. They are
# two different computations in floating point. Neither 0.1 nor 0.8 has an exact
# binary representation. The descent rounds twice in each of its 50 updates
# (``lr * grad``, then the subtraction, each to the nearest float64), while the
# closed form rounds ``1 - 2 * 0.1`` once, then raises it to the 50th power and
# multiplies by 5. Each rounding is tiny (at most about :math:`10^{-16}` relative),
# but they differ between the two routes, and a hundred of them add up to a relative
# difference of a few times :math:`10^{-15}`: the difference is rounding, not a bug.
print("relative difference:", (trace.x - closed_form) / closed_form)

# %%
# Plot
# ----
# The source's figure, with its own plotting code, from its ``history``; one line
# is added, to mark the start that the history misses (the erratum above).
import matplotlib.pyplot as plt

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
# gdbook's figure of the same run: :func:`gdbook.plot.path_on_curve` draws the
# curve and every point :math:`(x_k, f(x_k))` of the trace, the start included, and
# :func:`gdbook.plot.loss_curve` the loss :math:`f(x_k) = 25 \cdot 0.64^k`, a
# straight line on a logarithmic axis (each step multiplies it by :math:`0.8^2`).
# The steps shrink as the slope flattens: the step is :math:`\eta f'(x_k)`,
# proportional to the slope, so the points crowd near the minimum.
from gdbook.plot import loss_curve, path_on_curve

fig, (ax_path, ax_loss) = plt.subplots(1, 2, figsize=(10, 4))
path_on_curve(
    gdbook.parabola, trace, xlim=(-10, 10), ax=ax_path, label="gradient descent path"
)
ax_path.set_title("The 51 points of the trace")
loss_curve(trace.losses, log=True, ax=ax_loss, label="f(x_k), lr = 0.1")
ax_loss.set_xlabel("step k")
ax_loss.set_title("The loss falls geometrically: 25 · 0.64^k")
fig.tight_layout()
plt.show()
