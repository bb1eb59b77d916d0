"""The exercises' notebooks (docs/_ext/exercise_notebooks.py) and their pages."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest

from gdbook import exercises

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "docs" / "_ext"))

import exercise_notebooks  # noqa: E402


@pytest.mark.parametrize("chapter", list(exercises.chapters()))
def test_a_notebook_is_a_cell_to_fill_and_a_check_per_exercise(chapter):
    notebook = exercise_notebooks.notebook(chapter, "# install")
    cells = notebook["cells"]
    assert cells[0]["cell_type"] == "code" and cells[0]["source"] == ["# install"]
    checks = [
        "".join(cell["source"])
        for cell in cells
        if cell["cell_type"] == "code"
        and "".join(cell["source"]).startswith("exercises.check(")
    ]
    names = [re.search(r'"(\w+)"', line).group(1) for line in checks]
    assert names == exercises.names(chapter)
    # the same bytes each time: the site's downloads are reproducible
    assert json.dumps(notebook) == json.dumps(
        exercise_notebooks.notebook(chapter, "# install")
    )


def test_each_chapter_has_its_page():
    for chapter, title in exercises.chapters().items():
        page = (ROOT / "docs" / "exercises" / f"chapter-{chapter}.md").read_text()
        assert f"# Exercises {chapter}: {title}" in page
        assert f"{{gdbook-exercises}} {chapter}" in page


def test_the_code_exercises_check_the_function_their_template_defines():
    for name in exercises.names():
        exercise = exercises.get(name)
        line = exercise_notebooks.check_call(exercise)
        if exercise.wants_code:
            defined = re.match(r"def (\w+)\(", exercise.template).group(1)
            assert line == f'exercises.check("{name}", {defined})'
        else:
            assert line == f'exercises.check("{name}", answer)'
