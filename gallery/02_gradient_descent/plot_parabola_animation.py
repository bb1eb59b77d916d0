"""
Gradient descent on the parabola, animated
==========================================

Source 000 (E03) turns the descent of :math:`f(x) = x^2` from :math:`x_0 = 5`
(learning rate 0.1, 50 steps) into an animation: a red point moving down the curve,
one frame per step, with matplotlib's ``FuncAnimation``. Its code uses ``f``,
``df``, ``x_start``, ``learning_rate`` and ``epochs`` from the listing before it
(:ref:`sphx_glr_auto_examples_02_gradient_descent_plot_parabola_descent.py`), so
this page defines them again first.

.. note:: **Erratum (source 000).** The source's ``animate(i)`` does not show the
   descent. It computes

   .. math:: x = x_0 - i \\cdot \\eta \\cdot f'(x_0 - i \\cdot \\eta)
             = 5 - i + 0.02\\, i^2,

   a formula in the frame number :math:`i`, not the iterate
   :math:`x_i = (1 - 2\\eta)^i x_0`: its point sweeps past the minimum to
   :math:`-7.5` and climbs back to about 4. See
   :ref:`errata-000-animation-formula`.

.. note:: **Erratum (source 000).** It does not run either, on a current
   matplotlib: ``line.set_data(x, y)`` is given two numbers, where matplotlib wants
   sequences, and the first frame stops with ``RuntimeError: x must be a
   sequence`` (deprecated in matplotlib 3.7, an error since 3.9). The corrected
   ``animate`` below draws the true iterates, ``line.set_data([x], [y])``. See
   :ref:`errata-000-animation-raises`.
"""

# %%
# The run to animate
# ------------------
# The source's descent loop of the page before, and its parameters:
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

# %%
# The source's animation, as printed
# ----------------------------------
# The source's figure and its two functions, ``init`` and ``animate``, as it wrote
# them (the figure smaller). ``FuncAnimation`` calls ``init`` once, then
# ``animate(i)`` for each frame ``i``; here ``animate(1)`` is called directly, to
# see what happens.
import matplotlib.pyplot as plt

fig, ax = plt.subplots(figsize=(7, 4.5))
x_values = np.linspace(-10, 10, 400)
y_values = [f(x) for x in x_values]
ax.plot(x_values, y_values, label="f(x) = x^2")
(line,) = ax.plot([], [], "ro", animated=True)
ax.set_xlim(-10, 10)
ax.set_ylim(0, 100)
ax.set_xlabel("x")
ax.set_ylabel("f(x)")
ax.set_title("Gradient Descent Animation for f(x) = x^2")


def init():
    line.set_data([], [])
    return (line,)


def animate(i):
    x = x_start - i * learning_rate * df(x_start - i * learning_rate)
    y = f(x)
    line.set_data(x, y)
    return (line,)


try:
    animate(1)
except RuntimeError as error:
    print("source's animate(1):", f"{type(error).__name__}: {error}")
# sphinx_gallery_defer_figures


# %%
# Had it run, its point would not have followed the descent. The :math:`x` of its
# formula at each frame, against the true iterates :math:`x_i`:
def source_animate_x(i):
    """The x of the source's ``animate(i)``: not a gradient-descent iterate."""
    return x_start - i * learning_rate * df(x_start - i * learning_rate)


frames = np.arange(epochs)
source_xs = np.array([source_animate_x(i) for i in frames])
print("source's formula, lowest x:", source_xs.min(), "at frame", source_xs.argmin())
print("source's formula at the last frame (i = 49):", source_xs[-1])
print("true iterate x_49:", history[48])
# sphinx_gallery_defer_figures

# %%
# The source's animation, corrected
# ---------------------------------
# The same figure and ``init``; ``animate(i)`` now draws the :math:`i`-th point of
# the run, given as a sequence. The start is put back in front of the source's
# history (which misses it, see the page before), so the 51 frames show
# :math:`x_0` to :math:`x_{50}`.
import matplotlib.animation as animation

path = [x_start, *history]


def animate(i):  # corrected
    x = path[i]
    y = f(x)
    line.set_data([x], [y])
    return (line,)


ani = animation.FuncAnimation(
    fig, animate, init_func=init, frames=len(path), interval=100, blit=True
)

# %%
# Run as a script, ``plt.show()`` opens a window where the animation plays. As the
# source warns, that needs matplotlib and a display that can show it; without one
# (a server, a test), save it instead, ``ani.save("descent.mp4")``, which needs
# ffmpeg (:func:`gdbook.plot.use_bundled_ffmpeg` finds the one that the
# ``imageio-ffmpeg`` package ships).
#
# With gdbook
# -----------
# :func:`gdbook.gradient_descent` computes the same 51 points, and the corrected
# ``animate`` draws exactly them, frame by frame:
import gdbook

trace = gdbook.gradient_descent(
    gdbook.parabola.grad, x_start, lr=learning_rate, steps=epochs
)
drawn = []
for i in range(len(path)):
    animate(i)
    drawn.append(line.get_xdata()[0])
print("frames:", len(trace.xs), "from x =", trace.xs[0], "to x =", trace.x)
print("same bits:", np.array_equal(drawn, trace.xs))

# %%
# :func:`gdbook.plot.animate_path_on_curve` makes the same animation from a trace:
# frame :math:`k` shows :math:`x_k` in red and the points before it, faded. The
# axes are the source's: :math:`x \in [-10, 10]`, :math:`f \in [0, 100]`. The point
# moves fast at first and slows down near the minimum, where the slope, and so the
# step, is small.
from gdbook.plot import animate_path_on_curve

fig, ax = plt.subplots(figsize=(7, 4.5))
anim = animate_path_on_curve(
    gdbook.parabola, trace, xlim=(-10, 10), ylim=(0, 100), ax=ax, interval=100
)
ax.set_title("Gradient descent animation for f(x) = x², with the path so far")
plt.show()

# %%
# Where the source's formula goes
# -------------------------------
# The source's frames against the true iterates. Its :math:`x` is a parabola in the
# frame number: it overshoots to :math:`-7.5` at frame 25 and comes back, while the
# descent approaches 0 geometrically from one side (:math:`0.8^k > 0`).
fig, ax = plt.subplots(figsize=(7, 3.5))
ax.plot(frames, source_xs, "s-", markersize=3, color="C7", label="source's animate(i)")
steps = np.arange(len(trace.xs))
ax.plot(steps, trace.xs, "o-", markersize=3, color="C3", label="gradient descent x_k")
ax.axhline(0, color="k", linewidth=0.8)
ax.set_xlabel("frame / step")
ax.set_ylabel("x")
ax.set_title("The source's formula is not the descent")
ax.legend()
plt.show()
# The page's thumbnail: this figure, not an animation (a GIF weighs much more).
# sphinx_gallery_thumbnail_number = 3
