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


@pytest.mark.parametrize("lang", exercises.LANGUAGES)
@pytest.mark.parametrize("chapter", list(exercises.chapters()))
def test_a_notebook_is_a_cell_to_fill_and_a_check_per_exercise(chapter, lang):
    notebook = exercise_notebooks.notebook(chapter, "# install", lang)
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
        exercise_notebooks.notebook(chapter, "# install", lang)
    )


def test_a_chinese_notebook_speaks_chinese():
    """Its text cells are the Chinese ones, and its checks answer in Chinese."""
    cells = exercise_notebooks.notebook(2, "# install", "zh_CN")["cells"]
    text = ["".join(cell["source"]) for cell in cells]
    assert text[1].startswith("# 练习，第 2 章：梯度下降")
    assert text[2].endswith('exercises.set_language("zh_CN")')
    assert (
        f"## 2.1 {exercises.get('one_step_on_the_parabola', 'zh_CN').title}"
        in (text[3])
    )
    assert "学习率" in text[3] and "learning rate" not in "".join(text)
    english = exercise_notebooks.notebook(2, "# install", "en")["cells"]
    assert "".join(english[2]["source"]) == "from gdbook import exercises"


def test_each_chapter_has_its_page():
    for chapter, title in exercises.chapters("en").items():
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
