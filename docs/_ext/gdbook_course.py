"""The course's path through the site, and links to gallery pages by script name.

Sphinx's previous/next links follow the toctree, depth first. So that they walk the
course (docs/_ext/gdbook_order.py's COURSE: each chapter's lesson, then its gallery
pages in teaching order, then the next chapter), this extension

- gives each chapter's first lesson a toctree of the chapter's other lessons and
  gallery pages, in teaching order (read from the gallery's files when the lesson is
  read, so a new page joins its chapter by itself);
- removes the list of pages from the toctree of sphinx-gallery's index of each
  chapter folder, so that every page has one parent, its lesson. The gallery's index
  (auto_examples/index) stays, as the catalogue of every page with its thumbnail.

It also adds the role ``{gdbook-page}`plot_x``` (a link to the gallery page of
``plot_x.py``) and the directive ``{gdbook-thumbnail} plot_x`` (its thumbnail as a
link), which find the page's chapter folder themselves: a link survives a page
moving to another chapter.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from gdbook_order import (
    COURSE,
    GALLERY_OUT,
    find_page,
    lesson_toctree,
    without_toctree,
)
from sphinx import addnodes
from sphinx.util.docutils import ReferenceRole, SphinxDirective
from sphinx.util.osutil import relative_uri


def _gallery(config, srcdir) -> Path:
    """The gallery's folder of scripts (sphinx-gallery's examples_dirs)."""
    return (Path(srcdir) / config.sphinx_gallery_conf["examples_dirs"]).resolve()


def _source_read(app, docname: str, source: list[str]) -> None:
    for chapter in COURSE:
        if docname == chapter.lessons[0]:
            source[0] += lesson_toctree(chapter, _gallery(app.config, app.srcdir))
        elif docname == f"{GALLERY_OUT}/{chapter.folder}/index":
            source[0] = without_toctree(source[0])


def _always_reread_lessons(app, env, added, changed, removed) -> list[str]:
    """Re-read the lessons on every build: their toctrees follow the gallery's files
    and TEACHING_ORDER, which Sphinx does not know they depend on."""
    return [c.lessons[0] for c in COURSE if c.lessons[0] in env.found_docs]


class PageRole(ReferenceRole):
    """``{gdbook-page}`plot_x``` or ``{gdbook-page}`text <plot_x>```: a link to the
    gallery page of script ``plot_x.py``, whichever chapter it is in (its title
    when no text is given)."""

    def run(self):
        stem = Path(self.target).stem
        try:
            folder = find_page(_gallery(self.config, self.env.srcdir), stem)
        except ValueError as error:
            message = self.inliner.reporter.error(str(error), line=self.lineno)
            return [self.inliner.problematic(self.rawtext, self.rawtext, message)], [
                message
            ]
        node = addnodes.pending_xref(
            self.rawtext,
            refdomain="std",
            reftype="ref",
            reftarget=f"sphx_glr_{GALLERY_OUT}_{folder}_{stem}.py",
            refexplicit=self.has_explicit_title,
            refwarn=True,
        )
        node += nodes.inline(self.rawtext, self.title, classes=["xref", "std-ref"])
        return [node], []


class Thumbnail(SphinxDirective):
    """``{gdbook-thumbnail} plot_x``: the thumbnail of a gallery page, a link to it.

    Options: ``alt`` (required: what the picture shows) and ``width``.
    """

    required_arguments = 1
    option_spec: ClassVar[dict] = {
        "alt": directives.unchanged_required,
        "width": directives.length_or_percentage_or_unitless,
    }

    def run(self):
        stem = Path(self.arguments[0]).stem
        folder = find_page(_gallery(self.config, self.env.srcdir), stem)
        page = f"{GALLERY_OUT}/{folder}/{stem}"
        thumb = f"/{GALLERY_OUT}/{folder}/images/thumb/sphx_glr_{stem}_thumb.png"
        image = nodes.image(uri=thumb, alt=self.options["alt"])
        if "width" in self.options:
            image["width"] = self.options["width"]
        uri = relative_uri(f"{self.env.docname}.html", f"{page}.html")
        link = nodes.reference("", "", refuri=uri, internal=True)
        link += image
        self.env.note_dependency(
            str(_gallery(self.config, self.env.srcdir) / folder / f"{stem}.py")
        )
        return [nodes.paragraph("", "", link, classes=["gdbook-play"])]


def setup(app):
    app.add_role("gdbook-page", PageRole())
    app.add_directive("gdbook-thumbnail", Thumbnail)
    app.connect("source-read", _source_read)
    app.connect("env-get-outdated", _always_reread_lessons)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
