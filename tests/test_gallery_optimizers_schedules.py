"""The noise-and-schedules page: its floors, predictions and schedules, through gdbook.

The page measures the noise floor of mini-batch SGD with a plain numpy loop that runs
forty seeds side by side. Here the same forty runs are made by gdbook: each setting's
runs are one :func:`gdbook.gradient_descent` on the stack of forty lines, with a
gradient that draws each line's batches from its own generator, and two of those rows
are checked against :func:`gdbook.stochastic_gradient_descent` with the same seed.
Every printed number is compared with its value recomputed here, and the claims of
the text are checked on those values.
"""

from __future__ import annotations

import itertools
import math
import re

import numpy as np
import pytest
from conftest import ROOT, printed_values

import gdbook
from gdbook.optimizers import sgd
from gdbook.schedules import cosine, inverse_time, step_decay

PAGE = "06_optimizers/plot_noise_and_schedules.py"

X_DATA, Y_DATA = gdbook.beans(100)
N = X_DATA.size
DESIGN = np.column_stack([X_DATA, np.ones(N)])
BEST = np.linalg.lstsq(DESIGN, Y_DATA, rcond=None)[0]
RESIDUALS = DESIGN @ BEST - Y_DATA
LEAST = np.mean(RESIDUALS**2)
A = 2 * DESIGN.T @ DESIGN / N
PER_SAMPLE = 2 * RESIDUALS[:, None] * DESIGN
SIGMA = PER_SAMPLE.T @ PER_SAMPLE / N
SEEDS = range(40)
SETTINGS = [(0.03, 10), (0.1, 10), (0.3, 10), (0.1, 4), (0.1, 1)]
BURN, MEASURED = 500, 1000
SCHEDULES = {
    "step decay": step_decay(0.3, factor=0.5, every=100),
    "1/t": inverse_time(0.3, decay=0.01),
    "cosine": cosine(0.3, steps=1000),
}


def excess(params):
    delta = np.asarray(params) - BEST
    return 0.5 * np.einsum("...i,ij,...j->...", delta, A, delta)


def batch_gradient(params, batch):
    r = params[0] * X_DATA[batch] + params[1] - Y_DATA[batch]
    return np.array([2 * np.mean(r * X_DATA[batch]), 2 * np.mean(r)])


def mini_batch_sgd(lr, seed=0):
    return gdbook.stochastic_gradient_descent(
        batch_gradient,
        [0.0, 0.0],
        N,
        epochs=100,
        batch_size=10,
        rng=seed,
        loss=excess,
        optimizer=sgd(lr),
    )


def first_order(lr, batch_size):
    return lr * np.trace(SIGMA) / (4 * batch_size)


def stationary(lr, batch_size):
    M = np.eye(2) - lr * A
    rhs = (lr**2 * SIGMA / batch_size).ravel()
    P = np.linalg.solve(np.eye(4) - np.kron(M, M), rhs).reshape(2, 2)
    return 0.5 * np.trace(A @ P)


def sampler(kind):
    if kind == "reshuffled":
        return lambda generator: generator.permutation(N)
    return lambda generator: generator.integers(0, N, N)


def stacked_runs(lr, batch_size, kind):
    """Forty runs of SGD from the optimum, one per seed, as one gdbook descent."""
    generators = [np.random.default_rng(seed) for seed in SEEDS]
    sample = sampler(kind)
    counter = itertools.count()
    orders = None

    def gradient(lines):
        nonlocal orders
        start = next(counter) * batch_size % N
        if start == 0:
            orders = np.array([sample(g) for g in generators])
        batch = orders[:, start : start + batch_size]
        r = lines[:, :1] * X_DATA[batch] + lines[:, 1:] - Y_DATA[batch]
        return np.column_stack([2 * np.mean(r * X_DATA[batch], 1), 2 * np.mean(r, 1)])

    start = np.tile(BEST, (len(generators), 1))
    return gdbook.gradient_descent(gradient, start, lr=lr, steps=BURN + MEASURED)


@pytest.fixture(scope="module")
def page(run_example):
    return printed_values(run_example(PAGE))


@pytest.fixture(scope="module")
def runs():
    return {
        (lr, size, kind): stacked_runs(lr, size, kind)
        for lr, size in SETTINGS
        for kind in ("reshuffled", "independent")
    }


@pytest.fixture(scope="module")
def floors(runs):
    return {
        key: float(excess(run.xs[BURN + 1 : BURN + MEASURED + 1]).mean())
        for key, run in runs.items()
    }


def test_the_optimum_and_the_noise(page):
    assert page["best line, slope and intercept"] == str(BEST)
    fit = gdbook.fit_line(X_DATA, Y_DATA, lr=0.5, epochs=5000)
    assert np.allclose([fit.slope, fit.intercept], BEST, rtol=1e-9)
    assert page["least loss L*"] == str(LEAST)
    assert page["eigenvalues of A"] == str(np.linalg.eigvalsh(A))
    assert page["trace of Sigma"] == str(np.trace(SIGMA))
    # The gradient of the whole loss vanishes at the optimum; one sample's does not.
    assert np.allclose(PER_SAMPLE.mean(axis=0), 0, atol=1e-15)
    grad = gdbook.least_squares_gradient(X_DATA, Y_DATA, *BEST)
    assert np.allclose(grad, 0, atol=1e-14)
    direct = float(page["L - L* at (0.5, 0.8), directly"])
    quadratic = float(page["L - L* at (0.5, 0.8), from A"])
    assert quadratic == excess([0.5, 0.8])
    loss = gdbook.least_squares_loss(X_DATA, Y_DATA, 0.5, 0.8)
    assert direct == pytest.approx(loss - LEAST, rel=1e-14)
    assert quadratic == pytest.approx(direct, rel=1e-12)


def test_the_numpy_loop_is_gdbooks_run(page):
    trace = mini_batch_sgd(cosine(0.3, steps=1000))
    w, b = trace.x
    assert page["after 100 epochs, slope and intercept"] == f"{w} {b}"
    assert page["the optimizer"] == "sgd(lr=cosine(lr=0.3, steps=1000, final=0.0))"
    assert page["numpy loop and gdbook agree bit for bit"] == "True"
    # The cosine takes the rate to 0: the run ends close to the optimum.
    assert excess(trace.x) < 1e-7


def test_the_constant_rates_stall_higher_for_larger_rates(page, floors):
    lates = []
    for lr in (0.03, 0.1, 0.3):
        run = mini_batch_sgd(lr)
        late = run.losses[-200:].mean()
        label = f"constant rate {lr:g}, mean L - L* over the last 20 epochs"
        assert page[label] == f"{late:.2e}"
        lates.append(late)
    assert lates == sorted(lates)
    # The two larger rates have reached their floor (within the noise of one run);
    # the smallest is still above its own.
    assert lates[1] == pytest.approx(floors[0.1, 10, "reshuffled"], rel=0.3)
    assert lates[2] == pytest.approx(floors[0.3, 10, "reshuffled"], rel=0.3)
    assert lates[0] > 2 * floors[0.03, 10, "reshuffled"]


@pytest.mark.parametrize(("lr", "size"), [(0.1, 1), (0.1, 10)])
@pytest.mark.parametrize("seed", [0, 7])
def test_each_stacked_row_is_gdbooks_sgd_with_that_seed(runs, lr, size, seed):
    epochs = (BURN + MEASURED) * size // N
    single = gdbook.stochastic_gradient_descent(
        batch_gradient, BEST, N, lr=lr, epochs=epochs, batch_size=size, rng=seed
    )
    assert np.array_equal(runs[lr, size, "reshuffled"].xs[:, seed], single.xs)


def test_the_page_checks_its_loop_against_gdbook(page):
    assert page["row 7 of the loop is gdbook's run with rng=7, bit for bit"] == "True"


@pytest.mark.parametrize(("lr", "size"), SETTINGS)
def test_the_floors_and_their_predictions(page, floors, lr, size):
    shuffled = floors[lr, size, "reshuffled"]
    drawn = floors[lr, size, "independent"]
    first = first_order(lr, size)
    assert page[f"floor, lr {lr:g}, B {size}"].split() == [
        f"{shuffled:.2e}",
        f"{drawn:.2e}",
        f"{first:.2e}",
        f"{stationary(lr, size):.2e}",
    ]
    assert page[f"measured / first order, lr {lr:g}, B {size}"].split() == [
        f"{shuffled / first:.2f}",
        f"{drawn / first:.2f}",
    ]
    # Independent batches: the stationary solution within a few percent, the
    # first order within 20 percent up to lr = 0.1.
    assert drawn == pytest.approx(stationary(lr, size), rel=0.05)
    if lr <= 0.1:
        assert drawn == pytest.approx(first, rel=0.2)
    # Reshuffling does better.
    assert shuffled < drawn


def test_the_floor_grows_with_the_rate_and_shrinks_with_the_batch(floors):
    for kind in ("reshuffled", "independent"):
        by_rate = [floors[lr, 10, kind] for lr in (0.03, 0.1, 0.3)]
        by_batch = [floors[0.1, size, kind] for size in (1, 4, 10)]
        assert by_rate == sorted(by_rate)
        assert by_batch == sorted(by_batch, reverse=True)
    # Reshuffling gains more where an epoch makes fewer updates.
    gain = {
        key: floors[(*key, "reshuffled")] / floors[(*key, "independent")]
        for key in SETTINGS
    }
    assert gain[0.03, 10] < gain[0.1, 10] < gain[0.3, 10]
    assert gain[0.1, 10] < gain[0.1, 4] < gain[0.1, 1]


def test_the_first_order_fails_at_the_largest_rate(floors):
    # eta * lambda_max(A) = 0.8 at lr = 0.3: the first order is 40 percent low.
    assert 0.3 * np.linalg.eigvalsh(A)[-1] == pytest.approx(0.8, abs=0.01)
    assert floors[0.3, 10, "independent"] > 1.4 * first_order(0.3, 10)


def test_the_schedules(page, floors):
    for name, schedule in SCHEDULES.items():
        rates = " ".join(f"{schedule(k):.3g}" for k in (0, 250, 500, 750, 999))
        assert page[name] == repr(schedule)
        assert page[f"{name}, rates at updates 0, 250, 500, 750, 999"] == rates
        total = sum(schedule(k) for k in range(1000))
        assert page[f"{name}, sum of the rates"] == f"{total:.1f}"
    assert page["floor of the constant rate 0.3, B 10"] == (
        f"{floors[0.3, 10, 'reshuffled']:.2e}"
    )
    lates = {}
    for name, schedule in SCHEDULES.items():
        lates[name] = mini_batch_sgd(schedule).losses[-100:].mean()
        label = f"{name}, mean L - L* over the last 10 epochs"
        assert page[label] == f"{lates[name]:.2e}"
        # Far below the floor of the constant rate they start from.
        assert lates[name] < floors[0.3, 10, "reshuffled"] / 50
    # 1/t ends at a rate of 0.027, about the floor of the constant rate 0.03.
    assert SCHEDULES["1/t"](999) == pytest.approx(0.0273, abs=1e-4)
    assert lates["1/t"] == pytest.approx(floors[0.03, 10, "reshuffled"], rel=0.3)


def test_a_schedule_that_decays_too_fast_stops_short(page, floors):
    too_fast = step_decay(0.1, factor=0.5, every=100)
    total = sum(too_fast(k) for k in range(1000))
    assert page["step decay from 0.1, sum of the rates"] == f"{total:.1f}"
    eigenvalues, eigenvectors = np.linalg.eigh(A)
    c = eigenvectors[:, 0] @ -BEST
    left = 0.5 * eigenvalues[0] * c**2 * math.exp(-2 * eigenvalues[0] * total)
    assert page["step decay from 0.1, left along the flat direction (formula)"] == (
        f"{left:.2e}"
    )
    late = mini_batch_sgd(too_fast).losses[-100:].mean()
    label = "step decay from 0.1, mean L - L* over the last 10 epochs"
    assert page[label] == f"{late:.2e}"
    assert late == pytest.approx(left, rel=0.15)
    assert late > 0.8 * floors[0.1, 10, "reshuffled"]


def test_the_page_prints_no_unlabelled_number(run_example):
    out = run_example(PAGE)
    for line in out.splitlines():
        if re.search(r"\d", line):
            assert ": " in line, line


def test_the_concept_page_quotes_the_measurements(floors):
    text = (ROOT / "docs" / "concepts" / "optimizers.md").read_text()
    concept = " ".join(text.split())
    assert (
        "the measured floor is that prediction within 20 percent up to $\\eta = 0.1$"
        in concept
    )
    assert "the exact stationary solution within a few percent" in concept
    for lr, size in SETTINGS:
        drawn = floors[lr, size, "independent"]
        assert drawn == pytest.approx(stationary(lr, size), rel=0.05)
        if lr <= 0.1:
            assert drawn == pytest.approx(first_order(lr, size), rel=0.2)
    # "down to a fifth of the prediction when an epoch makes few updates"
    assert "down to a fifth of the prediction" in concept
    lowest = min(
        floors[lr, size, "reshuffled"] / first_order(lr, size) for lr, size in SETTINGS
    )
    assert 0.15 < lowest < 0.25
    # "50 to 10 000 times below that rate's floor"
    assert "end 50 to 10 000 times below that rate's floor" in concept
    floor = floors[0.3, 10, "reshuffled"]
    for schedule in SCHEDULES.values():
        late = mini_batch_sgd(schedule).losses[-100:].mean()
        assert 50 < floor / late < 10_000
    # "a step decay that halves too early (its rates add up to 20)"
    too_fast = step_decay(0.1, factor=0.5, every=100)
    assert "(its rates add up to 20)" in concept
    assert round(sum(too_fast(k) for k in range(1000))) == 20
