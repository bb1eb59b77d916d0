"""
Why vectorise
=============

The sources compute their gradients with Python loops over the samples (source 002's
``for x, y in zip(xs, ys): grad += 2 * x * (w * x - y)``), or with numpy sums over
whole arrays (source 001). Both compute the same gradient; this page times them on
the line fit of source 001 at growing sizes. This page is not an example of the
sources: it measures the two styles they use.

The timings are measured when the site is built, so they change from one build to
the next and from one machine to another; the ratio between the two styles is what
to look at.
"""

# %%
# Two ways to compute one gradient step
# -------------------------------------
# The loop visits each sample in Python: every ``+`` and ``*`` is a Python-level
# operation on a boxed float. The vectorised version,
# :func:`gdbook.least_squares_gradient`, hands whole arrays to numpy, which runs the
# same arithmetic in compiled loops.
import time

import numpy as np

import gdbook


def loop_gradient(xs, ys, m, b):
    """The sources' style: one Python iteration per sample."""
    n = len(xs)
    grad_m = grad_b = 0.0
    for x, y in zip(xs, ys, strict=True):
        residual = m * x + b - y
        grad_m += 2 * x * residual
        grad_b += 2 * residual
    return grad_m / n, grad_b / n


def fit_with_loops(xs, ys, lr, epochs):
    """Batch gradient descent for y = m x + b, gradients from the loop above."""
    m = b = 0.0
    for _ in range(epochs):
        grad_m, grad_b = loop_gradient(xs, ys, m, b)
        m, b = m - lr * grad_m, b - lr * grad_b
    return m, b


def best_of(repeats, func, *args, **kwargs):
    """Best wall-clock time of a few calls: the others measured a busy machine."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        func(*args, **kwargs)
        times.append(time.perf_counter() - start)
    return min(times)


# %%
# Both compute the same line
# --------------------------
# Source 001's data and settings: the two fits agree to rounding (the loop adds the
# samples one by one, numpy in pairs, so the last bits can differ).
X, Y = gdbook.noisy_line()
m_loop, b_loop = fit_with_loops(X.tolist(), Y.tolist(), lr=0.01, epochs=100)
fit = gdbook.fit_line(X, Y, lr=0.01, epochs=100)
print(f"loops:      m = {m_loop:.12f}, b = {b_loop:.12f}")
print(f"vectorised: m = {fit.slope:.12f}, b = {fit.intercept:.12f}")

# %%
# Time them at growing sizes
# --------------------------
# Twenty epochs of batch descent on ``n`` points of a noisy line, for ``n`` from 100
# to 30 000 (kept small so the site builds quickly).
rng = np.random.default_rng(0)
EPOCHS = 20
sizes = np.array([100, 300, 1_000, 3_000, 10_000, 30_000])
loop_times, vector_times = [], []
for n in sizes:
    xs = rng.uniform(0, 10, n)
    ys = 3 * xs + rng.normal(0, 1, n)
    loop_times.append(
        best_of(3, fit_with_loops, xs.tolist(), ys.tolist(), 0.01, EPOCHS)
    )
    vector_times.append(best_of(3, gdbook.fit_line, xs, ys, lr=0.01, epochs=EPOCHS))
loop_times, vector_times = np.array(loop_times), np.array(vector_times)

for n, t_loop, t_vec in zip(sizes, loop_times, vector_times, strict=True):
    print(
        f"n = {n:6d}: loops {t_loop * 1e3:8.2f} ms, vectorised {t_vec * 1e3:6.2f} ms, "
        f"speed-up {t_loop / t_vec:5.0f}x"
    )

# %%
# Plot
# ----
# On log-log axes both times grow as straight lines of slope about 1 (the work is
# proportional to ``n``), but the loop's line sits one to two orders of magnitude
# higher: each sample costs the loop a handful of interpreted operations, and costs
# numpy a few nanoseconds. At small ``n`` the vectorised fit's time is mostly the
# fixed cost of calling numpy, so the speed-up grows with ``n``.
import matplotlib.pyplot as plt

fig, ax = plt.subplots(figsize=(7, 4.5))
ax.loglog(sizes, loop_times, "o-", label="Python loop over samples (sources' style)")
ax.loglog(sizes, vector_times, "s-", label="vectorised with numpy (gdbook.fit_line)")
ax.set_xlabel("number of samples n")
ax.set_ylabel(f"time for {EPOCHS} epochs (s)")
ax.set_title("Batch gradient descent for a line: loop against vectorised")
ax.grid(True, which="both", alpha=0.3)
ax.legend()
plt.show()

# %%
# Past the plain formula: the kernels of ``gdbook._fast``
# -------------------------------------------------------
# :func:`gdbook.least_squares_gradient` states the formula a learner would write,
#
# .. math:: r = X w + b - y, \qquad \nabla_w L = \tfrac2n X^\top r, \qquad
#    \partial_b L = \tfrac2n \textstyle\sum_i r_i ,
#
# and computes it that way for small data. Written like that, numpy reads ``X`` from
# memory twice (once for :math:`X w`, once for :math:`X^\top r`) and allocates a
# residual of ``n`` floats. Past 256 KiB of data, gdbook hands the same sums to a
# kernel of the private module ``gdbook._fast`` that walks ``X`` in blocks small
# enough to stay in the CPU's cache: the residual of a block and its product with the
# block are computed while the block is there, so ``X`` crosses the memory bus once,
# and one-feature data is summed by two threads, one half each. The kernel adds in
# another order (block by block), so it agrees with the plain formula to rounding,
# not to the bit; for data that fits in one block it does the very same operations
# (``tests/test_fast.py`` checks both). ``nox -s bench`` measures it against the
# memory-bandwidth floor and PyTorch; here, one gradient on two million samples:
from gdbook import _fast

x_big = rng.uniform(0, 10, 2_000_000)
y_big = 3 * x_big + rng.normal(0, 1, x_big.size)


def plain_gradient(x, y, w, b):
    """The formula as written above: two passes over x, one temporary residual."""
    r = w * x + b - y
    return 2 / x.size * np.sum(x * r), 2 / x.size * np.sum(r)


def kernel_gradient(x, y, w, b):
    """The same sums from gdbook's blocked, threaded kernel."""
    sum_xr, sum_r = _fast.least_squares_sums(x, y, w, b)
    return 2 / x.size * sum_xr, 2 / x.size * sum_r


plain = plain_gradient(x_big, y_big, 2.5, 0.5)
kernel = kernel_gradient(x_big, y_big, 2.5, 0.5)
print(
    "kernel agrees with the plain formula to 1e-12:",
    np.allclose(plain, kernel, rtol=1e-12, atol=0),
)
print(
    "gdbook.least_squares_gradient uses the kernel here:",
    gdbook.least_squares_gradient(x_big, y_big, 2.5, 0.5)
    == (float(kernel[0]), float(kernel[1])),
)
t_plain = best_of(5, plain_gradient, x_big, y_big, 2.5, 0.5)
t_kernel = best_of(5, kernel_gradient, x_big, y_big, 2.5, 0.5)
print(f"plain formula {t_plain * 1e3:.1f} ms, blocked kernel {t_kernel * 1e3:.1f} ms")
