"""Time a clean build of the site, each example, and a rebuild with nothing changed.

The build runs in a temporary copy of the files git tracks, so the working tree's
own build is left alone and the clean build is really clean.
"""

from __future__ import annotations

import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from timing import table

ROOT = Path(__file__).resolve().parents[1]
#: Budgets, printed next to the figures (speed is measured here, never asserted in a
#: unit test): a clean build of the English site (every example run: issue 24's
#: half a minute) and of both languages (the project's minute, issue 23), and each
#: page of the chapters that go beyond the sources, which a reader is invited to
#: re-run and tweak.
CLEAN_BUILD_BUDGET = 30.0
BOTH_LANGUAGES_BUDGET = 60.0
PAGE_BUDGET = 2.0
#: No page with an animation may take more than this many times the median
#: example (each animation is rendered once, blitted: docs/_ext/gdbook_video.py).
ANIMATION_BUDGET = 5.0
PAGE_BUDGET_CHAPTERS = (
    "06_optimizers/",
    "02_gradient_descent/plot_explore_",  # the explorables, in their chapters
    "03_fitting_lines/plot_explore_",
)
# sphinx-gallery's "computation time summary" in the build log (the pages themselves
# carry no timings, so that builds are reproducible).
EXAMPLE_TIME = re.compile(r"^\s+- \S*?gallery/(\S+\.py):\s+([\d.]+) sec", re.MULTILINE)


def children_cpu_seconds() -> float:
    """User and system time of the finished child processes so far."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


#: The site's languages, in the order `nox -s docs` builds them (noxfile.py): the
#: Chinese site reuses the gallery the English build executed.
LANGUAGES = ("en", "zh_CN")


def sphinx_build(work: Path, jobs: int) -> tuple[float, str, float]:
    """Build the copied site once, both languages, with warnings as errors; return
    the seconds, the English build's log, and the seconds of the other languages."""
    env = {
        **os.environ,
        "MPLBACKEND": "Agg",
        "PYTHONHASHSEED": "0",
        "GDBOOK_REPORT_TIMES": "1",  # the build log lists each example's time
        # Each video's frames and rendering time (docs/_ext/gdbook_video.py).
        "GDBOOK_ANIMATION_TIMES": str(work / "animation-times.tsv"),
    }
    site = work / "docs" / "_build" / "html"
    seconds, logs = [], []
    for language in LANGUAGES:
        first = language == LANGUAGES[0]
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
            "-d",
            str(site.parent / ("doctrees" if first else f"doctrees-{language}")),
            "-D",
            f"language={language}",
            str(work / "docs"),
            str(site if first else site / language),
        ]
        start = time.perf_counter()
        result = subprocess.run(
            command, env=env, check=True, cwd=work, capture_output=True, text=True
        )
        seconds.append(time.perf_counter() - start)
        logs.append(result.stdout)
    return sum(seconds), logs[0], sum(seconds[1:])


def example_times(log: str) -> list[tuple[str, float]]:
    """Each example's own run time, as sphinx-gallery measured it in the build."""
    return sorted(
        ((name, float(seconds)) for name, seconds in EXAMPLE_TIME.findall(log)),
        key=lambda item: -item[1],
    )


def animation_times(report: Path) -> list[tuple[str, int, float]]:
    """Each video of the build: its name, its number of frames, its seconds."""
    if not report.is_file():
        return []
    rows = []
    for line in report.read_text("utf-8").splitlines():
        name, frames, seconds = line.split("\t")
        rows.append((name, int(frames), float(seconds)))
    return sorted(rows)


def page_of(video: str) -> str:
    """The example a video comes from: sphx_glr_plot_x_002.mp4 -> plot_x.

    >>> page_of("sphx_glr_plot_bowl_descent_3d_004.mp4")
    'plot_bowl_descent_3d'
    """
    return re.sub(r"^sphx_glr_|_\d+\.mp4$", "", video)


def animation_rows(
    per_example: list[tuple[str, float]], videos: list[tuple[str, int, float]]
) -> list[list[str]]:
    """The median example, then each video's time per frame and its page's time,
    as a multiple of the median example."""
    if not per_example:
        return []
    median = statistics.median(seconds for _, seconds in per_example)
    rows = [["median example", f"{median:.2f} s", ""]]
    for name, frames, seconds in videos:
        rows.append(
            [
                f"animation {name}: {frames} frames, a frame",
                f"{seconds / frames * 1000:.1f} ms ({seconds:.2f} s in all)",
                "",
            ]
        )
    for page in sorted({page_of(name) for name, _, _ in videos}):
        seconds = next((s for n, s in per_example if Path(n).stem == page), None)
        if seconds is None:
            continue
        ratio = seconds / median if median else float("inf")
        mark = f"{'within' if ratio <= ANIMATION_BUDGET else 'OVER'} "
        rows.append(
            [
                f"example {page} / median example",
                f"{ratio:.1f} ×",
                mark + f"{ANIMATION_BUDGET:g} ×",
            ]
        )
    return rows


def load() -> str:
    """The machine's load: its 1-minute average and how many cores share it."""
    try:
        one_minute = os.getloadavg()[0]
    except OSError:
        return "unknown"
    return f"{one_minute:.1f} on {os.cpu_count()} cores"


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
        load_before = load()
        cpu_before = children_cpu_seconds()
        clean, log, translated = sphinx_build(work, jobs)
        # CPU time does not grow when other work shares the cores, as wall time
        # does: spread over the cores, it is what the build would take idle, at best.
        cpu = children_cpu_seconds() - cpu_before
        load_after = load()
        per_example = example_times(log)
        videos = animation_times(work / "animation-times.tsv")
        rebuild, _, _ = sphinx_build(work, jobs)

    rows = [
        [
            "clean build of the site (English and Chinese)",
            f"{clean:.1f} s",
            verdict(clean, BOTH_LANGUAGES_BUDGET),
        ],
        [
            "  of which the English site (every example run)",
            f"{clean - translated:.1f} s",
            verdict(clean - translated, CLEAN_BUILD_BUDGET),
        ],
        ["  of which the Chinese site (gallery reused)", f"{translated:.1f} s", ""],
    ]
    rows.append(
        [
            f"clean build, CPU time / {jobs} cores (its wall time if idle, at best)",
            f"{cpu / jobs:.1f} s ({cpu:.1f} s of CPU)",
            verdict(cpu / jobs, BOTH_LANGUAGES_BUDGET),
        ]
    )
    rows.append(["rebuild, nothing changed", f"{rebuild:.1f} s", ""])
    for name, seconds in per_example:
        budgeted = name.startswith(PAGE_BUDGET_CHAPTERS)
        mark = verdict(seconds, PAGE_BUDGET) if budgeted else ""
        rows.append([f"example {name}", f"{seconds:.2f} s", mark])
    rows.append(["examples, sum", f"{sum(s for _, s in per_example):.1f} s", ""])
    rows += animation_rows(per_example, videos)
    title = (
        f"Site build with -j {jobs} (examples run in {jobs} processes); machine "
        f"load {load_before} before the clean build, {load_after} after it "
        "(the budgets are for an idle machine)"
    )
    return title + "\n\n" + table(["what", "time", "budget"], rows)


def verdict(seconds: float, budget: float) -> str:
    """Whether a time is within its budget, with the budget, for the table."""
    return f"{'within' if seconds <= budget else 'OVER'} {budget:g} s"


if __name__ == "__main__":
    print(run())
