"""The tooling agrees with itself: one ruff, one lock, one Python everywhere.

requirements/lock.txt is what every nox session installs with (``nox -s lock``
makes it from pyproject.toml and requirements/torch.in); these tests fail when
pyproject.toml asks for something the lock does not satisfy (refresh the lock), or
when the pre-commit hook, CI or a hosted build drifts from it.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parents[1]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
LOCK_LINE = re.compile(r"^([A-Za-z0-9._-]+)==(\S+)", re.MULTILINE)


def _lock(name: str = "lock.txt") -> dict[str, Version]:
    text = (ROOT / "requirements" / name).read_text("utf-8")
    return {canonicalize_name(n): Version(v) for n, v in LOCK_LINE.findall(text)}


def _requirements() -> list[Requirement]:
    project = PYPROJECT["project"]
    found = [Requirement(r) for r in project["dependencies"]]
    for extra in project["optional-dependencies"].values():
        found += [Requirement(r) for r in extra]
    return [r for r in found if canonicalize_name(r.name) != "gdbook"]


@pytest.mark.parametrize("requirement", _requirements(), ids=str)
def test_the_lock_satisfies_pyproject(requirement):
    locked = _lock().get(canonicalize_name(requirement.name))
    assert locked is not None, f"{requirement.name} is not locked: run `nox -s lock`"
    assert requirement.specifier.contains(locked, prereleases=True), (
        f"{requirement} but the lock has {locked}: run `nox -s lock`"
    )


def test_ruff_is_pinned_once_and_followed_everywhere():
    (pin,) = [r for r in PYPROJECT["project"]["optional-dependencies"]["lint"]]
    requirement = Requirement(pin)
    assert requirement.name == "ruff" and str(requirement.specifier).startswith("==")
    version = str(requirement.specifier)[2:]
    assert str(_lock()["ruff"]) == version
    hooks = (ROOT / ".pre-commit-config.yaml").read_text("utf-8")
    rev = re.search(r"ruff-pre-commit\s*\n\s*rev:\s*v?(\S+)", hooks)
    assert rev and rev.group(1) == version, "update .pre-commit-config.yaml's rev"
    # The lint session installs ruff through the lock, not a version of its own.
    noxfile = (ROOT / "noxfile.py").read_text("utf-8")
    assert re.search(r'_install\(session, "ruff"\)', noxfile)


def test_torch_is_the_locked_cpu_build_and_no_dependency_of_gdbook():
    assert _lock()["torch"] == Version("2.13.0+cpu")
    assert not any(canonicalize_name(r.name) == "torch" for r in _requirements())
    assert not any(name.startswith("nvidia") for name in _lock())


def test_ci_and_hosted_builds_use_the_locked_tools_and_python_3_11():
    tools = _lock("tools.txt")
    assert {"nox", "uv"} <= set(tools)
    ci = (ROOT / ".ci" / "run").read_text("utf-8")
    assert "requirements/tools.txt" in ci
    readthedocs = (ROOT / ".readthedocs.yaml").read_text("utf-8")
    assert re.search(r'python:\s*"3\.11"', readthedocs)
    assert "requirements/tools.txt" in readthedocs and "nox -s docs" in readthedocs
    for workflow in ("pages.yml", "release.yml"):
        text = (ROOT / ".github" / "workflows" / workflow).read_text("utf-8")
        assert re.search(r'python-version:\s*"3\.11"', text), workflow
        assert "requirements/tools.txt" in text, workflow


def test_the_release_workflow_publishes_with_trusted_publishing():
    text = (ROOT / ".github" / "workflows" / "release.yml").read_text("utf-8")
    assert re.search(r"tags:\s*\[?\s*[\"']?v", text)
    assert "id-token: write" in text
    assert "pypa/gh-action-pypi-publish" in text
    assert "password" not in text  # no API token: PyPI trusts the workflow


def test_doctests_run_without_project_option_flags():
    """The repository runs the doctests as users do: no doctest_optionflags."""
    assert "doctest_optionflags" not in PYPROJECT["tool"]["pytest"]["ini_options"]
