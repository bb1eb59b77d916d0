"""The Chinese catalogs (docs/locale/zh_CN/LC_MESSAGES) are complete and sound.

Every catalog: the pages' (lessons, front page, sources, errata...), the gallery's
(auto_examples/) and the words the site's extensions write (gdbook-ui.po). No
message may be untranslated or fuzzy (a message whose English changed since it
was translated: `nox -s translations` marks it so), and a translation keeps the
references of its English (the targets of ``{doc}``, ``{ref}``, ``:func:``...),
so that a page links the same pages in both languages. The API reference and the
changelog stay in English and have no catalog (noxfile.py's UNTRANSLATED).

The words of the site's frame (the theme's header, sidebars and footer, the
gallery's download buttons) are in the "sphinx" catalog (sphinx.po), which Sphinx
reads before its own and the theme's: THEME_WORDS lists those the Chinese site
needs. The course's terms are one list, docs/_data/terms.toml (the glossary page
and the translators' list): the main terms are translated by their Chinese term
in every message whose English uses them.

No Sphinx build is needed: the catalogs are read with babel (which Sphinx brings).
"""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from pathlib import Path

import pytest
from babel.messages import pofile as babel_pofile

ROOT = Path(__file__).resolve().parents[1]
CATALOGS = ROOT / "docs" / "locale" / "zh_CN" / "LC_MESSAGES"
EXTENSIONS = ROOT / "docs" / "_ext"
TERMS = ROOT / "docs" / "_data" / "terms.toml"
# A MyST role ({doc}`text <target>`) or a reST one (:func:`target`).
ROLE = re.compile(r"(?:\{([\w:-]+)\}|:([\w:-]+):)`([^`]*)`")


def catalogs() -> list[Path]:
    return sorted(CATALOGS.rglob("*.po"))


def _read(path: Path):
    with path.open("rb") as file:
        return babel_pofile.read_po(file)


def targets(text: str) -> list[tuple[str, str]]:
    """The references of a message: (role, target), in order."""
    found = []
    for match in ROLE.finditer(text):
        role = match.group(1) or match.group(2)
        content = match.group(3)
        target = re.search(r"<([^<>]+)>\s*$", content)
        found.append((role, target.group(1) if target else content))
    return sorted(found)


def test_the_catalogs_cover_the_site():
    names = {p.relative_to(CATALOGS).with_suffix("").as_posix() for p in catalogs()}
    for page in ("index", "errata", "sources", "background", "notation", "glossary"):
        assert page in names
    assert {n for n in names if n.startswith("concepts/")} == {
        f"concepts/{p.stem}" for p in (ROOT / "docs" / "concepts").glob("*.md")
    }
    assert {n for n in names if n.startswith("auto_examples/") and "plot_" in n} == {
        f"auto_examples/{p.relative_to(ROOT / 'gallery').with_suffix('').as_posix()}"
        for p in (ROOT / "gallery").rglob("plot_*.py")
    }
    assert not any(n.startswith(("api/", "changelog")) for n in names)


@pytest.mark.parametrize(
    "path", catalogs(), ids=lambda p: p.relative_to(CATALOGS).as_posix()
)
def test_every_message_is_translated(path):
    """No empty and no fuzzy translation; each keeps its English's references."""
    problems = []
    for message in _read(path):
        if not message.id:
            continue
        english = message.id if isinstance(message.id, str) else message.id[0]
        chinese = message.string if isinstance(message.string, str) else ""
        if english.startswith(".. image:: "):
            continue  # an image's path (for figures per language): none is
        if not chinese:
            problems.append(f"untranslated: {english[:70]!r}")
        elif message.fuzzy:
            problems.append(f"fuzzy: {english[:70]!r}")
        elif targets(chinese) != targets(english):
            problems.append(
                f"references differ: {english[:50]!r}: "
                f"{targets(english)} != {targets(chinese)}"
            )
    assert problems == [], f"{len(problems)} in {path.relative_to(CATALOGS)}"


def _ui_messages() -> set[str]:
    """The literals of every ``ui(app, "...")`` and ``msg("...")`` of docs/_ext."""
    found = set()
    for module in EXTENSIONS.glob("*.py"):
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
                continue
            index = {"ui": 1, "msg": 0}.get(node.func.id)
            if index is not None and len(node.args) > index:
                argument = node.args[index]
                if isinstance(argument, ast.Constant) and isinstance(
                    argument.value, str
                ):
                    found.add(argument.value)
    return found


def test_the_extensions_words_are_in_the_ui_catalog():
    """Every word an extension writes through gdbook_i18n.ui is in gdbook-ui.po,
    translated (`nox -s translations` extracts them)."""
    catalog = {m.id: m.string for m in _read(CATALOGS / "gdbook-ui.po") if m.id}
    words = _ui_messages()
    assert len(words) >= 8
    assert {w for w in words if not catalog.get(w)} == set()


#: The theme's words that the Chinese pages show and the catalogs Sphinx and the
#: theme ship leave empty or in other words than the site's, with the pages'
#: sidebar download buttons (docs/_templates/sg_download_links.html), the search
#: field's text and the copyright's author (docs/_ext/gdbook_theme_words.py).
THEME_WORDS = (
    "More",
    "Search the docs ...",
    "Color mode",
    "Light",
    "Dark",
    "System Settings",
    "Collapse Sidebar",
    "Expand Sidebar",
    "Breadcrumb",
    "Home",
    "On this page",
    "Section Navigation",
    "Skip to main content",
    "Back to top",
    "previous page",
    "previous",
    "next page",
    "next",
    "Download source code",
    "Download Jupyter notebook",
    "Download zipped",
    "The gdbook developers",
    "© Copyright %(copyright)s.",
)
CHINESE = re.compile(r"[\u4e00-\u9fff]")


def test_the_theme_words_are_in_the_sphinx_catalog():
    """Each of the frame's words is in sphinx.po, in Chinese, with its placeholders."""
    catalog = {m.id: m.string for m in _read(CATALOGS / "sphinx.po") if m.id}
    problems = []
    for word in THEME_WORDS:
        chinese = catalog.get(word, "")
        if not CHINESE.search(chinese):
            problems.append(f"{word!r}: {chinese!r}")
        elif re.findall(r"%\(\w+\)s", chinese) != re.findall(r"%\(\w+\)s", word):
            problems.append(f"{word!r}: placeholders differ in {chinese!r}")
    assert problems == []


def terms() -> list[dict]:
    with TERMS.open("rb") as file:
        return tomllib.load(file)["term"]


def test_the_term_list_is_one_word_for_one_idea():
    """Every term has its English, its Chinese and a meaning; no English and no
    Chinese term is listed twice; the search's dictionary (terms.txt, for jieba)
    holds words of the list."""
    listed = terms()
    assert len(listed) >= 60
    for term in listed:
        assert {"en", "zh", "meaning"} <= term.keys(), term
        assert CHINESE.search(term["zh"]), term
    english = [t["en"].casefold() for t in listed]
    chinese = [t["zh"] for t in listed]
    assert sorted({e for e in english if english.count(e) > 1}) == []
    assert sorted({c for c in chinese if chinese.count(c) > 1}) == []
    forms = {form for t in listed for form in [t["zh"], *t.get("also", [])]}
    search_words = (CATALOGS.parent / "terms.txt").read_text(encoding="utf-8").split()
    assert set(search_words) - forms == set()


#: What a message's English may hold that is not prose: references and code
#: (``{doc}`...```, ``:func:`...```, ````x````), maths, and quotes ("...",
#: whose words are a source's or a figure's own).
NOT_PROSE = re.compile(
    r"(?:\{[\w:-]+\}|:[\w:-]+:)`[^`]*`|``.*?``|`[^`]*`"
    r"|\$\$.*?\$\$|\$[^$]*\$|\"[^\"]*\"|https?://\S+",
    re.DOTALL,
)
#: The main terms, whose translation the test checks in every catalog.
MAIN_TERMS = (
    "梯度下降",
    "学习率",
    "随机梯度下降",
    "反向传播",
    "动量",
    "条件数",
    "损失",
)


def english_pattern(term: dict) -> re.Pattern:
    """The English of a term in prose: its words (not its symbol in brackets),
    singular or plural, any case."""
    words = re.sub(r"\s*\(.*?\)", "", term["en"]).strip()
    return re.compile(rf"\b{re.escape(words)}(?:e?s)?\b", re.IGNORECASE)


def inconsistencies(term: dict) -> tuple[int, list[str]]:
    """How many translated messages use ``term``'s English in their prose, and
    those whose Chinese has none of its Chinese forms."""
    english = english_pattern(term)
    forms = [term["zh"], *term.get("also", [])]
    used, wrong = 0, []
    for path in catalogs():
        if path.name == "sphinx.po":
            continue
        for message in _read(path):
            if not (isinstance(message.id, str) and message.id and message.string):
                continue
            if english.search(NOT_PROSE.sub(" ", message.id)):
                used += 1
                if not any(form in message.string for form in forms):
                    where = path.relative_to(CATALOGS).as_posix()
                    wrong.append(f"{where}: {message.id[:60]!r}")
    return used, wrong


@pytest.mark.parametrize("chinese", MAIN_TERMS)
def test_the_main_terms_are_translated_alike_everywhere(chinese):
    """Wherever a message's English says, e.g., "learning rate", its Chinese
    says 学习率 (glossary: docs/_data/terms.toml)."""
    (term,) = [t for t in terms() if t["zh"] == chinese]
    used, wrong = inconsistencies(term)
    assert used >= 5, f"{term['en']!r} is in only {used} messages"
    assert wrong == [], f"{term['en']} is not {chinese} in {len(wrong)} messages"


def test_the_check_of_the_terms_can_fail(tmp_path, monkeypatch):
    """A message whose English says "learning rate" and whose Chinese says 步长
    is reported; one that says it inside a code span or a quote is not."""
    (tmp_path / "page.po").write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=utf-8\\n"\n\n'
        'msgid "The learning rate is too large."\nmsgstr "步长太大。"\n\n'
        'msgid "The figure says \\"learning rate\\"."\nmsgstr "图上写着“lr”。"\n',
        encoding="utf-8",
    )
    module = sys.modules[__name__]
    monkeypatch.setattr(module, "catalogs", lambda: [tmp_path / "page.po"])
    monkeypatch.setattr(module, "CATALOGS", tmp_path)
    (term,) = [t for t in terms() if t["zh"] == "学习率"]
    assert inconsistencies(term) == (1, ["page.po: 'The learning rate is too large.'"])
