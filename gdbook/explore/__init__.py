"""Explorables: interactive figures of gdbook runs, computed in Python, offline.

An explorer runs a gdbook call for each setting of a bounded grid and returns an
:class:`Explorable`: the runs behind sliders, drawn by matplotlib, every number
printed by Python, in English and Chinese; a small script (``explore.js``) swaps
them, with no kernel and no network. Make one the last expression of a cell.
"""

from gdbook._errors import renamed
from gdbook.explore._explorers import learning_rate_explorer, optimizer_explorer
from gdbook.explore._figure import Explorable
from gdbook.explore._sgd import sgd_noise_explorer

__all__ = [
    "Explorable",
    "learning_rate_explorer",
    "optimizer_explorer",
    "sgd_noise_explorer",
]
# The first names, kept for one release (they are not gdbook.gradient_descent...).
__getattr__ = renamed(
    "gdbook.explore",
    dict(
        gradient_descent=learning_rate_explorer,
        hyperparameters=optimizer_explorer,
        fit_line_sgd=sgd_noise_explorer,
    ),
)
