"""The shared descent loop: one Trace for every run, an optimizer or a rate."""

from __future__ import annotations

import sys
import warnings
from pathlib import Path

import numpy as np
import pytest

import gdbook
from gdbook.optimizers import Optimizer, sgd


def test_lr_alone_is_plain_sgd_to_the_bit():
    by_rate = gdbook.gradient_descent(gdbook.bowl.grad, [-3.0, 4.0], lr=0.1, steps=20)
    by_rule = gdbook.gradient_descent(
        gdbook.bowl.grad, [-3.0, 4.0], steps=20, optimizer=sgd(0.1)
    )
    assert np.array_equal(by_rate.xs, by_rule.xs)
    assert by_rate.lr == by_rule.lr == 0.1 and by_rate.optimizer.name == "sgd"
    # x - lr * g, the book's update, gives the same bits as x + (-lr * g).
    x = np.array([-3.0, 4.0])
    for _ in range(20):
        x = x - 0.1 * (2 * x)
    assert np.array_equal(by_rate.x, x)


def raises(error, argument, call, *args, **kwargs):
    """``call`` raises ``error`` naming ``argument`` (by type and name, not wording)."""
    with pytest.raises(error) as raised:
        call(*args, **kwargs)
    assert raised.value.argument == argument


@pytest.mark.parametrize("kwargs", [{}, {"lr": 0.1, "optimizer": sgd(0.1)}])
def test_exactly_one_of_lr_and_optimizer(kwargs):
    raises(TypeError, "lr", gdbook.gradient_descent, abs, 1.0, steps=1, **kwargs)


def test_an_optimizer_that_is_not_one_is_named():
    gd = gdbook.gradient_descent
    raises(TypeError, "optimizer", gd, abs, 1.0, steps=1, optimizer="adam")


def test_an_update_rule_drives_the_loop():
    # A rule that halves the point at every step, whatever the gradient.
    halve = Optimizer("halve", {"lr": 1.0}, lambda x0: 0, lambda g, k: (-g / 4, k + 1))
    trace = gdbook.gradient_descent(gdbook.parabola.grad, 8.0, steps=3, optimizer=halve)
    assert trace.xs.tolist() == [8.0, 4.0, 2.0, 1.0]
    assert repr(trace).startswith("Trace(steps=3, optimizer=halve(lr=1.0), x=1.0")


def test_stochastic_runs_are_traces_with_epoch_views():
    data = np.array([1.0, 2.0, 3.0, 4.0, 5.0])
    trace = gdbook.stochastic_gradient_descent(
        lambda x, batch: 2 * np.mean(x - data[batch]),
        0.0,
        data.size,
        lr=0.1,
        epochs=3,
        batch_size=2,
        rng=0,
        loss=lambda x: float(np.mean((x - data) ** 2)),
    )
    assert type(trace) is gdbook.Trace
    assert trace.updates_per_epoch == 3 and trace.batch_size == 2
    assert trace.steps_taken == 9 and trace.epochs_taken == 3
    assert np.array_equal(trace.epoch_xs, trace.xs[[0, 3, 6, 9]])
    assert np.array_equal(trace.epoch_losses, trace.losses[[0, 3, 6, 9]])


def test_a_batch_may_hold_every_sample_and_no_more():
    data, sgd_run = np.array([1.0, 2.0, 6.0]), gdbook.stochastic_gradient_descent
    trace = sgd_run(
        lambda x, batch: 2 * np.mean(x - data[batch]),
        0.0,
        3,
        lr=0.1,
        epochs=2,
        batch_size=3,
        shuffle=False,
    )
    x = 0.0  # one batch of all the samples: gradient descent on the mean loss
    for _ in range(2):
        x = x - 0.1 * 2 * (x - 3.0)
    assert trace.updates_per_epoch == 1 and trace.x == pytest.approx(x, rel=1e-15)
    raises(
        ValueError, "batch_size", sgd_run, abs, 0.0, 3, lr=0.1, epochs=1, batch_size=4
    )


def test_a_history_that_cannot_fit_is_refused_at_once():
    gd, sgd_run = gdbook.gradient_descent, gdbook.stochastic_gradient_descent
    raises(ValueError, "steps", gd, lambda x: x, [1.0, 2.0], lr=1e-3, steps=10**10)
    raises(ValueError, "epochs", sgd_run, lambda x, b: x, 1.0, 3, lr=0.1, epochs=10**10)
    raises(
        ValueError,
        "epochs",
        gdbook.fit_line,
        [1.0, 2.0],
        [2.0, 4.0],
        lr=0.1,
        epochs=10**10,
    )


@pytest.mark.parametrize(
    "grad, error",
    [
        (lambda x: None, TypeError),
        (lambda x: "a", TypeError),
        (lambda x: x + 1j, TypeError),
        (lambda x: np.ones(3), ValueError),
    ],
)
def test_what_grad_returns_is_checked(grad, error):
    raises(error, "grad", gdbook.gradient_descent, grad, [1.0, 2.0], lr=0.1, steps=2)


@pytest.mark.parametrize("value", [None, "a", [1.0, 2.0], 1 + 1j])
def test_what_loss_returns_is_checked(value):
    gd, grad = gdbook.gradient_descent, gdbook.parabola.grad
    raises(ValueError, "loss", gd, grad, 1.0, lr=0.1, steps=2, loss=lambda x: value)


def test_a_start_whose_loss_overflows_is_a_diverged_run_not_a_warning():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        trace = gdbook.gradient_descent(
            gdbook.parabola.grad, 1e200, lr=0.1, steps=5, loss=gdbook.parabola
        )
    assert trace.diverged and trace.steps_taken == 0


def test_complex_start_is_refused():
    gd, x0 = gdbook.gradient_descent, np.array([1 + 2j, 3 + 0j])
    raises(TypeError, "x0", gd, gdbook.bowl.grad, x0, lr=0.1, steps=3)


def test_view_as_keeps_every_field():
    trace = gdbook.gradient_descent(lambda p: 2 * p, [1.0, 0.5], lr=0.1, steps=2)
    fit = trace.view_as(gdbook.LineFit)
    assert isinstance(fit, gdbook.Trace) and fit.slopes.tolist() == [1.0, 0.8, 0.64]
    with pytest.raises(TypeError):
        trace.view_as(dict)


# --- The loop of benchmarks/bench_loop.py: the same bits as a hand-written one -------

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
import bench_loop  # noqa: E402


@pytest.mark.parametrize("name", bench_loop.RULES)
@pytest.mark.parametrize("size", [2, 300])
def test_the_loop_gives_the_bits_of_a_hand_written_one(name, size):
    opt = bench_loop.RULES[name]
    if size == 2:
        grad, x0 = gdbook.rosenbrock.grad, np.array([-1.2, 1.0])
    else:
        grad, x0 = bench_loop.large_problem(size)
    trace = gdbook.gradient_descent(grad, x0, steps=300, optimizer=opt)
    xs, gs = bench_loop.hand_written(opt, grad, x0, 300)
    assert np.array_equal(trace.xs, xs) and np.array_equal(trace.grads, gs)


def test_the_stochastic_loop_gives_the_bits_of_a_hand_written_one():
    grad, x0, n = bench_loop.line_problem()
    kwargs = {"lr": 0.05, "epochs": 3, "batch_size": 10}
    trace = gdbook.stochastic_gradient_descent(grad, x0, n, rng=0, **kwargs)
    xs, gs = bench_loop.hand_written_sgd(grad, x0, n, seed=0, **kwargs)
    assert np.array_equal(trace.xs, xs) and np.array_equal(trace.grads, gs)


def test_a_grad_that_returns_its_argument_or_a_view_cannot_rewrite_the_history():
    # The loop keeps what grad returns without a copy only when nobody else holds it.
    buffer = np.zeros(2)

    def keeps_a_buffer(x):
        buffer[:] = 2 * x
        return buffer

    def returns_a_view(x):
        return (2 * x)[:]

    for grad in (keeps_a_buffer, returns_a_view, lambda x: x):
        trace = gdbook.gradient_descent(grad, [1.0, 2.0], lr=0.1, steps=3)
        assert len({g.tobytes() for g in trace.grads}) == 3


def test_schedules_that_reach_zero_or_underflow_complete_the_run():
    # Issue 20: cosine reaches 0 at its last update; step_decay underflows to 0.0.
    from gdbook.optimizers import adam
    from gdbook.schedules import cosine, step_decay

    grad = gdbook.bowl.grad
    run = gdbook.gradient_descent(
        grad, [1.0, 2.0], steps=11, optimizer=sgd(cosine(0.1, steps=10))
    )
    assert run.steps_taken == 11 and not run.diverged
    assert np.array_equal(run.xs[-1], run.xs[-2])  # a rate of 0 is a step of 0
    for rule in (sgd, adam):
        optimizer = rule(step_decay(0.1, every=1))
        run = gdbook.gradient_descent(grad, [1.0, 2.0], steps=1200, optimizer=optimizer)
        assert run.steps_taken == 1200 and np.isfinite(run.xs).all()


def by_hand(opt, grad, x0, steps, clip_norm=None):
    """The points of ``steps`` calls of ``opt.update``, the checked and guarded rule."""
    x = np.array(x0, dtype=float)
    state, xs = opt.init(x), [x]
    for _ in range(steps):
        with np.errstate(over="ignore"):
            g = np.asarray(grad(x.copy()), dtype=float)
        if clip_norm is not None:
            g = g * min(1.0, clip_norm / (np.linalg.norm(g) + 1e-6))
        step, state = opt.update(g, state)
        x = x + step
        xs.append(x)
    return np.array(xs)


def huge_later(x):
    # g * g overflows from the fourth point on (x[0] < -0.1), in the rule.
    return np.array([1e200, -1e200]) if x[0] < -0.1 else np.array([1.0, -1.0])


def overflows_inside(x):
    # An overflow inside grad, whose result is small: the rule does not overflow.
    return np.array([1.0, -1.0]) + 1 / np.exp(np.full(2, 1e3))


@pytest.mark.parametrize(
    ("grad", "clip_norm"),
    [(huge_later, None), (overflows_inside, None), (overflows_inside, 1.0)],
)
@pytest.mark.parametrize("name", ["adagrad", "rmsprop", "adam", "adamw", "scheduled"])
def test_the_loop_keeps_a_step_of_about_lr_when_g_squared_overflows(
    name, clip_norm, grad
):
    from gdbook import optimizers
    from gdbook.schedules import step_decay

    if name == "scheduled":
        opt = optimizers.adam(step_decay(0.1, every=2))
    else:
        opt = getattr(optimizers, name)(0.1)
    trace = gdbook.gradient_descent(
        grad, [0.1, 0.0], steps=6, optimizer=opt, clip_norm=clip_norm
    )
    assert np.array_equal(trace.xs, by_hand(opt, grad, [0.1, 0.0], 6, clip_norm))
    assert np.all(np.abs(np.diff(trace.xs, axis=0)) > 0.01)  # no step of 0
