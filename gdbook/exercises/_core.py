"""What an exercise is, how an answer is judged (never raising), and the exercises:
``text/answers.toml`` and those that ask for code; their words: ``text/<lang>.toml``."""

from __future__ import annotations

import contextlib
import functools
import math
import os
import re
import reprlib
import tomllib
from importlib import resources
from typing import Any, NamedTuple

import numpy as np

#: The languages the exercises speak.
LANGUAGES = ("en", "zh_CN")


def language_code(lang: str | None) -> str:
    """``lang`` as one of :data:`LANGUAGES` ("zh", "zh-CN", "zh_CN.UTF-8": "zh_CN")."""
    code = "en" if lang is None else str(lang)
    if not (match := re.match(r"(en|zh)([-_.]|$)", code, flags=re.IGNORECASE)):
        raise ValueError(f"lang must be one of {LANGUAGES}, got {lang!r}")
    return "en" if match[1].lower() == "en" else "zh_CN"


#: The language of a call that names none: set_language's, at first GDBOOK_LANG's.
current = {"lang": "en"}
with contextlib.suppress(ValueError):
    current["lang"] = language_code(os.environ.get("GDBOOK_LANG"))


@functools.cache
def text(lang: str) -> dict[str, Any]:
    """``text/<lang>.toml``, parsed once: the words in ``lang``, or the answers."""
    path = resources.files("gdbook.exercises").joinpath("text", f"{lang}.toml")
    return tomllib.loads(path.read_text(encoding="utf-8"))


class Mistake(NamedTuple):
    """A likely wrong answer and what it reveals."""

    key: str  #: the key of its explanation in ``text/<language>.toml``
    answer: Any  #: the wrong answer; for code, a wrong function
    why: str = ""  #: the explanation, in the exercise's language


class Exercise(NamedTuple):
    """One exercise: its reference answer, its likely mistakes and its words."""

    name: str  #: the name :func:`check` takes
    chapter: int  #: the chapter it ends
    answer: Any  #: the reference answer: a number, an array or a function
    mistakes: tuple[Mistake, ...] = ()  #: the likely wrong answers
    shape: tuple[int, ...] = ()  #: the shape of an array answer
    integer: bool = False  #: whether the answer is a count
    rtol: float = 1e-6  #: the relative tolerance of a right answer
    cases: tuple[tuple[Any, ...], ...] = ()  #: for code, the arguments it is called on
    code: str = ""  #: for code, the first line of the function to write
    lang: str = "en"  #: the language of the words below
    title: str = ""  #: the title
    statement: str = ""  #: the question (Markdown)
    working: str = ""  #: the worked solution (Markdown)
    hint: str = ""  #: the hint, printed after a wrong answer

    def in_language(self, lang: str) -> Exercise:
        """This exercise with its words in ``lang``."""
        words = dict(text(lang)[self.name])  # title, statement, working, hint
        why = words.pop("mistakes", {})
        mistakes = tuple(m._replace(why=why[m.key]) for m in self.mistakes)
        return self._replace(lang=lang, mistakes=mistakes, **words)

    @property
    def wants_code(self) -> bool:
        """Whether the answer is a function."""
        return callable(self.answer)

    @property
    def template(self) -> str:
        """The cell a learner fills."""
        if self.code:
            return f"{self.code}\n    return None  # {self._say('your_code')}"
        return f"answer = None  # {self.expected()}"

    def _say(self, key: str, **fields: Any) -> str:
        return str(text(self.lang)["messages"][key]).format(hint=self.hint, **fields)

    def expected(self) -> str:
        """What a right answer looks like, in words."""
        kind = "an_array" if self.shape else "a_count" if self.integer else "a_number"
        kind = "a_function" if self.wants_code else kind
        return self._say(kind, shape=self.shape, count=math.prod(self.shape))

    def judge(self, answer: Any) -> tuple[bool, str]:
        """``(right, message)`` for ``answer``; never raises."""
        if self.wants_code:
            return self._judge_code(answer)
        value, problem = self._numbers(answer, self.shape, self.expected())
        if value is None:
            return False, problem
        if self.integer and not np.all(value == np.round(value)):
            return False, self._say("not_a_count", value=_show(value))
        if self._close(value, self.answer):
            return True, self._say("right", value=_show(value))
        for mistake in self.mistakes:
            if self._close(value, mistake.answer):
                return False, self._say("mistake", value=_show(value), why=mistake.why)
        return False, self._say("not_yet", value=_show(value))

    def _close(self, value: np.ndarray, reference: Any) -> bool:
        return bool(np.allclose(value, reference, rtol=self.rtol, atol=1e-12))

    def _judge_code(self, answer: Any) -> tuple[bool, str]:
        if not callable(answer):
            return False, self._numbers(answer, None, self.expected())[1]
        name = getattr(answer, "__name__", None) or self._say("your_function")
        for args in self.cases:
            expected = self.answer(*args)
            call = f"{name}({', '.join(self._arg(arg) for arg in args)})"
            try:
                result = answer(*args)
            except Exception as error:  # a learner's code may raise anything
                kind = type(error).__name__
                return False, self._say("raised", call=call, kind=kind, error=error)
            wanted = self._say("of_shape", shape=np.shape(expected))
            value, problem = self._numbers(result, np.shape(expected), wanted)
            if value is None:
                return False, self._say("unexpected", call=call, problem=problem)
            if not self._close(value, expected):
                wrong = (
                    m.why for m in self.mistakes if self._close(value, m.answer(*args))
                )
                shown = {"value": _show(value), "expected": _show(expected)}
                why = next(wrong, self._say("hint"))
                return False, self._say("returned", call=call, why=why, **shown)
        return True, self._say("code_right", count=len(self.cases))

    def _numbers(
        self, answer: Any, shape: tuple[int, ...] | None, expected: str
    ) -> tuple[np.ndarray | None, str]:
        """``answer`` as floats of ``shape``, or None and what is wrong (shape None:
        only what is wrong)."""
        kind = next((k for t, k in _KINDS.items() if isinstance(answer, t)), "")
        if not kind and shape is not None:
            try:
                value = np.asarray(answer)
                kind = "complexes" if value.dtype.kind == "c" else ""
                value = value if kind else value.astype(float)
            except (TypeError, ValueError, OverflowError):
                kind = "other"
        if kind or shape is None:
            said = {"answer": reprlib.repr(answer), "type": type(answer).__name__}
            return None, self._say(kind or "other", expected=expected, **said)
        if value.shape != shape and (value.size != math.prod(shape) or value.size == 0):
            return None, self._say("wrong_shape", expected=expected, shape=value.shape)
        if not np.all(np.isfinite(value)):
            return None, self._say("not_finite", value=_show(value))
        return value.reshape(shape), ""

    def _arg(self, arg: Any) -> str:
        if isinstance(arg, np.ndarray) and arg.size > 4:
            return self._say("array_argument", shape=arg.shape)
        return getattr(arg, "__name__", "f") if callable(arg) else reprlib.repr(arg)


#: What a learner may pass that is not numbers: the key of its message.
_KINDS: dict[Any, str] = {type(None): "none", str: "text", bytes: "text", bool: "truth"}
_KINDS |= {np.bool_: "truth", complex: "complex", np.complexfloating: "complex"}


def _show(value: Any) -> str:
    """Numbers to 6 significant digits."""
    shown = ", ".join(f"{v:.6g}" for v in np.ravel(np.asarray(value, dtype=float)))
    return shown if np.ndim(value) == 0 else f"[{shown}]"


def central_difference(f: Any, x: Any, h: float) -> Any:
    return (f(x + h) - f(x - h)) / (2 * h)


def mse_gradient(w: np.ndarray, X: np.ndarray, y: np.ndarray) -> Any:
    return 2 / len(y) * X.T @ (X @ w - y)


# The exercises that ask for code: the reference, each check's arguments, mistakes.
_RNG = np.random.default_rng(0)
_XWY = [
    (_RNG.normal(size=(n, d)), _RNG.normal(size=d), _RNG.normal(size=n))
    for n, d in ((5, 2), (50, 3), (1, 4))
]
CODE: dict[str, dict[str, Any]] = {
    "write_central_difference": dict(
        answer=central_difference,
        cases=((np.sin, 1.0, 1e-3), (np.exp, 0.5, 1e-2), (np.square, 3.0, 1e-4)),
        mistakes=dict(
            forward=lambda f, x, h: (f(x + h) - f(x)) / h,
            divide_by_h=lambda f, x, h: (f(x + h) - f(x - h)) / h,
        ),
    ),
    "write_mse_gradient": dict(
        answer=mse_gradient,
        cases=tuple((w, X, y) for X, w, y in _XWY),
        mistakes=dict(
            factor_2=lambda w, X, y: X.T @ (X @ w - y) / len(y),
            sum=lambda w, X, y: 2 * X.T @ (X @ w - y),
        ),
    ),
}


def _exercise(name: str, fields: dict[str, Any]) -> Exercise:
    fields = {**fields, **CODE.get(name, {})}
    mistakes = tuple(Mistake(k, v) for k, v in fields.pop("mistakes").items())
    shape, integer = np.shape(fields["answer"]), isinstance(fields["answer"], int)
    return Exercise(name, mistakes=mistakes, shape=shape, integer=integer, **fields)


#: The exercises in course order, by name.
EXERCISES = {name: _exercise(name, fields) for name, fields in text("answers").items()}
