"""The sources' own code, kept verbatim (but for layout) as a reference.

The tests check that gdbook reproduces these functions to the last bit on the
sources' examples, and that it does not share their defects. Nothing here is used by
gdbook itself.
"""

import numpy as np


def numerical_gradient_no_batch(f, x):
    """``_numerical_gradient_no_batch`` of source 003 (mutates and truncates x)."""
    h = 1e-4
    grad = np.zeros_like(x)
    for idx in range(x.size):
        tmp_val = x[idx]
        x[idx] = float(tmp_val) + h
        fxh1 = f(x)
        x[idx] = tmp_val - h
        fxh2 = f(x)
        grad[idx] = (fxh1 - fxh2) / (2 * h)
        x[idx] = tmp_val
    return grad


def numerical_gradient(f, X):
    """The book's ``numerical_gradient``: the loop above, row by row for 2-D input."""
    if X.ndim == 1:
        return numerical_gradient_no_batch(f, X)
    grad = np.zeros_like(X)
    for idx, x in enumerate(X):
        grad[idx] = numerical_gradient_no_batch(f, x)
    return grad


def gradient_descent(f, init_x, lr=0.01, step_num=100):
    """``gradient_descent`` of source 003 (history without the final point)."""
    x = init_x
    x_history = []
    for _ in range(step_num):
        x_history.append(x.copy())
        grad = numerical_gradient(f, x)
        x -= lr * grad
    return x, np.array(x_history)


def softmax(x):
    """The book's ``common/functions.softmax``."""
    if x.ndim == 2:
        x = x.T
        x = x - np.max(x, axis=0)
        y = np.exp(x) / np.sum(np.exp(x), axis=0)
        return y.T
    x = x - np.max(x)
    return np.exp(x) / np.sum(np.exp(x))


def cross_entropy_error(y, t):
    """The book's ``common/functions.cross_entropy_error``."""
    if y.ndim == 1:
        t = t.reshape(1, t.size)
        y = y.reshape(1, y.size)
    if t.size == y.size:
        t = t.argmax(axis=1)
    batch_size = y.shape[0]
    return -np.sum(np.log(y[np.arange(batch_size), t] + 1e-7)) / batch_size


def function_2(x):
    """``function_2`` of source 003: x0**2 + x1**2."""
    return x[0] ** 2 + x[1] ** 2


# -- Source 000: the network of the backpropagation by hand ---------------------------

# The source's code as printed (its statements put back on separate lines, with the
# Chinese labels translated): typos and the missing d_loss_w_1_23 kept.
BACKPROP_AS_PRINTED = """
x_1 = 40.0
x_2 = 80.0
expected_output = 60.0
w_1_11 = 0.5
w_1_12 = 0.5
w_1_13 = 0.5
w_1_21 = 0.5
w_1_22 = 0.5
w_1_23 = 0.5
w_2_11 = 1.0
w_2_21 = 1.0
w_2_31 = 1.0
z_1 = x_1 *w_1_11 +x2*w1_21
z_2 = x_1 * w_1_12 + x_2 * w_1_22
Z_3 = x_1 * w_1_13 + X_2 * w_1_23
y_pred = z_1 * w_2_11+ z_2 * w_2_21+ z_3 * w_2_31
print("Forward-pass prediction:", y_pred)
loss = 0.5 *( expected_output - y_pred)**2
print("Current loss: ",loss)
d_loss_predicted_output = -( expected_output - y_pred)
d_loss_w_2_11 = d_loss_predicted_output * z_1
d_loss_w_2_21 = d_loss_predicted_output * z_2
d_loss_w_2_31 = d_loss_predicted_output * z_3
print(d_loss_w_2_11,d_loss_w_2_21,d_loss_w_2_31)
d_loss_w_1_11 = d_loss_predicted_output *w_2_11 *x_1
d_loss_w_1_21 = d_loss_predicted_output * w_2_11 *x_2
d_loss_w_1_12 = d_loss_predicted_output * w_2_21 *x_1
d_loss_w_1_22 = d_loss_predicted_output * w_2_21 * x_2
d_loss_w_1_13 = d_loss_predicted_output*w_2_31 *x_1
learning_rate = 1e-5
w_2_11 -= learning_rate * d_loss_w_2_11
w_2_21 -= learning_rate * d_loss_w_2_21
w_2_31 -= learning_rate * d_loss_w_2_31
w_1_11 -= learning_rate * d_loss_w_1_11
w_1_12 -= learning_rate * d_loss_w_1_12
w_1_13 -= learning_rate * d_loss_w_1_13
w_1_21 -= learning_rate * d_loss_w_1_21
w_1_22 -= learning_rate * d_loss_w_1_22
w_1_23 -= learning_rate * d_loss_w_1_23
z_1 = x_1 * w_1_11 + x_2 * w_1_21
z_2 = x_1 * w_1_12+ x_2* w_1_22
Z_3 = x_1 * w_1_13+ x_2 * w_1_23
y_pred = z_1 * w_2_11 + z_2 * w_2_21 + z_3 * w_2_31
print("Final: ",y_pred)
loss = 0.5 *(expected_output - y_pred)**2
print("Current loss: ", loss)
"""


def backprop_by_hand():
    """Source 000's network with its typos corrected; returns what it prints."""
    x_1 = 40.0
    x_2 = 80.0
    expected_output = 60.0
    w_1_11 = w_1_12 = w_1_13 = w_1_21 = w_1_22 = w_1_23 = 0.5
    w_2_11 = w_2_21 = w_2_31 = 1.0
    z_1 = x_1 * w_1_11 + x_2 * w_1_21
    z_2 = x_1 * w_1_12 + x_2 * w_1_22
    z_3 = x_1 * w_1_13 + x_2 * w_1_23
    y_pred = z_1 * w_2_11 + z_2 * w_2_21 + z_3 * w_2_31
    printed = {"prediction": y_pred}
    loss = 0.5 * (expected_output - y_pred) ** 2
    printed["loss"] = loss
    d_loss_predicted_output = -(expected_output - y_pred)
    d_loss_w_2_11 = d_loss_predicted_output * z_1
    d_loss_w_2_21 = d_loss_predicted_output * z_2
    d_loss_w_2_31 = d_loss_predicted_output * z_3
    printed["output_gradients"] = (d_loss_w_2_11, d_loss_w_2_21, d_loss_w_2_31)
    d_loss_w_1_11 = d_loss_predicted_output * w_2_11 * x_1
    d_loss_w_1_21 = d_loss_predicted_output * w_2_11 * x_2
    d_loss_w_1_12 = d_loss_predicted_output * w_2_21 * x_1
    d_loss_w_1_22 = d_loss_predicted_output * w_2_21 * x_2
    d_loss_w_1_13 = d_loss_predicted_output * w_2_31 * x_1
    d_loss_w_1_23 = d_loss_predicted_output * w_2_31 * x_2  # missing in the source
    printed["input_gradients"] = (
        (d_loss_w_1_11, d_loss_w_1_12, d_loss_w_1_13),
        (d_loss_w_1_21, d_loss_w_1_22, d_loss_w_1_23),
    )
    learning_rate = 1e-5
    w_2_11 -= learning_rate * d_loss_w_2_11
    w_2_21 -= learning_rate * d_loss_w_2_21
    w_2_31 -= learning_rate * d_loss_w_2_31
    w_1_11 -= learning_rate * d_loss_w_1_11
    w_1_12 -= learning_rate * d_loss_w_1_12
    w_1_13 -= learning_rate * d_loss_w_1_13
    w_1_21 -= learning_rate * d_loss_w_1_21
    w_1_22 -= learning_rate * d_loss_w_1_22
    w_1_23 -= learning_rate * d_loss_w_1_23
    z_1 = x_1 * w_1_11 + x_2 * w_1_21
    z_2 = x_1 * w_1_12 + x_2 * w_1_22
    z_3 = x_1 * w_1_13 + x_2 * w_1_23
    y_pred = z_1 * w_2_11 + z_2 * w_2_21 + z_3 * w_2_31
    printed["final_prediction"] = y_pred
    loss = 0.5 * (expected_output - y_pred) ** 2
    printed["final_loss"] = loss
    printed["W1"] = ((w_1_11, w_1_12, w_1_13), (w_1_21, w_1_22, w_1_23))
    printed["W2"] = ((w_2_11,), (w_2_21,), (w_2_31,))
    return printed


def numerical_diff(f, x):
    """``numerical_diff`` of source 003: the central difference, h = 1e-4."""
    h = 1e-4
    return (f(x + h) - f(x - h)) / (2 * h)


def func_temp1(x0):
    """Source 003's x0**2 + x1**2 with x1 fixed at 4."""
    return x0**2 + 4**2


class simpleNet:  # the book's name
    """The book's ``simpleNet``, with the weights given (the book draws them)."""

    def __init__(self, W):
        self.W = np.array(W, dtype=float)  # the book: np.random.randn(2, 3)

    def predict(self, x):
        return np.dot(x, self.W)

    def loss(self, x, t):
        z = self.predict(x)
        y = softmax(z)
        return cross_entropy_error(y, t)


# -- Source 000: gradient descent on x**2, animated, and on x**2 + y**2 -------------


def f(x):
    """Source 000's f(x) = x**2."""
    return x**2


def df(x):
    """Source 000's f'(x) = 2x."""
    return 2 * x


def parabola_gradient_descent(x_start, learning_rate, epochs):
    """Source 000's ``gradient_descent`` on x**2: the iterates, without the start."""
    x = x_start
    history = []
    for _ in range(epochs):
        grad = df(x)
        x -= learning_rate * grad
        history.append(x)
    return history


def animate_x(i, x_start=5.0, learning_rate=0.1):
    """The x that source 000's ``animate(i)`` computes (not an iterate)."""
    return x_start - i * learning_rate * df(x_start - i * learning_rate)


# Source 000's animation as printed (its lines put back on separate lines). It needs
# f, df, x_start, learning_rate and epochs from the listing before it.
ANIMATION_AS_PRINTED = """
import numpy as np
import matplotlib.pyplot as plt
import matplotlib.animation as animation
fig, ax = plt.subplots(figsize=(10, 6))
x_values = np.linspace(-10, 10, 400)
y_values = [f(x) for x in x_values]
ax.plot(x_values, y_values, label="f(x) = x^2")
line, = ax.plot([], [], 'ro', animated=True)
ax.set_xlim(-10, 10)
ax.set_ylim(0, 100)
ax.set_xlabel("x")
ax.set_ylabel("f(x)")
ax.set_title("Gradient Descent Animation for f(x) = x^2")
def init():
    line.set_data([], [])
    return line,
def animate(i):
    x = x_start - i * learning_rate * df(x_start - i * learning_rate)
    y = f(x)
    line.set_data(x, y)
    return line,
ani = animation.FuncAnimation(fig, animate, init_func=init, frames=epochs,
                              interval=100, blit=True)
"""


def f_xy(x, y):
    """Source 000's f(x, y) = x**2 + y**2."""
    return x**2 + y**2


def grad_f(x, y):
    """Source 000's gradient of x**2 + y**2."""
    dfdx = 2 * x
    dfdy = 2 * y
    return np.array([dfdx, dfdy])


def bowl_gradient_descent(x_start, y_start, learning_rate, epochs):
    """Source 000's 3D ``gradient_descent``: rows (x, y, f), without the start."""
    path = []
    x, y = x_start, y_start
    for _ in range(epochs):
        grad = grad_f(x, y)
        x, y = x - learning_rate * grad[0], y - learning_rate * grad[1]
        path.append((x, y, f_xy(x, y)))
    return np.array(path)


def bowl_figure(path, *, computed_zorder=True):
    """Source 000's 3D figure of the path (its plotting code), smaller; no show()."""
    import matplotlib.pyplot as plt

    fig = plt.figure(figsize=(5, 4), dpi=80)
    ax = fig.add_subplot(111, projection="3d", computed_zorder=computed_zorder)
    X = np.linspace(-2, 2, 100)
    Y = np.linspace(-2, 2, 100)
    X, Y = np.meshgrid(X, Y)
    Z = f_xy(X, Y)
    ax.plot_surface(X, Y, Z, rstride=1, cstride=1, cmap="viridis", alpha=0.8)
    x_vals, y_vals, z_vals = path[:, 0], path[:, 1], path[:, 2]
    ax.plot(x_vals, y_vals, z_vals, "r-", label="Gradient Descent Path")
    ax.set_xlabel("X")
    ax.set_ylabel("Y")
    ax.set_zlabel("Z")
    ax.set_title("Gradient Descent in 3D")
    return fig
