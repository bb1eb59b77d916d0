"""Shared fixtures: running gallery scripts as a reader would, headless."""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

try:
    import fcntl
except ImportError:  # Windows: each worker process computes its own
    fcntl = None

import pytest
from gallery_runner import ForkServer
from hypothesis import settings

# No time limit on a Hypothesis example (its default is 200 ms of wall time): the
# machines that run the tests are shared, and an example slowed down by other work
# is not a failure. (Each property test of the suite used to say so itself.)
settings.register_profile("gdbook", deadline=None)
settings.load_profile("gdbook")

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


# Modules whose tests share work that one process does once: the environment outside
# the repository and the run of every download (test_outside.py), the example pages
# measured at three widths (test_layout.py), the pages' runs redone through gdbook
# or PyTorch by a module fixture (the race's grid, the schedules' stacked runs, the
# adaptive optimizers' PyTorch runs: a second or two each), and the modules whose
# tests all read one PyTorch reference made in a new interpreter (test_optimizers,
# test_practice_torch: seconds, which the other worker would spend waiting for
# run_cache's lock, their first tests reaching both workers at once). Under
# pytest-xdist (``-n 2``, as nox runs the tests) each runs whole in one worker
# process (pytest_xdist_make_scheduler, below), while the other tests are handed out
# one by one. (Work that tests of several modules share goes through ``run_cache``
# instead, such as each page's one visit in the browser, sitecheck.visit_page.)
ONE_PROCESS = (
    SITE_TESTS / "test_outside.py",
    ROOT / "tests" / "test_layout.py",
    ROOT / "tests" / "test_gallery_optimizers_race.py",
    ROOT / "tests" / "test_gallery_optimizers_schedules.py",
    ROOT / "tests" / "test_gallery_optimizers_adaptive.py",
    ROOT / "tests" / "test_optimizers.py",
    ROOT / "tests" / "test_practice_torch.py",
)


# Modules with tests of several seconds each (building wheels, installing from an
# index): run first, so that under pytest-xdist the many short tests even the two
# workers out at the end, rather than one worker finishing such a test alone.
START_FIRST = (
    ROOT / "tests" / "test_site_extensions.py",
    ROOT / "tests" / "test_packaging.py",
)


def pytest_collection_modifyitems(config, items):
    """Mark ``site`` every test that needs the built site, so that the fast loop
    (``nox -s fast``: ``pytest -m "not site"``) can leave them out: the tests in
    tests/site/, those that take a fixture of the built site, and those that read a
    path under docs/_build. Then put the START_FIRST modules first (each module's
    tests stay together and in their order)."""
    for item in items:
        if (
            item.path.is_relative_to(SITE_TESTS)
            or _uses_a_site_fixture(item)
            or _reads_the_built_site(item)
        ):
            item.add_marker(pytest.mark.site)
    items.sort(key=lambda item: item.path not in START_FIRST)  # a stable sort


def pytest_xdist_make_scheduler(config, log):
    """pytest-xdist's ``load`` distribution (the default of ``-n``), except that
    the tests of each ONE_PROCESS module go to one worker together.

    (Its ``loadgroup`` distribution does that for tests marked ``xdist_group``, but
    pytest-xdist 3.8 names the groups in a way that pytest 9.2 ignores.)
    """
    if config.getvalue("dist") != "load":
        return None
    from xdist.scheduler import LoadScopeScheduling

    modules = {
        path.relative_to(config.rootpath).as_posix()
        for path in ONE_PROCESS
        if path.is_relative_to(config.rootpath)
    }

    class OneProcessModules(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            module = nodeid.split("::", 1)[0]
            return module if module in modules else nodeid

    return OneProcessModules(config, log)


class RunCache:
    """Values computed once per test run and shared by pytest-xdist's workers.

    ``nox -s fast`` runs the tests in two processes; a gallery script or a PyTorch
    reference that tests in both ask for would otherwise be computed twice. The
    first worker to ask computes the value under a file lock in the run's temporary
    folder (common to the workers, new for every run) and pickles it; the other
    reads it. A computation that fails or skips stores nothing: the next worker to
    ask computes it again, and fails or skips the same way.
    """

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self._values: dict[str, Any] = {}

    def get(self, key: str, compute: Callable[[], Any]) -> Any:
        if key not in self._values:
            self._values[key] = self._shared(key, compute)
        return self._values[key]

    def _shared(self, key: str, compute: Callable[[], Any]) -> Any:
        if self.folder is None or fcntl is None:
            return compute()
        name = hashlib.sha256(key.encode()).hexdigest()[:32]
        stored = self.folder / f"{name}.pickle"
        with open(self.folder / f"{name}.lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
            if stored.exists():
                return pickle.loads(stored.read_bytes())
            value = compute()
            partial = stored.with_suffix(".partial")
            partial.write_bytes(pickle.dumps(value))
            partial.replace(stored)
            return value


@pytest.fixture(scope="session")
def torch():
    """PyTorch, the reference of the optimizers' tests: skipped without it on a
    developer's machine, a failure in CI."""
    from sitecheck import in_ci

    try:
        import torch
    except ImportError:
        reason = (
            "PyTorch is not installed; it is the reference of the optimizers' tests: "
            "pip install torch (a CPU wheel is enough), or run `nox -s fast`"
        )
        if in_ci():
            pytest.fail(f"{reason} (CI=true: these tests may not be skipped)")
        pytest.skip(reason)
    return torch


@pytest.fixture(scope="session")
def run_cache(tmp_path_factory) -> RunCache:
    """The run's :class:`RunCache` (shared by the workers under pytest-xdist)."""
    if not os.environ.get("PYTEST_XDIST_WORKER"):
        return RunCache(None)  # one process: its memory is the cache
    # Each worker's base temporary folder is inside the run's own.
    folder = tmp_path_factory.getbasetemp().parent / "run-cache"
    folder.mkdir(exist_ok=True)
    return RunCache(folder)


@pytest.fixture(scope="session")
def script_server():
    """This process's :class:`gallery_runner.ForkServer` (one per pytest-xdist
    worker): gallery scripts run in processes forked from one that has imported
    numpy, matplotlib and gdbook, instead of each paying the imports again."""
    with ForkServer() as server:
        yield server


@pytest.fixture(scope="session")
def run_example(run_cache, script_server):
    """Return a function that runs a gallery script once and returns its stdout.

    Scripts run as a reader runs a downloaded example, ``python plot_x.py`` from
    its folder with a non-interactive backend, in a process of their own (forked
    from one that has done the imports: tests/gallery_runner.py), once per test run
    (whichever worker asks first runs it). A script that fails, or writes anything
    to stderr (a warning, say), fails the test that asked for it, with its stderr.
    """

    def run(relative: str) -> str:
        result = run_cache.get(
            f"gallery/{relative}", lambda: script_server.run(GALLERY / relative)
        )
        if result.returncode != 0:
            pytest.fail(
                f"gallery/{relative} exited with {result.returncode}:\n{result.stderr}"
            )
        if result.stderr:
            pytest.fail(f"gallery/{relative} wrote to stderr:\n{result.stderr}")
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
