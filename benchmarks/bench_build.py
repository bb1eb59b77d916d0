"""Time a clean build of the site, each example, and a rebuild with nothing changed.

The build runs in a temporary copy of the files git tracks, so the working tree's
own build is left alone and the clean build is really clean.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from timing import table

ROOT = Path(__file__).resolve().parents[1]
#: Budgets, printed next to the figures (speed is measured here, never asserted in a
#: unit test): a clean build of the whole site, and each page of the chapters that go
#: beyond the sources, which a reader is invited to re-run and tweak.
CLEAN_BUILD_BUDGET = 60.0
PAGE_BUDGET = 2.0
PAGE_BUDGET_CHAPTERS = (
    "06_optimizers/",
    "02_gradient_descent/plot_explore_",  # the explorables, in their chapters
    "03_fitting_lines/plot_explore_",
)
# sphinx-gallery's "computation time summary" in the build log (the pages themselves
# carry no timings, so that builds are reproducible).
EXAMPLE_TIME = re.compile(r"^\s+- \S*?gallery/(\S+\.py):\s+([\d.]+) sec", re.MULTILINE)


def sphinx_build(work: Path, jobs: int) -> tuple[float, str]:
    """Build the copied site once with warnings as errors; return seconds and log."""
    env = {
        **os.environ,
        "MPLBACKEND": "Agg",
        "PYTHONHASHSEED": "0",
        "GDBOOK_REPORT_TIMES": "1",  # the build log lists each example's time
    }
    command = [
        sys.executable,
        "-m",
        "sphinx",
        "-W",
        "--keep-going",
        "-j",
        str(jobs),
        "-b",
        "html",
        str(work / "docs"),
        str(work / "docs" / "_build" / "html"),
    ]
    start = time.perf_counter()
    result = subprocess.run(
        command, env=env, check=True, cwd=work, capture_output=True, text=True
    )
    return time.perf_counter() - start, result.stdout


def example_times(log: str) -> list[tuple[str, float]]:
    """Each example's own run time, as sphinx-gallery measured it in the build."""
    return sorted(
        ((name, float(seconds)) for name, seconds in EXAMPLE_TIME.findall(log)),
        key=lambda item: -item[1],
    )


def run(jobs: int | None = None) -> str:
    jobs = jobs or os.cpu_count() or 1
    with tempfile.TemporaryDirectory(prefix="gdbook-bench-") as tmp:
        work = Path(tmp)
        # Every file git tracks, as a clean clone has them: the site reads more
        # than docs/ and gallery/ (the changelog, pyproject's URLs, the package
        # sources its wheel is built from).
        tracked = (
            subprocess.run(
                ["git", "ls-files", "-z"], cwd=ROOT, check=True, capture_output=True
            )
            .stdout.decode()
            .split("\0")
        )
        for name in filter(None, tracked):
            (work / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, work / name)
        clean, log = sphinx_build(work, jobs)
        per_example = example_times(log)
        rebuild, _ = sphinx_build(work, jobs)

    rows = [
        [
            "clean build of the site",
            f"{clean:.1f} s",
            verdict(clean, CLEAN_BUILD_BUDGET),
        ]
    ]
    rows.append(["rebuild, nothing changed", f"{rebuild:.1f} s", ""])
    for name, seconds in per_example:
        budgeted = name.startswith(PAGE_BUDGET_CHAPTERS)
        mark = verdict(seconds, PAGE_BUDGET) if budgeted else ""
        rows.append([f"example {name}", f"{seconds:.2f} s", mark])
    rows.append(["examples, sum", f"{sum(s for _, s in per_example):.1f} s", ""])
    title = f"Site build with -j {jobs} (examples run in {jobs} processes)"
    return title + "\n\n" + table(["what", "time", "budget"], rows)


def verdict(seconds: float, budget: float) -> str:
    """Whether a time is within its budget, with the budget, for the table."""
    return f"{'within' if seconds <= budget else 'OVER'} {budget:g} s"


if __name__ == "__main__":
    print(run())
