"""The course's path through the site, and links to gallery pages by script name.

Sphinx's previous/next links follow the toctree, depth first. So that they walk the
course (docs/_ext/gdbook_order.py's COURSE: each chapter's lesson, then its gallery
pages in teaching order, then the next chapter), this extension

- gives each chapter's first lesson a toctree of the chapter's other lessons and
  gallery pages, in teaching order (read from the gallery's files when the lesson is
  read, so a new page joins its chapter by itself);
- removes the list of pages from the toctree of sphinx-gallery's index of each
  chapter folder, so that every page has one parent, its lesson. The gallery's index
  (auto_examples/index) stays, as the catalogue of every page with its thumbnail.

It also adds the role ``{gdbook-page}`plot_x``` (a link to the gallery page of
``plot_x.py``) and the directive ``{gdbook-thumbnail} plot_x`` (its thumbnail as a
link), which find the page's chapter folder themselves: a link survives a page
moving to another chapter; and the role ``{gdbook-chapter-contents}`N``` (what
chapter N holds, counted when the site is built: "1 lesson, 6 examples, an
explorable and 5 exercises"), so that the course map never goes stale.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from gdbook_order import (
    COURSE,
    GALLERY_OUT,
    find_page,
    lesson_toctree,
    without_toctree,
)
from sphinx import addnodes
from sphinx.util.docutils import ReferenceRole, SphinxDirective, SphinxRole
from sphinx.util.osutil import relative_uri


def _gallery(config, srcdir) -> Path:
    """The gallery's folder of scripts (sphinx-gallery's examples_dirs)."""
    return (Path(srcdir) / config.sphinx_gallery_conf["examples_dirs"]).resolve()


def _source_read(app, docname: str, source: list[str]) -> None:
    for chapter in COURSE:
        if docname == chapter.lessons[0]:
            source[0] += lesson_toctree(chapter, _gallery(app.config, app.srcdir))
        elif docname == f"{GALLERY_OUT}/{chapter.folder}/index":
            source[0] = without_toctree(source[0])


def _always_reread_lessons(app, env, added, changed, removed) -> list[str]:
    """Re-read the lessons on every build: their toctrees follow the gallery's files
    and TEACHING_ORDER, which Sphinx does not know they depend on."""
    return [c.lessons[0] for c in COURSE if c.lessons[0] in env.found_docs]


class PageRole(ReferenceRole):
    """``{gdbook-page}`plot_x``` or ``{gdbook-page}`text <plot_x>```: a link to the
    gallery page of script ``plot_x.py``, whichever chapter it is in (its title
    when no text is given)."""

    def run(self):
        stem = Path(self.target).stem
        try:
            folder = find_page(_gallery(self.config, self.env.srcdir), stem)
        except ValueError as error:
            message = self.inliner.reporter.error(str(error), line=self.lineno)
            return [self.inliner.problematic(self.rawtext, self.rawtext, message)], [
                message
            ]
        node = addnodes.pending_xref(
            self.rawtext,
            refdomain="std",
            reftype="ref",
            reftarget=f"sphx_glr_{GALLERY_OUT}_{folder}_{stem}.py",
            refexplicit=self.has_explicit_title,
            refwarn=True,
        )
        node += nodes.inline(self.rawtext, self.title, classes=["xref", "std-ref"])
        return [node], []


def chapter_contents(
    lessons: int, pages: list[str], exercises: int, language: str | None = None
) -> tuple[str, str, str]:
    """What a chapter holds, in words, in English or (``zh_CN``) Chinese: the text
    before the explorables, their words (to be a link), and the text after.

    ``pages`` are the stems of its gallery scripts; those named ``plot_explore_*``
    are explorables, the others examples.

    >>> chapter_contents(1, ["plot_a", "plot_b", "plot_explore_c"], 5)
    ('1 lesson, 2 examples, ', 'an explorable', ' and 5 exercises')
    >>> chapter_contents(2, ["plot_a"], 4, "zh_CN")
    ('2 节课、1 个示例', '', '和 4 道练习')
    """
    explorables = sum(stem.startswith("plot_explore_") for stem in pages)
    examples = len(pages) - explorables
    if language == "zh_CN":
        head = f"{lessons} 节课、{examples} 个示例"
        if explorables:
            words = "一个可交互图" if explorables == 1 else f"{explorables} 个可交互图"
            return head + "、", words, f"和 {exercises} 道练习"
        return head, "", f"和 {exercises} 道练习"

    def count(n: int, word: str) -> str:
        return f"{n} {word}" + ("" if n == 1 else "s")

    head = f"{count(lessons, 'lesson')}, {count(examples, 'example')}"
    tail = f" and {count(exercises, 'exercise')}"
    if not explorables:
        return head, "", tail
    words = "an explorable" if explorables == 1 else count(explorables, "explorable")
    return head + ", ", words, tail


class ChapterContentsRole(SphinxRole):
    """``{gdbook-chapter-contents}`N```: what chapter N of the course holds, its
    explorable linked."""

    def run(self):
        from gdbook import exercises  # the build's gdbook, as the exercise pages use

        chapter = COURSE[int(self.text) - 1]
        folder = _gallery(self.config, self.env.srcdir) / chapter.folder
        scripts = sorted(folder.glob("plot_*.py"))
        for script in scripts:
            self.env.note_dependency(str(script))
        head, words, tail = chapter_contents(
            len(chapter.lessons),
            [script.stem for script in scripts],
            len(exercises.names(int(self.text))),
            self.config.language,
        )
        explorable = next((s.stem for s in scripts if "plot_explore_" in s.stem), "")
        result: list[nodes.Node] = [nodes.Text(head)]
        if words:
            link = addnodes.pending_xref(
                "",
                refdomain="std",
                reftype="ref",
                reftarget=f"sphx_glr_{GALLERY_OUT}_{chapter.folder}_{explorable}.py",
                refexplicit=True,
                refwarn=True,
            )
            link += nodes.inline("", words, classes=["xref", "std-ref"])
            result.append(link)
        result.append(nodes.Text(tail))
        return result, []


class Thumbnail(SphinxDirective):
    """``{gdbook-thumbnail} plot_x``: the thumbnail of a gallery page, a link to it.

    Options: ``alt`` (required: what the picture shows) and ``width``.
    """

    required_arguments = 1
    option_spec: ClassVar[dict] = {
        "alt": directives.unchanged_required,
        "width": directives.length_or_percentage_or_unitless,
    }

    def run(self):
        stem = Path(self.arguments[0]).stem
        folder = find_page(_gallery(self.config, self.env.srcdir), stem)
        page = f"{GALLERY_OUT}/{folder}/{stem}"
        thumb = f"/{GALLERY_OUT}/{folder}/images/thumb/sphx_glr_{stem}_thumb.png"
        image = nodes.image(uri=thumb, alt=self.options["alt"])
        if "width" in self.options:
            image["width"] = self.options["width"]
        uri = relative_uri(f"{self.env.docname}.html", f"{page}.html")
        link = nodes.reference("", "", refuri=uri, internal=True)
        link += image
        self.env.note_dependency(
            str(_gallery(self.config, self.env.srcdir) / folder / f"{stem}.py")
        )
        return [nodes.paragraph("", "", link, classes=["gdbook-play"])]


# --- Numbers in printed output never wrap ---------------------------------------
# Printed output (sphinx-gallery's blocks of what a script prints) wraps on narrow
# screens rather than scroll (tests/test_layout.py), and a browser may wrap anywhere
# in a long line, inside a number too (2.1e-05 split after its minus reads as two
# numbers). Each number is put in a span that does not wrap (docs/_static/
# gdbook.css, .gdbook-num); code blocks need none, Pygments already puts each number
# in a span of its own.
_OUTPUT_PRE = re.compile(
    r'(<div class="sphx-glr-script-out[^"]*"><div class="highlight"><pre>)'
    r"(.*?)(</pre>)",
    re.DOTALL,
)
_TAG_OR_TEXT = re.compile(r"(<[^>]*>|&[#\w]+;)")
_NUMBER = re.compile(r"(?<![\w.])[-+]?\d+(?:\.\d*)?(?:[eE][-+]?\d+)?(?![\w])")


def unbreakable_numbers(html: str) -> str:
    """``html`` with each number of the printed output in a ``gdbook-num`` span.

    >>> html = unbreakable_numbers(
    ...     '<div class="sphx-glr-script-out highlight-none notranslate">'
    ...     '<div class="highlight"><pre>x = [-2.5e-05 3.] &#39;a1&#39;</pre>'
    ... )
    >>> html[html.index("[") :].replace('<span class="gdbook-num">', "{")
    '[{-2.5e-05</span> {3.</span>] &#39;a1&#39;</pre>'
    """

    def numbers(text: str) -> str:
        return _NUMBER.sub(r'<span class="gdbook-num">\g<0></span>', text)

    def block(match: re.Match) -> str:
        parts = _TAG_OR_TEXT.split(match.group(2))
        body = "".join(
            part if _TAG_OR_TEXT.fullmatch(part) else numbers(part) for part in parts
        )
        return match.group(1) + body + match.group(3)

    return _OUTPUT_PRE.sub(block, html)


def _page_context(app, pagename, templatename, context, doctree) -> None:
    if "body" in context and "sphx-glr-script-out" in context["body"]:
        context["body"] = unbreakable_numbers(context["body"])


def setup(app):
    app.connect("html-page-context", _page_context)
    app.add_role("gdbook-page", PageRole())
    app.add_directive("gdbook-thumbnail", Thumbnail)
    app.add_role("gdbook-chapter-contents", ChapterContentsRole())
    app.connect("source-read", _source_read)
    app.connect("env-get-outdated", _always_reread_lessons)
    # env_version: bump it when what the extension writes changes, so that an
    # incremental build writes every page again.
    return {"env_version": 3, "parallel_read_safe": True, "parallel_write_safe": True}
