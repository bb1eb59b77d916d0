"""tools/reproducible_build.py: how two builds are compared; and how a zip is
written the same from build to build (docs/_ext/gdbook_reproducible.py)."""

from __future__ import annotations

import importlib.util
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location(
    "reproducible_build", ROOT / "tools" / "reproducible_build.py"
)
reproducible_build = importlib.util.module_from_spec(_spec)
sys.modules["reproducible_build"] = reproducible_build
_spec.loader.exec_module(reproducible_build)


def _site(root: Path, files: dict[str, bytes]) -> Path:
    for name, data in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(data)
    return root


def test_identical_sites_have_no_difference(tmp_path):
    files = {"index.html": b"<p>same</p>", "_images/a.png": b"\x89PNG"}
    first = _site(tmp_path / "one", files)
    second = _site(tmp_path / "two", files)
    assert reproducible_build.differences(first, second) == []


def test_a_leaked_timing_and_a_missing_file_are_reported(tmp_path):
    first = _site(
        tmp_path / "one",
        {"page.html": b"<p>ran in 0.12 s</p>\n", "_images/a.png": b"\x89PNG\x00"},
    )
    second = _site(tmp_path / "two", {"page.html": b"<p>ran in 0.15 s</p>\n"})
    report = reproducible_build.differences(first, second)
    assert "only in the first build: _images/a.png" in report
    assert "differs: page.html (21 and 21 bytes)" in report
    assert (
        "    -<p>ran in 0.12 s</p>" in report and "    +<p>ran in 0.15 s</p>" in report
    )


def test_pages_of_timings_are_left_out_but_their_downloads_are_compared(tmp_path):
    timed = "auto_examples/05_performance/plot_why_vectorise.html"
    download = "_downloads/abc/plot_why_vectorise.py"
    first = _site(tmp_path / "one", {timed: b"16x", download: b"print(1)"})
    second = _site(tmp_path / "two", {timed: b"18x", download: b"print(2)"})
    report = reproducible_build.differences(first, second)
    assert report[0] == f"differs: {download} (8 and 8 bytes)"
    assert not any(timed in line for line in report)


def test_the_search_index_is_compared_without_terms_holding_digits(tmp_path):
    one = b'Search.setIndex({"terms":{"16x":3,"gradient":[1,2],"ms":3}})'
    two = b'Search.setIndex({"terms":{"18x":3,"gradient":[1,2],"ms":3}})'
    changed = b'Search.setIndex({"terms":{"16x":3,"gradient":[1],"ms":3}})'
    first = _site(tmp_path / "one", {"searchindex.js": one})
    assert (
        reproducible_build.differences(
            first, _site(tmp_path / "two", {"searchindex.js": two})
        )
        == []
    )
    assert reproducible_build.differences(
        first, _site(tmp_path / "three", {"searchindex.js": changed})
    )


def test_one_new_build_is_compared_with_a_site_already_built(tmp_path, monkeypatch):
    """``--against SITE`` (CI) builds once, in a new folder, and compares."""
    built = _site(tmp_path / "built", {"index.html": b"<p>one</p>"})
    pages = {"index.html": b"<p>one</p>"}
    folders = []

    def build(workdir):
        folders.append(workdir)
        return _site(workdir / "html", pages)

    monkeypatch.setattr(reproducible_build, "build", build)
    assert reproducible_build.main(["--against", str(built)]) == 0
    assert len(folders) == 1 and not folders[0].is_relative_to(built)
    pages["index.html"] = b"<p>two</p>"
    assert reproducible_build.main(["--against", str(built)]) == 1
    assert len(folders) == 2


def test_against_needs_a_built_site(tmp_path):
    with pytest.raises(SystemExit):
        reproducible_build.main(["--against", str(tmp_path)])


def test_the_config_hash_of_buildinfo_is_left_out_but_not_the_rest(tmp_path):
    """Sphinx's config hash covers the paths of the environment's packages."""
    info = "# Sphinx build info version 1\nconfig: {}\ntags: {}\n"
    first = _site(tmp_path / "one", {".buildinfo": info.format("ab12", "ff").encode()})
    second = _site(tmp_path / "two", {".buildinfo": info.format("cd34", "ff").encode()})
    third = _site(
        tmp_path / "three", {".buildinfo": info.format("ab12", "00").encode()}
    )
    assert reproducible_build.differences(first, second) == []
    assert reproducible_build.differences(first, third)


def test_a_zip_written_twice_from_members_in_any_order_is_the_same_bytes(
    tmp_path, monkeypatch
):
    """gdbook_reproducible.write_zip (a translation's zips of notebooks): members
    sorted, one fixed time, whatever the order given and the clock."""
    spec = importlib.util.spec_from_file_location(
        "gdbook_reproducible", ROOT / "docs" / "_ext" / "gdbook_reproducible.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    members = [
        ("b/plot_x.ipynb", b"{}", zipfile.ZIP_STORED),
        ("a/plot_x.py", b"print(1)\n", zipfile.ZIP_DEFLATED),
    ]
    module.write_zip(tmp_path / "one.zip", members)
    module.write_zip(tmp_path / "two.zip", members[::-1])
    assert (tmp_path / "one.zip").read_bytes() == (tmp_path / "two.zip").read_bytes()
    with zipfile.ZipFile(tmp_path / "one.zip") as archive:
        infos = archive.infolist()
    assert [info.filename for info in infos] == ["a/plot_x.py", "b/plot_x.ipynb"]
    assert {info.date_time for info in infos} == {(1980, 1, 1, 0, 0, 0)}
    assert [info.compress_type for info in infos] == [
        zipfile.ZIP_DEFLATED,
        zipfile.ZIP_STORED,
    ]
