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
"""

from __future__ import annotations

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


def setup(app):
    app.connect("html-page-context", translate)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
