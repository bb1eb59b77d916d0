"""The gallery lists its pages in teaching order, chapter by chapter, and the course
puts the chapters in its order, each lesson listing its chapter's pages.

The order is configured in docs/_ext/gdbook_order.py and named in docs/conf.py; the
tests check the configuration, that the pages of each chapter follow the sources
(E01 ... E15), and that the built index shows them in that order.
"""

from __future__ import annotations

import ast
import importlib
import pickle
import re
import sys

import pytest
from conftest import GALLERY, ROOT

sys.path.insert(0, str(ROOT / "docs" / "_ext"))
gdbook_order = importlib.import_module("gdbook_order")

HTML = ROOT / "docs" / "_build" / "html"
CHAPTERS = sorted(p.name for p in GALLERY.iterdir() if p.is_dir())


def configured_key() -> str:
    """The ``within_subsection_order`` of docs/conf.py, read without running it."""
    tree = ast.parse((ROOT / "docs" / "conf.py").read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Dict):
            for key, value in zip(node.keys, node.values, strict=True):
                if (
                    isinstance(key, ast.Constant)
                    and key.value == "within_subsection_order"
                ):
                    return ast.literal_eval(value)
    raise AssertionError("docs/conf.py sets no within_subsection_order")


def sorted_pages(chapter: str) -> list[str]:
    """The chapter's pages as sphinx-gallery sorts them, with the configured key."""
    module, name = configured_key().rsplit(".", 1)
    key = getattr(importlib.import_module(module), name)(str(GALLERY / chapter))
    return sorted((p.name for p in (GALLERY / chapter).glob("plot_*.py")), key=key)


def example_ids(chapter: str, page: str) -> list[int]:
    docstring = ast.get_docstring(ast.parse((GALLERY / chapter / page).read_text()))
    return [int(n) for n in re.findall(r"\bE(\d\d)\b", docstring or "")]


def test_conf_names_the_teaching_order_by_a_picklable_name():
    name = configured_key()
    assert name == "gdbook_order.TeachingOrder"
    assert pickle.loads(pickle.dumps(name)) == name
    key = gdbook_order.TeachingOrder(str(GALLERY / "02_gradient_descent"))
    # Bare names (sorting one chapter) and full paths (the list of all examples).
    assert key("plot_parabola_descent.py") == key(
        str(GALLERY / "02_gradient_descent" / "plot_parabola_descent.py")
    )


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_every_listed_page_exists(chapter):
    listed = gdbook_order.TEACHING_ORDER.get(chapter, ())
    assert listed, f"{chapter} has no teaching order"
    missing = [page for page in listed if not (GALLERY / chapter / page).is_file()]
    assert missing == []


def test_the_chapters_start_where_the_sources_start():
    assert sorted_pages("01_derivatives")[:2] == [
        "plot_numerical_diff.py",  # E08 first...
        "plot_difference_error.py",  # ...then "How small should h be?"
    ]
    assert sorted_pages("02_gradient_descent")[:5] == [
        "plot_parabola_descent.py",
        "plot_parabola_animation.py",
        "plot_bowl_descent_3d.py",
        "plot_numerical_descent.py",
        "plot_learning_rates.py",
    ]
    assert sorted_pages("03_fitting_lines")[:7] == [
        "plot_line_fit.py",
        "plot_line_through_origin.py",
        "plot_sgd_erratum.py",
        "plot_surface_of_the_cost.py",
        "plot_surface_curves_3d.py",  # E14's curves in 3D
        "plot_surface_slices.py",  # source 004's argument between E14 and E15
        "plot_training_on_beans.py",
    ]
    assert sorted_pages("04_backpropagation")[:2] == [
        "plot_backprop_by_hand.py",
        "plot_simplenet.py",
    ]


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_pages_follow_the_sources_examples(chapter):
    """Within a chapter, the examples a page reproduces never go backwards (an
    explorable, which replays the chapter's examples with sliders, is left out)."""
    firsts = [
        ids[0]
        for page in sorted_pages(chapter)
        if (ids := example_ids(chapter, page)) and not page.startswith("plot_explore_")
    ]
    assert firsts == sorted(firsts), sorted_pages(chapter)


def test_a_page_not_listed_comes_last_and_does_not_break_the_sort():
    key = gdbook_order.TeachingOrder("03_fitting_lines")
    names = ["plot_zz_new.py", "plot_training_on_beans.py", "plot_aa_new.py"]
    names += ["plot_line_fit.py"]
    assert sorted(names, key=key) == [
        "plot_line_fit.py",
        "plot_training_on_beans.py",
        "plot_aa_new.py",
        "plot_zz_new.py",
    ]
    unknown_chapter = gdbook_order.TeachingOrder("06_new_chapter")
    assert sorted(["plot_b.py", "plot_a.py"], key=unknown_chapter) == [
        "plot_a.py",
        "plot_b.py",
    ]


def test_the_built_index_lists_the_pages_in_teaching_order():
    index = HTML / "auto_examples" / "index.html"
    if not index.is_file():
        pytest.fail(f"{index} is missing: build the site first (nox -s docs)")
    html = index.read_text(encoding="utf-8")
    links = re.findall(r'href="(\d\d_[a-z_]+)/(plot_\w+)\.html"', html)
    shown: dict[str, list[str]] = {}
    for chapter, page in links:
        if f"{page}.py" not in shown.setdefault(chapter, []):
            shown[chapter].append(f"{page}.py")
    assert sorted(shown) == CHAPTERS
    for chapter in CHAPTERS:
        assert shown[chapter] == sorted_pages(chapter), chapter


# --- The course: chapters in order, each lesson listing its chapter's pages ---------


def test_conf_sorts_the_chapters_in_the_course_s_order():
    tree = ast.parse((ROOT / "docs" / "conf.py").read_text(encoding="utf-8"))
    conf = next(
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.Dict)
        and any(
            isinstance(k, ast.Constant) and k.value == "subsection_order"
            for k in node.keys
        )
    )
    value = dict(zip([k.value for k in conf.keys], conf.values, strict=True))
    assert ast.literal_eval(value["subsection_order"]) == "gdbook_order.chapter_key"
    folders = [f"../gallery/{name}" for name in CHAPTERS]
    in_order = [
        p.rsplit("/", 1)[1] for p in sorted(folders, key=gdbook_order.chapter_key)
    ]
    course = [chapter.folder for chapter in gdbook_order.COURSE]
    assert in_order[: len(course)] == course
    assert course.index("06_optimizers") < course.index("05_performance")


def test_every_chapter_folder_is_in_the_course():
    """A new folder must be given its place (07_explorables is being dissolved into
    the chapters, each explorable in the chapter it extends)."""
    course = {chapter.folder for chapter in gdbook_order.COURSE}
    assert set(CHAPTERS) == course
    assert course <= set(CHAPTERS)


def test_each_lesson_exists_once_in_the_course():
    lessons = [lesson for c in gdbook_order.COURSE for lesson in c.lessons]
    assert len(lessons) == len(set(lessons))
    for lesson in lessons:
        assert (ROOT / "docs" / f"{lesson}.md").is_file(), lesson


def test_a_lesson_toctree_lists_its_lessons_pages_and_exercises_in_order():
    chapter = gdbook_order.COURSE[0]
    toctree = gdbook_order.lesson_toctree(chapter, GALLERY)
    entries = [line for line in toctree.splitlines() if line.startswith("/")]
    assert entries[0] == "/concepts/numerical-gradient"
    assert entries[1:-1] == [
        f"/auto_examples/01_derivatives/{page.removesuffix('.py')}"
        for page in sorted_pages("01_derivatives")
    ]
    assert entries[-1] == "/exercises/chapter-1"


def test_the_gallery_index_of_a_chapter_loses_only_its_toctree():
    index = (
        ".. _sphx_glr_x:\n\nTitle\n-----\n\n.. raw:: html\n\n    <div>\n\n"
        ".. toctree::\n   :hidden:\n\n   /auto_examples/01/plot_a\n"
        "   /auto_examples/01/plot_b\n\n.. only:: html\n\n   text\n"
    )
    stripped = gdbook_order.without_toctree(index)
    assert "toctree" not in stripped and "plot_a" not in stripped
    assert stripped.startswith(".. _sphx_glr_x:") and ".. only:: html" in stripped
    assert ".. raw:: html\n\n    <div>" in stripped


def test_find_page_finds_a_page_in_any_chapter():
    assert gdbook_order.find_page(GALLERY, "plot_numerical_diff") == "01_derivatives"
    assert gdbook_order.find_page(GALLERY, "plot_momentum.py") == "06_optimizers"
    with pytest.raises(ValueError, match="0 gallery pages"):
        gdbook_order.find_page(GALLERY, "plot_no_such_page")
