"""The practice pages of chapter 06 (issue 22): every printed claim against a
reference computed here (closed forms, plain Python loops, PyTorch's schedulers)."""

from __future__ import annotations

import math

import pytest
from conftest import printed_values

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
