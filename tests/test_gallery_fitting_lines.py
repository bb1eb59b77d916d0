"""The fitting-lines chapter: sources 001, 002 and 004 run, checked and corrected.

Each page first runs the source's own code, then gdbook, and prints labelled values
(``label: value``). Every value is checked here against the same quantity computed
twice, through the source's code (``book_fitting_lines``, the listings kept
verbatim) and through gdbook, and the inventory's values against their strings.
The errata the pages and docs/errata.md name are checked by running the source's
code as printed and computing what is true instead.
"""

from __future__ import annotations

from pathlib import Path

import book_fitting_lines as book
import matplotlib
import numpy as np
import pytest
from conftest import printed_values
from printed_numbers import number, numbers

import gdbook
import gdbook.plot

matplotlib.use("Agg")
import matplotlib.pyplot as plt

CHAPTER = "03_fitting_lines"
DATA = Path(__file__).parent / "data"
ERRATA = Path(__file__).parents[1] / "docs" / "errata.md"


def source_002_output() -> list[str]:
    """The 102 lines source 002 printed for E06 (its own output, transcribed)."""
    lines = (DATA / "source_002_e06_output.txt").read_text().splitlines()
    return [line for line in lines if not line.startswith("#")]


def errata_section(source: str) -> str:
    """One source's section of docs/errata.md, its whitespace runs made one space."""
    text = ERRATA.read_text(encoding="utf-8")
    start = text.index(f"## Source {source}")
    following = text.find("\n## Source ", start + 1)
    return " ".join(text[start : following if following > 0 else len(text)].split())


@pytest.fixture(scope="module")
def figures():
    """Close the figures a test made with the source's plotting code."""
    yield
    plt.close("all")


# --- E05, source 001 -----------------------------------------------------------------


@pytest.fixture(scope="module")
def e05_out(run_example):
    return run_example(f"{CHAPTER}/plot_line_fit.py")


@pytest.fixture(scope="module")
def e05(e05_out):
    return printed_values(e05_out)


def test_e05_the_sources_code_then_gdbook_same_bits(e05, e05_out):
    X, Y = book.source_001_data()
    m, b, history = book.source_001_fit(X, Y, 0.01, 100)
    # The inventory's values, printed by the source's code on the page, read back.
    assert (m, b, history[-1]) == (
        2.948979388333912,
        0.35005098565134224,
        1.0133984237469946,
    )
    assert number(e05["m"]) == m and e05["m"] == "2.948979388333912"
    assert number(e05["b"]) == b and e05["b"] == "0.35005098565134224"
    assert number(e05["final MSE"]) == history[-1]
    assert e05["final MSE"] == "1.0133984237469946"
    assert number(e05["losses in history"]) == 100
    assert e05["same data as gdbook.noisy_line, bit for bit"] == "True"
    assert e05["same m and b as gdbook.fit_line, bit for bit"] == "True"
    assert e05["same losses (history is fit.losses[1:])"] == "True"
    # gdbook against the source's code, here too.
    fit = gdbook.fit_line(*gdbook.noisy_line(100), lr=0.01, epochs=100)
    assert (fit.slope, fit.intercept) == (m, b)
    assert np.array_equal(fit.losses[1:], history)
    assert number(e05["loss at the start, L(0, 0)"]) == np.mean(Y**2)
    assert number(e05["loss after the first update"]) == history[0]
    # The teaching numbers, rounded, against the source's code.
    assert numbers(e05["numpy loop"]) == pytest.approx([m, b], abs=5e-4)
    assert numbers(e05["gdbook.fit_line"]) == pytest.approx([m, b], abs=5e-4)
    lines = e05_out.splitlines()
    table = lines.index("              w       b       L")
    start, after, _, best = (numbers(row) for row in lines[table + 1 : table + 5])
    assert start == pytest.approx([0, 0, np.mean(Y**2)], abs=5e-4)
    assert after == pytest.approx([100, m, b, history[-1]], abs=5e-4)
    best_m, best_b = np.polyfit(X, Y, 1)
    lowest = np.mean((Y - best_m * X - best_b) ** 2)
    assert best == pytest.approx([best_m, best_b, lowest], abs=5e-4)


def test_e05_erratum_the_figure_is_not_the_loss_curve(e05, figures):
    # As printed, get_gradient_function returns None and draws the data and one
    # line, the fitted one: no loss against the iteration.
    X, Y = book.source_001_data()
    returned, fig = book.source_001_get_gradient_function(X, Y, 0.01, 100)
    assert returned is None and e05["get_gradient_function returns"] == "None"
    (ax,) = fig.axes
    assert ax.get_title() == "Gradient Descent"
    assert len(ax.collections) == 1  # the scatter of the data
    (line,) = ax.lines
    m, b, _ = book.source_001_fit(X, Y, 0.01, 100)
    assert np.array_equal(line.get_xdata(), X)
    assert np.array_equal(line.get_ydata(), m * X + b)  # gradient_function is a line


def test_e05_erratum_100_epochs_are_not_the_optimum(e05, e05_out):
    X, Y = book.source_001_data()
    best_m, best_b = np.polyfit(X, Y, 1)
    lowest = np.mean((Y - (best_m * X + best_b)) ** 2)
    assert number(e05["least-squares m"]) == best_m
    assert number(e05["least-squares b"]) == best_b
    # numpy 2.5 (Python 3.12+) sums the squares in another order: the last bit
    assert number(e05["least-squares MSE"]) == pytest.approx(lowest, rel=1e-14)
    # What is true: after 100 epochs the line is off the optimum...
    _, b, history = book.source_001_fit(X, Y, 0.01, 100)
    assert b - best_b > 0.1
    assert history[-1] > 1.004 * lowest
    # ...and the source's loop gets there in 5000 epochs; gdbook gives its bits.
    m5, b5, history5 = book.source_001_fit(X, Y, 0.01, 5000)
    assert number(e05["after 5000 epochs, m"]) == m5
    assert number(e05["after 5000 epochs, b"]) == b5
    assert number(e05["after 5000 epochs, MSE"]) == history5[-1]
    assert abs(b5 - best_b) < 1e-9 and abs(m5 - best_m) < 1e-9
    lines = e05_out.splitlines()
    table = lines.index("              w       b       L")
    assert numbers(lines[table + 3]) == pytest.approx(
        [5000, m5, b5, history5[-1]], abs=5e-4
    )
    # Why: the curvatures of the bowl.
    n = len(X)
    H = 2 / n * np.array([[np.sum(X**2), np.sum(X)], [np.sum(X), n]])
    flat, steep = np.linalg.eigvalsh(H)
    assert number(e05["curvature of the flat axis"]) == flat
    assert number(e05["curvature of the steep axis"]) == steep
    assert number(e05["factor per update along the flat axis"]) == 1 - 0.01 * flat
    assert number(e05["largest stable learning rate, 2/lambda_max"]) == 2 / steep
    assert numbers(e05["curvatures"]) == pytest.approx([flat, steep], abs=0.05)
    assert number(e05["factor per epoch along the flat axis"]) == pytest.approx(
        1 - 0.01 * flat, abs=5e-5
    )
    assert number(e05["largest stable learning rate 2/λmax"]) == pytest.approx(
        2 / steep, abs=5e-5
    )
    assert 0.99 < 1 - 0.01 * flat < 0.996 and 0.01 < 2 / steep < 0.03
    # Past 2/lambda_max the descent diverges; just below, it converges.
    assert gdbook.fit_line(X, Y, lr=1.02 * 2 / steep, epochs=2000).loss > 1e6
    assert gdbook.fit_line(X, Y, lr=0.98 * 2 / steep, epochs=2000).loss < 1.01


def test_errata_001_quote_computed_values():
    text = errata_section("001")
    X, Y = book.source_001_data()
    m, b, history = book.source_001_fit(X, Y, 0.01, 100)
    assert f"`m = {m}`, `b = {b}`, MSE `{history[-1]}`" in text
    best_m, best_b = np.polyfit(X, Y, 1)
    lowest = np.mean((Y - (best_m * X + best_b)) ** 2)
    assert f"$m = {best_m:.5f}$, $b = {best_b:.5f}$, MSE ${lowest:.5f}$" in text
    H = 2 / len(X) * np.array([[np.sum(X**2), np.sum(X)], [np.sum(X), len(X)]])
    flat, steep = np.linalg.eigvalsh(H)
    assert f"${flat:.3f}$" in text and f"= {2 / steep:.3f}$" in text
    assert f"${100 * 0.01 * flat:.1f}\\,\\%$" in text
    assert "{ref}`sphx_glr_auto_examples_03_fitting_lines_plot_line_fit.py`" in text


# --- E06, source 002 -----------------------------------------------------------------


@pytest.fixture(scope="module")
def e06_out(run_example):
    return run_example(f"{CHAPTER}/plot_line_through_origin.py")


def test_e06_prints_the_sources_102_lines(e06_out):
    table = [
        line
        for line in e06_out.splitlines()
        if line.startswith(("Predict (befortraining)", "Epoch:", "Predict(after"))
    ]
    fit = gdbook.fit_slope(
        *gdbook.proportional_data(4), slope0=1.0, lr=0.01, epochs=100
    )
    computed = [f"Predict (befortraining) 4 {float(fit.slopes[0] * 4)}"]
    computed += [
        f"Epoch: {k} w= {float(fit.slopes[k + 1])} cost= {float(fit.losses[k])}"
        for k in range(100)
    ]
    computed.append(f"Predict(after training) 4 {fit.predict(4)}")
    # The page's table, the source's code, gdbook and the source's own printed
    # output (transcribed in tests/data) are one and the same.
    assert table == book.source_002_gd_lines() == computed == source_002_output()


def test_e06_gdbook_agrees_and_the_erratum_on_the_pairing(e06_out):
    values = printed_values(e06_out)
    _, mse_list, w = book.source_002_gd()
    x, y = gdbook.proportional_data(4)
    fit = gdbook.fit_slope(x, y, slope0=1.0, lr=0.01, epochs=100)
    assert number(values["gdbook prediction for 4 before training"]) == 4.0
    after = number(values["gdbook prediction for 4 after training"])
    assert after == w * 4 == 7.999999650093055  # the source's code, the inventory
    assert values["same final w, bit for bit"] == "True" and fit.slope == w
    assert values["same 100 costs, bit for bit"] == "True"
    assert fit.losses[:-1].tolist() == mse_list
    # What is true: the cost of w = 1.15 is the cost printed on the next line.
    assert number(values["cost of w = 1.15"]) == mse_list[1]
    assert mse_list[1] == pytest.approx(np.mean((1.15 * x - y) ** 2), rel=1e-15)
    assert "Epoch: 1 w= 1.2774999999999999 cost= 5.418750000000001" in e06_out
    # The teaching numbers against the closed form w_k = 2 - 0.85**k.
    assert number(values["w after 100 epochs"]) == pytest.approx(w, abs=5e-9)
    assert number(values["prediction for x = 4"]) == pytest.approx(4 * w, abs=5e-8)
    lines = e06_out.splitlines()
    table = lines.index("epoch      w          L")
    for row in lines[table + 1 : table + 7]:
        k, w_k, loss = numbers(row)
        exact = 2 - 0.85 ** int(k)
        assert w_k == pytest.approx(exact, abs=5e-7)
        assert loss == pytest.approx(7.5 * (exact - 2) ** 2, rel=5e-3)


def test_e06_erratum_the_learning_rate_need_not_be_as_small_as_possible(e06_out):
    values = printed_values(e06_out)
    lines = e06_out.splitlines()
    table = lines.index("    η   1 - 15η   w after 100 epochs")
    rows = {numbers(row)[0]: numbers(row) for row in lines[table + 1 : table + 6]}
    finals = {}
    for rate in (0.001, 0.01, 0.06, 0.13, 0.14):
        _, _, w = book.source_002_gd(learning_rate=rate)
        assert number(values[f"learning rate {rate}, w after 100 epochs"]) == w
        _, factor, w_rounded = rows[rate]
        assert factor == pytest.approx(1 - 15 * rate)
        assert w_rounded == pytest.approx(w, rel=1e-7)
        finals[rate] = w
    # Smaller is slower; converging below 2/15, fastest near 1/15, diverging above.
    errors = {rate: abs(w - 2) for rate, w in finals.items()}
    assert errors[0.001] > 0.2 > errors[0.01] > errors[0.06] == 0.0
    assert errors[0.13] < 1 < errors[0.14]
    assert 0.13 < 2 / 15 < 0.14


def test_errata_002_quote_computed_values():
    text = errata_section("002")
    lines, mse_list, _ = book.source_002_gd()
    assert lines[1] == "Epoch: 0 w= 1.15 cost= 7.5"
    assert f"`{mse_list[1]}`" in text  # the cost of w = 1.15
    for rate in (0.001, 0.01, 0.14):
        assert f"`w = {book.source_002_gd(learning_rate=rate)[2]}`" in text or (
            f"`{book.source_002_gd(learning_rate=rate)[2]}`" in text
        )
    w, prediction = book.source_002_sgd()
    assert f"`w = {w}`" in text and f"`{prediction}`" in text
    _, _, off = book.source_002_sgd_as_printed(y_data=(2.0, 4.0, 7.0), epochs=2000)
    assert f"{off:.4f}" in text and f"{31 / 14:.4f}" in text
    assert f"{2 * np.mean(np.array([1.0, 2.0, 3.0]) ** 2):.2f}" in text


# --- E07, source 002 -----------------------------------------------------------------


@pytest.fixture(scope="module")
def e07_out(run_example):
    return run_example(f"{CHAPTER}/plot_sgd_erratum.py")


def test_e07_prints_the_sources_run_as_printed(e07_out):
    lines, _, w = book.source_002_sgd_as_printed()
    table = [
        line
        for line in e07_out.splitlines()
        if line.startswith(("Epoch:", "Predict(after"))
    ]
    assert table == lines
    # The inventory's values for the source's code as printed.
    assert table[-2].startswith("Epoch: 99 w= 1.9994923643344453 cost= ")
    assert table[-1] == "Predict(after training) 4 7.997969457337781"
    values = printed_values(e07_out)
    x, y = gdbook.proportional_data(3)
    run = gdbook.gradient_descent(
        lambda w: np.mean(2 * w * (w * x - y)), 1.0, lr=0.01, steps=100
    )
    key = "gdbook, the source's gradient, w after 100 epochs"
    assert number(values[key]) == w == float(run.x) == 1.9994923643344453
    assert values["same final w as the source's code"] == "True"
    key = "second derivative of the cost, 2·mean(x²)"
    assert number(values[key]) == 2 * np.mean(np.array([1.0, 2.0, 3.0]) ** 2)


def test_e07_erratum_the_wrong_gradient_parts_from_the_right_one_off_the_line(
    e07_out,
):
    values = printed_values(e07_out)
    x = np.array([1.0, 2.0, 3.0])
    y = np.array([2.0, 4.0, 7.0])
    _, _, w_source = book.source_002_sgd_as_printed(y_data=y, epochs=2000)
    wrong = number(values["y = 2, 4, 7, the source's gradient, w"])
    right = number(values["y = 2, 4, 7, the true gradient, w"])
    assert wrong == pytest.approx(w_source, rel=1e-12)
    assert number(values["mean(y) / mean(x)"]) == y.mean() / x.mean()
    lsq = np.sum(x * y) / np.sum(x**2)
    assert number(values["least squares, sum(xy) / sum(x²)"]) == lsq
    # What is true: the wrong formula converges to mean(y)/mean(x), the right one
    # to the least-squares slope (closed forms), and the two differ.
    assert w_source == pytest.approx(y.mean() / x.mean(), abs=1e-9)
    assert right == pytest.approx(lsq, abs=1e-9)
    assert abs(w_source - right) > 0.04


def test_e07_real_sgd_as_a_loop_and_through_gdbook(e07_out):
    values = printed_values(e07_out)
    ws, _ = book.real_sgd_002(seed=0)  # the reference: one sample per update
    sgd = gdbook.fit_line_sgd(
        [1.0, 2.0, 3.0],
        [2.0, 4.0, 6.0],
        slope0=1.0,
        fit_intercept=False,
        lr=0.01,
        epochs=100,
        rng=0,
    )
    assert sgd.slopes.tolist() == ws  # same bits
    assert number(values["SGD, w after 100 epochs"]) == ws[-1]
    assert number(values["SGD, prediction for 4"]) == ws[-1] * 4
    assert number(values["SGD, updates"]) == 300 == len(ws) - 1
    x = np.array([1.0, 2.0, 3.0])
    # Batch descent on three points: w - 2 shrinks by 1 - 2 lr mean(x^2) an epoch.
    batch = number(values["gradient descent, w after 100 epochs"])
    factor = 1 - 2 * 0.01 * np.mean(x**2)
    assert batch == pytest.approx(2 - factor**100, rel=1e-12)
    assert number(values["gradient descent, prediction for 4"]) == batch * 4
    # Three updates per epoch get further than one.
    assert abs(ws[-1] - 2) < abs(batch - 2)
    # The teaching numbers, rounded: the numpy loop, gdbook, the table.
    assert number(values["numpy SGD loop, w after 100 epochs"]) == pytest.approx(
        ws[-1], abs=5e-7
    )
    assert number(values["gdbook.fit_line_sgd, w after 100 epochs"]) == pytest.approx(
        ws[-1], abs=5e-7
    )
    lines = e07_out.splitlines()
    table = lines.index("epoch   w (gradient descent)   w (SGD)")
    for row in lines[table + 1 : table + 6]:
        k, w_batch, w_sgd = numbers(row)
        assert w_batch == pytest.approx(2 - factor ** int(k), abs=5e-7)
        assert w_sgd == pytest.approx(ws[3 * int(k)], abs=5e-7)


def test_sgd_noise_on_the_beans(run_example):
    out = run_example(f"{CHAPTER}/plot_sgd_noise.py")
    values = printed_values(out)
    bx, by = book.source_004_beans_seeded(100)
    assert np.array_equal((bx, by), gdbook.beans(100))
    best_w, best_b = np.polyfit(bx, by, 1)
    r = by - (best_w * bx + best_b)
    full = np.hypot(2 * np.mean(bx * r), 2 * np.mean(r))
    one = np.max(np.hypot(2 * bx * r, 2 * r))
    assert number(values["full gradient at the least-squares line, length"]) < 1e-12
    assert number(values["full gradient at the best line, length"]) < 1e-12
    assert full < 1e-12
    largest = number(values["one bean's gradient there, largest length"])
    assert largest == pytest.approx(one, rel=1e-12)
    assert number(values["largest one-bean gradient there, length"]) == round(one, 2)
    # The runs: batch descent by the closed-form gradient, in numpy, as reference.
    w = b = 0.0
    for _ in range(30):
        r = by - (w * bx + b)
        w, b = w + 0.1 * 2 * np.mean(bx * r), b + 0.1 * 2 * np.mean(r)
    batch_loss = np.mean((by - w * bx - b) ** 2)
    assert number(values["gradient descent, final MSE"]) == pytest.approx(batch_loss)
    assert number(values["gradient descent, updates"]) == 30
    assert number(values["SGD (B = 1), updates"]) == 3000
    assert number(values["mini-batch (B = 10), updates"]) == 300
    # SGD's mini-batches smooth the noise: the mini-batch run ends lower.
    sgd = number(values["SGD (B = 1), final MSE"])
    mini = number(values["mini-batch (B = 10), final MSE"])
    lowest = np.mean((by - best_w * bx - best_b) ** 2)
    assert lowest < mini < sgd
    lines = out.splitlines()
    table = lines.index("run                    updates   final L − lowest L")
    for row, loss in zip(
        lines[table + 1 : table + 4], (batch_loss, sgd, mini), strict=True
    ):
        assert numbers(row)[-1] == pytest.approx(loss - lowest, rel=0.06)


# --- E14, source 004 -----------------------------------------------------------------


@pytest.fixture(scope="module")
def e14_out(run_example):
    return run_example(f"{CHAPTER}/plot_surface_of_the_cost.py")


@pytest.fixture(scope="module")
def e14(e14_out):
    return printed_values(e14_out)


def test_e14_the_sources_beans_and_grid_against_gdbook(e14):
    xs, ys = book.source_004_beans_seeded(100, seed=0)
    bx, by = gdbook.beans(100)
    assert np.array_equal(xs, bx) and np.array_equal(ys, by)
    assert e14["same beans as gdbook.beans(100), bit for bit"] == "True"
    ws, bs = np.arange(-1, 2, 0.1), np.arange(-2, 2, 0.1)
    costs = gdbook.line_cost_grid(xs, ys, ws, bs)
    source = book.source_004_costs(xs, ys, ws, bs)
    assert np.allclose(costs, source, rtol=1e-15, atol=0)
    assert e14["agrees with the source's loop to 1e-15 (relative)"] == "True"
    assert numbers(e14["grid"]).tolist() == [40, 30] == list(source.shape)
    row, column = np.unravel_index(np.argmin(source), source.shape)
    # The beans lie around y = 0.7x + 0.5: the grid's lowest point is there.
    lowest = numbers(e14["lowest grid point"])
    assert lowest == pytest.approx([ws[column], bs[row]]) == [0.7, 0.5]
    # What the source says of b = 0: the cut is the cost of the line y = w x.
    cut = book.source_004_costs(xs, ys, ws, [0.0])[0]
    assert np.allclose(cut, [np.mean((w * xs - ys) ** 2) for w in ws])
    assert e14["the cut at b = 0 is the cost of y = w x"] == "True"
    # The lowest point: least squares (np.polyfit), a reference outside gdbook.
    best_w, best_b = np.polyfit(xs, ys, 1)
    assert numbers(e14["lowest point"]).tolist() == [best_w, best_b]
    lowest_cost = np.mean((ys - (best_w * xs + best_b)) ** 2)
    assert number(e14["lowest cost"]) == pytest.approx(lowest_cost, rel=1e-14)
    assert numbers(e14["the bowl's lowest point"]) == pytest.approx(
        [best_w, best_b], abs=5e-4
    )
    assert number(e14["its loss"]) == pytest.approx(lowest_cost, abs=5e-6)
    assert number(e14["largest difference from gdbook.line_cost_grid"]) < 1e-15


@pytest.fixture(scope="module")
def e14_3d_out(run_example):
    return run_example(f"{CHAPTER}/plot_surface_curves_3d.py")


@pytest.fixture(scope="module")
def e14_3d(e14_3d_out):
    return printed_values(e14_3d_out)


def test_e14_erratum_zdir_names_the_axis_of_b_not_the_vertical(e14_3d, figures):
    xs, ys = gdbook.beans(100)
    _, ax = book.source_004_curves_3d(xs, ys)
    ws, bs = np.arange(-1, 2, 0.1), np.arange(-2, 2, 0.1)
    costs = book.source_004_costs(xs, ys, ws, bs)
    for line, b, es in zip(ax.lines, bs, costs, strict=True):
        along_x, along_y, along_z = line.get_data_3d()
        assert np.array_equal(along_x, ws)
        assert np.all(along_y == b)  # zdir='y': the constant goes along y
        assert np.array_equal(along_z, es)  # the cost goes up, along z
    assert e14_3d["x = ws, y = b, z (up) = es"] == "True"


def _top_of_box_and_highest_point(ax):
    """Screen heights of the box's top corners and of the highest point drawn."""
    from mpl_toolkits.mplot3d import proj3d

    ax.figure.canvas.draw()
    corners = [(x, y, ax.get_zlim()[1]) for x in ax.get_xlim() for y in ax.get_ylim()]
    proj = ax.get_proj()

    def screen_y(x, y, z):
        px, py, _ = proj3d.proj_transform(x, y, z, proj)
        return ax.transData.transform((px, py))[1]

    top = max(screen_y(*corner) for corner in corners)
    highest = max(
        screen_y(x, y, z)
        for line in ax.lines
        for x, y, z in zip(*line.get_data_3d(), strict=True)
        if np.isfinite(z)
    )
    return top, highest


def test_e14_erratum_set_zlim_alone_does_not_cut_the_curves(
    e14_3d, e14_3d_out, figures
):
    xs, ys = gdbook.beans(100)
    ws, bs = np.arange(-1, 2, 0.1), np.arange(-2, 2, 0.1)
    costs = gdbook.line_cost_grid(xs, ys, ws, bs)
    source = book.source_004_costs(xs, ys, ws, bs)
    assert number(e14_3d["highest cost on the grid"]) == source.max()
    assert number(e14_3d["highest loss on the grid"]) == round(source.max(), 1)
    assert e14_3d["gdbook.line_cost_grid agrees to 1e-15 (relative)"] == "True"
    assert np.allclose(costs, source, rtol=1e-15, atol=0)
    row, column = np.unravel_index(np.argmin(source), source.shape)
    lowest = numbers(e14_3d["lowest grid point"])
    assert lowest == pytest.approx([ws[column], bs[row]]) == [0.7, 0.5]
    assert np.unravel_index(np.argmax(costs), costs.shape) == (0, 0)  # the corner
    lines = e14_3d_out.splitlines()
    counts = [numbers(x).tolist() for x in lines if x.startswith("grid points above")]
    assert counts == [[np.sum(source > 2), 1200]] * 2
    # As printed, with set_zlim(0, 2): the curves are drawn above the box's top...
    _, ax = book.source_004_curves_3d(xs, ys, zlim=(0, 2))
    assert ax.get_zlim() == (0, 2)
    top, highest = _top_of_box_and_highest_point(ax)
    assert highest > top + 50  # pixels
    # ...and cut at 2, as the page draws them, they stay inside.
    cut = gdbook.plot.cost_curves(ws, bs, costs, view="3d", zlim=(0, 2))
    top, highest = _top_of_box_and_highest_point(cut)
    assert highest <= top + 1


def test_errata_004_the_listings_as_printed_stop_or_start_from_leftovers(figures):
    namespace = {"__name__": "source_004"}
    dataset, costs, training = book.SOURCE_004_LISTINGS
    exec(dataset, namespace)
    with pytest.raises(NameError, match="name 'xs' is not defined"):
        exec(costs, namespace)
    # Given the beans, m and plt, the cost listing runs, and its loops leave w and
    # b behind: the training loop starts from there.
    xs, ys = gdbook.beans(100)
    namespace.update(xs=xs, ys=ys, m=100, plt=plt)
    exec(costs, namespace)
    assert (namespace["w"], namespace["b"]) == (
        np.arange(-1, 2, 0.1)[-1],
        np.arange(-2, 2, 0.1)[-1],
    )
    assert round(namespace["w"], 12) == round(namespace["b"], 12) == 1.9
    exec(training, namespace)
    w, b = book.source_004_sgd(xs, ys, 0.1, 0.1)
    assert namespace["w"] == pytest.approx(w, abs=1e-12)
    assert namespace["b"] == pytest.approx(b, abs=1e-12)
    # On its own, the training loop has no start.
    with pytest.raises(NameError, match="name 'w' is not defined"):
        exec(training, {"xs": xs, "ys": ys})


# --- Between E14 and E15: the slices (source 004) ------------------------------------


@pytest.fixture(scope="module")
def slices(run_example):
    return printed_values(run_example(f"{CHAPTER}/plot_surface_slices.py"))


def test_slices_one_cut_is_not_enough(slices):
    xs, ys = book.source_004_beans_seeded(100)
    cut_w = (np.mean(xs * ys) - 0.1 * np.mean(xs)) / np.mean(xs**2)  # closed form
    assert number(slices["lowest point of the cut at b = 0.1"]) == cut_w
    # It is the lowest point of the cut (the slope of the cut vanishes there)...
    assert abs(np.mean(2 * xs * (cut_w * xs + 0.1 - ys))) < 1e-14
    # ...and higher than the lowest point of the surface.
    best_w, best_b = np.polyfit(xs, ys, 1)
    lowest = np.mean((ys - (best_w * xs + best_b)) ** 2)
    assert numbers(slices["lowest point of the surface"]).tolist() == [best_w, best_b]
    cut_cost = number(slices["cost there"])
    assert cut_cost == pytest.approx(np.mean((ys - (cut_w * xs + 0.1)) ** 2))
    assert number(slices["lowest cost"]) == pytest.approx(lowest, rel=1e-14)
    assert cut_cost > 5 * lowest


def test_slices_erratum_partial_derivatives_are_the_slopes_of_the_cuts(slices):
    xs, ys = book.source_004_beans_seeded(100)
    slope = number(slices["slope of the cut at b = 0.1, numerically"])
    partial_w = number(slices["partial derivative de/dw"])
    # The closed form of source 001's gradient, and the source's central difference.
    assert partial_w == pytest.approx(-2 * np.mean(xs * (ys - (xs + 0.1))), rel=1e-14)
    assert slope == pytest.approx(partial_w, rel=1e-9)
    text = errata_section("004")
    assert f"${partial_w:.10f}$" in text and f"{slope:.10f}" == f"{partial_w:.10f}"


def test_slices_erratum_gradient_descent_is_not_faster_as_a_rule(slices):
    xs, ys = book.source_004_beans_seeded(100)
    together = book.descend_together(xs, ys, 1.6, 0.1, 0.7, 1e-6)
    in_turn = book.descend_in_turn(xs, ys, 1.6, 0.1, 0.7, 1e-6)
    updates, rounds = len(together) - 1, (len(in_turn) - 1) // 2
    assert number(slices["together, updates"]) == updates
    assert number(slices["in turn, rounds (a step in w, then one in b)"]) == rounds
    assert number(slices["together, passes over the data"]) == updates
    assert number(slices["in turn, passes over the data"]) == 2 * rounds
    # In rounds the turns win; in passes over the data, gradient descent.
    assert rounds < updates < 2 * rounds
    fit = gdbook.fit_line(xs, ys, lr=0.7, epochs=updates, slope0=1.6, intercept0=0.1)
    assert np.array_equal(np.column_stack([fit.slopes, fit.intercepts]), together)
    assert slices["fit_line, same path, bit for bit"] == "True"
    text = errata_section("004")
    assert f"in {rounds} rounds, gradient descent in {updates} updates" in text
    assert f"{updates} to {2 * rounds}" in text


# --- E15, source 004 -----------------------------------------------------------------


@pytest.fixture(scope="module")
def e15_out(run_example):
    return run_example(f"{CHAPTER}/plot_training_on_beans.py")


def test_e15_the_sources_loop_then_gdbook(e15_out):
    values = printed_values(e15_out)
    xs, ys = book.source_004_beans_seeded(100)
    w, b = book.source_004_sgd(xs, ys, 0.1, 0.1)
    assert f"{w} {b}" in e15_out.splitlines()  # the source's own print(w, b)
    # gdbook's numbers, read back, against the source's loop.
    assert number(values["gdbook w"]) == pytest.approx(w, abs=1e-12)
    assert number(values["gdbook b"]) == pytest.approx(b, abs=1e-12)
    assert number(values["updates"]) == 50000 == 500 * 100
    final = np.mean((ys - (w * xs + b)) ** 2)
    assert number(values["final MSE"]) == pytest.approx(final, rel=1e-12)
    assert values["same w and b to 1e-12"] == "True"
    # The teaching numbers, rounded.
    assert numbers(values["numpy loop"]) == pytest.approx([w, b], abs=5e-5)
    assert numbers(values["gdbook.fit_line_sgd"]) == pytest.approx([w, b], abs=5e-5)
    best = np.polyfit(xs, ys, 1)
    assert numbers(values["least squares"]) == pytest.approx(best, abs=5e-5)
    # The start hardly matters after 500 passes.
    other = book.source_004_sgd(xs, ys, 1.0, 1.0)
    assert other == pytest.approx((w, b), abs=1e-14)


def test_e15_erratum_per_sample_descent_ends_near_not_at_the_minimum(e15_out):
    values = printed_values(e15_out)
    xs, ys = gdbook.beans(100)
    w, b = book.source_004_sgd(xs, ys, 0.1, 0.1)
    best_w, best_b = np.polyfit(xs, ys, 1)
    assert number(values["least-squares w"]) == best_w
    assert number(values["least-squares b"]) == best_b
    r = w * xs + b - ys
    length = np.hypot(2 * np.mean(xs * r), 2 * np.mean(r))
    assert number(values["gradient of e at the end, length"]) == pytest.approx(
        length, rel=1e-9
    )
    assert number(values["gradient of L at the end, length"]) == pytest.approx(
        length, rel=0.01
    )
    assert 1e-4 < length < 1e-2
    # A cycle: the line at the end of a pass repeats from pass to pass.
    assert book.source_004_sgd(xs, ys, 0.1, 0.1, passes=499) == pytest.approx(
        (w, b), abs=1e-15
    )
    assert values["line at the end of pass 499 = line at the end of pass 500"] == "True"
    text = errata_section("004")
    assert f"`w = {w}`, `b = {b}`" in text
    mantissa, exponent = f"{length:.1e}".split("e")
    assert f"${mantissa}\\times 10^{{{int(exponent)}}}$" in text
    assert f"$w = {best_w:.6f}$, $b = {best_b:.6f}$" in text


def test_e15_erratum_the_sources_ylim_hides_beans(e15_out):
    values = printed_values(e15_out)
    xs, ys = gdbook.beans(100)
    above = int(np.sum(ys > 1.2))
    assert numbers(values["beans above 1.2"]).tolist() == [above, 100]
    assert above > 0 and ys.max() < 1.3
    # On average 1/28 of the beans lie above 1.2.
    _, many = gdbook.beans(1_000_000)
    assert np.mean(many > 1.2) == pytest.approx(1 / 28, abs=0.001)
    text = errata_section("004")
    assert f"on average {100 / 28:.1f} beans in 100" in text
    assert f"({above} of the page's 100)" in text
    # The grid count quoted for set_zlim.
    ws, bs = np.arange(-1, 2, 0.1), np.arange(-2, 2, 0.1)
    costs = gdbook.line_cost_grid(xs, ys, ws, bs)
    assert f"{np.sum(costs > 2)} of the 1200 grid points" in text
