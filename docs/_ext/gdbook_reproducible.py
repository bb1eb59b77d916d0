"""Sphinx extension: make the gallery's zip downloads the same in every build.

sphinx-gallery zips the example scripts and notebooks (one zip per example and one
of all examples). A zip records each member's modification time, and the members are
files the build has just written, so every build made different zips, and in an
order that followed the file system. After sphinx-gallery has written them (it
generates the gallery on ``builder-inited``; this runs later on the same event), each
zip is rewritten with its members sorted by name and stamped with one fixed time:
``SOURCE_DATE_EPOCH`` when set (the reproducible-builds convention), else
1980-01-01, the earliest time a zip can hold. ``write_zip`` writes a zip that way
(gdbook_translated_notebooks writes a translation's zips of notebooks with it).
"""

from __future__ import annotations

import os
import time
import zipfile
from pathlib import Path

ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)


def fixed_date_time() -> tuple[int, int, int, int, int, int]:
    """The time stamped on every zip member."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if not epoch:
        return ZIP_EPOCH
    stamp = time.gmtime(int(epoch))[:6]
    return max(stamp, ZIP_EPOCH)


def write_zip(path: Path, members, date_time=None) -> None:
    """Write the zip ``path`` of ``members`` ((name, bytes, compression) each),
    sorted by name, each stamped with one fixed time and mode rw-r--r--."""
    date_time = date_time or fixed_date_time()
    with zipfile.ZipFile(path, "w") as archive:
        for name, data, compress_type in sorted(members, key=lambda m: m[0]):
            fixed = zipfile.ZipInfo(name, date_time=date_time)
            fixed.compress_type = compress_type
            fixed.external_attr = 0o644 << 16  # whatever the umask was
            archive.writestr(fixed, data)


def normalize_zip(path: Path, date_time=None) -> bool:
    """Rewrite the zip at ``path`` with sorted members and one fixed time.

    Returns True when the file changed. Contents and compression are kept.
    """
    original = path.read_bytes()
    with zipfile.ZipFile(path) as archive:
        members = [
            (info.filename, archive.read(info), info.compress_type)
            for info in archive.infolist()
        ]
    tmp = path.with_name(path.name + ".tmp")
    write_zip(tmp, members, date_time)
    if tmp.read_bytes() == original:
        tmp.unlink()
        return False
    tmp.replace(path)
    return True


def normalize_gallery_zips(app) -> None:
    """Normalize every zip in the generated gallery folders."""
    gallery_dirs = app.config.sphinx_gallery_conf.get("gallery_dirs", [])
    if isinstance(gallery_dirs, str):
        gallery_dirs = [gallery_dirs]
    for folder in gallery_dirs:
        for path in sorted((Path(app.srcdir) / folder).rglob("*.zip")):
            normalize_zip(path)


def setup(app):
    # sphinx-gallery writes the zips at builder-inited with the default priority
    # (500); a higher number runs after it.
    app.connect("builder-inited", normalize_gallery_zips, priority=900)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
