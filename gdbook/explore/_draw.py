"""The drawing of an explorable, by matplotlib: static parts once, series per frame.

A :class:`Panel` is a matplotlib figure, written once as SVG (axes, ticks, text,
contours) in stand-in colours that become the page's own (light and dark modes).
What changes with the sliders is a *series*: for each frame its points are
projected by the axes' transform, clipped by matplotlib's path clipper and stored
as 16-bit integers, tenths of a pixel, that the page's script turns into the
path's ``d`` with the rule of :func:`path_d`.
"""

from __future__ import annotations

import contextlib
import io
import re
from collections.abc import Mapping
from typing import Any

import matplotlib as mpl
import numpy as np
from matplotlib import ticker
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import PathPatch
from matplotlib.path import Path as MplPath
from numpy.typing import ArrayLike

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
    **{f"{k}size": 10 for k in ("font.", "axes.title", "axes.label")},
    **{f"{k}.labelsize": 9 for k in ("xtick", "ytick")},
    **{f"{k}color": FG for k in ("axes.edge", "axes.label", "axes.title", "text.")},
    **{f"{k}.color": FG for k in ("xtick", "ytick")},
    "axes.facecolor": "none",
    "figure.facecolor": "none",
}


def style() -> contextlib.AbstractContextManager[None]:
    """The matplotlib settings an explorable is drawn with (a context manager)."""
    return mpl.rc_context(_RC)  # type: ignore[arg-type]  # the stub lists the keys


def log_axis(
    ax: Axes, axis: str, values: ArrayLike, cap: float | None = None
) -> tuple[float, float]:
    """A log ``axis`` ("x" or "y") over whole decades around the positive finite
    ``values`` (its top at most ``cap``), ticks placed by matplotlib; its limits."""
    array = np.asarray(values, float)
    array = np.clip(array[np.isfinite(array) & (array > 0)], 1e-30, None)
    low, high = np.log10([array.min(), array.max()]) if array.size else (-3, 0)
    high = min(high, np.log10(cap)) if cap else high
    limits = 10.0 ** np.floor(low), 10.0 ** max(np.ceil(high), np.floor(low) + 1)
    getattr(ax, f"set_{axis}scale")("log")
    getattr(ax, f"set_{axis}lim")(*limits)
    target = ax.xaxis if axis == "x" else ax.yaxis
    target.set_major_locator(ticker.LogLocator(numticks=5))
    target.set_major_formatter(  # 1e−8: mathtext is slow to set up, and heavy
        lambda v, _: f"1e{round(np.log10(v))}".replace("-", "−") if v > 0 else ""
    )
    target.set_minor_formatter(ticker.NullFormatter())
    return limits


def path_d(codes: np.ndarray) -> str:
    """The SVG path of stored coordinates: ``M x y L x y ...``, pixels as ``%g``
    (the page's script builds the same string from the same integers).

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
        self,
        width: int,
        height: int,
        *,
        tall: bool = False,
        margins: tuple[float, float, float, float] = (54, 40, 10, 22),
    ) -> None:
        left, bottom, right, top = margins  # pixels, so no layout pass is needed
        with style():
            self.figure: Figure = Figure(figsize=(width / 72, height / 72), dpi=72)
            box = left / width, bottom / height, 1 - (left + right) / width
            self.ax: Axes = self.figure.add_axes((*box, 1 - (bottom + top) / height))
        self.width: int = width
        self.height: int = height
        self.tall: bool = tall
        self.series: dict[str, object] = {}
        self.dotted: set[str] = set()

    def add_series(
        self, name: str, *, patch: bool = False, dots: bool = False, **kw: Any
    ) -> Artist:
        """A line (or a filled patch) that changes with the sliders (styled by kw)."""
        self.ax.autoscale(False)
        points = MplPath(np.array([self.ax.get_xlim(), self.ax.get_ylim()]).T)
        artist: Artist
        if patch:
            artist = self.ax.add_patch(PathPatch(points, **kw))
        else:
            # (the stub types vertices as ArrayLike; it is an (n, 2) array)
            vertices: np.ndarray = points.vertices  # type: ignore[assignment]
            artist = self.ax.add_line(Line2D(*vertices.T, **kw))
        artist.set_gid(f"gdx-series-{name}")
        self.series[name] = artist
        self.dotted |= {name} if dots else set()
        return artist

    def encode(
        self, xs: ArrayLike, ys: ArrayLike, *, simplify: bool = False
    ) -> np.ndarray:
        """Points (data coordinates) as stored int16 codes, clipped by matplotlib;
        ``simplify`` drops points that a straight line passes within a ninth of a
        pixel of (for curves without dots)."""
        self.ax.apply_aspect()  # where the axes are drawn (an equal aspect moves them)
        points = np.column_stack([np.asarray(xs, float), np.asarray(ys, float)])
        x0, y0, x1, y1 = self.ax.bbox.extents
        with np.errstate(all="ignore"):  # the scales (log...), then the affine part
            path = self.ax.transData.transform_path_non_affine(MplPath(points))
            path = path.cleaned(
                self.ax.transData.get_affine(),
                remove_nans=True,
                simplify=simplify,
                clip=(x0 - MARGIN, y0 - MARGIN, x1 + MARGIN, y1 + MARGIN),
            )
        out: list[int] = []
        last = None
        # (the stub types codes and vertices as ArrayLike: they are arrays here)
        codes: np.ndarray = path.codes  # type: ignore[assignment]
        vertices: np.ndarray = path.vertices  # type: ignore[assignment]
        for code, (x, y) in zip(codes, vertices, strict=True):
            point = [round(x * SCALE), round((self.height - y) * SCALE)]
            if code == MplPath.STOP or (code != MplPath.MOVETO and point == last):
                continue
            out += [PEN_UP, PEN_UP] if code == MplPath.MOVETO and out else []
            out += point
            last = point
        return np.array(out, dtype="<i2")

    def diamond(self, x: float, y: float, size: float = 5.0) -> np.ndarray:
        """A diamond around the point ``(x, y)`` (data coordinates), stored."""
        with np.errstate(all="ignore"):
            px, py = self.ax.transData.transform([x, y])
        if not (0 <= px <= self.width and 0 <= py <= self.height):
            return np.array([], dtype="<i2")
        corners = [(0, -1), (1, 0), (0, 1), (-1, 0), (0, -1)]
        d = [(px + size * a, self.height - py + size * b) for a, b in corners]
        return np.round(np.array(d).ravel() * SCALE).astype("<i2")

    def svg(
        self, first: Mapping[str, Any], title: str, desc: str = "", index: int = 0
    ) -> str:
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
            dots = "".join(f' marker-{m}="{dot}"' for m in ("start", "mid", "end"))
            dots = dots if name in self.dotted else ""
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
