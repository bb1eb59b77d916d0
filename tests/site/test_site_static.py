"""Checks of the built site that need no browser: they run everywhere."""

from __future__ import annotations

import importlib.util
import re
import sys
import tomllib
from xml.etree import ElementTree

from sitecheck import ROOT, TRANSLATIONS, all_pages

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
    # (a <link> the browser loads: not a page's canonical address or an alternate)
    r"""|<link\b(?![^>]*\brel\s*=\s*["']?(?:canonical|alternate)\b)"""
    r"""[^>]*?\shref\s*=\s*["']?(?:https?:)?//"""
    r"""|@import\s+(?:url\()?["']?(?:https?:)?//"""
    r"""|url\(\s*["']?(?:https?:)?//""",
    re.IGNORECASE,
)


def test_no_page_or_stylesheet_loads_from_another_host(site):
    """No tag or stylesheet of the site names another host to load from.

    (The browser tests catch what scripts request at run time.)
    """
    files = [site / page for page in all_pages()] + sorted(site.rglob("*.css"))
    offending = {}
    for path in files:
        text = path.read_text(encoding="utf-8", errors="replace")
        if hits := [match.group(0)[:120] for match in LOADED.finditer(text)]:
            offending[path.relative_to(site).as_posix()] = hits
    assert offending == {}


def test_the_site_is_within_its_weight_budget(site):
    """Every page, in both languages, under 300 kB with its own media, the whole
    site under its budget (tools/page_weight.py)."""
    weight = page_weight.measure(site)
    print(page_weight.table(weight))
    assert page_weight.over_budget(weight) == []
    # Every page, and the two of the package index (simple/), which are tiny.
    index = sorted(
        p.relative_to(site).as_posix() for p in site.glob("simple/**/*.html")
    )
    assert sorted(page.path for page in weight.pages) == sorted(all_pages() + index)


def _in_its_site(page: str) -> str:
    """A page's name in its language's site (``zh_CN/x.html`` is ``x.html``)."""
    first, _, rest = page.partition("/")
    return rest if first in TRANSLATIONS else page


def _document_pages() -> list[str]:
    """The pages made from the documents of docs/ (and of the gallery), in every
    language."""
    generated = {"404.html", "search.html", "genindex.html", "py-modindex.html"}
    return [
        page
        for page in all_pages()
        if _in_its_site(page) not in generated
        and not _in_its_site(page).startswith("_modules/")
    ]


def _head(site, page: str) -> str:
    html = (site / page).read_text("utf-8")
    return html[: html.index("</head>")]


def test_every_page_names_its_canonical_address_and_opengraph_tags(site):
    """Each page's <link rel="canonical"> and og:url are its address on the
    canonical site (pyproject's Documentation URL); og:title and og:description
    say what it is; no og:image (none is generated or fetched)."""
    with open(ROOT / "pyproject.toml", "rb") as file:
        base = tomllib.load(file)["project"]["urls"]["Documentation"]
    for page in all_pages():
        if _in_its_site(page) == "404.html":
            continue
        head = _head(site, page)
        assert f'<link rel="canonical" href="{base}{page}" />' in head, page
    # OpenGraph tags on the pages made from documents (not the highlighted
    # sources of _modules/ or the generated index).
    pages = _document_pages()
    assert len(pages) > 60
    for page in pages:
        head = _head(site, page)
        assert f'<meta property="og:url" content="{base}{page}" />' in head, page
        assert re.search(r'<meta property="og:title" content="[^"]+" />', head), page
        assert "og:image" not in head, page
    index = _head(site, "index.html")
    description = re.search(r'<meta property="og:description" content="([^"]+)"', index)
    assert description and len(description.group(1)) > 40, description


def test_the_sitemap_lists_every_page_at_its_canonical_address(site):
    with open(ROOT / "pyproject.toml", "rb") as file:
        base = tomllib.load(file)["project"]["urls"]["Documentation"]
    root = ElementTree.parse(site / "sitemap.xml").getroot()
    namespace = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    assert root.tag == f"{namespace}urlset"
    locs = [loc.text for loc in root.iter(f"{namespace}loc")]
    assert locs == sorted(locs)
    assert {loc.removeprefix(base) for loc in locs} == set(_document_pages())
    assert all(
        loc.startswith(base) and (site / loc[len(base) :]).is_file() for loc in locs
    )


def test_every_page_has_the_sites_favicon(site):
    favicon = site / "_static" / "favicon.svg"
    assert favicon.read_bytes().startswith(b"<svg ") and favicon.stat().st_size < 2000
    for page in all_pages():
        if _in_its_site(page) == "404.html":
            continue
        href = re.search(r'<link rel="icon" href="([^"]+)"', _head(site, page))
        assert href, page
        assert ((site / page).parent / href.group(1)).resolve() == favicon.resolve()
