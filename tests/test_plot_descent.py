"""The descent plotting helpers of gdbook.plot: what they draw, and bad input.

Animations are rendered through matplotlib's own saving loop with a writer that
records each frame instead of encoding it, so the tests see exactly the frames a
video would contain.
"""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from matplotlib.animation import AbstractMovieWriter
from matplotlib.text import Text

import gdbook
from gdbook import plot


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


class RecordingWriter(AbstractMovieWriter):
    """A movie writer that keeps, for each frame, what ``record(fig)`` returns."""

    def __init__(self, record, draw):
        super().__init__(fps=10)
        self.record = record
        self.draw = draw
        self.frames = []

    def setup(self, fig, outfile, dpi=None):
        super().setup(fig, outfile, dpi)

    def grab_frame(self, **savefig_kwargs):
        if self.draw:  # what a real writer does; skipped where only data matter
            self.fig.canvas.draw()
        self.frames.append(self.record(self.fig))

    def finish(self):
        pass


def render(anim, record, *, draw=False):
    writer = RecordingWriter(record, draw)
    anim.save("unused.mp4", writer=writer)
    return writer.frames


def red_point_1d(fig):
    """x of the animated iterate: the plotted line labelled 'iterate'."""
    (point,) = [line for line in fig.axes[0].lines if line.get_label() == "iterate"]
    return float(point.get_xdata()[0])


@pytest.fixture(scope="module")
def parabola_trace():
    return gdbook.gradient_descent(gdbook.parabola.grad, 5.0, lr=0.1, steps=50)


@pytest.fixture(scope="module")
def bowl_trace():
    return gdbook.gradient_descent(gdbook.bowl.grad, [1.5, 1.5], lr=0.1, steps=50)


def test_curve_animation_shows_every_iterate_in_order(parabola_trace):
    anim = plot.descent_animation(gdbook.parabola, parabola_trace)
    shown = render(anim, red_point_1d)
    assert len(shown) == 51
    assert np.array_equal(shown, parabola_trace.xs)


def test_curve_animation_every_keeps_the_last_point(parabola_trace):
    anim = plot.descent_animation(gdbook.parabola, parabola_trace, every=7)
    shown = render(anim, red_point_1d)
    assert np.array_equal(shown, parabola_trace.xs[[0, 7, 14, 21, 28, 35, 42, 49, 50]])


def test_surface_animation_frames_follow_the_path_on_the_surface(bowl_trace):
    anim = plot.descent_animation(gdbook.bowl, bowl_trace, num=10, every=10)

    def point_3d(fig):
        ax = fig.axes[0]
        xs, ys, zs = ax.lines[1].get_data_3d()
        return float(xs[0]), float(ys[0]), float(zs[0])

    shown = np.array(render(anim, point_3d, draw=True))
    expected = bowl_trace.xs[::10]
    assert shown.shape == (6, 3)
    assert np.array_equal(shown[:, :2], expected)
    assert np.allclose(shown[:, 2], [gdbook.bowl(p) for p in expected])


def test_static_helpers_draw_the_whole_path(parabola_trace, bowl_trace):
    ax = plot.descent_path(gdbook.parabola, parabola_trace)
    assert np.array_equal(ax.lines[1].get_xdata(), parabola_trace.xs)
    assert np.array_equal(ax.lines[1].get_ydata(), parabola_trace.xs**2)

    ax = plot.descent_path(gdbook.bowl, bowl_trace.xs)
    assert np.array_equal(ax.lines[0].get_xydata(), bowl_trace.xs)

    ax = plot.descent_path(gdbook.bowl, bowl_trace, view="surface", num=10)
    xs, ys, zs = ax.lines[0].get_data_3d()
    assert np.array_equal(np.column_stack([xs, ys]), bowl_trace.xs)
    assert np.allclose(zs, (bowl_trace.xs**2).sum(axis=1))


def test_plain_functions_give_the_same_grid_as_objectives(bowl_trace):
    # Objectives are evaluated on the whole grid at once, plain functions point by
    # point; the contours must not depend on it.
    by_objective = plot.descent_path(gdbook.bowl, bowl_trace, num=20)
    by_function = plot.descent_path(lambda x: x[0] ** 2 + x[1] ** 2, bowl_trace, num=20)
    objective_lines = by_objective.collections[0].get_paths()
    function_lines = by_function.collections[0].get_paths()
    assert len(objective_lines) == len(function_lines) > 5
    for a, b in zip(objective_lines, function_lines, strict=True):
        assert np.allclose(a.vertices, b.vertices)


def test_helpers_draw_on_the_axes_given():
    _, ax = plt.subplots()
    assert plot.descent_path(gdbook.parabola, [1.0, 0.5], ax=ax) is ax
    ax3d = plt.figure().add_subplot(projection="3d")
    assert plot.descent_path(gdbook.bowl, [[1.0, 1.0]], ax=ax3d, num=5) is ax3d


@settings(max_examples=10, deadline=None)
@given(arrays(np.float64, (4, 2), elements=st.floats(-1e3, 1e3)))
def test_helpers_never_modify_the_path(points):
    before = points.copy()
    plot.descent_path(gdbook.bowl, points, num=5)
    plot.descent_path(gdbook.bowl, points, view="surface", num=5)
    plot.descent_path(gdbook.parabola, points[:, 0], num=5)
    plt.close("all")
    assert np.array_equal(points, before)


def vector_valued(x):
    return np.array([x, x])


@pytest.mark.parametrize(
    ("call", "error", "match"),
    [
        (lambda: plot.descent_path("f", [1.0]), TypeError, "f must be callable"),
        (
            lambda: plot.descent_path(gdbook.parabola, [[1.0, 2.0]], view="curve"),
            ValueError,
            r"path must be .* shape \(n,\)",
        ),
        (
            lambda: plot.descent_path(gdbook.parabola, []),
            ValueError,
            "path must be",
        ),
        (
            lambda: plot.descent_path(gdbook.parabola, [1.0, np.nan]),
            ValueError,
            "path must be finite",
        ),
        (
            lambda: plot.descent_path(gdbook.parabola, ["a"]),
            TypeError,
            "path must be a real",
        ),
        (
            lambda: plot.descent_path(gdbook.parabola, [1.0], xlim=(2, 1)),
            ValueError,
            "xlim must be two finite numbers",
        ),
        (
            lambda: plot.descent_path(gdbook.parabola, [1.0], xlim=3),
            TypeError,
            "xlim must be a pair",
        ),
        (
            lambda: plot.descent_path(gdbook.parabola, [1.0], num=1),
            ValueError,
            "num must be at least 2",
        ),
        (
            lambda: plot.descent_path(vector_valued, [1.0]),
            ValueError,
            "f must return a real scalar",
        ),
        (
            lambda: plot.descent_path(gdbook.bowl, [1.0, 2.0], view="contour"),
            ValueError,
            r"path must be .* shape \(n, 2\)",
        ),
        (
            lambda: plot.descent_path(gdbook.bowl, [[1.0, 2.0]], ylim=(0, np.inf)),
            ValueError,
            "ylim must be two finite numbers",
        ),
        (
            lambda: plot.descent_path(
                gdbook.bowl, [[1.0, 2.0]], view="surface", ax=plt.gca()
            ),
            ValueError,
            "ax must be a 3D Axes",
        ),
        (
            lambda: plot.descent_path(gdbook.bowl, [[1.0, 2.0]], view="3d"),
            ValueError,
            "view must be one of",
        ),
        (
            lambda: plot.descent_animation(gdbook.bowl, [[1.0, 2.0]], view="contour"),
            ValueError,
            "view must be one of",
        ),
        (
            lambda: plot.descent_path(gdbook.bowl, [[1.0, 2.0]], labels=("x",) * 3),
            TypeError,
            "labels must be 2 strings",
        ),
        (
            lambda: plot.descent_path(
                gdbook.bowl, [[1.0, 2.0]], view="surface", num=1001
            ),
            ValueError,
            "num=1001 is too many",
        ),
        (
            lambda: plot.descent_animation(gdbook.parabola, [1.0], every=0),
            ValueError,
            "every must be at least 1",
        ),
        (
            lambda: plot.descent_animation(gdbook.parabola, [1.0], every=1.5),
            TypeError,
            "every must be",
        ),
        (
            lambda: plot.descent_animation(gdbook.parabola, [1.0], interval=0),
            ValueError,
            "interval must be a positive",
        ),
        (
            lambda: plot.descent_animation(gdbook.bowl, [[1.0, 2.0, 3.0]]),
            ValueError,
            r"path must be .* shape \(n, 2\)",
        ),
        (
            lambda: plot.descent_animation(gdbook.bowl, [[1.0, 2.0]], ax=plt.gca()),
            ValueError,
            "ax must be a 3D Axes",
        ),
    ],
)
def test_bad_input_is_refused_clearly(call, error, match):
    with pytest.raises(error, match=match):
        call()


def overlapping_tick_labels(fig, axes, monkeypatch):
    """Pairs of tick labels of ``axes`` (x or y axes) whose boxes overlap when drawn.

    A 3D axis moves its tick labels into place while it draws, and measured after
    the draw their boxes are wrong: they are measured as each label is drawn.
    """
    boxes = {}
    draw_text = Text.draw

    def measure_as_drawn(text, renderer):
        draw_text(text, renderer)
        boxes[text] = text.get_window_extent(renderer)

    monkeypatch.setattr(Text, "draw", measure_as_drawn)
    fig.canvas.draw()
    monkeypatch.undo()
    overlaps = []
    for axis in axes:
        shown = [
            boxes[label]
            for label in axis.get_ticklabels()
            if label in boxes and label.get_visible() and label.get_text()
        ]
        assert len(shown) >= 3
        overlaps += [
            (a, b) for i, a in enumerate(shown) for b in shown[i + 1 :] if a.overlaps(b)
        ]
    return overlaps


@pytest.mark.parametrize("figsize", [None, (7, 5.5)])
def test_surface_tick_labels_do_not_overlap(bowl_trace, figsize, monkeypatch):
    # (7, 5.5) and the limits are those of the page on the bowl; None is the
    # default figure the helper makes.
    ax = None
    if figsize is not None:
        ax = plt.figure(figsize=figsize).add_subplot(projection="3d")
    ax = plot.descent_path(
        gdbook.bowl, bowl_trace, view="surface", xlim=(-2, 2), ylim=(-2, 2), ax=ax
    )
    assert overlapping_tick_labels(ax.figure, [ax.xaxis, ax.yaxis], monkeypatch) == []


def test_surface_animation_has_a_legend_and_fills_its_figure(bowl_trace, monkeypatch):
    fig = plt.figure(figsize=(7, 4.5))  # the page's figure
    ax = fig.add_subplot(projection="3d")
    default_height = ax.get_position(original=True).height
    anim = plot.descent_animation(
        gdbook.bowl,
        bowl_trace,
        xlim=(-2, 2),
        ylim=(-2, 2),
        ax=ax,
        labels=("X", "Y", "Z"),
        num=10,
        every=25,
    )
    ax.set_title("A title set afterwards, as the page does")
    legend = ax.get_legend()
    assert legend is not None
    assert [text.get_text() for text in legend.get_texts()] == [
        "descent path",
        "iterate",
    ]
    position = ax.get_position(original=True)
    assert position.width == pytest.approx(1.0)
    assert position.height > 1.1 * default_height
    # Filling the figure cuts nothing off: the title, tick labels and axis labels
    # are all inside it, in every frame.
    drawn = render(anim, lambda fig: ax.get_tightbbox(), draw=True)
    assert len(drawn) == 3
    for box in drawn:
        assert fig.bbox.x0 <= box.x0 and box.x1 <= fig.bbox.x1
        assert fig.bbox.y0 <= box.y0 and box.y1 <= fig.bbox.y1
    assert overlapping_tick_labels(fig, [ax.xaxis, ax.yaxis], monkeypatch) == []


def test_surface_animation_keeps_the_place_of_axes_among_others(bowl_trace):
    fig = plt.figure()
    ax = fig.add_subplot(1, 2, 1, projection="3d")
    fig.add_subplot(1, 2, 2)
    before = ax.get_position(original=True).bounds
    anim = plot.descent_animation(gdbook.bowl, bowl_trace, ax=ax, num=5, every=25)
    fig.canvas.draw()  # an animation that is never drawn warns
    assert ax.get_position(original=True).bounds == before
    assert anim is not None


def test_a_column_of_points_is_a_one_variable_path(parabola_trace):
    column = parabola_trace.xs[:, np.newaxis]
    ax = plot.descent_path(gdbook.parabola, column)
    assert np.array_equal(ax.lines[1].get_xdata(), parabola_trace.xs)


def test_the_view_follows_the_path_and_the_axes(parabola_trace, bowl_trace):
    assert plot.descent_path(gdbook.parabola, parabola_trace).get_xlabel() == "x"
    contour = plot.descent_path(gdbook.bowl, bowl_trace)
    assert contour.name == "rectilinear" and contour.collections  # the contours
    ax3d = plt.figure().add_subplot(projection="3d")
    surface = plot.descent_path(gdbook.bowl, bowl_trace, ax=ax3d, num=5)
    assert surface.get_zlabel() == "f(x, y)"
    assert (
        plot.descent_animation(gdbook.bowl, bowl_trace, num=5)._fig.axes[0].name == "3d"
    )


OLD_NAMES = {  # name: (its call, the new call that draws the same)
    "path_on_curve": (
        lambda old: old(gdbook.parabola, [5.0, 4.0], xlabel="w", ylabel="L"),
        lambda: plot.descent_path(gdbook.parabola, [5.0, 4.0], labels=("w", "L")),
    ),
    "path_on_contour": (
        lambda old: old(gdbook.bowl, [[1.0, 1.0]], num=20),
        lambda: plot.descent_path(gdbook.bowl, [[1.0, 1.0]], view="contour", num=20),
    ),
    "path_on_surface": (
        lambda old: old(gdbook.bowl, [[1.0, 1.0]], num=5),
        lambda: plot.descent_path(gdbook.bowl, [[1.0, 1.0]], view="surface", num=5),
    ),
    "animate_path_on_curve": (
        lambda old: old(gdbook.parabola, [5.0, 4.0])._fig.axes[0],
        lambda: plot.descent_animation(gdbook.parabola, [5.0, 4.0])._fig.axes[0],
    ),
    "animate_path_on_surface": (
        lambda old: old(gdbook.bowl, [[1.0, 1.0]], num=5)._fig.axes[0],
        lambda: plot.descent_animation(gdbook.bowl, [[1.0, 1.0]], num=5)._fig.axes[0],
    ),
    "line_cost_surface": (
        lambda old: old([0.0, 1.0], [0.0, 1.0], [[1.0, 3.0], [0.5, 1.5]], zlim=(0, 2)),
        lambda: plot.cost_curves(
            [0.0, 1.0],
            [0.0, 1.0],
            [[1.0, 3.0], [0.5, 1.5]],
            view="surface",
            zlim=(0, 2),
        ),
    ),
    "cost_curves_3d": (
        lambda old: old([0.0, 1.0], [0.0, 1.0], [[1.0, 3.0], [0.5, 1.5]]),
        lambda: plot.cost_curves(
            [0.0, 1.0], [0.0, 1.0], [[1.0, 3.0], [0.5, 1.5]], view="3d", zlim=(0, 2)
        ),
    ),
}


@pytest.mark.parametrize("name", OLD_NAMES)
def test_old_names_warn_and_draw_as_their_replacement(name):
    with pytest.warns(DeprecationWarning, match=f"gdbook.plot.{name} is renamed"):
        old = getattr(plot, name)
    call_old, call_new = OLD_NAMES[name]
    old_ax, new_ax = call_old(old), call_new()
    assert old_ax.name == new_ax.name
    assert [line.get_label() for line in old_ax.lines] == [
        line.get_label() for line in new_ax.lines
    ]
    for a, b in zip(old_ax.lines, new_ax.lines, strict=True):
        assert np.array_equal(a.get_xydata(), b.get_xydata(), equal_nan=True)
    labels = ("get_xlabel", "get_ylabel", "get_zlabel")[
        : 3 if old_ax.name == "3d" else 2
    ]
    assert [getattr(old_ax, get)() for get in labels] == [
        getattr(new_ax, get)() for get in labels
    ]
    assert old_ax.get_ylim() == new_ax.get_ylim()
    assert len(old_ax.collections) == len(new_ax.collections)
    assert name not in plot.__all__
