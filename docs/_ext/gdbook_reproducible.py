"""Sphinx extension: make the gallery's zip downloads the same in every build.

sphinx-gallery zips the example scripts and notebooks (one zip per example and one
of all examples). A zip records each member's modification time, and the members are
files the build has just written, so every build made different zips, and in an
order that followed the file system. After sphinx-gallery has written them (it
generates the gallery on ``builder-inited``; this runs later on the same event), each
zip is rewritten with its members sorted by name and stamped with one fixed time:
``SOURCE_DATE_EPOCH`` when set (the reproducible-builds convention), else
1980-01-01, the earliest time a zip can hold.
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


def normalize_zip(path: Path, date_time=None) -> bool:
    """Rewrite the zip at ``path`` with sorted members and one fixed time.

    Returns True when the file changed. Contents and compression are kept.
    """
    date_time = date_time or fixed_date_time()
    original = path.read_bytes()
    with zipfile.ZipFile(path) as archive:
        members = sorted(archive.infolist(), key=lambda info: info.filename)
        contents = [(info, archive.read(info)) for info in members]
    tmp = path.with_name(path.name + ".tmp")
    with zipfile.ZipFile(tmp, "w") as archive:
        for info, data in contents:
            fixed = zipfile.ZipInfo(info.filename, date_time=date_time)
            fixed.compress_type = info.compress_type
            fixed.external_attr = 0o644 << 16  # rw-r--r--, whatever the umask was
            archive.writestr(fixed, data)
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
