"""Sphinx extension: each function and class of the API reference shows the
examples that use it (sphinx-gallery's mini-galleries).

The gallery records, for every object of gdbook an example calls, which examples do
(its backreferences). After numpydoc has formatted a docstring, this appends a
rubric and a ``minigallery`` directive to the docstring of every documented
function or class that some example uses, so the API pages need no directive
written by hand and a new example shows up on the pages of what it calls.
"""

from __future__ import annotations

import json
from pathlib import Path

_BACKREFERENCES: dict = {}


def read_backreferences(app) -> None:
    """Read the gallery's ``{object name: examples}``, once it has written them."""
    conf = app.config.sphinx_gallery_conf
    path = Path(app.srcdir, conf["backreferences_dir"], "backreferences_all.json")
    _BACKREFERENCES.clear()
    if path.is_file():
        _BACKREFERENCES.update(json.loads(path.read_text("utf-8")))


def add_minigallery(app, what, name, obj, options, lines) -> None:
    if what not in {"function", "class"} or not _BACKREFERENCES.get(name):
        return
    lines += [
        "",
        f".. rubric:: Examples using ``{name}``",
        "",
        f".. minigallery:: {name}",
        "",
    ]


def setup(app):
    # sphinx-gallery writes the backreferences on builder-inited (priority 500).
    app.connect("builder-inited", read_backreferences, priority=950)
    # numpydoc formats the docstring at the default priority (500); this runs after.
    app.connect("autodoc-process-docstring", add_minigallery, priority=900)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
