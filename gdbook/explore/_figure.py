"""The figure: matplotlib panels drawn once as SVG, in stand-in colours that become
the page's, and sliders over a grid of runs, a frame a run. A frame stores its
series as int16 tenths of a pixel (explore.js draws them as :func:`path_d` does) and
its texts in English and Chinese (:class:`Said`)."""

from __future__ import annotations

import base64
import functools
import hashlib
import io
import json
import math
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from html import escape
from importlib.resources import files
from typing import Any, NamedTuple, cast

import matplotlib as mpl
import numpy as np
from matplotlib import ticker
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle
from matplotlib.path import Path
from numpy.typing import ArrayLike

from gdbook._checks import ArgumentTypeError, ArgumentValueError, Array, Number, checked
from gdbook.explore._zh import Said, _chinese, _tag, say, words

#: A pair of these lifts the pen; stored units a pixel; lines are cut this many
#: pixels beyond the axes (whose clip path hides the rest).
PEN_UP, SCALE, MARGIN = -32768, 10, 8.0
#: Replaced by the explorable's id, a hash of its content.
UID = "\x00uid\x00"
#: Stand-in colours to draw with, and the page's colours that replace them.
FG, MUTED, ACCENT, WARN, DANGER = "#000001", "#000002", "#000003", "#000004", "#000005"
_PAGE = {FG: "fg", MUTED: "muted", ACCENT: "accent", WARN: "warn", DANGER: "danger"}
_RC = {
    "svg.fonttype": "none",  # text as <text>: light, selectable, the page's font
    "svg.hashsalt": "gdbook.explore",  # the same ids in every build
    **{f"{k}size": 10 for k in ("font.", "axes.title", "axes.label")},
    **{f"{k}.labelsize": 9 for k in ("xtick", "ytick")},
    **{f"{k}color": FG for k in ("axes.edge", "axes.label", "axes.title", "text.")},
    **{f"{k}.color": FG for k in ("xtick", "ytick")},
    **{f"{k}.facecolor": "none" for k in ("axes", "figure")},
}
#: The most values a slider may have, and runs an explorable may hold (each is
#: made with the figure and stored in the page).
MAX_VALUES, MAX_FRAMES = 200, 600


def style() -> Any:
    """The matplotlib settings the panels are drawn with (a context manager)."""
    return mpl.rc_context(_RC)  # type: ignore[arg-type]  # the stub lists the keys


def log_axis(ax: Axes, axis: str, values: ArrayLike, cap: float = np.inf) -> None:
    """Make ``axis`` ("x" or "y") log, over the decades of the positive finite
    ``values`` up to ``cap``; matplotlib places the ticks."""
    v = np.asarray(values, float)
    v = np.clip(v[np.isfinite(v) & (v > 0)], 1e-30, cap)
    low, high = np.log10([v.min(), v.max()]) if v.size else (-3.0, 0.0)
    low, high = np.floor(low), max(np.ceil(high), np.floor(low) + 1)
    ax.set(**{f"{axis}scale": "log", f"{axis}lim": (10**low, 10**high)})
    target = ax.xaxis if axis == "x" else ax.yaxis
    target.set_major_locator(ticker.LogLocator(numticks=5))
    target.set_major_formatter(lambda t, _: sci(t, 0))  # text: mathtext is heavy
    target.set_minor_formatter(ticker.NullFormatter())


def sci(value: float, digits: int) -> str:
    """``value`` as ``1.2e−5``, with ``digits`` digits after the point."""
    mantissa, exponent = f"{value:.{digits}e}".split("e")
    return f"{mantissa}e{int(exponent)}".replace("-", "−")


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


class Panel:
    """A matplotlib figure of ``width`` × ``height`` pixels (``tall``: two rows),
    ``margins`` (left, bottom, right, top) around its axes ``ax``.

    Draw its static parts inside :func:`style` in the stand-in colours, its texts
    through :meth:`said`; declare what changes with :meth:`add_series`, and store
    each frame's points with :meth:`encode`.
    """

    def __init__(self, width: int, height: int, tall: bool = False, margins: Any = ()):
        (left, bottom, right, top), w, h = margins or (54, 40, 10, 22), width, height
        with style():
            self.figure = Figure(figsize=(w / 72, h / 72), dpi=72)
            box = (left / w, bottom / h, 1 - (left + right) / w, 1 - (bottom + top) / h)
            self.ax: Axes = self.figure.add_axes(box)
        self.width, self.height, self.tall = width, height, tall
        self.series: dict[str, bool] = {}  # name: a dot on each point
        self.words: dict[str, str] = {}  # a text drawn: its Chinese

    def said(self, text: str) -> str:
        """``text``, to be drawn: its Chinese goes with it into the SVG."""
        self.words[text] = getattr(text, "zh", text)
        return text

    def label(self, x: str = "", y: str = "", title: str = "") -> None:
        """Label the axes ``x`` and ``y`` and give a ``title`` (where not empty)."""
        texts = dict(xlabel=x, ylabel=y, title=title)
        self.ax.set(**{k: self.said(v) for k, v in texts.items() if v})

    def add_series(self, name: str, dots: bool = False, **kw: Any) -> None:
        """Declare a line that changes with the sliders (styled by ``kw``)."""
        self.ax.autoscale(False)
        self.ax.plot(self.ax.get_xlim(), self.ax.get_ylim(), gid=f"gdx-{name}", **kw)
        self.series[name] = dots

    def encode(self, xs: ArrayLike, ys: ArrayLike, simplify: bool = False) -> Any:
        """Store points (data coordinates), clipped by matplotlib; ``simplify`` drops
        those that a straight line passes within a ninth of a pixel of."""
        self.ax.apply_aspect()  # where the axes are drawn (an equal aspect moves them)
        data, to = (
            self.ax.transData,
            self.ax.bbox.extents + MARGIN * np.r_[-1, -1, 1, 1],
        )
        with np.errstate(all="ignore"):  # the scales (log...), then the affine part
            path = data.transform_path_non_affine(Path(np.column_stack([xs, ys])))
            path = path.cleaned(data.get_affine(), True, simplify=simplify, clip=to)
        out: list[int] = []
        codes, vertices = np.asarray(path.codes), np.asarray(path.vertices)
        for code, (x, y) in zip(codes, vertices, strict=True):
            point = [round(x * SCALE), round((self.height - y) * SCALE)]
            if code == Path.STOP or (code != Path.MOVETO and point == out[-2:]):
                continue
            out += [PEN_UP, PEN_UP] * bool(code == Path.MOVETO and out) + point
        return np.array(out, dtype="<i2")

    def cells(
        self, edges: list[np.ndarray], fills: list[tuple[str, float]]
    ) -> Callable[[int], Any]:
        """Fill a cell a run of a grid (x the first slider, y the second, varying
        fastest) with its colour and alpha; return what stores run k's outline."""
        (xe, ye), box = edges, np.array([[0, 1, 1, 0, 0], [0, 0, 1, 1, 0]])
        at = list(np.ndindex(len(xe) - 1, len(ye) - 1))
        self.ax.set(xlim=xe[[0, -1]], ylim=ye[[0, -1]])
        for (i, j), (colour, alpha) in zip(at, fills, strict=True):
            size = xe[i + 1] - xe[i], ye[j + 1] - ye[j]
            cell = Rectangle((float(xe[i]), float(ye[j])), *size, lw=0, color=colour)
            self.ax.add_patch(cell).set_alpha(round(alpha, 2))
        self.add_series("here", color=FG, linewidth=2.5)
        return lambda k: self.encode(xe[at[k][0] + box[0]], ye[at[k][1] + box[1]])

    def svg(
        self, first: Mapping[str, Any], n: int, title: str = "", desc: str = ""
    ) -> str:
        """The panel as inline SVG, its series as in the frame ``first`` (``n``, its
        place in the explorable, keeps its ids apart from the other panels')."""
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
        svg = re.sub(r"(\.\d\d)\d+(?=[^<>]*>)", r"\1", svg)  # hundredths of a pixel
        svg = re.sub(r'<g id="(?!gdx-)[^"]*">', "<g>", svg)
        for colour, name in _PAGE.items():
            svg = svg.replace(colour, f"var(--gdx-{name})")
        zh = {escape(t, False): escape(z) for t, z in self.words.items() if z != t}
        svg = re.sub(  # each text's Chinese, for explore.js
            r">([^<>]*)</text>",
            lambda m: (f' data-zh="{zh[m[1]]}"' if m[1] in zh else "") + m[0],
            svg,
        )
        dot = "".join(f' marker-{m}="url(#gdx-{UID}-dot)"' for m in ("start", "mid"))
        for name, dots in self.series.items():
            d = f'data-gdx-series="{name}"{dot * dots} d="{path_d(first[name])}"'
            svg, found = re.subn(
                rf'<g id="gdx-{name}"><path d="[^"]*"', f"<path {d}", svg
            )
            assert found == 1, name
        # The ids of matplotlib's clip paths and markers, made the explorable's own.
        svg = re.sub(
            r'((?<![\w-])id="|url\(#|href="#)(?!gdx-)', rf"\1gdx-{UID}-{n}-", svg
        )
        title = title or Said(t := self.ax.get_title(), self.words.get(t))
        head = f'<svg class="gdx-svg{" gdx-tall" * self.tall}" role="img" viewBox='
        head += f'"0 0 {self.width} {self.height}">{_tag("title", title)}'
        head += f"<desc>{escape(desc)}</desc>" * bool(desc)
        if any(self.series.values()):
            head += f'<defs><marker id="gdx-{UID}-dot" viewBox="-3 -3 6 6" markerWidth='
            head += '"6" markerHeight="6" markerUnits="userSpaceOnUse"><circle r="2.4" '
            head += 'style="fill: var(--gdx-accent)"/></marker></defs>'
        return head + svg[svg.index(">") + 1 :]


def grid(low: float = -np.inf) -> Any:
    """A check: a slider's values, 1 to :data:`MAX_VALUES` distinct finite numbers
    above ``low``, as a tuple of floats."""

    def check(value: Any, name: str, given: Any = None) -> tuple[float, ...]:
        v = Array(ndim=1)(value, name)
        if v.size > MAX_VALUES:
            why = f"an explorable stores a run per value, at most {MAX_VALUES}"
            raise ArgumentValueError(name, f"{name} has {v.size} values: {why}")
        if v.min() <= low or np.unique(v).size != v.size:
            why = f"distinct values above {low:g}" if low > -np.inf else "distinct"
            raise ArgumentValueError(name, f"{name} must hold {why}, got {value!r}")
        return tuple(v.tolist())

    return check


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


def items(kind: type, empty: bool = False) -> Any:
    """A check: a list or tuple of ``kind`` (not empty unless ``empty``), a tuple."""

    def check(value: Any, name: str, given: Any = None) -> tuple[Any, ...]:
        if not isinstance(value, list | tuple) or not (value or empty):
            raise ArgumentTypeError(name, f"{name} must be a list, got {value!r}")
        if not all(isinstance(v, kind) for v in value):
            raise ArgumentTypeError(name, f"{name} must hold {kind.__name__}s")
        return tuple(value)

    return check


@dataclass(frozen=True)
class Slider:
    """A slider: its name, its label, its values, the position shown first."""

    name: str
    label: Said
    values: Sequence[float]
    start: int = 0

    def text(self, k: int) -> str:
        """Value ``k`` as ``%g``, or its shortest exact form if ``%g`` rounds it."""
        text = f"{self.values[k]:g}"
        return text if float(text) == self.values[k] else repr(self.values[k])


class Frame(NamedTuple):
    """A run: each series' stored points, its printed values, what it is said to do."""

    paths: Mapping[str, np.ndarray]
    readouts: Mapping[str, str]
    description: str


class Explorable:
    """An interactive figure of precomputed runs, made by the explorers.

    Jupyter and sphinx-gallery show its HTML: the panels as inline SVG, a slider a
    setting, the printed values of the selected run, and ``explore.js``, which swaps
    the stored frames with no kernel and no network, in English or, where the page
    is in Chinese, in Chinese.

    Parameters
    ----------
    title, caption : str or (str, str)
        Its title, and what it shows (in English, or in English and Chinese).
    sliders, panels, frames : list
        Its sliders, its matplotlib panels, and a frame per combination of the
        sliders' values (the last slider varying fastest).
    runs : list
        The runs behind the frames, in their order.

    Examples
    --------
    >>> from gdbook import parabola
    >>> from gdbook.explore import learning_rate_explorer
    >>> explorable = learning_rate_explorer(parabola, 5.0, lrs=[0.1, 0.9], steps=9)
    >>> explorable.frame(lr=0.9).readouts["behaviour"]
    'oscillates, converging slowly'
    >>> print(explorable.runs[1].x)  # 5 × (1 − 2 × 0.9)⁹
    -0.6710886400000005
    """

    @checked(
        title=words,
        caption=words,
        sliders=items(Slider),
        panels=items(Panel),
        frames=items(Frame),
        runs=items(object, empty=True),
    )
    def __init__(
        self,
        title: str | tuple[str, str],
        caption: str | tuple[str, str],
        sliders: Sequence[Slider],
        panels: Sequence[Panel],
        frames: Sequence[Frame],
        runs: Sequence[Any] = (),
    ) -> None:
        self.title, self.caption = cast(Said, title), cast(Said, caption)  # checked
        self.runs = runs
        self.sliders, self.panels, self.frames = sliders, panels, frames
        self.shape = tuple(len(s.values) for s in self.sliders)
        self.series = [name for panel in panels for name in panel.series]
        if len(frames) != math.prod(self.shape) or any(
            set(f.paths) != set(self.series) for f in frames
        ):
            raise ArgumentValueError("frames", f"frames: {self.shape} of {self.series}")

    def frame(self, **values: float) -> Frame:
        """The frame shown for these slider values.

        Parameters
        ----------
        **values : float
            A value of each slider, by its name (the first shown where omitted).

        Returns
        -------
        Frame
            The run's stored ``paths``, its printed ``readouts`` (label: text) and
            its ``description``.

        Examples
        --------
        See :class:`Explorable`.
        """
        if unknown := sorted(set(values) - {s.name for s in self.sliders}):
            raise ArgumentTypeError(unknown[0], f"{unknown[0]}: no slider of this name")
        at = [
            one_of(s.values, values.get(s.name), s.name, s.start) for s in self.sliders
        ]
        return self.frames[int(np.ravel_multi_index(at, self.shape))]

    @functools.cache  # noqa: B019 (one HTML an explorable, kept while it lives)
    def to_html(self) -> str:
        """The figure as an HTML fragment: inline style, SVG, data and script.

        Returns
        -------
        str
            The same in every process for the same figure (its ids are a hash).

        Examples
        --------
        >>> from gdbook import parabola
        >>> from gdbook.explore import learning_rate_explorer
        >>> html = learning_rate_explorer(parabola, 1.0, lrs=[0.1], steps=2).to_html()
        >>> html.startswith('<div class="gdx"'), "<svg" in html, "<script>" in html
        (True, True, True)
        """
        first, series = self.frame(), self.series
        codes = [np.asarray(f.paths[s], "<i2") for f in self.frames for s in series]
        texts = [[f.description, *f.readouts.values()] for f in self.frames]
        data = {  # series s of frame f at offsets[f * len(series) + s] of the codes
            "version": 3,
            "series": series,
            "sliders": [
                [s.text(k) for k in range(len(s.values))] for s in self.sliders
            ],
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
        desc = f"{first.description} {self.caption}"
        hint = say(
            "This is the figure as first drawn: the sliders work where its script runs "
            "(in Jupyter, run the cell, or trust the notebook)."
        )
        html = f'<div class="gdx" id="gdx-{UID}" data-gdx-version="3"><style>'
        html += f"{_asset('explore.css')}</style><figure><figcaption>"
        html += _tag("strong", self.title) + " "
        html += _tag("span", self.caption, ' class="gdx-caption"') + "</figcaption>"
        html += '<div class="gdx-panels">'
        html += self.panels[0].svg(first.paths, 0, self.title, desc)
        html += "".join(
            p.svg(first.paths, n + 1) for n, p in enumerate(self.panels[1:])
        )
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


def _asset(name: str) -> str:
    return files("gdbook.explore").joinpath(name).read_text(encoding="utf-8").strip()
