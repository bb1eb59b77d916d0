"""Every gallery script runs on its own, headless, and follows the house rules."""

from __future__ import annotations

import ast
import re

import pytest
from conftest import GALLERY, gallery_scripts

SCRIPTS = gallery_scripts()


def test_the_gallery_is_not_empty():
    assert len(SCRIPTS) >= 2


@pytest.mark.parametrize("relative", SCRIPTS)
def test_script_runs_on_its_own(relative, run_example):
    run_example(relative)


@pytest.mark.parametrize("relative", SCRIPTS)
def test_script_opens_with_a_titled_docstring(relative):
    docstring = ast.get_docstring(ast.parse((GALLERY / relative).read_text()))
    assert docstring, f"{relative} has no docstring"
    title, underline, *_ = docstring.strip().splitlines()
    assert underline == "=" * len(title), f"{relative}: title not underlined with ="


@pytest.mark.parametrize("relative", SCRIPTS)
def test_maths_in_text_cells_has_single_backslashes(relative):
    """A text cell (``# `` comment lines) is reST as written: ``\\eta`` there is a
    line break then "eta" in MathJax, not the letter. (In a docstring that is not
    raw, two backslashes are right: Python turns them into one.)"""
    comments = [
        line
        for line in (GALLERY / relative).read_text().splitlines()
        if line.startswith("#")
    ]
    doubled = [
        line for line in comments if re.search(r":math:`[^`]*\\\\[A-Za-z]", line)
    ]
    assert not doubled, f"{relative}: {doubled}"


# Pages that teach first (issue 18) keep what concerns a source in a last section,
# "The source, checked", which names the example ids (E01 ... E15) and the source.
TEACHING_FIRST = {
    "04_backpropagation/plot_backprop_by_hand.py": ("E01", "000"),
    "04_backpropagation/plot_simplenet.py": ("E13", "003"),
}


@pytest.mark.parametrize("relative", SCRIPTS)
def test_script_names_its_example_and_source(relative):
    text = (GALLERY / relative).read_text()
    if relative in TEACHING_FIRST:
        example, source = TEACHING_FIRST[relative]
        section = text[text.index("# The source, checked\n# -------------------") :]
        assert example in section and f"ource {source}" in section
        return
    if not relative.startswith(("05_", "06_")):
        docstring = ast.get_docstring(ast.parse(text))
        assert re.search(r"\bE\d\d\b", docstring) or "not an example" in docstring, (
            f"{relative} names no example id (E01 ... E15)"
        )
        assert re.search(r"[Ss]ource 00\d", docstring), f"{relative} names no source"


@pytest.mark.parametrize(
    "chapter", sorted(p.name for p in GALLERY.iterdir() if p.is_dir())
)
def test_every_chapter_has_a_header(chapter):
    assert (GALLERY / chapter / "GALLERY_HEADER.rst").is_file()
