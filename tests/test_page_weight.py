"""tools/page_weight.py on small sites made here: what counts as a page's own."""

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
    """Two pages sharing a thumbnail; one has a figure, a video and a 2x image."""
    _write(
        tmp_path / "index.html",
        '<img src="_images/thumb.png" alt="">'
        '<img src="_images/fig.png" srcset="_images/fig.png, _images/fig_2x.png 2x">'
        '<video poster="_images/poster.png"><source src="_images/anim.mp4"></video>'
        '<img src="data:image/png;base64,AAAA">',
    )
    _write(tmp_path / "sub" / "page.html", '<img src="../_images/thumb.png">')
    _write(tmp_path / "_images" / "thumb.png", b"t" * 1000)
    _write(tmp_path / "_images" / "fig.png", b"f" * 2000)
    _write(tmp_path / "_images" / "fig_2x.png", b"f" * 3000)
    _write(tmp_path / "_images" / "poster.png", b"p" * 500)
    _write(tmp_path / "_images" / "anim.mp4", b"v" * 4000)
    _write(tmp_path / "_static" / "theme.js", b"j" * 10_000)
    _write(tmp_path / "_static" / "template.html", "<p>not a page</p>")
    return tmp_path


def test_a_page_owns_the_media_only_it_uses(site):
    weight = page_weight.measure(site)
    pages = {page.path: page for page in weight.pages}
    assert sorted(pages) == ["index.html", "sub/page.html"]
    index = pages["index.html"]
    assert index.own_media == 2000 + 3000 + 500 + 4000  # not the shared thumbnail
    assert index.total == index.html + index.own_media
    assert pages["sub/page.html"].own_media == 0
    assert weight.shared_media == 1000
    every_file = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    assert weight.site_total == every_file
    assert weight.missing == {}
    assert page_weight.over_budget(weight) == []


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
        '<img src="/_images/thumb.png">',
    )
    problems = page_weight.over_budget(page_weight.measure(site))
    assert len(problems) == 3
    assert all(line.startswith("broken.html: refers to") for line in problems)


def test_main_prints_the_table_and_fails_over_budget(site, capsys):
    assert page_weight.main([str(site)]) == 0
    out = capsys.readouterr().out
    assert "index.html" in out and "whole site:" in out and "Within budget" in out
    assert page_weight.main([str(site), "--max-page-kb", "1"]) == 1
    assert "Over budget" in capsys.readouterr().err
    assert page_weight.main([str(site / "nowhere")]) == 2
