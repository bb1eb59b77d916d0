"""The site's own Sphinx extensions (docs/_ext), on inputs made here."""

from __future__ import annotations

import functools
import hashlib
import http.server
import os
import re
import shutil
import subprocess
import sys
import threading
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "docs" / "_ext"))

import gdbook_lang  # noqa: E402
import gdbook_mathjax  # noqa: E402
import gdbook_reproducible  # noqa: E402
import gdbook_sitemap  # noqa: E402
import gdbook_video  # noqa: E402
import gdbook_wheelbuild  # noqa: E402


def _zip(path: Path, members: dict[str, tuple[bytes, tuple]]) -> None:
    with zipfile.ZipFile(path, "w") as archive:
        for name, (data, date_time) in members.items():
            archive.writestr(zipfile.ZipInfo(name, date_time=date_time), data)


def test_zips_written_at_different_times_become_identical(tmp_path, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    first, second = tmp_path / "a.zip", tmp_path / "b.zip"
    _zip(
        first,
        {"b.py": (b"2", (2026, 1, 1, 9, 0, 0)), "a.py": (b"1", (2026, 1, 1, 9, 0, 2))},
    )
    _zip(
        second,
        {"a.py": (b"1", (2026, 3, 4, 5, 6, 8)), "b.py": (b"2", (2026, 3, 4, 5, 6, 6))},
    )
    assert first.read_bytes() != second.read_bytes()
    assert gdbook_reproducible.normalize_zip(first) is True
    assert gdbook_reproducible.normalize_zip(second) is True
    assert first.read_bytes() == second.read_bytes()
    with zipfile.ZipFile(first) as archive:
        assert archive.namelist() == ["a.py", "b.py"]
        assert {info.date_time for info in archive.infolist()} == {
            (1980, 1, 1, 0, 0, 0)
        }
        assert archive.read("b.py") == b"2"
    assert gdbook_reproducible.normalize_zip(first) is False  # already normal


def test_zip_time_follows_source_date_epoch(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01T00:00:00Z
    assert gdbook_reproducible.fixed_date_time() == (2026, 1, 1, 0, 0, 0)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")  # before zip's epoch: clamped
    assert gdbook_reproducible.fixed_date_time() == (1980, 1, 1, 0, 0, 0)


def test_videos_get_their_title_and_autoplay_flags():
    rst = (
        "\n.. video:: /a/one.mp4\n   :class: sphx-glr-single-img\n   :autoplay:\n"
        "\n      .. video:: /a/two.mp4\n         :loop:\n"
    )
    out = gdbook_video.add_video_options(rst, ["First descent", "Second"])
    assert ".. video:: /a/one.mp4\n   :alt: First descent\n   :muted:\n" in out
    assert ".. video:: /a/two.mp4\n         :alt: Second\n         :muted:\n" in out
    assert out.count(":playsinline:") == 2
    # A figure without a title gives no alt (the browser tests then fail the page).
    assert ":alt:" not in gdbook_video.add_video_options(".. video:: /x.mp4\n", [""])


def test_figure_title_joins_suptitle_and_axes_titles():
    plt = pytest.importorskip("matplotlib.pyplot")
    fig, (left, right) = plt.subplots(1, 2)
    try:
        fig.suptitle("Descent")
        left.set_title("on the curve")
        right.set_title("the loss\nper step")
        assert (
            gdbook_video.figure_title(fig) == "Descent, on the curve, the loss per step"
        )
    finally:
        plt.close(fig)


def test_mathjax_subset_keeps_what_the_bundle_loads(tmp_path):
    source = tmp_path / "mathjax"
    for name in [
        "tex-chtml.js",
        "tex-svg.js",
        "input/tex/extensions/ams.js",
        "output/chtml/fonts/woff-v2/MathJax_Main-Regular.woff",
        "output/svg/fonts/tex.js",
        "sre/mathmaps/en.json",
        "a11y/explorer.js",
        "ui/menu.js",
    ]:
        (source / name).parent.mkdir(parents=True, exist_ok=True)
        (source / name).write_text(name)
    files = {path.as_posix() for path in gdbook_mathjax.files_to_serve(source)}
    assert "tex-chtml.js" in files and "input/tex/extensions/ams.js" in files
    assert "output/chtml/fonts/woff-v2/MathJax_Main-Regular.woff" in files
    assert {"sre/mathmaps/en.json", "a11y/explorer.js", "ui/menu.js"} <= files
    assert "tex-svg.js" not in files and "output/svg/fonts/tex.js" not in files

    target = tmp_path / "site" / "_static" / "mathjax"
    (target / "tex-svg.js").parent.mkdir(parents=True)
    (target / "tex-svg.js").write_text("left over from a complete copy")
    gdbook_mathjax.sync_tree(source, target, gdbook_mathjax.files_to_serve(source))
    copied = {
        p.relative_to(target).as_posix() for p in target.rglob("*") if p.is_file()
    }
    assert copied == files
    assert not (target / "output" / "svg").exists()


def test_sitemap_lists_each_page_once_sorted_at_the_canonical_address():
    xml = gdbook_sitemap.sitemap_xml(
        "https://example.org/book", ["b.html", "a&b.html", "index.html", "b.html"]
    )
    locs = re.findall(r"<loc>([^<]*)</loc>", xml)
    assert locs == [
        "https://example.org/book/a&amp;b.html",
        "https://example.org/book/b.html",
        "https://example.org/book/index.html",
    ]
    assert xml.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns=')


def test_chinese_text_is_marked_outside_tags_scripts_and_styles():
    html = (
        '<p title="前向">The source says “前向传播预测值为: 180.0”, '
        "then 找到一条直线y = mx + b，使得.</p>"
        '<pre><span class="s2">"当前的loss值为"</span></pre>'
        "<script>const s = '中文';</script><style>p::before{content:'中'}</style>"
        "<!-- 注释 -->"
    )
    marked = gdbook_lang.mark_chinese(html)
    assert re.findall(r'<span lang="zh">([^<]*)</span>', marked) == [
        "前向传播预测值为",
        "找到一条直线",
        "，使得",
        "当前的",
        "值为",
    ]
    # Attributes, scripts, styles and comments are left as they are.
    assert '<p title="前向">' in marked
    assert "<script>const s = '中文';</script>" in marked
    assert "content:'中'" in marked and "<!-- 注释 -->" in marked
    assert re.sub(r'</?span(?: lang="zh")?>', "", marked) == re.sub(
        r"</?span>", "", html
    )
    english = "<p>No Chinese here: 1 + 1 = 2.</p>"
    assert gdbook_lang.mark_chinese(english) is english


def _wheel_of_version(tmp_path: Path, version: str) -> Path:
    """gdbook's wheel built from a copy of the sources that says ``version``."""
    source = tmp_path / f"src-{version}"
    source.mkdir()
    for name in gdbook_wheelbuild.PROJECT_FILES:
        shutil.copyfile(ROOT / name, source / name)
    shutil.copytree(
        ROOT / "gdbook", source / "gdbook", ignore=shutil.ignore_patterns("__pycache__")
    )
    init = source / "gdbook" / "__init__.py"
    text, count = re.subn(
        r'^__version__ = "[^"]+"$',
        f'__version__ = "{version}"',
        init.read_text("utf-8"),
        flags=re.MULTILINE,
    )
    assert count == 1
    init.write_text(text, "utf-8")
    return gdbook_wheelbuild.build_wheel(source, tmp_path / f"dist-{version}")


# Only the index given (no cache, no other index, nothing but gdbook itself).
_PIP_OPTIONS = ["--quiet", "--no-deps", "--no-cache-dir", "--disable-pip-version-check"]
_PIP_OPTIONS += ["--upgrade", "--index-url"]
_PRINT_VERSION = 'import importlib.metadata as m; print(m.version("gdbook"), end="")'


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@pytest.mark.slow
def test_an_index_of_two_versions_installs_the_older_by_pin(tmp_path):
    """Two versions' wheels in one site's dist/ and its package index (PEP 503),
    served over HTTP on this machine: pip, in a new environment and reaching no
    other index, installs the older version when it is pinned, the newer otherwise.
    (What a notebook made with the older version does after the next release.)"""
    site = tmp_path / "site"
    (site / "dist").mkdir(parents=True)
    for version in ("0.1.0", "0.2.0"):
        wheel = _wheel_of_version(tmp_path, version)
        shutil.copyfile(wheel, site / "dist" / wheel.name)
    index = gdbook_wheelbuild.write_simple_index(site)
    page = (index / "gdbook" / "index.html").read_text("utf-8")
    for wheel in sorted((site / "dist").iterdir()):
        digest = hashlib.sha256(wheel.read_bytes()).hexdigest()
        assert f'href="../../dist/{wheel.name}#sha256={digest}"' in page
    assert 'data-requires-python="&gt;=3.11"' in page
    first = (index / "gdbook" / "index.html").read_bytes()
    gdbook_wheelbuild.write_simple_index(site)
    assert (index / "gdbook" / "index.html").read_bytes() == first  # reproducible

    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/simple/"
        environment = tmp_path / "venv"
        venv.create(environment, with_pip=True)
        python = environment / "bin" / "python"
        env = {**os.environ, "PIP_CONFIG_FILE": os.devnull}
        env.pop("PIP_EXTRA_INDEX_URL", None)
        env.pop("PIP_FIND_LINKS", None)

        def install(requirement: str) -> str:
            subprocess.run(
                [str(python), "-m", "pip", "install", *_PIP_OPTIONS, url, requirement],
                check=True,
                env=env,
                capture_output=True,
            )
            return subprocess.run(
                [str(python), "-c", _PRINT_VERSION],
                cwd=tmp_path,
                check=True,
                env=env,
                capture_output=True,
                text=True,
            ).stdout

        assert install("gdbook==0.1.0") == "0.1.0"
        assert install("gdbook") == "0.2.0"
        assert install("gdbook==0.1.0") == "0.1.0"
    finally:
        server.shutdown()
        server.server_close()


def test_citation_names_this_version_and_the_canonical_site():
    """CITATION.cff (validated by ``cffconvert --validate``, see the README) gives
    the version of gdbook/__init__.py and pyproject's addresses."""
    import tomllib

    import gdbook

    citation = (ROOT / "CITATION.cff").read_text("utf-8")
    with open(ROOT / "pyproject.toml", "rb") as file:
        urls = tomllib.load(file)["project"]["urls"]
    assert re.search(r"^cff-version: 1\.2\.0$", citation, re.MULTILINE)
    assert re.search(rf"^version: {re.escape(gdbook.__version__)}$", citation, re.M)
    assert f'url: "{urls["Documentation"]}"' in citation
    assert f'repository-code: "{urls["Source"]}"' in citation


def _descent_animation():
    import matplotlib.pyplot as plt

    import gdbook
    from gdbook.plot import descent_animation

    trace = gdbook.gradient_descent(gdbook.parabola.grad, 5.0, lr=0.1, steps=20)
    _, ax = plt.subplots(figsize=(4, 3))
    return descent_animation(
        gdbook.parabola, trace, xlim=(-10, 10), ylim=(0, 100), ax=ax
    )


def test_animations_are_rendered_once_blitted_and_reproducibly(tmp_path):
    """One pass over the frames gives the video and the still of its last frame;
    the blitted frame is the figure a full draw gives, the video the same bytes
    each time."""
    import matplotlib.pyplot as plt
    import numpy as np
    from PIL import Image

    imageio_ffmpeg = pytest.importorskip("imageio_ffmpeg")
    from gdbook.plot import use_bundled_ffmpeg

    assert use_bundled_ffmpeg()
    videos = []
    for run in range(2):
        anim = _descent_animation()
        calls = []

        def counted(k, *args, func=anim._func, calls=calls):
            calls.append(k)
            return func(k, *args)

        anim._func = counted
        video, still = tmp_path / f"{run}.mp4", tmp_path / f"{run}.png"
        gdbook_video.render_animation(anim, video, still)
        # The initial draw, a pass to find what changes, and one pass of drawing.
        assert calls == [0, *range(21), *range(21)]
        videos.append(video.read_bytes())
        blitted = np.asarray(Image.open(still).convert("RGB")).astype(int)
        anim._fig.canvas.draw()  # the whole figure, as it stands at the last frame
        full = np.asarray(anim._fig.canvas.buffer_rgba())[..., :3].astype(int)
        plt.close("all")
        assert blitted.shape == (300, 400, 3)
        # Only where the moving point is drawn over the axes' frame (blitted
        # artists come last) may a pixel differ.
        assert (np.abs(blitted - full).sum(axis=-1) > 0).mean() < 0.002
    assert videos[0] == videos[1]
    frames, _ = imageio_ffmpeg.count_frames_and_secs(str(tmp_path / "0.mp4"))
    assert frames == 21
