"""
Fitting a line by gradient descent
==================================

Source 001 (E05) fits a line :math:`y = m x + b` to 100 noisy points around
:math:`y = 3x` by gradient descent on the mean squared error, from
:math:`m = b = 0` with learning rate 0.01 for 100 epochs, and draws the data with
the fitted line through its entry point
``get_gradient_function(X, Y, learning_rate=0.01, epochs=100)``.

The page runs the source's code as printed, then the same fit with
:func:`gdbook.fit_line`, and checks that the two agree to the last bit. Then what
the source's text promises and its code does not show: the loss against the
iteration, and how far 100 epochs are from the best line.
"""

# %%
# The source's code
# -----------------
# The data: 100 points with :math:`x` evenly spaced on :math:`[0, 10]` and
# :math:`y = 3x` plus Gaussian noise of standard deviation 1, from numpy's global
# generator seeded with 0 (the comment reads "generate random data").
import numpy as np

# 生成随机数据
np.random.seed(0)  # noqa: NPY002
X = np.linspace(0, 10, 100)
Y = 3 * X + np.random.normal(0, 1, 100)  # noqa: NPY002

# %%
# The loss is the mean squared error (均方误差, MSE), the gradient its two partial
# derivatives,
#
# .. math:: L(m, b) = \frac1n \sum_{i=1}^n \bigl(y_i - (m x_i + b)\bigr)^2,
#    \qquad
#    \frac{\partial L}{\partial m} = -\frac2n \sum_i x_i\,(y_i - m x_i - b),
#    \qquad
#    \frac{\partial L}{\partial b} = -\frac2n \sum_i (y_i - m x_i - b),
#
# and the descent updates both parameters against the gradient, once per epoch.
# The source: "the gradient is the rate of change of the function at a given
# point; it guides each step in the steepest direction towards the target". More
# precisely, the gradient points in the direction of steepest *ascent* and its
# length is the rate of change in that direction; each step goes against it,
# downhill, by the learning rate times the gradient.


def mse_loss(y_true, y_pred):
    return np.mean((y_true - y_pred) ** 2)


def gradient(X, Y, m, b):
    n = len(X)
    grad_m = -2 / n * np.sum(X * (Y - (m * X + b)))
    grad_b = -2 / n * np.sum(Y - (m * X + b))
    return grad_m, grad_b


def gradient_descent(X, Y, learning_rate, epochs):
    m = 0
    b = 0
    history = []
    for i in range(epochs):  # noqa: B007
        grad_m, grad_b = gradient(X, Y, m, b)
        m -= learning_rate * grad_m
        b -= learning_rate * grad_b
        loss = mse_loss(Y, m * X + b)
        history.append(loss)
    return m, b, history


# %%
# The source runs this only inside ``get_gradient_function`` (below) and prints
# nothing; here is what that call computes:
m, b, history = gradient_descent(X, Y, learning_rate=0.01, epochs=100)
print("m:", m)
print("b:", b)
print("final MSE:", history[-1])
print("losses in history:", len(history))

# %%
# ``history`` holds the loss *after* each of the 100 updates: the loss at the start,
# :math:`L(0, 0)`, is not in it.
#
# The same fit with gdbook
# ------------------------
# :func:`gdbook.noisy_line` draws the same points from a private generator (it
# leaves numpy's global one alone), and :func:`gdbook.fit_line` runs the same
# descent, vectorised, keeping every line and its loss from the start to the end:
# 101 of each, where the source's ``history`` holds 100.
from gdbook import fit_line, noisy_line

x, y = noisy_line(100)
fit = fit_line(x, y, lr=0.01, epochs=100, slope0=0.0, intercept0=0.0)
print("gdbook m:", fit.slope)
print("gdbook b:", fit.intercept)
print("gdbook final MSE:", fit.loss)
print("same data, bit for bit:", np.array_equal(x, X) and np.array_equal(y, Y))
print("same m and b, bit for bit:", (fit.slope, fit.intercept) == (m, b))
print("same losses (history is losses[1:]):", np.array_equal(fit.losses[1:], history))

# %%
# The source's figure
# -------------------
# ``get_gradient_function`` runs the descent, then draws the data as points and the
# fitted line in red. The source calls it as below.
#
# .. note:: **Erratum (source 001).** The text says this function "draws how the
#    loss changes with the iteration" (绘制出损失函数随迭代次数的变化). It does
#    not: it draws the data and the final line, the figure below, and throws
#    ``history`` away. And its names mislead: ``gradient_function`` is the fitted
#    line :math:`x \mapsto m x + b`, not a gradient, and ``get_gradient_function``
#    gets nothing (it returns ``None``). The loss curve the text promises is drawn
#    in the next section, from the source's own ``history``. See
#    :ref:`errata-001`.
import matplotlib.pyplot as plt


def get_gradient_function(X, Y, learning_rate, epochs):
    m, b, history = gradient_descent(X, Y, learning_rate, epochs)  # noqa: RUF059

    def gradient_function(x):
        return m * x + b

    plt.scatter(X, Y)
    plt.plot(X, gradient_function(X), color="red")
    plt.xlabel("x")
    plt.ylabel("y")
    plt.title("Gradient Descent")
    plt.show()


returned = get_gradient_function(X, Y, learning_rate=0.01, epochs=100)
print("get_gradient_function returns:", returned)

# %%
# The loss against the iteration
# ------------------------------
# The figure the text describes, from the source's own ``history`` (left). The
# first few updates do almost all the work; then the loss creeps towards the
# lowest any line can reach, about 1.0, the variance of the noise, which no line
# can remove. On the right, how far above that lowest loss each update is (the
# least-squares line, computed in the next section), on a log scale: after the
# first drop, a straight line, the loss getting closer by the same small factor at
# every update.
best_m, best_b = np.polyfit(X, Y, 1)
lowest = mse_loss(Y, best_m * X + best_b)
print("loss at the start, L(0, 0):", fit.losses[0])
print("loss after the first update:", history[0])

fig, (linear, excess) = plt.subplots(1, 2, figsize=(9, 3.8))
iterations = np.arange(1, len(history) + 1)
linear.plot(iterations, history)
linear.set_ylabel("MSE")
linear.set_title("The loss against the iteration")
excess.semilogy(iterations, np.array(history) - lowest)
excess.set_ylabel("MSE − lowest MSE")
excess.set_title("Above the lowest loss, log scale")
for ax in (linear, excess):
    ax.set_xlabel("iteration (epoch)")
    ax.grid(True, alpha=0.3)
fig.tight_layout()
plt.show()

# %%
# Not yet the best line
# ---------------------
# The source says the descent "updates m and b over and over until the loss
# reaches its minimum" and that the red line is "the optimal solution found by
# gradient descent" (最优解). Its loop stops after 100 epochs, whatever the loss.
# The best line, by least squares (``np.polyfit``), and the same descent run 50
# times longer:
print("least-squares m:", best_m)
print("least-squares b:", best_b)
print("least-squares MSE:", lowest)
longer = fit_line(x, y, lr=0.01, epochs=5000)
print("after 5000 epochs, m:", longer.slope)
print("after 5000 epochs, b:", longer.intercept)
print("after 5000 epochs, MSE:", longer.loss)

# %%
# .. note:: **Erratum (source 001).** After 100 epochs the line is not the optimum:
#    its intercept is 0.350 where the best line's is 0.208, and its loss is about
#    half a percent above the lowest. At this learning rate the descent takes some
#    5000 epochs to get there.
#    See :ref:`errata-001`.
#
# Why so slow? The loss is a bowl in :math:`(m, b)` whose curvatures along its two
# axes are the eigenvalues of its Hessian,
# :math:`H = \frac2n \begin{pmatrix} \sum x_i^2 & \sum x_i \\ \sum x_i & n
# \end{pmatrix}`. Along each axis the distance to the bottom shrinks by the
# factor :math:`1 - \eta\lambda` per update: fast along the steep axis, which is
# nearly the slope :math:`m`, and by only half a percent per update along the
# flat one, which is nearly the intercept :math:`b`. The learning rate cannot be
# raised to help: it must stay below :math:`2/\lambda_{\max}` or the steep axis
# diverges.
n = len(X)
sx, sxx = np.sum(X), np.sum(X**2)
hessian = 2 / n * np.array([[sxx, sx], [sx, n]])
flat, steep = np.linalg.eigvalsh(hessian)
print("curvature of the flat axis:", flat)
print("curvature of the steep axis:", steep)
print("factor per update along the flat axis:", 1 - 0.01 * flat)
print("largest stable learning rate, 2/lambda_max:", 2 / steep)
