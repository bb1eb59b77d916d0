"""gdbook as a package: what ``python -m build`` makes, and that it is complete.

The sdist and the wheel are built from a copy of the project (nothing is written
into the repository), without build isolation (the test environment has the
locked setuptools), and checked by ``twine check``; the wheel is built twice and
must be byte-identical (docs/_ext/gdbook_wheelbuild.py, which the site uses).
"""

from __future__ import annotations

import subprocess
import sys
import tarfile
import tomllib
import zipfile
from email.parser import Parser
from pathlib import Path

import pytest

import gdbook

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "docs" / "_ext"))

import gdbook_wheelbuild  # noqa: E402

PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))


@pytest.fixture(scope="module")
def dist(tmp_path_factory) -> Path:
    """An sdist and a wheel made by ``python -m build`` from a copy of the project."""
    base = tmp_path_factory.mktemp("build")
    source = base / "src"
    gdbook_wheelbuild._copy_sources(ROOT, source)
    out = base / "dist"
    result = subprocess.run(
        [sys.executable, "-m", "build", "--no-isolation", "--outdir", str(out)],
        cwd=source,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return out


def _metadata(wheel: Path):
    with zipfile.ZipFile(wheel) as archive:
        name = f"gdbook-{gdbook.__version__}.dist-info/METADATA"
        return Parser().parsestr(archive.read(name).decode())


def test_build_makes_an_sdist_and_a_wheel_that_twine_accepts(dist):
    names = sorted(path.name for path in dist.iterdir())
    version = gdbook.__version__
    assert names == [f"gdbook-{version}-py3-none-any.whl", f"gdbook-{version}.tar.gz"]
    result = subprocess.run(
        [sys.executable, "-m", "twine", "check", "--strict", *map(str, dist.iterdir())],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_wheel_holds_the_package_and_its_type_marker_only(dist):
    (wheel,) = dist.glob("*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
    package = sorted(name for name in names if not name.startswith("gdbook-"))
    expected = sorted(
        path.relative_to(ROOT).as_posix()
        for path in (ROOT / "gdbook").rglob("*")
        if path.is_file() and path.suffix in {".py", ".typed", ".js", ".css", ".toml"}
    )
    assert package == expected
    assert "gdbook/py.typed" in package
    # The explorables' script and style sheet (package data), inlined in each figure.
    assert {
        "gdbook/explore/explore.js",
        "gdbook/explore/explore.css",
        "gdbook/explore/zh_CN.toml",
    } <= set(package)
    # The exercises' words in each language (package data too).
    assert {"gdbook/exercises/text/en.toml", "gdbook/exercises/text/zh_CN.toml"} <= set(
        package
    )


def test_the_sdist_has_what_the_wheel_is_built_from(dist):
    (sdist,) = dist.glob("*.tar.gz")
    with tarfile.open(sdist) as archive:
        names = {
            Path(name).relative_to(Path(name).parts[0]).as_posix()
            for name in archive.getnames()
            if "/" in name
        }
    assert {"pyproject.toml", "README.md", "LICENSE", "gdbook/__init__.py"} <= names
    assert "gdbook/py.typed" in names
    assert "gdbook/explore/explore.js" in names
    assert "gdbook/exercises/text/zh_CN.toml" in names


def test_metadata_is_complete(dist):
    (wheel,) = dist.glob("*.whl")
    metadata = _metadata(wheel)
    assert metadata["Name"] == "gdbook"
    assert metadata["Version"] == gdbook.__version__
    assert metadata["License-Expression"] == "BSD-3-Clause"
    assert metadata["Requires-Python"] == ">=3.11"
    urls = dict(
        (label.strip(), url.strip())
        for label, url in (
            entry.split(",", 1) for entry in metadata.get_all("Project-URL")
        )
    )
    assert set(urls) >= {"Documentation", "Source", "Changelog", "Issues"}
    assert urls["Changelog"].startswith(urls["Documentation"])
    classifiers = metadata.get_all("Classifier")
    assert "Programming Language :: Python :: 3.11" in classifiers
    assert "Typing :: Typed" in classifiers
    requires = metadata.get_all("Requires-Dist")
    assert any(r.startswith("numpy>=") for r in requires)
    assert any(r.startswith("matplotlib>=") for r in requires)
    assert metadata.get_payload().startswith("# gdbook")  # the README


def test_the_version_is_set_in_one_place():
    """pyproject reads gdbook.__version__; nothing else states it."""
    assert "version" in PYPROJECT["project"]["dynamic"]
    assert "version" not in PYPROJECT["project"]
    attr = PYPROJECT["tool"]["setuptools"]["dynamic"]["version"]["attr"]
    assert attr == "gdbook.__version__"
    assert f"## {gdbook.__version__}" in (ROOT / "CHANGELOG.md").read_text("utf-8")


def test_build_requires_a_setuptools_that_reads_the_spdx_license():
    assert PYPROJECT["build-system"]["requires"] == ["setuptools>=77"]
    assert PYPROJECT["project"]["license"] == "BSD-3-Clause"


def test_two_builds_of_the_wheel_are_identical(tmp_path, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    first = gdbook_wheelbuild.build_wheel(ROOT, tmp_path / "first")
    second = gdbook_wheelbuild.build_wheel(ROOT, tmp_path / "second")
    assert first.name == gdbook_wheelbuild.wheel_name(gdbook.__version__)
    assert first.read_bytes() == second.read_bytes()
    with zipfile.ZipFile(first) as archive:
        assert {info.date_time for info in archive.infolist()} == {
            (1980, 1, 1, 0, 0, 0)
        }
