"""The gradient descent chapter prints what it promises (E02, E03, E04, E11, E12).

Every expected line is computed here through gdbook (and, for the book's own loop,
through tests/book.py) and compared with what the page prints; where the inventory
(shared/seeds/README.md) gives a value, the gdbook value is also compared with it.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

import book
import numpy as np
import pytest

import gdbook

CHAPTER = "02_gradient_descent"
HTML = Path(__file__).resolve().parents[1] / "docs" / "_build" / "html"


def bowl_run(lr: float, steps: int, **kwargs) -> gdbook.Trace:
    """Source 003's run: numerical gradient of x0**2 + x1**2 from (-3, 4)."""
    grad = functools.partial(gdbook.numerical_gradient, book.function_2)
    return gdbook.gradient_descent(
        grad, np.array([-3.0, 4.0]), lr=lr, steps=steps, **kwargs
    )


def test_e02_prints_the_last_iterate_and_the_closed_form(run_example):
    out = run_example(f"{CHAPTER}/plot_parabola_descent.py").splitlines()
    trace = gdbook.gradient_descent(gdbook.parabola.grad, 5.0, lr=0.1, steps=50)
    closed_form = (1 - 2 * 0.1) ** 50 * 5.0
    assert out == [
        f"x after 50 steps: {trace.x}",
        f"closed form (1 - 2 lr)^50 x0: {closed_form}",
        f"difference: {trace.x - closed_form}",
        f"relative difference: {(trace.x - closed_form) / closed_form}",
    ]
    # The inventory: x after 50 steps = 5 * 0.8**50, up to rounding (not bit-equal,
    # which is what the page explains).
    assert trace.x == pytest.approx(5 * 0.8**50, rel=1e-14)
    assert trace.x != closed_form


def test_e03_prints_the_frames_and_where_the_sources_formula_goes(run_example):
    out = run_example(f"{CHAPTER}/plot_parabola_animation.py").splitlines()
    trace = gdbook.gradient_descent(gdbook.parabola.grad, 5.0, lr=0.1, steps=50)
    source = np.array(
        [5.0 - i * 0.1 * gdbook.parabola.grad(5.0 - i * 0.1) for i in range(50)]
    )
    assert out == [
        f"frames: {len(trace.xs)} from x = {trace.xs[0]} to x = {trace.x}",
        f"source's formula, lowest x: {source.min()} at frame {source.argmin()}",
        f"source's formula at the last frame (i = 49): {source[-1]}",
        f"true iterate x_49: {trace.xs[49]}",
    ]
    assert len(trace.xs) == 51
    # The source's x = 5 - i + 0.02 i**2 overshoots to -7.5: not a descent.
    assert source.min() == pytest.approx(-7.5)
    assert np.all(np.diff(trace.xs) < 0) and np.all(trace.xs > 0)


def test_e04_prints_the_trace(run_example):
    out = run_example(f"{CHAPTER}/plot_bowl_descent_3d.py").splitlines()
    trace = gdbook.gradient_descent(
        gdbook.bowl.grad, np.array([1.5, 1.5]), lr=0.1, steps=50, loss=gdbook.bowl
    )
    assert out == [
        repr(trace),
        f"f at the start and after 1, 2, 3 steps: {trace.losses[:4]}",
    ]
    assert np.allclose(trace.xs, 1.5 * 0.8 ** np.arange(51)[:, None], rtol=1e-13)


def test_e11_prints_the_final_point_and_the_books_defects(run_example):
    out = run_example(f"{CHAPTER}/plot_numerical_descent.py").splitlines()
    trace = bowl_run(0.1, 20)
    assert str(trace.x) == "[-0.03458765  0.04611686]"  # the inventory
    book_init_x = np.array([-3.0, 4.0])
    book_x, book_history = book.gradient_descent(
        book.function_2, book_init_x, lr=0.1, step_num=20
    )
    assert out == [
        str(trace.x),
        f"points: {len(trace.xs)} first: {trace.xs[0]} last: {trace.xs[-1]}",
        "init_x after the run: [-3.  4.]",
        f"book's x: {book_x} same as gdbook's: {np.array_equal(book_x, trace.x)}",
        f"book's init_x after the run: {book_init_x}",
        f"book's history: {len(book_history)} points, last: {book_history[-1]}",
    ]
    assert out[1] == "points: 21 first: [-3.  4.] last: [-0.03458765  0.04611686]"
    assert out[3].endswith("same as gdbook's: True")
    assert np.array_equal(book_init_x, trace.x)  # the book overwrote its start
    assert len(book_history) == 20


def test_e12_prints_both_final_points_and_the_freeze_check(run_example):
    out = run_example(f"{CHAPTER}/plot_learning_rates.py").splitlines()
    too_large = bowl_run(10.0, 100)
    too_small = bowl_run(1e-10, 100)
    assert str(too_large.x) == "[-2.58983747e+13 -1.29524862e+12]"  # the inventory
    assert str(too_small.x) == "[-2.99999994  3.99999992]"  # the inventory

    h = 1e-4
    freeze_lines = []
    for i in range(2):
        k = int(np.flatnonzero(too_large.grads[:, i] == 0)[0])
        x_i = too_large.xs[k, i]
        assert x_i + h == x_i and np.spacing(abs(x_i)) > 2 * h
        assert np.all(too_large.xs[k:, i] == x_i)  # frozen from then on
        freeze_lines.append(
            f"x{i}: gradient first 0 at step {k}, x{i} = {x_i:.8e}, "
            f"spacing = {np.spacing(abs(x_i)):.6g}, x + h == x: True"
        )
    exact = 2 * too_large.xs[:-1]
    errors = np.abs(too_large.grads - exact).max(axis=1) / np.abs(exact).max(axis=1)
    assert out == [
        str(too_large.x),
        str(too_small.x),
        f"lr = 1e-10 moved by: {too_small.x - np.array([-3.0, 4.0])}",
        *freeze_lines,
        "frozen from step 10 on: True",
        f"exact arithmetic would reach |x| = {19.0**100 * 5.0}",
        *np.array2string(errors[:11], precision=1).splitlines(),
    ]
    # The page's prose: x1 freezes at step 9, x0 at step 10, both near 1e12-1e13.
    assert freeze_lines[0].startswith("x0: gradient first 0 at step 10")
    assert freeze_lines[1].startswith("x1: gradient first 0 at step 9")
    assert np.all(too_large.xs[10:] == too_large.x)


ANIMATION_PAGES = ["plot_parabola_animation", "plot_bowl_descent_3d"]


@pytest.mark.parametrize("page", ANIMATION_PAGES)
def test_animation_pages_embed_a_video_not_frames(page):
    html_file = HTML / "auto_examples" / CHAPTER / f"{page}.html"
    if not html_file.is_file():
        pytest.fail(f"{html_file} is missing: build the site first (nox -s docs)")
    html = html_file.read_text(encoding="utf-8")
    sources = re.findall(r'<source src="([^"]+\.mp4)"', html)
    assert "<video" in html and len(sources) == 1, sources
    video = (html_file.parent / sources[0]).resolve()
    assert video.is_relative_to(HTML / "_images") and video.is_file()
    assert video.stat().st_size < 1_000_000
    # A JavaScript frame list (sphinx-gallery's html animation) embeds PNG frames.
    assert "data:image/png;base64" not in html
    assert len(html) < 200_000
