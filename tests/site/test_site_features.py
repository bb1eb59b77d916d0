"""What a reader does on the site: read maths, watch animations, download examples,
search, switch to dark mode. In a real browser, over HTTP, under a sub-path."""

from __future__ import annotations

import io
import json
import re
import zipfile
from pathlib import Path

import pytest
from sitecheck import (
    DOWNLOADS,
    DOWNLOADS_JS,
    GALLERY,
    GALLERY_OUT,
    MATHS_JS,
    VIDEOS_JS,
    animated_examples,
    example_pages,
    site_pages,
    visit_page,
    watch,
)

pytestmark = pytest.mark.browser


def _open(context, server, path: str):
    """Open ``path`` of the site in a new tab; return the tab and its problem log."""
    page = context.new_page()
    visit = watch(context, page, server)
    response = page.goto(server.url(path), wait_until="load")
    assert response is not None and response.status == 200, path
    return page, visit


def test_concept_page_shows_typeset_maths(site, server, context):
    """A concept page's formulas are typeset by the site's own MathJax."""
    concept_pages = [
        page
        for page in site_pages()
        if page.startswith("concepts/")
        and 'class="math' in (site / page).read_text("utf-8")
    ]
    assert concept_pages, "no concept page has maths to typeset"
    page, visit = _open(context, server, concept_pages[0])
    mathjax = page.eval_on_selector("script[src*='mathjax']", "s => s.src")
    assert mathjax.startswith(server.root + "_static/mathjax/"), mathjax
    maths = page.evaluate(MATHS_JS)
    assert maths["loaded"], "MathJax did not load"
    assert maths["count"] > 0
    assert maths["untypeset"] == [] and maths["errors"] == []
    assert maths["shown"] == maths["count"]
    # The reader sees formulas, not TeX source.
    text = page.inner_text("article")
    assert "\\frac" not in text and "\\nabla" not in text
    page.wait_for_load_state("networkidle")  # the fonts, from the site too
    assert visit.problems() == []


ANIMATED = animated_examples()


@pytest.mark.parametrize(
    "example",
    ANIMATED or [pytest.param(None, id="no-animation-yet")],
)
def test_each_animation_plays(example, site, server, context):
    """Every gallery page whose script makes an animation shows it as a video that
    starts by itself (muted autoplay) and plays when started."""
    if example is None:
        pytest.skip("no gallery script makes an animation yet")
    assert (site / example).is_file(), f"{example} was not built"
    page, visit = _open(context, server, example)
    videos = page.locator("video")
    assert videos.count() > 0, f"{example} makes an animation but shows no video"
    # Autoplay: once a reader scrolls to it, the first video runs without any
    # script of ours (Chromium defers a muted autoplay until the video is visible).
    videos.first.scroll_into_view_if_needed()
    page.wait_for_function(
        "() => { const v = document.querySelector('video'); "
        "return v && !v.paused && v.currentTime > 0; }",
        timeout=10_000,
    )
    for video in page.evaluate(VIDEOS_JS):
        assert video["error"] is None, video
        assert video["width"] > 0, video
        assert video["advanced"] >= 0.3, f"the video does not advance: {video}"
        assert video["src"].startswith(server.root), video
    page.wait_for_load_state("networkidle")
    assert visit.problems() == []


def _download_links(page) -> list[str]:
    """The distinct download links of a page (each appears in two places)."""
    hrefs = page.eval_on_selector_all(DOWNLOADS, DOWNLOADS_JS)
    return sorted(set(hrefs))


@pytest.mark.parametrize(
    "example", example_pages() or [pytest.param(None, id="site-not-built")]
)
def test_example_downloads_answer(example, site, server, browser, context, run_cache):
    """Each example page offers its script and its notebook, and both download.

    The page is the one visit of the page walk (sitecheck.visit_page)."""
    visit = run_cache.get(
        f"visit:{example}", lambda: visit_page(browser, server, site, example)
    )
    assert visit["status"] == 200, example
    links = [
        server.url(link) if "://" not in link else link for link in visit["downloads"]
    ]
    script = [url for url in links if url.endswith(".py")]
    notebook = [url for url in links if url.endswith(".ipynb")]
    assert len(script) == 1 and len(notebook) == 1, links
    for url in links:
        response = context.request.get(url)
        assert response.status == 200, url
        assert len(response.body()) > 0, url
    name = Path(example).with_suffix(".py").name
    source = context.request.get(script[0]).text()
    assert Path(script[0]).name == name
    compile(source, name, "exec")  # the reader gets a script that Python accepts
    cells = json.loads(context.request.get(notebook[0]).text())["cells"]
    assert any(cell["cell_type"] == "code" for cell in cells)
    assert visit["loading"] == []


def test_zips_of_all_examples_download(site, server, context):
    """The gallery's main page offers zips of every script and every notebook."""
    page, visit = _open(context, server, f"{GALLERY_OUT}/index.html")
    zips = [url for url in _download_links(page) if url.endswith(".zip")]
    assert len(zips) == 2, zips
    scripts = sorted(p.name for p in GALLERY.rglob("plot_*.py"))
    for url in zips:
        response = context.request.get(url)
        assert response.status == 200, url
        with zipfile.ZipFile(io.BytesIO(response.body())) as archive:
            names = sorted(Path(name).name for name in archive.namelist())
        suffix = ".ipynb" if "jupyter" in url else ".py"
        assert names == sorted(str(Path(s).with_suffix(suffix)) for s in scripts), url
    assert visit.problems() == []


def test_search_finds_gradient(site, server, context):
    """The search page, run by the site's own index, finds pages about gradients."""
    page, visit = _open(context, server, "search.html?q=gradient")
    results = page.locator("#search-results ul.search li")
    results.first.wait_for(timeout=15_000)
    assert results.count() >= 3
    first = results.first.locator("a").first.get_attribute("href")
    assert first and not re.match(r"https?://", first), first
    page.wait_for_load_state("networkidle")
    assert visit.problems() == []


def test_chinese_search_finds_the_gradient_descent_lesson(site, server, context):
    """The Chinese site's search (its own index, words cut by jieba) finds the
    lesson on gradient descent for 梯度下降, and its results stay in Chinese."""
    page, visit = _open(context, server, "zh_CN/search.html?q=梯度下降")
    results = page.locator("#search-results ul.search li")
    results.first.wait_for(timeout=15_000)
    links = [
        results.nth(i).locator("a").first.get_attribute("href")
        for i in range(results.count())
    ]
    assert any(
        link and link.split("#")[0].endswith("concepts/gradient-descent.html")
        for link in links
    ), links
    assert all(link and not re.match(r"https?://", link) for link in links), links
    page.wait_for_load_state("networkidle")
    assert visit.problems() == []


def test_dark_mode_switch(site, server, browser):
    """The theme switch turns the pages dark, and the choice survives a reload."""
    context = browser.new_context(color_scheme="light")
    try:
        page, visit = _open(context, server, "index.html")
        theme = "document.documentElement.dataset.theme"
        background = "getComputedStyle(document.body).backgroundColor"
        assert page.evaluate(theme) == "light"
        light_background = page.evaluate(background)
        # A menu in the header: open it, choose "Dark", as a reader does.
        page.locator("button.theme-switch-button:visible").first.click()
        page.locator("button.theme-change-button[data-mode='dark']:visible").click()
        assert page.evaluate(theme) == "dark"
        page.wait_for_timeout(400)  # the theme fades its colours
        dark_background = page.evaluate(background)
        assert dark_background != light_background
        red, green, blue = map(int, re.findall(r"\d+", dark_background)[:3])
        assert 0.2126 * red + 0.7152 * green + 0.0722 * blue < 80, dark_background
        page.reload(wait_until="load")
        assert page.evaluate(theme) == "dark"
        assert visit.problems() == []
    finally:
        context.close()


@pytest.mark.parametrize("path", ["index.html", f"{GALLERY_OUT}/index.html"])
def test_site_works_at_the_root_too(path, site, root_server, context):
    """Served at the root of a host (``nox -s serve``), the pages load cleanly."""
    page, visit = _open(context, root_server, path)
    page.wait_for_load_state("networkidle")
    assert visit.problems() == []


# Chinese text on the pages: quotes of the sources in prose, and their code and
# printed output.
CJK_TEXT = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
CJK_FONT = "Noto Sans CJK SC"
# For each element whose own text has a CJK character: the nearest lang, and the
# computed font-family of the element that holds the text.
CHINESE_JS = """() => {
  const cjk = /[\\u3400-\\u4dbf\\u4e00-\\u9fff]/;
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const found = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!cjk.test(node.data)) continue;
    const holder = node.parentElement;
    if (holder.closest("script, style")) continue;
    found.push({
      text: node.data.trim().slice(0, 30),
      lang: holder.closest("[lang]").getAttribute("lang"),
      font: getComputedStyle(holder).fontFamily,
      mono: holder.closest("pre, code") !== null,
    });
  }
  return found;
}"""


def test_chinese_text_is_marked_zh_and_has_a_cjk_font(site, server, context):
    """On a page that quotes the sources (prose, code and output), every piece of
    Chinese text is in an element whose computed language is zh and whose font
    stack names a CJK font first, monospace ones in code; the page's own language
    stays English and its text keeps the CJK fallback too."""
    pages = [
        page
        for page in example_pages()
        if CJK_TEXT.search((site / page).read_text("utf-8"))
    ]
    assert len(pages) >= 5, pages
    in_code = []
    for path in ["errata.html", *pages[:2]]:
        page, visit = _open(context, server, path)
        found = page.evaluate(CHINESE_JS)
        assert found, path
        # zh, or zh-CN (the language switcher's 中文): Chinese either way.
        assert {item["lang"].split("-")[0] for item in found} == {"zh"}, path
        for item in found:
            assert item["font"].startswith(
                '"Noto Sans Mono CJK SC"' if item["mono"] else f'"{CJK_FONT}"'
            ), (path, item)
        in_code += [item for item in found if item["mono"]]
        assert page.evaluate("document.documentElement.lang") == "en"
        body_font = page.evaluate("getComputedStyle(document.body).fontFamily")
        assert CJK_FONT in body_font and body_font.endswith('"Noto Color Emoji"'), (
            body_font
        )
        assert visit.problems() == []
        page.close()
    assert in_code, "no Chinese text in code (the sources' code and output)"
