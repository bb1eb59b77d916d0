"""Every page of the built site, opened in a real browser over HTTP, under a sub-path.

The pages are found in docs/_build/html when the tests are collected, so a new
gallery chapter or concept page is tested as soon as it is built. Every page, in
both languages: the Chinese pages are the same pages with other words, and other
words are what can break them (a text alternative, a wrapped heading).
"""

from __future__ import annotations

import pytest
from sitecheck import all_pages, visit_page

pytestmark = pytest.mark.browser


def pytest_generate_tests(metafunc):
    """Give ``page_path`` every page of the built site, found at collection time."""
    if "page_path" not in metafunc.fixturenames:
        return
    pages = all_pages()
    if pages:
        metafunc.parametrize("page_path", pages)
    else:  # one test that says why, instead of an empty, silent parametrization
        metafunc.parametrize("page_path", [pytest.param("", id="site-not-built")])


def test_page_works_offline_and_accessibly(page_path, site, server, browser, run_cache):
    """Loads with no error and nothing from another host; its images load and say
    what they show; its maths is typeset; its videos play; its links resolve; and
    axe-core finds no serious or critical accessibility violation.

    The page is opened once per test run for this test and test_site_course.py's
    (sitecheck.visit_page)."""
    visit = run_cache.get(
        f"visit:{page_path}", lambda: visit_page(browser, server, site, page_path)
    )
    assert visit["status"] == 200, page_path
    problems = visit["problems"]
    assert not problems, f"{page_path}:\n  " + "\n  ".join(problems)
