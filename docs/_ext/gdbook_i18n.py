"""Sphinx extension: the Chinese edition of the site, beside the English one.

English is the source. ``nox -s docs`` builds the site twice from the same sources:
English at the root of docs/_build/html, then Chinese (``-D language=zh_CN``) into
its folder ``zh_CN/``, the second build reusing the gallery the first executed
(sphinx-gallery skips every script whose ``.md5`` is current). The Chinese text
comes from the gettext catalogs of ``docs/locale/zh_CN/LC_MESSAGES/`` (one per page;
``nox -s translations`` extracts and updates them). This extension

* gives the Chinese build its own addresses: ``html_baseurl`` and the OpenGraph
  address get the language's folder, so each page's canonical address is its own;
* makes the Chinese build load MathJax from the English site's ``_static/mathjax``
  (7 MB the site would otherwise hold twice), and search Chinese words: Sphinx's
  Chinese search cuts the text into words with jieba, with the course's terms
  (``docs/locale/zh_CN/terms.txt``) added to its dictionary, so that 梯度下降 is
  one word as well as 梯度 and 下降;
* puts on every page a language switcher (the template ``gdbook-language.html`` in
  the header) that links the same page in the other language, and
  ``<link rel="alternate" hreflang>`` to both (and ``x-default``, the English);
* translates the words that the site's extensions write themselves (the install
  box, the 404 page, the switcher): :func:`ui` looks them up in the catalog
  ``docs/locale/<language>/LC_MESSAGES/gdbook-ui.po``, which ``nox -s
  translations`` extracts from docs/_ext (every ``ui(app, "...")`` call);
* makes a translation's site share the English site's files: every file of the
  Chinese build that the English site holds with the same bytes (figures, videos,
  the wheel's install links, the theme's scripts, styles and fonts), and every
  download but the notebooks and the zips holding them (the English scripts and
  their zips), is removed from zh_CN/ and its pages point at the English copy, so
  the site holds one of each (``share_files``);
* translates the words sphinx-gallery writes where gettext does not look: the
  figures' and videos' text alternatives (their matplotlib titles, an option of
  ``.. image-sg::`` and ``.. video::``) and the summaries of the ``<details>`` a
  page opens in raw HTML, on the pages and in the notebooks: ``nox -s
  translations`` adds them to gdbook-ui.po (``add_gallery_labels``);
* gives the translation's gallery pages notebooks in its language, alone and in
  zips (gdbook_translated_notebooks: the text cells translated with the page's
  catalog, the code the English notebook's);
* keeps the exercises out of the catalogs: their text is written by the
  ``gdbook-exercises`` directive from :mod:`gdbook.exercises`, which speaks the
  build's language itself.

The addresses of both languages are the same page names, so that the switcher and
the hreflang links need no table: ``x.html`` and ``zh_CN/x.html``.
"""

from __future__ import annotations

import filecmp
import functools
import posixpath
import re
import zipfile
from html import escape
from pathlib import Path

from docutils import nodes
from sphinx.errors import ExtensionError
from sphinx.util.osutil import relative_uri

SOURCE_LANGUAGE = "en"
#: The site's languages: Sphinx's code -> (the folder of its pages in the site,
#: its tag for ``lang`` and ``hreflang``, its name in the switcher).
LANGUAGES = {
    "en": ("", "en", "English"),
    "zh_CN": ("zh_CN/", "zh-CN", "中文"),
}
#: The catalog of the words the extensions write (``ui``).
UI_DOMAIN = "gdbook-ui"
#: Words jieba must keep whole in the search index (one a line).
TERMS = "terms.txt"


def folder(config) -> str:
    """The folder of the build's language in the site: "" or "zh_CN/"."""
    return LANGUAGES[config.language][0]


@functools.cache
def _catalog(path: Path) -> dict[str, str]:
    """The translated messages of the .po file ``path`` (empty if it is missing)."""
    if not path.is_file():
        return {}
    from babel.messages.pofile import read_po

    with path.open("rb") as file:
        catalog = read_po(file)
    return {
        message.id: message.string
        for message in catalog
        if message.id and message.string and not message.fuzzy
    }


def msg(message: str) -> str:
    """``message`` itself: marks a literal for the catalog, translated later by
    :func:`ui` (``nox -s translations`` extracts ``msg("...")`` too)."""
    return message


def ui(app, message: str) -> str:
    """``message``, words an extension writes, in the build's language.

    A message is a literal string (``nox -s translations`` extracts the second
    argument of every ``ui(app, "...")`` call in docs/_ext); one the catalog does
    not translate yet stays in English (the catalog test reports it).
    """
    language = app.config.language
    if language == SOURCE_LANGUAGE:
        return message
    for locale_dir in app.config.locale_dirs:
        path = (
            Path(app.srcdir) / locale_dir / language / "LC_MESSAGES" / f"{UI_DOMAIN}.po"
        )
        if translated := _catalog(path).get(message):
            return translated
    return message


def configure(app, config) -> None:
    """The Chinese build's addresses, MathJax and search (see the module)."""
    if config.language not in LANGUAGES:
        raise ExtensionError(
            f"gdbook_i18n: no edition in {config.language!r}; the site has "
            + ", ".join(LANGUAGES)
        )
    here = folder(config)
    if not here:
        return
    config.html_baseurl = config.html_baseurl.rstrip("/") + "/" + here
    config.ogp_site_url = config.html_baseurl
    # From _static/ of this site up to the English site's (see gdbook_mathjax).
    depth = here.count("/")
    config.mathjax_path = "../" * (depth + 1) + "_static/mathjax/tex-chtml.js"
    # The docstrings are the English build's, validated there (numpydoc): once.
    config.numpydoc_validation_checks = set()
    terms = Path(app.srcdir) / config.locale_dirs[0] / config.language / TERMS
    if terms.is_file():
        config.html_search_options = {"dict": str(terms)}


def page_links(app, pagename, templatename, context, doctree) -> None:
    """The switcher's links and the hreflang links of a page."""
    page_uri = app.builder.get_target_uri(pagename)
    here = folder(app.config)
    root = app.config.gdbook_canonical_url.rstrip("/") + "/"
    hreflangs = [(tag, where) for where, tag, _ in LANGUAGES.values()]
    hreflangs.append(("x-default", ""))  # the English page
    alternates = [
        f'<link rel="alternate" hreflang="{tag}" '
        f'href="{escape(root + where + page_uri)}" />'
        for tag, where in hreflangs
    ]
    context["metatags"] = context.get("metatags", "") + "\n".join(alternates) + "\n"
    context["gdbook_languages"] = [
        {
            "name": name,
            "tag": tag,
            "href": relative_uri(here + page_uri, where + page_uri),
            "label": LABELS[code],
        }
        for code, (where, tag, name) in LANGUAGES.items()
        if code != app.config.language
    ]


#: What the switcher's link says to a screen reader, in the language it leads to.
LABELS = {
    "en": "Read this page in English",
    "zh_CN": "阅读本页的中文版",
}


#: What a translation's site keeps even where the English site has the same bytes:
#: the file by which its 404 page finds the root of its site (gdbook_notfound).
KEEP = {"_static/gdbook.css"}
#: The files that are a site's own, whatever their bytes.
OWN = {".buildinfo", "objects.inv", "searchindex.js"}
#: A URL in an attribute of a page (the site writes them in double quotes).
URL = re.compile(r'(\s(?:href|src|poster|data)=")([^"]*)(")')
#: A list of image candidates (``srcset="a.png, b.png 2x"``).
SRCSET = re.compile(r'(\ssrcset=")([^"]*)(")')


def holds_notebooks(path: Path) -> bool:
    """Whether ``path`` is a notebook or a zip that holds one."""
    if path.suffix == ".zip":
        with zipfile.ZipFile(path) as archive:
            return any(name.endswith(".ipynb") for name in archive.namelist())
    return path.suffix == ".ipynb"


def shared_files(site: Path, english: Path) -> set[str]:
    """The files of ``site`` (relative to it) that ``english`` holds too, at the
    same path with the same bytes (or any download but a notebook or a zip of
    notebooks that the English site has: the Chinese pages offer the English
    scripts and zips of scripts, and their own notebooks and zips of them), and
    that the site need not keep."""
    found = set()
    for path in site.rglob("*"):
        name = path.relative_to(site).as_posix()
        if (
            path.is_file()
            and (path.suffix != ".html" or name.startswith("_static/"))
            and name not in OWN | KEEP
            and (english / name).is_file()
            # The scripts and their zips are the English site's (their text is
            # English); the notebooks and the zips that hold them are the
            # translation's own (gdbook_translated_notebooks) unless they are
            # the same bytes.
            and (
                (name.startswith("_downloads/") and not holds_notebooks(path))
                or filecmp.cmp(path, english / name, shallow=False)
            )
        ):
            found.add(name)
    return found


def pointed_to_english(html: str, page: str, here: str, shared) -> str:
    """``html`` of the page ``page`` (relative to a translation's site in the
    folder ``here``) with its links to ``shared`` files (a set, or any container
    of names relative to the site) made links to the English site's copies."""
    directory = posixpath.dirname(page)

    def replace(match: re.Match) -> str:
        path, tail = re.match(r"([^?#]*)(.*)", match.group(2), re.DOTALL).groups()
        if not path or "://" in path or path.startswith(("/", "data:", "mailto:")):
            return match.group(0)
        target = posixpath.normpath(posixpath.join(directory, path))
        if target not in shared:
            return match.group(0)
        moved = posixpath.relpath(target, posixpath.join(here, directory) or ".")
        return match.group(1) + moved + tail + match.group(3)

    def replace_each(match: re.Match) -> str:
        candidates = [
            URL.sub(replace, f' src="{url}"')[6:-1] + size
            for url, size in re.findall(r"\s*([^\s,]+)([^,]*)", match.group(2))
        ]
        return match.group(1) + ", ".join(candidates) + match.group(3)

    return SRCSET.sub(replace_each, URL.sub(replace, html))


def share_files(app, exception) -> None:
    """A translation's site: drop the files the English site holds, and point its
    pages at the English copies."""
    here = folder(app.config)
    if exception is not None or app.builder.format != "html" or not here:
        return
    site = Path(app.outdir)
    english = site
    for _ in range(here.count("/")):
        english = english.parent
    shared = shared_files(site, english)

    class Shared:
        """The shared files, and any the English site has and this one lacks (an
        incremental build copies only the figures of the pages it writes)."""

        def __contains__(self, name: str) -> bool:
            return name in shared or (
                not (site / name).exists() and (english / name).is_file()
            )

    for page in sorted(site.rglob("*.html")):
        name = page.relative_to(site).as_posix()
        html = page.read_text(encoding="utf-8")
        moved = pointed_to_english(html, name, here, Shared())
        if moved != html:
            page.write_text(moved, encoding="utf-8")
    for name in shared:
        (site / name).unlink()
    for path in sorted(site.rglob("*"), reverse=True):
        if path.is_dir() and not any(path.iterdir()):
            path.rmdir()


#: Words sphinx-gallery writes where gettext does not look: the text alternative of
#: a figure or a video (the figure's matplotlib title), an option of a directive.
GALLERY_LABEL = re.compile(
    r"^\.\. (?:video|image-sg):: .*\n(?:[ \t]+:[\w-]+:.*\n)*?[ \t]+:alt: (.+)$", re.M
)
#: ...and the summary of a ``<details>`` that a page opens in a ``.. raw:: html``.
SUMMARY = re.compile(r"<summary>(.*?)</summary>")


def gallery_labels(gallery_pages: Path) -> list[str]:
    """The figures' and videos' text alternatives and the raw summaries of the
    generated gallery pages."""
    found = set()
    for page in gallery_pages.rglob("*.rst"):
        text = page.read_text(encoding="utf-8")
        found.update(label.strip() for label in GALLERY_LABEL.findall(text))
        found.update(SUMMARY.findall(text))
    return sorted(found)


def add_gallery_labels(pot: Path, gallery_pages: Path) -> None:
    """Add the gallery's labels (:func:`gallery_labels`) to the template ``pot``."""
    from babel.messages.pofile import read_po, write_po

    with pot.open("rb") as file:
        catalog = read_po(file)
    for label in gallery_labels(gallery_pages):
        catalog.add(label)
    with pot.open("wb") as file:
        write_po(file, catalog, omit_header=False, sort_output=True, width=76)


def translated_summaries(app, html: str) -> str:
    """``html`` with the text of each ``<summary>`` in the build's language."""
    return SUMMARY.sub(lambda m: f"<summary>{ui(app, m.group(1))}</summary>", html)


def translate_gallery_labels(app, doctree, docname) -> None:
    """The gallery's labels in the build's language (see add_gallery_labels)."""
    if app.config.language == SOURCE_LANGUAGE:
        return
    from sphinx_gallery.directives import imgsgnode
    from sphinxcontrib.video import video_node

    for node in doctree.findall(lambda n: isinstance(n, (video_node, imgsgnode))):
        if node.get("alt"):
            node["alt"] = ui(app, node["alt"])
    for raw in doctree.findall(nodes.raw):
        if "<summary>" in raw.astext():
            raw.children = [nodes.Text(translated_summaries(app, raw.astext()))]


def ui_catalog_changed(app, env, added, changed, removed) -> list[str]:
    """Every page again when gdbook-ui.po has changed since the last build: its words
    are put in as pages are written, which Sphinx does not know they depend on."""
    if app.config.language == SOURCE_LANGUAGE:
        return []
    stamps = [
        path.stat().st_mtime_ns
        for locale_dir in app.config.locale_dirs
        if (
            path := Path(app.srcdir)
            / locale_dir
            / app.config.language
            / "LC_MESSAGES"
            / f"{UI_DOMAIN}.po"
        ).is_file()
    ]
    previous = getattr(env, "gdbook_ui_stamps", stamps)
    env.gdbook_ui_stamps = stamps
    return sorted(env.found_docs) if stamps != previous else []


def keep_exercises_out(directive):
    """``directive`` with its output left out of the catalogs (not translatable):
    the exercises' text comes from gdbook.exercises in the build's language."""

    class Generated(directive):
        def run(self):
            out = super().run()
            for node in out:
                for element in node.findall(nodes.TextElement):
                    element["translatable"] = False
                for image in node.findall(nodes.image):
                    image["translatable"] = False
            return out

    Generated.__name__ = directive.__name__
    return Generated


def setup(app):
    app.setup_extension("gdbook_exercises")
    app.setup_extension("gdbook_translated_notebooks")
    from gdbook_exercises import ExercisesDirective

    app.add_directive(
        "gdbook-exercises", keep_exercises_out(ExercisesDirective), override=True
    )
    app.connect("config-inited", configure)
    app.connect("html-page-context", page_links)
    app.connect("doctree-resolved", translate_gallery_labels)
    app.connect("env-get-outdated", ui_catalog_changed)
    # After every other extension has written its files (the 404 page, MathJax).
    app.connect("build-finished", share_files, priority=900)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}


if __name__ == "__main__":  # `nox -s translations`: python gdbook_i18n.py POT PAGES
    import sys

    add_gallery_labels(Path(sys.argv[1]), Path(sys.argv[2]))
