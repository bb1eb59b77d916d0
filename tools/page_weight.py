"""Print the weight of every page of the built site, and fail over budget.

A page weighs what a reader downloads to see it: its HTML, every image, video and
audio file it loads (its figures and animations, and the thumbnails of a gallery
index, even when other pages show the same thumbnails), and the scripts and
stylesheets that it alone loads. That is the weight the budget limits. The scripts
and stylesheets that every page shares (the theme, MathJax, the search) are listed
too, as the "first visit" weight, but not budgeted per page: a browser downloads
them once for the whole site. Sizes are in decimal units: 1 kB = 1000 bytes,
1 MB = 1000 kB.

Usage: ``python tools/page_weight.py [SITE] [--max-page-kb N] [--max-site-mb N]``
(``nox -s weight`` builds the site and runs it). Exits 1 when a page or the whole
site is over budget, or when a page refers to a file that the site does not hold.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SITE = ROOT / "docs" / "_build" / "html"
MAX_PAGE_KB = 300
# The whole site: 7 MB of it is MathJax, served by the site itself; the rest grows
# with the course (45 example pages, each with its script, notebook and zip, and
# six exercise pages in 0.2.0). Raised from 20 MB when the course grew from 25 to 45
# example pages; the page budget above is the one a reader feels. Raised from 25 MB
# to 32 MB with the Chinese edition (zh_CN/): its pages add 7 MB of HTML; its
# figures, videos, downloads, MathJax and theme are the English site's files.
MAX_SITE_MB = 32

# Elements and attributes that make a browser download an image, a video or audio.
MEDIA_ATTRIBUTES = {
    "img": ("src", "srcset"),
    "video": ("src", "poster"),
    "audio": ("src",),
    "source": ("src", "srcset"),
    "track": ("src",),
    "object": ("data",),
    "embed": ("src",),
    "input": ("src",),
}
# <link rel=...> values whose file the browser downloads with the page.
LOADED_LINKS = {"stylesheet", "preload", "modulepreload", "icon"}


class MediaParser(HTMLParser):
    """Collect the URLs of the media a page loads, and of its scripts and styles."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self.assets: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "script":
            self.assets += [value for name, value in attrs if name == "src" and value]
            return
        if tag == "link":
            rel = set((dict(attrs).get("rel") or "").lower().split())
            href = dict(attrs).get("href")
            if rel & LOADED_LINKS and href:
                self.assets.append(href)
            return
        wanted = MEDIA_ATTRIBUTES.get(tag, ())
        for name, value in attrs:
            if name not in wanted or not value:
                continue
            if name == "srcset":
                # "a.png 1x, b.png 2x": the URL is the first word of each candidate.
                self.urls += [c.split()[0] for c in value.split(",") if c.split()]
            else:
                self.urls.append(value)


def site_pages(site: Path) -> list[Path]:
    """Every HTML page of the site, in every language (not the theme's templates
    in ``_static`` or ``zh_CN/_static``)."""
    return sorted(
        path
        for path in site.rglob("*.html")
        if "_static" not in path.relative_to(site).parts
    )


def _resolve(urls: list[str], page: Path, site: Path) -> tuple[set[Path], set[str]]:
    """The site files that ``urls`` (found in ``page``) name, and those it lacks."""
    found: set[Path] = set()
    missing: set[str] = set()
    for url in urls:
        parts = urlsplit(url)
        if parts.scheme == "data":
            continue  # inline: already counted in the page's HTML
        if parts.scheme or parts.netloc:
            missing.add(f"{url} (another host)")
            continue
        if parts.path.startswith("/"):
            missing.add(f"{url} (absolute path: breaks the site under a sub-path)")
            continue
        target = PurePosixPath(
            page.parent.relative_to(site).as_posix(), unquote(parts.path)
        )
        resolved = (site / target).resolve()
        if resolved.is_file() and resolved.is_relative_to(site.resolve()):
            found.add(resolved)
        else:
            missing.add(url)
    return found, missing


def media_of(page: Path, site: Path) -> tuple[set[Path], set[str]]:
    """The site files a page loads as media, and the references it could not find."""
    media, _assets, missing = resources_of(page, site)
    return media, missing


def resources_of(page: Path, site: Path) -> tuple[set[Path], set[Path], set[str]]:
    """A page's media files, its script and style files, and what it lacks."""
    parser = MediaParser()
    parser.feed(page.read_text(encoding="utf-8"))
    media, missing_media = _resolve(parser.urls, page, site)
    assets, missing_assets = _resolve(parser.assets, page, site)
    return media, assets, missing_media | missing_assets


@dataclass
class PageWeight:
    """What one page weighs, in bytes.

    ``media`` counts every image, video and audio file the page loads (thumbnails
    included); ``own_media`` the part that no other page loads. ``assets`` counts its
    scripts and stylesheets, ``own_assets`` those that no other page loads.
    """

    path: str
    html: int
    own_media: int
    own_files: list[str] = field(default_factory=list)
    media: int = 0
    media_files: list[str] = field(default_factory=list)
    assets: int = 0
    own_assets: int = 0

    @property
    def total(self) -> int:
        """The budgeted weight: HTML, all media, and the scripts only it loads."""
        return self.html + self.media + self.own_assets

    @property
    def first_visit(self) -> int:
        """With every script and stylesheet, as a reader with an empty cache."""
        return self.html + self.media + self.assets


@dataclass
class SiteWeight:
    pages: list[PageWeight]
    shared_media: int
    site_total: int
    files: int
    missing: dict[str, set[str]]
    shared_assets: int = 0


def measure(site: Path) -> SiteWeight:
    """Weigh every page of ``site`` and the whole of it."""
    site = site.resolve()
    pages = site_pages(site)
    users: dict[Path, set[Path]] = defaultdict(set)
    asset_users: dict[Path, set[Path]] = defaultdict(set)
    media: dict[Path, set[Path]] = {}
    assets: dict[Path, set[Path]] = {}
    missing: dict[str, set[str]] = {}
    for page in pages:
        media[page], assets[page], unresolved = resources_of(page, site)
        if unresolved:
            missing[page.relative_to(site).as_posix()] = unresolved
        for item in media[page]:
            users[item].add(page)
        for item in assets[page]:
            asset_users[item].add(page)
    weights = []
    for page in pages:
        own = sorted(item for item in media[page] if users[item] == {page})
        own_assets = [item for item in assets[page] if asset_users[item] == {page}]
        weights.append(
            PageWeight(
                path=page.relative_to(site).as_posix(),
                html=page.stat().st_size,
                own_media=sum(item.stat().st_size for item in own),
                own_files=[item.relative_to(site).as_posix() for item in own],
                media=sum(item.stat().st_size for item in media[page]),
                media_files=sorted(
                    item.relative_to(site).as_posix() for item in media[page]
                ),
                assets=sum(item.stat().st_size for item in assets[page]),
                own_assets=sum(item.stat().st_size for item in own_assets),
            )
        )
    shared = sum(item.stat().st_size for item, who in users.items() if len(who) > 1)
    shared_assets = sum(
        item.stat().st_size for item, who in asset_users.items() if len(who) > 1
    )
    files = [path for path in site.rglob("*") if path.is_file()]
    return SiteWeight(
        pages=weights,
        shared_media=shared,
        site_total=sum(path.stat().st_size for path in files),
        files=len(files),
        missing=missing,
        shared_assets=shared_assets,
    )


def over_budget(
    weight: SiteWeight,
    max_page_kb: float = MAX_PAGE_KB,
    max_site_mb: float = MAX_SITE_MB,
) -> list[str]:
    """What breaks the budget (or refers to a missing file), one line each."""
    problems = [
        f"{page.path}: {page.total / 1000:.1f} kB, over the {max_page_kb:g} kB budget"
        for page in weight.pages
        if page.total > max_page_kb * 1000
    ]
    if weight.site_total > max_site_mb * 1_000_000:
        problems.append(
            f"the site: {weight.site_total / 1e6:.2f} MB, over the "
            f"{max_site_mb:g} MB budget"
        )
    for page, urls in sorted(weight.missing.items()):
        problems += [
            f"{page}: refers to {url}, not in the site" for url in sorted(urls)
        ]
    return problems


def table(weight: SiteWeight) -> str:
    """The weight table, as text."""
    width = max([len(page.path) for page in weight.pages] + [40])
    lines = [
        f"{'page':<{width}} {'HTML kB':>8} {'media kB':>9} {'total kB':>9} "
        f"{'1st visit kB':>12}",
        "-" * (width + 42),
    ]
    for page in weight.pages:
        lines.append(
            f"{page.path:<{width}} {page.html / 1000:8.1f} "
            f"{page.media / 1000:9.1f} {page.total / 1000:9.1f} "
            f"{page.first_visit / 1000:12.1f}"
        )
    heaviest = max(weight.pages, key=lambda page: page.total, default=None)
    lines += [
        "-" * (width + 42),
        "media: every image and video the page loads, thumbnails included; total: "
        "HTML, media and the scripts only that page loads (the budgeted weight); "
        "1st visit: with every script and stylesheet, as an empty cache loads it",
        f"{len(weight.pages)} pages; heaviest: "
        + (f"{heaviest.path} ({heaviest.total / 1000:.1f} kB)" if heaviest else "none"),
        f"media shared by several pages: {weight.shared_media / 1000:.1f} kB; "
        f"scripts and styles shared by several pages: "
        f"{weight.shared_assets / 1000:.1f} kB",
        f"whole site: {weight.site_total / 1e6:.2f} MB in {weight.files} files "
        "(scripts, styles, fonts, MathJax, downloads and search index included)",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", nargs="?", type=Path, default=DEFAULT_SITE)
    parser.add_argument("--max-page-kb", type=float, default=MAX_PAGE_KB)
    parser.add_argument("--max-site-mb", type=float, default=MAX_SITE_MB)
    args = parser.parse_args(argv)
    if not (args.site / "index.html").is_file():
        print(
            f"No built site in {args.site}: run `nox -s docs` first.", file=sys.stderr
        )
        return 2
    weight = measure(args.site)
    print(table(weight))
    problems = over_budget(weight, args.max_page_kb, args.max_site_mb)
    if problems:
        print("\nOver budget:", *problems, sep="\n  ", file=sys.stderr)
        return 1
    print(
        f"\nWithin budget: every page under {args.max_page_kb:g} kB, "
        f"the site under {args.max_site_mb:g} MB."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
