"""The code of sources 001, 002 and 004, kept verbatim (but for layout) as a reference.

The tests check that gdbook, and the pages, reproduce these listings on the sources'
examples, and they run the listings as printed to check each erratum. Nothing here
is used by gdbook itself. (Kept apart from ``book.py``, which holds the code of
source 003, so that chapters can be added without touching each other's files.)

Where a source's listing leaves something out (source 004 never defines ``m``,
``xs``, ``ys``, nor the start ``w``, ``b``), it is a parameter here. Everything else
is the source's code: its names, its order of operations, its Python loops.
"""

import numpy as np

# --- Source 001 ---------------------------------------------------------------------


def source_001_data():
    """Source 001's data: ``np.random.seed(0)``, then 100 points around y = 3x.

    The global generator's state is restored afterwards, so that calling this
    changes nothing for the caller.
    """
    state = np.random.get_state()  # noqa: NPY002
    try:
        np.random.seed(0)  # noqa: NPY002 (the source's legacy call)
        X = np.linspace(0, 10, 100)
        Y = 3 * X + np.random.normal(0, 1, 100)  # noqa: NPY002
    finally:
        np.random.set_state(state)  # noqa: NPY002
    return X, Y


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


def source_001_get_gradient_function(X, Y, learning_rate, epochs):
    """Source 001's entry point, as printed (it draws with pyplot and returns None).

    Returns what the source's function returns and the figure it drew on, so that a
    test can check what the figure shows.
    """
    import matplotlib.pyplot as plt

    def get_gradient_function(X, Y, learning_rate, epochs):
        m, b, history = source_001_fit(X, Y, learning_rate, epochs)  # noqa: RUF059

        def gradient_function(x):
            return m * x + b

        plt.scatter(X, Y)
        plt.plot(X, gradient_function(X), color="red")
        plt.xlabel("x")
        plt.ylabel("y")
        plt.title("Gradient Descent")
        plt.show()

    plt.figure()
    returned = get_gradient_function(X, Y, learning_rate, epochs)
    return returned, plt.gcf()


# --- Source 002 ---------------------------------------------------------------------


def source_002_gd(learning_rate=0.01, epochs=100):
    """Source 002's gradient descent for y = w x, its learning rate a parameter.

    Returns the lines it prints, its ``mse_list`` (the cost at the start of each
    epoch) and the final ``w``.
    """
    x_data = [1.0, 2.0, 3.0, 4.0]
    y_data = [2.0, 4.0, 6.0, 8.0]
    mse_list = []
    w = 1.0

    def forward(x):
        return w * x

    def const(xs, ys):
        const = 0
        for x, y in zip(xs, ys, strict=True):
            y_pred = forward(x)
            const += (y_pred - y) ** 2
        return const / len(xs)

    def gradient(xs, ys):
        grad = 0
        for x, y in zip(xs, ys, strict=True):
            grad += 2 * x * (w * x - y)
        return grad / len(xs)

    lines = [f"Predict (befortraining) {4} {forward(4)}"]
    for epoch in range(epochs):
        const_val = const(x_data, y_data)
        grad_val = gradient(x_data, y_data)
        w = w - learning_rate * grad_val
        mse_list.append(const_val)
        lines.append(f"Epoch: {epoch} w= {w} cost= {const_val}")
    lines.append(f"Predict(after training) {4} {forward(4)}")
    return lines, mse_list, w


def source_002_gd_lines():
    """Source 002's gradient descent for y = w x: the lines it prints."""
    return source_002_gd()[0]


def source_002_sgd_as_printed(y_data=(2.0, 4.0, 6.0), epochs=100):
    """Source 002's "SGD" listing as printed (batch descent, wrong gradient).

    ``y_data`` may be changed to show where the wrong gradient leads on data off
    the line. Returns the lines it prints, its ``mse_list`` and the final ``w``.
    """
    x_data = [1.0, 2.0, 3.0]
    y_data = list(y_data)
    w = 1.0

    def forward(x):
        return w * x

    def cost(xs, ys):
        cost = 0
        for x, y in zip(xs, ys, strict=True):
            y_pred = forward(x)
            cost += (y_pred - y) ** 2
        return cost / len(xs)

    def gradient(xs, ys):
        grad = 0
        for x, y in zip(xs, ys, strict=True):
            grad += 2 * w * (w * x - y)
        return grad / len(xs)

    mse_list = []
    lines = []
    for epoch in range(epochs):
        cost_val = cost(x_data, y_data)
        grad_val = gradient(x_data, y_data)
        w -= 0.01 * grad_val
        mse_list.append(cost_val)
        lines.append(f"Epoch: {epoch} w= {w} cost= {cost_val}")
    lines.append(f"Predict(after training) {4} {forward(4)}")
    return lines, mse_list, w


def source_002_sgd():
    """Source 002's "SGD" (wrong gradient, averaged): final w and prediction for 4."""
    _, _, w = source_002_sgd_as_printed()
    return w, w * 4


def real_sgd_002(seed=0, epochs=100):
    """What source 002's text describes: one random sample per update, seeded.

    The source's data and learning rate; each epoch visits the three samples in
    the order of ``Generator.permutation``. Returns w after every update (the start
    included) and the mean squared error there.
    """
    x_data = [1.0, 2.0, 3.0]
    y_data = [2.0, 4.0, 6.0]
    rng = np.random.default_rng(seed)
    w = 1.0

    def cost(w):
        return sum((w * x - y) ** 2 for x, y in zip(x_data, y_data, strict=True)) / 3

    ws, costs = [w], [cost(w)]
    for _ in range(epochs):
        for i in rng.permutation(len(x_data)):
            x, y = x_data[i], y_data[i]
            grad = 2 * x * (w * x - y)
            w -= 0.01 * grad
            ws.append(w)
            costs.append(cost(w))
    return ws, costs


# --- Source 004 ---------------------------------------------------------------------


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


def source_004_beans_seeded(counts, seed=0):
    """``get_beans2`` drawing from a seeded Generator instead of the global one."""
    generator = np.random.default_rng(seed)
    xs = generator.random(counts)
    xs = np.sort(xs)
    ys = np.array([(0.7 * x + (0.5 - generator.random()) / 5 + 0.5) for x in xs])
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


def source_004_curves_3d(xs, ys, zlim=None):
    """Source 004's 3D listing as printed; ``zlim=(0, 2)`` adds its ``set_zlim``.

    Returns the figure and the 3D axes it drew on.
    """
    import matplotlib.pyplot as plt

    m = len(xs)
    fig = plt.figure()
    ax = fig.add_subplot(111, projection="3d")
    if zlim is not None:
        ax.set_zlim(*zlim)
    ws = np.arange(-1, 2, 0.1)
    bs = np.arange(-2, 2, 0.1)
    for b in bs:
        es = []
        for w in ws:
            y_pre = w * xs + b
            e = np.sum((ys - y_pre) ** 2) * (1 / m)
            es.append(e)
        ax.plot(ws, es, b, zdir="y")
    return fig, ax


def descend_together(xs, ys, w, b, alpha, target, limit=100_000):
    """Gradient descent on e(w, b), both partial derivatives at the same point.

    Counts the updates until e is within ``target`` of its minimum value. The
    partial derivatives are source 001's formulas.
    """
    n = len(xs)
    lowest = _lowest_cost(xs, ys)
    path = [(w, b)]
    while np.mean((ys - (w * xs + b)) ** 2) - lowest > target and len(path) <= limit:
        grad_w = -2 / n * np.sum(xs * (ys - (w * xs + b)))
        grad_b = -2 / n * np.sum(ys - (w * xs + b))
        w, b = w - alpha * grad_w, b - alpha * grad_b
        path.append((w, b))
    return np.array(path)


def descend_in_turn(xs, ys, w, b, alpha, target, limit=100_000):
    """Source 004's "two cuts": a step in w (b fixed), then a step in b (w fixed).

    Counts the rounds (one step in each) until e is within ``target`` of its
    minimum value; the path holds both half-steps of each round.
    """
    n = len(xs)
    lowest = _lowest_cost(xs, ys)
    path = [(w, b)]
    while np.mean((ys - (w * xs + b)) ** 2) - lowest > target and len(path) <= limit:
        w = w - alpha * (-2 / n * np.sum(xs * (ys - (w * xs + b))))
        path.append((w, b))
        b = b - alpha * (-2 / n * np.sum(ys - (w * xs + b)))
        path.append((w, b))
    return np.array(path)


def _lowest_cost(xs, ys):
    """The least-squares cost, from numpy's own solver."""
    A = np.column_stack([xs, np.ones_like(xs)])
    (w, b), *_ = np.linalg.lstsq(A, ys, rcond=None)
    return np.mean((ys - (w * xs + b)) ** 2)


# --- Source 004's listings as printed, in order (only the line breaks restored) ------

#: The document's code blocks, each a string, in the order they appear. The first
#: is its ``dataset.py`` (``...`` stands for the unchanged rest of the file, and is
#: itself a valid Python statement). The tests run them in order, in one namespace,
#: to see where the document's code stops.
SOURCE_004_LISTINGS = (
    """\
import numpy as np
...
def get_beans2(counts):
    xs = np.random.rand(counts)
    xs = np.sort(xs)
    ys = np.array([(0.7*x+(0.5-np.random.rand())/5+0.5) for x in xs])
    return xs,ys
""",
    """\
# 生成-1到2每次递增加0.1的一组ws
ws = np.arange(-1,2,0.1)
# 生成-2到2每次递增加0.1的一组bs
bs = np.arange(-2,2,0.1)
for b in bs:
    es = []
    for w in ws:
        # 获取预测值
        y_pre = w * xs + b
        # 计算所有样本的均方误差
        e = np.sum((ys-y_pre)**2)*(1/m)
        es.append(e)
    plt.plot(ws,es)
plt.show()
# 丝滑
""",
    """\
# 50000次学习
for _ in range(500):
    for i in range(100):
        # 获取散点的值
        x = xs[i]
        y = ys[i]
        # w曲面进行斜率下降
        dw = 2*x**2*w + 2*x*b - 2*x*y
        # b曲面进行斜率下降
        db = 2*b + 2*x*w - 2*y
        # 设置阿尔法
        alpha = 0.01
        # 获取新误差值
        w = w - alpha * dw
        # 合梯度下降
        b = b - alpha * db
""",
)
