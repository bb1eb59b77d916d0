"""Sphinx extension: the site offers gdbook's wheels, and says how to install them.

A reader who downloads an example needs the gdbook it imports. Every build makes the
wheel of the gdbook it documents (the same sources the examples ran with) and
publishes it at ``dist/gdbook-<version>-py3-none-any.whl`` in the site: a stable
address, the wheel's own name, which pip requires.

Beside it, ``dist/`` holds the wheel of every released version, kept in the
repository in ``docs/_releases/`` (a release adds its wheel there: see the README),
and ``simple/`` is a package index (PEP 503) of all of them, so that a notebook
made with any version still installs it after the next release:
``pip install --extra-index-url <site>/simple/ gdbook==0.2.0``. A released wheel
never changes: if the version documented is released and the wheel built now
differs from the released one, the build fails (the sources changed: the version
must move on).

Where a page tells how to run an example (the ``gdbook-install`` directive, and
under the download buttons of every gallery page), it shows the one command that
installs that wheel: ``python -m pip install <the wheel's absolute URL>``. The
URL is worked out in the browser from the page's own address, so the command is
right wherever the site is served (any host, any sub-path, or a folder on disk);
without JavaScript the command names the wheel's file, with a link to download it.

The wheel is byte-for-byte the same from build to build (gdbook_wheelbuild.py).
The Chinese site (zh_CN/, docs/_ext/gdbook_i18n.py) offers the same files: its
pages link the English site's dist/, and its build publishes none of its own; the
box's words are in the build's language (``gdbook_i18n.ui``).
"""

from __future__ import annotations

import shutil
from html import escape
from pathlib import Path

from docutils import nodes
from gdbook_i18n import msg
from gdbook_wheelbuild import (
    WheelBuildError,
    build_wheel,
    project_root,
    wheel_name,
    write_simple_index,
)
from sphinx.errors import ExtensionError
from sphinx.util.docutils import SphinxDirective
from sphinx.util.osutil import relative_uri

DIST = "dist"
# The wheels of the released versions, relative to docs/ (committed).
RELEASES = "_releases"


def publish_wheel(app, exception) -> None:
    """Build the wheel and put it in the site's dist/ folder with the released
    ones, and write the package index (HTML builds only)."""
    if exception is not None or app.builder.format != "html":
        return
    from gdbook_i18n import folder

    if folder(app.config):
        return  # a translation's pages link the English site's wheels
    out_dir = Path(app.outdir) / DIST
    shutil.rmtree(out_dir, ignore_errors=True)
    try:
        wheel = build_wheel(project_root(Path(app.confdir)), out_dir)
    except WheelBuildError as error:
        raise ExtensionError(f"gdbook_wheel: {error}") from error
    expected = wheel_name(app.config.release)
    if wheel.name != expected:
        raise ExtensionError(
            f"gdbook_wheel: built {wheel.name}, but the site documents {expected}"
        )
    for released in sorted((Path(app.confdir) / RELEASES).glob(wheel_name("*"))):
        target = out_dir / released.name
        if target.exists() and target.read_bytes() != released.read_bytes():
            raise ExtensionError(
                f"gdbook_wheel: {released.name} is released (docs/{RELEASES}/), and "
                "the wheel built from these sources differs from it: a released "
                "version never changes, so set the next version in gdbook/__init__.py"
            )
        shutil.copyfile(released, target)
    write_simple_index(Path(app.outdir), DIST)


#: The words of the install box, in English (``words`` of install_html).
NOTE = msg(
    "This installs {wheel}, the version these pages were made with, with what it "
    "needs (numpy and matplotlib)."
)
NOJS = msg(
    " Download the wheel from that link into the folder where you run the command."
)


def install_html(
    page_uri: str, version: str, intro: str = "", words=lambda text: text
) -> str:
    """The install box of a page whose URL (relative to the site's root, the
    English site's) is ``page_uri``, in the words ``words`` translates."""
    name = wheel_name(version)
    href = escape(relative_uri(page_uri, f"{DIST}/{name}"))
    intro_html = f"<p>{intro}</p>\n" if intro else ""
    wheel = (
        f'<a class="reference download gdbook-wheel" href="{href}" download="">'
        f"gdbook {escape(version)}</a>"
    )
    note = escape(words(NOTE)).replace("{wheel}", wheel)
    return f"""<div class="gdbook-install" data-gdbook-install="">
{intro_html}<div class="highlight-shell notranslate"><div class="highlight"><pre>\
python -m pip install <span class="gdbook-wheel-url">{escape(name)}</span></pre></div>\
</div>
<p class="gdbook-install-note">{note}<span \
class="gdbook-nojs">{escape(words(NOJS))}</span></p>
</div>
"""


class install_placeholder(nodes.General, nodes.Element):
    """Where the install box goes; replaced once the page's URL is known."""


class InstallDirective(SphinxDirective):
    """``gdbook-install``: the command that installs the site's wheel."""

    has_content = False

    def run(self):
        return [install_placeholder()]


FOOTER_INTRO = msg(
    "To run the examples on your own machine, install gdbook, then run a script "
    "with {python} or open a notebook in Jupyter:"
)


def add_install_boxes(app, doctree, docname: str) -> None:
    """Fill the directive's placeholders, and add the box under every gallery
    download footer (example pages and the gallery's index)."""
    if app.builder.format != "html":
        for placeholder in list(doctree.findall(install_placeholder)):
            placeholder.replace_self([])
        return
    from gdbook_i18n import folder, ui

    page_uri = folder(app.config) + app.builder.get_target_uri(docname)
    version = app.config.release

    def words(text: str) -> str:
        return ui(app, text)

    for placeholder in list(doctree.findall(install_placeholder)):
        html = install_html(page_uri, version, words=words)
        placeholder.replace_self(nodes.raw("", html, format="html"))
    intro = escape(ui(app, FOOTER_INTRO)).replace("{python}", "<code>python</code>")
    for footer in list(doctree.findall(nodes.container)):
        if "sphx-glr-footer" in footer["classes"]:
            html = install_html(page_uri, version, intro, words=words)
            parent = footer.parent
            parent.insert(parent.index(footer) + 1, nodes.raw("", html, format="html"))


def setup(app):
    app.add_node(install_placeholder)
    app.add_directive("gdbook-install", InstallDirective)
    app.add_js_file("gdbook-install.js", loading_method="defer")
    app.connect("doctree-resolved", add_install_boxes)
    app.connect("build-finished", publish_wheel)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
