"""
Gradient descent on the parabola, animated
==========================================

The descent of :math:`f(x) = x^2` from :math:`x_0 = 5` with learning rate
:math:`\\eta = 0.1`, one frame per step: the point moves fast at first and slows down
near the minimum, where the slope, and so the step :math:`\\eta f'(x_k)`, is small.
Source 000 (E03) animates it with matplotlib's ``FuncAnimation``; its ``animate``
draws something else, corrected at the end of the page.
"""

# %%
# :func:`gdbook.plot.descent_animation` makes the animation from a trace:
# frame :math:`k` shows :math:`x_k` in red and the points before it, faded, on the
# source's axes, :math:`x \in [-10, 10]`, :math:`f \in [0, 100]`.
import matplotlib.pyplot as plt
import numpy as np

import gdbook

lr = 0.1
trace = gdbook.gradient_descent(gdbook.parabola.grad, 5.0, lr=lr, steps=50)
from gdbook.plot import descent_animation

fig, ax = plt.subplots(figsize=(7, 4.5))
anim = descent_animation(
    gdbook.parabola, trace, xlim=(-10, 10), ylim=(0, 100), ax=ax, interval=100
)
ax.set_title("Gradient descent animation for f(x) = x², with the path so far")
plt.show()

# %%
# The frames in numpy
# -------------------
# An animation is a function of the frame number :math:`k` that draws the point
# :math:`(x_k, f(x_k))`. The iterates are :math:`x_k = (1 - 2\eta)^k x_0`, so
# frame :math:`k` can be computed directly, or read from the trace:
k = np.arange(51)
frames = (1 - 2 * lr) ** k * 5.0
gap = np.abs(frames - trace.xs).max()
print(f"largest gap between the frames and the trace: {gap:.0e}")

# %%
# What it shows
# -------------
# How far the point is from the minimum after a few frames: a fifth of the way
# per step at first, then ever shorter steps.
print(" frame k     x_k")
for i in (0, 1, 5, 10, 25, 50):
    print(f"{i:7d} {trace.xs[i]:9.3g}")

# %%
# The source, checked
# -------------------
# The source's descent loop (from
# :ref:`sphx_glr_auto_examples_02_gradient_descent_plot_parabola_descent.py`,
# whose names its animation uses) and the ``x`` its ``animate(i)`` computes:


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


def source_animate_x(i):
    """The x of the source's ``animate(i)``: not a gradient-descent iterate."""
    return x_start - i * learning_rate * df(x_start - i * learning_rate)


source_xs = np.array([source_animate_x(i) for i in range(epochs)])
print("source's formula, lowest x:", source_xs.min(), "at frame", source_xs.argmin())
print("source's formula at the last frame (i = 49):", source_xs[-1])
print("true iterate x_49:", history[48])

# %%
# .. note:: **Erratum (source 000).** The source's ``animate(i)`` does not show the
#    descent. It computes
#
#    .. math:: x = x_0 - i \cdot \eta \cdot f'(x_0 - i \cdot \eta)
#              = 5 - i + 0.02\, i^2,
#
#    a formula in the frame number :math:`i`, not the iterate
#    :math:`x_i = (1 - 2\eta)^i x_0`: its point sweeps past the minimum to
#    :math:`-7.5` and climbs back to about 4. See
#    :ref:`errata-000-animation-formula`.
fig, ax = plt.subplots(figsize=(7, 3.5))
ax.plot(range(epochs), source_xs, "s-", ms=3, color="C7", label="source's animate(i)")
ax.plot(k, trace.xs, "o-", markersize=3, color="C3", label="gradient descent x_k")
ax.axhline(0, color="k", linewidth=0.8)
ax.set_xlabel("frame / step")
ax.set_ylabel("x")
ax.set_title("The source's formula is not the descent")
ax.legend()
plt.show()

# %%
# The source's figure and its two functions, ``init`` and ``animate``, as it wrote
# them (the figure smaller). ``FuncAnimation`` calls ``init`` once, then
# ``animate(i)`` for each frame ``i``; here ``animate(1)`` is called directly.
#
# .. note:: **Erratum (source 000).** It does not run on a current matplotlib:
#    ``line.set_data(x, y)`` is given two numbers, where matplotlib wants
#    sequences, and the first frame stops with ``RuntimeError: x must be a
#    sequence`` (deprecated in matplotlib 3.7, an error since 3.9). The corrected
#    ``animate`` below draws the true iterates, ``line.set_data([x], [y])``. See
#    :ref:`errata-000-animation-raises`.
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
# The source's animation, corrected: the same figure and ``init``; ``animate(i)``
# draws the :math:`i`-th point of the run, given as a sequence. The start is put
# back in front of the source's history (which misses it), so the 51 frames show
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
# source warns, that needs a display; without one, save it instead,
# ``ani.save("descent.mp4")``, which needs ffmpeg
# (:func:`gdbook.plot.use_bundled_ffmpeg` finds the one that the ``imageio-ffmpeg``
# package ships). The corrected ``animate`` draws exactly gdbook's 51 points:
drawn = []
for i in range(len(path)):
    animate(i)
    drawn.append(line.get_xdata()[0])
print("frames:", len(trace.xs), "from x =", trace.xs[0], "to x =", trace.x)
print("same bits:", np.array_equal(drawn, trace.xs))
# The page's thumbnail: a still figure, not an animation (a GIF weighs much more).
# sphinx_gallery_thumbnail_number = 2
