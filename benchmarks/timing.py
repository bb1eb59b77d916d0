"""Small timing utilities shared by the benchmarks (not by gdbook or its tests)."""

from __future__ import annotations

import time
from collections.abc import Callable


def best_time(
    func: Callable[[], object], *, repeat: int = 5, min_time: float = 0.05
) -> float:
    """Best time of one call of ``func``, in seconds.

    ``func`` is called in loops long enough (at least ``min_time``) for the clock to
    be precise, ``repeat`` times; the best loop is kept, as ``timeit`` does, since
    the slower ones measure what else the machine was doing.
    """
    number = 1
    while True:
        start = time.perf_counter()
        for _ in range(number):
            func()
        elapsed = time.perf_counter() - start
        if elapsed >= min_time or number >= 1_000_000:
            break
        number *= 10
    best = elapsed / number
    for _ in range(repeat - 1):
        start = time.perf_counter()
        for _ in range(number):
            func()
        best = min(best, (time.perf_counter() - start) / number)
    return best


def format_seconds(seconds: float) -> str:
    """A duration with a unit that keeps three significant digits."""
    for unit, scale in (("s", 1.0), ("ms", 1e-3), ("µs", 1e-6)):
        if seconds >= scale:
            return f"{seconds / scale:.3g} {unit}"
    return f"{seconds / 1e-9:.3g} ns"


def table(headers: list[str], rows: list[list[str]]) -> str:
    """A Markdown table, so the output can be pasted into the README."""
    widths = [
        max(len(str(c)) for c in column) for column in zip(headers, *rows, strict=True)
    ]
    lines = [
        "| "
        + " | ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True))
        + " |",
        "|" + "|".join("-" * (w + 2) for w in widths) + "|",
    ]
    lines += [
        "| "
        + " | ".join(str(c).ljust(w) for c, w in zip(row, widths, strict=True))
        + " |"
        for row in rows
    ]
    return "\n".join(lines)
