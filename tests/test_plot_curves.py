"""gdbook.plot.loss_curve: a loss history, or a run, against updates or epochs."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pytest
from refusal import refused

import gdbook
from gdbook.plot import loss_curve


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


@pytest.fixture(scope="module")
def descent():
    return gdbook.gradient_descent(
        gdbook.parabola.grad, 5.0, lr=0.1, steps=20, loss=gdbook.parabola
    )


@pytest.fixture(scope="module")
def mini_batch_fit():
    x, y = gdbook.beans(30)
    return gdbook.fit_line_sgd(x, y, lr=0.1, epochs=4, batch_size=10, rng=0)


def drawn(ax):
    (line,) = ax.lines
    return line.get_xdata(), line.get_ydata()


def test_an_array_is_drawn_against_the_update_number():
    ax = loss_curve([4.0, 2.0, 1.0, 0.5])
    xs, ys = drawn(ax)
    assert np.array_equal(xs, [0, 1, 2, 3])
    assert np.array_equal(ys, [4.0, 2.0, 1.0, 0.5])
    assert (ax.get_xlabel(), ax.get_ylabel()) == ("iteration", "loss")
    assert ax.get_legend() is None
    assert ax.get_yscale() == "linear"


def test_a_trace_draws_the_same_as_its_losses(descent):
    from_trace = drawn(loss_curve(descent))
    from_array = drawn(loss_curve(descent.losses))
    assert np.array_equal(from_trace[0], from_array[0])
    assert np.array_equal(from_trace[1], from_array[1])
    assert np.array_equal(from_trace[1], descent.losses)


def test_epochs_divide_the_update_number_by_the_updates_per_epoch(mini_batch_fit):
    assert mini_batch_fit.updates_per_epoch == 3
    ax = loss_curve(mini_batch_fit, against="epochs")
    xs, ys = drawn(ax)
    assert np.allclose(xs, np.arange(13) / 3)
    assert xs[-1] == mini_batch_fit.epochs_taken == 4
    assert np.array_equal(xs[::3], [0, 1, 2, 3, 4])
    assert np.array_equal(ys, mini_batch_fit.losses)
    assert ax.get_xlabel() == "epoch (passes over the data)"


def test_against_updates_ignores_the_epochs(mini_batch_fit):
    xs, _ = drawn(loss_curve(mini_batch_fit))
    assert np.array_equal(xs, np.arange(13))


def test_a_stochastic_trace_against_epochs():
    rng = np.random.default_rng(0)
    targets = rng.normal(size=8)
    trace = gdbook.stochastic_gradient_descent(
        lambda w, batch: w - targets[batch].mean(),
        0.0,
        8,
        lr=0.1,
        epochs=3,
        batch_size=2,
        rng=0,
        loss=lambda w: np.mean((w - targets) ** 2),
    )
    xs, ys = drawn(loss_curve(trace, against="epochs"))
    assert np.allclose(xs, np.arange(13) / 4)
    assert np.array_equal(ys, trace.losses)


def test_batch_and_stochastic_runs_end_at_the_same_epoch(mini_batch_fit):
    x, y = gdbook.beans(30)
    batch = gdbook.fit_line(x, y, lr=0.1, epochs=4)
    _, ax = plt.subplots()
    loss_curve(batch, against="epochs", ax=ax, label="batch")
    loss_curve(mini_batch_fit, against="epochs", ax=ax, label="mini-batch")
    ends = [line.get_xdata()[-1] for line in ax.lines]
    assert ends == [4, 4]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == [
        "batch",
        "mini-batch",
    ]


def test_an_array_against_epochs_counts_one_update_per_epoch():
    xs, _ = drawn(loss_curve([3.0, 2.0, 1.0], against="epochs"))
    assert np.array_equal(xs, [0, 1, 2])


def test_labels_log_scale_and_style_are_passed_on():
    ax = loss_curve(
        [1.0, 0.1], log=True, xlabel="step", ylabel="loss (MSE)", color="C2", lw=3
    )
    assert (ax.get_xlabel(), ax.get_ylabel()) == ("step", "loss (MSE)")
    assert ax.get_yscale() == "log"
    assert ax.lines[0].get_linewidth() == 3


def test_draws_on_the_axes_given():
    _, ax = plt.subplots()
    assert loss_curve([1.0, 0.5], ax=ax) is ax


class _Run:
    def __init__(self, losses, updates_per_epoch):
        self.losses = losses
        self.updates_per_epoch = updates_per_epoch


@pytest.mark.parametrize(
    ("losses", "kwargs", "error", "match"),
    [
        ([[1.0, 2.0]], {}, ValueError, "losses"),
        ([1.0], {"against": "steps"}, ValueError, "against"),
        (_Run(None, 1), {}, ValueError, "losses"),
        (_Run([1.0, 0.5], 0), {}, ValueError, "updates_per_epoch"),
        (_Run([1.0, 0.5], 1.5), {}, TypeError, "updates_per_epoch"),
        (_Run([1.0, 0.5], True), {}, TypeError, "updates_per_epoch"),
        ([1.0, 2.0], {"log": "yes"}, TypeError, "log"),
    ],
)
def test_bad_input_is_refused_clearly(losses, kwargs, error, match):
    refused(error, match, lambda: loss_curve(losses, **kwargs))


def test_a_trace_without_losses_is_refused():
    trace = gdbook.gradient_descent(gdbook.parabola.grad, 1.0, lr=0.1, steps=3)
    with pytest.raises(ValueError, match="pass loss="):
        loss_curve(trace)


def test_difference_errors_style_is_passed_on():
    errors = gdbook.difference_errors(np.sin, 1.0, np.cos(1.0))
    ax = gdbook.plot.difference_errors_plot(errors, marker="x", color="k")
    assert [line.get_marker() for line in ax.lines] == ["x", "x"]
    assert [line.get_label() for line in ax.lines] == ["forward", "central"]
