"""Sphinx extension: notebooks that read well outside the site.

sphinx-gallery turns the reST of each example's text into Markdown for its
notebook, but leaves Sphinx's cross-references as they are (``:func:`gdbook.x```,
``:class:`...```, ``:doc:`...```) and turns ``:ref:`` into a bare label
(`` `sphx_glr_auto_examples_..._plot_x.py` ``). Read in Jupyter, away from the site,
they are noise. Once the whole site is known (``build-finished``), every notebook
the site offers for download, alone or in a zip, is rewritten: each reference that
resolves becomes a Markdown link to the page on the hosted site (its canonical URL,
``gdbook_canonical_url``; a translation's page in a translation's build) or,
through intersphinx, in the Python, numpy or matplotlib documentation; anything
else becomes plain text. reST directives that sphinx-gallery left (a ``.. math::``
inside a note) become Markdown too, an admonition's name in the build's language.
In a translation's build, the install cell's comment is in its language too
(gdbook_translated_notebooks.INSTALL_COMMENT). The Python version of the build,
which sphinx-gallery writes into a notebook's metadata, is dropped.

Only the published copies change: the notebooks sphinx-gallery writes into docs/
stay as they are. The result is the same from build to build.
"""

from __future__ import annotations

import json
import re
import textwrap
import zipfile
from pathlib import Path
from posixpath import dirname, join, normpath

from gdbook_translated_notebooks import install_comment_in
from sphinx.util import logging

logger = logging.getLogger(__name__)

PY_ROLES = {
    "func",
    "meth",
    "class",
    "attr",
    "mod",
    "data",
    "exc",
    "obj",
    "const",
    "type",
    "property",
}
PY_TYPES = ("function", "method", "class", "attribute", "module", "data")
PY_TYPES += ("exception", "property", "type")
# :role:`content` or :domain:role:`content` (content without backticks).
ROLE = re.compile(
    r":(?:(?P<domain>[a-z]+):)?(?P<role>[a-z][a-z0-9-]*):`(?P<body>[^`]+)`"
)
# A single-backtick span, what sphinx-gallery makes of :ref:`...` (and what reST
# calls interpreted text); double backticks are literals and are skipped.
# It may run over a line break (a reference wrapped in the text).
SINGLE_TICKS = re.compile(r"(?<!`)`(?P<body>[^`]+)`(?!`)")
TITLED = re.compile(r"^(?P<title>.*?)\s*<(?P<target>[^<>]+)>$", re.DOTALL)
# A directive sphinx-gallery did not convert, with its indented body.
DIRECTIVE = re.compile(
    r"^(?P<indent>[ \t]*)\.\. (?P<name>[a-zA-Z][\w-]*)::[ \t]*(?P<arg>.*)\n"
    r"(?P<body>(?:(?:(?P=indent)[ \t]+.*)?\n)*)",
    re.MULTILINE,
)
ADMONITIONS = {
    "note": "Note",
    "tip": "Tip",
    "hint": "Hint",
    "important": "Important",
    "warning": "Warning",
    "caution": "Caution",
    "attention": "Attention",
    "danger": "Danger",
    "error": "Error",
    "seealso": "See also",
}
#: The admonitions' names in each translation.
ADMONITION_WORDS = {
    "zh_CN": {
        "note": "注意",
        "tip": "提示",
        "hint": "提示",
        "important": "重要",
        "warning": "警告",
        "caution": "小心",
        "attention": "注意",
        "danger": "危险",
        "error": "错误",
        "seealso": "另请参阅",
    }
}


class Resolver:
    """Turns Sphinx cross-references into Markdown, from a built environment."""

    def __init__(self, app, docname: str) -> None:
        self.app = app
        self.env = app.env
        self.docname = docname
        # The build's language's pages (gdbook_i18n gives a translation's build
        # its folder in html_baseurl).
        base = app.config.html_baseurl or app.config.gdbook_canonical_url
        self.base = base.rstrip("/") + "/"
        self.language = app.config.language
        self.version = app.config.release
        self.admonitions = {
            **ADMONITIONS,
            **ADMONITION_WORDS.get(app.config.language, {}),
        }
        self.py = self.env.get_domain("py").objects
        std = self.env.get_domain("std")
        self.labels = std.labels
        self.anonlabels = std.anonlabels
        try:
            from sphinx.ext.intersphinx import InventoryAdapter

            self.inventory = InventoryAdapter(self.env).main_inventory
        except Exception:  # no intersphinx
            self.inventory = {}

    def page(self, docname: str, anchor: str = "") -> str:
        uri = self.base + self.app.builder.get_target_uri(docname)
        return f"{uri}#{anchor}" if anchor else uri

    def external(self, types, name: str) -> str | None:
        for objtype in types:
            item = self.inventory.get(objtype, {}).get(name)
            if item is not None:
                return getattr(item, "uri", None) or item[2]
        return None

    def python(self, role: str, body: str) -> str:
        title, target = _split(body)
        target = target.lstrip("!")
        short = target.startswith("~")
        target = target.lstrip("~.")
        if title is None:
            title = target.rsplit(".", 1)[-1] if short else target
            if role in {"func", "meth"}:
                title += "()"
        text = f"`{title}`"
        for name in (target, f"gdbook.{target}"):
            entry = self.py.get(name)
            if entry is not None:
                return f"[{text}]({self.page(entry.docname, entry.node_id)})"
        uri = self.external([f"py:{t}" for t in PY_TYPES], target)
        return f"[{text}]({uri})" if uri else text

    def label(self, body: str) -> str | None:
        """A std label (``:ref:``) as a link, or None when it is no known label."""
        title, target = _split(body)
        key = target.lower()
        if key in self.labels:
            docname, anchor, section = self.labels[key]
            return f"[{title or section}]({self.page(docname, anchor)})"
        if key in self.anonlabels and title:
            docname, anchor = self.anonlabels[key]
            return f"[{title}]({self.page(docname, anchor)})"
        uri = self.external(["std:label"], key)
        if uri and title:
            return f"[{title}]({uri})"
        return None

    def doc(self, body: str) -> str:
        title, target = _split(body)
        if target.startswith("/"):
            docname = target.lstrip("/")
        else:
            docname = normpath(join(dirname(self.docname), target))
        if docname in self.env.all_docs:
            title = title or self.env.titles[docname].astext()
            return f"[{title}]({self.page(docname)})"
        return title or target

    def role(self, match: re.Match) -> str:
        domain, role, body = match["domain"], match["role"], match["body"]
        if role == "math":
            return f"${body}$"
        if domain in (None, "py") and role in PY_ROLES:
            return self.python(role, body)
        if role == "ref":
            return self.label(body) or (_split(body)[0] or _split(body)[1])
        if role == "doc":
            return self.doc(body)
        if role == "term":
            title, target = _split(body)
            uri = self.external(["std:term"], target)
            return f"[{title or target}]({uri})" if uri else (title or target)
        if role in {"code", "literal", "samp", "file", "kbd", "command", "program"}:
            return f"`{_split(body)[1]}`"
        # :abbr:, :download:, :numref:, :guilabel:... : their text.
        title, target = _split(body)
        return title or target

    def ticks(self, match: re.Match) -> str:
        return self.label(match["body"]) or match[0]

    def markdown(self, text: str) -> str:
        text = _convert_directives(text, self.admonitions)
        text = ROLE.sub(self.role, text)
        return SINGLE_TICKS.sub(self.ticks, text)


def _split(body: str) -> tuple[str | None, str]:
    """``title <target>`` into (title, target); a bare target into (None, it)."""
    found = TITLED.match(body.strip())
    if found and found["title"]:
        return " ".join(found["title"].split()), found["target"].strip()
    return None, body.strip()


def _convert_directives(text: str, admonitions: dict[str, str] = ADMONITIONS) -> str:
    def convert(match: re.Match) -> str:
        indent, name = match["indent"], match["name"].lower()
        body = textwrap.dedent(match["body"]).strip("\n")
        argument = match["arg"].strip()
        if name == "math":
            maths = "\n".join(filter(None, [argument, body]))
            return f"{indent}$$\n{maths}\n$$\n\n"
        if name in admonitions:
            content = "\n".join(filter(None, [argument, body]))
            return f"{indent}**{admonitions[name]}.** {content}\n\n"
        if name == "raw":  # HTML as it is (Jupyter renders it), nothing else
            return f"{body}\n\n" if argument == "html" else ""
        if name in {"code-block", "code", "sourcecode"}:
            return f"{indent}```{argument}\n{body}\n```\n\n"
        # Anything else: keep its text, drop the markup.
        return "\n".join(filter(None, [argument, body])) + "\n\n"

    return DIRECTIVE.sub(convert, text)


def rewrite_notebook(data: bytes, resolver: Resolver) -> bytes:
    """The notebook ``data`` with its Markdown cells rewritten."""
    notebook = json.loads(data)
    # The Python that built the site (sphinx-gallery writes its version): a
    # detail of the build, not of the notebook (Jupyter writes the reader's).
    notebook.get("metadata", {}).get("language_info", {}).pop("version", None)
    for cell in notebook.get("cells", []):
        if cell.get("cell_type") == "code" and resolver.language != "en":
            # the install cell (the gallery's and the exercises'), in the language
            code = "".join(cell["source"])
            translated = install_comment_in(resolver.language, code, resolver.version)
            if translated != code:
                cell["source"] = [translated]
        if cell.get("cell_type") != "markdown":
            continue
        source = cell["source"]
        text = "".join(source) if isinstance(source, list) else source
        cell["source"] = [resolver.markdown(text)]
    return (json.dumps(notebook, indent=2, ensure_ascii=False) + "\n").encode()


def _docname_of(notebook_name: str, gallery_docs: dict[str, str]) -> str:
    """The docname of the example a notebook was made from (for relative refs)."""
    return gallery_docs.get(Path(notebook_name).stem, "index")


def rewrite_downloads(app, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    from gdbook_reproducible import fixed_date_time

    gallery_docs = {
        Path(docname).name: docname
        for docname in app.env.all_docs
        if Path(docname).name.startswith("plot_")
    }
    downloads = Path(app.outdir) / "_downloads"
    count = 0
    for path in sorted(downloads.rglob("*.ipynb")):
        resolver = Resolver(app, _docname_of(path.name, gallery_docs))
        path.write_bytes(rewrite_notebook(path.read_bytes(), resolver))
        count += 1
    for path in sorted(downloads.rglob("*.zip")):
        with zipfile.ZipFile(path) as archive:
            members = [(info, archive.read(info)) for info in archive.infolist()]
        if not any(info.filename.endswith(".ipynb") for info, _ in members):
            continue
        tmp = path.with_name(path.name + ".tmp")
        with zipfile.ZipFile(tmp, "w") as archive:
            for info, data in sorted(members, key=lambda m: m[0].filename):
                if info.filename.endswith(".ipynb"):
                    resolver = Resolver(app, _docname_of(info.filename, gallery_docs))
                    data = rewrite_notebook(data, resolver)
                fixed = zipfile.ZipInfo(info.filename, date_time=fixed_date_time())
                fixed.compress_type = info.compress_type
                fixed.external_attr = 0o644 << 16
                archive.writestr(fixed, data)
        tmp.replace(path)
    logger.info("gdbook_notebooks: rewrote the text of %d notebooks", count)


def add_canonical_url_setting(app) -> None:
    """The hosted site's address (conf.py sets it from pyproject's [project.urls])."""
    if "gdbook_canonical_url" not in app.config:
        app.add_config_value("gdbook_canonical_url", "", "html", types=[str])


def setup(app):
    add_canonical_url_setting(app)
    # After gdbook_reproducible has normalized the zips in the sources.
    app.connect("build-finished", rewrite_downloads)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
