"""Accessibility of the four kinds of page, in depth.

Every page is checked for serious and critical axe-core violations by the page walk
(test_site_pages.py). The index, a gallery page (one with an animation when there is
one), the API page and a concept page (one with maths when there is one), chosen from
the built site, must have no violation at all, minor ones included.
"""

from __future__ import annotations

import pytest
from sitecheck import (
    SITE,
    animated_examples,
    axe_violations,
    example_pages,
    site_pages,
    watch,
)

pytestmark = pytest.mark.browser


def pages_to_audit() -> list:
    pages = site_pages()
    if not pages:
        return [pytest.param(None, id="site-not-built")]

    def with_maths(page: str) -> bool:
        return 'class="math' in (SITE / page).read_text(encoding="utf-8")

    built = set(pages)
    gallery = [page for page in animated_examples() if page in built] + example_pages()
    concepts = [
        p for p in pages if p.startswith("concepts/") and p != "concepts/index.html"
    ]
    concepts.sort(key=lambda page: not with_maths(page))
    chosen = ["index.html", *gallery[:1], "api/descent.html", *concepts[:1]]
    return [pytest.param(page, id=page) for page in chosen]


@pytest.mark.parametrize("path", pages_to_audit())
def test_no_accessibility_violation(path, site, server, context):
    page = context.new_page()
    visit = watch(context, page, server)
    page.goto(server.url(path), wait_until="load")
    page.wait_for_load_state("networkidle")  # MathJax has typeset, fonts are in
    assert visit.problems() == []
    violations = axe_violations(page)
    assert not violations, f"{path}:\n  " + "\n  ".join(violations)
