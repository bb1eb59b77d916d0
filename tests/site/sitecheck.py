"""What the built-site tests share: finding the site and a browser, serving, visiting.

The site is served over HTTP from 127.0.0.1 by a threaded ``http.server`` under a
sub-path (``/gdbook/``, as GitHub Pages hosts a project site), and everything outside
that sub-path answers 404, so a link or a script that assumes the site is at the root
of its host fails the tests. Every request the browser makes is intercepted: one that
leaves the local server is recorded and aborted.
"""

from __future__ import annotations

import functools
import os
import re
import shutil
import threading
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

ROOT = Path(__file__).resolve().parents[2]
SITE = ROOT / "docs" / "_build" / "html"
GALLERY = ROOT / "gallery"
GALLERY_OUT = "auto_examples"
SUB_PATH = "/gdbook/"

# Flags of the Chromium that Debian packages, run headless as root on a machine with
# no network: no sandbox (root), no GPU, and none of the background connections to
# Google's services that a closed network refuses.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
CHROMIUM_NAMES = (
    "chromium",
    "chromium-browser",
    "google-chrome",
    "google-chrome-stable",
)
INSTALL_HINT = (
    "install Chromium (Debian/Ubuntu: `apt-get install chromium`; elsewhere "
    "`python -m playwright install chromium`), or point GDBOOK_CHROMIUM at a "
    "Chromium or Chrome executable"
)


def in_ci() -> bool:
    """True when running under CI (``CI=true``), where nothing may be skipped."""
    return os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}


def unavailable(reason: str):
    """Skip with ``reason`` on a developer's machine; fail in CI."""
    if in_ci():
        pytest.fail(f"{reason} (CI=true: the built-site tests may not be skipped)")
    pytest.skip(reason)


def site_is_built() -> bool:
    return (SITE / "index.html").is_file()


NOT_BUILT = (
    f"the site is not built in {SITE.relative_to(ROOT)}: run `nox -s tests` "
    "(which builds it first) or `nox -s docs`"
)


#: The folders of the site's translations (docs/_ext/gdbook_i18n.py): each holds
#: the same pages as the English site, at the same names.
TRANSLATIONS = ("zh_CN",)


def _pages(folder: Path) -> list[str]:
    """The HTML pages under ``folder``, relative to the site (theme templates, the
    package index simple/ and the translations' folders excluded)."""
    if not site_is_built() or not folder.is_dir():
        return []
    return sorted(
        path.relative_to(SITE).as_posix()
        for path in folder.rglob("*.html")
        if path.relative_to(folder).parts[0] not in {"_static", "simple", *TRANSLATIONS}
    )


def site_pages() -> list[str]:
    """Every HTML page of the English site, relative to it (theme templates and the
    package index, simple/, excluded)."""
    return _pages(SITE)


def translated_pages(language: str = TRANSLATIONS[0]) -> list[str]:
    """Every HTML page of a translation, relative to the site (``zh_CN/...``)."""
    return _pages(SITE / language)


def all_pages() -> list[str]:
    """Every HTML page of the site, in every language."""
    return site_pages() + [p for lang in TRANSLATIONS for p in translated_pages(lang)]


def example_pages() -> list[str]:
    """The built pages of gallery examples (one per ``plot_*.py`` script)."""
    return [
        page
        for page in site_pages()
        if page.startswith(f"{GALLERY_OUT}/") and Path(page).name.startswith("plot_")
    ]


ANIMATION_CALL = re.compile(r"\b(?:FuncAnimation|ArtistAnimation|animate\w*)\s*\(")


def animated_examples() -> list[str]:
    """The example pages whose script makes an animation.

    Read from the scripts themselves (a call to ``FuncAnimation``, ``ArtistAnimation``
    or to an ``animate...`` helper), so a page whose video went missing from the
    build is still expected to have one.
    """
    pages = []
    for script in sorted(GALLERY.rglob("plot_*.py")):
        if ANIMATION_CALL.search(script.read_text(encoding="utf-8")):
            relative = script.relative_to(GALLERY).with_suffix(".html").as_posix()
            pages.append(f"{GALLERY_OUT}/{relative}")
    return pages


def find_chromium() -> str | None:
    """A Chromium to drive: GDBOOK_CHROMIUM, one on the PATH, or Playwright's own.

    Returns the executable's path, "" for Playwright's own download, None if none.
    """
    configured = os.environ.get("GDBOOK_CHROMIUM")
    if configured:
        return shutil.which(configured) or (
            configured if Path(configured).is_file() else None
        )
    for name in CHROMIUM_NAMES:
        if found := shutil.which(name):
            return found
    try:
        from playwright.sync_api import sync_playwright

        with sync_playwright() as playwright:
            if Path(playwright.chromium.executable_path).is_file():
                return ""
    except Exception:  # no Playwright, or no browser downloaded for it
        return None
    return None


class _SubPathHandler(SimpleHTTPRequestHandler):
    """Serve ``directory`` under ``prefix`` only; anything else is 404."""

    prefix = "/"

    def translate_path(self, path: str) -> str:
        request_path = urlsplit(path).path
        if not request_path.startswith(self.prefix):
            return str(Path(self.directory) / "__outside_the_site__" / "404")
        return super().translate_path("/" + request_path[len(self.prefix) :])

    def log_message(self, format, *args):  # quiet: the tests report what matters
        pass


class SiteServer:
    """The built site on http://127.0.0.1:PORT/PREFIX, served from a thread."""

    def __init__(self, directory: Path, prefix: str = SUB_PATH) -> None:
        handler = functools.partial(
            type("Handler", (_SubPathHandler,), {"prefix": prefix}),
            directory=str(directory),
        )
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self._server.daemon_threads = True
        self.host, self.port = self._server.server_address[:2]
        self.origin = f"http://{self.host}:{self.port}"
        self.root = f"{self.origin}{prefix}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def url(self, page: str) -> str:
        return self.root + page

    def __enter__(self) -> SiteServer:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join()


@dataclass
class Visit:
    """Everything that went wrong while a page loaded, as text lines."""

    offsite: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)

    def problems(self) -> list[str]:
        return (
            [f"request to another host: {url}" for url in self.offsite]
            + [f"failed request: {line}" for line in self.failed]
            + [f"console error: {line}" for line in self.console_errors]
        )


def watch(context, page, server: SiteServer) -> Visit:
    """Record, for ``page`` in ``context``, every request that leaves the site,
    every failed request or error response, and every console error."""
    visit = Visit()

    def guard(route):
        url = route.request.url
        parts = urlsplit(url)
        if parts.scheme in {"data", "blob"} or (
            parts.hostname == server.host and parts.port == server.port
        ):
            route.continue_()
        else:
            visit.offsite.append(url)
            route.abort("blockedbyclient")

    context.route("**/*", guard)
    page.on(
        "requestfailed",
        lambda request: (
            visit.failed.append(f"{request.url} ({request.failure})")
            if urlsplit(request.url).hostname == server.host
            else None
        ),  # offsite requests are reported as such, aborted by the guard
    )
    page.on(
        "response",
        lambda response: (
            visit.failed.append(f"{response.url} (HTTP {response.status})")
            if response.status >= 400
            else None
        ),
    )
    page.on(
        "console",
        lambda message: (
            visit.console_errors.append(
                f"{message.text} at {message.location.get('url', '?')}"
            )
            if message.type == "error"
            else None
        ),
    )
    page.on("pageerror", lambda error: visit.console_errors.append(f"uncaught {error}"))
    return visit


# --- What a page shows, read in the browser ------------------------------------
# Playwright's evaluate() waits for ever: every promise awaited in a page is raced
# against a time limit, so a broken video or a MathJax that never starts fails the
# test instead of hanging it.
WITHIN_JS = """
const within = (promise, ms, what) => Promise.race([
  promise,
  new Promise((_, reject) =>
    setTimeout(() => reject(new Error(`${what}: no answer in ${ms} ms`)), ms)),
]);
"""

IMAGES_JS = (
    """
async () => {"""
    + WITHIN_JS
    + """
  const found = [];
  for (const img of document.images) {
    img.loading = "eager";  // a lazy image below the fold must load too
    try { await within(img.decode(), 10000, "decode"); } catch (error) {
      /* reported as naturalWidth 0 */
    }
    const link = img.closest("a[href]");
    const card = img.closest(".sphx-glr-thumbcontainer");
    const cardLink = card && card.querySelector("a[href]");
    found.push({
      src: img.currentSrc || img.src,
      alt: img.getAttribute("alt"),
      naturalWidth: img.naturalWidth,
      // The text of the link (or gallery card) the image sits in, its own alt aside.
      linkText: ((link && link.textContent) || (cardLink && cardLink.textContent) || "")
        .trim(),
    });
  }
  return found;
}
"""
)

MATHS_JS = (
    """
async () => {"""
    + WITHIN_JS
    + """
  const maths = [...document.querySelectorAll(".math")];
  if (!maths.length) return null;
  if (!window.MathJax || !MathJax.startup) return {count: maths.length, loaded: false};
  try {
    await within(MathJax.startup.promise, 20000, "MathJax typesetting");
    await within(document.fonts.ready, 10000, "fonts");
  } catch (error) {
    return {count: maths.length, loaded: false, error: String(error)};
  }
  const untypeset = maths.filter(m => !m.querySelector("mjx-container"));
  const shown = maths.filter(m => {
    const box = m.querySelector("mjx-container");
    return box && box.getBoundingClientRect().width > 0;
  });
  return {
    count: maths.length,
    loaded: true,
    untypeset: untypeset.slice(0, 3).map(m => m.textContent.slice(0, 80)),
    shown: shown.length,
    errors: [...document.querySelectorAll("mjx-merror")].map(e => e.textContent),
  };
}
"""
)

VIDEOS_JS = (
    """
async () => {"""
    + WITHIN_JS
    + """
  const found = [];
  for (const video of document.querySelectorAll("video")) {
    const {autoplay, muted, controls} = video;
    let error = null;
    video.pause();
    try { await within(video.play(), 5000, "play()"); } catch (e) { error = String(e); }
    // Add up forward progress (the videos loop, so currentTime may wrap).
    let advanced = 0, last = video.currentTime;
    const deadline = performance.now() + 5000;
    while (!error && !video.error && advanced < 0.3 && performance.now() < deadline) {
      await new Promise(resolve => setTimeout(resolve, 50));
      if (video.currentTime > last) advanced += video.currentTime - last;
      last = video.currentTime;
    }
    found.push({
      autoplay, muted, controls,
      src: video.currentSrc,
      label: video.getAttribute("aria-label"),
      advanced,
      width: video.videoWidth,
      error: error || (video.error && `MediaError ${video.error.code}`),
    });
  }
  return found;
}
"""
)

LINKS_JS = """
() => [...document.querySelectorAll("a[href]")].map(a => a.href)
"""

GENERIC_ALT = {
    "image",
    "figure",
    "plot",
    "picture",
    "img",
    "thumbnail",
    "graph",
    "chart",
}


def words(text: str) -> int:
    """How many words ``text`` has: Chinese writes no spaces, so each CJK character
    counts as one (a Chinese alt text of a few characters says what it shows)."""
    cjk = len(re.findall(r"[\u4e00-\u9fff]", text))
    return len(re.sub(r"[\u4e00-\u9fff]", " ", text).split()) + cjk


def alt_problem(image: dict) -> str | None:
    """Why an image's alt text fails to say what it shows, or None when it is fine.

    An empty alt marks an image as decorative, which is right only where a link (or
    the gallery card the image sits in) already names what the image stands for.
    A non-empty alt must be words, not a file name or sphinx-gallery's fallback (the
    script's name, when the figure has no title).
    """
    alt, src = image["alt"], image["src"]
    if alt is None:
        return "no alt attribute"
    alt = " ".join(alt.split())
    if not alt:
        if image["linkText"]:
            return None  # decorative: the link or card beside it carries the title
        return 'alt="" but no link or card names what it shows'
    stem = Path(urlsplit(src).path).stem
    fallback = re.sub(r"[-,_]", " ", re.sub(r"^sphx_glr_|_(\d+|thumb)$", "", stem))
    if alt.lower() in {stem.lower(), fallback.lower()} or re.search(
        r"\.(png|jpe?g|gif|svg|webp)$", alt, re.IGNORECASE
    ):
        return f"alt {alt!r} is the file's name (give the figure a title)"
    if alt.lower() in GENERIC_ALT or words(alt) < 2:
        return f"alt {alt!r} does not say what the image shows"
    return None


def link_problem(url: str, server: SiteServer, site: Path) -> str | None:
    """Why a link into the site is broken (target or anchor missing), or None."""
    parts = urlsplit(url)
    if (
        parts.scheme not in {"http", "https"}
        or parts.netloc != f"{server.host}:{server.port}"
    ):
        return None  # a link to another site is followed by readers, not loaded
    if not parts.path.startswith(urlsplit(server.root).path):
        return f"{url} leaves the site's sub-path"
    relative = parts.path[len(urlsplit(server.root).path) :]
    target = site / unquote(relative)
    if not relative or relative.endswith("/"):
        target = target / "index.html"
    if not target.is_file():
        return f"{url} points to a missing file"
    if parts.fragment and target.suffix == ".html":
        ids = _anchors(target)
        if unquote(parts.fragment) not in ids:
            return f"{url} points to a missing anchor"
    return None


@functools.cache
def _anchors(page: Path) -> frozenset[str]:
    text = page.read_text(encoding="utf-8")
    return frozenset(re.findall(r"""\b(?:id|name)=["']([^"']+)["']""", text))


def axe_violations(
    page, impacts=("minor", "moderate", "serious", "critical")
) -> list[str]:
    """axe-core's violations on the page, of the given impacts, one line each.

    Run it after the page's own requests have been checked: axe re-fetches the
    stylesheets and resolves the theme's ``@import "../basic.css"`` against the page
    rather than the stylesheet, a 404 of its own making.
    """
    from axe_playwright_python.sync_playwright import Axe

    found = Axe().run(page).response["violations"]
    return [
        f"axe {v['id']} ({v['impact']}): {v['help']}: "
        + "; ".join(", ".join(node["target"]) for node in v["nodes"][:5])
        for v in found
        if v["impact"] in impacts
    ]


def serious_violations(page) -> list[str]:
    return axe_violations(page, impacts=("serious", "critical"))


# --- One visit of a page, shared by the page walk and the course's measures -------
WIDE, NARROW = 1400, 390
# The figures of a page: a gallery page's images and videos, an explorable; a
# lesson's figures are drawn by matplotlib's plot directive (an <img> in a <figure>).
FIGURES = (
    "article img.sphx-glr-single-img, article img.sphx-glr-multi-img, "
    "article video, article .gdx"
)
LESSON_FIGURES = "article figure img, " + FIGURES

MEASURE_JS = """
async ({figures, wide}) => {
  if (window.MathJax && MathJax.startup) {
    try { await MathJax.startup.promise; } catch (error) { /* reported elsewhere */ }
  }
  await document.fonts.ready;
  const out = {};
  if (wide) {
    const first = document.querySelector(figures);
    out.firstFigure = first
      ? {top: Math.round(first.getBoundingClientRect().top + window.scrollY),
         what: first.tagName.toLowerCase() + "." + first.className}
      : null;
  }
  // The page itself scrolls sideways when it is wider than the window.
  out.pageWidth = document.documentElement.scrollWidth;
  out.windowWidth = document.documentElement.clientWidth;
  // Display equations: the typeset maths against the box it is shown in.
  out.equations = [];
  for (const box of document.querySelectorAll('mjx-container[display="true"]')) {
    const maths = box.querySelector("mjx-math");
    if (!maths) continue;
    const shown = box.getBoundingClientRect();
    const drawn = maths.getBoundingClientRect();
    const style = getComputedStyle(box);
    const scrolls = ["auto", "scroll"].includes(style.overflowX);
    const tex = (box.closest(".math") || box).textContent || "";
    out.equations.push({
      // How much of the equation lies outside its box (or the window).
      overflow: Math.max(
        0,
        Math.round(drawn.right - Math.min(shown.right, window.innerWidth)),
        Math.round(Math.max(shown.left, 0) - drawn.left),
      ),
      scrolls,
      scrollable: box.scrollWidth > box.clientWidth + 1,
      cue: /gradient/.test(style.backgroundImage),
      tex: (box.getAttribute("aria-label") || tex).slice(0, 60),
    });
  }
  // Numbers in code (blocks and printed output) split over two lines.
  out.splitNumbers = [];
  const number = /[-+]?\\d[\\d.,_eE+-]*\\d/g;
  for (const pre of document.querySelectorAll("article pre")) {
    const walker = document.createTreeWalker(pre, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const found of node.data.matchAll(number)) {
        const range = document.createRange();
        range.setStart(node, found.index);
        range.setEnd(node, found.index + found[0].length);
        const tops = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
        if (tops.size > 1) out.splitNumbers.push(found[0]);
      }
      if (out.splitNumbers.length > 5) break;
    }
  }
  return out;
}
"""


DOWNLOADS = "a[download]"
DOWNLOADS_JS = "links => links.map(a => a.href)"


def page_problems(page, server: SiteServer, site: Path) -> list[str]:
    """What is wrong with a loaded page: images that do not load or whose alt text
    does not say what they show, maths not typeset, videos that do not play or lack
    a label, controls or mute, and broken links into the site."""
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
    return problems


def visit_page(browser, server: SiteServer, site: Path, page_path: str) -> dict:
    """Open ``page_path`` once, in a fresh browser profile, and take everything the
    per-page tests check (test_site_pages.py, test_site_course.py):

    - ``status``: the HTTP status of the page;
    - ``loading``: every request that left the site or failed and every console
      error while it loaded (Visit.problems);
    - ``problems``: at 1280 px, ``loading``, what page_problems finds, and
      axe-core's serious and critical violations (last, as axe makes requests of
      its own);
    - ``downloads``: the distinct targets of its download links, relative to the
      site's root when they are in the site (a page served by another test's server
      is on another port);
    - ``wide``, ``narrow``: MEASURE_JS's measures at WIDE and NARROW px, the first
      figure found by FIGURES, and ``wide["firstLessonFigure"]`` by LESSON_FIGURES.
    """
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        visit = watch(context, page, server)
        response = page.goto(server.url(page_path), wait_until="load")
        status = response.status if response is not None else None
        if status != 200:
            return {"status": status}
        problems = page_problems(page, server, site)
        page.wait_for_load_state("networkidle")
        loading = visit.problems()
        problems = loading + problems
        downloads = sorted(
            url.removeprefix(server.root)
            for url in set(page.eval_on_selector_all(DOWNLOADS, DOWNLOADS_JS))
        )
        problems += serious_violations(page)
        page.set_viewport_size({"width": WIDE, "height": 900})
        wide = page.evaluate(MEASURE_JS, {"figures": FIGURES, "wide": True})
        lesson = page.evaluate(MEASURE_JS, {"figures": LESSON_FIGURES, "wide": True})
        wide["firstLessonFigure"] = lesson["firstFigure"]
        page.set_viewport_size({"width": NARROW, "height": 844})
        narrow = page.evaluate(MEASURE_JS, {"figures": FIGURES, "wide": False})
    finally:
        context.close()
    return {
        "status": status,
        "loading": loading,
        "problems": problems,
        "downloads": downloads,
        "wide": wide,
        "narrow": narrow,
    }


# Runs a notebook, then writes what its cells wrote to stderr (warnings included)
# to its own stderr. The kernel talks over IPC: over TCP, ipykernel warns that the
# connection is not encrypted, a warning of the runner, not of the notebook.
NOTEBOOK_RUNNER = """
import subprocess
import sys
import nbformat
from jupyter_client import KernelManager
from nbclient import NotebookClient

notebook = nbformat.read(sys.argv[1], as_version=4)
manager = KernelManager(transport="ipc")
try:
    # The kernel's own log (ipykernel's and tornado's messages while it shuts down,
    # a race seen once in CI) is not the notebook's output: the cells' stderr is
    # their "stderr" stream outputs, written out below.
    NotebookClient(
        notebook,
        km=manager,
        timeout=int(sys.argv[2]),
        resources={"metadata": {"path": "."}},
    ).execute(stderr=subprocess.DEVNULL)
finally:
    if manager.has_kernel:
        manager.shutdown_kernel(now=False)
for cell in notebook.cells:
    for output in cell.get("outputs", []):
        if output.get("output_type") == "stream" and output.get("name") == "stderr":
            sys.stderr.write(output["text"])
"""
