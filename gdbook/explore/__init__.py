"""Explorables: interactive figures of gdbook runs made in Python, a slider a setting,
every run precomputed and drawn by matplotlib, in English and Chinese, swapped by a
small script (``explore.js``) with no kernel and no network."""

from gdbook._errors import renamed
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
# The first names, kept for one release (they are not gdbook.gradient_descent...).
__getattr__ = renamed(
    "gdbook.explore",
    dict(
        gradient_descent=learning_rate_explorer,
        hyperparameters=optimizer_explorer,
        fit_line_sgd=sgd_noise_explorer,
    ),
)
