"""Sphinx configuration of the gdbook site."""

from __future__ import annotations

import os
import sys
import tomllib
from pathlib import Path

import gdbook

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE / "_ext"))

from gdbook_wheelbuild import project_root  # noqa: E402

# The canonical address of the hosted site, set in ONE place: pyproject.toml's
# [project.urls] Documentation. Notebooks link to its pages and install its wheel.
with open(project_root(HERE) / "pyproject.toml", "rb") as _pyproject:
    gdbook_canonical_url = tomllib.load(_pyproject)["project"]["urls"]["Documentation"]
# Each page's <link rel="canonical">, the sitemap's and the OpenGraph addresses.
html_baseurl = gdbook_canonical_url
ogp_site_url = gdbook_canonical_url
# The OpenGraph tags name the page and describe it with its first lines; no image
# is generated (that would draw one per page with matplotlib, and fetch a font).
ogp_social_cards = {"enable": False}
# Whether gdbook is on PyPI: the notebooks' first cell then installs their version
# from PyPI, and from the site's package index (simple/) only where PyPI fails.
# Set it to True with the first release published on PyPI.
gdbook_on_pypi = False

project = "gdbook"
author = "The gdbook developers"
copyright = "2026, The gdbook developers"
version = release = gdbook.__version__

extensions = [
    "myst_parser",
    "numpydoc",
    "sphinx.ext.autodoc",
    "sphinx.ext.intersphinx",
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
    # The site's own wheel of gdbook (dist/) and the command that installs it.
    "gdbook_wheel",
    # Downloaded notebooks: Sphinx references become Markdown links or plain text.
    "gdbook_notebooks",
    # Each chapter's exercises: a page and a notebook, from gdbook.exercises.
    "gdbook_exercises",
    # A 404 page that works from any depth and sub-path.
    "gdbook_notfound",
    # Every API function and class shows the examples that use it.
    "gdbook_minigallery",
    # sitemap.xml, with the canonical address of every page (html_baseurl).
    "gdbook_sitemap",
    # lang="zh" on the text in Chinese (the sources' quotes), for its fonts.
    "gdbook_lang",
    # og:title and og:description on every page (no generated images).
    "sphinxext.opengraph",
    # The course's order: prev/next walk each chapter's lesson, then its gallery
    # pages, then the next chapter (docs/_ext/gdbook_course.py).
    "gdbook_course",
    # The background page's figures, drawn at build time (docs/background.md).
    "matplotlib.sphinxext.plot_directive",
    # The Chinese edition: the language switcher, hreflang links, the Chinese
    # site's addresses and search, and the extensions' words in both languages.
    "gdbook_i18n",
    # The theme's search field and copyright in the site's language (sphinx.po).
    "gdbook_theme_words",
    # The glossary page's table, from the course's list of terms (docs/_data).
    "gdbook_glossary",
]

# --- Languages ---------------------------------------------------------------------
# English is the source; the Chinese edition is the same sources built again with
# ``-D language=zh_CN`` into docs/_build/html/zh_CN/ (`nox -s docs` builds both),
# its text from the gettext catalogs of docs/locale/zh_CN/LC_MESSAGES/, one per page
# (gettext_compact off), which `nox -s translations` extracts and updates.
language = "en"
locale_dirs = ["locale/"]
gettext_compact = False
# No line numbers in the catalogs: a page's edit moves no message of another.
gettext_location = False
gettext_uuid = False
# The figures' alt text is translated with the page (Sphinx extracts every image's
# alt text); code and output are not. ("image" in gettext_additional_targets would
# add each image's path as a message too, for figures redrawn per language: none
# is.)
gettext_additional_targets = []

source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
exclude_patterns = [
    "_build",
    "_ext",
    "_intersphinx",
    "_releases",
    "auto_examples/**/*.ipynb",
    "auto_examples/**/*.py",
]
myst_enable_extensions = ["dollarmath", "amsmath", "colon_fence", "deflist"]
myst_heading_anchors = 3

# --- API reference ---------------------------------------------------------------
autodoc_default_options = {"members": True, "member-order": "bysource"}
numpydoc_show_class_members = False
# Every docstring of the API is validated (warnings, so errors in the build): all of
# numpydoc's checks but the extended summary (ES01) and See Also (SA01), which a
# short docstring need not have, and GL01, which asks for the summary on the line
# after the opening quotes where the project (PEP 257, ruff) puts it on the first.
# Examples stay required (EX01), but for a one-line docstring (a record's field,
# given by its `#:` comment, a property, a short method): the class's or the
# function's example shows it.
numpydoc_validation_checks = {"all", "ES01", "SA01", "GL01"}
numpydoc_validation_overrides = {"EX01": [r"\A[^\n]*\Z"]}
# Module-level data, and a dataclass field with a default: the docstring is a `#:`
# comment, which numpydoc would check as the docstring of the value's type (an
# Objective's __call__ for parabola, tuple's for Schedule.arguments...).
numpydoc_validation_exclude = {
    r"^gdbook\.schedules\.Schedule\.arguments$",
    r"^gdbook\.Trace\.(diverged|batch_size|updates_per_epoch)$",
    # Defined in gdbook._rules, documented as gdbook.optimizers' own: numpydoc looks
    # for their "numpydoc ignore=PR01,EX01" (a record's) in optimizers.py.
    r"^gdbook\.optimizers\.(Optimizer|DecayState|ScheduledState)$",
    r"^gdbook\.(testfunctions\.)?(parabola|bowl|rosenbrock|beale|saddle)$",
    r"^gdbook\.(losses\.)?CROSS_ENTROPY_DELTA$",
}
# Types in the Parameters and Returns sections link to their documentation: gdbook's
# own pages, or Python's, numpy's and matplotlib's (intersphinx, below).
numpydoc_xref_param_type = True
numpydoc_xref_aliases = {
    "Axes": "matplotlib.axes.Axes",
    "Figure": "matplotlib.figure.Figure",
    "FuncAnimation": "matplotlib.animation.FuncAnimation",
    "Generator": "numpy.random.Generator",
    "mapping": ":term:`python:mapping`",
}
# The words of a type that are not types. (numpydoc_xref_ignore = "all" would save
# this list, but it leaves every type not in the aliases above as plain text:
# numpy.ndarray, matplotlib.axes.Axes, TypeError and gdbook's own classes, in 174
# parameters, returns and raises, would lose their links. docs/_ext/README.md.)
numpydoc_xref_ignore = {
    "of",
    "or",
    "and",
    "optional",
    "default",
    "shape",
    "the",
    "same",
    "as",
    "keyword-only",
    "positional-only",
    "like",
    "with",
    "a",
    "an",
    "one",
    "per",
    "to",
    "pair",
}

# --- Links to other projects' documentation --------------------------------------
# The build runs offline, so the inventories are kept in docs/_intersphinx (see
# tools/intersphinx_inventories.py): Python's is Debian's copy of the real one;
# numpy's and matplotlib's list the objects these pages name.
intersphinx_mapping = {
    "python": ("https://docs.python.org/3.11/", "_intersphinx/python.inv"),
    "numpy": ("https://numpy.org/doc/stable/", "_intersphinx/numpy.inv"),
    "matplotlib": ("https://matplotlib.org/stable/", "_intersphinx/matplotlib.inv"),
}

# --- Copy buttons ----------------------------------------------------------------
# Copy the code of a doctest or a console session without its prompts and output.
copybutton_prompt_text = r">>> |\.\.\. |\$ |In \[\d*\]: | {2,5}\.\.\.: "
copybutton_prompt_is_regexp = True
copybutton_only_copy_prompt_lines = True
copybutton_exclude = ".linenos, .gp, .go"

# --- Gallery -------------------------------------------------------------------


sphinx_gallery_conf = {
    "examples_dirs": "../gallery",
    "gallery_dirs": "auto_examples",
    "filename_pattern": r"/plot_",
    # Pages in teaching order, chapter by chapter (docs/_ext/gdbook_order.py); a
    # name rather than an object, so that the configuration pickles.
    "within_subsection_order": "gdbook_order.TeachingOrder",
    # Cards show thumbnails at most 160 x 112 CSS px: twice that is sharp on a
    # high-density screen, and keeps the catalogue (every thumbnail at once) under
    # the 300 kB page budget.
    "thumbnail_size": (320, 224),
    # Chapters in the course's order (chapter 5 is folder 06, chapter 6 folder 05).
    "subsection_order": "gdbook_order.chapter_key",
    "reset_modules": ("gallery_reset.reset_matplotlib_and_ffmpeg",),
    # Animations become H.264 video files (tens of KB) rather than frame lists;
    # Chromium, Firefox and Safari play them. The scraper renders each animation
    # once, blitted, at the size the page shows it (no GIF), and gives each video
    # its figure's title as text alternative (docs/_ext/gdbook_video.py).
    "matplotlib_animations": (True, "mp4"),
    "image_scrapers": ("gdbook_video.matplotlib_scraper",),
    "doc_module": ("gdbook",),
    # Link the functions and classes the code calls, not the type of every variable:
    # with the intersphinx inventories, each use of a float or an array variable
    # became a link to Python's or numpy's docs, 250 bytes apiece, 75-100 kB on the
    # longer pages of the optimizer chapter.
    "inspect_global_variables": False,
    "backreferences_dir": "gen_modules/backreferences",
    "download_all_examples": True,
    "remove_config_comments": True,
    # The execution-times page loads jQuery and DataTables from public CDNs, and its
    # timings differ from build to build: the site has neither.
    # A code block that ends with a matplotlib call (``ax.legend()``) would show its
    # repr, with a memory address that changes from build to build: show none.
    "ignore_repr_types": r"'(matplotlib|mpl_toolkits)\.",
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
    # Every notebook starts by installing the gdbook it was made with (pinned),
    # unless gdbook is importable already (then it does nothing): from the site's
    # package index, which keeps every released version (docs/_ext/gdbook_wheel.py).
    "first_notebook_cell": (
        f"# Install gdbook {release}, the version this notebook was made with, unless\n"
        "# gdbook is installed already (numpy and matplotlib come with it).\n"
        "import importlib.util\n"
        "import subprocess\n"
        "import sys\n"
        "\n"
        'if importlib.util.find_spec("gdbook") is None:\n'
        + (
            # From PyPI, else from the site's index (every released version).
            '    pip = [sys.executable, "-m", "pip", "install", "gdbook=={v}"]\n'
            "    if subprocess.call(pip) != 0:\n"
            '        subprocess.check_call([*pip, "--extra-index-url",\n'
            '                               "{index}"])'
            if gdbook_on_pypi
            # From the site's index, which keeps every released version.
            else "    subprocess.check_call(\n"
            '        [sys.executable, "-m", "pip", "install", "gdbook=={v}",\n'
            '         "--extra-index-url", "{index}"]\n'
            "    )"
        ).format(v=release, index=f"{gdbook_canonical_url}simple/")
    ),
}

# --- Figures drawn by the pages themselves (matplotlib's plot directive) -----------
# One PNG each, small, with no links to their source or other formats: the page's
# text says what they show, and the page weight budget holds.
plot_formats = [("png", 80)]
plot_html_show_formats = False
plot_html_show_source_link = False
plot_rcparams = {"savefig.bbox": "tight"}

# --- HTML ------------------------------------------------------------------------
html_theme = "pydata_sphinx_theme"
html_title = "gdbook"
html_static_path = ["_static"]
templates_path = ["_templates"]
html_css_files = ["gdbook.css"]
html_favicon = "_static/favicon.svg"
html_last_updated_fmt = None
html_show_sourcelink = False
# No page links to its reST/Markdown source, so the site does not publish _sources/.
html_copy_source = False
html_theme_options = {
    "navigation_with_keys": False,
    "show_toc_level": 2,
    # The language switcher (docs/_templates/gdbook-language.html), beside the
    # search button: in the header at every width, phones included.
    "navbar_persistent": ["search-button-field", "gdbook-language"],
    # Five links, the rest under "More": with a sixth, the search field, the
    # language switcher and the theme button wrap to a second row at 1400 px and
    # push every page's first figure down (tests/site/test_site_course.py).
    "header_links_before_dropdown": 5,
    "secondary_sidebar_items": ["page-toc", "sg_download_links", "sg_launcher_links"],
    "footer_start": ["copyright"],
    "footer_end": ["sphinx-version", "theme-version"],
}
html_sidebars = {"index": [], "sources": [], "errata": []}
# pydata-sphinx-theme links icons and nothing else from other hosts; keep it so.
html_context = {"default_mode": "auto"}


def _drop_stale_sources(app, exception) -> None:
    """An incremental build keeps the _sources/ of an earlier build: remove it."""
    if exception is None and not app.config.html_copy_source:
        import shutil

        shutil.rmtree(Path(app.outdir) / "_sources", ignore_errors=True)


def setup(app):
    app.connect("build-finished", _drop_stale_sources)
