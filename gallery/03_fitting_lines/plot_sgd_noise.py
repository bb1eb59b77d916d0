"""
Where the noise of SGD shows
============================

On noisy data the samples disagree: at the best line the gradient of the loss over
all samples is zero, but one sample's gradient is not. So stochastic gradient
descent with a constant learning rate :math:`\\eta` never settles; it jitters around
the minimum, within a band that narrows with *mini-batches* of :math:`B` samples
(each update averages :math:`B` samples' gradients). This page is not an example of
the sources: it extends the SGD of source 002 to the beans of source 004.
"""

# %%
# The loss against the epoch for gradient descent (all 100 beans per update), SGD
# (:math:`B = 1`) and mini-batches of :math:`B = 10`, :math:`\eta = 0.1`, 30 epochs
# (:func:`gdbook.fit_line`, :func:`gdbook.fit_line_sgd`).
import matplotlib.pyplot as plt
import numpy as np

from gdbook import beans, fit_line, fit_line_sgd, least_squares_gradient

x, y = beans(100)
runs = {
    "gradient descent": fit_line(x, y, lr=0.1, epochs=30),
    "SGD (B = 1)": fit_line_sgd(x, y, lr=0.1, epochs=30, rng=1),
    "mini-batch (B = 10)": fit_line_sgd(x, y, lr=0.1, epochs=30, batch_size=10, rng=1),
}
fig, ax = plt.subplots(figsize=(7, 4.2))
for name, run in runs.items():
    ax.semilogy(np.arange(len(run.losses)) / run.updates_per_epoch, run.losses,
                label=name, lw=1)  # fmt: skip
ax.set_xlabel("epoch (passes over the data)")
ax.set_ylabel("L (mean squared error, log scale)")
ax.set_title("Beans, η = 0.1: SGD is fast but noisy")
ax.legend()
ax.grid(True, alpha=0.3)
plt.show()

# %%
# The gradients in numpy
# ----------------------
# At the least-squares line (``np.polyfit``) the gradient over all beans is zero
# up to rounding; each bean's own gradient is not:
best_w, best_b = np.polyfit(x, y, 1)
r = y - (best_w * x + best_b)
full = np.hypot(-2 * np.mean(x * r), -2 * np.mean(r))
per_bean = np.hypot(-2 * x * r, -2 * r)
print(f"full gradient at the best line, length: {full:.0e}")
print(f"largest one-bean gradient there, length: {per_bean.max():.2f}")

# %%
# What it shows
# -------------
# Gradient descent is still far from the bottom after 30 updates; SGD gets there
# within an epoch or two, then keeps jumping around it; mini-batches jump less:
lowest = np.mean(r**2)
print("run                    updates   final L − lowest L")
for name, run in runs.items():
    print(f"{name:22} {run.steps_taken:7d} {run.loss - lowest:19.1e}")

# %%
# How high that jitter stays:
# :ref:`sphx_glr_auto_examples_06_optimizers_plot_noise_floor.py`; and how to get
# below it by lowering :math:`\eta` as the run goes on:
# :ref:`sphx_glr_auto_examples_06_optimizers_plot_schedules.py`.
#
# The source, checked
# -------------------
# Source 002 says SGD keeps moving where gradient descent stops. That is what the
# per-bean gradients show, computed here by :func:`gdbook.least_squares_gradient`,
# and the exact figures of the runs:
full = least_squares_gradient(x, y, best_w, best_b)
one_bean = [
    np.hypot(*least_squares_gradient(x[i : i + 1], y[i : i + 1], best_w, best_b))
    for i in range(100)
]
print("full gradient at the least-squares line, length:", np.hypot(*full))
print("one bean's gradient there, largest length:", max(one_bean))
for name, run in runs.items():
    print(f"{name}, updates:", run.steps_taken)
    print(f"{name}, final MSE:", run.loss)
