"""The interactive figure: sliders over a grid of gdbook runs, one frame per run."""

from __future__ import annotations

import base64
import hashlib
import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

import numpy as np

from gdbook.explore._assets import SCRIPT, STYLE
from gdbook.explore._svg import UID, Figure, path_d

#: Version of the data format the script reads.
DATA_VERSION = 1


def value_text(value: float) -> str:
    """How a slider value is printed: ``%g``, or the shortest exact form if ``%g``
    would round it (so that ``float(text) == value`` always holds).

    Examples
    --------
    >>> from gdbook.explore import value_text
    >>> value_text(0.1), value_text(1e-10), value_text(0.1234567)
    ('0.1', '1e-10', '0.1234567')
    """
    text = f"{value:g}"
    return text if float(text) == value else repr(float(value))


@dataclass(frozen=True)
class Slider:
    """One slider: a name, a visible label and the values it steps through.

    Parameters
    ----------
    name : str
        Key of the slider, as in :meth:`Explorable.frame` (``"lr"``).
    label : str
        What the reader sees next to it (``"learning rate η"``).
    values : sequence of float
        The grid, in slider order (need not be evenly spaced: the slider moves
        through the positions).
    default : float, optional
        The value shown first, one of ``values``; the first when omitted.
    texts : sequence of str, optional
        How each value is printed; :func:`value_text` of each when omitted.

    Examples
    --------
    >>> from gdbook.explore import Slider
    >>> slider = Slider("lr", "learning rate", [0.01, 0.1, 1.0], default=0.1)
    >>> slider.texts, slider.default_index
    (('0.01', '0.1', '1'), 1)
    """

    name: str
    label: str
    values: tuple[float, ...]
    default: float | None = None
    texts: tuple[str, ...] = field(default=())

    def __post_init__(self) -> None:
        values = tuple(float(v) for v in self.values)
        if not values or not all(math.isfinite(v) for v in values):
            raise ValueError(f"slider {self.name!r} needs finite values, got none")
        if len(set(values)) != len(values):
            raise ValueError(f"slider {self.name!r} has a repeated value")
        texts = tuple(self.texts) or tuple(value_text(v) for v in values)
        if len(texts) != len(values):
            raise ValueError(f"slider {self.name!r}: one text per value")
        default = values[0] if self.default is None else float(self.default)
        if default not in values:
            raise ValueError(
                f"slider {self.name!r}: default {default!r} is not one of its values"
            )
        object.__setattr__(self, "values", values)
        object.__setattr__(self, "texts", texts)
        object.__setattr__(self, "default", default)

    @property
    def default_index(self) -> int:
        """Position of the default value."""
        return self.values.index(self.default)

    def index(self, value: float) -> int:
        """Position of ``value`` on the slider (it must be one of its values)."""
        try:
            return self.values.index(float(value))
        except ValueError:
            raise ValueError(
                f"{value!r} is not a value of slider {self.name!r}: {self.texts}"
            ) from None


@dataclass(frozen=True)
class Frame:
    """What the figure shows for one combination of slider values.

    Attributes
    ----------
    paths : mapping of str to numpy.ndarray
        For each series of the figure, its stored coordinates
        (:meth:`gdbook.explore.Axes.encode`).
    readouts : mapping of str to str
        The printed values, label to text, formatted once, in Python.
    summary : str
        One sentence announced to screen readers when a slider moves.
    description : str
        What the figure shows for this run: the first part of its text
        description (its SVG ``<desc>``), which the explorable's ``legend``
        completes.
    """

    paths: Mapping[str, np.ndarray]
    readouts: Mapping[str, str]
    summary: str
    description: str


class Explorable:
    """An interactive figure of precomputed gdbook runs, as self-contained HTML.

    Shown by Jupyter and by sphinx-gallery through :meth:`_repr_html_`: an inline
    SVG, one slider per :class:`Slider`, the printed values of the selected run,
    and an inline script that switches between the stored frames. Nothing is
    computed in the browser and nothing is fetched.

    Parameters
    ----------
    title : str
        Title of the figure (its caption and its SVG ``<title>``).
    sliders : sequence of Slider
    figure : Figure
        The drawing: its static marks, and the series that change.
    frames : sequence of Frame
        One per combination of slider values, the last slider varying fastest
        (``itertools.product`` order).
    caption : str, optional
        A sentence after the title.
    legend : str, optional
        The part of the figure's text description that is the same for every
        frame (what each panel shows), after the frame's own.

    Examples
    --------
    >>> import gdbook
    >>> from gdbook.explore import Explorable, Figure, Frame, Slider
    >>> figure = Figure(320, 200)
    >>> ax = figure.axes((40, 10, 270, 160), xlim=(0, 50), ylim=(1e-12, 100),
    ...                  yscale="log")
    >>> ax.frame("step", "loss")
    >>> ax.series("loss", "gdx-path")
    'loss'
    >>> slider = Slider("lr", "learning rate", [0.1, 0.3])
    >>> frames = []
    >>> for lr in slider.values:
    ...     trace = gdbook.gradient_descent(gdbook.parabola.grad, 5.0, lr=lr,
    ...                                     steps=50, loss=gdbook.parabola)
    ...     frames.append(Frame(
    ...         paths={"loss": ax.encode(range(51), trace.losses)},
    ...         readouts={"final loss": f"{trace.loss:.6g}"},
    ...         summary=f"loss {trace.loss:.6g}",
    ...         description=f"The loss falls to {trace.loss:.6g}."))
    >>> explorable = Explorable("Loss of x² by step", [slider], figure, frames)
    >>> explorable
    <Explorable 'Loss of x² by step': learning rate (2 values, 0.1 … 0.3)>
    >>> explorable.frame(lr=0.3).readouts
    {'final loss': '4.01735e-39'}
    >>> html = explorable._repr_html_()
    >>> html.startswith('<div class="gdx"'), "http" in html
    (True, False)
    """

    def __init__(
        self,
        title: str,
        sliders: Sequence[Slider],
        figure: Figure,
        frames: Sequence[Frame],
        *,
        caption: str = "",
        legend: str = "",
    ) -> None:
        self.title = str(title)
        self.caption = str(caption)
        self.legend = f" {legend}" if legend else ""
        self.sliders = tuple(sliders)
        self.figure = figure
        self.frames = tuple(frames)
        if not self.sliders:
            raise ValueError("an explorable needs at least one slider")
        names = [s.name for s in self.sliders]
        if len(set(names)) != len(names):
            raise ValueError(f"slider names must differ, got {names}")
        expected = math.prod(len(s.values) for s in self.sliders)
        if len(self.frames) != expected:
            raise ValueError(
                f"{expected} frames expected (one per combination of slider "
                f"values), got {len(self.frames)}"
            )
        labels = list(self.frames[0].readouts)
        for frame in self.frames:
            if set(frame.paths) != set(figure.series):
                raise ValueError(
                    f"each frame needs a path for each series {list(figure.series)},"
                    f" got {list(frame.paths)}"
                )
            if list(frame.readouts) != labels:
                raise ValueError("every frame must have the same readout labels")
        self._html: str | None = None

    @property
    def shape(self) -> tuple[int, ...]:
        """Number of values of each slider."""
        return tuple(len(s.values) for s in self.sliders)

    def _position(self, values: Mapping[str, float]) -> int:
        unknown = set(values) - {s.name for s in self.sliders}
        if unknown:
            raise TypeError(f"no slider named {sorted(unknown)}")
        index = tuple(
            s.index(values[s.name]) if s.name in values else s.default_index
            for s in self.sliders
        )
        return int(np.ravel_multi_index(index, self.shape))

    def frame(self, **values: float) -> Frame:
        """The frame shown for these slider values (defaults for the others)."""
        return self.frames[self._position(values)]

    def data(self) -> dict:
        """The data the page's script reads (the JSON embedded in the HTML).

        ``codes`` is base64 of every frame's series, one after the other, as
        little-endian int16; ``offsets[f * len(series) + s]`` is where series
        ``s`` of frame ``f`` starts, in int16 units.
        """
        series = list(self.figure.series)
        chunks, offsets, total = [], [0], 0
        for frame in self.frames:
            for name in series:
                codes = np.asarray(frame.paths[name], dtype="<i2")
                chunks.append(codes.tobytes())
                total += codes.size
                offsets.append(total)
        strides = [int(np.prod(self.shape[i + 1 :])) for i in range(len(self.shape))]
        return {
            "version": DATA_VERSION,
            "series": series,
            "sliders": [{"name": s.name, "texts": list(s.texts)} for s in self.sliders],
            "strides": strides,
            "offsets": offsets,
            "codes": base64.b64encode(b"".join(chunks)).decode("ascii"),
            "readouts": [list(f.readouts.values()) for f in self.frames],
            "summaries": [f.summary for f in self.frames],
            "descriptions": [f.description for f in self.frames],
            "legend": self.legend,
        }

    def _build(self) -> str:
        first = self.frames[self._position({})]
        paths = {name: path_d(first.paths[name]) for name in self.figure.series}
        svg = self.figure.svg(paths, self.title, first.description + self.legend)
        controls = []
        for slider in self.sliders:
            k = slider.default_index
            text = escape(slider.texts[k])
            controls.append(
                '<div class="gdx-control"><label>'
                f"<span>{escape(slider.label)}</span>"
                f'<input class="gdx-range" type="range" min="0" '
                f'max="{len(slider.values) - 1}" step="1" value="{k}" '
                f'aria-valuetext="{text}" disabled></label>'
                f'<span class="gdx-value" aria-hidden="true">{text}</span></div>'
            )
        readouts = "".join(
            f'<div><dt>{escape(label)}</dt><dd class="gdx-readout">{escape(text)}</dd>'
            "</div>"
            for label, text in first.readouts.items()
        )
        caption = f" {escape(self.caption)}" if self.caption else ""
        # Inside <script>, "</" would end the element: escape <, > and & in JSON.
        data = (
            json.dumps(self.data(), ensure_ascii=False, separators=(",", ":"))
            .replace("<", "\\u003c")
            .replace(">", "\\u003e")
            .replace("&", "\\u0026")
        )
        html = (
            f'<div class="gdx" id="gdx-{UID}" data-gdx-version="{DATA_VERSION}">'
            f"<style>{STYLE.strip()}</style>"
            f'<figure class="gdx-figure"><figcaption class="gdx-caption">'
            f"<strong>{escape(self.title)}</strong>{caption}</figcaption>"
            f"{svg}</figure>"
            f'<div class="gdx-controls">{"".join(controls)}</div>'
            f'<dl class="gdx-readouts">{readouts}</dl>'
            f'<p class="gdx-status" role="status">{escape(first.summary)}</p>'
            '<p class="gdx-hint">This is the figure as first drawn: the sliders work '
            "where its script runs (in Jupyter, run the cell, or trust the notebook)."
            "</p>"
            f'<script type="application/json" class="gdx-data">{data}</script>'
            f"<script>{SCRIPT.strip()}</script></div>"
        )
        # The id is a hash of the content: the same figure gives the same HTML in
        # every process and every build, and two different figures never share ids.
        uid = hashlib.sha256(html.encode("utf-8")).hexdigest()[:12]
        return html.replace(UID, uid)

    def to_html(self) -> str:
        """The figure as an HTML fragment: inline style, SVG, data and script."""
        if self._html is None:
            self._html = self._build()
        return self._html

    def _repr_html_(self) -> str:
        return self.to_html()

    def save(self, path) -> Path:
        """Write the figure as a standalone HTML page; return its path."""
        path = Path(path)
        path.write_text(
            '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{escape(self.title)}</title></head>"
            f'<body style="font-family: sans-serif; margin: 2em">'
            f"{self.to_html()}</body></html>\n",
            encoding="utf-8",
        )
        return path

    def __repr__(self) -> str:
        sliders = "; ".join(
            f"{s.label} ({len(s.values)} values, {s.texts[0]} … {s.texts[-1]})"
            for s in self.sliders
        )
        return f"<Explorable {self.title!r}: {sliders}>"
