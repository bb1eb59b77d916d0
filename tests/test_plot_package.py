"""The shape of gdbook.plot: lazy matplotlib, one public list, documented helpers."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import subprocess
import sys

import gdbook.plot

MODULES = [
    info.name
    for info in pkgutil.iter_modules(gdbook.plot.__path__)
    if not info.name.startswith("_")
]


def test_importing_gdbook_plot_does_not_import_matplotlib():
    imports = "; ".join(f"import gdbook.plot.{name}" for name in MODULES)
    code = (
        f"import sys, gdbook, gdbook.plot; {imports}; "
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] == 'matplotlib'); "
        "print(loaded)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"


def test_the_package_exports_every_public_helper_of_its_modules():
    assert MODULES == ["lines", "paths"]
    exported = set()
    for name in MODULES:
        module = importlib.import_module(f"gdbook.plot.{name}")
        assert not exported & set(module.__all__)
        exported |= set(module.__all__)
        for public in module.__all__:
            assert getattr(gdbook.plot, public) is getattr(module, public)
    assert sorted(gdbook.plot.__all__) == sorted(exported)
    assert len(gdbook.plot.__all__) == len(set(gdbook.plot.__all__))


def test_every_helper_has_examples_and_returns_what_it_drew():
    for name in gdbook.plot.__all__:
        doc = inspect.getdoc(getattr(gdbook.plot, name))
        assert "\nExamples\n--------\n" in doc, name
        assert "\nReturns\n-------\n" in doc, name


def test_drawing_helpers_take_ax_none():
    drawing = set(gdbook.plot.__all__) - {"line_fit_animation", "use_bundled_ffmpeg"}
    for name in drawing:
        parameter = inspect.signature(getattr(gdbook.plot, name)).parameters["ax"]
        assert parameter.default is None, name
        assert parameter.kind is inspect.Parameter.KEYWORD_ONLY, name


def test_drawing_helpers_declare_their_checks():
    # Checked at the boundary, before anything is drawn: the axes, and the path.
    drawing = set(gdbook.plot.__all__) - {"line_fit_animation", "use_bundled_ffmpeg"}
    for name in drawing:
        helper = getattr(gdbook.plot, name)
        declared = helper.__checks__
        assert "ax" in declared, name
        if "path" in inspect.signature(helper).parameters:
            assert "path" in declared, name
