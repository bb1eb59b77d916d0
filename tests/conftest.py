"""Shared fixtures: running gallery scripts as a reader would, headless."""

from __future__ import annotations

import os
import subprocess
import sys
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
GALLERY = ROOT / "gallery"

# The built-site tests' fixtures (site, server, browser...), one instance each for the
# whole run. They live in tests/site/sitefixtures.py rather than a conftest.py there,
# which would be imported as `conftest` too and shadow this module.
sys.path.insert(0, str(ROOT / "tests" / "site"))
pytest_plugins = ["sitefixtures"]


@cache
def _run_script(relative: str) -> subprocess.CompletedProcess:
    """Run one gallery script in a fresh interpreter, from its own folder."""
    script = GALLERY / relative
    env = {**os.environ, "MPLBACKEND": "Agg", "PYTHONHASHSEED": "0"}
    return subprocess.run(
        [sys.executable, script.name],
        cwd=script.parent,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.fixture(scope="session")
def run_example():
    """Return a function that runs a gallery script once and returns its stdout.

    Scripts run as a reader runs a downloaded example: ``python plot_x.py`` in a new
    process with a non-interactive backend. A script that fails fails the test that
    asked for it, with its stderr.
    """

    def run(relative: str) -> str:
        result = _run_script(relative)
        if result.returncode != 0:
            pytest.fail(
                f"gallery/{relative} exited with {result.returncode}:\n{result.stderr}"
            )
        return result.stdout

    return run


def gallery_scripts() -> list[str]:
    """Every gallery script, relative to gallery/."""
    return sorted(p.relative_to(GALLERY).as_posix() for p in GALLERY.rglob("plot_*.py"))
