"""The sources' data sets: reproducible, seeded explicitly, faithful to the sources."""

# These tests call numpy's legacy global generator on purpose: the sources did.
# ruff: noqa: NPY002

from __future__ import annotations

import book_fitting_lines as book
import numpy as np
import pytest
from refusal import refused

import gdbook


def test_noisy_line_draws_the_legacy_stream_of_np_random_seed_0():
    # The source's own two lines, with numpy's global generator...
    state = np.random.get_state()
    try:
        np.random.seed(0)
        X = np.linspace(0, 10, 100)
        Y = 3 * X + np.random.normal(0, 1, 100)
    finally:
        np.random.set_state(state)
    x, y = gdbook.noisy_line()
    # ...are reproduced bit for bit.
    assert np.array_equal(x, X)
    assert np.array_equal(y, Y)


def test_noisy_line_leaves_the_global_generator_alone():
    np.random.seed(123)
    expected = np.random.random(3)
    np.random.seed(123)
    gdbook.noisy_line()
    assert np.array_equal(np.random.random(3), expected)


def test_noisy_line_arguments():
    x, y = gdbook.noisy_line(5, slope=0.0, noise=0.0)
    assert x.tolist() == [0.0, 2.5, 5.0, 7.5, 10.0]
    assert y.tolist() == [0.0] * 5
    _, y1 = gdbook.noisy_line(rng=1)
    assert not np.array_equal(y1, gdbook.noisy_line()[1])


@pytest.mark.parametrize(
    ("kwargs", "error", "name"),
    [
        ({"n": 1}, ValueError, "n"),
        ({"n": 2.5}, TypeError, "n"),
        ({"noise": -1.0}, ValueError, "noise"),
        ({"slope": np.nan}, ValueError, "slope"),
        ({"rng": -1}, ValueError, "rng"),
        ({"rng": 2**40}, ValueError, "rng"),
        ({"rng": "zero"}, TypeError, "rng"),
    ],
)
def test_noisy_line_refuses_bad_input(kwargs, error, name):
    refused(error, name, lambda: gdbook.noisy_line(**kwargs))


def test_proportional_data_are_the_points_of_source_002():
    assert [a.tolist() for a in gdbook.proportional_data(4)] == [
        [1.0, 2.0, 3.0, 4.0],
        [2.0, 4.0, 6.0, 8.0],
    ]
    assert [a.tolist() for a in gdbook.proportional_data(3)] == [
        [1.0, 2.0, 3.0],
        [2.0, 4.0, 6.0],
    ]
    refused(ValueError, "n", lambda: gdbook.proportional_data(0))


def test_beans_follow_get_beans2_draw_for_draw():
    # get_beans2 draws the sizes, sorts them, then one noise draw per bean: the
    # same recipe from a Generator gives gdbook.beans' numbers exactly.
    generator = np.random.default_rng(7)
    xs = np.sort(generator.random(50))
    ys = np.array([0.7 * x + (0.5 - generator.random()) / 5 + 0.5 for x in xs])
    x, y = gdbook.beans(50, rng=np.random.default_rng(7))
    assert np.array_equal(x, xs)
    assert np.array_equal(y, ys)


def test_beans_have_the_shape_of_the_sources_beans():
    # The source's get_beans2 on the global generator, as its readers ran it.
    state = np.random.get_state()
    try:
        np.random.seed(0)
        xs, ys = book.source_004_beans(100)
    finally:
        np.random.set_state(state)
    x, y = gdbook.beans(100)
    for sizes, toxicity in ((xs, ys), (x, y)):
        assert np.all(np.diff(sizes) >= 0)
        assert np.all((sizes >= 0) & (sizes < 1))
        assert np.all(np.abs(toxicity - (0.7 * sizes + 0.5)) <= 0.1)


def test_beans_are_seeded_by_default_and_by_argument():
    assert all(
        np.array_equal(a, b)
        for a, b in zip(gdbook.beans(), gdbook.beans(), strict=True)
    )
    seeded = gdbook.beans(10, rng=5)
    assert all(
        np.array_equal(a, b)
        for a, b in zip(seeded, gdbook.beans(10, rng=5), strict=True)
    )
    assert not np.array_equal(seeded[0], gdbook.beans(10, rng=6)[0])
    # A generator passed in is used, and advanced.
    generator = np.random.default_rng(5)
    first = gdbook.beans(10, rng=generator)
    assert np.array_equal(first[0], seeded[0])
    assert not np.array_equal(gdbook.beans(10, rng=generator)[0], first[0])


@pytest.mark.parametrize(
    ("kwargs", "error", "name"),
    [
        ({"n": 0}, ValueError, "n"),
        ({"n": True}, TypeError, "n"),
        ({"rng": np.random.RandomState(0)}, TypeError, "rng"),
        ({"rng": 1.5}, TypeError, "rng"),
        ({"rng": -3}, ValueError, "rng"),
    ],
)
def test_beans_refuse_bad_input(kwargs, error, name):
    refused(error, name, lambda: gdbook.beans(**kwargs))
