"""Write the intersphinx inventories that the site links with (docs/_intersphinx).

The site builds offline (CI and this project's machines reach no documentation
host), with warnings as errors, so the inventories it resolves links to Python,
numpy and matplotlib with are kept in the repository:

- ``python.inv`` is the real inventory of the Python 3.11 documentation, as Debian
  ships it with its ``python3.11-doc`` package (/usr/share/doc/python3.11/html/);
  this script copies it when that file is present (``apt-get install python3.11-doc``).
- ``numpy.inv`` and ``matplotlib.inv`` are written here from the short lists below:
  the objects gdbook's docstrings and pages name, with the addresses they have in
  those projects' published documentation (https://numpy.org/doc/stable/,
  https://matplotlib.org/stable/). No package ships these inventories, so add a
  name here when a page starts linking to it, and run this script.

Usage: ``python tools/intersphinx_inventories.py`` (standard library only).
"""

from __future__ import annotations

import shutil
import sys
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "_intersphinx"
DEBIAN_PYTHON_INVENTORY = Path("/usr/share/doc/python3.11/html/objects.inv")


def _generated(module: str, names: str, role: str = "py:function") -> list[tuple]:
    """Objects documented on a page of their own under reference/generated/."""
    return [
        (f"{module}.{name}", role, f"reference/generated/{module}.{name}.html#$", "-")
        for name in names.split()
    ]


NUMPY = [
    ("numpy", "py:module", "reference/index.html#module-$", "-"),
    ("numpy.ndarray", "py:class", "reference/generated/numpy.ndarray.html#$", "-"),
    ("numpy.dtype", "py:class", "reference/generated/numpy.dtype.html#$", "-"),
    ("numpy.float64", "py:attribute", "reference/arrays.scalars.html#$", "-"),
    ("numpy.float32", "py:attribute", "reference/arrays.scalars.html#$", "-"),
    ("numpy.inf", "py:data", "reference/constants.html#$", "-"),
    ("numpy.nan", "py:data", "reference/constants.html#$", "-"),
    ("numpy.random.Generator", "py:class", "reference/random/generator.html#$", "-"),
    (
        "numpy.random.default_rng",
        "py:function",
        "reference/random/generator.html#$",
        "-",
    ),
    ("numpy.random.RandomState", "py:class", "reference/random/legacy.html#$", "-"),
    ("numpy.random.seed", "py:function", "reference/random/generated/$.html#$", "-"),
    ("array_like", "std:term", "glossary.html#term-array_like", "-"),
    (
        "arrays.scalars",
        "std:label",
        "reference/arrays.scalars.html#arrays-scalars",
        "Scalars",
    ),
    *_generated(
        "numpy",
        "allclose array asarray dot einsum exp gradient isfinite linspace log "
        "matmul mean meshgrid ones sqrt sum zeros",
    ),
]

MATPLOTLIB = [
    ("matplotlib", "py:module", "index.html#module-$", "-"),
    ("matplotlib.axes.Axes", "py:class", "api/axes_api.html#$", "-"),
    ("matplotlib.figure.Figure", "py:class", "api/_as_gen/$.html#$", "-"),
    ("matplotlib.animation.FuncAnimation", "py:class", "api/_as_gen/$.html#$", "-"),
    ("matplotlib.animation.Animation.save", "py:method", "api/_as_gen/$.html#$", "-"),
    ("matplotlib.colors.Colormap", "py:class", "api/_as_gen/$.html#$", "-"),
    ("matplotlib.pyplot.subplots", "py:function", "api/_as_gen/$.html#$", "-"),
    ("matplotlib.pyplot.show", "py:function", "api/_as_gen/$.html#$", "-"),
    ("matplotlib.axes.Axes.plot", "py:method", "api/_as_gen/$.html#$", "-"),
    ("matplotlib.axes.Axes.contour", "py:method", "api/_as_gen/$.html#$", "-"),
    ("mpl_toolkits.mplot3d.axes3d.Axes3D", "py:class", "api/_as_gen/$.html#$", "-"),
]


def inventory(project: str, version: str, objects: list[tuple]) -> bytes:
    """The bytes of a Sphinx inventory (format version 2) of ``objects``.

    Each object is ``(name, "domain:role", uri, display name)``; in the uri, ``$``
    stands for the name, and a display name of ``-`` means the name itself.
    """
    header = (
        "# Sphinx inventory version 2\n"
        f"# Project: {project}\n"
        f"# Version: {version}\n"
        "# The remainder of this file is compressed using zlib.\n"
    )
    lines = "".join(
        f"{name} {role} 1 {uri.replace('$', name) if uri.count('$') > 1 else uri} "
        f"{display}\n"
        for name, role, uri, display in sorted(objects)
    )
    return header.encode() + zlib.compress(lines.encode(), 9)


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "numpy.inv").write_bytes(inventory("NumPy", "stable", NUMPY))
    (OUT / "matplotlib.inv").write_bytes(inventory("Matplotlib", "stable", MATPLOTLIB))
    if DEBIAN_PYTHON_INVENTORY.is_file():
        shutil.copyfile(DEBIAN_PYTHON_INVENTORY, OUT / "python.inv")
    elif not (OUT / "python.inv").is_file():
        print(f"{DEBIAN_PYTHON_INVENTORY} is missing: apt-get install python3.11-doc")
        return 1
    print(f"wrote the inventories in {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
