"""
Why vectorise
=============

The gradient of a line fit's loss :math:`L(w, b) = \\frac1n \\sum_i (w x_i + b -
y_i)^2` is a sum over the samples. A Python loop over them (the sources' style) pays
for every ``+`` and ``*`` in the interpreter; numpy (*vectorised* code) hands whole
arrays to compiled loops. Same gradient, one to two orders of magnitude apart. Timed
here, as the site is built, for 20 epochs of gradient descent:
"""

# %%
import time

import matplotlib.pyplot as plt
import numpy as np

import gdbook


def fit_with_loops(xs, ys, lr, epochs):
    """Batch gradient descent for y = w x + b, one Python iteration per sample."""
    w = b = 0.0
    for _ in range(epochs):
        grad_w = grad_b = 0.0
        for x, y in zip(xs, ys, strict=True):
            residual = w * x + b - y
            grad_w += 2 * x * residual
            grad_b += 2 * residual
        w, b = w - lr * grad_w / len(xs), b - lr * grad_b / len(xs)
    return w, b


def best_of(repeats, func, *args, **kwargs):
    """Best wall-clock time of a few calls: the others measured a busy machine."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        func(*args, **kwargs)
        times.append(time.perf_counter() - start)
    return min(times)


rng = np.random.default_rng(0)
sizes = np.array([100, 300, 1_000, 3_000, 10_000, 30_000])
loop_times, vector_times = [], []
for n in sizes:
    xs = rng.uniform(0, 10, n)
    ys = 3 * xs + rng.normal(0, 1, n)
    loop_times.append(best_of(3, fit_with_loops, xs.tolist(), ys.tolist(), 0.01, 20))
    vector_times.append(best_of(3, gdbook.fit_line, xs, ys, lr=0.01, epochs=20))
fig, ax = plt.subplots(figsize=(7, 4))
ax.loglog(sizes, loop_times, "o-", label="Python loop over samples (sources' style)")
ax.loglog(sizes, vector_times, "s-", label="vectorised with numpy (gdbook.fit_line)")
ax.set(xlabel="number of samples n", ylabel="time for 20 epochs (s)")
ax.grid(True, which="both", alpha=0.3)
ax.set_title("Gradient descent for a line, 20 epochs: a Python loop against numpy")
ax.legend()
plt.show()

# %%
# Both times grow in proportion to :math:`n` (slope 1 on log-log axes), the loop's
# one to two orders of magnitude higher; at small :math:`n` the vectorised fit's time
# is mostly the fixed cost of calling numpy, so the speed-up grows with :math:`n`.
# The timings change from one build and one machine to the next; the ratio is what
# to look at:
print(f"{'n':>7}{'loop (ms)':>11}{'numpy (ms)':>12}{'speed-up':>10}")
for n, t_loop, t_vec in zip(sizes, loop_times, vector_times, strict=True):
    print(f"{n:>7}{t_loop * 1e3:>11.2f}{t_vec * 1e3:>12.2f}{t_loop / t_vec:>9.2g}x")

# %%
# The gradient, vectorised
# ------------------------
# With the residuals :math:`r = w x + b - y` as an array, the two sums are two numpy
# calls; :func:`gdbook.least_squares_gradient` computes them, and
# :func:`gdbook.fit_line` descends with them (learning rate :math:`\eta`, ``lr``):
#
# .. math:: \partial_w L = \tfrac2n \textstyle\sum_i x_i r_i, \qquad
#    \partial_b L = \tfrac2n \textstyle\sum_i r_i .
X, Y = gdbook.noisy_line()  # source 001's data
r = 0.0 * X + 0.0 - Y
print("gradient at w = b = 0:", 2 / X.size * np.sum(X * r), 2 / X.size * np.sum(r))
print("gdbook:", gdbook.least_squares_gradient(X, Y, 0.0, 0.0))

# %%
# Both styles fit the same line, to rounding (the loop adds the samples one by one,
# numpy in pairs, so the last bits can differ):
w_loop, b_loop = fit_with_loops(X.tolist(), Y.tolist(), lr=0.01, epochs=100)
fit = gdbook.fit_line(X, Y, lr=0.01, epochs=100)
print(f"loops:      m = {w_loop:.12f}, b = {b_loop:.12f}")
print(f"vectorised: m = {fit.slope:.12f}, b = {fit.intercept:.12f}")

# %%
# (``m`` is source 001's name for the slope :math:`w`.)
#
# Past the plain formula: the kernels of ``gdbook._fast``
# -------------------------------------------------------
# Written as above, numpy reads ``x`` from memory twice (once for :math:`r`, once for
# :math:`x r`) and allocates a residual of :math:`n` floats. Past 256 KiB of data,
# gdbook hands the same sums to a kernel of the private module ``gdbook._fast`` that
# walks ``x`` in blocks small enough to stay in the CPU's cache, so ``x`` crosses the
# memory bus once, and one-feature data is summed by two threads, one half each. It
# adds in another order (block by block), so it agrees with the plain formula to
# rounding, not to the bit (``tests/test_fast.py`` checks it; ``nox -s bench``
# measures it against the memory-bandwidth floor and PyTorch). One gradient on two
# million samples:
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


plain = np.array(plain_gradient(x_big, y_big, 2.5, 0.5))
kernel = np.array(kernel_gradient(x_big, y_big, 2.5, 0.5))
print(f"kernel against the plain formula, relative difference: "
      f"{np.abs(kernel / plain - 1).max():.0e}")  # fmt: skip
t_plain = best_of(5, plain_gradient, x_big, y_big, 2.5, 0.5)
t_kernel = best_of(5, kernel_gradient, x_big, y_big, 2.5, 0.5)
print(f"plain formula {t_plain * 1e3:.1f} ms, blocked kernel {t_kernel * 1e3:.1f} ms")
