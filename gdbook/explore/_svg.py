"""A small SVG plotter for the explorables: axes, static lines, dynamic series.

What stays the same for every slider value (axes, ticks, the curve, contours) is
drawn once, here, as SVG text. What changes (a path, a loss curve, a marker) is a
*series*: for each slider value its points are projected to pixels here, clipped to
the panel, rounded to a tenth of a pixel and stored as 16-bit integers; the page's
script turns them into a path with the same rule as :func:`path_d`.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Sequence
from html import escape

import numpy as np

#: A pair of these in the coordinates lifts the pen (a new sub-path starts).
PEN_UP = -32768
#: Stored units per pixel: coordinates are kept to a tenth of a pixel.
SCALE = 10
#: Points are clipped to the panel widened by this many pixels; the panel's clip
#: rectangle (a few pixels wider than the panel) hides what lies beyond it.
_MARGIN = 24.0
#: Far outside any panel: where a zero or negative value goes on a log axis.
_FAR = 1e6
#: Replaced by the figure's id once its content (and so its hash) is known.
UID = "\x00uid\x00"

_SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def path_d(codes: np.ndarray) -> str:
    """The SVG path of stored coordinates: ``M x y L x y ...``, pixels as ``%g``.

    The page's script builds the same string from the same integers (JavaScript
    prints ``v / 10`` as Python's ``format(v / 10, "g")`` does for 16-bit ``v``).

    Examples
    --------
    >>> import numpy as np
    >>> from gdbook.explore._svg import PEN_UP, path_d
    >>> path_d(np.array([10, 205, 30, 200, PEN_UP, PEN_UP, -5, 0], dtype=np.int16))
    'M1 20.5L3 20M-0.5 0'
    """
    parts = []
    command = "M"
    values = np.asarray(codes).tolist()
    for x, y in zip(values[0::2], values[1::2], strict=True):
        if x == PEN_UP:
            command = "M"
            continue
        parts.append(f"{command}{x / SCALE:g} {y / SCALE:g}")
        command = "L"
    return "".join(parts)


def _clip_segment(p, q, box):
    """Liang-Barsky: the part of segment ``p``-``q`` inside ``box``, or None.

    A cut point lies on the edge that cut it exactly, and inside the box: between
    two far points (a diverging run) the arithmetic alone would lose it.
    """
    (x0, y0), (x1, y1) = p, q
    left, top, right, bottom = box
    dx, dy = x1 - x0, y1 - y0
    t0, t1 = 0.0, 1.0
    cut0 = cut1 = None
    for edge, edge_p, edge_q in (
        (("x", left), -dx, x0 - left),
        (("x", right), dx, right - x0),
        (("y", top), -dy, y0 - top),
        (("y", bottom), dy, bottom - y0),
    ):
        if edge_p == 0:
            if edge_q < 0:
                return None
            continue
        t = edge_q / edge_p
        if edge_p < 0 and t > t0:
            t0, cut0 = t, edge
        elif edge_p > 0 and t < t1:
            t1, cut1 = t, edge
        if t0 > t1:
            return None

    def cut(t, edge):
        x = min(max(x0 + t * dx, left), right)
        y = min(max(y0 + t * dy, top), bottom)
        return (edge[1], y) if edge[0] == "x" else (x, edge[1])

    a = p if cut0 is None else cut(t0, cut0)
    b = q if cut1 is None else cut(t1, cut1)
    return a, b


def _clipped(px: np.ndarray, py: np.ndarray, box) -> list[list[tuple]]:
    """The sub-paths of a polyline that lie inside ``box`` (NaN breaks the line)."""
    left, top, right, bottom = box
    points = [
        None if math.isnan(x) or math.isnan(y) else (float(x), float(y))
        for x, y in zip(px.tolist(), py.tolist(), strict=True)
    ]
    subpaths: list[list[tuple]] = []
    current: list[tuple] = []
    if len(points) == 1 and points[0] is not None:
        x, y = points[0]
        if left <= x <= right and top <= y <= bottom:
            subpaths.append([points[0]])
    for p, q in itertools.pairwise(points):
        inside = None if p is None or q is None else _clip_segment(p, q, box)
        if inside is None:
            if current:
                subpaths.append(current)
            current = []
            continue
        a, b = inside
        if not current:
            current = [a]
        current.append(b)
        if b != q:  # left the box
            subpaths.append(current)
            current = []
    if current:
        subpaths.append(current)
    return subpaths


def _quantise(subpaths: list[list[tuple]]) -> np.ndarray:
    """Tenths of a pixel, sub-paths separated by pen-ups; a point that rounds to
    the one before it is drawn by it already and is left out (a converged run's
    tail)."""
    codes: list[int] = []
    for number, subpath in enumerate(subpaths):
        if number:
            codes += [PEN_UP, PEN_UP]
        last = None
        for x, y in subpath:
            point = [round(x * SCALE), round(y * SCALE)]
            if point != last:
                codes += point
            last = point
    return np.array(codes, dtype=np.int16)


def _nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    raw = (high - low) / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw)
    first = math.ceil(low / step - 1e-9)
    ticks = []
    k = first
    while k * step <= high + 1e-9 * step:
        ticks.append(float(f"{k * step:.12g}"))
        k += 1
    return ticks


def _log_ticks(low: float, high: float, count: int = 6) -> list[float]:
    first, last = math.ceil(low - 1e-9), math.floor(high + 1e-9)
    wanted = (last - first + 1) / count
    every = next(e for e in (1, 2, 5, 10, 20, 50, 100, 1000) if e >= wanted)
    start = math.ceil(first / every) * every
    return [float(e) for e in range(start, last + 1, every)]


def number_label(value: float) -> str:
    """A tick label: ``%g`` with a typographic minus sign.

    Examples
    --------
    >>> from gdbook.explore._svg import number_label
    >>> number_label(-2.5), number_label(0.0), number_label(1e-10)
    ('−2.5', '0', '1e−10')
    """
    text = f"{value:.6g}"
    return "0" if text == "-0" else text.replace("-", "−")


def power_label(exponent: int) -> str:
    """A tick label of a log axis: ``1``, ``10``, ``10⁻⁶``.

    Examples
    --------
    >>> from gdbook.explore._svg import power_label
    >>> power_label(0), power_label(1), power_label(-6)
    ('1', '10', '10⁻⁶')
    """
    if exponent in (0, 1):
        return str(10**exponent)
    return "10" + str(exponent).translate(_SUPERSCRIPT)


def log_range(values, floor: float = 1e-30) -> tuple[float, float]:
    """Whole decades around the finite positive ``values``, not below ``floor``.

    Examples
    --------
    >>> from gdbook.explore._svg import log_range
    >>> log_range([25.0, 3e-5, 0.0, float("inf")])
    (1e-05, 100.0)
    """
    values = np.asarray(values, dtype=np.float64)
    finite = values[np.isfinite(values) & (values > 0)]
    if finite.size == 0:
        return floor, 1.0
    low = max(math.floor(math.log10(finite.min())), math.log10(floor))
    high = max(math.ceil(math.log10(finite.max())), low + 1)
    return 10.0**low, 10.0**high


def axis_range(
    values: Sequence[float], scale: str | None = None
) -> tuple[tuple[float, float], str]:
    """Limits and scale of an axis showing ``values``: log when asked, or when they
    are positive and span more than a factor 20.

    Examples
    --------
    >>> from gdbook.explore._svg import axis_range
    >>> axis_range([0.0, 0.5, 1.0])
    ((-0.04, 1.04), 'linear')
    """
    low, high = min(values), max(values)
    if low == high:
        return (low - 0.5 * abs(low) - 0.5, high + 0.5 * abs(high) + 0.5), "linear"
    if scale == "log" or (scale is None and low > 0 and high / low > 20):
        return (low / 1.4, high * 1.4), "log"
    pad = 0.04 * (high - low)
    return (max(low - pad, 0.0) if low > 0 else low - pad, high + pad), "linear"


def cell_edges(values: Sequence[float], scale: str) -> np.ndarray:
    """Edges of cells centred on sorted grid ``values``: midpoints between them
    (geometric on a log scale), the outer ones half a gap beyond the ends.

    Examples
    --------
    >>> from gdbook.explore._svg import cell_edges
    >>> cell_edges([0.0, 1.0, 3.0], "linear")
    array([-0.5,  0.5,  2. ,  4. ])
    """
    v = np.asarray(values, dtype=np.float64)
    if scale == "log":
        return 10.0 ** cell_edges(np.log10(v), "linear")
    if v.size == 1:
        return np.array([v[0] - 0.5, v[0] + 0.5])
    middles = (v[1:] + v[:-1]) / 2
    return np.r_[v[0] - (middles[0] - v[0]), middles, v[-1] + (v[-1] - middles[-1])]


def _f(value: float) -> str:
    """A pixel coordinate in the SVG text: a tenth of a pixel, no trailing zeros."""
    return f"{round(value * SCALE) / SCALE:g}"


class Axes:
    """One panel of a :class:`Figure`: a data box mapped onto a pixel rectangle.

    Made by :meth:`Figure.axes`. Static marks (:meth:`line`, :meth:`vline`,
    :meth:`text`...) are drawn at once; :meth:`series` declares a mark that changes
    with the sliders, and :meth:`encode` gives its points for one slider value.
    """

    def __init__(
        self,
        figure: Figure,
        index: int,
        box: tuple[float, float, float, float],
        xlim: tuple[float, float],
        ylim: tuple[float, float],
        xscale: str,
        yscale: str,
    ) -> None:
        self.figure = figure
        self.index = index
        self.left, self.top, self.width, self.height = map(float, box)
        self.xscale, self.yscale = xscale, yscale
        self.xlim = tuple(float(v) for v in xlim)
        self.ylim = tuple(float(v) for v in ylim)
        self._x = self._transform(self.xlim, xscale, self.left, self.width, False)
        self._y = self._transform(self.ylim, yscale, self.top, self.height, True)
        self._marks: list[str] = []

    @staticmethod
    def _transform(
        lim, scale: str, start: float, size: float, flip: bool
    ) -> Callable[[np.ndarray], np.ndarray]:
        if scale not in ("linear", "log"):
            raise ValueError(f"scale must be 'linear' or 'log', got {scale!r}")
        low, high = (math.log10(v) for v in lim) if scale == "log" else lim

        def transform(values):
            values = np.asarray(values, dtype=np.float64)
            if scale == "log":
                with np.errstate(divide="ignore", invalid="ignore"):
                    positive = np.where(values > 0, values, np.nan)
                    values = np.where(values > 0, np.log10(positive), -np.inf)
            fraction = (values - low) / (high - low)
            if flip:
                fraction = 1 - fraction
            pixels = start + size * fraction
            return np.nan_to_num(pixels, nan=np.nan, posinf=_FAR, neginf=-_FAR)

        return transform

    @property
    def clip_id(self) -> str:
        return f"gdx-{UID}-c{self.index}"

    def pixels(self, xs, ys) -> tuple[np.ndarray, np.ndarray]:
        """Pixel coordinates of data points (non-positive values on a log axis go
        far below or left of the panel)."""
        return self._x(xs), self._y(ys)

    def encode(self, xs, ys) -> np.ndarray:
        """The stored coordinates of a series' points for one slider value.

        Returns
        -------
        numpy.ndarray of int16
            ``x0, y0, x1, y1, ...`` in tenths of a pixel, clipped to the panel
            (plus a margin), with a pair of :data:`PEN_UP` where the line leaves
            it and comes back.
        """
        px, py = self.pixels(np.ravel(xs), np.ravel(ys))
        box = (
            self.left - _MARGIN,
            self.top - _MARGIN,
            self.left + self.width + _MARGIN,
            self.top + self.height + _MARGIN,
        )
        return _quantise(_clipped(px, py, box))

    def _add(self, element: str, clipped: bool = True) -> None:
        if clipped:
            element = element.replace("<path ", '<path clip-path="url(#{c})" ', 1)
        self._marks.append(element.replace("{c}", self.clip_id))

    def line(self, xs, ys, cls: str = "gdx-curve") -> None:
        """A static polyline through data points."""
        d = path_d(self.encode(xs, ys))
        self._add(f'<path class="{cls}" d="{d}"/>')

    def vline(self, x: float, cls: str = "gdx-mark", label: str = "") -> None:
        """A vertical line across the panel at ``x``, labelled at its top."""
        px = float(self._x(x))
        bottom = self.top + self.height
        self._add(f'<path class="{cls}" d="M{_f(px)} {_f(self.top)}V{_f(bottom)}"/>')
        if label:
            self._add(
                f'<text class="gdx-note" x="{_f(px)}" y="{_f(self.top - 3)}" '
                f'text-anchor="middle">{escape(label)}</text>',
                clipped=False,
            )

    def span(
        self, x0: float, x1: float, cls: str, label: str = "", *, top: bool = False
    ) -> None:
        """A shaded band between ``x0`` and ``x1``, across the panel's height,
        labelled at its bottom (or ``top``)."""
        a, b = sorted(np.clip(self._x([x0, x1]), self.left, self.left + self.width))
        self._add(
            f'<rect class="{cls}" x="{_f(a)}" y="{_f(self.top)}" width="{_f(b - a)}" '
            f'height="{_f(self.height)}"/>',
            clipped=False,
        )
        if label and b - a > 6 * len(label):
            self._add(
                f'<text class="gdx-note" x="{_f((a + b) / 2)}" '
                f'y="{_f(self.top + 11 if top else self.top + self.height - 4)}" '
                'text-anchor="middle">'
                f"{escape(label)}</text>",
                clipped=False,
            )

    def text(self, x: float, y: float, text: str, cls: str = "gdx-note") -> None:
        """Text centred on a data point."""
        px, py = self.pixels([x], [y])
        self._add(
            f'<text class="{cls}" x="{_f(px[0])}" y="{_f(py[0] + 3)}" '
            f'text-anchor="middle">{escape(text)}</text>',
            clipped=False,
        )

    def rect(
        self, x0: float, x1: float, y0: float, y1: float, cls: str, shade: float
    ) -> None:
        """A filled rectangle between data corners, ``shade`` its opacity."""
        (a, b), (c, d) = self.pixels([x0, x1], [y0, y1])
        left, right, top, bottom = min(a, b), max(a, b), min(c, d), max(c, d)
        self._add(
            f'<rect class="{cls}" x="{_f(left + 1)}" y="{_f(top + 1)}" '
            f'width="{_f(right - left - 2)}" height="{_f(bottom - top - 2)}" '
            f'fill-opacity="{shade:.2f}"/>',
            clipped=False,
        )

    def cell(self, x: float, y: float, shade: float, text: str) -> None:
        """A unit cell centred on ``(x, y)`` (a heat map), ``shade`` in [0, 1]."""
        self.rect(x - 0.5, x + 0.5, y - 0.5, y + 0.5, "gdx-heat", shade)
        self.text(x, y, text, cls="gdx-heat-text")

    def box(self, x0: float, x1: float, y0: float, y1: float) -> np.ndarray:
        """The stored outline of a rectangle between data corners (a series'
        points, not clipped)."""
        (a, b), (c, d) = self.pixels([x0, x1], [y0, y1])
        corners = np.array([[a, c], [b, c], [b, d], [a, d], [a, c]])
        return np.round(corners * SCALE).astype(np.int16).ravel()

    def diamond(self, x: float, y: float, size: float = 5.0) -> np.ndarray:
        """The stored outline of a diamond around ``(x, y)``, pulled inside the
        panel when the point lies beyond it (a series' points)."""
        px, py = (float(v[0]) for v in self.pixels([x], [y]))
        px = min(max(px, self.left), self.left + self.width)
        py = min(max(py, self.top), self.top + self.height)
        xs = np.array([px, px + size, px, px - size, px])
        ys = np.array([py - size, py, py + size, py, py - size])
        return np.round(np.stack([xs, ys], axis=1) * SCALE).astype(np.int16).ravel()

    def ring(self, x: float, y: float, label: str = "") -> None:
        """A static ring at a data point, labelled on its right."""
        px, py = (float(v[0]) for v in self.pixels([x], [y]))
        self._add(
            f'<circle class="gdx-ring" cx="{_f(px)}" cy="{_f(py)}" r="4.5"/>'
            + (
                f'<text class="gdx-note" x="{_f(px + 7)}" y="{_f(py + 3.5)}">'
                f"{escape(label)}</text>"
                if label
                else ""
            ),
            clipped=False,
        )

    def contour(self, values: Callable, levels: Sequence[float], n: int = 48):
        """Level lines of ``values(X, Y)`` (arrays of coordinates) by marching
        squares on an ``n`` by ``n`` grid over the panel."""
        xs = np.linspace(*self.xlim, n)
        ys = np.linspace(*self.ylim, n)
        grid_x, grid_y = np.meshgrid(xs, ys)
        z = np.asarray(values(grid_x, grid_y), dtype=np.float64)
        px, py = self.pixels(xs, ys)
        pieces = []
        for level in levels:
            for (ax, ay), (bx, by) in _marching_squares(px, py, z, level):
                pieces.append(f"M{_f(ax)} {_f(ay)}L{_f(bx)} {_f(by)}")
        self._add(f'<path class="gdx-contour" d="{"".join(pieces)}"/>')

    def series(self, name: str, cls: str, *, dots: bool = False) -> str:
        """Declare a mark drawn from stored points, changing with the sliders;
        ``dots`` marks each point with a dot."""
        self.figure._declare(name, cls, self, dots)
        return name

    def frame(
        self,
        xlabel: str = "",
        ylabel: str = "",
        *,
        xticks: Sequence[tuple[float, str]] | None = None,
        yticks: Sequence[tuple[float, str]] | None = None,
        title: str = "",
    ) -> None:
        """Axis lines, ticks with their labels, axis labels and a title."""
        left, top = self.left, self.top
        right, bottom = left + self.width, top + self.height
        marks = [
            f'<path class="gdx-axis" d="M{_f(left)} {_f(top)}V{_f(bottom)}'
            f'H{_f(right)}"/>'
        ]
        for value, label in xticks if xticks is not None else self._ticks("x"):
            px = float(self._x(value))
            marks.append(
                f'<path class="gdx-axis" d="M{_f(px)} {_f(bottom)}v4"/>'
                f'<text class="gdx-tick" x="{_f(px)}" y="{_f(bottom + 15)}" '
                f'text-anchor="middle">{escape(label)}</text>'
            )
        for value, label in yticks if yticks is not None else self._ticks("y"):
            py = float(self._y(value))
            marks.append(
                f'<path class="gdx-axis" d="M{_f(left)} {_f(py)}h-4"/>'
                f'<text class="gdx-tick" x="{_f(left - 6)}" y="{_f(py + 4)}" '
                f'text-anchor="end">{escape(label)}</text>'
            )
        if xlabel:
            marks.append(
                f'<text class="gdx-label" x="{_f((left + right) / 2)}" '
                f'y="{_f(bottom + 31)}" text-anchor="middle">{escape(xlabel)}</text>'
            )
        if ylabel:
            middle = (top + bottom) / 2
            marks.append(
                f'<text class="gdx-label" transform="translate({_f(left - 40)} '
                f'{_f(middle)}) rotate(-90)" text-anchor="middle">'
                f"{escape(ylabel)}</text>"
            )
        if title:
            marks.append(
                f'<text class="gdx-label" x="{_f(left)}" y="{_f(top - 9)}">'
                f"{escape(title)}</text>"
            )
        self._marks[:0] = marks

    def _ticks(self, axis: str) -> list[tuple[float, str]]:
        low, high = self.xlim if axis == "x" else self.ylim
        if (self.xscale if axis == "x" else self.yscale) == "log":
            exponents = _log_ticks(math.log10(low), math.log10(high))
            return [(10.0**e, power_label(int(e))) for e in exponents]
        return [(t, number_label(t)) for t in _nice_ticks(low, high)]

    def svg(self) -> str:
        return "".join(self._marks)


def _marching_squares(px, py, z, level):
    """Segments of the level line ``z == level`` on the grid of pixels px, py."""
    above = z >= level
    segments = []
    for i in range(z.shape[0] - 1):
        for j in range(z.shape[1] - 1):
            corners = ((i, j), (i, j + 1), (i + 1, j + 1), (i + 1, j))
            flags = [above[c] for c in corners]
            if all(flags) or not any(flags):
                continue
            crossings = []
            for k in range(4):
                a, b = corners[k], corners[(k + 1) % 4]
                if above[a] != above[b]:
                    t = (level - z[a]) / (z[b] - z[a])
                    crossings.append(
                        (
                            px[a[1]] + t * (px[b[1]] - px[a[1]]),
                            py[a[0]] + t * (py[b[0]] - py[a[0]]),
                        )
                    )
            segments += list(zip(crossings[0::2], crossings[1::2], strict=True))
    return segments


class Figure:
    """An SVG drawing of ``width`` by ``height`` pixels made of :class:`Axes`.

    Examples
    --------
    >>> from gdbook.explore import Figure
    >>> figure = Figure(300, 200)
    >>> ax = figure.axes((40, 10, 250, 160), xlim=(0, 10), ylim=(0, 100))
    >>> ax.frame("x", "x²")
    >>> ax.line([0, 5, 10], [0, 25, 100])
    >>> path = ax.series("point", "gdx-path")
    >>> ax.encode([5.0], [25.0])
    array([1650, 1300], dtype=int16)
    """

    def __init__(self, width: float, height: float) -> None:
        self.width, self.height = float(width), float(height)
        self.panels: list[Axes] = []
        self.series: dict[str, tuple[str, Axes, bool]] = {}

    def axes(
        self,
        box: tuple[float, float, float, float],
        *,
        xlim: tuple[float, float],
        ylim: tuple[float, float],
        xscale: str = "linear",
        yscale: str = "linear",
    ) -> Axes:
        """A panel at ``box = (left, top, width, height)`` pixels showing ``xlim``
        by ``ylim``; each scale is ``"linear"`` or ``"log"``."""
        for name, (low, high), scale in (("x", xlim, xscale), ("y", ylim, yscale)):
            if not (math.isfinite(low) and math.isfinite(high) and low < high):
                raise ValueError(f"{name}lim must be finite and increasing")
            if scale == "log" and low <= 0:
                raise ValueError(f"{name}lim must be positive on a log scale")
        panel = Axes(self, len(self.panels), box, xlim, ylim, xscale, yscale)
        self.panels.append(panel)
        return panel

    def _declare(self, name: str, cls: str, panel: Axes, dots: bool) -> None:
        if name in self.series:
            raise ValueError(f"a series named {name!r} exists already")
        self.series[name] = (cls, panel, dots)

    def svg(self, paths: dict[str, str], title: str, description: str) -> str:
        """The ``<svg>`` element, with ``paths`` (series name to path) drawn."""
        defs = [
            f'<marker id="gdx-{UID}-dot" viewBox="-3 -3 6 6" markerWidth="6" '
            'markerHeight="6" markerUnits="userSpaceOnUse">'
            '<circle class="gdx-dot" r="2.4"/></marker>'
        ]
        for panel in self.panels:
            defs.append(
                f'<clipPath id="{panel.clip_id}"><rect x="{_f(panel.left - 4)}" '
                f'y="{_f(panel.top - 4)}" width="{_f(panel.width + 8)}" '
                f'height="{_f(panel.height + 8)}"/></clipPath>'
            )
        body = [panel.svg() for panel in self.panels]
        dot = f"url(#gdx-{UID}-dot)"
        for name, (cls, panel, dots) in self.series.items():
            markers = (
                f' marker-start="{dot}" marker-mid="{dot}" marker-end="{dot}"'
                if dots
                else ""
            )
            body.append(
                f'<path class="{cls}" data-gdx-series="{name}"{markers} '
                f'clip-path="url(#{panel.clip_id})" d="{paths[name]}"/>'
            )
        return (
            f'<svg class="gdx-svg" role="img" viewBox="0 0 {_f(self.width)} '
            f'{_f(self.height)}"><title>{escape(title)}</title>'
            f"<desc>{escape(description)}</desc><defs>{''.join(defs)}</defs>"
            f"{''.join(body)}</svg>"
        )
