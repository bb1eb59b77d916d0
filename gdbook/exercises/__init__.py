"""The course's exercises, checked offline, in English or Chinese: ``lang`` is by
default :func:`set_language`'s, at first the environment's ``GDBOOK_LANG``."""

from __future__ import annotations

from typing import Any

from gdbook.exercises._core import EXERCISES, LANGUAGES, Exercise, Mistake, text
from gdbook.exercises._core import current as _current
from gdbook.exercises._core import language_code as _code

__all__ = ["LANGUAGES", "Exercise", "Mistake", "chapters", "check", "get", "names"]
__all__ += ["set_language", "solution"]


def set_language(lang: str | None) -> str:
    """Speak ``lang`` ("zh", "zh-CN"... are "zh_CN"; None is "en") from now on;
    return the language spoken before.

    >>> from gdbook import exercises
    >>> before = exercises.set_language("zh_CN")
    >>> exercises.get("halving_h").title, exercises.set_language(before)
    ('把 h 减半', 'zh_CN')
    """
    before, _current["lang"] = _current["lang"], _code(lang)
    return before


def chapters(lang: str | None = None) -> dict[int, str]:
    """The chapters that have exercises: number and title.

    >>> from gdbook import exercises
    >>> exercises.chapters()[1], exercises.chapters(lang="zh_CN")[2]
    ('Derivatives and the numerical gradient', '梯度下降')
    """
    titles = text(_current["lang"] if lang is None else _code(lang))["chapters"]
    return {int(number): title for number, title in titles.items()}


def names(chapter: int | None = None) -> list[str]:
    """The exercises' names in course order, or those of one ``chapter``.

    >>> from gdbook import exercises
    >>> exercises.names(chapter=2)[:2]
    ['one_step_on_the_parabola', 'largest_stable_rate']
    """
    if chapter is not None and (chapter not in chapters() or isinstance(chapter, bool)):
        raise ValueError(f"chapter must be one of {[*chapters()]}, got {chapter!r}")
    return [name for name, e in EXERCISES.items() if chapter in (None, e.chapter)]


def get(name: str, lang: str | None = None) -> Exercise:
    """The exercise called ``name``, with its words in ``lang``.

    >>> from gdbook import exercises
    >>> exercises.get("halving_h").title, exercises.get("halving_h", "zh_CN").title
    ('Halving h', '把 h 减半')
    """
    lang = _current["lang"] if lang is None else _code(lang)
    if not isinstance(name, str) or name not in EXERCISES:
        raise ValueError(f"name must be one of {', '.join(EXERCISES)}, got {name!r}")
    return EXERCISES[name].in_language(lang)


def check(name: str, answer: Any, lang: str | None = None) -> bool:
    """Print whether ``answer`` (a number, numbers or a function) is right, or its
    likely mistake; return True or False. Never raises on an answer.

    >>> from gdbook import exercises
    >>> exercises.check("one_step_on_the_parabola", 3.6)
    Not quite: 3.6. Descent steps against the gradient: subtract η L′(w₀).
    False
    """
    right, message = get(name, lang).judge(answer)
    print(message)
    return right


def solution(name: str) -> Any:
    """The reference answer of ``name``: a number, an array or a function.

    >>> from gdbook import exercises
    >>> exercises.solution("central_difference_by_hand")
    3.01
    """
    return get(name).answer
