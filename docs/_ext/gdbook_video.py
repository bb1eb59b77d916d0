"""Sphinx extension and gallery scraper: animations that every reader can use.

sphinx-gallery embeds a matplotlib animation as a ``.. video::`` directive
(sphinxcontrib-video) with ``autoplay`` and ``loop``, and nothing to say what the
video shows. This module

* wraps sphinx-gallery's matplotlib scraper so that each video gets the title of its
  figure as its text alternative (as figures do for their ``alt``), and the
  ``muted`` and ``playsinline`` flags that browsers require before they autoplay a
  video (the animations have no sound);
* stores the figures' PNGs with a 256-colour palette (see ``gdbook_png``);
* renders that text as the ``aria-label`` of the ``<video>`` element, escaped (the
  original HTML writer pastes it unescaped as fallback content only).

The video keeps its controls, so a reader can pause the moving picture.
"""

from __future__ import annotations

import html
import re

from gdbook_png import palettize_new_images

VIDEO_DIRECTIVE = re.compile(r"(?m)^(?P<indent>[ \t]*)\.\. video:: (?P<src>\S+)\n")


def figure_title(fig) -> str:
    """The suptitle and axes titles of a figure, joined, on one line."""
    titles = []
    if suptitle := fig.get_suptitle():
        titles.append(suptitle)
    for ax in fig.axes:
        for loc in ("left", "center", "right"):
            if text := ax.get_title(loc=loc):
                titles.append(text)
    return " ".join(", ".join(titles).split())


def add_video_options(rst: str, titles: list[str]) -> str:
    """Add ``alt``, ``muted`` and ``playsinline`` to each video directive in order.

    >>> print(add_video_options(".. video:: /a.mp4\\n   :loop:\\n", ["Descent"]))
    .. video:: /a.mp4
       :alt: Descent
       :muted:
       :playsinline:
       :loop:
    <BLANKLINE>
    """
    remaining = iter(titles)

    def with_options(match: re.Match) -> str:
        indent = match["indent"] + "   "
        options = [f"{indent}:muted:", f"{indent}:playsinline:"]
        title = next(remaining, "")
        if title:
            options.insert(0, f"{indent}:alt: {title}")
        return match.group(0) + "\n".join(options) + "\n"

    return VIDEO_DIRECTIVE.sub(with_options, rst)


def matplotlib_scraper(block, block_vars, gallery_conf, **kwargs):
    """sphinx-gallery's matplotlib scraper, with accessible, autoplayable videos."""
    import matplotlib.pyplot as plt
    from matplotlib.animation import Animation
    from sphinx_gallery.scrapers import matplotlib_scraper as gallery_scraper

    animated = {
        id(value._fig)
        for value in block_vars["example_globals"].values()
        if isinstance(value, Animation)
    }
    # The scraper visits figures in this order and closes them: read titles first.
    titles = [
        figure_title(plt.figure(number))
        for number in plt.get_fignums()
        if id(plt.figure(number)) in animated
    ]
    rst = gallery_scraper(block, block_vars, gallery_conf, **kwargs)
    # Figures with a 256-colour palette: a third of the weight (gdbook_png.py).
    palettize_new_images(block_vars)
    return add_video_options(rst, titles)


def visit_video(translator, node) -> None:
    """Write the ``<video>`` tag with its text as an escaped ``aria-label``."""
    from sphinxcontrib.video import visit_video_node_html

    label = node["alt"]
    node["alt"] = html.escape(label)
    try:
        visit_video_node_html(translator, node)
    finally:
        node["alt"] = label
    if label:
        translator.body[-1] = translator.body[-1].replace(
            "<video ", f'<video aria-label="{html.escape(label, quote=True)}" ', 1
        )


def setup(app):
    from sphinxcontrib.video import depart_video_node_html, video_node

    app.setup_extension("sphinxcontrib.video")
    # The gallery's figures are palettized as they are scraped (above); its
    # thumbnails, written later by sphinx-gallery, by gdbook_png's own hook.
    app.setup_extension("gdbook_png")
    app.add_node(video_node, override=True, html=(visit_video, depart_video_node_html))
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
