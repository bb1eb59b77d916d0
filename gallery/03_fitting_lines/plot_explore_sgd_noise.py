"""
Explore: the noise floor of SGD, learning rate and batch size
=============================================================

Two sliders for mini-batch SGD fitting a line to 100 beans (E15, source 004): the
learning rate :math:`\\eta` and the batch size :math:`B`. With a constant rate SGD
does not settle at the least-squares line: its loss jitters above the minimum, at a
*noise floor*, which rises with :math:`\\eta` and falls as :math:`B` grows.
"""

# %%
from gdbook import beans, explore

xs, ys = beans(100)
learning_rates = [0.01, 0.03, 0.1, 0.2, 0.4, 0.6]
sgd_explorable = explore.sgd_noise_explorer(
    xs,
    ys,
    lrs=learning_rates,
    batch_sizes=[1, 2, 5, 10, 25, 100],
    epochs=30,
    tail=10,
    rng=0,
    default_lr=0.1,
    default_batch_size=1,
)
sgd_explorable

# %%
# What the sliders show
# ---------------------
# :func:`gdbook.explore.sgd_noise_explorer` runs :func:`gdbook.fit_line_sgd` on the
# beans for every learning rate and batch size (the same seed, so the same visiting
# order in every run), 30 epochs each. The first panel shows the loss minus the
# least-squares minimum at each update (log scale) and its mean over the last 10
# epochs (dashed); the table shows that mean for every pair. Each update follows the
# gradient of :math:`B` beans, which is not zero at the minimum; the average of
# :math:`B` gradients is less noisy (its variance is about :math:`1/B` of one
# bean's), so the floor falls as the batch grows. A batch of all 100 beans is batch
# gradient descent: no noise, no floor, but one update per epoch. Small rates and big
# batches have not finished converging in 30 epochs: their mean is the distance still
# to go, not a floor (the curve is still falling).
#
# Down a column the floor rises with the rate, but in proportion only away from the
# stability limit. Batch gradient descent on this loss diverges above
# :math:`2/\lambda_{\max} \approx 0.76` (:math:`\lambda_{\max}` the largest eigenvalue
# of the loss's Hessian);
# one bean at a time is less stable still. Measured with :math:`B = 1` on the
# settled runs, the floor divided by :math:`\eta` grows by about a quarter from
# :math:`\eta = 0.1` to 0.2, doubles by 0.4 and is eight times larger at 0.6, near
# the limit:
import numpy as np

design = np.stack([xs, np.ones_like(xs)], axis=1)
lambda_max = np.linalg.eigvalsh(2 * design.T @ design / len(xs)).max()
print(f"2/lambda_max: {2 / lambda_max:.3f}")
label = "mean excess over the minimum, last 10 epochs"
for lr in learning_rates[2:]:
    floor = float(sgd_explorable.frame(lr=lr, batch_size=1).readouts[label])
    print(f"floor / eta at eta = {lr:g}: {floor / lr:.4f}   (floor {floor:.2e})")

# %%
# Three runs at a glance
# ----------------------
# The excess loss of three runs, update by update, drawn from the fits the
# explorable keeps (``sgd_explorable.runs``, in the order of the table's cells).
import matplotlib.pyplot as plt

minimum = np.mean((design @ np.linalg.lstsq(design, ys, rcond=None)[0] - ys) ** 2)
fig, ax = plt.subplots(figsize=(6.4, 3.2), layout="constrained")
fig.suptitle("SGD on the beans: the loss above its minimum, three rates and batches")
for lr, batch in ((0.4, 1), (0.1, 1), (0.1, 10)):
    k = learning_rates.index(lr) * 6 + [1, 2, 5, 10, 25, 100].index(batch)
    fit = sgd_explorable.runs[k]
    updates = np.arange(len(fit.losses)) / fit.updates_per_epoch
    ax.semilogy(updates, fit.losses - minimum, lw=0.8, label=f"η = {lr:g}, B = {batch}")
ax.set(xlabel="epoch", ylabel="loss − minimum")
ax.legend(ncols=3, loc="lower center", bbox_to_anchor=(0.5, 1.0), frameon=False)
plt.show()

# %%
# The source, checked
# -------------------
# Source 004 runs SGD one bean per update (E15,
# :ref:`sphx_glr_auto_examples_03_fitting_lines_plot_training_on_beans.py`), source
# 002 contrasts it with batch descent (E07); this page adds the sliders. The
# figure's numbers are gdbook's: one run made directly, and what the figure shows
# for it.
from gdbook import fit_line_sgd

fit = fit_line_sgd(xs, ys, lr=0.1, epochs=30, batch_size=1, rng=0)
shown = sgd_explorable.frame(lr=0.1, batch_size=1).readouts
print("figure, loss after 30 epochs:", shown["loss after 30 epochs"])
print("gdbook, loss after 30 epochs:", f"{fit.loss:.6g}")
print("figure, line:", shown["line after 30 epochs"])
print("gdbook, line:", f"y = {fit.slope:.6g} x + {fit.intercept:.6g}")
