"""The words around the Chinese pages are Chinese.

The text of a page comes from its catalog; the words around it do not: the
theme's header, sidebars and footer (pydata-sphinx-theme, translated through the
"sphinx" catalog, where docs/locale/zh_CN/LC_MESSAGES/sphinx.po fills what the
theme's own Chinese leaves empty), sphinx-gallery's download buttons (translated
by docs/_ext/gdbook_theme_words.py) and the hidden names of the sidebar's toggles
(docs/_ext/gdbook_a11y.py, through gdbook-ui.po), and the titles and tooltips of
the gallery's thumbnails (raw HTML from sphinx-gallery, replaced by
gdbook_theme_words). These checks read the built pages: their visible text and
the words of their ``aria-label``, ``title``, ``alt`` and ``placeholder``
attributes, outside code.
"""

from __future__ import annotations

import functools
import re
from html.parser import HTMLParser

import pytest
from sitecheck import SITE, TRANSLATIONS, site_pages

LANGUAGE = TRANSLATIONS[0]
GALLERY_INDEX = "auto_examples/index.html"
#: The frame's words on the English pages and what the Chinese pages say instead.
#: A word ending in "…" is the start of a string ("Subsections of <a title>"), one
#: starting with "…" its end; the others are whole strings.
UI_WORDS = {
    "More": "更多",
    "Search the docs ...": "搜索本站……",
    "Color mode": "颜色模式",
    "Light": "浅色",
    "Dark": "深色",
    "System Settings": "跟随系统",
    "Collapse Sidebar": "收起侧边栏",
    "Expand Sidebar": "展开侧边栏",
    "Breadcrumb": "面包屑导航",
    "Home": "首页",
    "On this page": "本页内容",
    "Section Navigation": "本节导航",
    "Skip to main content": "跳到正文",
    "Back to top": "回到顶部",
    "previous": "上一页",
    "previous page": "上一页",
    "next": "下一页",
    "next page": "下一页",
    "Download source code": "下载源代码",
    "Download Jupyter notebook": "下载 Jupyter notebook",
    "Download zipped": "下载压缩包",
    "Subsections of …": "… 的子章节",
    "…, The gdbook developers.": "… gdbook 开发者。",
}
#: The English a Chinese page's frame may keep: names, and the links to the
#: English site, in English on purpose (the switcher, the 404 page's).
NAMES = {
    "gdbook",
    "Sphinx",
    "PyData Sphinx Theme",
    "English",
    "Read this page in English",
    "The site in English",
}
#: The pages that stay in English (no catalog: noxfile.py's UNTRANSLATED).
ENGLISH_PAGES = ("api/", "changelog.html")
#: Elements whose text is not words to translate.
CODE = {"pre", "code", "script", "style", "kbd", "samp", "svg", "math"}
ATTRIBUTES = ("aria-label", "title", "alt", "placeholder")
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta"}
VOID |= {"source", "track", "wbr"}
CHINESE = re.compile(r"[\u3400-\u9fff\u3000-\u303f\uff00-\uffef]")


class Words(HTMLParser):
    """The strings of a page outside code: ``(in_article, text)``, where
    ``in_article`` says whether it is inside the page's ``<article>``."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[tuple[str, bool]] = []  # (tag, is code)
        self.found: list[tuple[bool, str]] = []

    def _in(self, predicate) -> bool:
        return any(predicate(tag, code) for tag, code in self.open)

    def handle_starttag(self, tag, attrs):
        classes = (dict(attrs).get("class") or "").split()
        code = tag in CODE or "highlight" in classes or "math" in classes
        if not self._in(lambda _, c: c) and not code:
            for name, value in attrs:
                if name in ATTRIBUTES and value and value.strip():
                    self.found.append((self._in_article(), " ".join(value.split())))
        if tag not in VOID:
            self.open.append((tag, code))

    def handle_endtag(self, tag):
        for index in range(len(self.open) - 1, -1, -1):
            if self.open[index][0] == tag:
                del self.open[index:]
                break

    def handle_data(self, data):
        text = " ".join(data.split())
        if text and not self._in(lambda _, c: c):
            self.found.append((self._in_article(), text))

    def _in_article(self) -> bool:
        return self._in(lambda tag, _: tag == "article")


@functools.cache
def words(page: str) -> tuple[tuple[bool, str], ...]:
    parser = Words()
    parser.feed((SITE / page).read_text(encoding="utf-8"))
    return tuple(parser.found)


def says(strings, word: str) -> bool:
    """Whether one of ``strings`` is ``word`` (or starts or ends with it, for a
    word with "…" at that end)."""
    if word.endswith("…"):
        return any(s.startswith(word[:-1]) for s in strings)
    if word.startswith("…"):
        return any(s.endswith(word[1:]) for s in strings)
    return word in strings


def pages() -> list[str]:
    """The pages whose frame is checked: all but the API reference's source
    listings (their text is code)."""
    return [p for p in site_pages() if not p.startswith("_modules/")]


def test_the_chinese_pages_say_the_frame_s_words_in_chinese(site):
    """Each word of UI_WORDS that an English page shows around its text, its
    Chinese page shows in Chinese, and nowhere in English."""
    seen = dict.fromkeys(UI_WORDS, 0)
    problems = []
    for page in pages():
        english = {text for in_article, text in words(page) if not in_article}
        chinese = {text for in_article, text in words(f"{LANGUAGE}/{page}")}
        for word, translated in UI_WORDS.items():
            if not says(english, word):
                continue
            seen[word] += 1
            if says(chinese, word):
                problems.append(f"{LANGUAGE}/{page}: {word!r}")
            elif not says(chinese, translated) and not any(
                translated.strip("…") in text for text in chinese
            ):
                problems.append(f"{LANGUAGE}/{page}: no {translated!r}")
    # Every word is on some page (the list is what the site shows).
    assert {word for word, count in seen.items() if not count} == set()
    assert problems == [], f"{len(problems)}: {problems[:10]}"


def english_only(text: str) -> bool:
    """Whether ``text`` is words in English (letters, no Chinese)."""
    return bool(re.search(r"[A-Za-z]{2}", text)) and not CHINESE.search(text)


def english_titles() -> set[str]:
    """The titles of the pages that stay in English, as their ``<h1>`` says them."""
    titles = set()
    for page in pages():
        if page.startswith(ENGLISH_PAGES):
            html = (SITE / LANGUAGE / page).read_text(encoding="utf-8")
            heading = re.search(r"<h1>(.*?)</h1>", html, re.DOTALL)
            if heading:
                text = re.sub(r"<a class=\"headerlink\".*?</a>|<[^>]+>", "", heading[1])
                titles.add(" ".join(text.split()))
    return titles


def test_the_frame_of_the_chinese_pages_has_no_english(site):
    """Around the text of every Chinese page (outside its ``<article>``), no
    string is English but names, the titles of the pages that stay in English
    (in the navigation), the version and the names of files to download."""
    titles = english_titles()
    assert "API reference" in titles
    problems = set()
    for page in pages():
        if page.startswith(ENGLISH_PAGES):
            continue  # their frame lists their English sections
        for in_article, text in words(f"{LANGUAGE}/{page}"):
            if in_article or not english_only(text) or text in NAMES:
                continue
            if re.fullmatch(r"gdbook [\d.]+|[\w./-]+\.(?:py|ipynb|zip)", text):
                continue
            if any(title.startswith(text) for title in titles):
                continue
            problems.add(text)
    assert problems == set()


@pytest.mark.parametrize(
    ("page", "word"),
    [
        ("index.html", "Search the docs ..."),
        ("auto_examples/01_derivatives/plot_numerical_diff.html", "Download zipped"),
    ],
)
def test_the_frame_check_finds_english(site, page, word):
    """The reading of the pages finds the frame's English words where they are:
    on the English pages."""
    assert says({text for _, text in words(page)}, word)
    assert not says({text for _, text in words(f"{LANGUAGE}/{page}")}, word)


THUMBNAIL_WORDS = re.compile(
    r'class="sphx-glr-thumbcontainer" tooltip="([^"]*)"'
    r'|class="sphx-glr-thumbnail-title">([^<]*)<'
)


def thumbnail_words(page: str) -> list[str]:
    """The tooltips and titles of the thumbnails of a page."""
    html = (SITE / page).read_text(encoding="utf-8")
    return [tooltip or title for tooltip, title in THUMBNAIL_WORDS.findall(html)]


def test_the_thumbnails_of_the_chinese_pages_are_chinese(site):
    """The gallery's thumbnails (the catalogue, each chapter's index, the API's
    lists of examples): on the Chinese pages, each title and tooltip is the
    translated page's (docs/_ext/gdbook_theme_words.py); the English pages keep
    sphinx-gallery's English."""
    english = {page: thumbnail_words(page) for page in pages()}
    english = {page: found for page, found in english.items() if found}
    assert GALLERY_INDEX in english
    untranslated = []
    for page, found in english.items():
        assert not any(CHINESE.search(text) for text in found), page
        chinese = thumbnail_words(f"{LANGUAGE}/{page}")
        assert len(chinese) == len(found), page
        untranslated += [
            f"{page}: {text[:40]!r}" for text in chinese if not CHINESE.search(text)
        ]
    assert untranslated == []
