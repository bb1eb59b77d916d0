"""The drawing of an explorable, by matplotlib: static parts once, series per frame.

Each :class:`Panel` is a matplotlib figure. Its axes, ticks, labels, curves and
contours are drawn by matplotlib and written once as SVG. What changes with the
sliders is a *series*: a line or a patch whose points, for each frame, are
projected by the axes' own transform, clipped by matplotlib's path clipper,
rounded to a tenth of a pixel and stored as 16-bit integers; the page's script
turns them into the path's ``d`` with the rule of :func:`path_d`.

Colours are drawn as stand-ins, then replaced by the page's own (CSS variables), so
the figure follows the page's light and dark modes.
"""

from __future__ import annotations

import contextlib
import io
import re

import matplotlib as mpl
import numpy as np
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import PathPatch
from matplotlib.path import Path as MplPath

#: A pair of these in the coordinates lifts the pen (a new sub-path starts).
PEN_UP = -32768
#: Stored units per pixel: coordinates are kept to a tenth of a pixel.
SCALE = 10
#: Lines are clipped to the axes widened by this many pixels (the axes' clip path
#: hides the rest), so that a cut line still reaches the edge.
MARGIN = 8.0
#: Replaced by the explorable's id once its content (and so its hash) is known.
UID = "\x00uid\x00"

#: Stand-in colours (draw with these) and the page's colours that replace them.
FG, MUTED, ACCENT, WARN, DANGER = "#000001", "#000002", "#000003", "#000004", "#000005"
_PAGE = {FG: "fg", MUTED: "muted", ACCENT: "accent", WARN: "warn", DANGER: "danger"}

_RC = {
    "svg.fonttype": "none",  # text as <text>: light, selectable, the page's font
    "svg.hashsalt": "gdbook.explore",  # the same ids in every build
    "font.size": 10,
    "axes.titlesize": 10,
    "axes.labelsize": 10,
    "xtick.labelsize": 9,
    "ytick.labelsize": 9,
    "axes.edgecolor": FG,
    "axes.labelcolor": FG,
    "axes.titlecolor": FG,
    "text.color": FG,
    "xtick.color": FG,
    "ytick.color": FG,
    "axes.facecolor": "none",
    "figure.facecolor": "none",
    "axes.prop_cycle": mpl.cycler(color=[MUTED]),
    "lines.linewidth": 1.5,
}


def style() -> contextlib.AbstractContextManager:
    """The matplotlib settings an explorable is drawn with (a context manager)."""
    return mpl.rc_context(_RC)


def path_d(codes: np.ndarray) -> str:
    """The SVG path of stored coordinates: ``M x y L x y ...``, pixels as ``%g``.

    The page's script builds the same string from the same integers.

    >>> import numpy as np
    >>> path_d(np.array([10, 205, 30, 200, PEN_UP, PEN_UP, -5, 0], dtype=np.int16))
    'M1 20.5L3 20M-0.5 0'
    """
    parts, command = [], "M"
    values = np.asarray(codes).tolist()
    for x, y in zip(values[0::2], values[1::2], strict=True):
        if x == PEN_UP:
            command = "M"
            continue
        parts.append(f"{command}{x / SCALE:g} {y / SCALE:g}")
        command = "L"
    return "".join(parts)


class Panel:
    """One matplotlib figure of an explorable, ``width`` × ``height`` pixels.

    Draw its static parts on :attr:`ax` (inside :func:`style`, in the stand-in
    colours ``FG``, ``MUTED``, ``ACCENT``, ``WARN``, ``DANGER``), declare what
    changes with :meth:`series`, then store each frame's points with
    :meth:`encode`. ``tall`` panels span two rows of the explorable's grid.
    """

    def __init__(
        self, width: int, height: int, *, tall: bool = False, margins=(54, 40, 10, 22)
    ) -> None:
        left, bottom, right, top = margins  # pixels, so no layout pass is needed
        with style():
            self.figure = Figure(figsize=(width / 72, height / 72), dpi=72)
            self.ax = self.figure.add_axes(
                (
                    left / width,
                    bottom / height,
                    1 - (left + right) / width,
                    1 - (bottom + top) / height,
                )
            )
        self.width, self.height, self.tall = width, height, tall
        self.series: dict[str, object] = {}
        self.dotted: set[str] = set()

    def add_series(self, name: str, *, patch: bool = False, dots: bool = False, **kw):
        """A line (or a filled patch) that changes with the sliders, styled by ``kw``."""
        self.ax.autoscale(False)
        points = MplPath(np.array([self.ax.get_xlim(), self.ax.get_ylim()]).T)
        if patch:
            artist = self.ax.add_patch(PathPatch(points, **kw))
        else:
            artist = self.ax.add_line(Line2D(*points.vertices.T, **kw))
        artist.set_gid(f"gdx-series-{name}")
        self.series[name] = artist
        if dots:
            self.dotted.add(name)
        return artist

    def encode(self, xs, ys, *, pixels=False, simplify=False) -> np.ndarray:
        """Points (data coordinates, or SVG pixels) as stored int16 codes, clipped;
        ``simplify`` lets matplotlib drop points that a straight line passes within
        a ninth of a pixel of (for curves without dots)."""
        points = np.column_stack([np.asarray(xs, float), np.asarray(ys, float)])
        self.ax.apply_aspect()  # where the axes are drawn (an equal aspect moves them)
        path, transform = MplPath(points), self.ax.transData
        if pixels:  # SVG pixels (y down) to display pixels (y up)
            path = MplPath(np.column_stack([points[:, 0], self.height - points[:, 1]]))
            transform = None
        x0, y0, x1, y1 = self.ax.bbox.extents
        with np.errstate(all="ignore"):
            if transform is not None:  # the scales (log...), then the affine part
                path = transform.transform_path_non_affine(path)
                transform = transform.get_affine()
            cleaned = path.cleaned(
                transform,
                remove_nans=True,
                simplify=simplify,
                clip=(x0 - MARGIN, y0 - MARGIN, x1 + MARGIN, y1 + MARGIN),
            )
        codes, vertices = cleaned.codes, cleaned.vertices
        keep = codes != MplPath.STOP
        codes, vertices = codes[keep], vertices[keep]
        tenths = np.round(
            np.column_stack([vertices[:, 0], self.height - vertices[:, 1]]) * SCALE
        )
        out, last = [], None
        for code, (x, y) in zip(codes, tenths.astype(int).tolist(), strict=True):
            if code == MplPath.MOVETO:
                if out:
                    out += [PEN_UP, PEN_UP]
            elif (x, y) == last:
                continue
            out += [x, y]
            last = (x, y)
        return np.array(out, dtype="<i2")

    def diamond(self, x: float, y: float, size: float = 5.0) -> np.ndarray:
        """A diamond around the point ``(x, y)`` (data coordinates), stored."""
        with np.errstate(all="ignore"):
            px, py = self.ax.transData.transform([x, y])
        if not (np.isfinite(px) and np.isfinite(py)):
            return np.array([], dtype="<i2")
        py = self.height - py
        xs = px + size * np.array([0, 1, 0, -1, 0])
        ys = py + size * np.array([-1, 0, 1, 0, -1])
        return self.encode(xs, ys, pixels=True)

    def svg(self, first: dict, title: str, desc: str = "", index: int = 0) -> str:
        """The panel as inline SVG, its series drawn as in the frame ``first``;
        ``index`` keeps its ids apart from those of the explorable's other panels."""
        buffer = io.StringIO()
        with style():
            self.figure.savefig(buffer, format="svg", metadata={"Date": None})
        svg = buffer.getvalue()
        svg = svg[svg.index("<svg") :]
        # matplotlib's "*{...}" rule would reach every element of the page.
        svg = re.sub(r"<style.*?</style>|<metadata>.*?</metadata>", "", svg, flags=re.S)
        svg = re.sub(r"\s*\n\s*", " ", svg).replace("> <", "><")
        svg = re.sub(r"font-family:[^;\"]*;?\s*", "", svg)  # the page's font
        svg = re.sub(r' transform="rotate\(-0 [^"]*\)"', "", svg)
        svg = re.sub(r"(\.\d\d)\d+", r"\1", svg)  # hundredths of a pixel
        svg = re.sub(r'<g id="(?!gdx-)[^"]*">', "<g>", svg)
        for colour, name in _PAGE.items():
            svg = svg.replace(colour, f"var(--gdx-{name})")
        dot = f"url(#gdx-{UID}-dot)"
        for name in self.series:
            dots = (
                f' marker-start="{dot}" marker-mid="{dot}" marker-end="{dot}"'
                if name in self.dotted
                else ""
            )
            svg, found = re.subn(
                rf'<g id="gdx-series-{name}"><path d="[^"]*"',
                f'<g><path data-gdx-series="{name}"{dots} d="{path_d(first[name])}"',
                svg,
            )
            assert found == 1, name
        # The ids of matplotlib's clip paths and markers, made the explorable's own.
        svg = re.sub(
            r'((?<![\w-])id="|url\(#|href="#)(?!gdx-)', rf"\1gdx-{UID}-{index}-", svg
        )
        head = (
            f'<svg class="gdx-svg{" gdx-tall" if self.tall else ""}" role="img" '
            f'viewBox="0 0 {self.width} {self.height}">'
            f"<title>{title}</title>" + (f"<desc>{desc}</desc>" if desc else "")
        )
        if self.dotted:
            head += (
                f'<defs><marker id="gdx-{UID}-dot" viewBox="-3 -3 6 6" '
                'markerWidth="6" markerHeight="6" markerUnits="userSpaceOnUse">'
                '<circle r="2.4" style="fill: var(--gdx-accent)"/></marker></defs>'
            )
        return head + svg[svg.index(">") + 1 :]
