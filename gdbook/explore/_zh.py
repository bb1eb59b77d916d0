"""The explorables' words: each text in English and Chinese (:class:`Said`), the
Chinese of each English template in :data:`ZH` (a template's fields kept)."""

from __future__ import annotations

import functools
from collections.abc import Iterable
from html import escape
from typing import Any

from gdbook._checks import ArgumentTypeError

ZH = {
    "learning rate η": "学习率 η",
    "momentum β": "动量 β",
    "batch size B": "批量大小 B",
    "{a}, {b}": "{a}，{b}",
    # What a run did
    "diverges: overflow at step {k}": "发散：第 {k} 步溢出",
    "diverges": "发散",
    "diverges, oscillating": "发散，振荡",
    "converges": "收敛",
    "converges, oscillating": "收敛，振荡",
    "converging, but not below {tol:g} in {n} steps": "收敛中，{n} 步内未低于 {tol:g}",
    "bounces between two points": "在两点之间来回跳",
    "stays where it is": "停在原处",
    "oscillates, converging slowly": "振荡，缓慢收敛",
    "crawls: still far from the minimum": "爬行：离最小值仍很远",
    # The descents
    "Gradient descent on {f}": "{f} 上的梯度下降",
    "{o} on {f}": "{f} 上的 {o}",
    "the path on f": "f 上的路径",
    "the path on the level lines of f": "f 的等高线上的路径",
    "loss": "损失",
    "loss − minimum": "损失 − 最小值",
    "{y} at each step": "每一步的{y}",
    "step k": "第 k 步",
    "after {n} steps, every η": "{n} 步后，每个 η",
    "every run: stronger, faster; red, diverges": "每次运行：色越深越快；红色：发散",
    "x after {n} steps": "{n} 步后的 x",
    "loss after {n} steps": "{n} 步后的损失",
    "first step with loss below {tol:g}": "损失首次低于 {tol:g} 的步",
    "behaviour": "表现",
    "optimizer": "优化器",
    "none in {n}": "{n} 步内没有",
    "{x} (stopped at step {k}: overflow)": "{x}（第 {k} 步溢出，停止）",
    "{set}: it {how}. After {n} steps x = {x}, loss {loss:.6g}.": (
        "{set}：{how}。{n} 步后 x = {x}，损失 {loss:.6g}。"
    ),
    "From {where}, {n} steps. Left, the path; right, the loss at each step (log "
    "scale), and {legend}": (
        "从 {where} 出发，{n} 步。左：路径；右：每一步的损失（对数坐标），以及{legend}"
    ),
    "the last loss of every rate, the selected one upright{m}.": (
        "每个学习率的最终损失，竖线是所选的学习率{m}。"
    ),
    "; 2/λ_max = {two:g} is marked": "；标出了 2/λ_max = {two:g}",
    "every run, {x} across and {y} up: the stronger its colour, the sooner its loss "
    "gets below {tol:g}; red, it diverges; the selected run outlined{marked}": (
        "每次运行一格，横轴为{x}，纵轴为{y}：颜色越深，损失越早低于 {tol:g}；"
        "红色表示发散；所选的运行加了边框{marked}"
    ),
    "; marked: {m}.": "；标出了：{m}。",
    ".": "。",
    # SGD on the line fit
    "Mini-batch SGD on the line fit: learning rate and batch size": (
        "小批量随机梯度下降拟合直线：学习率与批量大小"
    ),
    "epoch": "轮",
    "loss above the least-squares minimum": "高出最小二乘最小值的损失",
    "last {n}": "最后 {n} 轮",
    "mean excess, last {n} epochs": "最后 {n} 轮的平均超出",
    "loss after {n} epochs": "{n} 轮后的损失",
    "mean excess over the minimum, last {n} epochs": "最后 {n} 轮高出最小值的平均损失",
    "updates per epoch": "每轮的更新次数",
    "line after {n} epochs": "{n} 轮后的直线",
    "diverged": "是否发散",
    "no": "否",
    "yes: the loss grows": "是：损失在增大",
    "yes: overflow at update {k}": "是：第 {k} 次更新溢出",
    "Learning rate {lr:g}, batches of {b} ({m} updates per epoch): the mean excess "
    "loss over the last {n} epochs is {floor}.": (
        "学习率 {lr:g}，批量大小 {b}（每轮 {m} 次更新）：最后 {n} 轮高出最小值的平均"
        "损失为 {floor}。"
    ),
    "{n} points, {epochs} epochs, least-squares minimum {minimum:.6g}. Left: the loss "
    "minus that minimum at each update, log scale, and its mean over the last {tail} "
    "epochs (dashed). Right: that mean for every learning rate (across) and batch "
    "size (up), the selected pair outlined.": (
        "{n} 个点，{epochs} 轮，最小二乘最小值 {minimum:.6g}。左：每次更新时的损失减去"
        "该最小值（对数坐标），以及它在最后 {tail} 轮的平均值（虚线）。右：每个学习率"
        "（横轴）和批量大小（纵轴）的这个平均值，所选的一对加了边框。"
    ),
    # Where no script runs
    "This is the figure as first drawn: the sliders work where its script runs (in "
    "Jupyter, run the cell, or trust the notebook).": (
        "这是图最初的样子：滑块要在它的脚本运行时才能用（在 Jupyter 中运行这个单元格，"
        "或信任这个笔记本）。"
    ),
}


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
