"""The backpropagation chapter (E01, E13): every number it prints, checked.

Each value is looked up by its label (``printed_values``, or ``labelled`` for a
label the source prints twice), read as a number (tests/printed_numbers.py) and
compared with the sources' own code (tests/book.py) or a closed form: bit for bit
where the page prints a float in full (Python's ``repr``) or claims the same bits,
to numpy's printed digits for an array; where the inventory gives the value, with
that too. gdbook is run only to check that it gives the source's bits.
"""

from __future__ import annotations

import ast
import re
from fractions import Fraction

import book
import numpy as np
import pytest
from conftest import printed_values
from printed_numbers import as_printed, number, numbers

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


def labelled(out: str, label: str) -> list[str]:
    """Every value printed after ``label: ``, in order (for repeated labels)."""
    prefix = f"{label}: "
    return [line[len(prefix) :] for line in out.splitlines() if line.startswith(prefix)]


def test_e01_page_prints_what_the_sources_code_prints(run_example):
    out = run_example("04_backpropagation/plot_backprop_by_hand.py")
    source = book.backprop_by_hand()
    # The source's own labels, in Chinese, and its print() spacing.
    assert labelled(out, "前向传播预测值为") == [str(source["prediction"])]
    assert labelled(out, "当前的loss值为") == [
        f" {source['loss']}",
        f" {source['final_loss']}",
    ]
    assert labelled(out, "Final") == [f" {source['final_prediction']}"]
    gradients = " ".join(str(g) for g in source["output_gradients"])
    assert gradients in out.splitlines()
    # The inventory's values.
    assert (str(source["prediction"]), str(source["loss"])) == ("180.0", "7200.0")
    assert gradients == "7200.0 7200.0 7200.0"
    assert str(source["final_prediction"]) == "140.3136"
    assert str(source["final_loss"]) == "3225.1371724800006"


def matrix_after(out: str, label: str, rows: int) -> np.ndarray:
    """The numbers of the ``rows`` unlabelled lines printed after the line ``label:
    ...`` (a 2-D array printed by numpy), one row per line."""
    lines = out.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(f"{label}: "))
    block = lines[start + 1 : start + 1 + rows]
    assert block[0].startswith("[[") and block[-1].endswith("]]"), block
    return np.array([numbers(line) for line in block])


def test_e01_page_runs_gdbook_and_checks_it_agrees(run_example):
    out = run_example("04_backpropagation/plot_backprop_by_hand.py")
    values = printed_values(out)
    source = book.backprop_by_hand()
    # The page's gdbook values against the source's code: floats printed in full
    # (repr), so bit for bit; arrays to numpy's printed digits.
    assert number(values["gdbook prediction"]) == source["prediction"]
    assert number(values["gdbook loss"]) == source["loss"]
    assert numbers(values["gdbook output-weight gradients"]) == as_printed(
        source["output_gradients"]
    )
    assert matrix_after(out, "gdbook output-weight gradients", 2) == as_printed(
        source["input_gradients"]
    )
    assert number(values["gdbook final prediction"]) == source["final_prediction"]
    assert number(values["gdbook final loss"]) == source["final_loss"]
    # "same bits: True", and it is so: gdbook's network gives the source's bits.
    assert values["same bits"] == "True"
    net = LinearNet(np.full((2, 3), 0.5), np.ones((3, 1)))
    grads = net.gradient(X, TARGET)
    updated = net.update(grads, lr=1e-5)
    same = (
        (net.predict(X), net.loss(X, TARGET)) == (source["prediction"], source["loss"])
        and tuple(grads.W2[:, 0]) == source["output_gradients"]
        and np.array_equal(grads.W1, source["input_gradients"])
        and np.array_equal(updated.W1, source["W1"])
        and np.array_equal(updated.W2, source["W2"])
        and updated.predict(X) == source["final_prediction"]
        and updated.loss(X, TARGET) == source["final_loss"]
    )
    assert same


def test_e01_page_prints_the_fma_aside_the_checks_and_the_training(run_example):
    out = run_example("04_backpropagation/plot_backprop_by_hand.py")
    values = printed_values(out)
    source = book.backprop_by_hand()
    # z_1 after the update, from the source's updated weights: rounded after each
    # operation (Python floats), and fused (exact, in fractions, then rounded once).
    (w11, _, _), (w21, _, _) = source["W1"]
    w2 = source["W2"][0][0]
    separate = X[0] * w11 + X[1] * w21
    fused = float(Fraction(X[0]) * Fraction(w11) + Fraction(X[1] * w21))
    assert number(values["z_1, one rounding per operation"]) == separate
    assert separate == 50.400000000000006  # as the page's text says
    assert number(values["z_1, fused multiply-add"]) == fused == 50.4
    fused_prediction = (fused * w2 + fused * w2) + fused * w2
    assert number(values["prediction with the fused z"]) == fused_prediction
    assert fused_prediction != source["final_prediction"]

    net = LinearNet(np.full((2, 3), 0.5), np.ones((3, 1)))
    grads = net.gradient(X, TARGET)

    check_W1 = gdbook.gradient_check(
        lambda W1: net.loss(X, TARGET, W1=W1), grads.W1, net.W1
    )
    check_W2 = gdbook.gradient_check(
        lambda W2: net.loss(X, TARGET, W2=W2), grads.W2, net.W2
    )
    wrong = gdbook.gradient_check(
        lambda W1: net.loss(X, TARGET, W1=W1),
        grads.dy * np.full((2, 3), X[0]),
        net.W1,
    )
    assert check_W1.passed and check_W2.passed and not wrong.passed
    checks = re.findall(r"GradientCheck\((passed|FAILED): max relative error (\S+),",
                        out)  # fmt: skip
    assert [c[0] for c in checks] == ["passed", "passed", "FAILED"]
    # The wrong gradient: W2 = 1 and x_1 in both rows; row 2 of the true gradient is
    # 9600 where it gives 4800, a relative error of 1/2.
    assert float(checks[2][1]) == pytest.approx(0.5, abs=0.005)
    assert float(checks[0][1]) < 1e-9 and float(checks[1][1]) < 1e-9


def test_e01_page_teaches_with_numbers_from_the_source_and_a_numpy_loop(run_example):
    out = run_example("04_backpropagation/plot_backprop_by_hand.py")
    values = printed_values(out)
    source = book.backprop_by_hand()
    # The first cell and the numpy section, against the source's corrected code.
    first = re.fullmatch(r"prediction (\d+), after 1 update ([\d.]+)",
                         out.splitlines()[0])  # fmt: skip
    assert float(first.group(1)) == source["prediction"]
    assert float(first.group(2)) == pytest.approx(source["final_prediction"], abs=5e-5)
    assert [float(v) for v in values["dL/dW2"].strip("[]").split()] == list(
        source["output_gradients"]
    )
    assert (
        ast.literal_eval(values["dL/dW1"])
        == np.reshape(source["input_gradients"], (2, 3)).tolist()
    )
    assert "prediction 180, loss 7200, dL/dy 120" in out.splitlines()
    assert (source["prediction"], source["loss"]) == (180, 7200)
    for label in ("after one update", "gdbook, after one update"):
        printed = float(values[label].removeprefix("prediction "))
        assert printed == pytest.approx(source["final_prediction"], abs=5e-5)
    # 50 updates: a plain loop of the source's arithmetic (the network is linear, so
    # the prediction after an update is the forward pass of the new weights).
    W1, W2 = np.full((2, 3), 0.5), np.ones(3)
    for _ in range(50):
        z = X @ W1
        dy = -(TARGET - z @ W2)
        W1, W2 = W1 - 1e-5 * np.outer(X, dy * W2), W2 - 1e-5 * dy * z
    after = float(values["prediction after 50 updates"])
    assert after == pytest.approx(X @ W1 @ W2, abs=5e-5)
    assert abs(after - TARGET) < 0.01


def test_e13_page_prints_what_the_sources_code_prints(run_example):
    out = run_example("04_backpropagation/plot_simplenet.py")
    lines = out.splitlines()
    net = book.simpleNet(SIMPLENET_W)
    p = net.predict(SIMPLENET_X)
    W = net.W.copy()

    def f(_):  # the source's f ignores its argument and reads the perturbed net.W
        return book.cross_entropy_error(book.softmax(SIMPLENET_X @ W), SIMPLENET_T)

    dW = book.numerical_gradient(f, W)
    # The source's five prints, in its order, without labels.
    printed = [
        *str(net.W).splitlines(),
        str(p),
        str(np.argmax(p)),
        str(net.loss(SIMPLENET_X, SIMPLENET_T)),
        *str(dW).splitlines(),
    ]
    start = lines.index(printed[0])
    assert lines[start : start + len(printed)] == printed
    # The inventory's values.
    assert str(p) == "[-0.78901526  0.11390894 -0.61807853]"
    assert str(np.argmax(p)) == "1"
    assert str(net.loss(SIMPLENET_X, SIMPLENET_T)).startswith("1.36662269")
    assert str(dW) == (
        "[[ 0.12894287  0.31807705 -0.44701992]\n"
        " [ 0.19341431  0.47711557 -0.67052988]]"
    )


def test_e13_page_runs_gdbook_and_checks_it_agrees(run_example):
    out = run_example("04_backpropagation/plot_simplenet.py")
    values = printed_values(out)
    book_net = book.simpleNet(SIMPLENET_W)
    book_p = book_net.predict(SIMPLENET_X)
    book_loss = book_net.loss(SIMPLENET_X, SIMPLENET_T)
    book_dW = book.numerical_gradient(
        lambda _: book_net.loss(SIMPLENET_X, SIMPLENET_T), book_net.W
    )
    # The page's gdbook values against the source's code.
    assert numbers(values["gdbook scores"]) == as_printed(book_p)
    assert number(values["gdbook loss"]) == book_loss  # printed in full: the bits
    assert matrix_after(out, "gdbook loss", 2) == as_printed(book_dW)
    # "same bits: True", and it is so.
    assert values["same bits"] == "True"
    net = SimpleNet(SIMPLENET_W)
    dW = gdbook.numerical_gradient(
        lambda W: net.loss(SIMPLENET_X, SIMPLENET_T, W), net.W
    )
    assert np.array_equal(net.predict(SIMPLENET_X), book_p)
    assert net.loss(SIMPLENET_X, SIMPLENET_T) == book_loss
    assert np.array_equal(dW, book_dW)

    # The explanation of the differences from the source's printed values.
    last = values["last score to 12 decimals"]
    assert len(last.partition(".")[2]) == 12
    assert number(last) == pytest.approx(book_p[2], rel=0, abs=5e-13)
    assert abs(book_p[2] - -0.618078525) < (0.6 + 0.9) * 5e-9  # can round to ...852
    difference = abs(book_loss - SOURCE_LOSS)
    bound = np.abs(book_dW).sum() * 5e-9
    assert number(values["difference from the source's loss"]) == difference
    assert number(values["bound from rounding W to 8 decimals"]) == bound
    assert difference < bound


def test_e13_page_reads_the_gradient_with_the_books_numbering(run_example):
    values = printed_values(run_example("04_backpropagation/plot_simplenet.py"))
    book_net = book.simpleNet(SIMPLENET_W)
    loss = book_net.loss(SIMPLENET_X, SIMPLENET_T)
    dW = book.numerical_gradient(
        lambda _: book_net.loss(SIMPLENET_X, SIMPLENET_T), book_net.W
    )
    for name, index in (("w11", (0, 0)), ("w22", (1, 1))):
        nudged = SIMPLENET_W.copy()
        nudged[index] += 1e-3
        change = (book.simpleNet(nudged).loss(SIMPLENET_X, SIMPLENET_T) - loss) / 1e-3
        assert values[name].startswith("(L(W + h) - L(W)) / h = ")
        printed_change, printed_gradient = numbers(values[name])
        assert printed_change == pytest.approx(change, rel=0, abs=5e-5)
        assert printed_gradient == pytest.approx(dW[index], rel=0, abs=5e-5)
    # The source's "w11 ... 0.47h" is w22's entry; w11's is 0.13.
    assert round(dW[0, 0], 2) == 0.13 and round(dW[1, 1], 2) == 0.48


def test_e13_page_shows_the_backpropagated_gradient_and_its_check(run_example):
    out = run_example("04_backpropagation/plot_simplenet.py")
    values = printed_values(out)
    book_net = book.simpleNet(SIMPLENET_W)
    book_dW = book.numerical_gradient(
        lambda _: book_net.loss(SIMPLENET_X, SIMPLENET_T), book_net.W
    )
    # The last print: the gradient of a loss that ignores its argument (the
    # source's f with gdbook, which does not perturb net.W in place) is zero.
    last = out.rstrip().splitlines()[-2:]
    assert last[0].startswith("[[") and last[1].endswith("]]")
    assert np.array([numbers(line) for line in last]).tolist() == [[0.0] * 3] * 2

    # The numpy section: softmax, loss and x^T (softmax - t), against the book.
    z = SIMPLENET_X @ SIMPLENET_W
    y = book.softmax(z)
    probabilities = re.search(r"probabilities \[(.+)\], loss ([\d.]+)", out)
    assert [float(v) for v in probabilities.group(1).split()] == pytest.approx(
        y, abs=5e-5
    )
    assert float(probabilities.group(2)) == pytest.approx(
        book.cross_entropy_error(y, SIMPLENET_T), abs=5e-5
    )
    block = out[out.index("dL/dW:") :].splitlines()[1:3]
    backward = np.array(
        [[float(v) for v in line.strip(" []").split()] for line in block]
    )
    np.testing.assert_allclose(backward, book_dW, atol=5e-5)
    # The check's relative errors: delta / (y_2 + delta) in every entry, the closed
    # form of the book's delta inside the logarithm.
    delta = gdbook.CROSS_ENTROPY_DELTA
    closed = delta / (y[2] + delta)
    errors = re.findall(r"\d\.\d+e-\d+", out[out.index("relative errors:") :])[:6]
    assert [float(e) for e in errors] == pytest.approx([closed] * 6, rel=5e-3)
    assert float(values["delta / (y_2 + delta)"]) == pytest.approx(closed, rel=5e-4)
    checks = re.findall(r"GradientCheck\(passed: max relative error (\S+),", out)
    assert float(checks[0]) == pytest.approx(closed, rel=5e-3)
    assert float(checks[1]) < closed / 100
