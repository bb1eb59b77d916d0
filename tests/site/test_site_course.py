"""The built site reads as a course, on every screen.

- Next, from the front page, walks each chapter's lesson, then its gallery pages in
  teaching order, then the next chapter (docs/_ext/gdbook_order.py's COURSE).
- The front page is the course's map and each lesson says what it teaches and what
  it assumes.
- On every gallery page, the first figure, video or explorable starts within
  1,600 px of the top of the page at 1400 px wide (the first screen or so).
- Every lesson opens the same way, with a figure drawn when the site was built (an
  image with alt text), and ends with a Summary that links to the gallery pages
  that check its claims.
- No display equation is cut off at 1400 px.
- At 390 px (a phone) no page scrolls sideways; a display equation wider than the
  screen scrolls inside its own box, which shows a cue (a shadow at the side where
  there is more).
- Code never wraps inside a number, at either width.

Each page is opened once per test run, measured at both widths, and the measures
are shared by the tests below, one test per page and property, and with the page
walk of test_site_pages.py, which checks the same load (sitecheck.visit_page).
"""

from __future__ import annotations

import importlib
import re
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from sitecheck import (
    GALLERY,
    GALLERY_OUT,
    ROOT,
    example_pages,
    site_pages,
    visit_page,
)

pytestmark = pytest.mark.browser

sys.path.insert(0, str(ROOT / "docs" / "_ext"))
gdbook_order = importlib.import_module("gdbook_order")

FIRST_FIGURE_WITHIN = 1600  # px from the top of the page, at WIDE
LESSONS = [lesson for chapter in gdbook_order.COURSE for lesson in chapter.lessons]


@pytest.fixture
def measure(browser, server, site, run_cache):
    """Return a function giving a page's measures at both widths, taken when the
    page is opened once per test run for these tests and test_site_pages.py's
    (sitecheck.visit_page)."""

    def measured(page_path: str) -> dict:
        visit = run_cache.get(
            f"visit:{page_path}", lambda: visit_page(browser, server, site, page_path)
        )
        assert visit["status"] == 200, page_path
        return {"wide": visit["wide"], "narrow": visit["narrow"]}

    return measured


def _params(pages: list[str]):
    if not pages:  # one test that says why, rather than none
        return [pytest.param("", id="site-not-built")]
    return [pytest.param(page, id=page) for page in pages]


ALL_PAGES = [p for p in site_pages() if p not in {"404.html", "search.html"}]
GALLERY_PAGES = example_pages()
LESSON_PAGES = [f"{lesson}.html" for lesson in LESSONS]


@pytest.mark.parametrize("page_path", _params(GALLERY_PAGES))
def test_first_figure_in_the_first_screen(page_path, measure):
    """At 1400 px, the page's first figure, video or explorable starts within
    1,600 px of its top: a page opens with the idea and its key figure."""
    first = measure(page_path)["wide"]["firstFigure"]
    assert first is not None, f"{page_path} shows no figure, video or explorable"
    assert first["top"] <= FIRST_FIGURE_WITHIN, (
        f"{page_path}: the first figure ({first['what']}) starts at "
        f"{first['top']} px (at most {FIRST_FIGURE_WITHIN})"
    )


@pytest.mark.parametrize("page_path", LESSON_PAGES)
def test_lesson_opens_with_its_key_figure(page_path, site, measure):
    """At 1400 px, each lesson's first figure starts within 1,600 px of its top."""
    assert (site / page_path).is_file(), f"{page_path} was not built"
    first = measure(page_path)["wide"]["firstLessonFigure"]
    assert first is not None, f"{page_path} shows no figure"
    assert first["top"] <= FIRST_FIGURE_WITHIN, (
        f"{page_path}: the first figure ({first['what']}) starts at "
        f"{first['top']} px (at most {FIRST_FIGURE_WITHIN})"
    )


@pytest.mark.parametrize("page_path", _params(ALL_PAGES))
def test_no_display_equation_cut_off_when_wide(page_path, measure):
    """At 1400 px every display equation fits its column."""
    equations = measure(page_path)["wide"]["equations"]
    cut = [
        f"{e['overflow']} px too wide: {e['tex']!r}"
        for e in equations
        if e["overflow"] > 1
    ]
    cut += [f"scrolls: {e['tex']!r}" for e in equations if e["scrollable"]]
    assert not cut, f"{page_path}:\n  " + "\n  ".join(cut)


@pytest.mark.parametrize("page_path", _params(ALL_PAGES))
def test_no_sideways_scroll_on_a_phone(page_path, measure):
    """At 390 px the page never scrolls sideways, and a display equation either fits
    or scrolls inside its own box, with a visible cue."""
    narrow = measure(page_path)["narrow"]
    problems = []
    if narrow["pageWidth"] > narrow["windowWidth"] + 1:
        problems.append(
            f"the page is {narrow['pageWidth']} px wide in a "
            f"{narrow['windowWidth']} px "
            "window: it scrolls sideways"
        )
    for e in narrow["equations"]:
        if e["overflow"] > 1 and not e["scrolls"]:
            problems.append(f"cut off by {e['overflow']} px: {e['tex']!r}")
        elif e["scrollable"] and not e["cue"]:
            problems.append(f"scrolls with no visible cue: {e['tex']!r}")
    assert not problems, f"{page_path}:\n  " + "\n  ".join(problems)


@pytest.mark.parametrize("page_path", _params(ALL_PAGES))
def test_code_never_wraps_inside_a_number(page_path, measure):
    measures = measure(page_path)
    split = {
        width: measures[width]["splitNumbers"]
        for width in ("wide", "narrow")
        if measures[width]["splitNumbers"]
    }
    assert not split, f"{page_path}: numbers broken over two lines: {split}"


# --- The path: next, from the front page to the end -------------------------------


class _Links(HTMLParser):
    """The href of the page's "next" link and the text of its <article>."""

    def __init__(self) -> None:
        super().__init__()
        self.next: str | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "a" and "right-next" in (attributes.get("class") or "").split():
            self.next = attributes.get("href")


def walk_next(site: Path, start: str = "index.html", limit: int = 500) -> list[str]:
    """The pages met by following "next" from ``start``, as docnames."""
    walked, current = [], start
    while current and len(walked) < limit:
        walked.append(current.removesuffix(".html"))
        parser = _Links()
        parser.feed((site / current).read_text(encoding="utf-8"))
        if parser.next is None:
            break
        target = (site / current).parent / parser.next.split("#")[0]
        current = target.resolve().relative_to(site.resolve()).as_posix()
        assert current.removesuffix(".html") not in walked, f"next loops at {current}"
    return walked


def expected_course() -> list[str]:
    """Chapter by chapter: the lessons, then the gallery pages in teaching order,
    then the chapter's exercises."""
    pages = []
    for number, chapter in enumerate(gdbook_order.COURSE, start=1):
        pages += list(chapter.lessons)
        pages += [
            f"{GALLERY_OUT}/{chapter.folder}/{Path(name).stem}"
            for name in gdbook_order.chapter_pages(GALLERY, chapter.folder)
        ]
        pages.append(f"exercises/chapter-{number}")
    return pages


def test_the_chapters_are_in_the_lead_s_order():
    """Chapter 5 is the optimizers (folder 06), chapter 6, last, making it fast."""
    folders = [chapter.folder for chapter in gdbook_order.COURSE]
    assert folders == [
        "01_derivatives",
        "02_gradient_descent",
        "03_fitting_lines",
        "04_backpropagation",
        "06_optimizers",
        "05_performance",
    ]
    in_gallery = {p.name for p in GALLERY.iterdir() if p.is_dir()}
    # Every chapter folder of the gallery is in the course (explorables included).
    assert in_gallery == set(folders), in_gallery ^ set(folders)


def test_next_walks_the_course_from_the_front_page(site):
    walked = walk_next(site)
    course = expected_course()
    assert walked[0] == "index"
    first = walked.index(course[0]) if course[0] in walked else None
    assert first is not None, f"next from the front page never reaches {course[0]}"
    # Between the front page and the first lesson only the course's own pages.
    assert first <= 3, walked[:first]
    assert walked[first : first + len(course)] == course
    # The catalogue, the reference pages and the rest come after the course.
    rest = walked[first + len(course) :]
    assert f"{GALLERY_OUT}/index" in rest
    assert "notation" in walked and "background" in walked


def test_every_page_in_the_walk(site):
    """Every page of the site is reached by next (nothing is left out of the path)."""
    walked = set(walk_next(site))
    pages = {
        p.removesuffix(".html")
        for p in site_pages()
        if not p.startswith(("_modules/", "genindex", "py-modindex", "search"))
        and p not in {"404.html"}
    }
    assert pages - walked == set()


def _text(site: Path, page: str) -> str:
    html = (site / page).read_text(encoding="utf-8")
    article = re.search(r"<article.*?</article>", html, re.DOTALL)
    return re.sub(r"<[^>]+>", " ", article.group(0) if article else html)


def test_front_page_is_the_course_map(site):
    """Numbered chapters, each with goals, prerequisites and a time, a link to its
    lesson; something to play with before any install instructions."""
    html = (site / "index.html").read_text(encoding="utf-8")
    article = re.search(r"<article.*?</article>", html, re.DOTALL).group(0)
    for number, chapter in enumerate(gdbook_order.COURSE, start=1):
        lesson = chapter.lessons[0]
        assert f'href="{lesson}.html' in article, f"no link to chapter {number}"
    text = " ".join(re.sub(r"<[^>]+>", " ", article).split())
    assert len(re.findall(r"You will be able to", text)) >= len(gdbook_order.COURSE)
    assert len(re.findall(r"You need", text)) >= len(gdbook_order.COURSE)
    assert len(re.findall(r"About \d+ (min|hour)", text)) >= len(gdbook_order.COURSE)
    for name in ("learning_rate", "sgd_noise", "momentum"):
        assert f"plot_explore_{name}.html" in article, f"no link to {name}'s explorable"
    explorable = re.search(r'href="[^"]*plot_explore_learning_rate\.html', article)
    install = article.find("gdbook-install")
    assert explorable, "the front page does not open with the explorable"
    assert install == -1 or explorable.start() < install


def test_front_page_counts_each_chapters_pages(site):
    """The map's "1 lesson, 6 examples, an explorable and 5 exercises" matches the
    built chapter: its gallery pages (explorables apart) and its exercises."""
    from gdbook import exercises

    html = (site / "index.html").read_text(encoding="utf-8")
    text = " ".join(re.sub(r"<[^>]+>", " ", html).split())
    for number, chapter in enumerate(gdbook_order.COURSE, start=1):
        pages = [
            p.stem for p in (site / GALLERY_OUT / chapter.folder).glob("plot_*.html")
        ]
        examples = sum(not p.startswith("plot_explore_") for p in pages)
        lessons = len(chapter.lessons)
        said = re.search(
            rf"Start chapter {number} · (\d+) lessons?, (\d+) examples?", text
        )
        assert said, f"chapter {number}: no count of its pages"
        assert (int(said.group(1)), int(said.group(2))) == (lessons, examples)
        after = text[said.end() : text.find("Start chapter", said.end())]
        count = len(exercises.names(number))
        assert f"and {count} exercise" in after, (
            f"chapter {number}: not {count} exercises"
        )


@pytest.mark.parametrize(
    "chapter",
    gdbook_order.COURSE,
    ids=[c.folder for c in gdbook_order.COURSE],
)
def test_each_lesson_says_what_it_teaches_and_assumes(chapter, site):
    page = f"{chapter.lessons[0]}.html"
    assert (site / page).is_file(), f"{page} was not built"
    text = " ".join(_text(site, page).split())
    assert "You will be able to" in text, page
    assert "You need" in text, page
    html = (site / page).read_text(encoding="utf-8")
    assert re.search(r'href="(\.\./)?background\.html', html), (
        f"{page} does not link to the background page"
    )


@pytest.mark.parametrize(
    "folder",
    ["02_gradient_descent", "03_fitting_lines", "06_optimizers"],
)
def test_lesson_links_to_its_chapter_s_explorable(folder, site):
    """The explorables sit in the path: each chapter's lesson links to its own."""
    chapter = next(c for c in gdbook_order.COURSE if c.folder == folder)
    html = (site / f"{chapter.lessons[0]}.html").read_text(encoding="utf-8")
    assert re.search(r'href="[^"]*plot_explore_\w+\.html', html), chapter.lessons[0]


def _article(site: Path, page: str) -> str:
    html = (site / page).read_text(encoding="utf-8")
    return re.search(r"<article.*?</article>", html, re.DOTALL).group(0)


@pytest.mark.parametrize("lesson", LESSONS)
def test_lesson_figures_are_built_with_alt_text(lesson, site):
    """The lesson's first figure is drawn by the build (the plot directive writes it
    to _images/ as lesson-*.png), not pasted from elsewhere, and says what it shows."""
    article = _article(site, f"{lesson}.html")
    first = re.search(r"<figure[^>]*>.*?<img([^>]*)>", article, re.DOTALL)
    assert first, f"{lesson} has no figure"
    attributes = first.group(1)
    assert re.search(r'src="[^"]*_images/lesson-[^"]*\.png"', attributes), (
        f"{lesson}'s first figure is not drawn by the build: {attributes[:200]}"
    )
    alt = re.search(r'alt="([^"]*)"', attributes)
    assert alt and len(alt.group(1).split()) >= 8, f"{lesson}: the figure's alt text"


@pytest.mark.parametrize("lesson", LESSONS)
def test_lesson_ends_with_a_summary_linking_to_gallery_pages(lesson, site):
    """The last section is a Summary, and it links to the pages that check it."""
    article = _article(site, f"{lesson}.html")
    headings = [
        " ".join(re.sub(r"<[^>]+>", " ", h).split())
        for h in re.findall(r"<h2[^>]*>(.*?)</h2>", article, re.DOTALL)
    ]
    assert headings and headings[-1].startswith("Summary"), (
        f"{lesson}'s last section is {headings[-1:]}, not a Summary"
    )
    summary = article[article.rfind("<h2") :]
    links = set(re.findall(r'href="[^"]*auto_examples/\w+/(plot_\w+)\.html', summary))
    assert links, f"{lesson}'s Summary links to no gallery page"
