"""The backpropagation chapter prints the inventory's values (E01, E13), via gdbook.

Each expected line is computed here through gdbook and, where the inventory gives
the value, compared with the inventory's string as well.
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np

import gdbook
from gdbook import LinearNet, SimpleNet

X = np.array([40.0, 80.0])
TARGET = 60.0
SIMPLENET_W = np.array(
    [[-0.66110535, -2.3121261, 0.61870626], [-0.43594672, 1.66798289, -1.09922476]]
)
SIMPLENET_X = np.array([0.6, 0.9])
SIMPLENET_T = np.array([0, 0, 1])
SOURCE_LOSS = 1.366622688011303


def test_e01_page(run_example):
    out = run_example("04_backpropagation/plot_backprop_by_hand.py").splitlines()
    net = LinearNet(np.full((2, 3), 0.5), np.ones((3, 1)))
    grads = net.gradient(X, TARGET)
    updated = net.update(grads, lr=1e-5)

    prediction, loss = net.predict(X), net.loss(X, TARGET)
    assert (str(prediction), str(loss)) == ("180.0", "7200.0")
    assert out[0] == f"Forward-pass prediction: {prediction}"
    assert out[1] == f"Current loss: {loss}"
    d1, d2, d3 = grads.W2[:, 0]
    assert out[2] == f"{d1} {d2} {d3}" == "7200.0 7200.0 7200.0"
    assert out[3:5] == str(grads.W1).splitlines()
    final, final_loss = updated.predict(X), updated.loss(X, TARGET)
    assert (str(final), str(final_loss)) == ("140.3136", "3225.1371724800006")
    assert out[5] == f"Final: {final}"
    assert out[6] == f"Current loss: {final_loss}"

    # The fused multiply-add aside.
    w11, w21, w2 = updated.W1[0, 0], updated.W1[1, 0], updated.W2[0, 0]
    fused = float(Fraction(X[0]) * Fraction(w11) + Fraction(X[1] * w21))
    assert out[7] == f"z_1, one rounding per operation: {updated.forward(X).z[0]}"
    assert out[8] == f"z_1, fused multiply-add: {fused}"
    fused_prediction = (fused * w2 + fused * w2) + fused * w2
    assert out[9] == f"prediction with the fused z: {fused_prediction}"
    assert fused_prediction != final

    # Gradient checks, the right one passing and the wrong one failing.
    check_W1 = gdbook.gradient_check(
        lambda W1: net.loss(X, TARGET, W1=W1), grads.W1, net.W1
    )
    check_W2 = gdbook.gradient_check(
        lambda W2: net.loss(X, TARGET, W2=W2), grads.W2, net.W2
    )
    assert check_W1.passed and check_W2.passed
    assert out[10] == repr(check_W1)
    assert out[11] == repr(check_W2)
    wrong = gdbook.gradient_check(
        lambda W1: net.loss(X, TARGET, W1=W1),
        grads.dy * np.full((2, 3), X[0]),
        net.W1,
    )
    assert not wrong.passed
    assert out[12] == repr(wrong)

    training = net.train(X, TARGET, lr=1e-5, steps=50)
    assert out[13] == repr(training)
    assert out[14] == f"prediction after 50 updates: {training.net.predict(X)}"
    assert len(out) == 15


def test_e13_page(run_example):
    out = run_example("04_backpropagation/plot_simplenet.py").splitlines()
    net = SimpleNet(SIMPLENET_W)
    assert out[0:2] == str(net.W).splitlines()
    p = net.predict(SIMPLENET_X)
    assert out[2] == str(p) == "[-0.78901526  0.11390894 -0.61807853]"
    assert out[3] == str(np.argmax(p)) == "1"
    loss = net.loss(SIMPLENET_X, SIMPLENET_T)
    assert out[4] == str(loss)
    assert out[4].startswith("1.36662269")

    # The explanation of the differences from the source's printed values.
    dW = gdbook.numerical_gradient(
        lambda W: net.loss(SIMPLENET_X, SIMPLENET_T, W), net.W
    )
    assert out[5] == f"last score to 12 decimals: {p[2]:.12f}"
    assert abs(p[2] - -0.618078525) < (0.6 + 0.9) * 5e-9  # can round to ...852
    difference = abs(loss - SOURCE_LOSS)
    bound = np.abs(dW).sum() * 5e-9
    assert out[6] == f"difference from the source's loss: {difference}"
    assert out[7] == f"bound from rounding W to 8 decimals: {bound}"
    assert difference < bound

    assert out[8:10] == str(dW).splitlines()
    assert str(dW) == (
        "[[ 0.12894287  0.31807705 -0.44701992]\n"
        " [ 0.19341431  0.47711557 -0.67052988]]"
    )
    nudged = net.W.copy()
    nudged[1, 1] += 1e-3
    slope = (net.loss(SIMPLENET_X, SIMPLENET_T, nudged) - loss) / 1e-3
    assert out[10] == f"(L(W + h e_11) - L(W)) / h = {slope}"
    assert round(slope, 2) == 0.48

    ignoring = gdbook.numerical_gradient(
        lambda w: net.loss(SIMPLENET_X, SIMPLENET_T), net.W
    )
    assert out[11:13] == str(ignoring).splitlines() == ["[[0. 0. 0.]", " [0. 0. 0.]]"]

    analytic = net.gradient(SIMPLENET_X, SIMPLENET_T)
    assert out[13:15] == str(analytic).splitlines()
    assert out[15:17] == str(dW - analytic).splitlines()
    check = gdbook.gradient_check(
        lambda W: net.loss(SIMPLENET_X, SIMPLENET_T, W), analytic, net.W
    )
    assert out[17] == repr(check)
    assert out[18:20] == str(check.errors).splitlines()

    delta = gdbook.CROSS_ENTROPY_DELTA
    y = gdbook.softmax(p)
    assert out[20] == f"delta / (y_2 + delta) = {delta / (y[2] + delta)}"
    exact = gdbook.gradient_check(
        lambda W: net.loss(SIMPLENET_X, SIMPLENET_T, W),
        analytic * (y[2] / (y[2] + delta)),
        net.W,
    )
    assert out[21] == repr(exact)
    assert exact.max_error < check.max_error / 100
    assert len(out) == 22
