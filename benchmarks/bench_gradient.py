"""numerical_gradient: gdbook's loop, its batched path, and the book's loop."""

from __future__ import annotations

import functools
import sys
from pathlib import Path

import numpy as np
from timing import best_time, format_seconds, table

import gdbook

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
import book  # the sources' own code, kept as the reference

SIZES = (10, 100, 1000, 10000)


def book_on_a_copy(f, x):
    """The book's loop mutates its input while it works: hand it a copy."""
    return book.numerical_gradient(f, x.copy())


def run() -> str:
    rng = np.random.default_rng(0)
    rows = []
    for n in SIZES:
        x = rng.normal(size=n)

        def single(v):
            return float(np.sum(v**2))

        def stack(V):
            return np.sum(V**2, axis=-1)

        loop = gdbook.numerical_gradient(single, x)
        batched = gdbook.numerical_gradient(stack, x, batched=True)
        reference = book.numerical_gradient(single, x.copy())
        identical = np.array_equal(loop, batched) and np.array_equal(loop, reference)

        repeat = 3 if n >= 1000 else 5
        t_book = best_time(functools.partial(book_on_a_copy, single, x), repeat=repeat)
        t_loop = best_time(
            functools.partial(gdbook.numerical_gradient, single, x), repeat=repeat
        )
        t_batch = best_time(
            functools.partial(gdbook.numerical_gradient, stack, x, batched=True),
            repeat=repeat,
        )
        rows.append(
            [
                str(n),
                format_seconds(t_book),
                format_seconds(t_loop),
                format_seconds(t_batch),
                f"{t_loop / t_batch:.1f}x",
                "yes" if identical else "NO",
            ]
        )
    headers = [
        "parameters",
        "book's loop",
        "gdbook loop",
        "gdbook batched",
        "batched speed-up",
        "identical",
    ]
    return "numerical_gradient of sum(x**2)\n\n" + table(headers, rows)


if __name__ == "__main__":
    print(run())
