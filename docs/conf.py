"""Sphinx configuration of the gdbook site."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import gdbook

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE / "_ext"))

project = "gdbook"
author = "The gdbook developers"
copyright = "2026, The gdbook developers"
version = release = gdbook.__version__

extensions = [
    "myst_parser",
    "numpydoc",
    "sphinx.ext.autodoc",
    "sphinx.ext.mathjax",
    "sphinx.ext.viewcode",
    "sphinx_copybutton",
    "sphinx_gallery.gen_gallery",
    "sphinxcontrib.video",
    # Videos (animations) with a text alternative and the flags autoplay needs.
    "gdbook_video",
    # Serves MathJax from _static/mathjax instead of a CDN, so the site loads nothing
    # from another host; copies only what the pages can load (see the module).
    "gdbook_mathjax",
    # Zip downloads identical from build to build.
    "gdbook_reproducible",
    # Names for the theme's unnamed sidebar toggles (screen readers, axe-core).
    "gdbook_a11y",
    "gdbook_sources",
    # Re-runs the examples when gdbook's code changes (docs/_ext/gdbook_freshness.py).
    "gdbook_freshness",
]

source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
exclude_patterns = ["_build", "auto_examples/**/*.ipynb", "auto_examples/**/*.py"]
myst_enable_extensions = ["dollarmath", "amsmath", "colon_fence", "deflist"]
myst_heading_anchors = 3

# --- API reference ---------------------------------------------------------------
autodoc_default_options = {"members": True, "member-order": "bysource"}
numpydoc_show_class_members = False
numpydoc_xref_param_type = False

# --- Gallery -------------------------------------------------------------------


sphinx_gallery_conf = {
    "examples_dirs": "../gallery",
    "gallery_dirs": "auto_examples",
    "filename_pattern": r"/plot_",
    # Pages in teaching order, chapter by chapter (docs/_ext/gdbook_order.py); a
    # name rather than an object, so that the configuration pickles.
    "within_subsection_order": "gdbook_order.TeachingOrder",
    "reset_modules": ("gallery_reset.reset_matplotlib_and_ffmpeg",),
    # Animations become H.264 video files (tens of KB) rather than frame lists;
    # Chromium, Firefox and Safari play them. The scraper gives each video its
    # figure's title as text alternative (docs/_ext/gdbook_video.py).
    "matplotlib_animations": (True, "mp4"),
    "image_scrapers": ("gdbook_video.matplotlib_scraper",),
    "doc_module": ("gdbook",),
    "backreferences_dir": "gen_modules/backreferences",
    "download_all_examples": True,
    "remove_config_comments": True,
    # The execution-times page loads jQuery and DataTables from public CDNs, and its
    # timings differ from build to build: the site has neither.
    "write_computation_times": False,
    "show_memory": False,
    # Running times change from build to build: no page shows them, so two builds
    # of the same sources give the same pages. The benchmark (benchmarks/
    # bench_build.py) sets GDBOOK_REPORT_TIMES to read them from the build log.
    "min_reported_time": 0 if os.environ.get("GDBOOK_REPORT_TIMES") else float("inf"),
    "show_signature": False,
    "abort_on_example_error": False,
    "only_warn_on_example_error": False,
    # Run the examples in as many processes as sphinx-build's -j (the docs session
    # passes -j auto).
    "parallel": True,
}

# --- HTML ------------------------------------------------------------------------
html_theme = "pydata_sphinx_theme"
html_title = "gdbook"
html_static_path = ["_static"]
html_css_files = ["gdbook.css"]
html_last_updated_fmt = None
html_show_sourcelink = False
html_theme_options = {
    "navigation_with_keys": False,
    "show_toc_level": 2,
    "header_links_before_dropdown": 6,
    "secondary_sidebar_items": ["page-toc", "sg_download_links", "sg_launcher_links"],
    "footer_start": ["copyright"],
    "footer_end": ["sphinx-version", "theme-version"],
}
html_sidebars = {"index": [], "sources": [], "errata": []}
# pydata-sphinx-theme links icons and nothing else from other hosts; keep it so.
html_context = {"default_mode": "auto"}
