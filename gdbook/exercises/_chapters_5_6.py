"""Exercises of chapter 5 (the optimizers) and 6 (making it fast)."""

from __future__ import annotations

import math

import numpy as np

from gdbook.exercises._core import Case, Exercise, Mistake


def mse_gradient(w: np.ndarray, X: np.ndarray, y: np.ndarray) -> np.ndarray:
    """The reference answer of ``write_mse_gradient``."""
    result: np.ndarray = 2 / len(y) * X.T @ (X @ w - y)
    return result


def _without_2(w: np.ndarray, X: np.ndarray, y: np.ndarray) -> np.ndarray:
    result: np.ndarray = X.T @ (X @ w - y) / len(y)
    return result


def _a_sum(w: np.ndarray, X: np.ndarray, y: np.ndarray) -> np.ndarray:
    result: np.ndarray = 2 * X.T @ (X @ w - y)
    return result


def _cases() -> tuple[Case, ...]:
    rng = np.random.default_rng(0)
    cases = []
    for n, d in ((5, 2), (50, 3), (1, 4)):
        X, w, y = rng.normal(size=(n, d)), rng.normal(size=d), rng.normal(size=n)
        cases.append(Case((w, X, y), mse_gradient(w, X, y)))
    return tuple(cases)


_G, _LR, _EPS, _W0 = 1e-3, 1e-2, 1e-8, 2.0
# Adam's first step, with and without the bias correction (betas 0.9 and 0.999).
_ADAM = _LR * _G / (abs(_G) + _EPS)
_ADAM_UNCORRECTED = _LR * (0.1 * _G) / (math.sqrt(0.001 * _G**2) + _EPS)

CHAPTER_5 = (
    Exercise(
        name="momentum_two_steps",
        chapter=5,
        title="Two steps of momentum by hand",
        statement=(
            "Momentum as PyTorch writes it: $v \\leftarrow \\beta v + \\nabla L(w)$, "
            "$w \\leftarrow w - \\eta v$, with $v = 0$ at the start. On "
            "$L(w) = w^2$ from $w_0 = 1$, with $\\eta = 0.1$ and $\\beta = 0.9$, "
            "what is $w_2$?"
        ),
        answer=0.8 - 0.1 * (0.9 * 2 + 1.6),
        working=(
            "$v_1 = 2$, $w_1 = 0.8$; $v_2 = 0.9 \\cdot 2 + 1.6 = 3.4$, "
            "$w_2 = 0.8 - 0.34 = 0.46$."
        ),
        hint="the gradient is 2w; carry v from the first step into the second.",
        mistakes=(
            Mistake(
                0.64,
                "That is plain gradient descent: v₂ adds β v₁ to the new gradient.",
            ),
            Mistake(0.8, "That is w₁: take one more step."),
        ),
    ),
    Exercise(
        name="gradient_descent_rate",
        chapter=5,
        title="The rate of gradient descent",
        statement=(
            "On a quadratic with condition number $\\kappa = 25$, gradient descent "
            "with its best fixed rate shrinks the error by a factor $\\rho$ a step. "
            "What is $\\rho$?"
        ),
        answer=(25 - 1) / (25 + 1),
        working="$\\rho = (\\kappa - 1)/(\\kappa + 1) = 24/26 \\approx 0.923$.",
        hint="with η = 2/(L + μ), both extreme directions shrink by the same factor.",
        mistakes=(
            Mistake((5 - 1) / (5 + 1), "That is momentum's rate, with √κ."),
            Mistake(1 - 1 / 25, "That is the rate with η = 1/L, not the best rate."),
        ),
    ),
    Exercise(
        name="heavy_ball_rate",
        chapter=5,
        title="The rate of the heavy ball",
        statement=(
            "With its best $\\eta$ and $\\beta$, momentum (the heavy ball) on a "
            "quadratic with $\\kappa = 100$ shrinks the error by about $\\rho$ a step. "
            "What is $\\rho$?"
        ),
        answer=(10 - 1) / (10 + 1),
        working=(
            "$\\rho = (\\sqrt\\kappa - 1)/(\\sqrt\\kappa + 1) = 9/11 \\approx 0.818$."
        ),
        hint="momentum's rate has √κ where gradient descent's has κ.",
        mistakes=(Mistake(99 / 101, "That is gradient descent's rate, with κ."),),
    ),
    Exercise(
        name="adam_first_step",
        chapter=5,
        title="Adam's first step",
        statement=(
            "Adam with $\\eta = 0.01$, $\\beta_1 = 0.9$, $\\beta_2 = 0.999$, "
            "$\\varepsilon = 10^{-8}$ and bias correction. The first gradient is "
            "$g = 0.001$. How long is the first step?"
        ),
        answer=_ADAM,
        working=(
            "With bias correction $\\hat m = g$ and $\\hat v = g^2$, so the step is "
            "$\\eta\\, g / (|g| + \\varepsilon) \\approx 0.0099990$: about $\\eta$, "
            "whatever the gradient's size."
        ),
        hint=(
            "compute m and v after one step, divide each by 1 − βᵗ, then η m̂/(√v̂ + ε)."
        ),
        rtol=1e-5,
        mistakes=(
            Mistake(
                _ADAM_UNCORRECTED, "That is 3.16 η: the bias correction is missing."
            ),
            Mistake(_LR * _G, "That is η g, plain gradient descent's step."),
        ),
    ),
    Exercise(
        name="adagrad_second_step",
        chapter=5,
        title="AdaGrad's second step",
        statement=(
            "AdaGrad on one parameter with $\\eta = 1$ and $\\varepsilon = 0$: the "
            "first gradient is 3, the second 4. How long is the second step?"
        ),
        answer=4 / math.sqrt(3**2 + 4**2),
        working=(
            "AdaGrad divides by the root of the sum of "
            "squares: $4/\\sqrt{9 + 16} = 0.8$."
        ),
        hint="AdaGrad accumulates the squared gradients.",
        mistakes=(
            Mistake(
                4 / math.sqrt((3**2 + 4**2) / 2),
                "AdaGrad keeps a running sum, not a running average (RMSProp's).",
            ),
            Mistake(1.0, "That divides by the last gradient only: keep the sum."),
        ),
    ),
    Exercise(
        name="adamw_first_step",
        chapter=5,
        title="AdamW's first step",
        statement=(
            "AdamW with $\\eta = 0.01$, weight decay $\\lambda = 0.1$ and PyTorch's "
            "other defaults, from $w_0 = 2$; the first gradient is $g = 0.5$. "
            "What is $w_1$?"
        ),
        answer=_W0 * (1 - _LR * 0.1) - _LR * 0.5 / (0.5 + _EPS),
        working=(
            "The decay shrinks $w$ by $\\eta\\lambda = 0.001$: $2 \\to 1.998$; Adam's "
            "first step is $\\eta\\, g/(|g| + \\varepsilon) \\approx 0.01$: "
            "$w_1 \\approx 1.988$."
        ),
        hint="AdamW shrinks w by the fraction ηλ, then takes Adam's step on g alone.",
        rtol=1e-7,
        mistakes=(
            Mistake(
                _W0 - _LR * 0.5 / (0.5 + _EPS),
                "That is Adam's step alone (or Adam with L2: on the first step its "
                "division undoes λw). AdamW also shrinks w by ηλ.",
            ),
            Mistake(
                _W0 * (1 - 0.1) - _LR * 0.5 / (0.5 + _EPS),
                "The decay is η λ w, not λ w: it is scaled by the rate.",
            ),
        ),
    ),
    Exercise(
        name="warmup_rate",
        chapter=5,
        title="A rate during warmup",
        statement=(
            "A linear warmup to $\\eta = 0.1$ over $W = 10$ updates with "
            "start factor $s = 0.1$ (PyTorch's `LinearLR`): "
            "$\\eta_k = \\eta\\,(s + (1 - s)\\,k/W)$, counting from $k = 0$. What is "
            "the rate of update $k = 4$?"
        ),
        answer=0.1 * (0.1 + 0.9 * 4 / 10),
        working="$0.1\\,(0.1 + 0.9 \\cdot 0.4) = 0.046$.",
        hint="the factor goes from s at k = 0 to 1 at k = W, linearly.",
        mistakes=(
            Mistake(0.1 * 4 / 10, "That starts from 0: the warmup starts at s η."),
            Mistake(0.1 * (0.1 + 0.9 * 5 / 10), "Count the updates from k = 0."),
        ),
    ),
    Exercise(
        name="clipped_step",
        chapter=5,
        title="A clipped step",
        statement=(
            "Gradient descent with $\\eta = 0.1$ and clipping by norm at $c = 5$ "
            "(PyTorch's `clip_grad_norm_`), at a point where the gradient is "
            "$(30, 40)$. How long is the step?"
        ),
        answer=0.1 * 50 * 5 / (50 + 1e-6),
        working=(
            "$\\lVert g\\rVert = 50 > 5$: the gradient is scaled by "
            "$5/(50 + 10^{-6})$, so the step is $\\eta c \\approx 0.5$ long."
        ),
        hint="the clipped gradient has norm c; the step is η times it.",
        rtol=1e-6,
        mistakes=(
            Mistake(
                0.1 * 50, "That is the unclipped step: its gradient is longer than c."
            ),
            Mistake(0.1 * 5 * 5 / 50, "The clipped gradient's norm is c itself."),
        ),
    ),
    Exercise(
        name="linear_scaling_rate",
        chapter=5,
        title="The linear-scaling rule",
        statement=(
            "SGD with batches of $B = 4$ and $\\eta = 0.01$ settles at a noise floor "
            "you are happy with. You move to batches of $B = 64$: by the "
            "linear-scaling rule, what $\\eta$ keeps the same floor?"
        ),
        answer=0.01 * 64 / 4,
        working="The floor depends on $\\eta/B$: $\\eta = 0.01 \\cdot 64/4 = 0.16$.",
        hint="to first order the floor depends on η and B only through η/B.",
        mistakes=(
            Mistake(0.01 * math.sqrt(64 / 4), "That is square-root scaling, η ∝ √B."),
            Mistake(0.01, "A larger batch lowers the floor: η can grow with it."),
        ),
    ),
    Exercise(
        name="momentum_effective_rate",
        chapter=5,
        title="Momentum's effective rate",
        statement=(
            "SGD with momentum, $\\eta = 0.02$ and $\\beta = 0.95$. Plain SGD with "
            "which rate has about the same noise floor?"
        ),
        answer=0.02 / (1 - 0.95),
        working="$\\eta/(1 - \\beta) = 0.02/0.05 = 0.4$.",
        hint="with a steady gradient, v grows to g/(1 − β).",
        mistakes=(
            Mistake(0.02, "Momentum adds up the noisy gradients too: it is noisier."),
            Mistake(0.02 * (1 + 0.95), "v keeps adding: the sum is 1/(1 − β)."),
        ),
    ),
)

CHAPTER_6 = (
    Exercise(
        name="history_bytes",
        chapter=6,
        title="The size of a history",
        statement=(
            "A run of `steps = 10_000` updates on 1000 float64 parameters keeps "
            "every point from start to end. How many bytes do the points take?"
        ),
        answer=(10_000 + 1) * 1000 * 8,
        working="$(10\\,000 + 1) \\cdot 1000 \\cdot 8 = 80\\,008\\,000$ bytes.",
        hint="count the points (the start included) and the bytes of a float64.",
        integer=True,
        mistakes=(
            Mistake(
                10_000 * 1000 * 8, "The history holds steps + 1 points: the start too."
            ),
            Mistake((10_000 + 1) * 1000, "A float64 takes 8 bytes."),
        ),
    ),
    Exercise(
        name="gradient_evaluations",
        chapter=6,
        title="The cost of a numerical gradient",
        statement=(
            "How many evaluations of $f$ does the central-difference numerical "
            "gradient of a function of 100 variables take?"
        ),
        answer=2 * 100,
        working="Two per coordinate, $f(w + h e_i)$ and $f(w - h e_i)$: 200.",
        hint="how many evaluations does one partial derivative need?",
        integer=True,
        mistakes=(
            Mistake(100, "Each coordinate needs two evaluations."),
            Mistake(101, "That is the forward difference's count, n + 1."),
        ),
    ),
    Exercise(
        name="multiplications_in_gradient",
        chapter=6,
        title="The work of one gradient",
        statement=(
            "Computing $X^\\top (X w - y)$ for $X$ of shape (1000, 10) by two "
            "matrix-vector products: how many multiplications do they take?"
        ),
        answer=2 * 1000 * 10,
        working="$X w$ takes $n d = 10\\,000$, and $X^\\top r$ as many: 20 000.",
        hint="a matrix-vector product with an n × d matrix takes n·d multiplications.",
        integer=True,
        mistakes=(Mistake(1000 * 10, "There are two products: X w, then Xᵀ r."),),
    ),
    Exercise(
        name="write_mse_gradient",
        chapter=6,
        title="A vectorised gradient",
        statement=(
            "Write `mse_gradient(w, X, y)`, the gradient of "
            "$L(w) = \\frac1n \\lVert X w - y \\rVert^2$, without a Python loop."
        ),
        answer=mse_gradient,
        working="`return 2 / len(y) * X.T @ (X @ w - y)`",
        hint="the residual is X @ w − y; the gradient is (2/n) Xᵀ times it.",
        template="def mse_gradient(w, X, y):\n    return None  # your code",
        cases=_cases(),
        rtol=1e-9,
        mistakes=(
            Mistake(_without_2, "The derivative of a square brings a factor 2."),
            Mistake(_a_sum, "L is a mean: divide by n = len(y)."),
        ),
    ),
)
