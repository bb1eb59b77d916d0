"""The momentum page prints what it promises, and its measurements hold.

Every value is read by its label (``printed_values``) and compared with the same
quantity computed here through gdbook, and with the formula of the theory.
"""

from __future__ import annotations

import ast
import re

import numpy as np
import pytest
from conftest import GALLERY, ROOT, printed_values

import gdbook
from gdbook.optimizers import momentum

PAGE = "06_optimizers/plot_momentum.py"


@pytest.fixture(scope="module")
def page(run_example):
    return printed_values(run_example(PAGE))


def polyak(f):
    """Polyak's best step and momentum, and the rate, for a quadratic f."""
    root = np.sqrt(f.condition)
    rho = (root - 1) / (root + 1)
    return 4 / (np.sqrt(f.L) + np.sqrt(f.mu)) ** 2, rho**2, rho


def late_rate(xs, start, end):
    distances = np.linalg.norm(xs, axis=1)
    return (distances[end] / distances[start]) ** (1 / (end - start))


def measured_and_formula(value: str) -> tuple[float, float]:
    measured, formula = re.fullmatch(
        r"measured ([\d.]+), formula ([\d.]+)", value
    ).groups()
    return float(measured), float(formula)


F = gdbook.quadratic(condition=10)
LR, BETA, RHO = polyak(F)


def test_the_numpy_loop_is_gdbooks_run(page):
    trace = gdbook.gradient_descent(
        F.grad, [10.0, 3.0], steps=20, optimizer=momentum(LR, momentum=BETA)
    )
    plain = gdbook.gradient_descent(F.grad, [10.0, 3.0], lr=2 / 11, steps=20)
    assert page["numpy loop and gdbook agree bit for bit"] == "True"
    assert page["after 20 steps"] == str(trace.x)
    assert float(page["distance after 20 steps, momentum"]) == np.linalg.norm(trace.x)
    assert float(page["distance after 20 steps, gradient descent"]) == (
        np.linalg.norm(plain.x)
    )
    assert np.linalg.norm(trace.x) < np.linalg.norm(plain.x) / 100


def test_pytorchs_form_is_the_heavy_ball(page):
    trace = gdbook.gradient_descent(
        F.grad, [10.0, 3.0], steps=20, optimizer=momentum(LR, momentum=BETA)
    )
    x_prev = x = np.array([10.0, 3.0])
    heavy = [x]
    for _ in range(20):
        x, x_prev = x - LR * F.grad(x) + BETA * (x - x_prev), x
        heavy.append(x)
    difference = np.abs(np.array(heavy) - trace.xs).max()
    assert float(page["heavy ball against gdbook, largest difference"]) == difference
    assert difference < 1e-13


def test_the_best_pair_and_its_rate_are_the_formulas(page):
    assert float(page["best step 4/(sqrt(L) + sqrt(mu))^2"]) == LR
    assert float(page["best momentum ((sqrt(kappa) - 1)/(sqrt(kappa) + 1))^2"]) == BETA
    assert float(page["rate (sqrt(kappa) - 1)/(sqrt(kappa) + 1)"]) == pytest.approx(
        RHO, rel=1e-15
    )
    # The band of curvatures with complex roots is exactly [mu, L].
    assert LR * F.mu == pytest.approx((1 - np.sqrt(BETA)) ** 2, rel=1e-14)
    assert LR * F.L == pytest.approx((1 + np.sqrt(BETA)) ** 2, rel=1e-14)


@pytest.mark.parametrize("kappa", [2, 5, 10, 30, 100, 300, 1000])
def test_the_measured_rate_is_the_formula_up_to_critical_damping(page, kappa):
    measured, formula, closed = re.fullmatch(
        r"measured ([\d.]+), formula ([\d.]+), closed form over the window ([\d.]+)",
        page[f"kappa={kappa}"],
    ).groups()
    f = gdbook.quadratic(condition=kappa)
    lr, beta, rho = polyak(f)
    n = int(np.ceil(230 / np.log(1 / rho)))
    run = gdbook.gradient_descent(
        f.grad, [1.0, 1.0], steps=n, optimizer=momentum(lr, momentum=beta)
    )
    assert not run.diverged
    ours = late_rate(run.xs, n // 2, n)
    assert measured == f"{ours:.10f}"
    assert formula == f"{rho:.10f}"
    # The run is the closed form of the critically damped extremes...
    k = np.arange(n + 1)
    exact = np.hypot(1 + (1 - rho) * k, 1 + (1 + rho) * k) * rho**k
    distances = np.linalg.norm(run.xs, axis=1)
    np.testing.assert_allclose(distances, exact, rtol=1e-8)
    assert float(closed) == pytest.approx(ours, abs=2e-10)
    # ...so the measurement is above rho by less than the window's 2^(2/n).
    assert rho < ours < rho * 2 ** (2 / n)


def test_momentum_needs_about_sqrt_kappa_steps(page):
    counts = {}
    for kappa in (10, 100, 1000):
        label = f"steps to divide the distance by 1e6, kappa={kappa}"
        gd, heavy = map(
            int,
            re.fullmatch(
                r"gradient descent (\d+), momentum (\d+)", page[label]
            ).groups(),
        )
        f = gdbook.quadratic(condition=kappa)
        lr, beta, _ = polyak(f)
        run = gdbook.gradient_descent(
            f.grad,
            [1.0, 1.0],
            steps=int(20 * np.sqrt(kappa)),
            optimizer=momentum(lr, beta),
        )
        distances = np.linalg.norm(run.xs, axis=1)
        reached = np.flatnonzero(distances <= 1e-6 * distances[0])
        assert heavy == reached[0]
        # Gradient descent's count is the previous page's formula.
        assert gd == np.ceil(np.log(1e-6) / np.log((kappa - 1) / (kappa + 1)))
        counts[kappa] = gd, heavy
    # Ten times the condition number: ten times the steps for gradient descent,
    # about sqrt(10) times for momentum.
    for small, large in [(10, 100), (100, 1000)]:
        assert counts[large][0] / counts[small][0] == pytest.approx(10, rel=0.01)
        assert 2.5 < counts[large][1] / counts[small][1] < 4


# --- The region of convergence ---------------------------------------------------

GRID_LRS = (np.arange(80) + 0.5) * 0.45 / 80
GRID_BETAS = (np.arange(50) + 0.5) * 0.99 / 50
B, LRS = np.meshgrid(GRID_BETAS, GRID_LRS, indexing="ij")


def spectral_radius(lr, beta, curvature, nesterov):
    """Largest modulus of the eigenvalues of the 2x2 iteration matrix on
    (x_k, x_{k-1}), for every cell."""
    h = lr * curvature
    if nesterov:
        a, c = (1 + beta) * (1 - h), beta * (1 - h)
    else:
        a, c = 1 + beta - h, beta
    matrices = np.zeros((*np.shape(h), 2, 2))
    matrices[..., 0, 0], matrices[..., 0, 1], matrices[..., 1, 0] = a, -c, 1.0
    return np.abs(np.linalg.eigvals(matrices)).max(axis=-1)


def direct_rate(lr, beta, nesterov):
    """The page's measure of one cell, from gdbook's run on f itself."""
    run = gdbook.gradient_descent(
        F.grad,
        [1.0, 1.0],
        steps=150,
        optimizer=momentum(lr, momentum=beta, nesterov=nesterov),
    )
    size = np.abs(run.xs)
    return ((size[126:151].max(0) / size[51:76].max(0)) ** (1 / 75)).max()


@pytest.mark.parametrize(
    ("name", "nesterov", "bound"),
    [
        ("heavy ball", False, "0 < lr L < 2(1 + beta)"),
        ("Nesterov", True, "0 < lr L < 2(1 + beta)/(1 + 2 beta)"),
    ],
)
def test_the_region_is_the_theorys(page, name, nesterov, bound):
    theory = np.maximum(
        spectral_radius(LRS, B, F.mu, nesterov), spectral_radius(LRS, B, F.L, nesterov)
    )
    limit = 2 * (1 + B) / (1 + 2 * B) if nesterov else 2 * (1 + B)
    inside = LRS * F.L < limit
    # The inequality is the spectral radius's verdict on every cell...
    assert np.array_equal(inside, theory < 1)
    assert page["cells of the grid"] == "4000"
    assert int(page[f"{name}, cells inside {bound}"]) == inside.sum()
    assert page[f"{name}, cells where runs and theory disagree"] == "0"
    converging = int(page[f"{name}, cells where the runs converge"])
    assert converging == inside.sum()
    # ...and gdbook's runs give it too: a sample of cells run one by one.
    rng = np.random.default_rng(14)
    for i, j in zip(rng.integers(0, 50, 12), rng.integers(0, 80, 12), strict=True):
        rate = direct_rate(GRID_LRS[j], GRID_BETAS[i], nesterov)
        assert (rate < 1) == inside[i, j]
        if abs(theory[i, j] - 1) > 0.05:
            # Far from the edges of the bands of complex roots the measure is the
            # spectral radius itself.
            assert rate == pytest.approx(theory[i, j], rel=0.05)


def test_the_batched_runs_are_the_direct_ones(page):
    value = float(page["batched against direct runs, largest relative difference"])
    assert value < 1e-12


def test_the_best_heavy_ball_pair_beats_every_cell_of_the_grid():
    theory = np.maximum(
        spectral_radius(LRS, B, F.mu, False), spectral_radius(LRS, B, F.L, False)
    )
    assert theory.min() > RHO - 1e-9
    nesterov = np.maximum(
        spectral_radius(LRS, B, F.mu, True), spectral_radius(LRS, B, F.L, True)
    )
    q = np.sqrt(3 * F.condition + 1)
    assert nesterov.min() > 1 - 2 / q - 1e-6


def test_nesterov_loop_is_gdbooks_run(page):
    assert page["Nesterov, numpy loop and gdbook agree bit for bit"] == "True"


@pytest.mark.parametrize(
    ("name", "settings"),
    [
        ("heavy ball, best pair", "heavy"),
        ("Nesterov, best pair", "lessard"),
        ("Nesterov, lr 1/L, momentum (sqrt(kappa) - 1)/(sqrt(kappa) + 1)", "usual"),
    ],
)
def test_the_rates_at_kappa_100(page, name, settings):
    f = gdbook.quadratic(condition=100)
    root, q = 10.0, np.sqrt(301)
    optimizer, formula = {
        "heavy": (momentum(*polyak(f)[:2]), (root - 1) / (root + 1)),
        "lessard": (
            momentum(4 / (3 * f.L + f.mu), (q - 2) / (q + 2), nesterov=True),
            1 - 2 / q,
        ),
        "usual": (momentum(1 / f.L, (root - 1) / (root + 1), nesterov=True), 0.9),
    }[settings]
    measured, printed_formula = measured_and_formula(page[f"kappa=100, {name}"])
    n = int(np.ceil(230 / np.log(1 / formula)))
    run = gdbook.gradient_descent(f.grad, [1.0, 1.0], steps=n, optimizer=optimizer)
    ours = late_rate(run.xs, n // 2, n)
    assert measured == float(f"{ours:.6f}")
    assert printed_formula == float(f"{formula:.6f}")
    assert formula < ours < formula * 2 ** (2 / n)


def test_the_counts_quoted_in_prose_are_the_pages(page):
    """The docstring and the concept page quote counts that the page prints."""
    counts = {}
    for kappa in (100, 1000):
        label = f"steps to divide the distance by 1e6, kappa={kappa}"
        counts[kappa] = re.fullmatch(
            r"gradient descent (\d+), momentum (\d+)", page[label]
        ).groups()
    docstring = ast.get_docstring(ast.parse((GALLERY / PAGE).read_text()))
    gd, heavy = counts[100]
    assert f"{heavy} steps instead of {gd} to divide" in " ".join(docstring.split())
    text = (ROOT / "docs" / "concepts" / "optimizers.md").read_text()
    concept = " ".join(text.split())
    gd, heavy = counts[1000]
    assert f"{heavy} steps to $10^{{-6}}$ instead of {gd}" in concept
