"""
Fitting a line by gradient descent
==================================

Source 001 (E05) fits a line :math:`y = m x + b` to 100 noisy points around
:math:`y = 3x` by gradient descent on the mean squared error

.. math:: L(m, b) = \\frac1n \\sum_{i=1}^n \\bigl(y_i - (m x_i + b)\\bigr)^2,

starting from :math:`m = b = 0` with learning rate 0.01 for 100 epochs. Its entry
point, ``get_gradient_function(X, Y, learning_rate=0.01, epochs=100)``, draws the
data with the fitted line; its text also promises the loss against the iteration,
which its code records (``history``) but never draws: both are shown here.
"""

# %%
# The data
# --------
# The source draws the noise with ``np.random.seed(0)`` and ``np.random.normal``.
# :func:`gdbook.noisy_line` draws the same numbers from a private
# ``numpy.random.RandomState(0)`` (the legacy Mersenne-Twister stream, the only
# one that reproduces the source's figures; numpy's modern ``default_rng(0)``
# draws different ones), without reseeding numpy's global generator.
from gdbook import fit_line, noisy_line

X, Y = noisy_line(100, slope=3.0, noise=1.0, rng=0)

# %%
# Batch gradient descent
# ----------------------
# The gradient of the loss is
#
# .. math:: \frac{\partial L}{\partial m} = -\frac2n \sum_i x_i\,(y_i - m x_i - b),
#    \qquad
#    \frac{\partial L}{\partial b} = -\frac2n \sum_i (y_i - m x_i - b),
#
# the source's ``gradient``. :func:`gdbook.fit_line` makes one update per epoch
# with it (vectorised, by :func:`gdbook.least_squares_gradient`) and keeps every
# line and its loss, from the start to the end.
fit = fit_line(X, Y, lr=0.01, epochs=100, slope0=0.0, intercept0=0.0)
print("m =", fit.slope)
print("b =", fit.intercept)
print("final MSE =", fit.loss)

# %%
# The history holds 101 losses: the start and one after each of the 100 updates.
# The source's loop records the loss *after* each update, so its ``history`` has
# 100 entries and lacks the start; it is ``fit.losses[1:]``, and its last entry is
# the final MSE above. The plot below shows all 101, the start included.
print(len(fit.losses), "losses, from", fit.losses[0], "to", fit.losses[-1])
fit

# %%
# The source's entry point
# ------------------------
# ``get_gradient_function`` kept as a thin wrapper: it fits with
# :func:`gdbook.fit_line` and draws with :func:`gdbook.plot.data_with_line`: the
# data as points and the fitted line in red.
import matplotlib.pyplot as plt

from gdbook.plot import data_with_line, loss_curve


def get_gradient_function(X, Y, learning_rate, epochs):
    """Source 001's entry point: fit by gradient descent, draw data and line."""
    line = fit_line(X, Y, lr=learning_rate, epochs=epochs)
    _, ax = plt.subplots(figsize=(7, 4.5))
    data_with_line(X, Y, line.slope, line.intercept, ax=ax)
    ax.set_title("Gradient Descent: the data and the fitted line")
    return line


get_gradient_function(X, Y, learning_rate=0.01, epochs=100)
plt.show()

# %%
# The loss against the iteration
# -------------------------------
# The loss falls from about 303 to about 1.01, near the variance of the noise,
# which no line can remove. On a log scale the first updates do almost all the
# work: the slope is found within a few epochs, while the intercept, along which
# the cost bowl is much flatter, overshoots and is still drifting slowly back
# towards the least-squares line when the run stops.
fig, (linear, logarithmic) = plt.subplots(1, 2, figsize=(9, 4))
loss_curve(fit.losses, ax=linear)
loss_curve(fit.losses, ax=logarithmic, log=True)
linear.set_title("MSE against the iteration")
logarithmic.set_title("The same, log scale")
fig.tight_layout()
plt.show()
