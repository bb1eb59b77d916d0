"""Weight decay, AdamW, warmup and gradient clipping against PyTorch (issue 22).

As in tests/test_optimizers.py: in this process the iterates agree with
``torch.optim`` to 1e-13 relative; in a fresh process with PyTorch's baseline
kernels (``ATEN_CPU_CAPABILITY=default``, no fused multiply-add) the coupled
weight decay of sgd and momentum is bit-equal. The schedules are compared with
the rates PyTorch's ``LinearLR``, ``SequentialLR`` and ``LambdaLR`` set, the
clipping with ``torch.nn.utils.clip_grad_norm_``.
"""

from __future__ import annotations

import platform
import warnings
from pathlib import Path

import numpy as np
import pytest
import torch_reference
import torch_reference_practice as reference

import gdbook
from gdbook import optimizers, schedules
from gdbook.optimizers import AdamState, DecayState, MomentumState

HERE = Path(__file__).resolve().parent


CASES = {label: case for label, *case in reference.cases()}


@pytest.mark.parametrize("label", CASES)
def test_weight_decay_iterates_match_torch(label, torch):
    opt, grad, x0 = CASES[label]
    theirs = reference.torch_iterates(torch, opt, grad, x0)
    ours = reference.gdbook_iterates(opt, grad, x0)
    assert ours.shape == theirs.shape == (reference.STEPS + 1, *np.shape(x0))
    assert torch_reference.relative_difference(ours, theirs) <= 1e-13


@pytest.fixture(scope="module")
def default_kernels(torch, tmp_path_factory, run_cache):
    """Every case run by tests/torch_reference_practice.py with PyTorch's baseline
    kernels (once per test run)."""
    if platform.machine().lower() not in {"x86_64", "amd64"}:
        pytest.skip("the baseline kernels are free of fused multiply-adds on x86-64")
    path = tmp_path_factory.mktemp("torch") / "iterates.npz"
    script = str(HERE / "torch_reference_practice.py")
    return run_cache.get(
        "torch_reference_practice.py",
        lambda: torch_reference.baseline_iterates(script, path),
    )


@pytest.mark.parametrize("label", CASES)
def test_coupled_decay_is_bit_equal_without_fused_multiply_add(label, default_kernels):
    theirs = default_kernels[f"torch:{label}"]
    ours = default_kernels[f"gdbook:{label}"]
    if label.split("/")[0] in reference.BIT_EQUAL:
        assert np.array_equal(ours, theirs)
    else:
        assert torch_reference.relative_difference(ours, theirs) <= 1e-13


def test_adamw_defaults_are_torchs(torch):
    param = torch.zeros(1, dtype=torch.float64, requires_grad=True)
    group = torch.optim.AdamW([param]).param_groups[0]
    for name, value in optimizers.adamw().hyperparameters.items():
        assert group[name] == value, name
    assert optimizers.adamw().hyperparameters["weight_decay"] == 0.01


def test_weight_decay_with_a_schedule_matches_torch(torch):
    """AdamW's decay is lr * weight_decay with the scheduled lr (torch's LambdaLR)."""
    grad, x0 = torch_reference.random_quadratic(3, (5,))
    schedule = schedules.warmup(schedules.cosine(0.05, steps=30), steps=10)
    ours = reference.gdbook_iterates(
        optimizers.adamw(schedule, weight_decay=0.2), grad, x0
    )
    param = torch.tensor(x0, dtype=torch.float64, requires_grad=True)
    opt = torch.optim.AdamW([param], lr=0.05, weight_decay=0.2, foreach=False)
    lam = torch.optim.lr_scheduler.LambdaLR(opt, lambda k: schedule(k) / 0.05)
    xs = [x0]
    for _ in range(reference.STEPS):
        param.grad = torch.from_numpy(grad(param.detach().numpy().copy()))
        opt.step()
        lam.step()
        xs.append(param.detach().numpy().copy())
    assert torch_reference.relative_difference(ours, np.array(xs)) <= 1e-13


# --- Gradient clipping --------------------------------------------------------------


@pytest.mark.parametrize("clip_norm", [0.05, 1.0, 100.0])
@pytest.mark.parametrize("name", ["sgd", "momentum", "adam"])
def test_clipped_iterates_match_clip_grad_norm(name, clip_norm, torch):
    opt = torch_reference.QUADRATIC_OPTIMIZERS[name]
    for seed in (0, 1):
        grad, x0 = torch_reference.random_quadratic(seed, (3, 4))
        x0 = 10 * x0  # large gradients at first: clipped, then not
        theirs = reference.torch_iterates(torch, opt, grad, x0, clip_norm=clip_norm)
        ours = reference.gdbook_iterates(opt, grad, x0, clip_norm=clip_norm)
        assert torch_reference.relative_difference(ours, theirs) <= 1e-13


def test_clipping_bounds_every_step_and_keeps_the_raw_gradients():
    trace = gdbook.gradient_descent(
        lambda x: 2 * x, [30.0, 40.0], lr=0.1, steps=5, clip_norm=1.0
    )
    steps = np.linalg.norm(np.diff(trace.xs, axis=0), axis=1)
    assert np.all(steps <= 0.1 * 1.0 + 1e-15)
    np.testing.assert_array_equal(trace.grads, 2 * trace.xs[:-1])
    # |g| = 100 first: the step is lr * clip_norm * 100 / (100 + 1e-6) exactly
    assert steps[0] == pytest.approx(0.1 * 100 / (100 + 1e-6), rel=1e-15)


def test_a_small_gradient_is_not_clipped():
    plain = gdbook.gradient_descent(lambda x: 2 * x, [0.3, 0.4], lr=0.1, steps=5)
    clipped = gdbook.gradient_descent(
        lambda x: 2 * x, [0.3, 0.4], lr=0.1, steps=5, clip_norm=10.0
    )
    np.testing.assert_array_equal(plain.xs, clipped.xs)


def test_stochastic_descent_clips_each_batch_gradient():
    data = np.array([100.0, -50.0, 3.0, 7.0])

    def grad(x, batch):
        return np.atleast_1d(2 * np.mean(x - data[batch]))

    trace = gdbook.stochastic_gradient_descent(
        grad, [0.0], 4, lr=0.5, epochs=3, batch_size=1, rng=0, clip_norm=2.0
    )
    assert np.all(np.abs(np.diff(trace.xs[:, 0])) <= 1.0 + 1e-12)
    assert np.max(np.abs(trace.grads)) > 2.0  # unclipped in the record


def test_a_nan_or_infinite_gradient_still_diverges_when_clipped():
    for bad in (np.nan, np.inf):
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            trace = gdbook.gradient_descent(
                lambda x, bad=bad: np.array([bad, 1.0]),
                [1.0, 1.0],
                lr=0.1,
                steps=3,
                clip_norm=1.0,
            )
        assert trace.diverged and trace.steps_taken == 0


# --- Warmup ------------------------------------------------------------------------


def torch_rates(torch_module, make, steps=40, lr=0.1):
    """The rates a PyTorch scheduler sets, one per update, from ``make(optimizer)``."""
    torch = torch_module
    param = torch.zeros(1, dtype=torch.float64, requires_grad=True)
    opt = torch.optim.SGD([param], lr=lr)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "step() before optimizer.step()"
        scheduler = make(torch.optim.lr_scheduler, opt)
        rates = []
        for _ in range(steps):
            rates.append(opt.param_groups[0]["lr"])
            scheduler.step()
    return np.array(rates)


@pytest.mark.parametrize("start_factor", [1 / 3, 0.01, 0.5, 1.0])
@pytest.mark.parametrize("steps", [1, 5, 17])
def test_warmup_to_a_constant_is_linear_lr(steps, start_factor, torch):
    def make(lr_scheduler, opt):
        return lr_scheduler.LinearLR(opt, start_factor=start_factor, total_iters=steps)

    theirs = torch_rates(torch, make)
    ours = schedules.warmup(0.1, steps=steps, start_factor=start_factor)
    np.testing.assert_allclose([ours(k) for k in range(40)], theirs, rtol=1e-14)


AFTER = {
    "cosine": (
        lambda: schedules.cosine(0.1, steps=20, final=0.01),
        lambda s, opt: s.CosineAnnealingLR(opt, T_max=20, eta_min=0.01),
    ),
    "step_decay": (
        lambda: schedules.step_decay(0.1, factor=0.5, every=4),
        lambda s, opt: s.StepLR(opt, step_size=4, gamma=0.5),
    ),
}


@pytest.mark.parametrize("after", AFTER)
def test_warmup_then_a_schedule_is_sequential_lr(after, torch):
    ours_after, theirs_after = AFTER[after]

    def make(lr_scheduler, opt):
        first = lr_scheduler.LinearLR(opt, start_factor=0.1, total_iters=6)
        return lr_scheduler.SequentialLR(
            opt, [first, theirs_after(lr_scheduler, opt)], milestones=[6]
        )

    # 6 + 20 + 1 rates: after its T_max, torch's cosine rises again (gdbook's stays)
    theirs = torch_rates(torch, make, steps=27)
    ours = schedules.warmup(ours_after(), steps=6, start_factor=0.1)
    np.testing.assert_allclose([ours(k) for k in range(27)], theirs, rtol=1e-13)


def test_warmup_is_lambda_lr_of_its_factor(torch):
    schedule = schedules.warmup(schedules.inverse_time(0.1, decay=0.3), steps=8)

    def make(lr_scheduler, opt):
        return lr_scheduler.LambdaLR(opt, lambda k: schedule(k) / 0.1)

    theirs = torch_rates(torch, make)
    np.testing.assert_allclose([schedule(k) for k in range(40)], theirs, rtol=1e-15)


def test_warmup_of_a_hand_made_schedule_checks_its_rates():
    hand = schedules.Schedule("hand", 0.2, lambda k: 0.2 if k < 3 else -1.0)
    schedule = schedules.warmup(hand, steps=2, start_factor=0.5)
    assert [schedule(k) for k in range(5)] == pytest.approx([0.1, 0.15, 0.2, 0.2, 0.2])
    with pytest.raises(ValueError):
        schedule(5)


# --- States ------------------------------------------------------------------------


def test_without_weight_decay_the_rules_are_unchanged():
    x0 = np.array([1.0, -2.0])
    assert optimizers.sgd(0.1, weight_decay=0).init(x0) is None
    assert isinstance(optimizers.momentum(0.1).init(x0), MomentumState)
    assert isinstance(optimizers.adam(weight_decay=0.0).init(x0), AdamState)
    assert isinstance(optimizers.adamw(weight_decay=0.0).init(x0), AdamState)
    assert repr(optimizers.sgd(0.1, weight_decay=0.0)) == "sgd(lr=0.1)"


def test_the_decay_state_follows_the_point():
    opt = optimizers.adam(0.1, weight_decay=0.5)
    state = opt.init(np.array([2.0, 0.0]))
    assert isinstance(state, DecayState) and isinstance(state.inner, AdamState)
    x = np.array([2.0, 0.0])
    for g in ([1.0, 1.0], [-2.0, 0.5]):
        step, state = opt.update(np.array(g), state)
        x = x + step
        np.testing.assert_array_equal(state.point, x)


def test_l2_in_adam_is_not_decoupled_decay():
    """With g = 0, Adam's L2 step is -lr sign(x): every coordinate moves the same;
    AdamW's shrinks each by the same fraction lr * wd."""
    x0 = np.array([10.0, 0.1])
    l2 = optimizers.adam(0.01, weight_decay=0.1)
    decoupled = optimizers.adamw(0.01, weight_decay=0.1)
    step_l2, _ = l2.update(np.zeros(2), l2.init(x0))
    step_w, _ = decoupled.update(np.zeros(2), decoupled.init(x0))
    np.testing.assert_allclose(step_l2, [-0.01, -0.01], rtol=1e-6)
    np.testing.assert_allclose(step_w, -0.01 * 0.1 * x0, rtol=1e-15)


@pytest.mark.parametrize(
    "state, error, argument",
    [
        (DecayState("x", None), TypeError, "state.point"),
        (DecayState(np.array([np.nan]), None), ValueError, "state.point"),
        (AdamState(0, np.zeros(1), np.zeros(1)), TypeError, "state"),
    ],
)
def test_a_hand_built_decay_state_is_refused_by_name(state, error, argument):
    opt = optimizers.sgd(0.1, weight_decay=0.1)
    with pytest.raises(error) as raised:
        opt.update(np.zeros(1), state)
    assert raised.value.argument == argument
