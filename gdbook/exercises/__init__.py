"""Exercises of the course, checked offline, in English or Chinese.

Each chapter of the course ends with exercises, from computing by hand to writing
code. :func:`check` tells whether an answer is right; for the wrong answers a
learner is likely to give, it says what the likely mistake is. It never raises on
an answer: ``None``, a string or an array of the wrong shape get a sentence
saying what was expected. :func:`solution` gives the reference answer.

The words (statements, hints, the judge's sentences) are in English (``"en"``)
and in simplified Chinese (``"zh_CN"``): :data:`LANGUAGES`. Each function that
speaks takes ``lang``; without it, it speaks the language of :func:`set_language`,
at first the environment's ``GDBOOK_LANG`` (English if unset). The maths, the
numbers and the code are the same in both.

Examples
--------
>>> from gdbook import exercises
>>> exercises.check("one_step_on_the_parabola", 3.6)
Not quite: 3.6. Descent steps against the gradient: subtract η L′(w₀).
False
>>> exercises.check("one_step_on_the_parabola", 3.6, lang="zh_CN")
不太对：3.6。梯度下降逆着梯度走：应减去 η L′(w₀)。
False
"""

from __future__ import annotations

from typing import Any

from gdbook.exercises._answers import EXERCISES
from gdbook.exercises._core import LANGUAGES, Exercise, Mistake, current, text
from gdbook.exercises._core import language_code as _code

__all__ = ["LANGUAGES", "Exercise", "Mistake", "chapters", "check", "get", "names"]
__all__ += ["set_language", "solution"]

_BY_NAME = {exercise.name: exercise for exercise in EXERCISES}


def set_language(lang: str | None) -> str:
    """Speak ``lang`` ("en" or "zh_CN"; None: "en") from now on; return the
    language spoken before. ``ValueError`` if ``lang`` is not one of
    :data:`LANGUAGES` ("zh", "zh-CN" and "zh_CN.UTF-8" are "zh_CN").

    >>> from gdbook import exercises
    >>> before = exercises.set_language("zh_CN")
    >>> exercises.check("halving_h", 4)
    正确：4。
    True
    >>> exercises.set_language(before)
    'zh_CN'
    """
    before, current["lang"] = current["lang"], _code(lang)
    return before


def chapters(lang: str | None = None) -> dict[int, str]:
    """The chapters that have exercises: number and title (in ``lang``).

    >>> from gdbook import exercises
    >>> exercises.chapters()[1], exercises.chapters(lang="zh_CN")[2]
    ('Derivatives and the numerical gradient', '梯度下降')
    """
    titles = text(current["lang"] if lang is None else _code(lang))["chapters"]
    return {int(number): title for number, title in titles.items()}


def names(chapter: int | None = None) -> list[str]:
    """The exercises' names, in course order; those of one ``chapter`` if given
    (``ValueError`` if it is not one of :func:`chapters`).

    >>> from gdbook import exercises
    >>> exercises.names(chapter=2)[:2]
    ['one_step_on_the_parabola', 'largest_stable_rate']
    """
    if chapter is None:
        return list(_BY_NAME)
    if chapter not in chapters() or isinstance(chapter, bool):
        raise ValueError(
            f"chapter must be one of {sorted(chapters())}, got {chapter!r}"
        )
    return [exercise.name for exercise in EXERCISES if exercise.chapter == chapter]


def get(name: str, lang: str | None = None) -> Exercise:
    """The exercise called ``name``, with its words (statement, hint, worked
    solution) in ``lang``. ``ValueError``, listing the names, if there is none.

    >>> from gdbook import exercises
    >>> exercises.get("halving_h").title, exercises.get("halving_h", "zh_CN").title
    ('Halving h', '把 h 减半')
    """
    lang = current["lang"] if lang is None else _code(lang)
    if not isinstance(name, str) or name not in _BY_NAME:
        raise ValueError(
            f"name must be one of exercises.names(), got {name!r}; "
            f"the exercises are: {', '.join(_BY_NAME)}"
        )
    return _BY_NAME[name].in_language(lang)


def check(name: str, answer: Any, lang: str | None = None) -> bool:
    """Print whether ``answer`` to exercise ``name`` is right, in ``lang``; return
    True or False. ``answer`` is a number, a list or array of numbers, or a
    function, as the exercise asks (numbers to the exercise's tolerance); anything
    else gets a sentence saying what was expected, never an exception.

    >>> from gdbook import exercises
    >>> exercises.check("gradient_by_hand", "8, 3")
    Expected an array of shape (2,) (a list of 2 numbers), got the text '8, 3'.
    False
    """
    right, message = get(name, lang).judge(answer)
    print(message)
    return right


def solution(name: str) -> Any:
    """The reference answer of ``name``, for teachers: a number, array or function.

    >>> from gdbook import exercises
    >>> print(round(exercises.solution("central_difference_by_hand"), 6))
    3.01
    """
    return get(name).answer
