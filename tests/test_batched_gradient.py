"""The batched path of numerical_gradient gives the loop's results, bit for bit."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import array_shapes, arrays

import gdbook
from gdbook import _fast


def bowl_stack(X):
    """x0**2 + x1**2 for each point of a stack of shape (m, 2)."""
    return X[..., 0] ** 2 + X[..., 1] ** 2


def test_batched_bowl_matches_the_loop_and_the_source():
    x = np.array([3.0, 4.0])
    batched = gdbook.numerical_gradient(bowl_stack, x, batched=True)
    assert str(batched) == "[6. 8.]"
    assert np.array_equal(
        batched, gdbook.numerical_gradient(lambda v: v[0] ** 2 + v[1] ** 2, x)
    )


@given(
    arrays(
        np.float64,
        array_shapes(min_dims=1, max_dims=3, max_side=6),
        elements=st.floats(-1e3, 1e3),
    )
)
@settings(max_examples=50, deadline=None)
def test_batched_equals_the_loop_for_element_wise_functions(x):
    def single(v):
        return float(np.sum(np.sin(v) * v**2))

    def stack(V):
        axes = tuple(range(1, V.ndim))
        return np.sum(np.sin(V) * V**2, axis=axes)

    assert np.array_equal(
        gdbook.numerical_gradient(stack, x, batched=True),
        gdbook.numerical_gradient(single, x),
    )


def test_batched_chunks_give_the_same_answer(monkeypatch):
    x = np.linspace(-2, 2, 50)
    whole = gdbook.numerical_gradient(lambda V: (V**3).sum(axis=-1), x, batched=True)
    monkeypatch.setattr(_fast, "BATCH_BYTES", 3 * 2 * 50 * 8)  # 3 parameters a chunk
    chunked = gdbook.numerical_gradient(lambda V: (V**3).sum(axis=-1), x, batched=True)
    assert np.array_equal(whole, chunked)


def test_batched_refuses_a_function_that_does_not_return_one_value_per_point():
    with pytest.raises(ValueError, match="one real value per point"):
        gdbook.numerical_gradient(lambda V: float(V.sum()), [1.0, 2.0], batched=True)
