"""Every page of the built site, opened in a real browser over HTTP, under a sub-path.

The pages are found in docs/_build/html when the tests are collected, so a new
gallery chapter or concept page is tested as soon as it is built. Every English
page, and a sample of the Chinese ones (sitecheck.TRANSLATED_SAMPLE: the Chinese
pages are the same pages, with other words).
"""

from __future__ import annotations

import pytest
from sitecheck import (
    IMAGES_JS,
    LINKS_JS,
    MATHS_JS,
    VIDEOS_JS,
    alt_problem,
    link_problem,
    serious_violations,
    site_pages,
    translated_sample,
    watch,
    words,
)

pytestmark = pytest.mark.browser


def pytest_generate_tests(metafunc):
    """Give ``page_path`` every page of the built site, found at collection time."""
    if "page_path" not in metafunc.fixturenames:
        return
    pages = site_pages() + translated_sample()
    if pages:
        metafunc.parametrize("page_path", pages)
    else:  # one test that says why, instead of an empty, silent parametrization
        metafunc.parametrize("page_path", [pytest.param("", id="site-not-built")])


def test_page_works_offline_and_accessibly(page_path, site, server, context):
    """Loads with no error and nothing from another host; its images load and say
    what they show; its maths is typeset; its videos play; its links resolve; and
    axe-core finds no serious or critical accessibility violation."""
    page = context.new_page()
    visit = watch(context, page, server)
    response = page.goto(server.url(page_path), wait_until="load")
    assert response is not None and response.status == 200, page_path

    problems = []
    for image in page.evaluate(IMAGES_JS):
        if image["naturalWidth"] == 0:
            problems.append(f"image does not load: {image['src']}")
        if why := alt_problem(image):
            problems.append(f"image {image['src']}: {why}")

    maths = page.evaluate(MATHS_JS)
    if maths is not None:
        if not maths["loaded"]:
            problems.append(
                f"{maths['count']} formulas but MathJax did not typeset them: "
                f"{maths.get('error', 'not loaded')}"
            )
        else:
            problems += [
                f"formula not typeset: {text!r}" for text in maths["untypeset"]
            ]
            problems += [f"MathJax error: {error}" for error in maths["errors"]]
            if maths["shown"] < maths["count"]:
                problems.append(f"{maths['count'] - maths['shown']} formulas not shown")

    for video in page.evaluate(VIDEOS_JS):
        if video["error"] or video["width"] == 0 or video["advanced"] < 0.3:
            problems.append(f"video does not play: {video}")
        if not video["label"] or words(video["label"]) < 2:
            problems.append(f"video {video['src']} has no label saying what it shows")
        if not (video["controls"] and video["muted"]):
            problems.append(f"video {video['src']} lacks controls or is not muted")

    for url in sorted(set(page.evaluate(LINKS_JS))):
        if why := link_problem(url, server, site):
            problems.append(f"broken link: {why}")

    page.wait_for_load_state("networkidle")
    problems = visit.problems() + problems
    # Last, as axe makes requests of its own (see serious_violations).
    problems += serious_violations(page)
    assert not problems, f"{page_path}:\n  " + "\n  ".join(problems)
