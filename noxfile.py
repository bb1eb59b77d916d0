"""Tasks of the gdbook project: ``nox -s docs``, ``nox -s tests``, ``nox -s lint``...

Sessions use uv to create their environments when it is installed (about 4 s an
install here, against 22 s with pip) and fall back to virtualenv otherwise.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import nox

ROOT = Path(__file__).parent
DOCS = ROOT / "docs"
BUILD = DOCS / "_build" / "html"
# Outside the site, so that the pickled doctrees are not published with it.
DOCTREES = DOCS / "_build" / "doctrees"

nox.needs_version = ">=2024.3.2"
nox.options.default_venv_backend = "uv|virtualenv"
nox.options.sessions = ["lint", "tests"]
nox.options.reuse_venv = "yes"
# uv does not compile bytecode at install time, and where PYTHONDONTWRITEBYTECODE is
# set nothing ever does: every sphinx-build would then spend seconds compiling
# sphinx and matplotlib again. Compile once, at install.
os.environ.setdefault("UV_COMPILE_BYTECODE", "1")


def _sphinx_build(session: nox.Session, *extra: str) -> None:
    session.run(
        "sphinx-build",
        "-W",  # warnings are errors
        "--keep-going",  # ...but report all of them at once
        "-j",  # parallel: the gallery runs its examples in as many processes
        "auto",
        "-b",
        "html",
        "-d",
        str(DOCTREES),
        *extra,
        str(DOCS),
        str(BUILD),
        env={"MPLBACKEND": "Agg", "PYTHONHASHSEED": "0"},
    )


@nox.session
def docs(session: nox.Session) -> None:
    """Build the site into docs/_build/html, running every gallery example.

    Pass ``-- --clean`` to start from scratch (the gallery otherwise re-runs only
    the examples that changed).
    """
    session.install("-e", ".[docs]")
    if "--clean" in session.posargs:
        for generated in (BUILD.parent, DOCS / "auto_examples", DOCS / "gen_modules"):
            shutil.rmtree(generated, ignore_errors=True)
    # Sphinx's default put them inside the site: drop such a leftover.
    shutil.rmtree(BUILD / ".doctrees", ignore_errors=True)
    _sphinx_build(session)
    session.log(f"The site is in {BUILD}; `nox -s serve` serves it on 127.0.0.1.")


@nox.session(requires=["docs"])
def tests(session: nox.Session) -> None:
    """Run the whole test suite: unit, doctests, gallery and the built site.

    The site is built first (the ``docs`` session), so the browser tests see the
    current pages. Extra arguments go to pytest: ``nox -s tests -- -k gradient``.
    """
    session.install("-e", ".[test]")
    session.run("pytest", *session.posargs, env={"MPLBACKEND": "Agg"})


@nox.session(venv_backend="none", requires=["docs"])
def weight(session: nox.Session) -> None:
    """Print every page's weight and the site's; fail over budget (300 kB, 20 MB).

    The site is built first (``docs``). The test suite checks the same budget.
    """
    script = ROOT / "tools" / "page_weight.py"  # standard library only
    session.run(sys.executable, str(script), str(BUILD), external=True)


@nox.session
def reproducible(session: nox.Session) -> None:
    """Build the site twice from clean copies and check both are byte-identical.

    Takes two full builds (every example runs twice); CI runs it after the tests.
    Pass ``-- --keep`` to keep the two builds for inspection.
    """
    session.install("-e", ".[docs]")
    session.run(
        "python", str(ROOT / "tools" / "reproducible_build.py"), *session.posargs
    )


@nox.session
def lint(session: nox.Session) -> None:
    """Check style and formatting with ruff."""
    session.install("ruff>=0.6")
    session.run("ruff", "check", ".")
    session.run("ruff", "format", "--check", ".")


@nox.session(venv_backend="virtualenv")
def bench(session: nox.Session) -> None:
    """Print the benchmark tables (site build, numerical gradient, least squares).

    ``-- --torch`` also times PyTorch on the CPU; it installs ``torch==2.13.0`` with
    pip (this session uses virtualenv and pip, which find a local CPU wheel where a
    machine provides one; uv would fetch a multi-GB CUDA build). Other arguments
    choose sections: ``nox -s bench -- gradient``.
    """
    session.install("-e", ".[docs]")
    args = [a for a in session.posargs if a != "--torch"]
    if "--torch" in session.posargs:
        session.install("torch==2.13.0")
    session.run("python", "benchmarks/run.py", *args, env={"MPLBACKEND": "Agg"})


@nox.session(venv_backend="none")
def serve(session: nox.Session) -> None:
    """Serve the built site on http://127.0.0.1:8000 (``-- PORT`` to change)."""
    if not (BUILD / "index.html").exists():
        session.error("No site built yet: run `nox -s docs` first.")
    port = session.posargs[0] if session.posargs else "8000"
    session.run(
        "python",
        "-m",
        "http.server",
        port,
        "--bind",
        "127.0.0.1",
        "--directory",
        str(BUILD),
        external=True,
    )
