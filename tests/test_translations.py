"""The Chinese catalogs (docs/locale/zh_CN/LC_MESSAGES) are complete and sound.

Every catalog: the pages' (lessons, front page, sources, errata...), the gallery's
(auto_examples/) and the words the site's extensions write (gdbook-ui.po). No
message may be untranslated or fuzzy (a message whose English changed since it
was translated: `nox -s translations` marks it so), and a translation keeps the
references of its English (the targets of ``{doc}``, ``{ref}``, ``:func:``...),
so that a page links the same pages in both languages. The API reference and the
changelog stay in English and have no catalog (noxfile.py's UNTRANSLATED).

No Sphinx build is needed: the catalogs are read with babel (which Sphinx brings).
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from babel.messages import pofile as babel_pofile

ROOT = Path(__file__).resolve().parents[1]
CATALOGS = ROOT / "docs" / "locale" / "zh_CN" / "LC_MESSAGES"
EXTENSIONS = ROOT / "docs" / "_ext"
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
    for page in ("index", "errata", "sources", "background", "notation"):
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
