"""The explorables in Chromium: they draw, move, tell the truth, fit a phone.

Each explorable on the built site (the pages ``plot_explore_*`` of chapters 02, 03
and 06), served under a sub-path: it comes first on its page; its script sets it up
without error and without a request leaving the site, quickly; moving a slider with
the keyboard or by setting its value changes the drawing; the numbers it prints for
the slider values are those of the same gdbook call made here; axe-core finds no
serious problem; it follows the theme's dark mode and reduced motion; on a 390 px
phone its sliders, values, labels and panels stay on the screen and readable. The
same HTML also works when inserted into a page as Jupyter inserts an output.
"""

from __future__ import annotations

import functools
import html
import os
import re
from pathlib import Path

import numpy as np
import pytest
from sitecheck import (
    GALLERY_OUT,
    SITE,
    TRANSLATIONS,
    serious_violations,
    site_pages,
    watch,
)

import gdbook

pytestmark = pytest.mark.browser

#: The explorable pages, one in each of these chapters.
EXPLORABLES = {
    "02_gradient_descent": "plot_explore_learning_rate",
    "03_fitting_lines": "plot_explore_sgd_noise",
    "06_optimizers": "plot_explore_momentum",
}
# Where to save screenshots for a human to look at (unset: none are taken).
SCREENSHOTS = os.environ.get("GDBOOK_SCREENSHOTS")


def explorable_pages() -> list:
    pages = [
        page
        for page in site_pages()
        if page.startswith(GALLERY_OUT)
        and 'class="gdx"' in (SITE / page).read_text(encoding="utf-8")
    ]
    if not pages:
        return [pytest.param("", id="site-not-built")]
    # The first explorable in each translation too (the same figure and script,
    # in a page with other words).
    translated = [
        f"{language}/{pages[0]}"
        for language in TRANSLATIONS
        if (SITE / language / pages[0]).is_file()
    ]
    return [pytest.param(page, id=Path(page).stem) for page in pages] + [
        pytest.param(page, id=f"{page.split('/')[0]}-{Path(page).stem}")
        for page in translated
    ]


# --- What gdbook computes for each explorable, by the start of its title ---------


def function_2(x):
    return x[0] ** 2 + x[1] ** 2


def _descent_readouts(run, steps: int) -> dict[str, str]:
    trace = run()
    below = np.flatnonzero(trace.losses < 1e-6)
    return {
        f"x after {steps} steps": str(trace.x),
        f"loss after {steps} steps": f"{trace.loss:.6g}",
        "first step with loss below 1e-06": (
            str(below[0]) if below.size else f"none in {steps}"
        ),
    }


def parabola_readouts(lr: float) -> dict[str, str]:
    """E02: x² from 5, 50 steps."""
    return _descent_readouts(
        lambda: gdbook.gradient_descent(
            gdbook.parabola.grad, 5.0, lr=lr, steps=50, loss=gdbook.parabola
        ),
        50,
    )


def bowl_readouts(lr: float) -> dict[str, str]:
    """E12: source 003's bowl from (-3, 4), numerical gradient, 100 steps."""
    grad = functools.partial(gdbook.numerical_gradient, function_2)
    return _descent_readouts(
        lambda: gdbook.gradient_descent(
            grad, np.array([-3.0, 4.0]), lr=lr, steps=100, loss=function_2
        ),
        100,
    )


def sgd_readouts(lr: float, batch_size: float) -> dict[str, str]:
    """Mini-batch SGD on 100 beans, 30 epochs, seed 0."""
    fit = gdbook.fit_line_sgd(
        *gdbook.beans(100), lr=lr, epochs=30, batch_size=int(batch_size), rng=0
    )
    return {
        "loss after 30 epochs": f"{fit.loss:.6g}",
        "updates per epoch": str(fit.updates_per_epoch),
        "line after 30 epochs": f"y = {fit.slope:.6g} x + {fit.intercept:.6g}",
    }


def heavy_ball_readouts(lr: float, momentum: float) -> dict[str, str]:
    """The heavy ball on quadratic(condition=10) from (10, 3), 60 steps."""
    f = gdbook.quadratic(condition=10)
    optimizer = gdbook.optimizers.momentum(lr, momentum=momentum)
    readouts = _descent_readouts(
        lambda: gdbook.gradient_descent(
            f.grad, [10.0, 3.0], steps=60, optimizer=optimizer, loss=f
        ),
        60,
    )
    return {**readouts, "optimizer": repr(optimizer)}


EXPECTED = {
    "The heavy ball on ½ (x₀² + 10 x₁²)": heavy_ball_readouts,
    "Gradient descent on f(x) = x² (E02)": parabola_readouts,
    "Gradient descent on x₀² + x₁² (E12)": bowl_readouts,
    "Mini-batch SGD on the line fit": sgd_readouts,
}


def expected_readouts(title: str):
    for start, compute in EXPECTED.items():
        if title.startswith(start):
            return compute
    pytest.fail(f"no gdbook oracle for the explorable {title!r}: add it to EXPECTED")


# --- Reading an explorable in the page --------------------------------------------

STATE_JS = """
(root) => ({
  title: root.querySelector("figcaption strong").textContent,
  caption: root.querySelector(".gdx-caption").textContent,
  labels: [...root.querySelectorAll(".gdx-controls label > span:first-child")]
    .map(e => e.textContent),
  drawnTexts: [...root.querySelectorAll("svg text, svg title")].map(e => e.textContent),
  values: [...root.querySelectorAll(".gdx-value")].map(e => e.textContent),
  valuetexts: [...root.querySelectorAll("input.gdx-range")]
    .map(e => e.getAttribute("aria-valuetext")),
  positions: [...root.querySelectorAll("input.gdx-range")].map(e => e.value),
  disabled: [...root.querySelectorAll("input.gdx-range")].some(e => e.disabled),
  paths: Object.fromEntries([...root.querySelectorAll("path[data-gdx-series]")]
    .map(p => [p.dataset.gdxSeries, p.getAttribute("d")])),
  readouts: Object.fromEntries([...root.querySelectorAll(".gdx-readouts > div")]
    .map(d => [d.querySelector("dt").textContent, d.querySelector("dd").textContent])),
  description: root.querySelector("svg desc").textContent,
  status: root.querySelector(".gdx-status").textContent,
  ready: root.hasAttribute("data-gdx-ready"),
  hintHidden: root.querySelector(".gdx-hint").hidden,
  drawn: Number(root.dataset.gdxDrawn),
})
"""

TIMING_JS = """
() => {
  const [navigation] = performance.getEntriesByType("navigation");
  return {
    domContentLoaded: navigation.domContentLoadedEventStart,
    responseStart: navigation.responseStart,
    firstPaint: (performance.getEntriesByName("first-contentful-paint")[0] || {})
      .startTime,
    drawn: [...document.querySelectorAll(".gdx")].map(r => Number(r.dataset.gdxDrawn)),
    setup: [...document.querySelectorAll(".gdx")]
      .map(r => Number(r.dataset.gdxSetupMs)),
  };
}
"""


def state(root) -> dict:
    return root.evaluate(STATE_JS)


#: A Chinese character.
CJK = re.compile("[\u4e00-\u9fff]")


def english_of(served: str) -> dict[str, str]:
    """The English of each text the page's HTML carries in Chinese too (data-zh)."""
    pairs = re.findall(r' data-zh="([^"]*)">([^<]*)<', served)
    return {html.unescape(zh): html.unescape(en) for zh, en in pairs}


def check_numbers(found: dict, english: dict | None = None) -> None:
    """The page's printed values for its slider values are gdbook's; on a page in
    Chinese (``english``: the English of its texts), a readout in words is Chinese
    and the others, numbers and code, are the same as on the English page."""
    english = english or {}
    compute = expected_readouts(english.get(found["title"], found["title"]))
    values = [float(text) for text in found["values"]]
    expected = compute(*values)
    shown = {english.get(k, k): v for k, v in found["readouts"].items()}
    assert set(expected) <= set(shown), found["title"]
    for label, value in expected.items():
        if english and CJK.search(shown[label]):
            assert re.search("[A-Za-z]{2}", value), (label, value, shown[label])
        else:
            assert shown[label] == value, (found["title"], label)


def open_page(context, server, path):
    page = context.new_page()
    visit = watch(context, page, server)
    response = page.goto(server.url(path), wait_until="load")
    assert response is not None and response.status == 200
    return page, visit


@pytest.mark.parametrize("path", explorable_pages())
def test_explorables_set_up_quickly_and_cleanly(path, site, server, context):
    page, visit = open_page(context, server, path)
    roots = page.locator(".gdx")
    assert roots.count() >= 1
    timing = page.evaluate(TIMING_JS)
    # Each figure is drawn in the HTML already (the default frame, rendered in
    # Python), so it shows with the page's first paint; its script then takes over
    # during parsing, before DOMContentLoaded, in a few milliseconds.
    dcl = timing["domContentLoaded"]
    for drawn, setup in zip(timing["drawn"], timing["setup"], strict=True):
        print(
            f"\n{path}: first paint {timing['firstPaint']:.0f} ms, "
            f"DOMContentLoaded {dcl:.0f} ms, script set up at {drawn:.0f} ms "
            f"({drawn - dcl:+.0f} ms from DOMContentLoaded) in {setup:.1f} ms"
        )
        assert drawn - dcl < 500
        assert setup < 100
    served = (site / path).read_text(encoding="utf-8")
    english = english_of(served) if path.startswith(TRANSLATIONS) else None
    for k in range(roots.count()):
        found = state(roots.nth(k))
        assert found["ready"] and not found["disabled"] and found["hintHidden"]
        assert found["valuetexts"] == found["values"]
        # The script draws the default frame exactly as Python drew it.
        for name, d in found["paths"].items():
            assert f'data-gdx-series="{name}"' in served
            assert f'd="{d}"' in served, name
        check_numbers(found, english)
    page.wait_for_load_state("networkidle")
    assert visit.problems() == []


@pytest.mark.parametrize("path", explorable_pages())
def test_each_slider_moves_the_drawing_and_its_numbers_are_gdbooks(
    path, site, server, context
):
    page, visit = open_page(context, server, path)
    roots = page.locator(".gdx")
    served = (site / path).read_text(encoding="utf-8")
    english = english_of(served) if path.startswith(TRANSLATIONS) else None
    for k in range(roots.count()):
        root = roots.nth(k)
        inputs = root.locator("input.gdx-range")
        for i in range(inputs.count()):
            slider = inputs.nth(i)
            before = state(root)
            position = int(before["positions"][i])
            maximum = int(slider.get_attribute("max"))
            # The keyboard: one step right (left from the end).
            slider.focus()
            page.keyboard.press("ArrowLeft" if position == maximum else "ArrowRight")
            after = state(root)
            assert after["positions"][i] != before["positions"][i]
            assert after["paths"] != before["paths"], "the drawing did not change"
            assert after["values"][i] != before["values"][i]
            assert after["valuetexts"] == after["values"]
            assert after["status"] != before["status"]
            assert after["description"] != before["description"]
            check_numbers(after, english)
            # A value set from a script, with the input event a drag fires.
            target = 0 if position == maximum else maximum
            slider.evaluate(
                "(input, v) => { input.value = String(v);"
                " input.dispatchEvent(new Event('input', {bubbles: true})); }",
                target,
            )
            moved = state(root)
            assert int(moved["positions"][i]) == target
            assert moved["paths"] != after["paths"]
            check_numbers(moved, english)
    page.wait_for_load_state("networkidle")
    assert visit.problems() == []


@pytest.mark.parametrize("path", explorable_pages())
def test_explorables_have_no_serious_accessibility_problem(path, site, server, context):
    page, visit = open_page(context, server, path)
    page.wait_for_load_state("networkidle")
    assert visit.problems() == []
    assert serious_violations(page) == []


@pytest.mark.parametrize("path", explorable_pages())
@pytest.mark.parametrize(
    ("scheme", "motion"), [("light", "no-preference"), ("dark", "reduce")]
)
def test_explorables_follow_dark_mode_and_reduced_motion(
    path, scheme, motion, site, server, browser
):
    context = browser.new_context(
        color_scheme=scheme,
        reduced_motion=motion,
        viewport={"width": 1280, "height": 900},
    )
    try:
        page, visit = open_page(context, server, path)
        assert page.evaluate("document.documentElement.dataset.theme") == scheme
        style = page.evaluate(
            """() => {
              const root = document.querySelector(".gdx");
              const axis = getComputedStyle(
                root.querySelector('.gdx-svg path[style*="--gdx-fg"]')).stroke;
              const text = getComputedStyle(root.querySelector("svg text")).fill;
              const path = root.querySelector("path[data-gdx-series]");
              return {axis, text, colour: getComputedStyle(root).color,
                      transition: getComputedStyle(path).transitionDuration};
            }"""
        )

        def luminance(css: str) -> float:
            red, green, blue = map(float, re.findall(r"[\d.]+", css)[:3])
            return 0.2126 * red + 0.7152 * green + 0.0722 * blue

        for colour in (style["axis"], style["text"], style["colour"]):
            if scheme == "dark":
                assert luminance(colour) > 150, style
            else:
                assert luminance(colour) < 100, style
        if motion == "reduce":
            assert style["transition"] == "0s"
        else:
            assert style["transition"] != "0s"
        if SCREENSHOTS:
            for k in range(page.locator(".gdx").count()):
                page.locator(".gdx").nth(k).screenshot(
                    path=str(Path(SCREENSHOTS) / f"{Path(path).stem}-{k}-{scheme}.png")
                )
        page.wait_for_load_state("networkidle")
        assert visit.problems() == []
        assert serious_violations(page) == []
    finally:
        context.close()


# --- As Jupyter shows it ----------------------------------------------------------

# JupyterLab sets an output's HTML with innerHTML (which runs no script), then
# replaces each script element with a copy, which the browser runs. The classic
# notebook (jQuery's .html()) evaluates the scripts' text instead, where
# document.currentScript is null.
INSERT_JS = """
([html, mode]) => {
  const cell = document.createElement("div");
  document.body.append(cell);
  cell.innerHTML = html;
  for (const old of cell.querySelectorAll("script")) {
    if (old.type && old.type !== "text/javascript") continue;
    if (mode === "jupyterlab") {
      const copy = document.createElement("script");
      copy.textContent = old.textContent;
      old.replaceWith(copy);
    } else {
      (0, eval)(old.textContent);
    }
  }
}
"""


@pytest.mark.parametrize("mode", ["jupyterlab", "classic"])
def test_explorables_work_as_notebook_outputs(mode, browser):
    from gdbook import explore

    first = explore.learning_rate_explorer(
        gdbook.parabola, 5.0, lrs=[0.1, 0.9, 1.1], steps=20, default=0.1
    )
    second = explore.sgd_noise_explorer(
        *gdbook.beans(20), lrs=[0.1, 0.3], batch_sizes=[1, 20], epochs=4, tail=2
    )
    context = browser.new_context()
    try:
        page = context.new_page()
        errors = []
        page.on("console", lambda m: m.type == "error" and errors.append(m.text))
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.set_content("<!DOCTYPE html><html lang='en'><body></body></html>")
        # Two outputs, and the first shown again in a later cell.
        for html in (first.to_html(), second.to_html(), first.to_html()):
            page.evaluate(INSERT_JS, [html, mode])
        roots = page.locator(".gdx")
        assert roots.count() == 3
        for k in range(3):
            found = state(roots.nth(k))
            assert found["ready"] and not found["disabled"]
        # Each copy moves on its own.
        slider = roots.nth(2).locator("input.gdx-range")
        slider.focus()
        page.keyboard.press("ArrowRight")
        assert state(roots.nth(2))["values"] == ["0.9"]
        assert state(roots.nth(0))["values"] == ["0.1"]
        shown = state(roots.nth(2))["readouts"]["loss after 20 steps"]
        assert shown == first.frame(lr=0.9).readouts["loss after 20 steps"]
        assert errors == []
    finally:
        context.close()


def test_an_explorable_speaks_the_language_of_its_page(browser):
    """The same HTML in a page whose language is Chinese: Chinese words, the same
    numbers; in a page in English, English."""
    from gdbook import explore

    explorable = explore.learning_rate_explorer(
        gdbook.parabola, 5.0, lrs=[0.1, 1.1], steps=20
    )
    context = browser.new_context()
    try:
        page = context.new_page()
        found = {}
        for language in ("en", "zh-CN"):
            page.set_content(
                f"<!DOCTYPE html><html lang='{language}'><body></body></html>"
            )
            page.evaluate(INSERT_JS, [explorable.to_html(), "jupyterlab"])
            found[language] = state(page.locator(".gdx").first)
        english, chinese = found["en"], found["zh-CN"]
        assert english["readouts"] == explorable.frame().readouts
        assert english["labels"] == ["learning rate η"]
        assert chinese["labels"] == ["学习率 η"] and CJK.search(chinese["title"])
        assert chinese["readouts"] == {
            "20 步后的 x": english["readouts"]["x after 20 steps"],
            "20 步后的损失": english["readouts"]["loss after 20 steps"],
            "损失首次低于 1e-06 的步": "20 步内没有",
            "表现": "收敛中，20 步内未低于 1e-06",
        }
        assert chinese["status"].startswith("学习率 η 0.1：收敛中")
    finally:
        context.close()


# --- Where they are, and on a phone ---------------------------------------------


def test_each_explorable_is_in_its_chapter_with_a_real_thumbnail(site):
    pages = [param.values[0] for param in explorable_pages()]
    assert {Path(p).parent.name: Path(p).stem for p in pages} == EXPLORABLES
    assert not (site / GALLERY_OUT / "07_explorables").exists()
    thumbnails = set()
    for chapter, stem in EXPLORABLES.items():
        index = (site / GALLERY_OUT / chapter / "index.html").read_text("utf-8")
        (src,) = re.findall(rf'src="([^"]*sphx_glr_{stem}_thumb[^"]*)"', index)
        thumbnails.add((site / GALLERY_OUT / chapter / src).resolve().read_bytes())
        # Its picture: a figure drawn on the page from the explorable's runs
        # (sphinx-gallery's placeholder is the same file for every page).
        page = (site / GALLERY_OUT / chapter / f"{stem}.html").read_text("utf-8")
        assert f"sphx_glr_{stem}_001.png" in page
    assert len(thumbnails) == len(EXPLORABLES)


@pytest.mark.parametrize("path", explorable_pages())
def test_the_explorable_comes_first(path, site, server, context):
    page, visit = open_page(context, server, path)
    order = page.evaluate(
        """() => {
          const main = document.querySelector("main") || document.body;
          const root = main.querySelector(".gdx");
          const figures = [...main.querySelectorAll("img, video")];
          return {
            top: root.getBoundingClientRect().top + window.scrollY,
            before: figures.filter(f => root.compareDocumentPosition(f)
              & Node.DOCUMENT_POSITION_PRECEDING).length,
          };
        }"""
    )
    assert order["before"] == 0  # no picture before the explorable
    assert order["top"] < 1600, order
    page.wait_for_load_state("networkidle")
    assert visit.problems() == []


PHONE_JS = """
() => [...document.querySelectorAll(".gdx")].map(root => {
  const box = (e) => { const r = e.getBoundingClientRect();
    return {left: r.left, right: r.right, width: r.width, height: r.height}; };
  const size = (e) => parseFloat(getComputedStyle(e).fontSize);
  return {
    parts: [...root.querySelectorAll(
      "input.gdx-range, .gdx-value, .gdx-controls label > span, svg.gdx-svg, dd, dt")]
      .map(e => ({what: e.className.baseVal ?? e.className, ...box(e), size: size(e)})),
    ticks: [...root.querySelectorAll("svg.gdx-svg text")].map(e => box(e).height),
    ranges: [...root.querySelectorAll("input.gdx-range")].map(e => box(e).width),
  };
})
"""


@pytest.mark.parametrize("path", explorable_pages())
def test_explorables_fit_a_390_px_phone(path, site, server, browser):
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, device_scale_factor=2, has_touch=True
    )
    try:
        page, visit = open_page(context, server, path)
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        for found in page.evaluate(PHONE_JS):
            for part in found["parts"]:
                # On the screen, not cut by its edge...
                assert part["left"] >= 0 and part["right"] <= 390, part
                # ...and readable: text of at least 12 px (the page's is 16).
                if part["what"] not in ("gdx-range", "gdx-svg"):
                    assert part["size"] >= 12, part
            # The panels are drawn at about their own size (labels of 9 to 10 px,
            # not shrunk to fit two panels side by side), the sliders long enough
            # to move one step at a time with a thumb.
            assert min(found["ticks"]) >= 8, min(found["ticks"])
            assert min(found["ranges"]) >= 300
        if SCREENSHOTS:
            page.screenshot(
                path=str(Path(SCREENSHOTS) / f"{Path(path).stem}-390.png"),
                full_page=True,
            )
        page.wait_for_load_state("networkidle")
        assert visit.problems() == []
    finally:
        context.close()


# --- In Chinese on the Chinese site ---------------------------------------------


@pytest.mark.parametrize(
    ("chapter", "stem"), EXPLORABLES.items(), ids=list(EXPLORABLES.values())
)
def test_on_the_chinese_site_the_explorables_speak_chinese(
    chapter, stem, site, server, context
):
    """The same figures (the Chinese site reuses the English gallery's output): on
    the page in Chinese their title, caption, labels, axes and readouts are in
    Chinese, their numbers the same; the English page is unchanged."""
    path = f"{GALLERY_OUT}/{chapter}/{stem}.html"
    found = {}
    for language in ("en", *TRANSLATIONS):
        at = path if language == "en" else f"{language}/{path}"
        assert (site / at).is_file(), at
        page, visit = open_page(context, server, at)
        roots = page.locator(".gdx")
        found[language] = [state(roots.nth(k)) for k in range(roots.count())]
        # Move each figure's first slider to its end: the new frame speaks too.
        for k in range(roots.count()):
            slider = roots.nth(k).locator("input.gdx-range").first
            slider.evaluate(
                "(input) => { input.value = input.max;"
                " input.dispatchEvent(new Event('input', {bubbles: true})); }"
            )
            found[language].append(state(roots.nth(k)))
        page.wait_for_load_state("networkidle")
        assert visit.problems() == []
        page.close()
    english, chinese = found["en"], found[TRANSLATIONS[0]]
    assert len(english) == len(chinese) >= 2
    for en, zh in zip(english, chinese, strict=True):
        texts = [
            en["title"],
            en["caption"],
            en["status"],
            *en["labels"],
            *en["readouts"],
        ]
        assert not any(CJK.search(t) for t in texts + en["drawnTexts"]), texts
        texts = [
            zh["title"],
            zh["caption"],
            zh["status"],
            *zh["labels"],
            *zh["readouts"],
        ]
        assert all(CJK.search(t) for t in texts), texts
        assert CJK.search(zh["description"])
        # The panels' titles and axis labels in words (not the ticks, not "x₀").
        drawn = [t for t in en["drawnTexts"] if re.search("[A-Za-z]{3}", t)]
        translated = [t for t in zh["drawnTexts"] if CJK.search(t)]
        assert len(translated) >= len(drawn) - 2 > 0, (drawn, translated)
        # The same figure and numbers: the paths, the slider values, each readout
        # not in words.
        assert zh["paths"] == en["paths"] and zh["values"] == en["values"]
        for shown_en, shown_zh in zip(
            en["readouts"].values(), zh["readouts"].values(), strict=True
        ):
            assert shown_zh == shown_en or CJK.search(shown_zh), (shown_en, shown_zh)
