"""What an exercise is, and how an answer is judged.

An :class:`Exercise` holds its statement, its reference answer, the wrong answers
a learner is likely to give (each with what it reveals), and a hint. Judging an
answer never raises: whatever a learner passes, they get a sentence back.
"""

from __future__ import annotations

import math
import numbers
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import ArrayLike


@dataclass(frozen=True)
class Mistake:
    """A likely wrong answer and what it reveals."""

    answer: Any
    why: str


@dataclass(frozen=True)
class Case:
    """One call of a learner's function: its arguments and the reference result."""

    args: tuple[Any, ...]
    expected: Any


@dataclass(frozen=True)
class Exercise:
    """One exercise: statement, reference answer, likely mistakes and a hint.

    ``answer`` is a number, an array, or (for an exercise that asks for code) a
    function; then ``cases`` are the calls its check makes. ``shape`` is the shape
    of a numeric answer (``()`` for one number), ``integer`` says the answer is a
    count. ``working`` is the worked solution shown to teachers.
    """

    name: str
    chapter: int
    title: str
    statement: str
    answer: Any
    working: str
    hint: str
    mistakes: tuple[Mistake, ...] = ()
    shape: tuple[int, ...] = ()
    integer: bool = False
    rtol: float = 1e-6
    atol: float = 1e-12
    cases: tuple[Case, ...] = field(default=())
    template: str = "answer = None"

    @property
    def wants_code(self) -> bool:
        return callable(self.answer)

    def expected(self) -> str:
        """What a right answer looks like, in words."""
        if self.wants_code:
            return "a function"
        if self.shape == ():
            return "a whole number" if self.integer else "a number"
        return f"an array of shape {self.shape} (a list of {self.shape[0]} numbers)"

    def judge(self, answer: Any) -> tuple[bool, str]:
        """``(right, message)`` for ``answer``; never raises."""
        if self.wants_code:
            return self._judge_code(answer)
        value, problem = _as_numbers(answer, self.shape, self.expected())
        if problem or value is None:  # (None only with a problem)
            return False, problem
        if self.integer and not np.all(value == np.round(value)):
            return False, f"Expected a whole number (a count), got {_show(value)}."
        if self._close(value, self.answer):
            return True, f"Right: {_show(value)}."
        for mistake in self.mistakes:
            if self._close(value, mistake.answer):
                return False, f"Not quite: {_show(value)}. {mistake.why}"
        return False, f"Not yet: {_show(value)} is not the answer. Hint: {self.hint}"

    def _close(self, value: np.ndarray, reference: ArrayLike) -> bool:
        target = np.asarray(reference, dtype=float)
        return bool(np.allclose(value, target, rtol=self.rtol, atol=self.atol))

    def _judge_code(self, answer: Any) -> tuple[bool, str]:
        if answer is None:
            return False, "No answer yet: replace None with your function."
        if not callable(answer):
            return False, f"Expected a function, got {_kind(answer)}."
        for case in self.cases:
            call = f"{getattr(answer, '__name__', 'your function')}{_args(case.args)}"
            try:
                result = answer(*case.args)
            except Exception as error:  # a learner's code may raise anything
                kind = type(error).__name__
                return False, f"{call} raised {kind}: {error}. Hint: {self.hint}"
            shape = np.shape(case.expected)
            value, problem = _as_numbers(result, shape, f"shape {shape}")
            if problem or value is None:  # (None only with a problem)
                return False, f"{call} returned something unexpected. {problem}"
            if not self._close(value, case.expected):
                why = next(
                    (
                        m.why
                        for m in self.mistakes
                        if self._close(value, m.answer(*case.args))
                    ),
                    f"Hint: {self.hint}",
                )
                shown = _show(np.asarray(case.expected, dtype=float))
                return False, f"{call} returned {_show(value)}, expected {shown}. {why}"
        return True, f"Right: your function passed all {len(self.cases)} checks."


def _as_numbers(
    answer: Any, shape: tuple[int, ...], expected: str
) -> tuple[np.ndarray | None, str]:
    """The answer as a float array of ``shape``, or ``None`` and what is wrong."""
    if answer is None:
        return None, f"No answer yet: replace None with {expected}."
    if isinstance(answer, (str, bytes)):
        return None, f"Expected {expected}, got the text {answer!r}."
    if isinstance(answer, bool) or isinstance(answer, np.bool_):
        return None, f"Expected {expected}, got {answer!r}, a truth value."
    if isinstance(answer, numbers.Complex) and not isinstance(answer, numbers.Real):
        return None, f"Expected {expected}, got the complex number {answer!r}."
    try:
        value = np.asarray(answer)
        if value.dtype.kind == "c":
            return None, f"Expected {expected}, got complex numbers."
        value = value.astype(float)
    except (TypeError, ValueError, OverflowError):
        return None, f"Expected {expected}, got {_kind(answer)}."
    if value.shape != tuple(shape):
        if value.size == math.prod(shape) and value.size > 0:
            value = value.reshape(shape)
        else:
            return None, f"Expected {expected}, got an array of shape {value.shape}."
    if not np.all(np.isfinite(value)):
        return None, f"Expected finite numbers, got {_show(value)}."
    return value, ""


def _kind(obj: Any) -> str:
    """A few words for what ``obj`` is."""
    return f"{type(obj).__name__} {_short_repr(obj)}"


def _short_repr(obj: Any) -> str:
    text = repr(obj)
    return text if len(text) <= 40 else text[:37] + "..."


def _show(value: ArrayLike) -> str:
    """Numbers to 6 significant digits."""
    array = np.asarray(value, dtype=float)
    if array.shape == ():
        return f"{float(array):.6g}"
    return "[" + ", ".join(f"{v:.6g}" for v in array.ravel()) + "]"


def _args(args: tuple[Any, ...]) -> str:
    shown = []
    for arg in args:
        if isinstance(arg, np.ndarray) and arg.size > 4:
            shown.append(f"<array of shape {arg.shape}>")
        elif callable(arg):
            shown.append(getattr(arg, "__name__", "f"))
        else:
            shown.append(_short_repr(arg))
    return "(" + ", ".join(shown) + ")"
