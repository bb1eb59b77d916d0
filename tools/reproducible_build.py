"""Build the site twice from clean copies of the sources and compare the results.

Two builds of the same sources must give byte-identical sites: the same pages, the
same example outputs, figures, videos and downloads. A difference means something
that changes from run to run (a timing, an unseeded random number, a date, a path,
an order that follows a hash or the file system) has leaked into what readers get.

Each build runs in its own temporary folder (so absolute paths differ too), from a
copy of docs/ and gallery/ without anything generated (and of what the site's wheel
of gdbook is built from: pyproject.toml, README.md, LICENSE, CHANGELOG.md and
gdbook/), with the settings of
``nox -s docs``: the English site, then the Chinese one in its folder zh_CN/.
Usage: ``python tools/reproducible_build.py [--keep]`` (``nox -s reproducible``
installs what it needs and runs it). Exits 1 on any difference.

``--against SITE`` builds once and compares with a site already built, such as the
one ``nox -s docs`` made from a clean clone (CI does so: .ci/run). The copy is built
in another folder than that site's sources, so absolute paths still differ.
"""

from __future__ import annotations

import argparse
import difflib
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# Files of the project's root that the site reads (the changelog page) or builds
# its wheel from (docs/_ext/gdbook_wheel.py).
PROJECT_FILES = ("pyproject.toml", "README.md", "LICENSE", "CHANGELOG.md")
# What the docs build writes into docs/ (sphinx-gallery generates its pages there).
GENERATED = ("_build", "auto_examples", "gen_modules", "sg_execution_times.rst")
# The environment and options of `nox -s docs` (noxfile.py, _sphinx_build): the
# examples run in as many processes as there are cores there too.
BUILD_ENV = {"MPLBACKEND": "Agg", "PYTHONHASHSEED": "0"}
BUILD_OPTIONS = ("-W", "--keep-going", "-j", "auto", "-b", "html")
# The site's languages, built in this order as `nox -s docs` builds them: English at
# the root, each translation in its folder (noxfile.py's LANGUAGES), so the
# comparison covers both trees.
LANGUAGES = ("en", "zh_CN")
# Examples that print and plot timings measured at build time, by design ("Why
# vectorise"): their page, figures and copied source differ from build to build.
# Their downloads (the scripts themselves) are still compared.
MEASURED_EXAMPLES = ("plot_why_vectorise",)
# The search index lists the words of every page, numbers such as "16x" included, so
# a timing changes the postings of terms with digits; those are left out of the
# comparison of the index (the pages' own numbers are compared in the pages).
DIGIT_TERM = re.compile(rb'"[^"]*\d[^"]*":(\[[\d,]*\]|\d+),?')
# Sphinx's .buildinfo holds a hash of the configuration, which covers the absolute
# paths that extensions add to templates_path and html_static_path: those of the
# virtual environment's packages. Two builds in two environments with the same
# packages (`--against` a site that `nox -s docs` built) differ there and nowhere
# else; the hash is left out of the comparison (the files it describes are compared).
CONFIG_HASH = re.compile(rb"^config: [0-9a-f]+$", re.MULTILINE)


def _generated(directory: str, names: list[str]) -> set[str]:
    """What copytree leaves out of docs/: the GENERATED names at the top of docs/
    only (docs/locale/zh_CN/LC_MESSAGES/auto_examples/ holds the gallery's
    translations, which a fresh build needs), and compiled catalogs everywhere."""
    top = Path(directory) == ROOT / "docs"
    return {n for n in names if (top and n in GENERATED) or n.endswith(".mo")}


def build(workdir: Path) -> Path:
    """Build the site from fresh copies of the sources in ``workdir``; return it."""
    shutil.copytree(ROOT / "docs", workdir / "docs", ignore=_generated)
    for folder in ("gallery", "gdbook"):
        shutil.copytree(
            ROOT / folder,
            workdir / folder,
            ignore=shutil.ignore_patterns("__pycache__"),
        )
    for name in PROJECT_FILES:
        shutil.copyfile(ROOT / name, workdir / name)
    site = workdir / "html"
    started = time.perf_counter()
    for language in LANGUAGES:
        first = language == LANGUAGES[0]
        command = [
            sys.executable,
            "-m",
            "sphinx",
            *BUILD_OPTIONS,
            "-q",
            "-d",
            str(workdir / ("doctrees" if first else f"doctrees-{language}")),
            "-D",
            f"language={language}",
            str(workdir / "docs"),
            str(site if first else site / language),
        ]
        subprocess.run(command, check=True, env={**os.environ, **BUILD_ENV})
    print(f"built {site} in {time.perf_counter() - started:.0f} s", flush=True)
    return site


def is_measured(name: str) -> bool:
    """Whether a built file belongs to a page of timings (see MEASURED_EXAMPLES)."""
    return not name.startswith("_downloads/") and any(
        stem in name for stem in MEASURED_EXAMPLES
    )


def files_of(site: Path) -> dict[str, Path]:
    """The files of a built site to compare, by path relative to the site."""
    return {
        name: path
        for path in sorted(site.rglob("*"))
        if path.is_file() and not is_measured(name := path.relative_to(site).as_posix())
    }


def comparable_bytes(name: str, path: Path) -> bytes:
    """The content of a built file as compared (the search index normalised)."""
    content = path.read_bytes()
    if name.rpartition("/")[2] == "searchindex.js":
        content = DIGIT_TERM.sub(b"", content)
    elif name.rpartition("/")[2] == ".buildinfo":
        content = CONFIG_HASH.sub(b"config: -", content)
    return content


def differences(first: Path, second: Path, context_lines: int = 12) -> list[str]:
    """What differs between two built sites, as readable lines."""
    ones, twos = files_of(first), files_of(second)
    report = [f"only in the first build: {name}" for name in sorted(ones.keys() - twos)]
    report += [
        f"only in the second build: {name}" for name in sorted(twos.keys() - ones)
    ]
    for name in sorted(ones.keys() & twos):
        one = comparable_bytes(name, ones[name])
        two = comparable_bytes(name, twos[name])
        if one == two:
            continue
        report.append(f"differs: {name} ({len(one)} and {len(two)} bytes)")
        try:
            diff = difflib.unified_diff(
                one.decode().splitlines(), two.decode().splitlines(), lineterm="", n=0
            )
            report += [
                f"    {line[:160]}" for line in list(diff)[2 : 2 + context_lines]
            ]
        except UnicodeDecodeError:
            pass  # binary: the sizes above say enough to start looking
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", action="store_true", help="keep the two builds")
    parser.add_argument(
        "--against",
        type=Path,
        metavar="SITE",
        help="compare one new build with this site, built from the same sources",
    )
    args = parser.parse_args(argv)
    if args.against and not (args.against / "index.html").is_file():
        parser.error(f"no built site in {args.against}")
    workdir = Path(tempfile.mkdtemp(prefix="gdbook-reproducible-"))
    try:
        first = args.against.resolve() if args.against else build(workdir / "first")
        second = build(workdir / "second")
        report = differences(first, second)
        count = len(files_of(first))
    finally:
        if args.keep:
            print(f"the builds are kept in {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)
    if report:
        print("The two builds differ:", *report, sep="\n", file=sys.stderr)
        return 1
    print(f"The two builds are identical ({count} files).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
