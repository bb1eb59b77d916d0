"""Explorables: interactive figures of gdbook runs, computed in Python, offline.

An explorer runs a gdbook call once for each setting of a bounded grid and returns
an :class:`Explorable`: the runs behind sliders, drawn by matplotlib as SVG, every
number printed by Python; a small plain script (``explore.js``) swaps the stored
paths and texts, on the site, in Jupyter and in a saved page, with no kernel and no
network. Make one the last expression of a notebook cell.
"""

import warnings
from collections.abc import Callable

from gdbook.explore._explorers import (
    learning_rate_explorer,
    optimizer_explorer,
    sgd_noise_explorer,
)
from gdbook.explore._figure import Explorable

__all__ = [
    "Explorable",
    "learning_rate_explorer",
    "optimizer_explorer",
    "sgd_noise_explorer",
]

#: The first names of the explorers, kept for one release.
_RENAMED: dict[str, Callable[..., Explorable]] = dict(
    gradient_descent=learning_rate_explorer,
    hyperparameters=optimizer_explorer,
    fit_line_sgd=sgd_noise_explorer,
)


def __getattr__(name: str) -> Callable[..., Explorable]:
    if new := _RENAMED.get(name):
        warnings.warn(
            f"gdbook.explore.{name} is renamed gdbook.explore.{new.__name__} (it "
            f"is not gdbook.{name}); the old name goes in the next release",
            DeprecationWarning,
            stacklevel=2,
        )
        return new
    raise AttributeError(f"module 'gdbook.explore' has no attribute {name!r}")
