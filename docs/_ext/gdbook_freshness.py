"""Re-run the gallery when gdbook itself changes, not only when a script does.

sphinx-gallery skips an example whose script is unchanged since the last build
(it keeps an MD5 of each script). The examples print what gdbook computes, so after
a change to gdbook an incremental build would keep outputs that gdbook no longer
produces. This extension keeps a hash of gdbook's sources next to the gallery's
output and, when it changes, forgets the scripts' MD5s so every example runs again.
A build with nothing changed still re-runs nothing.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import gdbook

STAMP = ".gdbook-sources.sha256"


def sources_digest(package_dir: Path) -> str:
    """SHA-256 of the package's sources (Python, and the explorables' script and
    style sheet), names and contents."""
    digest = hashlib.sha256()
    sources = [p for p in package_dir.rglob("*") if p.suffix in {".py", ".js", ".css"}]
    for path in sorted(sources):
        digest.update(path.relative_to(package_dir).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def forget_outputs_of_an_older_gdbook(app) -> None:
    config = app.config.sphinx_gallery_conf
    out_dir = Path(app.srcdir) / config["gallery_dirs"]
    stamp = out_dir / STAMP
    current = sources_digest(Path(gdbook.__file__).parent)
    if stamp.is_file() and stamp.read_text() == current:
        return
    for md5 in out_dir.rglob("*.md5"):
        md5.unlink()
    out_dir.mkdir(parents=True, exist_ok=True)
    stamp.write_text(current)


def setup(app):
    # Before sphinx-gallery's own builder-inited handler (priority 500) runs the
    # examples.
    app.connect("builder-inited", forget_outputs_of_an_older_gdbook, priority=400)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
