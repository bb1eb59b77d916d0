"""Build gdbook's wheel reproducibly, and write a package index of wheels (used by
gdbook_wheel.py; standard library only, so that tests/test_packaging.py and
tests/test_site_extensions.py can use it without Sphinx).

The wheel is built from a copy of the sources with fixed file modes, and with
``SOURCE_DATE_EPOCH`` (the one set in the environment, else 1980-01-01) as the time
of every member, so two builds of the same sources are byte-identical.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from email.parser import HeaderParser
from html import escape
from pathlib import Path


class WheelBuildError(RuntimeError):
    """The wheel could not be built (the message has the build's output)."""


# 1980-01-01 00:00 UTC: the earliest time a zip (hence a wheel) can hold.
DEFAULT_EPOCH = "315532800"
# What the wheel is built from, relative to the project's root.
PROJECT_FILES = ("pyproject.toml", "README.md", "LICENSE")
PACKAGE = "gdbook"


def project_root(confdir: Path) -> Path:
    """The folder with gdbook's pyproject.toml: next to docs/, else where the
    imported gdbook comes from (an editable install)."""
    import gdbook

    for candidate in (confdir.parent, Path(gdbook.__file__).resolve().parents[1]):
        if (candidate / "pyproject.toml").is_file() and (candidate / PACKAGE).is_dir():
            return candidate
    raise WheelBuildError("cannot find gdbook's pyproject.toml")


def wheel_name(version: str) -> str:
    return f"{PACKAGE}-{version}-py3-none-any.whl"


def _copy_sources(root: Path, into: Path) -> None:
    """Copy what the wheel is built from, with modes that do not depend on the
    umask of the checkout (644 for files, 755 for folders)."""
    into.mkdir(mode=0o755)
    for name in PROJECT_FILES:
        shutil.copyfile(root / name, into / name)
    shutil.copytree(
        root / PACKAGE,
        into / PACKAGE,
        ignore=shutil.ignore_patterns("__pycache__", "*.py[cod]"),
        copy_function=shutil.copyfile,
    )
    for path in [into, *into.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)


def build_wheel(root: Path, out_dir: Path) -> Path:
    """Build gdbook's wheel from ``root`` into ``out_dir``; return its path.

    Uses the ``build`` front end without isolation (the docs environment has
    setuptools), so that building the site needs no network.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="gdbook-wheel-") as tmp:
        source = Path(tmp) / "src"
        _copy_sources(root, source)
        env = {
            **os.environ,
            "SOURCE_DATE_EPOCH": os.environ.get("SOURCE_DATE_EPOCH", DEFAULT_EPOCH),
        }
        command = [sys.executable, "-m", "build", "--wheel", "--no-isolation"]
        command += ["--outdir", str(Path(tmp) / "dist"), str(source)]
        result = subprocess.run(command, env=env, capture_output=True, text=True)
        if result.returncode != 0:
            raise WheelBuildError(
                "building the wheel failed:\n"
                + result.stdout[-3000:]
                + result.stderr[-3000:]
            )
        (built,) = (Path(tmp) / "dist").glob("*.whl")
        target = out_dir / built.name
        shutil.copyfile(built, target)
    return target


def requires_python(wheel: Path) -> str:
    """The wheel's Requires-Python, from its METADATA ("" if it names none)."""
    with zipfile.ZipFile(wheel) as archive:
        (name,) = (n for n in archive.namelist() if n.endswith(".dist-info/METADATA"))
        metadata = HeaderParser().parsestr(archive.read(name).decode("utf-8"))
    return metadata.get("Requires-Python", "")


def _page(title: str, body: str) -> str:
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="pypi:repository-version" content="1.0">\n'
        f"<title>{title}</title>\n</head>\n<body>\n{body}\n</body>\n</html>\n"
    )


def write_simple_index(site: Path, dist: str = "dist") -> Path:
    """Write a package index (PEP 503) of the wheels in ``site/dist`` at
    ``site/simple/``; return its folder.

    The links are relative (``../../dist/<wheel>``), so the index works on any host
    and under any sub-path, and carry each file's SHA-256, which pip checks, and its
    Requires-Python. The same wheels give the same files.
    """
    index = site / "simple"
    shutil.rmtree(index, ignore_errors=True)
    (index / PACKAGE).mkdir(parents=True)
    (index / "index.html").write_text(
        _page("Simple index", f'<a href="{PACKAGE}/">{PACKAGE}</a>'), encoding="utf-8"
    )
    links = []
    for wheel in sorted((site / dist).glob(wheel_name("*"))):
        digest = hashlib.sha256(wheel.read_bytes()).hexdigest()
        requires = requires_python(wheel)
        attribute = f' data-requires-python="{escape(requires)}"' if requires else ""
        links.append(
            f'<a href="../../{dist}/{wheel.name}#sha256={digest}"{attribute}>'
            f"{wheel.name}</a><br>"
        )
    body = f"<h1>Links for {PACKAGE}</h1>\n" + "\n".join(links)
    (index / PACKAGE / "index.html").write_text(
        _page(f"Links for {PACKAGE}", body), encoding="utf-8"
    )
    return index
