"""Tasks of the gdbook project: ``nox -s docs``, ``nox -s tests``, ``nox -s lint``...

Sessions use uv to create their environments when it is installed (about 4 s an
install here, against 22 s with pip) and fall back to virtualenv otherwise. Every
install is constrained by requirements/lock.txt, so CI, contributors and the hosted
builds get the same versions; ``nox -s lock`` refreshes it. The lock holds the
versions for each Python gdbook supports (3.11 to 3.13), the newest that each
Python can have: the site is built on the newest, 3.13 (SITE_PYTHON); the tests that
compare with PyTorch run on 3.11 (TORCH_PYTHON), the Python of its CPU wheel.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import nox

ROOT = Path(__file__).parent
# The versions every session installs (a constraints file: it pins a package when a
# session installs it, and installs nothing by itself). Made by `nox -s lock`.
LOCK = ROOT / "requirements" / "lock.txt"
#: The Pythons gdbook supports (pyproject.toml's requires-python and classifiers):
#: the lock holds versions for each, and the tests run on each.
PYTHONS = ("3.11", "3.12", "3.13")
#: The site, its benchmark and the hosted builds (.readthedocs.yaml, the pages
#: workflow): the newest Python, with the newest Sphinx and numpy.
SITE_PYTHON = PYTHONS[-1]
#: The full test suite, `fast` and `floors`: the Python of the CPU wheel of torch.
TORCH_PYTHON = PYTHONS[0]
# PyTorch is a test-only dependency (the optimizer tests compare with torch.optim),
# pinned in the lock to its CPU build, 2.13.0+cpu, for Python 3.11 (TORCH_PYTHON):
# PyPI has no such build (its plain `torch` brings GBs of CUDA packages), and the
# project's machines have it for 3.11 only. It comes from a folder of wheels
# (GDBOOK_TORCH_WHEELS, default /opt/wheels, where the project's machines keep it)
# or, where there is no such folder, from PyTorch's own CPU index.
TORCH_WHEELS = Path(os.environ.get("GDBOOK_TORCH_WHEELS", "/opt/wheels"))
TORCH_CPU_INDEX = "https://download.pytorch.org/whl/cpu"
DOCS = ROOT / "docs"
BUILD = DOCS / "_build" / "html"
# Outside the site, so that the pickled doctrees are not published with it.
DOCTREES = DOCS / "_build" / "doctrees"

nox.needs_version = ">=2024.3.2"


def _pyenv_pythons() -> None:
    """Make pyenv's newest 3.11, 3.12 and 3.13 visible as python3.X on the PATH.

    nox finds each Python of a session as ``python3.X``; pyenv's shims answer for
    the versions PYENV_VERSION names. Add to it the newest installed patch release
    of each supported Python it lacks, so that ``nox -s docs`` (3.13) and ``nox -s
    tests`` (3.11) work as the README says, with nothing to export.
    """
    pyenv = shutil.which("pyenv")
    if not pyenv:
        return
    import subprocess

    installed = subprocess.run(
        [pyenv, "versions", "--bare"], capture_output=True, text=True, check=False
    ).stdout.split()
    chosen = [v for v in os.environ.get("PYENV_VERSION", "").split(":") if v]
    for minor in ("3.11", "3.12", "3.13"):
        if any(v.rsplit(".", 1)[0] == minor for v in chosen):
            continue
        patches = [
            v for v in installed if v.rsplit(".", 1)[0] == minor and v.count(".") == 2
        ]
        patches = [v for v in patches if v.split(".")[2].isdigit()]
        if patches:
            chosen.append(max(patches, key=lambda v: int(v.split(".")[2])))
    if chosen:
        os.environ["PYENV_VERSION"] = ":".join(chosen)


_pyenv_pythons()

nox.options.default_venv_backend = "uv|virtualenv"
nox.options.sessions = ["lint", "tests"]
nox.options.reuse_venv = "yes"
# uv does not compile bytecode at install time, and where PYTHONDONTWRITEBYTECODE is
# set nothing ever does: every sphinx-build would then spend seconds compiling
# sphinx and matplotlib again. Compile once, at install.
os.environ.setdefault("UV_COMPILE_BYTECODE", "1")


def _install(session: nox.Session, *args: str) -> None:
    """Install ``args`` with the versions of the lock."""
    session.install("-c", str(LOCK), *args)


def _install_gdbook(session: nox.Session, *groups: str) -> None:
    """Install gdbook (editable, with its video extra) and dependency groups of
    pyproject.toml (PEP 735: docs, test, lint), with the versions of the lock."""
    options = [option for group in groups for option in ("--group", group)]
    _install(session, "-e", ".[video]", *options)


def _torch_sources() -> list[str]:
    """Where the CPU build of torch is found (see TORCH_WHEELS)."""
    if TORCH_WHEELS.is_dir():
        return ["--find-links", str(TORCH_WHEELS)]
    return ["--extra-index-url", TORCH_CPU_INDEX]


def _install_torch(session: nox.Session) -> None:
    """Install the locked CPU build of PyTorch (test-only; see TORCH_WHEELS)."""
    _install(session, *_torch_sources(), "torch")


#: pytest-xdist: the tests run in two processes, handed out one by one, except the
#: tests of a module that share one costly fixture (such as tests/site/test_outside.py's
#: environment), which tests/conftest.py keeps together in one process
#: (ONE_PROCESS). ``-- -n 0``: one process.
PARALLEL = ("-n", "2")


def _pytest(session: nox.Session, *args: str, **env: str) -> None:
    """Run pytest in two processes (PARALLEL), with extra arguments ``args`` then
    the session's own (``nox -s fast -- -k descent``).

    Bytecode is written even where PYTHONDONTWRITEBYTECODE is set: otherwise every
    worker rewrites and compiles every test module's asserts again on every run
    (seconds each), and every gallery script compiles gdbook again.
    """
    session.run(
        "pytest",
        *PARALLEL,
        *args,
        *session.posargs,
        env={"MPLBACKEND": "Agg", "PYTHONDONTWRITEBYTECODE": "", **env},
    )


#: The site's languages, in the order they are built: English at the root of BUILD,
#: each other in its folder (BUILD / "zh_CN"), from the catalogs of docs/locale/.
LANGUAGES = ("en", "zh_CN")
LOCALE = DOCS / "locale"
#: The gettext catalogs' templates (`nox -s translations`), outside the site.
GETTEXT = DOCS / "_build" / "gettext"
#: The pages that stay in English in every edition, left out of the catalogs: the
#: API reference (the docstrings) and the changelog.
UNTRANSLATED = ("api", "changelog")


def _site_of(language: str) -> tuple[Path, Path]:
    """Where the site of ``language`` goes, and its doctrees."""
    if language == LANGUAGES[0]:
        return BUILD, DOCTREES
    return BUILD / language, DOCTREES.with_name(f"doctrees-{language}")


def _sphinx_build(session: nox.Session, *extra: str, language: str = "en") -> None:
    out, doctrees = _site_of(language)
    session.run(
        "sphinx-build",
        "-W",  # warnings are errors
        "--keep-going",  # ...but report all of them at once
        "-j",  # parallel: the gallery runs its examples in as many processes
        "auto",
        "-b",
        "html",
        "-d",
        str(doctrees),
        "-D",
        f"language={language}",
        *extra,
        str(DOCS),
        str(out),
        env={"MPLBACKEND": "Agg", "PYTHONHASHSEED": "0"},
    )


@nox.session(python=SITE_PYTHON)
def docs(session: nox.Session) -> None:
    """Build the site into docs/_build/html, running every gallery example: the
    English site at its root, then the Chinese one in its folder zh_CN/.

    The Chinese build reuses the gallery the English one executed (sphinx-gallery
    skips every example whose script is unchanged), so no example runs twice. Pass
    ``-- --clean`` to start from scratch (the gallery otherwise re-runs only the
    examples that changed).
    """
    _install_gdbook(session, "docs")
    if "--clean" in session.posargs:
        for generated in (BUILD.parent, DOCS / "auto_examples", DOCS / "gen_modules"):
            shutil.rmtree(generated, ignore_errors=True)
    # Sphinx's default put them inside the site: drop such a leftover.
    shutil.rmtree(BUILD / ".doctrees", ignore_errors=True)
    import time

    for language in LANGUAGES:
        started = time.perf_counter()
        _sphinx_build(session, language=language)
        session.log(f"{language}: built in {time.perf_counter() - started:.1f} s")
    session.log(f"The site is in {BUILD}; `nox -s serve` serves it on 127.0.0.1.")


@nox.session(python=SITE_PYTHON)
def translations(session: nox.Session) -> None:
    """Extract the site's text and update the Chinese catalogs (docs/locale/).

    Builds the gettext templates of every page into docs/_build/gettext (running
    the gallery only where `nox -s docs` has not: the examples' pages are made from
    their output), leaves out the pages that stay in English (UNTRANSLATED), adds
    the words the site's extensions write (every ``ui(app, "...")`` and
    ``msg("...")`` of docs/_ext, and the gallery's figure and video labels: the catalog
    gdbook-ui), then runs ``sphinx-intl update``: new messages are
    added empty, changed ones marked fuzzy, and removed ones kept as obsolete
    (``#~``). Translate what is empty or fuzzy, then build with `nox -s docs`.
    """
    _install_gdbook(session, "docs")
    shutil.rmtree(GETTEXT, ignore_errors=True)
    session.run(
        "sphinx-build",
        "-W",
        "--keep-going",
        "-j",
        "auto",
        "-b",
        "gettext",
        "-d",
        str(DOCTREES.with_name("doctrees-gettext")),
        str(DOCS),
        str(GETTEXT),
        env={"MPLBACKEND": "Agg", "PYTHONHASHSEED": "0"},
    )
    for name in UNTRANSLATED:
        shutil.rmtree(GETTEXT / name, ignore_errors=True)
        (GETTEXT / f"{name}.pot").unlink(missing_ok=True)
    # The theme's words (sphinx.po) are kept by hand: a template calling _() would
    # make a sphinx.pot, and sphinx-intl would then mark the whole catalog obsolete.
    (GETTEXT / "sphinx.pot").unlink(missing_ok=True)
    session.run(
        "pybabel",
        "--quiet",
        "extract",
        "--no-default-keywords",
        "--keyword=ui:2",
        "--keyword=msg",
        "--no-location",
        "--sort-output",
        "--project=gdbook",
        f"--output-file={GETTEXT / 'gdbook-ui.pot'}",
        str(DOCS / "_ext"),
    )
    # ...and the gallery's labels: figures' and videos' text alternatives, summaries.
    session.run(
        "python",
        str(DOCS / "_ext" / "gdbook_i18n.py"),
        str(GETTEXT / "gdbook-ui.pot"),
        str(DOCS / "auto_examples"),
    )
    for language in LANGUAGES[1:]:
        session.run(
            "sphinx-intl",
            "update",
            "-p",
            str(GETTEXT),
            "-d",
            str(LOCALE),
            "-l",
            language,
        )


@nox.session(python=TORCH_PYTHON, requires=["docs"])
def tests(session: nox.Session) -> None:
    """Run the whole test suite, in two processes (PARALLEL): unit, doctests,
    gallery and the built site.

    The site is built first (the ``docs`` session), so the browser tests see the
    current pages, and the downloads are tested as a reader gets them: the site's
    wheel installed in a new environment outside the repository, every downloaded
    script and notebook run there, and gdbook's doctests run both ways there
    (tests/site/test_outside.py). Extra arguments go to pytest: ``nox -s tests --
    -k gradient``. On Python 3.11, where the tests that compare with PyTorch run;
    ``compat`` runs the tests on the other Pythons.
    """
    _install_gdbook(session, "test")
    _install_torch(session)
    _pytest(session)


@nox.session(python=TORCH_PYTHON)
def fast(session: nox.Session) -> None:
    """The contributor's loop: unit tests, doctests and every gallery script, in
    two processes, without building the site (well under a minute).

    Tests that need the built site (marker ``site``: tests/site/ and any test that
    reads docs/_build) are left out; ``nox -s tests`` runs them. Extra arguments go
    to pytest: ``nox -s fast -- -k descent``.
    """
    _install_gdbook(session, "test")
    _install_torch(session)
    _pytest(session, "-m", "not site")


@nox.session(venv_backend="none", requires=["docs"])
def weight(session: nox.Session) -> None:
    """Print every page's weight and the site's; fail over budget (300 kB, 32 MB).

    The site is built first (``docs``). The test suite checks the same budget.
    """
    script = ROOT / "tools" / "page_weight.py"  # standard library only
    session.run(sys.executable, str(script), str(BUILD), external=True)


@nox.session(python=SITE_PYTHON)
def reproducible(session: nox.Session) -> None:
    """Build the site twice from clean copies and check both are byte-identical.

    Takes two full builds (every example runs twice). ``-- --against
    docs/_build/html`` builds once and compares with the site ``docs`` built (CI
    does so after the tests, on a clean clone). Pass ``-- --keep`` to keep the
    builds for inspection.
    """
    _install_gdbook(session, "docs")
    session.run(
        "python", str(ROOT / "tools" / "reproducible_build.py"), *session.posargs
    )


@nox.session(python=SITE_PYTHON)
def lint(session: nox.Session) -> None:
    """Check style and formatting with ruff, and gdbook's annotations with mypy
    (strict; pyproject.toml's [tool.mypy]): the versions of the lint group, locked.

    gdbook is installed with its dependencies, so mypy reads numpy's and
    matplotlib's own annotations.
    """
    _install_gdbook(session, "lint")
    session.run("ruff", "check", ".")
    session.run("ruff", "format", "--check", ".")
    session.run("mypy")


@nox.session(python=SITE_PYTHON)
def bench(session: nox.Session) -> None:
    """Print the benchmark tables (site build, gradient, house, least squares, loop).

    ``-- --torch`` also times PyTorch on the CPU, installed as the tests session
    installs it (the locked CPU build). Other arguments choose sections: ``nox -s
    bench -- gradient``. On Python 3.13, as the site is built; with ``--torch``,
    on 3.11, where the CPU build of torch is: ``nox -s bench -P 3.11 -- --torch``.
    """
    _install_gdbook(session, "docs")
    args = [a for a in session.posargs if a != "--torch"]
    if "--torch" in session.posargs:
        if session.python != TORCH_PYTHON:
            session.error(f"torch's CPU build is for Python {TORCH_PYTHON} only")
        _install_torch(session)
    session.run("python", "benchmarks/run.py", *args, env={"MPLBACKEND": "Agg"})


@nox.session(python=[p for p in PYTHONS if p != TORCH_PYTHON])
def compat(session: nox.Session) -> None:
    """The tests of ``fast`` on the other Pythons gdbook supports (3.12, 3.13).

    Each with the versions the lock holds for it (the newest numpy, matplotlib and
    Sphinx that it can have). There is no CPU build of torch for them, so the tests
    that compare with PyTorch skip here (they run in ``tests`` and ``fast``, on
    3.11).
    """
    _install_gdbook(session, "test")
    _pytest(session, "-m", "not site", CI="")


def _floors() -> dict[str, str]:
    """gdbook's dependencies at the lowest versions pyproject.toml allows."""
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    floors = {}
    for requirement in project["dependencies"]:
        name, _, version = requirement.partition(">=")
        floors[name.strip()] = version.strip()
    return floors


#: Tests of the project's own tooling, which neither the floors of numpy and
#: matplotlib nor the Python change: the lock, the benchmarks' tables, the site's
#: Sphinx extensions (the site is built with the lock), building the wheel and the
#: sdist, the comparison of two builds, the gallery's order. `floors` leaves them
#: out; `fast` and `tests` run them.
TOOLING_TESTS = (
    "tests/test_tooling.py",
    "tests/test_benchmarks.py",
    "tests/test_site_extensions.py",
    "tests/test_packaging.py",
    "tests/test_reproducible_build.py",
    "tests/test_gallery_order.py",
)


@nox.session(python=TORCH_PYTHON)
def floors(session: nox.Session) -> None:
    """The tests of ``fast`` with numpy and matplotlib at the floors of
    pyproject.toml (``numpy>=X`` runs on X), everything else locked.

    CI runs it, so the floors stay true: raise one when a test needs a newer
    version. The tests of the project's tooling (TOOLING_TESTS) are left out: they
    test the same thing on any numpy and matplotlib, and ``tests`` runs them.
    """
    pins = _floors()
    locked = [
        line
        for line in LOCK.read_text("utf-8").splitlines()
        if line.partition("==")[0] not in pins
    ]
    constraints = Path(session.create_tmp()) / "floors.txt"
    constraints.write_text(
        "\n".join(locked + [f"{name}=={version}" for name, version in pins.items()])
    )
    session.install("-c", str(constraints), "-e", ".[video]", "--group", "test")
    session.install("-c", str(constraints), *_torch_sources(), "torch")
    session.run(
        "python",
        "-c",
        "import numpy, matplotlib; print(numpy.__version__, matplotlib.__version__)",
    )
    _pytest(session, "-m", "not site", *(f"--ignore={path}" for path in TOOLING_TESTS))


def _groups() -> list[str]:
    """The dependency groups of pyproject.toml (PEP 735)."""
    import tomllib

    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    return list(pyproject.get("dependency-groups", {}))


@nox.session(venv_backend="none")
def lock(session: nox.Session) -> None:
    """Refresh requirements/lock.txt (and requirements/tools.txt) with uv.

    Resolves gdbook's dependencies, its video extra and every dependency group,
    with the CPU build of torch for Python 3.11 (requirements/torch.in), in one
    universal resolution for every Python gdbook supports: where the newest version
    of a package needs a newer Python (Sphinx 9.2, numpy 2.5), the lock holds one
    version per Python, each line with its marker. Keeps the locked versions where
    they still fit; ``nox -s lock -- --upgrade`` moves everything to the newest
    versions (then run ``nox -s tests compat``, and update .pre-commit-config.yaml
    if ruff moved).
    """
    common = [
        "--universal",
        "--python-version",
        PYTHONS[0],  # the lowest: the resolution covers it and every newer one
        "--quiet",
        *session.posargs,
    ]
    env = {"UV_CUSTOM_COMPILE_COMMAND": "nox -s lock"}
    groups = [f"--group=pyproject.toml:{group}" for group in _groups()]
    session.run(
        "uv",
        "pip",
        "compile",
        "pyproject.toml",
        "requirements/torch.in",
        "--extra",
        "video",
        *groups,
        *_torch_sources(),
        "--no-emit-find-links",
        "--no-emit-index-url",
        "-o",
        str(LOCK),
        *common,
        env=env,
        external=True,
    )
    session.run(
        "uv",
        "pip",
        "compile",
        "requirements/tools.in",
        "-o",
        "requirements/tools.txt",
        *common,
        env=env,
        external=True,
    )


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
