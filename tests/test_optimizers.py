"""gdbook.optimizers: the update rules against torch.optim and against their formulas.

PyTorch is the reference (a test-only dependency). Outside CI a missing PyTorch
skips the comparisons; with ``CI=true`` it fails them, as the built-site tests do
with a missing browser.

Two comparisons with PyTorch:

- in this process, with the kernels PyTorch picks for this CPU (which fuse
  multiply-adds on x86-64 with AVX2 or AVX-512): the iterates agree to 1e-13
  relative;
- in a fresh process with ``ATEN_CPU_CAPABILITY=default`` (x86-64 only), whose
  kernels round every operation as numpy does: sgd and momentum (Nesterov too)
  are bit-equal to PyTorch, and so are adagrad, rmsprop and adam once they use
  PyTorch's square root, which is not correctly rounded (numpy's is). The order
  of operations is then PyTorch's exactly.
"""

from __future__ import annotations

import platform
import warnings
from pathlib import Path

import numpy as np
import pytest
import torch_reference

import gdbook
from gdbook.optimizers import (
    AdagradState,
    AdamState,
    MomentumState,
    Optimizer,
    RMSpropState,
    adagrad,
    adam,
    momentum,
    rmsprop,
    sgd,
)

HERE = Path(__file__).resolve().parent


# --- Against PyTorch --------------------------------------------------------------


CASES = {label: case for label, *case in torch_reference.cases()}
ALL_CASES = [label for label, *_ in torch_reference.cases(sensitive=True)]


@pytest.mark.parametrize("label", CASES)
def test_iterates_match_torch(label, torch):
    opt, grad, x0 = CASES[label]
    theirs = torch_reference.torch_iterates(torch, opt, grad, x0)
    ours = torch_reference.gdbook_iterates(opt, grad, x0)
    assert ours.shape == theirs.shape == (torch_reference.STEPS + 1, *np.shape(x0))
    assert torch_reference.relative_difference(ours, theirs) <= 1e-13


@pytest.fixture(scope="module")
def default_kernels(torch, tmp_path_factory, run_cache):
    """Every case run by tests/torch_reference.py with PyTorch's baseline kernels
    (once per test run)."""
    if platform.machine().lower() not in {"x86_64", "amd64"}:
        pytest.skip(
            "the baseline kernels are free of fused multiply-adds on x86-64 only"
        )
    path = tmp_path_factory.mktemp("torch") / "iterates.npz"
    script = str(HERE / "torch_reference.py")
    return run_cache.get(
        "torch_reference.py", lambda: torch_reference.baseline_iterates(script, path)
    )


@pytest.mark.parametrize("label", ALL_CASES)
def test_bit_equal_to_torch_without_fused_multiply_add(label, default_kernels):
    theirs = default_kernels[f"torch:{label}"]
    ours = default_kernels[f"gdbook:{label}"]
    # The order of operations is PyTorch's: with its square root, every bit agrees.
    assert np.array_equal(default_kernels[f"torch-sqrt:{label}"], theirs)
    if label.split("/")[0] in {"sgd", "momentum", "nesterov"}:
        assert np.array_equal(ours, theirs)
    elif label in CASES:
        assert torch_reference.relative_difference(ours, theirs) <= 1e-13


def test_torch_optimizer_takes_every_hyperparameter(torch):
    """The names are torch.optim's: the hyperparameters pass as they are."""
    param = torch.zeros(2, dtype=torch.float64, requires_grad=True)
    for opt in (
        sgd(0.1),
        momentum(0.1, 0.5, nesterov=True),
        adagrad(),
        rmsprop(),
        adam(betas=(0.8, 0.99)),
    ):
        made = torch_reference.torch_optimizer(torch, opt, [param])
        for name, value in opt.hyperparameters.items():
            assert made.param_groups[0][name] == value


def test_defaults_are_torchs(torch):
    defaults = {
        "adagrad": (adagrad(), torch.optim.Adagrad),
        "rmsprop": (rmsprop(), torch.optim.RMSprop),
        "adam": (adam(), torch.optim.Adam),
    }
    param = torch.zeros(1, dtype=torch.float64, requires_grad=True)
    for opt, cls in defaults.values():
        group = cls([param]).param_groups[0]
        for name, value in opt.hyperparameters.items():
            assert group[name] == value, (opt, name)


# --- Against the formulas, by hand -----------------------------------------------

G1 = np.array([3.0, -0.5, 1e-3, 0.0])
G2 = np.array([-1.0, -0.25, 2e-3, 4.0])
X0 = np.zeros(4)


def first_steps(opt: Optimizer, *grads: np.ndarray) -> list[np.ndarray]:
    state = opt.init(X0)
    steps = []
    for g in grads:
        step, state = opt.update(g, state)
        steps.append(step)
    return steps


def test_sgd_steps_against_the_gradient():
    (step,) = first_steps(sgd(0.1), G1)
    assert np.array_equal(step, -0.1 * G1)


def test_momentum_first_step_is_plain_descent_then_velocity_adds_up():
    lr, mu = 0.1, 0.9
    step1, step2 = first_steps(momentum(lr, mu), G1, G2)
    assert np.array_equal(step1, -lr * G1)
    assert np.array_equal(step2, -lr * (mu * G1 + G2))


def test_nesterov_looks_one_velocity_ahead():
    lr, mu = 0.1, 0.9
    step1, step2 = first_steps(momentum(lr, mu, nesterov=True), G1, G2)
    assert np.array_equal(step1, -lr * (G1 + mu * G1))
    velocity = mu * G1 + G2
    assert np.array_equal(step2, -lr * (G2 + mu * velocity))


def test_adagrad_first_step_is_lr_in_every_coordinate():
    lr, eps = 0.5, 1e-10
    step1, step2 = first_steps(adagrad(lr, eps), G1, G2)
    # sqrt(g * g) is |g| exactly in binary floating point.
    assert np.array_equal(step1, -lr * G1 / (np.abs(G1) + eps))
    expected = -lr * G2 / (np.sqrt(G1**2 + G2**2) + eps)
    np.testing.assert_allclose(step2, expected, rtol=1e-15, atol=0)


def test_rmsprop_first_step_is_lr_over_root_of_one_minus_alpha():
    lr, alpha, eps = 0.01, 0.99, 1e-8
    (step,) = first_steps(rmsprop(lr, alpha, eps), G1)
    expected = -lr * G1 / (np.sqrt(1 - alpha) * np.abs(G1) + eps)
    np.testing.assert_allclose(step, expected, rtol=1e-15, atol=0)
    # No bias correction: 10 lr rather than lr where |g| >> eps.
    assert step[0] == pytest.approx(-0.1, rel=1e-7)


def test_adam_first_two_steps_with_bias_correction():
    lr, (b1, b2), eps = 0.1, (0.9, 0.999), 1e-8
    step1, step2 = first_steps(adam(lr, (b1, b2), eps), G1, G2)
    # Step 1: m = (1 - b1) g, v = (1 - b2) g², both corrected back to g and g².
    np.testing.assert_allclose(step1, -lr * G1 / (np.abs(G1) + eps), rtol=1e-15)
    assert step1[:2] == pytest.approx([-lr, lr], rel=1e-7)  # -lr sign(g)
    # Step 2, from the formula of the paper.
    m = b1 * (1 - b1) * G1 + (1 - b1) * G2
    v = b2 * (1 - b2) * G1**2 + (1 - b2) * G2**2
    m_hat, v_hat = m / (1 - b1**2), v / (1 - b2**2)
    np.testing.assert_allclose(step2, -lr * m_hat / (np.sqrt(v_hat) + eps), rtol=1e-14)


def test_adam_state_holds_the_count_and_both_averages():
    opt = adam(0.1, betas=(0.5, 0.75))
    state = opt.init(X0)
    assert state == AdamState(0, state.mean, state.mean_square)
    _, state = opt.update(G1, state)
    _, state = opt.update(G2, state)
    assert state.count == 2
    np.testing.assert_allclose(state.mean, 0.5 * 0.5 * G1 + 0.5 * G2, rtol=1e-15)
    np.testing.assert_allclose(
        state.mean_square, 0.75 * 0.25 * G1**2 + 0.25 * G2**2, rtol=1e-15
    )


def test_adam_first_step_ignores_the_scale_of_the_gradient():
    (small,) = first_steps(adam(0.1), 1e-3 * G1[:2].repeat(2))
    (large,) = first_steps(adam(0.1), 1e3 * G1[:2].repeat(2))
    np.testing.assert_allclose(small, large, rtol=1e-4)


@pytest.mark.parametrize("mu", [0.5, 0.9])
def test_nesterov_iterates_are_sutskevers_look_ahead_points(mu):
    """PyTorch's Nesterov is Sutskever et al.'s with x = y + mu u (docstring)."""
    f = gdbook.quadratic([1.0, 20.0])
    lr, y, u = 0.02, np.array([1.0, 1.0]), np.zeros(2)
    trace = gdbook.gradient_descent(
        f.grad, y + mu * u, steps=30, optimizer=momentum(lr, mu, nesterov=True)
    )
    look_ahead = [y + mu * u]
    for _ in range(30):
        u = mu * u - lr * f.grad(y + mu * u)
        y = y + u
        look_ahead.append(y + mu * u)
    np.testing.assert_allclose(trace.xs, look_ahead, rtol=1e-12, atol=1e-15)


def test_heavy_ball_iterates_are_keras_velocity_form():
    """u = mu u - lr g, x = x + u gives the same points for a constant rate."""
    f = gdbook.quadratic([1.0, 20.0])
    lr, mu, x, u = 0.02, 0.9, np.array([1.0, 1.0]), np.zeros(2)
    trace = gdbook.gradient_descent(f.grad, x, steps=30, optimizer=momentum(lr, mu))
    points = [x]
    for _ in range(30):
        u = mu * u - lr * f.grad(x)
        x = x + u
        points.append(x)
    np.testing.assert_allclose(trace.xs, points, rtol=1e-12, atol=1e-15)


# --- Purity: nothing given is modified, nothing returned is shared --------------

OPTIMIZERS = [
    sgd(0.1),
    momentum(0.1),
    momentum(0.1, nesterov=True),
    adagrad(0.1),
    rmsprop(0.01),
    adam(0.01),
]
IDS = [repr(opt) for opt in OPTIMIZERS]


def arrays_of(state) -> list[np.ndarray]:
    return [a for a in (state or ()) if isinstance(a, np.ndarray)]


@pytest.mark.parametrize("opt", OPTIMIZERS, ids=IDS)
def test_update_modifies_neither_grad_nor_state(opt):
    x0 = np.array([1.0, -2.0, 3.0])
    state = opt.init(x0)
    x0[:] = 99.0  # the state does not hold the caller's array
    assert all(np.all(a == 0) for a in arrays_of(state))
    for g in ([0.5, -1.0, 2.0], [1.0, 1.0, -3.0]):
        grad = np.array(g)
        grad.setflags(write=False)  # any write to it would raise
        for a in arrays_of(state):
            a.setflags(write=False)
        before = [a.copy() for a in arrays_of(state)]
        step, new_state = opt.update(grad, state)
        assert np.array_equal(grad, g)
        assert all(
            np.array_equal(a, b) for a, b in zip(arrays_of(state), before, strict=True)
        )
        assert type(new_state) is type(state)
        assert not np.shares_memory(step, grad)
        for a in arrays_of(new_state):
            assert not any(np.shares_memory(a, b) for b in [grad, *arrays_of(state)])
        state = new_state


@pytest.mark.parametrize("opt", OPTIMIZERS, ids=IDS)
def test_same_gradients_same_steps(opt):
    """A pure pair: replaying the same gradients from the same state repeats."""
    grads = [np.array([0.5, -1.0]), np.array([2.0, 0.25])]
    runs = []
    for _ in range(2):
        state, steps = opt.init(np.zeros(2)), []
        for g in grads:
            step, state = opt.update(g, state)
            steps.append(step)
        runs.append(np.array(steps))
    assert np.array_equal(runs[0], runs[1])


def test_states_are_named_tuples_a_reader_can_inspect():
    x0 = np.zeros(2)
    assert momentum(0.1).init(x0)._fields == ("velocity",)
    # scale: the units of the second moment, 4**scale, 0 unless g * g overflowed
    assert adagrad().init(x0)._fields == ("sum_of_squares", "scale")
    assert rmsprop().init(x0)._fields == ("mean_square", "scale")
    assert adam().init(x0)._fields == ("count", "mean", "mean_square", "scale")
    assert adam().init(x0).scale == 0
    assert isinstance(momentum(0.1).init(x0), MomentumState)
    assert isinstance(adagrad().init(x0), AdagradState)
    assert isinstance(rmsprop().init(x0), RMSpropState)
    assert sgd(0.1).init(x0) is None


@pytest.mark.parametrize("opt", OPTIMIZERS, ids=IDS)
def test_scalar_points_work(opt):
    trace = gdbook.gradient_descent(gdbook.parabola.grad, 5.0, steps=3, optimizer=opt)
    assert trace.xs.shape == (4,) and np.all(trace.xs[1:] < 5.0)


# --- Through the descent loops ---------------------------------------------------


@pytest.mark.parametrize("opt", OPTIMIZERS, ids=IDS)
def test_gradient_descent_is_the_init_update_loop(opt):
    f = gdbook.quadratic([1.0, 10.0])
    x, state, points = np.array([-1.2, 1.0]), opt.init(np.zeros(2)), []
    points.append(x)
    for _ in range(20):
        step, state = opt.update(f.grad(x), state)
        x = x + step
        points.append(x)
    trace = gdbook.gradient_descent(f.grad, [-1.2, 1.0], steps=20, optimizer=opt)
    assert np.array_equal(trace.xs, points)
    assert trace.optimizer is opt and trace.lr == opt.lr


def test_stochastic_descent_with_adam_is_reproducible_and_is_the_plain_loop():
    data = np.random.default_rng(3).normal(loc=[2.0, -1.0], size=(30, 2))

    def grad(x, batch):
        return 2 * np.mean(x - data[batch], axis=0)

    opt = adam(0.1)

    def run(seed):
        return gdbook.stochastic_gradient_descent(
            grad, [0.0, 0.0], 30, epochs=5, batch_size=4, optimizer=opt, rng=seed
        )

    trace, again, other = run(7), run(7), run(8)
    assert np.array_equal(trace.xs, again.xs)
    assert not np.array_equal(trace.xs, other.xs)
    assert trace.steps_taken == 5 * 8 and trace.updates_per_epoch == 8
    assert trace.optimizer is opt and trace.lr == 0.1
    assert "optimizer=adam(lr=0.1, betas=(0.9, 0.999), eps=1e-08)" in repr(trace)
    # The same run written out: a fresh permutation per epoch, cut into batches.
    generator, x, state = np.random.default_rng(7), np.zeros(2), opt.init(np.zeros(2))
    points = [x]
    for _ in range(5):
        order = generator.permutation(30)
        for start in range(0, 30, 4):
            step, state = opt.update(grad(x, order[start : start + 4]), state)
            x = x + step
            points.append(x)
    assert np.array_equal(trace.xs, points)
    assert np.allclose(trace.x, data.mean(axis=0), atol=0.3)


# --- Divergence is reported on the trace ----------------------------------------


@pytest.mark.parametrize("opt_class", [sgd, momentum, adagrad, rmsprop, adam])
def test_a_huge_rate_diverges_and_the_trace_says_so(opt_class):
    f = gdbook.quadratic([1.0, 10.0])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        trace = gdbook.gradient_descent(
            f.grad, [1.0, 1.0], steps=50, loss=f, optimizer=opt_class(lr=1e200)
        )
    assert trace.diverged and trace.steps_taken < 50
    assert np.all(np.isfinite(trace.xs)) and np.all(np.isfinite(trace.losses))
    assert len(trace.losses) == len(trace.xs)


@pytest.mark.parametrize("opt", [sgd(1e200), momentum(1e200)], ids=["sgd", "momentum"])
def test_without_a_loss_the_iterates_overflow(opt):
    # Adagrad, RMSprop and Adam move at most about lr a step, so their iterates
    # stay finite: their runs diverge through the loss (previous test).
    f = gdbook.quadratic([1.0, 10.0])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        trace = gdbook.gradient_descent(f.grad, [1.0, 1.0], steps=50, optimizer=opt)
    assert trace.diverged and np.all(np.isfinite(trace.xs))


# --- Bad hyperparameters get errors that name them -------------------------------


@pytest.mark.parametrize(
    "call, error, argument",
    [
        (lambda: sgd(0.0), ValueError, "lr"),
        (lambda: sgd(-0.1), ValueError, "lr"),
        (lambda: sgd(float("inf")), ValueError, "lr"),
        (lambda: sgd(float("nan")), ValueError, "lr"),
        (lambda: sgd("0.1"), TypeError, "lr"),
        (lambda: sgd(True), TypeError, "lr"),
        (lambda: momentum(-1.0), ValueError, "lr"),
        (lambda: momentum(0.1, -0.1), ValueError, "momentum"),
        (lambda: momentum(0.1, 1.0), ValueError, "momentum"),
        (lambda: momentum(0.1, float("nan")), ValueError, "momentum"),
        (lambda: momentum(0.1, "0.9"), TypeError, "momentum"),
        (lambda: momentum(0.1, nesterov=1), TypeError, "nesterov"),
        (lambda: momentum(0.1, nesterov="yes"), TypeError, "nesterov"),
        (lambda: adagrad(0.0), ValueError, "lr"),
        (lambda: adagrad(eps=0.0), ValueError, "eps"),
        (lambda: adagrad(eps=-1e-10), ValueError, "eps"),
        (lambda: rmsprop(alpha=1.0), ValueError, "alpha"),
        (lambda: rmsprop(alpha=-0.5), ValueError, "alpha"),
        (lambda: rmsprop(eps=float("inf")), ValueError, "eps"),
        (lambda: rmsprop(-0.01), ValueError, "lr"),
        (lambda: adam(float("nan")), ValueError, "lr"),
        (lambda: adam(betas=0.9), TypeError, "betas"),
        (lambda: adam(betas=(0.9,)), TypeError, "betas"),
        (lambda: adam(betas=(0.9, 0.99, 0.999)), TypeError, "betas"),
        (lambda: adam(betas="ab"), TypeError, "betas"),
        (lambda: adam(betas=(1.0, 0.999)), ValueError, "betas[0]"),
        (lambda: adam(betas=(0.9, -0.1)), ValueError, "betas[1]"),
        (lambda: adam(betas=(0.9, None)), TypeError, "betas[1]"),
        (lambda: adam(eps=0.0), ValueError, "eps"),
        (lambda: adam(eps=float("nan")), ValueError, "eps"),
    ],
)
def test_bad_hyperparameters_are_named(call, error, argument):
    with pytest.raises(error) as raised:
        call()
    assert raised.value.argument == argument


def test_numpy_numbers_and_lists_are_accepted():
    opt = adam(np.float32(0.5), betas=[np.float64(0.9), 0.99], eps=np.float64(1e-8))
    assert opt.hyperparameters["betas"] == (0.9, 0.99)
    assert type(opt.lr) is float and opt.lr == 0.5
    assert momentum(0.1, np.float64(0.5), nesterov=np.bool_(True)).hyperparameters[
        "nesterov"
    ]


@pytest.mark.parametrize("opt", OPTIMIZERS[1:], ids=IDS[1:])
def test_a_gradient_of_the_wrong_shape_is_refused(opt):
    state = opt.init(np.zeros(3))
    with pytest.raises(ValueError, match=r"grad must have the shape .* \(3,\)"):
        opt.update(np.ones(2), state)


@pytest.mark.parametrize("opt", OPTIMIZERS, ids=IDS)
def test_a_complex_or_text_gradient_is_refused(opt):
    state = opt.init(np.zeros(2))
    with pytest.raises(TypeError, match="grad"):
        opt.update(np.array([1.0 + 1j, 0.0]), state)
    with pytest.raises(TypeError, match="grad"):
        opt.update(np.array(["a", "b"]), state)


def test_reprs_read_like_the_calls():
    assert repr(momentum(0.1)) == "momentum(lr=0.1, momentum=0.9, nesterov=False)"
    assert repr(adagrad()) == "adagrad(lr=0.01, eps=1e-10)"
    assert repr(rmsprop()) == "rmsprop(lr=0.01, alpha=0.99, eps=1e-08)"
    assert repr(adam()) == "adam(lr=0.001, betas=(0.9, 0.999), eps=1e-08)"
    with pytest.raises(TypeError):
        adam().hyperparameters["lr"] = 1.0


# --- A state built by hand is checked as an argument is (issue 20) -------------------


@pytest.mark.parametrize(
    "opt, state, error, argument",
    [
        (
            adagrad(),
            AdagradState(np.array([-1.0, 1.0])),
            ValueError,
            "state.sum_of_squares",
        ),
        (
            rmsprop(),
            RMSpropState(np.array([np.nan, 1.0])),
            ValueError,
            "state.mean_square",
        ),
        (
            adam(),
            AdamState(0, np.zeros(2), np.array([0.0, -1e-3])),
            ValueError,
            "state.mean_square",
        ),
        (adam(), AdamState(-1, np.zeros(2), np.zeros(2)), ValueError, "state.count"),
        (
            adam(),
            AdamState(0, np.zeros(3), np.zeros(2)),
            ValueError,
            "state.mean_square",
        ),
        (adam(), AdamState(0.5, np.zeros(2), np.zeros(2)), TypeError, "state.count"),
        (adagrad(), AdagradState(np.zeros(2), scale=-1), ValueError, "state.scale"),
        (
            momentum(0.1),
            MomentumState(np.array([np.inf, 0.0])),
            ValueError,
            "state.velocity",
        ),
        (
            momentum(0.1),
            MomentumState(np.zeros(2, dtype=np.float32)),
            TypeError,
            "state.velocity",
        ),
        (momentum(0.1), None, TypeError, "state"),
    ],
)
def test_a_hand_built_state_is_refused_by_name(opt, state, error, argument):
    with pytest.raises(error) as raised:
        opt.update(np.ones(2), state)
    assert raised.value.argument == argument


# --- A step of about lr whatever the gradient, as the docstrings promise -------------


@pytest.mark.parametrize("make", [adagrad, rmsprop, adam])
def test_adaptive_steps_keep_their_size_when_g_squared_overflows(make, torch):
    """At 1e150, g * g is finite and torch.optim is the reference; at 1e200 it
    overflows float64 (torch then steps 0): the step must not change."""
    opt = make(lr=0.1)
    steps = {}
    for size in (1e150, 1e200, 1e300):
        g = np.array([size, -size, 1.0])
        state, run = opt.init(np.zeros(3)), []
        for _ in range(3):
            step, state = opt.update(g, state)
            run.append(step)
        steps[size] = np.array(run)
    param = torch.zeros(3, dtype=torch.float64, requires_grad=True)
    reference = torch_reference.torch_optimizer(torch, opt, [param])
    theirs = []
    for _ in range(3):
        before = param.detach().clone()
        param.grad = torch.tensor([1e150, -1e150, 1.0], dtype=torch.float64)
        reference.step()
        theirs.append((param.detach() - before).numpy())
    # The large coordinates: the same steps as torch's at 1e150, at every size.
    for run in steps.values():
        np.testing.assert_allclose(run[:, :2], np.array(theirs)[:, :2], rtol=1e-9)
    assert np.all(np.abs(steps[1e200][0, :2]) > 0.05)


def test_a_nan_gradient_still_ends_the_run_after_an_overflow():
    trace = gdbook.gradient_descent(
        lambda x: np.array([1e200, np.nan]) if x[0] < -0.15 else np.array([1e200, 1.0]),
        [0.0, 0.0],
        steps=10,
        optimizer=adam(0.1),
    )
    assert trace.diverged and trace.steps_taken == 2
