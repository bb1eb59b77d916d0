"""Sphinx extension: serve MathJax from the site itself, and only the part it uses.

The ``sphinx-mathjax-offline`` wheel carries the whole MathJax 3 distribution (24 MB,
a dozen alternative bundles). Its own extension copies all of it into every build,
which alone would take the site over its 20 MB budget. This extension copies the
files that the ``tex-chtml.js`` bundle can load: the bundle itself, the TeX
extensions it autoloads, the CommonHTML fonts, and the menu's accessibility
components (the expression explorer and its speech rules), so that no feature of
the MathJax menu reaches for a missing file.

Stale files from a previous, complete copy are removed, so an incremental build ends
with the same ``_static/mathjax`` as a clean one.
"""

from __future__ import annotations

import filecmp
import importlib.util
import shutil
from pathlib import Path

BUNDLE = "tex-chtml.js"
# What BUNDLE loads on demand, as paths relative to the MathJax folder.
ON_DEMAND = (
    "input/tex/extensions",  # \require{...} and the autoloaded TeX packages
    "output/chtml",  # the fonts of the CommonHTML output
    "ui",  # the context menu and lazy typesetting
    "a11y",  # assistive MathML, explorer, semantic enrichment
    "sre",  # the speech rules of the explorer
)


def mathjax_source() -> Path:
    """The MathJax folder inside the installed ``sphinx-mathjax-offline`` package."""
    spec = importlib.util.find_spec("sphinx-mathjax-offline")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError(
            "MathJax files not found: install the docs extra (sphinx-mathjax-offline)"
        )
    return Path(next(iter(spec.submodule_search_locations))) / "static" / "mathjax"


def files_to_serve(source: Path) -> list[Path]:
    """The MathJax files the site serves, relative to ``source``."""
    wanted = [Path(BUNDLE)]
    for folder in ON_DEMAND:
        wanted += sorted(
            path.relative_to(source)
            for path in (source / folder).rglob("*")
            if path.is_file()
        )
    return wanted


def sync_tree(source: Path, target: Path, files: list[Path]) -> None:
    """Make ``target`` hold exactly ``files`` copied from ``source``."""
    keep = set(files)
    for relative in files:
        dest = target / relative
        if dest.is_file() and filecmp.cmp(source / relative, dest, shallow=False):
            continue
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source / relative, dest)
    if target.is_dir():
        for path in sorted(target.rglob("*"), reverse=True):
            if path.is_file() and path.relative_to(target) not in keep:
                path.unlink()
            elif path.is_dir() and not any(path.iterdir()):
                path.rmdir()


def copy_mathjax(app, exception) -> None:
    """After a successful HTML build, put MathJax into ``_static/mathjax``.

    Not in a build whose pages load another site's copy: the Chinese site's load
    the English site's (docs/_ext/gdbook_i18n.py sets their ``mathjax_path``).
    """
    if exception is not None or app.builder.format != "html":
        return
    if app.config.mathjax_path != f"mathjax/{BUNDLE}":
        return
    source = mathjax_source()
    sync_tree(source, Path(app.outdir) / "_static" / "mathjax", files_to_serve(source))


def setup(app):
    app.setup_extension("sphinx.ext.mathjax")
    # Relative to _static: the pages load it from the site, never from a CDN.
    app.config.mathjax_path = f"mathjax/{BUNDLE}"
    app.connect("build-finished", copy_mathjax)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
