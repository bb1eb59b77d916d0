"""The practice pages of chapter 06 (issue 22): every printed claim against a
reference computed here (closed forms, plain Python loops, PyTorch's schedulers)."""

from __future__ import annotations

import math

import numpy as np
import pytest
from conftest import printed_values
from printed_numbers import numbers as numbers_in

WARMUP = "06_optimizers/plot_warmup.py"


# --- Warmup ------------------------------------------------------------------------


def quartic_run(rate, w0=3.0, steps=60):
    """Plain Python gradient descent on L(w) = w²/2 + w⁴/4; the points, stopping
    before the first whose loss overflows (as gdbook's runs do)."""
    ws = [w0]
    for k in range(steps):
        w = ws[-1]
        try:
            nxt = w - rate(k) * (w + w**3)
            finite = math.isfinite(nxt**2 / 2 + nxt**4 / 4)
        except OverflowError:
            finite = False
        if not finite:
            break
        ws.append(nxt)
    return ws


def warmup_rate(k):
    """LinearLR(start_factor=0.01, total_iters=20) on η = 1.5, in closed form."""
    return 1.5 * (0.01 + 0.99 * min(k, 20) / 20)


@pytest.fixture(scope="module")
def warmup_out(run_example):
    return printed_values(run_example(WARMUP))


def test_without_warmup_the_first_step_overshoots_and_the_run_overflows(warmup_out):
    assert float(warmup_out["η L''(w0) at the start, constant 1.5"]) == 1.5 * 28
    assert float(warmup_out["w after the first update, constant 1.5"]) == -42.0
    reference = quartic_run(lambda k: 1.5)
    assert len(reference) - 1 == 4  # the fifth update overflows
    updates = int(warmup_out["updates before the overflow, constant 1.5"])
    assert updates == len(reference) - 1


def test_with_warmup_the_rate_stays_under_the_stability_limit(warmup_out):
    ws = quartic_run(warmup_rate)
    largest = max(warmup_rate(k) * (1 + 3 * w * w) for k, w in enumerate(ws[:-1]))
    assert largest < 2
    assert float(warmup_out["largest η_k L''(w_k), warmup"]) == pytest.approx(
        largest, abs=1e-4
    )


def test_warmup_beats_the_largest_safe_constant_rate(warmup_out):
    def loss(w):
        return w**2 / 2 + w**4 / 4

    warm = loss(quartic_run(warmup_rate)[-1])
    slow = loss(quartic_run(lambda k: 2 / 28)[-1])
    assert float(warmup_out["L after 60 updates, warmup"]) == pytest.approx(
        warm, rel=1e-3
    )
    assert float(warmup_out["L after 60 updates, constant 2/λ(w0)"]) == (
        pytest.approx(slow, rel=1e-3)
    )
    assert float(warmup_out["numpy loop, L after 60 updates"]) == pytest.approx(
        warm, rel=1e-3
    )
    assert warm < 1e-30 < slow


def test_the_warmup_rates_are_pytorchs_linear_lr():
    torch = pytest.importorskip("torch")
    from gdbook.schedules import warmup

    param = torch.zeros(1, requires_grad=True)
    opt = torch.optim.SGD([param], lr=1.5)
    scheduler = torch.optim.lr_scheduler.LinearLR(
        opt, start_factor=0.01, total_iters=20
    )
    schedule = warmup(1.5, steps=20, start_factor=0.01)
    for k in range(30):
        assert schedule(k) == pytest.approx(opt.param_groups[0]["lr"], rel=1e-13)
        assert warmup_rate(k) == pytest.approx(schedule(k), rel=1e-14)
        opt.step()
        scheduler.step()


# --- Weight decay in Adam ----------------------------------------------------------

DECAY = "06_optimizers/plot_weight_decay.py"
A, C, LAMBDA = np.array([10.0, 0.1]), np.array([3.0, 3.0]), 0.5


def numbers(text):
    return np.array([float(v) for v in text.strip("[]").split()])


@pytest.fixture(scope="module")
def decay_out(run_example):
    return printed_values(run_example(DECAY))


def torch_final(decoupled, steps=1500):
    torch = pytest.importorskip("torch")
    param = torch.zeros(2, dtype=torch.float64, requires_grad=True)
    kind = torch.optim.AdamW if decoupled else torch.optim.Adam
    opt = kind([param], lr=0.02, betas=(0.9, 0.99), weight_decay=LAMBDA)
    for _ in range(steps):
        param.grad = torch.from_numpy(A * (param.detach().numpy() - C))
        opt.step()
    return param.detach().numpy().copy()


def test_adam_with_l2_lands_on_the_ridge_minimum(decay_out):
    ridge = A * C / (A + LAMBDA)  # closed form: the minimum of L + λ/2 |w|²
    np.testing.assert_allclose(numbers(decay_out["minimum of L + λ/2 |w|²"]), ridge,
                               atol=1e-6)  # fmt: skip
    np.testing.assert_allclose(numbers(decay_out["Adam L2, w after 1500 updates"]),
                               torch_final(False), atol=1e-6)  # fmt: skip
    assert np.linalg.norm(torch_final(False) - ridge) < 1e-12
    kept = numbers(decay_out["Adam L2, kept fraction w/c"])
    np.testing.assert_allclose(kept, A / (A + LAMBDA), atol=1e-3)
    assert kept[0] > 0.95 and kept[1] < 0.17


def test_adamw_heads_for_the_corner_of_the_box(decay_out):
    final = torch_final(True)
    np.testing.assert_allclose(numbers(decay_out["AdamW, w after 1500 updates"]),
                               final, atol=1e-6)  # fmt: skip
    np.testing.assert_allclose(numbers(decay_out["numpy loop, AdamW w"]), final,
                               atol=1e-6)  # fmt: skip
    distance = np.linalg.norm(final - 1 / LAMBDA)
    assert float(decay_out["AdamW, distance to (2, 2)"]) == pytest.approx(
        distance, rel=0.05
    )
    # closer the longer it runs, and never past the box
    longer = torch_final(True, steps=3000)
    assert np.linalg.norm(longer - 1 / LAMBDA) < distance / 10
    assert np.all(longer <= 1 / LAMBDA + 1e-9)


# --- Gradient clipping on a cliff ---------------------------------------------------

CLIPPING = "06_optimizers/plot_clipping.py"


def cliff_runs(clip):
    """The page's 100 starts run side by side in plain numpy, clipped as torch's
    clip_grad_norm_ when ``clip``: (diverged, updates to |w| < 1e-3, longest step)."""
    w = np.random.default_rng(0).uniform(1.5, 2.5, size=100)
    alive = np.ones(w.size, bool)
    reached = np.full(w.size, -1)
    longest = np.zeros(w.size)
    with np.errstate(all="ignore"):
        for k in range(301):
            newly = alive & (np.abs(w) < 1e-3) & (reached < 0)
            reached[newly] = k
            if k == 300:
                break
            s = 1 / (1 + np.exp(-(w - 1) / 0.01))
            g = w + w**3 + 10 / 0.01 * s * (1 - s)
            if clip:
                g = g * np.minimum(1.0, clip / (np.abs(g) + 1e-6))
            nxt = w - 0.05 * g
            value = nxt**2 / 2 + nxt**4 / 4 + 10 / (1 + np.exp(-(nxt - 1) / 0.01))
            alive &= np.isfinite(value)
            longest = np.where(alive, np.maximum(longest, np.abs(nxt - w)), longest)
            w = np.where(alive, nxt, w)
    return ~alive, reached, longest


@pytest.fixture(scope="module")
def clipping_out(run_example):
    return printed_values(run_example(CLIPPING))


@pytest.mark.parametrize("clip, name", [(None, "not clipped"), (1.0, "clipped")])
def test_the_cliff_counts_match_a_plain_loop(clipping_out, clip, name):
    diverged, reached, _ = cliff_runs(clip)
    ok = reached[~diverged & (reached >= 0)]
    shown = clipping_out[f"{name}, runs that diverged"]
    assert shown.endswith(" of 100")
    assert numbers_in(shown).tolist() == [diverged.sum(), 100]
    assert float(clipping_out[f"{name}, median updates to converge"]) == pytest.approx(
        np.median(ok), abs=0.5
    )
    low, high = np.percentile(ok, [5, 95])
    percentiles = clipping_out[f"{name}, 5th to 95th percentile"]
    assert " to " in percentiles
    assert numbers_in(percentiles) == pytest.approx([low, high], abs=0.5)


def test_clipping_saves_every_run_and_bounds_the_steps(clipping_out):
    diverged, _, _ = cliff_runs(None)
    assert diverged.mean() > 0.3  # a third or more of the unclipped runs are lost
    clipped_diverged, reached, longest = cliff_runs(1.0)
    assert not clipped_diverged.any() and (reached >= 0).all()
    assert longest.max() <= 0.05  # η c
    assert float(clipping_out["clipped, longest step of any run"]) == pytest.approx(
        longest.max(), abs=1e-6
    )
    numpy_w = float(clipping_out["numpy loop, clipped, w after 300 updates"])
    assert numpy_w == pytest.approx(
        float(clipping_out["gdbook, clipped, w after 300 updates"]), rel=1e-3
    )


# --- The linear-scaling rule ------------------------------------------------------

SCALING = "06_optimizers/plot_linear_scaling.py"
SIZES = [1, 2, 5, 10, 20, 40, 60, 70, 75, 80]


def exact_floor(lr, size):
    """E[L - L*] at stationarity of SGD on uniform random batches of ``size``
    distinct beans, from the second-moment recursion written with Kronecker
    products (vec(M D N) = (Nᵀ ⊗ M) vec(D))."""
    import gdbook

    x, y = gdbook.beans(100)
    n = x.size
    design = np.column_stack([x, np.ones(n)])
    best = np.linalg.lstsq(design, y, rcond=None)[0]
    hessians = [2 * np.outer(row, row) for row in design]
    a = sum(hessians) / n
    noise = [2 * (row @ best - t) * row for row, t in zip(design, y, strict=True)]
    f = (n - size) / (size * (n - 1))
    kron_a = np.kron(a, a)
    kron_h = kron_a + f * (sum(np.kron(h, h) for h in hessians) / n - kron_a)
    eye = np.eye(2)
    step = np.eye(4) - lr * (np.kron(eye, a) + np.kron(a, eye)) + lr**2 * kron_h
    if max(abs(np.linalg.eigvals(step))) >= 1:
        return math.inf
    q = lr**2 * f * sum(np.outer(v, v) for v in noise) / n
    d = np.linalg.solve(np.eye(4) - step, q.reshape(-1, order="F"))
    return 0.5 * np.trace(a @ d.reshape(2, 2, order="F"))


@pytest.fixture(scope="module")
def scaling_rows(run_example):
    out = run_example(SCALING)
    rows = {}
    for line in out.splitlines():
        if line.startswith("B = "):
            parts = dict(part.split(": ") for part in line.split(", ")[2:])
            size = int(line.split(",")[0].removeprefix("B = "))
            rows[size] = parts
    return printed_values(out), rows


def test_the_floors_match_the_exact_stationary_value(scaling_rows):
    values, rows = scaling_rows
    assert list(rows) == SIZES
    for size in SIZES[:-1]:
        exact = exact_floor(0.01 * size, size)
        assert float(rows[size]["predicted"]) == pytest.approx(exact, rel=2e-3)
        assert float(rows[size]["median floor"]) == pytest.approx(exact, rel=0.1)
        low, high = (float(v) for v in rows[size]["10-90 %"].split(" to "))
        assert low < exact < high  # the seeds spread around it
    assert exact_floor(0.8, 80) == math.inf
    assert float(rows[80]["median floor"]) > 1e10  # diverged
    assert float(values["λ_max"]) == pytest.approx(2.6461, abs=1e-4)


def test_the_rule_holds_for_small_rates_and_breaks_near_two(scaling_rows):
    _, rows = scaling_rows
    medians = {size: float(rows[size]["median floor"]) for size in SIZES}
    small = [medians[size] for size in SIZES[:5]]
    assert max(small) / min(small) == pytest.approx(1.11, abs=0.01)  # "within 11 %"
    assert min(small) == pytest.approx(4.9e-5, rel=0.02)
    assert medians[70] / min(small) == pytest.approx(4, abs=0.5)
    assert medians[75] / min(small) == pytest.approx(32, abs=2)
    assert 0.01 * 70 * 2.6461 == pytest.approx(1.85, abs=0.01)
    # the exact floors say the same, without seeds
    exact = [exact_floor(0.01 * size, size) for size in SIZES[:5]]
    assert max(exact) / min(exact) < 1.1
    assert exact_floor(0.75, 75) / exact[0] > 25


# --- Momentum under noise -------------------------------------------------------------

MOMENTUM = "06_optimizers/plot_momentum_noise.py"


def first_order_floor(effective, size=10):
    """η_eff tr Σ_B / 4: Σ_B the covariance of a batch gradient at w* (batches of
    ``size`` distinct beans of 100, without replacement)."""
    import gdbook

    x, y = gdbook.beans(100)
    design = np.column_stack([x, np.ones(x.size)])
    best = np.linalg.lstsq(design, y, rcond=None)[0]
    grads = 2 * (design @ best - y)[:, None] * design
    per_sample = np.trace(np.cov(grads.T, bias=True))  # the mean gradient is 0
    return effective * per_sample * (100 - size) / (size * 99) / 4


@pytest.fixture(scope="module")
def momentum_out(run_example):
    out = run_example(MOMENTUM)
    table = {}
    for line in out.splitlines():
        if line.startswith("η/(1-β) = "):
            head, cells = line.split(", median floors for β = 0, 0.5, 0.9: ")
            table[float(head.removeprefix("η/(1-β) = "))] = [
                float(c) for c in cells.split(", ")
            ]
    return printed_values(out), table


def test_the_floor_follows_the_effective_rate(momentum_out):
    values, table = momentum_out
    assert float(values["tr Σ / 4"]) == pytest.approx(first_order_floor(1.0), 1e-3)
    assert sorted(table) == [0.01, 0.03, 0.1, 0.2]
    for effective, floors in table.items():
        predicted = first_order_floor(effective)
        # every β: the first-order floor of its effective rate, to 20 % while
        # η_eff λ_max <= 0.26 (at 0.2 plain SGD's second-order terms add 35 %)
        tolerance = 0.2 if effective <= 0.1 else 0.4
        assert all(f == pytest.approx(predicted, rel=tolerance) for f in floors)
        if effective <= 0.03:  # first order: the three agree to 10 %
            assert max(floors) / min(floors) < 1.1
        # momentum's floor never above plain SGD's at its effective rate
        assert floors[2] <= floors[0]


def test_momentum_at_001_is_as_noisy_as_plain_sgd_at_01(momentum_out):
    values, _ = momentum_out
    heavy = float(values["momentum η = 0.01, β = 0.9, median floor"])
    plain_fast = float(values["plain SGD at η = 0.1, median floor"])
    plain_slow = float(values["plain SGD at η = 0.01, median floor"])
    assert heavy / plain_slow == pytest.approx(10, rel=0.05)
    assert 0.88 <= heavy / plain_fast <= 1  # "within 12 %"


# --- Convex rates -------------------------------------------------------------------

CONVEX = "06_optimizers/plot_convex_rates.py"


def convex_gaps(steps=1000):
    """The gaps of gradient descent (closed form: each coordinate shrinks by
    1 - λ_i per update) and of Nesterov's method (its 2-term recursion per
    coordinate: y_k = x_k + (k-1)/(k+2) (x_k - x_{k-1}), x_{k+1} = (1 - λ) y_k)."""
    lam = np.concatenate([[0.0], np.logspace(-8, 0, 600)])
    k = np.arange(1, steps + 1)
    gd = 0.5 * np.sum(lam[None, :] * (1 - lam[None, :]) ** (2 * k[:, None]), axis=1)
    previous, current = np.ones(lam.size), (1 - lam) * np.ones(lam.size)
    nesterov = [0.5 * np.sum(lam * current**2)]
    for j in range(2, steps + 1):
        y = current + (j - 2) / (j + 1) * (current - previous)  # y_{j-1}
        previous, current = current, (1 - lam) * y
        nesterov.append(0.5 * np.sum(lam * current**2))
    return k, gd, np.array(nesterov), 600.0


@pytest.fixture(scope="module")
def convex_out(run_example):
    return printed_values(run_example(CONVEX))


def test_gradient_descent_closes_the_gap_like_1_over_k(convex_out):
    k, gd, nesterov, r2 = convex_gaps()
    assert float(convex_out["gap after 1000 updates, gradient descent"]) == (
        pytest.approx(gd[-1], rel=1e-3)
    )
    assert float(convex_out["gap after 1000 updates, Nesterov"]) == pytest.approx(
        nesterov[-1], rel=1e-3
    )
    assert np.all(gd <= r2 / (2 * k)) and np.all(nesterov <= 2 * r2 / (k + 1) ** 2)
    fit = slice(9, None)
    slope_gd = np.polyfit(np.log(k[fit]), np.log(gd[fit]), 1)[0]
    slope_nesterov = np.polyfit(np.log(k[fit]), np.log(nesterov[fit]), 1)[0]
    assert float(convex_out["slope, gradient descent"]) == pytest.approx(
        slope_gd, abs=1e-3
    )
    assert float(convex_out["slope, Nesterov"]) == pytest.approx(
        slope_nesterov, abs=1e-3
    )
    assert slope_gd == pytest.approx(-1, abs=0.01)
    assert slope_nesterov == pytest.approx(-2, abs=0.07)
    assert float(convex_out["ratio after 1000 updates"]) == pytest.approx(
        gd[-1] / nesterov[-1], abs=0.5
    )
    assert round(gd[-1] / nesterov[-1]) == 130


def test_the_worst_case_lower_bound_is_close_to_nesterovs_gap(convex_out):
    _, _, nesterov, r2 = convex_gaps()
    lower = 3 * r2 / (32 * 1001**2)
    assert float(convex_out["worst-case lower bound after 1000 updates"]) == (
        pytest.approx(lower, rel=1e-3)
    )
    assert 1 < nesterov[-1] / lower < 1.2  # "close to the gap measured here"


def worst_quadratic(lam_min=0.01, n=200):
    """Nesterov's worst function for first-order methods (his Lectures, 2.1.4):
    A = (L - mu)/4 * tridiag(-1, 2, -1) + mu I, b = (L - mu)/4 e_1, L = 1."""
    main = np.full(n, (1 - lam_min) / 2 + lam_min)
    off = np.full(n - 1, -(1 - lam_min) / 4)
    A = np.diag(main) + np.diag(off, 1) + np.diag(off, -1)
    b = np.zeros(n)
    b[0] = (1 - lam_min) / 4
    return A, b, np.linalg.solve(A, b)


def test_tuned_momentum_lies_on_the_first_order_floor(convex_out):
    """The floor q^k: measured with PyTorch's heavy ball (torch.optim.SGD) tuned to
    kappa = 100, with gradient descent at 2/(mu + L), and with conjugate gradients,
    the best Krylov method for its own norm: none goes below it."""
    torch = pytest.importorskip("torch")
    A, b, x_star = worst_quadratic()
    q, updates = 9 / 11, 100  # (sqrt(100) - 1)/(sqrt(100) + 1)
    floor = q ** np.arange(updates + 1)
    x = torch.zeros(len(b), dtype=torch.float64, requires_grad=True)
    opt = torch.optim.SGD([x], lr=4 / 1.1**2, momentum=q**2)
    At, bt = torch.from_numpy(A), torch.from_numpy(b)
    heavy_ball = [np.linalg.norm(x_star)]
    for _ in range(updates):
        opt.zero_grad()
        x.grad = At @ x.detach() - bt
        opt.step()
        heavy_ball.append(np.linalg.norm(x.detach().numpy() - x_star))
    heavy_ball = np.array(heavy_ball) / np.linalg.norm(x_star)
    xg, descent = np.zeros(len(b)), [1.0]
    for _ in range(updates):
        xg = xg - 2 / 1.01 * (A @ xg - b)
        descent.append(np.linalg.norm(xg - x_star) / np.linalg.norm(x_star))
    xc, r = np.zeros(len(b)), b.copy()
    p, cg = r.copy(), [1.0]
    for _ in range(updates):
        Ap = A @ p
        a = (r @ r) / (p @ Ap)
        xc, r_next = xc + a * p, r - a * Ap
        p, r = r_next + (r_next @ r_next) / (r @ r) * p, r_next
        cg.append(np.linalg.norm(xc - x_star) / np.linalg.norm(x_star))
    assert np.all(np.array(cg) >= floor * (1 - 1e-9))
    assert np.all(np.array(descent) >= floor) and descent[-1] > 1e6 * floor[-1]
    assert np.allclose(heavy_ball / floor, 1, rtol=1e-6)  # "lies on it"
    assert float(convex_out["q"]) == pytest.approx(q, abs=5e-5)
    assert float(convex_out["the floor after 100 updates"]) == pytest.approx(
        q**100, rel=5e-3
    )
    assert float(convex_out["gradient descent, best fixed rate"]) == pytest.approx(
        descent[-1], rel=1e-2
    )
    assert float(convex_out["tuned momentum"]) == pytest.approx(
        heavy_ball[-1], rel=1e-2
    )
    low, high = numbers_in(convex_out["tuned momentum over the floor, every k"])
    assert low == pytest.approx(np.min(heavy_ball / floor), abs=2e-6)
    assert high == pytest.approx(np.max(heavy_ball / floor), abs=2e-6)


# --- The exercises of these pages ---------------------------------------------------


def test_the_practice_exercises_against_torch_and_gdbook():
    torch = pytest.importorskip("torch")
    from gdbook import exercises, gradient_descent
    from gdbook.optimizers import adamw
    from gdbook.schedules import warmup

    param = torch.tensor([2.0], dtype=torch.float64, requires_grad=True)
    opt = torch.optim.AdamW([param], lr=0.01, weight_decay=0.1)
    param.grad = torch.tensor([0.5], dtype=torch.float64)
    opt.step()
    assert exercises.check("adamw_first_step", param.item())
    mine = adamw(0.01, weight_decay=0.1)
    step, _ = mine.update(np.array([0.5]), mine.init(np.array([2.0])))
    assert exercises.check("adamw_first_step", 2.0 + step.item())

    opt = torch.optim.SGD([param], lr=0.1)
    scheduler = torch.optim.lr_scheduler.LinearLR(opt, start_factor=0.1, total_iters=10)
    for _ in range(4):
        opt.step()
        scheduler.step()
    assert exercises.check("warmup_rate", opt.param_groups[0]["lr"])
    assert exercises.check("warmup_rate", warmup(0.1, steps=10, start_factor=0.1)(4))

    grad = torch.tensor([30.0, 40.0], dtype=torch.float64)
    clipped = torch.zeros(2, dtype=torch.float64, requires_grad=True)
    clipped.grad = grad.clone()
    torch.nn.utils.clip_grad_norm_([clipped], 5.0)
    assert exercises.check("clipped_step", 0.1 * clipped.grad.norm().item())
    run = gradient_descent(
        lambda w: np.array([30.0, 40.0]), [0.0, 0.0], lr=0.1, steps=1, clip_norm=5.0
    )
    assert exercises.check("clipped_step", float(np.linalg.norm(run.xs[1])))

    # first-order floors: η tr Σ_B / 4 with tr Σ_B ∝ (n - B) / (B (n - 1)) ≈ 1/B
    assert exercises.check("linear_scaling_rate", 0.01 / 4 * 64)
    assert first_order_floor(0.16, 64) / first_order_floor(0.01, 4) == pytest.approx(
        (100 - 64) / 99 / ((100 - 4) / 99), rel=1e-12
    )  # the rule is first order in 1/B; the finite-n factor is n's, not η's
    assert exercises.check("momentum_effective_rate", 0.02 / (1 - 0.95))
