"""The momentum pages print what they promise, and their measurements hold.

Three pages: the heavy ball (plot_momentum), where momentum converges
(plot_momentum_region) and Nesterov's variant (plot_nesterov). Every number is read
from the page's output, parsed as a number, and compared with a reference: a plain
numpy loop written here, a closed form, or the spectral radius of the iteration
matrix.
"""

from __future__ import annotations

import re

import numpy as np
import pytest
from conftest import printed_values

import gdbook
from gdbook.optimizers import momentum

PAGE = "06_optimizers/plot_momentum.py"
REGION = "06_optimizers/plot_momentum_region.py"
NESTEROV = "06_optimizers/plot_nesterov.py"


@pytest.fixture(scope="module")
def out(run_example):
    return run_example(PAGE)


@pytest.fixture(scope="module")
def page(out):
    return printed_values(out)


@pytest.fixture(scope="module")
def region_page(run_example):
    return run_example(REGION)


@pytest.fixture(scope="module")
def region_rows(region_page):
    rows = {}
    for line in region_page.splitlines():
        m = re.fullmatch(r"(heavy ball|Nesterov) +(\d+) +(\d+) +(\d+) +(\d+)", line)
        if m:
            rows[m.group(1)] = tuple(int(v) for v in m.groups()[1:])
    assert set(rows) == {"heavy ball", "Nesterov"}
    return rows


@pytest.fixture(scope="module")
def nesterov_out(run_example):
    return run_example(NESTEROV)


def numbers(text: str) -> list[float]:
    return [float(v) for v in re.findall(r"-?\d+(?:\.\d+)?(?:e[-+]?\d+)?", text)]


def polyak(f):
    """Polyak's best step and momentum, and the rate, for a quadratic f."""
    root = np.sqrt(f.condition)
    rho = (root - 1) / (root + 1)
    return 4 / (np.sqrt(f.L) + np.sqrt(f.mu)) ** 2, rho**2, rho


def late_rate(xs, start, end):
    distances = np.linalg.norm(xs, axis=1)
    return (distances[end] / distances[start]) ** (1 / (end - start))


def steps_to_a_millionth(xs):
    distances = np.linalg.norm(xs, axis=1)
    return int(np.flatnonzero(distances <= 1e-6 * distances[0])[0])


F = gdbook.quadratic(condition=10)
LR, BETA, RHO = polyak(F)


def numpy_momentum(grad, x, lr, beta, steps, nesterov=False):
    """PyTorch's SGD with momentum, written here as the reference."""
    x, v, path = np.asarray(x, float), np.zeros(len(x)), [np.asarray(x, float)]
    for _ in range(steps):
        g = grad(x)
        v = beta * v + g
        x = x - lr * (g + beta * v if nesterov else v)
        path.append(x)
    return np.array(path)


def test_gdbook_is_the_numpy_loop_and_the_figure_numbers_are_its(page):
    trace = gdbook.gradient_descent(
        F.grad, [10.0, 3.0], steps=20, optimizer=momentum(LR, momentum=BETA)
    )
    reference = numpy_momentum(
        lambda x: np.array([1.0, 10.0]) * x, [10, 3], LR, BETA, 20
    )
    assert np.array_equal(trace.xs, reference)
    assert numbers(page["numpy loop, w after 20 steps"]) == pytest.approx(
        reference[-1], abs=5e-7
    )
    assert numbers(page["gdbook, w after 20 steps"]) == pytest.approx(
        reference[-1], abs=5e-7
    )
    plain = gdbook.gradient_descent(F.grad, [10.0, 3.0], lr=2 / 11, steps=20)
    # Gradient descent's distance is the closed form: each step multiplies both
    # coordinates by 9/11 in size.
    gd = float(page["distance after 20 steps, gradient descent"])
    assert gd == pytest.approx(np.hypot(10, 3) * (9 / 11) ** 20, rel=5e-3)
    assert gd == pytest.approx(np.linalg.norm(plain.x), rel=5e-3)
    heavy = float(page["distance after 20 steps, momentum"])
    assert heavy == pytest.approx(np.linalg.norm(reference[-1]), rel=5e-3)
    assert heavy < gd / 100


def test_pytorchs_form_is_the_heavy_ball(page):
    x_prev = x = np.array([10.0, 3.0])
    heavy = [x]
    for _ in range(20):
        x, x_prev = x - LR * F.grad(x) + BETA * (x - x_prev), x
        heavy.append(x)
    reference = numpy_momentum(F.grad, [10, 3], LR, BETA, 20)
    difference = np.abs(np.array(heavy) - reference).max()
    printed = float(page["heavy ball against gdbook, largest difference"])
    assert printed == pytest.approx(difference, rel=0.05)
    assert difference < 1e-13


def test_the_best_pair_and_its_rate_are_the_formulas(page):
    lr, beta, rate = numbers(page["kappa = 10"].replace("best lr", ""))
    assert (lr, beta, rate) == pytest.approx((LR, BETA, RHO), abs=5e-5)
    assert float(page["gradient descent's best rate (kappa - 1)/(kappa + 1)"]) == (
        pytest.approx(9 / 11, abs=5e-5)
    )
    # The band of curvatures with complex roots is exactly [mu, L].
    assert LR * F.mu == pytest.approx((1 - np.sqrt(BETA)) ** 2, rel=1e-14)
    assert LR * F.L == pytest.approx((1 + np.sqrt(BETA)) ** 2, rel=1e-14)


@pytest.mark.parametrize("kappa", [2, 5, 10, 30, 100, 300, 1000])
def test_runs_at_the_best_pair_are_the_critically_damped_closed_form(kappa):
    f = gdbook.quadratic(condition=kappa)
    lr, beta, rho = polyak(f)
    n = int(np.ceil(230 / np.log(1 / rho)))
    run = gdbook.gradient_descent(
        f.grad, [1.0, 1.0], steps=n, optimizer=momentum(lr, momentum=beta)
    )
    k = np.arange(n + 1)
    exact = np.hypot(1 + (1 - rho) * k, 1 + (1 + rho) * k) * rho**k
    np.testing.assert_allclose(np.linalg.norm(run.xs, axis=1), exact, rtol=1e-8)
    # so a late measurement of the rate is above rho by less than 2^(2/n).
    assert rho < late_rate(run.xs, n // 2, n) < rho * 2 ** (2 / n)


def test_the_step_counts_say_which_is_the_rule_and_which_the_run(out):
    rows = {}
    for line in out.splitlines():
        m = re.fullmatch(r" *(\d+) +(\d+) +(\d+) +(\d+) +(\d+)", line)
        if m:
            kappa, rule, closed, measured, gd = map(int, m.groups())
            rows[kappa] = rule, closed, measured, gd
    assert set(rows) == {10, 100, 1000}
    for kappa, (rule, closed, measured, gd) in rows.items():
        f = gdbook.quadratic(condition=kappa)
        lr, beta, rho = polyak(f)
        # The sqrt(kappa) rule: ln 1e6 / ln(1/rho), about 6.9 sqrt(kappa).
        assert rule == np.ceil(np.log(1e6) / np.log(1 / rho))
        # The run, measured here with a numpy loop of its own.
        reference = numpy_momentum(
            f.grad, [1.0, 1.0], lr, beta, int(20 * np.sqrt(kappa))
        )
        assert measured == steps_to_a_millionth(reference) == closed
        # Gradient descent's count is its rate's formula.
        assert gd == np.ceil(np.log(1e-6) / np.log((kappa - 1) / (kappa + 1)))
    assert rows[100][0] == 69 and rows[1000][0] == 219
    assert rows[100][2:] == (93, 691) and rows[1000][2:] == (315, 6908)
    # Ten times the condition number: ten times gradient descent's steps, about
    # sqrt(10) times momentum's.
    assert rows[1000][3] / rows[100][3] == pytest.approx(10, rel=0.01)
    assert 3 < rows[1000][2] / rows[100][2] < 3.5


def test_the_lesson_quotes_the_counts_the_page_prints(out):
    from conftest import ROOT

    text = " ".join((ROOT / "docs" / "concepts" / "optimizers.md").read_text().split())
    assert "gives 219 steps to $10^{-6}$, where gradient descent needs 6908" in text
    assert "A run at this pair needs more, 315" in text
    assert re.search(r"^ +1000 +219 +315 +315 +6908$", out, re.M)


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
    """The page's measure of one cell, on the reference loop's run on f (gradient
    (w0, 10 w1), the closed form of F's)."""
    xs = numpy_momentum(
        lambda x: np.array([1.0, 10.0]) * x, [1.0, 1.0], lr, beta, 150, nesterov
    )
    size = np.abs(xs)
    return ((size[126:151].max(0) / size[51:76].max(0)) ** (1 / 75)).max()


@pytest.mark.parametrize(
    ("name", "nesterov", "bound"),
    [
        ("heavy ball", False, "0 < lr L < 2(1 + beta)"),
        ("Nesterov", True, "0 < lr L < 2(1 + beta)/(1 + 2 beta)"),
    ],
)
def test_the_region_is_the_theorys(region_rows, name, nesterov, bound):
    theory = np.maximum(
        spectral_radius(LRS, B, F.mu, nesterov), spectral_radius(LRS, B, F.L, nesterov)
    )
    limit = 2 * (1 + B) / (1 + 2 * B) if nesterov else 2 * (1 + B)
    inside = LRS * F.L < limit
    # The inequality is the spectral radius's verdict on every cell...
    assert np.array_equal(inside, theory < 1)
    cells, converge, inside_theory, disagree = region_rows[name]
    assert (cells, inside_theory, disagree) == (4000, inside.sum(), 0)
    assert converge == inside.sum()
    # ...and gdbook's runs give it too: a sample of cells run one by one.
    rng = np.random.default_rng(14)
    for i, j in zip(rng.integers(0, 50, 12), rng.integers(0, 80, 12), strict=True):
        rate = direct_rate(GRID_LRS[j], GRID_BETAS[i], nesterov)
        assert (rate < 1) == inside[i, j]
        if abs(theory[i, j] - 1) > 0.05:
            # Far from the edges of the bands of complex roots the measure is the
            # spectral radius itself.
            assert rate == pytest.approx(theory[i, j], rel=0.05)


def test_the_batched_runs_are_the_direct_ones(region_page):
    label = "batched against direct runs, largest relative difference"
    assert float(printed_values(region_page)[label]) < 1e-12


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


def spectral(h, beta, nesterov):
    return spectral_radius(np.array(h), np.array(beta), 1.0, nesterov)


def test_nesterov_is_the_numpy_loop(nesterov_out):
    values = printed_values(nesterov_out)
    reference = numpy_momentum(F.grad, [10.0, 3.0], 0.1, 0.9, 40, nesterov=True)
    trace = gdbook.gradient_descent(
        F.grad, [10.0, 3.0], steps=40, optimizer=momentum(0.1, 0.9, nesterov=True)
    )
    assert np.array_equal(trace.xs, reference)
    assert numbers(values["gdbook, w after 40 steps"]) == pytest.approx(
        reference[-1], abs=5e-7
    )
    heavy = numpy_momentum(F.grad, [10.0, 3.0], 0.1, 0.9, 40)
    assert float(values["largest |w_1| after step 5, heavy ball"]) == pytest.approx(
        np.abs(heavy[5:, 1]).max(), abs=0.005
    )


def test_the_roots_at_beta_09_are_the_spectral_radius(nesterov_out):
    for h in (0.1, 1.0):
        line = re.search(rf"lr lambda = {h}: heavy ball ([\d.]+), Nesterov ([\d.]+)",
                         nesterov_out)  # fmt: skip
        heavy, nesterov = map(float, line.groups())
        assert heavy == pytest.approx(spectral(h, 0.9, False), abs=5e-4)
        assert nesterov == pytest.approx(spectral(h, 0.9, True), abs=5e-4)


def test_the_heavy_balls_best_pair_makes_nesterov_diverge(nesterov_out):
    values = printed_values(nesterov_out)
    assert numbers(values["heavy ball's best pair"]) == pytest.approx(
        [LR * F.L, BETA], abs=5e-3
    )
    limit = 2 * (1 + BETA) / (1 + 2 * BETA)
    assert float(values["Nesterov's limit for that beta"].split("<")[1]) == (
        pytest.approx(limit, abs=5e-3)
    )
    assert LR * F.L > limit  # 2.31 > 1.65
    root = spectral(LR * F.L, BETA, True)
    assert root > 1
    assert float(values["Nesterov's largest root on the steep axis"]) == (
        pytest.approx(root, abs=5e-4)
    )
    reference = numpy_momentum(F.grad, [10.0, 3.0], LR, BETA, 20, nesterov=True)
    distance = float(values["distance to the minimum after 20 steps"])
    assert distance == pytest.approx(np.linalg.norm(reference[-1]), rel=5e-3)
    assert distance > 1e5


@pytest.mark.parametrize(
    ("name", "settings"),
    [
        ("heavy ball, best pair", "heavy"),
        ("Nesterov, best pair", "lessard"),
        ("Nesterov, usual pair", "usual"),
    ],
)
def test_the_rates_at_kappa_100(nesterov_out, name, settings):
    f = gdbook.quadratic(condition=100)
    root, q = 10.0, np.sqrt(301)
    lr, beta, nesterov, formula = {
        "heavy": (*polyak(f)[:2], False, (root - 1) / (root + 1)),
        "lessard": (4 / (3 * f.L + f.mu), (q - 2) / (q + 2), True, 1 - 2 / q),
        "usual": (1 / f.L, (root - 1) / (root + 1), True, 0.9),
    }[settings]
    line = re.search(rf"^{re.escape(name)} +([\d.]+) +([\d.]+)$", nesterov_out, re.M)
    measured, printed_formula = map(float, line.groups())
    n = int(np.ceil(230 / np.log(1 / formula)))
    reference = numpy_momentum(f.grad, [1.0, 1.0], lr, beta, n, nesterov=nesterov)
    ours = late_rate(reference, n // 2, n)
    assert measured == pytest.approx(ours, abs=5e-5)
    assert printed_formula == pytest.approx(formula, abs=5e-5)
    assert formula < ours < formula * 2 ** (2 / n)
