"""The layout of the gallery pages in a real browser (docs/_static/gdbook.css).

Code does not scroll sideways, on wide screens or narrow ones, and the controls of
a paused video leave the picture (its tick labels) uncovered.
"""

from __future__ import annotations

import pytest
from sitecheck import animated_examples, example_pages

pytestmark = pytest.mark.browser

# The code blocks that scroll sideways, and whether the page itself does.
OVERFLOW_JS = """() => {
  const scrolling = [];
  for (const pre of document.querySelectorAll('.bd-article pre')) {
    if (pre.scrollWidth > pre.clientWidth + 1) {
      scrolling.push(pre.textContent.split('\\n')[0].slice(0, 60));
    }
  }
  return {
    scrolling,
    pageScrolls: document.documentElement.scrollWidth > window.innerWidth,
  };
}"""

# Each video: its box, and the height its picture takes in it (object-fit: contain).
VIDEOS_JS = """() => Array.from(document.querySelectorAll('video')).map(v => {
  const scale = Math.min(v.clientWidth / v.videoWidth, v.clientHeight / v.videoHeight);
  return {
    box: v.clientHeight,
    picture: v.videoHeight * scale,
    position: getComputedStyle(v).objectPosition,
  };
})"""


WIDTHS = [1280, 1440, 390]


@pytest.fixture(scope="module")
def overflow(browser, server):
    """OVERFLOW_JS's answer on every example page at each width, ``{width: {path:
    answer}}``: each page is opened once and measured at the three widths in turn."""
    found = {width: {} for width in WIDTHS}
    context = browser.new_context(viewport={"width": WIDTHS[0], "height": 900})
    try:
        page = context.new_page()
        for path in example_pages():
            page.goto(server.url(path))
            for width in WIDTHS:
                page.set_viewport_size({"width": width, "height": 900})
                found[width][path] = page.evaluate(OVERFLOW_JS)
            page.set_viewport_size({"width": WIDTHS[0], "height": 900})
    finally:
        context.close()
    return found


@pytest.mark.parametrize("width", WIDTHS)
def test_no_code_block_scrolls_sideways(overflow, width):
    problems = {
        path: result
        for path, result in overflow[width].items()
        if result["scrolling"] or result["pageScrolls"]
    }
    assert problems == {}


@pytest.mark.parametrize("width", [1280, 390])
def test_paused_video_controls_leave_the_picture_uncovered(browser, server, width):
    context = browser.new_context(viewport={"width": width, "height": 900})
    bands = {}
    try:
        page = context.new_page()
        for path in animated_examples():
            page.goto(server.url(path))
            page.wait_for_function(
                "() => [...document.querySelectorAll('video')]"
                ".every(v => v.readyState >= 1)",
                timeout=10_000,
            )
            page.evaluate(
                "() => document.querySelectorAll('video').forEach(v => v.pause())"
            )
            for video in page.evaluate(VIDEOS_JS):
                bands.setdefault(path, []).append(video)
    finally:
        context.close()
    assert bands, "no animation found"
    for path, videos in bands.items():
        for video in videos:
            # A free band of at least 4.5rem (72 px) under the picture, where the
            # controls (about 70 px with their shading) are drawn.
            assert video["box"] - video["picture"] >= 71, (path, video)
            assert video["position"] == "50% 0%", (path, video)  # at the top
