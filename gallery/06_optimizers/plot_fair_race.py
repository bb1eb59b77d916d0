r"""
A fair race
===========

Races between optimizers are all over the web, and most are unfair: each method runs
at a learning rate :math:`\eta` someone picked. A learning rate is part of the method,
so here every method gets the same budget, 500 gradient evaluations, and the same
tuning, the best of ten rates :math:`10^{-4}, 3\cdot 10^{-4}, \ldots, 1, 3` (two per
decade, every other setting at PyTorch's default). No method wins every race.
"""

# %%
# The usual race on Beale's function, Adam at a rate tuned for it against gradient
# descent at a rate picked by hand, and the fair one, where gradient descent also
# gets its best rate of the grid below:
import matplotlib.pyplot as plt

from gdbook import beale, gradient_descent
from gdbook.optimizers import adam, sgd
from gdbook.plot import loss_curve

fig, ax = plt.subplots(figsize=(7, 3.4), layout="constrained")
for name, optimizer, style in [
    ("Adam, η = 0.3 (its best)", adam(0.3), "-"),
    ("gradient descent, η = 0.001 (picked)", sgd(0.001), ":"),
    ("gradient descent, η = 0.03 (its best)", sgd(0.03), "--"),
]:
    trace = gradient_descent(beale.grad, [1.0, 1.5], steps=500, optimizer=optimizer)
    losses = beale.value_at(trace.xs[:, 0], trace.xs[:, 1])
    print(f"{name}, loss after 500 evaluations: {losses[-1]:.1e}")
    loss_curve(losses, ax=ax, log=True, label=name, linestyle=style,
               xlabel="gradient evaluations")  # fmt: skip
ax.axhline(1e-6, color="k", linewidth=0.8, label="target")
ax.legend(fontsize=8)
ax.set_title("Beale's function: a rate picked by hand is not a race")
plt.show()

# %%
# The problems
# ------------
# Each problem is a function, a start and a *target* loss at which a run has finished:
# :math:`10^{-6}` on the curved valley of Rosenbrock's function, the plateaus of
# Beale's, the quadratic :math:`\tfrac12 (w_0^2 + 100\, w_1^2)` and the same quadratic
# turned by 45 degrees; :math:`-1` on the saddle :math:`w_0^2 - w_1^2` (a run started
# near its ridge has escaped). A rate's run *wins* when it reaches the target in the
# fewest evaluations (ties: the smaller rate), or, when no rate does, ends lowest. A
# run that blows up is out from there.
import numpy as np

from gdbook import Objective, beale, quadratic, rosenbrock, saddle

bowl100 = quadratic(condition=100)  # ½ (w₀² + 100 w₁²)
turn = np.array([[1.0, -1.0], [1.0, 1.0]]) / np.sqrt(2)  # 45 degrees
H = np.array([[50.5, -49.5], [-49.5, 50.5]])  # turn · diag(1, 100) · turnᵀ, exactly


turned = Objective(
    name="½ xᵀHx, the quadratic turned by 45°",
    value=lambda x: (
        0.5 * (H[0, 0] * x[0] ** 2 + 2 * H[0, 1] * x[0] * x[1] + H[1, 1] * x[1] ** 2)
    ),
    gradient=lambda x: np.array(
        [H[0, 0] * x[0] + H[0, 1] * x[1], H[1, 0] * x[0] + H[1, 1] * x[1]]
    ),
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


# %%
# The grid
# --------
# :mod:`gdbook.optimizers` has the six rules with PyTorch's names and defaults:
# gradient descent, momentum (:math:`\beta = 0.9`), Nesterov's momentum, AdaGrad,
# RMSProp and Adam, and :func:`gdbook.gradient_descent` runs any of them with
# ``optimizer=``: every method with every rate on every problem, 300 runs.
# ``losses[k]`` is the loss after :math:`k` gradient evaluations; a run that blows
# up (a coordinate beyond :math:`10^{100}`, or no longer finite, where gdbook's loop
# stops it) keeps an infinite loss from there.
from gdbook.optimizers import adagrad, momentum, rmsprop

optimizers = {
    "gradient descent": sgd,
    "momentum": momentum,
    "nesterov": lambda lr: momentum(lr, nesterov=True),
    "adagrad": adagrad,
    "rmsprop": rmsprop,
    "adam": adam,
}
methods = list(optimizers)
lrs = [1e-4, 3e-4, 1e-3, 3e-3, 1e-2, 3e-2, 0.1, 0.3, 1.0, 3.0]
budget = 500


def losses_along(f, xs):
    """``f`` at every point of a run, padded to the budget; inf from where it has
    blown up."""
    losses = np.full(budget + 1, np.inf)
    inside = np.cumprod((abs(xs) < 1e100).all(axis=-1)).astype(bool)
    losses[: len(xs)][inside] = f.value_at(xs[inside, 0], xs[inside, 1])
    return losses


grid = {}  # (problem, method): evaluations to the target and final loss, per rate
runs = {}  # (problem, method, lr): the points of each run
for problem, (f, start, target) in problems.items():
    for method, optimizer in optimizers.items():
        needed, finals = [], []
        for lr in lrs:
            run = gradient_descent(f.grad, start, steps=budget, optimizer=optimizer(lr))
            xs = run.xs
            losses = losses_along(f, xs)
            hit = np.flatnonzero(losses <= target)
            needed.append(int(hit[0]) if hit.size else None)
            finals.append(losses[-1])
            runs[problem, method, lr] = xs
        grid[problem, method] = (needed, finals)


def best_rate(evaluations, final_losses):
    """The protocol: fewest evaluations to the target (ties: the smaller rate);
    if no rate reaches it, the lowest final loss."""
    reached = [i for i, n in enumerate(evaluations) if n is not None]
    if reached:
        return lrs[min(reached, key=lambda i: evaluations[i])]
    return lrs[int(np.argmin(final_losses))]


winners = {key: best_rate(*result) for key, result in grid.items()}
# Each winner's run, until its target or the end of its budget:
paths = {}
for (problem, method), lr in winners.items():
    needed = grid[problem, method][0][lrs.index(lr)]
    end = budget if needed is None else needed
    paths[problem, method] = runs[problem, method, lr][: end + 1]

# %%
# The races
# ---------
# Each winning run on its problem (triangle: the start, star: the minimum), and the
# loss against the gradient evaluations (dashed: the target).
from gdbook.plot import descent_path

names = ["gradient descent", "momentum", "Nesterov", "AdaGrad", "RMSProp", "Adam"]
views = {  # problem: (xlim, ylim, contour levels)
    "Rosenbrock": ((-2.0, 2.0), (-1.0, 3.0), [1, 10, 100, 1000]),
    "Beale": ((-0.5, 4.5), (-1.5, 3.0), [1, 5, 20, 100]),
    "quadratic": ((-3.5, 3.5), (-3.5, 3.5), [1, 5, 20, 80]),
    "turned quadratic": ((-3.5, 3.5), (-3.5, 3.5), [1, 5, 20, 80]),
    "saddle": ((-1.5, 1.5), (-1.5, 1.5), [-1, 0, 1]),
}
fig, axes = plt.subplots(2, 5, figsize=(12, 5), layout="constrained")
for col, (problem, (xlim, ylim, levels)) in enumerate(views.items()):
    f, start, target = problems[problem]
    top, bottom = axes[0, col], axes[1, col]
    descent_path(f, [start], xlim=xlim, ylim=ylim, levels=levels, num=80, ax=top,
                 aspect="auto", label=None, labels=("$w_0$", "$w_1$"))  # fmt: skip
    for i, (method, name) in enumerate(zip(methods, names, strict=True)):
        xs = paths[problem, method]
        top.plot(xs[:, 0], xs[:, 1], color=f"C{i}", lw=1.0, label=name)
        losses = f.value_at(xs[:, 0], xs[:, 1])
        log = f.minimum is not None
        loss_curve(losses, ax=bottom, log=log, color=f"C{i}", xlabel="evaluations")
    top.plot(*start, "k^", markersize=6)
    if f.minimum is not None:
        top.plot(*f.minimum, "k*", markersize=9)
    bottom.axhline(target, color="k", linestyle="--", linewidth=0.8)
    bottom.set_ylim(*((-2.0, 1.0) if f.minimum is None else bottom.get_ylim()))
    top.set_title(problem)
fig.suptitle("The fair race: each method at its best rate, 500 gradient evaluations")
fig.legend(*axes[0, 0].get_legend_handles_labels(), loc="outside lower center", ncol=6)
plt.show()

# %%
# The results
# -----------
# Gradient evaluations to the target at the winning rate ("-": no rate reached it),
# then the winning rates, then how many of the ten rates reached the target at all,
# which says how forgiving a method is to tune:
short = {"Rosenbrock": "Rosenb.", "Beale": "Beale", "quadratic": "quadr.",
         "turned quadratic": "turned", "saddle": "saddle"}  # fmt: skip
header = f"{'':18}" + "".join(f"{short[p]:>8}" for p in problems)
for title, cell in [
    ("evaluations", lambda r, lr: r[0][lrs.index(lr)] or "-"),
    ("winning rate", lambda r, lr: f"{lr:g}"),
    ("rates that reach", lambda r, lr: f"{sum(n is not None for n in r[0])}/10"),
]:  # fmt: skip
    print(f"{title}\n{header}")
    for method, name in zip(methods, names, strict=True):
        row = [cell(grid[p, method], winners[p, method]) for p in problems]
        print(f"{name:18}" + "".join(f"{c:>8}" for c in row))
    print()

# %%
# What the race shows
# -------------------
# The fastest method changes from one problem to the next, and each win has a
# reason that the problem supplies as much as the method:
#
# - **Rosenbrock**: momentum at 0.003 is the only run of 60 to reach the target; at
#   0.01 it overflows. A grid two rates per decade wide decides races.
# - **Beale**: Adam is fastest, and forgives most (3 rates of 10 reach the target).
# - **The quadratic**: RMSProp and AdaGrad reach the target in 6 and 7 evaluations:
#   dividing each coordinate's step by its gradients' size undoes the different
#   curvatures of an axis-aligned bowl
#   (:ref:`sphx_glr_auto_examples_06_optimizers_plot_adaptive_steps.py`). The
#   criterion rewards a wild run: RMSProp's first step is :math:`10\eta` in each
#   coordinate, 30 at rate 3, far out of the figure.
# - **The turned quadratic**: gradient descent and both momentums make the same
#   runs as on the quadratic, turned, since their updates commute with a rotation.
#   AdaGrad and RMSProp lose their lead (every coordinate now has curvature
#   :math:`H_{ii} = 50.5`); Nesterov wins.
# - **The saddle**: AdaGrad, RMSProp and Adam escape in one evaluation, gradient
#   descent needs 7; why is
#   :ref:`sphx_glr_auto_examples_06_optimizers_plot_escaping_a_saddle.py`.
