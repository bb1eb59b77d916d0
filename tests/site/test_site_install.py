"""How the site tells a reader to install gdbook, its 404 page and its copy buttons,
in a real browser, under a sub-path and at the root of a host."""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
import venv
import zipfile
from pathlib import Path
from urllib.request import urlopen

import pytest
from sitecheck import ROOT, site_pages, watch

pytestmark = pytest.mark.browser

sys.path.insert(0, str(ROOT / "docs" / "_ext"))
from gdbook_wheelbuild import build_wheel  # noqa: E402

INSTALL_PAGES = [
    "index.html",
    "auto_examples/index.html",
    "auto_examples/01_derivatives/plot_numerical_diff.html",
]


def _wheel(site: Path) -> Path:
    """The wheel of the version the site documents (dist/ keeps the released ones
    too)."""
    import gdbook

    wheel = site / "dist" / f"gdbook-{gdbook.__version__}-py3-none-any.whl"
    assert wheel.is_file()
    return wheel


def test_every_page_with_downloads_says_how_to_install_gdbook(site):
    """Every page that offers an example for download shows the install command,
    whose link (and text without JavaScript) names the site's wheel."""
    wheel = _wheel(site)
    offering = [
        page
        for page in site_pages()
        if "sphx-glr-download" in (site / page).read_text("utf-8")
    ]
    assert len(offering) > 16
    for page in [*offering, "index.html"]:
        html = (site / page).read_text("utf-8")
        assert 'class="gdbook-install"' in html, page
        href = re.search(
            r'class="reference download gdbook-wheel" href="([^"]+)"', html
        )
        assert href, page
        assert ((site / page).parent / href.group(1)).resolve() == wheel.resolve()
        assert "python -m pip install <span" in html and wheel.name in html


@pytest.mark.parametrize("path", INSTALL_PAGES)
@pytest.mark.parametrize("where", ["server", "root_server"])
def test_install_command_names_the_wheel_where_the_site_is_served(
    path, where, site, request, context
):
    """With JavaScript, the command holds the wheel's absolute URL on this host and
    sub-path, and that URL serves the wheel."""
    server = request.getfixturevalue(where)
    page = context.new_page()
    visit = watch(context, page, server)
    page.goto(server.url(path), wait_until="load")
    command = page.inner_text(".gdbook-install pre")
    expected = server.root + "dist/" + _wheel(site).name
    assert command == f"python -m pip install {expected}"
    assert page.locator(".gdbook-nojs").count() == 0
    with urlopen(expected) as response:
        assert response.read() == _wheel(site).read_bytes()
    assert visit.problems() == []


def test_the_sites_wheel_is_the_one_a_build_makes(site, tmp_path):
    """The site's wheel is byte-identical to a fresh build of the same sources (with
    the site's SOURCE_DATE_EPOCH, the default), and installs as gdbook."""
    fresh = build_wheel(ROOT, tmp_path)
    assert fresh.read_bytes() == _wheel(site).read_bytes()
    with zipfile.ZipFile(fresh) as archive:
        assert "gdbook/py.typed" in archive.namelist()


def test_the_site_keeps_every_released_wheel_in_its_package_index(site):
    """dist/ holds every wheel of docs/_releases/ (byte for byte) and the one of
    this version; simple/gdbook/ (PEP 503) links to each with its SHA-256."""
    released = sorted((ROOT / "docs" / "_releases").glob("gdbook-*.whl"))
    for wheel in released:
        assert (site / "dist" / wheel.name).read_bytes() == wheel.read_bytes()
    offered = sorted((site / "dist").iterdir())
    assert {w.name for w in offered} == {w.name for w in released} | {_wheel(site).name}
    index = (site / "simple" / "index.html").read_text("utf-8")
    assert '<a href="gdbook/">gdbook</a>' in index
    page = (site / "simple" / "gdbook" / "index.html").read_text("utf-8")
    links = re.findall(r'<a href="\.\./\.\./dist/([^"#]+)#sha256=([0-9a-f]{64})"', page)
    assert links == [
        (wheel.name, hashlib.sha256(wheel.read_bytes()).hexdigest())
        for wheel in offered
    ]


def test_pip_installs_this_version_by_pin_from_the_sites_index(site, server, tmp_path):
    """What a notebook's first cell does: pip, in a new environment, given the
    served site's index only, installs the version the site documents."""
    import gdbook

    environment = tmp_path / "venv"
    venv.create(environment, with_pip=True)
    python = str(environment / "bin" / "python")
    env = {**os.environ, "PIP_CONFIG_FILE": os.devnull}
    pip = [python, "-m", "pip", "install", "--quiet", "--no-deps", "--no-cache-dir"]
    pip += ["--disable-pip-version-check", "--index-url", server.url("simple/")]
    subprocess.run([*pip, f"gdbook=={gdbook.__version__}"], check=True, env=env)
    show = [python, "-c", 'import importlib.metadata as m; print(m.version("gdbook"))']
    installed = subprocess.run(
        show, check=True, env=env, cwd=tmp_path, capture_output=True, text=True
    )
    assert installed.stdout.strip() == gdbook.__version__


def test_notebooks_install_their_version_from_the_sites_index(site):
    """The first cell of every notebook pins the version it was made with and
    names the canonical site's package index."""
    import gdbook

    notebooks = sorted((site / "_downloads").rglob("*.ipynb"))
    assert len(notebooks) > 16
    pin = f'"gdbook=={gdbook.__version__}"'
    index = '"https://gdbook.github.io/gdbook/simple/"'
    for notebook in notebooks:
        first = "".join(json.loads(notebook.read_text("utf-8"))["cells"][0]["source"])
        assert pin in first and index in first, notebook.name


@pytest.mark.parametrize("where", ["server", "root_server"])
def test_the_404_page_links_home_from_any_depth(where, site, request, context):
    """The host answers a missing address with 404.html: from a deep address under
    the site, its links still lead to the site's pages, and it loads nothing."""
    server = request.getfixturevalue(where)
    missing = server.url("no/such/chapter/page.html")
    body = (site / "404.html").read_text("utf-8")
    context.route(
        missing,
        lambda route: route.fulfill(
            status=404, body=body, headers={"Content-Type": "text/html"}
        ),
    )
    page = context.new_page()
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(missing, wait_until="load")
    page.wait_for_function(
        f"() => document.querySelector('a[data-gdbook-page]').href === {server.root!r}",
        timeout=10_000,
    )
    links = page.eval_on_selector_all(
        "a[data-gdbook-page]", "as => as.map(a => a.href)"
    )
    assert links == [
        server.root,
        server.url("auto_examples/index.html"),
        server.url("search.html"),
        server.url("zh_CN/"),  # the Chinese edition's home
    ]
    for link in links[1:]:
        path = link[len(server.root) :]
        assert (
            site / path / "index.html" if path.endswith("/") else site / path
        ).is_file()
    # Nothing but the page and the probes for the site's root (stylesheets,
    # scripts and images are inline or absent).
    assert all(
        url == missing or url.endswith("_static/gdbook.css") for url in requests
    ), requests


def test_the_404_page_works_without_javascript(site):
    html = (site / "404.html").read_text("utf-8")
    assert "https://gdbook.github.io/gdbook/" in html  # the canonical site
    assert not re.search(r"<(?:link|img|script)\b[^>]*\b(?:src|href)=", html)


def test_copy_button_copies_the_code_of_a_doctest_without_prompts_or_output(
    site, server, context
):
    """Clicking the copy button of a doctest copies its code lines, without the
    ``>>>`` and ``...`` prompts and without the output lines."""
    page = context.new_page()
    page.goto(server.url("api/calculus.html"), wait_until="load")
    # What the button puts on the clipboard, read from the copy event (the page
    # copies through a selected, hidden text area).
    page.evaluate(
        """() => document.addEventListener("copy", () => {
          const area = document.activeElement;
          window.copiedText = area && "value" in area
            ? area.value.slice(area.selectionStart, area.selectionEnd)
            : String(document.getSelection());
        }, true)"""
    )
    blocks = page.locator("div.highlight", has_text=">>> ")
    assert blocks.count() > 0, "no doctest block on the page"
    block = blocks.first
    block.hover()
    block.locator(".copybtn").click()
    page.wait_for_function("() => window.copiedText !== undefined", timeout=5_000)
    copied = page.evaluate("() => window.copiedText")
    shown = block.locator("pre").inner_text()
    code = [
        line[4:] for line in shown.splitlines() if line.startswith((">>> ", "... "))
    ]
    assert code and copied.splitlines() == code


def test_no_sources_are_published(site):
    assert not (site / "_sources").exists()
    assert not re.search(r'href="[^"]*_sources/', (site / "index.html").read_text())


def test_changelog_page_shows_the_changelog_of_this_version(site):
    import gdbook

    html = (site / "changelog.html").read_text("utf-8")
    assert f"{gdbook.__version__}" in html and "Changelog" in html


def test_api_pages_link_to_python_numpy_and_matplotlib_and_show_examples(site):
    api = "".join(
        (site / page).read_text("utf-8")
        for page in site_pages()
        if page.startswith("api/")
    )
    for target in (
        "https://docs.python.org/3.11/",
        "https://numpy.org/doc/stable/",
        "https://matplotlib.org/stable/",
    ):
        assert f'href="{target}' in api, target
    assert "Examples using <code" in api and "sphx-glr-thumbcontainer" in api
