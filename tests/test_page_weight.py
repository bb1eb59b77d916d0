"""tools/page_weight.py on small sites made here: what a page's weight counts."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location(
    "page_weight", ROOT / "tools" / "page_weight.py"
)
page_weight = importlib.util.module_from_spec(_spec)
sys.modules["page_weight"] = page_weight  # dataclasses look their module up there
_spec.loader.exec_module(page_weight)


def _write(path: Path, content: bytes | str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        content = content.encode()
    path.write_bytes(content)


@pytest.fixture
def site(tmp_path):
    """Two pages sharing a thumbnail and a theme; one has a figure, a video, a 2x
    image and a script of its own."""
    _write(
        tmp_path / "index.html",
        '<link rel="stylesheet" href="_static/theme.css?v=1">'
        '<script src="_static/theme.js"></script><script src="_static/own.js"></script>'
        '<link rel="canonical" href="https://example.org/">'
        '<img src="_images/thumb.png" alt="">'
        '<img src="_images/fig.png" srcset="_images/fig.png, _images/fig_2x.png 2x">'
        '<video poster="_images/poster.png"><source src="_images/anim.mp4"></video>'
        '<img src="data:image/png;base64,AAAA">',
    )
    _write(
        tmp_path / "sub" / "page.html",
        '<link rel="stylesheet" href="../_static/theme.css">'
        '<script src="../_static/theme.js"></script><img src="../_images/thumb.png">',
    )
    _write(tmp_path / "_images" / "thumb.png", b"t" * 1000)
    _write(tmp_path / "_images" / "fig.png", b"f" * 2000)
    _write(tmp_path / "_images" / "fig_2x.png", b"f" * 3000)
    _write(tmp_path / "_images" / "poster.png", b"p" * 500)
    _write(tmp_path / "_images" / "anim.mp4", b"v" * 4000)
    _write(tmp_path / "_static" / "theme.js", b"j" * 10_000)
    _write(tmp_path / "_static" / "theme.css", b"c" * 20_000)
    _write(tmp_path / "_static" / "own.js", b"o" * 700)
    _write(tmp_path / "_static" / "template.html", "<p>not a page</p>")
    return tmp_path


def test_a_page_weighs_all_its_media_and_its_own_scripts(site):
    weight = page_weight.measure(site)
    pages = {page.path: page for page in weight.pages}
    assert sorted(pages) == ["index.html", "sub/page.html"]
    index, sub = pages["index.html"], pages["sub/page.html"]
    # Every image and video it loads, the shared thumbnail included...
    assert index.media == 1000 + 2000 + 3000 + 500 + 4000
    assert index.own_media == 2000 + 3000 + 500 + 4000  # ...of which these are its own
    assert sub.media == 1000 and sub.own_media == 0
    assert "_images/thumb.png" in index.media_files
    # Scripts and styles: all of them in the first visit, its own in the total.
    assert index.assets == 10_000 + 20_000 + 700
    assert index.own_assets == 700
    assert index.total == index.html + index.media + 700
    assert index.first_visit == index.html + index.media + 30_700
    assert sub.total == sub.html + 1000
    assert sub.first_visit == sub.html + 1000 + 30_000
    assert weight.shared_media == 1000
    assert weight.shared_assets == 30_000
    every_file = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    assert weight.site_total == every_file
    assert weight.missing == {}  # the canonical link is not loaded
    assert page_weight.over_budget(weight) == []


def test_a_gallery_index_is_over_budget_with_its_thumbnails(site):
    """The index of the gallery shows many thumbnails that its pages share."""
    cards = "".join(f'<img src="_images/t{i}.png">' for i in range(4))
    _write(site / "gallery.html", cards)
    for i in range(4):
        _write(site / "_images" / f"t{i}.png", b"t" * 2000)
        _write(site / f"p{i}.html", f'<img src="_images/t{i}.png">')
    weight = page_weight.measure(site)
    gallery = {page.path: page for page in weight.pages}["gallery.html"]
    assert gallery.own_media == 0 and gallery.media == 8000
    problems = page_weight.over_budget(weight, max_page_kb=7)
    assert any(line.startswith("gallery.html: 8.") for line in problems), problems


def test_over_budget_pages_and_sites_are_reported(site):
    weight = page_weight.measure(site)
    problems = page_weight.over_budget(weight, max_page_kb=5, max_site_mb=0.01)
    assert (
        problems[0].startswith("index.html: ") and "over the 5 kB budget" in problems[0]
    )
    assert any(line.startswith("the site: ") for line in problems)
    assert not any(line.startswith("sub/page.html") for line in problems)


def test_missing_offsite_and_root_relative_media_are_reported(site):
    _write(
        site / "broken.html",
        '<img src="_images/gone.png"><img src="https://cdn.example/x.png">'
        '<img src="/_images/thumb.png"><script src="https://cdn.example/x.js">'
        '</script><link rel="stylesheet" href="_static/gone.css">',
    )
    problems = page_weight.over_budget(page_weight.measure(site))
    assert len(problems) == 5
    assert all(line.startswith("broken.html: refers to") for line in problems)


def test_main_prints_the_table_and_fails_over_budget(site, capsys):
    assert page_weight.main([str(site)]) == 0
    out = capsys.readouterr().out
    assert "index.html" in out and "whole site:" in out and "Within budget" in out
    assert page_weight.main([str(site), "--max-page-kb", "1"]) == 1
    assert "Over budget" in capsys.readouterr().err
    assert page_weight.main([str(site / "nowhere")]) == 2


def test_thumbnails_are_palettized_after_the_gallery_writes_them(tmp_path):
    """docs/_ext/gdbook_png.py: the PNG thumbnails get a 256-colour palette."""
    from types import SimpleNamespace

    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import numpy as np
    from PIL import Image

    thumb_dir = tmp_path / "auto_examples" / "01_x" / "images" / "thumb"
    thumb_dir.mkdir(parents=True)
    thumb = thumb_dir / "sphx_glr_plot_x_thumb.png"
    fig, ax = plt.subplots(figsize=(4, 2.8), dpi=100)  # a thumbnail's 400 x 280
    grid = np.linspace(-2, 2, 200)
    ax.contourf(grid, grid, np.add.outer(grid**2, grid**2), levels=30)
    ax.plot(grid, np.sin(3 * grid), "r-")
    ax.set_title("A figure")
    fig.savefig(thumb)
    plt.close(fig)
    sys.path.insert(0, str(ROOT / "docs" / "_ext"))
    import gdbook_png

    before = thumb.stat().st_size
    app = SimpleNamespace(
        srcdir=str(tmp_path),
        config=SimpleNamespace(sphinx_gallery_conf={"gallery_dirs": "auto_examples"}),
    )
    gdbook_png.palettize_thumbnails(app)
    with Image.open(thumb) as image:
        assert image.mode == "P" and image.size == (400, 280)
    after = thumb.stat().st_size
    assert after < before
    gdbook_png.palettize_thumbnails(app)  # once only: a palettized file is kept
    assert thumb.stat().st_size == after
