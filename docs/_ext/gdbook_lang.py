"""Sphinx extension: ``lang="zh"`` on the Chinese text of every page.

The site is in English and quotes its Chinese sources: in the prose, in code blocks
(the sources' code and comments) and in the examples' printed output. Marked as
Chinese, that text is drawn with a Chinese font by the browser (the stylesheet's
``:lang(zh)`` rule names the usual ones before its fallbacks), and read as Chinese
by screen readers and translators. No page needs to say so: once a page's body is
rendered (``html-page-context``), every run of CJK characters outside a tag, a
script or a style is wrapped in ``<span lang="zh">``. This covers code blocks too,
whose HTML Pygments writes, which a doctree transform cannot reach. The copy
buttons and the search index read the text, which does not change.

The Chinese edition (``language = "zh_CN"``, docs/_ext/gdbook_i18n.py) needs none of
this: its pages are ``<html lang="zh-CN">`` as a whole, which ``:lang(zh)`` matches.
"""

from __future__ import annotations

import re

# CJK ideographs (with extension A, compatibility ideographs and the supplementary
# planes), CJK symbols and punctuation, and full-width forms (，：（）).
CJK = (
    "\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef"
    "\U00020000-\U0003134f"
)
RUN = re.compile(f"[{CJK}]+")
# What is not text: a script or style element (kept whole), a comment, or a tag.
NOT_TEXT = re.compile(
    r"(<script\b.*?</script\s*>|<style\b.*?</style\s*>|<!--.*?-->|<[^>]*>)",
    re.DOTALL | re.IGNORECASE,
)


def mark_chinese(html: str) -> str:
    """``html`` with each run of CJK characters in its text in a span with
    ``lang="zh"``."""
    if not RUN.search(html):
        return html
    parts = NOT_TEXT.split(html)
    for i in range(0, len(parts), 2):  # even items are text between tags
        parts[i] = RUN.sub(r'<span lang="zh">\g<0></span>', parts[i])
    return "".join(parts)


def mark_page(app, pagename, templatename, context, doctree) -> None:
    if "body" in context and not (app.config.language or "en").startswith("zh"):
        context["body"] = mark_chinese(context["body"])


def setup(app):
    app.connect("html-page-context", mark_page)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
