"""Checks of the built site that need no browser: they run everywhere."""

from __future__ import annotations

import importlib.util
import re
import sys

from sitecheck import ROOT, site_pages

_spec = importlib.util.spec_from_file_location(
    "page_weight", ROOT / "tools" / "page_weight.py"
)
page_weight = importlib.util.module_from_spec(_spec)
sys.modules["page_weight"] = page_weight  # dataclasses look their module up there
_spec.loader.exec_module(page_weight)

# Elements whose URL the browser loads by itself (links to follow are not listed).
LOADED = re.compile(
    r"<(?:script|img|iframe|video|audio|source|track|embed)\b[^>]*?\s(?:src|poster)"
    r"""\s*=\s*["']?(?:https?:)?//"""
    r"""|<link\b[^>]*?\shref\s*=\s*["']?(?:https?:)?//"""
    r"""|@import\s+(?:url\()?["']?(?:https?:)?//"""
    r"""|url\(\s*["']?(?:https?:)?//""",
    re.IGNORECASE,
)


def test_no_page_or_stylesheet_loads_from_another_host(site):
    """No tag or stylesheet of the site names another host to load from.

    (The browser tests catch what scripts request at run time.)
    """
    files = [site / page for page in site_pages()] + sorted(site.rglob("*.css"))
    offending = {}
    for path in files:
        text = path.read_text(encoding="utf-8", errors="replace")
        if hits := [match.group(0)[:120] for match in LOADED.finditer(text)]:
            offending[path.relative_to(site).as_posix()] = hits
    assert offending == {}


def test_the_site_is_within_its_weight_budget(site):
    """Every page under 300 kB with its own media, the whole site under 20 MB."""
    weight = page_weight.measure(site)
    print(page_weight.table(weight))
    assert page_weight.over_budget(weight) == []
    assert len(weight.pages) == len(site_pages())
