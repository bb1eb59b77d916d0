"""
Descending in w and b together, one bean at a time
==================================================

Source 004 (E15) fits :math:`\\hat y = w x + b` to 100 beans by stochastic gradient
descent: 500 passes over the beans, in their stored order, with one update per
bean,

.. math:: w \\leftarrow w - \\alpha\\,(2x^2 w + 2xb - 2xy), \\qquad
   b \\leftarrow b - \\alpha\\,(2b + 2xw - 2y), \\qquad \\alpha = 0.01,

the partial derivatives of one bean's squared error :math:`(wx + b - y)^2`. It
redraws the line after each pass with ``plt.pause``, a live window that a web page
cannot show: here the run becomes an animation, with the point :math:`(w, b)`
moving on the contour of the cost beside the line.
"""

# %%
# Compute
# -------
# The snippet does not show where :math:`w` and :math:`b` start. The earlier part of
# the same tutorial series fits the slope alone from ``w = 0.1``; we start from
# :math:`w = b = 0.1` (our choice, not the source's). It hardly matters: after
# 500 passes the run forgets its start (from (0, 0) or (1, 1) it ends within
# :math:`10^{-14}` of the same line), and the start only shapes the first frames.
from gdbook import beans, fit_line_sgd

xs, ys = beans(100)
fit = fit_line_sgd(
    xs,
    ys,
    slope0=0.1,
    intercept0=0.1,
    lr=0.01,
    epochs=500,
    batch_size=1,
    shuffle=False,  # the source's order: for i in range(100)
)
w, b = fit.slope, fit.intercept
print(w, b)
print("updates:", fit.steps_taken, "final MSE:", fit.loss)

# %%
# With a constant step, per-sample descent does not stop at the least-squares line
# but cycles through the beans around it; in the fixed order the cycle repeats
# exactly, and the line at the end of each pass stops moving: the last passes
# change nothing that the printout can show.
fit

# %%
# The animation
# -------------
# The frames sample the 50,000 updates geometrically (the line moves most in the
# first pass) up to the end of pass 500; the right panel is the contour of
# :math:`e(w, b)` computed by :func:`gdbook.line_cost_grid`, with the path taken.
import numpy as np

from gdbook import line_cost_grid
from gdbook.plot import line_fit_animation, use_bundled_ffmpeg

use_bundled_ffmpeg()  # lets a downloaded script save the video without ffmpeg
grid_w = np.linspace(-0.2, 1.6, 61)
grid_b = np.linspace(-0.2, 1.0, 61)
costs = line_cost_grid(xs, ys, grid_w, grid_b)
frames = np.unique(np.geomspace(1, fit.steps_taken, 49).astype(int))
frames = np.concatenate([[0], frames])


def caption(k):
    """Title of the frame showing the line after update k."""
    passes, bean = divmod(k, fit.updates_per_epoch)
    pass_number = passes + 1 if bean else passes
    line = f"w = {fit.slopes[k]:.3f}, b = {fit.intercepts[k]:.3f}"
    return f"pass {pass_number}, update {k}: {line}"


animation = line_fit_animation(
    xs,
    ys,
    fit.slopes,
    fit.intercepts,
    frames=frames,
    ws=grid_w,
    bs=grid_b,
    costs=costs,
    caption=caption,
)

# %%
# The final line over the beans, as the source's last frame shows it.
import matplotlib.pyplot as plt

from gdbook.plot import data_with_line

fig, ax = plt.subplots(figsize=(7, 4.5))
data_with_line(xs, ys, w, b, ax=ax)
ax.set_xlim(0, 1)
ax.set_ylim(0, 1.2)
ax.set_title("After 500 passes: the line through the beans")
plt.show()
