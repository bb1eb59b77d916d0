"""The interactive figure: sliders over a grid of gdbook runs, one frame per run."""

from __future__ import annotations

import base64
import functools
import hashlib
import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from html import escape
from importlib.resources import files
from os import PathLike
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import ArrayLike

from gdbook._checks import Array
from gdbook.explore._draw import UID, Panel

#: Version of the data format the script reads.
DATA_VERSION = 2
#: The most values a slider may have, and frames an explorable may hold: each frame
#: is a run computed when the figure is built and stored in the page.
MAX_VALUES, MAX_FRAMES = 200, 600


def _asset(name: str) -> str:
    return files("gdbook.explore").joinpath(name).read_text(encoding="utf-8").strip()


def value_text(value: float) -> str:
    """How a slider value is printed: ``%g``, or the shortest exact form if ``%g``
    would round it (so that ``float(text) == value`` always holds).

    >>> value_text(0.1), value_text(1e-10), value_text(0.1234567)
    ('0.1', '1e-10', '0.1234567')
    """
    text = f"{value:g}"
    return text if float(text) == value else repr(float(value))


def grid_values(values: ArrayLike, name: str) -> tuple[float, ...]:
    """The values of a slider: real, finite, distinct, at most :data:`MAX_VALUES`."""
    if (size := np.size(values)) > MAX_VALUES:
        raise ValueError(
            f"{name} has {size} values; an explorable stores one run per value, "
            f"at most {MAX_VALUES} a slider: pass fewer"
        )
    grid: tuple[float, ...] = tuple(Array(ndim=1)(values, name).tolist())
    if len(set(grid)) != len(grid):
        raise ValueError(f"{name} has a repeated value: {grid}")
    return grid


def check_frames(sizes: Mapping[str, int]) -> None:
    """Refuse a grid of more than :data:`MAX_FRAMES` runs, naming its arguments."""
    if math.prod(sizes.values()) > MAX_FRAMES:
        asked = " × ".join(f"{n} {name}" for name, n in sizes.items())
        raise ValueError(
            f"{asked} make {math.prod(sizes.values())} runs; an explorable stores at "
            f"most {MAX_FRAMES}: pass fewer values"
        )


@dataclass(frozen=True)
class Slider:
    """One slider: a name, a visible label and the values it steps through.

    ``default`` is the value shown first (the first when omitted); ``texts`` how
    each value is printed (:func:`value_text` when omitted).

    >>> slider = Slider("lr", "learning rate", [0.01, 0.1, 1.0], default=0.1)
    >>> slider.texts, slider.default_index
    (('0.01', '0.1', '1'), 1)
    """

    name: str
    label: str
    values: Sequence[float]
    default: float | None = None
    texts: Sequence[str] = field(default=())

    def __post_init__(self) -> None:
        values = grid_values(self.values, self.name)
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
    """One combination of slider values: each series' stored points, the printed
    values (label to text), and what a screen reader announces."""

    paths: Mapping[str, np.ndarray]
    readouts: Mapping[str, str]
    description: str


class Explorable:
    """An interactive figure of precomputed runs, as self-contained HTML (shown by
    Jupyter and sphinx-gallery): the panels as inline SVG, one slider per
    :class:`Slider`, the printed values of the selected run, and the script that
    switches between ``frames`` (one per combination of slider values, the last
    slider varying fastest). ``runs`` keeps the explorers' traces, in frame order.
    """

    def __init__(
        self,
        title: str,
        sliders: Sequence[Slider],
        panels: Sequence[Panel],
        frames: Sequence[Frame],
        *,
        caption: str = "",
        legend: str = "",
        runs: Sequence[Any] = (),
    ) -> None:
        self.title: str = str(title)
        self.caption: str = str(caption)
        self.runs: tuple[Any, ...] = tuple(runs)
        self.legend: str = f" {legend}" if legend else ""
        self.sliders: tuple[Slider, ...] = tuple(sliders)
        self.panels: tuple[Panel, ...] = tuple(panels)
        self.frames: tuple[Frame, ...] = tuple(frames)
        names = [s.name for s in self.sliders]
        if not names or len(set(names)) != len(names):
            raise ValueError(f"an explorable needs sliders of distinct names: {names}")
        expected = math.prod(self.shape)
        if len(self.frames) != expected:
            raise ValueError(
                f"{expected} frames expected (one per combination of slider "
                f"values), got {len(self.frames)}"
            )
        self.series: list[str] = [
            name for panel in self.panels for name in panel.series
        ]
        labels = list(self.frames[0].readouts)
        for frame in self.frames:
            if set(frame.paths) != set(self.series) or list(frame.readouts) != labels:
                raise ValueError(
                    f"each frame needs a path for each series {self.series} and "
                    f"the readouts {labels}"
                )

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

    def data(self) -> dict[str, Any]:
        """The data the page's script reads: ``codes`` is base64 of every frame's
        series, one after the other, as little-endian int16;
        ``offsets[f * len(series) + s]`` is where series ``s`` of frame ``f`` starts."""
        chunks = [
            np.asarray(f.paths[name], dtype="<i2")
            for f in self.frames
            for name in self.series
        ]
        strides = [math.prod(self.shape[i + 1 :]) for i in range(len(self.shape))]
        return {
            "version": DATA_VERSION,
            "series": self.series,
            "sliders": [list(s.texts) for s in self.sliders],
            "strides": strides,
            "offsets": np.cumsum([0] + [c.size for c in chunks]).tolist(),
            "codes": base64.b64encode(b"".join(c.tobytes() for c in chunks)).decode(),
            "readouts": [list(f.readouts.values()) for f in self.frames],
            "descriptions": [f.description for f in self.frames],
            "legend": self.legend,
        }

    def _build(self) -> str:
        first = self.frame()
        svgs = "".join(
            panel.svg(
                first.paths,
                escape(self.title if k == 0 else panel.ax.get_title()),
                escape(first.description + self.legend) if k == 0 else "",
                index=k,
            )
            for k, panel in enumerate(self.panels)
        )
        controls = "".join(
            f"<label><span>{escape(s.label)}</span>"
            f'<span class="gdx-value" aria-hidden="true">{escape(s.texts[k])}</span>'
            f'<input class="gdx-range" type="range" min="0" max="{len(s.values) - 1}" '
            f'step="1" value="{k}" aria-valuetext="{escape(s.texts[k])}" disabled>'
            "</label>"
            for s, k in ((s, s.default_index) for s in self.sliders)
        )
        readouts = "".join(
            f'<div><dt>{escape(label)}</dt><dd class="gdx-readout">{escape(text)}</dd>'
            "</div>"
            for label, text in first.readouts.items()
        )
        caption = f" {escape(self.caption)}" if self.caption else ""
        # Inside <script>, "</" would end the element: escape <, > and & in JSON.
        data = json.dumps(self.data(), ensure_ascii=False, separators=(",", ":"))
        for char in "<>&":
            data = data.replace(char, f"\\u{ord(char):04x}")
        html = (
            f'<div class="gdx" id="gdx-{UID}" data-gdx-version="{DATA_VERSION}">'
            f"<style>{_asset('explore.css')}</style>"
            f"<figure><figcaption><strong>{escape(self.title)}</strong>{caption}"
            f'</figcaption><div class="gdx-panels">{svgs}</div></figure>'
            f'<div class="gdx-controls">{controls}</div>'
            f'<dl class="gdx-readouts">{readouts}</dl>'
            f'<p class="gdx-status" role="status">{escape(first.description)}</p>'
            '<p class="gdx-hint">This is the figure as first drawn: the sliders work '
            "where its script runs (in Jupyter, run the cell, or trust the notebook)."
            "</p>"
            f'<script type="application/json" class="gdx-data">{data}</script>'
            f"<script>{_asset('explore.js')}</script></div>"
        )
        # The id is a hash of the content: the same figure gives the same HTML in
        # every process and every build, and two different figures never share ids.
        uid = hashlib.sha256(html.encode("utf-8")).hexdigest()[:12]
        return html.replace(UID, uid)

    @functools.cache  # noqa: B019 (one HTML an explorable, kept while it lives)
    def to_html(self) -> str:
        """The figure as an HTML fragment: inline style, SVG, data and script."""
        return self._build()

    def _repr_html_(self) -> str:
        return self.to_html()

    def save(self, path: str | PathLike[str]) -> Path:
        """Write the figure as a standalone HTML page; return its path."""
        target = Path(path)
        target.write_text(
            '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{escape(self.title)}</title></head>"
            f'<body style="font-family: sans-serif; margin: 1em">'
            f"{self.to_html()}</body></html>\n",
            encoding="utf-8",
        )
        return target

    def __repr__(self) -> str:
        sliders = "; ".join(
            f"{s.label} ({len(s.values)} values, {s.texts[0]} … {s.texts[-1]})"
            for s in self.sliders
        )
        return f"<Explorable {self.title!r}: {sliders}>"
