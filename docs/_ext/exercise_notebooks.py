"""The notebook of a chapter's exercises (no Sphinx needed: tests import it).

Used by ``gdbook_exercises``, which writes one notebook a chapter and a language
when the site is built. The first cell is the gallery's install cell; then, for
each exercise, its statement (Markdown with ``$...$`` maths, as Jupyter renders
it), the cell a learner fills, and the ``check`` that judges it. The words are
gdbook.exercises' own, in the notebook's language (``lang``: "en" or "zh_CN"),
and a Chinese notebook's checks answer in Chinese.
"""

from __future__ import annotations

import re


def folder(lang: str) -> str:
    """The notebooks' folder under ``exercises/notebooks``: "" or "zh_CN/"."""
    return "" if lang == "en" else f"{lang}/"


def notebook_name(chapter: int) -> str:
    return f"gdbook-exercises-chapter-{chapter}.ipynb"


def import_cell(lang: str) -> str:
    """The cell that imports the exercises, and makes them speak ``lang``."""
    if lang == "en":
        return "from gdbook import exercises"
    return f'from gdbook import exercises\n\nexercises.set_language("{lang}")'


def _function_name(template: str) -> str | None:
    match = re.match(r"def (\w+)\(", template)
    return match.group(1) if match else None


def check_call(exercise) -> str:
    """The line that checks a learner's answer to ``exercise``."""
    answer = _function_name(exercise.template) or "answer"
    return f'exercises.check("{exercise.name}", {answer})'


def _cell(kind: str, text: str) -> dict:
    cell = {"cell_type": kind, "metadata": {}, "source": text.splitlines(True)}
    if kind == "code":
        cell.update(execution_count=None, outputs=[])
    return cell


def notebook(chapter: int, first_cell: str, lang: str = "en") -> dict:
    """The notebook of ``chapter``'s exercises in ``lang``, each a cell to fill and
    a check."""
    from gdbook import exercises
    from gdbook.exercises._core import text

    words = text(lang)["page"]
    title = exercises.chapters(lang)[chapter]
    cells = [
        _cell("code", first_cell),
        _cell(
            "markdown",
            "# "
            + words["notebook_title"].format(chapter=chapter, title=title)
            + "\n\n"
            + words["notebook_intro"],
        ),
        _cell("code", import_cell(lang)),
    ]
    for number, name in enumerate(exercises.names(chapter), start=1):
        exercise = exercises.get(name, lang)
        heading = f"## {chapter}.{number} {exercise.title}\n\n{exercise.statement}"
        cells += [
            _cell("markdown", heading),
            _cell("code", exercise.template),
            _cell("code", check_call(exercise)),
        ]
    for number, cell in enumerate(cells):
        cell["id"] = f"cell-{number}"  # nbformat 4.5 wants an id on every cell
    return {
        "cells": cells,
        "metadata": {
            "kernelspec": {
                "display_name": "Python 3",
                "language": "python",
                "name": "python3",
            },
            "language_info": {"name": "python"},
        },
        "nbformat": 4,
        "nbformat_minor": 5,
    }
