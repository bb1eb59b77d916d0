"""The two languages of the built site: the same pages, linked both ways.

The English site is at the root of docs/_build/html and the Chinese one in zh_CN/
(docs/_ext/gdbook_i18n.py). These checks read the built files (no browser): every
page exists in both languages, each page's switcher and hreflang links lead to its
other version, the Chinese pages say they are Chinese, print the same output as
the English ones, and the Chinese search index finds the lesson on gradient
descent; each Chinese gallery page offers its own notebook, with the English one's
code and the page's Chinese text, and a sample of them runs; the zips of notebooks
the Chinese pages offer (an example's, a gallery's) hold those notebooks. The
browser tests open every Chinese page too (test_site_pages.py).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tomllib
import zipfile
from html import unescape
from pathlib import PurePosixPath

import pytest
from sitecheck import (
    GALLERY_OUT,
    NOTEBOOK_RUNNER,
    ROOT,
    TRANSLATIONS,
    example_pages,
    site_pages,
    translated_pages,
)

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


#: What sphinx-gallery writes outside the catalogs' reach: a figure's or a video's
#: text alternative, and the summary of a <details> opened in raw HTML.
GALLERY_LABELS = re.compile(
    r'<(?:img|video)\b[^>]*?\balt="([^"]+)"|<summary>(.*?)</summary>'
)


def test_the_chinese_gallery_labels_are_chinese(site):
    """Each figure's and video's text alternative and each raw summary of a Chinese
    gallery page is Chinese (gdbook_i18n.translate_gallery_labels, gdbook-ui.po),
    where its English page has words there."""
    checked = 0
    for page in example_pages():
        english = GALLERY_LABELS.findall(_text(site, page))
        chinese = GALLERY_LABELS.findall(_text(site, f"{LANGUAGE}/{page}"))
        assert len(chinese) == len(english), page
        for theirs, ours in zip(english, chinese, strict=True):
            label, original = unescape("".join(ours)), unescape("".join(theirs))
            if re.search(r"[A-Za-z]{3}", original):
                checked += 1
                # Chinese words, or at least Chinese punctuation between names
                # ("AdaGrad、RMSProp、Adam").
                chinese_words = re.search(r"[\u4e00-\u9fff]", label)
                assert chinese_words or label != original, (page, label)
    assert checked > 50


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


NOTEBOOK_LINK = re.compile(r'href="([^"]+\.ipynb)"')
CJK = re.compile(r"[\u4e00-\u9fff]")
#: What a notebook's text keeps in any language: maths, code, link targets, and
#: raw HTML (a page's ``.. raw:: html``, which the catalogs do not translate).
UNTRANSLATED_PARTS = re.compile(
    r"\$\$.*?\$\$|\\begin\{align\}.*?\\end\{align\}|\$[^$\n]*\$"
    r"|```.*?```|``[^`]*``|`[^`]*`|\]\([^)]*\)|^[ \t]*<[^\n]*$",
    re.DOTALL | re.MULTILINE,
)
#: Four English words in a row: a sentence left untranslated.
ENGLISH_RUN = re.compile(r"[A-Za-z]+(?:'[a-z]+)?(?:[ ,;:-]+[A-Za-z]+(?:'[a-z]+)?){3,}")
#: Sphinx markup that Jupyter would show raw (test_outside.py checks the English).
MARKUP = re.compile(
    r":(?:[a-z]+:)?[a-z][a-z0-9-]*:`|^[ \t]*\.\. [a-zA-Z][\w-]*::", re.M
)


def _notebook_of(site, page: str) -> tuple[str, dict]:
    """The notebook a gallery page's download button offers: its name relative
    to the site, and its content."""
    links = set(NOTEBOOK_LINK.findall(_text(site, page)))
    assert len(links) == 1, (page, links)
    name = _resolve(page, links.pop())
    assert (site / name).is_file(), f"{page}: its notebook {name} is missing"
    return name, json.loads((site / name).read_text(encoding="utf-8"))


def _cells(notebook: dict, kind: str) -> list[str]:
    return [
        "".join(cell["source"])
        for cell in notebook["cells"]
        if cell["cell_type"] == kind
    ]


def _chinese_notebooks(site) -> list[tuple[str, dict, dict]]:
    """(page, English notebook, Chinese notebook) for every gallery page."""
    found = []
    for page in example_pages():
        english_name, english = _notebook_of(site, page)
        chinese_name, chinese = _notebook_of(site, f"{LANGUAGE}/{page}")
        assert chinese_name.startswith(f"{LANGUAGE}/_downloads/"), chinese_name
        assert PurePosixPath(chinese_name).name == PurePosixPath(english_name).name
        found.append((page, english, chinese))
    return found


def test_every_chinese_gallery_page_offers_a_notebook_with_the_english_code(site):
    """Each Chinese gallery page links its own notebook (in zh_CN/), whose code
    cells are the English notebook's, the install cell's code included (only its
    comment is Chinese)."""
    notebooks = _chinese_notebooks(site)
    assert len(notebooks) > 30
    for page, english, chinese in notebooks:
        english_code, chinese_code = _cells(english, "code"), _cells(chinese, "code")
        assert chinese_code[1:] == english_code[1:], page
        install = [chinese_code[0], english_code[0]]
        comments = [
            [line for line in cell.splitlines() if line.startswith("#")]
            for cell in install
        ]
        code = [
            [line for line in cell.splitlines() if not line.startswith("#")]
            for cell in install
        ]
        assert code[0] == code[1] and "pip" in chinese_code[0], page
        assert len(comments[0]) == len(comments[1]), page
        assert all(CJK.search(line) for line in comments[0]), page
        assert len(_cells(chinese, "markdown")) == len(_cells(english, "markdown"))


def _paragraphs_and_headings(markdown: str) -> list[str]:
    """The paragraphs of a Markdown text, each heading apart."""
    parts = []
    for paragraph in re.split(r"\n\s*\n", markdown):
        lines = paragraph.splitlines()
        headings = [line for line in lines if line.lstrip().startswith("#")]
        parts += [*headings, "\n".join(x for x in lines if x not in headings)]
    return parts


def test_the_chinese_notebooks_text_is_chinese(site):
    """Every text cell of every Chinese notebook is in Chinese, as its page: no
    English sentence outside maths, code and link targets (the catalogs are
    complete: test_translations.py), no Sphinx markup left, and most of its
    letters Chinese."""
    for page, _, chinese in _chinese_notebooks(site):
        texts = _cells(chinese, "markdown")
        prose = [UNTRANSLATED_PARTS.sub(" ", text) for text in texts]
        for text, shown in zip(texts, prose, strict=True):
            assert not MARKUP.search(text), (page, text[:300])
            english = ENGLISH_RUN.search(shown)
            assert english is None, (page, english and english.group(0))
            for part in _paragraphs_and_headings(shown):
                if re.search(r"[A-Za-z]{3}", part):  # words: Chinese ones
                    assert CJK.search(part), (page, part)
        letters = "".join(prose)
        cjk = len(CJK.findall(letters))
        assert cjk > 2 * len(re.findall(r"[A-Za-z]", letters)), page


def test_the_chinese_notebooks_hold_nothing_of_the_build(site):
    """No path of the machine that built them, no Python version of the build:
    a notebook is the same wherever the site is built (reproducible)."""
    for page, _, chinese in _chinese_notebooks(site):
        text = json.dumps(chinese, ensure_ascii=False)
        for leak in (str(ROOT), "/tmp/", "/home/", "site-packages", "file://"):
            assert leak not in text, (page, leak)
        assert "version" not in chinese["metadata"]["language_info"], page
        links = re.findall(r"\]\((https?://[^)]+)\)", text)
        ours = [link for link in links if link.startswith(_base())]
        assert all(link.startswith(_base() + f"{LANGUAGE}/") for link in ours), page


ZIP_LINK = re.compile(r'href="([^"]+\.zip)"')
SCRIPT_LINK = re.compile(r'href="([^"]+\.py)"')


def _links(site, page: str, pattern: re.Pattern) -> list[str]:
    """The files that ``page`` links with ``pattern``, relative to the site."""
    hrefs = sorted(set(pattern.findall(_text(site, page))))
    return [_resolve(page, href) for href in hrefs]


def _zip(site, name: str) -> dict[str, bytes]:
    """The members of the zip ``name`` (relative to the site), checked to be
    reproducible: sorted by name, each stamped with one fixed time."""
    assert (site / name).is_file(), f"{name} is missing"
    with zipfile.ZipFile(site / name) as archive:
        infos = archive.infolist()
        names = [info.filename for info in infos]
        assert names == sorted(names), name
        assert len({info.date_time for info in infos}) == 1, name
        return {info.filename: archive.read(info) for info in infos}


def _example_zip(site, page: str) -> tuple[str, dict[str, bytes]]:
    """The zip a gallery page's "Download zipped" button offers, and its members."""
    (name,) = _links(site, page, ZIP_LINK)
    return name, _zip(site, name)


def test_every_gallery_page_zips_its_own_notebook_and_the_english_script(site):
    """Each Chinese gallery page's zipped download is the translation's own (in
    zh_CN/), holding the Chinese notebook the page links (the same bytes) and the
    English script; each English page's zip holds its English notebook."""
    pages = example_pages()
    assert len(pages) > 30
    for page in pages:
        stem = PurePosixPath(page).stem
        (script,) = _links(site, page, SCRIPT_LINK)
        english_notebook, _ = _notebook_of(site, page)
        chinese_notebook, _ = _notebook_of(site, f"{LANGUAGE}/{page}")
        _, english = _example_zip(site, page)
        chinese_name, chinese = _example_zip(site, f"{LANGUAGE}/{page}")
        assert chinese_name.startswith(f"{LANGUAGE}/_downloads/"), chinese_name
        assert sorted(chinese) == sorted(english) == [f"{stem}.ipynb", f"{stem}.py"]
        assert english[f"{stem}.ipynb"] == (site / english_notebook).read_bytes()
        assert chinese[f"{stem}.ipynb"] == (site / chinese_notebook).read_bytes()
        assert chinese[f"{stem}.ipynb"] != english[f"{stem}.ipynb"], page
        assert chinese[f"{stem}.py"] == english[f"{stem}.py"], page
        assert english[f"{stem}.py"] == (site / script).read_bytes(), page


def _gallery_notebook_zips(site, language_folder: str) -> list[tuple[str, str]]:
    """(gallery index page, its zip of notebooks) for every gallery index of the
    site in ``language_folder`` (``""`` for the English site)."""
    found = []
    for page in site_pages():
        if not page.startswith(f"{GALLERY_OUT}/") or PurePosixPath(page).name != (
            "index.html"
        ):
            continue
        here = f"{language_folder}{page}"
        for name in _links(site, here, ZIP_LINK):
            if name.endswith("_jupyter.zip"):
                found.append((here, name))
    return found


@pytest.mark.parametrize("language", ["en", LANGUAGE])
def test_every_gallery_index_zips_the_notebooks_of_its_language(site, language):
    """Each gallery index's "download all examples" zip of notebooks holds, for
    every example of that gallery, the notebook its page in the same language
    links (the same bytes): Chinese notebooks in the Chinese site's own zip,
    English ones in the English site's."""
    folder = "" if language == "en" else f"{language}/"
    zips = _gallery_notebook_zips(site, folder)
    assert zips, "no gallery index offers a zip of notebooks"
    for index, name in zips:
        if language != "en":
            assert name.startswith(f"{folder}_downloads/"), (index, name)
        members = _zip(site, name)
        gallery = PurePosixPath(index).parent
        examples = [
            page
            for page in example_pages()
            if PurePosixPath(f"{folder}{page}").is_relative_to(gallery)
        ]
        assert examples and len(members) == len(examples), (index, len(members))
        for page in examples:
            member = PurePosixPath(f"{folder}{page}").relative_to(gallery)
            notebook, _ = _notebook_of(site, f"{folder}{page}")
            data = members[member.with_suffix(".ipynb").as_posix()]
            assert data == (site / notebook).read_bytes(), (index, member)


def test_every_chinese_notebook_installs_gdbook_in_chinese(site):
    """The install cell of every notebook of the Chinese site, the gallery's and
    the exercises', says in Chinese what it does, and pins the same version from
    the same index as the English notebooks' (test_site_install.py)."""
    import gdbook

    notebooks = sorted((site / LANGUAGE / "_downloads").rglob("*.ipynb"))
    assert len(notebooks) > 30
    for notebook in notebooks:
        cell = json.loads(notebook.read_text("utf-8"))["cells"][0]
        code = "".join(cell["source"])
        assert cell["cell_type"] == "code" and f"gdbook=={gdbook.__version__}" in code
        assert f"{_base()}simple/" in code, notebook.name
        comments = [line for line in code.splitlines() if line.startswith("#")]
        assert comments and all(CJK.search(line) for line in comments), notebook.name


#: Chinese notebooks run by test_a_chinese_notebook_runs (their code is the English
#: notebooks', which tests/site/test_outside.py runs, every one): a page with
#: maths and a note, one with an animation, one of backpropagation.
RUN_SAMPLE = (
    "auto_examples/02_gradient_descent/plot_parabola_descent.html",
    "auto_examples/02_gradient_descent/plot_parabola_animation.html",
    "auto_examples/04_backpropagation/plot_backprop_by_hand.html",
)


@pytest.mark.parametrize("page", RUN_SAMPLE, ids=lambda p: PurePosixPath(p).stem)
def test_a_chinese_notebook_runs_with_nothing_on_stderr(site, page, tmp_path):
    """A Chinese notebook runs from an empty folder (gdbook from this
    environment: the install cell does nothing) and writes nothing on stderr."""
    pytest.importorskip("nbclient")
    name, _ = _notebook_of(site, f"{LANGUAGE}/{page}")
    notebook = tmp_path / PurePosixPath(name).name
    notebook.write_bytes((site / name).read_bytes())
    env = {**os.environ, "MPLBACKEND": "Agg", "PYTHONHASHSEED": "0"}
    env.update(
        JUPYTER_CONFIG_DIR=str(tmp_path / "jupyter-config"),
        JUPYTER_DATA_DIR=str(tmp_path / "jupyter-data"),
        JUPYTER_RUNTIME_DIR=str(tmp_path / "jupyter-runtime"),
        IPYTHONDIR=str(tmp_path / "ipython"),
    )
    result = subprocess.run(
        [sys.executable, "-c", NOTEBOOK_RUNNER, notebook.name, "300"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-4000:]
    assert result.stderr == "", result.stderr[-4000:]
