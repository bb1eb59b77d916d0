"""Smaller figures: the gallery's PNGs stored with a 256-colour palette.

matplotlib writes 32-bit RGBA PNGs; a shaded 3D surface then weighs 130-160 kB,
and a page with three of them exceeds the site's 300 kB page budget. Our figures
have few distinct colours (a colormap, lines, text), so an adaptive 256-colour
palette (median cut, no dithering) looks the same and is three to four times
smaller. The quantisation is deterministic, so builds stay byte-identical.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image


def palettize_png(path: Path, colours: int = 256) -> None:
    """Rewrite a PNG in place with an adaptive palette of ``colours`` (once)."""
    with Image.open(path) as image:
        if image.mode == "P":
            return
        image.load()
    background = Image.new("RGB", image.size, "white")
    if image.mode in ("RGBA", "LA"):
        background.paste(image, mask=image.getchannel("A"))
    else:
        background.paste(image.convert("RGB"))
    quantized = background.quantize(
        colours, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE
    )
    quantized.save(path, format="PNG", optimize=True)


def palettize_new_images(block_vars) -> None:
    """Palettize the PNGs the scraper has just written for this example."""
    for name in block_vars["image_path_iterator"].paths:
        path = Path(name)
        if path.suffix == ".png" and path.is_file():
            palettize_png(path)


def palettize_thumbnails(app) -> None:
    """Palettize the gallery's thumbnails once sphinx-gallery has written them.

    sphinx-gallery scales each page's chosen figure to an RGBA thumbnail (320×224,
    set in conf.py); the gallery index shows all of them, and with 32-bit
    thumbnails it weighed over 400 kB. A thumbnail is small enough for a 64-colour
    palette to look the same: about a fifth of the 32-bit size. (Animated GIF
    thumbnails are left alone: pages with an animation pick a still figure as
    thumbnail instead.)
    """
    config = getattr(app.config, "sphinx_gallery_conf", None) or {}
    gallery_dirs = config.get("gallery_dirs", [])
    if isinstance(gallery_dirs, str):
        gallery_dirs = [gallery_dirs]
    for gallery_dir in gallery_dirs:
        root = Path(app.srcdir) / gallery_dir
        for thumbnail in sorted(root.glob("**/images/thumb/*.png")):
            palettize_png(thumbnail, colours=64)


def setup(app):
    # After sphinx-gallery's own builder-inited handler, which runs the examples
    # and writes the thumbnails (it is connected at the default priority, 500).
    app.connect("builder-inited", palettize_thumbnails, priority=800)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
