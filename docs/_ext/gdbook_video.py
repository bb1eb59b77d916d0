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

* renders each animation **once** (sphinx-gallery's own code renders every frame
  twice: an animated GIF for a thumbnail that no page uses, then the video), with
  blitting: the figure is drawn once without the artists that the animation
  function returns, and each frame restores that background and draws only those
  artists, at the resolution the page shows the video (its ``width`` and
  ``height``). The frames go straight to one ffmpeg, with x264's ``veryfast``
  preset in one thread and no metadata, so the video is the same bytes from build
  to build. Its last frame is kept as a PNG, the still that a page's thumbnail can
  use (``sphinx_gallery_thumbnail_number``).

The video keeps its controls, so a reader can pause the moving picture.

Upstream behaviour relied on: sphinx-gallery's matplotlib scraper calls
``sphinx_gallery.scrapers._anim_rst(anim, image_path, gallery_conf)`` for each
figure that an :class:`~matplotlib.animation.Animation` in the example's globals
draws (replaced here while the scraper runs), and a
:class:`~matplotlib.animation.FuncAnimation` keeps its function, arguments and
interval in ``_func``, ``_args`` and ``_interval``. Like matplotlib's own blitting,
the blitted rendering needs the animation function to return every artist it
changes; any other animation is saved by matplotlib, frame by full frame.
"""

from __future__ import annotations

import html
import os
import re
import subprocess
import time
from pathlib import Path, PurePosixPath

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


#: x264 settings of the videos: ``veryfast`` encodes 50 frames in a few hundredths
#: of a second and gives files as small as the default ``medium`` (``ultrafast``
#: doubles them); ``animation`` tunes it for flat colours and sharp lines; one
#: thread, so the bits do not depend on the number of cores; no encoder string or
#: other metadata, so they do not depend on ffmpeg's version either.
X264_ARGS = (
    "-c:v",
    "libx264",
    "-preset",
    "veryfast",
    "-tune",
    "animation",
    "-pix_fmt",
    "yuv420p",
    "-threads",
    "1",
    "-map_metadata",
    "-1",
    "-fflags",
    "+bitexact",
    "-flags:v",
    "+bitexact",
    "-movflags",
    "+faststart",  # playback starts before the whole file has arrived
)

#: Set by the benchmark (benchmarks/bench_build.py): a file to which each video's
#: name, number of frames and rendering time are appended, one line each.
TIMES_FILE = "GDBOOK_ANIMATION_TIMES"

_VIDEO_RST = """
.. video:: {video}
   :class: sphx-glr-single-img
   :height: {height}
   :width: {width}
{options}
"""


def display_dpi(fig) -> float:
    """The resolution at which sphinx-gallery sizes the figure on the page."""
    import matplotlib as mpl

    dpi = mpl.rcParams["savefig.dpi"]
    return fig.dpi if dpi == "figure" else float(dpi)


def encoder_command(ffmpeg: str, size: tuple[int, int], fps: float, path) -> list:
    """The ffmpeg command that reads raw RGBA frames on stdin and writes ``path``."""
    width, height = size
    return [
        ffmpeg,
        "-nostdin",
        "-loglevel",
        "error",
        "-f",
        "rawvideo",
        "-pix_fmt",
        "rgba",
        "-s",
        f"{width}x{height}",
        "-r",
        str(fps),
        "-i",
        "pipe:",
        # yuv420p needs an even width and height.
        "-vf",
        "pad=ceil(iw/2)*2:ceil(ih/2)*2",
        *X264_ARGS,
        "-y",
        str(path),
    ]


def _changed_artists(anim, frames) -> list | None:
    """Every artist the animation function returns for some frame, by zorder.

    None when it returns something else (nothing to blit: draw whole frames).
    """
    from matplotlib.artist import Artist

    changed: dict[int, Artist] = {}
    for frame in frames:
        artists = anim._func(frame, *anim._args)
        try:
            artists = list(artists)
        except TypeError:
            return None
        if not artists or not all(isinstance(a, Artist) for a in artists):
            return None
        changed.update((id(a), a) for a in artists)
    # Stable: artists of one zorder keep the order in which they came.
    return sorted(changed.values(), key=lambda artist: artist.get_zorder())


def render_animation(anim, video: Path, still: Path) -> None:
    """Write ``anim`` to ``video`` (H.264), drawing each frame once.

    A :class:`~matplotlib.animation.FuncAnimation` whose function returns the
    artists it changes is blitted: the rest of the figure is drawn once. The last
    frame is also written to ``still`` (PNG).
    """
    import matplotlib as mpl
    import numpy as np
    from matplotlib.animation import FFMpegWriter, FuncAnimation
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from PIL import Image

    fig = anim._fig
    fig.set_dpi(display_dpi(fig))
    fps = 1000.0 / anim._interval
    frames = list(anim.new_saved_frame_seq())
    blitted = None
    if isinstance(anim, FuncAnimation) and isinstance(fig.canvas, FigureCanvasAgg):
        # The first draw of the figure would start the interactive animation.
        fig.canvas.mpl_disconnect(anim._first_draw_id)
        anim._init_draw()
        blitted = _changed_artists(anim, frames)
    if blitted is None:  # frame by full frame, as matplotlib saves it
        writer = FFMpegWriter(fps=fps, codec="libx264", extra_args=list(X264_ARGS[2:]))
        anim.save(video, writer=writer, dpi=fig.dpi)
        fig.savefig(still, dpi=fig.dpi)
        return

    canvas = fig.canvas
    for artist in blitted:
        artist.set_animated(True)  # left out of the figure's own draw
    canvas.draw()
    background = canvas.copy_from_bbox(fig.bbox)
    renderer = canvas.get_renderer()
    size = canvas.get_width_height(physical=True)
    command = encoder_command(mpl.rcParams["animation.ffmpeg_path"], size, fps, video)
    with subprocess.Popen(
        command, stdin=subprocess.PIPE, stderr=subprocess.PIPE
    ) as encoder:
        try:
            for frame in frames:
                anim._func(frame, *anim._args)
                canvas.restore_region(background)
                for artist in blitted:
                    artist.draw(renderer)
                encoder.stdin.write(canvas.buffer_rgba())
        finally:
            encoder.stdin.close()
            errors = encoder.stderr.read().decode(errors="replace")
    if encoder.returncode:
        raise RuntimeError(f"ffmpeg could not write {video}: {errors}")
    Image.fromarray(np.asarray(canvas.buffer_rgba())).save(still)
    for artist in blitted:
        artist.set_animated(False)


def animation_rst(anim, image_path, gallery_conf) -> str:
    """The video directive of an animation, which is rendered once.

    Takes the place of sphinx-gallery's ``_anim_rst``, which renders the frames
    twice (a GIF, then the video). The still PNG is written where sphinx-gallery
    looks for the figure's image, so a page may take it as thumbnail.
    """
    from sphinx_gallery.scrapers import _as_relative_rst_path

    image_path = Path(image_path)
    video = image_path.with_suffix(".mp4")
    start = time.perf_counter()
    render_animation(anim, video, image_path.with_suffix(".png"))
    if times := os.environ.get(TIMES_FILE):
        seconds = time.perf_counter() - start
        frames = sum(1 for _ in anim.new_saved_frame_seq())
        with open(times, "a", encoding="utf-8") as report:
            report.write(f"{video.name}\t{frames}\t{seconds:.4f}\n")
    dpi = display_dpi(anim._fig)
    options = ["autoplay"] + (["loop"] if getattr(anim, "_repeat", False) else [])
    uri = _as_relative_rst_path(video, gallery_conf["src_dir"])
    return _VIDEO_RST.format(
        video=f"/{PurePosixPath(uri)}",
        # The page shows the video at the figure's size, the size it was drawn at.
        width=int(anim._fig.get_figwidth() * dpi),
        height=int(anim._fig.get_figheight() * dpi),
        options="".join(f"   :{option}:\n" for option in options),
    )


def matplotlib_scraper(block, block_vars, gallery_conf, **kwargs):
    """sphinx-gallery's matplotlib scraper, with accessible, autoplayable videos."""
    import matplotlib.pyplot as plt
    from matplotlib.animation import Animation
    from sphinx.errors import ExtensionError
    from sphinx_gallery import scrapers
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
    if gallery_conf["matplotlib_animations"][1] != "mp4":
        raise ExtensionError("gdbook_video writes animations as mp4 only")
    if not hasattr(scrapers, "_anim_rst"):
        raise ExtensionError(
            "sphinx-gallery no longer has scrapers._anim_rst: update gdbook_video"
        )
    upstream = scrapers._anim_rst
    scrapers._anim_rst = animation_rst
    try:
        rst = gallery_scraper(block, block_vars, gallery_conf, **kwargs)
    finally:
        scrapers._anim_rst = upstream
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
