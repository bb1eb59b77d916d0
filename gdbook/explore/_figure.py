"""The figure: matplotlib panels drawn once as SVG in stand-in colours (the page's, in
the page), and sliders over a grid of runs, a frame a run: its lines as int16 tenths
of a pixel (:func:`path_d`), its texts in English and Chinese (:class:`Said`)."""

from __future__ import annotations

import base64
import functools
import hashlib
import io
import json
import math
import re
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from html import escape
from importlib.resources import files
from typing import Any, NamedTuple

import matplotlib as mpl
import numpy as np
from matplotlib import ticker
from matplotlib.colors import to_rgba
from matplotlib.figure import Figure
from matplotlib.path import Path
from matplotlib.text import Text
from numpy.typing import ArrayLike

from gdbook._checks import ArgumentTypeError, ArgumentValueError, Array, Number


def _asset(name: str) -> str:
    return files("gdbook.explore").joinpath(name).read_text(encoding="utf-8").strip()


#: The Chinese of each English template (its fields kept).
ZH: dict[str, str] = tomllib.loads(_asset("zh_CN.toml"))


class Said(str):
    """A text in English (the string itself) that knows its Chinese, ``zh``."""

    zh: str

    def __new__(cls, english: str, chinese: str | None = None) -> Said:
        said = super().__new__(cls, english)
        said.zh = english if chinese is None else chinese
        return said

    def __str__(self) -> Said:  # str() keeps it, so matplotlib's texts do
        return self


def say(english: str, **values: Any) -> Said:
    """The template ``english`` and its Chinese (:data:`ZH`) filled with ``values``.

    >>> say("x after {n} steps", n=3).zh
    '3 步后的 x'
    """
    chinese = {k: getattr(v, "zh", v) for k, v in values.items()}
    return Said(english.format(**values), ZH[english].format(**chinese))


def join(texts: Iterable[Said]) -> Said:
    return functools.reduce(lambda a, b: say("{a}, {b}", a=a, b=b), texts)


def words(value: Any, name: str, given: Any = None) -> Said:
    """A check: a str, or a pair of str (English, Chinese), as :class:`Said`."""
    if isinstance(value, str):
        return value if isinstance(value, Said) else Said(value)
    if isinstance(value, list | tuple) and len(value) == 2:
        if all(isinstance(v, str) for v in value):
            return Said(*value)
    raise ArgumentTypeError(name, f"{name} must be a str or a pair of str")


def _chinese(text: str) -> str | int:
    """The Chinese of ``text``, or 0 where it is the English (a number, code)."""
    return 0 if (zh := getattr(text, "zh", text)) == text else zh


def _tag(tag: str, text: str, attributes: str = "") -> str:
    """``<tag attributes>text</tag>``, its Chinese in ``data-zh`` if it has one."""
    if zh := _chinese(text):
        attributes += f' data-zh="{escape(str(zh))}"'
    return f"<{tag}{attributes}>{escape(text)}</{tag}>"


#: A pair of these lifts the pen; stored units a pixel; lines are cut this many
#: pixels beyond the axes (whose clip path hides the rest).
PEN_UP, SCALE, MARGIN = -32768, 10, 8.0
#: Replaced by the explorable's id, a hash of its content.
UID = "\x00uid\x00"
#: Stand-in colours to draw with, and the page's colours that replace them.
FG, MUTED, ACCENT, DANGER = "#000001", "#000002", "#000003", "#000005"
_PAGE = {FG: "fg", MUTED: "muted", ACCENT: "accent", DANGER: "danger"}
_RC = {
    "svg.fonttype": "none",  # text as <text>: light, selectable, the page's font
    "svg.hashsalt": "gdbook.explore",  # the same ids in every build
    **{f"{k}size": 10 for k in ("font.", "axes.title", "axes.label")},
    **{f"{k}.labelsize": 9 for k in ("xtick", "ytick")},
    **{f"{k}color": FG for k in ("axes.edge", "axes.label", "axes.title", "text.")},
    **{f"{k}.color": FG for k in ("xtick", "ytick")},
    **{f"{k}.facecolor": "none" for k in ("axes", "figure")},
}
#: What the SVG loses: matplotlib's style sheet (whose "*{...}" would reach every
#: element of the page), metadata and fonts (the page's), needless rotations,
#: digits beyond a hundredth of a pixel, the ids of its groups, its line breaks.
_TRIM = {
    r"<style.*?</style>|<metadata>.*?</metadata>|font-family:[^;\"]*;?\s*": "",
    r' transform="rotate\(-0 [^"]*\)"': "",
    r"(\.\d\d)\d+(?=[^<>]*>)": r"\1",
    r'<g id="(?!gdx-)[^"]*">': "<g>",
    r"\s*\n\s*": " ",
    "> <": "><",
}
#: The ids of matplotlib's clip paths and markers (made the explorable's own).
_IDS = r'((?<![\w-])id="|url\(#|href="#)(?!gdx-)'
#: The dot drawn on each point of a series that asks for them.
_DOT = (
    f'<defs><marker id="gdx-{UID}-dot" viewBox="-3 -3 6 6" markerWidth="6" '
    'markerHeight="6" markerUnits="userSpaceOnUse"><circle r="2.4" style="fill: '
    'var(--gdx-accent)"/></marker></defs>'
)
MAX_VALUES, MAX_FRAMES = 200, 600  #: a slider's values, an explorable's runs (stored)
#: The matplotlib settings the panels are drawn with (a context manager).
style = functools.partial(mpl.rc_context, _RC)  # type: ignore[arg-type]


def path_d(codes: np.ndarray) -> str:
    """The SVG path of stored codes, ``M x y L x y ...``, as explore.js makes it.

    >>> path_d(np.array([10, 205, 30, 200, PEN_UP, PEN_UP, -5, 0], dtype=np.int16))
    'M1 20.5L3 20M-0.5 0'
    """
    d, command = "", "M"
    for x, y in np.reshape(codes, (-1, 2)).tolist():
        if x != PEN_UP:
            d += f"{command}{x / SCALE:g} {y / SCALE:g}"
        command = "M" if x == PEN_UP else "L"
    return d


def _at(values: Sequence[float], v: ArrayLike) -> Any:
    """Where ``v`` falls among the sorted ``values``, a cell each (linear beyond)."""
    x, v = np.asarray(values, float), np.asarray(v, float)
    if x.size == 1:
        return v - x[0]
    k = np.clip(np.searchsorted(x, v), 1, x.size - 1)
    return k - 1 + (v - x[k - 1]) / (x[k] - x[k - 1])


class Panel:
    """A figure of ``width`` × ``height`` pixels, its axes ``ax`` inside ``margins``."""

    def __init__(self, width: int, height: int, margins: Any = (54, 40, 10, 22)):
        (left, bottom, right, top), w, h = margins, width, height
        with style():
            self.figure = Figure(figsize=(w / 72, h / 72), dpi=72)
            box = (left / w, bottom / h, 1 - (left + right) / w, 1 - (bottom + top) / h)
            self.ax = self.figure.add_axes(box)
        self.width, self.height = width, height
        self.series: dict[str, bool] = {}  # name: a dot on each point

    def add_series(self, name: str, dots: bool = False, **kw: Any) -> None:
        """Declare a line that changes with the sliders (styled by ``kw``)."""
        self.ax.autoscale(False)
        self.ax.plot(self.ax.get_xlim(), self.ax.get_ylim(), gid=f"gdx-{name}", **kw)
        self.series[name] = dots

    def encode(self, xs: ArrayLike, ys: ArrayLike, simplify: bool = False) -> Any:
        """Points (data coordinates) as stored, clipped and simplified by matplotlib."""
        self.ax.apply_aspect()  # where the axes are drawn (an equal aspect moves them)
        data = self.ax.transData
        clip = self.ax.bbox.extents + MARGIN * np.r_[-1, -1, 1, 1]
        with np.errstate(all="ignore"):  # the scales (log...), then the affine part
            path = data.transform_path_non_affine(Path(np.column_stack([xs, ys])))
            path = path.cleaned(data.get_affine(), True, simplify=simplify, clip=clip)
        out: list[int] = []
        codes, vertices = np.asarray(path.codes), np.asarray(path.vertices)
        for code, (x, y) in zip(codes, vertices, strict=True):
            point = [round(x * SCALE), round((self.height - y) * SCALE)]
            if code == Path.STOP or (code != Path.MOVETO and point == out[-2:]):
                continue
            out += [PEN_UP, PEN_UP] * bool(code == Path.MOVETO and out) + point
        return np.array(out, dtype="<i2")

    def cells(self, sliders: Any, strengths: Any, guides: Any, title: str) -> Any:
        """A cell a run, stronger its colour the higher its strength (None: red), and
        ``guides``; returns what stores run k's outline."""
        ax, shape = self.ax, [len(s.values) for s in sliders] + [1] * (2 - len(sliders))
        i, j = np.indices(shape).reshape(2, -1)
        colours = [
            to_rgba(DANGER, 0.4) if v is None else to_rgba(ACCENT, 0.06 + 0.55 * v)
            for v in strengths
        ]
        with style():
            ax.bar(i, 1, 1, j - 0.5, color=colours, linewidth=0)
            ax.set(xlim=(-0.5, shape[0] - 0.5), ylim=(-0.5, shape[1] - 0.5), yticks=[])
            ax.set_title(title)
            for axis, s in zip((ax.xaxis, ax.yaxis), sliders, strict=False):
                axis.set_major_locator(ticker.MaxNLocator(7, integer=True))
                axis.set(major_formatter=s.tick, label_text=s.label)
            ring: dict[str, Any] = dict(ls="", marker="o", mfc="none", mec=FG, ms=9)
            line: dict[str, Any] = dict(ls="--", color=DANGER, lw=1.2)
            for xs, ys, _ in guides:
                y = _at(sliders[1].values, ys) if len(sliders) > 1 else ys
                x = _at(sliders[0].values, xs)
                ax.plot(x, y, **(ring if len(xs) == 1 else line))
            self.add_series("here", color=FG, linewidth=2.5)
        box = np.array([[-1, 1, 1, -1, -1], [-1, -1, 1, 1, -1]]) / 2
        return lambda k: self.encode(i[k] + box[0], j[k] + box[1])

    def svg(self, first: Mapping[str, Any], n: int, desc: str = "") -> str:
        """The panel as inline SVG, its series as in the frame ``first``."""
        buffer = io.StringIO()
        with style():
            self.figure.savefig(buffer, format="svg", metadata={"Date": None})
        svg = buffer.getvalue()
        svg = svg[svg.index("<svg") :]
        for pattern, new in _TRIM.items():
            svg = re.sub(pattern, new, svg, flags=re.S)
        for colour, name in _PAGE.items():
            svg = svg.replace(colour, f"var(--gdx-{name})")
        texts = [t.get_text() for t in self.figure.findobj(Text)]
        zh = {escape(t, False): escape(str(_chinese(t))) for t in texts if _chinese(t)}
        svg = re.sub(  # each text's Chinese, for explore.js
            r">([^<>]*)</text>",
            lambda m: (f' data-zh="{zh[m[1]]}"' if m[1] in zh else "") + m[0],
            svg,
        )
        dot = "".join(f' marker-{m}="url(#gdx-{UID}-dot)"' for m in ("start", "mid"))
        for name, dots in self.series.items():
            d = f'<path data-gdx-series="{name}"{dot * dots} d="{path_d(first[name])}"'
            svg, found = re.subn(rf'<g id="gdx-{name}"><path d="[^"]*"', d, svg)
            assert found == 1, name
        svg = re.sub(_IDS, rf"\1gdx-{UID}-{n}-", svg)
        w, h, title = self.width, self.height, _tag("title", self.ax.get_title())
        head = f'<svg class="gdx-svg" role="img" viewBox="0 0 {w} {h}">{title}'
        head += f"<desc>{escape(desc)}</desc>" * bool(desc)
        return head + _DOT * any(self.series.values()) + svg[svg.index(">") + 1 :]


def grid(value: Any, name: str, given: Any = None, low: float = -np.inf) -> Any:
    """A check: a slider's values, 1 to 200 distinct finite numbers above ``low``."""
    v = Array(ndim=1)(value, name)
    if v.size > MAX_VALUES:
        why = f"an explorable stores a run per value, at most {MAX_VALUES}"
        raise ArgumentValueError(name, f"{name} has {v.size} values: {why}")
    if v.min() <= low or np.unique(v).size != v.size:
        why = f"distinct values above {low:g}" if low > -np.inf else "distinct"
        raise ArgumentValueError(name, f"{name} must hold {why}, got {value!r}")
    return tuple(v.tolist())


def one_of(values: Sequence[float], value: Any, name: str, default: int = 0) -> int:
    """Where ``value`` (argument ``name``) is in ``values``; ``default`` if None."""
    if value is not None and Number()(value, name) not in values:
        raise ArgumentValueError(name, f"{name}={value!r} is not one of {values}")
    return default if value is None else values.index(value)


def check_runs(argument: str, sizes: Mapping[str, int]) -> None:
    """Refuse a grid of more than :data:`MAX_FRAMES` runs, naming ``argument``."""
    if (runs := math.prod(sizes.values())) > MAX_FRAMES:
        asked = " × ".join(f"{n} {name}" for name, n in sizes.items())
        why = f"an explorable stores at most {MAX_FRAMES}"
        raise ArgumentValueError(argument, f"{asked} make {runs} runs: {why}")


@dataclass(frozen=True)
class Slider:
    """A slider of an explorable."""

    name: str  #: its argument's name
    label: Said  #: what it is called on the page
    values: Sequence[float]  #: its values
    start: int = 0  #: the position shown first

    def text(self, k: int) -> str:
        """Value ``k`` as ``%g``, or its shortest exact form if ``%g`` rounds it."""
        text = f"{self.values[k]:g}"
        return text if float(text) == self.values[k] else repr(self.values[k])

    def tick(self, at: float, _: Any = None) -> str:
        """The value of cell ``at``, as a tick's label."""
        k = round(at)
        return self.text(k) if k == at and 0 <= k < len(self.values) else ""

    def said(self, k: int) -> Said:
        """Its label and value ``k``."""
        return Said(f"{self.label} {self.text(k)}", f"{self.label.zh} {self.text(k)}")


class Frame(NamedTuple):
    """A run, as the figure shows it."""

    paths: Mapping[str, np.ndarray]  #: each series' stored points
    readouts: Mapping[str, str]  #: its printed values, by label
    description: str  #: what it is said to do


@dataclass(eq=False)
class Explorable:  # numpydoc ignore=PR01,EX01
    """An interactive figure of precomputed runs: sliders swap the stored frames."""

    title: Said  #: The title (a str, or a pair of str: English, Chinese).
    caption: Said  #: What it shows (likewise).
    sliders: Sequence[Slider]  #: A slider a setting.
    panels: Sequence[Panel]  #: Its matplotlib panels.
    frames: Sequence[Frame]  #: A frame per setting of the sliders (the last fastest).
    runs: Sequence[Any] = ()  # the runs behind the frames, in their order

    def __post_init__(self) -> None:
        self.title = words(self.title, "title")
        self.caption = words(self.caption, "caption")
        kinds = dict(sliders=Slider, panels=Panel, frames=Frame, runs=object)
        for name, kind in kinds.items():
            items = getattr(self, name)  # a list of kind, empty only for runs
            if not isinstance(items, list | tuple) or not (items or name == "runs"):
                raise ArgumentTypeError(name, f"{name} must be a list, got {items!r}")
            if not all(isinstance(v, kind) for v in items):
                raise ArgumentTypeError(name, f"{name} must hold {kind.__name__}s")
            setattr(self, name, tuple(items))
        self.shape = tuple(len(s.values) for s in self.sliders)
        self.series = [name for panel in self.panels for name in panel.series]
        if len(self.frames) != math.prod(self.shape) or any(
            set(f.paths) != set(self.series) for f in self.frames
        ):
            raise ArgumentValueError("frames", f"frames: {self.shape} of {self.series}")

    def frame(self, **at: float) -> Frame:  # numpydoc ignore=PR01,RT01,EX01
        """The frame shown at these values of the sliders (by name; default: first)."""
        if unknown := sorted(set(at) - {s.name for s in self.sliders}):
            raise ArgumentTypeError(unknown[0], f"{unknown[0]}: no slider of this name")
        k = [one_of(s.values, at.get(s.name), s.name, s.start) for s in self.sliders]
        return self.frames[int(np.ravel_multi_index(k, self.shape))]

    @functools.cache  # noqa: B019 (one HTML an explorable, kept while it lives)
    def to_html(self) -> str:  # numpydoc ignore=RT01,EX01
        """The figure as HTML, the same in every process (its ids: a hash of it)."""
        first, series = self.frame(), self.series
        codes = [np.asarray(f.paths[s], "<i2") for f in self.frames for s in series]
        texts = [[f.description, *f.readouts.values()] for f in self.frames]
        data = {  # series s of frame f at offsets[f * len(series) + s] of the codes
            "version": 3,
            "series": series,
            "sliders": [list(map(s.text, range(len(s.values)))) for s in self.sliders],
            "strides": [math.prod(self.shape[i + 1 :]) for i in range(len(self.shape))],
            "offsets": np.cumsum([0] + [c.size for c in codes]).tolist(),
            "codes": base64.b64encode(b"".join(c.tobytes() for c in codes)).decode(),
            # Each frame's description and readouts, and their Chinese (0: the same).
            "texts": texts,
            "zh": [[_chinese(t) for t in row] for row in texts],
        }
        # Inside <script>, "</" would end the element: escape <, > and & in JSON.
        text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        text = re.sub("[<>&]", lambda m: f"\\u{ord(m[0]):04x}", text)
        hint = say(
            "This is the figure as first drawn: the sliders work where its script runs "
            "(in Jupyter, run the cell, or trust the notebook)."
        )
        html = f'<div class="gdx" id="gdx-{UID}" data-gdx-version="3"><style>'
        html += f"{_asset('explore.css')}</style><figure><figcaption>"
        html += _tag("strong", self.title) + " "
        html += _tag("span", self.caption, ' class="gdx-caption"') + "</figcaption>"
        html += '<div class="gdx-panels">'
        desc = f"{first.description} {self.caption}"
        for n, panel in enumerate(self.panels):
            html += panel.svg(first.paths, n, desc * (n == 0))
        html += '</div></figure><div class="gdx-controls">'
        for s in self.sliders:
            html += f'<label>{_tag("span", s.label)}<span class="gdx-value" '
            html += f'aria-hidden="true">{s.text(s.start)}</span><input type="range" '
            html += f'class="gdx-range" min="0" max="{len(s.values) - 1}" step="1" '
            html += f'value="{s.start}" aria-valuetext="{s.text(s.start)}" disabled>'
            html += "</label>"
        html += '</div><dl class="gdx-readouts">'
        for label, value in first.readouts.items():
            html += f'<div>{_tag("dt", label)}<dd class="gdx-readout">'
            html += f"{escape(value)}</dd></div>"
        html += f'</dl><p class="gdx-status" role="status">{escape(first.description)}'
        html += "</p>" + _tag("p", hint, ' class="gdx-hint"')
        html += f'<script type="application/json" class="gdx-data">{text}</script>'
        html += f"<script>{_asset('explore.js')}</script></div>"
        return html.replace(UID, hashlib.sha256(html.encode()).hexdigest()[:12])

    def _repr_html_(self) -> str:
        return self.to_html()

    def __repr__(self) -> str:
        sliders = "; ".join(
            f"{s.label} ({len(s.values)} values, {s.text(0)} … {s.text(-1)})"
            for s in self.sliders
        )
        return f"<Explorable {self.title!r}: {sliders}>"
