"""Exercises of the course, checked offline, in English or Chinese.

:func:`check` tells whether an answer is right and, for a likely wrong answer, what
the likely mistake is; it never raises on an answer. :func:`solution` gives the
reference answer. The words are in English ("en") and simplified Chinese ("zh_CN"):
each function that speaks takes ``lang``, by default :func:`set_language`'s, at
first the environment's ``GDBOOK_LANG`` (English if unset).

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
    """Speak ``lang`` (one of :data:`LANGUAGES`, or "zh", "zh-CN"...; None: "en")
    from now on; return the language spoken before.

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
    """The chapters that have exercises: number and title.

    >>> from gdbook import exercises
    >>> exercises.chapters()[1], exercises.chapters(lang="zh_CN")[2]
    ('Derivatives and the numerical gradient', '梯度下降')
    """
    titles = text(current["lang"] if lang is None else _code(lang))["chapters"]
    return {int(number): title for number, title in titles.items()}


def names(chapter: int | None = None) -> list[str]:
    """The exercises' names in course order, or those of one ``chapter``.

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
    """The exercise called ``name``, with its words in ``lang``.

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
    """Print whether ``answer`` (a number, numbers or a function, as the exercise
    asks) is right; return True or False. Never raises on an answer.

    >>> from gdbook import exercises
    >>> exercises.check("gradient_by_hand", "8, 3")
    Expected an array of shape (2,) (a list of 2 numbers), got the text '8, 3'.
    False
    """
    right, message = get(name, lang).judge(answer)
    print(message)
    return right


def solution(name: str) -> Any:
    """The reference answer of ``name``: a number, an array or a function.

    >>> from gdbook import exercises
    >>> print(round(exercises.solution("central_difference_by_hand"), 6))
    3.01
    """
    return get(name).answer
