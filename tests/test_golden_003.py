"""Golden values of source 003 (E08, E09, E11, E12, E13), computed through gdbook.

The expected strings are the inventory's (shared/seeds/README.md): what numpy and
Python print for the sources' examples. Each test computes the value with gdbook and
compares how it prints, and, where the book's code can be run, checks that gdbook's
result is bit-for-bit the book's.
"""

from __future__ import annotations

import functools

import book
import numpy as np
import pytest

import gdbook

SIMPLENET_W = np.array(
    [[-0.66110535, -2.3121261, 0.61870626], [-0.43594672, 1.66798289, -1.09922476]]
)
SIMPLENET_X = np.array([0.6, 0.9])
SIMPLENET_T = np.array([0, 0, 1])


def bowl_descent(lr: float, steps: int) -> gdbook.Trace:
    grad = functools.partial(gdbook.numerical_gradient, book.function_2)
    return gdbook.gradient_descent(grad, np.array([-3.0, 4.0]), lr=lr, steps=steps)


def test_e08_numerical_diff():
    value = gdbook.numerical_diff(lambda x0: x0**2 + 4**2, 3.0)
    assert str(value) == "6.00000000000378"
    assert value == book.numerical_diff(book.func_temp1, 3.0)  # the source's code


def test_e09_numerical_gradient():
    gradient = gdbook.numerical_gradient(book.function_2, np.array([3.0, 4.0]))
    assert str(gradient) == "[6. 8.]"
    book_gradient = book.numerical_gradient_no_batch(
        book.function_2, np.array([3.0, 4.0])
    )
    assert np.array_equal(gradient, book_gradient)


def test_e09_integer_input_is_not_truncated():
    # The book's loop gives [25000 35000] here: the reason gdbook copies to float64.
    assert str(book.numerical_gradient_no_batch(book.function_2, np.array([3, 4]))) == (
        "[25000 35000]"
    )
    assert str(gdbook.numerical_gradient(book.function_2, [3, 4])) == "[6. 8.]"


@pytest.mark.parametrize(
    ("lr", "steps", "printed"),
    [
        (0.1, 20, "[-0.03458765  0.04611686]"),  # E11
        (10.0, 100, "[-2.58983747e+13 -1.29524862e+12]"),  # E12, too large
        (1e-10, 100, "[-2.99999994  3.99999992]"),  # E12, too small
    ],
)
def test_e11_e12_descent_with_the_numerical_gradient(lr, steps, printed):
    trace = bowl_descent(lr, steps)
    assert str(trace.x) == printed
    assert not trace.diverged
    assert trace.xs.shape == (steps + 1, 2)

    book_x, book_history = book.gradient_descent(
        book.function_2, np.array([-3.0, 4.0]), lr=lr, step_num=steps
    )
    assert np.array_equal(trace.x, book_x)
    # The book's history lacks the final point; gdbook's has start and end.
    assert np.array_equal(trace.xs[:-1], book_history)


def test_e12_large_rate_freezes_where_float64_spacing_exceeds_h():
    trace = bowl_descent(10.0, 100)
    frozen = np.flatnonzero(np.all(trace.grads == 0, axis=1))
    assert frozen.size > 0, "the iterate never froze"
    first = frozen[0]
    # From the first zero gradient on, nothing moves: x + h == x in float64.
    assert np.all(trace.xs[first:] == trace.xs[first])
    x = trace.xs[first]
    assert np.all(x + 1e-4 == x)
    assert np.all(np.spacing(np.abs(x)) > 1e-4)
    # ...and it stopped far below the 19**k growth that exact arithmetic would give.
    assert np.abs(trace.x).max() < 1e14 < 19.0**100


def simplenet_loss(W):
    return gdbook.cross_entropy_error(gdbook.softmax(SIMPLENET_X @ W), SIMPLENET_T)


def test_e13_simplenet():
    p = SIMPLENET_X @ SIMPLENET_W
    assert str(p) == "[-0.78901526  0.11390894 -0.61807853]"
    assert int(np.argmax(p)) == 1
    loss = simplenet_loss(SIMPLENET_W)
    assert f"{loss:.8f}" == "1.36662269"
    assert loss == pytest.approx(1.366622688011303, abs=1e-8)  # source, unrounded W
    dW = gdbook.numerical_gradient(simplenet_loss, SIMPLENET_W)
    assert str(dW) == (
        "[[ 0.12894287  0.31807705 -0.44701992]\n"
        " [ 0.19341431  0.47711557 -0.67052988]]"
    )


def test_e13_the_sources_simplenet_prints_the_inventory():
    net = book.simpleNet(SIMPLENET_W)
    p = net.predict(SIMPLENET_X)
    assert str(p) == "[-0.78901526  0.11390894 -0.61807853]"
    assert int(np.argmax(p)) == 1
    loss = net.loss(SIMPLENET_X, SIMPLENET_T)
    assert f"{loss:.8f}" == "1.36662269"
    dW = book.numerical_gradient(lambda w: net.loss(SIMPLENET_X, SIMPLENET_T), net.W)
    assert np.array_equal(dW, gdbook.numerical_gradient(simplenet_loss, SIMPLENET_W))
    assert np.array_equal(net.W, SIMPLENET_W)  # restored after the perturbations


def test_e13_matches_the_books_functions_bit_for_bit():
    book_loss = book.cross_entropy_error(
        book.softmax(SIMPLENET_X @ SIMPLENET_W), SIMPLENET_T
    )
    assert simplenet_loss(SIMPLENET_W) == book_loss

    W = SIMPLENET_W.copy()

    def book_f(_):  # the book's f ignores its argument and reads the mutated W
        return book.cross_entropy_error(book.softmax(SIMPLENET_X @ W), SIMPLENET_T)

    assert np.array_equal(
        gdbook.numerical_gradient(simplenet_loss, SIMPLENET_W),
        book.numerical_gradient(book_f, W),
    )
