"""Exercises of chapter 3 (fitting a line) and 4 (backpropagation)."""

from __future__ import annotations

import math

import numpy as np

from gdbook.exercises._core import Exercise, Mistake

# Chapter 3's small data sets, as plain numbers.
_X, _Y = np.array([0.0, 1.0, 2.0, 3.0]), np.array([1.0, 2.5, 5.0, 6.5])
_SLOPE = np.sum((_X - _X.mean()) * (_Y - _Y.mean())) / np.sum((_X - _X.mean()) ** 2)
_ETA, _VAR, _BATCH = 0.1, 1.0, 4


def _softmax(z: np.ndarray) -> np.ndarray:
    e = np.exp(z - np.max(z))
    result: np.ndarray = e / e.sum()
    return result


_Z = np.array([1.0, 2.0, 0.5])
_ONE_HOT = np.array([0.0, 1.0, 0.0])

CHAPTER_3 = (
    Exercise(
        name="mse_gradient_by_hand",
        chapter=3,
        title="The gradient of the mean squared error",
        statement=(
            "For the line $\\hat y = w x + b$ and the loss "
            "$L(w, b) = \\frac1n \\sum_i (w x_i + b - y_i)^2$, compute "
            "$(\\partial L/\\partial w, \\partial L/\\partial b)$ at $w = b = 0$ "
            "for the data $x = (1, 2)$, $y = (2, 3)$."
        ),
        answer=[2 * (-2 * 1 - 3 * 2) / 2, 2 * (-2 - 3) / 2],
        working=(
            "The residuals are $r = w x + b - y = (-2, -3)$. "
            "$\\partial L/\\partial w = \\frac2n \\sum r_i x_i = (-2 - 6) = -8$ and "
            "$\\partial L/\\partial b = \\frac2n \\sum r_i = -5$."
        ),
        hint="∂L/∂w = (2/n) Σ rᵢ xᵢ and ∂L/∂b = (2/n) Σ rᵢ, with rᵢ = w xᵢ + b − yᵢ.",
        shape=(2,),
        mistakes=(
            Mistake([-4, -2.5], "The derivative of a square brings a factor 2."),
            Mistake(
                [8, 5], "A sign error: the residual is w x + b − y, here negative."
            ),
            Mistake([-5, -8], "The order is (∂L/∂w, ∂L/∂b)."),
            Mistake([-16, -10], "L is a mean: divide the sums by n = 2."),
        ),
    ),
    Exercise(
        name="least_squares_line",
        chapter=3,
        title="The best line, in closed form",
        statement=(
            "Gradient descent on the mean squared error converges to the least-squares "
            "line. Find it directly for $x = (0, 1, 2, 3)$, $y = (1, 2.5, 5, 6.5)$: "
            "give $(w, b)$, with $w = \\frac{\\sum (x_i - \\bar x)(y_i - \\bar y)}"
            "{\\sum (x_i - \\bar x)^2}$ and $b = \\bar y - w \\bar x$."
        ),
        answer=[_SLOPE, _Y.mean() - _SLOPE * _X.mean()],
        working=(
            "$\\bar x = 1.5$, $\\bar y = 3.75$; the sums are $9.5$ and $5$, so "
            "$w = 1.9$ and $b = 3.75 - 1.9 \\cdot 1.5 = 0.9$."
        ),
        hint="compute the means first, then the two sums.",
        shape=(2,),
        mistakes=(Mistake([0.9, 1.9], "The order is (w, b): the slope first."),),
    ),
    Exercise(
        name="updates_per_epoch",
        chapter=3,
        title="Updates in an epoch",
        statement=(
            "Mini-batch SGD passes over $n = 1000$ samples in batches of $B = 32$, "
            "keeping the last, smaller batch. How many updates make one epoch?"
        ),
        answer=math.ceil(1000 / 32),
        working=(
            "$\\lceil 1000 / 32 \\rceil = 32$: 31 full batches and one of 8 samples."
        ),
        hint="count the full batches, then what is left over.",
        integer=True,
        mistakes=(
            Mistake(31, "The last 8 samples make a smaller batch: one more update."),
        ),
    ),
    Exercise(
        name="noise_floor",
        chapter=3,
        title="The noise floor of a mini-batch",
        statement=(
            "SGD on $L(w) = \\frac1n \\sum_i \\frac12 (w - y_i)^2$, where the $y_i$ "
            "have variance $\\sigma^2 = 1$: each update draws a fresh batch of $B = 4$ "
            "independent samples and sets $w \\leftarrow w - \\eta (w - \\bar y_B)$, "
            "with $\\eta = 0.1$. Once the run has settled, what is the variance of $w$ "
            "(exactly)?"
        ),
        answer=_ETA * _VAR / (_BATCH * (2 - _ETA)),
        working=(
            "$w - \\mu$ is multiplied by $1 - \\eta$ and gets noise of variance "
            "$\\eta^2 \\sigma^2 / B$, so the stationary variance $V$ solves "
            "$V = (1 - \\eta)^2 V + \\eta^2 \\sigma^2 / B$: "
            "$V = \\eta \\sigma^2 / (B (2 - \\eta)) \\approx 0.01316$."
        ),
        hint="write V = (1 − η)² V + (variance of the noise of one update), and solve.",
        rtol=1e-4,
        mistakes=(
            Mistake(
                _ETA * _VAR / (2 * _BATCH),
                "That is the small-η approximation ησ²/(2B); the exact value "
                "keeps 2 − η.",
            ),
            Mistake(
                _ETA * _VAR / (2 - _ETA),
                "A batch of B samples divides the noise's variance by B.",
            ),
        ),
    ),
    Exercise(
        name="sgd_erratum_gradient",
        chapter=3,
        title="The gradient of one sample",
        statement=(
            "For one sample of the line through the origin, "
            "$L(w) = (w x - y)^2$. Compute $L'(w)$ at $w = 1$, $x = 3$, $y = 6$."
        ),
        answer=2 * 3 * (1 * 3 - 6),
        working="$L'(w) = 2 x (w x - y) = 2 \\cdot 3 \\cdot (3 - 6) = -18$.",
        hint="the chain rule: the derivative of w x with respect to w is x.",
        mistakes=(
            Mistake(
                2 * 1 * (1 * 3 - 6),
                "That is 2·w·(wx − y), the erratum of the SGD source: the inner "
                "derivative is x, not w.",
            ),
            Mistake(18, "A sign error: w x − y = −3 here."),
            Mistake(3 * (1 * 3 - 6), "The derivative of a square brings a factor 2."),
        ),
    ),
)

CHAPTER_4 = (
    Exercise(
        name="neuron_backward",
        chapter=4,
        title="Backward through one neuron",
        statement=(
            "One neuron $\\hat y = \\sigma(w x + b)$, with $\\sigma$ the logistic "
            "function ($\\sigma' = \\sigma (1 - \\sigma)$), and the loss "
            "$L = (\\hat y - t)^2$. At $x = 2$, $w = 0.5$, $b = -1$, $t = 1$, "
            "compute $(\\partial L/\\partial w, \\partial L/\\partial b)$."
        ),
        answer=[2 * (0.5 - 1) * 0.25 * 2, 2 * (0.5 - 1) * 0.25],
        working=(
            "$z = 0$, $\\hat y = 0.5$; $\\partial L/\\partial \\hat y = 2(\\hat y - t) "
            "= -1$; $\\partial \\hat y/\\partial z = 0.25$; "
            "$\\partial z/\\partial w = x = 2$, $\\partial z/\\partial b = 1$: "
            "$(-0.5, -0.25)$."
        ),
        hint="multiply the local derivatives from the loss back to w and to b.",
        shape=(2,),
        mistakes=(
            Mistake([-0.25, -0.125], "The derivative of a square brings a factor 2."),
            Mistake([0.5, 0.25], "A sign error: ŷ − t = −0.5 here."),
            Mistake([-0.25, -0.25], "∂z/∂w is x = 2: it multiplies ∂L/∂w."),
            Mistake([-1.0, -0.5], "σ′(z) = σ(1 − σ) = 0.25 belongs in the chain."),
        ),
    ),
    Exercise(
        name="chain_rule",
        chapter=4,
        title="The chain rule",
        statement="Compute the derivative of $\\sin(x^2)$ at $x = 1$.",
        answer=2 * math.cos(1.0),
        working=(
            "$\\frac{d}{dx} \\sin(x^2) = \\cos(x^2) \\cdot 2x "
            "= 2 \\cos 1 \\approx 1.0806$."
        ),
        hint="outer derivative at the inner value, times the inner derivative.",
        mistakes=(
            Mistake(math.cos(1.0), "Multiply by the inner derivative, 2x = 2."),
            Mistake(2 * math.sin(1.0), "The derivative of sin is cos."),
        ),
    ),
    Exercise(
        name="softmax_cross_entropy_gradient",
        chapter=4,
        title="Softmax and cross-entropy, backward",
        statement=(
            "For scores $z = (1, 2, 0.5)$ and the target class 1 (counting from 0, "
            "one-hot $t = (0, 1, 0)$), compute the gradient of "
            "$L = -\\sum_k t_k \\log \\operatorname{softmax}(z)_k$ with respect to $z$."
        ),
        answer=_softmax(_Z) - _ONE_HOT,
        working=(
            "It is $\\operatorname{softmax}(z) - t \\approx (0.231, -0.371, 0.140)$."
        ),
        hint="the gradient of this pair is the probabilities minus the one-hot target.",
        shape=(3,),
        rtol=1e-4,
        mistakes=(
            Mistake(
                _softmax(_Z), "Subtract the one-hot target from the probabilities."
            ),
            Mistake(_ONE_HOT - _softmax(_Z), "A sign error: it is softmax(z) − t."),
            Mistake(
                _softmax(_Z) - [1, 0, 0], "The target is class 1: index 1, from 0."
            ),
            Mistake(
                _softmax(_Z) - [0, 0, 1], "The target is class 1: index 1, from 0."
            ),
        ),
    ),
    Exercise(
        name="first_layer_gradient",
        chapter=4,
        title="A first-layer gradient of the 2-3-1 network",
        statement=(
            "The 2-3-1 linear network of the backpropagation chapter: $x = (40, 80)$, "
            "target $t = 60$, every input-to-hidden weight 0.5, every hidden-to-output "
            "weight 1, $L = \\frac12 (t - \\hat y)^2$. Compute "
            "$\\partial L / \\partial W_1[0, 0]$, the weight from input 0 to hidden "
            "unit 0."
        ),
        answer=(180.0 - 60.0) * 1.0 * 40.0,
        working=(
            "$\\hat y = 180$, $\\partial L/\\partial \\hat y = \\hat y - t = 120$; "
            "then through $W_2[0] = 1$ and $x_0 = 40$: $120 \\cdot 1 \\cdot 40 = 4800$."
        ),
        hint="∂L/∂W₁[0, 0] = ∂L/∂ŷ · W₂[0] · x₀.",
        mistakes=(
            Mistake(7200.0, "7200 is an output weight's gradient (hidden value 60)."),
            Mistake(-4800.0, "A sign error: ∂L/∂ŷ = ŷ − t = +120."),
            Mistake(9600.0, "x₁ = 80 feeds W₁[1, j]; W₁[0, 0] is fed by x₀ = 40."),
        ),
    ),
    Exercise(
        name="count_gradient_entries",
        chapter=4,
        title="How big is the gradient?",
        statement=(
            "The 2-3-1 network above has no biases. How many numbers does the "
            "gradient of its loss hold?"
        ),
        answer=2 * 3 + 3 * 1,
        working=(
            "One per weight: $2 \\cdot 3 = 6$ in $W_1$ and "
            "$3 \\cdot 1 = 3$ in $W_2$: 9."
        ),
        hint="one entry per weight.",
        integer=True,
        mistakes=(
            Mistake(13, "This network has no biases."),
            Mistake(6, "W₂ has 3 weights too."),
        ),
    ),
)
