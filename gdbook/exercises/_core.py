"""What an exercise is, and how an answer is judged (never raising); the words are
in ``text/<language>.toml``, keyed by exercise and by mistake."""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import math
import os
import re
import reprlib
import tomllib
from importlib import resources
from typing import Any

import numpy as np
from numpy.typing import ArrayLike

#: The languages the exercises speak.
LANGUAGES = ("en", "zh_CN")


def language_code(lang: str | None) -> str:
    """``lang`` as one of :data:`LANGUAGES` ("zh", "zh-CN", "zh_CN.UTF-8": "zh_CN")."""
    code = "en" if lang is None else str(lang)
    match = re.match(r"(en|zh)([-_.]|$)", code, flags=re.IGNORECASE)
    if not match:
        raise ValueError(f"lang must be one of {LANGUAGES}, got {lang!r}")
    return "en" if match[1].lower() == "en" else "zh_CN"


#: The language of a call that names none: set_language's, at first GDBOOK_LANG's.
current = {"lang": "en"}
with contextlib.suppress(ValueError):
    current["lang"] = language_code(os.environ.get("GDBOOK_LANG"))


@functools.cache
def text(lang: str) -> dict[str, Any]:
    """The words of the exercises and of the judge in ``lang`` (parsed once)."""
    path = resources.files("gdbook.exercises").joinpath("text", f"{lang}.toml")
    return tomllib.loads(path.read_text(encoding="utf-8"))


@dataclasses.dataclass(frozen=True)
class Mistake:
    """A likely wrong answer (for code, a wrong function) and what it reveals."""

    key: str
    answer: Any
    why: str = ""


@dataclasses.dataclass(frozen=True)
class Exercise:
    """One exercise: its answer (a number, ``integer`` a count, an array of ``shape``,
    or a function whose first line is ``code``, called on each of ``cases``: ``(args,
    expected)``), its likely mistakes, and its words in ``lang``."""

    name: str
    chapter: int
    answer: Any
    mistakes: tuple[Mistake, ...] = ()
    shape: tuple[int, ...] = ()
    integer: bool = False
    rtol: float = 1e-6
    cases: tuple[tuple[tuple[Any, ...], Any], ...] = ()
    code: str = ""
    lang: str = "en"
    title: str = ""
    statement: str = ""
    working: str = ""
    hint: str = ""

    def in_language(self, lang: str) -> Exercise:
        """This exercise with its words in ``lang``."""
        words = dict(text(lang)[self.name])  # title, statement, working, hint
        why = words.pop("mistakes", {})
        mistakes = tuple(dataclasses.replace(m, why=why[m.key]) for m in self.mistakes)
        return dataclasses.replace(self, lang=lang, mistakes=mistakes, **words)

    @property
    def wants_code(self) -> bool:
        return callable(self.answer)

    @property
    def template(self) -> str:
        """The cell a learner fills."""
        if self.code:
            return f"{self.code}\n    return None  # {self._say('your_code')}"
        return f"answer = None  # {self.expected()}"

    def _say(self, key: str, **fields: Any) -> str:
        message = text(self.lang)["messages"][key]
        return str(message).format(**{"hint": self.hint, **fields})

    def expected(self) -> str:
        """What a right answer looks like, in words."""
        kind = "an_array" if self.shape else "a_count" if self.integer else "a_number"
        kind = "a_function" if self.wants_code else kind
        return self._say(kind, shape=self.shape, count=math.prod(self.shape))

    def judge(self, answer: Any) -> tuple[bool, str]:
        """``(right, message)`` for ``answer``; never raises."""
        if self.wants_code:
            return self._judge_code(answer)
        value, problem = self._as_numbers(answer, self.shape, self.expected())
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

    def _close(self, value: np.ndarray, reference: ArrayLike) -> bool:
        target = np.asarray(reference, dtype=float)
        return bool(np.allclose(value, target, rtol=self.rtol, atol=1e-12))

    def _judge_code(self, answer: Any) -> tuple[bool, str]:
        if not callable(answer):
            return False, self._as_numbers(answer, None, self.expected())[1]
        name = getattr(answer, "__name__", None) or self._say("your_function")
        for args, expected in self.cases:
            call = f"{name}({', '.join(self._arg(arg) for arg in args)})"
            try:
                result = answer(*args)
            except Exception as error:  # a learner's code may raise anything
                kind = type(error).__name__
                return False, self._say("raised", call=call, kind=kind, error=error)
            wanted = self._say("of_shape", shape=np.shape(expected))
            value, problem = self._as_numbers(result, np.shape(expected), wanted)
            if value is None:
                return False, self._say("unexpected", call=call, problem=problem)
            if not self._close(value, expected):
                why = self._say("hint")
                for mistake in self.mistakes[::-1]:
                    if self._close(value, mistake.answer(*args)):
                        why = mistake.why
                shown, wanted = _show(value), _show(expected)
                return False, self._say(
                    "returned", call=call, value=shown, expected=wanted, why=why
                )
        return True, self._say("code_right", count=len(self.cases))

    def _as_numbers(
        self, answer: Any, shape: tuple[int, ...] | None, expected: str
    ) -> tuple[np.ndarray | None, str]:
        """The answer as a float array of ``shape``, or ``None`` and what is wrong
        (with ``shape`` None, only what is wrong)."""
        other = "other" if shape is None else ""
        kind = next((k for t, k in _KINDS.items() if isinstance(answer, t)), other)
        if not kind:
            try:
                value = np.asarray(answer)
                kind = "complexes" if value.dtype.kind == "c" else ""
                value = value if kind else value.astype(float)
            except (TypeError, ValueError, OverflowError):
                kind = "other"
        if kind or shape is None:
            said = {"answer": reprlib.repr(answer), "type": type(answer).__name__}
            return None, self._say(kind, expected=expected, **said)
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
_KINDS: dict[type, str] = {type(None): "none", str: "text", bytes: "text"}
_KINDS.update({bool: "truth", np.bool_: "truth", complex: "complex"})
_KINDS[np.complexfloating] = "complex"


def _show(value: ArrayLike) -> str:
    """Numbers to 6 significant digits."""
    shown = ", ".join(f"{v:.6g}" for v in np.ravel(np.asarray(value, dtype=float)))
    return shown if np.ndim(value) == 0 else f"[{shown}]"
