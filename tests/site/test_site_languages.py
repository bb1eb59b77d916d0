"""The two languages of the built site: the same pages, linked both ways.

The English site is at the root of docs/_build/html and the Chinese one in zh_CN/
(docs/_ext/gdbook_i18n.py). These checks read the built files (no browser): every
page exists in both languages, each page's switcher and hreflang links lead to its
other version, the Chinese pages say they are Chinese, print the same output as
the English ones, and the Chinese search index finds the lesson on gradient
descent. The browser tests open a sample of the Chinese pages
(sitecheck.TRANSLATED_SAMPLE).
"""

from __future__ import annotations

import json
import re
import tomllib
from html import unescape
from pathlib import PurePosixPath

import pytest
from sitecheck import ROOT, TRANSLATIONS, site_pages, translated_pages

LANGUAGE = TRANSLATIONS[0]
TAGS = {"en": "en", "zh_CN": "zh-CN"}
SWITCHER = re.compile(
    r'<a class="nav-link gdbook-language" href="([^"]+)" hreflang="([^"]+)"'
)
OUTPUT = re.compile(
    r'<div class="sphx-glr-script-out[^"]*"><div class="highlight"><pre>(.*?)</pre>',
    re.DOTALL,
)


def _text(site, page: str) -> str:
    return (site / page).read_text(encoding="utf-8")


def _plain(html: str) -> str:
    """The text of an HTML fragment (its tags removed, entities decoded)."""
    return unescape(re.sub(r"<[^>]*>", "", html))


def _resolve(page: str, href: str) -> str:
    """The page a relative link of ``page`` leads to, relative to the site."""
    parts: list[str] = []
    for part in (PurePosixPath(page).parent / href).parts:
        if part == "..":
            parts.pop()
        elif part != ".":
            parts.append(part)
    return "/".join(parts)


def _base() -> str:
    with open(ROOT / "pyproject.toml", "rb") as file:
        return tomllib.load(file)["project"]["urls"]["Documentation"]


def test_every_page_exists_in_both_languages(site):
    english = site_pages()
    chinese = [page.removeprefix(f"{LANGUAGE}/") for page in translated_pages()]
    assert len(english) > 60
    assert chinese == english


def test_the_switcher_links_each_page_to_its_other_language(site):
    """On every page, in both languages, the header's switcher (the same link on
    wide and narrow screens) leads to the same page in the other language."""
    for page in site_pages():
        if page == "404.html":
            continue  # the 404 page links the other language's home (below)
        chinese = f"{LANGUAGE}/{page}"
        for here, there, tag in ((page, chinese, "zh-CN"), (chinese, page, "en")):
            links = SWITCHER.findall(_text(site, here))
            assert links, f"{here}: no language switcher"
            assert {(_resolve(here, href), lang) for href, lang in links} == {
                (there, tag)
            }, here


def test_every_page_names_both_languages_with_hreflang(site):
    base = _base()
    for page in site_pages():
        if page == "404.html":
            continue
        for here in (page, f"{LANGUAGE}/{page}"):
            head = _text(site, here).split("</head>")[0]
            found = set(
                re.findall(
                    r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)" />', head
                )
            )
            assert found == {
                ("en", base + page),
                ("zh-CN", f"{base}{LANGUAGE}/{page}"),
                ("x-default", base + page),
            }, here


def test_the_chinese_pages_are_marked_chinese(site):
    """``<html lang="zh-CN">`` on every Chinese page (``lang="en"`` on the English
    ones), the 404 page's included."""
    for page in site_pages():
        for here, tag in ((page, "en"), (f"{LANGUAGE}/{page}", "zh-CN")):
            opening = re.search(r"<html\b[^>]*>", _text(site, here)).group(0)
            assert f'lang="{tag}"' in opening, (here, opening)


def test_the_404_pages_lead_to_their_language_and_to_the_other(site):
    english, chinese = _text(site, "404.html"), _text(site, f"{LANGUAGE}/404.html")
    assert "<h1>Page not found</h1>" in english
    assert re.search(r"<h1>[^<]*[\u4e00-\u9fff][^<]*</h1>", chinese), "not in Chinese"
    assert f'data-gdbook-page="{LANGUAGE}/"' in english
    assert 'data-gdbook-page="../"' in chinese


def test_the_chinese_pages_print_the_same_values(site):
    """The examples' printed output, block by block, is the same text in both
    languages (the Chinese build reuses the executed gallery; output is never
    translated)."""
    pages = [p for p in site_pages() if "sphx-glr-script-out" in _text(site, p)]
    assert len(pages) > 30
    for page in pages:
        english = [_plain(b) for b in OUTPUT.findall(_text(site, page))]
        chinese = [_plain(b) for b in OUTPUT.findall(_text(site, f"{LANGUAGE}/{page}"))]
        assert english, page
        assert chinese == english, page


def test_the_chinese_pages_are_in_chinese(site):
    """The lessons' and the front page's text is translated (a title in Chinese)."""
    for page in ["index.html", *[p for p in site_pages() if p.startswith("concepts/")]]:
        title = re.search(r"<title>(.*?)</title>", _text(site, f"{LANGUAGE}/{page}"))
        assert re.search(r"[\u4e00-\u9fff]", title.group(1)), (page, title.group(1))


def _search_index(site) -> dict:
    text = _text(site, f"{LANGUAGE}/searchindex.js")
    return json.loads(text[text.index("(") + 1 : text.rindex(")")])


@pytest.mark.parametrize("word", ["梯度下降", "梯度", "学习率"])
def test_chinese_search_finds_the_gradient_descent_lesson(site, word):
    """Sphinx's Chinese search cuts the text into words with jieba (with the
    course's terms, docs/locale/zh_CN/terms.txt): a search for 梯度下降 finds the
    lesson on gradient descent."""
    index = _search_index(site)
    lesson = index["docnames"].index("concepts/gradient-descent")
    found = []
    for kind in ("terms", "titleterms"):  # a word of a page's title is in the latter
        pages = index[kind].get(word)
        found += [pages] if isinstance(pages, int) else pages or []
    assert lesson in found, word
