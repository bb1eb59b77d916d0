"""gdbook.exercises: every answer checked against a reference, every hint reached.

The reference answers are closed forms written in the exercises; here each is
compared with something else that computes the same quantity: PyTorch's autograd
and optimizers, the sources' code (tests/book.py), a measured run of gdbook, a
simulation over many seeds, or numpy's own solvers.
"""

from __future__ import annotations

import math
import os
import re
import string
import subprocess
import sys
import tomllib
from importlib import resources

import numpy as np
import pytest
from book import backprop_by_hand
from hypothesis import given
from hypothesis import strategies as st

import gdbook
from gdbook import exercises

# The references are PyTorch's: its CPU wheel is locked for Python 3.11 only, so
# `nox -s compat` (3.12, 3.13) has none; `fast`, `tests` and `floors` run these.
torch = pytest.importorskip("torch")

NAMES = exercises.names()
LANGUAGES = exercises.LANGUAGES
# What the judge's sentences about a nonsense answer start with, in each language.
NONSENSE_SAYS = {"en": ("Expected", "No answer yet"), "zh_CN": ("应为", "还没有答案")}
RIGHT = {"en": "Right", "zh_CN": "正确"}
NONSENSE = (
    None,
    "",
    "2.4",
    b"1",
    True,
    1 + 2j,
    [1j, 2],
    float("nan"),
    float("inf"),
    [float("nan"), 1.0],
    [],
    [[1, 2], [3]],
    {"answer": 1},
    {1, 2},
    object(),
    np.zeros((7, 7)),
    lambda *args: 0.0,
)


def test_at_least_25_exercises_and_4_per_chapter():
    assert len(NAMES) >= 25
    assert len(set(NAMES)) == len(NAMES)
    for chapter in exercises.chapters():
        assert len(exercises.names(chapter)) >= 4, chapter


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("name", NAMES)
def test_the_reference_answer_passes(name, lang, capsys):
    assert exercises.check(name, exercises.solution(name), lang=lang) is True
    assert capsys.readouterr().out.startswith(RIGHT[lang])


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("name", NAMES)
def test_each_likely_mistake_gets_its_hint(name, lang, capsys):
    """In each language: a Chinese check of a likely mistake explains it in Chinese."""
    english = exercises.get(name, "en").mistakes
    for mistake, in_english in zip(
        exercises.get(name, lang).mistakes, english, strict=True
    ):
        # (for code, the answer is the learner's wrong function)
        assert exercises.check(name, mistake.answer, lang=lang) is False
        out = capsys.readouterr().out
        assert mistake.why in out
        if lang == "zh_CN":
            assert in_english.why not in out and re.search("[\u4e00-\u9fff]", out)


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("answer", NONSENSE, ids=lambda a: type(a).__name__)
def test_nonsense_gets_a_message_never_an_exception(name, answer, lang, capsys):
    exercise = exercises.get(name)
    if exercise.wants_code and callable(answer):
        answer = lambda *args: "not a number"  # noqa: E731
    assert exercises.check(name, answer, lang=lang) is False
    out = capsys.readouterr().out
    if exercise.wants_code and callable(answer):
        assert out.startswith("<lambda>(") and NONSENSE_SAYS[lang][0] in out, out
    else:
        assert out.startswith(NONSENSE_SAYS[lang]), out


@given(
    st.one_of(
        st.none(),
        st.text(max_size=5),
        st.floats(allow_nan=True, allow_infinity=True),
        st.integers(),
        st.lists(st.floats(), max_size=4),
        st.lists(st.lists(st.integers(), max_size=3), max_size=3),
        st.complex_numbers(),
        st.dictionaries(st.text(max_size=2), st.integers(), max_size=2),
    )
)
def test_check_never_raises_on_any_answer(answer):
    for name in NAMES:
        for lang in LANGUAGES:
            result = exercises.get(name, lang).judge(answer)
            assert isinstance(result[0], bool) and result[1]


def test_a_learners_function_that_raises_is_reported(capsys):
    def central_difference(f, x, h):
        return (f(x + h) - f(x - h)) / (2 * k)  # noqa: F821

    assert exercises.check("write_central_difference", central_difference) is False
    assert "raised NameError" in capsys.readouterr().out


def test_the_wrong_shape_says_what_was_expected(capsys):
    exercises.check("gradient_by_hand", [1, 2, 3])
    assert "shape (2,)" in capsys.readouterr().out


def _words(lang):
    """Every string of ``text/<lang>.toml``, by its path of keys."""
    path = resources.files("gdbook.exercises").joinpath("text", f"{lang}.toml")

    def flat(table, keys=()):
        for key, value in table.items():
            if isinstance(value, dict):
                yield from flat(value, (*keys, key))
            else:
                yield (*keys, key), value

    return dict(flat(tomllib.loads(path.read_text("utf-8"))))


def _fields(text):
    return sorted(field for _, field, _, _ in string.Formatter().parse(text) if field)


def _spans(text, mark):
    return sorted(set(re.findall(f"\\{mark}[^{mark}]+\\{mark}", text)))


def test_every_exercise_has_its_words_in_every_language():
    """The same tables and keys, the same names in braces in the judge's sentences,
    and in every text the same $maths$ and `code`; nothing empty."""
    english = _words("en")
    tables = {keys[0] for keys in english} - {"chapters", "messages", "page"}
    assert sorted(tables) == sorted(NAMES)
    for name in NAMES:
        mistakes = {m.key for m in exercises.get(name).mistakes}
        assert {k[2] for k in english if k[:2] == (name, "mistakes")} == mistakes
    for lang in LANGUAGES[1:]:
        words = _words(lang)
        assert words.keys() == english.keys(), lang
        for keys, text in english.items():
            assert words[keys].strip(), (lang, keys)
            if keys[0] in ("messages", "page"):
                assert _fields(words[keys]) == _fields(text), (lang, keys)
            for mark in "$`":
                assert _spans(words[keys], mark) == _spans(text, mark), (lang, keys)


# The course's terms (COMMON.md): where the English says the one, the Chinese says
# the other.
TERMS = {
    "learning rate": "学习率",
    "gradient descent": "梯度下降",
    "gradient": "梯度",
    "SGD": "随机梯度下降",
    "central difference": "中心差分",
    "forward difference": "前向差分",
    "derivative": "导数",
    "truncation error": "截断误差",
    "rounding": "舍入",
    "momentum": "动量",
    "weight decay": "权重衰减",
    "warmup": "预热",
    "noise floor": "噪声下限",
    "batch": "批量",
    "epoch": "轮",
    "chain rule": "链式法则",
    "condition number": "条件数",
    "curvature": "曲率",
    "loss": "损失",
    "weights?": "权重",
    "biases": "偏置",
    "backpropagation": "反向传播",
    "mean squared error": "均方误差",
    "converges?": "收敛",
    "diverges?": "发散",
    "erratum": "勘误",
    "sources?": "来源",
    "hint": "提示",
    "chapter": "章",
}


def test_the_chinese_words_use_the_course_terms():
    english, chinese = _words("en"), _words("zh_CN")
    for keys, text in english.items():
        for term, chinese_term in TERMS.items():
            if re.search(rf"\b{term}\b", text, flags=re.IGNORECASE):
                assert chinese_term in chinese[keys], (keys, term, chinese[keys])


def test_the_language_is_chosen_by_argument_set_language_or_gdbook_lang(capsys):
    assert exercises.get("halving_h", "zh-CN").lang == "zh_CN"
    before = exercises.set_language("zh_CN")
    try:
        exercises.check("halving_h", 2)
        assert capsys.readouterr().out.startswith("不太对：2。这是前向差分")
        assert exercises.chapters()[4] == "反向传播"
        exercises.check("halving_h", 2, lang="en")
        assert capsys.readouterr().out.startswith("Not quite: 2. That is")
    finally:
        assert exercises.set_language(before) == "zh_CN"
    for wrong in ("fr", "", 2, "english"):
        with pytest.raises(ValueError, match="lang must be one of"):
            exercises.check("halving_h", 4, lang=wrong)
    for env, said in (
        ("zh_CN", "正确：4。"),
        ("zh_CN.UTF-8", "正确：4。"),
        ("fr", "Right"),
    ):
        result = subprocess.run(
            [
                sys.executable,
                "-c",
                "from gdbook import exercises as e; e.check('halving_h', 4)",
            ],
            env={**os.environ, "GDBOOK_LANG": env},
            capture_output=True,
            text=True,
            check=True,
        )
        assert result.stdout.startswith(said) and not result.stderr, env


def test_an_unknown_name_is_a_clear_error():
    with pytest.raises(ValueError, match="name must be one of"):
        exercises.check("no_such_exercise", 1)
    with pytest.raises(ValueError, match="chapter"):
        exercises.names(chapter=9)


# --- The reference answers against something else ------------------------------


def _autograd(f, *values):
    tensors = [torch.tensor(v, dtype=torch.float64, requires_grad=True) for v in values]
    f(*tensors).backward()
    return [t.grad.numpy() for t in tensors]


def test_chapter_1_against_gdbook_and_autograd():
    central = gdbook.numerical_diff(lambda x: x**3, 1.0, h=0.1)
    assert exercises.check("central_difference_by_hand", central)
    (grad,) = _autograd(lambda w: w[0] ** 2 + 3 * w[0] * w[1], [1.0, 2.0])
    assert exercises.check("gradient_by_hand", grad)
    reference = exercises.solution("write_central_difference")
    assert reference(np.sin, 1.0, 1e-5) == pytest.approx(math.cos(1.0), rel=1e-9)


def test_the_best_float32_h_is_where_the_measured_error_is_smallest():
    hs = np.logspace(-6, -0.5, 56)
    errors = gdbook.difference_errors(
        np.sin, 1.0, math.cos(1.0), hs=hs, dtype="float32"
    )
    best = errors.hs[np.argmin(errors.central)]
    assert (
        exercises.solution("best_h_float32") / 4
        < best
        < exercises.solution("best_h_float32") * 4
    )
    # halving h divides the error by 2 ** (the measured order), in float64
    forward, central = gdbook.difference_errors(np.exp, 0.0, 1.0).slopes()
    assert exercises.check("halving_h", round(2**central))
    assert not exercises.check("halving_h", round(2**forward))


def _first_step(trace, condition):
    return next(k for k, x in enumerate(trace.xs) if condition(abs(float(x[0]))))


def test_chapter_2_against_runs_of_gradient_descent():
    def grad(w):
        return 2 * w

    trace = gdbook.gradient_descent(grad, [3.0], lr=0.1, steps=1)
    assert exercises.check("one_step_on_the_parabola", trace.xs[1][0])
    trace = gdbook.gradient_descent(grad, [1.0], lr=0.1, steps=40)
    assert exercises.check("steps_to_tolerance", _first_step(trace, lambda x: x < 1e-3))
    trace = gdbook.gradient_descent(grad, [1.0], lr=1.1, steps=40)
    assert exercises.check("divergence_step", _first_step(trace, lambda x: x > 1e3))
    limit = exercises.solution("largest_stable_rate")
    for lr, converges in ((0.99 * limit, True), (1.01 * limit, False)):
        end = gdbook.gradient_descent(grad, [1.0], lr=lr, steps=2000).xs[-1][0]
        assert bool(abs(end) < 1.0) == converges


def test_the_best_fixed_rate_is_the_fastest_measured():
    def grad(w):
        return np.array([2.0, 20.0]) * w

    lrs = np.linspace(0.01, 0.099, 90)
    ends = [
        np.abs(gdbook.gradient_descent(grad, [1.0, 1.0], lr=lr, steps=200).xs[-1]).max()
        for lr in lrs
    ]
    assert lrs[int(np.argmin(ends))] == pytest.approx(
        exercises.solution("best_fixed_rate"), abs=0.002
    )


def test_chapter_3_against_autograd_polyfit_and_a_run():
    x, y = np.array([1.0, 2.0]), np.array([2.0, 3.0])
    grads = _autograd(
        lambda w, b: ((w * torch.tensor(x) + b - torch.tensor(y)) ** 2).mean(), 0.0, 0.0
    )
    assert exercises.check("mse_gradient_by_hand", np.ravel(grads))
    slope, intercept = np.polyfit([0, 1, 2, 3], [1, 2.5, 5, 6.5], 1)
    assert exercises.check("least_squares_line", [slope, intercept])
    trace = gdbook.stochastic_gradient_descent(
        lambda w, batch: np.zeros(1),
        [0.0],
        1000,
        lr=0.1,
        epochs=1,
        batch_size=32,
        rng=0,
    )
    assert exercises.check("updates_per_epoch", trace.updates_per_epoch)
    (g,) = _autograd(lambda w: (w * 3 - 6) ** 2, 1.0)
    assert exercises.check("sgd_erratum_gradient", float(g))


def test_the_noise_floor_matches_simulation_over_many_seeds():
    eta, batch, steps = 0.1, 4, 20_000
    variances = []
    for seed in range(20):
        rng = np.random.default_rng(seed)
        noise = rng.normal(size=(steps, batch)).mean(axis=1)
        w, ws = 0.0, np.empty(steps)
        for k in range(steps):
            w -= eta * (w - noise[k])
            ws[k] = w
        variances.append(ws[1000:].var())
    median, spread = np.median(variances), np.ptp(variances)
    assert median == pytest.approx(exercises.solution("noise_floor"), rel=0.03)
    assert spread < 0.3 * median


def test_chapter_4_against_autograd_and_the_sources_code():
    def neuron(w, b):
        return (torch.sigmoid(w * 2.0 + b) - 1.0) ** 2

    assert exercises.check("neuron_backward", np.ravel(_autograd(neuron, 0.5, -1.0)))
    (g,) = _autograd(lambda x: torch.sin(x**2), 1.0)
    assert exercises.check("chain_rule", float(g))
    z = torch.tensor([1.0, 2.0, 0.5], dtype=torch.float64, requires_grad=True)
    torch.nn.functional.cross_entropy(z[None], torch.tensor([1])).backward()
    assert exercises.check("softmax_cross_entropy_gradient", z.grad.numpy())
    printed = backprop_by_hand()
    assert exercises.check("first_layer_gradient", printed["input_gradients"][0][0])
    net = gdbook.LinearNet(np.full((2, 3), 0.5), np.ones((3, 1)))
    assert exercises.check("count_gradient_entries", net.parameters.size)


def test_chapter_5_against_torch_optim_and_the_spectrum():
    w = torch.tensor([1.0], dtype=torch.float64, requires_grad=True)
    opt = torch.optim.SGD([w], lr=0.1, momentum=0.9)
    for _ in range(2):
        opt.zero_grad()
        (w**2).sum().backward()
        opt.step()
    assert exercises.check("momentum_two_steps", w.item())

    w = torch.tensor([0.0], dtype=torch.float64, requires_grad=True)
    opt = torch.optim.Adam([w], lr=0.01, betas=(0.9, 0.999), eps=1e-8)
    (w * 1e-3).sum().backward()
    opt.step()
    assert exercises.check("adam_first_step", abs(w.item()))

    w = torch.tensor([0.0], dtype=torch.float64, requires_grad=True)
    opt = torch.optim.Adagrad([w], lr=1.0, eps=0.0)
    for slope in (3.0, 4.0):
        opt.zero_grad()
        (w * slope).sum().backward()
        before = w.item()
        opt.step()
    assert exercises.check("adagrad_second_step", before - w.item())

    # gradient descent's best rate on eigenvalues 1 and 25: the measured shrink
    lams = np.array([1.0, 25.0])
    lr = 2 / (lams.max() + lams.min())
    assert exercises.check("gradient_descent_rate", np.abs(1 - lr * lams).max())
    # the heavy ball's iteration matrix on each eigenvalue of kappa = 100
    lams = np.array([1.0, 100.0])
    beta = ((10 - 1) / (10 + 1)) ** 2
    lr = (1 + math.sqrt(beta)) ** 2 / lams.max()
    radius = max(
        np.abs(np.linalg.eigvals([[1 + beta - lr * lam, -beta], [1.0, 0.0]])).max()
        for lam in lams
    )
    assert exercises.check("heavy_ball_rate", radius)


def test_chapter_6_against_counts_of_a_real_run():
    trace = gdbook.gradient_descent(
        lambda w: 0 * w, np.zeros(1000), lr=0.1, steps=10_000
    )
    assert exercises.check("history_bytes", np.asarray(trace.xs).nbytes)
    calls = []

    def f(x):
        calls.append(1)
        return float(np.sum(x**2))

    gdbook.numerical_gradient(f, np.ones(100))
    assert exercises.check("gradient_evaluations", len(calls))

    multiplications = 0
    X, w = np.ones((1000, 10)), np.ones(10)
    for row in X:  # X w, one product per entry; then X.T r, as many
        multiplications += len(row) * 2
    assert exercises.check("multiplications_in_gradient", multiplications)

    rng = np.random.default_rng(1)
    X, w, y = rng.normal(size=(20, 3)), rng.normal(size=3), rng.normal(size=20)
    (g,) = _autograd(lambda v: ((torch.tensor(X) @ v - torch.tensor(y)) ** 2).mean(), w)
    np.testing.assert_allclose(exercises.solution("write_mse_gradient")(w, X, y), g)
