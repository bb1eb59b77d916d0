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
BUILT = ROOT / "docs" / "_build"
SITE_TESTS = ROOT / "tests" / "site"
# Fixtures that hand a test the built site, or something serving or showing it.
SITE_FIXTURES = {"site", "server", "root_server", "browser", "context"}

# The built-site tests' fixtures (site, server, browser...), one instance each for the
# whole run. They live in tests/site/sitefixtures.py rather than a conftest.py there,
# which would be imported as `conftest` too and shadow this module.
sys.path.insert(0, str(ROOT / "tests" / "site"))
pytest_plugins = ["sitefixtures"]


def _uses_a_site_fixture(item: pytest.Item) -> bool:
    """Whether a test takes one of tests/site/sitefixtures.py's fixtures (a test
    module may define its own fixture of the same name, on a site it makes)."""
    definitions = getattr(item, "_fixtureinfo", None)
    definitions = definitions.name2fixturedefs if definitions else {}
    return any(
        definitions.get(name)
        and definitions[name][-1].func.__module__ == "sitefixtures"
        for name in SITE_FIXTURES.intersection(getattr(item, "fixturenames", ()))
    )


def _reads_the_built_site(item: pytest.Item) -> bool:
    """Whether a test function uses a module-level path inside docs/_build."""
    function = getattr(item, "function", None)
    if function is None:
        return False
    names = function.__code__.co_names
    return any(
        isinstance(value := function.__globals__.get(name), Path)
        and value.is_relative_to(BUILT)
        for name in names
    )


def pytest_collection_modifyitems(config, items):
    """Mark ``site`` every test that needs the built site, so that the fast loop
    (``nox -s fast``: ``pytest -m "not site"``) can leave them out: the tests in
    tests/site/, those that take a fixture of the built site, and those that read a
    path under docs/_build."""
    for item in items:
        if (
            item.path.is_relative_to(SITE_TESTS)
            or _uses_a_site_fixture(item)
            or _reads_the_built_site(item)
        ):
            item.add_marker(pytest.mark.site)


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


def printed_values(out: str) -> dict[str, str]:
    """The labelled values a page prints, ``{label: value}``, read from its stdout.

    Pages print their key numbers as ``label: value`` lines; tests look values up by
    label, so that a print added or moved on a page breaks no test. A label printed
    more than once (the rows of a table such as ``Epoch: ...``) is left out: read
    such tables whole.

    >>> out = "x after 50 steps: 7.1e-05\\nplain text\\nloss: 0.5\\nEpoch: 1\\nEpoch: 2"
    >>> printed_values(out)
    {'x after 50 steps': '7.1e-05', 'loss': '0.5'}
    """
    values: dict[str, str] = {}
    repeated: set[str] = set()
    for line in out.splitlines():
        label, sep, value = line.partition(": ")
        if not sep or not label.strip() or label != label.strip():
            continue
        if label in values:
            repeated.add(label)
        values[label] = value
    return {label: v for label, v in values.items() if label not in repeated}
