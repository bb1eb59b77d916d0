"""Sphinx extension: the glossary, from the course's one list of terms.

``gdbook-glossary`` (a directive, no arguments) renders ``docs/_data/terms.toml``
as a table: each term in English and in Chinese, with its meaning in one line,
in the order of the English. The same file is the list the translators follow
(the Chinese catalogs and gdbook.exercises use exactly its Chinese terms,
which tests/test_translations.py checks).

The two terms of a row are the same in both languages and stay out of the
catalogs; the headings and the meanings are translatable text like any other
of the page's: `nox -s translations` extracts them into the glossary page's
catalog (docs/locale/zh_CN/LC_MESSAGES/glossary.po).
"""

from __future__ import annotations

import tomllib
from pathlib import Path

from docutils import nodes
from docutils.statemachine import StringList
from sphinx.util.docutils import SphinxDirective

#: The list of terms, relative to the documentation's folder.
TERMS = Path("_data") / "terms.toml"
#: The table's headings (translated with the page).
HEADINGS = ("English", "Chinese", "Meaning")


def read_terms(path: Path) -> list[dict]:
    """The terms of ``path``, in the order of their English (ignoring case)."""
    with path.open("rb") as file:
        terms = tomllib.load(file)["term"]
    return sorted(terms, key=lambda term: term["en"].casefold())


def chinese(term: dict) -> str:
    """A term's Chinese, with the other forms the translations use."""
    return " / ".join([term["zh"], *term.get("also", [])])


def markdown_table(terms: list[dict]) -> list[str]:
    """The glossary as a Markdown table, one row a term."""
    lines = ["| " + " | ".join(HEADINGS) + " |", "|---|---|---|"]
    for term in terms:
        cells = (term["en"], chinese(term), term["meaning"])
        if any("|" in cell or "\n" in cell for cell in cells):
            raise ValueError(f"{TERMS}: a term's text has a | or a newline: {cells}")
        lines.append("| " + " | ".join(cells) + " |")
    return lines


class GlossaryDirective(SphinxDirective):
    """The table of the course's terms (``docs/_data/terms.toml``)."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        path = Path(self.env.srcdir) / TERMS
        self.env.note_dependency(str(path))
        container = nodes.container(classes=["gdbook-glossary"])
        lines = markdown_table(read_terms(path))
        self.state.nested_parse(StringList(lines), self.content_offset, container)
        # Gettext takes the text of nodes that say where they come from: this page.
        source, line = self.get_source_info()
        for element in container.findall(nodes.TextElement):
            element.source, element.line = source, line
        # The terms themselves (the first two columns of the body) are the same in
        # both languages: not for the catalogs.
        for body in container.findall(nodes.tbody):
            for row in body.findall(nodes.row):
                for entry in list(row.findall(nodes.entry))[:2]:
                    for element in entry.findall(nodes.TextElement):
                        element["translatable"] = False
        return [container]


def setup(app):
    app.add_directive("gdbook-glossary", GlossaryDirective)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
