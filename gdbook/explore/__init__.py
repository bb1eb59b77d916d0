"""Explorables: interactive figures of gdbook runs, computed in Python, offline.

An explorer runs a gdbook call once for each setting of a grid and returns an
:class:`Explorable`: the runs behind sliders, drawn by matplotlib, every number
formatted in Python; a small plain script (``explore.js``) only swaps the stored
paths and texts, so it works on the site, in Jupyter and in a saved page, with no
kernel and no network. Make one the last expression of a notebook cell:

>>> from gdbook import parabola
>>> from gdbook.explore import learning_rate_explorer
>>> explorable = learning_rate_explorer(parabola, 5.0, lrs=[0.1, 0.9, 1.1], steps=50)
>>> explorable.frame(lr=0.9).readouts["behaviour"]
'converges, oscillating'
"""

import warnings
from collections.abc import Callable

from gdbook.explore._descent import (
    behaviour,
    learning_rate_explorer,
    optimizer_explorer,
)
from gdbook.explore._draw import Panel
from gdbook.explore._figure import Explorable, Frame, Slider, value_text
from gdbook.explore._sgd import sgd_noise_explorer

__all__ = [
    "Explorable",
    "Frame",
    "Panel",
    "Slider",
    "behaviour",
    "learning_rate_explorer",
    "optimizer_explorer",
    "sgd_noise_explorer",
    "value_text",
]

#: The first names of the explorers (gdbook 0.2), kept for one release.
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
