"""Least squares, the line fits and stochastic descent: golden values and properties."""

from __future__ import annotations

from pathlib import Path

import book_fitting_lines as book
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from refusal import refused

import gdbook

DATA = Path(__file__).parent / "data"


def source_002_output() -> list[str]:
    """The 102 lines source 002 printed for E06 (its own output, transcribed)."""
    lines = (DATA / "source_002_e06_output.txt").read_text().splitlines()
    return [line for line in lines if not line.startswith("#")]


# --- Golden values ------------------------------------------------------------------


def test_e05_fit_line_reproduces_source_001():
    X, Y = gdbook.noisy_line()
    fit = gdbook.fit_line(X, Y, lr=0.01, epochs=100)
    assert str(fit.slope) == "2.948979388333912"
    assert str(fit.intercept) == "0.35005098565134224"
    assert str(fit.loss) == "1.0133984237469946"
    # The source's loop gives the same bits, and its history is losses[1:]
    # (it records the loss after each update, never at the start).
    m, b, history = book.source_001_fit(X, Y, 0.01, 100)
    assert (m, b) == (fit.slope, fit.intercept)
    assert np.array_equal(fit.losses[1:], history)
    assert fit.losses[0] == gdbook.least_squares_loss(X, Y, 0.0, 0.0)
    assert len(fit.slopes) == len(fit.intercepts) == len(fit.losses) == 101


def test_e06_fit_slope_prints_the_sources_table():
    x, y = gdbook.proportional_data(4)
    fit = gdbook.fit_slope(x, y, slope0=1.0, lr=0.01, epochs=100)
    lines = [f"Predict (befortraining) 4 {float(fit.slopes[0] * 4)}"]
    lines += [
        f"Epoch: {k} w= {float(fit.slopes[k + 1])} cost= {float(fit.losses[k])}"
        for k in range(100)
    ]
    lines.append(f"Predict(after training) 4 {fit.predict(4)}")
    expected = source_002_output()
    assert len(expected) == 102
    assert lines == expected
    assert book.source_002_gd_lines() == expected  # the transcription is faithful
    assert np.all(fit.intercepts == 0.0)


def test_e07_the_sources_wrong_sgd():
    x, y = gdbook.proportional_data(3)
    trace = gdbook.gradient_descent(
        lambda w: np.mean(2 * w * (w * x - y)), 1.0, lr=0.01, steps=100
    )
    assert str(float(trace.x)) == "1.9994923643344453"
    assert str(float(trace.x * 4)) == "7.997969457337781"
    assert book.source_002_sgd() == (float(trace.x), float(trace.x * 4))


def test_e15_per_sample_descent_matches_the_sources_loop():
    xs, ys = gdbook.beans(100)
    fit = gdbook.fit_line_sgd(
        xs, ys, slope0=0.1, intercept0=0.1, lr=0.01, epochs=500, shuffle=False
    )
    w, b = book.source_004_sgd(xs, ys, 0.1, 0.1)
    # Same updates, written differently (2x(wx+b-y) against 2x²w+2xb-2xy): equal
    # up to rounding.
    np.testing.assert_allclose([fit.slope, fit.intercept], [w, b], rtol=1e-12)
    assert fit.steps_taken == 50_000
    assert fit.updates_per_epoch == 100


def test_e14_cost_grid_matches_the_sources_double_loop():
    xs, ys = gdbook.beans(100)
    ws, bs = np.arange(-1, 2, 0.1), np.arange(-2, 2, 0.1)
    costs = gdbook.line_cost_grid(xs, ys, ws, bs)
    assert costs.shape == (40, 30)
    np.testing.assert_allclose(
        costs, book.source_004_costs(xs, ys, ws, bs), rtol=1e-13, atol=0
    )


# --- least_squares_gradient ----------------------------------------------------------

finite = st.floats(-10, 10, allow_nan=False, allow_infinity=False)


@st.composite
def linear_problems(draw):
    """X of shape (n,) or (n, d), y, w and b."""
    n = draw(st.integers(1, 12))
    one_feature = draw(st.booleans())
    d = 1 if one_feature else draw(st.integers(1, 4))
    X = draw(arrays(np.float64, (n,) if one_feature else (n, d), elements=finite))
    y = draw(arrays(np.float64, (n,), elements=finite))
    w = draw(finite) if one_feature else draw(arrays(np.float64, (d,), elements=finite))
    b = draw(finite)
    return X, y, w, b


@given(linear_problems())
@settings(max_examples=80, deadline=None)
def test_least_squares_gradient_agrees_with_numerical_gradient(problem):
    X, y, w, b = problem
    d = 1 if X.ndim == 1 else X.shape[1]

    def loss(params):
        weights = params[0] if X.ndim == 1 else params[:d]
        return gdbook.least_squares_loss(X, y, weights, params[-1])

    params = np.append(np.atleast_1d(w), b)
    numerical = gdbook.numerical_gradient(loss, params)
    grad_w, grad_b = gdbook.least_squares_gradient(X, y, w, b)
    analytic = np.append(np.atleast_1d(grad_w), grad_b)
    # Central differences are exact on quadratics up to rounding ~ eps*|L|/h.
    scale = 1 + loss(params)
    np.testing.assert_allclose(numerical, analytic, rtol=1e-6, atol=1e-9 * scale)


@given(linear_problems())
@settings(max_examples=40, deadline=None)
def test_least_squares_gradient_leaves_its_inputs_alone(problem):
    X, y, w, b = problem
    copies = [np.copy(v) for v in (X, y, w)]
    gdbook.least_squares_gradient(X, y, w, b)
    gdbook.least_squares_loss(X, y, w, b)
    for before, after in zip(copies, (X, y, w), strict=True):
        assert np.array_equal(before, after)


def test_least_squares_gradient_shapes_and_types():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(50, 3))
    y = rng.normal(size=50)
    grad_w, grad_b = gdbook.least_squares_gradient(X, y, np.zeros(3), 0.5)
    assert grad_w.shape == (3,) and grad_w.dtype == np.float64
    assert isinstance(grad_b, float)
    one_w, one_b = gdbook.least_squares_gradient(X[:, 0], y, 1.5, 0.5)
    assert isinstance(one_w, float) and isinstance(one_b, float)
    # One feature as (n,) or as (n, 1): the same numbers.
    two_w, two_b = gdbook.least_squares_gradient(X[:, :1], y, [1.5], 0.5)
    np.testing.assert_allclose([one_w, one_b], [two_w[0], two_b], rtol=1e-14)
    # Integer input is computed in float64.
    ints = gdbook.least_squares_gradient([1, 2, 3], [2, 4, 7], 2, 0)
    assert ints == gdbook.least_squares_gradient([1.0, 2, 3], [2.0, 4, 7], 2.0, 0.0)


def test_least_squares_gradient_closed_form():
    # Formula of the docstring, written out: 2/n X^T r and 2/n sum(r).
    X = np.array([[1.0, 2.0], [3.0, -1.0], [0.5, 0.0]])
    y = np.array([1.0, 0.0, 2.0])
    w, b = np.array([0.3, -0.2]), 0.1
    r = X @ w + b - y
    grad_w, grad_b = gdbook.least_squares_gradient(X, y, w, b)
    np.testing.assert_allclose(grad_w, 2 / 3 * X.T @ r, rtol=1e-15)
    assert grad_b == pytest.approx(2 / 3 * r.sum(), rel=1e-15)


@pytest.mark.parametrize(
    ("args", "error", "name"),
    [
        ((np.ones((3, 2, 1)), np.ones(3), np.ones(2)), ValueError, "X"),
        ((np.ones((0, 2)), np.ones(0), np.ones(2)), ValueError, "X"),
        ((np.ones((3, 2)), np.ones(4), np.ones(2)), ValueError, "y"),
        ((np.ones((3, 2)), np.ones(3), np.ones(3)), ValueError, "w"),
        ((np.ones(3), np.ones(3), np.ones(2)), ValueError, "w"),
        ((np.ones(3), np.ones(3), 1.0, [1.0, 2.0]), TypeError, "b"),
        ((np.ones(3), np.ones(3), np.nan), ValueError, "w"),
        ((np.array(["a", "b"]), np.ones(2), 1.0), TypeError, "X"),
        ((np.ones(2), "ab", 1.0), TypeError, "y"),
        ((np.array([1.0, np.nan]), np.ones(2), 1.0), ValueError, "X"),
        ((np.ones((2, 2)), np.array([1.0, np.inf]), np.ones(2)), ValueError, "y"),
        ((np.array([[1.0, np.inf]]), np.ones(1), np.zeros(2)), ValueError, "X"),
    ],
)
def test_least_squares_refuses_bad_input(args, error, name):
    refused(error, name, lambda: gdbook.least_squares_gradient(*args))
    refused(error, name, lambda: gdbook.least_squares_loss(*args))


def test_least_squares_gradient_does_not_copy_float64_data():
    # Large arrays are read in place: the gradient allocates the residual only.
    X = np.random.default_rng(0).normal(size=(1000, 2))
    X.flags.writeable = False  # any write (or in-place op) on X would raise
    y = np.zeros(1000)
    y.flags.writeable = False
    gdbook.least_squares_gradient(X, y, np.ones(2), 1.0)


# --- The line fits ------------------------------------------------------------------


def test_fit_line_records_start_and_end_and_leaves_data_alone():
    x, y = gdbook.noisy_line(20)
    x_before, y_before = x.copy(), y.copy()
    fit = gdbook.fit_line(x, y, lr=0.001, epochs=7, slope0=1.0, intercept0=-1.0)
    assert (fit.slopes[0], fit.intercepts[0]) == (1.0, -1.0)
    assert len(fit.losses) == 8 and fit.steps_taken == 7
    assert np.array_equal(x, x_before) and np.array_equal(y, y_before)
    for k in range(8):
        assert fit.losses[k] == gdbook.least_squares_loss(
            x, y, fit.slopes[k], fit.intercepts[k]
        )


def test_fit_line_with_zero_epochs_is_the_start():
    fit = gdbook.fit_line([1.0, 2.0], [1.0, 2.0], lr=0.1, epochs=0, slope0=0.5)
    assert fit.steps_taken == 0 and fit.slope == 0.5 and fit.intercept == 0.0


def test_fit_line_reports_divergence():
    x, y = gdbook.noisy_line()
    fit = gdbook.fit_line(x, y, lr=1.0, epochs=2000)
    assert fit.diverged and fit.steps_taken < 2000
    assert np.all(np.isfinite(fit.losses))
    assert "diverged=True" in repr(fit)


def test_line_fit_repr_and_predict():
    fit = gdbook.fit_slope(*gdbook.proportional_data(4), slope0=1.0, lr=0.01, epochs=1)
    # w = 1 - 0.01 * 2/4 * sum(x (x - 2 x)) = 1.15; L = mean((1.15 x - 2 x)^2) = 5.41875
    assert (
        repr(fit)
        == "LineFit(steps=1, lr=0.01, slope=1.15, intercept=0.0, loss=5.41875)"
    )
    assert fit.predict(2.0) == 2.3
    np.testing.assert_array_equal(fit.predict([0.0, 2.0]), [0.0, 2.3])


@pytest.mark.parametrize(
    ("kwargs", "error", "name"),
    [
        ({"x": [[1.0, 2.0]], "y": [1.0, 2.0]}, ValueError, "x"),
        ({"x": [1.0, 2.0], "y": [1.0]}, ValueError, "y"),
        ({"x": [], "y": []}, ValueError, "x"),
        ({"x": [1.0, np.nan], "y": [1.0, 2.0]}, ValueError, "x"),
        ({"lr": 0.0}, ValueError, "lr"),
        ({"lr": "0.1"}, TypeError, "lr"),
        ({"epochs": -1}, ValueError, "epochs"),
        ({"slope0": np.inf}, ValueError, "slope0"),
        ({"intercept0": [1.0, 2.0]}, TypeError, "intercept0"),
        ({"fit_intercept": "yes"}, TypeError, "fit_intercept"),
    ],
)
def test_fit_line_refuses_bad_input(kwargs, error, name):
    arguments = {"x": [1.0, 2.0], "y": [2.0, 4.0], "lr": 0.1, "epochs": 3, **kwargs}
    refused(error, name, lambda: gdbook.fit_line(**arguments))


# --- Stochastic and mini-batch descent ----------------------------------------------


def test_sgd_with_a_seed_is_reproducible_and_the_seed_matters():
    x, y = gdbook.beans(30)
    runs = [gdbook.fit_line_sgd(x, y, lr=0.05, epochs=5, rng=3) for _ in range(2)]
    assert np.array_equal(runs[0].slopes, runs[1].slopes)
    assert np.array_equal(runs[0].losses, runs[1].losses)
    other = gdbook.fit_line_sgd(x, y, lr=0.05, epochs=5, rng=4)
    assert not np.array_equal(runs[0].slopes, other.slopes)
    generator = gdbook.fit_line_sgd(
        x, y, lr=0.05, epochs=5, rng=np.random.default_rng(3)
    )
    assert np.array_equal(runs[0].slopes, generator.slopes)


def test_sgd_uses_one_sample_per_update_in_a_fresh_order_each_epoch():
    # A gradient that records which samples it was given.
    seen = []

    def grad(x, batch):
        seen.append(batch.tolist())
        return np.zeros_like(x)

    trace = gdbook.stochastic_gradient_descent(grad, 0.0, 5, lr=0.1, epochs=3, rng=0)
    assert trace.steps_taken == 15 and trace.updates_per_epoch == 5
    assert all(len(batch) == 1 for batch in seen)
    flat = [index for batch in seen for index in batch]
    orders = [flat[5 * k : 5 * k + 5] for k in range(3)]
    epochs = [sorted(order) for order in orders]
    assert epochs == [[0, 1, 2, 3, 4]] * 3  # every sample once per epoch
    assert len({tuple(order) for order in orders}) > 1  # reshuffled


def test_mini_batches_cover_the_data_with_a_short_last_batch():
    sizes = []

    def grad(x, batch):
        sizes.append(len(batch))
        return np.zeros_like(x)

    trace = gdbook.stochastic_gradient_descent(
        grad, [0.0, 0.0], 10, lr=0.1, epochs=2, batch_size=4, rng=0
    )
    assert sizes == [4, 4, 2, 4, 4, 2]
    assert trace.updates_per_epoch == 3 and trace.epoch_xs.shape == (3, 2)
    assert trace.xs.shape == (7, 2) and trace.grads.shape == (6, 2)


def test_one_full_batch_in_order_is_batch_descent():
    x, y = gdbook.noisy_line(30)
    batch = gdbook.fit_line(x, y, lr=0.005, epochs=20)
    full = gdbook.fit_line_sgd(x, y, lr=0.005, epochs=20, batch_size=30, shuffle=False)
    np.testing.assert_allclose(full.slopes, batch.slopes, rtol=1e-13)
    np.testing.assert_allclose(
        full.intercepts, batch.intercepts, rtol=1e-13, atol=1e-15
    )


def test_sgd_in_order_follows_the_per_sample_updates():
    x, y = gdbook.beans(100)
    fit = gdbook.fit_line_sgd(x, y, lr=0.01, epochs=1, shuffle=False)
    w = b = 0.0
    for xi, yi in zip(x, y, strict=True):
        r = w * xi + b - yi
        w, b = w - 0.01 * 2 * xi * r, b - 0.01 * 2 * r
    np.testing.assert_allclose([fit.slope, fit.intercept], [w, b], rtol=1e-13)


def test_sgd_on_noisy_data_jitters_and_batch_descent_does_not():
    x, y = gdbook.beans(100)
    sgd = gdbook.fit_line_sgd(x, y, lr=0.1, epochs=30, rng=1)
    batch = gdbook.fit_line(x, y, lr=0.1, epochs=300)
    assert np.any(np.diff(sgd.losses[-300:]) > 0)  # the loss goes up at times
    assert np.all(np.diff(batch.losses) <= 0)  # below 2/L it never does


def test_stochastic_trace_repr_and_divergence():
    data = np.array([1.0, 2.0, 3.0])
    trace = gdbook.stochastic_gradient_descent(
        lambda x, batch: 2 * (x - data[batch].mean()), 0.0, 3, lr=0.1, epochs=2, rng=0
    )
    assert repr(trace).startswith("Trace(epochs=2, batch_size=1, lr=0.1, x=")
    diverging = gdbook.stochastic_gradient_descent(
        lambda x, batch: 1e300 * x, 1.0, 3, lr=1e10, epochs=5, rng=0
    )
    assert diverging.diverged and diverging.steps_taken < 15


@pytest.mark.parametrize(
    ("kwargs", "error", "name"),
    [
        ({"n_samples": 0}, ValueError, "n_samples"),
        ({"batch_size": 0}, ValueError, "batch_size"),
        ({"batch_size": 4}, ValueError, "batch_size"),
        ({"epochs": -1}, ValueError, "epochs"),
        ({"lr": -0.1}, ValueError, "lr"),
        ({"rng": "seed"}, TypeError, "rng"),
        ({"shuffle": 1}, TypeError, "shuffle"),
        ({"grad": 3}, TypeError, "grad"),
        ({"grad": lambda x, batch: np.zeros(2)}, ValueError, "grad"),
        ({"x0": np.nan}, ValueError, "x0"),
    ],
)
def test_stochastic_descent_refuses_bad_input(kwargs, error, name):
    arguments = {
        "grad": lambda x, batch: x,
        "x0": 1.0,
        "n_samples": 3,
        "lr": 0.1,
        "epochs": 1,
        "rng": 0,
        **kwargs,
    }
    with pytest.raises(error, match=name):
        gdbook.stochastic_gradient_descent(**arguments)


def test_line_cost_grid_layout_and_bad_input():
    costs = gdbook.line_cost_grid([1.0, 2.0], [2.0, 4.0], ws=[0.0, 1.0, 2.0], bs=[0.0])
    np.testing.assert_array_equal(costs, [[10.0, 2.5, 0.0]])
    refused(ValueError, "ws", lambda: gdbook.line_cost_grid([1], [1], [[0.0]], [0]))
    refused(ValueError, "y", lambda: gdbook.line_cost_grid([1, 2], [1], [0.0], [0]))


def test_the_threaded_one_feature_gradient_matches_the_single_thread(monkeypatch):
    # Large one-feature data is summed by two threads over two halves; the result
    # is the same gradient (to rounding) and does not depend on the machine.
    from gdbook import _fast

    rng = np.random.default_rng(1)
    x = rng.normal(size=50_000)
    y = 3 * x + rng.normal(size=50_000)
    monkeypatch.setattr(_fast, "PARALLEL_BYTES", 1 << 60)
    single = gdbook.least_squares_gradient(x, y, 0.5, 0.25)
    monkeypatch.setattr(_fast, "PARALLEL_BYTES", 1)
    threaded = gdbook.least_squares_gradient(x, y, 0.5, 0.25)
    again = gdbook.least_squares_gradient(x, y, 0.5, 0.25)
    assert threaded == again
    np.testing.assert_allclose(threaded, single, rtol=1e-12)
    column = gdbook.least_squares_gradient(x[:, None], y, [0.5], 0.25)
    assert column[0].tolist() == [threaded[0]] and column[1] == threaded[1]
