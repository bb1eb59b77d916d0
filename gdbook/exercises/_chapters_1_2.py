"""Exercises of chapter 1 (derivatives, the numerical gradient) and 2 (descent)."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np

from gdbook.exercises._core import Case, Exercise, Mistake


def central_difference(f: Callable[[Any], Any], x: Any, h: float) -> Any:
    """The reference answer of ``write_central_difference``."""
    return (f(x + h) - f(x - h)) / (2 * h)


def _forward_difference(f: Callable[[Any], Any], x: Any, h: float) -> Any:
    return (f(x + h) - f(x)) / h


def _central_without_2(f: Callable[[Any], Any], x: Any, h: float) -> Any:
    return (f(x + h) - f(x - h)) / h


EPS32 = float(np.finfo(np.float32).eps)
EPS64 = float(np.finfo(np.float64).eps)

CHAPTER_1 = (
    Exercise(
        name="central_difference_by_hand",
        chapter=1,
        title="A central difference by hand",
        statement=(
            "Estimate the derivative of $f(x) = x^3$ at $x = 1$ with the central "
            "difference $\\frac{f(x + h) - f(x - h)}{2h}$ and $h = 0.1$."
        ),
        answer=(1.1**3 - 0.9**3) / (2 * 0.1),
        working=(
            "$(1.1^3 - 0.9^3) / 0.2 = (1.331 - 0.729) / 0.2 = 3.01$: the exact "
            "derivative $3x^2 = 3$ plus the error $h^2 f'''/6 = 0.01$."
        ),
        hint=(
            "evaluate f one step h on each side of x, and divide "
            "by the distance between them, 2h."
        ),
        mistakes=(
            Mistake(
                3.0,
                (
                    "That is the exact derivative 3x²; the question "
                    "asks for the estimate with h = 0.1."
                ),
            ),
            Mistake(
                (1.1**3 - 1) / 0.1,
                "That is the forward difference (f(x + h) − f(x)) / h.",
            ),
            Mistake(
                (1 - 0.9**3) / 0.1,
                "That is the backward difference (f(x) − f(x − h)) / h.",
            ),
            Mistake(
                (1.1**3 - 0.9**3) / 0.1,
                "The two points are 2h apart: divide by 2h, not h.",
            ),
        ),
    ),
    Exercise(
        name="gradient_by_hand",
        chapter=1,
        title="A gradient by hand",
        statement=(
            "Compute the gradient $\\nabla f = (\\partial f/\\partial w_0, "
            "\\partial f/\\partial w_1)$ of $f(w) = w_0^2 + 3 w_0 w_1$ at $w = (1, 2)$."
        ),
        answer=[2 * 1 + 3 * 2, 3 * 1],
        working=(
            "$\\partial f/\\partial w_0 = 2 w_0 + 3 w_1 = 8$ and "
            "$\\partial f/\\partial w_1 = 3 w_0 = 3$, so $\\nabla f(1, 2) = (8, 3)$."
        ),
        hint=(
            "differentiate with respect to one coordinate "
            "while holding the other fixed."
        ),
        shape=(2,),
        mistakes=(
            Mistake([3, 8], "The gradient lists ∂f/∂w₀ first, then ∂f/∂w₁."),
            Mistake([7, 3], "The derivative of w₀² is 2w₀: a factor 2 is missing."),
            Mistake(
                [-8, -3],
                "That is −∇f, the direction of steepest descent, not the gradient.",
            ),
        ),
    ),
    Exercise(
        name="best_h_float32",
        chapter=1,
        title="The best h in float32",
        statement=(
            "In float32, machine epsilon is $\\varepsilon "
            "\\approx 1.19 \\times 10^{-7}$. "
            "The central difference's truncation error grows like $h^2$ and its "
            "rounding error like $\\varepsilon / h$. For a function whose value and "
            "derivatives are of order 1, about which $h$ balances the two (ignore "
            "constant factors)?"
        ),
        answer=EPS32 ** (1 / 3),
        working=(
            "$h^2 = \\varepsilon / h$ gives $h = "
            "\\varepsilon^{1/3} \\approx 4.9 \\times 10^{-3}$, "
            "much larger than the $10^{-4}$ the sources use in float64."
        ),
        hint="set the two errors equal, h² = ε / h, and solve for h.",
        rtol=0.5,
        mistakes=(
            Mistake(
                EPS32**0.5,
                "That balances h against ε/h: the forward difference's best h.",
            ),
            Mistake(
                EPS64 ** (1 / 3),
                "That is float64's best h; float32's ε is about 1.19e-7.",
            ),
        ),
    ),
    Exercise(
        name="halving_h",
        chapter=1,
        title="Halving h",
        statement=(
            "While rounding does not matter yet, by which factor does the error of "
            "the central difference shrink when $h$ is halved?"
        ),
        answer=4,
        working=(
            "Its error is about $h^2 f'''(x)/6$: halving $h$ divides it by $2^2 = 4$."
        ),
        hint=(
            "the central difference's error is proportional to a power of h; which one?"
        ),
        integer=True,
        mistakes=(
            Mistake(
                2, "That is the forward difference, whose error is proportional to h."
            ),
        ),
    ),
    Exercise(
        name="write_central_difference",
        chapter=1,
        title="Write the central difference",
        statement=(
            "Write a function `central_difference(f, x, h)` that returns the central "
            "difference estimate of $f'(x)$, and check it."
        ),
        answer=central_difference,
        working="`return (f(x + h) - f(x - h)) / (2 * h)`",
        hint="two evaluations of f, one on each side of x.",
        template="def central_difference(f, x, h):\n    return None  # your code",
        cases=tuple(
            Case((f, x, h), central_difference(f, x, h))
            for f, x, h in (
                (np.sin, 1.0, 1e-3),
                (np.exp, 0.5, 1e-2),
                (np.square, 3.0, 1e-4),
            )
        ),
        rtol=1e-9,
        mistakes=(
            Mistake(
                _forward_difference,
                "That is the forward difference (f(x + h) − f(x)) / h.",
            ),
            Mistake(_central_without_2, "The two points are 2h apart: divide by 2h."),
        ),
    ),
)

CHAPTER_2 = (
    Exercise(
        name="one_step_on_the_parabola",
        chapter=2,
        title="One step down the parabola",
        statement=(
            "Take one step of gradient descent on $L(w) = w^2$ from $w_0 = 3$ with "
            "learning rate $\\eta = 0.1$. What is $w_1$?"
        ),
        answer=3 - 0.1 * 2 * 3,
        working="$w_1 = w_0 - \\eta L'(w_0) = 3 - 0.1 \\cdot 6 = 2.4$.",
        hint="w₁ = w₀ − η L′(w₀), and L′(w) = 2w.",
        mistakes=(
            Mistake(
                3 + 0.1 * 2 * 3,
                "Descent steps against the gradient: subtract η L′(w₀).",
            ),
            Mistake(3 - 0.1 * 3, "The derivative of w² is 2w: a factor 2 is missing."),
            Mistake(-0.1 * 2 * 3, "That is the step −η L′(w₀); add it to w₀."),
        ),
    ),
    Exercise(
        name="largest_stable_rate",
        chapter=2,
        title="The largest stable rate",
        statement=(
            "Gradient descent on $L(w) = w^2$ multiplies $w$ by $1 - 2\\eta$ at each "
            "step. Above which learning rate $\\eta$ does it diverge?"
        ),
        answer=1.0,
        working=(
            "It converges while $|1 - 2\\eta| < 1$, that is for $0 < \\eta < 1 = 2/L$ "
            "with $L = L'' = 2$; at $\\eta = 1$ it bounces between $\\pm w_0$."
        ),
        hint="the distance to 0 is multiplied by |1 − 2η| at each step.",
        mistakes=(
            Mistake(2.0, "The limit is 2/L, and L = L″ = 2 here."),
            Mistake(
                0.5,
                (
                    "η = 0.5 lands on the minimum in one step: "
                    "the best rate, not the limit."
                ),
            ),
        ),
    ),
    Exercise(
        name="best_fixed_rate",
        chapter=2,
        title="The best fixed rate on a bowl that is not round",
        statement=(
            "On $L(w) = w_0^2 + 10 w_1^2$, which fixed learning rate makes gradient "
            "descent converge fastest (the worst of the two directions shrinking as "
            "fast as possible)?"
        ),
        answer=2 / (20 + 2),
        working=(
            "The curvatures are $\\mu = 2$ and $L = 20$. Each direction is multiplied "
            "by $|1 - \\eta\\lambda|$; the largest of the two is smallest when "
            "$1 - \\eta\\mu = \\eta L - 1$, at $\\eta = 2/(L + \\mu) = 1/11$."
        ),
        hint=(
            "find the curvature of each direction, and "
            "balance |1 − ημ| against |1 − ηL|."
        ),
        mistakes=(
            Mistake(
                1 / 20,
                "η = 1/L is safe but not the best: the flat direction still crawls.",
            ),
            Mistake(
                2 / 20,
                (
                    "η = 2/L is the limit of stability: the steep "
                    "direction stops shrinking."
                ),
            ),
            Mistake(
                1 / 2,
                (
                    "That is best for the flat direction alone; "
                    "the steep one then diverges."
                ),
            ),
        ),
    ),
    Exercise(
        name="steps_to_tolerance",
        chapter=2,
        title="How many steps?",
        statement=(
            "Gradient descent on $L(w) = w^2$ from $w_0 = 1$ with $\\eta = 0.1$. After "
            "how many steps is $|w_k| < 10^{-3}$ for the first time?"
        ),
        answer=math.ceil(math.log(1e-3) / math.log(0.8)),
        working=(
            "$w_k = 0.8^k$, and $0.8^k < 10^{-3}$ for $k > \\ln 10^{-3} / \\ln 0.8 "
            "\\approx 30.96$: 31 steps."
        ),
        hint=(
            "each step multiplies w by 1 − 2η = 0.8; solve 0.8ᵏ < 10⁻³ with logarithms."
        ),
        integer=True,
        mistakes=(Mistake(30, "0.8³⁰ ≈ 1.24e-3 is still above 10⁻³."),),
    ),
    Exercise(
        name="divergence_step",
        chapter=2,
        title="When does a run blow up?",
        statement=(
            "Gradient descent on $L(w) = w^2$ from $w_0 = 1$ with $\\eta = 1.1$. At "
            "which step $k$ does $|w_k|$ first exceed 1000?"
        ),
        answer=math.ceil(math.log(1000) / math.log(1.2)),
        working=(
            "$w_k = (1 - 2.2)^k = (-1.2)^k$, and $1.2^k > 1000$ for "
            "$k > \\ln 1000 / \\ln 1.2 \\approx 37.9$: step 38."
        ),
        hint="each step multiplies w by 1 − 2η = −1.2; its size grows by 1.2.",
        integer=True,
        mistakes=(Mistake(37, "1.2³⁷ ≈ 854 is still below 1000."),),
    ),
)
