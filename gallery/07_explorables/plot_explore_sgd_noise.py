"""
Explore: the noise floor of SGD, learning rate and batch size
=============================================================

Source 004 fits a line to 100 beans by stochastic gradient descent, one bean per
update (E15), and source 002 contrasts SGD with batch descent (E07). With a
constant learning rate, SGD does not settle at the least-squares line: each update
follows the gradient of a few beans, which is not zero at the minimum, so the loss
ends up jittering above its minimum, at a *noise floor*. The floor rises with the
learning rate :math:`\\eta` (bigger steps, bigger jitter) and falls with the batch
size :math:`B` (the average of :math:`B` gradients is less noisy: its variance is
about :math:`1/B` of one bean's). A batch of all 100 beans is batch descent: no
noise and no floor, but only one update per epoch.
"""

# %%
# Learning rate and batch size as sliders
# ---------------------------------------
# :func:`gdbook.explore.fit_line_sgd` runs :func:`gdbook.fit_line_sgd` on the beans
# for every learning rate and batch size (the same seed, so the same visiting order
# in every run), 30 epochs each. On the left, the loss minus the least-squares
# minimum at each update (log scale) and its mean over the last 10 epochs
# (dashed); on the right, that mean for every pair. Small rates and big batches have
# not finished converging in 30 epochs: their mean excess is not a floor yet but the
# distance still to go (the curve on the left is still falling). Where the runs have
# settled, read the table along a row (the floor falls as the batch grows) and down a
# column (it falls with the learning rate, roughly in proportion).
from gdbook import beans, explore, fit_line_sgd

xs, ys = beans(100)
sgd_explorable = explore.fit_line_sgd(
    xs,
    ys,
    lrs=[0.01, 0.03, 0.1, 0.3, 0.6],
    batch_sizes=[1, 2, 5, 10, 25, 100],
    epochs=30,
    tail=10,
    rng=0,
    default_lr=0.1,
    default_batch_size=1,
)
sgd_explorable

# %%
# The figure's numbers are gdbook's: one run made directly, and what the figure
# shows for it.
fit = fit_line_sgd(xs, ys, lr=0.1, epochs=30, batch_size=1, rng=0)
shown = sgd_explorable.frame(lr=0.1, batch_size=1).readouts
print("figure, loss after 30 epochs:", shown["loss after 30 epochs"])
print("gdbook, loss after 30 epochs:", f"{fit.loss:.6g}")
print("figure, line:", shown["line after 30 epochs"])
print("gdbook, line:", f"y = {fit.slope:.6g} x + {fit.intercept:.6g}")
