"""The networks of sources 000 and 003: golden values, gradients, no mutation."""

from __future__ import annotations

import contextlib
import io
import warnings

import book
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from refusal import refused

import gdbook
from gdbook import LinearNet, SimpleNet

X = np.array([40.0, 80.0])
TARGET = 60.0
SIMPLENET_W = np.array(
    [[-0.66110535, -2.3121261, 0.61870626], [-0.43594672, 1.66798289, -1.09922476]]
)
SIMPLENET_X = np.array([0.6, 0.9])
SIMPLENET_T = np.array([0, 0, 1])


def source_net() -> LinearNet:
    return LinearNet(np.full((2, 3), 0.5), np.ones((3, 1)))


# -- E01: the source's numbers ---------------------------------------------------------


def test_e01_forward_backward_and_update_print_the_inventory_values():
    net = source_net()
    assert str(net.predict(X)) == "180.0"
    assert str(net.loss(X, TARGET)) == "7200.0"
    grads = net.gradient(X, TARGET)
    d1, d2, d3 = grads.W2[:, 0]
    assert " ".join(map(str, (d1, d2, d3))) == "7200.0 7200.0 7200.0"
    updated = net.update(grads, lr=1e-5)
    assert str(updated.predict(X)) == "140.3136"
    assert str(updated.loss(X, TARGET)) == "3225.1371724800006"


def test_e01_matrix_network_is_the_corrected_scalar_code_bit_for_bit():
    printed = book.backprop_by_hand()
    net = source_net()
    grads = net.gradient(X, TARGET)
    updated = net.update(grads, lr=1e-5)
    assert net.predict(X) == printed["prediction"]
    assert net.loss(X, TARGET) == printed["loss"]
    assert tuple(grads.W2[:, 0]) == printed["output_gradients"]
    assert np.array_equal(grads.W1, np.array(printed["input_gradients"]))
    assert np.array_equal(updated.W1, np.array(printed["W1"]))
    assert np.array_equal(updated.W2, np.array(printed["W2"]))
    assert updated.predict(X) == printed["final_prediction"]
    assert updated.loss(X, TARGET) == printed["final_loss"]


def test_e01_source_code_as_printed_stops_with_a_name_error():
    with pytest.raises(NameError, match="'x2'"):
        exec(book.BACKPROP_AS_PRINTED, {})
    # With the four typos fixed, the missing gradient is what stops it.
    fixed = (
        book.BACKPROP_AS_PRINTED.replace("x2*w1_21", "x_2 * w_1_21")
        .replace("Z_3", "z_3")
        .replace("X_2", "x_2")
    )
    with (
        contextlib.redirect_stdout(io.StringIO()) as out,
        pytest.raises(NameError, match="'d_loss_w_1_23'"),
    ):
        exec(fixed, {})
    assert out.getvalue().splitlines()[:3] == [
        "Forward-pass prediction: 180.0",
        "Current loss:  7200.0",
        "7200.0 7200.0 7200.0",
    ]
    # ...and with it computed, the code prints the source's numbers.
    complete = fixed.replace(
        "learning_rate = 1e-5",
        "d_loss_w_1_23 = d_loss_predicted_output * w_2_31 * x_2\nlearning_rate = 1e-5",
    )
    with contextlib.redirect_stdout(io.StringIO()) as out:
        exec(complete, {})
    assert out.getvalue().splitlines()[3:] == [
        "Final:  140.3136",
        "Current loss:  3225.1371724800006",
    ]
    # Leaving the second pass's Z_3 alone makes it reuse the stale z_3 silently.
    first, second = complete.rsplit("z_3 = x_1 * w_1_13+", 1)
    stale = first + "Z_3 = x_1 * w_1_13+" + second
    with contextlib.redirect_stdout(io.StringIO()) as out:
        exec(stale, {})
    assert out.getvalue().splitlines()[3] != "Final:  140.3136"


def test_e01_order_of_the_sums_matters_in_the_last_bit():
    # Why LinearNet does not use a BLAS product: one FMA in z_1 changes the result.
    from fractions import Fraction

    updated = source_net().update(source_net().gradient(X, TARGET), lr=1e-5)
    w11, w21, w2 = updated.W1[0, 0], updated.W1[1, 0], updated.W2[0, 0]
    fused = float(Fraction(X[0]) * Fraction(w11) + Fraction(X[1] * w21))
    assert str(updated.forward(X).z[0]) == "50.400000000000006"
    assert str(fused) == "50.4"
    assert str((fused * w2 + fused * w2) + fused * w2) == "140.31359999999998"


# -- LinearNet: gradients, immutability, errors ------------------------------------


@st.composite
def linear_nets(draw):
    """A random LinearNet with an input and a target."""
    inputs = draw(st.integers(1, 4))
    hidden = draw(st.integers(1, 4))
    weights = st.floats(-2, 2, allow_nan=False)
    W1 = draw(arrays(np.float64, (inputs, hidden), elements=weights))
    W2 = draw(arrays(np.float64, (hidden, 1), elements=weights))
    x = draw(arrays(np.float64, (inputs,), elements=st.floats(-5, 5)))
    t = draw(st.floats(-10, 10))
    return W1, W2, x, t


@given(linear_nets())
@settings(max_examples=80, deadline=None)
def test_hand_written_gradients_agree_with_the_numerical_gradient(case):
    W1, W2, x, t = case
    net = LinearNet(W1, W2)
    grads = net.gradient(x, t)
    numerical_W1 = gdbook.numerical_gradient(lambda W: net.loss(x, t, W1=W), W1)
    numerical_W2 = gdbook.numerical_gradient(lambda W: net.loss(x, t, W2=W), W2)
    # The loss is quadratic in W1 alone and in W2 alone: the central difference is
    # exact but for rounding, of the order of eps * loss / h.
    atol = 1e-9 * (1.0 + net.loss(x, t))
    np.testing.assert_allclose(grads.W1, numerical_W1, rtol=1e-7, atol=atol)
    np.testing.assert_allclose(grads.W2, numerical_W2, rtol=1e-7, atol=atol)


@given(linear_nets(), st.floats(1e-6, 1e-2))
@settings(max_examples=40, deadline=None)
def test_linear_net_never_mutates_its_inputs(case, lr):
    W1, W2, x, t = case
    copies = [a.copy() for a in (W1, W2, x)]
    net = LinearNet(W1, W2)
    grads = net.gradient(x, t)
    updated = net.update(grads, lr=lr)
    net.train(x, t, lr=lr, steps=3)
    for original, copy in zip((W1, W2, x), copies, strict=True):
        assert np.array_equal(original, copy)
    assert np.array_equal(net.W1, W1) and np.array_equal(net.W2, W2)
    assert updated is not net
    assert not net.W1.flags.writeable and not net.W2.flags.writeable


def test_linear_net_weights_are_copies():
    W1 = np.full((2, 3), 0.5)
    net = LinearNet(W1, np.ones((3, 1)))
    W1[0, 0] = 99.0
    assert net.W1[0, 0] == 0.5
    with pytest.raises(ValueError, match="read-only"):
        net.W1[0, 0] = 1.0


def test_training_keeps_start_and_end_and_decreases_the_loss():
    training = source_net().train(X, TARGET, lr=1e-5, steps=50)
    assert len(training.nets) == len(training.losses) == 51
    assert training.losses[0] == 7200.0
    assert str(training.losses[1]) == "3225.1371724800006"
    assert np.all(np.diff(training.losses) < 0)
    assert training.loss == training.losses[-1] < 1e-4
    assert not training.diverged
    assert repr(training).startswith(
        "NetTrace(steps=50, lr=1e-05, x=<array of shape (3, 3)>, loss="
    )


def test_training_with_too_large_a_rate_reports_divergence_without_warnings():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        training = source_net().train(X, TARGET, lr=1e-3, steps=1000)
    assert training.diverged
    assert training.steps_taken < 1000
    assert np.all(np.isfinite(training.losses))


def test_zero_steps_of_training_is_the_start():
    training = source_net().train(X, TARGET, lr=1e-5, steps=0)
    assert len(training.nets) == 1 and training.steps_taken == 0
    assert np.array_equal(training.net.parameters, source_net().parameters)


@pytest.mark.parametrize(
    ("call", "error", "match"),
    [
        (lambda: LinearNet(np.ones(3), np.ones((3, 1))), ValueError, "W1"),
        (lambda: LinearNet(np.ones((2, 3)), np.ones((2, 1))), ValueError, "W2"),
        (lambda: LinearNet(np.ones((2, 3)), [[np.nan]] * 3), ValueError, "W2"),
        (lambda: source_net().predict([1.0, 2.0, 3.0]), ValueError, "x"),
        (lambda: source_net().loss(X, [1.0, 2.0]), ValueError, "t"),
        (lambda: source_net().loss(X, TARGET, W1=np.ones((3, 2))), ValueError, "W1"),
        (lambda: source_net().loss(X, "a"), TypeError, "t"),
        (lambda: source_net().update({"W1": 0}, lr=0.1), TypeError, "gradients"),
        (
            lambda: source_net().update(source_net().gradient(X, TARGET), lr=0.0),
            ValueError,
            "lr",
        ),
        (lambda: source_net().train(X, TARGET, lr=1e-5, steps=-1), ValueError, "steps"),
    ],
)
def test_linear_net_bad_input(call, error, match):
    refused(error, match, call)


def test_reprs_are_short():
    net = source_net()
    assert repr(net) == (
        "LinearNet(W1=[[0.5, 0.5, 0.5], [0.5, 0.5, 0.5]], W2=[[1.0], [1.0], [1.0]])"
    )
    assert repr(net.forward(X)) == "ForwardPass(z=[60.0, 60.0, 60.0], y=180.0)"
    assert repr(net.gradient(X, TARGET)).startswith("NetGradients(dy=120.0, W1=")
    big = LinearNet(np.zeros((5, 4)), np.zeros((4, 1)))
    assert "shape (5, 4)" in repr(big)


# -- E13: SimpleNet -----------------------------------------------------------------


def test_e13_through_simplenet():
    net = SimpleNet(SIMPLENET_W)
    assert str(net.W) == (
        "[[-0.66110535 -2.3121261   0.61870626]\n"
        " [-0.43594672  1.66798289 -1.09922476]]"
    )
    p = net.predict(SIMPLENET_X)
    assert str(p) == "[-0.78901526  0.11390894 -0.61807853]"
    assert str(np.argmax(p)) == "1"
    loss = net.loss(SIMPLENET_X, SIMPLENET_T)
    assert f"{loss:.8f}" == "1.36662269"
    dW = gdbook.numerical_gradient(
        lambda W: net.loss(SIMPLENET_X, SIMPLENET_T, W), net.W
    )
    assert str(dW) == (
        "[[ 0.12894287  0.31807705 -0.44701992]\n"
        " [ 0.19341431  0.47711557 -0.67052988]]"
    )


def test_e13_same_bits_as_the_books_class_and_its_mutating_gradient():
    net = SimpleNet(SIMPLENET_W)
    W = SIMPLENET_W.copy()

    def book_loss(_):  # the source's f: ignores its argument, reads the mutated W
        return book.cross_entropy_error(book.softmax(SIMPLENET_X @ W), SIMPLENET_T)

    assert net.loss(SIMPLENET_X, SIMPLENET_T) == book_loss(None)
    assert np.array_equal(
        gdbook.numerical_gradient(
            lambda W: net.loss(SIMPLENET_X, SIMPLENET_T, W), net.W
        ),
        book.numerical_gradient(book_loss, W),
    )


def test_e13_the_sources_lambda_has_a_zero_gradient_without_mutation():
    net = SimpleNet(SIMPLENET_W)
    ignoring = gdbook.numerical_gradient(
        lambda w: net.loss(SIMPLENET_X, SIMPLENET_T), net.W
    )
    assert np.array_equal(ignoring, np.zeros((2, 3)))


def test_e13_analytic_gradient_differs_by_the_delta_of_the_log():
    net = SimpleNet(SIMPLENET_W)
    analytic = net.gradient(SIMPLENET_X, SIMPLENET_T)
    y = gdbook.softmax(net.predict(SIMPLENET_X))
    expected = np.outer(SIMPLENET_X, y - SIMPLENET_T)
    np.testing.assert_allclose(analytic, expected, rtol=1e-15, atol=0)
    check = gdbook.gradient_check(
        lambda W: net.loss(SIMPLENET_X, SIMPLENET_T, W), analytic, net.W
    )
    assert check.passed
    delta = gdbook.CROSS_ENTROPY_DELTA
    # Up to the central difference's own error, of about 1e-9 relative.
    np.testing.assert_allclose(check.errors, delta / (y[2] + delta), rtol=0, atol=2e-9)
    scaled = gdbook.gradient_check(
        lambda W: net.loss(SIMPLENET_X, SIMPLENET_T, W),
        analytic * (y[2] / (y[2] + delta)),
        net.W,
    )
    assert scaled.max_error < 1e-8


@given(
    arrays(np.float64, (2, 3), elements=st.floats(-3, 3)),
    arrays(np.float64, (2,), elements=st.floats(-2, 2)),
    st.integers(0, 2),
)
@settings(max_examples=60, deadline=None)
def test_simplenet_gradient_agrees_with_the_numerical_one(W, x, label):
    t = np.eye(3)[label]
    W_before, x_before = W.copy(), x.copy()
    net = SimpleNet(W)
    check = gdbook.gradient_check(
        lambda V: net.loss(x, t, V), net.gradient(x, t), net.W, tolerance=1e-4
    )
    # The 1e-7 inside the log shifts the exact gradient by about 1e-7 / y_t.
    y_t = gdbook.softmax(net.predict(x))[label]
    np.testing.assert_allclose(
        check.numerical, check.analytic, rtol=1e-5, atol=1e-8 + 3e-7 / y_t
    )
    assert np.array_equal(W, W_before) and np.array_equal(x, x_before)


def test_simplenet_batch_gradient_is_the_mean_of_the_samples():
    net = SimpleNet.random(np.random.default_rng(3))
    xs = np.random.default_rng(4).normal(size=(5, 2))
    ts = np.eye(3)[[0, 2, 1, 1, 0]]
    per_sample = [net.gradient(x, t) for x, t in zip(xs, ts, strict=True)]
    np.testing.assert_allclose(net.gradient(xs, ts), np.mean(per_sample, axis=0))


def test_simplenet_is_in_networks_and_its_old_module_warns():
    import gdbook.networks
    import gdbook.simplenet

    assert gdbook.networks.SimpleNet is SimpleNet
    assert "SimpleNet" in gdbook.networks.__all__
    with pytest.warns(DeprecationWarning, match=r"gdbook\.networks\.SimpleNet"):
        assert gdbook.simplenet.SimpleNet is SimpleNet


def test_simplenet_random_is_seeded_and_bad_input_is_named():
    assert np.array_equal(SimpleNet.random(7).W, SimpleNet.random(7).W)
    net = SimpleNet(SIMPLENET_W)
    refused(ValueError, "x", lambda: net.predict([1.0, 2.0, 3.0]))
    refused(
        ValueError, "W", lambda: net.loss(SIMPLENET_X, SIMPLENET_T, np.ones((3, 2)))
    )
    refused(ValueError, "W", lambda: SimpleNet(np.ones(3)))
    assert repr(net).startswith("SimpleNet(W=[[-0.6611, -2.3121, 0.6187]")
