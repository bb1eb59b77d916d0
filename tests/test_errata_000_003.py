"""The errata of sources 000 and 003 (docs/errata.md): each "what is true", computed.

Every test runs the source's code (tests/book.py, or the listing as printed) and
checks the claim the Errata page makes about it.
"""

from __future__ import annotations

import book
import numpy as np
import pytest

import gdbook

# -- Source 000 --------------------------------------------------------------------

# The output block of source 000's first listing, as the source shows it (flattened
# by the site onto one line).
SOURCE_000_OUTPUT = (
    "前向传播预测值为: 180.0 当前的loss值为:7200.0 Final:140.3136 "
    "当前的loss值为:3225.1371724800006"
)


def run_backprop(code: str, capsys) -> tuple[Exception | None, str]:
    """Run a version of source 000's first listing; its error and its output."""
    try:
        exec(code, {})
    except Exception as error:  # the error is the result
        return error, capsys.readouterr().out
    return None, capsys.readouterr().out


def test_000_backprop_as_printed_stops_at_x2(capsys):
    error, out = run_backprop(book.BACKPROP_AS_PRINTED, capsys)
    assert isinstance(error, NameError) and str(error) == "name 'x2' is not defined"
    assert out == ""


def test_000_backprop_typos_fixed_one_by_one(capsys):
    code = book.BACKPROP_AS_PRINTED.replace("x2*w1_21", "x_2*w_1_21")
    error, _ = run_backprop(code, capsys)
    assert str(error) == "name 'X_2' is not defined"
    code = code.replace("X_2", "x_2")
    error, _ = run_backprop(code, capsys)
    assert str(error) == "name 'z_3' is not defined"  # it was assigned to Z_3
    first_pass = "Z_3 = x_1 * w_1_13 + x_2 * w_1_23"
    assert code.count(first_pass) == 1
    code = code.replace(first_pass, "z_3 = x_1 * w_1_13 + x_2 * w_1_23")
    error, out = run_backprop(code, capsys)
    # The forward pass and the output gradients run; the update needs a gradient
    # that is never computed.
    assert str(error) == "name 'd_loss_w_1_23' is not defined"
    assert out.splitlines()[2] == "7200.0 7200.0 7200.0"


def test_000_a_stale_z3_in_the_second_pass_gives_another_prediction(capsys):
    code = (
        book.BACKPROP_AS_PRINTED.replace("x2*w1_21", "x_2*w_1_21")
        .replace("Z_3 = x_1 * w_1_13 + X_2", "z_3 = x_1 * w_1_13 + x_2")
        .replace(
            "learning_rate = 1e-5",
            "d_loss_w_1_23 = d_loss_predicted_output * w_2_31 * x_2\n"
            "learning_rate = 1e-5",
        )
    )
    error, out = run_backprop(code, capsys)
    assert error is None
    assert "Final:  149.2224" in out.splitlines()  # the errata's number
    code = code.replace("Z_3 = x_1 * w_1_13+ x_2", "z_3 = x_1 * w_1_13+ x_2")
    error, out = run_backprop(code, capsys)
    assert error is None
    assert "Final:  140.3136" in out.splitlines()  # the source's number


def test_000_the_output_block_leaves_out_the_gradients_line():
    printed = book.backprop_by_hand()
    gradients = " ".join(str(g) for g in printed["output_gradients"])
    assert gradients == "7200.0 7200.0 7200.0"  # what the code prints...
    assert gradients not in SOURCE_000_OUTPUT  # ...and the source does not show
    for value in ("prediction", "loss", "final_prediction", "final_loss"):
        assert str(printed[value]) in SOURCE_000_OUTPUT


def test_000_the_animation_as_printed_needs_the_listing_before_it():
    with pytest.raises(NameError, match="name 'f' is not defined"):
        exec(book.ANIMATION_AS_PRINTED, {})
    import matplotlib.pyplot as plt

    plt.close("all")


def test_000_the_animation_as_printed_raises_on_current_matplotlib():
    namespace = {
        "f": book.f,
        "df": book.df,
        "x_start": 5.0,
        "learning_rate": 0.1,
        "epochs": 50,
    }
    exec(book.ANIMATION_AS_PRINTED, namespace)
    try:
        namespace["init"]()  # init's empty lists are sequences: fine
        with pytest.raises(RuntimeError, match=r"^x must be a sequence$"):
            namespace["animate"](0)
    finally:
        namespace["plt"].close(namespace["fig"])


def test_000_the_animation_formula_is_not_the_descent():
    frames = np.arange(50)
    formula = np.array([book.animate_x(i) for i in frames])
    assert np.allclose(formula, 5 - frames + 0.02 * frames**2)
    assert formula.min() == pytest.approx(-7.5) and formula.argmin() == 25
    assert formula[-1] == pytest.approx(4.02)
    iterates = [5.0, *book.parabola_gradient_descent(5.0, 0.1, 50)]
    assert np.allclose(iterates, 5 * 0.8 ** np.arange(51), rtol=1e-13)
    assert not np.allclose(formula, iterates[:50])


def test_000_the_histories_miss_the_start():
    history = book.parabola_gradient_descent(5.0, 0.1, 50)
    assert len(history) == 50 and history[0] == 4.0  # not the start 5.0
    path = book.bowl_gradient_descent(1.5, 1.5, 0.1, 50)
    assert path.shape == (50, 3)
    assert np.allclose(path[0], [1.2, 1.2, 2.88])  # not the start (1.5, 1.5, 4.5)


def test_000_the_3d_figure_hides_its_red_path():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    path = book.bowl_gradient_descent(1.5, 1.5, 0.1, 50)
    red = {}
    for computed_zorder in (True, False):
        fig = book.bowl_figure(path, computed_zorder=computed_zorder)
        fig.canvas.draw()
        pixels = np.asarray(fig.canvas.buffer_rgba())[..., :3].astype(int)
        plt.close(fig)
        is_red = (pixels[..., 0] > 200) & (pixels[..., 1] < 60) & (pixels[..., 2] < 60)
        red[computed_zorder] = int(is_red.sum())
    assert red[True] == 0  # the source's figure (mplot3d's default order)
    assert red[False] > 50  # drawn on top, as gdbook draws it, the path is red


# -- Source 003 --------------------------------------------------------------------


def test_003_the_numerical_gradient_truncates_integers_and_works_in_place():
    assert str(book.numerical_gradient_no_batch(book.function_2, np.array([3, 4]))) == (
        "[25000 35000]"
    )
    caller = np.array([3.0, 4.0])
    seen_ids = set()

    def f(x):
        seen_ids.add(id(x))
        return book.function_2(x)

    book.numerical_gradient_no_batch(f, caller)
    assert seen_ids == {id(caller)}  # f is handed the caller's own array
    point = np.array([3, 4])
    # gdbook on the integer point gives what the book gives on floats, exactly.
    expected = book.numerical_gradient_no_batch(book.function_2, np.array([3.0, 4.0]))
    assert np.array_equal(gdbook.numerical_gradient(book.function_2, point), expected)
    assert expected == pytest.approx([6.0, 8.0])  # the closed form (2 x0, 2 x1)
    assert point.tolist() == [3, 4] and point.dtype.kind == "i"  # left alone


def test_003_gradient_descent_overwrites_its_start_and_drops_the_end():
    init_x = np.array([-3.0, 4.0])
    x, history = book.gradient_descent(book.function_2, init_x, lr=0.1, step_num=20)
    assert x is init_x and str(init_x) == "[-0.03458765  0.04611686]"
    assert len(history) == 20 and not np.array_equal(history[-1], x)
    with pytest.raises(TypeError):  # numpy's UFuncTypeError: cannot cast to int
        book.gradient_descent(book.function_2, np.array([-3, 4]), lr=0.1, step_num=1)
    trace = gdbook.gradient_descent(
        lambda x: gdbook.numerical_gradient(book.function_2, x),
        np.array([-3, 4]),
        lr=0.1,
        steps=20,
    )
    assert len(trace.xs) == 21 and np.array_equal(trace.x, x)


def test_003_the_changed_lines_run_in_sequence_print_something_else():
    init_x = np.array([-3.0, 4.0])
    book.gradient_descent(book.function_2, init_x, lr=0.1, step_num=20)
    x, _ = book.gradient_descent(book.function_2, init_x, lr=10, step_num=100)
    assert str(x) != "[-2.58983747e+13 -1.29524862e+12]"  # the source's output
    fresh, _ = book.gradient_descent(
        book.function_2, np.array([-3.0, 4.0]), lr=10, step_num=100
    )
    assert str(fresh) == "[-2.58983747e+13 -1.29524862e+12]"


def test_003_the_gradient_points_uphill():
    p = np.array([3.0, 4.0])
    g = book.numerical_gradient_no_batch(book.function_2, p.copy())
    assert book.function_2(p + 0.01 * g) == pytest.approx(26.01)
    assert book.function_2(p - 0.01 * g) == pytest.approx(24.01)
    # Among unit directions, the gradient's raises f fastest, and -grad lowers it
    # fastest: compare with 360 directions.
    angles = np.radians(np.arange(360))
    directions = np.column_stack([np.cos(angles), np.sin(angles)])
    changes = [book.function_2(p + 1e-6 * d) - book.function_2(p) for d in directions]
    best_up = directions[int(np.argmax(changes))]
    best_down = directions[int(np.argmin(changes))]
    unit = g / np.linalg.norm(g)
    assert best_up @ unit > 0.999 and best_down @ unit < -0.999


def test_003_eta_is_a_factor_and_the_step_at_0_2():
    point = np.array([0.0, 2.0])
    gradient = book.numerical_gradient_no_batch(book.function_2, point.copy())
    assert str(gradient) == "[0. 4.]"  # the source's worked example
    assert np.allclose(0.1 * gradient, [0.0, 0.4])  # the update, not 0.1
    assert np.allclose(point - 0.1 * gradient, [0.0, 1.6])  # the new value


def test_003_the_printed_large_value_is_where_float64_froze_the_run():
    grad = lambda x: gdbook.numerical_gradient(book.function_2, x)  # noqa: E731
    trace = gdbook.gradient_descent(grad, np.array([-3.0, 4.0]), lr=10.0, steps=100)
    fresh, _ = book.gradient_descent(
        book.function_2, np.array([-3.0, 4.0]), lr=10, step_num=100
    )
    assert np.array_equal(trace.x, fresh)  # the source's own code
    assert str(fresh) == "[-2.58983747e+13 -1.29524862e+12]"  # as the source prints
    assert np.all(trace.grads[-1] == 0)  # the numerical gradient is exactly 0
    exact = 19.0**100 * np.linalg.norm([-3.0, 4.0])
    assert 1e115 < exact / np.linalg.norm(trace.x) < 1e116


def test_003_w11_is_0_13_and_0_47_is_w22():
    W = np.array(
        [[-0.66110535, -2.3121261, 0.61870626], [-0.43594672, 1.66798289, -1.09922476]]
    )
    net = book.simpleNet(W)
    x, t = np.array([0.6, 0.9]), np.array([0, 0, 1])
    dW = book.numerical_gradient(lambda _: net.loss(x, t), net.W)
    assert round(dW[0, 0], 3) == 0.129  # w11 in the book's numbering from 1
    assert round(dW[1, 1], 3) == 0.477  # w22: the source's "0.47"
    assert round(dW[1, 1], 2) == 0.48


def test_003_f_ignores_its_argument():
    W = np.array(
        [[-0.66110535, -2.3121261, 0.61870626], [-0.43594672, 1.66798289, -1.09922476]]
    )
    net = book.simpleNet(W)
    x, t = np.array([0.6, 0.9]), np.array([0, 0, 1])

    def f(W):
        return net.loss(x, t)

    assert np.all(gdbook.numerical_gradient(f, net.W) == 0)  # never touches net.W
    assert np.all(book.numerical_gradient(f, net.W) != 0)  # perturbs net.W in place


@pytest.mark.parametrize(
    "statement",
    [
        "from gradient_2d import numerical_gradient",
        "from common.functions import softmax, cross_entropy_error",
        "from common.gradient import numerical_gradient",
    ],
)
def test_003_the_listings_import_the_books_files_which_it_does_not_show(statement):
    with pytest.raises(ModuleNotFoundError):
        exec(statement, {})
