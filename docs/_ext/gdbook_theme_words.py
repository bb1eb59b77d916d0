"""Sphinx extension: the theme's plain-text words in the site's language.

pydata-sphinx-theme translates the words of its templates through Sphinx's
"sphinx" catalog, where the project's own (docs/locale/<language>/LC_MESSAGES/
sphinx.po) comes first. Two of the words around every page are not its
templates' but settings, written as they are: the search field's text (the theme
option ``search_bar_text``) and the copyright's author (``author`` in
``copyright``). This extension passes both through the same catalog, so that the
Chinese pages say them in Chinese and the English ones stay as they were. It
also gives the template of sphinx-gallery's download buttons
(docs/_templates/sg_download_links.html) their words, ``gdbook_download_words``:
sphinx-gallery writes "Download" and the kind of file apart, untranslatable.

And on a translation's gallery indexes, each thumbnail's title and tooltip, which
sphinx-gallery writes as raw HTML from the example's English (its title and first
paragraph), are made the translated page's (``translate_thumbnails``).
"""

from __future__ import annotations

import posixpath
import re
from html import escape

from docutils import nodes
from sphinx.locale import _

#: Theme options that are text shown on the page (not names of templates).
TEXT_OPTIONS = ("theme_search_bar_text",)


def translate(app, pagename, templatename, context, doctree) -> None:
    """The page's search-field text, copyright and download buttons in the
    build's language."""
    context["gdbook_download_words"] = {
        "python": str(_("Download source code")),
        "jupyter": str(_("Download Jupyter notebook")),
        "zip": str(_("Download zipped")),
    }
    if app.config.language == "en":
        return
    for option in TEXT_OPTIONS:
        if context.get(option):
            context[option] = str(_(context[option]))
    author = app.config.author
    if author and context.get("copyright"):
        context["copyright"] = context["copyright"].replace(author, str(_(author)))


#: The opening of a thumbnail in sphinx-gallery's raw HTML, and its title.
THUMBNAIL = re.compile(r'(<div class="sphx-glr-thumbcontainer" tooltip=")[^"]*(")')
TITLE = re.compile(r'(<div class="sphx-glr-thumbnail-title">).*?(</div>)', re.DOTALL)


def _page(docname: str, reference) -> str | None:
    """The page a resolved internal link of page ``docname`` leads to."""
    if reference is None or not reference.get("internal"):
        return None
    uri = reference.get("refuri", "").split("#")[0]
    if not uri.endswith(".html"):
        return None
    return posixpath.normpath(posixpath.join(posixpath.dirname(docname), uri[:-5]))


def _introduction(env, docname: str) -> str:
    """The first paragraph of page ``docname``'s first section, as plain text."""
    section = env.get_doctree(docname).next_node(nodes.section)
    for child in section.children if section else ():
        if isinstance(child, nodes.paragraph):
            return " ".join(child.astext().split())
    return ""


def translate_thumbnails(app, doctree, docname) -> None:
    """A translation's thumbnails: the title and tooltip of the page each leads
    to, in the build's language (sphinx-gallery writes the English ones as raw
    HTML around the link to the page, whose text is translated)."""
    if app.config.language == "en":
        return
    found = list(doctree.findall(lambda n: isinstance(n, (nodes.raw, nodes.reference))))
    for index, node in enumerate(found):
        if not isinstance(node, nodes.raw) or "html" not in node.get("format", ""):
            continue
        html = node.astext()
        if "sphx-glr-thumbnail-title" in html:  # the title of the link before it
            before = [n for n in found[:index] if isinstance(n, nodes.reference)]
            if before and _page(docname, before[-1]):
                title = escape(before[-1].astext(), quote=False)
                html = TITLE.sub(lambda m, t=title: m[1] + t + m[2], html)
        if "sphx-glr-thumbcontainer" in html:  # the tooltip of the link after it
            after = [n for n in found[index + 1 :] if isinstance(n, nodes.reference)]
            target = _page(docname, after[0]) if after else None
            if target in app.env.found_docs:
                tooltip = escape(_introduction(app.env, target))
                html = THUMBNAIL.sub(lambda m, t=tooltip: m[1] + t + m[2], html)
        if html != node.astext():
            node[:] = [nodes.Text(html)]


def setup(app):
    app.connect("html-page-context", translate)
    app.connect("doctree-resolved", translate_thumbnails)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
