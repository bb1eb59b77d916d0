"""The explorables' words: each text in English and Chinese (:class:`Said`), the
Chinese of each English template in :data:`ZH` (a template's fields kept)."""

from __future__ import annotations

import functools
import tomllib
from collections.abc import Iterable
from html import escape
from importlib import resources
from typing import Any

from gdbook._checks import ArgumentTypeError

#: The Chinese of each English template (its fields kept), from zh_CN.toml.
ZH: dict[str, str] = tomllib.loads(
    resources.files("gdbook.explore").joinpath("zh_CN.toml").read_text(encoding="utf-8")
)


class Said(str):
    """A text in English (the string itself) that knows its Chinese, ``zh``."""

    zh: str

    def __new__(cls, english: str, chinese: str | None = None) -> Said:
        said = super().__new__(cls, english)
        said.zh = english if chinese is None else chinese
        return said


def say(english: str, **values: Any) -> Said:
    """The template ``english`` and its Chinese (``_zh.ZH``) filled with ``values``.

    >>> said = say("x after {n} steps", n=3)
    >>> said, said.zh
    ('x after 3 steps', '3 步后的 x')
    """
    chinese = {k: getattr(v, "zh", v) for k, v in values.items()}
    return Said(english.format(**values), ZH[english].format(**chinese))


def join(texts: Iterable[Said]) -> Said:
    """``texts`` joined with commas."""
    return functools.reduce(lambda a, b: say("{a}, {b}", a=a, b=b), texts)


def words(value: Any, name: str, given: Any = None) -> Said:
    """A check: a str, or a pair of str (English, Chinese), as :class:`Said`."""
    if isinstance(value, str):
        return value if isinstance(value, Said) else Said(value)
    if isinstance(value, list | tuple) and len(value) == 2:
        if all(isinstance(v, str) for v in value):
            return Said(*value)
    raise ArgumentTypeError(name, f"{name} must be a str or a pair of str")


def _chinese(text: str) -> str | int:
    """The Chinese of ``text``, or 0 where it is the English (a number, code)."""
    return 0 if (zh := getattr(text, "zh", text)) == text else zh


def _tag(tag: str, text: str, attributes: str = "") -> str:
    """``<tag attributes>text</tag>``, its Chinese in ``data-zh`` if it has one."""
    if zh := _chinese(text):
        attributes += f' data-zh="{escape(str(zh))}"'
    return f"<{tag}{attributes}>{escape(text)}</{tag}>"
