"""The exercises' computed parts, in course order: reference answers, likely
mistakes (keyed as their explanations in ``text/*.toml``, where the words are),
shapes, tolerances and, for code, the calls that check a learner's function."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np

from gdbook.exercises._core import Exercise, Mistake

OPTIONS = {"shape", "integer", "rtol", "cases", "code"}  # the others: mistakes


def _ex(name: str, chapter: int, answer: Any, **keywords: Any) -> Exercise:
    """An exercise; the keywords but ``OPTIONS`` are its likely mistakes: the key of
    their explanation, and their answer."""
    options = {key: value for key, value in keywords.items() if key in OPTIONS}
    wrong = tuple(Mistake(k, v) for k, v in keywords.items() if k not in OPTIONS)
    return Exercise(name, chapter, answer, wrong, **options)


def central_difference(f: Callable[[Any], Any], x: Any, h: float) -> Any:
    """The reference answer of ``write_central_difference``."""
    return (f(x + h) - f(x - h)) / (2 * h)


def mse_gradient(w: np.ndarray, X: np.ndarray, y: np.ndarray) -> np.ndarray:
    """The reference answer of ``write_mse_gradient``."""
    result: np.ndarray = 2 / len(y) * X.T @ (X @ w - y)
    return result


EPS32, EPS64 = float(np.finfo(np.float32).eps), float(np.finfo(np.float64).eps)
_X, _Y = np.array([0.0, 1.0, 2.0, 3.0]), np.array([1.0, 2.5, 5.0, 6.5])
_SLOPE = np.sum((_X - _X.mean()) * (_Y - _Y.mean())) / np.sum((_X - _X.mean()) ** 2)
_ETA, _VAR, _BATCH = 0.1, 1.0, 4  # the noise floor's
_P, _T = np.exp([1.0, 2.0, 0.5]) / np.exp([1.0, 2.0, 0.5]).sum(), np.eye(3)[1]
_G, _LR, _EPS, _W0 = 1e-3, 1e-2, 1e-8, 2.0  # Adam's and AdamW's first steps
_ADAM = _LR * _G / (abs(_G) + _EPS)  # with the bias correction (betas 0.9, 0.999)
_ADAM_UNCORRECTED = _LR * (0.1 * _G) / (math.sqrt(0.001 * _G**2) + _EPS)
_ADAM_STEP = _LR * 0.5 / (0.5 + _EPS)  # AdamW's first gradient is 0.5
_RNG = np.random.default_rng(0)  # the arguments of write_mse_gradient's checks
# fmt: off
_XWY = [(_RNG.normal(size=(n, d)), _RNG.normal(size=d), _RNG.normal(size=n))
        for n, d in ((5, 2), (50, 3), (1, 4))]

# One exercise a call: name, chapter, reference answer, options, likely mistakes.
EXERCISES = (
    # Chapter 1: derivatives and the numerical gradient.
    _ex("central_difference_by_hand", 1, (1.1**3 - 0.9**3) / (2 * 0.1),
        exact=3.0, forward=(1.1**3 - 1) / 0.1, backward=(1 - 0.9**3) / 0.1,
        divide_by_h=(1.1**3 - 0.9**3) / 0.1),
    _ex("gradient_by_hand", 1, [2 * 1 + 3 * 2, 3 * 1], shape=(2,),
        order=[3, 8], factor_2=[7, 3], sign=[-8, -3]),
    _ex("best_h_float32", 1, EPS32 ** (1 / 3), rtol=0.5,
        forward=EPS32**0.5, float64=EPS64 ** (1 / 3)),
    _ex("halving_h", 1, 4, integer=True, forward=2),
    _ex("write_central_difference", 1, central_difference, rtol=1e-9,
        code="def central_difference(f, x, h):",
        cases=tuple(((f, x, h), central_difference(f, x, h)) for f, x, h in (
            (np.sin, 1.0, 1e-3), (np.exp, 0.5, 1e-2), (np.square, 3.0, 1e-4))),
        forward=lambda f, x, h: (f(x + h) - f(x)) / h,
        divide_by_h=lambda f, x, h: (f(x + h) - f(x - h)) / h),
    # Chapter 2: gradient descent.
    _ex("one_step_on_the_parabola", 2, 3 - 0.1 * 2 * 3,
        sign=3 + 0.1 * 2 * 3, factor_2=3 - 0.1 * 3, step_only=-0.1 * 2 * 3),
    _ex("largest_stable_rate", 2, 1.0, two=2.0, best=0.5),
    _ex("best_fixed_rate", 2, 2 / (20 + 2),
        one_over_L=1 / 20, two_over_L=2 / 20, flat_only=1 / 2),
    _ex("steps_to_tolerance", 2, math.ceil(math.log(1e-3) / math.log(0.8)),
        integer=True, one_short=30),
    _ex("divergence_step", 2, math.ceil(math.log(1000) / math.log(1.2)),
        integer=True, one_short=37),
    # Chapter 3: fitting a line, batch and stochastic gradient descent.
    _ex("mse_gradient_by_hand", 3, [2 * (-2 * 1 - 3 * 2) / 2, 2 * (-2 - 3) / 2],
        shape=(2,), factor_2=[-4, -2.5], sign=[8, 5], order=[-5, -8],
        sum=[-16, -10]),
    _ex("least_squares_line", 3, [_SLOPE, _Y.mean() - _SLOPE * _X.mean()],
        shape=(2,), order=[0.9, 1.9]),
    _ex("updates_per_epoch", 3, math.ceil(1000 / 32), integer=True, full_only=31),
    _ex("noise_floor", 3, _ETA * _VAR / (_BATCH * (2 - _ETA)), rtol=1e-4,
        small_eta=_ETA * _VAR / (2 * _BATCH), batch=_ETA * _VAR / (2 - _ETA)),
    _ex("sgd_erratum_gradient", 3, 2 * 3 * (1 * 3 - 6),
        erratum=2 * 1 * (1 * 3 - 6), sign=18, factor_2=3 * (1 * 3 - 6)),
    # Chapter 4: backpropagation.
    _ex("neuron_backward", 4, [2 * (0.5 - 1) * 0.25 * 2, 2 * (0.5 - 1) * 0.25],
        shape=(2,), factor_2=[-0.25, -0.125], sign=[0.5, 0.25], x=[-0.25, -0.25],
        sigma_prime=[-1.0, -0.5]),
    _ex("chain_rule", 4, 2 * math.cos(1.0),
        inner=math.cos(1.0), outer=2 * math.sin(1.0)),
    _ex("softmax_cross_entropy_gradient", 4, _P - _T, shape=(3,), rtol=1e-4,
        no_target=_P, sign=_T - _P, index_0=_P - [1, 0, 0], index_2=_P - [0, 0, 1]),
    _ex("first_layer_gradient", 4, (180.0 - 60.0) * 1.0 * 40.0,
        output_weight=7200.0, sign=-4800.0, x1=9600.0),
    _ex("count_gradient_entries", 4, 2 * 3 + 3 * 1, integer=True, biases=13, w2=6),
    # Chapter 5: why descent is slow, and the optimizers.
    _ex("momentum_two_steps", 5, 0.8 - 0.1 * (0.9 * 2 + 1.6),
        plain=0.64, one_step=0.8),
    _ex("gradient_descent_rate", 5, (25 - 1) / (25 + 1),
        momentum=(5 - 1) / (5 + 1), one_over_L=1 - 1 / 25),
    _ex("heavy_ball_rate", 5, (10 - 1) / (10 + 1), gradient_descent=99 / 101),
    _ex("adam_first_step", 5, _ADAM, rtol=1e-5,
        no_correction=_ADAM_UNCORRECTED, plain=_LR * _G),
    _ex("adagrad_second_step", 5, 4 / math.sqrt(3**2 + 4**2),
        average=4 / math.sqrt((3**2 + 4**2) / 2), last=1.0),
    _ex("adamw_first_step", 5, _W0 * (1 - _LR * 0.1) - _ADAM_STEP, rtol=1e-7,
        adam=_W0 - _ADAM_STEP, decay_unscaled=_W0 * (1 - 0.1) - _ADAM_STEP),
    _ex("warmup_rate", 5, 0.1 * (0.1 + 0.9 * 4 / 10),
        from_zero=0.1 * 4 / 10, off_by_one=0.1 * (0.1 + 0.9 * 5 / 10)),
    _ex("clipped_step", 5, 0.1 * 50 * 5 / (50 + 1e-6),
        unclipped=0.1 * 50, clipped_twice=0.1 * 5 * 5 / 50),
    _ex("linear_scaling_rate", 5, 0.01 * 64 / 4,
        sqrt=0.01 * math.sqrt(64 / 4), same=0.01),
    _ex("momentum_effective_rate", 5, 0.02 / (1 - 0.95),
        same=0.02, one_plus_beta=0.02 * (1 + 0.95)),
    # Chapter 6: making it fast.
    _ex("history_bytes", 6, (10_000 + 1) * 1000 * 8, integer=True,
        no_start=10_000 * 1000 * 8, bytes=(10_000 + 1) * 1000),
    _ex("gradient_evaluations", 6, 2 * 100, integer=True, one_each=100, forward=101),
    _ex("multiplications_in_gradient", 6, 2 * 1000 * 10, integer=True,
        one_product=1000 * 10),
    _ex("write_mse_gradient", 6, mse_gradient, rtol=1e-9,
        code="def mse_gradient(w, X, y):",
        cases=tuple(((w, X, y), mse_gradient(w, X, y)) for X, w, y in _XWY),
        factor_2=lambda w, X, y: X.T @ (X @ w - y) / len(y),
        sum=lambda w, X, y: 2 * X.T @ (X @ w - y)),
)
# fmt: on
