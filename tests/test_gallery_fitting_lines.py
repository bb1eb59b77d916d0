"""The fitting-lines chapter prints the inventory's values (E05, E06, E07, E15).

Every line a page prints is compared with the same value computed here through
gdbook and, where the inventory gives one, with the inventory's string.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

import gdbook

CHAPTER = "03_fitting_lines"
DATA = Path(__file__).parent / "data"


def test_e05_line_fit_prints_m_b_and_the_final_mse(run_example):
    out = run_example(f"{CHAPTER}/plot_line_fit.py").splitlines()
    fit = gdbook.fit_line(*gdbook.noisy_line(), lr=0.01, epochs=100)
    assert out == [
        f"m = {fit.slope}",
        f"b = {fit.intercept}",
        f"final MSE = {fit.loss}",
        f"{len(fit.losses)} losses, from {fit.losses[0]} to {fit.losses[-1]}",
    ]
    assert out[:3] == [
        "m = 2.948979388333912",
        "b = 0.35005098565134224",
        "final MSE = 1.0133984237469946",
    ]


def test_e06_prints_the_sources_102_lines(run_example):
    out = run_example(f"{CHAPTER}/plot_line_through_origin.py").splitlines()
    fit = gdbook.fit_slope(
        *gdbook.proportional_data(4), slope0=1.0, lr=0.01, epochs=100
    )
    computed = [f"Predict (befortraining) 4 {float(fit.slopes[0] * 4)}"]
    computed += [
        f"Epoch: {k} w= {float(fit.slopes[k + 1])} cost= {float(fit.losses[k])}"
        for k in range(100)
    ]
    computed.append(f"Predict(after training) 4 {fit.predict(4)}")
    # The source's own printed output, transcribed in tests/data: the page must
    # print it line for line.
    source = [
        line
        for line in (DATA / "source_002_e06_output.txt").read_text().splitlines()
        if not line.startswith("#")
    ]
    assert out == computed == source
    assert out[1] == "Epoch: 0 w= 1.15 cost= 7.5"
    assert out[100] == "Epoch: 99 w= 1.9999999125232637 cost= 7.943438830326513e-14"


def test_e07_prints_the_sources_run_then_real_sgd(run_example):
    out = run_example(f"{CHAPTER}/plot_sgd_erratum.py").splitlines()
    x, y = gdbook.proportional_data(3)
    as_printed = gdbook.gradient_descent(
        lambda w: np.mean(2 * w * (w * x - y)),
        1.0,
        lr=0.01,
        steps=100,
        loss=lambda w: gdbook.least_squares_loss(x, y, w),
    )
    batch = gdbook.fit_slope(x, y, slope0=1.0, lr=0.01, epochs=100)
    sgd = gdbook.fit_line_sgd(
        x, y, slope0=1.0, fit_intercept=False, lr=0.01, epochs=100, rng=0
    )
    bx, by = gdbook.beans(100)
    runs = {
        "batch GD": gdbook.fit_line(bx, by, lr=0.1, epochs=30),
        "SGD (B = 1)": gdbook.fit_line_sgd(bx, by, lr=0.1, epochs=30, rng=1),
        "mini-batch (B = 10)": gdbook.fit_line_sgd(
            bx, by, lr=0.1, epochs=30, batch_size=10, rng=1
        ),
    }
    expected = [
        f"Epoch: 99 w= {float(as_printed.x)} cost= {float(as_printed.losses[99])}",
        f"Predict(after training) 4 {float(as_printed.x * 4)}",
        f"batch GD: w = {batch.slope} predict(4) = {batch.predict(4)}",
        f"SGD:      w = {sgd.slope} predict(4) = {sgd.predict(4)}",
        f"SGD made {sgd.steps_taken} updates in {sgd.epochs_taken} epochs",
    ]
    expected += [
        f"{name}: {run.steps_taken} updates, final MSE {run.loss:.6f}"
        for name, run in runs.items()
    ]
    assert out == expected
    # The inventory's values for the source's code as printed.
    assert out[0].startswith("Epoch: 99 w= 1.9994923643344453 cost= ")
    assert out[1] == "Predict(after training) 4 7.997969457337781"
    assert sgd.steps_taken == 300
    # SGD's mini-batches smooth the noise: the mini-batch run ends lower.
    assert runs["mini-batch (B = 10)"].loss < runs["SGD (B = 1)"].loss


def test_e14_prints_the_grid_and_its_lowest_point(run_example):
    out = run_example(f"{CHAPTER}/plot_surface_of_the_cost.py").splitlines()
    ws, bs = np.arange(-1, 2, 0.1), np.arange(-2, 2, 0.1)
    costs = gdbook.line_cost_grid(*gdbook.beans(100), ws, bs)
    row, column = np.unravel_index(np.argmin(costs), costs.shape)
    assert out == [
        f"grid: {costs.shape[0]} values of b by {costs.shape[1]} values of w",
        f"lowest grid point: w = {ws[column]:.1f}, b = {bs[row]:.1f}",
    ]
    # The beans lie around y = 0.7x + 0.5: the grid's lowest point is there.
    assert out[1] == "lowest grid point: w = 0.7, b = 0.5"


def test_e15_prints_the_final_line(run_example):
    out = run_example(f"{CHAPTER}/plot_training_on_beans.py").splitlines()
    fit = gdbook.fit_line_sgd(
        *gdbook.beans(100),
        slope0=0.1,
        intercept0=0.1,
        lr=0.01,
        epochs=500,
        shuffle=False,
    )
    assert out == [
        f"{fit.slope} {fit.intercept}",
        f"updates: {fit.steps_taken} final MSE: {fit.loss}",
    ]
    # The start hardly matters after 500 passes, as the page says.
    other = gdbook.fit_line_sgd(
        *gdbook.beans(100),
        slope0=1.0,
        intercept0=1.0,
        lr=0.01,
        epochs=500,
        shuffle=False,
    )
    assert abs(other.slope - fit.slope) < 1e-14
    assert abs(other.intercept - fit.intercept) < 1e-14
