"""The code of sources 001, 002 and 004, kept verbatim (but for layout) as a reference.

The tests check that gdbook reproduces these loops on the sources' examples. Nothing
here is used by gdbook itself. (Kept apart from ``book.py``, which holds the code of
source 003, so that chapters can be added without touching each other's files.)
"""

import numpy as np


def source_001_fit(X, Y, learning_rate, epochs):
    """Source 001's ``gradient_descent`` with its ``gradient`` and ``mse_loss``."""

    def mse_loss(y_true, y_pred):
        return np.mean((y_true - y_pred) ** 2)

    def gradient(X, Y, m, b):
        n = len(X)
        grad_m = -2 / n * np.sum(X * (Y - (m * X + b)))
        grad_b = -2 / n * np.sum(Y - (m * X + b))
        return grad_m, grad_b

    m = 0
    b = 0
    history = []
    for _ in range(epochs):
        grad_m, grad_b = gradient(X, Y, m, b)
        m -= learning_rate * grad_m
        b -= learning_rate * grad_b
        loss = mse_loss(Y, m * X + b)
        history.append(loss)
    return m, b, history


def source_002_gd_lines():
    """Source 002's gradient descent for y = w x: the lines it prints."""
    x_data = [1.0, 2.0, 3.0, 4.0]
    y_data = [2.0, 4.0, 6.0, 8.0]
    w = 1.0

    def forward(x):
        return w * x

    def const(xs, ys):
        const = 0
        for x, y in zip(xs, ys, strict=True):
            const += (forward(x) - y) ** 2
        return const / len(xs)

    def gradient(xs, ys):
        grad = 0
        for x, y in zip(xs, ys, strict=True):
            grad += 2 * x * (w * x - y)
        return grad / len(xs)

    lines = [f"Predict (befortraining) {4} {forward(4)}"]
    for epoch in range(100):
        const_val = const(x_data, y_data)
        grad_val = gradient(x_data, y_data)
        w = w - 0.01 * grad_val
        lines.append(f"Epoch: {epoch} w= {w} cost= {const_val}")
    lines.append(f"Predict(after training) {4} {forward(4)}")
    return lines


def source_002_sgd():
    """Source 002's "SGD" (wrong gradient, averaged): final w and prediction for 4."""
    x_data = [1.0, 2.0, 3.0]
    y_data = [2.0, 4.0, 6.0]
    w = 1.0

    def gradient(xs, ys):
        grad = 0
        for x, y in zip(xs, ys, strict=True):
            grad += 2 * w * (w * x - y)
        return grad / len(xs)

    for _ in range(100):
        grad_val = gradient(x_data, y_data)
        w -= 0.01 * grad_val
    return w, w * 4


def source_004_sgd(xs, ys, w, b, passes=500):
    """Source 004's per-sample descent on w and b (without the live plot)."""
    for _ in range(passes):
        for i in range(100):
            x = xs[i]
            y = ys[i]
            dw = 2 * x**2 * w + 2 * x * b - 2 * x * y
            db = 2 * b + 2 * x * w - 2 * y
            alpha = 0.01
            w = w - alpha * dw
            b = b - alpha * db
    return w, b


def source_004_beans(counts):
    """Source 004's ``get_beans2`` (numpy's global generator: seed it first)."""
    xs = np.random.rand(counts)  # noqa: NPY002 (the source's legacy call)
    xs = np.sort(xs)
    ys = np.array([(0.7 * x + (0.5 - np.random.rand()) / 5 + 0.5) for x in xs])  # noqa: NPY002
    return xs, ys


def source_004_costs(xs, ys, ws, bs):
    """Source 004's double loop over the grid (``m`` is the number of beans)."""
    m = len(xs)
    rows = []
    for b in bs:
        es = []
        for w in ws:
            y_pre = w * xs + b
            e = np.sum((ys - y_pre) ** 2) * (1 / m)
            es.append(e)
        rows.append(es)
    return np.array(rows)
