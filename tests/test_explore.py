"""gdbook.explore: the data written for a page is what gdbook computes.

The explorables are decoded from their HTML, as the page's script reads them, and
compared with gdbook runs made here, projected by matplotlib's own transforms; the
HTML is checked to be self-contained, deterministic (across processes) and small,
and bad input to be refused at once, naming the argument. The script is checked
with Node when it is installed; the browser tests
(tests/site/test_site_explorables.py) run it.
"""

from __future__ import annotations

import base64
import functools
import itertools
import json
import re
import shutil
import string
import subprocess
import sys
import time
import warnings
from html.parser import HTMLParser
from importlib.resources import files

import numpy as np
import pytest

import gdbook
from gdbook import explore
from gdbook.explore import Explorable
from gdbook.explore._explorers import behaviour
from gdbook.explore._figure import PEN_UP, ZH, Frame, Panel, Slider, path_d, say

SCRIPT = files("gdbook.explore").joinpath("explore.js").read_text(encoding="utf-8")
PARABOLA_LRS = [0.001, 0.05, 0.1, 0.5, 0.9, 1.0, 1.1]
BOWL_LRS = [1e-10, 0.1, 0.9, 1.0, 1.5, 10.0]


def function_2(x):
    return x[0] ** 2 + x[1] ** 2


@functools.cache
def parabola_explorable() -> Explorable:
    return explore.learning_rate_explorer(
        gdbook.parabola, 5.0, lrs=PARABOLA_LRS, steps=50, smoothness=2.0, default=0.1
    )


@functools.cache
def bowl_explorable() -> Explorable:
    return explore.learning_rate_explorer(
        function_2,
        [-3.0, 4.0],
        grad=functools.partial(gdbook.numerical_gradient, function_2),
        minimum=[0.0, 0.0],
        lrs=BOWL_LRS,
        steps=100,
        smoothness=2.0,
    )


@functools.cache
def sgd_explorable() -> Explorable:
    return explore.sgd_noise_explorer(
        *gdbook.beans(100),
        lrs=[0.03, 0.3],
        batch_sizes=[1, 10, 100],
        epochs=12,
        tail=4,
        rng=0,
    )


def scaled_sgd(lr, factor):
    """A factory of optimizers with two settings (plain descent at lr * factor)."""
    return gdbook.optimizers.sgd(lr * factor)


@functools.cache
def settings_explorable() -> Explorable:
    return explore.optimizer_explorer(
        gdbook.bowl,
        [-3.0, 4.0],
        optimizer=scaled_sgd,
        grid={"lr": [0.05, 0.1, 0.2], "factor": [0.5, 1.0, 5.0, 6.0]},
        steps=30,
        labels={"factor": ("factor", "倍数")},
        defaults={"lr": 0.1, "factor": 1.0},
        guides=[
            ([0.05, 0.2], [5.0, 5.0], ("a line", "一条线")),
            ([0.1], [1.0], ("a point", "一个点")),
        ],
    )


class _Parts(HTMLParser):
    """What a test reads from an explorable's HTML: the data, tags, attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.data_json: list[str] = []
        self.scripts: list[str] = []
        self._in_script: dict | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        if tag == "script":
            self._in_script = attributes

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = None

    def handle_data(self, data):
        if self._in_script is not None:
            if self._in_script.get("type") == "application/json":
                self.data_json.append(data)
            else:
                self.scripts.append(data)


def parse(html: str) -> _Parts:
    parts = _Parts()
    parts.feed(html)
    return parts


def decoded(explorable: Explorable) -> tuple[dict, list[dict[str, np.ndarray]]]:
    """The data embedded in the HTML, and each frame's coordinates, as the page's
    script decodes them (base64 of little-endian int16)."""
    (text,) = parse(explorable.to_html()).data_json
    data = json.loads(text)
    codes = np.frombuffer(base64.b64decode(data["codes"]), dtype="<i2")
    series, offsets = data["series"], data["offsets"]
    # Each frame's texts: its description, then its readouts.
    data["readouts"] = [texts[1:] for texts in data["texts"]]
    frames = []
    for f in range(len(data["texts"])):
        frames.append(
            {
                name: codes[
                    offsets[f * len(series) + s] : offsets[f * len(series) + s + 1]
                ]
                for s, name in enumerate(series)
            }
        )
    return data, frames


def points(codes: np.ndarray) -> np.ndarray:
    """The stored points in pixels, pen-ups left out."""
    pairs = codes.reshape(-1, 2)
    return pairs[pairs[:, 0] != PEN_UP] / 10


def panel(explorable: Explorable, series: str) -> Panel:
    (found,) = [p for p in explorable.panels if series in p.series]
    return found


def pixels(panel: Panel, xs, ys) -> np.ndarray:
    """Where matplotlib draws the data points ``xs, ys`` in the panel's SVG."""
    data = np.column_stack([np.asarray(xs, float), np.asarray(ys, float)])
    with np.errstate(all="ignore"):
        px, py = panel.ax.transData.transform(data).T
    return np.column_stack([px, panel.height - py])


def inside(panel: Panel, xy: np.ndarray) -> np.ndarray:
    x0, y0, x1, y1 = panel.ax.bbox.extents
    top, bottom = panel.height - y1, panel.height - y0
    with np.errstate(invalid="ignore"):
        return (
            (xy[:, 0] >= x0)
            & (xy[:, 0] <= x1)
            & (xy[:, 1] >= top)
            & (xy[:, 1] <= bottom)
        )


def _distance_to_path(point: np.ndarray, codes: np.ndarray) -> float:
    """How far ``point`` is from the stored path (its segments, pen-ups honoured)."""
    pairs = codes.reshape(-1, 2).astype(float)
    best = np.inf
    for start, end in itertools.pairwise(pairs):
        if PEN_UP in (start[0], end[0]):
            continue
        a, b = start / 10, end / 10
        t = np.clip(np.dot(point - a, b - a) / max(np.dot(b - a, b - a), 1e-12), 0, 1)
        best = min(best, float(np.linalg.norm(a + t * (b - a) - point)))
    return best


def assert_drawn_from(panel: Panel, stored: np.ndarray, xs, ys, *, every=True) -> None:
    """The points of the run that lie in the panel are stored, in order, to the tenth
    of a pixel (once where several round to the same). With ``every`` False (a
    curve matplotlib simplified), each stored point in the panel is one of them, and
    every one of them lies on the stored path, within a quarter of a pixel."""
    expected = pixels(panel, xs, ys)
    expected = expected[inside(panel, expected)]
    tenths = np.round(expected * 10)
    expected = expected[np.r_[True, np.any(tenths[1:] != tenths[:-1], axis=1)]]
    got = points(stored)
    got = got[inside(panel, got)]
    if every:
        assert got.shape == expected.shape, (got.shape, expected.shape)
        np.testing.assert_allclose(got, expected, atol=0.05 + 1e-9)
        return
    for point in got:
        assert np.min(np.max(np.abs(expected - point), axis=1)) <= 0.05 + 1e-9, point
    for point in expected:
        assert _distance_to_path(point, stored) <= 0.25, point


def assert_outlines(explorable: Explorable, stored: np.ndarray, i, j) -> None:
    """The stored outline is cell (i, j)'s: the cell of value i of the first slider
    and j of the second, a unit square in the panel's data coordinates."""
    square = np.array([[-1, 1, 1, -1, -1], [-1, -1, 1, 1, -1]]) / 2
    expected = pixels(panel(explorable, "here"), i + square[0], j + square[1])
    np.testing.assert_allclose(points(stored), expected, atol=0.05 + 1e-9)


# --- The data is gdbook's --------------------------------------------------------


def test_parabola_frames_are_gdbook_runs():
    explorable = parabola_explorable()
    data, frames = decoded(explorable)
    assert data["sliders"][0] == [f"{lr:g}" for lr in PARABOLA_LRS]
    for k, (lr, stored, readouts) in enumerate(
        zip(PARABOLA_LRS, frames, data["readouts"], strict=True)
    ):
        trace = gdbook.gradient_descent(
            gdbook.parabola.grad, 5.0, lr=lr, steps=50, loss=gdbook.parabola
        )
        np.testing.assert_array_equal(explorable.runs[k].xs, trace.xs)
        assert_drawn_from(
            panel(explorable, "path"), stored["path"], trace.xs, trace.losses
        )
        assert_outlines(explorable, stored["here"], k, 0)
        below = np.flatnonzero(trace.losses < 1e-6)
        assert readouts == [
            str(trace.x),
            f"{trace.loss:.6g}",
            str(below[0]) if below.size else "none in 50",
            behaviour(trace, 0.0, 1e-6),
        ]


def test_parabola_readouts_say_what_each_rate_does():
    explorable = parabola_explorable()
    said = {lr: explorable.frame(lr=lr).readouts["behaviour"] for lr in PARABOLA_LRS}
    assert said == {
        0.001: "crawls: still far from the minimum",
        0.05: "converging, but not below 1e-06 in 50 steps",
        0.1: "converges",
        0.5: "converges",
        0.9: "converges, oscillating",
        1.0: "bounces between two points",
        1.1: "diverges, oscillating",
    }
    # E02: the source's run, its final x as numpy prints it: 5 * 0.8**50.
    shown = explorable.frame(lr=0.1).readouts["x after 50 steps"]
    assert shown == "7.136238463529802e-05"
    assert float(shown) == pytest.approx(5 * 0.8**50, rel=1e-12)


def test_bowl_frames_are_gdbook_runs_with_the_numerical_gradient():
    explorable = bowl_explorable()
    data, frames = decoded(explorable)
    grad = functools.partial(gdbook.numerical_gradient, function_2)
    for k, (lr, stored, readouts) in enumerate(
        zip(BOWL_LRS, frames, data["readouts"], strict=True)
    ):
        trace = gdbook.gradient_descent(
            grad, np.array([-3.0, 4.0]), lr=lr, steps=100, loss=function_2
        )
        assert_drawn_from(panel(explorable, "path"), stored["path"], *trace.xs.T)
        assert_outlines(explorable, stored["here"], k, 0)
        assert readouts[:2] == [str(trace.x), f"{trace.loss:.6g}"]
    # E12's two printed values, as the figure prints them.
    shown = explorable.frame(lr=10.0).readouts["x after 100 steps"]
    assert shown == "[-2.58983747e+13 -1.29524862e+12]"
    shown = explorable.frame(lr=1e-10).readouts["x after 100 steps"]
    assert shown == "[-2.99999994  3.99999992]"
    assert explorable.frame(lr=10.0).readouts["behaviour"] == "diverges"


def test_sgd_frames_are_gdbook_fits():
    explorable = sgd_explorable()
    data, frames = decoded(explorable)
    x, y = gdbook.beans(100)
    design = np.stack([x, np.ones_like(x)], axis=1)
    minimum = np.mean((design @ np.linalg.lstsq(design, y, rcond=None)[0] - y) ** 2)
    cells = [(lr, b) for lr in (0.03, 0.3) for b in (1, 10, 100)]
    for k, ((lr, b), stored, readouts) in enumerate(
        zip(cells, frames, data["readouts"], strict=True)
    ):
        assert_outlines(explorable, stored["here"], *divmod(k, 3))
        fit = gdbook.fit_line_sgd(x, y, lr=lr, epochs=12, batch_size=b, rng=0)
        excess = fit.losses - minimum
        floor = np.mean(excess[-4 * fit.updates_per_epoch :])
        assert readouts == [
            f"{fit.loss:.6g}",
            f"{floor:.3g}",
            str(fit.updates_per_epoch),
            f"y = {fit.slope:.6g} x + {fit.intercept:.6g}",
            "no",
        ]
        curve = panel(explorable, "excess")
        got = points(stored["excess"])
        expected = pixels(curve, np.arange(len(excess)) / fit.updates_per_epoch, excess)
        for point in got[inside(curve, got)]:
            assert np.min(np.max(np.abs(expected - point), axis=1)) <= 0.05, point
        assert_drawn_from(curve, stored["floor"], [8, 12], [floor] * 2)


def test_frame_is_looked_up_by_slider_values():
    explorable = sgd_explorable()
    assert explorable.shape == (2, 3)
    assert explorable.frame(lr=0.3, batch_size=10) is explorable.frames[4]
    assert explorable.frame() is explorable.frames[0]  # the defaults
    with pytest.raises(ValueError, match="lr") as raised:
        explorable.frame(lr=0.2)
    assert raised.value.argument == "lr"
    with pytest.raises(TypeError, match="momentum") as raised:
        explorable.frame(momentum=0.9)
    assert raised.value.argument == "momentum"


def test_a_run_that_overflows_or_grows_is_reported_as_diverging():
    explorable = explore.sgd_noise_explorer(
        *gdbook.beans(100), lrs=[0.3, 5.0], batch_sizes=[1], epochs=3, tail=1
    )
    assert explorable.frame(lr=0.3).readouts["diverged"] == "no"
    said = explorable.frame(lr=5.0).readouts
    assert said["diverged"].startswith("yes")
    assert said["mean excess over the minimum, last 1 epochs"] == "—"
    trace = gdbook.gradient_descent(
        gdbook.parabola.grad, 5.0, lr=3.0, steps=2000, loss=gdbook.parabola
    )
    assert trace.diverged
    assert behaviour(trace, 0.0, 1e-6) == (
        f"diverges: overflow at step {trace.steps_taken + 1}"
    )


# --- The HTML ----------------------------------------------------------------------


ALL = [parabola_explorable, bowl_explorable, sgd_explorable, settings_explorable]


@pytest.mark.parametrize("make", ALL, ids=lambda make: make.__name__)
def test_html_is_self_contained(make):
    html = make().to_html()
    parts = parse(html)
    for tag, attributes in parts.tags:
        assert "src" not in attributes and "href" not in attributes, (tag, attributes)
        assert tag not in {"link", "iframe", "img", "object", "embed", "image"}
    assert not re.search(r"https?://|//[a-z0-9.-]+\.[a-z]{2,}/", html)
    assert "import(" not in SCRIPT and "fetch(" not in SCRIPT
    assert "XMLHttpRequest" not in SCRIPT
    # One inline script (the package's explore.js) and its JSON data.
    assert parts.scripts == [SCRIPT.strip()] and len(parts.data_json) == 1


@pytest.mark.parametrize("make", ALL, ids=lambda make: make.__name__)
def test_colours_are_the_pages_and_no_style_reaches_the_page(make):
    html = make().to_html()
    # matplotlib drew in stand-in colours; every one is replaced by a CSS variable.
    assert not re.search(r"#00000[1-5]", html)
    assert "var(--gdx-fg)" in html and "var(--gdx-accent)" in html
    # Its "*{...}" rule is gone; the one style sheet is gdbook's, scoped to .gdx.
    (sheet,) = re.findall(r"<style[^>]*>(.*?)</style>", html, re.S)
    sheet = re.sub(r"/\*.*?\*/", "", sheet, flags=re.S)
    for selectors in re.findall(r"([^{}]+)\{[^{}]*\}", sheet):
        for selector in selectors.split(","):
            assert selector.strip().startswith(".gdx"), selector
    assert "font-family" not in re.sub(r"<style>.*?</style>", "", html, flags=re.S)


@pytest.mark.parametrize("make", ALL, ids=lambda make: make.__name__)
def test_html_is_accessible_by_construction(make):
    explorable = make()
    tags = parse(explorable.to_html()).tags
    ranges = [a for t, a in tags if t == "input"]
    assert len(ranges) == len(explorable.sliders)
    for attributes, slider in zip(ranges, explorable.sliders, strict=True):
        assert attributes["type"] == "range" and attributes["step"] == "1"
        assert attributes["max"] == str(len(slider.values) - 1)
        assert attributes["aria-valuetext"] == slider.text(slider.start)
        assert "disabled" in attributes  # until the script enables it
    assert sum(t == "label" for t, _ in tags) == len(explorable.sliders)
    svgs = [a for t, a in tags if t == "svg"]
    assert len(svgs) == len(explorable.panels)
    assert all(svg["role"] == "img" for svg in svgs)
    names = [t for t, _ in tags]
    assert names.count("title") == len(svgs) and names.count("desc") == 1
    assert any(a.get("role") == "status" for _, a in tags)


def test_html_draws_the_default_frame_without_the_script():
    explorable = parabola_explorable()
    frame = explorable.frame(lr=0.1)
    html = explorable.to_html()
    for name in explorable.series:
        assert f'data-gdx-series="{name}"' in html
        assert f'd="{path_d(frame.paths[name])}"' in html
    for text in frame.readouts.values():
        assert f'<dd class="gdx-readout">{text}</dd>' in html
    # Where no script runs (a notebook viewer, an untrusted notebook), the sliders
    # are disabled and a line says why.
    assert 'class="gdx-hint"' in html and "disabled>" in html


def test_ids_are_content_hashes():
    first, second = parabola_explorable().to_html(), bowl_explorable().to_html()
    first_id = re.search(r'id="(gdx-[0-9a-f]{12})"', first)[1]
    second_id = re.search(r'id="(gdx-[0-9a-f]{12})"', second)[1]
    assert first_id != second_id
    assert "\x00" not in first
    # Every id in the figure derives from it, no id is repeated, and every
    # reference (clip paths, markers) points to one of them.
    ids = re.findall(r'\bid="([^"]+)"', first)
    assert len(ids) == len(set(ids))
    assert all(i.startswith(first_id) for i in ids)
    references = re.findall(r'url\(#([^)]+)\)|href="#([^"]+)"', first)
    assert references and {a or b for a, b in references} <= set(ids)


def test_the_same_figure_gives_the_same_html_in_another_process():
    code = (
        "import sys, gdbook; from gdbook import explore; "
        "e = explore.learning_rate_explorer(gdbook.parabola, 5.0, "
        "lrs=[0.001, 0.05, 0.1, 0.5, 0.9, 1.0, 1.1], steps=50, smoothness=2.0, "
        "default=0.1); sys.stdout.write(e.to_html())"
    )
    outputs = {
        subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            check=True,
            env={"PYTHONHASHSEED": seed, "PATH": "", "MPLBACKEND": "Agg"},
            encoding="utf-8",
        ).stdout
        for seed in ("1", "2")
    }
    assert outputs == {parabola_explorable().to_html()}


def _tiny(readout: str = "r") -> Explorable:
    figure = Panel(100, 100)
    figure.ax.set(xlim=(0, 1), ylim=(0, 1))
    figure.add_series("p")
    frames = [
        Frame({"p": figure.encode([0, 1], [0, v])}, {"a": readout}, "d")
        for v in (0.5, 1.0)
    ]
    return Explorable("t", "c", [Slider("v", "v", (0.5, 1.0))], [figure], frames)


def test_data_cannot_close_its_script_element():
    html = _tiny("</script><b>").to_html()
    data = parse(html).data_json[0]
    assert "</script>" not in data and "<" not in data
    assert json.loads(data)["texts"][0] == ["d", "</script><b>"]
    assert '<dd class="gdx-readout">&lt;/script&gt;&lt;b&gt;</dd>' in html


@pytest.mark.parametrize(
    ("make", "budget_kb"),
    [(parabola_explorable, 40), (bowl_explorable, 60), (sgd_explorable, 40)],
    ids=["parabola", "bowl", "sgd"],
)
def test_size_within_budget(make, budget_kb):
    size = len(make().to_html().encode("utf-8"))
    assert size < budget_kb * 1000, f"{size / 1000:.1f} kB"


def test_the_script_is_small():
    assert len(SCRIPT.encode("utf-8")) < 3500


def test_repr_is_plain_text():
    assert repr(sgd_explorable()) == (
        "<Explorable 'Mini-batch SGD on the line fit: learning rate and batch size': "
        "learning rate η (2 values, 0.03 … 0.3); batch size B (3 values, 1 … 100)>"
    )


# --- The drawing rules the script shares -------------------------------------------


def test_stored_coordinates_print_as_javascript_prints_them():
    # JavaScript prints v / 10 as its shortest round-trip form: Python's repr,
    # without a trailing ".0". path_d's %g must agree for every 16-bit v.
    for v in range(-32767, 32768):
        assert f"{v / 10:g}" == repr(v / 10).removesuffix(".0"), v


def test_lines_leaving_the_panel_are_cut_at_its_edge():
    figure = Panel(200, 200, margins=(50, 50, 50, 50))
    figure.ax.set(xlim=(0, 1), ylim=(0, 1))
    # In, out through the right edge, back in: two sub-paths, cut by matplotlib
    # 8 pixels (MARGIN) beyond the edge, and the line's width (1 pixel) further,
    # where the axes' clip path hides them.
    codes = figure.encode([0.5, 10.0, 0.5], [0.5, 0.5, 0.6])
    assert path_d(codes) == "M100 100L159 100M159 90.6L100 90"
    # A zero on a log axis goes far below: the line is cut, no overflow.
    log_panel = Panel(200, 200, margins=(50, 50, 50, 50))
    log_panel.ax.set(xlim=(0, 2), ylim=(1e-3, 1), yscale="log")
    assert path_d(log_panel.encode([0, 1, 2], [1.0, 0.0, 1.0])) == (
        "M50 50L50.2 159M149.8 159L150 50"
    )
    # Overflowing and non-finite points lift the pen.
    codes = figure.encode([0.2, 0.4, np.nan, 0.6, 0.8], [0.5, 1e308, 0.5, 0.5, 0.5])
    assert PEN_UP in codes.tolist()


# --- Bad input, refused at once, naming the argument ---------------------------


def refused(error, argument, call, *args, **kwargs):
    """``call`` raises ``error`` quickly, with the argument's name in the message."""
    started = time.perf_counter()
    with pytest.raises(error) as raised:
        call(*args, **kwargs)
    assert argument in str(raised.value), str(raised.value)
    assert time.perf_counter() - started < 1.0
    return str(raised.value)


def test_grids_are_bounded():
    lrs = np.linspace(0.01, 1, 10**5)
    message = refused(
        ValueError,
        "lrs",
        explore.learning_rate_explorer,
        gdbook.parabola,
        5.0,
        lrs=lrs,
        steps=50,
    )
    assert "100000" in message
    refused(
        ValueError,
        "lrs",
        explore.sgd_noise_explorer,
        *gdbook.beans(10),
        lrs=lrs,
        batch_sizes=[1],
        epochs=2,
    )
    refused(
        ValueError,
        "grid",
        explore.optimizer_explorer,
        gdbook.bowl,
        [1.0, 1.0],
        optimizer=scaled_sgd,
        grid={"lr": np.linspace(0.01, 0.1, 40), "factor": np.linspace(1, 2, 40)},
        steps=5,
    )
    refused(
        ValueError,
        "steps",
        explore.learning_rate_explorer,
        gdbook.parabola,
        5.0,
        lrs=[0.1],
        steps=10**7,
    )
    refused(
        ValueError,
        "epochs",
        explore.sgd_noise_explorer,
        *gdbook.beans(100),
        lrs=[0.1],
        batch_sizes=[1],
        epochs=10**6,
    )


def test_the_work_of_all_runs_is_bounded_and_far_points_refused():
    # 200 rates of 5,000 steps would store a million points: refused at once.
    many = np.linspace(0.01, 1, 200)
    for name, call, kwargs in [
        ("steps", explore.learning_rate_explorer, dict(lrs=many, steps=5000)),
        ("x0", explore.learning_rate_explorer, dict(lrs=[0.1], steps=3, x0=1e300)),
    ]:
        kwargs = {"f": gdbook.parabola, "x0": 5.0} | kwargs
        with pytest.raises(ValueError) as raised:
            call(**kwargs)
        assert raised.value.argument == name
    # 100 rates × 200 epochs of one bean at a time: 4 million updates.
    refused(ValueError, "epochs", explore.sgd_noise_explorer, *gdbook.beans(100),
            lrs=many[:100], batch_sizes=[1, 2], epochs=200)  # fmt: skip
    message = refused(ValueError, "minimum", explore.learning_rate_explorer,
                      function_2, [1.0, 1.0], grad=lambda x: 2 * x,
                      minimum=[1e200, 0.0], lrs=[0.1], steps=3)  # fmt: skip
    assert "1e150" in message


def test_a_start_that_does_not_fit_the_function_is_refused():
    # A function of two variables given a number: the start is named.
    refused(
        ValueError,
        "x0",
        explore.learning_rate_explorer,
        gdbook.bowl,
        5.0,
        lrs=[0.1],
        steps=3,
    )
    refused(
        ValueError,
        "x0",
        explore.learning_rate_explorer,
        function_2,
        5.0,
        grad=functools.partial(gdbook.numerical_gradient, function_2),
        minimum=0.0,
        lrs=[0.1],
        steps=3,
    )
    refused(
        ValueError,
        "x0",
        explore.learning_rate_explorer,
        gdbook.rosenbrock,
        [1.0, 1.0, 1.0],
        lrs=[0.1],
        steps=3,
    )
    # A complex start would lose its imaginary part: refused.
    refused(
        TypeError,
        "x0",
        explore.learning_rate_explorer,
        gdbook.parabola,
        5.0 + 1j,
        lrs=[0.1],
        steps=3,
    )
    refused(
        ValueError,
        "minimum",
        explore.learning_rate_explorer,
        function_2,
        [1.0, 1.0],
        grad=lambda x: 2 * x,
        minimum=[0.0],
        lrs=[0.1],
        steps=3,
    )
    refused(
        TypeError,
        "grad",
        explore.learning_rate_explorer,
        function_2,
        [1.0, 1.0],
        lrs=[0.1],
        steps=3,
    )
    refused(
        TypeError,
        "grad",
        explore.learning_rate_explorer,
        function_2,
        [1.0, 1.0],
        grad=lambda x: None,
        minimum=[0.0, 0.0],
        lrs=[0.1],
        steps=3,
    )


def test_bad_settings_are_refused():
    parabola = gdbook.parabola
    for lrs in ([0.1, -1.0], [], [0.1, np.nan], [0.1, 0.1], ["a"]):
        refused(
            (TypeError, ValueError),
            "lrs",
            explore.learning_rate_explorer,
            parabola,
            1.0,
            lrs=lrs,
            steps=3,
        )
    refused(
        ValueError,
        "0.3",
        explore.learning_rate_explorer,
        parabola,
        1.0,
        lrs=[0.1],
        steps=3,
        default=0.3,
    )
    refused(
        TypeError,
        "steps",
        explore.learning_rate_explorer,
        parabola,
        1.0,
        lrs=[0.1],
        steps=2.5,
    )
    refused(
        ValueError,
        "smoothness",
        explore.learning_rate_explorer,
        parabola,
        1.0,
        lrs=[0.1],
        steps=3,
        smoothness=-2,
    )
    beans = gdbook.beans(10)
    refused(
        TypeError,
        "x",
        explore.sgd_noise_explorer,
        None,
        beans[1],
        lrs=[0.1],
        batch_sizes=[1],
        epochs=2,
    )
    refused(
        ValueError,
        "batch_sizes",
        explore.sgd_noise_explorer,
        *beans,
        lrs=[0.1],
        batch_sizes=[20],
        epochs=2,
    )
    refused(
        (TypeError, ValueError),
        "batch_sizes",
        explore.sgd_noise_explorer,
        *beans,
        lrs=[0.1],
        batch_sizes=[1.5],
        epochs=2,
    )
    refused(
        ValueError,
        "tail",
        explore.sgd_noise_explorer,
        *beans,
        lrs=[0.1],
        batch_sizes=[2],
        epochs=2,
        tail=3,
    )
    refused(
        TypeError,
        "optimizer",
        explore.optimizer_explorer,
        gdbook.bowl,
        [1.0, 1.0],
        optimizer=None,
        grid={"lr": [0.1], "b": [1]},
        steps=2,
    )
    refused(
        (TypeError, ValueError),
        "grid",
        explore.optimizer_explorer,
        gdbook.bowl,
        [1.0, 1.0],
        optimizer=scaled_sgd,
        grid={"lr": [0.1]},
        steps=2,
    )
    tiny = _tiny()
    sliders = [Slider("a", "a", (1.0, 2.0)), Slider("b", "b", (1.0, 2.0, 3.0))]
    with pytest.raises(ValueError, match="frames") as raised:
        Explorable("t", "c", sliders, tiny.panels, tiny.frames)
    assert raised.value.argument == "frames"
    with pytest.raises(TypeError, match="panels") as raised:
        Explorable("t", "c", tiny.sliders, [], tiny.frames)
    assert raised.value.argument == "panels"


def test_the_old_names_still_work_with_a_deprecation_warning():
    for old, new in (
        ("gradient_descent", explore.learning_rate_explorer),
        ("hyperparameters", explore.optimizer_explorer),
        ("fit_line_sgd", explore.sgd_noise_explorer),
    ):
        with pytest.warns(DeprecationWarning, match=new.__name__):
            assert getattr(explore, old) is new
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        from gdbook.explore import learning_rate_explorer  # noqa: F401
    with pytest.raises(AttributeError):
        explore.no_such_name  # noqa: B018


# --- The script, with Node when there is one ----------------------------------------

NODE = shutil.which("node") or shutil.which("nodejs")
needs_node = pytest.mark.skipif(NODE is None, reason="Node.js is not installed")


@needs_node
def test_script_parses(tmp_path):
    script = tmp_path / "explore.js"
    script.write_text(SCRIPT, encoding="utf-8")
    subprocess.run([NODE, "--check", str(script)], check=True)


@needs_node
def test_script_builds_the_paths_python_builds(tmp_path):
    # The script's own decode and pathD, run on the parabola's data.
    body = SCRIPT[SCRIPT.index("(() => {") :].strip()
    assert body.endswith("})();")
    functions = body[len("(() => {") : body.index("  const setUp")]
    data, frames = decoded(parabola_explorable())
    harness = (
        functions
        + "const data = JSON.parse(require('fs').readFileSync(0, 'utf8'));\n"
        + "const codes = decode(data.codes);\n"
        + "const out = [];\n"
        + "for (let i = 0; i + 1 < data.offsets.length; i += 1)\n"
        + "  out.push(pathD(codes, data.offsets[i], data.offsets[i + 1]));\n"
        + "process.stdout.write(JSON.stringify(out));\n"
    )
    script = tmp_path / "harness.js"
    script.write_text(
        "globalThis.atob = (s) => Buffer.from(s, 'base64')"
        ".toString('latin1');\n" + harness,
        encoding="utf-8",
    )
    result = subprocess.run(
        [NODE, str(script)],
        input=json.dumps(data),
        capture_output=True,
        text=True,
        check=True,
    )
    expected = [path_d(codes) for frame in frames for codes in frame.values()]
    assert json.loads(result.stdout) == expected


# --- Any optimizer's settings -------------------------------------------------------


def test_settings_frames_are_gdbook_runs_with_the_optimizer():
    explorable = settings_explorable()
    data, frames = decoded(explorable)
    assert explorable.frame() is explorable.frame(lr=0.1, factor=1.0)
    settings = [(lr, k) for lr in (0.05, 0.1, 0.2) for k in (0.5, 1.0, 5.0, 6.0)]
    for (lr, k), stored, readouts in zip(
        settings, frames, data["readouts"], strict=True
    ):
        trace = gdbook.gradient_descent(
            gdbook.bowl.grad,
            [-3.0, 4.0],
            steps=30,
            optimizer=scaled_sgd(lr, k),
            loss=gdbook.bowl,
        )
        assert_drawn_from(panel(explorable, "path"), stored["path"], *trace.xs.T)
        assert readouts[1] == f"{trace.loss:.6g}"
        assert readouts[-1] == repr(trace.optimizer) == f"sgd(lr={lr * k!r})"
    # lr * factor = 1 bounces for ever; 1.2 diverges.
    assert explorable.frame(lr=0.2, factor=5.0).readouts["behaviour"] == (
        "bounces between two points"
    )
    assert "diverges" in explorable.frame(lr=0.2, factor=6.0).readouts["behaviour"]
    assert "marked: a line, a point." in explorable.to_html()  # the legend


def test_a_description_is_the_frames_then_the_caption():
    explorable = settings_explorable()
    assert explorable.caption.startswith("From (−3, 4), 30 steps. Left, the path;")
    first = explorable.frame()
    html = explorable.to_html()
    assert f"<desc>{first.description} {explorable.caption}</desc>" in html


# --- In Chinese on the Chinese site -------------------------------------------------

#: A Chinese character.
CJK = re.compile("[\u4e00-\u9fff]")


def _fields(template: str) -> list[str]:
    return sorted(f for _, f, _, _ in string.Formatter().parse(template) if f)


def test_every_word_of_the_catalog_has_its_chinese_with_the_same_fields():
    assert len(ZH) > 40
    for english, chinese in ZH.items():
        assert _fields(english) == _fields(chinese), english
        # In Chinese: its characters, or at least its punctuation ("，", "。").
        assert CJK.search(chinese) or re.search("[\u3000-\u303f\uff00-\uffef]", chinese)
    said = say("x after {n} steps", n=3)
    assert (said, said.zh) == ("x after 3 steps", "3 步后的 x")


def _words(text: str) -> bool:
    """Whether ``text`` has words to translate: not a number, a formula or code."""
    return bool(
        re.search("[A-Za-z]{2}", text)
        and not re.fullmatch(r"2/λ_max = \S+ ?|\w+\(.*\)|y = .* x [+−-] .*", text)
    )


@pytest.mark.parametrize("make", ALL, ids=lambda make: make.__name__)
def test_every_label_and_readout_has_its_chinese(make):
    html = make().to_html()
    # Every text of the markup and the SVG (titles, captions, labels, axes).
    texts = re.findall(r"<(\w+)([^<>]*)>([^<>]*)</\1>", html)
    assert len(texts) > 20
    for tag, attributes, text in texts:
        if _words(text) and tag not in ("script", "style", "desc", "p", "dd"):
            chinese = re.search(r'data-zh="([^"]*)"', attributes)
            assert chinese and CJK.search(chinese[1]), (tag, text)
    assert re.search(r'<p class="gdx-hint" data-zh="[^"]*[\u4e00-\u9fff]', html)
    # Every frame's description and readouts: the Chinese beside the English (0
    # where it is the same: numbers).
    data = decoded(make())[0]
    for english, chinese in zip(data["texts"], data["zh"], strict=True):
        assert len(english) == len(chinese)
        for en, zh in zip(english, chinese, strict=True):
            assert (zh == 0) == (not _words(en)), en
            assert zh == 0 or CJK.search(zh), (en, zh)


def test_titles_and_labels_may_be_given_in_both_languages():
    explorable = explore.learning_rate_explorer(
        gdbook.parabola, 5.0, lrs=[0.1], steps=3, title=("Descent", "下降")
    )
    assert explorable.title == "Descent" and explorable.title.zh == "下降"
    assert '<strong data-zh="下降">Descent</strong>' in explorable.to_html()
    # Plain English is kept for both languages.
    plain = explore.learning_rate_explorer(
        gdbook.parabola, 5.0, lrs=[0.1], steps=3, title="Descent"
    )
    assert "<strong>Descent</strong>" in plain.to_html()
    for title in (("Descent",), ("Descent", 3), 3, ["a", "b", "c"]):
        refused(TypeError, "title", explore.learning_rate_explorer,
                gdbook.parabola, 5.0, lrs=[0.1], steps=3, title=title)  # fmt: skip
    refused(TypeError, "guides", explore.optimizer_explorer, gdbook.bowl, [1.0, 1.0],
            optimizer=scaled_sgd, grid={"lr": [0.1], "factor": [1.0]}, steps=2,
            guides=[([0.1], [1.0], None)])  # fmt: skip
    refused(TypeError, "labels", explore.optimizer_explorer, gdbook.bowl, [1.0, 1.0],
            optimizer=scaled_sgd, grid={"lr": [0.1], "factor": [1.0]}, steps=2,
            labels={"lr": 3})  # fmt: skip


# --- The gallery pages -------------------------------------------------------------


def test_learning_rate_page_prints_gdbooks_numbers_next_to_the_figures(run_example):
    from conftest import printed_values

    values = printed_values(
        run_example("02_gradient_descent/plot_explore_learning_rate.py")
    )
    assert values["figure, x after 50 steps"] == values["gdbook, x after 50 steps"]
    assert float(values["gdbook, x after 50 steps"]) == pytest.approx(5 * 0.8**50)
    assert values["figure, loss after 50 steps"] == "5.09259e-09"
    # E12's two printed points, as the figure shows them.
    assert values["lr = 10"] == "[-2.58983747e+13 -1.29524862e+12]"
    assert values["lr = 1e-10"] == "[-2.99999994  3.99999992]"
    # The signed displacement is multiplied by 1 - eta lambda_max (lambda_max = 2),
    # the distance by its absolute value: measured on the runs.
    for lr in (0.1, 0.5, 0.95, 1.0, 1.05):
        ratio = float(values[f"x_1 / x_0 at eta = {lr:g}"].split()[0])
        assert ratio == pytest.approx(1 - 2 * lr, abs=0.005)


def test_sgd_page_measures_where_the_floor_is_proportional(run_example):
    from conftest import printed_values

    values = printed_values(run_example("03_fitting_lines/plot_explore_sgd_noise.py"))
    for label in ("loss after 30 epochs", "line"):
        assert values[f"figure, {label}"] == values[f"gdbook, {label}"]
    ratio = {
        lr: float(values[f"floor / eta at eta = {lr:g}"].split()[0])
        for lr in (0.1, 0.2, 0.4, 0.6)
    }
    # What the page says: about a quarter more at 0.2, double at 0.4, eight times
    # at 0.6, near 2/lambda_max = 0.756 (lambda_max the Hessian's largest eigenvalue,
    # computed here).
    x, _ = gdbook.beans(100)
    design = np.stack([x, np.ones_like(x)], axis=1)
    two_over_l = 2 / np.linalg.eigvalsh(2 * design.T @ design / 100).max()
    assert values["2/lambda_max"] == f"{two_over_l:.3f}" == "0.756"
    assert 1.1 < ratio[0.2] / ratio[0.1] < 1.5
    assert 1.8 < ratio[0.4] / ratio[0.1] < 3
    assert 6 < ratio[0.6] / ratio[0.1] < 10


def test_momentum_page_checks_the_region_of_convergence(run_example):
    from conftest import printed_values

    values = printed_values(run_example("06_optimizers/plot_explore_momentum.py"))
    assert (
        values["figure, loss after 60 steps"] == values["gdbook, loss after 60 steps"]
    )
    assert values["figure, optimizer"] == (
        "momentum(lr=0.235, momentum=0.3, nesterov=False)"
    )
    assert values["diverging runs are those beyond the boundary"] == "True"
