"""Time a clean build of the site, each example, and a rebuild with nothing changed.

The build runs in a temporary copy of ``docs/`` and ``gallery/``, so the working
tree's own build is left alone and the clean build is really clean.
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
RUNNING_TIME = re.compile(
    r"\*\*Total running time of the script:\*\*\s*\((\d+) minutes ([\d.]+) seconds\)"
)


def sphinx_build(work: Path, jobs: int) -> float:
    """Build the copied site once with warnings as errors; return the seconds."""
    env = {
        **os.environ,
        "MPLBACKEND": "Agg",
        "PYTHONHASHSEED": "0",
    }
    command = [
        sys.executable,
        "-m",
        "sphinx",
        "-W",
        "--keep-going",
        "-q",
        "-j",
        str(jobs),
        "-b",
        "html",
        str(work / "docs"),
        str(work / "docs" / "_build" / "html"),
    ]
    start = time.perf_counter()
    subprocess.run(command, env=env, check=True, cwd=work)
    return time.perf_counter() - start


def example_times(work: Path) -> list[tuple[str, float]]:
    """Each example's own run time, as sphinx-gallery measured it in this build."""
    times = []
    for rst in sorted((work / "docs" / "auto_examples").rglob("plot_*.rst")):
        match = RUNNING_TIME.search(rst.read_text(encoding="utf-8"))
        if match:
            seconds = 60 * int(match.group(1)) + float(match.group(2))
            name = rst.relative_to(work / "docs" / "auto_examples").with_suffix(".py")
            times.append((name.as_posix(), seconds))
    return times


def run(jobs: int | None = None) -> str:
    jobs = jobs or os.cpu_count() or 1
    with tempfile.TemporaryDirectory(prefix="gdbook-bench-") as tmp:
        work = Path(tmp)
        for folder in ("docs", "gallery"):
            shutil.copytree(
                ROOT / folder,
                work / folder,
                ignore=shutil.ignore_patterns("_build", "auto_examples", "gen_modules"),
            )
        clean = sphinx_build(work, jobs)
        per_example = example_times(work)
        rebuild = sphinx_build(work, jobs)

    rows = [["clean build of the site", f"{clean:.1f} s"]]
    rows.append(["rebuild, nothing changed", f"{rebuild:.1f} s"])
    rows += [[f"example {name}", f"{seconds:.2f} s"] for name, seconds in per_example]
    rows.append(["examples, sum", f"{sum(s for _, s in per_example):.1f} s"])
    title = f"Site build with -j {jobs} (examples run in {jobs} processes)"
    return title + "\n\n" + table(["what", "time"], rows)


if __name__ == "__main__":
    print(run())
