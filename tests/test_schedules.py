"""Learning-rate schedules: their formulas, PyTorch's schedulers, bad arguments."""

from __future__ import annotations

import math
import os

import pytest

from gdbook.schedules import cosine, inverse_time, step_decay


def torch_or_skip():
    """PyTorch, the reference; outside CI a missing torch skips, in CI it fails."""
    if os.environ.get("CI") == "true":
        import torch

        return torch
    return pytest.importorskip("torch")


def torch_rates(make_scheduler, updates):
    """The rate PyTorch uses at each of ``updates`` updates (step() after each)."""
    torch = torch_or_skip()
    param = torch.zeros(1, dtype=torch.float64, requires_grad=True)
    optimizer = torch.optim.SGD([param], lr=0.1)
    scheduler = make_scheduler(torch, optimizer)
    rates = []
    for _ in range(updates):
        rates.append(optimizer.param_groups[0]["lr"])
        optimizer.step()
        scheduler.step()
    return rates


def test_step_decay_is_torchs_step_lr_stepped_every_update():
    ours = step_decay(0.1, factor=0.3, every=4)
    theirs = torch_rates(
        lambda torch, opt: torch.optim.lr_scheduler.StepLR(opt, step_size=4, gamma=0.3),
        20,
    )
    assert [ours(k) for k in range(20)] == pytest.approx(theirs, rel=1e-15)


def test_cosine_is_torchs_cosine_annealing_over_its_steps():
    ours = cosine(0.1, steps=12, final=0.01)
    theirs = torch_rates(
        lambda torch, opt: torch.optim.lr_scheduler.CosineAnnealingLR(
            opt, T_max=12, eta_min=0.01
        ),
        13,
    )
    assert [ours(k) for k in range(13)] == pytest.approx(theirs, rel=1e-12)
    assert ours(100) == 0.01  # stays at the final rate


def test_inverse_time_falls_like_one_over_k():
    schedule = inverse_time(0.2, decay=0.1)
    for k in (0, 1, 10, 1000):
        assert schedule(k) == 0.2 / (1 + 0.1 * k)
    # Robbins-Monro: the rates sum to infinity (harmonic), their squares do not.
    assert schedule(10**6) * 10**6 > 1.0


def test_cosine_starts_at_lr_and_halves_at_mid_run():
    schedule = cosine(0.4, steps=100)
    assert schedule(0) == 0.4 and math.isclose(schedule(50), 0.2)


@pytest.mark.parametrize(
    "call, error, argument",
    [
        (lambda: step_decay(-0.1), ValueError, "lr"),
        (lambda: step_decay(0.1, factor=0.0), ValueError, "factor"),
        (lambda: step_decay(0.1, factor=1.5), ValueError, "factor"),
        (lambda: step_decay(0.1, every=0), ValueError, "every"),
        (lambda: step_decay(0.1, every=2.5), TypeError, "every"),
        (lambda: inverse_time(0.1, decay=0.0), ValueError, "decay"),
        (lambda: cosine(0.1, steps=0), ValueError, "steps"),
        (lambda: cosine(0.1, steps=10, final=0.2), ValueError, "final"),
        (lambda: cosine(0.1, steps=10, final="0"), TypeError, "final"),
        (lambda: cosine(0.1, steps=10)(-1), ValueError, "k"),
        (lambda: cosine(0.1, steps=10)(1.5), TypeError, "k"),
    ],
)
def test_bad_arguments_are_named(call, error, argument):
    with pytest.raises(error) as raised:
        call()
    assert raised.value.argument == argument


def test_a_scheduled_rule_makes_the_update_of_its_rate_at_each_step():
    from gdbook import gradient_descent, parabola
    from gdbook.optimizers import ScheduledState, momentum, sgd

    schedule = step_decay(0.3, factor=0.5, every=2)
    trace = gradient_descent(parabola.grad, 4.0, steps=6, optimizer=sgd(schedule))
    x, expected = 4.0, [4.0]
    for k in range(6):
        x = x - schedule(k) * (2 * x)
        expected.append(x)
    assert trace.xs.tolist() == expected
    assert repr(trace.optimizer) == "sgd(lr=step_decay(lr=0.3, factor=0.5, every=2))"
    assert repr(trace).startswith("Trace(steps=6, optimizer=sgd(lr=step_decay(")
    state = momentum(schedule).init(trace.xs[0])
    assert isinstance(state, ScheduledState) and state.count == 0


def test_scheduled_adam_is_torchs_adam_with_a_scheduler():
    import numpy as np

    from gdbook import gradient_descent
    from gdbook.optimizers import adam

    torch = torch_or_skip()
    a = np.array([[3.0, 0.5], [0.5, 1.0]])

    def grad(x):
        return a @ x - np.array([1.0, -2.0])

    schedule = cosine(0.05, steps=30, final=0.001)
    ours = gradient_descent(grad, [2.0, 2.0], steps=40, optimizer=adam(schedule)).xs
    param = torch.tensor([2.0, 2.0], dtype=torch.float64, requires_grad=True)
    opt = torch.optim.Adam([param], lr=0.05)
    sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda k: schedule(k) / 0.05)
    theirs = [param.detach().numpy().copy()]
    for _ in range(40):
        param.grad = torch.from_numpy(grad(param.detach().numpy()))
        opt.step()
        sched.step()
        theirs.append(param.detach().numpy().copy())
    np.testing.assert_allclose(ours, np.array(theirs), rtol=1e-12, atol=1e-15)


def test_a_scheduled_rule_still_checks_its_other_hyperparameters():
    from gdbook.optimizers import momentum

    with pytest.raises(ValueError, match="momentum"):
        momentum(cosine(0.1, steps=5), momentum=1.5)


# --- A schedule cannot break a run (issue 20) ---------------------------------------


def test_a_rate_that_reaches_zero_is_a_step_of_zero():
    from gdbook import gradient_descent
    from gdbook.optimizers import sgd

    schedule = cosine(0.1, steps=10)
    assert schedule(10) == 0.0
    trace = gradient_descent(
        lambda x: 2 * x, [1.0, 2.0], steps=11, optimizer=sgd(schedule)
    )
    assert trace.steps_taken == 11 and not trace.diverged
    # The closed form: x_{k+1} = (1 - 2 lr_k) x_k, and the last update stands still.
    x = 1.0
    for k in range(11):
        x = x + -schedule(k) * (2 * x)
    assert trace.xs[-1, 0] == x and trace.xs[-1, 0] == trace.xs[-2, 0]


def test_a_long_step_decay_run_completes_after_its_rate_underflows():
    from gdbook import gradient_descent
    from gdbook.optimizers import momentum

    schedule = step_decay(0.1, factor=0.5, every=1)
    assert schedule(2000) == 0.0  # 0.1 * 0.5**2000 underflows
    trace = gradient_descent(
        lambda x: 2 * x, [1.0, 2.0], steps=3000, optimizer=momentum(schedule)
    )
    assert trace.steps_taken == 3000 and not trace.diverged


def test_a_schedule_is_evaluated_once_per_update_not_rebuilt():
    from gdbook import gradient_descent
    from gdbook.optimizers import adam
    from gdbook.schedules import Schedule

    asked = []

    def rule(k):
        asked.append(k)
        return 0.1

    schedule = Schedule("constant", 0.1, rule)
    gradient_descent(lambda x: 2 * x, [1.0], steps=5, optimizer=adam(schedule))
    assert asked == [0, 1, 2, 3, 4]


@pytest.mark.parametrize("value", [-0.1, float("nan"), "fast"])
def test_a_hand_made_rule_that_returns_a_bad_rate_is_named(value):
    from gdbook import gradient_descent
    from gdbook.optimizers import sgd
    from gdbook.schedules import Schedule

    schedule = Schedule("bad", 0.1, lambda k: 0.1 if k < 2 else value)
    with pytest.raises((TypeError, ValueError)) as raised:
        gradient_descent(lambda x: 2 * x, [1.0], steps=5, optimizer=sgd(schedule))
    assert raised.value.argument == "rule"
