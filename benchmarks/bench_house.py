"""The package's size as a learner meets it: lines of gdbook/, its largest modules,
the explorables, and how far below its ``def`` each public function's formula starts.

Issue 20's budgets: the package under 5,000 lines, no module over 450, gdbook/explore
under 800, the formula within about 40 lines of the ``def`` (here: the first
statement after the docstring, counted from the ``def`` line).
"""

from __future__ import annotations

import ast
from pathlib import Path

from timing import table

PACKAGE = Path(__file__).resolve().parents[1] / "gdbook"
PACKAGE_BUDGET, MODULE_BUDGET, EXPLORE_BUDGET, FORMULA_BUDGET = 5000, 450, 800, 40


def lines(path: Path) -> int:
    """Lines of a file, as ``wc -l`` counts them."""
    return path.read_text(encoding="utf-8").count("\n")


def formula_distances(path: Path) -> list[tuple[str, int]]:
    """Each public function's (or public method's) name, and how many lines its first
    statement after the docstring lies below its ``def``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.FunctionDef) or node.name.startswith("_"):
            continue
        body = node.body
        if ast.get_docstring(node) is not None:
            body = body[1:]
        if not body:
            continue
        found.append((node.name, body[0].lineno - node.lineno))
    return found


def within(value: int, budget: int, below: bool = True) -> str:
    ok = value < budget if below else value <= budget
    return f"{'within' if ok else 'OVER'} {'<' if below else '≤'} {budget:,}"


def run() -> str:
    modules = sorted(PACKAGE.rglob("*.py"))
    sizes = {
        path.relative_to(PACKAGE.parent).as_posix(): lines(path) for path in modules
    }
    explore = sum(n for name, n in sizes.items() if name.startswith("gdbook/explore/"))
    largest = max(sizes, key=sizes.__getitem__)
    far = sorted(
        (
            (distance, f"{path.relative_to(PACKAGE.parent).as_posix()}:{name}")
            for path in modules
            for name, distance in formula_distances(path)
        ),
        reverse=True,
    )
    rows = [
        [
            "gdbook/ (.py lines)",
            f"{sum(sizes.values()):,}",
            within(sum(sizes.values()), PACKAGE_BUDGET),
        ],
        [
            f"largest module ({largest})",
            str(sizes[largest]),
            within(sizes[largest], MODULE_BUDGET, below=False),
        ],
        ["gdbook/explore (.py lines)", str(explore), within(explore, EXPLORE_BUDGET)],
        [
            f"farthest formula ({far[0][1]})",
            str(far[0][0]),
            within(far[0][0], FORMULA_BUDGET, below=False),
        ],
        [
            "public functions with the formula > 40 lines down",
            str(sum(d > FORMULA_BUDGET for d, _ in far)),
            f"of {len(far)}",
        ],
    ]
    text = "The house (issue 20)\n\n" + table(["measure", "figure", "budget"], rows)
    top = [[name, str(n)] for name, n in sorted(sizes.items(), key=lambda i: -i[1])[:8]]
    return text + "\n\nLargest modules\n\n" + table(["module", "lines"], top)


if __name__ == "__main__":
    print(run())
