"""gdbook.explore: the data written for a page is what gdbook computes.

The explorables are decoded from their HTML, as the page's script reads them, and
compared with gdbook runs made here; the HTML is checked to be self-contained,
deterministic (across processes) and small. The script itself is checked with Node
when it is installed; the browser tests (tests/site/test_site_explorables.py) run it.
"""

from __future__ import annotations

import base64
import functools
import json
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser

import numpy as np
import pytest

import gdbook
from gdbook import explore
from gdbook.explore import Explorable, Figure, Frame, Slider
from gdbook.explore._assets import SCRIPT
from gdbook.explore._svg import PEN_UP, path_d

PARABOLA_LRS = [0.001, 0.05, 0.1, 0.5, 0.9, 1.0, 1.1]
BOWL_LRS = [1e-10, 0.1, 0.9, 1.0, 1.5, 10.0]


def function_2(x):
    return x[0] ** 2 + x[1] ** 2


@functools.cache
def parabola_explorable() -> Explorable:
    return explore.gradient_descent(
        gdbook.parabola, 5.0, lrs=PARABOLA_LRS, steps=50, smoothness=2.0, default=0.1
    )


@functools.cache
def bowl_explorable() -> Explorable:
    return explore.gradient_descent(
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
    return explore.fit_line_sgd(
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
    return explore.hyperparameters(
        gdbook.bowl,
        [-3.0, 4.0],
        optimizer=scaled_sgd,
        grid={"lr": [0.05, 0.1, 0.2], "factor": [0.5, 1.0, 5.0, 6.0]},
        steps=30,
        labels={"lr": "learning rate η", "factor": "factor"},
        defaults={"lr": 0.1, "factor": 1.0},
        guides=[([0.05, 0.2], [5.0, 5.0], "a line"), ([0.1], [1.0], "a point")],
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
    frames = []
    for f in range(len(data["readouts"])):
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


def panel(explorable: Explorable, series: str):
    return explorable.figure.series[series][1]


def inside(ax, px, py) -> np.ndarray:
    return (
        (px >= ax.left)
        & (px <= ax.left + ax.width)
        & (py >= ax.top)
        & (py <= ax.top + ax.height)
    )


def assert_drawn_from(ax, stored: np.ndarray, xs, ys) -> None:
    """Every point of the run that lies in the panel is stored, in order, to the
    tenth of a pixel (once where several round to the same); stored points outside
    the panel are where the line is cut."""
    px, py = ax.pixels(np.asarray(xs, dtype=float), np.asarray(ys, dtype=float))
    expected = np.stack([px, py], axis=1)[inside(ax, px, py)]
    # A point that rounds to the one before it is not stored again.
    tenths = np.round(expected * 10)
    kept = np.r_[True, np.any(tenths[1:] != tenths[:-1], axis=1)]
    expected = expected[kept]
    got = points(stored)
    got = got[inside(ax, got[:, 0], got[:, 1])]
    # A cut adds points on the panel's widened edge, outside the panel.
    assert got.shape == expected.shape, (got.shape, expected.shape)
    np.testing.assert_allclose(got, expected, atol=0.05 + 1e-9)


# --- The data is gdbook's --------------------------------------------------------


def test_parabola_frames_are_gdbook_runs():
    explorable = parabola_explorable()
    data, frames = decoded(explorable)
    assert data["sliders"][0]["texts"] == [f"{lr:g}" for lr in PARABOLA_LRS]
    for lr, stored, readouts in zip(
        PARABOLA_LRS, frames, data["readouts"], strict=True
    ):
        trace = gdbook.gradient_descent(
            gdbook.parabola.grad, 5.0, lr=lr, steps=50, loss=gdbook.parabola
        )
        assert_drawn_from(
            panel(explorable, "path"), stored["path"], trace.xs, trace.losses
        )
        assert_drawn_from(
            panel(explorable, "loss"), stored["loss"], np.arange(51), trace.losses
        )
        below = np.flatnonzero(trace.losses < 1e-6)
        assert readouts == [
            str(trace.x),
            f"{trace.loss:.6g}",
            str(below[0]) if below.size else "none in 50",
            explore.behaviour(trace, 0.0, 1e-6),
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
    # E02: the source's run, its final x as numpy prints it.
    assert explorable.frame(lr=0.1).readouts["x after 50 steps"] == (
        "7.136238463529802e-05"
    )


def test_bowl_frames_are_gdbook_runs_with_the_numerical_gradient():
    explorable = bowl_explorable()
    data, frames = decoded(explorable)
    grad = functools.partial(gdbook.numerical_gradient, function_2)
    for lr, stored, readouts in zip(BOWL_LRS, frames, data["readouts"], strict=True):
        trace = gdbook.gradient_descent(
            grad, np.array([-3.0, 4.0]), lr=lr, steps=100, loss=function_2
        )
        assert_drawn_from(
            panel(explorable, "path"), stored["path"], trace.xs[:, 0], trace.xs[:, 1]
        )
        assert_drawn_from(
            panel(explorable, "loss"), stored["loss"], np.arange(101), trace.losses
        )
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
    for (lr, b), stored, readouts in zip(cells, frames, data["readouts"], strict=True):
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
        # The drawn curve: some of the updates, the first and the last among them,
        # each stored where it should be (or cut where it leaves the panel).
        ax = panel(explorable, "excess")
        px, py = ax.pixels(np.arange(len(excess)) / fit.updates_per_epoch, excess)
        got = points(stored["excess"])
        assert len(got) <= 301
        ends = [[px[0], py[0]], [px[-1], py[-1]]]
        np.testing.assert_allclose(got[[0, -1]], ends, atol=0.05)
        for gx, gy in got[inside(ax, got[:, 0], got[:, 1])]:
            near = np.abs(px - gx) <= 0.05
            assert np.any(np.abs(py[near] - gy) <= 0.05), (gx, gy)
        assert_drawn_from(
            panel(explorable, "floor"), stored["floor"], [8, 12], [floor] * 2
        )


def test_frame_is_looked_up_by_slider_values():
    explorable = sgd_explorable()
    assert explorable.shape == (2, 3)
    frame = explorable.frame(lr=0.3, batch_size=10)
    assert frame is explorable.frames[4]
    assert explorable.frame() is explorable.frames[0]  # the defaults
    with pytest.raises(ValueError, match="not a value of slider 'lr'"):
        explorable.frame(lr=0.2)
    with pytest.raises(TypeError, match="no slider named"):
        explorable.frame(momentum=0.9)


def test_a_run_that_overflows_or_grows_is_reported_as_diverging():
    explorable = explore.fit_line_sgd(
        *gdbook.beans(100), lrs=[0.3, 5.0], batch_sizes=[1], epochs=3, tail=1
    )
    assert explorable.frame(lr=0.3).readouts["diverged"] == "no"
    said = explorable.frame(lr=5.0).readouts
    assert said["diverged"].startswith("yes")
    assert said["mean excess over the minimum, last 1 epochs"] == "—"
    trace = gdbook.gradient_descent(gdbook.parabola.grad, 5.0, lr=3.0, steps=2000)
    trace = gdbook.gradient_descent(
        gdbook.parabola.grad, 5.0, lr=3.0, steps=2000, loss=gdbook.parabola
    )
    assert trace.diverged
    assert explore.behaviour(trace, 0.0, 1e-6) == (
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
        assert tag not in {"link", "iframe", "img", "object", "embed"}
    assert not re.search(r"https?://|//[a-z0-9.-]+\.[a-z]{2,}/", html)
    assert "import(" not in SCRIPT and "fetch(" not in SCRIPT
    assert "XMLHttpRequest" not in SCRIPT
    # One inline script (the code) and its JSON data.
    assert len(parts.scripts) == 1 and len(parts.data_json) == 1


@pytest.mark.parametrize("make", ALL, ids=lambda make: make.__name__)
def test_html_is_accessible_by_construction(make):
    explorable = make()
    tags = parse(explorable.to_html()).tags
    ranges = [a for t, a in tags if t == "input"]
    assert len(ranges) == len(explorable.sliders)
    for attributes, slider in zip(ranges, explorable.sliders, strict=True):
        assert attributes["type"] == "range" and attributes["step"] == "1"
        assert attributes["max"] == str(len(slider.values) - 1)
        assert attributes["aria-valuetext"] == slider.texts[slider.default_index]
        assert "disabled" in attributes  # until the script enables it
    assert sum(t == "label" for t, _ in tags) == len(explorable.sliders)
    (svg,) = [a for t, a in tags if t == "svg"]
    assert svg["role"] == "img"
    names = [t for t, _ in tags]
    assert "title" in names and "desc" in names
    assert any(a.get("role") == "status" for _, a in tags)


def test_html_draws_the_default_frame_without_the_script():
    explorable = parabola_explorable()
    frame = explorable.frame(lr=0.1)
    html = explorable.to_html()
    for name in explorable.figure.series:
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
    # Every id in the figure derives from it, and no id is repeated.
    ids = re.findall(r'\bid="([^"]+)"', first)
    assert len(ids) == len(set(ids))
    assert all(i.startswith(first_id) for i in ids)


def test_the_same_figure_gives_the_same_html_in_another_process():
    code = (
        "import sys, gdbook; from gdbook import explore; "
        "e = explore.gradient_descent(gdbook.parabola, 5.0, "
        "lrs=[0.001, 0.05, 0.1, 0.5, 0.9, 1.0, 1.1], steps=50, smoothness=2.0, "
        "default=0.1); sys.stdout.write(e.to_html())"
    )
    outputs = {
        subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            check=True,
            env={"PYTHONHASHSEED": seed, "PATH": ""},
            encoding="utf-8",
        ).stdout
        for seed in ("1", "2")
    }
    assert outputs == {parabola_explorable().to_html()}


def test_data_cannot_close_its_script_element():
    figure = Figure(100, 100)
    ax = figure.axes((10, 10, 80, 80), xlim=(0, 1), ylim=(0, 1))
    ax.series("p", "gdx-path")
    frames = [
        Frame({"p": ax.encode([0, 1], [0, v])}, {"a": "</script><b>"}, "s", "d")
        for v in (0.5, 1.0)
    ]
    html = Explorable("t", [Slider("v", "v", [0.5, 1.0])], figure, frames).to_html()
    data = parse(html).data_json[0]
    assert "</script>" not in data and "<" not in data
    assert json.loads(data)["readouts"][0] == ["</script><b>"]
    assert '<dd class="gdx-readout">&lt;/script&gt;&lt;b&gt;</dd>' in html


@pytest.mark.parametrize(
    ("make", "budget_kb"),
    [(parabola_explorable, 40), (bowl_explorable, 50), (sgd_explorable, 40)],
    ids=["parabola", "bowl", "sgd"],
)
def test_size_within_budget(make, budget_kb):
    size = len(make().to_html().encode("utf-8"))
    assert size < budget_kb * 1000, f"{size / 1000:.1f} kB"


def test_repr_is_plain_text():
    assert repr(sgd_explorable()) == (
        "<Explorable 'Mini-batch SGD on the line fit: learning rate and batch size': "
        "learning rate η (2 values, 0.03 … 0.3); batch size (3 values, 1 … 100)>"
    )


def test_save_writes_a_standalone_page(tmp_path):
    path = parabola_explorable().save(tmp_path / "figure.html")
    text = path.read_text(encoding="utf-8")
    assert (
        text.startswith("<!DOCTYPE html>") and parabola_explorable().to_html() in text
    )


# --- The drawing rules the script shares -------------------------------------------


def test_stored_coordinates_print_as_javascript_prints_them():
    # JavaScript prints v / 10 as its shortest round-trip form: Python's repr,
    # without a trailing ".0". path_d's %g must agree for every 16-bit v.
    for v in range(-32767, 32768):
        assert f"{v / 10:g}" == repr(v / 10).removesuffix(".0"), v


def test_lines_leaving_the_panel_are_cut_at_its_edge():
    figure = Figure(200, 200)
    ax = figure.axes((50, 50, 100, 100), xlim=(0, 1), ylim=(0, 1))
    codes = ax.encode([0.5, 10.0, 0.5], [0.5, 0.5, 0.6])
    # In, out to the widened edge; back in from it: two sub-paths.
    assert path_d(codes) == "M100 100L174 100M174 90.8L100 90"
    # A zero on a log axis goes far below: the line is cut, no overflow.
    log_ax = figure.axes((50, 50, 100, 100), xlim=(0, 2), ylim=(1e-3, 1), yscale="log")
    assert path_d(log_ax.encode([0, 1, 2], [1.0, 0.0, 1.0])) == (
        "M50 50L50 174M150 174L150 50"
    )


def test_bad_arguments_are_refused_clearly():
    with pytest.raises(TypeError, match="grad must be given"):
        explore.gradient_descent(function_2, [1.0, 1.0], lrs=[0.1], steps=3)
    with pytest.raises(ValueError, match="minimum must be given"):
        explore.gradient_descent(
            function_2, [1.0, 1.0], grad=lambda x: 2 * x, lrs=[0.1], steps=3
        )
    with pytest.raises(ValueError, match="positive"):
        explore.gradient_descent(gdbook.parabola, 1.0, lrs=[0.1, -1.0], steps=3)
    with pytest.raises(ValueError, match="at least one"):
        explore.gradient_descent(gdbook.parabola, 1.0, lrs=[], steps=3)
    with pytest.raises(ValueError, match="one or two coordinates"):
        explore.gradient_descent(
            gdbook.rosenbrock,
            [1.0, 1.0, 1.0],
            grad=lambda x: x,
            lrs=[0.1],
            steps=3,
            minimum=[0.0, 0.0, 0.0],
        )
    with pytest.raises(ValueError, match=r"default 0\.3 is not one of its values"):
        explore.gradient_descent(gdbook.parabola, 1.0, lrs=[0.1], steps=3, default=0.3)
    with pytest.raises(ValueError, match="batch sizes must lie in"):
        explore.fit_line_sgd(*gdbook.beans(10), lrs=[0.1], batch_sizes=[20], epochs=2)
    with pytest.raises(ValueError, match="tail must lie in"):
        explore.fit_line_sgd(
            *gdbook.beans(10), lrs=[0.1], batch_sizes=[2], epochs=2, tail=3
        )
    with pytest.raises(ValueError, match="6 frames expected"):
        figure = Figure(10, 10)
        Explorable(
            "t", [Slider("a", "a", [1, 2]), Slider("b", "b", [1, 2, 3])], figure, []
        )


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
    body = SCRIPT.strip()
    assert body.startswith("(() => {") and body.endswith("})();")
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
    assert [s["name"] for s in data["sliders"]] == ["lr", "factor"]
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
        assert_drawn_from(
            panel(explorable, "path"), stored["path"], trace.xs[:, 0], trace.xs[:, 1]
        )
        assert readouts[1] == f"{trace.loss:.6g}"
        assert readouts[-1] == repr(trace.optimizer) == f"sgd(lr={lr * k!r})"
    # The plane: the selected run's cell outlined; lr * factor = 1 bounces for ever.
    assert explorable.frame(lr=0.2, factor=5.0).readouts["behaviour"] == (
        "bounces between two points"
    )
    assert "diverges" in explorable.frame(lr=0.2, factor=6.0).readouts["behaviour"]
    html = explorable.to_html()
    assert 'class="gdx-bad"' in html and 'class="gdx-ring"' in html
    assert "marked: a line, a point." in html  # the legend, in the <desc>


def test_a_description_is_the_frames_then_the_legend():
    explorable = settings_explorable()
    data = decoded(explorable)[0]
    assert data["legend"].startswith(" sgd on f(x₀, x₁) = x₀² + x₁² from (−3, 4), ")
    first = explorable.frame()
    assert f"<desc>{first.description}{data['legend']}</desc>" in explorable.to_html()


def test_settings_need_one_or_two_names():
    with pytest.raises(ValueError, match="one or two settings"):
        explore.hyperparameters(
            gdbook.bowl, [1.0, 1.0], optimizer=scaled_sgd, grid={}, steps=2
        )
    with pytest.raises(TypeError, match="optimizer must be callable"):
        explore.hyperparameters(
            gdbook.bowl, [1.0, 1.0], optimizer=None, grid={"lr": [0.1]}, steps=2
        )


# --- The gallery pages -------------------------------------------------------------


def test_learning_rate_page_prints_gdbooks_numbers_next_to_the_figures(run_example):
    from conftest import printed_values

    values = printed_values(run_example("07_explorables/plot_explore_learning_rate.py"))
    assert values["figure, x after 50 steps"] == values["gdbook, x after 50 steps"]
    assert values["gdbook, x after 50 steps"] == "7.136238463529802e-05"  # E02
    assert values["figure, loss after 50 steps"] == "5.09259e-09"
    assert values["gdbook, loss after 50 steps"] == "5.09259e-09"
    # E12's two printed points, as the figure shows them.
    assert values["lr = 10"] == "[-2.58983747e+13 -1.29524862e+12]"
    assert values["lr = 1e-10"] == "[-2.99999994  3.99999992]"


def test_sgd_page_prints_gdbooks_numbers_next_to_the_figure(run_example):
    from conftest import printed_values

    values = printed_values(run_example("07_explorables/plot_explore_sgd_noise.py"))
    for label in ("loss after 30 epochs", "line"):
        assert values[f"figure, {label}"] == values[f"gdbook, {label}"]


def test_momentum_page_checks_the_region_of_convergence(run_example):
    from conftest import printed_values

    values = printed_values(run_example("07_explorables/plot_explore_momentum.py"))
    assert (
        values["figure, loss after 60 steps"] == values["gdbook, loss after 60 steps"]
    )
    assert values["figure, optimizer"] == values["gdbook, optimizer"]
    assert values["figure, optimizer"] == (
        "momentum(lr=0.235, momentum=0.3, nesterov=False)"
    )
    assert values["diverging runs are those beyond the boundary"] == "True"
