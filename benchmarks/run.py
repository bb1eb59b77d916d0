"""Print gdbook's benchmark tables: ``nox -s bench`` (or ``python benchmarks/run.py``).

Sections can be chosen by name: ``nox -s bench -- gradient least_squares loop``.
Figures are printed, never asserted: speed is measured here, not in unit tests that
would flake on a busy machine.
"""

from __future__ import annotations

import platform
import sys

import numpy as np

SECTIONS = ("build", "gradient", "house", "least_squares", "loop")


def main(argv: list[str]) -> int:
    chosen = [a for a in argv if not a.startswith("-")] or list(SECTIONS)
    unknown = sorted(set(chosen) - set(SECTIONS))
    if unknown:
        print(f"unknown section(s) {unknown}; choose from {SECTIONS}", file=sys.stderr)
        return 2
    print(
        f"gdbook benchmarks: Python {platform.python_version()}, "
        f"numpy {np.__version__}, {platform.machine()}\n"
    )
    for name in chosen:
        module = __import__(f"bench_{name}")
        print(module.run(), end="\n\n", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
