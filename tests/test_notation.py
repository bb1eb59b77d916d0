"""The pages follow one notation, the one docs/notation.md sets out.

The learning rate is eta (η, ``\\eta``) in prose, maths and figures and ``lr`` in
code, as in PyTorch; the loss is L; the parameters are w (and b, the intercept of a
line); plain gradient descent is "gradient descent", never "sgd". The sources wrote
学习率, alpha, m, e, cost or mse: their words stay where a page quotes them, which is
in the section at the end of each gallery page, "The source, checked", and on the
Sources and Errata pages, and docs/notation.md says what each maps to.

The tests read the sources of the pages (gallery scripts, with their figure labels,
gallery headers, the Markdown pages), so they run in the fast loop and say which
file and line to fix.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import GALLERY, ROOT

DOCS = ROOT / "docs"
NOTATION = DOCS / "notation.md"
# Pages that quote the sources by design, or list what their names map to.
QUOTING_PAGES = {"notation.md", "errata.md", "sources.md", "changelog.md"}
# The heading of the section of a gallery page where the source is quoted.
SOURCE_SECTION = re.compile(r"^#\s*The source, checked\s*$", re.MULTILINE)

BS = r"\\{1,2}"  # a backslash, or two inside a docstring that is not raw
# A name of the old notations, what it should be instead, and where it shows.
OLD_NAMES: list[tuple[str, re.Pattern, str]] = [
    (
        "学习率",
        re.compile("学习率"),
        "the learning rate is η in prose, maths and figures, lr in code",
    ),
    (
        "alpha as the learning rate",
        re.compile(
            # w - alpha * grad, w - \alpha \nabla L, ...
            rf"-\s*(?:{BS})?alpha\s*(?:\*|{BS}[,;:!]|{BS}nabla|{BS}cdot|\()"
            # "learning rate alpha", "learning rate $\alpha$", "学习率 α"
            rf"|learning[ -]rate\W{{0,12}}(?:(?:{BS})?alpha\b|α)"
            # lr=alpha, a title "α = 0.7" or "α = {lr}", \alpha = 0.01
            rf"|\blr\s*=\s*alpha\b|α\s*=\s*[{{\d.]|{BS}alpha\s*=\s*0?\.(?!99)\d"
            # an assignment alpha = 0.7 (RMSProp's decay is 0.99; matplotlib's
            # alpha=0.3 is a keyword argument, with no spaces)
            r"|^\s*alpha = 0?\.(?!99)\d",
            re.MULTILINE,
        ),
        "the learning rate is η (\\eta) in prose, maths and figures, lr in code; "
        "alpha is RMSProp's decay",
    ),
    (
        '"sgd" as a label',
        re.compile(r"""(?<![\w.])["']sgd["']"""),
        'plain gradient descent is "gradient descent" (or "GD"), never "sgd"; '
        "SGD is the stochastic one",
    ),
    (
        "the cost",
        re.compile(
            r"(?<!at )\b(?:the|a|its|of)\s+cost\b(?!\s+of\b)"
            r"|\bcost (?:function|surface)",
            re.IGNORECASE,
        ),
        "the loss is L (the mean squared error of a line fit), not the cost",
    ),
    (
        "e as the loss",
        re.compile(rf"\be\s*\(\s*[wm]\s*,\s*b\s*\)|{BS}nabla\s*e\b|{BS}partial e\b"),
        "the loss is L: L(w, b), ∇L, ∂L/∂w",
    ),
    (
        "mse as the loss's name",
        re.compile(r"""["']mse["']|\bmse\s*[=(]"""),
        "the loss is L; say 'the mean squared error' in prose, loss in labels",
    ),
    (
        "L as a curvature",
        re.compile(
            rf"L-Lipschitz|(?<![\w.])[124]\s*/\s*(?:\(\s*)?L\b|{BS}eta\s*(?:{BS}[,;:!]\s*)?L\b"
            rf"|{BS}sqrt\s*\{{?L\b"
        ),
        "L is the loss; the largest curvature (eigenvalue) is λ_max (\\lambda_{\\max}) "
        "and the smallest λ_min",
    ),
    (
        "m as the slope",
        re.compile(r"\(\s*m\s*,\s*b\s*\)|\bslope\s+(?::math:`m`|\$m\$|``m``|m\b)"),
        "the slope of a line is w (and the intercept b): L(w, b)",
    ),
]


def teaching_part(path: Path) -> str:
    """The part of a page that teaches: a gallery script up to "The source,
    checked"; a Markdown page without its block quotes (a quote keeps its words)."""
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".py":
        found = SOURCE_SECTION.search(text)
        return text[: found.start()] if found else text
    if path.suffix == ".md":
        return "\n".join(
            "" if line.lstrip().startswith(">") else line for line in text.splitlines()
        )
    return text


def teaching_files() -> list[Path]:
    files = sorted(GALLERY.rglob("plot_*.py")) + sorted(GALLERY.rglob("*.rst"))
    files += [
        page
        for page in sorted(DOCS.rglob("*.md"))
        if page.relative_to(DOCS).parts[0] not in {"_build", "auto_examples"}
        and page.name not in QUOTING_PAGES
    ]
    return files


def old_names_in(path: Path) -> list[str]:
    text = teaching_part(path)
    found = []
    for name, pattern, fix in OLD_NAMES:
        for match in pattern.finditer(text):
            line = text.count("\n", 0, match.start()) + 1
            found.append((line, f"{name} ({' '.join(match.group(0).split())!r})", fix))
    return [f"line {line}: {what}: {fix}" for line, what, fix in sorted(found)]


FILES = teaching_files()


@pytest.mark.parametrize(
    "path", FILES, ids=[p.relative_to(ROOT).as_posix() for p in FILES]
)
def test_page_uses_the_course_notation(path):
    """No old name of the learning rate, the loss, the slope or plain descent
    outside the quotes of the sources."""
    found = old_names_in(path)
    assert not found, f"{path.relative_to(ROOT)}:\n  " + "\n  ".join(found)


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("学习率", "w = w - 学习率 * w"),
        ("alpha as the learning rate", "w = w - alpha * dw"),
        ("alpha as the learning rate", r"(w, b) \leftarrow (w, b) - \alpha \nabla e"),
        ("alpha as the learning rate", r"w \\leftarrow w - \\alpha\\,(2x^2 w)"),
        ("alpha as the learning rate", 'title=f"Descent with α = {alpha}"'),
        ("alpha as the learning rate", "the learning rate $\\alpha$"),
        ("alpha as the learning rate", "    alpha = 0.7\n"),
        ('"sgd" as a label', 'methods = ["sgd", "momentum"]'),
        ("the cost", "the cost surface, where the cost is lowest"),
        ("e as the loss", "the surface e(w, b)"),
        ("mse as the loss's name", 'ax.set(ylabel="mse")'),
        ("m as the slope", "the loss L(m, b)"),
        ("L as a curvature", r"converges for $\eta < 2/L$"),
        ("L as a curvature", r"multiplies it by :math:`1 - \\eta L`"),
        ("L as a curvature", "if the gradient is L-Lipschitz"),
    ],
)
def test_the_old_names_are_found(name, text, tmp_path):
    page = tmp_path / "page.md"
    page.write_text(text, encoding="utf-8")
    assert any(f": {name} (" in line for line in old_names_in(page)), text


@pytest.mark.parametrize(
    "text",
    [
        "r = alpha * r + (1 - alpha) * g * g",  # RMSProp's decay
        r"r \leftarrow \alpha\, r + (1 - \alpha)\, g^2, \qquad \alpha = 0.99",
        "ax.plot(x, y, alpha=0.3)",  # matplotlib's transparency
        "from gdbook.optimizers import sgd\nopt = sgd(lr)",  # the API's name
        "the cost of one step is one gradient",  # the everyday word
        "at a cost comparable to one evaluation of the loss",
        "Adam's $m$ and $v$",  # Adam's first moment
        "> 学习率 is what the source calls the learning rate",  # a quote
        "w = w - lr * grad  # η is lr in code",
        r"\frac{\partial L}{\partial w} = 2/n",  # the loss's derivative
        "step = 2 / (bowl.mu + bowl.L)",  # gdbook.quadratic's attribute
    ],
)
def test_what_is_not_an_old_name(text, tmp_path):
    page = tmp_path / "page.md"
    page.write_text(text, encoding="utf-8")
    assert old_names_in(page) == []


def test_the_source_section_keeps_the_sources_words(tmp_path):
    script = tmp_path / "plot_x.py"
    script.write_text(
        '"""Title\n=====\n"""\nlr = 0.1\n# %%\n# The source, checked\n'
        "# --------------------\nalpha = 0.01\nw = w - 学习率 * w\n",
        encoding="utf-8",
    )
    assert old_names_in(script) == []


def test_the_notation_page_says_what_each_source_name_maps_to():
    assert NOTATION.is_file(), "docs/notation.md is missing"
    text = NOTATION.read_text(encoding="utf-8")
    for symbol in (r"\eta", "`lr`", "L", "w", "b", r"\nabla"):
        assert symbol in text, f"the notation page does not define {symbol}"
    for old in ("学习率", "alpha", "cost", "mse", "m", "e"):
        assert re.search(rf"(?<![\w\\]){re.escape(old)}(?!\w)", text), (
            f"the notation page does not say what the sources' {old} maps to"
        )
    assert "gradient descent" in text and "SGD" in text
