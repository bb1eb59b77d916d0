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
