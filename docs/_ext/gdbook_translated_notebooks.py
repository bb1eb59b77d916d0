"""Sphinx extension: a translation's gallery notebooks, in its language.

sphinx-gallery writes one notebook an example, from the English text of its script
(``docs/auto_examples/.../plot_x.ipynb``); every build offers that one for
download. A translation's build (the Chinese site, ``-D language=zh_CN``) writes
its own instead, at the same place in its ``_downloads/``: the same cells, made by
sphinx-gallery's own converter (:func:`sphinx_gallery.notebook.jupyter_notebook`)
from the example's script, but with each text block translated with the page's
catalog (``docs/locale/<language>/LC_MESSAGES/auto_examples/.../plot_x.po``) and
the install cell's comment in the language (``INSTALL_COMMENT``). The code cells are
the English notebook's, unchanged (the build checks it).

The zips that hold notebooks (each example's "Download zipped", sphinx-gallery's
``plot_x.zip`` of the script and the notebook, and each gallery's
``*_jupyter.zip``) are written again in the translation's ``_downloads/``, at the
place its pages link (``env.dlfiles``): the English zip's members, each notebook
replaced by the translated one, the scripts kept, sorted and stamped with one time
(``gdbook_reproducible.write_zip``). gdbook_notebooks then turns the Sphinx
references into links to the translation's pages, in every notebook, alone or
zipped, so a zipped notebook is the same bytes as the one the page links; and
gdbook_i18n keeps the translation's notebooks and zips of notebooks in its site
(its pages link the English site's scripts and zips of scripts).

How a text block is translated: Sphinx extracts a message from each paragraph,
title, list item or alt text of the page, as its source text with each line break
made a space (``sphinx.util.nodes.extract_messages``). Each message the catalog
translates is looked for in the block's reST as whole lines, whatever the breaks
and indentation between its words, after an optional list bullet, directive or
field marker (``.. note::``, ``- ``, ``:alt:``), and replaced by its translation, the
longest first. The reST escapes that separate inline markup from Chinese text
(``\\ *学习率*\\ ``) mean nothing in Markdown and are dropped.

The result depends only on the sources and the catalogs: the same bytes from
build to build.
"""

from __future__ import annotations

import json
import posixpath
import re
import zipfile
from pathlib import Path, PurePosixPath

from sphinx.errors import ExtensionError
from sphinx.util import logging

logger = logging.getLogger(__name__)

#: The prose of the install cell (conf.py's ``first_notebook_cell``), in English
#: and in each translation; ``{version}`` is the version it installs.
INSTALL_COMMENT = {
    "en": (
        "# Install gdbook {version}, the version this notebook was made with, unless\n"
        "# gdbook is installed already (numpy and matplotlib come with it).\n"
    ),
    "zh_CN": (
        "# 安装 gdbook {version}（制作本 notebook 时所用的版本），\n"
        "# 已经装有 gdbook 时则什么也不做（numpy 和 matplotlib 随 gdbook 一起安装）。\n"
    ),
}
#: The headings sphinx-gallery gives a note and a warning in a notebook
#: (``<h4>Note</h4>``), in each translation.
ALERT_HEADINGS = {"zh_CN": {"Note": "注意", "Warning": "警告"}}
#: What may come before a message on its first line: indentation, then a list's
#: bullet or number, a directive (``.. note::``) or a field (``:alt:``).
LEAD = (
    r"[ \t]*(?:[-*+][ \t]+|(?:\d+|#|[A-Za-z])[.)][ \t]+"
    r"|\.\.[ \t]+[\w:-]+::[ \t]+|:[\w-]+:[ \t]+)?"
)
#: What separates two words of a message in the source: spaces, or one line break
#: with the next line's indentation (never a blank line).
GAP = r"(?:[ \t]+|[ \t]*\n[ \t]*)"
#: A reST escaped space (``\ ``) outside maths and literals, which keep theirs.
ESCAPED_SPACE = re.compile(r"(:math:`[^`]*`|``[^`]*``)|\\ ")


def install_comment_in(language: str, code: str, version: str) -> str:
    """``code`` with the install cell's comment in ``language`` (unchanged when it
    does not start with the comment, or ``language`` has no words for it)."""
    english = INSTALL_COMMENT["en"].format(version=version)
    if language not in INSTALL_COMMENT or not code.startswith(english):
        return code
    return INSTALL_COMMENT[language].format(version=version) + code.removeprefix(
        english
    )


def install_cell(first_cell: str, version: str, language: str) -> str:
    """The install cell ``first_cell`` with its comment in ``language``."""
    translated = install_comment_in(language, first_cell, version)
    if translated == first_cell:
        raise ExtensionError(
            "gdbook_translated_notebooks: the install cell's comment "
            f"(first_notebook_cell) has no {language} text: update INSTALL_COMMENT"
        )
    return translated


def catalog(path: Path) -> dict[str, str]:
    """The translated messages of the .po file ``path`` (none if it is missing),
    as Sphinx uses them: fuzzy ones left out."""
    from gdbook_i18n import _catalog

    return _catalog(path)


def _prose(translation: str) -> str:
    """A translated message as reST on one line, as Markdown reads it: no line
    break, no escaped spaces (outside maths and literals)."""
    one_line = re.sub(r"[ \t]*\n[ \t]*", " ", translation.strip())
    return ESCAPED_SPACE.sub(lambda m: m.group(1) or "", one_line)


def translator(messages: dict[str, str]):
    """A function that translates a reST text block with ``messages``."""
    patterns = []
    for message in sorted(messages, key=lambda m: (-len(m), m)):
        words = message.split()
        if not words:
            continue
        body = GAP.join(re.escape(word) for word in words)
        pattern = re.compile(rf"^({LEAD}){body}[ \t]*$", re.MULTILINE)
        patterns.append((words[0], pattern, _prose(messages[message])))

    def translate(text: str) -> str:
        for first_word, pattern, translation in patterns:
            if first_word in text:
                text = pattern.sub(lambda m, t=translation: m.group(1) + t, text)
        return text

    return translate


def script_blocks(script: Path, gallery_conf: dict) -> list:
    """The blocks of a gallery script as sphinx-gallery makes its notebook of them
    (gen_rst.generate_file_rst: ignored lines and config comments removed)."""
    from sphinx_gallery import py_source_parser as parser

    _, blocks = parser.split_code_and_text_blocks(str(script))
    blocks = [
        parser.Block(label, parser.remove_ignore_blocks(content), line)
        for label, content, line in blocks
    ]
    if gallery_conf.get("remove_config_comments"):
        blocks = [
            parser.Block(label, parser.remove_config_comments(content), line)
            for label, content, line in blocks
        ]
    if blocks[-1].content.isspace():
        blocks = blocks[:-1]
    return blocks


def translated_notebook(
    script: Path, messages: dict[str, str], gallery_conf: dict, first_cell: str
) -> dict:
    """The notebook of the gallery script ``script`` with its text translated with
    ``messages`` and ``first_cell`` as its first cell."""
    from sphinx_gallery.notebook import jupyter_notebook

    translate = translator(messages)
    blocks = [
        block._replace(content=translate(block.content))
        if block.type == "text"
        else block
        for block in script_blocks(script, gallery_conf)
    ]
    conf = {**gallery_conf, "first_notebook_cell": first_cell}
    return jupyter_notebook(blocks, conf, script.parent)


def code_cells(notebook: dict) -> list[str]:
    """The code of a notebook's code cells, the first (the install cell) left out."""
    cells = [
        "".join(cell["source"])
        for cell in notebook["cells"]
        if cell["cell_type"] == "code"
    ]
    return cells[1:]


def localise_alerts(notebook: dict, language: str) -> None:
    """The headings of sphinx-gallery's notes and warnings in ``language``."""
    headings = ALERT_HEADINGS.get(language, {})
    for cell in notebook["cells"]:
        if cell["cell_type"] != "markdown":
            continue
        text = "".join(cell["source"])
        for english, translated in headings.items():
            text = text.replace(f"<h4>{english}</h4>", f"<h4>{translated}</h4>")
        cell["source"] = [text]


def write_notebooks(app, exception) -> None:
    """In a translation's build, replace the gallery notebooks of its _downloads/
    with translated ones, and the zips that hold notebooks with zips of the
    translated ones (before gdbook_notebooks rewrites every notebook)."""
    language = app.config.language
    if exception is not None or app.builder.format != "html" or language == "en":
        return
    from gdbook_i18n import translated_summaries

    gallery_conf = app.config.sphinx_gallery_conf
    first_cell = install_cell(
        gallery_conf["first_notebook_cell"], app.config.release, language
    )
    gallery_dirs = gallery_conf["gallery_dirs"]
    if isinstance(gallery_dirs, str):
        gallery_dirs = [gallery_dirs]
    srcdir, outdir = Path(app.srcdir), Path(app.outdir)
    notebooks: dict[str, bytes] = {}  # source (relative to srcdir) -> notebook
    for source, (_, dest) in sorted(app.env.dlfiles.items()):
        source = Path(source)
        if source.suffix != ".ipynb" or source.parts[0] not in gallery_dirs:
            continue
        script = srcdir / source.with_suffix(".py")
        if not script.is_file():
            continue
        docname = source.with_suffix("").as_posix()
        messages: dict[str, str] = {}
        for locale_dir in app.config.locale_dirs:
            po = srcdir / locale_dir / language / "LC_MESSAGES" / f"{docname}.po"
            messages = {**catalog(po), **messages}
        notebook = translated_notebook(script, messages, gallery_conf, first_cell)
        english = json.loads((srcdir / source).read_text(encoding="utf-8"))
        if code_cells(notebook) != code_cells(english):
            raise ExtensionError(
                f"gdbook_translated_notebooks: the code of {docname}'s translated "
                "notebook differs from sphinx-gallery's notebook"
            )
        localise_alerts(notebook, language)
        for cell in notebook["cells"]:  # the summary of a raw <details>
            if cell["cell_type"] == "markdown":
                cell["source"] = [translated_summaries(app, "".join(cell["source"]))]
        path = outdir / "_downloads" / dest
        path.parent.mkdir(parents=True, exist_ok=True)
        text = json.dumps(notebook, indent=2, ensure_ascii=False) + "\n"
        path.write_text(text, encoding="utf-8")
        notebooks[source.as_posix()] = text.encode("utf-8")
    zips = write_zips(app, gallery_dirs, notebooks)
    logger.info(
        "gdbook_translated_notebooks: %d notebooks and %d zips in %s",
        len(notebooks),
        zips,
        language,
    )


def write_zips(app, gallery_dirs, notebooks: dict[str, bytes]) -> int:
    """Write, in the translation's _downloads/, each gallery zip that holds
    notebooks (an example's zip, the gallery's notebooks zip) with the translated
    notebooks and the English scripts; the number of zips written."""
    from gdbook_reproducible import write_zip

    srcdir, outdir = Path(app.srcdir), Path(app.outdir)
    count = 0
    for source, (_, dest) in sorted(app.env.dlfiles.items()):
        source = PurePosixPath(Path(source).as_posix())
        if source.suffix != ".zip" or source.parts[0] not in gallery_dirs:
            continue
        with zipfile.ZipFile(srcdir / source) as archive:
            members = [
                (info.filename, archive.read(info), info.compress_type)
                for info in archive.infolist()
            ]
        if not any(name.endswith(".ipynb") for name, _, _ in members):
            continue  # the scripts only: the English site's zip serves
        translated = []
        for name, data, compress_type in members:
            if name.endswith(".ipynb"):
                key = posixpath.normpath(str(source.parent / name))
                if key not in notebooks:
                    raise ExtensionError(
                        f"gdbook_translated_notebooks: {source} holds {name}, "
                        "whose translation no page links"
                    )
                data = notebooks[key]
            translated.append((name, data, compress_type))
        path = outdir / "_downloads" / dest
        path.parent.mkdir(parents=True, exist_ok=True)
        write_zip(path, translated)
        count += 1
    return count


def setup(app):
    # Before gdbook_notebooks (priority 500) rewrites every downloaded notebook.
    app.connect("build-finished", write_notebooks, priority=400)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
