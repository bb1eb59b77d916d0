"""Exercises of the course, checked offline.

Each chapter of the course ends with exercises, from computing by hand to writing
code. :func:`check` tells whether an answer is right; for the wrong answers a
learner is likely to give, it says what the likely mistake is. It never raises on
an answer: ``None``, a string or an array of the wrong shape get a sentence
saying what was expected.

Examples
--------
>>> from gdbook import exercises
>>> exercises.names(chapter=2)[:2]
['one_step_on_the_parabola', 'largest_stable_rate']
>>> exercises.check("one_step_on_the_parabola", 2.4)
Right: 2.4.
True
>>> exercises.check("one_step_on_the_parabola", 3.6)
Not quite: 3.6. Descent steps against the gradient: subtract η L′(w₀).
False
>>> exercises.check("one_step_on_the_parabola", "2.4")
Expected a number, got the text '2.4'.
False
"""

from __future__ import annotations

from typing import Any

from gdbook.exercises._chapters_1_2 import CHAPTER_1, CHAPTER_2
from gdbook.exercises._chapters_3_4 import CHAPTER_3, CHAPTER_4
from gdbook.exercises._chapters_5_6 import CHAPTER_5, CHAPTER_6
from gdbook.exercises._core import Exercise, Mistake

__all__ = ["Exercise", "Mistake", "chapters", "check", "get", "names", "solution"]

#: The course's chapters, by number.
CHAPTERS = {
    1: "Derivatives and the numerical gradient",
    2: "Gradient descent",
    3: "Fitting a line: batch and stochastic gradient descent",
    4: "Backpropagation",
    5: "Why descent is slow, and the optimizers",
    6: "Making it fast",
}

_ALL = CHAPTER_1 + CHAPTER_2 + CHAPTER_3 + CHAPTER_4 + CHAPTER_5 + CHAPTER_6
_BY_NAME = {exercise.name: exercise for exercise in _ALL}


def chapters() -> dict[int, str]:
    """The chapters that have exercises: number and title.

    Examples
    --------
    >>> from gdbook import exercises
    >>> exercises.chapters()[1]
    'Derivatives and the numerical gradient'
    """
    return dict(CHAPTERS)


def names(chapter: int | None = None) -> list[str]:
    """The exercises' names, in course order; those of one ``chapter`` if given.

    Raises
    ------
    ValueError
        If ``chapter`` is not one of :func:`chapters`.

    Examples
    --------
    >>> from gdbook import exercises
    >>> len(exercises.names()) >= 25
    True
    """
    if chapter is None:
        return [exercise.name for exercise in _ALL]
    if chapter not in CHAPTERS or isinstance(chapter, bool):
        raise ValueError(f"chapter must be one of {sorted(CHAPTERS)}, got {chapter!r}")
    return [exercise.name for exercise in _ALL if exercise.chapter == chapter]


def get(name: str) -> Exercise:
    """The exercise called ``name``: its statement, hint and worked solution.

    Raises
    ------
    ValueError
        If there is no exercise called ``name`` (the message lists the names).

    Examples
    --------
    >>> from gdbook import exercises
    >>> exercises.get("halving_h").title
    'Halving h'
    """
    try:
        return _BY_NAME[name]
    except (KeyError, TypeError):
        raise ValueError(
            f"name must be one of exercises.names(), got {name!r}; "
            f"the exercises are: {', '.join(_BY_NAME)}"
        ) from None


def check(name: str, answer: Any) -> bool:
    """Print whether ``answer`` is right, and return True or False.

    Parameters
    ----------
    name : str
        The exercise, one of :func:`names`.
    answer : object
        A number, a list or array of numbers, or a function, as the exercise asks.
        Anything else is answered with what was expected, never an exception.

    Returns
    -------
    bool
        Whether the answer is right (numbers to the exercise's tolerance).

    Raises
    ------
    ValueError
        If ``name`` is not an exercise (never because of ``answer``).

    Examples
    --------
    >>> from gdbook import exercises
    >>> exercises.check("gradient_by_hand", [3, 8])
    Not quite: [3, 8]. The gradient lists ∂f/∂w₀ first, then ∂f/∂w₁.
    False
    """
    right, message = get(name).judge(answer)
    print(message)
    return right


def solution(name: str) -> Any:
    """The reference answer of ``name``, for teachers: a number, array or function.

    Examples
    --------
    >>> from gdbook import exercises
    >>> print(round(exercises.solution("central_difference_by_hand"), 6))
    3.01
    """
    return get(name).answer
