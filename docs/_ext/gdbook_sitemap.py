"""Sphinx extension: ``sitemap.xml`` for the hosted site.

The sitemap lists every page of the site at its canonical address (``html_baseurl``,
which docs/conf.py reads from pyproject's [project.urls] Documentation), sorted, with
no dates: the same sources give the same file. It is written once the whole site is
known (``build-finished``), from every document of the project, so an incremental
build that rewrote a few pages still lists them all. (sphinx-sitemap, the package,
lists the pages in the order parallel writers finish them, and only the pages that
build wrote.) No ``robots.txt``: crawlers read it only at a host's root, which a
project site under a sub-path does not own.

One sitemap lists both languages: the English build writes it with every page at
its English address and at its address in each translation's folder (``zh_CN/``:
the same pages, docs/_ext/gdbook_i18n.py); a translation's build writes none.
"""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape

SITEMAP = "sitemap.xml"


def sitemap_xml(base: str, uris: list[str]) -> str:
    """The sitemap of the pages ``uris`` (relative to the site) under ``base``."""
    base = base.rstrip("/") + "/"
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ]
    for uri in sorted(set(uris)):
        lines.append(f"<url><loc>{escape(base + uri)}</loc></url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def write_sitemap(app, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    from gdbook_i18n import LANGUAGES, folder

    if folder(app.config):
        return  # the English build's sitemap lists this language's pages
    base = app.config.html_baseurl
    if not base:
        from sphinx.errors import ExtensionError

        raise ExtensionError("gdbook_sitemap: html_baseurl is not set")
    uris = [
        where + app.builder.get_target_uri(doc)
        for doc in app.env.found_docs
        for where, _, _ in LANGUAGES.values()
    ]
    out = Path(app.outdir)
    (out / SITEMAP).write_text(sitemap_xml(base, uris), encoding="utf-8")


def setup(app):
    app.connect("build-finished", write_sitemap)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
