"""Sphinx extension: each chapter's exercises, as a page and as a notebook.

``gdbook-exercises`` (a directive, with the chapter's number) renders the exercises
of :mod:`gdbook.exercises` for that chapter: for each, its statement, the cell a
learner fills and the ``check`` that judges it, and the worked solution folded
away in a ``<details>`` element. Above them, a link to the same exercises as a
notebook, which the extension writes when the build starts (deterministically:
the same bytes from build to build), into ``exercises/notebooks/`` beside the
pages (ignored by git, like ``auto_examples/``). The notebook's first cell is the
gallery's (``first_notebook_cell``): it installs the gdbook the site documents.

The words are gdbook.exercises' own (``gdbook/exercises/text/<language>.toml``), in
the build's language (``language``: English, or "zh_CN" for the Chinese site, whose
notebooks are in ``exercises/notebooks/zh_CN/``; both languages' notebooks are
written by every build, so the two builds share one source folder without
rewriting each other's files). The nodes the directive makes are not
translatable: gettext leaves them out of the catalogs, which need not translate
the exercises a second time.

The statements and solutions are Markdown with ``$...$`` maths, which MyST and
Jupyter both render, so the page and the notebook show the same text.
"""

from __future__ import annotations

import json
from html import escape
from importlib import resources
from pathlib import Path

from docutils import nodes
from docutils.statemachine import StringList
from exercise_notebooks import check_call, folder, import_cell, notebook, notebook_name
from sphinx.util.docutils import SphinxDirective

NOTEBOOKS = Path("exercises") / "notebooks"


def language(config) -> str:
    """The exercises' language for a build: "zh_CN" for Chinese, else "en"."""
    from gdbook.exercises import LANGUAGES

    return config.language if config.language in LANGUAGES else "en"


def write_notebooks(app) -> None:
    """Write every chapter's notebook in each language (only when its bytes
    change)."""
    from gdbook import exercises

    first_cell = app.config.sphinx_gallery_conf.get("first_notebook_cell") or ""
    for lang in exercises.LANGUAGES:
        where = Path(app.srcdir) / NOTEBOOKS / folder(lang)
        where.mkdir(parents=True, exist_ok=True)
        for chapter in exercises.chapters():
            data = notebook(chapter, first_cell, lang)
            text = json.dumps(data, indent=1, ensure_ascii=False, sort_keys=True)
            path = where / notebook_name(chapter)
            if not path.exists() or path.read_text(encoding="utf-8") != text + "\n":
                path.write_text(text + "\n", encoding="utf-8")


class solution_details(nodes.General, nodes.Element):
    """A worked solution, folded away (``<details>``, its summary ``summary``)."""


def visit_details(self, node) -> None:
    summary = escape(node["summary"])
    self.body.append(f'<details class="gdbook-solution"><summary>{summary}</summary>')


def depart_details(self, node) -> None:
    self.body.append("</details>")


def _shown(answer) -> str:
    """The reference answer as a reader should read it."""
    import numpy as np

    if callable(answer):
        return ""
    value = np.asarray(answer, dtype=float)
    if value.shape == ():
        number = float(value)
        return f"{int(number)}" if number.is_integer() else f"{number:.6g}"
    return "(" + ", ".join(f"{v:.4g}" for v in value.ravel()) + ")"


class ExercisesDirective(SphinxDirective):
    """``gdbook-exercises``: chapter N's exercises, with their notebook."""

    required_arguments = 1

    def _markdown(self, text: str) -> list[nodes.Node]:
        container = nodes.container()
        self.state.nested_parse(
            StringList(text.splitlines()), self.content_offset, container
        )
        return list(container.children)

    def run(self) -> list[nodes.Node]:
        from gdbook import exercises
        from gdbook.exercises._core import text

        lang = language(self.config)
        words = text(lang)["page"]
        # the page is read again when the words change
        data = resources.files("gdbook.exercises").joinpath("text", f"{lang}.toml")
        self.env.note_dependency(str(data))
        chapter = int(self.arguments[0])
        path = f"/{NOTEBOOKS.as_posix()}/{folder(lang)}{notebook_name(chapter)}"
        link = f"{{download}}`{words['notebook_link']} <{path}>`"
        out = self._markdown(words["intro"].format(notebook=link))
        for number, name in enumerate(exercises.names(chapter), start=1):
            exercise = exercises.get(name, lang)
            anchor = nodes.make_id(f"exercise-{name}")
            heading = nodes.rubric(
                "", f"{chapter}.{number} {exercise.title}", ids=[anchor]
            )
            out.append(heading)
            out += self._markdown(exercise.statement)
            cells = (import_cell(lang), exercise.template, check_call(exercise))
            code = "\n\n".join(cells[:2]) + "\n" + cells[2]
            block = nodes.literal_block(code, code, language="python")
            out.append(block)
            folded = solution_details(summary=words["solution"])
            shown = _shown(exercise.answer)
            answer = words["answer"].format(answer=shown) if shown else ""
            folded += self._markdown(exercise.working + "\n\n" + answer)
            out.append(folded)
        for node in out:  # the words are gdbook.exercises', in the build's language
            for element in node.findall(nodes.TextElement):
                element["translatable"] = False
        return out


def setup(app):
    app.add_node(solution_details, html=(visit_details, depart_details))
    app.add_directive("gdbook-exercises", ExercisesDirective)
    app.connect("builder-inited", write_notebooks)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
