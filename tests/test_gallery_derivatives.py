"""The derivatives chapter prints the inventory's values (E08, E09), via gdbook."""

from __future__ import annotations

import book
import numpy as np

import gdbook


def test_e08_page_prints_the_derivative(run_example):
    out = run_example("01_derivatives/plot_numerical_diff.py").splitlines()
    expected = gdbook.numerical_diff(lambda x0: x0**2 + 4**2, 3.0)
    assert str(expected) == "6.00000000000378"
    assert out[0] == str(expected)


def test_e09_page_prints_the_gradient_and_the_books_truncation(run_example):
    out = run_example("01_derivatives/plot_numerical_gradient.py").splitlines()
    gradient = gdbook.numerical_gradient(book.function_2, np.array([3.0, 4.0]))
    assert out[0] == str(gradient) == "[6. 8.]"
    assert out[1] == f"{gradient} [3 4]"
    truncated = book.numerical_gradient_no_batch(book.function_2, np.array([3, 4]))
    assert out[2] == str(truncated) == "[25000 35000]"
