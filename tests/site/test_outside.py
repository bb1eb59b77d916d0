"""gdbook outside its repository, as a reader and a user's CI get it.

From the built site alone: its wheel of gdbook is installed into a new virtual
environment that cannot see the repository, then, each from an empty folder,

- every downloaded script runs (``python plot_x.py``) and prints nothing on
  stderr: no warning, no traceback,
- every downloaded notebook runs (nbclient, with a kernel of that environment),
  and no cell writes to stderr,
- gdbook's doctests pass as a user runs them: ``python -m pytest --doctest-modules
  --pyargs gdbook`` with no project configuration, and ``python -m doctest`` on
  each module file of the installed package.

The notebooks' text is checked for Sphinx markup that Jupyter would show raw. Each
test is named after its file. The scripts and notebooks run two at a time (one per
core) the first time a test asks for them.
"""

from __future__ import annotations

import itertools
import json
import os
import re
import shutil
import subprocess
import sys
import venv
import zipfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from sitecheck import NOTEBOOK_RUNNER, ROOT, SITE, site_is_built

import gdbook

LOCK = ROOT / "requirements" / "lock.txt"
# What the environment gets besides the wheel: Jupyter's kernel and runner for the
# notebooks, pytest for the doctests (versions from the lock).
TOOLS = ["ipykernel", "nbclient", "nbformat", "pytest"]
TIMEOUT = 600
# Sphinx markup that a notebook must not show: roles, directives, substitutions,
# and the labels of sphinx-gallery's pages.
MARKUP = re.compile(
    r":(?:[a-z]+:)?[a-z][a-z0-9-]*:`"  # :func:`x`, :py:class:`x`
    r"|^[ \t]*\.\. [a-zA-Z][\w-]*::"  # .. note::
    r"|sphx_glr_"  # an unresolved reference to a gallery page
    r"|\{[a-z]+\}`",  # MyST roles
    re.MULTILINE,
)


def _downloads(suffix: str) -> list[Path]:
    if not site_is_built():
        return []
    return sorted((SITE / "_downloads").rglob(f"plot_*{suffix}"))


def _params(paths: list[Path]):
    if not paths:
        return [pytest.param(None, id="site-not-built")]
    return [pytest.param(path, id=path.name) for path in paths]


def _exercise_notebooks() -> list[Path]:
    if not site_is_built():
        return []
    return sorted((SITE / "_downloads").rglob("gdbook-exercises-*.ipynb"))


SCRIPTS = _downloads(".py")
EXERCISES = _exercise_notebooks()
NOTEBOOKS = _downloads(".ipynb") + EXERCISES
MODULES = sorted(
    path.relative_to(ROOT).as_posix() for path in (ROOT / "gdbook").rglob("*.py")
)


class Outside:
    """A virtual environment with the site's wheel installed, and empty folders."""

    def __init__(self, base: Path, wheel: Path) -> None:
        self.base = base
        self.wheel = wheel
        self.venv = base / "venv"
        self.python = self.venv / "bin" / "python"
        self._site_packages: Path | None = None
        self.env = {
            key: value
            for key, value in os.environ.items()
            if key not in {"PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME"}
        }
        self.env.update(MPLBACKEND="Agg", PYTHONHASHSEED="0", PYTHONNOUSERSITE="1")
        # Jupyter's files go to the temporary folder, not the user's home.
        self.env.update(
            JUPYTER_CONFIG_DIR=str(base / "jupyter-config"),
            JUPYTER_DATA_DIR=str(base / "jupyter-data"),
            JUPYTER_RUNTIME_DIR=str(base / "jupyter-runtime"),
            IPYTHONDIR=str(base / "ipython"),
            MPLCONFIGDIR=str(base / "matplotlib"),
        )

    def create(self) -> None:
        uv = shutil.which("uv")
        requirements = [str(self.wheel), *TOOLS]
        if uv:
            command = [uv, "venv", "--quiet", "--python", sys.executable]
            subprocess.run([*command, str(self.venv)], check=True, env=self.env)
            install = [uv, "pip", "install", "--quiet", "--python", str(self.python)]
        else:
            venv.create(self.venv, with_pip=True)
            install = [str(self.python), "-m", "pip", "install", "--quiet"]
        result = subprocess.run(
            [*install, "-c", str(LOCK), *requirements],
            env=self.env,
            capture_output=True,
            text=True,
        )
        if result.returncode != 0:
            pytest.fail(f"installing {self.wheel.name} failed:\n{result.stderr}")

    def folder(self, name: str) -> Path:
        """A new empty folder to run something from."""
        path = self.base / "runs" / name
        path.mkdir(parents=True)
        return path

    def run(self, args: list[str], cwd: Path) -> subprocess.CompletedProcess:
        return subprocess.run(
            [str(self.python), *args],
            cwd=cwd,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=TIMEOUT,
        )

    def run_download(self, download: Path) -> subprocess.CompletedProcess:
        folder = self.folder(f"{download.parent.name}-{download.name}")
        shutil.copyfile(download, folder / download.name)
        if download.suffix == ".py":
            return self.run([download.name], folder)
        (self.base / "run_notebook.py").write_text(NOTEBOOK_RUNNER)
        runner = str(self.base / "run_notebook.py")
        return self.run([runner, download.name, str(TIMEOUT)], folder)

    def site_packages(self) -> Path:
        """The folder the environment imports gdbook from (asked once)."""
        if self._site_packages is None:
            found = self.run(
                ["-c", "import gdbook, pathlib; print(pathlib.Path(gdbook.__file__))"],
                cwd=self.base,
            )
            assert found.returncode == 0, found.stderr
            self._site_packages = Path(found.stdout.strip()).parents[1]
        return self._site_packages


@pytest.fixture(scope="session")
def outside(site, tmp_path_factory) -> Outside:
    """The site's wheel installed in a new environment outside the repository."""
    # The wheel of the version documented (dist/ also keeps the released ones).
    wheel = site / "dist" / f"gdbook-{gdbook.__version__}-py3-none-any.whl"
    assert wheel.is_file(), f"the site offers no wheel of {gdbook.__version__}"
    environment = Outside(tmp_path_factory.mktemp("outside"), wheel)
    environment.create()
    return environment


@pytest.fixture(scope="session")
def download_runs(outside) -> dict[Path, subprocess.CompletedProcess]:
    """Every downloaded script and notebook, run (two at a time) once per session."""
    downloads = SCRIPTS + NOTEBOOKS
    # The longest first, so that the two workers finish together.
    downloads.sort(key=lambda path: (path.suffix != ".ipynb", path.name))
    with ThreadPoolExecutor(max_workers=2) as pool:
        runs = pool.map(outside.run_download, downloads)
        results = dict(zip(downloads, runs, strict=True))
    return results


def _report(result: subprocess.CompletedProcess) -> str:
    return f"exit {result.returncode}\n{result.stdout[-2000:]}\n{result.stderr[-4000:]}"


def test_gdbook_comes_from_the_wheel_not_the_repository(outside):
    location = outside.site_packages() / "gdbook"
    assert location.is_relative_to(outside.venv), location
    assert (location / "py.typed").is_file()
    installed = sorted(
        path.relative_to(location.parent).as_posix() for path in location.rglob("*.py")
    )
    assert installed == MODULES, "the wheel's modules differ from the repository's"


@pytest.mark.parametrize("script", _params(SCRIPTS))
def test_downloaded_script_runs_with_nothing_on_stderr(script, download_runs):
    result = download_runs[script]
    assert result.returncode == 0, f"{script.name}: {_report(result)}"
    assert result.stderr == "", f"{script.name} wrote on stderr: {_report(result)}"


@pytest.mark.parametrize("notebook", _params(NOTEBOOKS))
def test_downloaded_notebook_runs_with_nothing_on_stderr(notebook, download_runs):
    result = download_runs[notebook]
    assert result.returncode == 0, f"{notebook.name}: {_report(result)}"
    assert result.stderr == "", f"{notebook.name} wrote on stderr: {_report(result)}"


def markup_in(notebook: dict) -> list[str]:
    """The lines of a notebook's text cells that show Sphinx markup."""
    found = []
    for cell in notebook["cells"]:
        if cell["cell_type"] != "markdown":
            continue
        text = "".join(cell["source"])
        for match in MARKUP.finditer(text):
            start = text.rfind("\n", 0, match.start()) + 1
            end = text.find("\n", match.end())
            found.append(text[start : end if end != -1 else None].strip())
    return found


@pytest.mark.parametrize("notebook", _params(NOTEBOOKS))
def test_notebook_text_has_no_sphinx_markup(notebook, site):
    content = json.loads(notebook.read_text("utf-8"))
    assert markup_in(content) == [], notebook.name
    first = "".join(content["cells"][0]["source"])
    assert content["cells"][0]["cell_type"] == "code"
    assert 'find_spec("gdbook") is None' in first and "pip" in first


CHECK = re.compile(r'^exercises\.check\("(?P<name>\w+)", (?P<answer>\w+)\)$')


def test_every_chapter_has_an_exercise_notebook():
    assert len(EXERCISES) == 6, [path.name for path in EXERCISES]


@pytest.mark.parametrize("notebook", _params(EXERCISES))
def test_exercise_notebook_accepts_the_reference_answers(notebook, outside):
    """Each cell to fill, filled with the teacher's answer: every check says Right."""
    content = json.loads(notebook.read_text("utf-8"))
    cells = content["cells"]
    checks = 0
    for to_fill, check in itertools.pairwise(cells):
        match = CHECK.match("".join(check["source"]))
        if check["cell_type"] == "code" and match:
            name, answer = match["name"], match["answer"]
            to_fill["source"] = [f'{answer} = exercises.solution("{name}")']
            checks += 1
    assert checks >= 4, notebook.name
    folder = outside.folder(f"filled-{notebook.name}")
    filled = folder / notebook.name
    filled.write_text(json.dumps(content), encoding="utf-8")
    (folder / "run.py").write_text(
        NOTEBOOK_RUNNER + "nbformat.write(notebook, sys.argv[1])\n"
    )
    result = outside.run(["run.py", filled.name, str(TIMEOUT)], folder)
    assert result.returncode == 0, _report(result)
    outputs = [
        "".join(output.get("text", ""))
        for cell in json.loads(filled.read_text("utf-8"))["cells"]
        for output in cell.get("outputs", [])
    ]
    assert sum(text.startswith("Right") for text in outputs) == checks, outputs


def test_zipped_downloads_are_the_single_downloads(site):
    """The zips of all examples hold the same scripts and notebooks as the single
    downloads (the rewritten notebooks included)."""
    examples = [path for path in SCRIPTS + NOTEBOOKS if path not in EXERCISES]
    singles = {path.name: path.read_bytes() for path in examples}
    zipped = {}
    for archive in (site / "_downloads").rglob("auto_examples_*.zip"):
        with zipfile.ZipFile(archive) as opened:
            for name in opened.namelist():
                zipped[Path(name).name] = opened.read(name)
    assert sorted(zipped) == sorted(singles)
    assert [name for name in singles if zipped[name] != singles[name]] == []


def test_doctests_pass_with_pytest_and_no_project_configuration(outside):
    folder = outside.folder("pytest-doctests")
    result = outside.run(
        [
            "-m",
            "pytest",
            "--doctest-modules",
            "--pyargs",
            "gdbook",
            "-c",
            os.devnull,
            "--rootdir",
            str(folder),
            "-p",
            "no:cacheprovider",
            "-q",
        ],
        cwd=folder,
    )
    failed = re.findall(r"^FAILED (\S+)", result.stdout, re.MULTILINE)
    assert result.returncode == 0, f"failed: {failed}\n{_report(result)}"


@pytest.mark.parametrize("module", MODULES)
def test_doctests_pass_with_python_m_doctest(module, outside):
    path = outside.site_packages() / module
    result = outside.run(["-m", "doctest", str(path)], cwd=outside.folder(module))
    assert result.returncode == 0, f"{module}: {_report(result)}"
