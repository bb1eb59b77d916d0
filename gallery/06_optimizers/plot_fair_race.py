r"""
A fair race
===========

This page is not an example of the sources: it goes beyond source 003 (E12), which
ran one method, gradient descent, with a learning rate too large and one too small.
Races between optimizers are all over the web (animations of Adam overtaking gradient
descent on Beale's function), and most are unfair: each method runs at a learning rate
someone picked, often a default for one and a hand-tuned rate for the favourite. A
learning rate is part of the method: a race is fair only when every method gets the
same budget and the same tuning. This page's protocol:

- **budget**: 500 gradient evaluations per run; every method here evaluates one
  gradient per update, so that is 500 updates;
- **tuning**: each method runs with each of 10 learning rates, two per decade,
  :math:`10^{-4}, 3\cdot10^{-4}, 10^{-3}, \ldots, 1, 3`; every other hyperparameter
  stays at its default, PyTorch's (momentum :math:`\mu = 0.9`, RMSProp's
  :math:`\alpha = 0.99`, Adam's :math:`\beta = (0.9, 0.999)`, and each method's
  :math:`\varepsilon`), and is not tuned;
- **criterion**: for each method and problem, the rate that reaches the target loss in
  the fewest evaluations wins (a tie goes to the smaller rate); when no rate reaches
  the target within the budget, the rate with the lowest final loss wins. A run that
  blows up is out of the race from there (a target reached before counts);
- **problems**: the curved valley of the Rosenbrock function, the plateaus of Beale's
  function, an ill-conditioned quadratic (:math:`\kappa = 100`, the problem of
  :ref:`sphx_glr_auto_examples_06_optimizers_plot_why_gd_is_slow.py`), the same
  quadratic turned by 45 degrees, and a saddle.

Six methods (gradient descent, momentum, Nesterov's momentum, AdaGrad, RMSProp, Adam),
ten rates and five problems make 300 runs. The page runs them, prints the grid's
result for every method and problem, and draws the winning runs.
"""

# %%
# The problems
# ------------
# Each problem is a function to minimise, a start and a *target*, the loss at which a
# run has finished. The minimum of the first four is 0, and their target is a loss of
# :math:`10^{-6}`. The saddle :math:`x_0^2 - x_1^2` has no minimum: started close to
# its ridge :math:`x_1 = 0`, where the gradient along :math:`x_1` is tiny, a run has
# finished when it has escaped, at a loss of :math:`-1`.
#
# The turned quadratic is the quadratic :math:`\tfrac12 (x_0^2 + 100\, x_1^2)` turned
# by 45 degrees, with its flat direction along :math:`(1, 1)` instead of :math:`x_0`,
# started from the same point turned with it: the same problem for a method that
# does not care about the axes. Its Hessian :math:`H` has the same eigenvalues, 1 and
# 100, and the diagonal :math:`(50.5, 50.5)`: each coordinate is half steep, half
# flat.
import numpy as np

from gdbook import Objective, beale, quadratic, rosenbrock, saddle

bowl100 = quadratic(condition=100)  # ½ (x₀² + 100 x₁²)
turn = np.array([[1.0, -1.0], [1.0, 1.0]]) / np.sqrt(2)  # 45 degrees
low, high = bowl100.eigenvalues
# turn · diag(low, high) · turnᵀ, written out so that its entries are exact
H = np.array([[low + high, low - high], [low - high, low + high]]) / 2
print("H of the turned quadratic:", H.tolist())
print("its eigenvalues:", np.linalg.eigvalsh(H))


def turned_gradient(x):
    """H x, at one point or at a stack of points (along the last axis)."""
    x0, x1 = x[..., 0], x[..., 1]
    return np.stack([H[0, 0] * x0 + H[0, 1] * x1, H[1, 0] * x0 + H[1, 1] * x1], axis=-1)


turned = Objective(
    name="½ xᵀHx, the quadratic turned by 45°",
    value=lambda x: (
        0.5 * (H[0, 0] * x[0] ** 2 + 2 * H[0, 1] * x[0] * x[1] + H[1, 1] * x[1] ** 2)
    ),
    gradient=turned_gradient,
    minimum=(0.0, 0.0),
)

# name: (function, start, target)
problems = {
    "Rosenbrock": (rosenbrock, [-1.2, 1.0], 1e-6),
    "Beale": (beale, [1.0, 1.5], 1e-6),
    "quadratic": (bowl100, [-2.5, 0.5], 1e-6),
    "turned quadratic": (turned, turn @ [-2.5, 0.5], 1e-6),
    "saddle": (saddle, [0.8, 1e-3], -1.0),
}
print("start of the turned quadratic:", problems["turned quadratic"][1])

# %%
# The six rules, in plain numpy
# -----------------------------
# 300 runs of 500 updates are 150 000 updates. :func:`gdbook.gradient_descent`
# checks every gradient and every point and keeps the whole history, one point at a
# time, which for 150 000 updates takes seconds. The plain loop below is several
# times faster because it runs the ten rates of a method at once, as the ten rows of
# one array of points: ``lr`` is a column, so row :math:`i` moves with rate
# ``lrs[i]``. For that the gradients must take a stack of points; they are the
# formulas of :mod:`gdbook.testfunctions`, written on the last axis.
#
# Each rule is as the optimizer pages write it, with the hyperparameters' defaults;
# Adam's arithmetic is written in the order PyTorch's (and gdbook's) does it, and
# the powers with ``np.float_power``, which computes each one with C's ``pow``, as
# Python's ``**`` on a single number does (``x ** 2`` on an array is ``x * x``,
# which rounds differently once in a thousand times). Then the runs agree with
# gdbook's to the last bit, which matters here: on a run that bounces around a
# valley instead of settling, one rounding grows until the final loss is another.
mu, alpha, beta1, beta2 = 0.9, 0.99, 0.9, 0.999
power = np.float_power


def rosenbrock_gradients(x):
    x0, x1 = x[..., 0], x[..., 1]
    return np.stack(
        [-2 * (1 - x0) - 400 * x0 * (x1 - power(x0, 2)), 200 * (x1 - power(x0, 2))],
        axis=-1,
    )


def beale_gradients(x):
    x0, x1 = x[..., 0], x[..., 1]
    t1 = 1.5 - x0 + x0 * x1
    t2 = 2.25 - x0 + x0 * power(x1, 2)
    t3 = 2.625 - x0 + x0 * power(x1, 3)
    return np.stack(
        [
            2 * t1 * (x1 - 1)
            + 2 * t2 * (power(x1, 2) - 1)
            + 2 * t3 * (power(x1, 3) - 1),
            2 * t1 * x0 + 4 * t2 * x0 * x1 + 6 * t3 * x0 * power(x1, 2),
        ],
        axis=-1,
    )


gradients = {
    "Rosenbrock": rosenbrock_gradients,
    "Beale": beale_gradients,
    "quadratic": lambda x: np.array(bowl100.eigenvalues) * x,
    "turned quadratic": turned_gradient,
    "saddle": lambda x: np.stack([2 * x[..., 0], -2 * x[..., 1]], axis=-1),
}


def race(method, gradient, start, lrs, evaluations):
    """Run ``method`` from ``start`` with every rate of ``lrs`` at once.

    Returns the points, shape ``(evaluations + 1, len(lrs), 2)``.
    """
    lr = np.array(lrs)[:, None]
    x = np.tile(np.asarray(start, dtype=float), (len(lrs), 1))
    v = np.zeros_like(x)  # momentum's velocity; Adam's mean gradient
    s = np.zeros_like(x)  # squared gradients: summed (AdaGrad) or averaged
    points = [x]
    for t in range(1, evaluations + 1):
        g = gradient(x)
        if method == "sgd":
            x = x - lr * g
        elif method in ("momentum", "nesterov"):
            v = mu * v + g
            x = x - lr * (g + mu * v if method == "nesterov" else v)
        elif method == "adagrad":
            s = s + g * g
            x = x - lr * g / (np.sqrt(s) + 1e-10)
        elif method == "rmsprop":
            s = alpha * s + (1 - alpha) * g * g
            x = x - lr * g / (np.sqrt(s) + 1e-8)
        elif method == "adam":
            v = v + (1 - beta1) * (g - v)  # beta1 v + (1 - beta1) g
            s = beta2 * s + (1 - beta2) * g * g
            x = x - lr / (1 - beta1**t) * v / (
                np.sqrt(s) / (1 - beta2**t) ** 0.5 + 1e-8
            )
        points.append(x)
    return np.array(points)


# %%
# The grid
# --------
# Every method with every rate on every problem. A run's loss is the function at
# each of its points: ``losses[k]`` is the loss after :math:`k` gradient
# evaluations. A run that blows up (a coordinate beyond :math:`10^{100}`, where the
# squares in the functions overflow) keeps an infinite loss from there on.
methods = ["sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adam"]
lrs = [1e-4, 3e-4, 1e-3, 3e-3, 1e-2, 3e-2, 0.1, 0.3, 1.0, 3.0]
budget = 500


def losses_along(f, points):
    """``f`` at every point of the runs; inf from where a run has blown up."""
    inside = np.cumprod((abs(points) < 1e100).all(axis=-1), axis=0).astype(bool)
    values = f.value_at(*np.where(inside[..., None], points, 0.0).T).T
    return np.where(inside, values, np.inf)


def finish(losses, target):
    """Evaluations each run needs to reach the target (None if it never does)."""
    with np.errstate(invalid="ignore"):
        reached = losses <= target
    return [int(np.argmax(r)) if r.any() else None for r in reached.T]


from gdbook import gradient_descent
from gdbook.optimizers import adagrad, adam, momentum, rmsprop, sgd

optimizers = {
    "sgd": sgd,
    "momentum": momentum,
    "nesterov": lambda lr: momentum(lr, nesterov=True),
    "adagrad": adagrad,
    "rmsprop": rmsprop,
    "adam": adam,
}


def gdbook_race(method, gradient, start, lrs, evaluations):
    """``race``'s points, run by gdbook one rate at a time (a run that overflows
    stops there: its points are then infinite)."""
    points = np.full((evaluations + 1, len(lrs), 2), np.inf)
    for i, lr in enumerate(lrs):
        trace = gradient_descent(
            gradient, start, steps=evaluations, optimizer=optimizers[method](lr)
        )
        points[: len(trace.xs), i] = trace.xs
    return points


grid = {}  # (problem, method): evaluations to the target and final loss, per rate
runs = {}  # (problem, method, lr): the points of each run
with np.errstate(over="ignore", invalid="ignore"):
    for problem, (f, start, target) in problems.items():
        for method in methods:
            points = gdbook_race(method, gradients[problem], start, lrs, budget)
            losses = losses_along(f, points)
            grid[problem, method] = (finish(losses, target), losses[-1])
            runs.update(
                {(problem, method, lr): points[:, i] for i, lr in enumerate(lrs)}
            )


def best_rate(evaluations, final_losses):
    """The protocol: fewest evaluations to the target (ties: the smaller rate);
    if no rate reaches it, the lowest final loss."""
    reached = [i for i, n in enumerate(evaluations) if n is not None]
    if reached:
        return lrs[min(reached, key=lambda i: evaluations[i])]
    return lrs[int(np.argmin(final_losses))]


winners = {key: best_rate(*result) for key, result in grid.items()}
print("learning rates tried:", " ".join(f"{lr:g}" for lr in lrs))
print("gradient evaluations per run:", budget)
print("runs in the grid:", len(grid) * len(lrs))

# %%
# The same runs with gdbook
# -------------------------
# :mod:`gdbook.optimizers` has every rule, with PyTorch's names and defaults
# (Nesterov's momentum is ``momentum(lr, nesterov=True)``), and
# :func:`gdbook.gradient_descent` runs any of them with ``optimizer=``, keeping the
# history in a :class:`gdbook.Trace`. The winners of the grid run again there, each
# until it reaches its target or spends its budget, and each trace is compared with
# the same run of the plain loop.
traces = {}
agree = True
for (problem, method), lr in winners.items():
    f, start, _ = problems[problem]
    needed = grid[problem, method][0][lrs.index(lr)]
    steps = budget if needed is None else needed
    trace = gradient_descent(
        f.grad, start, steps=steps, optimizer=optimizers[method](lr)
    )
    plain = race(method, gradients[problem], start, [lr], steps)[:, 0]
    agree = agree and np.array_equal(trace.xs, plain)
    traces[problem, method] = trace
print("numpy loop and gdbook agree bit for bit, all 30 winners:", agree)
print("a winner, as gdbook writes it:", traces["Beale", "adam"].optimizer)

# %%
# The results
# -----------
# For each problem and method: the winning rate; the gradient evaluations it needed
# to reach the target ("-" when no rate reached it); the loss at the end of the
# winning run (at the target, or after the whole budget); and how many of the ten
# rates reached the target at all, which says how forgiving a method is to tune.
# The losses are those of gdbook's traces.
for problem, (f, start, target) in problems.items():
    print(f"\n{problem} from {np.round(start, 4).tolist()}, target loss {target:g}")
    print(f"{'':28}{'lr':>6}{'evaluations':>13}{'final loss':>12}{'rates':>7}")
    for method in methods:
        lr = winners[problem, method]
        evaluations = grid[problem, method][0]
        needed = evaluations[lrs.index(lr)]
        hits = sum(n is not None for n in evaluations)
        loss = f(traces[problem, method].x)
        label = f"{problem}, {method}:"
        shown = "-" if needed is None else needed
        print(f"{label:<28}{lr:>6g}{shown:>13}{loss:>12.2e}{hits:>5}/10")

# %%
# The fastest method of each race, and three first steps that explain the saddle and
# the quadratic (see the last section):


def fastest(problem):
    """The methods that reached the target in the fewest evaluations."""
    needed = {m: grid[problem, m][0][lrs.index(winners[problem, m])] for m in methods}
    reached = {m: n for m, n in needed.items() if n is not None}
    if not reached:
        return "none reached the target"
    best = min(reached.values())
    names = ", ".join(m for m, n in reached.items() if n == best)
    return f"{names} ({best} evaluation{'s' if best > 1 else ''})"


for problem in problems:
    print(f"fastest, {problem}: {fastest(problem)}")
for problem, method in [
    ("saddle", "sgd"),
    ("saddle", "adam"),
    ("quadratic", "rmsprop"),
]:
    trace = traces[problem, method]
    step = np.round(trace.xs[1] - trace.xs[0], 6)
    print(f"first step, {problem}, {method} at lr {trace.lr:g}: {step}")

# %%
# The races
# ---------
# Each winning run on the contour lines of its problem, until it reaches its target
# or spends its budget, each method in its own colour; the triangle is the start, the
# star the minimum.
import matplotlib.pyplot as plt

from gdbook.plot import loss_curve, path_on_contour

views = {  # problem: (xlim, ylim, contour levels)
    "Rosenbrock": ((-2.0, 2.0), (-1.0, 3.0), [1, 10, 100, 1000]),
    "Beale": ((-0.5, 4.5), (-1.5, 3.0), [1, 5, 20, 100]),
    "quadratic": ((-3.5, 3.5), (-3.5, 3.5), [1, 5, 20, 80]),
    "turned quadratic": ((-3.5, 3.5), (-3.5, 3.5), [1, 5, 20, 80]),
    "saddle": ((-1.5, 1.5), (-1.5, 1.5), [-1, 0, 1]),
}
fig, axes = plt.subplots(2, 3, figsize=(8.4, 5.6))
for ax, (problem, (xlim, ylim, levels)) in zip(axes.flat, views.items(), strict=False):
    f, start, _ = problems[problem]
    for i, method in enumerate(methods):
        xs = traces[problem, method].xs
        style = {"color": f"C{i}", "marker": "none", "linewidth": 1.0, "label": method}
        if i == 0:
            path_on_contour(
                f,
                xs,
                xlim=xlim,
                ylim=ylim,
                levels=levels,
                num=80,
                ax=ax,
                aspect="auto",
                **style,
            )
        else:
            ax.plot(xs[:, 0], xs[:, 1], **style)
    ax.plot(*start, "k^", markersize=6)
    if f.minimum is not None:
        ax.plot(*f.minimum, "k*", markersize=9)
    ax.set_title(problem)
    ax.get_legend().remove()
handles, names = axes.flat[0].get_legend_handles_labels()
axes.flat[-1].axis("off")
axes.flat[-1].legend(handles, names, loc="center", title="each at its best rate")
fig.suptitle(
    "A fair race: the winning runs, 500 gradient evaluations, best of 10 rates"
)
fig.subplots_adjust(
    left=0.08, right=0.98, bottom=0.08, top=0.88, wspace=0.35, hspace=0.4
)
plt.show()

# %%
# The loss against the gradient evaluations, on a logarithmic scale for the four
# problems with a minimum, on a linear one for the saddle; the dashed line is the
# target.
fig, axes = plt.subplots(2, 3, figsize=(8.4, 5.6))
for ax, (problem, (f, _, target)) in zip(axes.flat, problems.items(), strict=False):
    for i, method in enumerate(methods):
        trace = traces[problem, method]
        loss_curve(
            f.value_at(trace.xs[:, 0], trace.xs[:, 1]),
            ax=ax,
            log=f.minimum is not None,
            color=f"C{i}",
            xlabel="gradient evaluations",
        )
    ax.axhline(target, color="k", linestyle="--", linewidth=0.8)
    if f.minimum is None:
        ax.set_ylim(-2.0, 1.0)
    ax.set_title(problem)
axes.flat[-1].axis("off")
axes.flat[-1].legend(handles, names, loc="center", title="each at its best rate")
fig.suptitle("A fair race: the loss against the gradient evaluations")
fig.subplots_adjust(
    left=0.08, right=0.98, bottom=0.08, top=0.88, wspace=0.35, hspace=0.4
)
plt.show()

# %%
# What the race shows
# -------------------
# No method wins every race: the fastest changes from one problem to the next (the
# lines "fastest" above), and each win has a reason that the problem supplies as much
# as the method:
#
# - **Rosenbrock**: momentum at rate 0.003 is the only run, of 60, to reach the
#   target; the same momentum at 0.01 overflows. Nesterov's best is 0.001 because
#   0.003 already overflows, so a rate between the two, which the grid does not
#   have, might have won. A grid two rates per decade wide decides races.
# - **Beale**: Adam is fastest and reaches the target with more rates (3 of 10)
#   than momentum (1 of 10).
# - **The quadratic**: RMSProp and AdaGrad reach the target in 6 and 7 evaluations.
#   Dividing each coordinate's step by the size of its gradients undoes the
#   different curvatures of an axis-aligned bowl, the very problem of
#   :ref:`sphx_glr_auto_examples_06_optimizers_plot_why_gd_is_slow.py`. And the
#   criterion rewards a wild run: RMSProp's first step at rate 3 is 30 in each
#   coordinate (printed above), far out of the figure, and it comes back in five
#   more; its best rate is the largest of the grid, where a larger one might do
#   better still.
# - **The turned quadratic**: the same bowl, turned. Gradient descent and both
#   momentums make the same runs as on the quadratic, turned (their rows of the
#   table are the same), because their updates commute with a rotation. AdaGrad
#   and RMSProp lose their lead, since every coordinate now has the same curvature
#   :math:`H_{ii} = 50.5`: AdaGrad does not reach the target, RMSProp needs 421
#   evaluations instead of 6. Nesterov wins, one evaluation ahead of Adam (which
#   was slower than both momentums on the quadratic: a turn can help too).
# - **The saddle**: AdaGrad, RMSProp and Adam escape in one evaluation. Their first
#   step is about the rate in every coordinate (RMSProp's ten times the rate),
#   however small the gradient: here 0.002 along :math:`x_1`. Gradient descent
#   moves :math:`x_1` by the rate times that gradient (0.002 at rate 1, printed
#   above), then waits for :math:`x_1` to grow by a factor :math:`1 + 2\eta` per
#   step.
#
# What the table does not say: how the ranking changes with the start, the target,
# the budget, the grid, and with the hyperparameters that stayed at their defaults
# (a momentum of 0.9 is not the best for the quadratic, see
# :ref:`sphx_glr_auto_examples_06_optimizers_plot_momentum.py`). On
# these two-variable problems the gradient is exact; in a network it is noisy, the
# variables number millions, and the evaluation that counts is the loss on data the
# training did not see. A fair comparison there is the same protocol at a larger
# scale: the same budget for every method, a grid of rates for each, and the grid,
# the criterion and every result reported, not only the winner's.
