"""Serve MathJax from the site itself instead of a CDN.

The MathJax 3 files come from the ``sphinx-mathjax-offline`` wheel (a package
registry, so the build needs no other host); this extension copies them to
``_static/mathjax`` and points ``mathjax_path`` there. It replaces that wheel's own
extension, which does the same but does not declare itself safe for parallel builds.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

from sphinx.errors import ExtensionError
from sphinx.util.fileutil import copy_asset

MATHJAX_ENTRY = "mathjax/tex-chtml.js"


def mathjax_source() -> Path:
    """The folder of MathJax files inside the installed wheel."""
    spec = importlib.util.find_spec("sphinx-mathjax-offline")
    if spec is None or spec.origin is None:
        raise ExtensionError(
            "MathJax files not found: install the 'sphinx-mathjax-offline' wheel "
            "(part of gdbook's 'docs' extra)"
        )
    return Path(spec.origin).parent / "static" / "mathjax"


def copy_mathjax(app, exception) -> None:
    if exception is None and app.builder.format == "html":
        copy_asset(str(mathjax_source()), str(Path(app.outdir) / "_static" / "mathjax"))


def setup(app):
    mathjax_source()  # fail early, before a long build, if the files are missing
    app.config.mathjax_path = MATHJAX_ENTRY
    app.connect("build-finished", copy_mathjax)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
