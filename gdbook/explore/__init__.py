"""Explorables: interactive figures of gdbook runs, computed in Python, offline.

An explorer runs a gdbook call for each setting of a bounded grid and returns an
:class:`Explorable`: the runs behind sliders, drawn by matplotlib, every number
printed by Python, in English and Chinese; a small script (``explore.js``) swaps
them, with no kernel and no network. Make one the last expression of a cell.
"""

import warnings
from typing import Any

from gdbook.explore._explorers import learning_rate_explorer, optimizer_explorer
from gdbook.explore._figure import Explorable
from gdbook.explore._sgd import sgd_noise_explorer

__all__ = [
    "Explorable",
    "learning_rate_explorer",
    "optimizer_explorer",
    "sgd_noise_explorer",
]
_RENAMED = dict(  # the first names, kept for one release
    gradient_descent=learning_rate_explorer,
    hyperparameters=optimizer_explorer,
    fit_line_sgd=sgd_noise_explorer,
)


def __getattr__(name: str) -> Any:
    if not (new := _RENAMED.get(name)):
        raise AttributeError(f"module 'gdbook.explore' has no attribute {name!r}")
    message = f"gdbook.explore.{name} is renamed gdbook.explore.{new.__name__} (it "
    message += f"is not gdbook.{name}); the old name goes in the next release"
    warnings.warn(message, DeprecationWarning, stacklevel=2)
    return new
