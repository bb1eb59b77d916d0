"""The tooling agrees with itself: one ruff, one lock, the same Pythons everywhere.

requirements/lock.txt is what every nox session installs with (``nox -s lock``
makes it from pyproject.toml and requirements/torch.in, one universal resolution
for every supported Python, a marker on each line that holds for some Pythons
only); these tests fail when pyproject.toml asks for something the lock does not
satisfy on one of them (refresh the lock), or when the pre-commit hook, CI or a
hosted build drifts from it.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from packaging.markers import Marker
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parents[1]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
LOCK_LINE = re.compile(r"^([A-Za-z0-9._-]+)==([^\s;]+)(?:\s*;\s*(.+))?$", re.MULTILINE)
#: The Pythons pyproject.toml says gdbook runs on (its classifiers).
PYTHONS = [
    c.rsplit(" :: ", 1)[1]
    for c in PYPROJECT["project"]["classifiers"]
    if re.fullmatch(r"Programming Language :: Python :: 3\.\d+", c)
]
SITE_PYTHON = PYTHONS[-1]


def _environment(python: str) -> dict[str, str]:
    """The marker environment of CPython ``python`` on Linux x86-64 (CI's)."""
    return {
        "python_version": python,
        "python_full_version": f"{python}.0",
        "implementation_name": "cpython",
        "platform_python_implementation": "CPython",
        "sys_platform": "linux",
        "platform_system": "Linux",
        "platform_machine": "x86_64",
        "os_name": "posix",
    }


def _lock(python: str = PYTHONS[0], name: str = "lock.txt") -> dict[str, Version]:
    """The versions the lock installs on ``python``: one per package, or an error."""
    text = (ROOT / "requirements" / name).read_text("utf-8")
    found: dict[str, Version] = {}
    for package, version, marker in LOCK_LINE.findall(text):
        if marker and not Marker(marker).evaluate(_environment(python)):
            continue
        key = canonicalize_name(package)
        assert key not in found, f"{package} is locked twice for Python {python}"
        found[key] = Version(version)
    return found


def _requirements() -> list[Requirement]:
    """What gdbook needs, its extra and every dependency group (PEP 735)."""
    project = PYPROJECT["project"]
    found = [Requirement(r) for r in project["dependencies"]]
    for extra in project["optional-dependencies"].values():
        found += [Requirement(r) for r in extra]
    for group in PYPROJECT["dependency-groups"].values():
        found += [Requirement(r) for r in group if isinstance(r, str)]
    return [r for r in found if canonicalize_name(r.name) != "gdbook"]


@pytest.mark.parametrize("python", PYTHONS)
@pytest.mark.parametrize("requirement", _requirements(), ids=str)
def test_the_lock_satisfies_pyproject_on_every_python(requirement, python):
    locked = _lock(python).get(canonicalize_name(requirement.name))
    assert locked is not None, (
        f"{requirement.name} is not locked for Python {python}: run `nox -s lock`"
    )
    assert requirement.specifier.contains(locked, prereleases=True), (
        f"{requirement} but the lock has {locked} for Python {python}: "
        "run `nox -s lock`"
    )


def test_the_lock_holds_the_newest_versions_each_python_can_have():
    """Not the oldest Python's everywhere: the site's Python gets newer Sphinx and
    numpy, which need 3.12 or later (a resolution for 3.11 alone would hold them
    back)."""
    oldest, newest = _lock(PYTHONS[0]), _lock(SITE_PYTHON)
    assert newest["sphinx"] > oldest["sphinx"]
    assert newest["numpy"] > oldest["numpy"]


def test_the_pythons_agree_with_requires_python_and_the_sessions():
    """requires-python admits every Python the tests run on and starts at the
    oldest; the sessions of noxfile.py run on those Pythons."""
    requires = SpecifierSet(PYPROJECT["project"]["requires-python"])
    assert PYTHONS == sorted(PYTHONS, key=Version) and len(PYTHONS) >= 2
    assert all(Version(python) in requires for python in PYTHONS)
    assert str(requires) == f">={PYTHONS[0]}"
    noxfile = (ROOT / "noxfile.py").read_text("utf-8")
    pythons = re.search(r"^PYTHONS = \((.*)\)$", noxfile, re.MULTILINE)
    assert pythons and re.findall(r'"([\d.]+)"', pythons.group(1)) == PYTHONS


def test_development_dependencies_are_groups_and_video_the_one_extra():
    assert set(PYPROJECT["project"]["optional-dependencies"]) == {"video"}
    assert {"docs", "test", "lint"} <= set(PYPROJECT["dependency-groups"])


def test_ruff_is_pinned_once_and_followed_everywhere():
    pins = [Requirement(pin) for pin in PYPROJECT["dependency-groups"]["lint"]]
    (requirement,) = [pin for pin in pins if pin.name == "ruff"]
    assert str(requirement.specifier).startswith("==")
    version = str(requirement.specifier)[2:]
    assert {str(_lock(python)["ruff"]) for python in PYTHONS} == {version}
    hooks = (ROOT / ".pre-commit-config.yaml").read_text("utf-8")
    rev = re.search(r"ruff-pre-commit\s*\n\s*rev:\s*v?(\S+)", hooks)
    assert rev and rev.group(1) == version, "update .pre-commit-config.yaml's rev"
    # The lint session installs the lint group through the lock, not a version of
    # its own.
    noxfile = (ROOT / "noxfile.py").read_text("utf-8")
    assert re.search(r'_install_gdbook\(session, "lint"\)', noxfile)


def test_torch_is_the_locked_cpu_build_for_3_11_only_and_no_dependency_of_gdbook():
    assert _lock(PYTHONS[0])["torch"] == Version("2.13.0+cpu")
    for python in PYTHONS[1:]:
        assert "torch" not in _lock(python), python
    assert not any(canonicalize_name(r.name) == "torch" for r in _requirements())
    assert not any(name.startswith("nvidia") for name in _lock())


def test_ci_and_hosted_builds_use_the_locked_tools_and_the_site_python():
    for python in PYTHONS:
        assert {"nox", "uv"} <= set(_lock(python, "tools.txt"))
    ci = (ROOT / ".ci" / "run").read_text("utf-8")
    assert "requirements/tools.txt" in ci
    readthedocs = (ROOT / ".readthedocs.yaml").read_text("utf-8")
    assert re.search(rf'python:\s*"{re.escape(SITE_PYTHON)}"', readthedocs)
    assert "requirements/tools.txt" in readthedocs and "nox -s docs" in readthedocs
    pages = (ROOT / ".github" / "workflows" / "pages.yml").read_text("utf-8")
    assert re.search(rf'python-version:\s*"{re.escape(SITE_PYTHON)}"', pages)
    assert "requirements/tools.txt" in pages and "nox -s docs" in pages
    release = (ROOT / ".github" / "workflows" / "release.yml").read_text("utf-8")
    version = re.search(r'python-version:\s*"([\d.]+)"', release)
    assert version and version.group(1) in PYTHONS
    assert "requirements/tools.txt" in release


def test_the_release_workflow_publishes_with_trusted_publishing():
    text = (ROOT / ".github" / "workflows" / "release.yml").read_text("utf-8")
    assert re.search(r"tags:\s*\[?\s*[\"']?v", text)
    assert "id-token: write" in text
    assert "pypa/gh-action-pypi-publish" in text
    assert "password" not in text  # no API token: PyPI trusts the workflow


def test_doctests_run_without_project_option_flags():
    """The repository runs the doctests as users do: no doctest_optionflags."""
    assert "doctest_optionflags" not in PYPROJECT["tool"]["pytest"]["ini_options"]
