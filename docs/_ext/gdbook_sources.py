"""Sphinx extension: the sources, and the table of their examples and pages.

``.. source-list::`` credits each source document: its title, what it teaches, and
the site, author and date its stored copy names (and, for source 003, the book it
follows).

``.. example-inventory::`` renders one row per example (E01 ... E15) of the source
documents, linked to every gallery page whose opening docstring names its id, or
marked "not yet". The links are found by scanning the gallery, so a new page is
listed as soon as it exists and the table can never point to a missing page.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from pathlib import Path

from docutils import nodes
from docutils.statemachine import StringList
from gdbook_i18n import msg, ui
from sphinx.util.docutils import SphinxDirective


@dataclass(frozen=True)
class Source:
    """One source document, as its stored copy names it."""

    key: str
    # In English, and in the build's language through gdbook_i18n.ui (the catalog
    # gdbook-ui.po): the Chinese site shows the original titles alone.
    title: str  # in English, then the original title in brackets
    subject: str
    published: str  # site, author, date: what the copy says, and nothing more
    book: str = ""  # the book a source follows, if any


SOURCES = [
    Source(
        "000",
        msg("(untitled)"),
        msg(
            "Backpropagation by hand; visualising gradient descent on f(x) = x² and "
            "f(x, y) = x² + y², statically and as an animation."
        ),
        msg("The copy names no site, author, date or title: it is code and text only."),
    ),
    Source(
        "001",
        msg(
            "“Visualising gradient descent in Python with get_gradient_function()” "
            "(使用get_gradient_function()函数在Python中实现梯度下降的可视化)"
        ),
        msg("A line y = m·x + b fitted by gradient descent, with its figure."),
        msg(
            "宙启技术站 (Zhouqi tech site), published 2024-01-11 10:03:56; no author "
            "named."
        ),
    ),
    Source(
        "002",
        msg("“Deep learning: the gradient descent algorithm” (深度学习之梯度下降算法)"),
        msg(
            "Gradient descent and “stochastic” gradient descent for y = w·x, with the "
            "100 epochs printed."
        ),
        msg(
            "The copy names no site, author or date. (Its image placeholders, "
            "在这里插入图片描述, “insert image description here”, are the default "
            "text of the CSDN blog editor.)"
        ),
    ),
    Source(
        "003",
        msg(
            "“Gradients, the gradient method, and computing a neural network's "
            "gradient in Python” (梯度、梯度法、python实现神经网络的梯度计算)"
        ),
        msg(
            "The numerical derivative and gradient, the gradient method and its "
            "learning rate, and the gradient of simpleNet's loss."
        ),
        msg(
            "生活随笔, which “collected and compiled” it (收集整理): dated "
            "2025/3/12 and signed 豆豆, its text in Traditional characters; the "
            "original author is not named."
        ),
        msg(
            "It follows, text and code, chapter 4 of Koki Saito's *Deep Learning "
            "from Scratch* (斋藤康毅《深度学习入门：基于Python的理论与实现》, "
            "人民邮电出版社, 2018; the Chinese edition of "
            "『ゼロから作るDeep Learning』, O'Reilly Japan, 2016). It shows some of "
            "the book's code and imports the rest without showing it "
            "(``ch04/gradient_2d.py`` and the ``common`` package)."
        ),
    ),
    Source(
        "004",
        msg(
            "“Python gradient descent and backpropagation, part 2 (study notes)” "
            "(python 梯度下降和反向传播(下)(学习笔记))"
        ),
        msg(
            "The cost e(w, b) of a line as a family of curves and as a surface; "
            "stochastic descent on w and b, with the line redrawn live."
        ),
        msg(
            "tnblog (its figures are served from img.tnblog.net), published "
            "2023/4/14 14:56; no author named."
        ),
    ),
]

EXAMPLES = [
    ("E01", "000", msg("Forward and backward pass of a 2-3-1 linear network by hand")),
    ("E02", "000", msg("Gradient descent on f(x) = x², the path on the curve")),
    ("E03", "000", msg("The same descent as an animation")),
    ("E04", "000", msg("Descent on the bowl x² + y², 3D surface and animation")),
    ("E05", "001", msg("Line fit y = m·x + b by gradient descent")),
    ("E06", "002", msg("Gradient descent for y = w·x, 100 epochs printed")),
    ("E07", "002", msg("Stochastic gradient descent (and the source's error)")),
    ("E08", "003", msg("numerical_diff: the central difference")),
    ("E09", "003", msg("Numerical gradient of x₀² + x₁² at (3, 4)")),
    ("E10", "003", msg("The gradient field")),
    ("E11", "003", msg("Gradient descent with the numerical gradient")),
    ("E12", "003", msg("Learning rate too large and too small")),
    ("E13", "003", msg("simpleNet: the gradient of a network's loss")),
    ("E14", "004", msg("The beans data and the cost e(w, b)")),
    ("E15", "004", msg("Per-sample SGD on w and b, animated")),
]

EXAMPLE_ID = re.compile(r"\bE(\d\d)\b")


def pages_by_example(gallery_dir: Path, gallery_out: str) -> dict[str, list[str]]:
    """Map each example id to the sphinx-gallery labels of the pages naming it."""
    found: dict[str, list[str]] = {}
    for script in sorted(gallery_dir.rglob("plot_*.py")):
        docstring = ast.get_docstring(ast.parse(script.read_text(encoding="utf-8")))
        relative = script.relative_to(gallery_dir).as_posix()
        label = f"sphx_glr_{gallery_out}_{relative.replace('/', '_')}"
        for number in sorted(set(EXAMPLE_ID.findall(docstring or ""))):
            found.setdefault(f"E{number}", []).append(label)
    return found


class ExampleInventory(SphinxDirective):
    """Render the inventory as a list-table with links to the gallery pages."""

    def run(self) -> list[nodes.Node]:
        config = self.config.sphinx_gallery_conf
        src = Path(self.env.srcdir)
        gallery_dir = (src / config["examples_dirs"]).resolve()
        gallery_out = Path(config["gallery_dirs"]).as_posix().replace("/", "_")
        for script in gallery_dir.rglob("plot_*.py"):
            self.env.note_dependency(str(script))
        pages = pages_by_example(gallery_dir, gallery_out)

        app = self.env.app
        lines = [
            ".. list-table::",
            "   :header-rows: 1",
            "   :widths: 8 10 50 32",
            "",
            f"   * - {ui(app, 'Id')}",
            f"     - {ui(app, 'Source')}",
            f"     - {ui(app, 'Example')}",
            f"     - {ui(app, 'Page')}",
        ]
        for example_id, source, title in EXAMPLES:
            links = ", ".join(f":ref:`{label}`" for label in pages.get(example_id, []))
            lines += [
                f"   * - {example_id}",
                f"     - {source}",
                f"     - {ui(app, title)}",
                f"     - {links or ui(app, 'not yet')}",
            ]
        container = nodes.container()
        self.state.nested_parse(StringList(lines), self.content_offset, container)
        return container.children


class SourceList(SphinxDirective):
    """Render the list of source documents: title, subject, site, author, date."""

    def run(self) -> list[nodes.Node]:
        app = self.env.app
        lines = []
        for source in SOURCES:
            heading = ui(app, "**Source {key}**: {title}.").format(
                key=source.key, title=ui(app, source.title)
            )
            lines += [
                f"- {heading}",
                "",
                f"  {ui(app, source.subject)}",
                "",
                f"  *{ui(app, 'Published:')}* {ui(app, source.published)}",
            ]
            if source.book:
                lines += ["", f"  *{ui(app, 'Book:')}* {ui(app, source.book)}"]
            lines.append("")
        container = nodes.container()
        self.state.nested_parse(StringList(lines), self.content_offset, container)
        return container.children


def reread_inventory(app, env, added, changed, removed) -> list[str]:
    """Re-read the pages that hold the inventory table, on every build.

    A new gallery script changes the table without changing the page that holds
    it, so Sphinx would otherwise keep the stale table (it only tracks the scripts
    that existed when the page was last read). The pages are few and small.
    """
    pages = []
    for docname in env.found_docs - set(removed):
        path = Path(env.doc2path(docname))
        if path.suffix in {".md", ".rst"} and "example-inventory::" in path.read_text(
            encoding="utf-8"
        ):
            pages.append(docname)
    return sorted(pages)


def setup(app):
    app.connect("env-get-outdated", reread_inventory)
    app.add_directive("example-inventory", ExampleInventory)
    app.add_directive("source-list", SourceList)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
